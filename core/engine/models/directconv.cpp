// SPDX-License-Identifier: MIT
#include "engine/models/directconv.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
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

// Runs a primitive with its scratchpad (when it needs one) and waits for it.
void run(const dnnl::primitive& primitive, const dnnl::memory::desc& scratch, std::unordered_map<int, dnnl::memory>& args,
    dnnl::stream& stream)
{
    if (scratch.get_size() > 0)
        args.emplace(DNNL_ARG_SCRATCHPAD, dnnl::memory(scratch, cpuEngine(), scratchpad(scratch.get_size())));
    primitive.execute(stream, args);
    stream.wait();
}

// Attributes for a primitive whose scratchpad run() hands it.
dnnl::primitive_attr withUserScratchpad()
{
    dnnl::primitive_attr attributes;
    attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attributes;
}

// A reference or generic kernel is no gain over libtorch: only the JIT ones are taken.
bool isJitKernel(const dnnl::primitive_desc_base& description)
{
    return std::string(description.impl_info_str()).find("ref") == std::string::npos;
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

// A bf16 value's bits as a 16-bit integer in the same order as the values (negative ones with their magnitude
// bits flipped), and back: integer minimum and maximum vectorise where float ones with NaN semantics do not.
inline int16_t orderKey(uint16_t bits)
{
    const auto s = int16_t(bits);
    return int16_t(s ^ ((s >> 15) & 0x7fff));
}

float fromOrderKey(int16_t key)
{
    const uint32_t bits = uint32_t(uint16_t(key < 0 ? key ^ 0x7fff : key)) << 16;
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// The smallest and largest value of a dense bf16 tensor, NaN for both when it holds a NaN. One pass on every
// thread (0.13 ns a value): at::aminmax took 0.5 ms per UNet input at 256x256, a twentieth of an int8 step.
std::pair<float, float> bf16Range(const at::Tensor& x)
{
    const auto* data = reinterpret_cast<const uint16_t*>(x.data_ptr());
    const int64_t count = x.numel();
    constexpr int64_t kChunk = int64_t(1) << 15;
    const int64_t chunks = (count + kChunk - 1) / kChunk;
    std::vector<int16_t> lows(size_t(chunks), 0), highs(size_t(chunks), 0);
    std::vector<uint8_t> nans(size_t(chunks), 0);
    at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
        for (int64_t c = begin; c < end; ++c) {
            const int64_t first = c * kChunk, last = std::min(count, first + kChunk);
            int16_t low = std::numeric_limits<int16_t>::max(), high = std::numeric_limits<int16_t>::min();
            int nan = 0;
            for (int64_t i = first; i < last; ++i) {
                const int16_t key = orderKey(data[i]);
                low = std::min(low, key);
                high = std::max(high, key);
                nan |= (data[i] & 0x7fff) > 0x7f80; // all exponent bits and some mantissa bits
            }
            lows[size_t(c)] = low;
            highs[size_t(c)] = high;
            nans[size_t(c)] = uint8_t(nan);
        }
    });
    if (count == 0 || std::find(nans.begin(), nans.end(), uint8_t(1)) != nans.end())
        return { std::nanf(""), std::nanf("") };
    return { fromOrderKey(*std::min_element(lows.begin(), lows.end())),
        fromOrderKey(*std::max_element(highs.begin(), highs.end())) };
}

// An int8 primitive made for an input scale at most kScaleSlack quarter steps coarser than the input needs (1.41x:
// half a bit of the eight) serves it, the finest of those. A layer's input range
// drifts from step to step over a generation, and each new primitive is a JIT compile: in whole processes,
// making one per exact scale cost more than int8 gained (packaging/PERFORMANCE_NOTES.md, variant 33).
constexpr int kScaleSlack = 2;

template <class Shape>
struct ScaleChoice {
    Shape* found; // null: make a primitive for scaleStep
    int scaleStep; // the input scale is 2^(scaleStep / 4)
    float inputScale; // >= the range over the codes: nothing saturates
};

