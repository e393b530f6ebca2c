// SPDX-License-Identifier: MIT
// A benchmark, not a test: how fast the finishing panels follow their controls, and full-size apply times.
//
//   easel-finishing-bench [--view 1280x720] [--updates 25] [--data DIR] [--screenshots DIR]
//
// The source is 1920x1080 (the fixture photo scaled up); the merge uses the fixture character scaled to
// 1080 px tall on a 1920x1080 background. Each panel is sized so that its preview view is --view device
// pixels ("shown at screen size"). For each tool:
// - step: a control changed, then wait until the preview is on screen, --updates times: the worker's
//   compute time and the latency from the change to the preview shown (median, p90, max);
// - drag: the control changed every 16 ms (a 60 Hz drag) for 1 s without waiting: requests superseded,
//   previews shown, the lag from the last change to its preview, and the longest GUI-thread stall seen
//   by a 1 ms timer meanwhile.
// Then each tool's Apply through a real JobQueue at full size: from the click to the file written.
// Run it on an otherwise idle machine (its load and thread counts are printed) with
// QT_QPA_PLATFORM=offscreen when there is no display.
#include "finishing/attributepanel.h"
#include "finishing/beforeafterview.h"
#include "finishing/enhancepanel.h"
#include "finishing/exportdialog.h"
#include "finishing/mergecanvas.h"
#include "finishing/mergepanel.h"
#include "finishing/valueslider.h"
#include "imaging/imageio.h"
#include "jobs/jobqueue.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace easel;

