// SPDX-License-Identifier: MIT
// Kill -9 safety of the persisted queue: a child process (queuecrash_child) runs a queue of three
// generations on the tiny demo model and is killed with SIGKILL at several moments: just after the first
// job started, mid-sampling, while a job writes many images, after the first job finished and the second
// started. Each time the database still holds every job: read-only (as easel-cli reads it) it shows the
// killed job as running; opened, that job is Interrupted, the queue paused, the waiting jobs Queued in
// their order; every PNG in the output folder is a complete image and every file the queue recorded is
// one of them. Last, the killed queue is resumed in a new child and runs to its end. The test waits for
// lines the child prints; it never asserts on time.

#include "gallery/galleryindex.h"
#include "gallery/imagemetadata.h"
#include "imaging/imageio.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <functional>
#include <map>
#include <set>

#include <signal.h>
#include <sys/wait.h>

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

    void send(const QString& line) { m_process.write((line + QLatin1Char('\n')).toUtf8()); }

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

/// The id in a child's "<word> <id>" line.
quint64 idOf(const QString& line) { return line.section(QLatin1Char(' '), 1, 1).toULongLong(); }

std::map<quint64, QString> persistedStates(const QString& db)
{
    QString error;
    const std::optional<QList<QueueRow>> rows = QueueStore::read(db, &error);
    if (!rows)
        qFatal("%s", qPrintable(error));
    std::map<quint64, QString> states;
    for (const QueueRow& row : *rows)
        states[row.id] = row.state;
    return states;
}

} // namespace

