// SPDX-License-Identifier: MIT
// Test-only child of tst_queuecrash: a JobQueue kept by a QueueStore, killed (SIGKILL) by the test while it
// works. Usage: queuecrash_child DB OUTDIR slow|many|quick [--resume]
//
// A new database gets three generations on the tiny demo model, 64x64: job 1 as the mode says (slow: 1000
// steps; many: 200 images of one step; quick: 2 steps), job 2 of 1000 steps, job 3 of 2 steps. Images go
// to OUTDIR/a.png (a-<seed>.png for many), b.png, c.png. An existing database is only opened; --resume then
// resumes the queue and exits 0 once it is idle. Every event is one line on stdout, flushed at once, after
// the store has written it: "opened <jobs> <recovered 0|1> <paused 0|1>", "started <id>", "step <id> <n>",
// "preview <id>", "saved <id> <path>", "finished <id> <state>", "idle"; "error <message>" on stderr.

#include "jobs/generationjob.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace easel;

namespace {

void say(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

std::unique_ptr<Job> generation(const QString& prompt, qint64 seed, int steps, int images, const QString& output)
{
    ImageRecipe r;
    r.prompt = prompt;
    r.seed = seed;
    r.steps = steps;
    r.batchCount = images;
    r.width = 64;
    r.height = 64;
    r.sampler = Sampler::Euler;
    r.precision = Precision::Fp32;
    r.device = Device::Cpu;
    GenerationOptions o;
    o.outputPath = output;
    o.preview = PreviewMode::Approx;
    o.previewInterval = 1;
    return std::make_unique<GenerationJob>(r, o);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fputs("usage: queuecrash_child DB OUTDIR slow|many|quick [--resume]\n", stderr);
        return 2;
    }
    const QString database = args[1];
    const QDir out(args[2]);
    const QString mode = args[3];
    const bool resume = args.contains(QStringLiteral("--resume"));

    JobQueue queue;
    QueueStore store(queue, database);
    QObject::connect(&store, &QueueStore::error,
        [](const QString& message) { std::fputs(qPrintable(QStringLiteral("error %1\n").arg(message)), stderr); });
    QString error;
    if (!store.open(&error)) {
        std::fputs(qPrintable(QStringLiteral("error %1\n").arg(error)), stderr);
        return 1;
    }
    // Connected after the store: a line is printed only once the store has written its change.
    QObject::connect(&queue, &JobQueue::jobStarted, [](quint64 id) { say(QStringLiteral("started %1").arg(id)); });
    QObject::connect(&queue, &JobQueue::jobProgress, [](quint64 id, const JobProgress& p) {
        if (p.phase == JobPhase::Sampling && p.step > 0)
            say(QStringLiteral("step %1 %2").arg(id).arg(p.step));
    });
    QObject::connect(&queue, &JobQueue::jobPreview,
        [](quint64 id, int, int, const Preview&) { say(QStringLiteral("preview %1").arg(id)); });
    QObject::connect(&queue, &JobQueue::imageSaved,
        [](quint64 id, const SavedImage& image) { say(QStringLiteral("saved %1 %2").arg(id).arg(image.path)); });
    QObject::connect(&queue, &JobQueue::jobFinished, [&](quint64 id, const JobResult& result) {
        say(QStringLiteral("finished %1 %2").arg(id).arg(jobStateName(result.state)));
        if (resume) {
            // The next job starts from the event loop: look once it had its chance.
            QMetaObject::invokeMethod(
                &queue,
                [&] {
                    if (queue.isIdle()) {
                        say(QStringLiteral("idle"));
                        QCoreApplication::quit();
                    }
                },
                Qt::QueuedConnection);
        }
    });
    say(QStringLiteral("opened %1 %2 %3")
            .arg(queue.jobs().size())
            .arg(store.recoveredFromCrash() ? 1 : 0)
            .arg(queue.isPaused() ? 1 : 0));

    if (queue.jobs().isEmpty()) {
        if (mode == QLatin1String("many"))
            queue.submit(generation(QStringLiteral("many"), 100, 1, 200, out.filePath(QStringLiteral("a.png"))));
        else
            queue.submit(generation(QStringLiteral("first"), 1, mode == QLatin1String("quick") ? 2 : 1000, 1,
                out.filePath(QStringLiteral("a.png"))));
        queue.submit(generation(QStringLiteral("second"), 2, 1000, 1, out.filePath(QStringLiteral("b.png"))));
        queue.submit(generation(QStringLiteral("third"), 3, 2, 1, out.filePath(QStringLiteral("c.png"))));
    }
    if (resume) {
        queue.setPaused(false);
        if (queue.isIdle()) {
            say(QStringLiteral("idle"));
            return 0;
        }
    }
    return QCoreApplication::exec();
}
