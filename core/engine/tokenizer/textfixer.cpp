// SPDX-License-Identifier: MIT
#include "engine/tokenizer/textfixer.h"

#include "engine/tokenizer/unicodetables.h"
#include "engine/tokenizer/unicodetext.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace easel::engine {

namespace {

    using unicode::kCharmapEncodings;
    using unicode::kCharmapEncodingsSize;

    std::u32string range(char32_t first, char32_t last)
    {
        std::u32string s;
        for (char32_t c = first; c <= last; ++c)
            s += c;
        return s;
    }

    // ---- ftfy.badness: the character categories of mojibake and the sequences that give it away ----

    struct Element {
        enum Kind { Set, NotSet, Space, OptionalSpace, Word, AnyButNewline, Begin } kind;
        std::u32string chars;
    };
    using Pattern = std::vector<Element>;

    Element set(const std::u32string& chars) { return { Element::Set, chars }; }

    // The sets are searched once per character of every prompt: sorted, a binary search instead of a scan.
    std::vector<Pattern> sortedSets(std::vector<Pattern> patterns)
    {
        for (Pattern& pattern : patterns) {
            for (Element& element : pattern) {
                std::sort(element.chars.begin(), element.chars.end());
                element.chars.erase(std::unique(element.chars.begin(), element.chars.end()), element.chars.end());
            }
        }
        return patterns;
    }

    struct Categories {
        std::u32string common = U"\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019";
        std::u32string c1 = range(0x80, 0x9f);
        std::u32string bad
            = U"\u00a6\u00a4\u00a8\u00ac\u00af\u00b6\u00a7\u00b8\u0192\u02c6\u02c7\u02d8\u02db\u02dc\u2020\u2021"
              U"\u2030\u2310\u25ca\ufffd\u00aa\u00ba";
        std::u32string currency = U"\u00a2\u00a3\u00a5\u20a7\u20ac";
        std::u32string start = U"\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a\u201c\u201e\u2022\u2039\uf8ff";
        std::u32string end = U"\u00ae\u00bb\u02dd\u201d\u203a\u2122";
        std::u32string numeric = U"\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5\u00f7\u2044\u2202\u2206\u220f"
                                 U"\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2116";
        std::u32string kaomoji
            = range(0xd2, 0xd6) + range(0xd9, 0xdc) + range(0xf2, 0xf6) + range(0xf8, 0xfc) + U"\u0150\u00b0";
        std::u32string upperAccented = range(0xc0, 0xd1)
            + U"\u00d8\u00dc\u00dd\u0102\u0104\u0106\u010c\u010e\u0110\u0118\u011a\u011e\u0130\u0139\u013d\u0141\u0143"
              U"\u0147"
              U"\u0152\u0158\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178\u0179\u017b\u017d\u0490";
        std::u32string lowerAccented = U"\u00df" + range(0xe0, 0xf1)
            + U"\u0103\u0105\u0107\u010d\u010f\u0111\u0119\u011b\u011f\u013a\u013e\u0142\u0153\u0155\u015b\u015f\u0161"
              U"\u0165"
              U"\u00fc\u017a\u017c\u017e\u0491\ufb01\ufb02";
        std::u32string upperCommon = U"\u00de" + range(0x391, 0x3a9)
            + U"\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u03aa\u03ab" + range(0x401, 0x42f);
        std::u32string lowerCommon = range(0x3b1, 0x3c9) + U"\u03ac\u03ad\u03ae\u03af\u03b0" + range(0x430, 0x45f);
        std::u32string box = U"\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c" + range(0x2550, 0x256c)
            + U"\u2580\u2584\u2588\u258c\u2590\u2591\u2592\u2593";
    };