class TestQueueCrash : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Killed at random moments, 100 times each, while a loop changes files (see queuecrash_child --serve): an
    // ImageWriter overwriting PNGs, a gallery index being updated, a queue being changed. After each kill:
    // images: every PNG is whole, readable, 64x64, its pixels and its recipe from the same write, and no older
    //         than the last save the writer reported;
    // index:  the database opens without being moved aside, and after the start-up rescan it lists exactly
    //         the PNGs on disk, each with the rating written in the file;
    // queue:  the database holds every job the queue reported added, in the state last reported; only the
    //         change under way when the process died may be either way.
    void killedAtRandom_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("saving images") << QStringLiteral("images");
        QTest::newRow("updating the gallery index") << QStringLiteral("index");
        QTest::newRow("changing the queue") << QStringLiteral("queue");
    }

    void killedAtRandom()
    {
        QFETCH(QString, mode);
        constexpr int Kills = 100;
        const QString dir = m_dir.filePath(QStringLiteral("random-") + mode);
        QVERIFY(QDir().mkpath(dir));
        Child server({ QStringLiteral("--serve") });
        QRandomGenerator random(18); // fixed: a failure comes back the same
        std::map<QString, qint64> lastSaved; // images: path -> the stamp last reported saved
        std::map<quint64, QString> jobs; // queue: id -> state, as persisted
        int changes = 0;
        for (int round = 0; round < Kills; ++round) {
            const qsizetype first = server.lines().size();
            server.send(QStringLiteral("%1 %2 %3").arg(mode, dir).arg(round + 1));
            auto lineAfter = [&](const QString& prefix) {
                for (qsizetype i = first; i < server.lines().size(); ++i) {
                    if (server.lines().at(i).startsWith(prefix))
                        return server.lines().at(i);
                }
                return QString();
            };
            QVERIFY2(server.waitFor([&](const QStringList&) {
                return !lineAfter(QStringLiteral("ready ")).isEmpty()
                    || !lineAfter(QStringLiteral("reaped ")).isEmpty();
            }),
                qPrintable(server.lines().mid(first).join(QLatin1Char('/'))));
            const QString ready = lineAfter(QStringLiteral("ready "));
            QVERIFY2(!ready.isEmpty(), qPrintable(server.lines().mid(first).join(QLatin1Char('/'))));
            const pid_t pid = pid_t(idOf(ready));
            // A random moment: after 0 to 3 changes are done, 0 to 5 ms into the next ones.
            const int settled = int(random.bounded(4));
            QVERIFY(server.waitFor([&](const QStringList& l) {
                return std::count_if(l.begin() + first, l.end(), [](const QString& line) {
                    return !line.startsWith(QLatin1String("ready ")) && !line.startsWith(QLatin1String("will-"));
                }) >= settled;
            }));
            QThread::usleep(random.bounded(5000));
            QCOMPARE(::kill(pid, SIGKILL), 0);
            const QString reaped = QStringLiteral("reaped %1 ").arg(pid);
            QVERIFY(server.waitFor([&](const QStringList&) { return !lineAfter(reaped).isEmpty(); }));
            const int status = lineAfter(reaped).section(QLatin1Char(' '), 2, 2).toInt();
            QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                qPrintable(server.lines().mid(first).join(QLatin1Char('/'))));
            const QStringList lines = server.lines().mid(first);

            if (mode == QLatin1String("images")) {
                for (const QString& line : lines) {
                    if (line.startsWith(QLatin1String("saved "))) {
                        lastSaved[line.section(QLatin1Char(' '), 1, 1)]
                            = line.section(QLatin1Char(' '), 2, 2).toLongLong();
                        ++changes;
                    }
                }
                for (const QString& name : QDir(dir).entryList({ QStringLiteral("*.png") }, QDir::Files)) {
                    const QString path = dir + QLatin1Char('/') + name;
                    const QString problem = pngProblem(path);
                    QVERIFY2(problem.isEmpty(), qPrintable(path + QStringLiteral(": ") + problem));
                    const ImageMetadata metadata = ImageMetadata::read(path);
                    QVERIFY2(metadata.recipe, qPrintable(path));
                    const qint64 stamp = metadata.recipe->seed;
                    const cv::Mat pixels = imaging::readImage(path).pixels;
                    QCOMPARE(int(pixels.at<cv::Vec3b>(32, 32)[0]), int(stamp % 251));
                    QVERIFY2(!lastSaved.count(path) || stamp >= lastSaved.at(path), qPrintable(path));
                }
            } else if (mode == QLatin1String("index")) {
                const QString images = dir + QStringLiteral("/images");
                GalleryIndex index(dir + QStringLiteral("/gallery.sqlite"));
                QVERIFY2(index.movedAsidePath().isEmpty(), qPrintable(index.movedAsidePath()));
                index.rescan();
                QStringList files;
                for (const QString& name : QDir(images).entryList({ QStringLiteral("*.png") }, QDir::Files))
                    files << QDir::cleanPath(images + QLatin1Char('/') + name);
                QStringList indexed;
                for (const GalleryEntry& entry : index.search(QString())) {
                    indexed << entry.path;
                    QVERIFY2(pngProblem(entry.path).isEmpty(), qPrintable(entry.path));
                    QCOMPARE(entry.rating, ImageMetadata::read(entry.path).rating);
                }
                files.sort();
                indexed.sort();
                QCOMPARE(indexed, files);
                changes += int(lines.size()) - 2;
            } else {
                // Replay what the queue reported; the last "will-" without its answer may be either way.
                std::map<quint64, QString> expected = jobs;
                QString pending;
                for (const QString& line : lines) {
                    const quint64 id = idOf(line);
                    if (line.startsWith(QLatin1String("will-"))) {
                        pending = line;
                        continue;
                    }
                    if (line.startsWith(QLatin1String("added ")))
                        expected[id] = QStringLiteral("queued");
                    else if (line.startsWith(QLatin1String("cancelled ")))
                        expected[id] = QStringLiteral("cancelled");
                    else if (line.startsWith(QLatin1String("removed ")))
                        expected.erase(id);
                    else if (!line.startsWith(QLatin1String("moved ")))
                        continue;
                    pending.clear();
                    ++changes;
                }
                const std::map<quint64, QString> actual = persistedStates(dir + QStringLiteral("/queue.sqlite"));
                std::set<quint64> ids;
                for (const auto& [id, state] : expected)
                    ids.insert(id);
                for (const auto& [id, state] : actual)
                    ids.insert(id);
                for (const quint64 id : ids) {
                    const QString want = expected.count(id) ? expected.at(id) : QStringLiteral("(none)");
                    const QString have = actual.count(id) ? actual.at(id) : QStringLiteral("(none)");
                    const bool inFlight = !pending.isEmpty()
                        && (idOf(pending) == id || (pending == QLatin1String("will-add 0") && !expected.count(id)));
                    QVERIFY2(want == have || inFlight,
                        qPrintable(QStringLiteral("job %1: %2 in the database, %3 reported (round %4, %5)")
                                       .arg(id)
                                       .arg(have, want)
                                       .arg(round)
                                       .arg(pending)));
                }
                jobs = actual;
            }
        }
        qInfo("%d kills, %d changes reported done before them", Kills, changes);
        if (mode == QLatin1String("queue")) {
            JobQueue queue;
            QueueStore store(queue, dir + QStringLiteral("/queue.sqlite"));
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(store.warnings().isEmpty());
            QCOMPARE(queue.jobs().size(), qsizetype(jobs.size()));
        }
    }

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
