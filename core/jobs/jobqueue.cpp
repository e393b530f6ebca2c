// SPDX-License-Identifier: MIT
#include "jobs/jobqueue.h"

#include "jobs/modelservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <QThread>
#endif

namespace easel {

namespace {

/// Lowers the calling worker thread's scheduling priority (Linux: nice, which the engine's compute threads it
/// starts inherit), so the GUI thread always gets a core when it needs one: with as many compute threads as
/// cores, an equal priority let the engine hold the GUI thread off for hundreds of milliseconds.
/// $EASEL_WORKER_NICE: how much nicer than the process (default 10; 0 keeps the process's priority).
void lowerWorkerPriority()
{
    static thread_local bool done = false;
    if (done)
        return;
    done = true;
    bool ok = false;
    int nice = qEnvironmentVariableIntValue("EASEL_WORKER_NICE", &ok);
    if (!ok)
        nice = 10;
    if (nice <= 0)
        return;
#if defined(Q_OS_LINUX)
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, thread);
    if (errno == 0)
        setpriority(PRIO_PROCESS, thread, std::min(19, current + nice)); // relative: a niced process stays below
#elif defined(Q_OS_WIN)
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace

struct JobQueue::Entry {
    quint64 id = 0;
    std::unique_ptr<Job> job;
    JobState state = JobState::Queued;
    QString message;
    QDateTime created;
    QStringList files;
    CancelToken cancel;
    std::atomic<bool> previewInFlight { false };
};

/// The running job's context: events are posted to the queue's thread. Previews are dropped while one
/// is still on its way; events of a job cancelled Now are dropped on arrival.
class JobQueue::Context : public JobContext {
public:
    Context(JobQueue* queue, std::shared_ptr<Entry> entry)
        : m_queue(queue)
        , m_entry(std::move(entry))
        , m_models(queue->models())
    {
    }

    ModelService& models() override { return m_models; }
    const CancelToken& cancelToken() const override { return m_entry->cancel; }

    void progress(const JobProgress& progress) override
    {
        post([entry = m_entry, progress](JobQueue* q) {
            if (!entry->cancel.isCancelledNow())
                Q_EMIT q->jobProgress(entry->id, progress);
        });
    }

    void preview(int imageIndex, int step, const Preview& image) override
    {
        if (m_entry->previewInFlight.exchange(true))
            return;
        post([entry = m_entry, imageIndex, step, image](JobQueue* q) {
            entry->previewInFlight.store(false);
            if (!entry->cancel.isCancelledNow())
                Q_EMIT q->jobPreview(entry->id, imageIndex, step, image);
        });
    }

    void imageSaved(const SavedImage& image) override
    {
        post([entry = m_entry, image](JobQueue* q) {
            entry->files << image.path;
            Q_EMIT q->imageSaved(entry->id, image);
        });
    }

private:
    template <typename F> void post(F&& f)
    {
        QPointer<JobQueue> queue = m_queue;
        QMetaObject::invokeMethod(
            m_queue,
            [queue, f = std::forward<F>(f)]() {
                if (queue)
                    f(queue.data());
            },
            Qt::QueuedConnection);
    }

    JobQueue* m_queue;
    std::shared_ptr<Entry> m_entry;
    ModelService& m_models;
};

JobQueue::JobQueue(ModelService* models, QObject* parent)
    : QObject(parent)
    , m_models(models)
    , m_pool(std::make_unique<QThreadPool>())
{
    qRegisterMetaType<easel::JobProgress>();
    qRegisterMetaType<easel::Preview>();
    qRegisterMetaType<easel::SavedImage>();
    qRegisterMetaType<easel::JobResult>();
    if (!m_models) {
        m_ownedModels = std::make_unique<ModelService>();
        m_models = m_ownedModels.get();
    }
    // One model, one job at a time: generation already uses every core.
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(-1);
}

JobQueue::~JobQueue()
{
    m_queued.clear();
    if (m_running)
        m_running->cancel.cancel(CancelMode::Now);
    m_pool->waitForDone();
}

ModelService& JobQueue::models() { return *m_models; }

quint64 JobQueue::submit(std::unique_ptr<Job> job, Position position)
{
    auto entry = std::make_shared<Entry>();
    entry->id = m_nextId++;
    entry->job = std::move(job);
    entry->created = QDateTime::currentDateTime();
    if (position == Position::Front)
        m_queued.prepend(entry);
    else
        m_queued.append(entry);
    Q_EMIT jobAdded(entry->id);
    Q_EMIT queueChanged();
    scheduleStart();
    return entry->id;
}

void JobQueue::restore(quint64 id, std::unique_ptr<Job> job, JobState state, const QString& message,
    const QDateTime& created, const QStringList& files)
{
    auto entry = std::make_shared<Entry>();
    entry->id = id;
    entry->job = std::move(job);
    entry->state = state == JobState::Running ? JobState::Interrupted : state;
    entry->message = message;
    entry->created = created;
    entry->files = files;
    m_nextId = std::max(m_nextId, id + 1);
    if (entry->state == JobState::Queued)
        m_queued.append(entry);
    else
        m_ended.append(entry);
    Q_EMIT jobAdded(id);
    Q_EMIT queueChanged();
    scheduleStart();
}

void JobQueue::reserveIds(quint64 id) { m_nextId = std::max(m_nextId, id); }

bool JobQueue::cancel(quint64 id, CancelMode mode)
{
    if (m_running && m_running->id == id) {
        m_running->cancel.cancel(mode);
        return true;
    }
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued[i]->id != id)
            continue;
        std::shared_ptr<Entry> entry = m_queued.takeAt(i);
        entry->state = JobState::Cancelled;
        entry->message = QCoreApplication::translate("easel::JobQueue", "cancelled before it started");
        m_ended.append(entry);
        JobResult result;
        result.state = JobState::Cancelled;
        result.message = entry->message;
        Q_EMIT jobFinished(id, result);
        Q_EMIT queueChanged();
        return true;
    }
    return false;
}