    std::vector<Pattern> buildBadnessPatterns()
    {
        const Categories c;
        const std::u32string az = range('a', 'z');
        const std::u32string azAZ = az + range('A', 'Z');
        const std::u32string arabic
            = c.common + c.currency + c.bad + c.numeric + c.start + U"\u0178\u0160\u00ae\u00b0\u00b5\u00bb";
        const std::u32string cyr = U"\u0412\u0413\u0420\u0421";
        const std::u32string greek = U"\u0392\u0393\u039e\u039f";
        return {
            { set(c.c1) },
            { set(c.bad + c.lowerAccented + c.upperAccented + c.box + c.start + c.end + c.currency + c.numeric),
                set(c.bad) },
            { set(azAZ), set(c.lowerCommon + c.upperCommon), set(c.bad) },
            { set(c.bad), set(c.lowerAccented + c.upperAccented + c.box + c.start + c.end + c.currency + c.numeric) },
            { set(c.lowerAccented + c.lowerCommon + c.box + c.end + c.currency + c.numeric), set(c.upperAccented) },
            { set(c.box + c.end + c.currency + c.numeric), set(c.lowerAccented) },
            { set(c.lowerAccented + c.box + c.end), set(c.currency) },
            { { Element::Space, {} }, set(c.upperAccented), set(c.currency) },
            { set(c.upperAccented + c.box), set(c.numeric) },
            { set(c.lowerAccented + c.upperAccented + c.box + c.currency + c.end), set(c.start), set(c.numeric) },
            { set(c.lowerAccented + c.upperAccented + c.currency + c.numeric + c.box), set(c.end), set(c.start) },
            { set(c.currency + c.numeric + c.box), set(c.start) },
            { set(az), set(c.upperAccented), set(c.start + c.currency) },
            { set(c.box), set(c.kaomoji) },
            { set(c.lowerAccented + c.upperAccented + c.currency + c.numeric + c.start + c.end), set(c.box) },
            { set(c.box), set(c.end) },
            { set(c.lowerAccented + c.upperAccented), set(c.end), { Element::Word, {} } },
            { set(U"\u0152\u0153"), { Element::NotSet, azAZ } },
            { set(U"\u00c2\u00c3\u00ce\u00d0"),
                set(U"\u20ac\u0160\u0161\u00a2\u00a3\u0178\u017e\u00a0\u00ad\u00ae\u00a9\u00b0\u00b7\u00bb" + c.start
                    + c.end + U"\u2013\u2014\u00b4") },
            { set(U"\u00d7"), set(U"\u00b2\u00b3") },
            { set(U"\u00d8\u00d9"), set(arabic), set(U"\u00d8\u00d9"), set(arabic) },
            { set(U"\u00e0"), set(U"\u00b2\u00b5\u00b9\u00bc\u00bd\u00be") },
            { set(U"\u221a"), set(U"\u00b1\u2202\u2020\u2260\u00ae\u2122\u00b4\u2264\u2265\u00a5\u00b5\u00f8") },
            { set(U"\u2248"), set(U"\u00b0\u00a2") },
            { set(U"\u201a"), set(U"\u00c4"),
                set(U"\u00ec\u00ee\u00ef\u00f2\u00f4\u00fa\u00f9\u00fb\u2020\u00b0\u00a2\u03c0") },
            { set(U"\u201a"), set(U"\u00e2\u00f3"), set(U"\u00e0\u00e4\u00b0\u00ea") },
            { set(U"\u0432"), set(U"\u0402") },
            { set(cyr), set(c.c1 + c.bad + c.start + c.end + c.currency + U"\u00b0\u00b5"), set(cyr) },
            { set(U"\u0413"), set(U"\u045e"), set(U"\u0412"), set(U"\u0402"), set(U"\u0412"),
                { Element::AnyButNewline, {} }, set(azAZ + U" ") },
            { set(U"\u00c3"), set(U"\u00a0\u00a1") },
            { set(az), { Element::OptionalSpace, {} }, set(U"\u00c3\u00c2"), set(U" ") },
            { { Element::Begin, {} }, set(U"\u00c3\u00c2"), set(U" ") },
            { set(az + U".,?!" + c.end), set(U"\u00c2"), set(U" " + c.start + c.end) },
            { set(U"\u03b2"), set(U"\u20ac"), set(U"\u2122\u00a0\u0386\u00ad\u00ae\u00b0") },
            { set(greek), set(c.c1 + c.bad + c.start + c.end + c.currency + U"\u00b0"), set(greek) },
        };
    }

