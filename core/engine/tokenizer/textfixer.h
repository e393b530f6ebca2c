// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace easel::engine {

/// ftfy 6.1.1's fix_text() with its default configuration, which transformers' CLIPTokenizer applies to
/// every prompt: HTML entities decoded (unless the line contains '<'), mojibake repaired (UTF-8 read
/// as one of ftfy's single-byte encodings, whole or embedded), C1 controls read as Windows-1252, Latin
/// ligatures split, fullwidth forms narrowed, curly quotes straightened, line breaks unified, terminal
/// escapes and control characters removed, NFC; repeated until nothing changes.
std::u32string fixText(const std::u32string& text);

/// ftfy.badness.is_bad(): whether the text contains sequences that look like mojibake.
bool looksLikeMojibake(const std::u32string& text);

} // namespace easel::engine
