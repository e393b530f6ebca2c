// SPDX-License-Identifier: MIT
#pragma once

#include "batch/promptlist.h"

#include <QList>
#include <QString>

namespace easel {

/// One frame of a batch: its prompt entry, where its image goes, and whether it is already there.
struct PlannedFrame {
    PromptEntry entry;
    /// OUTPUT_ROOT/<video_name>/frame_%08d.png
    QString path;
    bool exists = false;
};

/**
 * Where a prompt list's images go: OUTPUT_ROOT/<video_name>/frame_<milliseconds, 8 digits>.png plus
 * metadata.json beside them.
 *
 * Resuming skips frames whose file exists: images are written atomically (temporary file, then rename), so an
 * existing frame file is always complete and an interrupted write leaves no frame file behind.
 */
class OutputPlan {
public:
    OutputPlan(const PromptList& list, const QString& outputRoot);

    /// OUTPUT_ROOT/<video_name>.
    QString outputDir() const { return m_outputDir; }
    /// outputDir()/metadata.json.
    QString metadataPath() const;
    /// All frames in prompt-list order.
    const QList<PlannedFrame>& frames() const { return m_frames; }
    /// Frames still to generate, in prompt-list order.
    QList<PlannedFrame> pendingFrames() const;
    /// Frames whose image exists.
    QList<PlannedFrame> completedFrames() const;
    /// Checks the disk again for which frames exist.
    void refresh();
    /// Creates outputDir(); on failure returns false with a one-line message.
    bool createOutputDir(QString* errorMessage = nullptr) const;

private:
    QString m_outputDir;
    QList<PlannedFrame> m_frames;
};

} // namespace easel