// The input scale for values spanning `range` over `codes` integer steps: the smallest quarter power of two that
// covers it, or a coarser one of `shapes` (those `same` accepts) within kScaleSlack.
template <class Shape, class Same>
ScaleChoice<Shape> chooseScale(std::vector<Shape>& shapes, double range, double codes, const Same& same)
{
    const int step = int(std::ceil(4.0 * std::log2(range / codes)));
    Shape* best = nullptr;
    for (Shape& s : shapes) {
        if (same(s) && s.scaleStep >= step && s.scaleStep <= step + kScaleSlack
            && (!best || s.scaleStep < best->scaleStep))
            best = &s;
    }
    const int scaleStep = best ? best->scaleStep : step;
    return { best, scaleStep, float(std::exp2(scaleStep / 4.0)) };
}

std::vector<c10::IValue> linearProfileInputs(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    return { x, weight, bias.defined() ? c10::IValue(bias) : c10::IValue() };
}

std::vector<c10::IValue> profileInputs(
    const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride, int64_t padding)
{
    return { x, weight, bias.defined() ? c10::IValue(bias) : c10::IValue(), std::vector<int64_t> { stride, stride },
        std::vector<int64_t> { padding, padding }, std::vector<int64_t> { 1, 1 }, int64_t(1) };
}

} // namespace

// A layer's weights as oneDNN wants them: packed once per layout from the weight tensor (again when the tensor
// changes: a LoRA moves its version counter, new weights its data pointer), the tensor's own pages given back
// to the system afterwards and written back from the packed copy when something else needs them.
struct PackedWeights {
    struct Packed {
        std::shared_ptr<void> block; // the memory it lives in (packedBlock())
        dnnl::memory memory;
    };
    const void* weightData = nullptr;
    int64_t weightVersion = -1;
    // The weight tensor's pages are given back: its values live in `packed` only (restore()).
    std::atomic<bool> plainReleased { false };
    std::vector<Packed> packed;

    bool released() const { return plainReleased.load(std::memory_order_acquire); }

    bool current(const at::Tensor& weight) const
    {
        return weight.data_ptr() == weightData && int64_t(weight._version()) == weightVersion;
    }

    // Forgets the packed copies when the tensor holds new values; true when it did.
    bool follow(const at::Tensor& weight)
    {
        if (current(weight))
            return false;
        forget();
        weightData = weight.data_ptr();
        weightVersion = int64_t(weight._version());
        return true;
    }

    // The weights in layout `wanted`; `plain` is the tensor as oneDNN memory (read only when not given back).
    const dnnl::memory& get(const dnnl::memory::desc& wanted, const at::Tensor& weight,
        const std::function<dnnl::memory()>& plain, dnnl::stream& stream)
    {
        follow(weight);
        for (const Packed& p : packed) {
            if (p.memory.get_desc() == wanted)
                return p.memory;
        }
        // From the tensor, or, when its pages are given back, from a layout packed before.
        dnnl::memory source = plainReleased ? packed.front().memory : plain();
        std::shared_ptr<void> block = packedBlock(wanted.get_size());
        dnnl::memory target(wanted, cpuEngine(), block.get());
        dnnl::reorder(source, target).execute(stream, source, target);
        stream.wait();
        packed.push_back({ std::move(block), target });
        return packed.back().memory;
    }

    void forget()
    {
        packed.clear();
        plainReleased = false;
        weightData = nullptr;
        weightVersion = -1;
    }

