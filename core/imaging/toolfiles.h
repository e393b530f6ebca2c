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

/// "br", "bl", "tr", "tl".
QString cornerName(Corner corner);

} // namespace easel::imaging
