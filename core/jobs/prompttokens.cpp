// SPDX-License-Identifier: MIT
#include "jobs/prompttokens.h"

#include "jobs/resources.h"

#include "engine/tokenizer/cliptokenizer.h"
#include "engine/tokenizer/tokens.h"
#include "engine/tokenizer/unicodetext.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QMutex>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <locale>
#include <map>
#include <optional>
#include <sstream>

namespace easel {

struct PromptTokenCounter::State {
    explicit State(QString directory)
        : dir(std::move(directory))
    {
    }

    void ensureLoaded()
    {
        if (loaded.load(std::memory_order_acquire))
            return;
        QMutexLocker lock(&loadMutex);
        if (loaded.load(std::memory_order_relaxed))
            return;
        try {
            tokenizer = std::make_unique<engine::ClipTokenizer>(dir.toStdString());
            commaId = tokenizer->tokenId(",</w>");
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        loaded.store(true, std::memory_order_release);
    }

    const QString dir;
    QMutex loadMutex; // held while loading; tokenizer, commaId and error do not change once `loaded` is set
    std::unique_ptr<engine::ClipTokenizer> tokenizer;
    int64_t commaId = -1;
    QString error;
    std::atomic<bool> loaded { false };

    QMutex futureMutex;
    QFuture<void> future;
    bool started = false;
};

namespace {

    constexpr double kRoundMultiplier = 1.1;
    constexpr double kSquareMultiplier = 1 / 1.1;
    constexpr int kChunkTokens = engine::kClipChunkTokens;
    constexpr int kCommaBacktrack = 20; // A1111's comma_padding_backtrack, as engine/tokenizer/promptsyntax.cpp

    // tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
    // namespace, and the translation would not be found).
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::PromptTokenCounter)
    };

    std::shared_ptr<PromptTokenCounter::State> sharedState(const QString& directory)
    {
        static QMutex mutex;
        static QHash<QString, std::shared_ptr<PromptTokenCounter::State>> states;
        const QString key = QDir::cleanPath(QDir(directory).absolutePath());
        QMutexLocker lock(&mutex);
        auto& state = states[key];
        if (!state)
            state = std::make_shared<PromptTokenCounter::State>(key);
        return state;
    }

