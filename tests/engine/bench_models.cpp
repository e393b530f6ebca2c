// SPDX-License-Identifier: MIT
// Times one full-size UNet forward (SD 1.5 architecture) and one 512x512 VAE decode with random
// weights, and reports peak resident memory. Run by hand, one model per process so that each
// peak is its own:  bench_models unet|vae [threads=2] [float|bfloat16]
#include "engine/common/runtime.h"
#include "engine/models/layers.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace easel::engine;

namespace {

// VmHWM / VmRSS from /proc/self/status, in MiB.
double procStatusMiB(const std::string& field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.compare(0, field.size() + 1, field + ":") == 0)
            return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
    }
    return -1;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename Fn> void timeRuns(const char* label, int runs, Fn&& fn)
{
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        std::printf("%s run %d: %.2f s\n", label, i + 1, secondsSince(start));
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const std::string what = argc > 1 ? argv[1] : "";
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const at::ScalarType dtype = argc > 3 && std::string(argv[3]) == "bfloat16" ? at::kBFloat16 : at::kFloat;
    const int runs = argc > 4 ? std::atoi(argv[4]) : 2;
    if (what != "unet" && what != "vae") {
        std::fprintf(stderr, "usage: %s unet|vae [threads=2] [float|bfloat16] [runs=2]\n", argv[0]);
        return 2;
    }
    configureThreads(threads);
    std::printf("%s, %s\n", runtimeDescription().c_str(), dtype == at::kFloat ? "float32" : "bfloat16");
    at::NoGradGuard noGrad;
    const at::TensorOptions options = at::TensorOptions().dtype(dtype);
    auto gen = at::detail::createCPUGenerator(1);

    if (what == "unet") {
        // diffusers runwayml/stable-diffusion-v1-5 unet/config.json.
        UNetConfig config; // defaults: SD 1.5
        config.crossAttentionDim = 768;
        UNet unet(config, options);
        randomWeights(*unet, 1);
        int64_t params = 0;
        for (const at::Tensor& p : unet->parameters())
            params += p.numel();
        std::printf("UNet: %.1f M parameters; RSS after building %.0f MiB\n", params / 1e6, procStatusMiB("VmRSS"));
        const at::Tensor sample = at::randn({ 2, 4, 64, 64 }, gen, at::kFloat);
        const at::Tensor context = at::randn({ 2, 77, 768 }, gen, at::kFloat);
        const at::Tensor timestep = at::scalar_tensor(999, at::kLong);
        timeRuns("UNet forward, batch 2, 64x64 latents, context [2,77,768]", runs, [&] {
            const at::Tensor out = unet->forward(sample, timestep, context);
            if (!at::isfinite(out).all().item<bool>())
                std::printf("  (output has NaN/inf)\n");
        });
    } else {
        VaeConfig config; // defaults: the SD VAE (128/256/512/512)
        Vae vae(config, options);
        randomWeights(*vae, 2);
        std::printf("VAE: RSS after building %.0f MiB\n", procStatusMiB("VmRSS"));
        const at::Tensor latents = at::randn({ 1, 4, 64, 64 }, gen, at::kFloat);
        VaeTiling never;
        never.mode = VaeTiling::Mode::Never;
        timeRuns("VAE decode 512x512", runs, [&] {
            const at::Tensor image = vae->decode(latents, never);
            if (!at::isfinite(image).all().item<bool>())
                std::printf("  (output has NaN/inf)\n");
        });
    }
    std::printf("peak RSS (VmHWM) %.0f MiB\n", procStatusMiB("VmHWM"));
    return 0;
}
