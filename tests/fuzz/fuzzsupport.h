// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the fuzz targets: a contract check that stops the run (libFuzzer and the replay
// both report it as a crash), and a private scratch folder for the targets whose parser reads files.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

/// Fails the input when \a cond is false: a broken contract is a finding like a crash.
#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);                        \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (0)

namespace easel::fuzz {

/// A folder of this process's own under $TMPDIR (or /tmp), made on first use and removed at exit.
const std::string& scratchDir();

/// Writes \a size bytes to \a path (replacing it); aborts when it cannot, as that is no finding.
void writeFile(const std::string& path, const void* data, size_t size);
inline void writeFile(const std::string& path, const std::string& text) { writeFile(path, text.data(), text.size()); }

/// A safetensors file's bytes: the 8-byte little-endian length, \a header, then \a data.
std::string safetensorsBytes(const std::string& header, const std::string& data);

} // namespace easel::fuzz
