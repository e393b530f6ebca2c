// SPDX-License-Identifier: MIT
#include "imaging/enhance.h"

#include "common/error.h"

#include <QJsonObject>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// The box blur's 32-bit multiplies vectorise poorly with the x86-64 baseline (SSE2 has no 32-bit multiply):
// with GCC on x86-64 it is also compiled for AVX2 and the CPU's version is chosen at load time. Integer
// arithmetic, so both give the same levels.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define EASEL_WIDE_VECTORS __attribute__((target_clones("avx2", "default")))
#else
#define EASEL_WIDE_VECTORS
#endif

namespace easel::imaging {

namespace {

    [[noreturn]] void fail(const std::string& message) { throw Error(message); }

    void checkImage(const cv::Mat& image, const char* op)
    {
        if (image.empty())
            fail(std::string(op) + ": the image is empty");
        if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4))
            fail(std::string(op) + ": needs an 8-bit grey, BGR or BGRA image");
    }

    void checkFactor(double factor, const char* op)
    {
        if (!std::isfinite(factor) || factor < 0.0 || factor > 100.0)
            fail(std::string(op) + ": factor must be between 0 and 100, got " + std::to_string(factor));
    }

    /// Runs \a fn on the colour channels of \a image (BGR or grey) into \a out and puts a BGRA image's alpha
    /// back. fn(in, result) writes result, reusing it when it has the size and type.
    void onColour(const cv::Mat& image, cv::Mat& out, const std::function<void(const cv::Mat&, cv::Mat&)>& fn)
    {
        if (image.channels() != 4) {
            fn(image, out);
            return;
        }
        cv::Mat bgr;
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
        cv::Mat result;
        fn(bgr, result);
        out.create(image.size(), CV_8UC4);
        // Channel indices run over both sources: the BGR result's 0..2, then the BGRA input's 3..6.
        const int fromTo[] = { 0, 0, 1, 1, 2, 2, 6, 3 };
        const cv::Mat sources[] = { result, image };
        cv::mixChannels(sources, 2, &out, 1, fromTo, 4);
    }

    /// A new image from an into-style step.
    cv::Mat made(const std::function<void(cv::Mat&)>& fn)
    {
        cv::Mat out;
        fn(out);
        return out;
    }

    /// \a out must not share pixels with \a image (the steps read the one while writing the other).
    void checkOutput(const cv::Mat& image, const cv::Mat& out, const char* op)
    {
        if (!out.empty() && out.data == image.data)
            fail(std::string(op) + ": the output must not be the input");
    }

    void forRows(int rows, const std::function<void(int, int)>& fn)
    {
        cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& r) { fn(r.start, r.end); });
    }

    /// Pillow's ImagingBlend: single-precision interpolation, truncated, clipped when extrapolating.
    inline std::uint8_t blendValue(int degenerate, int value, float alpha)
    {
        // Branch-free so loops over it vectorise; same values as Pillow's compare-and-clip.
        const float t = float(degenerate) + alpha * float(value - degenerate);
        return std::uint8_t(std::min(std::max(t, 0.0f), 255.0f));
    }

    /// Pillow's RGB -> L conversion (ITU-R 601-2 luma in 16-bit fixed point, rounded).
    inline std::uint8_t luma(const std::uint8_t* bgr)
    {
        return std::uint8_t((bgr[2] * 19595 + bgr[1] * 38470 + bgr[0] * 7471 + 0x8000) >> 16);
    }

    cv::Mat lumaImage(const cv::Mat& image, cv::Mat& l)
    {
        if (image.channels() == 1)
            return image;
        l.create(image.size(), CV_8UC1);
        forRows(image.rows, [&](int begin, int end) {
            for (int y = begin; y < end; ++y) {
                const std::uint8_t* in = image.ptr<std::uint8_t>(y);
                std::uint8_t* out = l.ptr<std::uint8_t>(y);
                for (int x = 0; x < image.cols; ++x)
                    out[x] = luma(in + 3 * x);
            }
        });
        return l;
    }

    /// Blend with Pillow's 3x3 SMOOTH filter, fused in one pass. Pillow filters in single precision,
    /// 0.5 + sum(v * k) truncated; the exact value S / 13 + 0.5 (S the weighted integer sum) is never
    /// closer than 0.038 to an integer, far beyond float error, so (2S + 13) / 26 gives the same levels.
    /// Border pixels keep their value, as their degenerate is the pixel itself.
    void sharpen(const cv::Mat& image, double factor, cv::Mat& out)
    {
        const float alpha = float(factor);
        const int ch = image.channels();
        image.copyTo(out);
        if (image.rows < 3 || image.cols < 3)
            return;
        const int last = (image.cols - 1) * ch;
        forRows(image.rows - 2, [&](int begin, int end) {
            for (int y = begin + 1; y < end + 1; ++y) {
                const std::uint8_t* above = image.ptr<std::uint8_t>(y - 1);
                const std::uint8_t* row = image.ptr<std::uint8_t>(y);
                const std::uint8_t* below = image.ptr<std::uint8_t>(y + 1);
                std::uint8_t* o = out.ptr<std::uint8_t>(y);
                int i = ch;
#if CV_SIMD
                using namespace cv;
                // The same arithmetic on a vector of levels: S <= 13 * 255 fits 16 bits, and
                // (2S + 13) / 26 = ((2S + 13) * 20165) >> 19 exactly for 2S + 13 <= 6643 (the error of
                // 20165 / 2^19 against 1 / 26, times 6643, stays below 1 / 26). The blend is blendValue()'s
                // float multiply and add, truncated.
                const v_uint16 magic = vx_setall_u16(20165);
                const v_uint16 thirteen = vx_setall_u16(13);
                const v_float32 a = vx_setall_f32(alpha);
                const v_float32 zero = vx_setzero_f32();
                const v_float32 top = vx_setall_f32(255.0f);
                auto blendHalf = [&](const v_uint32& d, const v_uint32& v) {
                    const v_int32 di = v_reinterpret_as_s32(d);
                    const v_float32 t = v_cvt_f32(di) + a * v_cvt_f32(v_reinterpret_as_s32(v) - di);
                    return v_trunc(v_min(v_max(t, zero), top));
                };
                for (; i + v_uint16::nlanes <= last; i += v_uint16::nlanes) {
                    const v_uint16 centre = vx_load_expand(row + i);
                    const v_uint16 sum = vx_load_expand(above + i - ch) + vx_load_expand(above + i)
                        + vx_load_expand(above + i + ch) + vx_load_expand(row + i - ch) + vx_load_expand(row + i + ch)
                        + vx_load_expand(below + i - ch) + vx_load_expand(below + i) + vx_load_expand(below + i + ch)
                        + (centre << 2) + centre;
                    const v_uint16 degenerate = v_mul_hi((sum << 1) + thirteen, magic) >> 3;
                    v_uint32 d0, d1, v0, v1;
                    v_expand(degenerate, d0, d1);
                    v_expand(centre, v0, v1);
                    v_pack_u_store(o + i, v_pack(blendHalf(d0, v0), blendHalf(d1, v1)));
                }
#endif
                for (; i < last; ++i) {
                    const int sum = above[i - ch] + above[i] + above[i + ch] + row[i - ch] + 5 * row[i] + row[i + ch]
                        + below[i - ch] + below[i] + below[i + ch];
                    o[i] = blendValue((2 * sum + 13) / 26, row[i], alpha);
                }
            }
        });
    }

    /// The radius of one box pass such that three passes approximate a Gaussian of \a radius
    /// (Gwosdek et al., "Theoretical foundations of Gaussian convolution by extended box filtering"),
    /// computed with Pillow's mix of float and double precision.
    float boxRadiusForGaussian(float radius, int passes)
    {
        const float sigma2 = radius * radius / float(passes);
        const float length = float(std::sqrt(12.0 * double(sigma2) + 1.0));
        const float whole = float(std::floor((double(length) - 1.0) / 2.0));
        float fraction = (2 * whole + 1) * (whole * (whole + 1) - 3 * sigma2);
        fraction /= 6 * (sigma2 - (whole + 1) * (whole + 1));
        return whole + fraction;
    }

    /// One extended-box pass down the columns [begin, end) (bytes of a row) of \a src into \a dst,
    /// with Pillow's integer arithmetic: the window sum weighs whole pixels by ww and the two fractional
    /// ends by fw (24-bit fixed point), edges extended. Pillow runs its passes along rows of a transposed
    /// copy; per line the arithmetic is the same, and down columns it vectorises across the row.
    EASEL_WIDE_VECTORS void boxBlurColumns(const cv::Mat& src, cv::Mat& dst, float floatRadius, int begin, int end)
    {
        const int height = src.rows;
        const int last = height - 1;
        const int radius = int(floatRadius);
        const std::uint32_t ww = std::uint32_t(float(1 << 24) / (floatRadius * 2 + 1));
        const std::uint32_t fw = ((1u << 24) - std::uint32_t(radius * 2 + 1) * ww) / 2;
        const int edgeA = std::min(radius + 1, height);
        const int edgeB = std::max(height - radius - 1, 0);
        const int n = end - begin;
        auto row = [&](int y) { return src.ptr<std::uint8_t>(y) + begin; };

        std::vector<std::uint32_t> acc(size_t(n), 0);
        {
            const std::uint8_t* first = row(0);
            const std::uint8_t* lastRow = row(last);
            for (int i = 0; i < n; ++i)
                acc[size_t(i)] = first[i] * std::uint32_t(radius + 1) + lastRow[i] * std::uint32_t(radius - edgeA + 1);
            for (int y = 0; y < edgeA - 1; ++y) {
                const std::uint8_t* p = row(y);
                for (int i = 0; i < n; ++i)
                    acc[size_t(i)] += p[i];
            }
        }
        std::uint32_t* a = acc.data();
        auto step = [&](int y, int subtract, int add, int left, int right) {
            const std::uint8_t* sub = row(subtract);
            const std::uint8_t* plus = row(add);
            const std::uint8_t* l = row(left);
            const std::uint8_t* r = row(right);
            std::uint8_t* o = dst.ptr<std::uint8_t>(y) + begin;
            for (int i = 0; i < n; ++i) {
                a[i] += std::uint32_t(plus[i]) - std::uint32_t(sub[i]);
                const std::uint32_t bulk = a[i] * ww + (std::uint32_t(l[i]) + std::uint32_t(r[i])) * fw;
                o[i] = std::uint8_t((bulk + (1u << 23)) >> 24);
            }
        };
        if (edgeA <= edgeB) {
            for (int y = 0; y < edgeA; ++y)
                step(y, 0, y + radius, 0, y + radius + 1);
            for (int y = edgeA; y < edgeB; ++y)
                step(y, y - radius - 1, y + radius, y - radius - 1, y + radius + 1);
            for (int y = edgeB; y <= last; ++y)
                step(y, y - radius - 1, last, y - radius - 1, last);
        } else {
            for (int y = 0; y < edgeB; ++y)
                step(y, 0, y + radius, 0, y + radius + 1);
            for (int y = edgeB; y < edgeA; ++y)
                step(y, 0, last, 0, last);
            for (int y = edgeA; y <= last; ++y)
                step(y, y - radius - 1, last, y - radius - 1, last);
        }
    }

    /// \a passes column passes over \a image, in stripes of the row run in parallel, ping-ponging between
    /// \a a and \a b (reused when they have the size); returns the one holding the result.
    const cv::Mat& blurColumns(const cv::Mat& image, float radius, int passes, cv::Mat& a, cv::Mat& b)
    {
        const int rowBytes = image.cols * image.channels();
        const int stripe = 1024;
        const int stripes = (rowBytes + stripe - 1) / stripe;
        a.create(image.size(), image.type());
        b.create(image.size(), image.type());
        cv::parallel_for_(cv::Range(0, stripes), [&](const cv::Range& r) {
            for (int s = r.start; s < r.end; ++s) {
                const int begin = s * stripe;
                const int end = std::min(rowBytes, begin + stripe);
                for (int i = 0; i < passes; ++i) {
                    const cv::Mat& from = i == 0 ? image : i % 2 == 0 ? a : b;
                    cv::Mat& to = i % 2 == 0 ? b : a;
                    boxBlurColumns(from, to, radius, begin, end);
                }
            }
        });
        return passes % 2 == 1 ? b : a;
    }

    /// Pillow's Gaussian blur of \a image in \a scratch's images; returns the one holding it (\a image itself
    /// when the radius blurs nothing).
    const cv::Mat& pillowGaussian(const cv::Mat& image, double radius, EnhanceScratch& scratch)
    {
        constexpr int passes = 3;
        const float boxRadius = boxRadiusForGaussian(float(radius), passes);
        if (boxRadius == 0.0f)
            return image;
        // Pillow: three passes along rows, then three along columns.
        cv::transpose(image, scratch.transposed);
        cv::transpose(
            blurColumns(scratch.transposed, boxRadius, passes, scratch.across[0], scratch.across[1]), scratch.rows);
        return blurColumns(scratch.rows, boxRadius, passes, scratch.down[0], scratch.down[1]);
    }

    void checkRadius(double radius, const char* op)
    {
        if (!std::isfinite(radius) || radius < 0.0 || radius > 1000.0)
            fail(std::string(op) + ": radius must be between 0 and 1000, got " + std::to_string(radius));
    }

} // namespace

