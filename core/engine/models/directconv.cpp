// SPDX-License-Identifier: MIT
#include "engine/models/directconv.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#ifdef EASEL_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>

#include <sys/mman.h>
#endif

namespace easel::engine {

namespace {
#ifdef EASEL_HAVE_DNNL
std::atomic<bool> g_enabled { true };
#else
std::atomic<bool> g_enabled { false };
#endif
std::atomic<bool> g_releasesWeights { true };
} // namespace

bool DirectConv::releasesWeights() { return g_releasesWeights.load(std::memory_order_relaxed); }

void DirectConv::setReleasesWeights(bool on) { g_releasesWeights.store(on, std::memory_order_relaxed); }

bool DirectConv::enabled() { return g_enabled.load(std::memory_order_relaxed); }

void DirectConv::setEnabled(bool on)
{
#ifdef EASEL_HAVE_DNNL
    g_enabled.store(on, std::memory_order_relaxed);
#else
    (void)on;
#endif
}

#ifdef EASEL_HAVE_DNNL

namespace {

dnnl::engine& cpuEngine()
{
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

dnnl::memory::dims dimsOf(at::IntArrayRef values) { return dnnl::memory::dims(values.begin(), values.end()); }

// The primitives' scratch memory: one buffer per thread, grown as needed and kept. Left to the library, it is
// allocated on every call, and the page faults on fresh memory cost this VM as much as the convolution itself
// (2x slower on the UNet's shapes).
void* scratchpad(size_t bytes)
{
    thread_local std::vector<uint8_t> buffer;
    if (buffer.size() < bytes)
        buffer.resize(bytes);
    return buffer.data();
}

// Memory for packed weights, asked for in transparent huge pages: the first step packs every convolution's
// weights (the UNet's: over 1 GB in bf16), and faulting that in 4 KiB at a time costs seconds in a VM, as
// for the loaded weights (weights/modelfiles.cpp).
std::shared_ptr<void> packedBlock(size_t bytes)
{
    const size_t length = std::max<size_t>(bytes, 1);
    void* address = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (address == MAP_FAILED)
        throw EngineError(std::string("not enough memory for a convolution's packed weights: ") + std::strerror(errno));
#ifdef MADV_HUGEPAGE
    if (length >= (size_t(2) << 20))
        ::madvise(address, length, MADV_HUGEPAGE); // advice only
#endif
    return std::shared_ptr<void>(address, [length](void* p) { ::munmap(p, length); });
}

// The weight tensor as oneDNN memory in whatever layout it has (OIHW, or OHWI when channels_last).
dnnl::memory plainMemory(const at::Tensor& weight)
{
    return dnnl::memory(dnnl::memory::desc(dimsOf(weight.sizes()), dnnl::memory::data_type::bf16,
                            dimsOf(weight.strides())),
        cpuEngine(), weight.data_ptr());
}

// The whole pages inside a tensor's bytes (the pages at its ends may hold its neighbours' values).
std::pair<uintptr_t, uintptr_t> innerPages(const at::Tensor& t)
{
    static const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<uintptr_t>(t.data_ptr());
    const uintptr_t end = begin + uintptr_t(t.numel()) * uintptr_t(t.element_size());
    return { (begin + page - 1) / page * page, end / page * page };
}

std::vector<c10::IValue> profileInputs(
    const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride, int64_t padding)
{
    return { x, weight, bias.defined() ? c10::IValue(bias) : c10::IValue(), std::vector<int64_t> { stride, stride },
        std::vector<int64_t> { padding, padding }, std::vector<int64_t> { 1, 1 }, int64_t(1) };
}

} // namespace

struct DirectConv::State {
    int64_t stride;
    int64_t padding;
    std::mutex mutex;

    // The weights as last packed: which tensor (storage and version) they came from, and each packed layout.
    const void* weightData = nullptr;
    int64_t weightVersion = -1;
    // The weight tensor's pages are given back: its values live in packedWeights only (restore()).
    std::atomic<bool> plainReleased { false };
    struct Packed {
        std::shared_ptr<void> block; // the memory it lives in (packedBlock())
        dnnl::memory memory;
    };
    std::vector<Packed> packedWeights;

