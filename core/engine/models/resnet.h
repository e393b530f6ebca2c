// SPDX-License-Identifier: MIT
#pragma once

// Building blocks shared by the UNet and the VAE, with diffusers' parameter names
// (ResnetBlock2D, Downsample2D, Upsample2D).

#include "engine/models/layers.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>
#include <string>

namespace easel::engine {

/// A parameterless module that only gives its children a name prefix ("resnets", "to_out", "0"...),
/// so that nested diffusers names ("down_blocks.0.resnets.1.conv1.weight") can be registered.
std::shared_ptr<torch::nn::Module> addContainer(torch::nn::Module& parent, const std::string& name);

/// diffusers ResnetBlock2D with the "default" time-embedding shift and output scale 1:
/// GroupNorm-SiLU-conv, + Linear(SiLU(temb)), GroupNorm-SiLU-conv, + (1x1 conv) shortcut.
class ResnetBlockImpl : public torch::nn::Module {
public:
    /// `tembChannels` 0: no time embedding (VAE).
    ResnetBlockImpl(
        int64_t in, int64_t out, int64_t tembChannels, int64_t groups, double eps, const at::TensorOptions& options);
    /// `tembActivated` is SiLU(temb), computed once per forward by the caller; undefined without one.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& tembActivated = {});

private:
    GroupNorm m_norm1 { nullptr }, m_norm2 { nullptr };
    Conv2d m_conv1 { nullptr }, m_conv2 { nullptr }, m_shortcut { nullptr };
    Linear m_timeProj { nullptr };
};
TORCH_MODULE(ResnetBlock);

/// 3x3 stride-2 convolution, registered as "conv". `asymmetricPad` pads right and bottom by one and
/// convolves without padding (the VAE encoder); otherwise the convolution pads by one on each side.
class DownsampleImpl : public torch::nn::Module {
public:
    DownsampleImpl(int64_t channels, bool asymmetricPad, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);

private:
    Conv2d m_conv { nullptr };
    bool m_asymmetricPad;
};
TORCH_MODULE(Downsample);

/// Nearest-neighbour upsampling (x2, or to an explicit size) followed by a 3x3 convolution "conv".
class UpsampleImpl : public torch::nn::Module {
public:
    UpsampleImpl(int64_t channels, const at::TensorOptions& options);
    /// `height`/`width` <= 0: twice the input size.
    at::Tensor forward(const at::Tensor& x, int64_t height = 0, int64_t width = 0);

private:
    Conv2d m_conv { nullptr };
};
TORCH_MODULE(Upsample);

} // namespace easel::engine
