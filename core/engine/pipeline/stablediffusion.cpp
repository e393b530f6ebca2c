// SPDX-License-Identifier: MIT
#include "engine/pipeline/stablediffusion.h"

#include "engine/common/error.h"
#include "engine/models/attention.h"
#include "engine/samplers/sampler.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace easel::engine {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::map<std::string, std::vector<int64_t>> shapesOf(const ComponentWeights& weights)
{
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const std::string& name : weights.names())
        shapes[name] = weights.shape(name);
    return shapes;
}

int64_t bytesOf(torch::nn::Module& module)
{
    int64_t bytes = 0;
    for (const at::Tensor& p : module.parameters())
        bytes += p.numel() * int64_t(p.element_size());
    return bytes;
}

// The encoder's module, weights not loaded yet.
ClipTextModel makeTextEncoder(const ModelFiles& files, Component component, const ClipTokenizer& tokenizer,
    const LoadOptions& options)
{
    const ComponentWeights& weights = files.weights(component);
    ClipTextConfig config = ClipTextConfig::resolve(files.config(component), shapesOf(weights));
    config.padId = tokenizer.padId(); // empty-prompt chunks pad as this encoder's tokenizer does
    return ClipTextModel(config, at::TensorOptions().dtype(options.dtype).device(options.device));
}

// Loads the weights of several modules one after another, reporting one count of bytes over all.
class WeightLoader {
public:
    void add(torch::nn::Module& module, const ComponentWeights& weights)
    {
        const size_t bytes = loadBytes(module, weights);
        m_parts.push_back({ &module, &weights, bytes });
        m_total += bytes;
    }

    void load(const LoadProgress& progress)
    {
        size_t offset = 0;
        for (const Part& part : m_parts) {
            LoadProgress partProgress;
            if (progress)
                partProgress = [&](size_t done, size_t) { return progress(offset + done, m_total); };
            loadModule(*part.module, *part.weights, partProgress);
            offset += part.bytes;
        }
    }

private:
    struct Part {
        torch::nn::Module* module;
        const ComponentWeights* weights;
        size_t bytes;
    };
    std::vector<Part> m_parts;
    size_t m_total = 0;
};

bool isOutOfMemory(const std::exception& e)
{
    const std::string what = e.what();
    return what.find("out of memory") != std::string::npos || what.find("CUDA error: out of memory") != std::string::npos
        || what.find("DefaultCPUAllocator: can't allocate memory") != std::string::npos
        || what.find("not enough memory") != std::string::npos;
}

std::string firstLine(const std::string& text)
{
    const size_t end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// float [B, 3, H, W] in [0, 1] -> uint8 [H, W, 3] of image b, as diffusers' numpy_to_pil rounds.
at::Tensor toRgb8(const at::Tensor& images01, int64_t b)
{
    return (images01[b].permute({ 1, 2, 0 }) * 255.0).round().clamp(0, 255).to(at::kByte).contiguous().cpu();
}

struct Cancelled { };

} // namespace

QualityFlags checkQuality(const at::Tensor& rgb8)
{
    const at::Tensor values = rgb8.to(at::kFloat).reshape({ -1, rgb8.size(-1) });
    const double mean = values.mean().item<double>();
    // Population deviation of each channel, as OpenCV's meanStdDev in imaging::checkQuality.
    const double largestStd = values.std(0, /*unbiased=*/false).max().item<double>();
    QualityFlags flags;
    flags.nearlyBlack = mean < QualityFlags::BlackMean;
    flags.nearlyWhite = mean > QualityFlags::WhiteMean;
    flags.uniform = largestStd < QualityFlags::UniformStd;
    return flags;
}

const char* generationPhaseName(GenerationPhase phase)
{
    switch (phase) {
    case GenerationPhase::Encoding: return "encoding";
    case GenerationPhase::Sampling: return "sampling";
    case GenerationPhase::Decoding: return "decoding";
    }
    return "encoding";
}

const char* previewModeName(PreviewMode mode)
{
    switch (mode) {
    case PreviewMode::None: return "none";
    case PreviewMode::Approx: return "approx";
    case PreviewMode::Taesd: return "taesd";
    }
    return "none";
}

