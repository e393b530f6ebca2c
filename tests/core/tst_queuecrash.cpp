// SPDX-License-Identifier: MIT
// Kill -9 safety of the persisted queue: a child process (queuecrash_child) runs a queue of three
// generations on the tiny demo model and is killed with SIGKILL at several moments: just after the first
// job started, mid-sampling, while a job writes many images, after the first job finished and the second
// started. Each time the database still holds every job: read-only (as easel-cli reads it) it shows the
// killed job as running; opened, that job is Interrupted, the queue paused, the waiting jobs Queued in
// their order; every PNG in the output folder is a complete image and every file the queue recorded is
// one of them. Last, the killed queue is resumed in a new child and runs to its end. The test waits for
// lines the child prints; it never asserts on time.

#include "imaging/imageio.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace easel;

namespace {

constexpr int WaitMs = 300000; // a guard against a hang, not a measure

/// The child, and the lines it printed so far.
class Child {
public:
    explicit Child(const QStringList& args)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(QUEUECRASH_CHILD), args);
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    /// Waits until `done` holds for the lines printed so far; false when the child ended first.
    bool waitFor(const std::function<bool(const QStringList&)>& done)
    {
        const bool settled = QTest::qWaitFor(
            [&] {
                read();
                return done(m_lines) || m_process.state() == QProcess::NotRunning;
            },
            WaitMs);
        read();
        return settled && done(m_lines);
    }

    /// SIGKILL: no handler, no destructor, no flush runs in the child.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished();
        read();
    }

    bool finish()
    {
        const bool ended = m_process.waitForFinished(WaitMs);
        read();
        return ended;
    }

    const QProcess& process() const { return m_process; }
    const QStringList& lines() const { return m_lines; }

private:
    void read()
    {
        while (m_process.canReadLine())
            m_lines << QString::fromUtf8(m_process.readLine()).trimmed();
    }

    QProcess m_process;
    QStringList m_lines;
};

int count(const QStringList& lines, const QString& prefix)
{
    return int(std::count_if(lines.begin(), lines.end(), [&](const QString& l) { return l.startsWith(prefix); }));
}