void adjustSharpness(const cv::Mat& image, double factor, cv::Mat& out)
{
    checkImage(image, "sharpness");
    checkFactor(factor, "sharpness");
    checkOutput(image, out, "sharpness");
    onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) { sharpen(in, factor, result); });
}

cv::Mat adjustSharpness(const cv::Mat& image, double factor)
{
    return made([&](cv::Mat& out) { adjustSharpness(image, factor, out); });
}

void adjustContrast(const cv::Mat& image, double factor, cv::Mat& out, EnhanceScratch* scratch)
{
    checkImage(image, "contrast");
    checkFactor(factor, "contrast");
    checkOutput(image, out, "contrast");
    EnhanceScratch local;
    EnhanceScratch& s = scratch ? *scratch : local;
    onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) {
        const cv::Mat l = lumaImage(in, s.luma);
        const double mean = cv::mean(l)[0];
        const int grey = int(mean + 0.5);
        // The degenerate image is constant, so the blend is a lookup table.
        cv::Mat lut(1, 256, CV_8UC1);
        for (int v = 0; v < 256; ++v)
            lut.at<std::uint8_t>(v) = blendValue(grey, v, float(factor));
        cv::LUT(in, lut, result);
    });
}

cv::Mat adjustContrast(const cv::Mat& image, double factor)
{
    return made([&](cv::Mat& out) { adjustContrast(image, factor, out); });
}