    struct Shape {
        std::vector<int64_t> input; // N, C, H, W
        bool usable = false; // false: oneDNN offered no primitive; at::conv2d runs instead
        dnnl::convolution_forward primitive;
        dnnl::convolution_forward::primitive_desc description;
    };
    std::vector<Shape> shapes; // a handful: the image sizes of one session
    dnnl::stream stream { cpuEngine() }; // the reorders' and the convolutions', used under `mutex`

    Shape& shapeFor(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);
    const dnnl::memory& packed(const Shape& shape, const at::Tensor& weight);
    bool current(const at::Tensor& weight) const
    {
        return weight.data_ptr() == weightData && int64_t(weight._version()) == weightVersion;
    }
    void release(const at::Tensor& weight);
    void restore(const at::Tensor& weight);
};

DirectConv::State::Shape& DirectConv::State::shapeFor(
    const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    const std::vector<int64_t> input(x.sizes().begin(), x.sizes().end());
    for (Shape& shape : shapes) {
        if (shape.input == input)
            return shape;
    }
    constexpr size_t kMaxShapes = 8;
    if (shapes.size() >= kMaxShapes)
        shapes.erase(shapes.begin());
    Shape shape;
    shape.input = input;
    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    const int64_t kernel = weight.size(2);
    const int64_t outH = (x.size(2) + 2 * padding - kernel) / stride + 1;
    const int64_t outW = (x.size(3) + 2 * padding - kernel) / stride + 1;
    const dnnl::memory::desc src(dimsOf(x.sizes()), dt::bf16, tag::nhwc);
    const dnnl::memory::desc dst({ x.size(0), weight.size(0), outH, outW }, dt::bf16, tag::nhwc);
    const dnnl::memory::desc weights(dimsOf(weight.sizes()), dt::bf16, tag::any);
    try {
        const dnnl::memory::dims strides { stride, stride }, pads { padding, padding };
        const auto desc = bias.defined()
            ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                dnnl::algorithm::convolution_direct, src, weights,
                dnnl::memory::desc({ bias.size(0) }, dt::bf16, tag::a), dst, strides, pads, pads)
            : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_inference,
                dnnl::algorithm::convolution_direct, src, weights, dst, strides, pads, pads);
        dnnl::primitive_attr attributes;
        attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
        shape.description = dnnl::convolution_forward::primitive_desc(desc, attributes, cpuEngine());
        // A reference or generic kernel is no gain over libtorch: only the JIT ones are taken.
        const std::string impl = shape.description.impl_info_str();
        if (impl.find("ref") == std::string::npos) {
            shape.primitive = dnnl::convolution_forward(shape.description);
            shape.usable = true;
        }
    } catch (const dnnl::error&) {
        shape.usable = false;
    }
    shapes.push_back(std::move(shape));
    return shapes.back();
}

const dnnl::memory& DirectConv::State::packed(const Shape& shape, const at::Tensor& weight)
{
    if (!current(weight)) {
        // New values (a LoRA, weights loaded again): the tensor holds them, the packed copies are stale.
        packedWeights.clear();
        plainReleased = false;
        weightData = weight.data_ptr();
        weightVersion = int64_t(weight._version());
    }
    const dnnl::memory::desc wanted = shape.description.weights_desc();
    for (const Packed& p : packedWeights) {
        if (p.memory.get_desc() == wanted)
            return p.memory;
    }
    // From the tensor, or, when its pages are given back, from a layout packed before.
    at::Tensor dense;
    if (!plainReleased)
        dense = weight.is_contiguous(at::MemoryFormat::ChannelsLast) ? weight : weight.contiguous();
    dnnl::memory source = plainReleased ? packedWeights.front().memory : plainMemory(dense);
    std::shared_ptr<void> block = packedBlock(wanted.get_size());
    dnnl::memory target(wanted, cpuEngine(), block.get());
    dnnl::reorder(source, target).execute(stream, source, target);
    stream.wait();
    packedWeights.push_back({ std::move(block), target });
    return packedWeights.back().memory;
}

void DirectConv::State::release(const at::Tensor& weight)
{
    // Small weights are not worth it: a page or two, shared with their neighbours.
    constexpr int64_t kMinBytes = int64_t(256) << 10;
    if (plainReleased || packedWeights.empty() || !current(weight)
        || weight.numel() * int64_t(weight.element_size()) < kMinBytes
        || !(weight.is_contiguous() || weight.is_contiguous(at::MemoryFormat::ChannelsLast)))
        return;
    const auto [begin, end] = innerPages(weight);
    // Anonymous memory reads back as zeros afterwards, a private file mapping as the file: either way the
    // values are gone until restore() writes them back.
    if (end > begin && ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED) == 0)
        plainReleased = true;
}

