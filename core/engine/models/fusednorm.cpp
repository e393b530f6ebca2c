// SPDX-License-Identifier: MIT
#include "engine/models/fusednorm.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

// The loops below are written so that the compiler vectorises them (no reductions across iterations, no calls);
// on x86-64 each is compiled for AVX-512, AVX2 and the baseline, and the loader picks one for the CPU at hand.
// GCC only: clang refuses 64-byte vector arguments in the clones without AVX-512 even where they are inlined;
// there (the fuzzing build) the SiLU is plain scalar code.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__ELF__)
#define EASEL_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define EASEL_VECTOR_SILU 1
#else
#define EASEL_VECTOR_CLONES
#define EASEL_VECTOR_SILU 0
#endif

namespace easel::engine {

namespace {

inline float fromBf16(uint16_t bits)
{
    return __builtin_bit_cast(float, uint32_t(bits) << 16);
}

// Round to nearest even, as c10::BFloat16 does; a NaN stays a NaN.
inline uint16_t toBf16(float f)
{
    const uint32_t u = __builtin_bit_cast(uint32_t, f);
    const uint16_t rounded = uint16_t((u + 0x7FFFu + ((u >> 16) & 1u)) >> 16);
    return f != f ? uint16_t(0x7FC0) : rounded;
}

#if EASEL_VECTOR_SILU
// SiLU over 16 lanes at once, in GCC/clang vector types: written as scalar code, the compiler splits the
// exponent's clamp into branches and leaves the loop scalar (10x slower). On targets without 512-bit vectors
// the compiler lowers each operation to two or four narrower ones.
// (Internal functions only: the note that a 64-byte vector's ABI depends on AVX-512 does not concern them.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
typedef float Floats __attribute__((vector_size(64)));
typedef int32_t Ints __attribute__((vector_size(64)));
typedef uint32_t Words __attribute__((vector_size(64)));
typedef uint16_t Halves __attribute__((vector_size(32)));
constexpr int kLanes = 16;

__attribute__((always_inline)) inline Floats loadBf16(const uint16_t* p)
{
    Halves h;
    std::memcpy(&h, p, sizeof h);
    return reinterpret_cast<Floats>(__builtin_convertvector(h, Words) << 16);
}

// Round to nearest even as toBf16(); NaN lanes become the quiet NaN.
__attribute__((always_inline)) inline void storeBf16(uint16_t* p, Floats f)
{
    const Words u = reinterpret_cast<Words>(f);
    Words rounded = (u + 0x7FFFu + ((u >> 16) & 1u)) >> 16;
    rounded = f != f ? Words {} + 0x7FC0u : rounded;
    const Halves h = __builtin_convertvector(rounded, Halves);
    std::memcpy(p, &h, sizeof h);
}

// exp(x): Cephes' single-precision range reduction and polynomial (relative error about 1e-7 over the clamped
// range). Rounding to the nearest integer uses the 1.5 * 2^23 trick, exact for |t| < 2^22.
__attribute__((always_inline)) inline Floats expOf(Floats x)
{
    x = x < -87.0f ? Floats {} - 87.0f : x;
    x = x > 88.0f ? Floats {} + 88.0f : x;
    const Floats n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    const Floats r = x - n * 0.693359375f + n * 2.12194440e-4f;
    Floats p = Floats {} + 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    const Ints e = (__builtin_convertvector(n, Ints) + 127) << 23;
    return p * reinterpret_cast<Floats>(e);
}

__attribute__((always_inline)) inline Floats siluOf(Floats y) { return y / (1.0f + expOf(-y)); }

__attribute__((always_inline)) inline float siluOf(float y)
{
    Floats v = {};
    v[0] = y;
    return siluOf(v)[0];
}
#else
constexpr int kLanes = 16;

inline float siluOf(float y) { return y / (1.0f + std::exp(-y)); }
#endif


// Sum and sum of squares of `count` bf16 values less `shift`, in float over runs of 1024 values and in double
// across runs. The shift (a value of the same data) keeps the variance from cancelling where the mean is large.
EASEL_VECTOR_CLONES
void sumAndSquares(const uint16_t* p, int64_t count, float shift, double& sum, double& squares)
{
    constexpr int64_t kRun = 1024;
    for (int64_t start = 0; start < count; start += kRun) {
        const int64_t end = std::min(count, start + kRun);
        float s[kLanes] = {}, q[kLanes] = {};
        int64_t i = start;
        for (; i + kLanes <= end; i += kLanes) {
            for (int j = 0; j < kLanes; ++j) {
                const float v = fromBf16(p[i + j]) - shift;
                s[j] += v;
                q[j] += v * v;
            }
        }
        double runSum = 0, runSquares = 0;
        for (int j = 0; j < kLanes; ++j) {
            runSum += s[j];
            runSquares += q[j];
        }
        for (; i < end; ++i) {
            const double v = double(fromBf16(p[i])) - shift;
            runSum += v;
            runSquares += v * v;
        }
        sum += runSum;
        squares += runSquares;
    }
}

// Channels_last statistics: per-channel sums over `pixels` rows of `channels` values, each less its channel's
// shift, added to sum/squares.
EASEL_VECTOR_CLONES
void channelSums(const uint16_t* p, int64_t pixels, int64_t channels, const float* shift, float* runSum,
    float* runSquares, double* sum, double* squares)
{
    constexpr int64_t kRun = 64;
    for (int64_t start = 0; start < pixels; start += kRun) {
        const int64_t end = std::min(pixels, start + kRun);
        std::fill(runSum, runSum + channels, 0.0f);
        std::fill(runSquares, runSquares + channels, 0.0f);
        for (int64_t i = start; i < end; ++i) {
            const uint16_t* row = p + i * channels;
            for (int64_t c = 0; c < channels; ++c) {
                const float v = fromBf16(row[c]) - shift[c];
                runSum[c] += v;
                runSquares[c] += v * v;
            }
        }
        for (int64_t c = 0; c < channels; ++c) {
            sum[c] += runSum[c];
            squares[c] += runSquares[c];
        }
    }
}

// out = x * scale + shift (per element of scale/shift, `count` of them), then SiLU when asked.
EASEL_VECTOR_CLONES
void applyRow(const uint16_t* in, uint16_t* out, const float* scale, const float* shift, int64_t count, bool silu)
{
    if (silu) {
        int64_t i = 0;
#if EASEL_VECTOR_SILU
        for (; i + kLanes <= count; i += kLanes) {
            Floats a, b;
            std::memcpy(&a, scale + i, sizeof a);
            std::memcpy(&b, shift + i, sizeof b);
            storeBf16(out + i, siluOf(loadBf16(in + i) * a + b));
        }
#endif
        for (; i < count; ++i)
            out[i] = toBf16(siluOf(fromBf16(in[i]) * scale[i] + shift[i]));
    } else {
        for (int64_t i = 0; i < count; ++i)
            out[i] = toBf16(fromBf16(in[i]) * scale[i] + shift[i]);
    }
}

// The same with one scale and shift for the whole run (a contiguous channel plane).
EASEL_VECTOR_CLONES
void applyPlane(const uint16_t* in, uint16_t* out, float scale, float shift, int64_t count, bool silu)
{
    if (silu) {
        int64_t i = 0;
#if EASEL_VECTOR_SILU
        for (; i + kLanes <= count; i += kLanes)
            storeBf16(out + i, siluOf(loadBf16(in + i) * scale + shift));
#endif
        for (; i < count; ++i)
            out[i] = toBf16(siluOf(fromBf16(in[i]) * scale + shift));
    } else {
        for (int64_t i = 0; i < count; ++i)
            out[i] = toBf16(fromBf16(in[i]) * scale + shift);
    }
}

bool isChannelsLast(const at::Tensor& x)
{
    return x.dim() == 4 && !x.is_contiguous() && x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

} // namespace

bool fusedGroupNormApplies(const at::Tensor& x, int64_t groups)
{
    return x.device().is_cpu() && x.scalar_type() == at::kBFloat16 && x.dim() >= 2 && groups > 0
        && x.size(1) % groups == 0 && x.numel() > 0 && (x.is_contiguous() || isChannelsLast(x));
}

at::Tensor fusedGroupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias,
    double eps, bool silu)
{
    TORCH_CHECK(fusedGroupNormApplies(x, groups), "fusedGroupNorm: unsupported input");
    const int64_t batch = x.size(0), channels = x.size(1);
    const int64_t pixels = x.numel() / (batch * channels);
    const int64_t perGroup = channels / groups;
    const bool channelsLast = isChannelsLast(x);
    const at::Tensor gamma = weight.to(at::kFloat).contiguous(), beta = bias.to(at::kFloat).contiguous();
    const float* g = gamma.data_ptr<float>();
    const float* b = beta.data_ptr<float>();
    const auto* in = reinterpret_cast<const uint16_t*>(x.data_ptr<at::BFloat16>());
    at::Tensor result = at::empty(x.sizes(), x.options(),
        channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous);
    auto* out = reinterpret_cast<uint16_t*>(result.data_ptr<at::BFloat16>());

    // Per (item, group): mean and variance.
    std::vector<double> mean(static_cast<size_t>(batch * groups)), variance(static_cast<size_t>(batch * groups));
    if (!channelsLast) {
        const int64_t span = perGroup * pixels; // one group of one item is contiguous
        at::parallel_for(0, batch * groups, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const float shift = fromBf16(in[i * span]);
                double sum = 0, squares = 0;
                sumAndSquares(in + i * span, span, shift, sum, squares);
                mean[size_t(i)] = shift + sum / double(span);
                variance[size_t(i)] = std::max(squares - sum * sum / double(span), 0.0) / double(span);
            }
        });
    } else {
        // Fixed chunks of pixels, summed in a fixed order: the result does not depend on the thread count.
        const int64_t chunks = std::clamp<int64_t>(pixels / 256, 1, 16);
        const int64_t chunkPixels = (pixels + chunks - 1) / chunks;
        std::vector<double> chunkSum(static_cast<size_t>(chunks * channels)), chunkSquares(static_cast<size_t>(chunks * channels));
        std::vector<float> channelShift(static_cast<size_t>(channels));
        std::vector<double> channelMean(static_cast<size_t>(channels)), channelM2(static_cast<size_t>(channels));
        for (int64_t n = 0; n < batch; ++n) {
            const uint16_t* item = in + n * pixels * channels;
            for (int64_t c = 0; c < channels; ++c)
                channelShift[size_t(c)] = fromBf16(item[c]);
            std::fill(chunkSum.begin(), chunkSum.end(), 0.0);
            std::fill(chunkSquares.begin(), chunkSquares.end(), 0.0);
            at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
                std::vector<float> runSum(static_cast<size_t>(channels)), runSquares(static_cast<size_t>(channels));
                for (int64_t k = begin; k < end; ++k) {
                    const int64_t first = k * chunkPixels, count = std::min(pixels, first + chunkPixels) - first;
                    if (count > 0) {
                        channelSums(item + first * channels, count, channels, channelShift.data(), runSum.data(),
                            runSquares.data(), &chunkSum[size_t(k * channels)], &chunkSquares[size_t(k * channels)]);
                    }
                }
            });
            // Each channel's mean and sum of squared deviations, then each group's from its channels' (Chan et
            // al.'s pairwise combination, equal counts).
            for (int64_t c = 0; c < channels; ++c) {
                double s = 0, q = 0;
                for (int64_t k = 0; k < chunks; ++k) {
                    s += chunkSum[size_t(k * channels + c)];
                    q += chunkSquares[size_t(k * channels + c)];
                }
                channelMean[size_t(c)] = channelShift[size_t(c)] + s / double(pixels);
                channelM2[size_t(c)] = std::max(q - s * s / double(pixels), 0.0);
            }
            for (int64_t group = 0; group < groups; ++group) {
                double m = 0;
                for (int64_t c = group * perGroup; c < (group + 1) * perGroup; ++c)
                    m += channelMean[size_t(c)];
                m /= double(perGroup);
                double m2 = 0;
                for (int64_t c = group * perGroup; c < (group + 1) * perGroup; ++c) {
                    const double d = channelMean[size_t(c)] - m;
                    m2 += channelM2[size_t(c)] + double(pixels) * d * d;
                }
                mean[size_t(n * groups + group)] = m;
                variance[size_t(n * groups + group)] = m2 / double(perGroup * pixels);
            }
        }
    }

    // Per (item, channel): the affine map the normalisation and the weight and bias make together.
    std::vector<float> scale(static_cast<size_t>(batch * channels)), shift(static_cast<size_t>(batch * channels));
    for (int64_t n = 0; n < batch; ++n) {
        for (int64_t c = 0; c < channels; ++c) {
            const size_t group = size_t(n * groups + c / perGroup);
            const double a = double(g[c]) / std::sqrt(variance[group] + eps);
            scale[size_t(n * channels + c)] = float(a);
            shift[size_t(n * channels + c)] = float(double(b[c]) - mean[group] * a);
        }
    }

    if (!channelsLast) {
        at::parallel_for(0, batch * channels, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i)
                applyPlane(in + i * pixels, out + i * pixels, scale[size_t(i)], shift[size_t(i)], pixels, silu);
        });
    } else {
        at::parallel_for(0, batch * pixels, 64, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const size_t n = size_t(i / pixels);
                applyRow(in + i * channels, out + i * channels, &scale[n * size_t(channels)],
                    &shift[n * size_t(channels)], channels, silu);
            }
        });
    }
    return result;
}

} // namespace easel::engine
