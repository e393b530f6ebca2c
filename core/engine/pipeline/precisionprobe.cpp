// SPDX-License-Identifier: MIT
#include "engine/pipeline/precisionprobe.h"

#include "engine/weights/modelfiles.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <limits>
#include <mutex>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace easel::engine {

namespace {

    using Clock = std::chrono::steady_clock;

    // Latent side of the UNet and VAE decoder probes (a 128x128 image) and image side of the encoder
    // probe: small, so that the whole probe stays within seconds on two cores (measured: with 32x32
    // UNet latents it took over a minute on a loaded 2-core EPYC).
    constexpr int64_t kLatentSide = 16;
    constexpr int64_t kVaeLatentSide = 16;
    constexpr int64_t kEncodeSide = 128;

    // One timed run after a warm-up (the warm-up creates oneDNN's primitives).
    template <typename Fn> double fastest(Fn&& fn)
    {
        fn();
        double best = std::numeric_limits<double>::infinity();
        for (int i = 0; i < 1; ++i) {
            const Clock::time_point start = Clock::now();
            fn();
            best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
        }
        return best;
    }

    std::vector<ComputeFormat> candidates(bool layouts)
    {
        std::vector<ComputeFormat> out;
        for (at::ScalarType type : { at::kFloat, at::kBFloat16 }) {
            for (bool cl : { false, true }) {
                if (cl && !layouts)
                    continue;
                ComputeFormat f;
                f.dtype = type;
                f.channelsLast = cl;
                out.push_back(f);
            }
        }
        return out;
    }

    void say(const std::function<void(const std::string&)>& log, const char* component, const ComponentTimings& t)
    {
        if (!log)
            return;
        std::string line = std::string("precision probe, ") + component + ":";
        for (const auto& [name, seconds] : t) {
            char cell[64];
            std::snprintf(cell, sizeof cell, " %s %.3f s", name.c_str(), seconds);
            line += cell;
        }
        log(line);
    }

    std::string joined(const std::vector<int64_t>& v)
    {
        std::string out;
        for (int64_t x : v)
            out += (out.empty() ? "" : ",") + std::to_string(x);
        return out;
    }

    std::map<std::string, std::vector<int64_t>> shapesOf(const ComponentWeights& weights)
    {
        std::map<std::string, std::vector<int64_t>> shapes;
        for (const std::string& name : weights.names())
            shapes[name] = weights.shape(name);
        return shapes;
    }

} // namespace

std::string probeArchitecture(const ProbeModel& model)
{
    return "text " + (model.text ? std::to_string(model.text->hidden) : std::string("none")) + " / unet "
        + joined(model.unet.blockOutChannels) + " x" + std::to_string(model.unet.crossAttentionDim) + " / vae "
        + joined(model.vae.blockOutChannels);
}

ProbeModel probeModelOf(const std::string& path)
{
    const std::shared_ptr<ModelFiles> files = ModelFiles::open(path);
    ProbeModel model;
    if (files->has(Component::TextEncoder))
        model.text = ClipTextConfig::resolve(
            files->config(Component::TextEncoder), shapesOf(files->weights(Component::TextEncoder)));
    model.unet = UNetConfig::forModel(*files);
    model.vae = VaeConfig::forModel(*files);
    return model;
}

UNetConfig reducedUNetConfig(const UNetConfig& config, int64_t levels)
{
    const size_t n = config.blockOutChannels.size();
    const size_t keep = std::min(n, size_t(std::max<int64_t>(levels, 1)));
    auto first = [&](auto v) {
        v.resize(std::min(v.size(), keep));
        return v;
    };
    auto last = [&](auto v) { // up order: deepest first, so the kept levels are the last entries
        if (v.size() > keep)
            v.erase(v.begin(), v.end() - std::ptrdiff_t(keep));
        return v;
    };
    UNetConfig c = config;
    c.blockOutChannels = first(config.blockOutChannels);
    c.downCrossAttention = first(config.downCrossAttention);
    c.layersPerBlock = first(config.layersPerBlock);
    c.attentionHeads = first(config.attentionHeads);
    c.transformerLayers = first(config.transformerLayers);
    c.upCrossAttention = last(config.upCrossAttention);
    c.upTransformerLayers = last(config.upTransformerLayers);
    c.timeEmbedDim = config.timeEmbedChannels();
    c.textTimeEmbedding = false; // SDXL's extra time ids cost nothing; the probe feeds none
    c.inChannels = 4;
    return c;
}

