// SPDX-License-Identifier: MIT
#pragma once

// The few Unicode operations the CLIP tokenizer needs, with Python 3.11 semantics (no ICU).

#include <cstdint>
#include <string>

namespace easel::engine::unicode {

/// UTF-8 to code points; invalid or truncated sequences and encoded surrogates become U+FFFD.
std::u32string decodeUtf8(const std::string& text);
std::string encodeUtf8(const std::u32string& text);
void appendUtf8(std::string& out, char32_t cp);

/// CharFlag bits of a code point (see unicodetables.h).
std::uint8_t charFlags(char32_t cp);
inline bool isLetter(char32_t cp) { return charFlags(cp) & 1; }
inline bool isNumber(char32_t cp) { return charFlags(cp) & 2; }
inline bool isSpace(char32_t cp) { return charFlags(cp) & 4; }
inline bool isWord(char32_t cp) { return charFlags(cp) & 8; }

/// Python's str.lower(): full lowercase mapping, including U+0130 and the final-sigma rule.
std::u32string toLower(const std::u32string& text);

/// unicodedata.normalize("NFC", text).
std::u32string toNfc(const std::u32string& text);

} // namespace easel::engine::unicode
