// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

namespace easel::imaging {

/// Quality flags of a generated image: the signs of a failed generation (a NaN-black VAE decode,
/// a blown-out or uniform image). Used by the gallery and `easel-cli check`; the engine's
/// QualityFlags (engine/pipeline/generation.h) use the same thresholds and definitions.
struct QualityReport {
    /// Thresholds, in 8-bit levels.
    static constexpr double BlackMean = 10.0; ///< nearly black below this mean
    static constexpr double WhiteMean = 245.0; ///< nearly white above this mean
    static constexpr double UniformStd = 5.0; ///< uniform when every channel's standard deviation is below this

    double mean = 0.0; ///< mean of all colour channel values
    double stddev = 0.0; ///< the largest per-channel standard deviation
    bool nearlyBlack = false;
    bool nearlyWhite = false;
    bool uniform = false;

    /// True when no flag is set.
    bool ok() const { return !nearlyBlack && !nearlyWhite && !uniform; }
    /// The set flags as words: "nearly-black", "nearly-white", "uniform".
    QStringList flags() const;
    /// One line for people, e.g. "nearly black, uniform (mean 3.2, std 0.4)" or "ok (mean 118.0, std 52.3)".
    QString summary() const;
};

/// Checks an 8-bit grey, BGR or BGRA image (alpha is ignored). A uniform image of any colour is
/// flagged "uniform" (each channel's deviation is small), whatever its mean.
/// Throws easel::Error for an empty image or one that is not 8 or 16 bit.
QualityReport checkQuality(const cv::Mat& image);

} // namespace easel::imaging