void DirectConv::State::restore(const at::Tensor& weight)
{
    if (!plainReleased || packedWeights.empty())
        return;
    if (!current(weight)) {
        // The tensor was written since (weights loaded into it again): it holds the values.
        plainReleased = false;
        return;
    }
    dnnl::memory target = plainMemory(weight);
    dnnl::memory& source = packedWeights.front().memory;
    at::internal::lazy_init_num_threads();
    dnnl::reorder(source, target).execute(stream, source, target);
    stream.wait();
    plainReleased = false;
}

DirectConv::DirectConv(int64_t stride, int64_t padding)
    : m_state(std::make_unique<State>())
{
    m_state->stride = stride;
    m_state->padding = padding;
}

DirectConv::~DirectConv() = default;

at::Tensor DirectConv::forward(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    if (!enabled() || !x.device().is_cpu() || x.scalar_type() != at::kBFloat16 || x.dim() != 4
        || weight.scalar_type() != at::kBFloat16 || (bias.defined() && bias.scalar_type() != at::kBFloat16)
        || !x.is_contiguous(at::MemoryFormat::ChannelsLast) || x.numel() == 0 || x.requires_grad()
        || weight.requires_grad() || weight.size(2) != weight.size(3))
        return {};
    std::lock_guard<std::mutex> lock(m_state->mutex);
    State::Shape& shape = m_state->shapeFor(x, weight, bias);
    if (!shape.usable)
        return {};
    // For the benchmark's profile: a convolution, with the shapes and lists its FLOPs are counted from.
    RECORD_FUNCTION("easel::conv2d", profileInputs(x, weight, bias, m_state->stride, m_state->padding));
    const dnnl::memory& weights = m_state->packed(shape, weight);
    const dnnl::memory::desc dstDesc = shape.description.dst_desc();
    const dnnl::memory::dims outDims = dstDesc.dims();
    at::Tensor out = at::empty({ outDims[0], outDims[1], outDims[2], outDims[3] }, x.options(),
        at::MemoryFormat::ChannelsLast);
    // libtorch's thread count for this thread's OpenMP pool, which oneDNN shares: once per thread, as libtorch
    // does (at::init_num_threads() on every call resets libtorch's other pools and caches: 2x slower).
    at::internal::lazy_init_num_threads();
    dnnl::stream& stream = m_state->stream;
    dnnl::memory src(shape.description.src_desc(), cpuEngine(), x.data_ptr());
    dnnl::memory dst(dstDesc, cpuEngine(), out.data_ptr());
    std::unordered_map<int, dnnl::memory> args { { DNNL_ARG_SRC, src }, { DNNL_ARG_WEIGHTS, weights },
        { DNNL_ARG_DST, dst } };
    const dnnl::memory::desc scratchDesc = shape.description.scratchpad_desc();
    if (scratchDesc.get_size() > 0)
        args.emplace(DNNL_ARG_SCRATCHPAD, dnnl::memory(scratchDesc, cpuEngine(), scratchpad(scratchDesc.get_size())));
    at::Tensor biasData;
    if (bias.defined()) {
        biasData = bias.contiguous();
        args.emplace(DNNL_ARG_BIAS, dnnl::memory(shape.description.bias_desc(), cpuEngine(), biasData.data_ptr()));
    }
    shape.primitive.execute(stream, args);
    stream.wait();
    if (releasesWeights())
        m_state->release(weight);
    return out;
}

void DirectConv::restore(const at::Tensor& weight)
{
    if (!m_state->plainReleased.load(std::memory_order_acquire))
        return;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->restore(weight);
}

bool DirectConv::released() const { return m_state->plainReleased.load(std::memory_order_acquire); }

#else // no oneDNN in this build

struct DirectConv::State { };

DirectConv::DirectConv(int64_t, int64_t)
{
}

DirectConv::~DirectConv() = default;

at::Tensor DirectConv::forward(const at::Tensor&, const at::Tensor&, const at::Tensor&) { return {}; }

void DirectConv::restore(const at::Tensor&) { }

bool DirectConv::released() const { return false; }

#endif

} // namespace easel::engine
