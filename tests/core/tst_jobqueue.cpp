// SPDX-License-Identifier: MIT
// The one queue of the studio on the bundled tiny demo model: a generation, a composition and an
// enhancement run through it one after another; phases, load progress, real saved paths and recipes;
// cancel, order, pause; a save into a read-only folder fails without losing the image; every kind of job
// survives a JSON round trip. Order and counts are asserted, never wall-clock time.

#include "jobs/batchjob.h"
#include "jobs/compose.h"
#include "jobs/generationjob.h"
#include "jobs/imagetooljob.h"
#include "jobs/jobqueue.h"
#include "jobs/modelservice.h"

#include "engine/common/blockcache.h"
#include "gallery/imagefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace easel;

namespace {

constexpr int JobTimeoutMs = 300000;

/// Every signal of a queue, in order.
struct EventLog {
    QStringList order; ///< "started 1", "finished 1 completed"...
    QList<std::pair<quint64, JobProgress>> progress;
    QList<std::pair<quint64, Preview>> previews;
    QList<std::pair<quint64, SavedImage>> saved;
    QMap<quint64, JobResult> finished;
    QObject context;

    explicit EventLog(JobQueue& q)
    {
        QObject::connect(&q, &JobQueue::jobStarted, &context, [this](quint64 id) {
            order << QStringLiteral("started %1").arg(id);
        });
        QObject::connect(&q, &JobQueue::jobProgress, &context,
            [this](quint64 id, const JobProgress& p) { progress.append({ id, p }); });
        QObject::connect(&q, &JobQueue::jobPreview, &context,
            [this](quint64 id, int, int, const Preview& image) { previews.append({ id, image }); });
        QObject::connect(&q, &JobQueue::imageSaved, &context,
            [this](quint64 id, const SavedImage& image) { saved.append({ id, image }); });
        QObject::connect(&q, &JobQueue::jobFinished, &context, [this](quint64 id, const JobResult& result) {
            finished.insert(id, result);
            order << QStringLiteral("finished %1 %2").arg(id).arg(jobStateName(result.state));
        });
    }

    QList<JobPhase> phases(quint64 id) const
    {
        QList<JobPhase> list;
        for (const auto& [job, p] : progress) {
            if (job == id && (list.isEmpty() || list.last() != p.phase))
                list << p.phase;
        }
        return list;
    }

