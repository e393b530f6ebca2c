// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/imagefile.h"

#include <QString>

#include <opencv2/core.hpp>

#include <optional>

namespace easel::imaging {

/// Where the watermark goes.
enum class Corner { BottomRight, BottomLeft, TopRight, TopLeft };

/// "br", "bl", "tr", "tl" (case-insensitive); nullopt for anything else.
std::optional<Corner> cornerFromString(const QString& text);

/// A visible watermark.
struct WatermarkOptions {
    QString text = QStringLiteral("AI-generated");
    Corner corner = Corner::BottomRight;
    /// Opacity of the text, 0..1; the dark box behind it is drawn at half this opacity.
    double opacity = 0.7;
    /// Text height relative to the default (about 3% of the shorter side), 0.25..4.
    double size = 1.0;
};

/// Where addWatermark() puts its box in an image of \a size (text height about 3% of the shorter side times
/// options.size, at least 8 px; margin about 2%). Throws easel::Error for empty text, bad opacity or size.
cv::Rect watermarkRect(cv::Size size, const WatermarkOptions& options);

/**
 * A copy of \a image (8-bit grey, BGR or BGRA) with \a options.text drawn in white over a semi-transparent
 * dark box in a corner, anti-aliased (OpenCV Hershey font, so characters outside ASCII are shown as '?').
 */
cv::Mat addWatermark(const cv::Mat& image, const WatermarkOptions& options);

/// The model an image was made with, as far as is known.
struct ModelInfo {
    QString name; ///< e.g. "v1-5-pruned-emaonly"; empty when unknown
    QString family; ///< "sd1", "sd2", "sdxl" or empty
    QString licence; ///< e.g. "CreativeML OpenRAIL-M"; empty when unknown
};

/// The licence of a model family: CreativeML OpenRAIL-M for SD 1.x, CreativeML OpenRAIL++-M for
/// SD 2.x and SDXL; empty for an unknown family. The same names as engine::modelLicence().
QString familyLicence(const QString& family);

/// "sd1", "sd2" or "sdxl" guessed from a model or architecture name ("sd_xl_base_1.0", "v2-1_768",
/// "SD 1.5"...); empty when the name does not tell.
QString familyFromName(const QString& name);

/**
 * The model recorded in an image's text chunks: an earlier attribution ("Model", "License"), Easel's
 * generation record ("easel" JSON) or AUTOMATIC1111's "parameters". The licence defaults to the family's.
 */
ModelInfo modelInfoFromChunks(const TextChunks& chunks);

/// IPTC digital source type of media made by a trained model.
inline const QString kTrainedAlgorithmicMedia
    = QStringLiteral("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");

/// An XMP packet marking the image as AI-generated (Iptc4xmpExt:DigitalSourceType =
/// trainedAlgorithmicMedia), with the creator tool, the model and its licence (dc:rights).
QString provenanceXmp(const ModelInfo& model, const QString& software);

/// Text chunks for invisible provenance: "Model", "License", "AI-generated" ("true") and the XMP packet.
/// Unknown values are written as "unknown".
TextChunks provenanceChunks(const ModelInfo& model, const QString& software);

/// The DigitalSourceType found in the XMP chunk (parsed as XML), or an empty string.
QString digitalSourceType(const TextChunks& chunks);

} // namespace easel::imaging
