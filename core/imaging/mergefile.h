// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/atomicfile.h"
#include "imaging/merge.h"

#include <QString>

namespace easel::imaging {

/**
 * Merges the character image file onto the background image file (merge()) and writes the result to
 * \a out as a new PNG whose chunks name both sources (with their hashes), the operation and the model
 * the character was made with. Throws easel::Error for unreadable inputs, a failed
 * merge or a refused/failed write.
 */
MergeResult mergeFiles(const QString& character, const QString& background, const QString& out,
    const MergeOptions& options, const QString& software, AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

} // namespace easel::imaging
