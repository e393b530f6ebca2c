// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

#include <cstdint>
#include <map>
#include <memory>
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
/// The libtorch type for a dtype; nullopt where this libtorch has none (fp8 before 2.1).
std::optional<at::ScalarType> scalarTypeOf(DType dtype);

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

/// A memory-mapped safetensors file. Tensors are views over the mapping (no copy) where the
/// dtype and alignment allow; they keep the mapping alive on their own.
class SafetensorsFile {
public:
    /// Opens, maps and validates. Throws EngineError (missing, empty, truncated, not safetensors,
    /// pickle checkpoints, invalid header...).
    explicit SafetensorsFile(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return m_path; }
    uint64_t fileSize() const;
    const std::vector<TensorEntry>& tensors() const { return m_header.tensors; }
    const std::map<std::string, std::string>& metadata() const { return m_header.metadata; }
    const TensorEntry* find(const std::string& name) const;
    bool contains(const std::string& name) const { return find(name) != nullptr; }

    /// The tensor as stored (dtype and shape of the file). Shares the mapped pages, which are
    /// private copy-on-write: writing into the result never changes the file.
    at::Tensor tensor(const TensorEntry& entry) const;
    at::Tensor tensor(const std::string& name) const;

    /// Drops the tensor's pages from this process's resident memory once they have been
    /// copied elsewhere, so loading a model never holds the whole file in RAM as well.
    void release(const TensorEntry& entry) const;

private:
    struct Mapping;
    std::string m_path;
    std::shared_ptr<Mapping> m_map;
    SafetensorsHeader m_header;
};

} // namespace easel::engine
