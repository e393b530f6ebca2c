// SPDX-License-Identifier: MIT
#pragma once

// What the benchmark reads about its own process and machine (Linux /proc; NaN or "unknown"
// elsewhere).

#include <string>

namespace easel::engine {

/// Peak resident memory of this process (VmHWM) in MiB.
double peakRssMiB();
/// Resident memory now (VmRSS) in MiB.
double currentRssMiB();
/// Resets the peak to the current resident size (/proc/self/clear_refs); false where unsupported.
bool resetPeakRss();
/// "0.52 0.61 0.70" from /proc/loadavg, or "unknown".
std::string loadAverage();
/// Drops the pages of a file, or of every .safetensors under a folder, from the page cache (clean
/// pages only, no privileges needed), so that the next load reads from the disk: the closest to a
/// cold start a process can get by itself.
void evictFromPageCache(const std::string& path);

} // namespace easel::engine
