// SPDX-License-Identifier: MIT
#include "engine/tokenizer/promptsyntax.h"

#include "engine/common/error.h"
#include "engine/tokenizer/cliptokenizer.h"
#include "engine/tokenizer/unicodetext.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <locale>
#include <sstream>

namespace easel::engine {

namespace {

    constexpr double kRoundMultiplier = 1.1;
    constexpr double kSquareMultiplier = 1 / 1.1;
    constexpr int kCommaBacktrack = 20;

    bool isDigit(char c) { return c >= '0' && c <= '9'; }

    // Python float() of what A1111's ":([+-]?[.\d]+)\)" captured.
    double parseWeight(const std::string& text)
    {
        const std::size_t start = (text[0] == '+' || text[0] == '-') ? 1 : 0;
        const std::size_t digits = std::count_if(text.begin() + start, text.end(), isDigit);
        const std::size_t dots = std::count(text.begin() + start, text.end(), '.');
        if (digits == 0 || dots > 1)
            throw EngineError("prompt: the emphasis weight '" + text + "' is not a number");
        std::istringstream in(text);
        in.imbue(std::locale::classic()); // the application's locale may use a decimal comma
        double value = 0;
        in >> value;
        return value;
    }

    // re.split(r"\s*\bBREAK\b\s*", text)
    std::vector<std::string> splitBreaks(const std::string& text)
    {
        if (text.find("BREAK") == std::string::npos)
            return { text };
        const std::u32string s = unicode::decodeUtf8(text);
        const std::u32string keyword = U"BREAK";
        std::vector<std::string> parts;
        std::size_t partStart = 0;
        for (std::size_t start = 0; start < s.size(); ++start) {
            std::size_t j = start;
            while (j < s.size() && unicode::isSpace(s[j]))
                ++j;
            if (s.compare(j, keyword.size(), keyword) != 0)
                continue;
            const std::size_t after = j + keyword.size();
            if ((j > 0 && unicode::isWord(s[j - 1])) || (after < s.size() && unicode::isWord(s[after])))
                continue;
            std::size_t end = after;
            while (end < s.size() && unicode::isSpace(s[end]))
                ++end;
            parts.push_back(unicode::encodeUtf8(s.substr(partStart, start - partStart)));
            partStart = end;
            start = end - 1;
        }
        parts.push_back(unicode::encodeUtf8(s.substr(partStart)));
        return parts;
    }

} // namespace

namespace {

// A1111's parse_prompt_attention as a small state machine: the text pieces so far and the open
// brackets (the index of the first piece each one covers).
class AttentionParser {
public:
    explicit AttentionParser(const std::string& prompt)
        : s(prompt)
    {
    }

    std::vector<WeightedText> parse()
    {
        // The alternatives of A1111's re_attention, tried in its order at each position.
        for (std::size_t i = 0; i < s.size();) {
            switch (s[i]) {
            case '\\': i = escape(i); break;
            case '(': round.push_back(res.size()); ++i; break;
            case '[': square.push_back(res.size()); ++i; break;
            case ':': i = weight(i); break;
            case ')': close(round, kRoundMultiplier, ")"); ++i; break;
            case ']': close(square, kSquareMultiplier, "]"); ++i; break;
            default: i = text(i); break;
            }
        }
        for (std::size_t pos : round)
            multiplyRange(pos, kRoundMultiplier);
        for (std::size_t pos : square)
            multiplyRange(pos, kSquareMultiplier);
        // Found by fuzzing: huge weights, or hundreds of nested brackets, multiply past what the text
        // encoder's float weights hold, and an infinite weight gives a NaN image without a word.
        for (const WeightedText& run : res) {
            if (!(std::abs(run.weight) <= double(std::numeric_limits<float>::max())))
                throw EngineError("prompt: the emphasis weights and brackets multiply to a weight too large to use");
        }
        if (res.empty())
            res.push_back({ "", 1.0 });
        mergeEqualWeights();
        return res;
    }

private:
    void multiplyRange(std::size_t start, double multiplier)
    {
        for (std::size_t p = start; p < res.size(); ++p)
            res[p].weight *= multiplier;
    }

    void appendText(const std::string& text)
    {
        const std::vector<std::string> parts = splitBreaks(text);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i > 0)
                res.push_back({ "BREAK", -1 });
            res.push_back({ parts[i], 1.0 });
        }
    }