PreviewMode parsePreviewMode(const std::string& name)
{
    if (name == "none")
        return PreviewMode::None;
    if (name == "approx")
        return PreviewMode::Approx;
    if (name == "taesd")
        return PreviewMode::Taesd;
    throw EngineError("unknown preview mode '" + name + "' (use none, approx or taesd)");
}

std::shared_ptr<StableDiffusion> StableDiffusion::load(const std::string& path, const LoadOptions& options)
{
    at::NoGradGuard noGrad;
    std::shared_ptr<StableDiffusion> sd(new StableDiffusion());
    sd->m_options = options;
    sd->m_files = ModelFiles::open(path);
    const ModelFiles& files = *sd->m_files;
    const ModelInfo& info = files.info();
    if (info.layout == ModelLayout::StandaloneVae)
        throw EngineError(fileError(path, "is a standalone VAE, not a whole model: load a checkpoint and use this as its VAE"),
            EngineError::Kind::Unsupported);
    if (info.family == ModelFamily::Unknown)
        throw EngineError(fileError(path, "unknown architecture"), EngineError::Kind::Unsupported);

    auto tokenizerFor = [&](int index) -> ClipTokenizer {
        const std::string dir = files.tokenizerDir(index);
        if (!dir.empty())
            return ClipTokenizer::fromDiffusersFolder(dir);
        if (options.vocabularyDir.empty())
            throw EngineError(fileError(path, "has no tokenizer and no CLIP vocabulary was given"));
        ClipTokenizerOptions tokenizerOptions;
        // OpenCLIP encoders (SDXL's second, the refiner's, SD 2.x's) pad with "!" (id 0).
        const bool openClip = index == 1 || info.family == ModelFamily::SD2;
        if (openClip) {
            tokenizerOptions.padToken = "!";
        }
        return ClipTokenizer(options.vocabularyDir, tokenizerOptions);
    };

    // Every module is built first, then all weights are loaded, so that progress is one count.
    WeightLoader loader;
    ClipTextModel first { nullptr }, second { nullptr };
    if (files.has(Component::TextEncoder)) {
        sd->m_tokenizer1.emplace(tokenizerFor(0));
        first = makeTextEncoder(files, Component::TextEncoder, *sd->m_tokenizer1, options);
        loader.add(*first, files.weights(Component::TextEncoder));
    }
    if (files.has(Component::TextEncoder2)) {
        sd->m_tokenizer2.emplace(tokenizerFor(1));
        second = makeTextEncoder(files, Component::TextEncoder2, *sd->m_tokenizer2, options);
        loader.add(*second, files.weights(Component::TextEncoder2));
    }
    TextConditionerOptions textOptions;
    const bool xl = info.family == ModelFamily::SDXLBase || info.family == ModelFamily::SDXLRefiner;
    textOptions.zerosForEmptyNegative
        = xl && files.pipelineIndex().value("force_zeros_for_empty_prompt", true); // SDXL's default
    sd->m_text = std::make_unique<TextConditioner>(info.family, first, second, textOptions);
    sd->m_textEncoder1 = first;
    sd->m_textEncoder2 = second;

    const at::TensorOptions tensorOptions = at::TensorOptions().dtype(options.dtype).device(options.device);
    sd->m_unet = UNet(UNetConfig::forModel(files), tensorOptions);
    loader.add(*sd->m_unet, files.weights(Component::Unet));
    // SDXL's VAE overflows in fp16 (diffusers' force_upcast); bf16 has the range.
    const at::ScalarType vaeType = xl && options.dtype == at::kHalf ? at::kFloat : options.dtype;
    sd->m_vae = Vae(VaeConfig::forModel(files), at::TensorOptions().dtype(vaeType).device(options.device));
    loader.add(*sd->m_vae, files.weights(Component::Vae));
    loader.load(options.progress);
    sd->applyAttention(options.attention);

    sd->m_scheduler = SchedulerConfig::fromJson(files.schedulerConfig());
    if (sd->m_scheduler.className.empty())
        sd->m_scheduler.className = xl ? "EulerDiscreteScheduler" : "PNDMScheduler"; // the released models' defaults
    if (info.prediction == Prediction::VPrediction)
        sd->m_scheduler.predictionType = PredictionType::VPrediction;
    sd->m_defaultSampler = easel::engine::defaultSampler(sd->m_scheduler);

    const int64_t sampleSize = files.config(Component::Unet).value("sample_size", int64_t(0));
    const int64_t scale = sd->m_vae->config().downscale();
    if (sampleSize > 0)
        sd->m_nativeSize = int(sampleSize * scale);
    else
        sd->m_nativeSize = xl ? 1024 : info.family == ModelFamily::SD2 && info.prediction == Prediction::VPrediction ? 768 : 512;

    sd->m_weightBytes = bytesOf(*sd->m_unet) + bytesOf(*sd->m_vae) + (first ? bytesOf(*first) : 0)
        + (second ? bytesOf(*second) : 0);
    return sd;
}

