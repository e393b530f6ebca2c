// SPDX-License-Identifier: MIT
#include "engine/weights/safetensorsheader.h"

#include "engine/common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace easel::engine {

namespace {

struct DTypeRow {
    DType dtype;
    const char* name;
    size_t size;
};

constexpr DTypeRow kDTypes[] = {
    { DType::F64, "F64", 8 },
    { DType::F32, "F32", 4 },
    { DType::F16, "F16", 2 },
    { DType::BF16, "BF16", 2 },
    { DType::I64, "I64", 8 },
    { DType::I32, "I32", 4 },
    { DType::I16, "I16", 2 },
    { DType::I8, "I8", 1 },
    { DType::U8, "U8", 1 },
    { DType::Bool, "BOOL", 1 },
    { DType::F8_E4M3, "F8_E4M3", 1 },
    { DType::F8_E5M2, "F8_E5M2", 1 },
};

const DTypeRow& rowOf(DType dtype)
{
    for (const DTypeRow& row : kDTypes) {
        if (row.dtype == dtype)
            return row;
    }
    return kDTypes[0];
}

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw EngineError(fileError(path, message));
}

[[noreturn]] void failTensor(const std::string& path, const std::string& tensor, const std::string& message)
{
    throw EngineError(tensorError(path, tensor, message));
}

// Rejects nesting deeper than a safetensors header ever needs (3) by a wide margin, before the
// JSON parser sees it: a hostile header of a million '[' must not cost stack or time.
bool nestingWithin(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return false;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return true;
}

std::string describeMagic(const uint8_t* data, size_t size)
{
    if (size >= 2 && data[0] == 0x80 && data[1] >= 2 && data[1] <= 5)
        return "is a Python pickle (a .ckpt/.pt checkpoint), which Easel does not load: unpickling can run "
               "arbitrary code. Convert it to .safetensors first";
    if (size >= 4 && std::memcmp(data, "PK\x03\x04", 4) == 0)
        return "is a PyTorch zip checkpoint (.ckpt/.pt/.bin, pickle inside), which Easel does not load: "
               "unpickling can run arbitrary code. Convert it to .safetensors first";
    if (size >= 4 && std::memcmp(data, "GGUF", 4) == 0)
        return "is a GGUF file (stable-diffusion.cpp/llama.cpp quantised weights), which Easel does not load; "
               "use the original .safetensors checkpoint";
    return {};
}

} // namespace

size_t dtypeSize(DType dtype)
{
    return rowOf(dtype).size;
}

const char* dtypeName(DType dtype)
{
    return rowOf(dtype).name;
}

std::optional<DType> parseDType(std::string_view name)
{
    for (const DTypeRow& row : kDTypes) {
        if (name == row.name)
            return row.dtype;
    }
    return std::nullopt;
}

int64_t TensorEntry::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

