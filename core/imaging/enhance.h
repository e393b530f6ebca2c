// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>

#include <opencv2/core.hpp>

#include <optional>

namespace easel::imaging {

/**
 * \file
 * Photo enhancements with Pillow 9.4's exact semantics (ImageEnhance, ImageFilter), so results match
 * what users of the Python tools know, to the level.
 *
 * Images are 8-bit OpenCV matrices: BGR (CV_8UC3), BGRA (CV_8UC4: alpha is passed through untouched)
 * or grey (CV_8UC1). Every function returns a new image and throws easel::Error for an
 * empty or unsupported image or an out-of-range parameter.
 *
 * The four ImageEnhance operations blend the image with a "degenerate" version of itself:
 * out = degenerate + factor * (image - degenerate), in single precision, truncated and clipped to
 * 0..255. Factor 1 returns the image, 0 the degenerate one, above 1 extrapolates.
 */

/// Blend with the 3x3 SMOOTH filter ([[1,1,1],[1,5,1],[1,1,1]]/13, border pixels kept).
cv::Mat adjustSharpness(const cv::Mat& image, double factor);
/// Blend with a grey image at the rounded mean luma (L = (19595 R + 38470 G + 7471 B + 32768) >> 16).
cv::Mat adjustContrast(const cv::Mat& image, double factor);
/// Blend with the luma image (factor 0 is greyscale).
cv::Mat adjustColor(const cv::Mat& image, double factor);
/// Blend with black.
cv::Mat adjustBrightness(const cv::Mat& image, double factor);

/// Pillow's GaussianBlur: three passes of an extended (fractional-radius) box blur per axis, edges
/// extended, rounded to 8 bits after every pass. \a radius is the standard deviation, 0..1000.
cv::Mat gaussianBlur(const cv::Mat& image, double radius);

/// Unsharp mask parameters, as Pillow's ImageFilter.UnsharpMask.
struct UnsharpMaskParams {
    double radius = 2.0; ///< Gaussian blur radius, 0..1000
    int percent = 150; ///< strength in percent, 0..10000
    int threshold = 3; ///< a pixel changes only where |image - blurred| exceeds this, 0..255

    bool operator==(const UnsharpMaskParams& o) const
    {
        return radius == o.radius && percent == o.percent && threshold == o.threshold;
    }
};

/// out = image + (image - blurred) * percent / 100 (integer arithmetic) where |image - blurred| > threshold.
cv::Mat unsharpMask(const cv::Mat& image, const UnsharpMaskParams& params);

/// Images the steps below work in, kept by a caller that enhances again and again at one size (a live preview),
/// so that a step allocates nothing.
struct EnhanceScratch {
    cv::Mat luma;
    cv::Mat transposed;
    cv::Mat rows;
    cv::Mat across[2];
    cv::Mat down[2];
};

/// The steps into \a out, which is reused when it already has the size and type and must not share pixels with
/// \a image; the same pixels as the functions above.
void adjustSharpness(const cv::Mat& image, double factor, cv::Mat& out);
void adjustContrast(const cv::Mat& image, double factor, cv::Mat& out, EnhanceScratch* scratch = nullptr);
void adjustColor(const cv::Mat& image, double factor, cv::Mat& out);
void adjustBrightness(const cv::Mat& image, double factor, cv::Mat& out);
void unsharpMask(
    const cv::Mat& image, const UnsharpMaskParams& params, cv::Mat& out, EnhanceScratch* scratch = nullptr);

/// A chain of enhancements applied in a fixed order: sharpness, contrast, colour, brightness, unsharp mask.
/// Factors of exactly 1 and an unset unsharp mask are skipped.
struct EnhanceSettings {
    double sharpness = 1.0;
    double contrast = 1.0;
    double color = 1.0;
    double brightness = 1.0;
    std::optional<UnsharpMaskParams> unsharp;

    /// The classic one-click chain: sharpness 1.2, contrast 1.1, colour 1.1, unsharp mask 1/150/3.
    static EnhanceSettings seedChain();

    /// True when applying the settings changes nothing.
    bool isIdentity() const;

    /// The applied steps for result metadata, e.g. [{"op":"sharpness","factor":1.2}, ...], in the
    /// shape of tests/data/imaging/manifest.json's "chain".
    QJsonArray operations() const;
};

/// Applies \a settings to \a image (see EnhanceSettings). Throws easel::Error on bad input.
cv::Mat enhance(const cv::Mat& image, const EnhanceSettings& settings);

} // namespace easel::imaging
