// SPDX-License-Identifier: MIT
#include "engine/pipeline/benchmark.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/layers.h"
#include "engine/models/taesd.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"
#include "engine/pipeline/stablediffusion.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <unistd.h>

namespace easel::engine {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// The released models' diffusers configs (runwayml/stable-diffusion-v1-5 and
// stabilityai/stable-diffusion-xl-base-1.0), without the keys Easel ignores.
const char* const kSd15Unet = R"({
  "_class_name": "UNet2DConditionModel", "act_fn": "silu", "attention_head_dim": 8,
  "block_out_channels": [320, 640, 1280, 1280], "center_input_sample": false, "cross_attention_dim": 768,
  "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
  "downsample_padding": 1, "flip_sin_to_cos": true, "freq_shift": 0, "in_channels": 4, "layers_per_block": 2,
  "mid_block_scale_factor": 1, "norm_eps": 1e-05, "norm_num_groups": 32, "out_channels": 4, "sample_size": 64,
  "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]
})";

const char* const kSdxlUnet = R"({
  "_class_name": "UNet2DConditionModel", "act_fn": "silu", "addition_embed_type": "text_time",
  "addition_embed_type_num_heads": 64, "addition_time_embed_dim": 256, "attention_head_dim": [5, 10, 20],
  "block_out_channels": [320, 640, 1280], "center_input_sample": false, "cross_attention_dim": 2048,
  "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"], "downsample_padding": 1,
  "flip_sin_to_cos": true, "freq_shift": 0, "in_channels": 4, "layers_per_block": 2, "mid_block_scale_factor": 1,
  "norm_eps": 1e-05, "norm_num_groups": 32, "out_channels": 4, "projection_class_embeddings_input_dim": 2816,
  "sample_size": 128, "transformer_layers_per_block": [1, 2, 10],
  "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"], "upcast_attention": null,
  "use_linear_projection": true
})";

const char* const kVae = R"({
  "_class_name": "AutoencoderKL", "act_fn": "silu", "block_out_channels": [128, 256, 512, 512],
  "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
  "in_channels": 3, "latent_channels": 4, "layers_per_block": 2, "norm_num_groups": 32, "out_channels": 3,
  "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"]
})";

const char* const kClipL = R"({
  "architectures": ["CLIPTextModel"], "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": 2,
  "hidden_act": "quick_gelu", "hidden_size": 768, "initializer_factor": 1.0, "initializer_range": 0.02,
  "intermediate_size": 3072, "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
  "num_attention_heads": 12, "num_hidden_layers": 12, "pad_token_id": 1, "projection_dim": 768, "vocab_size": 49408
})";

const char* const kClipBigG = R"({
  "architectures": ["CLIPTextModelWithProjection"], "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": 2,
  "hidden_act": "gelu", "hidden_size": 1280, "initializer_factor": 1.0, "initializer_range": 0.02,
  "intermediate_size": 5120, "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
  "num_attention_heads": 20, "num_hidden_layers": 32, "pad_token_id": 1, "projection_dim": 1280, "vocab_size": 49408
})";

const char* const kPndm = R"({
  "_class_name": "PNDMScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085,
  "clip_sample": false, "num_train_timesteps": 1000, "prediction_type": "epsilon", "set_alpha_to_one": false,
  "skip_prk_steps": true, "steps_offset": 1, "timestep_spacing": "leading", "trained_betas": null
})";

const char* const kEuler = R"({
  "_class_name": "EulerDiscreteScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear",
  "beta_start": 0.00085, "clip_sample": false, "interpolation_type": "linear", "num_train_timesteps": 1000,
  "prediction_type": "epsilon", "sample_max_value": 1.0, "set_alpha_to_one": false, "skip_prk_steps": true,
  "steps_offset": 1, "timestep_spacing": "leading", "trained_betas": null, "use_karras_sigmas": false
})";

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return kNone;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// One warm-up run, then the median of `runs` timed runs.
template <typename Fn> double timeMedian(int runs, Fn&& fn)
{
    fn();
    std::vector<double> seconds;
    for (int i = 0; i < std::max(runs, 1); ++i) {
        const Clock::time_point start = Clock::now();
        fn();
        seconds.push_back(secondsSince(start));
    }
    return median(seconds);
}

