// SPDX-License-Identifier: MIT
#include "engine/pipeline/stablediffusion.h"

#include "engine/common/blockcache.h"
#include "engine/common/error.h"
#include "engine/models/attention.h"
#include "engine/models/directconv.h"
#include "engine/models/tokenmerge.h"
#include "engine/pipeline/lorapatcher.h"
#include "engine/pipeline/precisionprobe.h"
#include "engine/samplers/sampler.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

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
    const at::ScalarType type = options.plan ? (*options.plan)[size_t(EngineComponent::TextEncoder)].dtype : options.dtype;
    return ClipTextModel(config, at::TensorOptions().dtype(type).device(options.device));
}

// The tokenizer of text encoder `index` (0 or 1): the model's own tokenizer folder, else the
// bundled CLIP vocabulary with the encoder's padding.
ClipTokenizer tokenizerFor(const ModelFiles& files, int index, const LoadOptions& options)
{
    const std::string dir = files.tokenizerDir(index);
    if (!dir.empty())
        return ClipTokenizer::fromDiffusersFolder(dir);
    if (options.vocabularyDir.empty())
        throw EngineError(fileError(files.info().path, "has no tokenizer and no CLIP vocabulary was given"));
    ClipTokenizerOptions tokenizerOptions;
    // OpenCLIP encoders (SDXL's second, the refiner's, SD 2.x's) pad with "!" (id 0).
    if (index == 1 || files.info().family == ModelFamily::SD2)
        tokenizerOptions.padToken = "!";
    return ClipTokenizer(options.vocabularyDir, tokenizerOptions);
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
    const ComputeActivity active; // a background precision probe waits
    std::shared_ptr<StableDiffusion> sd(new StableDiffusion());
    sd->m_options = options;
    if (options.int8) {
        if (!options.device.is_cpu())
            throw EngineError("int8 runs on the CPU only: choose fp16 or auto for a GPU", EngineError::Kind::Unsupported);
        if (!DirectConv::enabled())
            throw EngineError("int8 needs oneDNN, which this build of Easel lacks: choose bf16 or auto",
                EngineError::Kind::Unsupported);
        ComputePlan plan;
        for (ComputeFormat& f : plan)
            f.dtype = at::kBFloat16;
        plan[size_t(EngineComponent::Unet)].channelsLast = true;
        plan[size_t(EngineComponent::VaeDecoder)].channelsLast = true;
        plan[size_t(EngineComponent::VaeEncoder)].channelsLast = true;
        sd->m_options.plan = plan;
    }
    if (sd->m_options.plan)
        sd->m_options.dtype = (*sd->m_options.plan)[size_t(EngineComponent::Unet)].dtype; // what the UNet's inputs take
    sd->m_files = ModelFiles::open(path);
    const ModelInfo& info = sd->m_files->info();
    if (info.layout == ModelLayout::StandaloneVae)
        throw EngineError(fileError(path, "is a standalone VAE, not a whole model: load a checkpoint and use this as its VAE"),
            EngineError::Kind::Unsupported);
    if (info.family == ModelFamily::Unknown)
        throw EngineError(fileError(path, "unknown architecture"), EngineError::Kind::Unsupported);
    sd->loadModules(sd->m_options);
    if (options.int8)
        quantizeLayers(*sd->m_unet, true);
    sd->applyAttention(options.attention);
    sd->configureDefaults();
    return sd;
}