    // Gives the tensor's pages back once its values are packed (`dense`: it is laid out as `plain` reads it).
    void release(const at::Tensor& weight, bool dense)
    {
        // Small weights are not worth it: a page or two, shared with their neighbours.
        constexpr int64_t kMinBytes = int64_t(256) << 10;
        if (plainReleased || packed.empty() || !current(weight) || !dense
            || weight.numel() * int64_t(weight.element_size()) < kMinBytes)
            return;
        const auto [begin, end] = innerPages(weight);
        // Anonymous memory reads back as zeros afterwards, a private file mapping as the file: either way the
        // values are gone until restore() writes them back.
        if (end > begin && ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED) == 0)
            plainReleased = true;
    }

    // Writes the values back into the tensor (`plain`, as in get()).
    void restore(const at::Tensor& weight, const std::function<dnnl::memory()>& plain, dnnl::stream& stream)
    {
        if (!plainReleased || packed.empty())
            return;
        if (!current(weight)) {
            // The tensor was written since (weights loaded into it again): it holds the values.
            plainReleased = false;
            return;
        }
        dnnl::memory target = plain();
        dnnl::memory& source = packed.front().memory;
        at::internal::lazy_init_num_threads();
        dnnl::reorder(source, target).execute(stream, source, target);
        stream.wait();
        plainReleased = false;
    }
};

// A layer's int8 side, shared by DirectConv and DirectLinear: the switch, the weights' scales per output channel
// (symmetric s8 over each channel's largest magnitude) and the int8 copy packed from them.
struct Int8Weights {
    bool on = false;
    std::vector<float> scales; // per output channel
    PackedWeights packed; // packed from the weights quantized with `scales`; it follows the weight by itself

    // Takes the scales afresh from the weight's present values when `changed` (new values: a LoRA moves the
    // version) or when there are none yet; true when it did.
    bool refresh(const at::Tensor& weight, bool changed)
    {
        if (!changed && !scales.empty())
            return false;
        std::vector<int64_t> perChannel;
        for (int64_t d = 1; d < weight.dim(); ++d)
            perChannel.push_back(d);
        const at::Tensor s = weight.to(at::kFloat).abs().amax(perChannel).clamp_min(1e-12).div_(127.0);
        scales.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
        return true;
    }

    // The weight rounded to s8 with `scales`, in its own shape (contiguous).
    at::Tensor quantize(const at::Tensor& weight) const
    {
        std::vector<int64_t> shape(size_t(weight.dim()), 1);
        shape[0] = int64_t(scales.size());
        const at::Tensor s = at::from_blob(const_cast<float*>(scales.data()), shape, at::kFloat);
        return at::round(weight.to(at::kFloat) / s).clamp_(-127, 127).to(at::kChar).contiguous();
    }

    // The product's output scales for inputs quantized with `inputScale`: per output channel.
    std::vector<float> outputScales(float inputScale) const
    {
        std::vector<float> result(scales);
        for (float& v : result)
            v *= inputScale;
        return result;
    }

    // The bias as oneDNN adds it to an int8 product: in the accumulator's units, before the output scales.
    at::Tensor accumulatorBias(const at::Tensor& bias, float inputScale) const
    {
        at::Tensor result = bias.to(at::kFloat).contiguous();
        float* b = result.data_ptr<float>();
        for (size_t o = 0; o < scales.size(); ++o)
            b[o] /= scales[o] * inputScale;
        return result;
    }

    void set(bool value)
    {
        on = value;
        if (!value) {
            scales.clear();
            packed.forget();
        }
    }
};

struct DirectConv::State {
    int64_t stride;
    int64_t padding;
    std::mutex mutex;

    PackedWeights weights; // bf16

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

