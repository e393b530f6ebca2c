// SPDX-License-Identifier: MIT
#include "jobs/jobqueue.h"

#include "jobs/modelservice.h"

#include "engine/common/blockcache.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <QThread>
#endif

namespace easel {

namespace {

/// After a job, gives the memory its buffers used back to the system. A generation frees hundreds of MB of
/// activations, interleaved with the few small things that outlive it (its result, its queue row); glibc keeps such
/// freed pages in the process, so without this the studio's footprint climbs by ~80 MB over its first hundred jobs
/// and stays there (easel-longrun-bench). Costs the next job re-touching those pages: milliseconds against the
/// seconds of a generation.
void returnFreedMemory()
{
    engine::releaseBlockCache(); // the large blocks kept within a generation (engine/common/blockcache.h)
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

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

/// A job's lanes without duplicates or empty names; "local" when it names none.
QStringList lanesOf(const Job& job)
{
    QStringList lanes;
    for (const QString& lane : job.lanes()) {
        if (!lane.isEmpty() && !lanes.contains(lane))
            lanes << lane;
    }
    if (lanes.isEmpty())
        lanes << QStringLiteral("local");
    return lanes;
}

} // namespace

struct JobQueue::Entry {
    quint64 id = 0;
    std::unique_ptr<Job> job;
    QStringList lanes; ///< the job's lanes, read once (a job is a value)
    QString lane; ///< the lane it runs on, while it runs
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
        , m_lane(m_entry->lane)
    {
    }

    ModelService& models() override { return m_models; }
    const CancelToken& cancelToken() const override { return m_entry->cancel; }
    QString lane() const override { return m_lane; }

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
    QString m_lane;
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
    // One job per lane at once (startNext() sees to it): the local engine already uses every core, a
    // remote job mostly waits on its server. The pool only bounds the threads.
    m_pool->setMaxThreadCount(MaxLanes);
    m_pool->setExpiryTimeout(-1);
}

JobQueue::~JobQueue()
{
    m_queued.clear();
    for (const std::shared_ptr<Entry>& entry : std::as_const(m_running))
        entry->cancel.cancel(CancelMode::Now);
    m_pool->waitForDone();
}

ModelService& JobQueue::models() { return *m_models; }

quint64 JobQueue::submit(std::unique_ptr<Job> job, Position position)
{
    auto entry = std::make_shared<Entry>();
    entry->id = m_nextId++;
    entry->job = std::move(job);
    entry->lanes = lanesOf(*entry->job);
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
    entry->lanes = lanesOf(*entry->job);
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
    for (const std::shared_ptr<Entry>& entry : std::as_const(m_running)) {
        if (entry->id == id) {
            entry->cancel.cancel(mode);
            return true;
        }
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
        pruneEnded();
        return true;
    }
    return false;
}

void JobQueue::cancelAll(CancelMode mode)
{
    const QList<quint64> waiting = queuedJobs();
    for (quint64 id : waiting)
        cancel(id, mode);
    for (const std::shared_ptr<Entry>& entry : std::as_const(m_running))
        entry->cancel.cancel(mode);
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

void JobQueue::setEndedLimit(int count)
{
    m_endedLimit = std::max(0, count);
    pruneEnded();
}

void JobQueue::pruneEnded()
{
    while (m_endedLimit > 0 && m_ended.size() > m_endedLimit) {
        // Completed jobs first: their images are in the gallery; a failed or cancelled one may be retried.
        auto oldest = std::find_if(m_ended.begin(), m_ended.end(),
            [](const std::shared_ptr<Entry>& e) { return e->state == JobState::Completed; });
        if (oldest == m_ended.end())
            oldest = m_ended.begin();
        const quint64 id = (*oldest)->id;
        m_ended.erase(oldest);
        Q_EMIT jobRemoved(id);
    }
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

quint64 JobQueue::runningJob() const { return m_running.isEmpty() ? 0 : m_running.first()->id; }

QList<quint64> JobQueue::runningJobs() const
{
    QList<quint64> ids;
    for (const std::shared_ptr<Entry>& entry : m_running)
        ids << entry->id;
    return ids;
}

QString JobQueue::runningLane(quint64 id) const
{
    for (const std::shared_ptr<Entry>& entry : m_running) {
        if (entry->id == id)
            return entry->lane;
    }
    return {};
}

QList<quint64> JobQueue::queuedJobs() const
{
    QList<quint64> ids;
    for (const std::shared_ptr<Entry>& entry : m_queued)
        ids << entry->id;
    return ids;
}

bool JobQueue::isIdle() const { return m_running.isEmpty() && (m_queued.isEmpty() || m_paused); }

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
    for (const std::shared_ptr<Entry>& entry : m_running)
        list << infoOf(*entry);
    for (const std::shared_ptr<Entry>& entry : m_queued)
        list << infoOf(*entry);
    return list;
}

JobQueue::Entry* JobQueue::find(quint64 id) const
{
    for (const auto* list : { &m_running, &m_queued, &m_ended }) {
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
    if (m_paused || m_queued.isEmpty())
        return;
    // In queue order, each waiting job takes the first of its lanes that is free: the order holds within a
    // lane, and a job never waits behind one of another lane.
    QStringList busy;
    for (const std::shared_ptr<Entry>& entry : std::as_const(m_running))
        busy << entry->lane;
    QList<std::pair<std::shared_ptr<Entry>, QString>> starting;
    for (qsizetype i = 0; i < m_queued.size() && m_running.size() + starting.size() < MaxLanes;) {
        const std::shared_ptr<Entry>& entry = m_queued[i];
        QString free;
        for (const QString& lane : std::as_const(entry->lanes)) {
            if (!busy.contains(lane)) {
                free = lane;
                break;
            }
        }
        if (free.isEmpty()) {
            ++i; // every lane it can take is busy: it waits, and so does every later job of those lanes
            continue;
        }
        busy << free;
        starting.append({ m_queued.takeAt(i), free });
    }
    for (const auto& [entry, lane] : starting)
        start(entry, lane);
}

void JobQueue::start(const std::shared_ptr<Entry>& entry, const QString& lane)
{
    entry->lane = lane;
    entry->state = JobState::Running;
    m_running.append(entry);
    Q_EMIT jobStarted(entry->id);
    Q_EMIT queueChanged();

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
        returnFreedMemory();
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
    const auto it = std::find_if(
        m_running.begin(), m_running.end(), [id](const std::shared_ptr<Entry>& e) { return e->id == id; });
    if (it == m_running.end())
        return;
    std::shared_ptr<Entry> entry = *it;
    m_running.erase(it);
    entry->lane.clear();
    entry->state = result.state;
    entry->message = result.message;
    m_ended.append(entry);
    Q_EMIT jobFinished(id, result);
    Q_EMIT queueChanged();
    pruneEnded();
    scheduleStart();
}

} // namespace easel