namespace {

// The header's JSON object, after checking the 8-byte length and the first byte; `headerLength`
// receives the length.
nlohmann::json readHeaderJson(const uint8_t* data, size_t size, const std::string& path, uint64_t& headerLength)
{
    if (size == 0)
        fail(path, "the file is empty");
    if (const std::string magic = describeMagic(data, size); !magic.empty())
        fail(path, "this file " + magic);
    if (size < 8)
        fail(path, "not a safetensors file: " + std::to_string(size) + " bytes is shorter than the 8-byte header length");

    headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | data[i];
    const uint64_t available = size - 8;
    if (headerLength > kMaxHeaderBytes)
        fail(path, "not a safetensors file: header length " + std::to_string(headerLength)
                + " bytes is beyond the 100 MB limit");
    if (headerLength > available)
        fail(path, "truncated or not a safetensors file: header length " + std::to_string(headerLength)
                + " bytes exceeds the " + std::to_string(available) + " bytes after the length field");
    if (headerLength < 2)
        fail(path, "not a safetensors file: header length " + std::to_string(headerLength) + " is too short");

    const std::string_view text(reinterpret_cast<const char*>(data + 8), size_t(headerLength));
    if (text.front() != '{')
        fail(path, "not a safetensors file: the header is not a JSON object");
    if (!nestingWithin(text, 16))
        fail(path, "invalid safetensors header: JSON nested too deeply");
    nlohmann::json json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (json.is_discarded())
        fail(path, "invalid safetensors header: not valid JSON");
    if (!json.is_object())
        fail(path, "invalid safetensors header: not a JSON object");
    return json;
}

// One tensor's header entry, checked against itself and the `dataSize` bytes of the data area.
TensorEntry parseTensorEntry(const std::string& path, const std::string& name, const nlohmann::json& value, uint64_t dataSize)
{
    if (!value.is_object())
        failTensor(path, name, "header entry is not an object");
    const auto dtypeIt = value.find("dtype");
    const auto shapeIt = value.find("shape");
    const auto offsetsIt = value.find("data_offsets");
    if (dtypeIt == value.end() || !dtypeIt->is_string())
        failTensor(path, name, "missing or invalid dtype");
    if (shapeIt == value.end() || !shapeIt->is_array())
        failTensor(path, name, "missing or invalid shape");
    if (offsetsIt == value.end() || !offsetsIt->is_array() || offsetsIt->size() != 2)
        failTensor(path, name, "missing or invalid data_offsets");

    TensorEntry entry;
    entry.name = name;
    const std::string dtypeText = dtypeIt->get<std::string>();
    const std::optional<DType> dtype = parseDType(dtypeText);
    if (!dtype)
        failTensor(path, name, "unknown dtype '" + dtypeText + "'");
    entry.dtype = *dtype;

    if (shapeIt->size() > 16)
        failTensor(path, name, "shape has " + std::to_string(shapeIt->size()) + " dimensions");
    // numel * element size must fit: bound every product by the file size as we go.
    uint64_t bytes = dtypeSize(entry.dtype);
    for (const nlohmann::json& dim : *shapeIt) {
        if (!dim.is_number_unsigned())
            failTensor(path, name, "shape has a dimension that is not a non-negative integer");
        const uint64_t d = dim.get<uint64_t>();
        if (d != 0 && bytes > std::numeric_limits<uint64_t>::max() / d)
            failTensor(path, name, "shape overflows a 64-bit byte count");
        bytes *= d;
        entry.shape.push_back(int64_t(d));
    }
    for (const nlohmann::json& o : *offsetsIt) {
        if (!o.is_number_unsigned())
            failTensor(path, name, "data_offsets are not non-negative integers");
    }
    entry.begin = (*offsetsIt)[0].get<uint64_t>();
    entry.end = (*offsetsIt)[1].get<uint64_t>();
    if (entry.begin > entry.end)
        failTensor(path, name, "data_offsets end before they begin");
    if (entry.end > dataSize)
        failTensor(path, name, "data ends at byte " + std::to_string(entry.end) + " but the data area has only "
                + std::to_string(dataSize) + " bytes (truncated file?)");
    if (entry.end - entry.begin != bytes)
        failTensor(path, name, "shape and dtype need " + std::to_string(bytes) + " bytes but data_offsets span "
                + std::to_string(entry.end - entry.begin));
    return entry;
}

// Spans must not overlap (empty tensors occupy nothing).
void checkNoOverlap(const std::string& path, const std::vector<TensorEntry>& tensors)
{
    std::vector<const TensorEntry*> byOffset;
    for (const TensorEntry& e : tensors) {
        if (e.byteSize() > 0)
            byOffset.push_back(&e);
    }
    std::sort(byOffset.begin(), byOffset.end(),
        [](const TensorEntry* a, const TensorEntry* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < byOffset.size(); ++i) {
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            failTensor(path, byOffset[i]->name, "data overlaps tensor '" + byOffset[i - 1]->name + "'");
    }
}

} // namespace

SafetensorsHeader parseSafetensors(const uint8_t* data, size_t size, const std::string& path)
{
    uint64_t headerLength = 0;
    const nlohmann::json json = readHeaderJson(data, size, path, headerLength);
    SafetensorsHeader header;
    header.dataOffset = 8 + headerLength;
    const uint64_t dataSize = size - 8 - headerLength;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const std::string& name = it.key();
        const nlohmann::json& value = it.value();
        if (name != "__metadata__") {
            header.tensors.push_back(parseTensorEntry(path, name, value, dataSize));
            continue;
        }
        if (!value.is_object())
            fail(path, "invalid safetensors header: __metadata__ is not an object");
        for (auto m = value.begin(); m != value.end(); ++m)
            header.metadata[m.key()] = m.value().is_string() ? m.value().get<std::string>() : m.value().dump();
    }
    checkNoOverlap(path, header.tensors);
    std::sort(header.tensors.begin(), header.tensors.end(),
        [](const TensorEntry& a, const TensorEntry& b) { return a.name < b.name; });
    return header;
}

} // namespace easel::engine
