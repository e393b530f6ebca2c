// SPDX-License-Identifier: MIT
#pragma once

// The Stable Diffusion denoiser: a port of diffusers' UNet2DConditionModel for the SD 1.x, SD 2.x
// and SDXL (base and refiner) layouts, with the exact diffusers parameter names so that
// loadModule() fills it from a diffusers folder or an original single-file checkpoint alike.

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

/// The architecture of a UNet. Per-level vectors are in down order (level 0 = full resolution).
struct UNetConfig {
    int64_t inChannels = 4; ///< 9 for inpainting models (latents + mask + masked-image latents)
    int64_t outChannels = 4;
    std::vector<int64_t> blockOutChannels { 320, 640, 1280, 1280 };
    std::vector<bool> downCrossAttention { true, true, true, false }; ///< CrossAttnDownBlock2D or DownBlock2D
    std::vector<bool> upCrossAttention { false, true, true, true }; ///< in up order (deepest level first)
    std::vector<int64_t> layersPerBlock { 2, 2, 2, 2 }; ///< resnets per down level (up levels have one more)
    std::vector<int64_t> attentionHeads { 8, 8, 8, 8 }; ///< heads per level; the mid block uses the last
    std::vector<int64_t> transformerLayers { 1, 1, 1, 1 }; ///< per down level; the mid block uses the last
    std::vector<int64_t> upTransformerLayers; ///< per up level; empty: transformerLayers reversed
    int64_t crossAttentionDim = 768;
    bool useLinearProjection = false; ///< proj_in/proj_out are Linear (SD2, SDXL) instead of 1x1 convs
    int64_t timeEmbedDim = 0; ///< 0: 4 * blockOutChannels[0]
    bool textTimeEmbedding = false; ///< SDXL addition_embed_type "text_time"
    int64_t additionTimeEmbedDim = 256; ///< sinusoidal width of each time id (SDXL)
    int64_t projectionClassEmbeddingsInputDim = 0; ///< pooled text width + time ids * additionTimeEmbedDim
    int64_t normGroups = 32;
    double normEps = 1e-5;
    bool upcastAttention = false; ///< compute attention in fp32 when the model runs in half precision
    bool flipSinToCos = true;
    double freqShift = 0;

    int64_t levels() const { return int64_t(blockOutChannels.size()); }
    int64_t timeEmbedChannels() const { return timeEmbedDim > 0 ? timeEmbedDim : 4 * blockOutChannels.at(0); }
    /// Throws EngineError (InvalidInput) when the sizes are inconsistent.
    void validate() const;

    /// From a diffusers unet/config.json. Throws EngineError for missing values or features Easel
    /// does not implement (class embeddings, other block types...).
    static UNetConfig fromJson(const nlohmann::json& config);
    /// From tensor shapes under diffusers names plus the family's conventions (SD 1.x: 8 heads per
    /// level; SD 2.x / SDXL: head width 64).
    static UNetConfig infer(const std::map<std::string, std::vector<int64_t>>& shapes, ModelFamily family);
    /// The model's own config (diffusers config.json or single-file sidecar) when it has one,
    /// else inferred from its UNet tensors.
    static UNetConfig forModel(const ModelFiles& files);
};

/// SDXL's extra conditioning ("added_cond_kwargs").
struct UNetAddedConditioning {
    at::Tensor textEmbeds; ///< [B, P] pooled (projected) text embedding of the second encoder
    at::Tensor timeIds; ///< [B, N] size/crop conditioning in pixels (N = 6 base, 5 refiner)
};

/// Reuse of deep UNet features between neighbouring evaluations (DeepCache, Ma et al. 2023). A full
/// evaluation keeps the feature that enters the up-path resnet of skip branch `branch`; a cached one runs
/// only the shallow path (conv_in, the down path up to that branch, the up path from it, conv_out) on the
/// kept feature. Skip branches are numbered as the down path pushes them: 0 = conv_in's output, 1 = the
/// first down resnet's (DeepCache's default for SD 1.x/2.x and SDXL), ... the last = the deepest resnet's.
/// One cache per denoising loop: its batch and size must stay the same.
struct UNetStepCache {
    int64_t branch = 1;
    at::Tensor feature; ///< from the last full evaluation; undefined before the first
    std::vector<int64_t> featureSize; ///< the latent height and width `feature` was computed for
    int64_t fullCalls = 0; ///< evaluations that ran the whole UNet
    int64_t cachedCalls = 0; ///< evaluations that ran the shallow path on `feature`
};