    // The convolution of x (NHWC, `source` type) with weight (any layout, `weights` type) into bf16 NHWC.
    dnnl::convolution_forward::desc describe(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
        dnnl::memory::data_type source, dnnl::memory::data_type weights, dnnl::memory::data_type biasType) const
    {
        using tag = dnnl::memory::format_tag;
        const int64_t kernel = weight.size(2);
        const int64_t outH = (x.size(2) + 2 * padding - kernel) / stride + 1;
        const int64_t outW = (x.size(3) + 2 * padding - kernel) / stride + 1;
        const dnnl::memory::desc src(dimsOf(x.sizes()), source, tag::nhwc);
        const dnnl::memory::desc dst({ x.size(0), weight.size(0), outH, outW }, dnnl::memory::data_type::bf16, tag::nhwc);
        const dnnl::memory::desc w(dimsOf(weight.sizes()), weights, tag::any);
        const dnnl::memory::dims strides { stride, stride }, pads { padding, padding };
        const auto kind = dnnl::prop_kind::forward_inference;
        const auto algorithm = dnnl::algorithm::convolution_direct;
        if (bias.defined())
            return dnnl::convolution_forward::desc(
                kind, algorithm, src, w, dnnl::memory::desc({ bias.size(0) }, biasType, tag::a), dst, strides, pads, pads);
        return dnnl::convolution_forward::desc(kind, algorithm, src, w, dst, strides, pads, pads);
    }

