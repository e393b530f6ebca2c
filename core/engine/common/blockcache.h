// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace easel::engine {

/// libtorch's CPU allocator with its large blocks kept for reuse. glibc gives every block over 32 MiB (and,
/// as its thresholds move, many smaller ones) back to the kernel when a tensor is freed, so the next tensor of
/// that size is fresh memory again: on a VM that costs about 15 µs per 4 KiB page, and a 512x512 VAE decode
/// allocates its 64 MiB activations dozens of times (3 of its 8.7 s). Blocks of at least 4 MiB are mapped here
/// in transparent huge pages and, when freed, kept (up to a cap, least recently freed given back first) for the
/// next request of the same rounded size; a request no cached block fits takes the cached block nearest in
/// size, remapped (mremap) to its size, and the oldest cached blocks are given back for what it grows by, so
/// that the cache turns one phase's blocks into the next one's instead of adding to its peak: what it maps
/// grows only while nothing is cached. Smaller ones go to libtorch's own allocator as before.
///
/// installBlockCache() replaces libtorch's CPU allocator once per process (configureThreads() calls it);
/// $EASEL_CPU_BLOCK_CACHE_MB sets the cap (0 switches the cache off; default 1024).
void installBlockCache();

struct BlockCacheStats {
    size_t cachedBytes = 0; ///< freed blocks held for reuse
    size_t liveBytes = 0; ///< blocks of the cache's size class in use by tensors
    size_t reused = 0; ///< requests served from the cache
    size_t resized = 0; ///< requests served by a cached block of another size, remapped to theirs
    size_t mapped = 0; ///< requests that mapped new memory (nothing cached)
};
BlockCacheStats blockCacheStats();

/// Switches the cache off (every block to libtorch's allocator, as without it) or on again; blocks in use are
/// still given back to it. For the benchmark's side-by-side "-malloc" variant.
void setBlockCacheEnabled(bool on);

/// Gives every cached block back to the kernel (after a generation, when the studio goes idle, in tests).
void releaseBlockCache();

} // namespace easel::engine
