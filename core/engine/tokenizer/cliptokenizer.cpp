// SPDX-License-Identifier: MIT
#include "engine/tokenizer/cliptokenizer.h"

#include "engine/common/error.h"
#include "engine/tokenizer/textfixer.h"
#include "engine/tokenizer/unicodetext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>

namespace easel::engine {

namespace {

    // transformers reads merges.txt lines 1 .. 49152 - 256 - 2 (line 0 is the "#version" header).
    constexpr std::size_t kMaxMerges = 49152 - 256 - 2;
    // Bounds the BPE cache of a long-running process; prompts reuse a few thousand words at most.
    constexpr std::size_t kMaxCachedWords = 200000;

    std::string readFile(const std::string& path, const char* what)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw EngineError(fileError(path, std::string("cannot open the CLIP ") + what));
        std::ostringstream data;
        data << in.rdbuf();
        if (in.bad())
            throw EngineError(fileError(path, std::string("cannot read the CLIP ") + what));
        return data.str();
    }

    // GPT-2's bytes_to_unicode(): printable bytes stand for themselves, the others move to U+0100 and up.
    std::array<char32_t, 256> byteCharacters()
    {
        std::array<char32_t, 256> chars {};
        int next = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = printable ? char32_t(b) : char32_t(256 + next++);
        }
        return chars;
    }

    std::string tokenText(const nlohmann::json& value)
    {
        if (value.is_string())
            return value.get<std::string>();
        if (value.is_object() && value.contains("content") && value["content"].is_string())
            return value["content"].get<std::string>();
        return {};
    }

    nlohmann::json readJsonIfPresent(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return {};
        try {
            return nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            throw EngineError(fileError(path, std::string("invalid JSON: ") + e.what()));
        }
    }

    // CLIP's pre-tokenizer (transformers CLIPTokenizer.pat) over lowercased text:
    // <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
    std::vector<std::u32string> splitWords(const std::u32string& text)
    {
        static const std::u32string specials[] = { U"<|startoftext|>", U"<|endoftext|>" };
        static const std::u32string contractions[] = { U"'s", U"'t", U"'re", U"'ve", U"'m", U"'ll", U"'d" };
        std::vector<std::u32string> words;
        const std::size_t n = text.size();
        std::size_t pos = 0;
        auto startsWith = [&](const std::u32string& s) { return text.compare(pos, s.size(), s) == 0; };
        while (pos < n) {
            std::size_t len = 0;
            for (const auto& s : specials)
                if (!len && startsWith(s))
                    len = s.size();
            for (const auto& s : contractions)
                if (!len && startsWith(s))
                    len = s.size();
            if (!len) {
                const char32_t ch = text[pos];
                if (unicode::isLetter(ch)) {
                    while (pos + len < n && unicode::isLetter(text[pos + len]))
                        ++len;
                } else if (unicode::isNumber(ch)) {
                    len = 1;
                } else if (!unicode::isSpace(ch)) {
                    while (pos + len < n) {
                        const char32_t c = text[pos + len];
                        if (unicode::isSpace(c) || unicode::isLetter(c) || unicode::isNumber(c))
                            break;
                        ++len;
                    }
                }
            }
            if (len) {
                words.push_back(text.substr(pos, len));
                pos += len;
            } else {
                ++pos;
            }
        }
        return words;
    }

    // transformers' whitespace_clean: re.sub(r"\s+", " ", text).strip()
    std::u32string collapseWhitespace(const std::u32string& text)
    {
        std::u32string out;
        out.reserve(text.size());
        bool pendingSpace = false;
        for (char32_t ch : text) {
            if (unicode::isSpace(ch)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && !out.empty())
                out += U' ';
            pendingSpace = false;
            out += ch;
        }
        return out;
    }

} // namespace

struct ClipTokenizer::Cache {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<int64_t>> words;
};

ClipTokenizer::ClipTokenizer(const std::string& directory, ClipTokenizerOptions options)
    : m_cache(std::make_unique<Cache>())
{
    const std::string dir = directory.empty() || directory.back() == '/' ? directory : directory + "/";
    load(dir + "vocab.json", dir + "merges.txt", options);
}

ClipTokenizer::ClipTokenizer(const std::string& vocabPath, const std::string& mergesPath, ClipTokenizerOptions options)
    : m_cache(std::make_unique<Cache>())
{
    load(vocabPath, mergesPath, options);
}

ClipTokenizer::~ClipTokenizer() = default;
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;