double procStatusMiB(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) == 0)
            return std::strtod(line.c_str() + key.size(), nullptr) / 1024.0;
    }
    return kNone;
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw EngineError(fileError(path.string(), "cannot be written"));
}

void writeJson(const fs::path& path, const nlohmann::json& value)
{
    writeText(path, value.dump(2) + "\n");
}

void writeModule(torch::nn::Module& module, const fs::path& path)
{
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (const auto& item : module.named_parameters(/*recurse=*/true))
        tensors.emplace_back(item.key(), item.value());
    writeSafetensors(path.string(), tensors, { { "format", "pt" } });
}

// Drops the file's pages from the page cache (clean pages only, no privileges needed), so the
// next load reads from the disk: the closest to a cold start a process can get by itself.
void evictFromPageCache(const fs::path& root)
{
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
        for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
            if (entry.is_regular_file(ec) && entry.path().extension() == ".safetensors")
                files.push_back(entry.path());
        }
    } else {
        files.push_back(root);
    }
    for (const fs::path& file : files) {
        const int fd = ::open(file.c_str(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

// Weights in NHWC, so oneDNN keeps activations NHWC from one convolution to the next.
void toChannelsLast(torch::nn::Module& module)
{
    at::NoGradGuard noGrad;
    for (at::Tensor& p : module.parameters()) {
        if (p.dim() == 4)
            p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one.empty() ? "unknown" : one + " " + five + " " + fifteen;
}

std::string dtypeName(at::ScalarType type)
{
    switch (type) {
    case at::kFloat: return "fp32";
    case at::kBFloat16: return "bf16";
    case at::kHalf: return "fp16";
    default: return c10::toString(type);
    }
}

// Records when each sampler step ends.
class StepClock : public GenerationObserver {
public:
    void onStep(const StepInfo&) override { m_times.push_back(Clock::now()); }
    /// Median time of a step after the first (the first includes the warm-up of lazy kernels).
    double medianStepAfterFirst() const
    {
        std::vector<double> deltas;
        for (size_t i = 1; i < m_times.size(); ++i)
            deltas.push_back(std::chrono::duration<double>(m_times[i] - m_times[i - 1]).count());
        return median(deltas);
    }

private:
    std::vector<Clock::time_point> m_times;
};

struct VariantResult {
    double loadCold = kNone, loadWarm = kNone, text = kNone, step = kNone, vae = kNone;
    double approx = kNone, taesd = kNone, whole = kNone, wholeStep = kNone, peakRss = kNone, rssAfterLoad = kNone;
};

} // namespace

std::vector<BenchVariant> parseBenchVariants(const std::string& list, c10::Device device)
{
    std::vector<BenchVariant> variants;
    std::stringstream stream(list);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty())
            continue;
        BenchVariant v;
        v.name = item;
        std::stringstream parts(item);
        std::string part;
        std::getline(parts, part, '-');
        if (part == "fp32")
            v.dtype = at::kFloat;
        else if (part == "bf16")
            v.dtype = at::kBFloat16;
        else if (part == "fp16")
            v.dtype = at::kHalf;
        else if (part == "auto")
            v.dtype = device.is_cuda() ? at::kHalf : cpuHasFastBf16() ? at::kBFloat16 : at::kFloat;
        else
            throw EngineError("bench variant '" + item + "': unknown dtype '" + part + "' (use fp32, bf16, fp16 or auto)");
        while (std::getline(parts, part, '-')) {
            if (part == "cl")
                v.channelsLast = true;
            else if (part == "sliced")
                v.attention = AttentionMode::Sliced;
            else if (part == "matmul")
                v.attention = AttentionMode::Matmul;
            else if (part == "sdpa")
                v.attention = AttentionMode::Sdpa;
            else
                throw EngineError("bench variant '" + item + "': unknown option '" + part
                    + "' (use cl, sliced, matmul or sdpa)");
        }
        if (v.dtype == at::kHalf && !device.is_cuda())
            throw EngineError("bench variant '" + item + "': fp16 needs a CUDA device (use bf16 on the CPU)");
        variants.push_back(v);
    }
    if (variants.empty())
        throw EngineError("no bench variants given");
    return variants;
}

double peakRssMiB()
{
    return procStatusMiB("VmHWM");
}

double currentRssMiB()
{
    return procStatusMiB("VmRSS");
}

bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return bool(out);
}