    // int8 (setQuantized()): the weights quantized per output channel (s8), the inputs per tensor (u8 with a
    // zero point), the weights' scales, and one primitive
    // per input shape and input scale (oneDNN 2.x takes no runtime scales for int8 convolutions, so the input
    // scale is rounded to a quarter power of two: a handful of primitives per layer over a generation).
    Int8Weights int8;
    struct Int8Shape {
        std::vector<int64_t> input;
        int scaleStep = 0; // the input scale is 2^(scaleStep / 4)
        dnnl::reorder quantize; // bf16 NHWC -> u8 NHWC, times 1 / scale, plus the zero point
        dnnl::convolution_forward primitive;
        dnnl::convolution_forward::primitive_desc description;
    };
    std::vector<Int8Shape> int8Shapes;
    at::Tensor forwardInt8(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);
    // The weight tensor as packed() reads it and restore() writes it: OIHW or OHWI (channels_last).
    static bool dense(const at::Tensor& weight)
    {
        return weight.is_contiguous() || weight.is_contiguous(at::MemoryFormat::ChannelsLast);
    }
    void restore(const at::Tensor& weight)
    {
        weights.restore(weight, [&] { return plainMemory(weight); }, stream);
    }
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
    using dt = dnnl::memory::data_type;
    try {
        const auto desc = describe(x, weight, bias, dt::bf16, dt::bf16, dt::bf16);
        shape.description = dnnl::convolution_forward::primitive_desc(desc, withUserScratchpad(), cpuEngine());
        if (isJitKernel(shape.description)) {
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
    at::Tensor contiguous;
    return weights.get(shape.description.weights_desc(), weight, [&] {
        contiguous = dense(weight) ? weight : weight.contiguous();
        return plainMemory(contiguous);
    }, stream);
}

at::Tensor DirectConv::State::forwardInt8(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    restore(weight); // given back by an earlier bf16 pass: quantized from the true values
    if (int8.refresh(weight, weights.follow(weight)))
        int8Shapes.clear();
    // Asymmetric, as u8 with a zero point: most inputs come out of a SiLU (nothing below -0.28), where a
    // symmetric range would leave half the codes unused.
    const auto [minimum, maximum] = bf16Range(x);
    const double low = std::min(double(minimum), 0.0), high = std::max(double(maximum), 0.0); // NaN stays NaN
    if (!(high - low > 0.0) || !std::isfinite(high - low))
        return {}; // all zeros, NaN or infinite: bf16 says what happens
    const std::vector<int64_t> input(x.sizes().begin(), x.sizes().end());
    auto [found, scaleStep, inputScale]
        = chooseScale(int8Shapes, high - low, 255.0, [&](const Int8Shape& s) { return s.input == input; });
    const int32_t zeroPoint = int32_t(std::clamp(std::lround(-low / inputScale), 0L, 255L));
    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    if (!found) {
        constexpr size_t kMaxInt8Shapes = 48;
        if (int8Shapes.size() >= kMaxInt8Shapes)
            int8Shapes.erase(int8Shapes.begin());
        Int8Shape s;
        s.input = input;
        s.scaleStep = scaleStep;
        try {
            const auto desc = describe(x, weight, bias, dt::u8, dt::s8, dt::f32);
            dnnl::primitive_attr attributes = withUserScratchpad();
            attributes.set_output_scales(2, int8.outputScales(inputScale)); // per output channel
            attributes.set_zero_points(DNNL_ARG_SRC, 0, { DNNL_RUNTIME_S32_VAL });
            s.description = dnnl::convolution_forward::primitive_desc(desc, attributes, cpuEngine());
            if (!isJitKernel(s.description))
                return {};
            s.primitive = dnnl::convolution_forward(s.description);
            dnnl::primitive_attr quantizeAttributes;
            quantizeAttributes.set_output_scales(0, { 1.0f / inputScale });
            quantizeAttributes.set_zero_points(DNNL_ARG_DST, 0, { DNNL_RUNTIME_S32_VAL });
            const dnnl::memory::desc from(dimsOf(x.sizes()), dt::bf16, tag::nhwc);
            s.quantize = dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), from, cpuEngine(), s.description.src_desc(), quantizeAttributes));
        } catch (const dnnl::error&) {
            return {};
        }
        int8Shapes.push_back(std::move(s));
        found = &int8Shapes.back();
    }
    at::Tensor quantizedWeights; // only while it is packed: the packed copy is all that is kept
    const dnnl::memory& packedInt8 = int8.packed.get(found->description.weights_desc(), weight, [&] {
        quantizedWeights = int8.quantize(weight);
        return dnnl::memory(dnnl::memory::desc(dimsOf(quantizedWeights.sizes()), dt::s8, tag::oihw), cpuEngine(),
            quantizedWeights.data_ptr()); // (the reorder adds the s8 inputs' compensation)
    }, stream);
    RECORD_FUNCTION("easel::conv2d", profileInputs(x, weight, bias, stride, padding));
    at::internal::lazy_init_num_threads();
    at::Tensor xq = at::empty(x.sizes(), x.options().dtype(at::kByte), at::MemoryFormat::ChannelsLast);
    dnnl::memory from(dnnl::memory::desc(dimsOf(x.sizes()), dt::bf16, tag::nhwc), cpuEngine(), x.data_ptr());
    dnnl::memory src(found->description.src_desc(), cpuEngine(), xq.data_ptr());
    int32_t zero = zeroPoint;
    dnnl::memory zeroMemory(dnnl::memory::desc({ 1 }, dt::s32, tag::x), cpuEngine(), &zero);
    found->quantize.execute(stream,
        { { DNNL_ARG_FROM, from }, { DNNL_ARG_TO, src }, { DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_DST, zeroMemory } });
    const dnnl::memory::desc dstDesc = found->description.dst_desc();
    const dnnl::memory::dims outDims = dstDesc.dims();
    at::Tensor out = at::empty({ outDims[0], outDims[1], outDims[2], outDims[3] }, x.options(),
        at::MemoryFormat::ChannelsLast);
    dnnl::memory dst(dstDesc, cpuEngine(), out.data_ptr());
    std::unordered_map<int, dnnl::memory> args { { DNNL_ARG_SRC, src }, { DNNL_ARG_WEIGHTS, packedInt8 },
        { DNNL_ARG_DST, dst }, { DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC, zeroMemory } };
    at::Tensor biasData;
    if (bias.defined()) {
        biasData = int8.accumulatorBias(bias, inputScale);
        args.emplace(DNNL_ARG_BIAS, dnnl::memory(found->description.bias_desc(), cpuEngine(), biasData.data_ptr()));
    }
    run(found->primitive, found->description.scratchpad_desc(), args, stream);
    return out;
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
    if (m_state->int8.on && weight.size(0) >= 16 && weight.size(1) >= 16) {
        if (at::Tensor y = m_state->forwardInt8(x, weight, bias); y.defined())
            return y;
    }
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
    at::Tensor biasData;
    if (bias.defined()) {
        biasData = bias.contiguous();
        args.emplace(DNNL_ARG_BIAS, dnnl::memory(shape.description.bias_desc(), cpuEngine(), biasData.data_ptr()));
    }
    run(shape.primitive, shape.description.scratchpad_desc(), args, stream);
    if (releasesWeights() && !m_state->int8.on)
        m_state->weights.release(weight, State::dense(weight));
    return out;
}

