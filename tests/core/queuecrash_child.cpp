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
//
// queuecrash_child --serve: a fork server for killing many times at random moments without paying for
// loading the libraries each time. Each line on stdin, "<images|index|queue> DIR SEED", forks a process
// that prints "ready <pid>" once set up, then changes files in DIR in a loop until it is killed (SIGKILL,
// by the test, by pid), printing a line after each change is on disk; the server prints
// "reaped <pid> <wait status>" once it is gone. The loops:
//   images: an ImageWriter (what GenerationJob saves with) overwrites DIR/img-<0..7>.png, 64x64 pixels of
//           value stamp % 251 with a recipe of seed stamp: "saved <path> <stamp>".
//   index:  a GalleryIndex DIR/gallery.sqlite of DIR/images: new PNGs indexed, ratings set, files removed,
//           rescans: "indexed|rated|removed|rescanned <path>".
//   queue:  a paused JobQueue kept by DIR/queue.sqlite: jobs added, cancelled, removed, moved. Before each
//           change "will-<add|cancel|remove|move> <id>" (0 for a new job), after it "<added|cancelled|
//           removed|moved> <id>".

#include "gallery/galleryindex.h"
#include "imaging/imageio.h"
#include "jobs/generationjob.h"
#include "jobs/imagewriter.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>

#include <opencv2/core.hpp>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

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

// --serve: the loops, each run in a forked process until it is killed.

constexpr int LoopLimit = 200000; // a guard: a loop nobody kills ends by itself

ImageRecipe stampRecipe(qint64 stamp)
{
    ImageRecipe r;
    r.prompt = QStringLiteral("stamp %1").arg(stamp);
    r.seed = stamp;
    r.steps = 1;
    r.width = 64;
    r.height = 64;
    return r;
}

TextChunks stampChunks(const ImageRecipe& r)
{
    return { { QStringLiteral("parameters"), r.toA1111Parameters() },
        { QStringLiteral("easel"), QString::fromUtf8(r.toJsonText()) } };
}

int imagesLoop(const QString& dir, quint32 seed)
{
    std::atomic<int> saved { 0 };
    ImageWriter writer([&](const SavedImage& image) {
        say(QStringLiteral("saved %1 %2").arg(image.path).arg(image.recipe.seed));
        ++saved;
    });
    say(QStringLiteral("ready %1").arg(::getpid()));
    QRandomGenerator random(seed);
    for (int i = 0; i < LoopLimit; ++i) {
        const qint64 stamp = qint64(seed) * LoopLimit + i;
        ImageWriter::Item item;
        item.path = QStringLiteral("%1/img-%2.png").arg(dir).arg(random.bounded(8));
        item.overwrite = true;
        item.saved.recipe = stampRecipe(stamp);
        item.chunks = stampChunks(item.saved.recipe);
        item.pixels = { 64, 64, QByteArray(64 * 64 * 3, char(stamp % 251)) };
        writer.write(std::move(item));
        while (saved.load() < i) // at most two writes waiting
            ::usleep(100);
    }
    writer.finish();
    return writer.error().isEmpty() ? 3 : 1;
}

int indexLoop(const QString& dir, quint32 seed)
{
    const QString images = dir + QStringLiteral("/images");
    QDir().mkpath(images);
    GalleryIndex index(dir + QStringLiteral("/gallery.sqlite"));
    index.addFolder(images);
    say(QStringLiteral("ready %1").arg(::getpid()));
    QRandomGenerator random(seed);
    const cv::Mat pixels(64, 64, CV_8UC3, cv::Scalar(40, 80, 120));
    for (int i = 0; i < LoopLimit; ++i) {
        const QStringList files = QDir(images).entryList({ QStringLiteral("*.png") }, QDir::Files, QDir::Name);
        const int op = files.size() < 4 ? 0 : files.size() > 16 ? 2 : int(random.bounded(4));
        const QString some
            = files.isEmpty() ? QString() : images + QLatin1Char('/') + files.at(random.bounded(int(files.size())));
        if (op == 0) {
            const QString path = QStringLiteral("%1/n-%2-%3.png").arg(images).arg(seed).arg(i);
            imaging::writeResult(path, pixels, stampChunks(stampRecipe(i)), {});
            index.indexFile(path);
            say(QStringLiteral("indexed %1").arg(path));
        } else if (op == 1) {
            index.setRating(some, int(random.bounded(6)));
            say(QStringLiteral("rated %1").arg(some));
        } else if (op == 2) {
            QFile::remove(some);
            index.removeFile(some);
            say(QStringLiteral("removed %1").arg(some));
        } else {
            index.rescan();
            say(QStringLiteral("rescanned %1").arg(images));
        }
    }
    return 3;
}

