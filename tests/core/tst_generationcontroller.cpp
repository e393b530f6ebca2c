// SPDX-License-Identifier: MIT
// The studio's job controller on the bundled tiny demo model: events in order on the test (GUI)
// thread, jobs one after another, cancellation (running and queued), failures, and a GUI thread that
// keeps running while a job does.

#include "jobs/generationcontroller.h"
#include "jobs/generationjob.h"

#include "engine/common/runtime.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <memory>

using easel::GenerationController;
using easel::GenerationRequest;
using easel::Preview;
using easel::engine::CancelMode;
using easel::engine::Outcome;

namespace {

constexpr int JobTimeoutMs = 180000;

/// Records every signal of a controller in order, as readable lines and typed values.
struct EventLog {
    struct Progress {
        quint64 id;
        int step, steps, batch, batches;
        double elapsed, eta;
    };
    struct PreviewEvent {
        quint64 id;
        int index, step;
        Preview image;
    };
    struct Saved {
        quint64 id;
        QString path;
        quint64 seed;
    };
    struct Finished {
        quint64 id;
        Outcome outcome;
        QString message;
    };
    QStringList order;
    QList<quint64> started;
    QList<Progress> progress;
    QList<PreviewEvent> previews;
    QList<Saved> saved;
    QList<Finished> finished;
    /// Context of the connections: they go with the log (destroyed first, being the last member).
    QObject context;

    explicit EventLog(GenerationController& c)
    {
        QObject::connect(&c, &GenerationController::jobStarted, &context, [this](quint64 id) {
            started << id;
            order << QStringLiteral("started %1").arg(id);
        });
        QObject::connect(&c, &GenerationController::progress, &context,
            [this](quint64 id, int step, int steps, int batch, int batches, double elapsed, double eta) {
                progress.append({ id, step, steps, batch, batches, elapsed, eta });
            });
        QObject::connect(&c, &GenerationController::preview, &context,
            [this](quint64 id, int index, int step, const Preview& image) {
                previews.append({ id, index, step, image });
            });
        QObject::connect(
            &c, &GenerationController::imageSaved, &context, [this](quint64 id, const QString& path, quint64 seed) {
                saved.append({ id, path, seed });
            });
        QObject::connect(&c, &GenerationController::jobFinished, &context,
            [this](quint64 id, Outcome outcome, const QString& message) {
                finished.append({ id, outcome, message });
                order << QStringLiteral("finished %1").arg(id);
            });
    }

    const Finished* finishedOf(quint64 id) const
    {
        for (const Finished& f : finished) {
            if (f.id == id)
                return &f;
        }
        return nullptr;
    }
    int progressCount(quint64 id) const
    {
        return int(std::count_if(progress.begin(), progress.end(), [id](const Progress& p) { return p.id == id; }));
    }
};

} // namespace

