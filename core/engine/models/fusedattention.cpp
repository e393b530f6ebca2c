// SPDX-License-Identifier: MIT
#include "engine/models/fusedattention.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/record_function.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EASEL_FUSED_ATTENTION 1
#include <immintrin.h>
// GCC 12's AVX-512 headers fill unused lanes from a self-initialised "undefined" vector, which its own
// uninitialised-value warnings then flag at -O3 in every intrinsic that uses one (max, reductions).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace easel::engine {

#ifdef EASEL_FUSED_ATTENTION

namespace {

// The kernels are compiled for AVX512-BF16 whatever the rest of the build targets, and run only where the CPU
// has it (fusedAttentionAvailable()).
#define EASEL_AVX512BF16 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512bf16")))

constexpr int kRows = 8; // query rows per micro-kernel
constexpr int kScoreColumns = 32; // key columns per score micro-kernel (two vectors of 16)
constexpr int kMaxValueVectors = 3; // output vectors of 16 per value micro-kernel (8 x 3 accumulators)
constexpr int64_t kScoreBytes = 128 << 10; // one block's fp32 scores, kept well inside a 1 MiB L2

int64_t roundUp(int64_t value, int64_t step) { return (value + step - 1) / step * step; }

// Two bf16 values as the 32-bit pair a dot-product instruction broadcasts.
inline int32_t pairAt(const uint16_t* p)
{
    int32_t pair;
    std::memcpy(&pair, p, sizeof pair);
    return pair;
}

// exp(x) for x <= 0 (softmax after the maximum is taken off): 2^n * e^r with |r| <= ln2 / 2, r's exponential by
// its Taylor polynomial to degree 6 (relative error below 2e-7, far under bf16's 4e-3). A NaN stays NaN (as in
// the reference softmax: a broken weight shows in the image rather than vanish).
EASEL_AVX512BF16 inline __m512 exp512(__m512 x)
{
    x = _mm512_max_ps(_mm512_set1_ps(-87.0f), x); // (the second operand where either is NaN)
    const __m512 n = _mm512_roundscale_ps(
        _mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187045e-06f), r);
    __m512 p = _mm512_set1_ps(1.0f / 720);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(p, n);
}

// Scores of R query rows against 32 keys: s[r][0..31] = q[r] . k[j] over `pairs` pairs of the head's dimension.
// `keys` is the head's packed keys at the first of the 32 columns ([pairs][columns][2], see Head).
template <int R>
EASEL_AVX512BF16 void scoreKernel(
    const uint16_t* q, int64_t qStride, const uint16_t* keys, int64_t columns, int64_t pairs, float* s, int64_t sStride)
{
    __m512 acc[R][2];
    for (int r = 0; r < R; ++r)
        acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    for (int64_t p = 0; p < pairs; ++p) {
        const uint16_t* row = keys + p * columns * 2;
        const __m512bh k0 = (__m512bh)_mm512_loadu_si512(row);
        const __m512bh k1 = (__m512bh)_mm512_loadu_si512(row + 32);
        for (int r = 0; r < R; ++r) {
            const __m512bh a = (__m512bh)_mm512_set1_epi32(pairAt(q + r * qStride + 2 * p));
            acc[r][0] = _mm512_dpbf16_ps(acc[r][0], a, k0);
            acc[r][1] = _mm512_dpbf16_ps(acc[r][1], a, k1);
        }
    }
    for (int r = 0; r < R; ++r) {
        _mm512_storeu_ps(s + r * sStride, acc[r][0]);
        _mm512_storeu_ps(s + r * sStride + 16, acc[r][1]);
    }
}