/// A whole PNG: ends with its IEND chunk and decodes.
QString pngProblem(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot open");
    const QByteArray bytes = file.readAll();
    static const QByteArray iend = QByteArray::fromHex("0000000049454e44ae426082");
    if (!bytes.endsWith(iend))
        return QStringLiteral("no IEND at the end (%1 bytes)").arg(bytes.size());
    try {
        const imaging::ImageData image = imaging::readImage(path);
        if (image.pixels.cols != 64 || image.pixels.rows != 64)
            return QStringLiteral("%1x%2 pixels").arg(image.pixels.cols).arg(image.pixels.rows);
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestQueueCrash : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void killedQueueComesBack_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("moment");
        QTest::addColumn<quint64>("killed"); // the job that ran
        QTest::newRow("right after start") << QStringLiteral("slow") << QStringLiteral("started") << quint64(1);
        QTest::newRow("mid-sampling") << QStringLiteral("slow") << QStringLiteral("sampling") << quint64(1);
        QTest::newRow("while saving images") << QStringLiteral("many") << QStringLiteral("saving") << quint64(1);
        QTest::newRow("second job") << QStringLiteral("quick") << QStringLiteral("second") << quint64(2);
    }

    void killedQueueComesBack()
    {
        QFETCH(QString, mode);
        QFETCH(QString, moment);
        QFETCH(quint64, killed);
        const QString base
            = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        const QString db = base + QStringLiteral("/queue.sqlite");
        const QString out = base + QStringLiteral("/images");
        QVERIFY(QDir().mkpath(out));

        const std::map<QString, std::function<bool(const QStringList&)>> moments {
            { QStringLiteral("started"), [](const QStringList& l) { return l.contains(QStringLiteral("started 1")); } },
            { QStringLiteral("sampling"),
                [](const QStringList& l) {
                    return count(l, QStringLiteral("step 1 ")) >= 3 && l.contains(QStringLiteral("preview 1"));
                } },
            { QStringLiteral("saving"),
                [](const QStringList& l) { return count(l, QStringLiteral("saved 1 ")) >= 3; } },
            { QStringLiteral("second"), [](const QStringList& l) { return l.contains(QStringLiteral("started 2")); } },
        };
        {
            Child child({ db, out, mode });
            QVERIFY2(child.waitFor(moments.at(moment)), qPrintable(child.lines().join(QLatin1Char('/'))));
            QCOMPARE(child.lines().first(), QStringLiteral("opened 0 0 0"));
            child.kill();
            QCOMPARE(child.process().exitStatus(), QProcess::CrashExit);
            QVERIFY(!child.lines().contains(QStringLiteral("finished %1 completed").arg(killed)));
        }

        // As a tool reads it, without writing: the killed job is still "running".
        QString error;
        bool paused = true;
        const std::optional<QList<QueueRow>> rows = QueueStore::read(db, &error, &paused);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 3);
        QVERIFY(!paused);
        QStringList states;
        for (const QueueRow& row : *rows)
            states << QStringLiteral("%1 %2").arg(row.id).arg(row.state);
        const QStringList expected = killed == 1
            ? QStringList { QStringLiteral("1 running"), QStringLiteral("2 queued"), QStringLiteral("3 queued") }
            : QStringList { QStringLiteral("1 completed"), QStringLiteral("2 running"), QStringLiteral("3 queued") };
        QCOMPARE(states, expected);

        // Every image on disk is whole; every file the queue recorded is one of them.
        QStringList images;
        QDirIterator it(out, { QStringLiteral("*.png") }, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            images << it.next();
        for (const QString& image : std::as_const(images)) {
            const QString problem = pngProblem(image);
            QVERIFY2(problem.isEmpty(), qPrintable(image + QStringLiteral(": ") + problem));
        }
        QStringList recorded;
        for (const QueueRow& row : *rows)
            recorded += row.files;
        for (const QString& file : std::as_const(recorded))
            QVERIFY2(images.contains(file), qPrintable(file));
        if (moment == QLatin1String("saving"))
            QVERIFY(recorded.size() >= 3);
        if (killed == 2)
            QCOMPARE(rows->first().files, QStringList { out + QStringLiteral("/a.png") });

        // Opened: the killed job is Interrupted, the queue paused, the others as they were.
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(store.warnings().isEmpty());
            QVERIFY(store.recoveredFromCrash());
            QCOMPARE(store.interruptedJobs(), QList<quint64> { killed });
            QVERIFY(queue.isPaused());
            QCOMPARE(queue.jobs().size(), 3);
            QCOMPARE(queue.info(killed)->state, JobState::Interrupted);
            if (killed == 1) {
                QCOMPARE(queue.queuedJobs(), (QList<quint64> { 2, 3 }));
            } else {
                QCOMPARE(queue.info(1)->state, JobState::Completed);
                QCOMPARE(queue.queuedJobs(), QList<quint64> { 3 });
            }
        }
        if (killed != 2)
            return;

        // A new process resumes the queue: the waiting job runs, the interrupted one stays as it ended.
        Child child({ db, out, mode, QStringLiteral("--resume") });
        QVERIFY(child.finish());
        QCOMPARE(child.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.process().exitCode(), 0);
        QCOMPARE(child.lines().first(), QStringLiteral("opened 3 0 1"));
        QVERIFY2(child.lines().contains(QStringLiteral("finished 3 completed")),
            qPrintable(child.lines().join(QLatin1Char('/'))));
        QCOMPARE(child.lines().last(), QStringLiteral("idle"));
        const std::optional<QList<QueueRow>> after = QueueStore::read(db, &error, &paused);
        QVERIFY2(after, qPrintable(error));
        QVERIFY(!paused);
        states.clear();
        for (const QueueRow& row : *after)
            states << QStringLiteral("%1 %2").arg(row.id).arg(row.state);
        QCOMPARE(states,
            (QStringList {
                QStringLiteral("1 completed"), QStringLiteral("2 interrupted"), QStringLiteral("3 completed") }));
        QCOMPARE(pngProblem(out + QStringLiteral("/c.png")), QString());
    }
};

QTEST_GUILESS_MAIN(TestQueueCrash)
#include "tst_queuecrash.moc"
