// SPDX-License-Identifier: MIT
#pragma once

#include "engine/tokenizer/tokens.h"

#include <string>
#include <vector>

namespace easel::engine {

class ClipTokenizer;

/// How a prompt's text is read.
enum class PromptSyntax {
    /// AUTOMATIC1111 emphasis: (x) x1.1, [x] /1.1, (x:1.3), \( escapes, BREAK; prompts longer than 75
    /// tokens continue in further 77-token chunks.
    A1111,
    /// The text as diffusers reads it: brackets are literal, one chunk, truncated to 75 tokens.
    Plain,
};

/// A run of prompt text and its emphasis weight.
struct WeightedText {
    std::string text;
    double weight = 1.0;

    bool operator==(const WeightedText& other) const { return text == other.text && weight == other.weight; }
};

/// A1111's parse_prompt_attention(): the prompt as runs of equal weight. A BREAK keyword becomes the run
/// {"BREAK", -1}. Unbalanced brackets are not errors: an unclosed ( or [ applies to the rest of the prompt
/// and a stray ) or ] is literal text. An empty prompt gives {{"", 1}}.
/// @throws EngineError for a weight that is not a number, e.g. "(x:1.2.3)" (A1111 fails there too).
std::vector<WeightedText> parsePromptAttention(const std::string& prompt);

/// Token ids and per-token weights of a prompt for one text encoder. A1111: chunks of 75 tokens, each
/// wrapped in BOS/EOS and padded, a chunk ending at the last comma when that is among its last 20 tokens
/// (A1111's comma_padding_backtrack default), BREAK starting a new chunk; a prompt of at most 75 tokens
/// gives exactly tokenizer.tokenizePadded(prompt)'s ids. Plain: exactly tokenizePadded(prompt), weights 1.
TokenizedPrompt tokenizePrompt(const ClipTokenizer& tokenizer, const std::string& prompt, PromptSyntax syntax);

} // namespace easel::engine
