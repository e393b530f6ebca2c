// SPDX-License-Identifier: MIT
// easel-gallery-bench --count N: writes N small PNGs with metadata (Easel, A1111, ComfyUI and InvokeAI, in turn)
// into a temporary folder and times the gallery index on them: full rebuild, rescan with nothing changed,
// searches (the first in a new index and repeated), and the process's memory. --keep leaves the folder. A benchmark,
// not a test: it asserts nothing about time.

#include "gallery/galleryindex.h"
#include "tst_gallery_png.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace easel;

namespace {

double memoryMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0.0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0.0;
}

void row(const QString& what, const QString& value)
{
    std::printf("| %-90s | %16s |\n", qPrintable(what), qPrintable(value));
}

QString ms(double milliseconds) { return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', 1); }

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the gallery index on N generated PNGs."));
    parser.addHelpOption();
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("Number of images."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Work folder (default: a temporary one)."), QStringLiteral("DIR"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"), QStringLiteral("Keep the work folder (its path is printed)."));
    parser.addOption(countOption);
    parser.addOption(dirOption);
    parser.addOption(keepOption);
    parser.process(app);
    bool ok = false;
    const int count = parser.value(countOption).toInt(&ok);
    if (!ok || count < 1) {
        std::fprintf(stderr, "easel-gallery-bench: --count expects a whole number of 1 or more\n");
        return 2;
    }
    QTemporaryDir temporary(parser.isSet(dirOption) ? parser.value(dirOption) + QStringLiteral("/gallery-bench-XXXXXX")
                                                    : QDir::tempPath() + QStringLiteral("/gallery-bench-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "easel-gallery-bench: cannot create a work folder\n");
        return 1;
    }
    temporary.setAutoRemove(!parser.isSet(keepOption));
    const QString images = temporary.filePath(QStringLiteral("images"));

    static const char* const subjects[] = { "fox", "lighthouse", "castle", "robot", "owl", "whale", "dragon", "city" };
    static const char* const models[] = { "dreamshaper_8", "sd_xl_base_1.0", "juggernautXL_v9", "tiny-sd15" };
    QElapsedTimer timer;
    timer.start();
    const QByteArray png = test::tinyPng(64, 64);
    qint64 totalBytes = 0;
    for (int i = 0; i < count; ++i) {
        const QString folder = images + QStringLiteral("/%1").arg(i / 1000, 3, 10, QLatin1Char('0'));
        if (i % 1000 == 0)
            QDir().mkpath(folder);
        const QString prompt = QStringLiteral("a %1 in the style of number %2, detailed, <lora:grain:0.%3>")
                                   .arg(QLatin1String(subjects[i % 8]))
                                   .arg(i)
                                   .arg(i % 10);
        const QString model = QLatin1String(models[(i / 8) % 4]);
        TextChunks chunks;
        switch (i % 4) {
        case 0:
            chunks = test::easelChunks(prompt, model, i);
            break;
        case 1:
            chunks = test::a1111Chunks(prompt, model, i);
            break;
        case 2:
            chunks = test::comfyChunks(prompt, model, i);
            break;
        default:
            chunks = test::invokeChunks(prompt, model, i);
            break;
        }
        if (i % 7 == 0)
            chunks << TextChunk { QStringLiteral("easel:rating"), QString::number(i % 6) };
        // Plain writes: the benchmark times the index, not the atomic writer.
        const QByteArray bytes = ImageFile::withTextChunks(png, chunks);
        QFile file(folder + QStringLiteral("/img_%1.png").arg(i, 6, 10, QLatin1Char('0')));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "easel-gallery-bench: cannot write %s\n", qPrintable(file.fileName()));
            return 1;
        }
        totalBytes += bytes.size();
    }
    const double writeMs = double(timer.nsecsElapsed()) / 1e6;

    const QString db = temporary.filePath(QStringLiteral("gallery.sqlite"));
    const double rssBefore = memoryMiB("VmRSS:");
    GalleryIndex index(db);
    index.addFolder(images);
    timer.restart();
    const GalleryIndex::ScanStats full = index.rescan();
    const double rebuildMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const GalleryIndex::ScanStats again = index.rescan();
    const double rescanMs = double(timer.nsecsElapsed()) / 1e6;

    double load[3] = { 0, 0, 0 };
    {
        QFile loadavg(QStringLiteral("/proc/loadavg"));
        if (loadavg.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> parts = loadavg.readAll().split(' ');
            for (int k = 0; k < 3 && k < parts.size(); ++k)
                load[k] = parts[k].toDouble();
        }
    }
    std::printf("easel-gallery-bench: %d PNGs (64x64, %.1f KiB each on average), %d threads available, load average "
                "%.2f %.2f %.2f\n\n",
        count, double(totalBytes) / count / 1024.0, QThread::idealThreadCount(), load[0], load[1], load[2]);
    row(QStringLiteral("step"), QStringLiteral("time"));
    std::printf("|%s|%s|\n", QByteArray(92, '-').constData(), QByteArray(18, '-').constData());
    row(QStringLiteral("write the PNGs (not the index)"), ms(writeMs));
    row(QStringLiteral("full rebuild (%1 read, %2 problems)").arg(full.added).arg(full.problems.size()), ms(rebuildMs));
    row(QStringLiteral("rescan, nothing changed (%1 unchanged)").arg(again.unchanged), ms(rescanMs));
    // Each search twice over: in a new GalleryIndex (nothing read yet: what the first search after a start costs),
    // then the median of 7 more (rows read before are reused while unchanged, as when the user types on).
    const QStringList queries { QString(), QStringLiteral("lighthouse"),
        QStringLiteral("fox model:dreamshaper rating:>=3"), QStringLiteral("-castle steps:>10 cfg:>7 date:2026..2099"),
        QStringLiteral("seed:4242") };
    for (const QString& query : queries) {
        GalleryIndex fresh(db);
        timer.restart();
        const qsizetype hits = fresh.search(query).size();
        const double first = double(timer.nsecsElapsed()) / 1e6;
        std::vector<double> times;
        for (int run = 0; run < 7; ++run) {
            timer.restart();
            fresh.search(query);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        row(QStringLiteral("search \"%1\" (%2 hits): first / median of 7 more").arg(query).arg(hits),
            QStringLiteral("%1 / %2").arg(first, 0, 'f', 1).arg(times[times.size() / 2], 0, 'f', 1)
                + QStringLiteral(" ms"));
    }
    // The search of a panel that is open while an image changes: one row rewritten, the rest reused.
    {
        GalleryIndex panel(db);
        panel.search(QString());
        const GalleryEntry some = panel.search(QStringLiteral("seed:4242")).value(0);
        index.setRating(some.path, 5);
        timer.restart();
        const qsizetype hits = panel.search(QString()).size();
        row(QStringLiteral("search \"\" (%1 hits) again after one image was rated").arg(hits),
            ms(double(timer.nsecsElapsed()) / 1e6));
    }
    row(QStringLiteral("RSS before the index / now"),
        QStringLiteral("%1 / %2 MiB").arg(rssBefore, 0, 'f', 0).arg(memoryMiB("VmRSS:"), 0, 'f', 0));
    row(QStringLiteral("peak RSS (VmHWM)"), QStringLiteral("%1 MiB").arg(memoryMiB("VmHWM:"), 0, 'f', 0));
    row(QStringLiteral("database size"),
        QStringLiteral("%1 MiB").arg(double(QFileInfo(db).size()) / 1048576.0, 0, 'f', 1));
    if (parser.isSet(keepOption))
        std::printf("\nkept: %s\n", qPrintable(temporary.path()));
    return 0;
}