void JobQueue::cancelAll(CancelMode mode)
{
    const QList<quint64> waiting = queuedJobs();
    for (quint64 id : waiting)
        cancel(id, mode);
    if (m_running)
        m_running->cancel.cancel(mode);
}

bool JobQueue::move(quint64 id, int index)
{
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued[i]->id != id)
            continue;
        std::shared_ptr<Entry> entry = m_queued.takeAt(i);
        m_queued.insert(std::clamp<qsizetype>(index, 0, m_queued.size()), entry);
        Q_EMIT queueChanged();
        return true;
    }
    return false;
}

quint64 JobQueue::resubmit(quint64 id, Position position)
{
    for (const std::shared_ptr<Entry>& entry : std::as_const(m_ended)) {
        if (entry->id == id)
            return submit(entry->job->clone(), position);
    }
    return 0;
}

bool JobQueue::remove(quint64 id)
{
    for (qsizetype i = 0; i < m_ended.size(); ++i) {
        if (m_ended[i]->id == id) {
            m_ended.removeAt(i);
            Q_EMIT jobRemoved(id);
            return true;
        }
    }
    return false;
}

void JobQueue::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    Q_EMIT queueChanged();
    scheduleStart();
}

bool JobQueue::isPaused() const { return m_paused; }

quint64 JobQueue::runningJob() const { return m_running ? m_running->id : 0; }

QList<quint64> JobQueue::queuedJobs() const
{
    QList<quint64> ids;
    for (const std::shared_ptr<Entry>& entry : m_queued)
        ids << entry->id;
    return ids;
}

bool JobQueue::isIdle() const { return !m_running && (m_queued.isEmpty() || m_paused); }

JobInfo JobQueue::infoOf(const Entry& entry)
{
    JobInfo info;
    info.id = entry.id;
    info.kind = entry.job->kind();
    info.title = entry.job->title();
    info.state = entry.state;
    info.message = entry.message;
    info.created = entry.created;
    info.files = entry.files;
    return info;
}

QList<JobInfo> JobQueue::jobs() const
{
    QList<JobInfo> list;
    for (const std::shared_ptr<Entry>& entry : m_ended)
        list << infoOf(*entry);
    if (m_running)
        list << infoOf(*m_running);
    for (const std::shared_ptr<Entry>& entry : m_queued)
        list << infoOf(*entry);
    return list;
}

JobQueue::Entry* JobQueue::find(quint64 id) const
{
    if (m_running && m_running->id == id)
        return m_running.get();
    for (const auto* list : { &m_queued, &m_ended }) {
        for (const std::shared_ptr<Entry>& entry : *list) {
            if (entry->id == id)
                return entry.get();
        }
    }
    return nullptr;
}

std::optional<JobInfo> JobQueue::info(quint64 id) const
{
    if (const Entry* entry = find(id))
        return infoOf(*entry);
    return std::nullopt;
}

const Job* JobQueue::job(quint64 id) const
{
    const Entry* entry = find(id);
    return entry ? entry->job.get() : nullptr;
}

void JobQueue::scheduleStart()
{
    // Deferred, so that a caller who submits several jobs (or reorders them) in one go sees them all
    // before the first starts, and signals never nest inside submit().
    if (m_startScheduled)
        return;
    m_startScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_startScheduled = false;
            startNext();
        },
        Qt::QueuedConnection);
}

void JobQueue::startNext()
{
    if (m_running || m_paused || m_queued.isEmpty())
        return;
    m_running = m_queued.takeFirst();
    m_running->state = JobState::Running;
    Q_EMIT jobStarted(m_running->id);
    Q_EMIT queueChanged();

    std::shared_ptr<Entry> entry = m_running;
    auto context = std::make_shared<Context>(this, entry);
    m_pool->start([this, entry, context] {
        lowerWorkerPriority();
        JobResult result;
        try {
            result = entry->job->run(*context);
        } catch (const std::exception& e) {
            // Jobs report their own errors; this keeps a bug from taking the studio down.
            result.state = JobState::Failed;
            result.message = QString::fromUtf8(e.what());
        }
        QPointer<JobQueue> queue = this;
        QMetaObject::invokeMethod(
            this,
            [queue, id = entry->id, result] {
                if (queue)
                    queue->onJobDone(id, result);
            },
            Qt::QueuedConnection);
    });
}

void JobQueue::onJobDone(quint64 id, const JobResult& result)
{
    if (!m_running || m_running->id != id)
        return;
    std::shared_ptr<Entry> entry = std::move(m_running);
    entry->state = result.state;
    entry->message = result.message;
    m_ended.append(entry);
    Q_EMIT jobFinished(id, result);
    Q_EMIT queueChanged();
    scheduleStart();
}

} // namespace easel
