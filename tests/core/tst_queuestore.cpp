// SPDX-License-Identifier: MIT
// The persisted queue: every kind of job, finished, cancelled, removed, reordered and paused, comes back
// the same in a new queue; a job persisted as running comes back Interrupted in a paused queue; a queue
// closed with a job running is no crash; an unreadable row is skipped with a warning and kept; a
// database that cannot be written gives one error line and the queue in memory goes on; files that are
// not queue databases are refused with one line. States and order are asserted, never time.

#include "jobs/batchjob.h"
#include "jobs/compose.h"
#include "jobs/generationjob.h"
#include "jobs/imagetooljob.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace easel;

namespace {

constexpr int JobTimeoutMs = 300000;

ImageRecipe tinyRecipe(const QString& prompt, qint64 seed, int steps = 2)
{
    ImageRecipe r;
    r.prompt = prompt;
    r.seed = seed;
    r.steps = steps;
    r.sampler = Sampler::Euler;
    r.precision = Precision::Fp32;
    r.device = Device::Cpu;
    return r;
}

std::unique_ptr<Job> generation(const QString& prompt, qint64 seed, const QString& output, int steps = 2)
{
    GenerationOptions o;
    o.outputPath = output;
    return std::make_unique<GenerationJob>(tinyRecipe(prompt, seed, steps), o);
}

/// An enhancement with no input: fails at once, without touching a file.
std::unique_ptr<Job> failingTool(const QString& output)
{
    ImageToolRequest r;
    r.output = output;
    return std::make_unique<ImageToolJob>(r);
}

/// Everything a queue knows about its jobs, one line each, in its order.
QStringList describe(const JobQueue& queue)
{
    QStringList lines;
    for (const JobInfo& info : queue.jobs()) {
        lines << QStringLiteral("%1 %2 %3 [%4] [%5] %6 [%7] %8")
                     .arg(info.id)
                     .arg(info.kind, jobStateName(info.state), info.title, info.message)
                     .arg(info.created.toMSecsSinceEpoch())
                     .arg(info.files.join(QLatin1Char('|')),
                         QString::fromUtf8(QJsonDocument(queue.job(info.id)->toJson()).toJson(QJsonDocument::Compact)));
    }
    return lines;
}

/// "<id> <state>" of each row read from the database, in its order; "unreadable" when it cannot be read.
QStringList states(const QString& path)
{
    const std::optional<QList<QueueRow>> rows = QueueStore::read(path);
    if (!rows)
        return { QStringLiteral("unreadable") };
    QStringList list;
    for (const QueueRow& row : *rows)
        list << QStringLiteral("%1 %2").arg(row.id).arg(row.state);
    return list;
}

/// Runs one statement on the database behind the store's back (what a crash or a bug would leave).
bool tamper(const QString& path, const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                qWarning("%s", qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    return ok;
}

/// Makes files and folders unwritable, even for root (immutable where chattr works; else mode 0555, which
/// root ignores). The flags are cleared when it goes out of scope.
class ReadOnly {
public:
    explicit ReadOnly(const QStringList& paths)
        : m_paths(paths)
    {
        for (const QString& path : m_paths) {
            if (QProcess::execute(QStringLiteral("chattr"), { QStringLiteral("+i"), path }) != 0) {
                m_immutable = false;
                QFile::setPermissions(path, QFile::ReadOwner | QFile::ExeOwner);
            }
        }
    }
    ~ReadOnly()
    {
        for (const QString& path : m_paths) {
            QProcess::execute(QStringLiteral("chattr"), { QStringLiteral("-i"), path });
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }
    /// False when root could still write (no chattr on this file system).
    bool effective() const { return m_immutable || ::geteuid() != 0; }

private:
    QStringList m_paths;
    bool m_immutable = true;
};

} // namespace

class TestQueueStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyJobComesBackTheSame()
    {
        const QString db = path(QStringLiteral("roundtrip/queue.sqlite"));
        QStringList before;
        QList<quint64> order;
        quint64 generated = 0;
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QSignalSpy errors(&store, &QueueStore::error);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(!store.recoveredFromCrash());
            QVERIFY(QFileInfo::exists(db));

            QSignalSpy finished(&queue, &JobQueue::jobFinished);
            generated = queue.submit(generation(QStringLiteral("a lighthouse"), 7, path(QStringLiteral("a.png"))));
            const quint64 failed = queue.submit(failingTool(path(QStringLiteral("b.png"))));
            QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, JobTimeoutMs));
            QCOMPARE(queue.info(generated)->state, JobState::Completed);
            QCOMPARE(queue.info(generated)->files, QStringList { path(QStringLiteral("a.png")) });
            QCOMPARE(queue.info(failed)->state, JobState::Failed);

