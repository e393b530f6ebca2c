// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

#include <cstdint>

namespace easel::engine {

/// Whether this build and CPU have the fused bf16 attention below (x86-64 with AVX512-BF16).
bool fusedAttentionAvailable();

/// softmax(q kᵀ · scale) v for every head, in bf16 on the CPU, in one pass over each block of query rows: the
/// scores of a block stay in the core's cache (in fp32, not rounded to bf16 as a bf16 matmul would), the products
/// run on AVX512-BF16 dot-product kernels, and the heads are read from and written to the [B, N, heads*D]
/// tensors in place (no split into heads and no merge). About 2-3x the speed of the blocked path of
/// attention.cpp at the UNet's shapes (packaging/PERFORMANCE_NOTES.md, variant 27).
///
/// q [B, N, heads*D], k and v [B, M, heads*D], all bf16 on the CPU, D even; non-causal. Returns [B, N, heads*D]
/// in bf16, or an undefined tensor when it cannot run (another CPU, dtype or device, an odd head size).
at::Tensor fusedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads, double scale);

} // namespace easel::engine
