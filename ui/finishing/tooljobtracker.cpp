// SPDX-License-Identifier: MIT
#include "finishing/tooljobtracker.h"

#include "finishing/finishingutil.h"
#include "jobs/jobqueue.h"

namespace easel {

ToolJobTracker::ToolJobTracker(JobQueue& queue, QObject* parent)
    : QObject(parent)
    , m_queue(queue)
{
    connect(&m_queue, &JobQueue::jobFinished, this, [this](quint64 id, const JobResult& result) {
        const auto it = m_jobs.find(id);
        if (it == m_jobs.end())
            return;
        const QString output = it.value();
        m_jobs.erase(it);
        if (result.state == JobState::Completed)
            Q_EMIT saved(id, output);
        else
            Q_EMIT failed(id, result.message.isEmpty() ? jobStateText(result.state) : result.message);
    });
}

QString ToolJobTracker::outputFor(const QString& source, const QString& tag) const
{
    const QList<QString> values = m_jobs.values();
    return resultPathBeside(source, tag, QSet<QString>(values.begin(), values.end()));
}

quint64 ToolJobTracker::submit(const ImageToolRequest& request)
{
    const quint64 id = m_queue.submit(std::make_unique<ImageToolJob>(request));
    m_jobs.insert(id, request.output);
    Q_EMIT submitted(id, request.output);
    return id;
}

} // namespace easel