void DirectConv::setQuantized(bool on)
{
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->int8.set(on);
    if (!on)
        m_state->int8Shapes.clear();
}

bool DirectConv::quantized() const { return m_state->int8.on; }

void DirectConv::restore(const at::Tensor& weight)
{
    if (!m_state->weights.released())
        return;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->restore(weight);
}

bool DirectConv::released() const { return m_state->weights.released(); }

struct DirectLinear::State {
    std::mutex mutex;
    PackedWeights weights;
    struct Shape {
        int64_t rows = 0;
        bool usable = false;
        dnnl::matmul primitive;
        dnnl::matmul::primitive_desc description;
    };
    std::vector<Shape> shapes;
    dnnl::stream stream { cpuEngine() };

    // int8 (setQuantized()): the weights quantized per output feature (s8), the inputs per tensor (s8, symmetric:
    // most inputs of the UNet's linear layers come out of a LayerNorm, both signs), one primitive per row count
    // and input scale (a quarter power of two, as for the convolutions).
    Int8Weights int8;
    struct Int8Shape {
        int64_t rows = 0;
        int scaleStep = 0; // the input scale is 2^(scaleStep / 4)
        dnnl::reorder quantize; // bf16 -> s8, times 1 / scale
        dnnl::matmul primitive;
        dnnl::matmul::primitive_desc description;
    };
    std::vector<Int8Shape> int8Shapes;
    at::Tensor forwardInt8(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t rows);

    // The weight [out, in] as the matmul's {in, out} operand.
    static dnnl::memory plain(const at::Tensor& weight)
    {
        return dnnl::memory(dnnl::memory::desc({ weight.size(1), weight.size(0) }, dnnl::memory::data_type::bf16,
                                { weight.stride(1), weight.stride(0) }),
            cpuEngine(), weight.data_ptr());
    }

    Shape& shapeFor(int64_t rows, const at::Tensor& weight, const at::Tensor& bias)
    {
        for (Shape& s : shapes) {
            if (s.rows == rows)
                return s;
        }
        constexpr size_t kMaxShapes = 8;
        if (shapes.size() >= kMaxShapes)
            shapes.erase(shapes.begin());
        using tag = dnnl::memory::format_tag;
        using dt = dnnl::memory::data_type;
        Shape s;
        s.rows = rows;
        const int64_t in = weight.size(1), out = weight.size(0);
        try {
            const dnnl::memory::desc src({ rows, in }, dt::bf16, tag::ab), dst({ rows, out }, dt::bf16, tag::ab);
            const dnnl::memory::desc w({ in, out }, dt::bf16, tag::any);
            const auto desc = bias.defined()
                ? dnnl::matmul::desc(src, w, dnnl::memory::desc({ 1, out }, dt::bf16, tag::ab), dst)
                : dnnl::matmul::desc(src, w, dst);
            s.description = dnnl::matmul::primitive_desc(desc, withUserScratchpad(), cpuEngine());
            if (isJitKernel(s.description)) {
                s.primitive = dnnl::matmul(s.description);
                s.usable = true;
            }
        } catch (const dnnl::error&) {
            s.usable = false;
        }
        shapes.push_back(std::move(s));
        return shapes.back();
    }
};

