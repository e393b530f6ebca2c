// SPDX-License-Identifier: MIT
#include "engine/common/runtime.h"

#include "engine/common/blockcache.h"

#include <ATen/Parallel.h>
#include <torch/version.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sched.h>
#include <thread>

namespace easel::engine {

int availableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? static_cast<int>(hw) : 1;
}

int configureThreads(int threads)
{
    // EASEL_THREADS overrides the default (the test suite runs two test processes on two cores).
    if (threads <= 0) {
        if (const char* env = std::getenv("EASEL_THREADS"))
            threads = std::atoi(env);
    }
    const int n = threads > 0 ? threads : availableCores();
    installBlockCache(); // once: every entry point (CLI, window, bench) sets the threads first
    at::set_num_threads(n);
    return at::get_num_threads();
}

bool cpuHasFastBf16()
{
    static const bool fast = [] {
        std::ifstream in("/proc/cpuinfo");
        std::string line;
        while (std::getline(in, line)) {
            if (line.compare(0, 5, "flags") != 0)
                continue;
            std::istringstream words(line);
            std::string word;
            while (words >> word) {
                if (word == "avx512_bf16" || word == "amx_bf16")
                    return true;
            }
            return false;
        }
        return false;
    }();
    return fast;
}

std::string runtimeDescription()
{
    std::string s = "libtorch " TORCH_VERSION;
    s += torch::cuda::is_available() ? ", CUDA available" : ", CPU";
    const int threads = at::get_num_threads();
    s += ", " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
    return s;
}

} // namespace easel::engine
