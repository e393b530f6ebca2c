// SPDX-License-Identifier: MIT
// The queue's lanes: jobs of different lanes run side by side, jobs of one lane one after another in queue
// order, a job that may take several lanes starts on a free one and is told which, pause holds every lane,
// and jobs that name no lane stay in "local" as before. Orders of events are asserted, never times: jobs
// that must overlap wait for each other (with a fallback that only keeps a broken queue from hanging).

#include "jobs/jobqueue.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <mutex>

using namespace easel;

namespace {

constexpr int WaitMs = 60000;

/// What the jobs of a test saw, in order, across threads.
struct Log {
    std::mutex mutex;
    QStringList events; ///< "start A", "end A"
    std::atomic<int> running { 0 };
    std::atomic<int> maxRunning { 0 };
    std::atomic<int> started { 0 };

    void add(const QString& e)
    {
        std::lock_guard lock(mutex);
        events << e;
    }
    QStringList copy()
    {
        std::lock_guard lock(mutex);
        return events;
    }
};

/// A job in given lanes that waits until `waitFor` jobs have started (itself included) or it is released.
class LaneJob : public Job {
public:
    LaneJob(QString name, QStringList lanes, std::shared_ptr<Log> log, int waitFor = 1,
        std::shared_ptr<std::atomic<bool>> release = {})
        : m_name(std::move(name))
        , m_lanes(std::move(lanes))
        , m_log(std::move(log))
        , m_waitFor(waitFor)
        , m_release(std::move(release))
    {
    }

    QString kind() const override { return QStringLiteral("lane-test"); }
    QString title() const override { return m_name; }
    QString lane() const override { return m_lanes.value(0, QStringLiteral("local")); }
    QStringList lanes() const override { return m_lanes.isEmpty() ? Job::lanes() : m_lanes; }

    JobResult run(JobContext& context) override
    {
        m_log->add(QStringLiteral("start ") + m_name);
        ++m_log->started;
        const int now = ++m_log->running;
        int seen = m_log->maxRunning.load();
        while (now > seen && !m_log->maxRunning.compare_exchange_weak(seen, now)) { }
        QElapsedTimer fallback;
        fallback.start();
        while ((m_log->started.load() < m_waitFor || (m_release && !m_release->load())) && fallback.elapsed() < 20000
            && !context.cancelToken().isCancelled())
            QThread::msleep(2);
        --m_log->running;
        m_log->add(QStringLiteral("end ") + m_name);
        JobResult result;
        result.message = context.lane();
        return result;
    }

    QJsonObject toJson() const override { return { { QStringLiteral("kind"), kind() } }; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<LaneJob>(*this); }

private:
    QString m_name;
    QStringList m_lanes;
    std::shared_ptr<Log> m_log;
    int m_waitFor;
    std::shared_ptr<std::atomic<bool>> m_release;
};

/// A job that says nothing about lanes.
class PlainJob : public Job {
public:
    QString kind() const override { return QStringLiteral("plain"); }
    QString title() const override { return {}; }
    JobResult run(JobContext& context) override
    {
        JobResult r;
        r.message = context.lane();
        return r;
    }
    QJsonObject toJson() const override { return {}; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<PlainJob>(*this); }
};

} // namespace

