// SPDX-License-Identifier: MIT
#include "jobs/generationcontroller.h"

#include "jobs/generationjob.h"

#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QPointer>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <utility>

namespace easel {

namespace {

    QString firstLine(const QString& text)
    {
        const QString line = text.section(QLatin1Char('\n'), 0, 0).trimmed();
        return line.isEmpty() ? QStringLiteral("generation failed") : line;
    }

    QString defaultHashCacheDir()
    {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        if (dir.isEmpty())
            dir = QDir::tempPath() + QStringLiteral("/easel-cache");
        QDir().mkpath(dir);
        return dir;
    }

    /// uint8 [h, w, 3] -> packed RGB888; a null Preview for anything else.
    Preview toPreview(const at::Tensor& rgb)
    {
        Preview preview;
        if (!rgb.defined() || rgb.dim() != 3 || rgb.size(2) != 3 || rgb.size(0) <= 0 || rgb.size(1) <= 0)
            return preview;
        at::Tensor pixels = rgb.to(at::kCPU);
        if (pixels.scalar_type() != at::kByte)
            pixels = pixels.to(at::kFloat).clamp(0, 255).round().to(at::kByte);
        pixels = pixels.contiguous();
        preview.height = int(pixels.size(0));
        preview.width = int(pixels.size(1));
        preview.rgb = QByteArray(reinterpret_cast<const char*>(pixels.data_ptr<uint8_t>()), qsizetype(pixels.numel()));
        return preview;
    }

} // namespace

struct GenerationController::Job {
    quint64 id = 0;
    GenerationRequest request;
    engine::CancelToken cancel;
    /// A preview is posted and not yet delivered (set by the worker, cleared on the controller's thread).
    std::atomic<bool> previewPending { false };
    /// Controller's thread only: cancelled with CancelMode::Now, its progress and previews are stale.
    std::atomic<bool> dropEvents { false };
};

/// Runs on the worker thread and posts the engine's events to the controller's thread.
class GenerationController::Forwarder : public engine::GenerationObserver {
public:
    Forwarder(GenerationController* controller, std::shared_ptr<Job> job, const GenerationRequest& prepared)
        : m_controller(controller)
        , m_job(std::move(job))
        , m_request(prepared)
    {
    }

    void onStep(const engine::StepInfo& step) override
    {
        ++m_stepSerial;
        post([controller = m_controller, job = m_job, step] {
            if (controller->m_running == job && !job->dropEvents)
                Q_EMIT controller->progress(
                    job->id, step.step, step.steps, step.batch, step.batches, step.elapsedSec, step.etaSec);
        });
    }

    void onPreview(int index, int step, const at::Tensor& rgb) override
    {
        // The engine may report a preview per image of a batch: one per step is enough for the UI,
        // and while the last one waits in the event queue a newer one would only pile up behind it.
        if (m_previewSerial == m_stepSerial || m_job->dropEvents)
            return;
        if (m_job->previewPending.exchange(true))
            return;
        m_previewSerial = m_stepSerial;
        Preview image = toPreview(rgb);
        if (image.isNull()) {
            m_job->previewPending = false;
            return;
        }
        post([controller = m_controller, job = m_job, index, step, image = std::move(image)] {
            job->previewPending = false;
            if (controller->m_running == job && !job->dropEvents)
                Q_EMIT controller->preview(job->id, index, step, image);
        });
    }

    void onImage(const engine::GeneratedImage& image) override
    {
        // Called after GenerationJob wrote the file: report it even when the job was cancelled since.
        const int total = m_request.params.batchSize * m_request.params.batchCount;
        const QString path = GenerationJob::outputPathFor(m_request, image, total);
        post([controller = m_controller, job = m_job, path, seed = quint64(image.seed)] {
            if (controller->m_running == job)
                Q_EMIT controller->imageSaved(job->id, path, seed);
        });
    }

private:
    template <typename Functor> void post(Functor&& functor)
    {
        // The controller outlives the worker (its destructor waits), and events still queued when it
        // is destroyed are discarded with it.
        QMetaObject::invokeMethod(m_controller, std::forward<Functor>(functor), Qt::QueuedConnection);
    }

    GenerationController* m_controller;
    std::shared_ptr<Job> m_job;
    const GenerationRequest& m_request;
    quint64 m_stepSerial = 0;
    quint64 m_previewSerial = 0;
};

GenerationController::GenerationController(QString hashCacheDir, qint64 cacheBudgetBytes, QObject* parent)
    : QObject(parent)
    , m_hashCacheDir(std::move(hashCacheDir))
    , m_cache(std::make_unique<engine::ModelCache>(cacheBudgetBytes))
{
    qRegisterMetaType<easel::Preview>();
    qRegisterMetaType<easel::engine::Outcome>();
    // One thread: one model in memory and one job on the device at a time; it is kept so that
    // thread-local state of the device runtime survives between jobs.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &GenerationController::onJobDone);
}

GenerationController::GenerationController(QObject* parent)
    : GenerationController(defaultHashCacheDir(), DefaultCacheBudget, parent)
{
}

GenerationController::~GenerationController()
{
    m_queue.clear();
    if (m_running) {
        m_running->dropEvents = true;
        m_running->cancel.cancel(engine::CancelMode::Now);
    }
    m_pool.waitForDone();
    m_watcher.disconnect(this);
}

quint64 GenerationController::submit(const GenerationRequest& request)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->request = request;
    m_queue.push_back(job);
    // Started from the event loop, so that jobStarted never comes before the caller knows the id.
    if (!m_running && !m_startScheduled) {
        m_startScheduled = true;
        QMetaObject::invokeMethod(this, &GenerationController::startNext, Qt::QueuedConnection);
    }
    return job->id;
}

