// SPDX-License-Identifier: MIT
#include "engine/tokenizer/unicodetext.h"

#include "engine/tokenizer/unicodetables.h"

#include <algorithm>
#include <array>

namespace easel::engine::unicode {

namespace {

    constexpr char32_t kReplacement = 0xFFFD;

    // Hangul syllables compose and decompose algorithmically (Unicode 14, section 3.12).
    constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
    constexpr int kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

    template <typename T> const T* findRange(const T* table, std::size_t size, char32_t cp)
    {
        const T* end = table + size;
        const T* it = std::upper_bound(table, end, cp, [](char32_t c, const T& r) { return c < r.first; });
        if (it == table)
            return nullptr;
        --it;
        return cp <= it->last ? it : nullptr;
    }

    std::uint8_t combiningClass(char32_t cp)
    {
        if (cp < 0x300)
            return 0;
        const CharRange* r = findRange(kCombiningClass, kCombiningClassSize, cp);
        return r ? r->value : 0;
    }

    void decompose(char32_t cp, std::u32string& out)
    {
        if (cp >= kSBase && cp < kSBase + kSCount) {
            const int s = int(cp - kSBase);
            out += char32_t(kLBase + s / kNCount);
            out += char32_t(kVBase + (s % kNCount) / kTCount);
            if (s % kTCount)
                out += char32_t(kTBase + s % kTCount);
            return;
        }
        const Decomposition* end = kDecompositions + kDecompositionsSize;
        const Decomposition* it
            = std::lower_bound(kDecompositions, end, cp, [](const Decomposition& d, char32_t c) { return d.cp < c; });
        if (it == end || it->cp != cp) {
            out += cp;
            return;
        }
        decompose(it->first, out);
        if (it->second)
            decompose(it->second, out);
    }

    char32_t compose(char32_t a, char32_t b)
    {
        if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
            return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
        if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
            return a + (b - kTBase);
        const Composition* end = kCompositions + kCompositionsSize;
        const Composition* it = std::lower_bound(kCompositions, end, std::make_pair(a, b),
            [](const Composition& c, const std::pair<char32_t, char32_t>& key) {
                return c.first < key.first || (c.first == key.first && c.second < key.second);
            });
        return it != end && it->first == a && it->second == b ? it->cp : 0;
    }

    char32_t simpleLower(char32_t cp)
    {
        if (cp < 0x80)
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        const LowerRun* end = kLowerRuns + kLowerRunsSize;
        const LowerRun* it
            = std::upper_bound(kLowerRuns, end, cp, [](char32_t c, const LowerRun& r) { return c < r.first; });
        if (it == kLowerRuns)
            return cp;
        --it;
        if (cp > it->last || (cp - it->first) % char32_t(it->stride) != 0)
            return cp;
        return char32_t(std::int64_t(cp) + it->delta);
    }

    bool isCased(char32_t cp) { return charFlags(cp) & Cased; }
    bool isCaseIgnorable(char32_t cp) { return charFlags(cp) & CaseIgnorable; }

    // CPython's handle_capital_sigma: cased (case-ignorable)* SIGMA not followed by (case-ignorable)* cased.
    bool isFinalSigma(const std::u32string& text, std::size_t i)
    {
        std::size_t j = i;
        char32_t c = 0;
        bool found = false;
        while (j > 0) {
            c = text[--j];
            if (!isCaseIgnorable(c)) {
                found = true;
                break;
            }
        }
        if (!found || !isCased(c))
            return false;
        for (j = i + 1; j < text.size(); ++j) {
            if (!isCaseIgnorable(text[j]))
                return !isCased(text[j]);
        }
        return true;
    }

} // namespace

std::u32string decodeUtf8(const std::string& text)
{
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            out += char32_t(b);
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2, cp = b & 0x1F, min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3, cp = b & 0x0F, min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4, cp = b & 0x07, min = 0x10000;
        }
        bool ok = len > 0 && i + len <= n;
        for (int k = 1; ok && k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = false;
        if (!ok) {
            out += kReplacement;
            ++i;
            while (i < n && (s[i] & 0xC0) == 0x80 && len > 0 && i < n)
                ++i, --len;
            continue;
        }
        out += cp;
        i += len;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::string encodeUtf8(const std::u32string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text)
        appendUtf8(out, cp);
    return out;
}

std::uint8_t charFlags(char32_t cp)
{
    static const std::array<std::uint8_t, 128> ascii = [] {
        std::array<std::uint8_t, 128> t {};
        for (char32_t c = 0; c < 128; ++c) {
            const CharRange* r = findRange(kCharFlags, kCharFlagsSize, c);
            t[c] = r ? r->value : 0;
        }
        return t;
    }();
    if (cp < 128)
        return ascii[cp];
    const CharRange* r = findRange(kCharFlags, kCharFlagsSize, cp);
    return r ? r->value : 0;
}

std::u32string toLower(const std::u32string& text)
{
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t cp = text[i];
        if (cp == 0x130) {
            out += U"i\u0307";
        } else if (cp == 0x3A3) {
            out += isFinalSigma(text, i) ? char32_t(0x3C2) : char32_t(0x3C3);
        } else {
            out += simpleLower(cp);
        }
    }
    return out;
}

std::u32string toNfc(const std::u32string& text)
{
    // Everything below U+0300 is already NFC and blocks nothing.
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x300; }))
        return text;

    std::u32string d;
    d.reserve(text.size() + 8);
    for (char32_t cp : text)
        decompose(cp, d);

    // Canonical ordering: stable sort of each run of non-starters by combining class.
    for (std::size_t i = 0; i < d.size();) {
        if (combiningClass(d[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < d.size() && combiningClass(d[j]) != 0)
            ++j;
        std::stable_sort(
            d.begin() + i, d.begin() + j, [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = j;
    }

    if (d.empty())
        return d;
    std::size_t starterPos = 0;
    int lastClass = combiningClass(d[0]);
    if (lastClass != 0)
        lastClass = 256; // a leading non-starter has no starter to compose with
    std::size_t outPos = 1;
    for (std::size_t i = 1; i < d.size(); ++i) {
        const char32_t ch = d[i];
        const int chClass = combiningClass(ch);
        const char32_t composite = lastClass == 256 ? 0 : compose(d[starterPos], ch);
        if (composite && (lastClass < chClass || lastClass == 0)) {
            d[starterPos] = composite;
            continue;
        }
        if (chClass == 0)
            starterPos = outPos;
        lastClass = chClass;
        d[outPos++] = ch;
    }
    d.resize(outPos);
    return d;
}

} // namespace easel::engine::unicode
