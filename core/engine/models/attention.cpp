// SPDX-License-Identifier: MIT
#include "engine/models/attention.h"

#include "engine/common/error.h"
#include "engine/models/fusedattention.h"

#include <ATen/ATen.h>
#include <ATen/record_function.h>
#include <torch/nn/module.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <limits>

#if TORCH_VERSION_MAJOR >= 2
#define EASEL_HAVE_SDPA 1
#endif

namespace easel::engine {

namespace {
// [B, N, H*D] -> [B*H, N, D]
at::Tensor splitHeads(const at::Tensor& x, int64_t heads)
{
    const int64_t b = x.size(0), n = x.size(1), d = x.size(2) / heads;
    return x.reshape({ b, n, heads, d }).permute({ 0, 2, 1, 3 }).reshape({ b * heads, n, d });
}

// [B*H, N, D] -> [B, N, H*D]
at::Tensor mergeHeads(const at::Tensor& x, int64_t batch, int64_t heads)
{
    const int64_t n = x.size(1), d = x.size(2);
    return x.reshape({ batch, heads, n, d }).permute({ 0, 2, 1, 3 }).reshape({ batch, n, heads * d });
}

at::Tensor matmulAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale, bool causal,
    int64_t queryOffset)
{
    at::Tensor scores = at::bmm(q * scale, k.transpose(1, 2));
    if (causal) {
        const int64_t n = q.size(1), m = k.size(1);
        const at::Tensor mask
            = at::ones({ n, m }, q.options().dtype(at::kBool)).triu(1 + queryOffset); // true above the diagonal
        scores = scores.masked_fill(mask, -std::numeric_limits<float>::infinity());
    }
    return at::bmm(at::softmax(scores, -1), v);
}

// bf16/fp16 on the CPU: oneDNN's batched products are slow for attention's shapes (a transposed
// key view and a 40-wide inner dimension), and a [heads, N, N] score tensor of a 64x64 latent is
// 512 MiB. One head and a block of query rows at a time keeps the scores in cache, and 2-D
// products with the key pre-transposed hit oneDNN's fast bf16 kernels: about 4x faster (see
// packaging/PERFORMANCE_NOTES.md). fp32 keeps the reference path above, bit for bit.
at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale, bool causal,
    int64_t rows)
{
    const int64_t heads = q.size(0), n = q.size(1), m = k.size(1);
    const at::Tensor qs = (q * scale).contiguous();
    const at::Tensor kt = k.transpose(1, 2).contiguous();
    const at::Tensor vc = v.contiguous();
    at::Tensor out = at::empty({ heads, n, vc.size(2) }, q.options());
    at::Tensor scores = at::empty({ std::min(rows, n), m }, q.options());
    for (int64_t h = 0; h < heads; ++h) {
        const at::Tensor qh = qs[h], kh = kt[h], vh = vc[h];
        for (int64_t start = 0; start < n; start += rows) {
            const int64_t count = std::min(rows, n - start);
            at::Tensor s = scores.narrow(0, 0, count);
            at::mm_out(s, qh.narrow(0, start, count), kh);
            if (causal) {
                const at::Tensor mask = at::ones({ count, m }, q.options().dtype(at::kBool)).triu(1 + start);
                s.masked_fill_(mask, -std::numeric_limits<float>::infinity());
            }
            at::_softmax_out(s, s, -1, false);
            at::Tensor o = out[h].narrow(0, start, count);
            at::mm_out(o, s, vh);
        }
    }
    return out;
}

bool useBlocked(const at::Tensor& q)
{
    return q.device().is_cpu() && (q.scalar_type() == at::kBFloat16 || q.scalar_type() == at::kHalf);
}
} // namespace

const char* attentionModeName(AttentionMode mode)
{
    switch (mode) {
    case AttentionMode::Auto: return "auto";
    case AttentionMode::Fused: return "fused";
    case AttentionMode::Blocked: return "blocked";
    case AttentionMode::Sliced: return "sliced";
    case AttentionMode::Sdpa: return "sdpa";
    case AttentionMode::Matmul: return "matmul";
    }
    return "auto";
}

AttentionMode parseAttentionMode(const std::string& name)
{
    for (AttentionMode mode : { AttentionMode::Auto, AttentionMode::Fused, AttentionMode::Blocked, AttentionMode::Sliced,
             AttentionMode::Sdpa, AttentionMode::Matmul }) {
        if (name == attentionModeName(mode))
            return mode;
    }
    throw EngineError("unknown attention mode '" + name + "' (use auto, fused, blocked, sliced, sdpa or matmul)");
}

int setAttentionMode(torch::nn::Module& module, AttentionMode mode)
{
    int count = 0;
    for (const std::shared_ptr<torch::nn::Module>& child : module.modules(/*include_self=*/true)) {
        if (auto* layer = dynamic_cast<AttentionLayer*>(child.get())) {
            layer->setAttentionMode(mode);
            ++count;
        }
    }
    return count;
}

at::Tensor multiHeadAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads,
    bool causal, AttentionMode mode)
{
    RECORD_USER_SCOPE("easel::attention"); // the benchmark's profile counts everything below as attention
    const int64_t batch = q.size(0);
    const int64_t headDim = q.size(2) / heads;
    const double scale = 1.0 / std::sqrt(double(headDim));

#ifdef EASEL_HAVE_SDPA
    if (mode == AttentionMode::Sdpa || (mode == AttentionMode::Auto && q.is_cuda())) {
        auto split4 = [&](const at::Tensor& x) {
            return x.reshape({ batch, x.size(1), heads, headDim }).transpose(1, 2);
        };
        at::Tensor out = at::scaled_dot_product_attention(split4(q), split4(k), split4(v), {}, 0.0, causal);
        return out.transpose(1, 2).reshape({ batch, q.size(1), heads * headDim });
    }
#endif
    if ((mode == AttentionMode::Auto || mode == AttentionMode::Fused) && !causal) {
        if (at::Tensor out = fusedAttention(q, k, v, heads, scale); out.defined())
            return out;
    }
    const at::Tensor qh = splitHeads(q, heads), kh = splitHeads(k, heads), vh = splitHeads(v, heads);
    const int64_t n = qh.size(1);
    const int64_t slice = kAttentionSliceRows;
    if (mode == AttentionMode::Blocked || (mode != AttentionMode::Matmul && useBlocked(qh)))
        return mergeHeads(blockedAttention(qh, kh, vh, scale, causal, slice), batch, heads);
    if (mode != AttentionMode::Sliced || n <= slice)
        return mergeHeads(matmulAttention(qh, kh, vh, scale, causal, 0), batch, heads);

    at::Tensor out = at::empty_like(qh);
    for (int64_t start = 0; start < n; start += slice) {
        const int64_t end = std::min(n, start + slice);
        out.narrow(1, start, end - start)
            .copy_(matmulAttention(qh.narrow(1, start, end - start), kh, vh, scale, causal, start));
    }
    return mergeHeads(out, batch, heads);
}

} // namespace easel::engine
