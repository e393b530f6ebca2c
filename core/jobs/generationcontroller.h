// SPDX-License-Identifier: MIT
#pragma once

#include "engine/pipeline/generation.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <memory>

namespace easel::engine {
class ModelCache;
}

namespace easel {

struct GenerationRequest;

/// One preview frame of a running job, as plain bytes so that core needs no QtGui: RGB888 rows of
/// 3 * width bytes, top to bottom. The UI wraps it in a QImage (Format_RGB888, bytesPerLine 3 * width).
struct Preview {
    int width = 0;
    int height = 0;
    QByteArray rgb;

    bool isNull() const { return width <= 0 || height <= 0 || rgb.size() != qsizetype(width) * height * 3; }
};

/**
 * Runs generation requests in the background for the studio window, one after another.
 *
 * Lives on the GUI thread. Owns the model cache and a thread pool with a single thread (one model, one
 * job at a time). Every signal is emitted on the controller's thread. Events of a job cancelled with
 * CancelMode::Now (progress, previews) are dropped; imageSaved still reports images that were written
 * before the job stopped, because those files exist. Each job ends with exactly one jobFinished
 * (none when the controller is destroyed first).
 *
 * Previews are throttled: at most one per sampler step, and none while the previous one has not been
 * delivered yet, so a slow UI never builds up a backlog.
 */
class GenerationController : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 DefaultCacheBudget = qint64(16) << 30;

    /// `hashCacheDir` keeps the models' sha256 between runs (empty: no cache); the model cache keeps
    /// loaded models up to `cacheBudgetBytes`.
    explicit GenerationController(
        QString hashCacheDir, qint64 cacheBudgetBytes = DefaultCacheBudget, QObject* parent = nullptr);
    /// Uses the user's cache location for the model hashes.
    explicit GenerationController(QObject* parent = nullptr);
    /// Cancels the queue and the running job and waits for it; no signal is emitted from here.
    ~GenerationController() override;

    /// Queues a job and returns its id (ids start at 1 and grow). The job's request is validated when
    /// it starts; a bad one ends in jobFinished(Failed).
    quint64 submit(const GenerationRequest& request);

    /**
     * Cancels a queued or running job. A queued job is removed and never starts (jobFinished(Cancelled)
     * is emitted before this returns). A running job stops at its next step (Now) or after the batch in
     * progress (AfterCurrentImage) and then reports Cancelled. Returns false for an unknown or finished id.
     */
    bool cancel(quint64 id, easel::engine::CancelMode mode = easel::engine::CancelMode::Now);
    /// Cancels every queued job and the running one.
    void cancelAll(easel::engine::CancelMode mode = easel::engine::CancelMode::Now);

    /// The running job's id, 0 when none runs.
    quint64 runningJob() const;
    /// Ids of the jobs waiting, in the order they will run.
    QList<quint64> queuedJobs() const;
    bool isIdle() const;

    /// Loaded models (thread-safe): to unload a model or change the budget.
    engine::ModelCache& modelCache();

Q_SIGNALS:
    void jobStarted(quint64 id);
    /// After every sampler step: `step` is 1-based within batch `batch` (0-based) of `batches`.
    void progress(quint64 id, int step, int steps, int batch, int batches, double elapsedSec, double etaSec);
    /// `imageIndex` is the image's position in the run (batch * batchSize + position in the batch).
    void preview(quint64 id, int imageIndex, int step, const easel::Preview& image);
    /// A finished image was written to `path` (with its parameters in the PNG).
    void imageSaved(quint64 id, const QString& path, quint64 seed);
    /// The job ended; `message` is one line for Failed, a short note for Cancelled, empty for Completed.
    void jobFinished(quint64 id, easel::engine::Outcome outcome, const QString& message);

private:
    struct Job;
    struct Result {
        engine::Outcome outcome = engine::Outcome::Completed;
        QString message;
    };
    class Forwarder;

    void startNext();
    void onJobDone();
    static Result work(GenerationController* controller, const std::shared_ptr<Job>& job, engine::ModelCache* cache,
        const QString& hashCacheDir);

    QString m_hashCacheDir;
    std::unique_ptr<engine::ModelCache> m_cache;
    QThreadPool m_pool;
    QFutureWatcher<Result> m_watcher;
    std::deque<std::shared_ptr<Job>> m_queue;
    std::shared_ptr<Job> m_running;
    quint64 m_nextId = 1;
    bool m_startScheduled = false;
};

} // namespace easel

Q_DECLARE_METATYPE(easel::Preview)
Q_DECLARE_METATYPE(easel::engine::Outcome)