    bool matchElements(const Pattern& p, std::size_t e, const std::u32string& text, std::size_t pos)
    {
        if (e == p.size())
            return true;
        const Element& el = p[e];
        switch (el.kind) {
        case Element::Begin:
            return pos == 0 && matchElements(p, e + 1, text, pos);
        case Element::OptionalSpace:
            if (pos < text.size() && unicode::isSpace(text[pos]) && matchElements(p, e + 1, text, pos + 1))
                return true;
            return matchElements(p, e + 1, text, pos);
        default:
            break;
        }
        if (pos >= text.size())
            return false;
        const char32_t ch = text[pos];
        bool ok = false;
        switch (el.kind) {
        case Element::Set:
            ok = std::binary_search(el.chars.begin(), el.chars.end(), ch);
            break;
        case Element::NotSet:
            ok = !std::binary_search(el.chars.begin(), el.chars.end(), ch);
            break;
        case Element::Space:
            ok = unicode::isSpace(ch);
            break;
        case Element::Word:
            ok = unicode::isWord(ch);
            break;
        case Element::AnyButNewline:
            ok = ch != U'\n';
            break;
        default:
            break;
        }
        return ok && matchElements(p, e + 1, text, pos + 1);
    }

    // ---- ftfy.chardata.UTF8_DETECTOR_RE: runs of characters that look like UTF-8 read as a single-byte encoding ----

    struct Utf8Clues {
        std::u32string firstOf2
            = U"\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u00d0"
              U"\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u00dd\u00de\u00df"
              U"\u0102\u0106\u010c\u010e\u0110\u0118\u011a\u011e\u0130\u0139\u0143\u0147\u0150\u0158\u015e"
              U"\u0162\u016e\u0170"
            + range(0x392, 0x3a1) + range(0x3a3, 0x3ab) + U"\u03ac\u03ad\u03ae\u03af" + range(0x412, 0x42f);
        std::u32string firstOf3 = range(0xe0, 0xef) + U"\u0103\u0107\u010d\u010f\u0119\u011b\u013a\u0155\u03b0"
            + range(0x3b1, 0x3bf) + range(0x430, 0x43f);
        std::u32string firstOf4 = U"\u00f0\u00f3\u0111\u011f\u03c0\u03c3\u0440\u0443";
        std::u32string continuation = range(0x80, 0xbf)
            + U"\u0104\u0105\u013d\u013e\u0141\u0142\u0152\u0153\u015a\u015b\u015e\u015f\u0160\u0161\u0164\u0165\u0178"
              U"\u0179"
              U"\u017a\u017b\u017c\u017d\u017e\u0192\u02c6\u02c7\u02d8\u02db\u02dc\u02dd\u0384\u0385"
              U"\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u0401\u0402\u0403\u0404\u0405\u0406\u0407\u0408\u0409\u040a"
              U"\u040b"
              U"\u040c\u040e\u040f\u0451\u0452\u0453\u0454\u0455\u0456\u0457\u0458\u0459\u045a\u045b\u045c\u045e\u045f"
              U"\u0490"
              U"\u0491\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a"
              U"\u20ac"
              U"\u2116\u2122 ";
    };

    const Utf8Clues& utf8Clues()
    {
        static const Utf8Clues clues;
        return clues;
    }

