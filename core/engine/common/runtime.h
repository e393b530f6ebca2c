// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace easel::engine {

/// Number of cores this process may use (affinity-aware), at least 1.
int availableCores();

/// Sets libtorch's intra-op thread count (and OpenMP's); threads <= 0 means $EASEL_THREADS when set,
/// else one per core.
/// libtorch may otherwise start with a single thread. Returns the count in force. The first call also installs
/// the CPU block cache (blockcache.h).
int configureThreads(int threads);

/// True when the CPU computes bf16 natively (AVX512-BF16 or AMX-BF16): there bf16 is several times
/// faster than fp32 through oneDNN, so it is the automatic CPU dtype.
bool cpuHasFastBf16();

/// "libtorch 1.13.0, CPU, 2 threads" — for --version, logs and benchmark headers.
std::string runtimeDescription();

} // namespace easel::engine