void adjustColor(const cv::Mat& image, double factor, cv::Mat& out)
{
    checkImage(image, "color");
    checkFactor(factor, "color");
    checkOutput(image, out, "color");
    onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) {
        if (in.channels() == 1) {
            in.copyTo(result);
            return;
        }
        const float alpha = float(factor);
        result.create(in.size(), in.type());
        forRows(in.rows, [&](int begin, int end) {
            for (int y = begin; y < end; ++y) {
                const std::uint8_t* p = in.ptr<std::uint8_t>(y);
                std::uint8_t* o = result.ptr<std::uint8_t>(y);
                for (int x = 0; x < in.cols * 3; x += 3) {
                    const int l = luma(p + x);
                    o[x] = blendValue(l, p[x], alpha);
                    o[x + 1] = blendValue(l, p[x + 1], alpha);
                    o[x + 2] = blendValue(l, p[x + 2], alpha);
                }
            }
        });
    });
}

cv::Mat adjustColor(const cv::Mat& image, double factor)
{
    return made([&](cv::Mat& out) { adjustColor(image, factor, out); });
}

void adjustBrightness(const cv::Mat& image, double factor, cv::Mat& out)
{
    checkImage(image, "brightness");
    checkFactor(factor, "brightness");
    checkOutput(image, out, "brightness");
    onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) {
        cv::Mat lut(1, 256, CV_8UC1);
        for (int v = 0; v < 256; ++v)
            lut.at<std::uint8_t>(v) = blendValue(0, v, float(factor));
        cv::LUT(in, lut, result);
    });
}

