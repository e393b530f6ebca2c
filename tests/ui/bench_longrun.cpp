// SPDX-License-Identifier: MIT
// A benchmark, not a test: long runs of the studio window.
//
//   easel-longrun-bench [--count 1000] [--every 50] [--size 64] [--steps 2] [--model PATH] [--precision auto]
//                       [--no-close]
//
// Builds the MainWindow (offscreen works: QT_QPA_PLATFORM=offscreen) in a home of its own (XDG folders in a
// temporary folder, so the user's queue, gallery and settings are not touched), then runs --count generations
// one after another through the window's own generate() and its JobQueue, on the demo model by default. After
// every --every generations it prints a row: resident memory, malloc's heap in use and the free memory it keeps
// (mallinfo2: a leak grows the first, fragmentation the second), open file descriptors, threads, seconds, the jobs
// the queue keeps (MainWindow::KeptEndedJobs at most) and the gallery's thumbnails in memory (an LRU within
// ThumbnailCache::memoryBudget(): what it holds is not growth to chase). Then the
// memory after the first --every against after the last (the ratio should stay within 5%), and descriptors
// and threads before the first generation, after the last, and once the window is closed.
// Prints the machine's load: run it on an otherwise idle machine. --no-close ends the process without closing the
// window, so that under heaptrack what the window holds after the run is listed as leaked.
#include "gallery/gallerypanel.h"
#include "gallery/thumbnailcache.h"
#include "generate/recipepanel.h"
#include "mainwindow/mainwindow.h"
#include "settings/settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <malloc.h>

using namespace easel;

namespace {

/// A field of /proc/self/status ("VmRSS", "Threads") as a number (kB for sizes).
qint64 status(const char* field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int openFiles()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size())
        - 1;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QStringLiteral("unknown");
}

struct Sample {
    int generations = 0;
    double rssMiB = 0;
    int files = 0;
    qint64 threads = 0;
    double seconds = 0;
    double heapMiB = 0; ///< malloc's bytes in use (mallinfo2 uordblks + hblkhd): what a leak grows
    double heapFreeMiB = 0; ///< free bytes malloc keeps in its arenas (fordblks): what fragmentation grows
    int queued = 0; ///< jobs the queue lists
    double thumbnailsMiB = 0; ///< the gallery's thumbnails in memory
};

