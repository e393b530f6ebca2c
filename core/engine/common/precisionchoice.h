// SPDX-License-Identifier: MIT
#pragma once

// "auto" precision and layout on the CPU, chosen per component (text encoder, UNet, VAE decoder,
// VAE encoder) from timings measured on this machine (engine/pipeline/precisionprobe.h) and kept
// per CPU model in a small JSON file, so the measuring happens once. The choice itself is a pure
// function of the timings and the CPU's facts: it never picks a candidate slower than the
// component's fp32 self.

#include <c10/core/ScalarType.h>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace torch::nn {
class Module;
}

namespace easel::engine {

enum class EngineComponent { TextEncoder, Unet, VaeDecoder, VaeEncoder, Count };
constexpr size_t kEngineComponents = size_t(EngineComponent::Count);

const char* componentKey(EngineComponent component); ///< "text_encoder", "unet", "vae_decoder", "vae_encoder"

/// A dtype and a memory layout for a component's weights and activations.
struct ComputeFormat {
    at::ScalarType dtype = at::kFloat;
    bool channelsLast = false;

    std::string name() const; ///< "fp32", "fp32-cl", "bf16", "bf16-cl"
    static std::optional<ComputeFormat> parse(const std::string& name); ///< fp32 / bf16, optional "-cl"
    bool operator==(const ComputeFormat& o) const { return dtype == o.dtype && channelsLast == o.channelsLast; }
    bool operator!=(const ComputeFormat& o) const { return !(*this == o); }
};

/// Converts `module`'s parameters to the format's dtype and its 4-D weights to the format's layout
/// (channels_last or contiguous), in place. Modules with convolutions or linear layers call
/// restorePackedWeights() (models/layers.h) first: a packed layer's weight tensor may hold no values.
void applyComputeFormat(torch::nn::Module& module, const ComputeFormat& format);
/// Before loading weights into `module`: allocates its parameters afresh, uninitialised, in the
/// format's dtype and layout where they differ (nothing is copied or touched), so that loadModule()
/// writes each weight once, straight into its final form, with no converted copy of the model after.
void prepareComputeFormat(torch::nn::Module& module, const ComputeFormat& format);

/// One format per component.
using ComputePlan = std::array<ComputeFormat, kEngineComponents>;

/// Seconds per candidate format ("fp32", "bf16-cl", ...) for one component; missing = not measured.
using ComponentTimings = std::map<std::string, double>;
using PlanTimings = std::array<ComponentTimings, kEngineComponents>;

struct CpuFacts {
    std::string model; ///< /proc/cpuinfo "model name"
    bool fastBf16 = false; ///< AVX512-BF16 or AMX-BF16 (cpuHasFastBf16)
    int threads = 1;
};

/// The facts of this machine and process (threads: those in force now).
CpuFacts currentCpuFacts();

/// The pure choice: the fastest measured candidate, but fp32 (NCHW) unless a candidate beats fp32's
/// time by more than `margin` (a fraction: 0.05 = 5 %), and bf16 only where the CPU has native bf16.
/// Without a valid fp32 time the answer is fp32: nothing can be shown faster than it. Between bf16 and
/// bf16-cl, channels_last is taken within 15% of the plain layout's time (the probe is small; the direct
/// convolutions that favour channels_last gain most on the UNet's deep levels), never beyond fp32's limit.
ComputeFormat chooseFormat(const ComponentTimings& timings, const CpuFacts& cpu, double margin = 0.05);
ComputePlan choosePlan(const PlanTimings& timings, const CpuFacts& cpu, double margin = 0.05);

/// The cache key of a machine and an architecture: CPU model, thread count, libtorch version (a
/// choice measured with other threads or another libtorch does not carry over) and `architecture`
/// (the component shapes measured, e.g. "unet 320,640,1280,1280 / vae 128,256,512,512").
std::string planCacheKey(const CpuFacts& cpu, const std::string& architecture);

/// Where plans are kept between runs: `file` (JSON, one entry per cache key, written atomically).
/// A missing file is a miss; a corrupt one is ignored with one line in `warning` naming the file.
struct PlanCacheEntry {
    ComputePlan plan;
    PlanTimings timings;
};
std::optional<PlanCacheEntry> readPlanCache(const std::string& file, const std::string& key, std::string* warning);
/// Adds or replaces `key`'s entry, keeping the others (a corrupt file is replaced). Returns false
/// with one line in `error` when the file cannot be written.
bool writePlanCache(const std::string& file, const std::string& key, const PlanCacheEntry& entry, std::string* error);

/// "auto" resolved: `forced` (an explicit --dtype) wins for every component with no measuring;
/// else the cached plan for this CPU; else `measure()` is called once, the plan chosen from its
/// timings and written to `cacheFile` (empty: not cached). Warnings (a corrupt or unwritable
/// cache) go to `warning`, one line each.
ComputePlan resolveComputePlan(const std::string& cacheFile, const CpuFacts& cpu, const std::string& architecture,
    std::optional<at::ScalarType> forced, const std::function<PlanTimings()>& measure, std::string* warning);

} // namespace easel::engine
