// SPDX-License-Identifier: MIT
#pragma once

#include "engine/common/precisionchoice.h"
#include "engine/models/attention.h"
#include "engine/models/taesd.h"
#include "engine/models/textconditioner.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"
#include "engine/pipeline/generation.h"
#include "engine/samplers/schedulerconfig.h"
#include "engine/tokenizer/cliptokenizer.h"
#include "engine/weights/modelfiles.h"

#include <c10/core/Device.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace easel::engine {

class LoraFile;
class LoraPatcher;

/// SDXL's size conditioning (diffusers' add_time_ids) for an image of width x height: float32
/// [1, N] rows for the positive and the negative prompt. The base model (N = 6): original size,
/// crop top and left (0, 0), target size, the same in both rows. The refiner (N = 5): original
/// size, crop and an aesthetic score, 6 positive and 2.5 negative (diffusers' defaults). N follows
/// from the UNet's config and the width of the pooled text embedding.
struct SdxlTimeIds {
    at::Tensor positive;
    at::Tensor negative;
};
SdxlTimeIds sdxlTimeIds(const UNetConfig& config, int64_t pooledDim, int width, int height);

/// What the UNet takes besides the latents and the timestep for a batch of n images.
struct UNetInputs {
    at::Tensor context; ///< [n or 2n, L, C]
    UNetAddedConditioning added; ///< SDXL only (undefined tensors otherwise)
    bool guided = false; ///< classifier-free guidance: 2n rows, the n unconditional ones first

    const UNetAddedConditioning* addedOrNull() const { return added.textEmbeds.defined() ? &added : nullptr; }
    /// The rows of images first .. first + count - 1 of the n (both halves when guided).
    UNetInputs rows(int64_t first, int64_t count, int64_t n) const;
};

/// How a model is loaded.
struct LoadOptions {
    c10::Device device = c10::Device(c10::kCPU);
    at::ScalarType dtype = at::kFloat; ///< compute dtype of every component (unless `plan` is set)
    /// "auto" precision resolved per component (common/precisionchoice.h): the text encoders', the
    /// UNet's, the VAE decoder's and encoder's dtype and layout. When set, `dtype` is ignored (the
    /// model's dtype() is its UNet's).
    std::optional<ComputePlan> plan;
    /// The bundled CLIP vocabulary (resources/clip), used when the model has no tokenizer folder.
    std::string vocabularyDir;
    /// How the model's attention layers compute attention. The model keeps it; an out-of-memory
    /// retry switches this model alone to Sliced for the rest of that job.
    AttentionMode attention = AttentionMode::Auto;
    /// One count (bytes of weights) over all the components loaded (text encoders, UNet, VAE):
    /// non-decreasing, total fixed for the load, the last call with done == total. Return false to
    /// abort: load() then throws EngineError (Kind::Cancelled).
    LoadProgress progress;
    /// int8 (opt-in, CPU with oneDNN only, approximate): the UNet's convolutions and linear layers in int8
    /// (DirectConv and DirectLinear::setQuantized()), everything else bf16; the UNet and VAE channels_last. `dtype` and
    /// `plan` are then ignored. Throws EngineError on CUDA and in a build without oneDNN.
    bool int8 = false;
};

/// A loaded Stable Diffusion model (SD 1.x, SD 2.x, SDXL base/refiner): tokenizers, text encoders,
/// UNet, VAE and scheduler defaults, ready to generate. generate() may be called repeatedly; one
/// call at a time (the studio runs one job at a time per model).
class StableDiffusion {
public:
    /// Loads every component from a .safetensors checkpoint or a diffusers folder. Throws
    /// EngineError with a one-line message for bad files, unknown architectures and cancellation.
    static std::shared_ptr<StableDiffusion> load(const std::string& path, const LoadOptions& options);

    const ModelInfo& info() const { return m_files->info(); }
    ModelFamily family() const { return info().family; }
    /// Whether the UNet's convolutions and linear layers run in int8 (LoadOptions::int8).
    bool quantized() const { return m_options.int8; }
    const SchedulerConfig& schedulerConfig() const { return m_scheduler; }
    SamplerChoice defaultSampler() const { return m_defaultSampler; }
    /// The size the model was trained at (SD 1.x 512, SDXL 1024; the tiny test models 64).
    int nativeSize() const { return m_nativeSize; }
    c10::Device device() const { return m_options.device; }
    at::ScalarType dtype() const { return m_options.dtype; } ///< the UNet's (and its inputs')
    /// Each component's format as loaded (all `dtype` NCHW unless LoadOptions::plan chose otherwise).
    ComputeFormat format(EngineComponent component) const;
    AttentionMode attentionMode() const { return m_options.attention; }
    /// Bytes held by the weights (for the model cache's budget), with the originals kept for LoRAs.
    int64_t weightBytes() const;

