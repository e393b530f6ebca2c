// SPDX-License-Identifier: MIT
#pragma once

// The measuring half of "auto" precision on the CPU (the choosing half is common/precisionchoice.h):
// each component's own architecture, with random weights and reduced to what shows its kernels (the
// VAE whole, the UNet's first two levels, two CLIP layers), timed once per candidate format at a
// small size. A few seconds, once per CPU (the plan is cached).

#include "engine/common/precisionchoice.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"

#include <functional>
#include <optional>

namespace easel::engine {

struct ProbeModel {
    std::optional<ClipTextConfig> text; ///< the first text encoder's config; none: not timed (fp32)
    UNetConfig unet;
    VaeConfig vae;
};

/// Times every candidate (fp32, fp32-cl, bf16, bf16-cl where the CPU computes bf16; no -cl for the
/// text encoder) of every component: one run after a warm-up, at a 128x128 image. `log`: one line
/// per component.
PlanTimings measureComputeFormats(const ProbeModel& model, const std::function<void(const std::string&)>& log = {});

/// The component shapes a plan depends on, for planCacheKey().
std::string probeArchitecture(const ProbeModel& model);

/// The components' configs of the model at `path` (a checkpoint or diffusers folder). Throws EngineError.
ProbeModel probeModelOf(const std::string& path);

enum class ProbeMode {
    Blocking, ///< measure now, then load with the measured plan
    Background, ///< load in fp32 now; measure on a background thread for the next load
};

/// "auto" on the CPU for the model at `path`: the plan cached in `cacheFile` for this CPU, threads,
/// libtorch and architecture. On a miss, Blocking measures now and caches the plan. Background (the
/// studio's and the CLI's way: the first image never waits for the measuring, which takes a minute on
/// two loaded cores) returns fp32 for every component at once, which is never slower than fp32, and
/// measures on a thread of its own at the lowest priority, timing only while this process neither loads
/// nor generates (ComputeActivity), then caches the plan for the next load of a model of that
/// architecture. One background probe at a time; a process that wants the plan cached waits for it
/// (waitForBackgroundProbe()) before main() returns: one still measuring at exit is abandoned. Warnings (a
/// corrupt or unwritable cache) go to `warning`, one line. Throws EngineError for a bad model.
ComputePlan autoComputePlan(const std::string& path, const std::string& cacheFile, std::string* warning,
    const std::function<void(const std::string&)>& log = {}, ProbeMode mode = ProbeMode::Background);

/// Whether a background probe is measuring now.
bool backgroundProbeRunning();
/// Waits for the background probe, if one runs (it then times whatever the process does).
void waitForBackgroundProbe();
/// Stops the background probe, if one runs, at its next measurement, caching nothing (the next load
/// measures again), and waits for its thread: for a process that must end now (the studio's window
/// closing), where waiting for a whole probe would hold the exit for up to a minute.
void abandonBackgroundProbe();

/// Held while the process loads a model or generates (StableDiffusion holds one in load() and
/// generate()): the background probe times only when none is held, and times again a candidate
/// during which one was taken, so its numbers are those of an idle CPU.
class ComputeActivity {
public:
    ComputeActivity();
    ~ComputeActivity();
    ComputeActivity(const ComputeActivity&) = delete;
    ComputeActivity& operator=(const ComputeActivity&) = delete;
};

/// The UNet's first `levels` levels (at least 1), with its own widths, heads and attention.
UNetConfig reducedUNetConfig(const UNetConfig& config, int64_t levels = 2);

/// Sets the module's parameters to random values of a trained model's scale (norm weights 1,
/// biases 0, the rest N(0, 1/fan_in)), so no denormal or NaN skews a timing.
void randomiseForTiming(torch::nn::Module& module, uint64_t seed);

} // namespace easel::engine
