// SPDX-License-Identifier: MIT
#pragma once

// Token merging for Stable Diffusion (ToMe for SD, Bolya & Hoffman 2023): before a transformer block's
// self-attention the tokens of the latent grid are reduced by bipartite soft matching, and afterwards
// every merged token gets its destination's output back.

#include <ATen/ATen.h>

#include <cstdint>

namespace easel::engine {

/// Token merging accepts ratios from 0 (off) to this (tomesd's upper bound).
inline constexpr double kMaxTokenMerge = 0.75;

/// One matching of the tokens of a [B, N, C] tensor over a height x width grid (N = height * width, row
/// major). The grid is split into 2x2 windows; the top-left token of each full window is a destination, all
/// others are sources. Each source picks the destination of highest cosine similarity (of `metric`), and the
/// floor(ratio * N) sources with the highest similarity (at most all of them) are merged: merge() gives
/// [B, N - r, C], the unmerged sources (in order of falling similarity) then the destinations (in grid
/// order), each destination the mean of itself and the sources merged into it. unmerge() gives [B, N, C]
/// in the original order, every merged source a copy of its destination. Each batch item has its own
/// matching; ties go to the lower index, so one input gives one matching.
class TokenMerge {
public:
    /// Throws EngineError when `metric` is not [B, height * width, C] or the ratio is outside
    /// 0 .. kMaxTokenMerge.
    TokenMerge(const at::Tensor& metric, int64_t height, int64_t width, double ratio);

    /// The number of tokens merged away (r); 0 when the ratio is 0 or the grid has no full 2x2 window.
    int64_t merged() const { return m_r; }
    int64_t tokens() const { return m_n; }

    /// [B, N, C'] to [B, N - r, C'] (any width C', the same batch and grid).
    at::Tensor merge(const at::Tensor& x) const;
    /// [B, N - r, C'] back to [B, N, C'].
    at::Tensor unmerge(const at::Tensor& y) const;

private:
    int64_t m_n = 0, m_r = 0, m_unmerged = 0; // tokens, merged sources, unmerged sources
    at::Tensor m_srcTokens, m_dstTokens; // [Ns], [Nd] token indices of the sources and destinations
    at::Tensor m_unmergedSrc, m_mergedSrc, m_mergedDst; // [B, Ns - r], [B, r] (of the sources), [B, r] (of the dsts)
    at::Tensor m_positions; // [B, N]: each token's row in merge()'s result
};

} // namespace easel::engine