void randomiseForTiming(torch::nn::Module& module, uint64_t seed)
{
    at::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(seed);
    for (const auto& item : module.named_parameters()) {
        at::Tensor p = item.value();
        const std::string& name = item.key();
        const bool bias = name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0;
        at::Tensor value;
        if (p.dim() <= 1)
            value = bias ? at::zeros(p.sizes(), at::kFloat) : at::ones(p.sizes(), at::kFloat);
        else
            value = at::randn(p.sizes(), generator, at::kFloat).mul_(1.0 / std::sqrt(double(p.numel() / p.size(0))));
        p.copy_(value);
    }
}

namespace {

    // How one candidate is timed: in the foreground, fastest(); in the background, only while idle.
    using Timer = std::function<double(const std::function<void()>&)>;
    PlanTimings measureWith(
        const ProbeModel& model, const std::function<void(const std::string&)>& log, const Timer& time);

} // namespace

PlanTimings measureComputeFormats(const ProbeModel& model, const std::function<void(const std::string&)>& log)
{
    return measureWith(model, log, [](const std::function<void()>& fn) { return fastest(fn); });
}

namespace {

    PlanTimings measureWith(
        const ProbeModel& model, const std::function<void(const std::string&)>& log, const Timer& fastest)
    {
        at::NoGradGuard noGrad;
        PlanTimings timings;
        auto generator = at::detail::createCPUGenerator(11);
        const at::TensorOptions fp32 = at::TensorOptions().dtype(at::kFloat);

        if (model.text) {
            ClipTextConfig config = *model.text;
            config.layers = std::min<int64_t>(config.layers, 2);
            ClipTextModel text(config, fp32);
            randomiseForTiming(*text, 1);
            const at::Tensor ids = at::randint(0, config.vocab - 1, { 2, config.maxPositions }, generator, at::kLong);
            ComponentTimings& t = timings[size_t(EngineComponent::TextEncoder)];
            for (const ComputeFormat& f : candidates(false)) {
                restorePackedWeights(*text);
                applyComputeFormat(*text, f);
                t[f.name()] = fastest([&] { (void)text->forward(ids); });
            }
            say(log, "text encoder", t);
        }
        {
            const UNetConfig config = reducedUNetConfig(model.unet);
            UNet unet(config, fp32);
            randomiseForTiming(*unet, 2);
            const at::Tensor sample = at::randn({ 2, 4, kLatentSide, kLatentSide }, generator, at::kFloat);
            const at::Tensor context = at::randn({ 2, 77, config.crossAttentionDim }, generator, at::kFloat);
            const at::Tensor timestep = at::scalar_tensor(int64_t(500), at::TensorOptions().dtype(at::kLong));
            ComponentTimings& t = timings[size_t(EngineComponent::Unet)];
            for (const ComputeFormat& f : candidates(true)) {
                restorePackedWeights(*unet);
                applyComputeFormat(*unet, f);
                at::Tensor x = sample.to(f.dtype);
                if (f.channelsLast)
                    x = x.contiguous(at::MemoryFormat::ChannelsLast);
                const at::Tensor c = context.to(f.dtype);
                t[f.name()] = fastest([&] { (void)unet->forward(x, timestep, c); });
            }
            say(log, "UNet (first two levels)", t);
        }
        {
            Vae vae(model.vae, fp32);
            randomiseForTiming(*vae, 3);
            const at::Tensor latents
                = at::randn({ 1, model.vae.latentChannels, kVaeLatentSide, kVaeLatentSide }, generator, at::kFloat);
            const at::Tensor image
                = at::rand({ 1, model.vae.inChannels, kEncodeSide, kEncodeSide }, generator, at::kFloat);
            VaeTiling whole;
            whole.mode = VaeTiling::Mode::Never;
            ComponentTimings& dec = timings[size_t(EngineComponent::VaeDecoder)];
            ComponentTimings& enc = timings[size_t(EngineComponent::VaeEncoder)];
            for (const ComputeFormat& f : candidates(true)) {
                vae->setFormats(f, f);
                dec[f.name()] = fastest([&] { (void)vae->decode(latents, whole); });
                enc[f.name()] = fastest([&] { (void)vae->encode(image, whole); });
            }
            say(log, "VAE decoder", dec);
            say(log, "VAE encoder", enc);
        }
        return timings;
    }

} // namespace

// ---------------------------------------------------------------------------------------------
// The background probe

namespace {

    struct Activity {
        std::mutex mutex;
        std::condition_variable changed;
        int busy = 0; ///< ComputeActivity objects alive
        uint64_t epoch = 0; ///< ComputeActivity objects ever made
        bool abandoned = false; ///< abandonBackgroundProbe(): stop at the next measurement
    };

    /// Thrown inside the probe's thread when it is abandoned; it leaves no plan.
    struct ProbeAbandoned {
    };

    Activity& activity()
    {
        static Activity a;
        return a;
    }

