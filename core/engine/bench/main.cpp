// SPDX-License-Identifier: MIT
// easel-bench: the benchmark as a plain C++ executable (no Qt), built by the engine-only preset so
// that a GPU machine with PyTorch's libtorch and nothing else can run it. `easel-cli bench` is the
// same benchmark for users of the whole application.

#include "engine/bench/bench.h"
#include "engine/common/error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using easel::engine::BenchSettings;

const char* const kUsage = R"(Usage: easel-bench [options]

Time a generation phase by phase: model load (cold and warm), text encoding, one UNet step with
classifier-free guidance (batch 2), VAE decode, approx and TAESD previews, a whole image, peak RSS.
Each figure is the median of several runs after a warm-up; variants run side by side in one process.
Without --model, a full-size model with random weights of the real SD 1.5 / SDXL shapes is written
to a temporary folder (or --save-model DIR) and timed. Benchmarks measure; they assert nothing.

Options:
  --arch ARCH        random model: sd15 or sdxl (default sd15)
  --model PATH       checkpoint (.safetensors) or diffusers folder instead of a random model
  --size WxH         size in pixels, multiples of 8 (default: the model's native size)
  --steps N          steps of the whole-image run (default 20; 0 skips it)
  --runs N           timed runs per phase after one warm-up (default 3)
  --device DEV       auto, cpu or cuda (default auto: CUDA when there is one)
  --variants LIST    comma-separated variants timed side by side: a dtype (fp32, bf16, fp16, int8, auto),
                     optionally followed by -cl (channels_last), -fused / -blocked / -sliced /
                     -matmul / -sdpa (attention), -libtorch (bf16 convolutions and linear layers through
                     libtorch, not oneDNN directly), -malloc (no CPU block cache) and -keep (plain
                     weights kept beside the packed ones), e.g. fp32,bf16,bf16-cl
                     (default auto: fp16 on CUDA; on the CPU each component's precision and
                     layout measured and chosen as the studio does, never slower than its fp32)
  --dtype TYPE       the same as --variants TYPE
  --threads N        CPU threads (default: $EASEL_THREADS, else one per core)
  --taesd FILE       TAESD decoder (.safetensors) for the TAESD preview (default: the random model's)
  --vocab DIR        CLIP vocabulary (vocab.json, merges.txt) for the random model's tokenizers
                     (default: $EASEL_RESOURCE_DIR/clip, else the installed share/easel/clip; from a
                     build tree give --vocab resources/clip)
  --save-model DIR   write the random model as a diffusers folder here and keep it
  --save-only        with --save-model: write the model, time nothing
  --step-cache LIST  comma-separated step-cache intervals (2 to 10), e.g. 2,3: the whole image is made
                     again with each, and the table gets its time per step (cached steps and the mean
                     of one complete and N-1 cached) and its difference to the plain image (mean
                     absolute difference of the RGB values and PSNR); needs --steps 2 or more
  --token-merge LIST comma-separated token merging ratios (above 0, at most 0.75), e.g. 0.3,0.5: the
                     whole image is made again with each, and the table gets its time per step, its
                     speed-up over the plain step and its difference to the plain image (mean absolute
                     difference of the RGB values and PSNR); needs --steps 2 or more
  --no-profile       skip the profile of a UNet step and a VAE decode by kind of operation (with
                     GFLOP/s) and the measurement of the machine's peak (GEMM, convolution)
  --output FILE      also write the report to this file
  --help             show this help
)";

struct Arguments {
    BenchSettings settings;
    std::string output;
    bool help = false;
};

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

int toInt(const std::string& option, const std::string& text)
{
    size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size())
        throw UsageError(option + " needs a whole number, not '" + text + "'");
    return value;
}

// The comma-separated items of `text`, each read by `read`.
template <typename Read>
auto toList(const std::string& text, Read read)
{
    std::vector<decltype(read(std::string()))> values;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        values.push_back(read(text.substr(start, comma - start)));
        start = comma + 1;
    }
    return values;
}

std::vector<int> toIntList(const std::string& option, const std::string& text)
{
    return toList(text, [&](const std::string& item) { return toInt(option, item); });
}

std::vector<double> toNumberList(const std::string& option, const std::string& text)
{
    return toList(text, [&](const std::string& item) {
        size_t used = 0;
        double value = 0;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size())
            throw UsageError(option + " needs numbers separated by commas, not '" + item + "'");
        return value;
    });
}

