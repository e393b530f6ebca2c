// SPDX-License-Identifier: MIT
#pragma once

// The safetensors header format, parsed and validated without libtorch (the fuzz target builds
// this file alone).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace easel::engine {

/// Element types of the safetensors format.
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool, F8_E4M3, F8_E5M2 };

size_t dtypeSize(DType dtype);
const char* dtypeName(DType dtype);
std::optional<DType> parseDType(std::string_view name);

/// One tensor's header entry. Offsets are relative to the start of the data area.
struct TensorEntry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0;
    uint64_t end = 0;

    int64_t numel() const;
    uint64_t byteSize() const { return end - begin; }
};

/// A validated header: tensors sorted by name, and the optional __metadata__ map.
struct SafetensorsHeader {
    std::vector<TensorEntry> tensors;
    std::map<std::string, std::string> metadata;
    uint64_t dataOffset = 0; ///< where the data area starts in the file (8 + header length)
};

/// Upper bound on the JSON header (the format's reference implementation uses 100 MB).
constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

/// Validates a whole safetensors file held in memory (the 8-byte length, the JSON header and
/// every tensor's span) without touching the tensor bytes. Throws EngineError with a one-line
/// message starting with `path` (and naming the tensor where there is one). Never reads outside
/// [data, data + size). This is the fuzzed entry point.
SafetensorsHeader parseSafetensors(const uint8_t* data, size_t size, const std::string& path);

} // namespace easel::engine
