// SPDX-License-Identifier: MIT
#include "engine/weights/safetensors.h"

#include "engine/common/error.h"

#include <ATen/Functions.h>
#include <torch/version.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace easel::engine {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw EngineError(fileError(path, message));
}

[[noreturn]] void failTensor(const std::string& path, const std::string& tensor, const std::string& message)
{
    throw EngineError(tensorError(path, tensor, message));
}

} // namespace

std::optional<at::ScalarType> scalarTypeOf(DType dtype)
{
    switch (dtype) {
    case DType::F64: return at::kDouble;
    case DType::F32: return at::kFloat;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    case DType::I64: return at::kLong;
    case DType::I32: return at::kInt;
    case DType::I16: return at::kShort;
    case DType::I8: return at::kChar;
    case DType::U8: return at::kByte;
    case DType::Bool: return at::kBool;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
    case DType::F8_E4M3: return at::kFloat8_e4m3fn;
    case DType::F8_E5M2: return at::kFloat8_e5m2;
#else
    case DType::F8_E4M3:
    case DType::F8_E5M2: return std::nullopt;
#endif
    }
    return std::nullopt;
}

struct SafetensorsFile::Mapping {
    void* address = MAP_FAILED;
    size_t length = 0;
    int fd = -1; ///< kept open for read()
    ~Mapping()
    {
        if (address != MAP_FAILED && length > 0)
            ::munmap(address, length);
        if (fd >= 0)
            ::close(fd);
    }
    const uint8_t* bytes() const { return static_cast<const uint8_t*>(address); }
};