void StableDiffusion::setPreviewDecoder(const std::string& taesdDecoderPath)
{
    m_taesd = loadTaesd(taesdDecoderPath, TaesdImpl::Kind::Decoder,
        at::TensorOptions().dtype(m_options.dtype).device(m_options.device));
}

void StableDiffusion::applyAttention(AttentionMode mode)
{
    if (!m_textEncoder1.is_empty())
        setAttentionMode(*m_textEncoder1, mode);
    if (!m_textEncoder2.is_empty())
        setAttentionMode(*m_textEncoder2, mode);
    setAttentionMode(*m_unet, mode);
    setAttentionMode(*m_vae, mode);
}

bool StableDiffusion::hasPreviewDecoder() const
{
    return !m_taesd.is_empty();
}

PromptTokens StableDiffusion::tokenize(const std::string& prompt, PromptSyntax syntax) const
{
    PromptTokens tokens;
    if (m_tokenizer1)
        tokens.first = tokenizePrompt(*m_tokenizer1, prompt, syntax);
    if (m_tokenizer2)
        tokens.second = tokenizePrompt(*m_tokenizer2, prompt, syntax);
    return tokens;
}

at::Tensor StableDiffusion::decodeLatents(const at::Tensor& latents, bool* retried, const VaeTiling& tiling)
{
    at::NoGradGuard noGrad;
    const VaeConfig& config = m_vae->config();
    const at::ScalarType vaeType = m_vae->parameters().front().scalar_type();
    const at::Tensor scaled = (latents.to(at::kFloat) / config.scalingFactor).to(m_options.device, vaeType);
    at::Tensor decoded = m_vae->decode(scaled, tiling).to(at::kFloat);
    if (retried)
        *retried = false;
    if (!at::isfinite(decoded).all().item<bool>() && vaeType != at::kFloat) {
        // Half precision overflows in some VAEs: redo this decode in fp32, then go back.
        m_vae->to(at::kFloat);
        decoded = m_vae->decode(scaled.to(at::kFloat), tiling);
        m_vae->to(vaeType);
        if (retried)
            *retried = true;
    }
    return (decoded / 2 + 0.5).clamp(0, 1).cpu();
}

at::Tensor StableDiffusion::preview(const at::Tensor& latents, PreviewMode mode)
{
    at::NoGradGuard noGrad;
    const at::Tensor one = latents.dim() == 3 ? latents.unsqueeze(0) : latents.narrow(0, 0, 1);
    at::Tensor rgb01;
    if (mode == PreviewMode::Taesd && !m_taesd.is_empty()) {
        const at::ScalarType type = m_taesd->parameters().front().scalar_type();
        rgb01 = m_taesd->forward(one.to(m_options.device, type)).to(at::kFloat).clamp(0, 1);
    } else {
        rgb01 = latentPreview(one.to(at::kFloat), family());
    }
    return toRgb8(rgb01, 0);
}

