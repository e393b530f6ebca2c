// SPDX-License-Identifier: MIT
#pragma once

// The Stable Diffusion image autoencoder: a port of diffusers' AutoencoderKL (encoder, decoder,
// quant convolutions) with its parameter names, plus tiled encode/decode for large images.

#include "engine/common/precisionchoice.h"
#include "engine/models/layers.h"
#include "engine/models/resnet.h"
#include "engine/weights/modelfiles.h"

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace easel::engine {

struct VaeConfig {
    int64_t inChannels = 3;
    int64_t outChannels = 3;
    int64_t latentChannels = 4;
    std::vector<int64_t> blockOutChannels { 128, 256, 512, 512 };
    int64_t layersPerBlock = 2; ///< encoder resnets per level (the decoder has one more)
    int64_t normGroups = 32;
    bool midAttention = true;
    double scalingFactor = 0.18215; ///< latents the UNet sees = VAE latents * scalingFactor

    /// Image pixels per latent pixel (8 for every SD VAE).
    int64_t downscale() const { return int64_t(1) << (blockOutChannels.size() - 1); }
    void validate() const;

    /// From a diffusers vae/config.json; scaling_factor falls back to the family's.
    static VaeConfig fromJson(const nlohmann::json& config, ModelFamily family);
    /// From tensor shapes under diffusers names; scaling factor from the family (0.18215 SD 1.x / 2.x
    /// and unknown, 0.13025 SDXL).
    static VaeConfig infer(const std::map<std::string, std::vector<int64_t>>& shapes, ModelFamily family);
    /// The model's own config when it has one, else inferred from its VAE tensors.
    static VaeConfig forModel(const ModelFiles& files);
    static double familyScalingFactor(ModelFamily family);
};

/// When encode/decode work in overlapping tiles (bounded memory; tiles are blended linearly, so
/// the result differs slightly from an untiled pass because GroupNorm sees each tile alone).
struct VaeTiling {
    enum class Mode { Auto, Never, Always };
    Mode mode = Mode::Auto;
    int64_t decodeTile = 64; ///< latent pixels per tile side (512 image pixels)
    int64_t decodeOverlap = 16; ///< latent pixels shared by neighbouring tiles
    int64_t encodeTile = 512; ///< image pixels per tile side
    int64_t encodeOverlap = 128;
    int64_t autoLatentArea = 128 * 128; ///< Auto tiles above this many latent pixels (1024x1024 images)
};

/// The encoder's diagonal Gaussian over latents (unscaled: multiply by scalingFactor for the UNet).
struct LatentDistribution {
    at::Tensor mean;
    at::Tensor std;
};

class VaeEncoderImpl;
class VaeDecoderImpl;

/// diffusers AutoencoderKL.
class VaeImpl : public torch::nn::Module {
public:
    VaeImpl(const VaeConfig& config, const at::TensorOptions& options);

    const VaeConfig& config() const { return m_config; }

    /// Image [B, outChannels, 8h, 8w], nominally in [-1, 1] and not clamped, from latents
    /// [B, latentChannels, h, w] already divided by the scaling factor.
    at::Tensor decode(const at::Tensor& latents, const VaeTiling& tiling = {});
    /// The latent distribution of `image` [B, inChannels, H, W] in [-1, 1]; log-variance clamped
    /// to [-30, 20]. Tiling needs H and W to be multiples of downscale().
    LatentDistribution encode(const at::Tensor& image, const VaeTiling& tiling = {});

    /// Converts the decoder (with post_quant_conv) and the encoder (with quant_conv) to their own
    /// formats: "auto" precision may choose them apart (common/precisionchoice.h).
    void setFormats(const ComputeFormat& decoder, const ComputeFormat& encoder);
    /// The same before the weights are loaded (prepareComputeFormat(): allocated, not converted).
    void prepareFormats(const ComputeFormat& decoder, const ComputeFormat& encoder);
    at::ScalarType decoderType() const { return m_postQuantConv->weight.scalar_type(); }
    at::ScalarType encoderType() const { return m_quantConv->weight.scalar_type(); }

private:
    at::Tensor decodeWhole(const at::Tensor& latents);
    at::Tensor encodeMoments(const at::Tensor& image);

    VaeConfig m_config;
    std::shared_ptr<VaeEncoderImpl> m_encoder;
    std::shared_ptr<VaeDecoderImpl> m_decoder;
    Conv2d m_quantConv { nullptr }, m_postQuantConv { nullptr };
};
TORCH_MODULE(Vae);

/// Builds the model's VAE (config from VaeConfig::forModel) and loads its weights.
Vae loadVae(const ModelFiles& files, const at::TensorOptions& options, const LoadProgress& progress = {});

} // namespace easel::engine
