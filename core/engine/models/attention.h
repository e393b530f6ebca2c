// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

namespace easel::engine {

/// How scaled dot-product attention is computed.
enum class AttentionBackend {
    Auto, ///< SDPA (flash / memory-efficient) where this libtorch has it on the device; on the CPU in
          ///< bf16/fp16 one head and 1024 query rows at a time with 2-D products (oneDNN's fast path); else Matmul
    Matmul, ///< softmax(q k^T * scale) v with bmm over all heads; the exact reference path
    Sliced, ///< Matmul over query slices: bounds the [N, N] score matrix for large images / low memory
    Sdpa, ///< at::scaled_dot_product_attention (libtorch >= 2.0)
};

/// Process-wide default used by models that are not told otherwise. Set once at start-up (or by
/// the out-of-memory fallback); read on every attention call.
void setDefaultAttentionBackend(AttentionBackend backend);
AttentionBackend defaultAttentionBackend();
/// Query rows per slice for AttentionBackend::Sliced.
void setAttentionSliceSize(int64_t rows);

/// Multi-head attention on [B, N, heads*dim] inputs (k and v share their length M), returning
/// [B, N, heads*dim]. `causal` masks future positions (CLIP text encoders).
/// Never uses baddbmm with beta = 0 (libtorch 1.13's CPU kernel reads uninitialised memory there).
at::Tensor multiHeadAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads,
    bool causal = false, AttentionBackend backend = AttentionBackend::Auto);

} // namespace easel::engine