ClipTokenizer ClipTokenizer::fromDiffusersFolder(const std::string& directory)
{
    const std::string dir = directory.empty() || directory.back() == '/' ? directory : directory + "/";
    const nlohmann::json config = readJsonIfPresent(dir + "tokenizer_config.json");
    const nlohmann::json specialMap = readJsonIfPresent(dir + "special_tokens_map.json");
    ClipTokenizerOptions options;
    auto special = [&](const char* key, std::string& target) {
        for (const nlohmann::json* source : { &config, &specialMap }) {
            if (source->is_object() && source->contains(key)) {
                const std::string text = tokenText((*source)[key]);
                if (!text.empty()) {
                    target = text;
                    return;
                }
            }
        }
    };
    special("bos_token", options.bosToken);
    special("eos_token", options.eosToken);
    special("pad_token", options.padToken);
    if (config.is_object() && config.contains("added_tokens_decoder") && config["added_tokens_decoder"].is_object()) {
        for (const auto& item : config["added_tokens_decoder"].items()) {
            const std::string text = tokenText(item.value());
            if (!text.empty())
                options.addedTokens.push_back(text);
        }
    }
    return ClipTokenizer(dir, options);
}

int ClipTokenizer::symbol(const std::string& text)
{
    const auto [it, inserted] = m_symbols.emplace(text, int(m_symbolIds.size()));
    if (inserted)
        m_symbolIds.push_back(m_unkId);
    return it->second;
}

void ClipTokenizer::load(
    const std::string& vocabPath, const std::string& mergesPath, const ClipTokenizerOptions& options)
{
    loadVocabulary(vocabPath, options);
    loadMerges(mergesPath);
    addSpecialTokens(vocabPath, options);
}

// vocab.json: the symbols and their ids, the special tokens' ids, and the byte symbols.
void ClipTokenizer::loadVocabulary(const std::string& vocabPath, const ClipTokenizerOptions& options)
{
    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(readFile(vocabPath, "vocabulary"));
    } catch (const nlohmann::json::exception& e) {
        throw EngineError(
            fileError(vocabPath, std::string("not a valid CLIP vocabulary (JSON error: ") + e.what() + ")"));
    }
    if (!vocab.is_object() || vocab.empty())
        throw EngineError(fileError(vocabPath, "not a valid CLIP vocabulary: expected a JSON object of token ids"));
    m_symbols.reserve(vocab.size() * 2);
    m_symbolIds.reserve(vocab.size() * 2);
    for (const auto& item : vocab.items()) {
        if (!item.value().is_number_integer())
            throw EngineError(
                fileError(vocabPath, "not a valid CLIP vocabulary: the id of '" + item.key() + "' is not an integer"));
        m_symbols.emplace(item.key(), int(m_symbolIds.size()));
        m_symbolIds.push_back(item.value().get<int64_t>());
    }
    m_vocabularySize = vocab.size();

    auto requireToken = [&](const std::string& token, const char* role) {
        const int64_t id = tokenId(token);
        if (id < 0)
            throw EngineError(
                fileError(vocabPath, std::string("the CLIP vocabulary lacks the ") + role + " token '" + token + "'"));
        return id;
    };
    m_bosId = requireToken(options.bosToken, "start");
    m_eosId = requireToken(options.eosToken, "end");
    m_padId = requireToken(options.padToken, "padding");
    m_unkId = m_eosId; // CLIP's unk_token is <|endoftext|>

    const std::array<char32_t, 256> chars = byteCharacters();
    for (int b = 0; b < 256; ++b) {
        std::string s;
        unicode::appendUtf8(s, chars[b]);
        m_byteSymbols[b] = symbol(s);
        m_byteEndSymbols[b] = symbol(s + "</w>");
    }
}

// merges.txt: the BPE merges in rank order (the first line is a version comment).
void ClipTokenizer::loadMerges(const std::string& mergesPath)
{
    const std::string merges = readFile(mergesPath, "merges");
    std::istringstream lines(merges);
    std::string line;
    std::size_t lineNumber = 0;
    std::size_t rank = 0;
    while (rank < kMaxMerges && std::getline(lines, line)) {
        if (lineNumber++ == 0)
            continue;
        std::istringstream fields(line);
        std::string left, right, extra;
        if (!(fields >> left)) {
            // transformers strips the file, so only trailing blank lines are harmless.
            if (lines.peek() == std::char_traits<char>::eof())
                break;
            throw EngineError(
                fileError(mergesPath, "not a valid CLIP merges file: empty line " + std::to_string(lineNumber)));
        }
        if (!(fields >> right) || (fields >> extra))
            throw EngineError(fileError(mergesPath,
                "not a valid CLIP merges file: line " + std::to_string(lineNumber) + " is not a pair of symbols"));
        const int a = symbol(left);
        const int b = symbol(right);
        const int merged = symbol(left + right);
        // A repeated pair takes its last rank, as dict(zip(merges, range(...))) does.
        m_merges.insert_or_assign((uint64_t(uint32_t(a)) << 32) | uint32_t(b), std::make_pair(int(rank), merged));
        ++rank;
    }
    if (rank == 0)
        throw EngineError(fileError(mergesPath, "not a valid CLIP merges file: no merges"));
}