bool GenerationController::cancel(quint64 id, engine::CancelMode mode)
{
    if (mode == engine::CancelMode::None)
        return false;
    if (m_running && m_running->id == id) {
        if (m_running->cancel.mode() != engine::CancelMode::Now)
            m_running->cancel.cancel(mode);
        if (mode == engine::CancelMode::Now)
            m_running->dropEvents = true;
        return true;
    }
    const auto it
        = std::find_if(m_queue.begin(), m_queue.end(), [id](const std::shared_ptr<Job>& job) { return job->id == id; });
    if (it == m_queue.end())
        return false;
    m_queue.erase(it);
    Q_EMIT jobFinished(id, engine::Outcome::Cancelled, tr("cancelled before it started"));
    return true;
}

void GenerationController::cancelAll(engine::CancelMode mode)
{
    if (mode == engine::CancelMode::None)
        return;
    // Taken first: a receiver of jobFinished may submit or cancel again.
    std::deque<std::shared_ptr<Job>> queued;
    queued.swap(m_queue);
    if (m_running)
        cancel(m_running->id, mode);
    const QPointer<GenerationController> self(this);
    for (const std::shared_ptr<Job>& job : queued) {
        Q_EMIT jobFinished(job->id, engine::Outcome::Cancelled, tr("cancelled before it started"));
        if (!self)
            return; // a receiver deleted the controller
    }
}

quint64 GenerationController::runningJob() const { return m_running ? m_running->id : 0; }

QList<quint64> GenerationController::queuedJobs() const
{
    QList<quint64> ids;
    for (const std::shared_ptr<Job>& job : m_queue)
        ids.append(job->id);
    return ids;
}

bool GenerationController::isIdle() const { return !m_running && m_queue.empty(); }

engine::ModelCache& GenerationController::modelCache() { return *m_cache; }

void GenerationController::startNext()
{
    m_startScheduled = false;
    if (m_running || m_queue.empty())
        return;
    m_running = m_queue.front();
    m_queue.pop_front();
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, &GenerationController::work, this, m_running, m_cache.get(), m_hashCacheDir));
    Q_EMIT jobStarted(m_running->id);
}

void GenerationController::onJobDone()
{
    if (!m_running)
        return;
    const std::shared_ptr<Job> job = std::exchange(m_running, nullptr);
    Result result;
    try {
        result = m_watcher.future().result();
    } catch (const std::exception& e) {
        result = { engine::Outcome::Failed, firstLine(QString::fromUtf8(e.what())) };
    } catch (...) {
        result = { engine::Outcome::Failed, tr("the generation thread failed") };
    }
    const QPointer<GenerationController> self(this);
    Q_EMIT jobFinished(job->id, result.outcome, result.message);
    if (!self)
        return; // a receiver deleted the controller
    if (!m_running && !m_queue.empty() && !m_startScheduled) {
        m_startScheduled = true;
        QMetaObject::invokeMethod(this, &GenerationController::startNext, Qt::QueuedConnection);
    }
}

GenerationController::Result GenerationController::work(GenerationController* controller,
    const std::shared_ptr<Job>& job, engine::ModelCache* cache, const QString& hashCacheDir)
{
    const QString cancelled = tr("cancelled");
    if (job->cancel.cancelledNow())
        return { engine::Outcome::Cancelled, cancelled };
    // c10::Error, std::bad_alloc and the rest end here as one failure: nothing escapes the worker.
    try {
        GenerationJob runner(*cache, hashCacheDir);
        GenerationRequest request = job->request;
        if (const QString problem = runner.prepare(request); !problem.isEmpty())
            return { engine::Outcome::Failed, firstLine(problem) };
        Forwarder forwarder(controller, job, request);
        const GenerationOutput output = runner.run(request, &forwarder, &job->cancel);
        const int total = std::max(1, request.params.batchSize) * std::max(1, request.params.batchCount);
        const int saved = int(output.files.size());
        switch (output.outcome) {
        case engine::Outcome::Failed:
            return { engine::Outcome::Failed, firstLine(output.error) };
        case engine::Outcome::Cancelled:
            return { engine::Outcome::Cancelled,
                saved > 0 ? tr("cancelled after %1 of %2 images").arg(saved).arg(total) : cancelled };
        case engine::Outcome::Completed:
            // AfterCurrentImage ends the engine's loop early without an error: still a cancel.
            if (job->cancel.mode() != engine::CancelMode::None && saved < total)
                return { engine::Outcome::Cancelled, tr("cancelled after %1 of %2 images").arg(saved).arg(total) };
            return { engine::Outcome::Completed, QString() };
        }
    } catch (const std::exception& e) {
        return { engine::Outcome::Failed, firstLine(QString::fromUtf8(e.what())) };
    } catch (...) {
        return { engine::Outcome::Failed, tr("unexpected error in the generation thread") };
    }
    return { engine::Outcome::Failed, tr("unexpected error in the generation thread") };
}

} // namespace easel
