// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/imagetooljob.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace easel {

class JobQueue;

/// Queues the finishing panels' image-tool jobs on the studio's JobQueue and reports how each ended.
/// Output names handed out for jobs that have not written yet are remembered, so two quick Applies never
/// pick the same file.
class ToolJobTracker : public QObject {
    Q_OBJECT
public:
    explicit ToolJobTracker(JobQueue& queue, QObject* parent = nullptr);

    /// A free result path beside \a source (see resultPathBeside()).
    QString outputFor(const QString& source, const QString& tag) const;
    /// Queues \a request at the back of the queue; returns its job id.
    quint64 submit(const ImageToolRequest& request);
    /// Jobs submitted here that have not ended.
    int pending() const { return int(m_jobs.size()); }

Q_SIGNALS:
    void submitted(quint64 id, const QString& output);
    void saved(quint64 id, const QString& output);
    /// One line for the user (the job's own message).
    void failed(quint64 id, const QString& message);

private:
    JobQueue& m_queue;
    QHash<quint64, QString> m_jobs; ///< id -> output
};

} // namespace easel
