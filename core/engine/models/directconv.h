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
/// Once packed, the weight tensor's own pages are given back to the system (the packed copy is the weights
/// now: without this the UNet's convolution weights are held twice, +1.3 GB at SD 1.5). Anything that reads
/// the weight tensor afterwards calls restore() first (restorePackedWeights() does it for a module tree):
/// the layer's own fallback to at::conv2d, a precision change, a LoRA.
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

    /// Writes the weights back into `weight` from the packed copy when forward() gave its pages back;
    /// otherwise does nothing. Afterwards the tensor can be read and written as any other.
    void restore(const at::Tensor& weight);
    /// Whether `weight`'s pages are given back now (its values are in the packed copy only).
    bool released() const;

    /// int8 (opt-in, approximate): the weights quantized once per output channel (symmetric, s8) and each
    /// input per tensor as it comes (u8 with a zero point: its range, rounded up to a quarter power of two,
    /// maps to 0..255), convolved by oneDNN's VNNI/AMX int8 kernels into bf16. The plain weights are kept (a LoRA
    /// needs them exact). Layers with fewer than 16 input or output channels stay bf16.
    void setQuantized(bool on);
    bool quantized() const;

    /// Whether this build has the direct path and it is switched on (the default; the benchmark switches it
    /// off to time libtorch's own path beside it).
    static bool enabled();
    static void setEnabled(bool on);
    /// Whether packed weights replace the plain ones (the default) or both are kept (the benchmark's
    /// baseline for memory).
    static bool releasesWeights();
    static void setReleasesWeights(bool on);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// A linear layer's bf16 CPU path through oneDNN's matmul directly, as DirectConv for convolutions: one
/// primitive per row count, the weights packed once (again when the tensor changes) and the plain tensor's pages
/// given back (restore() writes them back). libtorch 1.13 reaches about half of oneDNN's bf16 matmul speed
/// on the UNet's linear layers. On while DirectConv::enabled(); anything else gets an undefined tensor back.
class DirectLinear {
public:
    DirectLinear();
    ~DirectLinear();
    DirectLinear(const DirectLinear&) = delete;
    DirectLinear& operator=(const DirectLinear&) = delete;

    /// x [..., in] bf16 contiguous, weight [out, in], bias [out] or undefined.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);
    void restore(const at::Tensor& weight);
    bool released() const;

    /// int8 (opt-in, approximate), as DirectConv's: the weights quantized once per output feature (s8), each
    /// input per tensor as it comes (s8, symmetric), multiplied by oneDNN's VNNI/AMX int8 kernels into bf16. The
    /// plain weights are kept. Inputs of fewer than 64 rows and layers narrower than 16 stay bf16.
    void setQuantized(bool on);
    bool quantized() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace easel::engine