void parseSize(const std::string& text, BenchSettings& settings)
{
    const size_t x = text.find('x');
    if (x == std::string::npos)
        throw UsageError("--size must look like 512x512");
    settings.width = toInt("--size", text.substr(0, x));
    settings.height = toInt("--size", text.substr(x + 1));
}

// --name VALUE or --name=VALUE; flags take no value.
Arguments parseArguments(const std::vector<std::string>& args)
{
    Arguments parsed;
    BenchSettings& s = parsed.settings;
    const std::map<std::string, std::function<void(const std::string&)>> withValue {
        { "--arch", [&](const std::string& v) { s.arch = v; } },
        { "--model", [&](const std::string& v) { s.model = v; } },
        { "--size", [&](const std::string& v) { parseSize(v, s); } },
        { "--steps", [&](const std::string& v) { s.steps = toInt("--steps", v); } },
        { "--runs", [&](const std::string& v) { s.runs = toInt("--runs", v); } },
        { "--device", [&](const std::string& v) { s.device = v; } },
        { "--variants", [&](const std::string& v) { s.variants = v; } },
        { "--dtype", [&](const std::string& v) { s.variants = v; } },
        { "--threads", [&](const std::string& v) { s.threads = toInt("--threads", v); } },
        { "--taesd", [&](const std::string& v) { s.taesd = v; } },
        { "--vocab", [&](const std::string& v) { s.vocabularyDir = v; } },
        { "--save-model", [&](const std::string& v) { s.saveModelDir = v; } },
        { "--output", [&](const std::string& v) { parsed.output = v; } },
        { "--step-cache", [&](const std::string& v) { s.stepCaches = toIntList("--step-cache", v); } },
        { "--token-merge", [&](const std::string& v) { s.tokenMerges = toNumberList("--token-merge", v); } },
    };
    for (size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::string value;
        bool inlineValue = false;
        if (const size_t eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (name == "--help" || name == "-h") {
            parsed.help = true;
        } else if (name == "--save-only") {
            s.saveOnly = true;
        } else if (name == "--no-profile") {
            s.profile = false;
        } else if (const auto it = withValue.find(name); it != withValue.end()) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    throw UsageError(name + " needs a value");
                value = args[++i];
            }
            it->second(value);
        } else {
            throw UsageError("unknown option '" + args[i] + "' (see --help)");
        }
    }
    return parsed;
}

// $EASEL_RESOURCE_DIR/clip, else share/easel/clip next to the installed executable, else under the install
// prefix (never the source tree: an installed binary must not depend on a checkout, see packaging/README.md).
std::string defaultVocabularyDir(const char* argv0)
{
    namespace fs = std::filesystem;
    if (const char* dir = std::getenv("EASEL_RESOURCE_DIR"); dir && *dir)
        return (fs::path(dir) / "clip").string();
    std::error_code ec;
    const fs::path exe = fs::canonical("/proc/self/exe", ec);
    const fs::path installed = (ec ? fs::path(argv0) : exe).parent_path() / ".." / "share" / "easel" / "clip";
    if (fs::exists(installed / "vocab.json", ec))
        return installed.lexically_normal().string();
    return (fs::path(EASEL_INSTALL_DATADIR) / "clip").string();
}

} // namespace

int main(int argc, char** argv)
{
    Arguments arguments;
    try {
        arguments = parseArguments(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& e) {
        std::cerr << "easel-bench: " << e.what() << "\n";
        return 2;
    }
    if (arguments.help) {
        std::cout << kUsage;
        return 0;
    }
    BenchSettings& settings = arguments.settings;
    if (settings.vocabularyDir.empty())
        settings.vocabularyDir = defaultVocabularyDir(argv[0]);
    settings.log = [](const std::string& line) { std::cerr << "bench: " << line << std::endl; };
    try {
        easel::engine::validateBenchSettings(settings);
    } catch (const easel::engine::EngineError& e) {
        std::cerr << "easel-bench: " << e.what() << "\n";
        return 2;
    }
    try {
        const std::string report = easel::engine::runBench(settings);
        std::cout << report;
        if (!arguments.output.empty()) {
            std::ofstream out(arguments.output, std::ios::binary | std::ios::trunc);
            out << report;
            if (!out.flush()) {
                std::cerr << "easel-bench: cannot write " << arguments.output << "\n";
                return 1;
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "easel-bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
