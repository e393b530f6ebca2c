// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

#include <cstdint>
#include <string>

namespace torch::nn {
class Module;
}

namespace easel::engine {

/// How scaled dot-product attention is computed. A model's choice (LoadOptions::attention), kept
/// by each of its attention layers (AttentionLayer); nothing here is process-wide.
enum class AttentionMode {
    Auto, ///< Sdpa on CUDA where this libtorch has it; on the CPU Fused in bf16 where the CPU has it (not for the
          ///< text encoder's causal attention), else Blocked in bf16/fp16; else Matmul
    Fused, ///< bf16 on the CPU: each block of query rows in one pass on AVX512-BF16 kernels (fusedattention.h);
           ///< as Auto where it cannot run
    Blocked, ///< one head and kAttentionSliceRows query rows at a time with 2-D products (oneDNN's fast
             ///< bf16 path on the CPU; scores stay in cache)
    Sliced, ///< Matmul over query slices of kAttentionSliceRows: bounds the [N, N] score matrix for
            ///< large images / low memory (Blocked on the CPU in bf16/fp16, which is bounded too)
    Sdpa, ///< at::scaled_dot_product_attention (libtorch >= 2.0; elsewhere as Auto)
    Matmul, ///< softmax(q k^T * scale) v with bmm over all heads; the exact reference path
};

const char* attentionModeName(AttentionMode mode); ///< "auto", "blocked", "sliced", "sdpa", "matmul"
AttentionMode parseAttentionMode(const std::string& name); ///< throws EngineError

/// Query rows per slice (Sliced) or block (Blocked).
constexpr int64_t kAttentionSliceRows = 1024;

/// A module that computes attention keeps its model's mode here (a mixin next to torch::nn::Module).
class AttentionLayer {
public:
    virtual ~AttentionLayer() = default;
    AttentionMode attentionMode() const { return m_attentionMode; }
    void setAttentionMode(AttentionMode mode) { m_attentionMode = mode; }

private:
    AttentionMode m_attentionMode = AttentionMode::Auto;
};

/// Sets the mode of every AttentionLayer in `module` and its children; returns how many it set.
int setAttentionMode(torch::nn::Module& module, AttentionMode mode);

/// Multi-head attention on [B, N, heads*dim] inputs (k and v share their length M), returning
/// [B, N, heads*dim]. `causal` masks future positions (CLIP text encoders).
/// Never uses baddbmm with beta = 0 (libtorch 1.13's CPU kernel reads uninitialised memory there).
at::Tensor multiHeadAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads,
    bool causal = false, AttentionMode mode = AttentionMode::Auto);

} // namespace easel::engine