cv::Mat adjustBrightness(const cv::Mat& image, double factor)
{
    return made([&](cv::Mat& out) { adjustBrightness(image, factor, out); });
}

cv::Mat gaussianBlur(const cv::Mat& image, double radius)
{
    checkImage(image, "gaussian blur");
    checkRadius(radius, "gaussian blur");
    return made([&](cv::Mat& out) {
        onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) {
            EnhanceScratch scratch;
            const cv::Mat& blurred = pillowGaussian(in, radius, scratch);
            result = blurred.data == in.data ? in.clone() : blurred;
        });
    });
}

void unsharpMask(const cv::Mat& image, const UnsharpMaskParams& params, cv::Mat& out, EnhanceScratch* scratch)
{
    checkImage(image, "unsharp mask");
    checkRadius(params.radius, "unsharp mask");
    if (params.percent < 0 || params.percent > 10000)
        fail("unsharp mask: percent must be between 0 and 10000, got " + std::to_string(params.percent));
    if (params.threshold < 0 || params.threshold > 255)
        fail("unsharp mask: threshold must be between 0 and 255, got " + std::to_string(params.threshold));
    checkOutput(image, out, "unsharp mask");
    EnhanceScratch local;
    EnhanceScratch& s = scratch ? *scratch : local;
    onColour(image, out, [&](const cv::Mat& in, cv::Mat& result) {
        const cv::Mat& blurred = pillowGaussian(in, params.radius, s);
        result.create(in.size(), in.type());
        const int percent = params.percent;
        const int threshold = params.threshold;
        const int width = in.cols * in.channels();
        forRows(in.rows, [&](int begin, int end) {
            for (int y = begin; y < end; ++y) {
                const std::uint8_t* p = in.ptr<std::uint8_t>(y);
                const std::uint8_t* q = blurred.ptr<std::uint8_t>(y);
                std::uint8_t* o = result.ptr<std::uint8_t>(y);
                int x = 0;
#if CV_SIMD
                using namespace cv;
                // diff * percent is exact in float (|diff * percent| <= 2550000 < 2^24), and its quotient by 100
                // is never within 0.01 of an integer unless it is one, far beyond float error: truncating the
                // float quotient gives the integer division's result.
                const v_float32 hundred = vx_setall_f32(100.0f);
                const v_int32 pct = vx_setall_s32(percent);
                const v_int32 thresh = vx_setall_s32(threshold);
                const v_int32 zero = vx_setzero_s32();
                const v_int32 top = vx_setall_s32(255);
                auto sharpenQuarter = [&](const v_uint32& pu, const v_uint32& qu) {
                    const v_int32 pi = v_reinterpret_as_s32(pu);
                    const v_int32 diff = pi - v_reinterpret_as_s32(qu);
                    const v_int32 step = v_trunc(v_cvt_f32(diff * pct) / hundred);
                    const v_int32 sharpened = v_min(v_max(pi + step, zero), top);
                    return v_select(v_reinterpret_as_s32(v_abs(diff)) > thresh, sharpened, pi);
                };
                for (; x + v_uint16::nlanes <= width; x += v_uint16::nlanes) {
                    v_uint32 p0, p1, q0, q1;
                    v_expand(vx_load_expand(p + x), p0, p1);
                    v_expand(vx_load_expand(q + x), q0, q1);
                    v_pack_u_store(o + x, v_pack(sharpenQuarter(p0, q0), sharpenQuarter(p1, q1)));
                }
#endif
                for (; x < width; ++x) {
                    const int diff = int(p[x]) - int(q[x]);
                    const int sharpened = std::min(std::max(int(p[x]) + diff * percent / 100, 0), 255);
                    o[x] = std::uint8_t(std::abs(diff) > threshold ? sharpened : p[x]);
                }
            }
        });
    });
}

