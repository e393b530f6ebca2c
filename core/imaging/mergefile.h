// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/atomicfile.h"
#include "imaging/merge.h"

#include <QString>

#include <QJsonArray>

namespace easel::imaging {

/// Matte strokes as recorded in a merge's operations: [{"mode":"keep"|"remove","radius":r,"points":[[x,y],...]}].
QJsonArray strokesToJson(const std::vector<MatteStroke>& strokes);
/// The strokes of strokesToJson(); throws easel::Error naming the stroke and field that is wrong.
std::vector<MatteStroke> strokesFromJson(const QJsonValue& json);

/**
 * Merges the character image file onto the background image file (merge()) and writes the result to
 * \a out as a new PNG whose chunks name both sources (with their hashes), the operation and the model
 * the character was made with; options.cutout.strokes are recorded with the operation. Throws easel::Error for unreadable inputs, a failed
 * merge or a refused/failed write.
 */
MergeResult mergeFiles(const QString& character, const QString& background, const QString& out,
    const MergeOptions& options, const QString& software, AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

} // namespace easel::imaging