    // Length of the UTF-8 sequence that a lead byte starts (the text is valid UTF-8: QString::toStdString()).
    std::size_t sequenceLength(char lead)
    {
        const auto b = static_cast<unsigned char>(lead);
        return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    bool isDigit(char c) { return c >= '0' && c <= '9'; }

    // A run of the prompt's text with one weight, as engine::parsePromptAttention() returns it, and for
    // each of its bytes the byte of the prompt it comes from.
    struct Run {
        std::string text;
        std::vector<int> source;
        double weight = 1.0;

        bool isBreak() const { return text == "BREAK" && weight == -1; }
    };

    // engine::parsePromptAttention() (A1111's parse_prompt_attention) step by step, keeping where each byte
    // of the runs comes from. It must stay equal to the engine's: tst_prompttokens compares the chunks.
    class AttentionParser {
    public:
        explicit AttentionParser(const std::string& prompt)
            : s(prompt)
        {
        }

        std::vector<Run> parse()
        {
            for (std::size_t i = 0; i < s.size();) {
                switch (s[i]) {
                case '\\':
                    i = escape(i);
                    break;
                case '(':
                    round.push_back(res.size());
                    ++i;
                    break;
                case '[':
                    square.push_back(res.size());
                    ++i;
                    break;
                case ':':
                    i = weight(i);
                    break;
                case ')':
                    close(round, kRoundMultiplier, i);
                    ++i;
                    break;
                case ']':
                    close(square, kSquareMultiplier, i);
                    ++i;
                    break;
                default:
                    i = text(i);
                    break;
                }
            }
            for (std::size_t pos : round)
                multiplyRange(pos, kRoundMultiplier);
            for (std::size_t pos : square)
                multiplyRange(pos, kSquareMultiplier);
            // As the engine: weights beyond a float's range are refused.
            for (const Run& run : res) {
                if (!(std::abs(run.weight) <= double(std::numeric_limits<float>::max())) && error.isEmpty())
                    error = Tr::tr("the emphasis weights and brackets multiply to a weight too large to use");
            }
            if (res.empty())
                res.push_back({});
            mergeEqualWeights();
            return std::move(res);
        }

        QString error;

    private:
        void multiplyRange(std::size_t start, double multiplier)
        {
            for (std::size_t p = start; p < res.size(); ++p)
                res[p].weight *= multiplier;
        }

        void push(std::size_t start, std::size_t length, double weight = 1.0)
        {
            Run run;
            run.text = s.substr(start, length);
            run.source.resize(length);
            for (std::size_t k = 0; k < length; ++k)
                run.source[k] = int(start + k);
            run.weight = weight;
            res.push_back(std::move(run));
        }

        // appendText(): re.split(r"\s*\bBREAK\b\s*") with a {"BREAK", -1} run between the parts.
        void appendText(std::size_t start, std::size_t length)
        {
            const std::string text = s.substr(start, length);
            if (text.find("BREAK") == std::string::npos) {
                push(start, length);
                return;
            }
            const std::u32string cps = engine::unicode::decodeUtf8(text);
            std::vector<std::size_t> at; // byte offset (in the prompt) of each code point, and of the end
            at.reserve(cps.size() + 1);
            for (std::size_t b = 0; b < length; b += sequenceLength(text[b]))
                at.push_back(start + b);
            if (at.size() != cps.size()) { // not valid UTF-8: cannot happen with a QString's bytes
                push(start, length);
                return;
            }
            at.push_back(start + length);
            const std::u32string keyword = U"BREAK";
            std::size_t partStart = 0;
            for (std::size_t from = 0; from < cps.size(); ++from) {
                std::size_t j = from;
                while (j < cps.size() && engine::unicode::isSpace(cps[j]))
                    ++j;
                if (cps.compare(j, keyword.size(), keyword) != 0)
                    continue;
                const std::size_t after = j + keyword.size();
                if ((j > 0 && engine::unicode::isWord(cps[j - 1]))
                    || (after < cps.size() && engine::unicode::isWord(cps[after])))
                    continue;
                std::size_t end = after;
                while (end < cps.size() && engine::unicode::isSpace(cps[end]))
                    ++end;
                push(at[partStart], at[from] - at[partStart]);
                push(at[j], keyword.size(), -1);
                partStart = end;
                from = end - 1;
            }
            push(at[partStart], at[cps.size()] - at[partStart]);
        }

        std::size_t escape(std::size_t i)
        {
            const bool escaped = i + 1 < s.size() && std::string("()[]\\").find(s[i + 1]) != std::string::npos;
            push(i + 1, escaped ? 1 : 0);
            return i + (escaped ? 2 : 1);
        }

        std::size_t weight(std::size_t i)
        {
            std::size_t j = i + 1;
            if (j < s.size() && (s[j] == '+' || s[j] == '-'))
                ++j;
            std::size_t k = j;
            while (k < s.size() && (isDigit(s[k]) || s[k] == '.'))
                ++k;
            if (k <= j || k >= s.size() || s[k] != ')') {
                appendText(i, 1);
                return i + 1;
            }
            if (!round.empty()) {
                multiplyRange(round.back(), parseWeight(s.substr(i + 1, k - i - 1)));
                round.pop_back();
            } else {
                appendText(i, k + 1 - i);
            }
            return k + 1;
        }

        // As the engine's parseWeight(), which throws where this records the error and counts on.
        double parseWeight(const std::string& text)
        {
            const std::size_t start = (text[0] == '+' || text[0] == '-') ? 1 : 0;
            const auto digits = std::count_if(text.begin() + std::ptrdiff_t(start), text.end(), isDigit);
            const auto dots = std::count(text.begin() + std::ptrdiff_t(start), text.end(), '.');
            if (digits == 0 || dots > 1) {
                if (error.isEmpty())
                    error = Tr::tr("the emphasis weight '%1' is not a number").arg(QString::fromStdString(text));
                return 1.0;
            }
            std::istringstream in(text);
            in.imbue(std::locale::classic());
            double value = 0;
            in >> value;
            return value;
        }

        void close(std::vector<std::size_t>& open, double multiplier, std::size_t i)
        {
            if (open.empty()) {
                appendText(i, 1);
                return;
            }
            multiplyRange(open.back(), multiplier);
            open.pop_back();
        }

        std::size_t text(std::size_t i)
        {
            std::size_t j = i;
            while (j < s.size() && std::string("\\()[]:").find(s[j]) == std::string::npos)
                ++j;
            appendText(i, j - i);
            return j;
        }

        void mergeEqualWeights()
        {
            std::vector<Run> merged;
            merged.reserve(res.size());
            for (Run& run : res) {
                if (!merged.empty() && merged.back().weight == run.weight) {
                    merged.back().text += run.text;
                    merged.back().source.insert(merged.back().source.end(), run.source.begin(), run.source.end());
                } else {
                    merged.push_back(std::move(run));
                }
            }
            res = std::move(merged);
        }

        const std::string& s;
        std::vector<Run> res;
        std::vector<std::size_t> round;
        std::vector<std::size_t> square;
    };

    // Where the tokens of a run end in the run's text. The run is split at whitespace (CLIP's pre-tokenizer
    // never joins across it) and its words encoded alone, in order and only as far as needed; while that
    // gives the run's own tokens, which it does unless ftfy reads across words (an HTML entity on a line with
    // a '<'), a token is placed in its word exactly, else proportionally.
    class RunLayout {
    public:
        RunLayout(const engine::ClipTokenizer& tokenizer, const std::string& text, const std::vector<int64_t>& ids)
            : m_tokenizer(tokenizer)
            , m_text(text)
            , m_ids(ids)
        {
            const std::u32string cps = engine::unicode::decodeUtf8(text);
            std::size_t b = 0;
            std::size_t wordStart = std::string::npos;
            for (std::size_t c = 0; c <= cps.size(); ++c) {
                const bool space = c == cps.size() || engine::unicode::isSpace(cps[c]);
                if (space && wordStart != std::string::npos) {
                    m_words.push_back({ wordStart, b, {} });
                    wordStart = std::string::npos;
                } else if (!space && wordStart == std::string::npos) {
                    wordStart = b;
                }
                if (c < cps.size())
                    b += sequenceLength(text[b]);
            }
        }

        // The end (a byte of the run's text) of the characters that the run's tokens 0..index stand for.
        std::size_t tokenEnd(std::size_t index)
        {
            if (m_words.empty())
                return m_text.size();
            if (index + 1 >= m_ids.size())
                return m_words.back().end;
            while (!m_mismatch && m_encodedTokens <= index && m_encodedWords < m_words.size()) {
                Word& word = m_words[m_encodedWords];
                word.ids = m_tokenizer.encode(m_text.substr(word.begin, word.end - word.begin));
                m_mismatch = m_encodedTokens + word.ids.size() > m_ids.size()
                    || !std::equal(word.ids.begin(), word.ids.end(), m_ids.begin() + std::ptrdiff_t(m_encodedTokens));
                m_encodedTokens += word.ids.size();
                ++m_encodedWords;
            }
            if (!m_mismatch && m_encodedTokens > index) {
                std::size_t first = 0;
                for (std::size_t w = 0; w < m_encodedWords; ++w) {
                    const Word& word = m_words[w];
                    if (index < first + word.ids.size()) {
                        const std::size_t count = index + 1 - first;
                        return count == word.ids.size() ? word.end : insideWord(word, count);
                    }
                    first += word.ids.size();
                }
            }
            return proportional(0, m_text.size(), index + 1, m_ids.size());
        }

    private:
        struct Word {
            std::size_t begin;
            std::size_t end;
            std::vector<int64_t> ids;
        };

        // The end of the first `count` tokens of a word: the shortest prefix that encodes to exactly those
        // tokens ("cat," -> "cat"), or, where BPE splits a word inside ("photo|realistic"), a proportional guess.
        // Found by fuzzing: encoding every prefix of a long run of characters without a space (pasted data) took
        // seconds; words longer than any real one get the proportional guess.
        std::size_t insideWord(const Word& word, std::size_t count) const
        {
            constexpr std::size_t kMaxSearchedWord = 64; // bytes
            const std::vector<int64_t> head(word.ids.begin(), word.ids.begin() + std::ptrdiff_t(count));
            for (std::size_t p = word.begin + sequenceLength(m_text[word.begin]);
                 p < word.end && word.end - word.begin <= kMaxSearchedWord; p += sequenceLength(m_text[p])) {
                if (m_tokenizer.encode(m_text.substr(word.begin, p - word.begin)) == head)
                    return p;
            }
            return proportional(word.begin, word.end, count, word.ids.size());
        }

        // count/total of the way from begin to end, on a character boundary, past begin.
        std::size_t proportional(std::size_t begin, std::size_t end, std::size_t count, std::size_t total) const
        {
            std::size_t at = begin + (end - begin) * count / std::max<std::size_t>(total, 1);
            while (at < end && (static_cast<unsigned char>(m_text[at]) & 0xC0) == 0x80)
                ++at;
            return std::clamp(at, std::min(begin + 1, end), end);
        }

        const engine::ClipTokenizer& m_tokenizer;
        const std::string& m_text;
        const std::vector<int64_t>& m_ids;
        std::vector<Word> m_words;
        std::size_t m_encodedWords = 0;
        std::size_t m_encodedTokens = 0;
        bool m_mismatch = false;
    };

    // Maps byte offsets of prompt.toStdString() to QString indices.
    std::vector<int> utf16Offsets(const QString& prompt, const std::string& bytes)
    {
        std::vector<int> at(bytes.size() + 1, int(prompt.size()));
        std::size_t b = 0;
        for (int i = 0; i < prompt.size() && b < bytes.size();) {
            const std::size_t length = sequenceLength(bytes[b]);
            for (std::size_t k = 0; k < length && b + k < bytes.size(); ++k)
                at[b + k] = i;
            b += length;
            i += (prompt.at(i).isHighSurrogate() && i + 1 < prompt.size() && prompt.at(i + 1).isLowSurrogate()) ? 2 : 1;
        }
        return at;
    }

    // The token that ends a chunk: run and index in the run's ids; or, for a chunk with no token, where it ends.
    struct ChunkEnd {
        int tokens = 0;
        int run = -1;
        std::size_t index = 0;
        int emptyEnd = 0; // a byte of the prompt
    };

} // namespace

PromptTokenCounter::PromptTokenCounter()
    : PromptTokenCounter(resourcePath(QStringLiteral("clip")))
{
}

PromptTokenCounter::PromptTokenCounter(const QString& vocabularyDir)
    : m_state(sharedState(vocabularyDir))
{
}

QString PromptTokenCounter::vocabularyDir() const { return m_state->dir; }

QFuture<void> PromptTokenCounter::startLoading() const
{
    QMutexLocker lock(&m_state->futureMutex);
    if (!m_state->started) {
        std::shared_ptr<State> state = m_state;
        m_state->future = QtConcurrent::run([state] { state->ensureLoaded(); });
        m_state->started = true;
    }
    return m_state->future;
}

bool PromptTokenCounter::isLoaded() const { return m_state->loaded.load(std::memory_order_acquire); }

QString PromptTokenCounter::loadError() const { return isLoaded() ? m_state->error : QString(); }

PromptTokenCount PromptTokenCounter::count(const QString& prompt, PromptSyntax syntax) const
{
    m_state->ensureLoaded();
    PromptTokenCount result;
    if (!m_state->tokenizer) {
        result.error = m_state->error;
        return result;
    }
    const engine::ClipTokenizer& tokenizer = *m_state->tokenizer;
    const std::string bytes = prompt.toStdString();
    const std::vector<int> utf16 = utf16Offsets(prompt, bytes);
    result.valid = true;

    std::vector<Run> runs;
    if (syntax == PromptSyntax::Plain) {
        Run run;
        run.text = bytes;
        run.source.resize(bytes.size());
        for (std::size_t k = 0; k < bytes.size(); ++k)
            run.source[k] = int(k);
        runs.push_back(std::move(run));
    } else {
        AttentionParser parser(bytes);
        runs = parser.parse();
        result.error = parser.error;
    }

    // engine::tokenizePrompt()'s chunking, on token positions instead of ids.
    std::vector<std::vector<int64_t>> runIds(runs.size());
    std::vector<ChunkEnd> ends;
    std::vector<std::pair<int, std::size_t>> current; // (run, index) of the tokens of the chunk being filled
    int lastComma = -1;
    auto nextChunk = [&](int emptyEnd) {
        ChunkEnd end;
        end.tokens = int(current.size());
        if (!current.empty()) {
            end.run = current.back().first;
            end.index = current.back().second;
        }
        end.emptyEnd = emptyEnd;
        ends.push_back(end);
        current.clear();
        lastComma = -1;
    };
    for (std::size_t r = 0; r < runs.size(); ++r) {
        if (syntax == PromptSyntax::A1111 && runs[r].isBreak()) {
            nextChunk(runs[r].source.front());
            continue;
        }
        runIds[r] = tokenizer.encode(runs[r].text);
        result.tokens += int(runIds[r].size());
        if (syntax == PromptSyntax::Plain) {
            for (std::size_t t = 0; t < runIds[r].size() && t < std::size_t(kChunkTokens); ++t)
                current.emplace_back(int(r), t);
            result.droppedTokens = std::max(0, result.tokens - kChunkTokens);
            continue;
        }
        for (std::size_t t = 0; t < runIds[r].size(); ++t) {
            const int size = int(current.size());
            if (runIds[r][t] == m_state->commaId) {
                lastComma = size;
            } else if (size == kChunkTokens && lastComma != -1 && size - lastComma <= kCommaBacktrack) {
                // Words after the last comma move into the next chunk.
                std::vector<std::pair<int, std::size_t>> moved(current.begin() + lastComma + 1, current.end());
                current.resize(std::size_t(lastComma) + 1);
                nextChunk(0);
                current = std::move(moved);
            }
            if (int(current.size()) == kChunkTokens)
                nextChunk(0);
            current.emplace_back(int(r), t);
        }
    }
    if (!current.empty() || ends.empty())
        nextChunk(0);

    std::map<int, RunLayout> layouts;
    int previousEnd = 0;
    for (const ChunkEnd& end : ends) {
        PromptTokenChunk chunk;
        chunk.tokens = end.tokens;
        int byte = end.emptyEnd;
        if (end.run >= 0) {
            const Run& run = runs[std::size_t(end.run)];
            auto it = layouts.find(end.run);
            if (it == layouts.end())
                it = layouts.emplace(end.run, RunLayout(tokenizer, run.text, runIds[std::size_t(end.run)])).first;
            const std::size_t e = it->second.tokenEnd(end.index);
            byte = e == 0 || run.source.empty() ? 0 : run.source[std::min(e, run.source.size()) - 1] + 1;
        }
        // Where a run's words do not encode as the run does (text the tokenizer fixes), a chunk's end is a
        // proportional guess that may fall before the exact end of the chunk before it: never before it.
        chunk.endOffset = std::max(previousEnd, utf16[std::size_t(std::clamp(byte, 0, int(bytes.size())))]);
        previousEnd = chunk.endOffset;
        result.chunks.push_back(chunk);
    }
    return result;
}

} // namespace easel