void StableDiffusion::loadModules(const LoadOptions& options)
{
    const ModelFiles& files = *m_files;
    const ModelInfo& info = files.info();
    const bool xl = info.family == ModelFamily::SDXLBase || info.family == ModelFamily::SDXLRefiner;
    // Every module is built first, then all weights are loaded, so that progress is one count.
    WeightLoader loader;
    if (files.has(Component::TextEncoder)) {
        m_tokenizer1.emplace(tokenizerFor(files, 0, options));
        m_textEncoder1 = makeTextEncoder(files, Component::TextEncoder, *m_tokenizer1, options);
        loader.add(*m_textEncoder1, files.weights(Component::TextEncoder));
    }
    if (files.has(Component::TextEncoder2)) {
        m_tokenizer2.emplace(tokenizerFor(files, 1, options));
        m_textEncoder2 = makeTextEncoder(files, Component::TextEncoder2, *m_tokenizer2, options);
        loader.add(*m_textEncoder2, files.weights(Component::TextEncoder2));
    }
    TextConditionerOptions textOptions;
    textOptions.zerosForEmptyNegative
        = xl && files.pipelineIndex().value("force_zeros_for_empty_prompt", true); // SDXL's default
    m_text = std::make_unique<TextConditioner>(info.family, m_textEncoder1, m_textEncoder2, textOptions);

    const ComputePlan plan = options.plan.value_or([&] {
        ComputePlan all;
        for (ComputeFormat& f : all)
            f.dtype = options.dtype;
        return all;
    }());
    const ComputeFormat unetFormat = plan[size_t(EngineComponent::Unet)];
    m_unet = UNet(UNetConfig::forModel(files), at::TensorOptions().dtype(unetFormat.dtype).device(options.device));
    if (unetFormat.channelsLast)
        prepareComputeFormat(*m_unet, unetFormat); // loaded straight into channels_last, never converted after
    loader.add(*m_unet, files.weights(Component::Unet));
    // SDXL's VAE overflows in fp16 (diffusers' force_upcast); bf16 has the range.
    auto vaeFormat = [&](EngineComponent c) {
        ComputeFormat f = plan[size_t(c)];
        if (xl && f.dtype == at::kHalf)
            f.dtype = at::kFloat;
        return f;
    };
    m_vaeDecoderFormat = vaeFormat(EngineComponent::VaeDecoder);
    m_vaeEncoderFormat = vaeFormat(EngineComponent::VaeEncoder);
    m_vae = Vae(VaeConfig::forModel(files), at::TensorOptions().dtype(m_vaeDecoderFormat.dtype).device(options.device));
    if (m_vaeEncoderFormat != m_vaeDecoderFormat || m_vaeDecoderFormat.channelsLast)
        m_vae->prepareFormats(m_vaeDecoderFormat, m_vaeEncoderFormat);
    loader.add(*m_vae, files.weights(Component::Vae));
    loader.load(options.progress);
    // The modules' parameters as built, before their weights took their place, went to the CPU block cache
    // (never written: no memory yet); kept, they would be handed to the first activations and hold the cache's
    // room while the blocks those leave behind stay in memory too.
    releaseBlockCache();

    m_weightBytes = bytesOf(*m_unet) + bytesOf(*m_vae) + (m_textEncoder1 ? bytesOf(*m_textEncoder1) : 0)
        + (m_textEncoder2 ? bytesOf(*m_textEncoder2) : 0);
}

ComputeFormat StableDiffusion::format(EngineComponent component) const
{
    switch (component) {
    case EngineComponent::TextEncoder: {
        ComputeFormat f;
        if (!m_textEncoder1.is_empty())
            f.dtype = m_textEncoder1->parameters().front().scalar_type();
        else if (!m_textEncoder2.is_empty())
            f.dtype = m_textEncoder2->parameters().front().scalar_type();
        return f;
    }
    case EngineComponent::Unet: {
        ComputeFormat f;
        f.dtype = m_options.dtype;
        f.channelsLast = m_options.plan && (*m_options.plan)[size_t(EngineComponent::Unet)].channelsLast;
        return f;
    }
    case EngineComponent::VaeDecoder: return m_vaeDecoderFormat;
    case EngineComponent::VaeEncoder: return m_vaeEncoderFormat;
    case EngineComponent::Count: break;
    }
    return {};
}