class TestGenerationController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<GenerationController> m_controller;

    GenerationRequest request(const QString& name, int steps, int batchCount = 1, quint64 seed = 42) const
    {
        GenerationRequest r;
        r.params.prompt = "a red fox in the snow";
        r.params.steps = steps;
        r.params.sampler = easel::engine::SamplerKind::Euler;
        r.params.width = 64;
        r.params.height = 64;
        r.params.seed = seed;
        r.params.batchCount = batchCount;
        r.device = QStringLiteral("cpu");
        r.dtype = QStringLiteral("fp32");
        r.outputPath = m_dir.filePath(name);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        easel::engine::configureThreads(0);
        m_controller = std::make_unique<GenerationController>(m_dir.filePath(QStringLiteral("hashes")));
        QDir().mkpath(m_dir.filePath(QStringLiteral("hashes")));
    }

    void cleanupTestCase() { m_controller.reset(); }

    void testRunsToCompletion()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        QSignalSpy finished(&c, &GenerationController::jobFinished);
        QSignalSpy saved(&c, &GenerationController::imageSaved);
        const int steps = 4;
        const quint64 id = c.submit(request(QStringLiteral("fox.png"), steps, 2, 100));
        QVERIFY(id > 0);
        QVERIFY(log.started.isEmpty()); // jobStarted comes from the event loop, after the id is known
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, JobTimeoutMs);
        QCOMPARE(finished.at(0).at(0).value<quint64>(), id);
        QCOMPARE(finished.at(0).at(1).value<Outcome>(), Outcome::Completed);
        QVERIFY(finished.at(0).at(2).toString().isEmpty());
        QCOMPARE(log.started, QList<quint64> { id });
        QVERIFY(c.isIdle());

        // Every step of every batch, in order.
        QCOMPARE(log.progress.size(), steps * 2);
        for (int i = 0; i < log.progress.size(); ++i) {
            const EventLog::Progress& p = log.progress.at(i);
            QCOMPARE(p.id, id);
            QCOMPARE(p.step, i % steps + 1);
            QCOMPARE(p.steps, steps);
            QCOMPARE(p.batch, i / steps);
            QCOMPARE(p.batches, 2);
            QVERIFY(p.elapsed >= 0);
            QVERIFY(p.eta >= 0);
            if (i > 0)
                QVERIFY(p.elapsed >= log.progress.at(i - 1).elapsed);
        }
        QCOMPARE(log.progress.last().eta, 0.0);

        // Previews (none on a batch's last step), at most one per step, as RGB888 bytes.
        QVERIFY(!log.previews.isEmpty());
        qInfo("%d previews delivered for %d steps", int(log.previews.size()), int(log.progress.size()));
        QVERIFY(log.previews.size() <= (steps - 1) * 2);
        for (const EventLog::PreviewEvent& p : log.previews) {
            QCOMPARE(p.id, id);
            QVERIFY(p.index == 0 || p.index == 1);
            QVERIFY(p.step >= 1 && p.step < steps);
            QVERIFY(!p.image.isNull());
            QCOMPARE(p.image.rgb.size(), qsizetype(p.image.width) * p.image.height * 3);
        }

        // One PNG per image, seeds seed + k, files on disk.
        QCOMPARE(saved.count(), 2);
        QCOMPARE(log.saved.at(0).seed, quint64(100));
        QCOMPARE(log.saved.at(1).seed, quint64(101));
        for (const EventLog::Saved& s : log.saved) {
            QCOMPARE(s.id, id);
            QVERIFY2(QFileInfo(s.path).isFile(), qPrintable(s.path));
            QVERIFY(QFileInfo(s.path).size() > 0);
        }
        QCOMPARE(QFileInfo(log.saved.at(0).path).fileName(), QStringLiteral("fox-100.png"));
        // The last event of a job is its jobFinished.
        QCOMPARE(log.order.last(), QStringLiteral("finished %1").arg(id));
    }

    void testJobsRunInOrder()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        const quint64 a = c.submit(request(QStringLiteral("a.png"), 3, 1, 1));
        const quint64 b = c.submit(request(QStringLiteral("b.png"), 2, 1, 2));
        QVERIFY(b > a);
        QCOMPARE(c.queuedJobs(), (QList<quint64> { a, b }));
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 2, JobTimeoutMs);
        QCOMPARE(log.order,
            (QStringList { QStringLiteral("started %1").arg(a), QStringLiteral("finished %1").arg(a),
                QStringLiteral("started %1").arg(b), QStringLiteral("finished %1").arg(b) }));
        QCOMPARE(log.finishedOf(a)->outcome, Outcome::Completed);
        QCOMPARE(log.finishedOf(b)->outcome, Outcome::Completed);
        // No overlap: every progress of a comes before every progress of b.
        QCOMPARE(log.progressCount(a), 3);
        QCOMPARE(log.progressCount(b), 2);
        for (int i = 0; i < log.progress.size(); ++i)
            QCOMPARE(log.progress.at(i).id, i < 3 ? a : b);
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("a.png"))));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("b.png"))));
    }

    void testCancelNowMidRun()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        const int steps = 1000;
        const QString out = m_dir.filePath(QStringLiteral("cancelled.png"));
        const quint64 id = c.submit(request(QStringLiteral("cancelled.png"), steps));
        QTRY_VERIFY_WITH_TIMEOUT(log.progressCount(id) >= 3, JobTimeoutMs);
        QCOMPARE(c.runningJob(), id);
        const EventLog::Progress last = log.progress.last();
        const double stepSec = last.elapsed / last.step;
        const int delivered = log.progress.size();
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        QVERIFY(c.cancel(id, CancelMode::Now));
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 1, JobTimeoutMs);
        const double stopSec = sinceCancel.elapsed() / 1000.0;
        QCOMPARE(log.finished.at(0).id, id);
        QCOMPARE(log.finished.at(0).outcome, Outcome::Cancelled);
        QVERIFY(!log.finished.at(0).message.isEmpty());
        // Stale progress of the cancelled job is dropped.
        QCOMPARE(log.progress.size(), delivered);
        QVERIFY(log.saved.isEmpty());
        QVERIFY(!QFileInfo::exists(out));
        // It stops at the next step: far sooner than the remaining steps would take.
        const double bound = std::max(2.0, 5 * stepSec);
        qInfo("cancel(Now) at step %d: stopped after %.3f s (a step takes %.3f s)", last.step, stopSec, stepSec);
        QVERIFY2(stopSec < bound,
            qPrintable(QStringLiteral("stopped after %1 s, a step takes %2 s").arg(stopSec).arg(stepSec)));
        QVERIFY(c.isIdle());
        QVERIFY(!c.cancel(id)); // finished: nothing left to cancel
    }

    void testCancelQueuedNeverStarts()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        const quint64 a = c.submit(request(QStringLiteral("first.png"), 3));
        const quint64 b = c.submit(request(QStringLiteral("never.png"), 3));
        const quint64 d = c.submit(request(QStringLiteral("third.png"), 2));
        QVERIFY(c.cancel(b));
        // Reported at once, before anything ran.
        QCOMPARE(log.finished.size(), 1);
        QCOMPARE(log.finished.at(0).id, b);
        QCOMPARE(log.finished.at(0).outcome, Outcome::Cancelled);
        QCOMPARE(c.queuedJobs(), (QList<quint64> { a, d }));
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 3, JobTimeoutMs);
        QCOMPARE(log.started, (QList<quint64> { a, d }));
        QCOMPARE(log.finishedOf(a)->outcome, Outcome::Completed);
        QCOMPARE(log.finishedOf(d)->outcome, Outcome::Completed);
        QCOMPARE(log.progressCount(b), 0);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.png"))));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("third.png"))));
    }

    void testCancelAll()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        const quint64 a = c.submit(request(QStringLiteral("all-a.png"), 1000));
        const quint64 b = c.submit(request(QStringLiteral("all-b.png"), 3));
        const quint64 d = c.submit(request(QStringLiteral("all-c.png"), 3));
        QTRY_VERIFY_WITH_TIMEOUT(log.progressCount(a) >= 1, JobTimeoutMs);
        c.cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 3, JobTimeoutMs);
        for (quint64 id : { a, b, d })
            QCOMPARE(log.finishedOf(id)->outcome, Outcome::Cancelled);
        QTest::qWait(100);
        QCOMPARE(log.started, QList<quint64> { a });
        QVERIFY(c.isIdle());
        QVERIFY(log.saved.isEmpty());
    }

    void testCancelAfterCurrentImage()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        const quint64 id = c.submit(request(QStringLiteral("batch.png"), 20, 4, 7));
        QObject::connect(
            &c, &GenerationController::imageSaved, &c,
            [&c](quint64 job) { c.cancel(job, CancelMode::AfterCurrentImage); }, Qt::SingleShotConnection);
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 1, JobTimeoutMs);
        QCOMPARE(log.finished.at(0).id, id);
        QCOMPARE(log.finished.at(0).outcome, Outcome::Cancelled);
        // The first image, maybe the batch that was running, never all four.
        QVERIFY2(log.saved.size() >= 1 && log.saved.size() < 4, qPrintable(QString::number(log.saved.size())));
        for (const EventLog::Saved& s : log.saved)
            QVERIFY(QFileInfo(s.path).isFile());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("batch-10.png"))));
        QVERIFY(log.finished.at(0).message.contains(QStringLiteral("of 4")));
    }

    void testMissingModelFails()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        GenerationRequest r = request(QStringLiteral("missing.png"), 2);
        r.modelPath = m_dir.filePath(QStringLiteral("no-such-model.safetensors"));
        const quint64 bad = c.submit(r);
        GenerationRequest notPng = request(QStringLiteral("out.jpg"), 2);
        const quint64 badOutput = c.submit(notPng);
        // The controller keeps going after failures.
        const quint64 good = c.submit(request(QStringLiteral("after-failure.png"), 2));
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 3, JobTimeoutMs);
        const EventLog::Finished* f = log.finishedOf(bad);
        QCOMPARE(f->outcome, Outcome::Failed);
        QVERIFY2(f->message.contains(QStringLiteral("no-such-model.safetensors")), qPrintable(f->message));
        QVERIFY(!f->message.contains(QLatin1Char('\n')));
        QCOMPARE(log.finishedOf(badOutput)->outcome, Outcome::Failed);
        QVERIFY(log.finishedOf(badOutput)->message.contains(QStringLiteral("out.jpg")));
        QCOMPARE(log.finishedOf(good)->outcome, Outcome::Completed);
        QCOMPARE(log.progressCount(bad), 0);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("missing.png"))));
    }

    void testGuiThreadStaysResponsive()
    {
        GenerationController& c = *m_controller;
        EventLog log(c);
        QElapsedTimer clock;
        clock.start();
        qint64 lastTick = -1;
        qint64 maxGap = 0;
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            if (lastTick >= 0)
                maxGap = std::max(maxGap, now - lastTick);
            lastTick = now;
            ++ticks;
        });
        const quint64 id = c.submit(request(QStringLiteral("responsive.png"), 1000));
        QTRY_VERIFY_WITH_TIMEOUT(log.progressCount(id) >= 1, JobTimeoutMs);
        timer.start();
        QElapsedTimer running;
        running.start();
        // While the job runs for a second and a half, the timer on this thread keeps firing.
        QTRY_VERIFY_WITH_TIMEOUT(running.elapsed() >= 1500, 10000);
        timer.stop();
        const int stepsMeanwhile = log.progressCount(id);
        QCOMPARE(c.runningJob(), id);
        c.cancel(id);
        QTRY_COMPARE_WITH_TIMEOUT(log.finished.size(), 1, JobTimeoutMs);
        qInfo("while %d steps ran: %d timer ticks, longest gap %lld ms", stepsMeanwhile, ticks, maxGap);
        QVERIFY(stepsMeanwhile > 1);
        QVERIFY2(ticks >= 30, qPrintable(QString::number(ticks)));
        QVERIFY2(maxGap < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(maxGap)));
    }

    void testReceiverDeletedAndControllerDestroyedMidRun()
    {
        QTemporaryDir hashes;
        auto controller = std::make_unique<GenerationController>(hashes.path());
        auto receiver = std::make_unique<QObject>();
        int progressSeen = 0;
        QObject::connect(controller.get(), &GenerationController::progress, receiver.get(), [&] { ++progressSeen; });
        EventLog log(*controller);
        const quint64 id = controller->submit(request(QStringLiteral("destroyed.png"), 1000));
        QTRY_VERIFY_WITH_TIMEOUT(log.progressCount(id) >= 2, JobTimeoutMs);
        receiver.reset(); // a receiver that goes away mid-job is simply not called again
        QTRY_VERIFY_WITH_TIMEOUT(log.progressCount(id) >= 4, JobTimeoutMs);
        QVERIFY(progressSeen >= 2);
        QPointer<GenerationController> guard(controller.get());
        QElapsedTimer clock;
        clock.start();
        controller.reset(); // cancels and waits for the running job
        QVERIFY(guard.isNull());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(log.finished.isEmpty()); // nothing is emitted from the destructor
        QTest::qWait(50); // events the worker posted are gone with the controller
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("destroyed.png"))));
    }
};

QTEST_GUILESS_MAIN(TestGenerationController)
#include "tst_generationcontroller.moc"