    // Length of one "UTF-8 lookalike" unit at pos, or 0.
    std::size_t utf8UnitAt(const std::u32string& text, std::size_t pos)
    {
        const Utf8Clues& c = utf8Clues();
        auto continuations = [&](std::size_t from, std::size_t count) {
            for (std::size_t k = 0; k < count; ++k) {
                if (from + k >= text.size() || c.continuation.find(text[from + k]) == std::u32string::npos)
                    return false;
            }
            return true;
        };
        const char32_t ch = text[pos];
        if (c.firstOf2.find(ch) != std::u32string::npos && continuations(pos + 1, 1))
            return 2;
        if (c.firstOf3.find(ch) != std::u32string::npos && continuations(pos + 1, 2))
            return 3;
        if (c.firstOf4.find(ch) != std::u32string::npos && continuations(pos + 1, 3))
            return 4;
        return 0;
    }

    // ---- byte-level patterns of ftfy.chardata (ALTERED_UTF8_RE, LOSSY_UTF8_RE) ----

    struct ByteSet {
        bool bits[256] {};
    };
    ByteSet bytes(std::initializer_list<std::pair<int, int>> ranges)
    {
        ByteSet s;
        for (const auto& [a, b] : ranges)
            for (int v = a; v <= b; ++v)
                s.bits[v] = true;
        return s;
    }
    using BytePattern = std::vector<ByteSet>;

    std::size_t matchBytes(const std::vector<BytePattern>& alternatives, const std::string& data, std::size_t pos)
    {
        for (const BytePattern& p : alternatives) {
            if (pos + p.size() > data.size())
                continue;
            bool ok = true;
            for (std::size_t k = 0; ok && k < p.size(); ++k)
                ok = p[k].bits[static_cast<unsigned char>(data[pos + k])];
            if (ok)
                return p.size();
        }
        return 0;
    }

    const std::vector<BytePattern>& alteredUtf8()
    {
        static const std::vector<BytePattern> p = [] {
            const ByteSet sp = bytes({ { 0x20, 0x20 } });
            const ByteSet cont = bytes({ { 0x80, 0xbf } });
            const ByteSet lead3 = bytes({ { 0xe0, 0xef } });
            const ByteSet f0 = bytes({ { 0xf0, 0xf0 } });
            return std::vector<BytePattern> {
                { bytes({ { 0xc2, 0xc3 }, { 0xc5, 0xc5 }, { 0xce, 0xce }, { 0xd0, 0xd0 } }), sp },
                { lead3, sp, cont },
                { lead3, cont, sp },
                { f0, sp, cont, cont },
                { f0, cont, sp, cont },
                { f0, cont, cont, sp },
            };
        }();
        return p;
    }

    const std::vector<BytePattern>& lossyUtf8()
    {
        static const std::vector<BytePattern> p = [] {
            const ByteSet sub = bytes({ { 0x1a, 0x1a } });
            const ByteSet subQ = bytes({ { 0x1a, 0x1a }, { '?', '?' } });
            const ByteSet subCont = bytes({ { 0x1a, 0x1a }, { 0x80, 0xbf } });
            const ByteSet subQCont = bytes({ { 0x1a, 0x1a }, { '?', '?' }, { 0x80, 0xbf } });
            const ByteSet ed = bytes({ { 0xed, 0xed } });
            const ByteSet lead3 = bytes({ { 0xe0, 0xef } });
            const ByteSet lead4 = bytes({ { 0xf0, 0xf4 } });
            return std::vector<BytePattern> {
                { bytes({ { 0xc2, 0xdf } }), sub },
                { bytes({ { 0xc2, 0xc3 } }), bytes({ { '?', '?' } }) },
                { ed, bytes({ { 0xa0, 0xaf } }), subQ, ed, bytes({ { 0xb0, 0xbf } }), subQCont },
                { ed, bytes({ { 0xa0, 0xaf } }), subQCont, ed, bytes({ { 0xb0, 0xbf } }), subQ },
                { lead3, subQ, subCont },
                { lead3, subCont, subQ },
                { lead4, subQ, subCont, subCont },
                { lead4, subCont, subQ, subCont },
                { lead4, subCont, subCont, subQ },
                { sub },
            };
        }();
        return p;
    }