Sample sample(int generations, const QElapsedTimer& clock, MainWindow* window = nullptr)
{
    Sample s { generations, status("VmRSS") / 1024.0, openFiles(), status("Threads"), clock.elapsed() / 1000.0 };
    const struct mallinfo2 heap = mallinfo2();
    s.heapMiB = double(heap.uordblks + heap.hblkhd) / (1024.0 * 1024.0);
    s.heapFreeMiB = double(heap.fordblks) / (1024.0 * 1024.0);
    if (window) {
        s.queued = int(window->queue().jobs().size());
        if (auto* gallery = window->findChild<GalleryPanel*>(); gallery && gallery->thumbnails())
            s.thumbnailsMiB = gallery->thumbnails()->memoryUsed() / (1024.0 * 1024.0);
    }
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    // A home of its own, before anything reads the standard paths.
    QTemporaryDir home;
    for (const char* name : { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" }) {
        const QString dir = home.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        qputenv(name, QFile::encodeName(dir));
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption count(
        QStringLiteral("count"), QStringLiteral("Generations."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption every(
        QStringLiteral("every"), QStringLiteral("Generations per row."), QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption size(
        QStringLiteral("size"), QStringLiteral("Image side."), QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption steps(
        QStringLiteral("steps"), QStringLiteral("Steps."), QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption model(
        QStringLiteral("model"), QStringLiteral("Model (default: the demo model)."), QStringLiteral("PATH"));
    const QCommandLineOption precision(QStringLiteral("precision"),
        QStringLiteral("Compute precision: auto (the default), fp32, fp16, bf16."), QStringLiteral("NAME"),
        QStringLiteral("auto"));
    const QCommandLineOption keep(QStringLiteral("no-close"),
        QStringLiteral("End without closing the window, so that a heap profiler (heaptrack) lists what the window "
                       "still holds as leaked."));
    parser.addOptions({ count, every, size, steps, model, precision, keep });
    parser.process(app);
    const int total = parser.value(count).toInt();
    const int step = std::max(1, parser.value(every).toInt());

    QElapsedTimer clock;
    QList<Sample> samples;
    Sample before;
    Sample after;
    int done = 0;
    int failed = 0;
    {
        MainWindow window;
        window.settings().setOutputDir(home.filePath(QStringLiteral("images")));
        window.show();
        ImageRecipe recipe = window.recipePanel()->recipe();
        recipe.prompt = QStringLiteral("a lighthouse on a cliff at dusk, storm clouds");
        recipe.model = parser.value(model);
        recipe.width = recipe.height = parser.value(size).toInt();
        recipe.steps = parser.value(steps).toInt();
        recipe.seed = 1;
        if (const auto chosen = precisionFromName(parser.value(precision)))
            recipe.precision = *chosen;
        else
            parser.showHelp(2);
        window.recipePanel()->setRecipe(recipe);

        QObject::connect(&window.queue(), &JobQueue::jobFinished, [&](quint64, const JobResult& result) {
            ++done;
            if (result.state != JobState::Completed && failed++ == 0)
                std::printf(
                    "generation %d: %s %s\n", done, qPrintable(jobStateText(result.state)), qPrintable(result.message));
            if (done % step == 0) {
                samples << sample(done, clock, &window);
                const Sample& s = samples.last();
                std::printf("| %d | %.1f | %.1f | %.1f | %d | %lld | %.1f | %d | %.1f |\n", s.generations, s.rssMiB,
                    s.heapMiB, s.heapFreeMiB, s.files, s.threads, s.seconds, s.queued, s.thumbnailsMiB);
                std::fflush(stdout);
            }
            if (done < total)
                QTimer::singleShot(0, &window, [&] { window.generate(); });
            else
                QTimer::singleShot(0, &app, &QCoreApplication::quit);
        });
        QTimer::singleShot(500, &window, [&] {
            before = sample(0, clock);
            clock.start();
            window.generate();
        });
        std::printf(
            "load before: %s\n\n"
            "| generations | RSS MiB | heap in use MiB | heap free MiB | open fds | threads | seconds | queue rows "
            "| gallery thumbnails MiB |\n"
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            qPrintable(loadAverage()));
        app.exec();
        after = sample(done, clock);
        if (parser.isSet(keep)) {
            std::printf("\nleft without closing the window\n");
            std::fflush(stdout);
            home.remove();
            std::_Exit(failed == 0 ? 0 : 1);
        }
    }
    QApplication::processEvents();
    const Sample closed = sample(done, clock);

    std::printf("\nload after: %s\n", qPrintable(loadAverage()));
    std::printf("%d generations (%d not completed) in %.1f s\n", done, failed, after.seconds);
    if (samples.size() >= 2) {
        const double ratio = samples.last().rssMiB / samples.first().rssMiB;
        std::printf("RSS after %d: %.1f MiB, after %d: %.1f MiB, ratio %.3f (%s 5%%)\n", samples.first().generations,
            samples.first().rssMiB, samples.last().generations, samples.last().rssMiB, ratio,
            ratio <= 1.05 ? "within" : "NOT within");
    }
    std::printf("\n| | open fds | threads | RSS MiB |\n|---|---:|---:|---:|\n");
    std::printf("| window shown, before the first generation | %d | %lld | %.1f |\n", before.files, before.threads,
        before.rssMiB);
    std::printf("| after the last generation | %d | %lld | %.1f |\n", after.files, after.threads, after.rssMiB);
    std::printf("| window closed | %d | %lld | %.1f |\n", closed.files, closed.threads, closed.rssMiB);
    return failed == 0 ? 0 : 1;
}
