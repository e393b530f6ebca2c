// SPDX-License-Identifier: MIT
#include "engine/bench/bench.h"

#include "engine/bench/benchmark.h"
#include "engine/common/error.h"
#include "engine/common/runtime.h"

#include <torch/cuda.h>

namespace easel::engine {

namespace {

c10::Device benchDevice(const std::string& name)
{
    const bool cuda = torch::cuda::is_available();
    if (name == "cuda" && !cuda)
        throw EngineError("device cuda: this build of libtorch has no usable CUDA device");
    return name == "cuda" || (name == "auto" && cuda) ? c10::Device(c10::kCUDA) : c10::Device(c10::kCPU);
}

} // namespace

void validateBenchSettings(const BenchSettings& s)
{
    if (s.arch != "sd15" && s.arch != "sdxl")
        throw EngineError("unknown architecture '" + s.arch + "' (use sd15 or sdxl)");
    if (!s.model.empty() && !s.saveModelDir.empty())
        throw EngineError("saving a model writes a random one: it cannot go with a model to time");
    if (s.saveOnly && s.saveModelDir.empty())
        throw EngineError("save-only needs a folder to save the model in");
    const bool nativeSize = s.width == 0 && s.height == 0;
    if (!nativeSize
        && (s.width < 8 || s.height < 8 || s.width > 8192 || s.height > 8192 || s.width % 8 || s.height % 8))
        throw EngineError("size: width and height must be multiples of 8 from 8 to 8192");
    if (s.steps < 0 || s.steps > 1000)
        throw EngineError("steps must be a whole number from 0 to 1000");
    if (s.runs < 1 || s.runs > 100)
        throw EngineError("runs must be a whole number from 1 to 100");
    if (s.threads < 0 || s.threads > 1024)
        throw EngineError("threads must be a whole number from 0 to 1024");
    if (s.device != "auto" && s.device != "cpu" && s.device != "cuda")
        throw EngineError("unknown device '" + s.device + "' (use auto, cpu or cuda)");
    if (s.variants.empty())
        throw EngineError("no variants given");
    for (int n : s.stepCaches) {
        if (n < 2 || n > 10)
            throw EngineError("step-cache intervals must be whole numbers from 2 to 10");
    }
    if (!s.stepCaches.empty() && s.steps < 2)
        throw EngineError("step-cache rows need a whole-image run of at least 2 steps");
    for (double r : s.tokenMerges) {
        if (!(r > 0 && r <= 0.75))
            throw EngineError("token merging ratios must be numbers above 0 and at most 0.75");
    }
    if (!s.tokenMerges.empty() && s.steps < 2)
        throw EngineError("token-merge rows need a whole-image run of at least 2 steps");
}

std::string runBench(const BenchSettings& s)
{
    validateBenchSettings(s);
    BenchOptions options;
    options.arch = s.arch == "sdxl" ? BenchArch::SDXL : BenchArch::SD15;
    options.modelPath = s.model;
    options.saveModelDir = s.saveModelDir;
    options.vocabularyDir = s.vocabularyDir;
    options.taesdPath = s.taesd;
    options.width = s.width;
    options.height = s.height;
    options.steps = s.steps;
    options.runs = s.runs;
    options.device = benchDevice(s.device);
    options.variants = parseBenchVariants(s.variants, options.device);
    options.profile = s.profile;
    options.stepCaches = s.stepCaches;
    options.tokenMerges = s.tokenMerges;
    options.log = s.log;
    configureThreads(s.threads);
    if (s.saveOnly) {
        writeRandomModel(options.saveModelDir, options.arch, options.vocabularyDir, 1, options.log);
        return "wrote " + options.saveModelDir + "\n";
    }
    return formatBenchReport(runBenchmark(options));
}

} // namespace easel::engine
