// SPDX-License-Identifier: MIT
#pragma once

// The benchmark's entry point for command lines (easel-bench, easel-cli bench), without any
// libtorch header: settings as strings and numbers in, the table as Markdown text out.

#include <functional>
#include <string>
#include <vector>

namespace easel::engine {

/// What to time. The defaults are those of `easel-bench` without options.
struct BenchSettings {
    std::string arch = "sd15"; ///< the random model's architecture: "sd15" or "sdxl"
    std::string model; ///< checkpoint (.safetensors) or diffusers folder; empty: a random full-size model
    std::string saveModelDir; ///< write the random model here and keep it (cannot go with `model`)
    bool saveOnly = false; ///< with saveModelDir: write the random model, time nothing
    std::string vocabularyDir; ///< the CLIP vocabulary (resources/clip), for the random model's tokenizers
    std::string taesd; ///< TAESD decoder (.safetensors); empty: the random model's own
    int width = 0; ///< pixels, a multiple of 8; 0: the model's native size
    int height = 0;
    int steps = 20; ///< sampler steps of the whole-image run (0 skips it)
    int runs = 3; ///< timed runs of each phase after one warm-up run
    int threads = 0; ///< CPU threads; 0: $EASEL_THREADS, else one per core
    bool profile = true; ///< profile a UNet step and a VAE decode by kind of operation, with the machine's peak
    std::string device = "auto"; ///< "auto" (CUDA when there is one), "cpu" or "cuda"
    /// Comma-separated variants timed side by side: a dtype (fp32, bf16, fp16, auto) followed by
    /// optional "-cl" (channels_last) and "-blocked" / "-sliced" / "-matmul" / "-sdpa" (the
    /// model's attention mode), e.g. "fp32,bf16,bf16-cl". "auto" is bf16 on a CPU with native
    /// bf16, fp16 on CUDA, else fp32.
    std::string variants = "auto";
    /// Step-cache intervals (GenerationParams::stepCache, 2 and up) whose whole image is made beside the plain
    /// one, with its time per step and its difference to the plain image; empty: none.
    std::vector<int> stepCaches;
    /// Token merging ratios (GenerationParams::tokenMerge, above 0 up to 0.75) whose whole image is made beside
    /// the plain one, with its time per step, its speed-up and its difference to the plain image; empty: none.
    std::vector<double> tokenMerges;
    std::function<void(const std::string&)> log; ///< progress lines (model writing, each phase)
};

/// Checks the settings; throws EngineError (InvalidInput) with one line naming the setting.
void validateBenchSettings(const BenchSettings& settings);

/// Sets the threads, then writes the random model (saveOnly: returns "wrote DIR") or runs the
/// benchmark and returns its report: header lines, a Markdown table (phases as rows, variants as
/// columns), notes. Throws EngineError for bad settings or models.
std::string runBench(const BenchSettings& settings);

} // namespace easel::engine
