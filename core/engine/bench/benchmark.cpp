// SPDX-License-Identifier: MIT
#include "engine/bench/benchmark.h"

#include "engine/common/blockcache.h"
#include "engine/models/directconv.h"

#include "engine/bench/opprofile.h"
#include "engine/bench/procstats.h"
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/precisionprobe.h"
#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

namespace easel::engine {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

constexpr const char* kPrompt = "a watercolour painting of a lighthouse on a cliff at dawn, soft light";
constexpr const char* kNegativePrompt = "blurry, low quality";

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

// Weights in NHWC, so oneDNN keeps activations NHWC from one convolution to the next.
void toChannelsLast(torch::nn::Module& module)
{
    at::NoGradGuard noGrad;
    restorePackedWeights(module);
    for (at::Tensor& p : module.parameters()) {
        if (p.dim() == 4)
            p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

// A token merging ratio as written on the command line: 0.5, 0.25.
std::string ratioName(double ratio)
{
    std::ostringstream out;
    out << ratio;
    return out.str();
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
    /// With step caching of interval n (one UNet evaluation per step: step i is complete when i % n == 0), the
    /// medians of the complete and of the cached steps after the first.
    std::pair<double, double> medianStepsAfterFirst(int n) const
    {
        std::vector<double> full, cached;
        for (size_t i = 1; i < m_times.size(); ++i)
            (i % size_t(n) == 0 ? full : cached)
                .push_back(std::chrono::duration<double>(m_times[i] - m_times[i - 1]).count());
        return { median(full), median(cached) };
    }

private:
    std::vector<Clock::time_point> m_times;
};

struct VariantResult {
    std::optional<PlanCacheEntry> plan; ///< the measured "auto" plan
    OpProfileResult unetProfile, vaeProfile;
    bool profiled = false;
    double loadCold = kNone, loadWarm = kNone, text = kNone, step = kNone, vae = kNone;
    double approx = kNone, taesd = kNone, whole = kNone, wholeStep = kNone, peakRss = kNone, rssAfterLoad = kNone;
    /// Per step-cache interval (BenchOptions::stepCaches): its whole image, the medians of its complete and of
    /// its cached steps, the mean step of one complete and n - 1 cached ones, the difference of its image to the
    /// plain one (mean absolute difference of the RGB values, of 255, and PSNR in dB).
    std::vector<double> cacheWhole, cacheFullStep, cacheCachedStep, cacheMeanStep, cacheDifference, cachePsnr;
    /// Per token merging ratio (BenchOptions::tokenMerges): its whole image, the median of its steps after the
    /// first, the difference of its image to the plain one (mean absolute difference of the RGB values, PSNR).
    std::vector<double> mergeWhole, mergeStep, mergeDifference, mergePsnr;
    /// The timed UNet step's output and the whole image (RGB as float), for the difference to an fp32 variant.
    at::Tensor unetOutput, wholeImage;
    /// Against the variant named "fp32" in the same run: the UNet step's output (mean absolute difference
    /// over the mean magnitude, %), the whole image (mean absolute RGB difference, of 255, and PSNR in dB).
    double unetToFp32 = kNone, imageToFp32 = kNone, psnrToFp32 = kNone;
};

void validate(const BenchOptions& options)
{
    if (options.runs < 1 || options.runs > 100)
        throw EngineError("bench: runs must be between 1 and 100");
    if (options.steps < 0 || options.steps > 1000)
        throw EngineError("bench: steps must be between 0 and 1000");
    if (options.width < 0 || options.height < 0 || options.width % 8 || options.height % 8)
        throw EngineError("bench: the size must be a multiple of 8");
}

// The model timed: the given one, or a random full-size one written to disk so that loading it is
// timed exactly as a real checkpoint's would be (in a temporary folder, removed afterwards, unless
// saveModelDir keeps it).
class BenchModel {
public:
    explicit BenchModel(const BenchOptions& options)
        : m_path(options.modelPath)
        , m_taesdPath(options.taesdPath)
    {
        if (!m_path.empty())
            return;
        fs::path dir = options.saveModelDir;
        if (dir.empty()) {
            std::string pattern = (fs::temp_directory_path() / "easel-bench-XXXXXX").string();
            if (!::mkdtemp(pattern.data()))
                throw EngineError("bench: cannot create a temporary folder");
            m_temporary = pattern;
            dir = m_temporary;
        }
        const Clock::time_point start = Clock::now();
        writeRandomModel(dir.string(), options.arch, options.vocabularyDir, 1, options.log);
        if (options.log)
            options.log("random model written in " + std::to_string(int(secondsSince(start))) + " s to " + dir.string());
        m_path = dir.string();
        if (m_taesdPath.empty())
            m_taesdPath = (dir / "taesd_decoder.safetensors").string();
    }
    ~BenchModel()
    {
        std::error_code ec;
        if (!m_temporary.empty())
            fs::remove_all(m_temporary, ec);
    }
    BenchModel(const BenchModel&) = delete;
    BenchModel& operator=(const BenchModel&) = delete;

    const std::string& path() const { return m_path; }
    const std::string& taesdPath() const { return m_taesdPath; }

private:
    std::string m_path;
    std::string m_taesdPath;
    fs::path m_temporary;
};

// One variant's measurements, phase by phase, on its own loaded model.
class VariantBench {
public:
    VariantBench(const BenchOptions& options, const BenchVariant& variant, const BenchModel& model)
        : m_options(options)
        , m_variant(variant)
        , m_model(model)
    {
    }

    VariantResult run()
    {
        say("loading");
        resetPeakRss();
        load();
        at::NoGradGuard noGrad;
        m_params = m_sd->resolve(GenerationParams {});
        m_params.width = m_options.width > 0 ? m_options.width : m_params.width;
        m_params.height = m_options.height > 0 ? m_options.height : m_params.height;
        auto generator = at::detail::createCPUGenerator(7);
        m_latents = at::randn({ 1, 4, m_params.height / 8, m_params.width / 8 }, generator, at::kFloat);

        say("text encoding");
        timeTextEncoding();
        say("UNet step");
        timeUnetStep();
        say("VAE decode");
        timeVaeDecode();
        if (m_options.profile) {
            say("profile of a UNet step and a VAE decode");
            profile();
        }
        say("previews");
        timePreviews();
        if (m_options.steps > 0) {
            say("whole image, " + std::to_string(m_options.steps) + " steps");
            timeWholeImage();
        }
        m_result.peakRss = peakRssMiB();
        m_sd.reset();
        return m_result;
    }

    int width() const { return m_params.width; }
    int height() const { return m_params.height; }

private:
    void say(const std::string& line) const
    {
        if (m_options.log)
            m_options.log("variant " + m_variant.name + ": " + line);
    }

    void sync() const
    {
        if (m_options.device.is_cuda())
            (void)at::zeros({ 1 }, at::TensorOptions().device(m_options.device)).cpu(); // waits for the stream
    }

    // Cold (page cache dropped), then warm; the warm one is kept.
    void load()
    {
        LoadOptions load;
        load.device = m_options.device;
        load.dtype = m_variant.dtype;
        load.vocabularyDir = m_options.vocabularyDir;
        load.attention = m_variant.attention;
        load.int8 = m_variant.int8;
        if (m_variant.measuredPlan) {
            say("measuring each component's precision and layout");
            PlanCacheEntry entry;
            entry.timings = measureComputeFormats(probeModelOf(m_model.path()), m_options.log);
            entry.plan = choosePlan(entry.timings, currentCpuFacts());
            load.plan = entry.plan;
            m_result.plan = entry;
        }
        {
            evictFromPageCache(m_model.path());
            const Clock::time_point start = Clock::now();
            StableDiffusion::load(m_model.path(), load).reset();
            m_result.loadCold = secondsSince(start);
        }
        const Clock::time_point warmStart = Clock::now();
        m_sd = StableDiffusion::load(m_model.path(), load);
        m_result.loadWarm = secondsSince(warmStart);
        if (m_variant.channelsLast) {
            toChannelsLast(*m_sd->unet());
            toChannelsLast(*m_sd->vae());
        }
        m_result.rssAfterLoad = currentRssMiB();
        if (!m_model.taesdPath().empty())
            m_sd->setPreviewDecoder(m_model.taesdPath());
    }

    void timeTextEncoding()
    {
        const PromptTokens positive = m_sd->tokenize(kPrompt, PromptSyntax::A1111);
        const PromptTokens negative = m_sd->tokenize(kNegativePrompt, PromptSyntax::A1111);
        m_result.text = timeMedian(
            m_options.runs, [&] { m_pair = m_sd->textConditioner().encodePair(positive, &negative); });
    }

    // One UNet evaluation with classifier-free guidance, fed exactly as the pipeline feeds it.
    void timeUnetStep()
    {
        const c10::Device device = m_options.device;
        at::Tensor sample = at::cat({ m_latents, m_latents }).to(device, m_sd->dtype());
        if (m_variant.channelsLast || m_sd->format(EngineComponent::Unet).channelsLast)
            sample = sample.contiguous(at::MemoryFormat::ChannelsLast);
        const at::Tensor timestep
            = at::scalar_tensor(int64_t(500), at::TensorOptions().dtype(at::kLong).device(device));
        const UNetInputs inputs = m_sd->unetInputs(m_pair.positive, &m_pair.negative, 1, m_params.width, m_params.height);
        at::Tensor out;
        m_result.step = timeMedian(m_options.runs, [&] {
            out = m_sd->unet()->forward(sample, timestep, inputs.context, inputs.addedOrNull());
            sync();
        });
        m_result.unetOutput = out.to(at::kCPU, at::kFloat).contiguous(); // for the difference to fp32
    }

    void timeVaeDecode()
    {
        VaeTiling whole;
        whole.mode = VaeTiling::Mode::Never;
        m_result.vae = timeMedian(m_options.runs, [&] {
            (void)m_sd->decodeLatents(m_latents, nullptr, whole);
            sync();
        });
    }

    // One more UNet step and VAE decode with the operator callbacks on, after the timed runs (so the
    // callbacks' cost stays out of the table).
    void profile()
    {
        const c10::Device device = m_options.device;
        at::Tensor sample = at::cat({ m_latents, m_latents }).to(device, m_sd->dtype());
        if (m_variant.channelsLast || m_sd->format(EngineComponent::Unet).channelsLast)
            sample = sample.contiguous(at::MemoryFormat::ChannelsLast);
        const at::Tensor timestep
            = at::scalar_tensor(int64_t(500), at::TensorOptions().dtype(at::kLong).device(device));
        const UNetInputs inputs = m_sd->unetInputs(m_pair.positive, &m_pair.negative, 1, m_params.width, m_params.height);
        OpProfiler profiler;
        profiler.start();
        (void)m_sd->unet()->forward(sample, timestep, inputs.context, inputs.addedOrNull());
        sync();
        m_result.unetProfile = profiler.stop();
        VaeTiling whole;
        whole.mode = VaeTiling::Mode::Never;
        profiler.start();
        (void)m_sd->decodeLatents(m_latents, nullptr, whole);
        sync();
        m_result.vaeProfile = profiler.stop();
        m_result.profiled = true;
    }

    void timePreviews()
    {
        m_result.approx
            = timeMedian(std::max(m_options.runs, 5), [&] { (void)m_sd->preview(m_latents, PreviewMode::Approx); });
        if (m_sd->hasPreviewDecoder())
            m_result.taesd = timeMedian(m_options.runs, [&] { (void)m_sd->preview(m_latents, PreviewMode::Taesd); });
    }

    // The difference of a run's image to the plain one: the mean absolute difference of the RGB values (of 255) and
    // the PSNR (dB).
    static void addDifference(const at::Tensor& plain, const GenerationResult& made, std::vector<double>& mean,
        std::vector<double>& psnr)
    {
        const at::Tensor difference = made.images.at(0).rgb.to(at::kFloat) - plain;
        mean.push_back(difference.abs().mean().item<double>());
        const double mse = difference.square().mean().item<double>();
        psnr.push_back(mse > 0 ? 10 * std::log10(255.0 * 255.0 / mse) : kNone);
    }

    void timeWholeImage()
    {
        GenerationParams run = m_params;
        run.prompt = kPrompt;
        run.negativePrompt = kNegativePrompt;
        run.steps = m_options.steps;
        run.sampler = SamplerKind::Euler;
        run.seed = 42;
        run.preview = PreviewMode::Approx; // the window's default
        StepClock clock;
        const GenerationResult result = m_sd->generate(run, &clock);
        if (result.outcome != Outcome::Completed)
            throw EngineError("bench: the whole-image run failed: " + result.error);
        m_result.whole = result.seconds;
        m_result.wholeStep = clock.medianStepAfterFirst();
        const at::Tensor plain = result.images.at(0).rgb.to(at::kFloat);
        m_result.wholeImage = plain;
        for (int n : m_options.stepCaches) {
            say("whole image, step cache " + std::to_string(n));
            run.stepCache = n;
            StepClock cachedClock;
            const GenerationResult cached = m_sd->generate(run, &cachedClock);
            if (cached.outcome != Outcome::Completed)
                throw EngineError("bench: the step-cache run failed: " + cached.error);
            // Both kinds from this run, so a change of the machine's load between the runs does not skew the mean.
            const auto [fullStep, cachedStep] = cachedClock.medianStepsAfterFirst(n);
            m_result.cacheWhole.push_back(cached.seconds);
            m_result.cacheFullStep.push_back(fullStep);
            m_result.cacheCachedStep.push_back(cachedStep);
            m_result.cacheMeanStep.push_back((fullStep + (n - 1) * cachedStep) / n);
            addDifference(plain, cached, m_result.cacheDifference, m_result.cachePsnr);
        }
        run.stepCache = 1;
        for (double ratio : m_options.tokenMerges) {
            say("whole image, token merge " + ratioName(ratio));
            run.tokenMerge = ratio;
            StepClock mergedClock;
            const GenerationResult merged = m_sd->generate(run, &mergedClock);
            if (merged.outcome != Outcome::Completed)
                throw EngineError("bench: the token-merge run failed: " + merged.error);
            m_result.mergeWhole.push_back(merged.seconds);
            m_result.mergeStep.push_back(mergedClock.medianStepAfterFirst());
            addDifference(plain, merged, m_result.mergeDifference, m_result.mergePsnr);
        }
    }

    const BenchOptions& m_options;
    const BenchVariant& m_variant;
    const BenchModel& m_model;
    std::shared_ptr<StableDiffusion> m_sd;
    GenerationParams m_params;
    at::Tensor m_latents; ///< [1, 4, h, w]: the UNet step's, the VAE's and the previews' input
    TextConditioner::Pair m_pair;
    VariantResult m_result;
};

// Phases as rows, variants as columns.
void addRows(BenchReport& report, const BenchOptions& options, const std::vector<VariantResult>& results)
{
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
    const bool againstFp32 = std::any_of(results.begin(), results.end(), [](const VariantResult& r) {
        return r.unetToFp32 != kNone || r.imageToFp32 != kNone;
    });
    if (againstFp32) {
        row("UNet step output: mean difference to fp32", "%", &VariantResult::unetToFp32);
        if (options.steps > 0) {
            row("whole image: mean RGB difference to fp32", "of 255", &VariantResult::imageToFp32);
            row("whole image: PSNR to fp32", "dB", &VariantResult::psnrToFp32);
        }
    }
    BenchRow approxShare { "approx preview / step", "%", {} };
    BenchRow taesdShare { "TAESD preview / step", "%", {} };
    for (const VariantResult& r : results) {
        approxShare.values.push_back(100.0 * r.approx / r.step);
        taesdShare.values.push_back(100.0 * r.taesd / r.step);
    }
    report.rows.push_back(approxShare);
    report.rows.push_back(taesdShare);
    // A row of the k-th step-cache interval or token merging ratio: one value of each variant's list.
    auto listRow = [&](const std::string& name, size_t k, const std::string& phase, const std::string& unit,
                       std::vector<double> VariantResult::*field) {
        BenchRow out { name + ": " + phase, unit, {} };
        for (const VariantResult& r : results)
            out.values.push_back((r.*field).at(k));
        report.rows.push_back(out);
    };
    for (size_t k = 0; k < options.stepCaches.size(); ++k) {
        const std::string n = "step cache " + std::to_string(options.stepCaches[k]);
        auto cacheRow = [&](const std::string& phase, const std::string& unit, std::vector<double> VariantResult::*field) {
            listRow(n, k, phase, unit, field);
        };
        cacheRow("whole image (" + std::to_string(options.steps) + " steps)", "s", &VariantResult::cacheWhole);
        cacheRow("complete step", "s", &VariantResult::cacheFullStep);
        cacheRow("cached step (shallow path)", "s", &VariantResult::cacheCachedStep);
        cacheRow("mean step (1 complete + " + std::to_string(options.stepCaches[k] - 1) + " cached)", "s",
            &VariantResult::cacheMeanStep);
        BenchRow speedup { n + ": speed-up of the mean step over a complete one", "x", {} };
        for (const VariantResult& r : results)
            speedup.values.push_back(r.cacheFullStep.at(k) / r.cacheMeanStep.at(k));
        report.rows.push_back(speedup);
        cacheRow("image's mean absolute difference to the complete one", "of 255", &VariantResult::cacheDifference);
        cacheRow("image's PSNR to the complete one", "dB", &VariantResult::cachePsnr);
    }
    for (size_t k = 0; k < options.tokenMerges.size(); ++k) {
        const std::string name = "token merge " + ratioName(options.tokenMerges[k]);
        auto mergeRow = [&](const std::string& phase, const std::string& unit, std::vector<double> VariantResult::*field) {
            listRow(name, k, phase, unit, field);
        };
        mergeRow("whole image (" + std::to_string(options.steps) + " steps)", "s", &VariantResult::mergeWhole);
        mergeRow("step after the first", "s", &VariantResult::mergeStep);
        BenchRow speedup { name + ": speed-up of a step over the plain one", "x", {} };
        for (const VariantResult& r : results)
            speedup.values.push_back(r.wholeStep / r.mergeStep.at(k));
        report.rows.push_back(speedup);
        mergeRow("image's mean absolute difference to the plain one", "of 255", &VariantResult::mergeDifference);
        mergeRow("image's PSNR to the plain one", "dB", &VariantResult::mergePsnr);
    }
    row("RSS after load", "MiB", &VariantResult::rssAfterLoad);
    row("peak RSS (since this variant began)", "MiB", &VariantResult::peakRss);
}

// GFLOP/s of the best of `runs` calls of fn, which does `flops` operations.
template <typename Fn> double rate(double flops, int runs, Fn&& fn)
{
    fn();
    double best = std::numeric_limits<double>::infinity();
    for (int i = 0; i < std::max(runs, 1); ++i) {
        const Clock::time_point start = Clock::now();
        fn();
        best = std::min(best, secondsSince(start));
    }
    return flops / 1e9 / best;
}

std::string planSection(const std::string& variant, const PlanCacheEntry& entry)
{
    std::ostringstream out;
    out << "precision and layout chosen for " << variant
        << " (each component's fastest format, fp32 unless 5% faster; probe timings in s):\n\n"
        << "| component | chosen | fp32 | fp32-cl | bf16 | bf16-cl |\n|---|---|---:|---:|---:|---:|\n";
    for (size_t i = 0; i < kEngineComponents; ++i) {
        out << "| " << componentKey(EngineComponent(i)) << " | " << entry.plan[i].name() << " |";
        for (const char* name : { "fp32", "fp32-cl", "bf16", "bf16-cl" }) {
            const auto it = entry.timings[i].find(name);
            char cell[32] = "—";
            if (it != entry.timings[i].end())
                std::snprintf(cell, sizeof cell, "%.3f", it->second);
            out << " " << cell << " |";
        }
        out << "\n";
    }
    return out.str();
}

std::string peakSection(const MachinePeak& peak)
{
    char text[512];
    std::snprintf(text, sizeof text,
        "machine peak, same run (best of 3; GEMM 2048x2048x2048 at::mm, convolution 3x3 512->512 on 64x64 at::conv2d, "
        "the faster of NCHW and channels_last), GFLOP/s:\n\n"
        "| | fp32 | bf16 |\n|---|---:|---:|\n| GEMM | %.1f | %.1f |\n| convolution | %.1f | %.1f |\n",
        peak.gemmFp32, peak.gemmBf16, peak.convFp32, peak.convBf16);
    return text;
}

} // namespace

double MachinePeak::forDtype(at::ScalarType type) const
{
    return type == at::kBFloat16 ? std::max(gemmBf16, convBf16) : std::max(gemmFp32, convFp32);
}

MachinePeak measureMachinePeak(c10::Device device, int runs)
{
    at::NoGradGuard noGrad;
    MachinePeak peak;
    auto generator = at::detail::createCPUGenerator(3);
    const int64_t n = 2048;
    const at::Tensor a = at::randn({ n, n }, generator, at::kFloat).to(device);
    const at::Tensor b = at::randn({ n, n }, generator, at::kFloat).to(device);
    const at::Tensor x = at::randn({ 1, 512, 64, 64 }, generator, at::kFloat).to(device);
    const at::Tensor w = at::randn({ 512, 512, 3, 3 }, generator, at::kFloat).to(device).mul_(0.02);
    const double gemmFlops = 2.0 * double(n) * double(n) * double(n);
    const double convFlops = 2.0 * 64 * 64 * 512 * 512 * 9;
    auto sync = [&] {
        if (device.is_cuda())
            (void)at::zeros({ 1 }, at::TensorOptions().device(device)).cpu();
    };
    for (at::ScalarType type : { at::kFloat, at::kBFloat16 }) {
        const at::Tensor ta = a.to(type), tb = b.to(type);
        const double gemm = rate(gemmFlops, runs, [&] {
            (void)at::mm(ta, tb);
            sync();
        });
        double conv = 0;
        for (bool cl : { false, true }) {
            const at::MemoryFormat format = cl ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
            const at::Tensor tx = x.to(type).contiguous(format), tw = w.to(type).contiguous(format);
            conv = std::max(conv, rate(convFlops, runs, [&] {
                (void)at::conv2d(tx, tw, {}, { 1, 1 }, { 1, 1 });
                sync();
            }));
        }
        (type == at::kFloat ? peak.gemmFp32 : peak.gemmBf16) = gemm;
        (type == at::kFloat ? peak.convFp32 : peak.convBf16) = conv;
    }
    return peak;
}

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
        else if (part == "int8") {
            v.dtype = at::kBFloat16;
            v.channelsLast = true;
            v.int8 = true;
        }
        else if (part == "auto")
        {
            v.dtype = device.is_cuda() ? at::kHalf : at::kFloat;
            v.measuredPlan = !device.is_cuda();
        }
        else
            throw EngineError("bench variant '" + item + "': unknown dtype '" + part + "' (use fp32, bf16, fp16, int8 or auto)");
        while (std::getline(parts, part, '-')) {
            if (part == "cl")
                v.channelsLast = true;
            else if (part == "fused")
                v.attention = AttentionMode::Fused;
            else if (part == "blocked")
                v.attention = AttentionMode::Blocked;
            else if (part == "sliced")
                v.attention = AttentionMode::Sliced;
            else if (part == "matmul")
                v.attention = AttentionMode::Matmul;
            else if (part == "sdpa")
                v.attention = AttentionMode::Sdpa;
            else if (part == "libtorch")
                v.libtorchConvolutions = true;
            else if (part == "malloc")
                v.plainAllocator = true;
            else if (part == "keep")
                v.keepConvolutionWeights = true;
            else
                throw EngineError("bench variant '" + item + "': unknown option '" + part
                    + "' (use cl, fused, blocked, sliced, matmul, sdpa, libtorch, malloc or keep)");
        }
        if (v.dtype == at::kHalf && !device.is_cuda())
            throw EngineError("bench variant '" + item + "': fp16 needs a CUDA device (use bf16 on the CPU)");
        variants.push_back(v);
    }
    if (variants.empty())
        throw EngineError("no bench variants given");
    return variants;
}