void StableDiffusion::configureDefaults()
{
    const ModelInfo& info = m_files->info();
    const bool xl = info.family == ModelFamily::SDXLBase || info.family == ModelFamily::SDXLRefiner;
    m_scheduler = SchedulerConfig::fromJson(m_files->schedulerConfig());
    if (m_scheduler.className.empty())
        m_scheduler.className = xl ? "EulerDiscreteScheduler" : "PNDMScheduler"; // the released models' defaults
    if (info.prediction == Prediction::VPrediction)
        m_scheduler.predictionType = PredictionType::VPrediction;
    m_defaultSampler = easel::engine::defaultSampler(m_scheduler);

    const int64_t sampleSize = m_files->config(Component::Unet).value("sample_size", int64_t(0));
    if (sampleSize > 0)
        m_nativeSize = int(sampleSize * m_vae->config().downscale());
    else
        m_nativeSize = xl ? 1024 : info.family == ModelFamily::SD2 && info.prediction == Prediction::VPrediction ? 768 : 512;
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
    const at::ScalarType vaeType = m_vae->decoderType();
    const at::Tensor scaled = (latents.to(at::kFloat) / config.scalingFactor).to(m_options.device, vaeType);
    at::Tensor decoded = m_vae->decode(scaled, tiling).to(at::kFloat);
    if (retried)
        *retried = false;
    if (!at::isfinite(decoded).all().item<bool>() && vaeType != at::kFloat) {
        // Half precision overflows in some VAEs: redo this decode in fp32, then go back.
        m_vae->setFormats(ComputeFormat {}, m_vaeEncoderFormat);
        decoded = m_vae->decode(scaled.to(at::kFloat), tiling);
        m_vae->setFormats(m_vaeDecoderFormat, m_vaeEncoderFormat);
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

int64_t StableDiffusion::weightBytes() const
{
    return m_weightBytes + (m_loraPatcher ? m_loraPatcher->originalBytes() : 0);
}

std::vector<std::string> StableDiffusion::setLoras(const std::vector<LoraSpec>& loras)
{
    namespace fs = std::filesystem;
    at::NoGradGuard noGrad;
    // The files, opened again only when they changed on disk since.
    std::map<std::string, OpenLora> files;
    std::vector<LoraApplication> stack;
    bool changed = loras.size() != m_loras.size();
    for (size_t i = 0; i < loras.size(); ++i) {
        const LoraSpec& spec = loras[i];
        auto& open = files[spec.path];
        if (!open.file) {
            std::error_code ec;
            const uintmax_t size = fs::file_size(spec.path, ec);
            const int64_t mtime = ec ? 0 : int64_t(fs::last_write_time(spec.path, ec).time_since_epoch().count());
            const auto known = m_loraFiles.find(spec.path);
            if (known != m_loraFiles.end() && !ec && known->second.size == size && known->second.mtime == mtime) {
                open = known->second;
            } else {
                open = { std::make_shared<const LoraFile>(spec.path), size, mtime };
                changed = true;
            }
        }
        stack.push_back({ open.file, spec.weight });
        changed = changed || !(m_loras[i] == spec);
    }
    if (!changed)
        return {};
    if (!m_loraPatcher)
        m_loraPatcher = std::make_shared<LoraPatcher>(m_unet, m_textEncoder1, m_textEncoder2, family());
    // The patcher reads and writes the weights in place.
    restorePackedWeights(*m_unet);
    if (!m_textEncoder1.is_empty())
        restorePackedWeights(*m_textEncoder1);
    if (!m_textEncoder2.is_empty())
        restorePackedWeights(*m_textEncoder2);
    std::vector<std::string> notes = m_loraPatcher->apply(stack);
    m_loras = loras;
    m_loraFiles = std::move(files);
    return notes;
}

GenerationResult StableDiffusion::generate(const GenerationParams& requested, GenerationObserver* observer,
    const CancelToken* cancel)
{
    GenerationResult result;
    const ComputeActivity active; // a background precision probe waits
    const Clock::time_point start = Clock::now();
    try {
        // LoRAs: the explicit ones, then the prompt's A1111 tags, which the text encoders never see.
        GenerationParams params = requested;
        result.loras = params.loras;
        if (params.promptSyntax == PromptSyntax::A1111) {
            for (const LoraTag& tag : takeLoraTags(params.prompt))
                result.loras.push_back({ findLoraFile(tag, params.loraDirs), tag.weight });
        }
        for (std::string& note : setLoras(result.loras))
            result.notes.push_back(std::move(note));
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

SdxlTimeIds sdxlTimeIds(const UNetConfig& config, int64_t pooledDim, int width, int height)
{
    const int64_t n = (config.projectionClassEmbeddingsInputDim - pooledDim) / config.additionTimeEmbedDim;
    const double h = height, w = width;
    SdxlTimeIds ids;
    if (n == 5) {
        ids.positive = at::tensor({ h, w, 0.0, 0.0, 6.0 }, at::kFloat).unsqueeze(0);
        ids.negative = at::tensor({ h, w, 0.0, 0.0, 2.5 }, at::kFloat).unsqueeze(0);
    } else {
        ids.positive = at::tensor({ h, w, 0.0, 0.0, h, w }, at::kFloat).unsqueeze(0);
        ids.negative = ids.positive;
    }
    return ids;
}

UNetInputs UNetInputs::rows(int64_t first, int64_t count, int64_t n) const
{
    auto slice = [&](const at::Tensor& t) {
        if (!t.defined())
            return t;
        if (!guided)
            return t.narrow(0, first, count);
        return at::cat({ t.narrow(0, first, count), t.narrow(0, n + first, count) });
    };
    UNetInputs out;
    out.guided = guided;
    out.context = slice(context);
    out.added.textEmbeds = slice(added.textEmbeds);
    out.added.timeIds = slice(added.timeIds);
    return out;
}

UNetInputs StableDiffusion::unetInputs(
    const Conditioning& cond, const Conditioning* uncond, int64_t n, int width, int height) const
{
    const at::ScalarType type = m_options.dtype;
    const c10::Device device = m_options.device;
    auto rows = [&](const at::Tensor& t) {
        return t.defined() ? t.to(device, type).expand({ n, t.size(1) }).contiguous() : t;
    };
    auto rows3 = [&](const at::Tensor& t) { return t.to(device, type).expand({ n, t.size(1), t.size(2) }).contiguous(); };
    UNetInputs in;
    in.guided = uncond != nullptr;
    in.context = uncond ? at::cat({ rows3(uncond->context), rows3(cond.context) }) : rows3(cond.context);
    const UNetConfig& config = m_unet->config();
    if (config.textTimeEmbedding) {
        const SdxlTimeIds ids = sdxlTimeIds(config, cond.pooled.size(1), width, height);
        in.added.textEmbeds = uncond ? at::cat({ rows(uncond->pooled), rows(cond.pooled) }) : rows(cond.pooled);
        in.added.timeIds = uncond ? at::cat({ rows(ids.negative), rows(ids.positive) }) : rows(ids.positive);
    }
    return in;
}

namespace {

// The skip branch step caching keeps: the first down resnet's (DeepCache's default for SD and SDXL).
constexpr int64_t kStepCacheBranch = 1;

// One generate() call, at the seams of a generation: validate and plan, encode the prompts (and
// an img2img source), then for each batch its initial latents, its UNet inputs, the denoising and
// the decoding. Uses only StableDiffusion's public interface.
class GenerationRun {
public:
    GenerationRun(StableDiffusion& sd, const GenerationParams& params, GenerationObserver* observer,
        const CancelToken* cancel, GenerationResult& result)
        : m_sd(sd)
        , m_params(params)
        , m_observer(observer)
        , m_cancel(cancel)
        , m_result(result)
        , m_start(Clock::now())
    {
    }

    void run()
    {
        validate();
        plan();
        checkCancel();
        encode();
        for (int batch = 0; batch < m_params.batchCount; ++batch) {
            if (m_cancel && m_cancel->mode() != CancelMode::None && batch > 0)
                throw Cancelled {}; // AfterCurrentBatch: the previous batch was finished, this one never starts
            if (m_observer)
                m_observer->onPhase(GenerationPhase::Sampling, batch);
            runBatch(batch);
        }
    }

private:
    void checkCancel() const
    {
        if (m_cancel && m_cancel->cancelledNow())
            throw Cancelled {};
    }

    void validate()
    {
        const GenerationParams& p = m_params;
        const VaeConfig& vae = m_sd.vae()->config();
        const int64_t scale = vae.downscale();
        const std::string size = std::to_string(p.width) + "x" + std::to_string(p.height);
        if (p.width % scale != 0 || p.height % scale != 0)
            throw EngineError("size " + size + " is not a multiple of " + std::to_string(scale));
        if (p.width > 8192 || p.height > 8192)
            throw EngineError("size " + size + " is larger than 8192");
        if (p.steps < 1 || p.steps > 1000)
            throw EngineError("steps must be between 1 and 1000");
        if (!(p.guidance >= 0) || p.guidance > 100)
            throw EngineError("guidance must be between 0 and 100");
        if (p.batchSize < 1 || p.batchCount < 1 || int64_t(p.batchSize) * p.batchCount > 10000)
            throw EngineError("batch size and count must be at least 1");
        if (p.previewInterval < 1)
            throw EngineError("preview interval must be at least 1");
        if (p.stepCache < 1)
            throw EngineError("the step-cache interval must be at least 1");
        if (!(p.tokenMerge >= 0 && p.tokenMerge <= kMaxTokenMerge))
            throw EngineError("the token merging ratio must be from 0 to 0.75");
        m_img2img = p.initImage.defined();
        m_h = p.height / scale;
        m_w = p.width / scale;
        m_latentChannels = vae.latentChannels;
        const int total = p.batchSize * p.batchCount;
        if (p.initLatents.defined()) {
            const std::vector<int64_t> expected { total, m_latentChannels, m_h, m_w };
            if (p.initLatents.sizes() != at::IntArrayRef(expected))
                throw EngineError("initial latents must be [" + std::to_string(total) + ", "
                    + std::to_string(m_latentChannels) + ", " + std::to_string(m_h) + ", " + std::to_string(m_w)
                    + "] for this size and batch");
        }
        if (m_img2img
            && (p.initImage.dim() != 4 || p.initImage.size(1) != 3 || p.initImage.size(2) != p.height
                || p.initImage.size(3) != p.width))
            throw EngineError(
                "the init image must be [1, 3, " + std::to_string(p.height) + ", " + std::to_string(p.width) + "]");
        m_inpaint = p.mask.defined();
        if (m_inpaint) {
            if (!m_img2img)
                throw EngineError("inpainting needs the source image as well as the mask");
            if (p.mask.numel() != int64_t(p.width) * p.height || p.mask.dim() < 2 || p.mask.size(-1) != p.width
                || p.mask.size(-2) != p.height)
                throw EngineError("the mask must be [1, 1, " + std::to_string(p.height) + ", " + std::to_string(p.width)
                    + "], the size of the image");
        }
        // A 9-channel inpainting UNet takes the latents, the mask and the masked image's latents.
        const int64_t in = m_sd.unet()->config().inChannels;
        m_inpaintUnet = in == 2 * m_latentChannels + 1;
        if (m_inpaintUnet && !m_inpaint)
            throw EngineError("this is an inpainting model: give it a source image and a mask (white = repaint)",
                EngineError::Kind::Unsupported);
        if (!m_inpaintUnet && in != m_latentChannels)
            throw EngineError("a UNet with " + std::to_string(in) + " input channels is not supported",
                EngineError::Kind::Unsupported);
    }

    void plan()
    {
        const GenerationParams& p = m_params;
        m_plan = makePlan(m_sd.schedulerConfig(), *p.sampler, *p.schedule, *p.spacing, p.steps);
        if (m_img2img)
            m_startIndex = img2imgSchedule(m_plan, p.strength).startIndex;
        m_strengthMax = p.strength >= 1.0;
        m_cfg = p.guidance > 1.0;
        m_stochastic = *p.sampler == SamplerKind::EulerAncestral || *p.sampler == SamplerKind::Lcm;
        const int64_t stepsPerBatch = int64_t(m_plan.timesteps.size()) - m_startIndex;
        // Stochastic samplers denoise a batch one image at a time, so they report n times the steps.
        m_totalSteps = int(stepsPerBatch) * p.batchCount * (m_stochastic ? p.batchSize : 1);
        m_result.sampler = *p.sampler;
        m_result.schedule = *p.schedule;
        m_result.spacing = *p.spacing;
        m_result.width = p.width;
        m_result.height = p.height;
    }

    // The prompts (and the img2img source image) into conditioning, once for the whole run.
    void encode()
    {
        if (m_observer)
            m_observer->onPhase(GenerationPhase::Encoding, 0);
        const GenerationParams& p = m_params;
        const PromptTokens positive = m_sd.tokenize(p.prompt, p.promptSyntax);
        if (m_cfg) {
            const PromptTokens negative = m_sd.tokenize(p.negativePrompt, p.promptSyntax);
            TextConditioner::Pair pair
                = m_sd.textConditioner().encodePair(positive, p.hasNegativePrompt ? &negative : nullptr);
            m_cond = pair.positive;
            m_uncond = pair.negative;
        } else {
            m_cond = m_sd.textConditioner().encode({ positive });
        }
        if (m_img2img) {
            Vae& vae = m_sd.vae();
            const at::ScalarType vaeType = vae->encoderType();
            const LatentDistribution dist
                = vae->encode((p.initImage.to(at::kFloat) * 2 - 1).to(m_sd.device(), vaeType));
            m_imageLatentMean = dist.mean.to(at::kFloat).cpu();
            m_imageLatentStd = dist.std.to(at::kFloat).cpu();
        }
        if (m_inpaint) {
            // diffusers' StableDiffusionInpaintPipeline: the mask binarised at 0.5, the source blanked
            // (0 in [-1, 1]) where it is repainted, the mask scaled to the latents by nearest neighbour.
            Vae& vae = m_sd.vae();
            const at::ScalarType vaeType = vae->encoderType();
            const at::Tensor mask = (p.mask.to(at::kFloat).reshape({ 1, 1, p.height, p.width }) >= 0.5).to(at::kFloat);
            const at::Tensor masked = (p.initImage.to(at::kFloat) * 2 - 1) * (mask < 0.5);
            const LatentDistribution dist = vae->encode(masked.to(m_sd.device(), vaeType));
            m_maskedLatentMean = dist.mean.to(at::kFloat).cpu();
            m_maskedLatentStd = dist.std.to(at::kFloat).cpu();
            m_latentMask = at::upsample_nearest2d(mask, { m_h, m_w });
        }
    }

    void runBatch(int batch)
    {
        const int64_t n = m_params.batchSize;
        // Each image of the batch has its own generator (seed + k), so it can be made again alone.
        std::vector<at::Generator> generators;
        for (int64_t i = 0; i < n; ++i)
            generators.push_back(at::detail::createCPUGenerator(m_params.seed + uint64_t(imageIndex(batch, i))));
        std::vector<Start> initial;
        for (int64_t i = 0; i < n; ++i)
            initial.push_back(start(imageIndex(batch, i), generators[size_t(i)]));
        const UNetInputs inputs
            = m_sd.unetInputs(m_cond, m_cfg ? &m_uncond : nullptr, n, m_params.width, m_params.height);

        at::Tensor latents;
        if (m_stochastic && n > 1) {
            // Their per-step noise must come from each image's own generator: one image at a time.
            std::vector<at::Tensor> done;
            for (int64_t i = 0; i < n; ++i)
                done.push_back(denoise(batch, inputs.rows(i, 1, n), initial[size_t(i)], i, generators[size_t(i)]));
            latents = at::cat(done);
        } else {
            latents = denoise(batch, inputs, Start::cat(initial), 0, generators[0]);
        }
        checkCancel();
        if (m_observer)
            m_observer->onPhase(GenerationPhase::Decoding, batch);
        decode(batch, latents);
    }

    int imageIndex(int batch, int64_t i) const { return batch * m_params.batchSize + int(i); }

    // What denoising starts from, per image (rows of images when concatenated).
    struct Start {
        at::Tensor latents; ///< [1, C, h, w]: the noise scaled (txt2img), or added to the source's latents
        at::Tensor imageLatents; ///< img2img / inpainting: the source's latents, when drawn
        at::Tensor noise; ///< inpainting: the noise, which the legacy blend adds to imageLatents every step
        at::Tensor maskedLatents; ///< inpainting: the masked source's latents

        static Start cat(const std::vector<Start>& parts)
        {
            Start all;
            auto join = [&](at::Tensor Start::*member) {
                std::vector<at::Tensor> rows;
                for (const Start& s : parts) {
                    if ((s.*member).defined())
                        rows.push_back(s.*member);
                }
                return rows.empty() ? at::Tensor() : at::cat(rows);
            };
            all.latents = join(&Start::latents);
            all.imageLatents = join(&Start::imageLatents);
            all.noise = join(&Start::noise);
            all.maskedLatents = join(&Start::maskedLatents);
            return all;
        }
    };

    // Image k's start: its noise (drawn, or given), scaled for txt2img or added to the source's latents
    // for img2img; for inpainting also the masked source's latents. The generator's draws follow
    // diffusers: the source's latent sample (not for an inpainting UNet at strength 1), the noise, the
    // masked source's latent sample (inpainting).
    Start start(int k, at::Generator& generator) const
    {
        const GenerationParams& p = m_params;
        const double scaling = m_sd.vae()->config().scalingFactor;
        Start s;
        if (m_img2img && !(m_inpaintUnet && m_strengthMax)) {
            const at::Tensor eps = at::randn(m_imageLatentMean.sizes(), generator, at::kFloat);
            s.imageLatents = (m_imageLatentMean + m_imageLatentStd * eps) * scaling;
        }
        s.noise = p.initLatents.defined() ? p.initLatents.narrow(0, k, 1).to(at::kFloat)
                                          : at::randn({ 1, m_latentChannels, m_h, m_w }, generator, at::kFloat);
        if (m_inpaint) {
            const at::Tensor eps = at::randn(m_maskedLatentMean.sizes(), generator, at::kFloat);
            s.maskedLatents = (m_maskedLatentMean + m_maskedLatentStd * eps) * scaling;
        }
        // Inpainting at strength 1 starts from pure noise (diffusers' is_strength_max).
        const bool fromImage = m_img2img && !(m_inpaint && m_strengthMax);
        s.latents = fromImage ? addNoise(m_sd.schedulerConfig(), m_plan, s.imageLatents, s.noise, m_startIndex)
                              : s.noise * m_plan.initNoiseSigma;
        return s;
    }

    // Runs the sampler from the rows of `from`, images first, first + 1, ... of the batch.
    at::Tensor denoise(int batch, const UNetInputs& inputs, const Start& from, int64_t first, at::Generator generator)
    {
        const c10::Device device = m_sd.device();
        const at::ScalarType type = m_sd.dtype();
        const bool cfg = m_cfg;
        const double guidance = m_params.guidance;
        const at::Tensor& x = from.latents;
        // An inpainting UNet's extra input channels: the mask and the masked source's latents.
        at::Tensor extra;
        if (m_inpaintUnet)
            extra = at::cat({ m_latentMask.expand({ x.size(0), 1, m_h, m_w }), from.maskedLatents }, 1).to(device, type);
        // Step caching: evaluation c of this loop runs the whole UNet when c is a multiple of the interval.
        UNetStepCache stepCache;
        stepCache.branch = kStepCacheBranch;
        int64_t calls = 0;
        const ModelFn model = [&](const at::Tensor& xin, double t) {
            checkCancel();
            at::Tensor input = xin.to(device, type);
            if (extra.defined())
                input = at::cat({ input, extra }, 1);
            const at::Tensor doubled = cfg ? at::cat({ input, input }) : input;
            const at::Tensor timestep = m_plan.floatTimesteps
                ? at::scalar_tensor(t, at::TensorOptions().dtype(at::kFloat).device(device))
                : at::scalar_tensor(int64_t(std::llround(t)), at::TensorOptions().dtype(at::kLong).device(device));
            at::Tensor out;
            if (m_params.stepCache > 1) {
                const int64_t cached = stepCache.cachedCalls;
                out = m_sd.unet()->forward(doubled, timestep, inputs.context, inputs.addedOrNull(),
                    m_params.tokenMerge, &stepCache, calls % m_params.stepCache != 0);
                ++(stepCache.cachedCalls > cached ? m_result.cachedUNetCalls : m_result.fullUNetCalls);
            } else { // token merging 0 is the plain forward
                out = m_sd.unet()->forward(
                    doubled, timestep, inputs.context, inputs.addedOrNull(), m_params.tokenMerge);
                ++m_result.fullUNetCalls;
            }
            ++calls;
            out = out.to(at::kFloat);
            if (cfg) {
                const auto halves = out.chunk(2);
                out = halves[0] + guidance * (halves[1] - halves[0]);
            }
            return out.to(xin.device());
        };
        const StepObserver onStep = [&](const StepState& state) {
            if (m_inpaint && !m_inpaintUnet)
                blendSource(state, from);
            reportStep(state, batch, first);
            checkCancel();
        };
        return sample(m_sd.schedulerConfig(), m_plan, model, x, generator, onStep, m_startIndex);
    }

    // A plain model inpaints by putting the source back outside the mask after every step, noised to
    // the next step's level (diffusers' inpainting pipeline with a 4-channel UNet); the last step gets
    // the clean source. The sampler goes on from the blended latents.
    void blendSource(const StepState& state, const Start& from) const
    {
        const int64_t i = m_startIndex + state.index;
        at::Tensor source = from.imageLatents;
        if (i + 1 < int64_t(m_plan.timesteps.size()))
            source = addNoise(m_sd.schedulerConfig(), m_plan, source, from.noise, i + 1);
        const at::Tensor mask = m_latentMask.to(state.x.device(), state.x.scalar_type());
        state.x.copy_((1 - mask) * source.to(state.x.device(), state.x.scalar_type()) + mask * state.x);
    }

    void reportStep(const StepState& state, int batch, int64_t first)
    {
        ++m_finishedSteps;
        if (!m_observer)
            return;
        StepInfo info;
        info.step = int(state.index + 1);
        info.steps = int(state.total);
        info.batch = batch;
        info.batches = m_params.batchCount;
        info.elapsedSec = secondsSince(m_start);
        info.etaSec = info.elapsedSec / m_finishedSteps * (m_totalSteps - m_finishedSteps);
        m_observer->onStep(info);
        const bool last = state.index + 1 == state.total;
        if (m_params.preview == PreviewMode::None || last || (state.index + 1) % m_params.previewInterval != 0)
            return;
        const at::Tensor& latents = state.denoised.defined() ? state.denoised : state.x;
        for (int64_t i = 0; i < latents.size(0); ++i)
            m_observer->onPreview(
                imageIndex(batch, first + i), info.step, m_sd.preview(latents.narrow(0, i, 1), m_params.preview));
    }

    // The batch's latents into images (tiles after out of memory, fp32 after an overflow).
    void decode(int batch, const at::Tensor& latents)
    {
        const bool finite = at::isfinite(latents).all().item<bool>();
        bool retried = false;
        at::Tensor images;
        try {
            images = m_sd.decodeLatents(latents, &retried);
        } catch (const std::exception& e) {
            if (!isOutOfMemory(e))
                throw;
            VaeTiling tiled;
            tiled.mode = VaeTiling::Mode::Always;
            images = m_sd.decodeLatents(latents, &retried, tiled);
            m_result.notes.push_back("out of memory in the VAE: decoded in tiles");
        }
        if (retried)
            m_result.notes.push_back(
                "the VAE overflowed in " + std::string(c10::toString(m_sd.vae()->decoderType())) + ": decoded in fp32");
        for (int64_t i = 0; i < latents.size(0); ++i) {
            GeneratedImage image;
            image.index = imageIndex(batch, i);
            image.seed = m_params.seed + uint64_t(image.index);
            image.latents = latents[i].to(at::kFloat).cpu().contiguous();
            image.rgb = toRgb8(images, i);
            image.quality = checkQuality(image.rgb);
            image.quality.nonFinite = !finite || !at::isfinite(images[i]).all().item<bool>();
            image.decodedInFp32Retry = retried;
            if (m_observer)
                m_observer->onImage(image);
            m_result.images.push_back(std::move(image));
        }
    }

    StableDiffusion& m_sd;
    const GenerationParams m_params; ///< resolved
    GenerationObserver* m_observer;
    const CancelToken* m_cancel;
    GenerationResult& m_result;
    const Clock::time_point m_start;

    bool m_img2img = false;
    bool m_inpaint = false; ///< a mask was given
    bool m_inpaintUnet = false; ///< the UNet takes the mask and the masked image (9 channels)
    bool m_strengthMax = false; ///< strength 1: inpainting starts from pure noise
    int64_t m_h = 0, m_w = 0, m_latentChannels = 4; ///< latent size
    SamplerPlan m_plan;
    int64_t m_startIndex = 0; ///< img2img: the first timestep run
    bool m_cfg = false; ///< classifier-free guidance (guidance > 1)
    bool m_stochastic = false; ///< draws noise every step: one image at a time
    int m_totalSteps = 0; ///< steps reported over the whole run
    int m_finishedSteps = 0;
    Conditioning m_cond, m_uncond;
    at::Tensor m_imageLatentMean, m_imageLatentStd; ///< img2img: the source's latent distribution
    at::Tensor m_maskedLatentMean, m_maskedLatentStd; ///< inpainting: the masked source's
    at::Tensor m_latentMask; ///< inpainting: [1, 1, h, w], 1 = repaint
};

} // namespace

void StableDiffusion::run(const GenerationParams& requested, GenerationObserver* observer, const CancelToken* cancel,
    GenerationResult& result)
{
    at::NoGradGuard noGrad;
    GenerationRun(*this, resolve(requested), observer, cancel, result).run();
}

// ---------------------------------------------------------------------------------------------
// ModelCache

namespace {
std::string cacheKey(const std::string& path, const LoadOptions& options)
{
    std::string formats;
    if (options.plan) {
        for (const ComputeFormat& f : *options.plan)
            formats += "|" + f.name();
    }
    return path + "|" + c10::toString(options.dtype) + "|" + options.device.str() + "|"
        + attentionModeName(options.attention) + formats + (options.int8 ? "|int8" : "");
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