    // "\\(" and the like: the character itself; a lone backslash: nothing.
    std::size_t escape(std::size_t i)
    {
        const bool escaped = i + 1 < s.size() && std::string("()[]\\").find(s[i + 1]) != std::string::npos;
        res.push_back({ escaped ? std::string(1, s[i + 1]) : std::string(), 1.0 });
        return i + (escaped ? 2 : 1);
    }

    // ":1.2)" closes the innermost "(" with that weight; a ":" that starts no weight is text.
    std::size_t weight(std::size_t i)
    {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-'))
            ++j;
        std::size_t k = j;
        while (k < s.size() && (isDigit(s[k]) || s[k] == '.'))
            ++k;
        if (k <= j || k >= s.size() || s[k] != ')') {
            appendText(":");
            return i + 1;
        }
        if (!round.empty()) {
            multiplyRange(round.back(), parseWeight(s.substr(i + 1, k - i - 1)));
            round.pop_back();
        } else {
            appendText(s.substr(i, k + 1 - i));
        }
        return k + 1;
    }

    // ")" or "]": applies the bracket's multiplier, or is text when none is open.
    void close(std::vector<std::size_t>& open, double multiplier, const char* bracket)
    {
        if (open.empty()) {
            appendText(bracket);
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
        appendText(s.substr(i, j - i));
        return j;
    }

    void mergeEqualWeights()
    {
        for (std::size_t i = 0; i + 1 < res.size();) {
            if (res[i].weight == res[i + 1].weight) {
                res[i].text += res[i + 1].text;
                res.erase(res.begin() + std::ptrdiff_t(i) + 1);
            } else {
                ++i;
            }
        }
    }

    const std::string& s;
    std::vector<WeightedText> res;
    std::vector<std::size_t> round;
    std::vector<std::size_t> square;
};

} // namespace

std::vector<WeightedText> parsePromptAttention(const std::string& prompt)
{
    return AttentionParser(prompt).parse();
}

TokenizedPrompt tokenizePrompt(const ClipTokenizer& tokenizer, const std::string& prompt, PromptSyntax syntax)
{
    if (syntax == PromptSyntax::Plain) {
        const PaddedTokens padded = tokenizer.tokenizePadded(prompt);
        TokenChunk chunk;
        chunk.ids = padded.ids;
        chunk.weights.fill(1.0f);
        return { chunk };
    }

    const int64_t comma = tokenizer.tokenId(",</w>");
    TokenizedPrompt chunks;
    std::vector<int64_t> ids;
    std::vector<float> weights;
    int lastComma = -1;

    auto nextChunk = [&]() {
        TokenChunk chunk;
        chunk.ids.fill(tokenizer.padId());
        chunk.weights.fill(1.0f);
        chunk.ids[0] = tokenizer.bosId();
        std::copy(ids.begin(), ids.end(), chunk.ids.begin() + 1);
        std::copy(weights.begin(), weights.end(), chunk.weights.begin() + 1);
        chunk.ids[ids.size() + 1] = tokenizer.eosId();
        chunks.push_back(chunk);
        ids.clear();
        weights.clear();
        lastComma = -1;
    };

    for (const WeightedText& part : parsePromptAttention(prompt)) {
        if (part.text == "BREAK" && part.weight == -1) {
            nextChunk();
            continue;
        }
        const float weight = float(part.weight);
        for (int64_t token : tokenizer.encode(part.text)) {
            if (token == comma) {
                lastComma = int(ids.size());
            } else if (int(ids.size()) == kClipChunkTokens && lastComma != -1
                && int(ids.size()) - lastComma <= kCommaBacktrack) {
                // Move the words after the last comma into the next chunk rather than cutting them.
                const std::size_t breakAt = std::size_t(lastComma) + 1;
                std::vector<int64_t> movedIds(ids.begin() + std::ptrdiff_t(breakAt), ids.end());
                std::vector<float> movedWeights(weights.begin() + std::ptrdiff_t(breakAt), weights.end());
                ids.resize(breakAt);
                weights.resize(breakAt);
                nextChunk();
                ids = std::move(movedIds);
                weights = std::move(movedWeights);
            }
            if (int(ids.size()) == kClipChunkTokens)
                nextChunk();
            ids.push_back(token);
            weights.push_back(weight);
        }
    }
    if (!ids.empty() || chunks.empty())
        nextChunk();
    return chunks;
}

} // namespace easel::engine
