// SPDX-License-Identifier: MIT
// A benchmark, not a test: how responsive the studio window stays.
//
//   easel-window-bench [--model PATH] [--size 512] [--steps 4] [--seconds 3] [--launches 5]
//
// 1. Launch: starts itself (the same libraries as `easel`) as a new process that builds the MainWindow,
//    shows it and waits for its first idle event loop pass; the wall time from process start to then.
// 2. GUI-thread stalls: a 1 ms precise timer on the GUI thread records every gap between its ticks, first
//    with the window idle (the baseline), then while a generation of --size on --model runs through the
//    queue (load, encode, sample, decode, save); the longest gaps and where they happened are printed.
// Both are printed as tables; run it on an otherwise idle machine (say its load) and quote ratios.
// Without a display, run it with QT_QPA_PLATFORM=offscreen (the launched children inherit it).
#include "generate/recipepanel.h"
#include "mainwindow/mainwindow.h"
#include "settings/settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace easel;

namespace {

struct GapStats {
    QList<double> gaps; // ms
    std::map<QString, double> worstByPhase;
    void add(double gap, const QString& phase)
    {
        gaps.append(gap);
        double& w = worstByPhase[phase];
        w = std::max(w, gap);
    }
    double percentile(double p) const
    {
        if (gaps.isEmpty())
            return 0;
        QList<double> s = gaps;
        std::sort(s.begin(), s.end());
        return s[std::min<qsizetype>(s.size() - 1, qsizetype(p * (s.size() - 1) + 0.5))];
    }
    int over(double ms) const { return int(std::count_if(gaps.begin(), gaps.end(), [ms](double g) { return g > ms; })); }
};

/// Child mode: build and show the window, report when the event loop first runs idle after that.
int launchProbe(QApplication& app)
{
    MainWindow window;
    window.show();
    QTimer::singleShot(0, &app, [] {
        std::printf("ready\n");
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
    return app.exec();
}

void measureLaunches(int launches)
{
    QList<double> times;
    for (int i = 0; i < launches; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--launch-probe") });
        if (!child.waitForReadyRead(60000) || !child.readAll().contains("ready")) {
            std::printf("launch %d: the window did not come up\n", i);
            return;
        }
        times.append(timer.nsecsElapsed() / 1e6);
        child.waitForFinished(60000);
    }
    std::sort(times.begin(), times.end());
    std::printf("\n| launch to a usable window (%d runs) | min | median | max |\n|---|---:|---:|---:|\n", launches);
    std::printf("| new process, MainWindow shown, first idle pass | %.0f ms | %.0f ms | %.0f ms |\n", times.first(),
        times[times.size() / 2], times.last());
}

void printStats(const char* name, const GapStats& s)
{
    std::printf("| %s | %lld | %.2f | %.2f | %.2f | %d | %d |\n", name, static_cast<long long>(s.gaps.size()),
        s.percentile(0.5), s.percentile(0.99), s.gaps.isEmpty() ? 0.0 : *std::max_element(s.gaps.begin(), s.gaps.end()),
        s.over(16), s.over(50));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Easel"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model (default: the demo model)."), QStringLiteral("PATH"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Image side."), QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Steps."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Idle baseline length."), QStringLiteral("S"), QStringLiteral("3"));
    const QCommandLineOption launches(QStringLiteral("launches"), QStringLiteral("Launches to time."), QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption probe(QStringLiteral("launch-probe"), QStringLiteral("Internal: one timed launch."));
    parser.addOptions({ model, size, steps, seconds, launches, probe });
    parser.process(app);
    if (parser.isSet(probe))
        return launchProbe(app);

    measureLaunches(parser.value(launches).toInt());

    QTemporaryDir out;
    MainWindow window;
    window.settings().setOutputDir(out.path());
    window.show();
    ImageRecipe recipe = window.recipePanel()->recipe();
    recipe.prompt = QStringLiteral("a lighthouse on a cliff at dusk, storm clouds");
    recipe.model = parser.value(model);
    recipe.width = recipe.height = parser.value(size).toInt();
    recipe.steps = parser.value(steps).toInt();
    recipe.seed = 1;
    window.recipePanel()->setRecipe(recipe);
    window.recipePanel()->setSeedLocked(true);

    // The baseline starts once the window has shown and painted (half a second), the generation after it.
    const int warmUpMs = 500;
    GapStats idle, busy;
    GapStats* current = &idle;
    QString phase = QStringLiteral("idle");
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        current->add((now - last) / 1e6, phase);
        last = now;
    });
    QObject::connect(&window.queue(), &JobQueue::jobProgress, [&](quint64, const JobProgress& p) {
        phase = jobPhaseText(p.phase);
    });
    QObject::connect(&window.queue(), &JobQueue::jobFinished, [&](quint64, const JobResult& result) {
        std::printf("generation: %s %s (%.1f s)\n", qPrintable(jobStateText(result.state)), qPrintable(result.message),
            clock.elapsed() / 1000.0 - parser.value(seconds).toDouble() - warmUpMs / 1000.0);
        ticker.stop();
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    });
    QTimer::singleShot(warmUpMs + parser.value(seconds).toInt() * 1000, [&] {
        current = &busy;
        phase = QStringLiteral("queued");
        last = clock.nsecsElapsed();
        window.generate();
    });
    QTimer::singleShot(warmUpMs, [&] {
        last = clock.nsecsElapsed();
        ticker.start();
    });
    app.exec();

    std::printf("\n| GUI thread, 1 ms timer | ticks | median gap ms | p99 ms | longest ms | > 16 ms | > 50 ms |\n"
                "|---|---:|---:|---:|---:|---:|---:|\n");
    printStats("window idle (baseline)", idle);
    printStats("while generating", busy);
    std::printf("\n| phase | longest gap ms |\n|---|---:|\n");
    for (const auto& [name, worst] : busy.worstByPhase)
        std::printf("| %s | %.2f |\n", qPrintable(name), worst);
    return 0;
}