at::Tensor DirectLinear::State::forwardInt8(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t rows)
{
    weights.restore(weight, [&] { return plain(weight); }, stream); // given back by an earlier bf16 pass
    if (int8.refresh(weight, weights.follow(weight)))
        int8Shapes.clear();
    const auto [minimum, maximum] = bf16Range(x);
    const double largest = std::max(std::abs(double(minimum)), std::abs(double(maximum)));
    if (!(largest > 0.0) || !std::isfinite(largest))
        return {}; // all zeros, NaN or infinite: bf16 says what happens
    auto [found, scaleStep, inputScale]
        = chooseScale(int8Shapes, largest, 127.0, [&](const Int8Shape& s) { return s.rows == rows; });
    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    const int64_t in = weight.size(1), out = weight.size(0);
    if (!found) {
        constexpr size_t kMaxInt8Shapes = 16;
        if (int8Shapes.size() >= kMaxInt8Shapes)
            int8Shapes.erase(int8Shapes.begin());
        Int8Shape s;
        s.rows = rows;
        s.scaleStep = scaleStep;
        try {
            const dnnl::memory::desc src({ rows, in }, dt::s8, tag::ab), dst({ rows, out }, dt::bf16, tag::ab);
            const dnnl::memory::desc w({ in, out }, dt::s8, tag::any);
            const auto desc = bias.defined()
                ? dnnl::matmul::desc(src, w, dnnl::memory::desc({ 1, out }, dt::f32, tag::ab), dst)
                : dnnl::matmul::desc(src, w, dst);
            dnnl::primitive_attr attributes = withUserScratchpad();
            attributes.set_output_scales(1 << 1, int8.outputScales(inputScale)); // per output feature (dst's columns)
            s.description = dnnl::matmul::primitive_desc(desc, attributes, cpuEngine());
            if (!isJitKernel(s.description))
                return {};
            s.primitive = dnnl::matmul(s.description);
            dnnl::primitive_attr quantizeAttributes;
            quantizeAttributes.set_output_scales(0, { 1.0f / inputScale });
            s.quantize = dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(),
                dnnl::memory::desc({ rows, in }, dt::bf16, tag::ab), cpuEngine(), s.description.src_desc(),
                quantizeAttributes));
        } catch (const dnnl::error&) {
            return {};
        }
        int8Shapes.push_back(std::move(s));
        found = &int8Shapes.back();
    }
    at::Tensor quantizedWeights; // only while it is packed
    const dnnl::memory& packedInt8 = int8.packed.get(found->description.weights_desc(), weight, [&] {
        quantizedWeights = int8.quantize(weight);
        return dnnl::memory(dnnl::memory::desc({ in, out }, dt::s8, { 1, in }), cpuEngine(),
            quantizedWeights.data_ptr()); // [out, in] read as {in, out}
    }, stream);
    RECORD_FUNCTION("easel::linear", linearProfileInputs(x, weight, bias));
    at::internal::lazy_init_num_threads();
    at::Tensor xq = at::empty({ rows, in }, x.options().dtype(at::kChar));
    dnnl::memory from(dnnl::memory::desc({ rows, in }, dt::bf16, tag::ab), cpuEngine(), x.data_ptr());
    dnnl::memory src(found->description.src_desc(), cpuEngine(), xq.data_ptr());
    found->quantize.execute(stream, { { DNNL_ARG_FROM, from }, { DNNL_ARG_TO, src } });
    std::vector<int64_t> outSizes(x.sizes().begin(), x.sizes().end());
    outSizes.back() = out;
    at::Tensor y = at::empty(outSizes, x.options());
    dnnl::memory dst(found->description.dst_desc(), cpuEngine(), y.data_ptr());
    std::unordered_map<int, dnnl::memory> args { { DNNL_ARG_SRC, src }, { DNNL_ARG_WEIGHTS, packedInt8 },
        { DNNL_ARG_DST, dst } };
    at::Tensor biasData;
    if (bias.defined()) {
        biasData = int8.accumulatorBias(bias, inputScale);
        args.emplace(DNNL_ARG_BIAS, dnnl::memory(found->description.bias_desc(), cpuEngine(), biasData.data_ptr()));
    }
    run(found->primitive, found->description.scratchpad_desc(), args, stream);
    return y;
}