GenerationResult StableDiffusion::generate(const GenerationParams& params, GenerationObserver* observer,
    const CancelToken* cancel)
{
    GenerationResult result;
    const Clock::time_point start = Clock::now();
    try {
        try {
            run(params, observer, cancel, result);
        } catch (const std::exception& e) {
            if (!isOutOfMemory(e))
                throw;
            // Out of memory: try once more with this model's attention in slices (the VAE decode
            // falls back to tiles by itself) before giving up; the model's own mode comes back after.
            result.notes.push_back("out of memory: retried with sliced attention");
            applyAttention(AttentionMode::Sliced);
            result.images.clear();
            try {
                run(params, observer, cancel, result);
            } catch (...) {
                applyAttention(m_options.attention);
                throw;
            }
            applyAttention(m_options.attention);
        }
        result.outcome = Outcome::Completed;
    } catch (const Cancelled&) {
        result.outcome = Outcome::Cancelled;
    } catch (const EngineError& e) {
        result.outcome = e.kind() == EngineError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed;
        result.error = e.what();
    } catch (const std::bad_alloc&) {
        result.outcome = Outcome::Failed;
        result.error = "out of memory: try a smaller size or batch, or fp16/bf16";
    } catch (const std::exception& e) {
        result.outcome = Outcome::Failed;
        result.error = isOutOfMemory(e) ? "out of memory even with sliced attention and a tiled VAE: try a smaller size or batch"
                                        : "engine error: " + firstLine(e.what());
    }
    result.seconds = secondsSince(start);
    return result;
}

GenerationParams StableDiffusion::resolve(const GenerationParams& params) const
{
    GenerationParams resolved = params;
    resolved.sampler = params.sampler.value_or(m_defaultSampler.kind);
    resolved.schedule = params.schedule.value_or(params.sampler ? SigmaSchedule::Default : m_defaultSampler.schedule);
    resolved.spacing = params.spacing.value_or(m_scheduler.timestepSpacing);
    resolved.width = params.width > 0 ? params.width : m_nativeSize;
    resolved.height = params.height > 0 ? params.height : m_nativeSize;
    return resolved;
}