            queue.setPaused(true);
            ComposeRequest compose;
            compose.base = tinyRecipe(QString(), 11);
            compose.characterPrompt = QStringLiteral("a knight");
            compose.backgroundPrompt = QStringLiteral("a castle");
            compose.outputPath = path(QStringLiteral("scene.png"));
            const quint64 c = queue.submit(std::make_unique<ComposeJob>(compose));
            BatchRequest batch;
            batch.promptsFile = path(QStringLiteral("prompts.json"));
            batch.outputRoot = path(QStringLiteral("frames"));
            batch.base = tinyRecipe(QString(), 9);
            batch.base.model = QStringLiteral("/models/dreamshaper_8.safetensors");
            const quint64 d = queue.submit(std::make_unique<BatchJob>(batch));
            const quint64 e
                = queue.submit(generation(QStringLiteral("a fox\nin snow"), 3, path(QStringLiteral("e.png"))));
            const quint64 f = queue.submit(generation(QStringLiteral("never"), 4, path(QStringLiteral("f.png"))));
            const quint64 h = queue.submit(failingTool(path(QStringLiteral("h.png"))));
            QVERIFY(queue.cancel(h));
            QVERIFY(queue.remove(h));
            QVERIFY(queue.cancel(f));
            QVERIFY(queue.move(e, 0));
            const quint64 retry = queue.resubmit(failed);
            QVERIFY(retry > h);
            QCOMPARE(queue.queuedJobs(), (QList<quint64> { e, c, d, retry }));
            QTest::qWait(20); // paused: nothing starts
            QCOMPARE(queue.runningJob(), quint64(0));