class TestJobLanes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jobsWithoutLanesAreLocal()
    {
        PlainJob job;
        QCOMPARE(job.lane(), QStringLiteral("local"));
        QCOMPARE(job.lanes(), QStringList { QStringLiteral("local") });
        JobQueue queue;
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        queue.submit(std::make_unique<PlainJob>());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QCOMPARE(finished.first().at(1).value<JobResult>().message, QStringLiteral("local"));
    }

    void differentLanesRunSideBySide()
    {
        auto log = std::make_shared<Log>();
        JobQueue queue;
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const quint64 a = queue.submit(
            std::make_unique<LaneJob>(QStringLiteral("A"), QStringList { QStringLiteral("comfyui@a:1") }, log, 2));
        const quint64 b = queue.submit(
            std::make_unique<LaneJob>(QStringLiteral("B"), QStringList { QStringLiteral("comfyui@b:1") }, log, 2));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, WaitMs);
        QCOMPARE(queue.runningJobs().size() + finished.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, WaitMs);
        QCOMPARE(log->maxRunning.load(), 2);
        const QStringList events = log->copy();
        QVERIFY2(events.indexOf(QStringLiteral("start B")) < events.indexOf(QStringLiteral("end A"))
                && events.indexOf(QStringLiteral("start A")) < events.indexOf(QStringLiteral("end B")),
            qPrintable(events.join(QStringLiteral(", "))));
        QCOMPARE(queue.info(a)->state, JobState::Completed);
        QCOMPARE(queue.info(b)->state, JobState::Completed);
        QVERIFY(queue.isIdle());
        QCOMPARE(queue.runningJob(), quint64(0));
    }

    void oneLaneKeepsItsOrder()
    {
        auto log = std::make_shared<Log>();
        JobQueue queue;
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const QStringList x { QStringLiteral("x") };
        queue.submit(std::make_unique<LaneJob>(QStringLiteral("X1"), x, log));
        queue.submit(std::make_unique<LaneJob>(QStringLiteral("X2"), x, log));
        const quint64 x3 = queue.submit(std::make_unique<LaneJob>(QStringLiteral("X3"), x, log));
        queue.submit(std::make_unique<LaneJob>(QStringLiteral("L"), QStringList(), log));
        QVERIFY(queue.move(x3, 0)); // X3 first now: the order within the lane is the queue's
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, WaitMs);
        QStringList lane;
        for (const QString& e : log->copy()) {
            if (e.contains(QLatin1Char('X')))
                lane << e;
        }
        QCOMPARE(lane,
            QStringList({ QStringLiteral("start X3"), QStringLiteral("end X3"), QStringLiteral("start X1"),
                QStringLiteral("end X1"), QStringLiteral("start X2"), QStringLiteral("end X2") }));
    }

    void aJobOfSeveralLanesTakesAFreeOne()
    {
        auto log = std::make_shared<Log>();
        auto release = std::make_shared<std::atomic<bool>>(false);
        JobQueue queue;
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const quint64 pinned = queue.submit(
            std::make_unique<LaneJob>(QStringLiteral("P"), QStringList { QStringLiteral("a") }, log, 1, release));
        const quint64 any = queue.submit(std::make_unique<LaneJob>(
            QStringLiteral("D"), QStringList { QStringLiteral("a"), QStringLiteral("b") }, log));
        const quint64 later
            = queue.submit(std::make_unique<LaneJob>(QStringLiteral("Q"), QStringList { QStringLiteral("a") }, log));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs); // D, on lane b, while P holds a
        QCOMPARE(finished.first().at(0).toULongLong(), any);
        QCOMPARE(finished.first().at(1).value<JobResult>().message, QStringLiteral("b"));
        QCOMPARE(queue.runningJobs(), QList<quint64> { pinned });
        QCOMPARE(queue.runningLane(pinned), QStringLiteral("a"));
        QCOMPARE(queue.queuedJobs(), QList<quint64> { later }); // waits for its lane, not for b
        release->store(true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, WaitMs);
        QCOMPARE(finished.at(2).at(0).toULongLong(), later);
        QCOMPARE(started.size(), 3);
    }

    void pauseHoldsEveryLaneAndCancelReachesEach()
    {
        auto log = std::make_shared<Log>();
        auto release = std::make_shared<std::atomic<bool>>(false);
        JobQueue queue;
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        queue.setPaused(true);
        queue.submit(
            std::make_unique<LaneJob>(QStringLiteral("A"), QStringList { QStringLiteral("a") }, log, 1, release));
        queue.submit(
            std::make_unique<LaneJob>(QStringLiteral("B"), QStringList { QStringLiteral("b") }, log, 1, release));
        QCoreApplication::processEvents();
        QCOMPARE(started.size(), 0);
        queue.setPaused(false);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, WaitMs);
        QCOMPARE(queue.runningJobs().size(), 2);
        queue.cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, WaitMs);
        QVERIFY(queue.isIdle());
    }
};

QTEST_GUILESS_MAIN(TestJobLanes)
#include "tst_joblanes.moc"