    /// Fuses `loras` into the UNet and text-encoder weights in place (see LoraPatcher), replacing the
    /// ones applied before: only the adapted tensors are touched, and an empty list restores the model's
    /// own weights bit for bit. The same list again costs nothing. Throws EngineError naming the file
    /// (the weights are then as before). Returns notes for people (modules that matched nothing).
    std::vector<std::string> setLoras(const std::vector<LoraSpec>& loras);
    /// The LoRAs applied now.
    const std::vector<LoraSpec>& loras() const { return m_loras; }

    /// TAESD decoder for previews (madebyollin/taesd or taesdxl, as .safetensors). Throws EngineError.
    void setPreviewDecoder(const std::string& taesdDecoderPath);
    bool hasPreviewDecoder() const;

    /// `params` with the model's defaults filled in: sampler, schedule and spacing from its scheduler
    /// config, width and height from its native size. What generate() runs and records.
    GenerationParams resolve(const GenerationParams& params) const;

    /// Runs a whole generation (txt2img, or img2img when params.initImage is set). Never throws:
    /// errors become Outcome::Failed with a message, cancellation Outcome::Cancelled.
    GenerationResult generate(const GenerationParams& params, GenerationObserver* observer = nullptr,
        const CancelToken* cancel = nullptr);

    /// The pieces, for benchmarks and tests.
    UNet& unet() { return m_unet; }
    Vae& vae() { return m_vae; }
    const TextConditioner& textConditioner() const { return *m_text; }
    /// Text encoder 0 (diffusers' text_encoder) or 1 (text_encoder_2); an empty holder where there is none.
    ClipTextModel textEncoder(int index) const { return index == 0 ? m_textEncoder1 : m_textEncoder2; }
    /// Tokenizes a prompt for each of the model's encoders.
    PromptTokens tokenize(const std::string& prompt, PromptSyntax syntax) const;
    /// The UNet's inputs for n images of width x height, in the model's dtype and device, as
    /// generate() feeds them (the benchmark times its UNet step with these too). `uncond`: with
    /// classifier-free guidance, the negative prompt's conditioning.
    UNetInputs unetInputs(const Conditioning& cond, const Conditioning* uncond, int64_t n, int width, int height) const;
    /// Final latents (UNet space) -> float32 [B, 3, H, W] in [0, 1], retrying in fp32 when the
    /// compute dtype overflows. `retried` reports that fallback.
    at::Tensor decodeLatents(const at::Tensor& latents, bool* retried = nullptr, const VaeTiling& tiling = {});
    /// A preview image uint8 [h, w, 3] of the latents of one image.
    at::Tensor preview(const at::Tensor& latents, PreviewMode mode);

private:
    StableDiffusion() = default;
    void run(const GenerationParams& params, GenerationObserver* observer, const CancelToken* cancel,
        GenerationResult& result);
    /// Sets the attention mode of every attention layer of this model (not the LoadOptions it keeps).
    void applyAttention(AttentionMode mode);
    /// load()'s parts: tokenizers, text encoders, UNet and VAE with their weights; the scheduler
    /// and the native size.
    void loadModules(const LoadOptions& options);
    void configureDefaults();

    LoadOptions m_options;
    std::shared_ptr<ModelFiles> m_files;
    std::optional<ClipTokenizer> m_tokenizer1;
    std::optional<ClipTokenizer> m_tokenizer2;
    ClipTextModel m_textEncoder1 { nullptr };
    ClipTextModel m_textEncoder2 { nullptr };
    std::unique_ptr<TextConditioner> m_text;
    UNet m_unet { nullptr };
    Vae m_vae { nullptr };
    Taesd m_taesd { nullptr };
    SchedulerConfig m_scheduler;
    SamplerChoice m_defaultSampler;
    int m_nativeSize = 512;
    int64_t m_weightBytes = 0;
    ComputeFormat m_vaeDecoderFormat, m_vaeEncoderFormat;

    /// The LoRA files of the applied stack, with the size and time they had when opened.
    struct OpenLora {
        std::shared_ptr<const LoraFile> file;
        uintmax_t size = 0;
        int64_t mtime = 0;
    };
    std::shared_ptr<LoraPatcher> m_loraPatcher;
    std::vector<LoraSpec> m_loras;
    std::map<std::string, OpenLora> m_loraFiles;
};

/// Loaded models kept for reuse, least recently used first out, within a memory budget. Keyed by
/// file, dtype, device and attention mode. Thread-safe.
class ModelCache {
public:
    explicit ModelCache(int64_t budgetBytes) : m_budget(budgetBytes) { }

    /// The cached model, or loads it (evicting the least recently used ones beyond the budget).
    std::shared_ptr<StableDiffusion> get(const std::string& path, const LoadOptions& options);
    /// Drops one model (all its dtype/device variants); false when it was not cached.
    bool unload(const std::string& path);
    void clear();
    int64_t usedBytes() const;
    size_t size() const;
    void setBudget(int64_t bytes);

private:
    struct Entry {
        std::string key;
        std::string path;
        std::shared_ptr<StableDiffusion> model;
    };
    void evictLocked(int64_t keepFree);

    mutable std::mutex m_mutex;
    std::vector<Entry> m_entries; ///< most recently used last
    int64_t m_budget;
};

} // namespace easel::engine