DirectLinear::DirectLinear()
    : m_state(std::make_unique<State>())
{
}

DirectLinear::~DirectLinear() = default;

at::Tensor DirectLinear::forward(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    if (!DirectConv::enabled() || !x.device().is_cpu() || x.scalar_type() != at::kBFloat16 || x.dim() < 2
        || weight.scalar_type() != at::kBFloat16 || weight.dim() != 2 || !weight.is_contiguous()
        || (bias.defined() && (bias.scalar_type() != at::kBFloat16 || !bias.is_contiguous()))
        || !x.is_contiguous() || x.numel() == 0 || x.size(-1) != weight.size(1) || x.requires_grad()
        || weight.requires_grad())
        return {};
    const int64_t in = weight.size(1), out = weight.size(0);
    const int64_t rows = x.numel() / in;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    // int8 where there is enough work to gain from it (not the time embedding's two rows).
    if (m_state->int8.on && rows >= 64 && in >= 16 && out >= 16) {
        if (at::Tensor y = m_state->forwardInt8(x, weight, bias, rows); y.defined())
            return y;
    }
    State::Shape& shape = m_state->shapeFor(rows, weight, bias);
    if (!shape.usable)
        return {};
    RECORD_FUNCTION("easel::linear", linearProfileInputs(x, weight, bias));
    const dnnl::memory& packed
        = m_state->weights.get(shape.description.weights_desc(), weight, [&] { return State::plain(weight); }, m_state->stream);
    std::vector<int64_t> outSizes(x.sizes().begin(), x.sizes().end());
    outSizes.back() = out;
    at::Tensor y = at::empty(outSizes, x.options());
    at::internal::lazy_init_num_threads();
    dnnl::memory src(shape.description.src_desc(), cpuEngine(), x.data_ptr());
    dnnl::memory dst(shape.description.dst_desc(), cpuEngine(), y.data_ptr());
    std::unordered_map<int, dnnl::memory> args { { DNNL_ARG_SRC, src }, { DNNL_ARG_WEIGHTS, packed }, { DNNL_ARG_DST, dst } };
    if (bias.defined())
        args.emplace(DNNL_ARG_BIAS, dnnl::memory(shape.description.bias_desc(), cpuEngine(), bias.data_ptr()));
    run(shape.primitive, shape.description.scratchpad_desc(), args, m_state->stream);
    if (DirectConv::releasesWeights() && !m_state->int8.on)
        m_state->weights.release(weight, true);
    return y;
}

void DirectLinear::setQuantized(bool on)
{
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->int8.set(on);
    if (!on)
        m_state->int8Shapes.clear();
}

bool DirectLinear::quantized() const { return m_state->int8.on; }

void DirectLinear::restore(const at::Tensor& weight)
{
    if (!m_state->weights.released())
        return;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->weights.restore(weight, [&] { return State::plain(weight); }, m_state->stream);
}

bool DirectLinear::released() const { return m_state->weights.released(); }

#else // no oneDNN in this build

struct DirectConv::State { };

DirectConv::DirectConv(int64_t, int64_t)
{
}

DirectConv::~DirectConv() = default;

at::Tensor DirectConv::forward(const at::Tensor&, const at::Tensor&, const at::Tensor&) { return {}; }

void DirectConv::restore(const at::Tensor&) { }

void DirectConv::setQuantized(bool) { }

struct DirectLinear::State { };

DirectLinear::DirectLinear() = default;

DirectLinear::~DirectLinear() = default;

at::Tensor DirectLinear::forward(const at::Tensor&, const at::Tensor&, const at::Tensor&) { return {}; }

void DirectLinear::restore(const at::Tensor&) { }

bool DirectLinear::released() const { return false; }

void DirectLinear::setQuantized(bool) { }

bool DirectLinear::quantized() const { return false; }

bool DirectConv::quantized() const { return false; }

bool DirectConv::released() const { return false; }

#endif

} // namespace easel::engine
