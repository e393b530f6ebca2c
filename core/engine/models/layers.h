// SPDX-License-Identifier: MIT
#pragma once

// Lightweight building blocks for the engine's models. Unlike torch::nn's, their parameters are
// allocated uninitialised in the requested dtype and device: weights always come from a file
// (or from randomWeights() for benchmarks), so random initialisation would only cost time and
// a transient fp32 copy of the model.

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>

namespace easel::engine {

class DirectConv;
class DirectLinear;

/// Fills every parameter with N(0, 1/fan_in) weights and small biases / norm scales near 1, the
/// way the benchmark and memory tests build full-size models without a file.
void randomWeights(torch::nn::Module& module, uint64_t seed);

class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t in, int64_t out, bool bias, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);
    /// Makes `weight` readable again when the direct path gave its pages back after packing (DirectLinear).
    void restoreWeight();
    /// int8 for large enough bf16 inputs on the CPU (DirectLinear::setQuantized()).
    void setQuantized(bool on);
    at::Tensor weight;
    at::Tensor bias; ///< undefined when the layer has no bias

private:
    std::shared_ptr<DirectLinear> m_direct; ///< bf16 on the CPU through oneDNN, when it applies
};
TORCH_MODULE(Linear);

class Conv2dImpl : public torch::nn::Module {
public:
    Conv2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, const at::TensorOptions& options,
        bool bias = true);
    at::Tensor forward(const at::Tensor& x);
    /// Makes `weight` readable again when the direct path gave its pages back after packing (DirectConv).
    void restoreWeight();
    /// int8 for bf16 channels_last inputs on the CPU (DirectConv::setQuantized()).
    void setQuantized(bool on);
    at::Tensor weight;
    at::Tensor bias;
    int64_t stride;
    int64_t padding;

private:
    std::shared_ptr<DirectConv> m_direct; ///< bf16 channels_last on the CPU through oneDNN, when it applies
};
TORCH_MODULE(Conv2d);

/// restoreWeight() on every convolution and linear layer under `module`: before anything reads or changes the
/// weights in place (a precision change, a LoRA, a copy). Cheap when nothing was given back.
void restorePackedWeights(torch::nn::Module& module);
/// setQuantized() on every convolution and linear layer under `module`.
void quantizeLayers(torch::nn::Module& module, bool on);

class GroupNormImpl : public torch::nn::Module {
public:
    GroupNormImpl(int64_t groups, int64_t channels, double eps, const at::TensorOptions& options);
    /// The norm, then SiLU when `silu` is set (in one fused pass for bf16 on the CPU).
    at::Tensor forward(const at::Tensor& x, bool silu = false);
    at::Tensor weight;
    at::Tensor bias;
    int64_t groups;
    double eps;
};
TORCH_MODULE(GroupNorm);

class LayerNormImpl : public torch::nn::Module {
public:
    LayerNormImpl(int64_t dim, double eps, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);
    at::Tensor weight;
    at::Tensor bias;
    double eps;
};
TORCH_MODULE(LayerNorm);

class EmbeddingImpl : public torch::nn::Module {
public:
    EmbeddingImpl(int64_t count, int64_t dim, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& ids);
    at::Tensor weight;
};
TORCH_MODULE(Embedding);

} // namespace easel::engine
