// SPDX-License-Identifier: MIT
#pragma once

// The engine's job interface: what a generation takes, what it reports while it runs, how it is
// cancelled, and what it returns. Everything here belongs to one job; nothing is process-wide.

#include "engine/samplers/samplerplan.h"
#include "engine/tokenizer/promptsyntax.h"

#include <ATen/Tensor.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace easel::engine {

enum class PreviewMode {
    None,
    Approx, ///< latent -> RGB linear projection: nearly free, latent resolution (1/8 size)
    Taesd, ///< the tiny autoencoder (needs its decoder file): full size, a few ms per step on a GPU
};

const char* previewModeName(PreviewMode mode); ///< "none", "approx", "taesd"
PreviewMode parsePreviewMode(const std::string& name); ///< throws EngineError

/// A LoRA to fuse into the model for a generation: a kohya/A1111 .safetensors file and its multiplier,
/// the same for the UNet and the text encoders (diffusers' adapter weight, A1111's <lora:NAME:WEIGHT>).
struct LoraSpec {
    std::string path;
    double weight = 1.0;

    bool operator==(const LoraSpec& other) const { return path == other.path && weight == other.weight; }
};

/// One generation request. Defaults are what a user of a Stable Diffusion studio expects; fields
/// left unset take the model's own values (sampler from its scheduler config, size from its UNet).
struct GenerationParams {
    std::string prompt;
    std::string negativePrompt;
    /// False: no negative prompt at all. SD 1.x/2.x then use the empty prompt; SDXL zero
    /// embeddings (force_zeros_for_empty_prompt), exactly as diffusers with negative_prompt=None.
    bool hasNegativePrompt = true;
    int steps = 20;
    double guidance = 7.5; ///< classifier-free guidance; <= 1 skips the unconditional pass
    std::optional<SamplerKind> sampler; ///< default: the model's scheduler (SD 1.5: PNDM, SDXL: Euler)
    std::optional<SigmaSchedule> schedule;
    std::optional<TimestepSpacing> spacing;
    int width = 0; ///< pixels, a multiple of 8; 0 = the model's native size
    int height = 0;
    /// Image k of the run (k = batch index * batchSize + position in the batch) uses seed + k: its
    /// initial noise and every noise a stochastic sampler draws for it come from its own CPU
    /// generator seeded seed + k (as torch.Generator("cpu").manual_seed), so each image can be
    /// made again alone with batch size 1. With batch size 1 this is exactly diffusers' generator.
    uint64_t seed = 0;
    int batchSize = 1; ///< images denoised together
    int batchCount = 1; ///< batches run one after another
    PromptSyntax promptSyntax = PromptSyntax::A1111;
    int clipSkip = 0; ///< extra final text-encoder layers to skip (A1111 "Clip skip" 2 = 1 here)

    /// img2img: the source image, float [1, 3, H, W] in [0, 1] (resized by the caller to width x
    /// height), and how much of it to repaint (0 keeps it, 1 ignores it).
    at::Tensor initImage;
    double strength = 0.75;

    /// The initial noise as drawn (before the sampler scales it), [batchSize * batchCount, 4, h, w]
    /// float32, instead of drawing it from the seed: diffusers' `latents=` argument.
    at::Tensor initLatents;

    /// Inpainting (with initImage): float [1, 1, H, W] in [0, 1], 1 = repaint (binarised at 0.5, as
    /// diffusers). A 9-channel inpainting UNet gets the mask and the masked image's latents; a plain
    /// model blends the source's latents back outside the mask after every step.
    at::Tensor mask;

    /// LoRAs fused into the model for this generation, stacked additively, together with the prompt's
    /// <lora:NAME:WEIGHT> tags when the syntax is A1111 (the tags are taken out of the text the encoders
    /// see). The model keeps them until a generation asks for others; none restores its own weights.
    std::vector<LoraSpec> loras;
    /// Where <lora:NAME> is looked up: NAME.safetensors in the first folder (or its subfolders) that has it.
    std::vector<std::string> loraDirs;

    PreviewMode preview = PreviewMode::Approx;
    int previewInterval = 1; ///< steps between previews

    /// Step caching (DeepCache): every stepCache-th UNet evaluation of a denoising loop, starting with the
    /// first, runs the whole UNet; the ones between reuse its deep features and run only the shallow path
    /// (see UNetStepCache). 1 = off, every evaluation complete; 2..5 trade detail for speed.
    int stepCache = 1;
    /// Token merging (ToMe for SD): the share of the tokens, 0 to 0.75, merged away before the self-attention
    /// of the UNet's highest-resolution transformer blocks (UNetImpl::tokenMergeLevel) and restored after it;
    /// faster on large images, slightly different ones. 0 = off, the plain computation bit for bit.
    double tokenMerge = 0;
};