namespace {

struct Stats {
    QList<double> values;
    double at(double p) const
    {
        if (values.isEmpty())
            return 0.0;
        QList<double> s = values;
        std::sort(s.begin(), s.end());
        return s[std::min<qsizetype>(s.size() - 1, qsizetype(p * (s.size() - 1) + 0.5))];
    }
};

/// Processes events until \a done or \a ms pass; false on timeout.
bool waitFor(const std::function<bool()>& done, int ms = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    return true;
}

/// The longest gap between the ticks of a 1 ms timer on the GUI thread while it runs.
class StallProbe : public QObject {
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = m_clock.nsecsElapsed() / 1e6;
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0.0;
        m_longest = 0.0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0.0;
    double m_longest = 0.0;
};

struct Tool {
    QString name;
    QWidget* panel;
    std::function<void(int)> change; ///< sets the control to its i-th value (each differs from the last)
};

template <typename Panel> void measure(const Tool& tool, Panel* panel, int updates)
{
    QList<double> compute;
    QList<double> latency;
    auto conn = QObject::connect(panel, &Panel::previewUpdated, panel, [&](double c, double l) {
        compute << c;
        latency << l;
    });
    Stats c;
    Stats l;
    for (int i = 0; i < updates; ++i) {
        QSignalSpy settled(panel, &Panel::previewSettled);
        compute.clear();
        latency.clear();
        tool.change(i);
        if (!waitFor([&] { return !settled.isEmpty(); })) {
            std::printf("| %s | (no preview) |\n", qPrintable(tool.name));
            return;
        }
        c.values << compute.last();
        l.values << latency.last();
    }
    // A 60 Hz drag for one second.
    compute.clear();
    latency.clear();
    StallProbe probe;
    QSignalSpy settled(panel, &Panel::previewSettled);
    probe.start();
    QElapsedTimer drag;
    drag.start();
    int changes = 0;
    double lastChange = 0.0;
    qsizetype settledAtLastChange = 0;
    while (drag.elapsed() < 1000) {
        tool.change(updates + changes++);
        lastChange = drag.nsecsElapsed() / 1e6;
        settledAtLastChange = settled.size();
        const qint64 next = changes * 16;
        while (drag.elapsed() < next)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    // Settled after the last change: the last position's preview is on screen.
    waitFor([&] { return settled.size() > settledAtLastChange; });
    const double shownAt = drag.nsecsElapsed() / 1e6;
    const double stall = probe.stop();
    QObject::disconnect(conn);
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.0f | %.1f |\n", qPrintable(tool.name), c.at(0.5),
        c.at(0.9), l.at(0.5), l.at(0.9), l.at(1.0), changes, int(compute.size()), std::max(0.0, shownAt - lastChange),
        stall);
}

QString saveImage(const QString& dir, const QString& name, const cv::Mat& image)
{
    const QString path = QDir(dir).filePath(name);
    cv::imwrite(path.toStdString(), image);
    return path;
}

void screenshot(QWidget* widget, const QString& dir, const QString& name)
{
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    widget->grab().save(QDir(dir).filePath(name));
}

double applyTime(const std::function<quint64()>& apply, QObject* panel, const char* savedSignal)
{
    QSignalSpy saved(panel, savedSignal);
    QElapsedTimer t;
    t.start();
    if (apply() == 0)
        return -1.0;
    if (!waitFor([&] { return !saved.isEmpty(); }))
        return -1.0;
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Finishing panels: preview update and apply times"));
    parser.addHelpOption();
    const QCommandLineOption viewOption(QStringLiteral("view"), QStringLiteral("Preview view size in device pixels."),
        QStringLiteral("WxH"), QStringLiteral("1280x720"));
    const QCommandLineOption updatesOption(QStringLiteral("updates"), QStringLiteral("Stepped updates per tool."),
        QStringLiteral("n"), QStringLiteral("25"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("The imaging fixtures."),
        QStringLiteral("DIR"), QStringLiteral(EASEL_IMAGING_FIXTURES));
    const QCommandLineOption shotsOption(
        QStringLiteral("screenshots"), QStringLiteral("Save screenshots of the panels here."), QStringLiteral("DIR"));
    parser.addOptions({ viewOption, updatesOption, dataOption, shotsOption });
    parser.process(app);
    const QStringList view = parser.value(viewOption).split(QLatin1Char('x'));
    const QSize viewSize(view.value(0).toInt(), view.value(1).toInt());
    const int updates = std::max(3, parser.value(updatesOption).toInt());
    const QString data = parser.value(dataOption);
    const QString shots = parser.value(shotsOption);
    if (!shots.isEmpty())
        QDir().mkpath(shots);

    QTemporaryDir dir;
    const cv::Mat photo = cv::imread(QDir(data).filePath(QStringLiteral("input_photo.png")).toStdString());
    const cv::Mat character = cv::imread(QDir(data).filePath(QStringLiteral("input_character.png")).toStdString());
    const cv::Mat background = cv::imread(QDir(data).filePath(QStringLiteral("input_background.png")).toStdString());
    if (photo.empty() || character.empty() || background.empty()) {
        std::fprintf(stderr, "the imaging fixtures are not in %s (see --data)\n", qPrintable(data));
        return 1;
    }
    cv::Mat big;
    cv::resize(photo, big, cv::Size(1920, 1080), 0, 0, cv::INTER_CUBIC);
    const QString source = saveImage(dir.path(), QStringLiteral("source.png"), big);
    cv::resize(character, big, cv::Size(810, 1080), 0, 0, cv::INTER_CUBIC);
    const QString characterFile = saveImage(dir.path(), QStringLiteral("character.png"), big);
    cv::resize(background, big, cv::Size(1920, 1080), 0, 0, cv::INTER_CUBIC);
    const QString backgroundFile = saveImage(dir.path(), QStringLiteral("background.png"), big);

    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QString load = loadavg.open(QIODevice::ReadOnly)
        ? QString::fromLatin1(loadavg.readAll()).section(QLatin1Char(' '), 0, 2)
        : QStringLiteral("?");
    std::printf("easel-finishing-bench: 1920x1080 source, view %dx%d device px, %d stepped updates; "
                "load %s, %d cores, OpenCV threads %d\n",
        viewSize.width(), viewSize.height(), updates, qPrintable(load), QThread::idealThreadCount(),
        cv::getNumThreads());

    JobQueue queue;
    // Panels sized so their preview view gets viewSize: grow them by the difference once laid out.
    const auto fit = [&](QWidget* panel, QWidget* viewWidget) {
        panel->resize(viewSize.width() + 40, viewSize.height() + 480);
        panel->show();
        QCoreApplication::processEvents();
        const qreal ratio = viewWidget->devicePixelRatioF();
        const QSize want(int(viewSize.width() / ratio), int(viewSize.height() / ratio));
        panel->resize(panel->size() + (want - viewWidget->size()));
        QCoreApplication::processEvents();
    };

    std::printf("\n| tool: control | compute p50 ms | p90 | latency p50 ms | p90 | max | drag changes | previews "
                "shown | lag after drag ms | GUI stall max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");

    EnhancePanel enhance(queue);
    fit(&enhance, enhance.findChild<BeforeAfterView*>());
    enhance.setSource(source);
    waitFor([&] { return !enhance.previewImage().isNull(); });
    auto* contrast = enhance.findChild<QSlider*>(QStringLiteral("contrastSlider"));
    auto* sharpness = enhance.findChild<QSlider*>(QStringLiteral("sharpnessSlider"));
    auto* radius = enhance.findChild<QSlider*>(QStringLiteral("unsharpRadiusSlider"));
    measure({ QStringLiteral("enhance: contrast"), &enhance, [&](int i) { contrast->setValue(60 + (i * 7) % 140); } },
        &enhance, updates);
    measure({ QStringLiteral("enhance: sharpness"), &enhance, [&](int i) { sharpness->setValue(60 + (i * 7) % 140); } },
        &enhance, updates);
    enhance.applyPreset();
    waitFor([&] { return !enhance.previewImage().isNull(); });
    measure({ QStringLiteral("enhance: unsharp radius, whole preset chain on"), &enhance,
                [&](int i) { radius->setValue(5 + (i * 3) % 60); } },
        &enhance, updates);
    measure({ QStringLiteral("enhance: sharpness, whole preset chain on (every step again)"), &enhance,
                [&](int i) { sharpness->setValue(60 + (i * 7) % 140); } },
        &enhance, updates);
    enhance.findChild<QToolButton*>(QStringLiteral("splitButton"))->setChecked(true);
    screenshot(&enhance, shots, QStringLiteral("enhance-split.png"));

    AttributePanel attribute(queue);
    fit(&attribute, attribute.findChild<BeforeAfterView*>());
    attribute.setSource(source);
    waitFor([&] { return !attribute.previewImage().isNull() && attribute.licenceKnown(); });
    auto* opacity = attribute.findChild<QSlider*>(QStringLiteral("watermarkOpacitySlider"));
    auto* size = attribute.findChild<QSlider*>(QStringLiteral("watermarkSizeSlider"));
    measure({ QStringLiteral("attribute: opacity"), &attribute, [&](int i) { opacity->setValue(20 + (i * 7) % 80); } },
        &attribute, updates);
    measure({ QStringLiteral("attribute: size"), &attribute, [&](int i) { size->setValue(50 + (i * 11) % 250); } },
        &attribute, updates);
    screenshot(&attribute, shots, QStringLiteral("attribute.png"));

    MergePanel merge(queue);
    fit(&merge, merge.findChild<MergeCanvas*>());
    merge.setCharacter(characterFile);
    merge.setBackground(backgroundFile);
    QElapsedTimer cutoutClock;
    cutoutClock.start();
    waitFor([&] { return merge.cutoutReady(); });
    const double cutoutMs = cutoutClock.nsecsElapsed() / 1e6;
    waitFor([&] { return !merge.previewImage().isNull(); });
    for (const QSize output : { QSize(1024, 512), QSize(1920, 1080) }) {
        merge.setOptions([&] {
            imaging::MergeOptions o = merge.options();
            o.size = cv::Size(output.width(), output.height());
            o.position.reset();
            return o;
        }());
        waitFor([&] { return merge.previewImage().width() == merge.previewSize().width(); });
        const QString suffix = QStringLiteral(" (%1x%2 out, preview %3x%4)")
                                   .arg(output.width())
                                   .arg(output.height())
                                   .arg(merge.previewSize().width())
                                   .arg(merge.previewSize().height());
        measure({ QStringLiteral("merge: drag the figure") + suffix, &merge,
                    [&](int i) {
                        merge.setFeetPosition(cv::Point2d(
                            output.width() * (0.4 + 0.02 * (i % 20)), output.height() * (0.9 + 0.005 * (i % 20))));
                    } },
            &merge, updates);
        measure(
            { QStringLiteral("merge: harmonisation") + suffix, &merge,
                [&](int i) { merge.findChild<QSlider*>(QStringLiteral("harmonizeSlider"))->setValue((i * 7) % 100); } },
            &merge, updates);
    }
    screenshot(&merge, shots, QStringLiteral("merge.png"));
    merge.findChild<QToolButton*>(QStringLiteral("matteButton"))->setChecked(true);
    screenshot(&merge, shots, QStringLiteral("merge-matte.png"));
    merge.findChild<QToolButton*>(QStringLiteral("matteButton"))->setChecked(false);
    std::printf("\nmerge: cutting out the 810x1080 character (off the GUI thread, once per character and edge "
                "softness): %.0f ms\n",
        cutoutMs);

    std::printf("\n| apply at full size (queued job: read, process, PNG encode, atomic write) | ms |\n|---|---:|\n");
    std::printf("| enhance 1920x1080, preset chain | %.0f |\n",
        applyTime([&] { return enhance.apply(); }, &enhance, SIGNAL(resultSaved(QString))));
    std::printf("| attribute 1920x1080 | %.0f |\n",
        applyTime([&] { return attribute.apply(); }, &attribute, SIGNAL(resultSaved(QString))));
    merge.setOptions([&] {
        imaging::MergeOptions o = merge.options();
        o.size = cv::Size(1024, 512);
        o.position.reset();
        return o;
    }());
    std::printf("| merge 810x1080 character on 1920x1080 background, 1024x512 out (cutout included) | %.0f |\n",
        applyTime([&] { return merge.apply(); }, &merge, SIGNAL(resultSaved(QString))));
    merge.setOptions([&] {
        imaging::MergeOptions o = merge.options();
        o.size = cv::Size(1920, 1080);
        o.position.reset();
        return o;
    }());
    std::printf("| merge, 1920x1080 out (cutout included) | %.0f |\n",
        applyTime([&] { return merge.apply(); }, &merge, SIGNAL(resultSaved(QString))));

    if (!shots.isEmpty()) {
        ExportDialog exportDialog({ source, characterFile });
        exportDialog.show();
        screenshot(&exportDialog, shots, QStringLiteral("export.png"));
        enhance.resize(420, 760);
        screenshot(&enhance, shots, QStringLiteral("enhance-dock-width.png"));
        std::printf("\nscreenshots in %s\n", qPrintable(shots));
    }
    return 0;
}