void writeRandomModel(const std::string& dirPath, BenchArch arch, const std::string& vocabularyDir, uint64_t seed,
    const std::function<void(const std::string&)>& log)
{
    at::NoGradGuard noGrad;
    const fs::path dir(dirPath);
    const bool xl = arch == BenchArch::SDXL;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw EngineError(fileError(dirPath, "cannot be created: " + ec.message()));
    const fs::path vocab(vocabularyDir);
    if (!fs::exists(vocab / "vocab.json") || !fs::exists(vocab / "merges.txt"))
        throw EngineError(fileError(vocabularyDir, "has no CLIP vocab.json and merges.txt"));
    auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    // Stored in fp16, as the released models are usually downloaded; loading converts.
    const at::TensorOptions stored = at::TensorOptions().dtype(at::kHalf);

    nlohmann::json index = { { "_class_name", xl ? "StableDiffusionXLPipeline" : "StableDiffusionPipeline" },
        { "_diffusers_version", "0.27.2" }, { "scheduler", { "diffusers", xl ? "EulerDiscreteScheduler" : "PNDMScheduler" } },
        { "text_encoder", { "transformers", "CLIPTextModel" } }, { "tokenizer", { "transformers", "CLIPTokenizer" } },
        { "unet", { "diffusers", "UNet2DConditionModel" } }, { "vae", { "diffusers", "AutoencoderKL" } } };
    if (xl) {
        index["text_encoder_2"] = { "transformers", "CLIPTextModelWithProjection" };
        index["tokenizer_2"] = { "transformers", "CLIPTokenizer" };
        index["force_zeros_for_empty_prompt"] = true;
    } else {
        index["requires_safety_checker"] = false;
    }
    writeJson(dir / "model_index.json", index);
    fs::create_directories(dir / "scheduler");
    writeJson(dir / "scheduler" / "scheduler_config.json", nlohmann::json::parse(xl ? kEuler : kPndm));

    for (int t = 0; t < (xl ? 2 : 1); ++t) {
        const fs::path folder = dir / (t == 0 ? "tokenizer" : "tokenizer_2");
        fs::create_directories(folder);
        fs::copy_file(vocab / "vocab.json", folder / "vocab.json", fs::copy_options::overwrite_existing);
        fs::copy_file(vocab / "merges.txt", folder / "merges.txt", fs::copy_options::overwrite_existing);
        const std::string pad = t == 0 ? "<|endoftext|>" : "!"; // OpenCLIP bigG pads with "!"
        writeJson(folder / "tokenizer_config.json",
            { { "bos_token", "<|startoftext|>" }, { "eos_token", "<|endoftext|>" }, { "pad_token", pad },
                { "unk_token", "<|endoftext|>" }, { "model_max_length", 77 }, { "tokenizer_class", "CLIPTokenizer" } });
        writeJson(folder / "special_tokens_map.json",
            { { "bos_token", "<|startoftext|>" }, { "eos_token", "<|endoftext|>" }, { "pad_token", pad },
                { "unk_token", "<|endoftext|>" } });
    }

    uint64_t componentSeed = seed;
    auto textEncoder = [&](const char* folder, const char* config) {
        say(std::string("writing random ") + folder);
        const nlohmann::json json = nlohmann::json::parse(config);
        ClipTextModel model(ClipTextConfig::fromJson(json), stored);
        randomWeights(*model, componentSeed++);
        fs::create_directories(dir / folder);
        writeJson(dir / folder / "config.json", json);
        writeModule(*model, dir / folder / "model.safetensors");
    };
    textEncoder("text_encoder", kClipL);
    if (xl)
        textEncoder("text_encoder_2", kClipBigG);

    {
        say("writing random unet");
        const nlohmann::json json = nlohmann::json::parse(xl ? kSdxlUnet : kSd15Unet);
        UNet unet(UNetConfig::fromJson(json), stored);
        randomWeights(*unet, componentSeed++);
        fs::create_directories(dir / "unet");
        writeJson(dir / "unet" / "config.json", json);
        writeModule(*unet, dir / "unet" / "diffusion_pytorch_model.safetensors");
    }
    {
        say("writing random vae");
        nlohmann::json json = nlohmann::json::parse(kVae);
        json["scaling_factor"] = xl ? 0.13025 : 0.18215;
        json["sample_size"] = xl ? 1024 : 512;
        if (xl)
            json["force_upcast"] = true;
        const ModelFamily family = xl ? ModelFamily::SDXLBase : ModelFamily::SD1;
        Vae vae(VaeConfig::fromJson(json, family), stored);
        randomWeights(*vae, componentSeed++);
        fs::create_directories(dir / "vae");
        writeJson(dir / "vae" / "config.json", json);
        writeModule(*vae, dir / "vae" / "diffusion_pytorch_model.safetensors");
    }
    {
        say("writing random taesd decoder");
        Taesd taesd(TaesdImpl::Kind::Decoder, 4, stored);
        randomWeights(*taesd, componentSeed++);
        writeModule(*taesd, dir / "taesd_decoder.safetensors");
    }
}