void StableDiffusion::run(const GenerationParams& requested, GenerationObserver* observer, const CancelToken* cancel,
    GenerationResult& result)
{
    at::NoGradGuard noGrad;
    const Clock::time_point start = Clock::now();
    const GenerationParams params = resolve(requested);

    // ---- validate
    const int width = params.width;
    const int height = params.height;
    const int64_t scale = m_vae->config().downscale();
    if (width % scale != 0 || height % scale != 0)
        throw EngineError("size " + std::to_string(width) + "x" + std::to_string(height) + " is not a multiple of "
            + std::to_string(scale));
    if (width > 8192 || height > 8192)
        throw EngineError("size " + std::to_string(width) + "x" + std::to_string(height) + " is larger than 8192");
    if (params.steps < 1 || params.steps > 1000)
        throw EngineError("steps must be between 1 and 1000");
    if (!(params.guidance >= 0) || params.guidance > 100)
        throw EngineError("guidance must be between 0 and 100");
    if (params.batchSize < 1 || params.batchCount < 1 || int64_t(params.batchSize) * params.batchCount > 10000)
        throw EngineError("batch size and count must be at least 1");
    if (params.previewInterval < 1)
        throw EngineError("preview interval must be at least 1");
    const bool img2img = params.initImage.defined();
    const int64_t h = height / scale, w = width / scale;
    const int64_t latentChannels = m_vae->config().latentChannels;
    const int total = params.batchSize * params.batchCount;
    if (params.initLatents.defined()) {
        const std::vector<int64_t> expected { total, latentChannels, h, w };
        if (params.initLatents.sizes() != at::IntArrayRef(expected))
            throw EngineError("initial latents must be [" + std::to_string(total) + ", " + std::to_string(latentChannels)
                + ", " + std::to_string(h) + ", " + std::to_string(w) + "] for this size and batch");
    }
    if (img2img && (params.initImage.dim() != 4 || params.initImage.size(1) != 3 || params.initImage.size(2) != height
            || params.initImage.size(3) != width))
        throw EngineError("the init image must be [1, 3, " + std::to_string(height) + ", " + std::to_string(width) + "]");
    if (m_unet->config().inChannels != latentChannels)
        throw EngineError("inpainting models need a mask: txt2img and img2img are not available for them yet",
            EngineError::Kind::Unsupported);

    // ---- plan
    const SamplerKind kind = *params.sampler;
    const SigmaSchedule schedule = *params.schedule;
    const TimestepSpacing spacing = *params.spacing;
    const SamplerPlan plan = makePlan(m_scheduler, kind, schedule, spacing, params.steps);
    int64_t startIndex = 0;
    if (img2img)
        startIndex = img2imgSchedule(plan, params.strength).startIndex;
    const int64_t stepsPerBatch = int64_t(plan.timesteps.size()) - startIndex;
    result.sampler = kind;
    result.schedule = schedule;
    result.spacing = spacing;
    result.width = width;
    result.height = height;

    auto checkCancel = [&] {
        if (cancel && cancel->cancelledNow())
            throw Cancelled {};
    };
    checkCancel();

    // ---- conditioning
    if (observer)
        observer->onPhase(GenerationPhase::Encoding, 0);
    const bool cfg = params.guidance > 1.0;
    const PromptTokens positive = tokenize(params.prompt, params.promptSyntax);
    Conditioning cond, uncond;
    if (cfg) {
        const PromptTokens negative = tokenize(params.negativePrompt, params.promptSyntax);
        TextConditioner::Pair pair = m_text->encodePair(positive, params.hasNegativePrompt ? &negative : nullptr);
        cond = pair.positive;
        uncond = pair.negative;
    } else {
        cond = m_text->encode({ positive });
    }
    const at::ScalarType type = m_options.dtype;
    const c10::Device device = m_options.device;
    auto rows = [&](const at::Tensor& t, int64_t n) {
        return t.defined() ? t.to(device, type).expand({ n, t.size(1) }).contiguous() : t;
    };
    auto rows3 = [&](const at::Tensor& t, int64_t n) {
        return t.to(device, type).expand({ n, t.size(1), t.size(2) }).contiguous();
    };

    // SDXL size conditioning: (original h, w, crop top, left, target h, w); the refiner takes an
    // aesthetic score instead of the target size (6 positive, 2.5 negative, as diffusers).
    const UNetConfig& unetConfig = m_unet->config();
    const bool added = unetConfig.textTimeEmbedding;
    at::Tensor timeIds, negTimeIds;
    if (added) {
        const int64_t pooledDim = cond.pooled.size(1);
        const int64_t n = (unetConfig.projectionClassEmbeddingsInputDim - pooledDim) / unetConfig.additionTimeEmbedDim;
        if (n == 5) {
            timeIds = at::tensor({ double(height), double(width), 0.0, 0.0, 6.0 }, at::kFloat).unsqueeze(0);
            negTimeIds = at::tensor({ double(height), double(width), 0.0, 0.0, 2.5 }, at::kFloat).unsqueeze(0);
        } else {
            timeIds = at::tensor({ double(height), double(width), 0.0, 0.0, double(height), double(width) }, at::kFloat)
                          .unsqueeze(0);
            negTimeIds = timeIds;
        }
    }

    at::Tensor imageLatentMean, imageLatentStd;
    if (img2img) {
        const at::ScalarType vaeType = m_vae->parameters().front().scalar_type();
        const LatentDistribution dist = m_vae->encode((params.initImage.to(at::kFloat) * 2 - 1).to(device, vaeType));
        imageLatentMean = dist.mean.to(at::kFloat).cpu();
        imageLatentStd = dist.std.to(at::kFloat).cpu();
    }

    const bool stochastic = kind == SamplerKind::EulerAncestral || kind == SamplerKind::Lcm;
    int finishedSteps = 0;
    const int totalSteps = int(stepsPerBatch) * params.batchCount;

    for (int batch = 0; batch < params.batchCount; ++batch) {
        if (cancel && cancel->mode() != CancelMode::None && batch > 0)
            throw Cancelled {}; // AfterCurrentBatch: the previous batch was finished, this one never starts
        if (observer)
            observer->onPhase(GenerationPhase::Sampling, batch);
        const int64_t n = params.batchSize;
        // Each image of the batch has its own generator (seed + k), so it can be made again alone.
        std::vector<at::Generator> generators;
        std::vector<at::Tensor> parts;
        for (int64_t i = 0; i < n; ++i) {
            const int k = batch * params.batchSize + int(i);
            generators.push_back(at::detail::createCPUGenerator(params.seed + uint64_t(k)));
        }
        at::Tensor x;
        for (int64_t i = 0; i < n; ++i) {
            const int k = batch * params.batchSize + int(i);
            at::Tensor row;
            if (img2img) {
                // diffusers' draw order: the latent sample, then the noise.
                const at::Tensor eps = at::randn(imageLatentMean.sizes(), generators[size_t(i)], at::kFloat);
                const at::Tensor init = (imageLatentMean + imageLatentStd * eps) * m_vae->config().scalingFactor;
                const at::Tensor rowNoise = params.initLatents.defined()
                    ? params.initLatents.narrow(0, k, 1).to(at::kFloat)
                    : at::randn({ 1, latentChannels, h, w }, generators[size_t(i)], at::kFloat);
                row = addNoise(m_scheduler, plan, init, rowNoise, startIndex);
            } else {
                const at::Tensor rowNoise = params.initLatents.defined()
                    ? params.initLatents.narrow(0, k, 1).to(at::kFloat)
                    : at::randn({ 1, latentChannels, h, w }, generators[size_t(i)], at::kFloat);
                row = rowNoise * plan.initNoiseSigma;
            }
            parts.push_back(row);
        }

        const at::Tensor context = cfg ? at::cat({ rows3(uncond.context, n), rows3(cond.context, n) }) : rows3(cond.context, n);
        UNetAddedConditioning addedCond;
        if (added) {
            addedCond.textEmbeds = cfg ? at::cat({ rows(uncond.pooled, n), rows(cond.pooled, n) }) : rows(cond.pooled, n);
            addedCond.timeIds = cfg ? at::cat({ rows(negTimeIds, n), rows(timeIds, n) }) : rows(timeIds, n);
        }

        // Runs the sampler over `count` rows starting at `first` (all rows at once, or one by one for
        // stochastic samplers, whose per-step noise must come from each image's own generator).
        auto denoise = [&](int64_t first, int64_t count, at::Generator generator) {
            auto slice = [&](const at::Tensor& t, bool doubled) {
                if (!t.defined())
                    return t;
                if (!doubled)
                    return t.narrow(0, first, count);
                return at::cat({ t.narrow(0, first, count), t.narrow(0, n + first, count) });
            };
            const at::Tensor ctx = slice(context, cfg);
            UNetAddedConditioning addedRows;
            if (added) {
                addedRows.textEmbeds = slice(addedCond.textEmbeds, cfg);
                addedRows.timeIds = slice(addedCond.timeIds, cfg);
            }
            const ModelFn model = [&](const at::Tensor& xin, double t) {
                checkCancel();
                const at::Tensor input = xin.to(device, type);
                const at::Tensor doubled = cfg ? at::cat({ input, input }) : input;
                const at::Tensor timestep = plan.floatTimesteps ? at::scalar_tensor(t, at::TensorOptions().dtype(at::kFloat).device(device))
                                                                : at::scalar_tensor(int64_t(std::llround(t)), at::TensorOptions().dtype(at::kLong).device(device));
                at::Tensor out = m_unet->forward(doubled, timestep, ctx, added ? &addedRows : nullptr).to(at::kFloat);
                if (cfg) {
                    const auto halves = out.chunk(2);
                    out = halves[0] + params.guidance * (halves[1] - halves[0]);
                }
                return out.to(xin.device());
            };
            const StepObserver onStep = [&](const StepState& state) {
                ++finishedSteps;
                if (observer) {
                    StepInfo info;
                    info.step = int(state.index + 1);
                    info.steps = int(state.total);
                    info.batch = batch;
                    info.batches = params.batchCount;
                    info.elapsedSec = secondsSince(start);
                    info.etaSec = info.elapsedSec / finishedSteps * (totalSteps * (stochastic ? int(n) : 1) - finishedSteps);
                    observer->onStep(info);
                    const bool last = state.index + 1 == state.total;
                    if (params.preview != PreviewMode::None && !last && (state.index + 1) % params.previewInterval == 0) {
                        const at::Tensor& latents = state.denoised.defined() ? state.denoised : state.x;
                        for (int64_t i = 0; i < latents.size(0); ++i)
                            observer->onPreview(batch * params.batchSize + int(first + i), info.step,
                                preview(latents.narrow(0, i, 1), params.preview));
                    }
                }
                checkCancel();
            };
            return sample(m_scheduler, plan, model, at::cat(std::vector<at::Tensor>(parts.begin() + first, parts.begin() + first + count)),
                generator, onStep, startIndex);
        };

        at::Tensor latents;
        if (stochastic && n > 1) {
            std::vector<at::Tensor> done;
            for (int64_t i = 0; i < n; ++i)
                done.push_back(denoise(i, 1, generators[size_t(i)]));
            latents = at::cat(done);
        } else {
            latents = denoise(0, n, generators[0]);
        }
        checkCancel();

        if (observer)
            observer->onPhase(GenerationPhase::Decoding, batch);
        const bool finite = at::isfinite(latents).all().item<bool>();
        bool retried = false;
        at::Tensor images;
        try {
            images = decodeLatents(latents, &retried);
        } catch (const std::exception& e) {
            if (!isOutOfMemory(e))
                throw;
            VaeTiling tiled;
            tiled.mode = VaeTiling::Mode::Always;
            images = decodeLatents(latents, &retried, tiled);
            result.notes.push_back("out of memory in the VAE: decoded in tiles");
        }
        if (retried)
            result.notes.push_back("the VAE overflowed in " + std::string(c10::toString(type)) + ": decoded in fp32");
        for (int64_t i = 0; i < n; ++i) {
            GeneratedImage image;
            image.index = batch * params.batchSize + int(i);
            image.seed = params.seed + uint64_t(image.index);
            image.latents = latents[i].to(at::kFloat).cpu().contiguous();
            image.rgb = toRgb8(images, i);
            image.quality = checkQuality(image.rgb);
            image.quality.nonFinite = !finite || !at::isfinite(images[i]).all().item<bool>();
            image.decodedInFp32Retry = retried;
            if (observer)
                observer->onImage(image);
            result.images.push_back(std::move(image));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ModelCache

namespace {
std::string cacheKey(const std::string& path, const LoadOptions& options)
{
    return path + "|" + c10::toString(options.dtype) + "|" + options.device.str() + "|"
        + attentionModeName(options.attention);
}
} // namespace

std::shared_ptr<StableDiffusion> ModelCache::get(const std::string& path, const LoadOptions& options)
{
    const std::string key = cacheKey(path, options);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->key == key) {
                Entry entry = *it;
                m_entries.erase(it);
                m_entries.push_back(entry);
                return entry.model;
            }
        }
    }
    // Make room before loading (not under the lock: it takes seconds), so switching models never
    // holds the old one and the new one together beyond the budget. The header gives the size.
    {
        const auto files = ModelFiles::open(path);
        int64_t parameters = 0;
        for (const ComponentSummary& c : files->info().components)
            parameters += c.parameters;
        const int64_t estimate = parameters * int64_t(c10::elementSize(options.dtype));
        std::lock_guard<std::mutex> lock(m_mutex);
        evictLocked(estimate);
    }
    std::shared_ptr<StableDiffusion> model = StableDiffusion::load(path, options);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries.push_back({ key, path, model });
    evictLocked(0);
    return model;
}

void ModelCache::evictLocked(int64_t keepFree)
{
    auto used = [&] {
        int64_t bytes = 0;
        for (const Entry& e : m_entries)
            bytes += e.model->weightBytes();
        return bytes;
    };
    // When making room for a new model every entry may go; otherwise the most recently used one
    // stays even when it alone exceeds the budget.
    const size_t keep = keepFree > 0 ? 0 : 1;
    while (m_entries.size() > keep && used() + keepFree > m_budget)
        m_entries.erase(m_entries.begin());
}

bool ModelCache::unload(const std::string& path)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const size_t before = m_entries.size();
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.path == path; }),
        m_entries.end());
    return m_entries.size() != before;
}

void ModelCache::clear()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries.clear();
}

int64_t ModelCache::usedBytes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    int64_t bytes = 0;
    for (const Entry& e : m_entries)
        bytes += e.model->weightBytes();
    return bytes;
}

size_t ModelCache::size() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_entries.size();
}

void ModelCache::setBudget(int64_t bytes)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_budget = bytes;
    evictLocked(0);
}

} // namespace easel::engine