    bool containsBytes(const std::vector<BytePattern>& p, const std::string& data)
    {
        for (std::size_t i = 0; i < data.size(); ++i)
            if (matchBytes(p, data, i))
                return true;
        return false;
    }

    // fixes.restore_byte_a0: a space that stands where a UTF-8 sequence needs 0xA0.
    std::string restoreByteA0(const std::string& data)
    {
        std::string out;
        for (std::size_t i = 0; i < data.size();) {
            const std::size_t n = matchBytes(alteredUtf8(), data, i);
            if (!n) {
                out += data[i++];
                continue;
            }
            for (std::size_t k = 0; k < n; ++k)
                out += data[i + k] == ' ' ? char(0xa0) : data[i + k];
            i += n;
        }
        return out;
    }

    // fixes.replace_lossy_sequences: UTF-8 sequences that lost bytes become U+FFFD.
    std::string replaceLossySequences(const std::string& data)
    {
        std::string out;
        for (std::size_t i = 0; i < data.size();) {
            const std::size_t n = matchBytes(lossyUtf8(), data, i);
            if (!n) {
                out += data[i++];
                continue;
            }
            out += "\xef\xbf\xbd";
            i += n;
        }
        return out;
    }

    // Python's strict UTF-8 decoder; with `variants`, ftfy's utf-8-variants (CESU-8 surrogate pairs, C0 80).
    bool decodeUtf8Strict(const std::string& data, bool variants, std::u32string& out)
    {
        out.clear();
        const auto* s = reinterpret_cast<const unsigned char*>(data.data());
        const std::size_t n = data.size();
        auto cont = [&](std::size_t i) { return i < n && (s[i] & 0xC0) == 0x80; };
        for (std::size_t i = 0; i < n;) {
            const unsigned char b = s[i];
            if (b < 0x80) {
                out += char32_t(b);
                ++i;
            } else if (variants && b == 0xC0 && i + 1 < n && s[i + 1] == 0x80) {
                out += char32_t(0);
                i += 2;
            } else if (variants && b == 0xED && i + 5 < n && s[i + 1] >= 0xA0 && s[i + 1] <= 0xAF && cont(i + 2)
                && s[i + 3] == 0xED && s[i + 4] >= 0xB0 && s[i + 4] <= 0xBF && cont(i + 5)) {
                const char32_t hi = 0xD000 | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
                const char32_t lo = 0xD000 | ((s[i + 4] & 0x3F) << 6) | (s[i + 5] & 0x3F);
                out += char32_t(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
                i += 6;
            } else if (b >= 0xC2 && b <= 0xDF && cont(i + 1)) {
                out += char32_t(((b & 0x1F) << 6) | (s[i + 1] & 0x3F));
                i += 2;
            } else if (b >= 0xE0 && b <= 0xEF && cont(i + 1) && cont(i + 2)) {
                const char32_t cp = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
                    return false;
                out += cp;
                i += 3;
            } else if (b >= 0xF0 && b <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
                const char32_t cp
                    = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
                if (cp < 0x10000 || cp > 0x10FFFF)
                    return false;
                out += cp;
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    // ---- single-byte encodings ----

    bool inCharmap(const unicode::SingleByteEncoding& enc, char32_t ch)
    {
        if (ch < 0x80)
            return ch != 0x1A || !enc.sloppy;
        if (enc.sloppy && ch == 0xFFFD)
            return true;
        return std::find(std::begin(enc.high), std::end(enc.high), ch) != std::end(enc.high);
    }

    bool canEncode(const unicode::SingleByteEncoding& enc, const std::u32string& text)
    {
        return std::all_of(text.begin(), text.end(), [&](char32_t ch) { return inCharmap(enc, ch); });
    }

    std::string encodeCharmap(const unicode::SingleByteEncoding& enc, const std::u32string& text)
    {
        std::string out;
        out.reserve(text.size());
        for (char32_t ch : text) {
            if (ch < 0x80) {
                out += char(ch);
            } else if (enc.sloppy && ch == 0xFFFD) {
                out += char(0x1A);
            } else {
                const auto* it = std::find(std::begin(enc.high), std::end(enc.high), ch);
                out += char(0x80 + (it - std::begin(enc.high)));
            }
        }
        return out;
    }

    const unicode::SingleByteEncoding& sloppyWindows1252() { return kCharmapEncodings[1]; }

    std::u32string fixC1Controls(const std::u32string& text)
    {
        std::u32string out = text;
        for (char32_t& ch : out)
            if (ch >= 0x80 && ch <= 0x9f)
                ch = sloppyWindows1252().high[ch - 0x80];
        return out;
    }

    std::u32string fixEncoding(std::u32string text);

    // ftfy.fixes.decode_inconsistent_utf8
    std::u32string decodeInconsistentUtf8(const std::u32string& text)
    {
        std::u32string out;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t end = i;
            while (end < text.size()) {
                const std::size_t n = utf8UnitAt(text, end);
                if (!n)
                    break;
                end += n;
            }
            if (end == i) {
                out += text[i++];
                continue;
            }
            const std::u32string part = text.substr(i, end - i);
            out += part.size() < text.size() && looksLikeMojibake(part) ? fixEncoding(part) : part;
            i = end;
        }
        return out;
    }

    bool hasUtf8Lookalike(const std::u32string& text)
    {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (utf8UnitAt(text, i))
                return true;
        return false;
    }

    // ftfy's _fix_encoding_one_step_and_explain
    std::u32string fixEncodingOneStep(const std::u32string& text)
    {
        if (text.empty() || std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x80; })
            || !looksLikeMojibake(text))
            return text;

        bool latin1Possible = false;
        for (std::size_t e = 0; e < kCharmapEncodingsSize; ++e) {
            const unicode::SingleByteEncoding& enc = kCharmapEncodings[e];
            if (!canEncode(enc, text))
                continue;
            if (e == 0)
                latin1Possible = true;
            std::string encoded = encodeCharmap(enc, text);
            if (containsBytes(alteredUtf8(), encoded))
                encoded = restoreByteA0(encoded);
            if (enc.sloppy)
                encoded = replaceLossySequences(encoded);
            const bool variants
                = encoded.find(char(0xED)) != std::string::npos || encoded.find(char(0xC0)) != std::string::npos;
            std::u32string fixed;
            if (decodeUtf8Strict(encoded, variants, fixed))
                return fixed;
        }

        if (hasUtf8Lookalike(text)) {
            std::u32string fixed = decodeInconsistentUtf8(text);
            if (fixed != text)
                return fixed;
        }

        // Latin-1 with C1 controls was meant to be Windows-1252 (ftfy never lists "windows-1252" itself as possible).
        if (latin1Possible) {
            std::u32string fixed;
            bool ok = true;
            for (char32_t ch : text) {
                if (ch >= 0x80 && ch <= 0xFF) {
                    const char32_t mapped = unicode::kWindows1252Strict[ch - 0x80];
                    if (!mapped) {
                        ok = false;
                        break;
                    }
                    fixed += mapped;
                } else {
                    fixed += ch;
                }
            }
            if (ok && fixed != text)
                return fixed;
        }

        if (std::any_of(text.begin(), text.end(), [](char32_t c) { return c >= 0x80 && c <= 0x9f; }))
            return fixC1Controls(text);
        return text;
    }

    std::u32string fixEncoding(std::u32string text)
    {
        for (;;) {
            std::u32string next = fixEncodingOneStep(text);
            if (next == text)
                return next;
            text = std::move(next);
        }
    }

    // ---- the simple fixers ----

    bool isAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    // html.unescape of one numeric character reference ("&#123;" or "&#x7b;"); false if it is not fully one.
    bool numericReference(const std::u32string& body, std::u32string& out)
    {
        bool hex = !body.empty() && (body[0] == 'x' || body[0] == 'X');
        const std::u32string digits = hex ? body.substr(1) : body;
        if (digits.empty())
            return false;
        std::uint64_t value = 0;
        for (char32_t c : digits) {
            int d;
            if (c >= '0' && c <= '9')
                d = int(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = int(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = int(c - 'A' + 10);
            else
                return false;
            value = std::min<std::uint64_t>(value * (hex ? 16 : 10) + d, 0x7FFFFFFFull);
        }
        out.clear();
        if (value == 0) {
            out = U"\ufffd";
        } else if (value == 0x0D) {
            out = U"\r";
        } else if (value >= 0x80 && value <= 0x9F) {
            out += sloppyWindows1252().high[value - 0x80];
        } else if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
            out = U"\ufffd";
        } else if ((value >= 0x1 && value <= 0x8) || (value >= 0xE && value <= 0x1F) || (value >= 0x7F && value <= 0x9F)
            || (value >= 0xFDD0 && value <= 0xFDEF) || value == 0xB || (value & 0xFFFE) == 0xFFFE) {
            // html.unescape drops these code points
        } else {
            out += char32_t(value);
        }
        return true;
    }

    // ftfy.fixes.unescape_html
    std::u32string unescapeHtml(const std::u32string& text)
    {
        if (text.find(U'&') == std::u32string::npos)
            return text;
        std::u32string out;
        for (std::size_t i = 0; i < text.size();) {
            if (text[i] != U'&') {
                out += text[i++];
                continue;
            }
            std::size_t j = i + 1;
            const bool numeric = j < text.size() && text[j] == U'#';
            if (numeric)
                ++j;
            std::size_t k = j;
            while (k < text.size() && isAsciiAlnum(text[k]))
                ++k;
            if (k == j || k - j > 24 || k >= text.size() || text[k] != U';') {
                out += text[i++];
                continue;
            }
            const std::u32string entity = text.substr(i, k + 1 - i);
            const std::string key = unicode::encodeUtf8(entity);
            const unicode::Entity* end = unicode::kHtmlEntities + unicode::kHtmlEntitiesSize;
            const unicode::Entity* it = std::lower_bound(unicode::kHtmlEntities, end, key,
                [](const unicode::Entity& e, const std::string& n) { return std::strcmp(e.name, n.c_str()) < 0; });
            std::u32string replacement;
            if (it != end && key == it->name)
                out += unicode::decodeUtf8(it->utf8);
            else if (numeric && numericReference(text.substr(j, k - j), replacement))
                out += replacement;
            else
                out += entity;
            i = k + 1;
        }
        return out;
    }

    std::u32string fixLatinLigatures(const std::u32string& text)
    {
        static const std::unordered_map<char32_t, std::u32string> ligatures = {
            { 0x132, U"IJ" },
            { 0x133, U"ij" },
            { 0x149, U"\u02bcn" },
            { 0x1F1, U"DZ" },
            { 0x1F2, U"Dz" },
            { 0x1F3, U"dz" },
            { 0x1C4, U"D\u017d" },
            { 0x1C5, U"D\u017e" },
            { 0x1C6, U"d\u017e" },
            { 0x1C7, U"LJ" },
            { 0x1C8, U"Lj" },
            { 0x1C9, U"lj" },
            { 0x1CA, U"NJ" },
            { 0x1CB, U"Nj" },
            { 0x1CC, U"nj" },
            { 0xFB00, U"ff" },
            { 0xFB01, U"fi" },
            { 0xFB02, U"fl" },
            { 0xFB03, U"ffi" },
            { 0xFB04, U"ffl" },
            { 0xFB05, U"\u017ft" },
            { 0xFB06, U"st" },
        };
        std::u32string out;
        out.reserve(text.size());
        for (char32_t ch : text) {
            const auto it = ch >= 0x132 ? ligatures.find(ch) : ligatures.end();
            if (it != ligatures.end())
                out += it->second;
            else
                out += ch;
        }
        return out;
    }

    std::u32string fixCharacterWidth(const std::u32string& text)
    {
        std::u32string out;
        out.reserve(text.size());
        for (char32_t ch : text) {
            if (ch == 0x3000 || (ch >= 0xFF01 && ch <= 0xFFEF)) {
                const unicode::CharMapping* end = unicode::kWidthMap + unicode::kWidthMapSize;
                const unicode::CharMapping* it = std::lower_bound(
                    unicode::kWidthMap, end, ch, [](const unicode::CharMapping& m, char32_t c) { return m.cp < c; });
                if (it != end && it->cp == ch) {
                    out += unicode::decodeUtf8(it->utf8);
                    continue;
                }
            }
            out += ch;
        }
        return out;
    }

    std::u32string uncurlQuotes(std::u32string text)
    {
        for (char32_t& ch : text) {
            if (ch == 0x2BC || (ch >= 0x2018 && ch <= 0x201B))
                ch = U'\'';
            else if (ch >= 0x201C && ch <= 0x201F)
                ch = U'"';
        }
        return text;
    }

    std::u32string fixLineBreaks(const std::u32string& text)
    {
        std::u32string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char32_t ch = text[i];
            if (ch == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n')
                continue;
            out += (ch == U'\r' || ch == 0x2028 || ch == 0x2029 || ch == 0x85) ? U'\n' : ch;
        }
        return out;
    }

    // ESC [ digits-or-semicolons letter
    std::u32string removeTerminalEscapes(const std::u32string& text)
    {
        if (text.find(char32_t(0x1B)) == std::u32string::npos)
            return text;
        std::u32string out;
        for (std::size_t i = 0; i < text.size();) {
            if (text[i] == 0x1B && i + 1 < text.size() && text[i + 1] == U'[') {
                std::size_t j = i + 2;
                while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == ';'))
                    ++j;
                if (j < text.size() && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z'))) {
                    i = j + 1;
                    continue;
                }
            }
            out += text[i++];
        }
        return out;
    }

