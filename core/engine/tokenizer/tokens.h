// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace easel::engine {

/// CLIP's context: <|startoftext|> + 75 tokens + <|endoftext|>.
constexpr int kClipContext = 77;
constexpr int kClipChunkTokens = 75;

/// One 77-token window for a text encoder, with a per-token emphasis weight (1.0 = neutral;
/// BOS, EOS and padding are always 1.0). A plain prompt is one chunk with all weights 1.
struct TokenChunk {
    std::array<int64_t, kClipContext> ids {};
    std::array<float, kClipContext> weights {};
};

/// A prompt ready for a text encoder: one chunk, or several (A1111 long prompts) whose
/// conditionings are concatenated along the sequence axis.
using TokenizedPrompt = std::vector<TokenChunk>;

} // namespace easel::engine
