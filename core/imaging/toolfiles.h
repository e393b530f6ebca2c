// SPDX-License-Identifier: MIT
#pragma once

// The image tools applied file to file: read the source, apply, write a new PNG atomically that names
// its source (sha256) and the operation with its values. Shared by easel-cli and the queue's jobs.

#include "gallery/atomicfile.h"
#include "imaging/attribution.h"
#include "imaging/enhance.h"

#include <optional>

namespace easel::imaging {

/// Enhances `in` into `out`; returns the number of steps applied. Throws easel::Error.
int enhanceFile(const QString& in, const QString& out, const EnhanceSettings& settings, const QString& software,
    AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

/// Watermarks `in` into `out` and writes the provenance chunks. The model is read from the source's
/// chunks unless `model` is given. Returns the model recorded. Throws easel::Error.
ModelInfo attributeFile(const QString& in, const QString& out, const WatermarkOptions& watermark,
    const std::optional<ModelInfo>& model, const QString& software,
    AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

/**
 * Re-applies a recorded chain (the easel:operations of a result) to \a image: the enhance steps
 * ("sharpness", "contrast", "color", "brightness" with "factor"; "unsharp_mask" with "radius", "percent",
 * "threshold") and "watermark" ("text", "corner", "opacity", "size"), in order; "provenance" changes no
 * pixels. A merge needs its second image and cannot be re-applied to one image. Throws easel::Error naming the
 * step and field that is wrong or unknown.
 */
cv::Mat applyChain(const cv::Mat& image, const QJsonArray& operations);

/// applyChain() file to file: `out` records `in` as its source and the operations; a "provenance" step writes
/// the provenance chunks (the model read from the source). Returns the number of steps. Throws easel::Error.
int applyChainFile(const QString& in, const QString& out, const QJsonArray& operations, const QString& software,
    AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

/// "br", "bl", "tr", "tl".
QString cornerName(Corner corner);

} // namespace easel::imaging
