// SPDX-License-Identifier: MIT
#pragma once

// The measuring logic behind easel-bench and `easel-cli bench`: times the phases of a generation
// (model load, text encoding, one UNet step with classifier-free guidance, VAE decode, previews, a
// whole image) for several variants (dtype, channels_last, attention mode) side by side in one
// process, so that their ratios mean something on a noisy machine. Without a model it writes a
// full-size model with random weights of the real SD 1.5 / SDXL shapes and benchmarks that.
// Engine-only, so a GPU machine without Qt can build it. Command lines use bench.h, which has no
// libtorch header.

#include "engine/bench/randommodel.h"
#include "engine/models/attention.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <functional>
#include <string>
#include <vector>

namespace easel::engine {

/// One configuration timed side by side with the others.
struct BenchVariant {
    std::string name; ///< as given: "fp32", "bf16", "bf16-cl", "fp32-sliced", ...
    at::ScalarType dtype = at::kFloat;
    bool channelsLast = false; ///< 4-D weights (and so the activations) in NHWC for oneDNN
    AttentionMode attention = AttentionMode::Auto; ///< the model's LoadOptions::attention
    /// "-libtorch": bf16 convolutions and linear layers through libtorch's own path, not oneDNN directly
    /// (models/directconv.h).
    bool libtorchConvolutions = false;
    /// "-malloc": large CPU blocks from libtorch's allocator, not the block cache (common/blockcache.h).
    bool plainAllocator = false;
    /// "-keep": convolution weights kept beside their packed copy (models/directconv.h), the memory baseline.
    bool keepConvolutionWeights = false;
    /// "int8": the UNet's convolutions and linear layers in int8, the rest bf16, channels_last (LoadOptions::int8).
    bool int8 = false;
    /// "auto" on the CPU: each component's format measured and chosen as the studio does
    /// (pipeline/precisionprobe.h; measured in this process, not cached); `dtype` is then the UNet's.
    bool measuredPlan = false;
};

/// Parses a comma-separated list of variants: a dtype (fp32, bf16, fp16, auto) followed by
/// optional "-cl" (channels_last), "-blocked" / "-sliced" / "-matmul" / "-sdpa" (attention), "-libtorch"
/// (convolutions and linear layers through libtorch only), "-malloc" (no CPU block cache), "-keep" (plain weights
/// kept beside the packed ones) and the dtype "int8".
/// "auto" is fp16 on CUDA; on the CPU it is measured per component as the studio does (measuredPlan).
/// Throws EngineError.
std::vector<BenchVariant> parseBenchVariants(const std::string& list, c10::Device device);

struct BenchOptions {
    BenchArch arch = BenchArch::SD15;
    std::string modelPath; ///< empty: a random full-size model of `arch`
    std::string saveModelDir; ///< where the random model is written (kept); empty: a temporary folder
    std::string vocabularyDir; ///< resources/clip: tokenizer files for the random model
    std::string taesdPath; ///< TAESD decoder; empty: a random one of the real shape
    int width = 0; ///< 0: the model's native size
    int height = 0;
    int steps = 20; ///< sampler steps of the whole-image run (0 skips it)
    int runs = 3; ///< timed runs of each phase after one warm-up run
    c10::Device device = c10::Device(c10::kCPU);
    std::vector<BenchVariant> variants; ///< empty: "auto"
    /// Also profile one UNet step and one VAE decode by kind of operation (opprofile.h) and measure
    /// the machine's peak (a large GEMM and convolution, fp32 and bf16) in the same run.
    bool profile = true;
    /// Step-cache intervals (2 and up) whose whole image is made after the plain one (needs steps >= 2).
    std::vector<int> stepCaches;
    /// Token merging ratios (above 0, up to 0.75) whose whole image is made after the plain one (needs steps >= 2).
    std::vector<double> tokenMerges;
    std::function<void(const std::string&)> log; ///< progress lines
};

/// One phase's figures, one per variant (NaN where not measured).
struct BenchRow {
    std::string phase;
    std::string unit; ///< "s", "MiB", "%"
    std::vector<double> values;
};

struct BenchReport {
    std::vector<std::string> header; ///< runtime, model, size, load of the machine
    std::vector<std::string> variants;
    std::vector<BenchRow> rows;
    std::vector<std::string> notes;
    std::vector<std::string> sections; ///< Markdown blocks after the table: the peak, the profiles
};

/// The machine's peak through the paths Easel uses (at::mm, at::conv2d; NCHW and channels_last,
/// the faster one kept), GFLOP/s. NaN where the dtype is not available.
struct MachinePeak {
    double gemmFp32 = 0, gemmBf16 = 0, convFp32 = 0, convBf16 = 0;
    double forDtype(at::ScalarType type) const; ///< the best of GEMM and convolution in that dtype
};
MachinePeak measureMachinePeak(c10::Device device, int runs);

/// Runs the benchmark. Throws EngineError for bad options or models.
BenchReport runBenchmark(const BenchOptions& options);

/// The report as a Markdown table (phases as rows, variants as columns) with its header and notes.
std::string formatBenchReport(const BenchReport& report);

} // namespace easel::engine