    bool isRemovedControl(char32_t c)
    {
        return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F)
            || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
    }

    std::u32string fixSegment(std::u32string text, bool unescape)
    {
        for (;;) {
            const std::u32string original = text;
            if (unescape)
                text = unescapeHtml(text);
            text = fixEncoding(std::move(text));
            text = fixC1Controls(text);
            text = fixLatinLigatures(text);
            text = fixCharacterWidth(text);
            text = uncurlQuotes(std::move(text));
            text = fixLineBreaks(text);
            text = removeTerminalEscapes(text);
            text.erase(std::remove_if(text.begin(), text.end(), isRemovedControl), text.end());
            text = unicode::toNfc(text);
            if (text == original)
                return text;
        }
    }

} // namespace

bool looksLikeMojibake(const std::u32string& text)
{
    static const std::vector<Pattern> patterns = sortedSets(buildBadnessPatterns());
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if (text[pos] < 0x80 && text[pos] != ' ' && !(text[pos] >= 'a' && text[pos] <= 'z')
            && !(text[pos] >= 'A' && text[pos] <= 'Z') && text[pos] != '.' && text[pos] != ',' && text[pos] != '?'
            && text[pos] != '!' && !unicode::isSpace(text[pos]))
            continue; // no pattern starts with any other ASCII character
        for (const Pattern& p : patterns)
            if (matchElements(p, 0, text, pos))
                return true;
    }
    return false;
}

std::u32string fixText(const std::u32string& text)
{
    std::u32string out;
    bool unescape = true;
    // ftfy fixes line by line; once a line contains '<' it stops decoding HTML entities for the rest.
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find(U'\n', pos);
        end = end == std::u32string::npos ? text.size() : end + 1;
        const std::u32string segment = text.substr(pos, end - pos);
        if (unescape && segment.find(U'<') != std::u32string::npos)
            unescape = false;
        out += fixSegment(segment, unescape);
        pos = end;
    }
    return out;
}

} // namespace easel::engine