BenchReport runBenchmark(const BenchOptions& options)
{
    validate(options);
    const std::vector<BenchVariant> variants
        = options.variants.empty() ? parseBenchVariants("auto", options.device) : options.variants;
    const BenchModel model(options);

    BenchReport report;
    report.header.push_back(runtimeDescription() + (cpuHasFastBf16() ? ", CPU with native bf16" : ""));
    report.header.push_back("model: "
        + (options.modelPath.empty() ? std::string("random full-size ")
                    + (options.arch == BenchArch::SDXL ? "SDXL" : "SD 1.5") + " (fp16 safetensors)"
                                     : options.modelPath));
    report.header.push_back("load average at start: " + loadAverage());

    MachinePeak peak;
    if (options.profile) {
        if (options.log)
            options.log("measuring the machine's peak");
        peak = measureMachinePeak(options.device, 3);
        report.sections.push_back(peakSection(peak));
    }

    std::vector<VariantResult> results;
    int width = 0, height = 0;
    const bool directConvolutions = DirectConv::enabled();
    for (const BenchVariant& variant : variants) {
        DirectConv::setEnabled(directConvolutions && !variant.libtorchConvolutions);
        setBlockCacheEnabled(!variant.plainAllocator);
        DirectConv::setReleasesWeights(!variant.keepConvolutionWeights);
        VariantBench bench(options, variant, model);
        results.push_back(bench.run());
        DirectConv::setEnabled(directConvolutions);
        setBlockCacheEnabled(true);
        DirectConv::setReleasesWeights(true);
        width = bench.width();
        height = bench.height();
    }
    // Each variant's difference to the fp32 one of this run (same latents, prompt, seed and steps).
    for (size_t f = 0; f < variants.size(); ++f) {
        if (variants[f].name != "fp32")
            continue;
        const VariantResult& reference = results[f];
        for (size_t i = 0; i < results.size(); ++i) {
            VariantResult& r = results[i];
            if (i == f)
                continue;
            if (r.unetOutput.defined() && reference.unetOutput.defined()) {
                r.unetToFp32 = 100.0 * (r.unetOutput - reference.unetOutput).abs().mean().item<double>()
                    / std::max(reference.unetOutput.abs().mean().item<double>(), 1e-12);
            }
            if (r.wholeImage.defined() && reference.wholeImage.defined()) {
                const at::Tensor difference = r.wholeImage - reference.wholeImage;
                r.imageToFp32 = difference.abs().mean().item<double>();
                const double mse = difference.square().mean().item<double>();
                r.psnrToFp32 = mse > 0 ? 10 * std::log10(255.0 * 255.0 / mse) : kNone;
            }
        }
    }

    report.header.push_back("size " + std::to_string(width) + "x" + std::to_string(height) + ", CFG batch 2, "
        + std::to_string(options.runs) + " timed runs after one warm-up (medians); whole image: "
        + std::to_string(options.steps) + " Euler steps with approx previews");
    for (const BenchVariant& v : variants)
        report.variants.push_back(v.name
            + (v.measuredPlan ? " (measured)" : v.name.rfind("auto", 0) == 0 ? " (" + dtypeName(v.dtype) + ")" : ""));
    addRows(report, options, results);
    for (size_t i = 0; i < results.size(); ++i) {
        if (results[i].plan)
            report.sections.push_back(planSection(report.variants[i], *results[i].plan));
    }
    for (size_t i = 0; i < results.size(); ++i) {
        if (!results[i].profiled)
            continue;
        const std::string name = report.variants[i];
        // Against the peak of the dtype each component ran in (a measured plan may mix them).
        auto dtypeOf = [&](EngineComponent c) {
            return results[i].plan ? results[i].plan->plan[size_t(c)].dtype : variants[i].dtype;
        };
        report.sections.push_back(formatOpProfile("profile, " + name + ", one UNet step with CFG",
            results[i].unetProfile, peak.forDtype(dtypeOf(EngineComponent::Unet))));
        report.sections.push_back(formatOpProfile("profile, " + name + ", one VAE decode", results[i].vaeProfile,
            peak.forDtype(dtypeOf(EngineComponent::VaeDecoder))));
    }
    if (options.profile)
        report.notes.push_back("profile: outermost ATen operators only, timed on the calling thread; \"of peak\" is the "
                               "kind's GFLOP/s over the best of this run's GEMM and convolution in the variant's dtype.");
    report.notes.push_back("peak RSS is reset before each variant (/proc/self/clear_refs), so each column's peak is its own.");
    if (options.modelPath.empty())
        report.notes.push_back("random weights: timings are those of real weights (no data-dependent paths), images are noise.");
    if (!options.stepCaches.empty())
        report.notes.push_back("step cache N: the same whole image (seed, Euler steps) with every Nth UNet evaluation complete "
                               "and the others on the shallow path (DeepCache, skip branch 1); steps timed as medians "
                               "of their kind. With random weights the deep features change more from step to step "
                               "than a trained model's, so the difference is larger than with real weights.");
    if (!options.tokenMerges.empty())
        report.notes.push_back("token merge R: the same whole image (seed, Euler steps) with the share R of the tokens "
                               "merged before the self-attention of the highest-resolution transformer blocks (ToMe for "
                               "SD, 2x2 windows); its step median against the plain image's step after the first.");
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
    for (const std::string& section : report.sections)
        out << "\n" << section;
    return out.str();
}

} // namespace easel::engine
