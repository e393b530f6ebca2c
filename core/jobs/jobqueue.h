// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/job.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class QThreadPool;

namespace easel {

class ModelService;

/// A job as the queue panel shows it.
struct JobInfo {
    quint64 id = 0;
    QString kind;
    QString title;
    JobState state = JobState::Queued;
    QString message; ///< the last one-line message (failure, cancel note)
    QDateTime created;
    QStringList files; ///< files written so far
};

/**
 * Runs every kind of job on worker threads: the one queue of the studio.
 *
 * Jobs run in lanes (Job::lanes()): at most one job per lane at once, in queue order within a lane, and
 * jobs of different lanes side by side (the local engine and each ComfyUI server). Every local job is in
 * the "local" lane, so they run one after another as before.
 *
 * Lives on the GUI thread; every signal is emitted there. Jobs go to the back (or the front) of the
 * queue, can be moved while they wait, cancelled (a queued one never starts; a running one stops at its
 * next step, or after the batch in progress), retried or duplicated once they ended. "Pause after
 * current" lets the running jobs finish and starts no other until resumed. Finished jobs stay listed
 * until removed, or until more than endedLimit() have ended: then the oldest go (completed ones first), as
 * if removed. Events of a job cancelled with CancelMode::Now (progress, previews) are dropped;
 * imageSaved still reports files written before it stopped, because those files exist. Each job
 * that starts ends with exactly one jobFinished (none when the queue is destroyed first).
 *
 * Previews are throttled: none while the previous one has not been delivered yet, so a slow UI never
 * builds up a backlog.
 */
class JobQueue : public QObject {
    Q_OBJECT
public:
    enum class Position { Back, Front };

    /// `models` is shared with the caller when given (it must outlive the queue); else the queue owns one.
    explicit JobQueue(ModelService* models = nullptr, QObject* parent = nullptr);
    /// Cancels the running jobs and waits for them; no signal is emitted from here.
    ~JobQueue() override;

    /// Queues a job and returns its id (ids grow).
    quint64 submit(std::unique_ptr<Job> job, Position position = Position::Back);
    /// Puts back a job from a persisted queue with its old id, state, message and files. A Queued one waits
    /// to run; any other is listed as ended (a Running one becomes Interrupted).
    void restore(quint64 id, std::unique_ptr<Job> job, JobState state, const QString& message,
        const QDateTime& created, const QStringList& files = {});
    /// New jobs get ids from `id` up (a persisted queue keeps rows it could not read under their ids).
    void reserveIds(quint64 id);

    /// Cancels a queued or running job; false for an unknown or ended id.
    bool cancel(quint64 id, CancelMode mode = CancelMode::Now);
    /// Cancels every queued job and the running ones.
    void cancelAll(CancelMode mode = CancelMode::Now);
    /// Moves a queued job to `index` among the queued jobs (clamped); false when it is not queued.
    bool move(quint64 id, int index);
    /// Queues a copy of an ended job (retry after a failure, or a duplicate) at the back; 0 when unknown.
    quint64 resubmit(quint64 id, Position position = Position::Back);
    /// Forgets an ended job; false when unknown, queued or running.
    bool remove(quint64 id);
    /// Keeps at most `count` ended jobs (0, the default: all): beyond it the oldest completed one is forgotten
    /// (jobRemoved), else the oldest ended one, at once and whenever a job ends. A long session's list (and
    /// what listens to it) stays bounded; the images stay in the gallery.
    void setEndedLimit(int count);
    int endedLimit() const { return m_endedLimit; }

    /// Paused: the running job finishes, no other starts until setPaused(false).
    void setPaused(bool paused);
    bool isPaused() const;

    quint64 runningJob() const; ///< the running job that started first; 0 when none runs
    QList<quint64> runningJobs() const; ///< every running job, in the order they started
    /// The lane a running job was started on; empty for a job that does not run.
    QString runningLane(quint64 id) const;
    QList<quint64> queuedJobs() const; ///< in the order they will run
    bool isIdle() const; ///< nothing runs and nothing waits (or the queue is paused)
    /// Every job known, ended ones first (oldest first), then the running ones (as they started), queued.
    QList<JobInfo> jobs() const;
    std::optional<JobInfo> info(quint64 id) const;
    /// The job itself (for its recipe or its JSON); nullptr when unknown.
    const Job* job(quint64 id) const;

    ModelService& models();

Q_SIGNALS:
    void jobAdded(quint64 id);
    void jobStarted(quint64 id);
    void jobProgress(quint64 id, const easel::JobProgress& progress);
    void jobPreview(quint64 id, int imageIndex, int step, const easel::Preview& image);
    void imageSaved(quint64 id, const easel::SavedImage& image);
    void jobFinished(quint64 id, const easel::JobResult& result);
    void jobRemoved(quint64 id);
    /// The order of queued jobs or the pause state changed.
    void queueChanged();

private:
    struct Entry;
    class Context;

    static constexpr int MaxLanes = 32; ///< jobs running at once, at most (worker threads)

    void scheduleStart();
    void startNext();
    void start(const std::shared_ptr<Entry>& entry, const QString& lane);
    void onJobDone(quint64 id, const JobResult& result);
    Entry* find(quint64 id) const;
    void pruneEnded();
    static JobInfo infoOf(const Entry& entry);

    std::unique_ptr<ModelService> m_ownedModels;
    ModelService* m_models = nullptr;
    std::unique_ptr<QThreadPool> m_pool;
    QList<std::shared_ptr<Entry>> m_ended;
    QList<std::shared_ptr<Entry>> m_running; ///< in the order they started, one per lane
    QList<std::shared_ptr<Entry>> m_queued;
    quint64 m_nextId = 1;
    bool m_paused = false;
    bool m_startScheduled = false;
    int m_endedLimit = 0;
};

} // namespace easel