// The tokens matched literally before BPE (bos, eos, padding and the model's added tokens).
void ClipTokenizer::addSpecialTokens(const std::string& vocabPath, const ClipTokenizerOptions& options)
{
    std::vector<std::string> added = { options.bosToken, options.eosToken, options.padToken };
    added.insert(added.end(), options.addedTokens.begin(), options.addedTokens.end());
    for (const std::string& token : added) {
        if (token.empty() || m_addedTokenIds.count(token))
            continue;
        const int64_t id = tokenId(token);
        if (id < 0)
            throw EngineError(fileError(vocabPath, "the CLIP vocabulary lacks the added token '" + token + "'"));
        m_addedTokenIds.emplace(token, id);
        m_addedTokens.push_back(token);
    }
    std::stable_sort(m_addedTokens.begin(), m_addedTokens.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

    // transformers seeds its BPE cache with the two specials, so the pre-tokenizer's literal matches map to them.
    for (const char* special : { "<|startoftext|>", "<|endoftext|>" }) {
        const int64_t id = tokenId(special);
        if (id >= 0)
            m_cache->words[special] = { id };
    }
}

int64_t ClipTokenizer::tokenId(const std::string& token) const
{
    const auto it = m_symbols.find(token);
    if (it == m_symbols.end() || size_t(it->second) >= m_vocabularySize)
        return -1;
    return m_symbolIds[size_t(it->second)];
}

std::vector<int64_t> ClipTokenizer::bpe(const std::string& word) const
{
    {
        std::lock_guard<std::mutex> lock(m_cache->mutex);
        const auto it = m_cache->words.find(word);
        if (it != m_cache->words.end())
            return it->second;
    }

    std::vector<int> symbols;
    symbols.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto byte = static_cast<unsigned char>(word[i]);
        symbols.push_back(i + 1 == word.size() ? m_byteEndSymbols[byte] : m_byteSymbols[byte]);
    }
    std::vector<int> next;
    while (symbols.size() > 1) {
        int bestRank = std::numeric_limits<int>::max();
        uint64_t bestPair = 0;
        int bestMerged = -1;
        for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
            const uint64_t key = (uint64_t(uint32_t(symbols[i])) << 32) | uint32_t(symbols[i + 1]);
            const auto it = m_merges.find(key);
            if (it != m_merges.end() && it->second.first < bestRank) {
                bestRank = it->second.first;
                bestPair = key;
                bestMerged = it->second.second;
            }
        }
        if (bestMerged < 0)
            break;
        const int first = int(bestPair >> 32);
        const int second = int(bestPair & 0xFFFFFFFFu);
        next.clear();
        for (std::size_t i = 0; i < symbols.size();) {
            if (symbols[i] == first && i + 1 < symbols.size() && symbols[i + 1] == second) {
                next.push_back(bestMerged);
                i += 2;
            } else {
                next.push_back(symbols[i++]);
            }
        }
        symbols.swap(next);
    }

    std::vector<int64_t> ids;
    ids.reserve(symbols.size());
    for (int s : symbols)
        ids.push_back(m_symbolIds[size_t(s)]);

    std::lock_guard<std::mutex> lock(m_cache->mutex);
    if (m_cache->words.size() >= kMaxCachedWords)
        m_cache->words.clear();
    m_cache->words.emplace(word, ids);
    return ids;
}

void ClipTokenizer::encodePiece(const std::string& text, std::vector<int64_t>& out) const
{
    const std::u32string cleaned = unicode::toLower(collapseWhitespace(fixText(unicode::decodeUtf8(text))));
    for (const std::u32string& word : splitWords(cleaned)) {
        const std::vector<int64_t> ids = bpe(unicode::encodeUtf8(word));
        out.insert(out.end(), ids.begin(), ids.end());
    }
}

std::vector<int64_t> ClipTokenizer::encode(const std::string& text) const
{
    std::vector<int64_t> ids;
    std::size_t pieceStart = 0;
    std::size_t pos = 0;
    // Added tokens are matched on the raw text, before any normalisation (transformers' tokens_trie).
    while (pos < text.size()) {
        const std::string* match = nullptr;
        for (const std::string& token : m_addedTokens) {
            if (text.compare(pos, token.size(), token) == 0) {
                match = &token;
                break;
            }
        }
        if (!match) {
            ++pos;
            continue;
        }
        if (pos > pieceStart)
            encodePiece(text.substr(pieceStart, pos - pieceStart), ids);
        ids.push_back(m_addedTokenIds.at(*match));
        pos += match->size();
        pieceStart = pos;
    }
    if (pieceStart < text.size())
        encodePiece(text.substr(pieceStart), ids);
    return ids;
}

PaddedTokens ClipTokenizer::tokenizePadded(const std::string& text) const
{
    const std::vector<int64_t> ids = encode(text);
    const std::size_t count = std::min<std::size_t>(ids.size(), kClipChunkTokens);
    PaddedTokens out;
    out.ids.fill(m_padId);
    out.ids[0] = m_bosId;
    std::copy_n(ids.begin(), count, out.ids.begin() + 1);
    out.ids[count + 1] = m_eosId;
    std::fill_n(out.attentionMask.begin(), count + 2, 1);
    return out;
}

} // namespace easel::engine
