// SPDX-License-Identifier: MIT
#pragma once

#include "engine/models/layers.h"
#include "engine/weights/modelfiles.h"

#include <ATen/Tensor.h>
#include <torch/nn/modules/container/modulelist.h>

#include <string>
#include <vector>

namespace easel::engine {

/// madebyollin/taesd's residual block: conv-ReLU-conv-ReLU-conv (3x3), plus the input (or a
/// bias-free 1x1 "skip" conv when the widths differ), then ReLU.
class TaesdBlockImpl : public torch::nn::Module {
public:
    TaesdBlockImpl(int64_t in, int64_t out, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);

private:
    Conv2d m_conv0 { nullptr }, m_conv2 { nullptr }, m_conv4 { nullptr }, m_skip { nullptr };
};
TORCH_MODULE(TaesdBlock);

/// TAESD / TAESDXL (same architecture) encoder or decoder, with the nn.Sequential index names of
/// taesd_encoder.pth / taesd_decoder.pth ("1.conv.0.weight", "14.bias", ...).
class TaesdImpl : public torch::nn::Module {
public:
    enum class Kind { Encoder, Decoder };
    TaesdImpl(Kind kind, int64_t latentChannels, const at::TensorOptions& options);

    Kind kind() const { return m_kind; }
    /// Encoder: image [B, 3, H, W] in [0, 1] -> UNet-space latents [B, C, H/8, W/8].
    /// Decoder: UNet-space latents (already multiplied by the VAE scaling factor; TAESD has none)
    /// -> image [B, 3, 8h, 8w], nominally [0, 1] and not clamped. Throws EngineError on a bad shape.
    at::Tensor forward(const at::Tensor& x);

private:
    enum class Op { Clamp, Conv, Relu, Block, Upsample };
    struct Step {
        Op op;
        std::shared_ptr<torch::nn::Module> module;
    };
    Kind m_kind;
    int64_t m_latentChannels;
    std::vector<Step> m_steps;
};
TORCH_MODULE(Taesd);

/// Builds a TAESD encoder or decoder and fills it from a .safetensors file in either layout:
/// - the original key names (taesd_*.pth / taesdxl_*.pth converted to safetensors: "1.conv.0.weight");
/// - diffusers' AutoencoderTiny (the Hub's madebyollin/taesd and madebyollin/taesdxl
///   diffusion_pytorch_model.safetensors: "encoder.layers.N..." and "decoder.layers.N..."), which
///   holds both halves; the one asked for is taken.
/// The layout is told by the key prefix and the latent channel count is read from the file.
/// Throws EngineError naming the file for a missing, mismatched or unexpected tensor.
Taesd loadTaesd(const std::string& path, TaesdImpl::Kind kind, const at::TensorOptions& options = {});

/// The cheap latent -> RGB preview: a per-pixel linear map of the 4 latent channels (the
/// coefficients ComfyUI publishes for SD 1.x/2.x and for SDXL latents), then [-1, 1] -> [0, 1].
/// `latents` are UNet-space [B, 4, h, w]; returns float32 [B, 3, h, w] in [0, 1] on their device.
/// Throws EngineError for another shape or an unknown family.
at::Tensor latentPreview(const at::Tensor& latents, ModelFamily family);

} // namespace easel::engine