SafetensorsFile::SafetensorsFile(const std::string& path)
    : m_path(path)
    , m_map(std::make_shared<Mapping>())
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        fail(path, errno == ENOENT ? "no such file" : std::string("cannot read: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        fail(path, "is a directory, not a .safetensors file");
    if (!S_ISREG(st.st_mode))
        fail(path, "is not a regular file");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(path, std::string("cannot open: ") + std::strerror(errno));
    m_map->length = size_t(st.st_size);
    if (m_map->length > 0) {
        // Private and writable: tensors may be modified in place without touching the file.
        m_map->address = ::mmap(nullptr, m_map->length, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    }
    const int mapErrno = errno;
    m_map->fd = fd;
    if (m_map->length > 0 && m_map->address == MAP_FAILED)
        fail(path, std::string("cannot map the file into memory: ") + std::strerror(mapErrno));
    static const uint8_t kEmpty = 0;
    m_header = parseSafetensors(m_map->length ? m_map->bytes() : &kEmpty, m_map->length, path);
}

SafetensorsFile::~SafetensorsFile() = default;

uint64_t SafetensorsFile::fileSize() const
{
    return m_map->length;
}

const TensorEntry* SafetensorsFile::find(const std::string& name) const
{
    const auto it = std::lower_bound(m_header.tensors.begin(), m_header.tensors.end(), name,
        [](const TensorEntry& e, const std::string& n) { return e.name < n; });
    return it != m_header.tensors.end() && it->name == name ? &*it : nullptr;
}

at::Tensor SafetensorsFile::tensor(const TensorEntry& entry) const
{
    const std::optional<at::ScalarType> type = scalarTypeOf(entry.dtype);
    if (!type)
        failTensor(m_path, entry.name,
            std::string("dtype ") + dtypeName(entry.dtype) + " needs libtorch 2.1 or newer");
    const auto options = at::TensorOptions().dtype(*type);
    if (entry.byteSize() == 0)
        return at::empty(entry.shape, options);
    uint8_t* address = static_cast<uint8_t*>(m_map->address) + m_header.dataOffset + entry.begin;
    if (reinterpret_cast<uintptr_t>(address) % dtypeSize(entry.dtype) != 0) {
        // Misaligned data (legal in the format): copy into an aligned tensor.
        at::Tensor copy = at::empty(entry.shape, options);
        std::memcpy(copy.data_ptr(), address, entry.byteSize());
        return copy;
    }
    std::shared_ptr<Mapping> keepAlive = m_map;
    return at::from_blob(
        address, entry.shape, [keepAlive](void*) mutable { keepAlive.reset(); }, options);
}

at::Tensor SafetensorsFile::tensor(const std::string& name) const
{
    const TensorEntry* entry = find(name);
    if (!entry)
        failTensor(m_path, name, "not found in the file");
    return tensor(*entry);
}

at::Tensor SafetensorsFile::read(const TensorEntry& entry, at::Tensor& buffer) const
{
    const std::optional<at::ScalarType> type = scalarTypeOf(entry.dtype);
    if (!type)
        failTensor(m_path, entry.name,
            std::string("dtype ") + dtypeName(entry.dtype) + " needs libtorch 2.1 or newer");
    const auto options = at::TensorOptions().dtype(*type);
    const size_t bytes = entry.byteSize();
    if (bytes == 0)
        return at::empty(entry.shape, options);
    if (!buffer.defined() || size_t(buffer.numel()) < bytes)
        buffer = at::empty({ int64_t(bytes) }, at::TensorOptions().dtype(at::kByte));
    uint8_t* out = buffer.data_ptr<uint8_t>();
    uint64_t offset = m_header.dataOffset + entry.begin;
    size_t done = 0;
    while (done < bytes) {
        const ssize_t n = ::pread(m_map->fd, out + done, bytes - done, off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            failTensor(m_path, entry.name,
                n < 0 ? std::string("cannot read: ") + std::strerror(errno) : std::string("file is truncated"));
        done += size_t(n);
    }
    return at::from_blob(out, entry.shape, options);
}

bool SafetensorsFile::maps(const at::Tensor& t) const
{
    if (!t.defined() || !t.device().is_cpu() || m_map->length == 0 || t.numel() == 0)
        return false;
    const auto begin = reinterpret_cast<uintptr_t>(m_map->address);
    const auto data = reinterpret_cast<uintptr_t>(t.data_ptr());
    return data >= begin && data < begin + m_map->length;
}

void SafetensorsFile::release(const TensorEntry& entry) const
{
    const long page = ::sysconf(_SC_PAGESIZE);
    const uintptr_t base = reinterpret_cast<uintptr_t>(m_map->address);
    uintptr_t begin = base + m_header.dataOffset + entry.begin;
    uintptr_t end = base + m_header.dataOffset + entry.end;
    begin = (begin + page - 1) / page * page; // only whole pages that belong to this tensor
    end = end / page * page;
    if (end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

namespace {

std::optional<DType> dtypeOf(at::ScalarType type)
{
    for (DType d : { DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64, DType::I32, DType::I16, DType::I8,
             DType::U8, DType::Bool, DType::F8_E4M3, DType::F8_E5M2 }) {
        if (scalarTypeOf(d) == type)
            return d;
    }
    return std::nullopt;
}

} // namespace

void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
    const std::map<std::string, std::string>& metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::vector<at::Tensor> data;
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        const std::optional<DType> dtype = dtypeOf(tensor.scalar_type());
        if (!dtype)
            failTensor(path, name, "dtype cannot be stored in safetensors");
        const at::Tensor cpu = tensor.detach().to(at::kCPU).contiguous();
        const uint64_t bytes = uint64_t(cpu.numel()) * dtypeSize(*dtype);
        header[name] = { { "dtype", dtypeName(*dtype) }, { "shape", cpu.sizes().vec() },
            { "data_offsets", { offset, offset + bytes } } };
        offset += bytes;
        data.push_back(cpu);
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' '); // the format pads the header to 8 bytes

    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        fail(path, std::string("cannot create a file next to it: ") + std::strerror(errno));
    ::fchmod(fd, 0644); // mkstemp's 0600 would surprise users sharing their outputs
    bool ok = true;
    auto put = [&](const void* p, size_t n) {
        const char* c = static_cast<const char*>(p);
        while (ok && n > 0) {
            const ssize_t w = ::write(fd, c, n);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            c += w > 0 ? w : 0;
            n -= w > 0 ? size_t(w) : 0;
        }
    };
    uint8_t length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = uint8_t(uint64_t(text.size()) >> (8 * i));
    put(length, 8);
    put(text.data(), text.size());
    for (const at::Tensor& t : data)
        put(t.data_ptr(), t.numel() * t.element_size());
    const int writeErrno = errno;
    ok = ok && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = ok ? errno : writeErrno;
        ::unlink(tmp.c_str());
        fail(path, std::string("cannot write: ") + std::strerror(e));
    }
}

} // namespace easel::engine
