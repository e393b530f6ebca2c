// SPDX-License-Identifier: MIT
#pragma once

#include "story/storydocument.h"
#include "story/storyprompt.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// What an export wrote (absolute paths).
struct StoryExportResult {
    QStringList frames; ///< the keyframes copied, in story order
    QString metadataPath; ///< metadata.json
    QString shotListPath; ///< shot-list.csv
    /// Translated one-line notes: shots without a keyframe (left out of the frames, listed in the CSV and PDF).
    QStringList notes;
    /// Frames an earlier export into the same folder wrote (listed in its metadata.json) that this export no longer
    /// has (a shot removed or moved in time), removed after the new metadata was written. Files the earlier export
    /// did not list are never touched.
    QStringList removedFrames;
};

/// Writes one file of an export atomically (QSaveFile, flushed before commit); false with one translated line
/// naming the file on failure. The export and the contact sheet write through it.
bool writeStoryExportFile(const QString& path, const QByteArray& data, QString* errorMessage);

/**
 * Exports a story for editors and video tools into `dir` (made when missing):
 * - frames/<HH-MM-SS.mmm>_shot-<NNN>.png: each shot's keyframe, named by its timestamp so they sort in film
 *   order;
 * - metadata.json in the batch layout (core/batch/batchmetadata): one entry per frame with its prompt, seed and
 *   file, plus the shot's number, id, scene, timestamp and duration;
 * - shot-list.csv: number, id, scene, timestamp, duration, shot type, camera angle, lighting, mood, location,
 *   characters, description, keyframe (RFC 4180 quoting, UTF-8).
 * Re-exporting into the same folder removes the frames of the earlier export that this one no longer has
 * (StoryExportResult::removedFrames), so frames/ always matches metadata.json.
 * The prompts in metadata.json come from `builder` (none: empty prompts). Every file is written atomically. nullopt
 * with one translated line naming the file on failure. QtCore only; the contact sheet PDF is writeStoryContactSheet()
 * (storycontactsheet.h, Qt6::Gui).
 */
std::optional<StoryExportResult> exportStory(const StoryDocument& document, const QString& dir,
    QString* errorMessage = nullptr, const StoryPromptBuilder* builder = nullptr);

/// The shot list CSV text (what shot-list.csv holds).
QByteArray storyShotListCsv(const StoryDocument& document);

} // namespace easel
