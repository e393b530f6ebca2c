// SPDX-License-Identifier: MIT
// What switching LoRAs costs on a loaded model, against loading the model again: apply a LoRA, take it
// out, apply another, switch straight from one to the other, change a weight. Run by hand (not a test):
//   bench_lora MODEL LORA_A LORA_B [threads=2] [runs=5] [fp32|bf16]
// Prints a table of medians (min-max) in milliseconds, whether taking the LoRAs out gave the model's
// weights back bit for bit, and the machine's load.
#include "engine/bench/procstats.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace easel::engine;

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// A fingerprint of every UNet and text-encoder weight: the sum of each tensor's bit patterns, so a single
// changed bit shows.
std::map<std::string, int64_t> fingerprint(StableDiffusion& sd)
{
    std::map<std::string, int64_t> sums;
    auto add = [&](const std::string& component, torch::nn::Module& module) {
        for (const auto& item : module.named_parameters(true)) {
            const at::Tensor& p = item.value();
            const at::Tensor bits = p.element_size() == 4 ? p.view(at::kInt) : p.view(at::kShort);
            sums[component + item.key()] = bits.to(at::kLong).sum().item<int64_t>();
        }
    };
    add("unet/", *sd.unet());
    if (!sd.textEncoder(0).is_empty())
        add("te/", *sd.textEncoder(0));
    if (!sd.textEncoder(1).is_empty())
        add("te2/", *sd.textEncoder(1));
    return sums;
}

struct Row {
    std::string label;
    std::vector<double> ms;
};

void printRow(const Row& row)
{
    std::vector<double> v = row.ms;
    std::sort(v.begin(), v.end());
    std::printf("| %-52s | %9.1f | %9.1f - %-9.1f | %4zu |\n", row.label.c_str(), v[v.size() / 2], v.front(), v.back(),
        v.size());
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s MODEL LORA_A LORA_B [threads=2] [runs=5] [fp32|bf16]\n", argv[0]);
        return 2;
    }
    const std::string modelPath = argv[1], a = argv[2], b = argv[3];
    const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
    const int runs = std::max(1, argc > 5 ? std::atoi(argv[5]) : 5);
    const bool bf16 = argc > 6 && std::string(argv[6]) == "bf16";
    configureThreads(threads);
    LoadOptions options;
    options.dtype = bf16 ? at::kBFloat16 : at::kFloat;
    std::printf("%s, %s, load average before: %s\n", runtimeDescription().c_str(), bf16 ? "bf16" : "fp32",
        loadAverage().c_str());

    try {
        auto start = std::chrono::steady_clock::now();
        std::shared_ptr<StableDiffusion> sd = StableDiffusion::load(modelPath, options);
        const double firstLoad = msSince(start);
        sd.reset();
        Row reload { "full reload of the model (warm page cache)", {} };
        for (int i = 0; i < std::min(runs, 2); ++i) {
            sd.reset();
            start = std::chrono::steady_clock::now();
            sd = StableDiffusion::load(modelPath, options);
            reload.ms.push_back(msSince(start));
        }
        const auto original = fingerprint(*sd);

        Row applyA { "apply LoRA A (open the file, fuse)", {} }, remove { "remove it (restore the originals)", {} },
            applyB { "apply LoRA B", {} }, switchBA { "switch B -> A directly", {} },
            reweight { "change A's weight 1.0 -> 0.6", {} }, same { "same stack again (no-op)", {} },
            removeAll { "remove all", {} };
        bool exact = true;
        size_t patched = 0;
        const int64_t baseBytes = sd->weightBytes();
        auto timed = [&](Row& row, const std::vector<LoraSpec>& stack) {
            const auto t0 = std::chrono::steady_clock::now();
            sd->setLoras(stack);
            row.ms.push_back(msSince(t0));
        };
        for (int i = 0; i < runs; ++i) {
            timed(applyA, { { a, 1.0 } });
            timed(remove, {});
            exact = exact && fingerprint(*sd) == original;
            timed(applyB, { { b, 1.0 } });
            timed(switchBA, { { a, 1.0 } });
            timed(reweight, { { a, 0.6 } });
            timed(same, { { a, 0.6 } });
            timed(removeAll, {});
            exact = exact && fingerprint(*sd) == original;
        }
        int64_t originalsBytes = 0;
        {
            sd->setLoras({ { a, 1.0 } });
            originalsBytes = sd->weightBytes() - baseBytes;
            const auto now = fingerprint(*sd);
            for (const auto& [name, sum] : now)
                patched += sum != original.at(name);
            sd->setLoras({});
        }

        std::printf("\nLoRA switching on %s\nA: %s\nB: %s\n%d runs, %d threads\n\n", modelPath.c_str(), a.c_str(),
            b.c_str(), runs, threads);
        std::printf("| %-52s | %9s | %-21s | %4s |\n", "operation", "median ms", "min - max ms", "runs");
        std::printf("|%s|%s|%s|%s|\n", std::string(54, '-').c_str(), std::string(11, '-').c_str(),
            std::string(23, '-').c_str(), std::string(6, '-').c_str());
        printRow(Row { "first load of the model", { firstLoad } });
        printRow(reload);
        for (const Row* row : { &applyA, &remove, &applyB, &switchBA, &reweight, &same, &removeAll })
            printRow(*row);
        std::printf("\nweights changed by LoRA A: %zu tensors, their originals kept: %.0f MiB; weights after every "
                    "removal bit-exact: %s\n",
            patched, double(originalsBytes) / (1 << 20), exact ? "yes" : "NO");
        std::printf("load average after: %s\n", loadAverage().c_str());
        return exact ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_lora: %s\n", e.what());
        return 1;
    }
}
