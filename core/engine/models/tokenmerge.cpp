// SPDX-License-Identifier: MIT
#include "engine/models/tokenmerge.h"

#include "engine/common/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

namespace easel::engine {

// `index` [B, K] repeated over the width c: [B, K, c], for gather/scatter along the tokens.
static at::Tensor overWidth(const at::Tensor& index, int64_t c)
{
    return index.unsqueeze(-1).expand({ index.size(0), index.size(1), c });
}

TokenMerge::TokenMerge(const at::Tensor& metric, int64_t height, int64_t width, double ratio)
{
    if (!(ratio >= 0 && ratio <= kMaxTokenMerge)) {
        std::ostringstream s;
        s << "the token merging ratio " << ratio << " is not from 0 to " << kMaxTokenMerge;
        throw EngineError(s.str(), EngineError::Kind::InvalidInput);
    }
    if (!metric.defined() || metric.dim() != 3 || height < 1 || width < 1 || metric.size(1) != height * width) {
        std::ostringstream s;
        s << "token merging: tokens of shape " << (metric.defined() ? metric.sizes() : at::IntArrayRef {})
          << " are not [B, " << height << " x " << width << ", C]";
        throw EngineError(s.str(), EngineError::Kind::InvalidInput);
    }
    m_n = metric.size(1);
    const int64_t batch = metric.size(0);
    const int64_t windows = (height / 2) * (width / 2); // destinations: one per full 2x2 window
    const int64_t sources = m_n - windows;
    m_r = windows == 0 ? 0 : std::min<int64_t>(int64_t(std::floor(ratio * double(m_n))), sources);
    if (m_r == 0)
        return;
    m_unmerged = sources - m_r;

    const at::TensorOptions longs = at::TensorOptions().dtype(at::kLong).device(metric.device());
    at::Tensor isDestination = at::zeros({ height, width }, longs.dtype(at::kBool));
    isDestination.slice(0, 0, 2 * (height / 2), 2).slice(1, 0, 2 * (width / 2), 2).fill_(true);
    isDestination = isDestination.reshape({ -1 });
    m_dstTokens = isDestination.nonzero().reshape({ -1 }); // ascending: grid order
    m_srcTokens = isDestination.logical_not().nonzero().reshape({ -1 });

    // Cosine similarity, every source to every destination of its batch item, in the tokens' dtype (bf16's
    // matrix product is an order of magnitude faster than fp32's on the CPU); fp16 takes the norm in fp32,
    // where the sum of squares cannot overflow.
    at::Tensor normed;
    if (metric.scalar_type() == at::kHalf) {
        const at::Tensor wide = metric.to(at::kFloat);
        normed = (wide / wide.norm(2, { -1 }, true).clamp_min(1e-12)).to(at::kHalf);
    } else {
        normed = metric / metric.norm(2, { -1 }, true).clamp_min(1e-12);
    }
    const at::Tensor scores
        = at::bmm(normed.index_select(1, m_srcTokens), normed.index_select(1, m_dstTokens).transpose(1, 2));
    const auto [best, bestDst] = scores.max(-1); // [B, Ns]
    // Most similar first; a stable sort keeps the lower index first among equals.
    const at::Tensor order = std::get<1>(at::sort(best, /*stable=*/true, -1, /*descending=*/true));
    m_mergedSrc = order.narrow(1, 0, m_r).contiguous();
    m_unmergedSrc = order.narrow(1, m_r, m_unmerged).contiguous();
    m_mergedDst = bestDst.gather(1, m_mergedSrc);

    // Where each token's output is in merge()'s rows: unmerged sources first, then the destinations.
    at::Tensor sourceRows = at::empty({ batch, sources }, longs);
    sourceRows.scatter_(1, m_unmergedSrc, at::arange(m_unmerged, longs).expand({ batch, m_unmerged }).contiguous());
    sourceRows.scatter_(1, m_mergedSrc, m_mergedDst + m_unmerged);
    m_positions = at::empty({ batch, m_n }, longs);
    m_positions.index_copy_(1, m_srcTokens, sourceRows);
    m_positions.index_copy_(
        1, m_dstTokens, (at::arange(windows, longs) + m_unmerged).expand({ batch, windows }).contiguous());
}

at::Tensor TokenMerge::merge(const at::Tensor& x) const
{
    if (m_r == 0)
        return x;
    if (x.dim() != 3 || x.size(0) != m_positions.size(0) || x.size(1) != m_n)
        throw EngineError("token merging: tokens of another batch or grid than the matching's");
    const int64_t batch = x.size(0), c = x.size(2);
    const at::Tensor src = x.index_select(1, m_srcTokens);
    const at::Tensor dst = x.index_select(1, m_dstTokens);
    const at::Tensor unmerged = src.gather(1, overWidth(m_unmergedSrc, c));
    const at::Tensor moved = src.gather(1, overWidth(m_mergedSrc, c));
    // Mean of each destination and the sources merged into it (tomesd's scatter_reduce "mean", include_self).
    const at::Tensor sums = dst.scatter_add(1, overWidth(m_mergedDst, c), moved);
    const at::TensorOptions ones = x.options();
    const at::Tensor counts = at::ones({ batch, dst.size(1), 1 }, ones)
                                  .scatter_add(1, m_mergedDst.unsqueeze(-1), at::ones({ batch, m_r, 1 }, ones));
    return at::cat({ unmerged, sums / counts }, 1);
}

at::Tensor TokenMerge::unmerge(const at::Tensor& y) const
{
    if (m_r == 0)
        return y;
    if (y.dim() != 3 || y.size(0) != m_positions.size(0) || y.size(1) != m_n - m_r)
        throw EngineError("token merging: merged tokens of another batch or count than the matching's");
    return y.gather(1, overWidth(m_positions, y.size(2)));
}

} // namespace easel::engine