/// Progress of a running job, reported after every sampler step.
struct StepInfo {
    int step = 0; ///< 1-based step within the current batch
    int steps = 0; ///< steps per batch
    int batch = 0; ///< 0-based batch index
    int batches = 0;
    double elapsedSec = 0; ///< since the job started
    double etaSec = 0; ///< estimated time left for the whole job
};

/// Why a job stopped.
enum class Outcome { Completed, Failed, Cancelled };

/// Flags from the automatic quality checks. The same thresholds and definitions as
/// easel::imaging::QualityReport (core/imaging/quality.h): keep the two in step.
struct QualityFlags {
    static constexpr double BlackMean = 10.0;
    static constexpr double WhiteMean = 245.0;
    static constexpr double UniformStd = 5.0;

    bool nearlyBlack = false; ///< mean of all channel values < 10 of 255
    bool nearlyWhite = false; ///< mean > 245
    bool uniform = false; ///< every channel's standard deviation < 5: a flat image of any colour
    bool nonFinite = false; ///< the latents had NaN/inf (the image is unusable)
    bool any() const { return nearlyBlack || nearlyWhite || uniform || nonFinite; }
};

/// The quality flags of an image, uint8 [H, W, 3] (nonFinite is left false).
QualityFlags checkQuality(const at::Tensor& rgb8);

struct GeneratedImage {
    at::Tensor rgb; ///< uint8 [H, W, 3], contiguous, CPU
    at::Tensor latents; ///< final latents [4, h, w] float32 CPU, before VAE decoding
    uint64_t seed = 0;
    int index = 0; ///< k in the run
    QualityFlags quality;
    bool decodedInFp32Retry = false; ///< the first decode gave NaN/inf and was redone in fp32
};

struct GenerationResult {
    Outcome outcome = Outcome::Completed;
    std::string error; ///< for Failed: one line for the user
    std::vector<GeneratedImage> images; ///< the images finished before the job ended
    double seconds = 0;
    SamplerKind sampler = SamplerKind::Euler; ///< what actually ran (after defaults)
    SigmaSchedule schedule = SigmaSchedule::Default;
    TimestepSpacing spacing = TimestepSpacing::Leading;
    int width = 0;
    int height = 0;
    std::vector<std::string> notes; ///< fallbacks taken (tiled VAE after out-of-memory, fp32 decode...)
    std::vector<LoraSpec> loras; ///< the LoRAs applied: params.loras, then the prompt's tags as files
    int64_t fullUNetCalls = 0; ///< UNet evaluations that ran the whole network (all of them when stepCache is 1)
    int64_t cachedUNetCalls = 0; ///< step caching: evaluations that ran only the shallow path
};

/// What a running job is doing; reported by GenerationObserver::onPhase when each phase starts.
enum class GenerationPhase {
    Encoding, ///< text encoding (and, for img2img, encoding the source image): once per run, before batch 0
    Sampling, ///< the denoising loop of one batch
    Decoding, ///< the VAE turning one batch's latents into images
};

const char* generationPhaseName(GenerationPhase phase); ///< "encoding", "sampling", "decoding"

/// Receives a job's events on the thread that runs it; implementations forward them (a Qt
/// controller posts them to the GUI thread). All methods may be left as they are.
class GenerationObserver {
public:
    virtual ~GenerationObserver() = default;
    /// A phase starts. `batch` is the 0-based batch it works for (0 for Encoding, which runs once
    /// per run). Order per run: Encoding, then Sampling and Decoding for each batch.
    virtual void onPhase(GenerationPhase phase, int batch) { }
    virtual void onStep(const StepInfo&) { }
    /// rgb: uint8 [h, w, 3]; `index` is the image's k; `step` as in StepInfo.
    virtual void onPreview(int index, int step, const at::Tensor& rgb) { }
    /// An image is finished (called before generate() returns, in order).
    virtual void onImage(const GeneratedImage&) { }
};

enum class CancelMode {
    None,
    Now, ///< stop at the next step; images not finished are dropped
    /// Finish the batch in progress (the first batch is in progress from the job's start), start no
    /// other. When batches were left unstarted the job ends Outcome::Cancelled with the finished images.
    AfterCurrentBatch,
};

/// A job's cancel flag, set from any thread and read by the job between steps.
class CancelToken {
public:
    void cancel(CancelMode mode = CancelMode::Now) { m_mode.store(mode); }
    void reset() { m_mode.store(CancelMode::None); }
    CancelMode mode() const { return m_mode.load(); }
    bool cancelledNow() const { return mode() == CancelMode::Now; }

private:
    std::atomic<CancelMode> m_mode { CancelMode::None };
};

} // namespace easel::engine