class UNetTransformerImpl;

/// diffusers UNet2DConditionModel (default attention processor, no class embedding).
class UNetImpl : public torch::nn::Module {
public:
    UNetImpl(const UNetConfig& config, const at::TensorOptions& options);

    const UNetConfig& config() const { return m_config; }

    /// Noise (or v) prediction [B, outChannels, H, W] for `sample` [B, inChannels, H, W] at
    /// `timestep` (a scalar or [B] tensor, integer or float), attending to `context` [B, L, C]
    /// (L any length, e.g. 77 * k for long prompts). `added` is required by SDXL UNets.
    /// Throws EngineError for inputs of the wrong shape.
    at::Tensor forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
        const UNetAddedConditioning* added = nullptr);
    /// forward() with step caching: `reuse` asks for the shallow path on cache.feature; the whole UNet
    /// runs instead (and keeps a new feature) when the cache holds none for this batch and size, or when
    /// `reuse` is false. Throws EngineError for a branch the UNet does not have.
    at::Tensor forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
        const UNetAddedConditioning* added, UNetStepCache& cache, bool reuse);
    /// The number of skip branches (valid UNetStepCache::branch values are 0 .. skipBranches() - 1).
    int64_t skipBranches() const;
    /// forward() with token merging (ToMe for SD, tokenmerge.h) and, when `cache` is given, step caching
    /// as above. `tokenMerge` (0 = off, up to kMaxTokenMerge = 0.75) is the share of each transformer
    /// block's tokens merged away before its self-attention, in the blocks of tokenMergeLevel() (down and
    /// up); 0 is the plain computation. Throws EngineError for a ratio outside 0 .. kMaxTokenMerge.
    at::Tensor forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
        const UNetAddedConditioning* added, double tokenMerge, UNetStepCache* cache = nullptr, bool reuse = false);
    /// The down level whose transformer blocks (and those of its up block) token merging reduces: the
    /// first that has them, i.e. the highest resolution with attention (0 for SD 1.x/2.x, 1 for SDXL);
    /// -1 when no level has.
    int64_t tokenMergeLevel() const;

private:
    struct Level {
        std::vector<ResnetBlock> resnets;
        std::vector<std::shared_ptr<UNetTransformerImpl>> attentions; ///< empty for blocks without attention
        Downsample downsampler { nullptr };
        Upsample upsampler { nullptr };
    };

    at::Tensor timeEmbedding(const at::Tensor& timestep, int64_t batch, const UNetAddedConditioning* added);
    /// All forwards: the whole UNet when `cache` is null or `shallow` false (keeping the cache's feature
    /// when there is a cache), else the shallow path on cache->feature; token merging of `tokenMerge`.
    at::Tensor run(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
        const UNetAddedConditioning* added, UNetStepCache* cache, bool shallow, double tokenMerge);
    // The constructor's parts, registered in diffusers' order (the parameter order of the files).
    void buildDownBlocks(const at::TensorOptions& options);
    void buildMidBlock(const at::TensorOptions& options);
    void buildUpBlocks(const at::TensorOptions& options);

    UNetConfig m_config;
    Conv2d m_convIn { nullptr }, m_convOut { nullptr };
    Linear m_timeLinear1 { nullptr }, m_timeLinear2 { nullptr };
    Linear m_addLinear1 { nullptr }, m_addLinear2 { nullptr };
    std::vector<Level> m_down, m_up;
    ResnetBlock m_midResnet1 { nullptr }, m_midResnet2 { nullptr };
    std::shared_ptr<UNetTransformerImpl> m_midAttention;
    GroupNorm m_normOut { nullptr };
};
TORCH_MODULE(UNet);

/// Builds the model's UNet (config from UNetConfig::forModel) in `options`' dtype/device and loads
/// its weights. Throws EngineError when the model has no UNet or its tensors do not fit.
UNet loadUNet(const ModelFiles& files, const at::TensorOptions& options, const LoadProgress& progress = {});

/// Sinusoidal embedding of `values` [N] (float32 result [N, channels]); diffusers get_timestep_embedding.
at::Tensor sinusoidalEmbedding(const at::Tensor& values, int64_t channels, bool flipSinToCos, double freqShift);

} // namespace easel::engine