// One row's softmax numerators exp((s - max) * scale) into p as bf16 (zero past the m keys, up to `columns`);
// returns 1 / their sum.
EASEL_AVX512BF16 float softmaxRow(const float* s, int64_t m, int64_t columns, float scale, uint16_t* p)
{
    __m512 top = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    int64_t j = 0;
    for (; j + 16 <= m; j += 16)
        top = _mm512_max_ps(top, _mm512_loadu_ps(s + j));
    if (j < m) {
        const __mmask16 tail = __mmask16((1u << (m - j)) - 1);
        top = _mm512_mask_max_ps(top, tail, top, _mm512_maskz_loadu_ps(tail, s + j));
    }
    const __m512 shift = _mm512_set1_ps(_mm512_reduce_max_ps(top) * scale);
    const __m512 scales = _mm512_set1_ps(scale);
    __m512 sum = _mm512_setzero_ps();
    auto keep = [m](int64_t from) -> __mmask16 {
        const int64_t left = m - from;
        return left >= 16 ? __mmask16(0xffff) : left <= 0 ? __mmask16(0) : __mmask16((1u << left) - 1);
    };
    for (j = 0; j < columns; j += 32) {
        const __m512 e0 = _mm512_maskz_mov_ps(keep(j), exp512(_mm512_fmsub_ps(_mm512_loadu_ps(s + j), scales, shift)));
        const __m512 e1
            = _mm512_maskz_mov_ps(keep(j + 16), exp512(_mm512_fmsub_ps(_mm512_loadu_ps(s + j + 16), scales, shift)));
        sum = _mm512_add_ps(sum, _mm512_add_ps(e0, e1));
        _mm512_storeu_si512(p + j, (__m512i)_mm512_cvtne2ps_pbh(e1, e0));
    }
    return 1.0f / _mm512_reduce_add_ps(sum);
}

// Output of R rows for C vectors of 16 of the head's dimension: out[r] = sum_j p[r][j] v[j] * norm[r], as bf16,
// `valid` values of the C * 16 written. `values` is the head's packed values at the first vector
// ([pairs][width][2], see Head).
template <int R, int C>
EASEL_AVX512BF16 void valueKernel(const uint16_t* p, int64_t pStride, const uint16_t* values, int64_t width,
    int64_t pairs, const float* norm, uint16_t* out, int64_t outStride, int64_t valid)
{
    __m512 acc[R][C];
    for (int r = 0; r < R; ++r) {
        for (int c = 0; c < C; ++c)
            acc[r][c] = _mm512_setzero_ps();
    }
    for (int64_t jp = 0; jp < pairs; ++jp) {
        __m512bh b[C];
        for (int c = 0; c < C; ++c)
            b[c] = (__m512bh)_mm512_loadu_si512(values + (jp * width + c * 16) * 2);
        for (int r = 0; r < R; ++r) {
            const __m512bh a = (__m512bh)_mm512_set1_epi32(pairAt(p + r * pStride + 2 * jp));
            for (int c = 0; c < C; ++c)
                acc[r][c] = _mm512_dpbf16_ps(acc[r][c], a, b[c]);
        }
    }
    for (int r = 0; r < R; ++r) {
        const __m512 scale = _mm512_set1_ps(norm[r]);
        for (int c = 0; c < C; ++c) {
            const int64_t left = valid - c * 16;
            if (left <= 0)
                break;
            const __mmask16 mask = left >= 16 ? __mmask16(0xffff) : __mmask16((1u << left) - 1);
            const __m256bh y = _mm512_cvtneps_pbh(_mm512_mul_ps(acc[r][c], scale));
            _mm256_mask_storeu_epi16(out + r * outStride + c * 16, mask, (__m256i)y);
        }
    }
}

// The micro-kernels for 1 to kRows rows (the last block of a head may have fewer).
template <int R = kRows>
EASEL_AVX512BF16 void scoreRows(int rows, const uint16_t* q, int64_t qStride, const uint16_t* keys, int64_t columns,
    int64_t pairs, float* s, int64_t sStride)
{
    if constexpr (R > 1) {
        if (rows < R)
            return scoreRows<R - 1>(rows, q, qStride, keys, columns, pairs, s, sStride);
    }
    scoreKernel<R>(q, qStride, keys, columns, pairs, s, sStride);
}

template <int C, int R = kRows>
EASEL_AVX512BF16 void valueRows(int rows, const uint16_t* p, int64_t pStride, const uint16_t* values, int64_t width,
    int64_t pairs, const float* norm, uint16_t* out, int64_t outStride, int64_t valid)
{
    if constexpr (R > 1) {
        if (rows < R)
            return valueRows<C, R - 1>(rows, p, pStride, values, width, pairs, norm, out, outStride, valid);
    }
    valueKernel<R, C>(p, pStride, values, width, pairs, norm, out, outStride, valid);
}