BenchReport runBenchmark(const BenchOptions& options)
{
    auto say = [&](const std::string& line) {
        if (options.log)
            options.log(line);
    };
    if (options.runs < 1 || options.runs > 100)
        throw EngineError("bench: runs must be between 1 and 100");
    if (options.steps < 0 || options.steps > 1000)
        throw EngineError("bench: steps must be between 0 and 1000");
    if (options.width < 0 || options.height < 0 || options.width % 8 || options.height % 8)
        throw EngineError("bench: the size must be a multiple of 8");
    const std::vector<BenchVariant> variants
        = options.variants.empty() ? parseBenchVariants("auto", options.device) : options.variants;

    // The model: the given one, or a random full-size one written to disk so that loading it is
    // timed exactly as a real checkpoint's would be.
    std::string modelPath = options.modelPath;
    std::string taesdPath = options.taesdPath;
    fs::path temporary;
    if (modelPath.empty()) {
        fs::path dir = options.saveModelDir;
        if (dir.empty()) {
            std::string pattern = (fs::temp_directory_path() / "easel-bench-XXXXXX").string();
            if (!::mkdtemp(pattern.data()))
                throw EngineError("bench: cannot create a temporary folder");
            temporary = pattern;
            dir = temporary;
        }
        const Clock::time_point start = Clock::now();
        writeRandomModel(dir.string(), options.arch, options.vocabularyDir, 1, options.log);
        say("random model written in " + std::to_string(int(secondsSince(start))) + " s to " + dir.string());
        modelPath = dir.string();
        if (taesdPath.empty())
            taesdPath = (dir / "taesd_decoder.safetensors").string();
    }
    struct Cleanup {
        fs::path dir;
        ~Cleanup()
        {
            std::error_code ec;
            if (!dir.empty())
                fs::remove_all(dir, ec);
        }
    } cleanup { temporary };

    BenchReport report;
    report.header.push_back(runtimeDescription() + (cpuHasFastBf16() ? ", CPU with native bf16" : ""));
    report.header.push_back("model: " + (options.modelPath.empty() ? std::string("random full-size ")
                                                + (options.arch == BenchArch::SDXL ? "SDXL" : "SD 1.5") + " (fp16 safetensors)"
                                                                     : options.modelPath));
    report.header.push_back("load average at start: " + loadAverage());

    std::vector<VariantResult> results;
    int width = 0, height = 0;
    for (const BenchVariant& variant : variants) {
        VariantResult r;
        say("variant " + variant.name + ": loading");
        resetPeakRss();
        LoadOptions load;
        load.device = options.device;
        load.dtype = variant.dtype;
        load.vocabularyDir = options.vocabularyDir;
        load.attention = variant.attention;
        {
            evictFromPageCache(modelPath);
            const Clock::time_point start = Clock::now();
            StableDiffusion::load(modelPath, load).reset();
            r.loadCold = secondsSince(start);
        }
        const Clock::time_point warmStart = Clock::now();
        std::shared_ptr<StableDiffusion> sd = StableDiffusion::load(modelPath, load);
        r.loadWarm = secondsSince(warmStart);
        if (variant.channelsLast) {
            toChannelsLast(*sd->unet());
            toChannelsLast(*sd->vae());
        }
        r.rssAfterLoad = currentRssMiB();
        if (!taesdPath.empty())
            sd->setPreviewDecoder(taesdPath);

        at::NoGradGuard noGrad;
        GenerationParams params = sd->resolve(GenerationParams {});
        params.width = options.width > 0 ? options.width : params.width;
        params.height = options.height > 0 ? options.height : params.height;
        width = params.width;
        height = params.height;
        const int64_t h = params.height / 8, w = params.width / 8;
        const c10::Device device = options.device;
        const at::ScalarType type = variant.dtype;

        say("variant " + variant.name + ": text encoding");
        const PromptTokens positive
            = sd->tokenize("a watercolour painting of a lighthouse on a cliff at dawn, soft light", PromptSyntax::A1111);
        const PromptTokens negative = sd->tokenize("blurry, low quality", PromptSyntax::A1111);
        TextConditioner::Pair pair;
        r.text = timeMedian(options.runs, [&] { pair = sd->textConditioner().encodePair(positive, &negative); });

        say("variant " + variant.name + ": UNet step");
        auto generator = at::detail::createCPUGenerator(7);
        const at::Tensor latents = at::randn({ 1, 4, h, w }, generator, at::kFloat);
        at::Tensor sample = at::cat({ latents, latents }).to(device, type);
        if (variant.channelsLast)
            sample = sample.contiguous(at::MemoryFormat::ChannelsLast);
        const at::Tensor context = at::cat({ pair.negative.context, pair.positive.context }).to(device, type);
        const at::Tensor timestep = at::scalar_tensor(int64_t(500), at::TensorOptions().dtype(at::kLong).device(device));
        UNetAddedConditioning added;
        const bool xl = sd->unet()->config().textTimeEmbedding;
        if (xl) {
            added.textEmbeds = at::cat({ pair.negative.pooled, pair.positive.pooled }).to(device, type);
            const at::Tensor ids = at::tensor({ double(params.height), double(params.width), 0.0, 0.0,
                                                  double(params.height), double(params.width) },
                at::kFloat)
                                       .unsqueeze(0);
            added.timeIds = at::cat({ ids, ids }).to(device, type);
        }
        auto sync = [&] {
            if (device.is_cuda())
                (void)at::zeros({ 1 }, at::TensorOptions().device(device)).cpu(); // waits for the stream
        };
        r.step = timeMedian(options.runs, [&] {
            (void)sd->unet()->forward(sample, timestep, context, xl ? &added : nullptr);
            sync();
        });

        say("variant " + variant.name + ": VAE decode");
        VaeTiling whole;
        whole.mode = VaeTiling::Mode::Never;
        r.vae = timeMedian(options.runs, [&] {
            (void)sd->decodeLatents(latents, nullptr, whole);
            sync();
        });

        say("variant " + variant.name + ": previews");
        r.approx = timeMedian(std::max(options.runs, 5), [&] { (void)sd->preview(latents, PreviewMode::Approx); });
        if (sd->hasPreviewDecoder())
            r.taesd = timeMedian(options.runs, [&] { (void)sd->preview(latents, PreviewMode::Taesd); });

        if (options.steps > 0) {
            say("variant " + variant.name + ": whole image, " + std::to_string(options.steps) + " steps");
            GenerationParams run = params;
            run.prompt = "a watercolour painting of a lighthouse on a cliff at dawn, soft light";
            run.negativePrompt = "blurry, low quality";
            run.steps = options.steps;
            run.sampler = SamplerKind::Euler;
            run.seed = 42;
            run.preview = PreviewMode::Approx; // the window's default
            StepClock clock;
            const GenerationResult result = sd->generate(run, &clock);
            if (result.outcome != Outcome::Completed)
                throw EngineError("bench: the whole-image run failed: " + result.error);
            r.whole = result.seconds;
            r.wholeStep = clock.medianStepAfterFirst();
        }
        r.peakRss = peakRssMiB();
        results.push_back(r);
        sd.reset();
    }

    report.header.push_back("size " + std::to_string(width) + "x" + std::to_string(height) + ", CFG batch 2, "
        + std::to_string(options.runs) + " timed runs after one warm-up (medians); whole image: "
        + std::to_string(options.steps) + " Euler steps with approx previews");
    for (const BenchVariant& v : variants)
        report.variants.push_back(v.name + (v.name.rfind("auto", 0) == 0 ? " (" + dtypeName(v.dtype) + ")" : ""));
    auto row = [&](const std::string& phase, const std::string& unit, double VariantResult::*field) {
        BenchRow out { phase, unit, {} };
        for (const VariantResult& r : results)
            out.values.push_back(r.*field);
        report.rows.push_back(out);
    };
    row("model load, cold (page cache dropped)", "s", &VariantResult::loadCold);
    row("model load, warm", "s", &VariantResult::loadWarm);
    row("text encoding (prompt + negative)", "s", &VariantResult::text);
    row("UNet step with CFG (batch 2)", "s", &VariantResult::step);
    row("VAE decode", "s", &VariantResult::vae);
    row("preview, approx", "s", &VariantResult::approx);
    row("preview, TAESD", "s", &VariantResult::taesd);
    if (options.steps > 0) {
        row("whole image (" + std::to_string(options.steps) + " steps)", "s", &VariantResult::whole);
        row("generate: step after the first", "s", &VariantResult::wholeStep);
    }
    BenchRow approxShare { "approx preview / step", "%", {} };
    BenchRow taesdShare { "TAESD preview / step", "%", {} };
    for (const VariantResult& r : results) {
        approxShare.values.push_back(100.0 * r.approx / r.step);
        taesdShare.values.push_back(100.0 * r.taesd / r.step);
    }
    report.rows.push_back(approxShare);
    report.rows.push_back(taesdShare);
    row("RSS after load", "MiB", &VariantResult::rssAfterLoad);
    row("peak RSS (since this variant began)", "MiB", &VariantResult::peakRss);
    report.notes.push_back("peak RSS is reset before each variant (/proc/self/clear_refs), so each column's peak is its own.");
    if (options.modelPath.empty())
        report.notes.push_back("random weights: timings are those of real weights (no data-dependent paths), images are noise.");
    return report;
}

std::string formatBenchReport(const BenchReport& report)
{
    std::ostringstream out;
    for (const std::string& line : report.header)
        out << line << "\n";
    out << "\n| phase |";
    for (const std::string& v : report.variants)
        out << " " << v << " |";
    out << "\n|---|";
    for (size_t i = 0; i < report.variants.size(); ++i)
        out << "---:|";
    out << "\n";
    for (const BenchRow& row : report.rows) {
        out << "| " << row.phase << " (" << row.unit << ") |";
        for (double v : row.values) {
            char cell[32];
            if (std::isnan(v))
                std::snprintf(cell, sizeof cell, "—");
            else if (row.unit == "MiB")
                std::snprintf(cell, sizeof cell, "%.0f", v);
            else if (v < 0.1)
                std::snprintf(cell, sizeof cell, "%.3g", v);
            else
                std::snprintf(cell, sizeof cell, "%.2f", v);
            out << " " << cell << " |";
        }
        out << "\n";
    }
    for (const std::string& note : report.notes)
        out << "\n" << note;
    out << "\n";
    return out.str();
}

} // namespace easel::engine