            before = describe(queue);
            order = queue.queuedJobs();
            QCOMPARE(before.size(), 7);
            QVERIFY2(errors.isEmpty(), qPrintable(store.lastError()));
        }

        JobQueue queue;
        QueueStore store(queue, db);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(describe(queue), before);
        QCOMPARE(queue.queuedJobs(), order);
        QVERIFY(queue.isPaused());
        QVERIFY(!store.recoveredFromCrash());
        QVERIFY(store.warnings().isEmpty());

        // The reader for tools sees the same, in the same order.
        bool paused = false;
        const std::optional<QList<QueueRow>> rows = QueueStore::read(db, &error, &paused);
        QVERIFY2(rows, qPrintable(error));
        QVERIFY(paused);
        const QList<JobInfo> jobs = queue.jobs();
        QCOMPARE(rows->size(), jobs.size());
        QCOMPARE(rows->size(), 7);
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            QCOMPARE(rows->at(i).id, jobs[i].id);
            QCOMPARE(rows->at(i).state, jobStateName(jobs[i].state));
            QCOMPARE(rows->at(i).title, jobs[i].title);
            QCOMPARE(rows->at(i).files, jobs[i].files);
        }
        QCOMPARE(rows->first().model, std::optional<QString>(QString())); // the demo model
        QCOMPARE(rows->at(1).model, std::optional<QString>()); // an image tool has no recipe
        QCOMPARE(rows->at(5).model, std::optional<QString>(QStringLiteral("/models/dreamshaper_8.safetensors")));
        QCOMPARE(rows->at(3).title, QStringLiteral("a fox"));

        // New ids follow the old ones; adding and removing go on being written.
        const quint64 next = queue.submit(failingTool(path(QStringLiteral("n.png"))));
        QVERIFY(next > order.last());
        QVERIFY(queue.remove(generated));
        QCOMPARE(states(db).size(), jobs.size()); // one added, one removed
    }

    void runningJobComesBackInterruptedAndPaused()
    {
        const QString db = path(QStringLiteral("crashed/queue.sqlite"));
        quint64 a = 0;
        quint64 b = 0;
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QVERIFY(store.open());
            queue.setPaused(true);
            a = queue.submit(generation(QStringLiteral("first"), 1, path(QStringLiteral("c1.png"))));
            b = queue.submit(generation(QStringLiteral("second"), 2, path(QStringLiteral("c2.png"))));
        }
        // What the file holds when the process dies while `a` runs.
        QVERIFY(tamper(db, QStringLiteral("UPDATE jobs SET state = 'running' WHERE id = %1").arg(a)));
        QVERIFY(tamper(db, QStringLiteral("UPDATE queue SET value = '0' WHERE key = 'paused'")));
        QCOMPARE(states(db), (QStringList { QStringLiteral("%1 running").arg(a), QStringLiteral("%1 queued").arg(b) }));
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QVERIFY(store.open());
            QVERIFY(store.recoveredFromCrash());
            QCOMPARE(store.interruptedJobs(), QList<quint64> { a });
            QVERIFY(queue.isPaused());
            QCOMPARE(queue.info(a)->state, JobState::Interrupted);
            QVERIFY(!queue.info(a)->message.isEmpty());
            QVERIFY(!queue.info(a)->message.contains(QLatin1Char('\n')));
            QCOMPARE(queue.queuedJobs(), QList<quint64> { b });
            QTest::qWait(20);
            QCOMPARE(queue.runningJob(), quint64(0));
        }
        // Written back: the next start is no crash, and the queue stays paused until resumed.
        QCOMPARE(
            states(db), (QStringList { QStringLiteral("%1 interrupted").arg(a), QStringLiteral("%1 queued").arg(b) }));
        JobQueue queue;
        QueueStore store(queue, db);
        QVERIFY(store.open());
        QVERIFY(!store.recoveredFromCrash());
        QVERIFY(queue.isPaused());
        QCOMPARE(queue.info(a)->state, JobState::Interrupted);
    }

    void closingWithAJobRunningIsNoCrash()
    {
        const QString db = path(QStringLiteral("closed/queue.sqlite"));
        quint64 a = 0;
        {
            auto queue = std::make_unique<JobQueue>();
            QueueStore store(*queue, db);
            QVERIFY(store.open());
            a = queue->submit(generation(QStringLiteral("long"), 1, path(QStringLiteral("long.png")), 1000));
            QSignalSpy started(queue.get(), &JobQueue::jobStarted);
            QVERIFY(QTest::qWaitFor([&] { return !started.isEmpty(); }, JobTimeoutMs));
            QCOMPARE(states(db), QStringList { QStringLiteral("%1 running").arg(a) });
            queue.reset(); // cancels the job and waits for it, without a signal
        }
        QCOMPARE(states(db), QStringList { QStringLiteral("%1 interrupted").arg(a) });
        JobQueue queue;
        QueueStore store(queue, db);
        QVERIFY(store.open());
        QVERIFY(!store.recoveredFromCrash());
        QVERIFY(!queue.isPaused());
        QCOMPARE(queue.info(a)->state, JobState::Interrupted);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("long.png"))));
    }

    void unreadableRowsAreSkippedAndKept()
    {
        const QString db = path(QStringLiteral("unreadable/queue.sqlite"));
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QVERIFY(store.open());
            queue.setPaused(true);
            for (int i = 1; i <= 4; ++i)
                queue.submit(generation(QStringLiteral("job %1").arg(i), i, path(QStringLiteral("u%1.png").arg(i))));
        }
        QVERIFY(tamper(db, QStringLiteral("UPDATE jobs SET job = '{\"kind\":\"teleport\"}' WHERE id = 2")));
        QVERIFY(tamper(db, QStringLiteral("UPDATE jobs SET job = 'not json' WHERE id = 3")));
        QVERIFY(tamper(db, QStringLiteral("UPDATE jobs SET state = 'exploded' WHERE id = 4")));

        JobQueue queue;
        QueueStore store(queue, db);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(queue.queuedJobs(), QList<quint64> { 1 });
        const QStringList warnings = store.warnings();
        QCOMPARE(warnings.size(), 3);
        const QString all = warnings.join(QLatin1Char('/'));
        for (const char* part : { "job 2 ", "teleport", "job 3 ", "job 4 ", "exploded" })
            QVERIFY2(all.contains(QLatin1String(part)), qPrintable(all));
        for (const QString& w : warnings) {
            QVERIFY(!w.contains(QLatin1Char('\n')));
            QVERIFY(w.contains(db));
        }
        // New jobs never take a kept row's id, and the rows stay in the file.
        const quint64 next = queue.submit(generation(QStringLiteral("new"), 9, path(QStringLiteral("u9.png"))));
        QCOMPARE(next, quint64(5));
        QCOMPARE(states(db).size(), 5);
    }

    void unwritableDatabaseGivesOneErrorLine()
    {
        const QString folder = path(QStringLiteral("locked"));
        const QString db = folder + QStringLiteral("/queue.sqlite");
        JobQueue queue;
        QueueStore store(queue, db);
        QSignalSpy errors(&store, &QueueStore::error);
        QVERIFY(store.open());
        queue.setPaused(true);
        const quint64 a = queue.submit(generation(QStringLiteral("saved"), 1, path(QStringLiteral("l1.png"))));
        QCOMPARE(errors.size(), 0);
        quint64 b = 0;
        quint64 c = 0;
        {
            QStringList locked { folder, db };
            if (QFileInfo::exists(db + QStringLiteral("-wal")))
                locked << db + QStringLiteral("-wal");
            const ReadOnly readOnly(locked);
            if (!readOnly.effective())
                QSKIP("cannot make a file read-only for root here (no chattr)");
            b = queue.submit(generation(QStringLiteral("not saved"), 2, path(QStringLiteral("l2.png"))));
            c = queue.submit(generation(QStringLiteral("not saved either"), 3, path(QStringLiteral("l3.png"))));
            QVERIFY(queue.move(c, 0));
            QCOMPARE(errors.size(), 1); // one line, not one per change
            const QString message = errors.first().first().toString();
            QVERIFY2(message.contains(db), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
            QCOMPARE(store.lastError(), message);
            // The queue in memory goes on.
            QCOMPARE(queue.queuedJobs(), (QList<quint64> { c, a, b }));
        }
        // Writable again: the next change writes the whole queue.
        queue.setPaused(false);
        queue.setPaused(true);
        QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
        QCOMPARE(errors.size(), 1);
        JobQueue again;
        QueueStore reopened(again, db);
        QVERIFY(reopened.open());
        QCOMPARE(describe(again), describe(queue));
    }

    void readOnlyDatabaseIsReadAndSaysSo()
    {
        const QString folder = path(QStringLiteral("readonly"));
        const QString db = folder + QStringLiteral("/queue.sqlite");
        {
            JobQueue queue;
            QueueStore store(queue, db);
            QVERIFY(store.open());
            queue.setPaused(true);
            queue.submit(generation(QStringLiteral("kept"), 1, path(QStringLiteral("r1.png"))));
        }
        const ReadOnly readOnly({ folder, db });
        if (!readOnly.effective())
            QSKIP("cannot make a file read-only for root here (no chattr)");
        // The tool's reader and the store both read it; the store says once that nothing will be saved.
        QCOMPARE(states(db), QStringList { QStringLiteral("1 queued") });
        JobQueue queue;
        QueueStore store(queue, db);
        QSignalSpy errors(&store, &QueueStore::error);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(queue.queuedJobs(), QList<quint64> { 1 });
        QVERIFY(queue.isPaused());
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(db) && message.contains(QStringLiteral("read-only")), qPrintable(message));
        queue.submit(generation(QStringLiteral("not kept"), 2, path(QStringLiteral("r2.png"))));
        QCOMPARE(queue.queuedJobs(), (QList<quint64> { 1, 2 }));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(states(db), QStringList { QStringLiteral("1 queued") });
    }

    void unwritableFolderFailsToOpen()
    {
        const QString folder = path(QStringLiteral("nofolder"));
        QVERIFY(QDir().mkpath(folder));
        const ReadOnly readOnly({ folder });
        if (!readOnly.effective())
            QSKIP("cannot make a folder read-only for root here (no chattr)");
        const QString db = folder + QStringLiteral("/queue.sqlite");
        JobQueue queue;
        QueueStore store(queue, db);
        QString error;
        QVERIFY(!store.open(&error));
        QVERIFY2(error.contains(db), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        // Nothing is written, the queue works in memory.
        queue.setPaused(true);
        QCOMPARE(queue.submit(failingTool(path(QStringLiteral("x.png")))), quint64(1));
        QVERIFY(!QFileInfo::exists(db));
    }

    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a database") << QByteArray() << QStringLiteral("not a database");
        QTest::newRow("newer schema") << QByteArray("PRAGMA user_version = 99") << QStringLiteral("newer");
        QTest::newRow("another program's jobs")
            << QByteArray("CREATE TABLE jobs (x)") << QStringLiteral("not a queue database");
    }

    void foreignFilesAreRefused()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QString, expected);
        const QString db = path(QStringLiteral("foreign-%1.sqlite")
                                    .arg(QString::fromLatin1(QTest::currentDataTag()))
                                    .replace(QLatin1Char(' '), QLatin1Char('-')));
        if (sql.isEmpty()) {
            QFile file(db);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        } else {
            QVERIFY(tamper(db, QString::fromLatin1(sql)));
        }
        const QByteArray bytes = [&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();

        JobQueue queue;
        QueueStore store(queue, db);
        QString error;
        QVERIFY(!store.open(&error));
        QVERIFY2(error.contains(expected) && error.contains(db), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(!QueueStore::read(db, &error));
        QVERIFY2(error.contains(db), qPrintable(error));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes); // untouched
    }

    void missingFileReadsAsEmpty()
    {
        const QString db = path(QStringLiteral("missing/queue.sqlite"));
        const std::optional<QList<QueueRow>> rows = QueueStore::read(db);
        QVERIFY(rows && rows->isEmpty());
        QVERIFY(!QFileInfo::exists(db));
        QVERIFY(!QFileInfo::exists(QFileInfo(db).absolutePath()));
    }
};

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queuestore.moc"