EASEL_AVX512BF16 void valueVectors(int vectors, int rows, const uint16_t* p, int64_t pStride, const uint16_t* values,
    int64_t width, int64_t pairs, const float* norm, uint16_t* out, int64_t outStride, int64_t valid)
{
    switch (vectors) {
    case 1: return valueRows<1>(rows, p, pStride, values, width, pairs, norm, out, outStride, valid);
    case 2: return valueRows<2>(rows, p, pStride, values, width, pairs, norm, out, outStride, valid);
    default: return valueRows<3>(rows, p, pStride, values, width, pairs, norm, out, outStride, valid);
    }
}

// One head's keys and values packed as the dot-product instructions read them: keys [D/2][columns][2] (pairs
// of the head's dimension, key by key, columns = M rounded up to 32), values [columns/2][width][2] (pairs of
// keys, width = D rounded up to 16); zeros in the padding.
struct Head {
    uint16_t* keys;
    uint16_t* values;
};

void packHead(const uint16_t* k, const uint16_t* v, int64_t kStride, int64_t vStride, int64_t m, int64_t d,
    int64_t columns, int64_t width, uint16_t* keys, uint16_t* values)
{
    const int64_t pairs = d / 2;
    for (int64_t p = 0; p < pairs; ++p) {
        auto* row = reinterpret_cast<uint32_t*>(keys + p * columns * 2);
        int64_t j = 0;
        for (; j < m; ++j)
            std::memcpy(row + j, k + j * kStride + 2 * p, sizeof(uint32_t));
        for (; j < columns; ++j)
            row[j] = 0;
    }
    for (int64_t jp = 0; jp < columns / 2; ++jp) {
        uint16_t* row = values + jp * width * 2;
        const int64_t j = 2 * jp;
        const uint16_t* v0 = j < m ? v + j * vStride : nullptr;
        const uint16_t* v1 = j + 1 < m ? v + (j + 1) * vStride : nullptr;
        for (int64_t c = 0; c < width; ++c) {
            row[2 * c] = v0 && c < d ? v0[c] : 0;
            row[2 * c + 1] = v1 && c < d ? v1[c] : 0;
        }
    }
}

bool cpuHasBf16Dot()
{
    static const bool has = __builtin_cpu_supports("avx512bf16") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
    return has;
}

} // namespace

bool fusedAttentionAvailable() { return cpuHasBf16Dot(); }

