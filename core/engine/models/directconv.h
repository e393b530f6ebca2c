// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

#include <memory>

namespace easel::engine {

/// A convolution layer's bf16 CPU path through oneDNN directly. libtorch 1.13 reorders a bf16 convolution's
/// weights into oneDNN's blocked layout on every call and, for some of the UNet's shapes (1280 or 2560 channels
/// on an 8x8 or 4x4 latent), picks kernels that reach 13-60 GFLOP/s where oneDNN's own brgemm convolution reaches
/// 260-600 on the same 2-core AVX512-BF16 machine (packaging/PERFORMANCE_NOTES.md). Here the primitive for each
/// input shape is made once and the weights are packed once into the layout it wants; they are packed again
/// only when the weight tensor changes (a LoRA applied or removed: its data or version counter moves).
///
/// It takes channels_last bf16 inputs on the CPU and returns a channels_last result; everything else (fp32,
/// the exact-parity mode, contiguous inputs, CUDA, a build without oneDNN, a CPU oneDNN has no bf16 kernel
/// for) gets an undefined tensor back and runs at::conv2d as before.
class DirectConv {
public:
    DirectConv(int64_t stride, int64_t padding);
    ~DirectConv();
    DirectConv(const DirectConv&) = delete;
    DirectConv& operator=(const DirectConv&) = delete;

    at::Tensor forward(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

    /// Whether this build has the direct path and it is switched on (the default; the benchmark switches it
    /// off to time libtorch's own path beside it).
    static bool enabled();
    static void setEnabled(bool on);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace easel::engine
