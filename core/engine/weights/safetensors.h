// SPDX-License-Identifier: MIT
#pragma once

#include "engine/weights/safetensorsheader.h"

#include <ATen/Tensor.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace easel::engine {

/// The libtorch type for a dtype; nullopt where this libtorch has none (fp8 before 2.1).
std::optional<at::ScalarType> scalarTypeOf(DType dtype);

/// Writes tensors (any CPU-convertible dtype libtorch and the format share) to a safetensors file,
/// atomically: the data goes to "<path>.tmp-XXXX" and is renamed over `path` only when complete, so a
/// full disk or a crash never leaves a half-written file. Throws EngineError naming the file.
void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
    const std::map<std::string, std::string>& metadata = {});

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

    /// The tensor as stored, read with pread() into `buffer` (a byte tensor, grown as needed and
    /// reused by the caller) instead of through the mapping: copying a tensor that is converted
    /// anyway costs no page faults on the mapping and leaves it unmapped. The result views
    /// `buffer`, valid until the next read into it. Throws EngineError naming the file and tensor.
    at::Tensor read(const TensorEntry& entry, at::Tensor& buffer) const;

    /// Whether `t`'s data lies inside this file's mapping (a tensor loaded without a copy).
    bool maps(const at::Tensor& t) const;

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