cv::Mat unsharpMask(const cv::Mat& image, const UnsharpMaskParams& params)
{
    return made([&](cv::Mat& out) { unsharpMask(image, params, out); });
}

EnhanceSettings EnhanceSettings::seedChain()
{
    EnhanceSettings s;
    s.sharpness = 1.2;
    s.contrast = 1.1;
    s.color = 1.1;
    s.unsharp = UnsharpMaskParams { 1.0, 150, 3 };
    return s;
}

bool EnhanceSettings::isIdentity() const
{
    return sharpness == 1.0 && contrast == 1.0 && color == 1.0 && brightness == 1.0 && !unsharp;
}

QJsonArray EnhanceSettings::operations() const
{
    QJsonArray ops;
    auto factorOp = [&](const char* name, double factor) {
        if (factor != 1.0)
            ops.append(
                QJsonObject { { QStringLiteral("op"), QLatin1String(name) }, { QStringLiteral("factor"), factor } });
    };
    factorOp("sharpness", sharpness);
    factorOp("contrast", contrast);
    factorOp("color", color);
    factorOp("brightness", brightness);
    if (unsharp)
        ops.append(QJsonObject { { QStringLiteral("op"), QStringLiteral("unsharp_mask") },
            { QStringLiteral("radius"), unsharp->radius }, { QStringLiteral("percent"), unsharp->percent },
            { QStringLiteral("threshold"), unsharp->threshold } });
    return ops;
}

cv::Mat enhance(const cv::Mat& image, const EnhanceSettings& settings)
{
    checkImage(image, "enhance");
    cv::Mat out = image.clone();
    if (settings.sharpness != 1.0)
        out = adjustSharpness(out, settings.sharpness);
    if (settings.contrast != 1.0)
        out = adjustContrast(out, settings.contrast);
    if (settings.color != 1.0)
        out = adjustColor(out, settings.color);
    if (settings.brightness != 1.0)
        out = adjustBrightness(out, settings.brightness);
    if (settings.unsharp)
        out = unsharpMask(out, *settings.unsharp);
    return out;
}

} // namespace easel::imaging