    class BackgroundProbe {
    public:
        BackgroundProbe() { (void)activity(); } // made first, so destroyed after this
        // Static destruction runs while libtorch's and oneDNN's own statics go: measuring then crashes. A process
        // that wants the plan waits for it before main() returns (waitForBackgroundProbe()); the window stops it
        // as it closes (abandonBackgroundProbe()).
        ~BackgroundProbe() { abandon(); }

        void abandon()
        {
            {
                std::lock_guard<std::mutex> lock(activity().mutex);
                activity().abandoned = true;
            }
            finish();
            std::lock_guard<std::mutex> lock(activity().mutex);
            activity().abandoned = false; // a later probe (a test, another model) runs again
        }

        bool start(std::function<void()> work)
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_running)
                return false;
            if (m_thread.joinable())
                m_thread.join();
            m_running = true;
            m_thread = std::thread([this, work = std::move(work)] {
#ifdef __linux__
                // Lowest priority: the threads it starts inherit it, and the studio's own work always goes first.
                ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 19);
#endif
                try {
                    work();
                } catch (const ProbeAbandoned&) {
                    // abandoned: nothing is cached, the next load measures again
                } catch (...) {
                    // A probe that cannot finish leaves no plan: the next load measures again.
                }
                std::lock_guard<std::mutex> lock(m_mutex);
                m_running = false;
            });
            return true;
        }

        bool running()
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            return m_running;
        }

        void finish()
        {
            activity().changed.notify_all();
            std::lock_guard<std::mutex> lock(m_joinMutex);
            if (m_thread.joinable())
                m_thread.join();
        }

    private:
        std::mutex m_mutex;
        std::mutex m_joinMutex;
        bool m_running = false;
        std::thread m_thread;
    };

    BackgroundProbe& backgroundProbe()
    {
        static BackgroundProbe probe;
        return probe;
    }

    // Times `fn` only while no load or generation runs, again when one started meanwhile (five tries).
    double timeWhenIdle(const std::function<void()>& fn)
    {
        Activity& a = activity();
        double seconds = std::numeric_limits<double>::quiet_NaN();
        for (int attempt = 0; attempt < 5; ++attempt) {
            uint64_t epoch = 0;
            {
                std::unique_lock<std::mutex> lock(a.mutex);
                a.changed.wait(lock, [&] { return a.busy == 0 || a.abandoned; });
                if (a.abandoned)
                    throw ProbeAbandoned {};
                epoch = a.epoch;
            }
            seconds = fastest(fn);
            std::lock_guard<std::mutex> lock(a.mutex);
            if (a.abandoned)
                throw ProbeAbandoned {};
            if (a.busy == 0 && a.epoch == epoch)
                return seconds;
        }
        return seconds;
    }

} // namespace

ComputeActivity::ComputeActivity()
{
    std::lock_guard<std::mutex> lock(activity().mutex);
    ++activity().busy;
    ++activity().epoch;
}

ComputeActivity::~ComputeActivity()
{
    {
        std::lock_guard<std::mutex> lock(activity().mutex);
        --activity().busy;
    }
    activity().changed.notify_all();
}

bool backgroundProbeRunning() { return backgroundProbe().running(); }

void waitForBackgroundProbe() { backgroundProbe().finish(); }

void abandonBackgroundProbe() { backgroundProbe().abandon(); }

ComputePlan autoComputePlan(const std::string& path, const std::string& cacheFile, std::string* warning,
    const std::function<void(const std::string&)>& log, ProbeMode mode)
{
    const ProbeModel model = probeModelOf(path);
    const CpuFacts cpu = currentCpuFacts();
    const std::string architecture = probeArchitecture(model);
    if (mode == ProbeMode::Blocking || cacheFile.empty()) {
        return resolveComputePlan(
            cacheFile, cpu, architecture, std::nullopt, [&] { return measureComputeFormats(model, log); }, warning);
    }
    if (std::optional<PlanCacheEntry> cached = readPlanCache(cacheFile, planCacheKey(cpu, architecture), warning))
        return cached->plan;
    backgroundProbe().start([model, cpu, architecture, cacheFile, log] {
        // The threads of the process's CPU facts (the cache key) compute the probe too.
        at::set_num_threads(cpu.threads);
        PlanCacheEntry entry;
        entry.timings = measureWith(model, log, timeWhenIdle);
        entry.plan = choosePlan(entry.timings, cpu);
        std::string error;
        if (!writePlanCache(cacheFile, planCacheKey(cpu, architecture), entry, &error) && log)
            log(error);
    });
    return ComputePlan {}; // fp32, NCHW: never slower than fp32
}

} // namespace easel::engine