    QStringList savedPaths(quint64 id) const
    {
        QStringList paths;
        for (const auto& [job, image] : saved) {
            if (job == id)
                paths << QFileInfo(image.path).fileName();
        }
        return paths;
    }
};

ImageRecipe tinyRecipe(const QString& prompt, qint64 seed, int steps = 3)
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

std::unique_ptr<GenerationJob> generation(const QString& prompt, qint64 seed, const QString& output, int batch = 1)
{
    ImageRecipe r = tinyRecipe(prompt, seed);
    r.batchSize = batch;
    GenerationOptions o;
    o.outputPath = output;
    return std::make_unique<GenerationJob>(r, o);
}

/// Makes `dir` unwritable even for root (immutable where chattr works, else mode 0555).
bool makeReadOnly(const QString& dir, bool readOnly)
{
    if (QProcess::execute(QStringLiteral("chattr"), { readOnly ? QStringLiteral("+i") : QStringLiteral("-i"), dir }) == 0)
        return true;
    return QFile::setPermissions(dir,
        readOnly ? QFile::ReadOwner | QFile::ExeOwner
                 : QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

/// Ends at once with the state it was given.
class OutcomeJob : public Job {
public:
    explicit OutcomeJob(JobState state)
        : m_state(state)
    {
    }
    QString kind() const override { return QStringLiteral("outcome"); }
    QString title() const override { return QStringLiteral("outcome"); }
    JobResult run(JobContext&) override
    {
        JobResult result;
        result.state = m_state;
        if (m_state == JobState::Failed)
            result.message = QStringLiteral("failed on purpose");
        return result;
    }
    QJsonObject toJson() const override { return { { QStringLiteral("kind"), kind() } }; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<OutcomeJob>(m_state); }

private:
    JobState m_state;
};

#if defined(Q_OS_LINUX)
/// Records the scheduling priority (nice) of the thread it runs on.
class NiceProbeJob : public Job {
public:
    explicit NiceProbeJob(int* nice)
        : m_nice(nice)
    {
    }
    QString kind() const override { return QStringLiteral("probe"); }
    QString title() const override { return QStringLiteral("probe"); }
    JobResult run(JobContext&) override
    {
        errno = 0;
        *m_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
        return {};
    }
    QJsonObject toJson() const override { return { { QStringLiteral("kind"), kind() } }; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<NiceProbeJob>(m_nice); }

private:
    int* m_nice;
};
#endif

class TestJobQueue : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static bool waitFinished(const EventLog& log, quint64 id)
    {
        return QTest::qWaitFor([&] { return log.finished.contains(id); }, JobTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void generationReportsPhasesLoadProgressAndRealPaths()
    {
        JobQueue queue;
        EventLog log(queue);
        const quint64 id = queue.submit(generation(QStringLiteral("a fox"), 100, path(QStringLiteral("fox.png")), 2));
        QVERIFY(waitFinished(log, id));
        const JobResult result = log.finished.value(id);
        QVERIFY2(result.state == JobState::Completed, qPrintable(result.message));

        QCOMPARE(log.phases(id),
            (QList<JobPhase> { JobPhase::LoadingModel, JobPhase::Encoding, JobPhase::Sampling, JobPhase::Decoding,
                JobPhase::Saving }));
        // Load progress: several events, a fraction that only grows, ending at 1.
        QList<double> load;
        for (const auto& [job, p] : log.progress) {
            if (job == id && p.phase == JobPhase::LoadingModel)
                load << p.phaseFraction;
        }
        QVERIFY2(load.size() >= 3, qPrintable(QString::number(load.size())));
        QVERIFY(std::is_sorted(load.begin(), load.end()));
        QCOMPARE(load.last(), 1.0);
        int steps = 0;
        for (const auto& [job, p] : log.progress)
            steps += (job == id && p.phase == JobPhase::Sampling && p.step > 0) ? 1 : 0;
        QCOMPARE(steps, 3); // one batch of two images, three steps
        QCOMPARE(log.previews.size() > 0, true);

        QCOMPARE(log.savedPaths(id), (QStringList { QStringLiteral("fox-100.png"), QStringLiteral("fox-101.png") }));
        QCOMPARE(result.saved.size(), 2);
        for (const auto& [job, image] : log.saved) {
            // The recipe in the PNG is the event's recipe, with what the model resolved filled in.
            const TextChunks chunks = ImageFile::readTextChunks(image.path);
            const auto stored = ImageRecipe::fromJsonText(ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
            QVERIFY(stored);
            QCOMPARE(stored->toJson(), image.recipe.toJson());
            QCOMPARE(image.recipe.width, 64);
            QCOMPARE(image.recipe.sampler, Sampler::Euler);
            QCOMPARE(image.recipe.modelSha256.size(), 64);
        }
        QCOMPARE(log.saved[1].second.recipe.seed, qint64(101));
        QCOMPARE(log.saved[1].second.recipe.batchIndex, 1);
    }

    // A generation's large buffers (4 MiB and more: the VAE's activations at 512x512, even for the tiny model) go
    // through the engine's block cache, which keeps them for reuse within the job; after the job the queue gives
    // them all back, so an idle studio holds none of them.
    void jobEndGivesTheBlockCacheBack()
    {
        ModelService::configureThreads(0); // as the window does first: it installs the cache
        JobQueue queue;
        EventLog log(queue);
        ImageRecipe r = tinyRecipe(QStringLiteral("a large field"), 3, 1);
        r.width = r.height = 512;
        GenerationOptions o;
        o.outputPath = path(QStringLiteral("large.png"));
        const engine::BlockCacheStats before = engine::blockCacheStats();
        const quint64 id = queue.submit(std::make_unique<GenerationJob>(r, o));
        QVERIFY(waitFinished(log, id));
        const JobResult result = log.finished.value(id);
        QVERIFY2(result.state == JobState::Completed, qPrintable(result.message));
        const engine::BlockCacheStats after = engine::blockCacheStats();
        QVERIFY2(after.reused + after.resized + after.mapped > before.reused + before.resized + before.mapped,
            "the generation took no block through the cache: the test no longer exercises it");
        QCOMPARE(after.cachedBytes, size_t(0));
    }

    void generationComposeAndEnhancementRunThroughOneQueue()
    {
        JobQueue queue;
        EventLog log(queue);
        const QString portrait = path(QStringLiteral("one.png"));
        const quint64 a = queue.submit(generation(QStringLiteral("a lighthouse"), 7, portrait));

        ComposeRequest compose;
        compose.base = tinyRecipe(QString(), 11);
        compose.characterPrompt = QStringLiteral("a knight");
        compose.backgroundPrompt = QStringLiteral("a castle");
        compose.merge.size = cv::Size(128, 64);
        compose.outputPath = path(QStringLiteral("scene.png"));
        const quint64 b = queue.submit(std::make_unique<ComposeJob>(compose));

        ImageToolRequest enhance;
        enhance.tool = ImageToolRequest::Tool::Enhance;
        enhance.inputs = { portrait }; // written by the first job before this one starts
        enhance.output = path(QStringLiteral("one-enhanced.png"));
        enhance.enhance = imaging::EnhanceSettings::seedChain();
        const quint64 c = queue.submit(std::make_unique<ImageToolJob>(enhance));
        QCOMPARE(queue.queuedJobs(), (QList<quint64> { a, b, c }));

        QVERIFY(waitFinished(log, c));
        QCOMPARE(log.order,
            (QStringList { QStringLiteral("started %1").arg(a), QStringLiteral("finished %1 completed").arg(a),
                QStringLiteral("started %1").arg(b), QStringLiteral("finished %1 completed").arg(b),
                QStringLiteral("started %1").arg(c), QStringLiteral("finished %1 completed").arg(c) }));
        QCOMPARE(log.savedPaths(a), QStringList { QStringLiteral("one.png") });
        QCOMPARE(log.savedPaths(b),
            (QStringList { QStringLiteral("scene-character.png"), QStringLiteral("scene-background.png"),
                QStringLiteral("scene.png") }));
        QCOMPARE(log.savedPaths(c), QStringList { QStringLiteral("one-enhanced.png") });
        QVERIFY(log.phases(b).contains(JobPhase::Processing));
        QCOMPARE(log.phases(c), QList<JobPhase> { JobPhase::Processing });
        // The enhanced copy names its source and its operations; the source is unchanged.
        const TextChunks chunks = ImageFile::readTextChunks(path(QStringLiteral("one-enhanced.png")));
        QVERIFY(ImageFile::text(chunks, QStringLiteral("easel:sources")).contains(QStringLiteral("one.png")));
        QVERIFY(ImageFile::text(chunks, QStringLiteral("easel:operations")).contains(QStringLiteral("sharpness")));
        QVERIFY(queue.isIdle());
    }

    void saveIntoReadOnlyFolderFailsAndKeepsTheImage()
    {
        const QString folder = path(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(makeReadOnly(folder, true));
        JobQueue queue;
        EventLog log(queue);
        const quint64 id = queue.submit(generation(QStringLiteral("a cat"), 5, folder + QStringLiteral("/cat.png"), 2));
        const bool done = waitFinished(log, id);
        makeReadOnly(folder, false);
        QVERIFY(done);
        const JobResult result = log.finished.value(id);
        QCOMPARE(result.state, JobState::Failed);
        QVERIFY2(result.message.contains(QDir::toNativeSeparators(folder)), qPrintable(result.message));
        QVERIFY(!result.message.contains(QLatin1Char('\n')));
        QCOMPARE(result.saved.size(), 0);
        QCOMPARE(result.unsaved.size(), 2); // the engine's images are kept, with their recipes
        for (const UnsavedImage& image : result.unsaved) {
            QVERIFY(!image.pixels.isNull());
            QCOMPARE(image.pixels.width, 64);
            QCOMPARE(image.recipe.prompt, QStringLiteral("a cat"));
        }
        QCOMPARE(result.unsaved[1].recipe.seed, qint64(6));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden).size(), 0); // no temporary file left
    }

    void cancelRunningAndQueued()
    {
        JobQueue queue;
        EventLog log(queue);
        // Many steps, so the cancel (sent from this thread at step 1) lands long before the end.
        ImageRecipe longRecipe = tinyRecipe(QStringLiteral("long"), 1, 400);
        GenerationOptions longOptions;
        longOptions.outputPath = path(QStringLiteral("c1.png"));
        const quint64 a = queue.submit(std::make_unique<GenerationJob>(longRecipe, longOptions));
        const quint64 b = queue.submit(generation(QStringLiteral("never"), 2, path(QStringLiteral("c2.png"))));
        // Cancel the running job at its first sampling step; the queued one never starts.
        QObject::connect(&queue, &JobQueue::jobProgress, &log.context, [&](quint64 id, const JobProgress& p) {
            if (id == a && p.phase == JobPhase::Sampling && p.step == 1)
                queue.cancel(a);
        });
        QVERIFY(queue.cancel(b));
        QCOMPARE(log.finished.value(b).state, JobState::Cancelled);
        QVERIFY(waitFinished(log, a));
        QCOMPARE(log.finished.value(a).state, JobState::Cancelled);
        QVERIFY(!log.order.contains(QStringLiteral("started %1").arg(b)));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("c1.png"))));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("c2.png"))));
        QVERIFY(!queue.cancel(a)); // ended
        // Retry queues a copy of the ended job.
        const quint64 again = queue.resubmit(b);
        QVERIFY(again > b);
        QVERIFY(waitFinished(log, again));
        QCOMPARE(log.finished.value(again).state, JobState::Completed);
    }

    // A long session keeps a bounded list: beyond the limit the oldest completed job goes, else the oldest.
    void endedLimitForgetsTheOldestCompletedFirst()
    {
        JobQueue queue;
        EventLog log(queue);
        QList<quint64> removed;
        QObject::connect(&queue, &JobQueue::jobRemoved, &log.context, [&](quint64 id) { removed << id; });
        queue.setEndedLimit(3);
        QCOMPARE(queue.endedLimit(), 3);
        const auto run = [&](JobState state) {
            const quint64 id = queue.submit(std::make_unique<OutcomeJob>(state));
            return waitFinished(log, id) ? id : 0;
        };
        const quint64 c1 = run(JobState::Completed);
        const quint64 f1 = run(JobState::Failed);
        const quint64 c2 = run(JobState::Completed);
        QVERIFY(c1 && f1 && c2);
        QVERIFY(removed.isEmpty());
        const quint64 c3 = run(JobState::Completed);
        const quint64 c4 = run(JobState::Completed);
        QCOMPARE(removed, (QList<quint64> { c1, c2 }));
        const auto ids = [&] {
            QList<quint64> list;
            for (const JobInfo& info : queue.jobs())
                list << info.id;
            return list;
        };
        QCOMPARE(ids(), (QList<quint64> { f1, c3, c4 }));
        QVERIFY(!queue.info(c1) && !queue.job(c2));

        // A job cancelled before it started ends too.
        queue.setPaused(true);
        const quint64 cancelled = queue.submit(std::make_unique<OutcomeJob>(JobState::Completed));
        QVERIFY(queue.cancel(cancelled));
        QCOMPARE(removed.last(), c3);
        QCOMPARE(ids(), (QList<quint64> { f1, c4, cancelled }));

        // Lowered: completed ones go first; with none left, the oldest of the rest.
        queue.setEndedLimit(1);
        QCOMPARE(removed.mid(3), (QList<quint64> { c4, f1 }));
        QCOMPARE(ids(), QList<quint64> { cancelled });

        // 0: no limit.
        queue.setEndedLimit(0);
        queue.setPaused(false);
        run(JobState::Failed);
        run(JobState::Completed);
        QCOMPARE(queue.jobs().size(), 3);
        QCOMPARE(removed.size(), 5);
    }

    void frontMoveAndPauseAfterCurrent()
    {
        JobQueue queue;
        EventLog log(queue);
        queue.setPaused(true);
        const quint64 a = queue.submit(generation(QStringLiteral("a"), 1, path(QStringLiteral("o1.png"))));
        const quint64 b = queue.submit(generation(QStringLiteral("b"), 2, path(QStringLiteral("o2.png"))));
        const quint64 c = queue.submit(
            generation(QStringLiteral("c"), 3, path(QStringLiteral("o3.png"))), JobQueue::Position::Front);
        QCOMPARE(queue.queuedJobs(), (QList<quint64> { c, a, b }));
        QVERIFY(queue.move(b, 1));
        QCOMPARE(queue.queuedJobs(), (QList<quint64> { c, b, a }));
        QTest::qWait(50);
        QVERIFY(log.order.isEmpty()); // paused: nothing starts

        // Pause after the current job: c runs, b and a wait.
        const QMetaObject::Connection pauseAfterC = QObject::connect(&queue, &JobQueue::jobStarted, &log.context, [&](quint64 id) {
            if (id == c)
                queue.setPaused(true);
        });
        queue.setPaused(false);
        QVERIFY(waitFinished(log, c));
        QTest::qWait(50);
        QCOMPARE(log.order, (QStringList { QStringLiteral("started %1").arg(c), QStringLiteral("finished %1 completed").arg(c) }));
        QCOMPARE(queue.queuedJobs(), (QList<quint64> { b, a }));
        QVERIFY(queue.isIdle());
        QObject::disconnect(pauseAfterC);
        queue.setPaused(false);
        QVERIFY(waitFinished(log, a));
        QCOMPARE(log.order.mid(2),
            (QStringList { QStringLiteral("started %1").arg(b), QStringLiteral("finished %1 completed").arg(b),
                QStringLiteral("started %1").arg(a), QStringLiteral("finished %1 completed").arg(a) }));
        QCOMPARE(queue.jobs().size(), 3);
        QVERIFY(queue.remove(a));
        QCOMPARE(queue.jobs().size(), 2);
    }

    void taesdWhenAvailableFallsBackToApproxWithANote()
    {
        // This test's home has no fetched TAESD decoder.
        JobQueue queue;
        EventLog log(queue);
        GenerationOptions strict;
        strict.outputPath = path(QStringLiteral("taesd-strict.png"));
        strict.preview = PreviewMode::Taesd;
        const quint64 a = queue.submit(std::make_unique<GenerationJob>(tinyRecipe(QStringLiteral("t"), 1), strict));
        GenerationOptions lenient = strict;
        lenient.outputPath = path(QStringLiteral("taesd-lenient.png"));
        lenient.taesdFallback = true;
        const quint64 b = queue.submit(std::make_unique<GenerationJob>(tinyRecipe(QStringLiteral("t"), 1), lenient));
        QVERIFY(waitFinished(log, a) && waitFinished(log, b));
        QCOMPARE(log.finished.value(a).state, JobState::Failed);
        QVERIFY(log.finished.value(a).message.contains(QStringLiteral("taesd")));
        QCOMPARE(log.finished.value(b).state, JobState::Completed);
        QVERIFY(QFileInfo::exists(lenient.outputPath));
        QVERIFY(log.finished.value(b).notes.join(QLatin1Char(' ')).contains(QStringLiteral("approximate")));
        QVERIFY(std::any_of(log.previews.begin(), log.previews.end(), [b](const auto& p) { return p.first == b; }));
        QVERIFY(GenerationOptions::fromJson(lenient.toJson()).taesdFallback);
    }

    void workersRunBelowTheGuiThreadsPriority()
    {
#if defined(Q_OS_LINUX)
        // The engine's compute threads inherit the worker's nice value, so the GUI thread is never starved.
        JobQueue queue;
        EventLog log(queue);
        int nice = -100;
        const quint64 id = queue.submit(std::make_unique<NiceProbeJob>(&nice));
        QVERIFY(waitFinished(log, id));
        const int expected = qEnvironmentVariableIsSet("EASEL_WORKER_NICE") ? qEnvironmentVariableIntValue("EASEL_WORKER_NICE") : 10;
        QCOMPARE(nice, std::min(19, std::max(0, expected) + getpriority(PRIO_PROCESS, 0)));
#else
        QSKIP("thread priorities are checked on Linux");
#endif
    }

    void badRecipeFailsWithOneLine()
    {
        JobQueue queue;
        EventLog log(queue);
        ImageRecipe r = tinyRecipe(QStringLiteral("x"), 1);
        r.width = 100;
        GenerationOptions o;
        o.outputPath = path(QStringLiteral("bad.png"));
        const quint64 id = queue.submit(std::make_unique<GenerationJob>(r, o));
        QVERIFY(waitFinished(log, id));
        QCOMPARE(log.finished.value(id).state, JobState::Failed);
        QCOMPARE(log.finished.value(id).message, QStringLiteral("Width must be a multiple of 8 from 8 to 8192, not 100"));
    }

    void everyKindSurvivesJson()
    {
        std::vector<std::unique_ptr<Job>> jobs;
        jobs.push_back(generation(QStringLiteral("a fox"), 42, path(QStringLiteral("f.png")), 2));
        ComposeRequest compose;
        compose.base = tinyRecipe(QStringLiteral("x"), 3);
        compose.characterPrompt = QStringLiteral("knight");
        compose.backgroundPrompt = QStringLiteral("castle");
        compose.outputPath = path(QStringLiteral("s.png"));
        jobs.push_back(std::make_unique<ComposeJob>(compose));
        BatchRequest batch;
        batch.promptsFile = path(QStringLiteral("prompts.json"));
        batch.outputRoot = path(QStringLiteral("frames"));
        batch.base = tinyRecipe(QString(), 9);
        jobs.push_back(std::make_unique<BatchJob>(batch));
        ImageToolRequest tool;
        tool.tool = ImageToolRequest::Tool::Merge;
        tool.inputs = { path(QStringLiteral("c.png")), path(QStringLiteral("b.png")) };
        tool.output = path(QStringLiteral("m.png"));
        tool.merge.scale = 0.8;
        tool.merge.position = cv::Point2d(123.5, 456);
        tool.merge.cutout.featherPx = 3.0;
        tool.watermark.size = 1.5;
        jobs.push_back(std::make_unique<ImageToolJob>(tool));
        tool.tool = ImageToolRequest::Tool::Attribute;
        tool.model = imaging::ModelInfo { QStringLiteral("v1-5"), QStringLiteral("sd1"), QStringLiteral("Licence X") };
        jobs.push_back(std::make_unique<ImageToolJob>(tool));
        {
            const auto back = Job::fromJson(jobs.back()->toJson());
            const ImageToolRequest& r = static_cast<const ImageToolJob&>(*back).request();
            QCOMPARE(r.merge.position->x, 123.5);
            QCOMPARE(r.merge.cutout.featherPx, 3.0);
            QCOMPARE(r.watermark.size, 1.5);
            QCOMPARE(r.model->licence, QStringLiteral("Licence X"));
        }
        for (const auto& job : jobs) {
            QString error;
            const std::unique_ptr<Job> back = Job::fromJson(job->toJson(), &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(back->kind(), job->kind());
            QCOMPARE(back->toJson(), job->toJson());
            QCOMPARE(job->clone()->toJson(), job->toJson());
        }
        QString error;
        QVERIFY(!Job::fromJson(QJsonObject { { QStringLiteral("kind"), QStringLiteral("teleport") } }, &error));
        QCOMPARE(error, QStringLiteral("unknown kind of job 'teleport'"));
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