int queueLoop(const QString& dir, quint32 seed)
{
    JobQueue queue;
    QueueStore store(queue, dir + QStringLiteral("/queue.sqlite"));
    QString error;
    if (!store.open(&error)) {
        std::fputs(qPrintable(QStringLiteral("error %1\n").arg(error)), stderr);
        return 1;
    }
    queue.setPaused(true);
    say(QStringLiteral("ready %1").arg(::getpid()));
    QRandomGenerator random(seed);
    for (int i = 0; i < LoopLimit; ++i) {
        const QList<quint64> queued = queue.queuedJobs();
        QList<quint64> ended;
        for (const JobInfo& info : queue.jobs()) {
            if (info.state != JobState::Queued && info.state != JobState::Running)
                ended << info.id;
        }
        int op = queued.size() < 3 ? 0 : queued.size() > 12 ? 1 : int(random.bounded(4));
        if (op == 2 && ended.isEmpty())
            op = 0;
        if (op == 0) {
            say(QStringLiteral("will-add 0"));
            const quint64 id = queue.submit(
                generation(QStringLiteral("job %1-%2").arg(seed).arg(i), i, 2, 1, dir + QStringLiteral("/out.png")));
            say(QStringLiteral("added %1").arg(id));
            continue;
        }
        const QList<quint64>& from = op == 2 ? ended : queued;
        const quint64 id = from.at(random.bounded(int(from.size())));
        static const char* const names[][2]
            = { {}, { "cancel", "cancelled" }, { "remove", "removed" }, { "move", "moved" } };
        say(QStringLiteral("will-%1 %2").arg(QLatin1String(names[op][0])).arg(id));
        if (op == 1)
            queue.cancel(id);
        else if (op == 2)
            queue.remove(id);
        else
            queue.move(id, int(random.bounded(int(queued.size()))));
        say(QStringLiteral("%1 %2").arg(QLatin1String(names[op][1])).arg(id));
    }
    return 3;
}

int serve(int argc, char** argv)
{
    std::string line;
    while (std::getline(std::cin, line)) {
        const QStringList words = QString::fromStdString(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.size() != 3) {
            std::fputs("error usage: images|index|queue DIR SEED\n", stderr);
            return 2;
        }
        std::fflush(stdout);
        const pid_t pid = ::fork();
        if (pid < 0)
            return 1;
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the server
            QCoreApplication app(argc, argv);
            const QString mode = words[0];
            const quint32 seed = words[2].toUInt();
            int status = 2;
            try {
                if (mode == QLatin1String("images"))
                    status = imagesLoop(words[1], seed);
                else if (mode == QLatin1String("index"))
                    status = indexLoop(words[1], seed);
                else if (mode == QLatin1String("queue"))
                    status = queueLoop(words[1], seed);
            } catch (const std::exception& e) {
                std::fputs(qPrintable(QStringLiteral("error %1\n").arg(QString::fromUtf8(e.what()))), stderr);
                status = 1;
            }
            std::fflush(stdout);
            std::_Exit(status);
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
        say(QStringLiteral("reaped %1 %2").arg(pid).arg(status));
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string(argv[1]) == "--serve")
        return serve(argc, argv);
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
