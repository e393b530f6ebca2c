// SPDX-License-Identifier: MIT
#include "batch/outputplan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace easel {

OutputPlan::OutputPlan(const PromptList& list, const QString& outputRoot)
    : m_outputDir(QDir(outputRoot).filePath(list.videoName()))
{
    const QDir dir(m_outputDir);
    for (const PromptEntry& entry : list.entries()) {
        PlannedFrame frame;
        frame.entry = entry;
        frame.path = dir.filePath(entry.frameFileName());
        m_frames.append(frame);
    }
    refresh();
}

QString OutputPlan::metadataPath() const { return QDir(m_outputDir).filePath(QStringLiteral("metadata.json")); }

QList<PlannedFrame> OutputPlan::pendingFrames() const
{
    QList<PlannedFrame> pending;
    for (const PlannedFrame& frame : m_frames) {
        if (!frame.exists)
            pending.append(frame);
    }
    return pending;
}

QList<PlannedFrame> OutputPlan::completedFrames() const
{
    QList<PlannedFrame> done;
    for (const PlannedFrame& frame : m_frames) {
        if (frame.exists)
            done.append(frame);
    }
    return done;
}

void OutputPlan::refresh()
{
    for (PlannedFrame& frame : m_frames) {
        const QFileInfo info(frame.path);
        frame.exists = info.exists() && info.isFile();
    }
}

bool OutputPlan::createOutputDir(QString* errorMessage) const
{
    if (QDir().mkpath(m_outputDir))
        return true;
    if (errorMessage)
        *errorMessage = QCoreApplication::translate("easel::OutputPlan", "Cannot create the folder '%1'")
                            .arg(QDir::toNativeSeparators(m_outputDir));
    return false;
}

} // namespace easel