at::Tensor fusedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads, double scale)
{
    if (!cpuHasBf16Dot() || heads <= 0 || q.dim() != 3 || k.dim() != 3 || v.dim() != 3 || !q.device().is_cpu()
        || !k.device().is_cpu() || !v.device().is_cpu() || q.scalar_type() != at::kBFloat16
        || k.scalar_type() != at::kBFloat16 || v.scalar_type() != at::kBFloat16 || q.requires_grad()
        || k.requires_grad() || v.requires_grad())
        return {};
    const int64_t batch = q.size(0), n = q.size(1), m = k.size(1), channels = q.size(2);
    if (channels % heads != 0 || k.sizes() != v.sizes() || k.size(0) != batch || k.size(2) != channels || m == 0
        || n == 0)
        return {};
    const int64_t d = channels / heads;
    if (d % 2 != 0)
        return {};
    // For the benchmark's profile: attention, with the shapes its FLOPs are counted from.
    RECORD_FUNCTION("easel::scaled_dot_product_attention", std::vector<c10::IValue>({ q, k, v }));
    // Rows may be strided (a view), each row's values must be contiguous.
    const at::Tensor qc = q.stride(2) == 1 ? q : q.contiguous();
    const at::Tensor kc = k.stride(2) == 1 ? k : k.contiguous();
    const at::Tensor vc = v.stride(2) == 1 ? v : v.contiguous();
    at::Tensor out = at::empty({ batch, n, channels }, q.options());

    const int64_t columns = roundUp(m, kScoreColumns);
    const int64_t width = roundUp(d, 16);
    const int64_t headKeys = d / 2 * columns * 2, headValues = columns / 2 * width * 2;
    at::Tensor packed = at::empty({ batch * heads * (headKeys + headValues) }, q.options());
    auto* packedData = reinterpret_cast<uint16_t*>(packed.data_ptr());
    const auto* qData = reinterpret_cast<const uint16_t*>(qc.data_ptr());
    const auto* kData = reinterpret_cast<const uint16_t*>(kc.data_ptr());
    const auto* vData = reinterpret_cast<const uint16_t*>(vc.data_ptr());
    auto* outData = reinterpret_cast<uint16_t*>(out.data_ptr());
    auto headAt = [&](int64_t bh) {
        uint16_t* base = packedData + bh * (headKeys + headValues);
        return Head { base, base + headKeys };
    };
    at::parallel_for(0, batch * heads, 1, [&](int64_t begin, int64_t end) {
        for (int64_t bh = begin; bh < end; ++bh) {
            const int64_t b = bh / heads, h = bh % heads;
            const Head head = headAt(bh);
            packHead(kData + b * kc.stride(0) + h * d, vData + b * vc.stride(0) + h * d, kc.stride(1), vc.stride(1),
                m, d, columns, width, head.keys, head.values);
        }
    });

    // Blocks of query rows small enough for their scores to stay in L2 beside the head's keys and values.
    const int64_t blockRows = std::clamp<int64_t>(kScoreBytes / (columns * int64_t(sizeof(float))) / kRows * kRows,
        kRows, 64);
    const int64_t blocks = (n + blockRows - 1) / blockRows;
    const int64_t pairs = d / 2, valuePairs = (m + 1) / 2, vectors = width / 16;
    const float softmaxScale = float(scale);
    at::parallel_for(0, batch * heads * blocks, 1, [&](int64_t begin, int64_t end) {
        thread_local std::vector<float> scores;
        thread_local std::vector<uint16_t> weights;
        thread_local std::vector<float> norms;
        scores.resize(size_t(blockRows * columns));
        weights.resize(size_t(blockRows * columns));
        norms.resize(size_t(blockRows));
        for (int64_t task = begin; task < end; ++task) {
            const int64_t bh = task / blocks, first = task % blocks * blockRows;
            const int64_t b = bh / heads, h = bh % heads;
            const int64_t rows = std::min(blockRows, n - first);
            const Head head = headAt(bh);
            const uint16_t* qRows = qData + b * qc.stride(0) + first * qc.stride(1) + h * d;
            for (int64_t j = 0; j < columns; j += kScoreColumns) {
                for (int64_t r = 0; r < rows; r += kRows) {
                    scoreRows(int(std::min<int64_t>(kRows, rows - r)), qRows + r * qc.stride(1), qc.stride(1),
                        head.keys + j * 2, columns, pairs, scores.data() + r * columns + j, columns);
                }
            }
            for (int64_t r = 0; r < rows; ++r) {
                norms[size_t(r)] = softmaxRow(
                    scores.data() + r * columns, m, columns, softmaxScale, weights.data() + r * columns);
            }
            uint16_t* outRows = outData + (b * n + first) * channels + h * d;
            // The head's vectors in near-equal groups of at most kMaxValueVectors.
            const int64_t groups = (vectors + kMaxValueVectors - 1) / kMaxValueVectors;
            for (int64_t g = 0, c0 = 0; g < groups; ++g) {
                const int64_t count = (vectors - c0) / (groups - g);
                for (int64_t r = 0; r < rows; r += kRows) {
                    valueVectors(int(count), int(std::min<int64_t>(kRows, rows - r)), weights.data() + r * columns,
                        columns, head.values + c0 * 16 * 2, width, valuePairs, norms.data() + r,
                        outRows + r * channels + c0 * 16, channels, d - c0 * 16);
                }
                c0 += count;
            }
        }
    });
    return out;
}

#else // not x86-64 with GCC: the blocked path of attention.cpp runs instead

bool fusedAttentionAvailable() { return false; }

at::Tensor fusedAttention(const at::Tensor&, const at::Tensor&, const at::Tensor&, int64_t, double) { return {}; }

#endif

} // namespace easel::engine
