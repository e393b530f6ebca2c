// SPDX-License-Identifier: MIT
// easel-gallery-view-bench --count N --big M: the gallery panel on N indexed PNGs, the newest M of them 512x512
// pictures (what the first screen shows), the rest small. Times, as tables:
// - opening the gallery (a new GalleryPanel, shown) until the first screen has every thumbnail: with a cold
//   thumbnail cache (none on disk, source images out of the page cache), with the thumbnails on disk but out of
//   the page cache, and warm;
// - painting one screen while paging down through the grid;
// - the process's memory with the N indexed, after the first screen and after paging through.
// --screenshot FILE instead writes a few dozen pictures with ratings, picks and rejects and saves the panel as
// FILE (and FILE with "-large" before the extension: the large view). A benchmark, not a test.

#include "gallery/gallerymodel.h"
#include "gallery/gallerypanel.h"
#include "gallery/largeimageview.h"
#include "gallery/thumbnailcache.h"
#include "gallery_images.h"
#include "settings/settings.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QLinearGradient>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <unistd.h>

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
    std::printf("| %-86s | %16s |\n", qPrintable(what), qPrintable(value));
}

void header(const char* what, const char* value)
{
    row(QLatin1String(what), QLatin1String(value));
    std::printf("|%s|%s|\n", QByteArray(88, '-').constData(), QByteArray(18, '-').constData());
}

QString ms(double milliseconds) { return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', 1); }

/// A made-up landscape: sky gradient, sun, three ridges, a little grain (so the PNG is as large as a real one).
QImage picture(int seed, int side)
{
    QRandomGenerator rng(quint32(seed) * 2654435761u + 1);
    auto colour = [&](int lightness) {
        return QColor::fromHsl(rng.bounded(360), 90 + rng.bounded(120), std::clamp(lightness, 0, 255));
    };
    QImage image(side, side, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, side);
    sky.setColorAt(0, colour(60 + rng.bounded(60)));
    sky.setColorAt(1, colour(150 + rng.bounded(80)));
    p.fillRect(image.rect(), sky);
    p.setPen(Qt::NoPen);
    p.setBrush(colour(200 + rng.bounded(40)));
    const qreal r = side * (0.06 + rng.bounded(0.08));
    p.drawEllipse(QPointF(side * (0.2 + rng.bounded(0.6)), side * (0.15 + rng.bounded(0.3))), r, r);
    for (int ridge = 0; ridge < 3; ++ridge) {
        QPainterPath path;
        const qreal base = side * (0.5 + ridge * 0.15);
        path.moveTo(0, side);
        path.lineTo(0, base);
        for (int x = 0; x <= 8; ++x)
            path.lineTo(side * x / 8.0, base - rng.bounded(side * 0.18));
        path.lineTo(side, side);
        path.closeSubpath();
        p.setBrush(colour(110 - ridge * 30));
        p.drawPath(path);
    }
    p.end();
    for (int y = 0; y < side; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < side; ++x) {
            const int n = int(rng.bounded(13)) - 6;
            const QRgb c = line[x];
            line[x] = qRgb(
                std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255), std::clamp(qBlue(c) + n, 0, 255));
        }
    }
    return image;
}

QByteArray pngOf(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/// Drops the files' pages from the page cache (as after a reboot) without root: POSIX_FADV_DONTNEED.
void evict(const QString& folder)
{
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QByteArray path = QFile::encodeName(it.next());
        const int fd = ::open(path.constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

QModelIndexList visibleIndexes(QListView* view)
{
    QModelIndexList list;
    const QRect area = view->viewport()->rect();
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex index = view->model()->index(r, 0);
        const QRect rect = view->visualRect(index);
        if (rect.intersects(area))
            list << index;
        else if (rect.top() > area.bottom())
            break;
    }
    return list;
}

/// Visible rows whose thumbnail is not in memory yet; -1 while no row is laid out.
int missingThumbnails(GalleryPanel& panel)
{
    const QModelIndexList visible = visibleIndexes(panel.view());
    if (visible.isEmpty())
        return -1;
    int missing = 0;
    for (const QModelIndex& index : visible) {
        const ThumbnailCache::Key key { index.data(GalleryModel::PathRole).toString(),
            index.data(GalleryModel::FileSizeRole).toLongLong(), index.data(GalleryModel::ModifiedRole).toLongLong() };
        if (panel.thumbnails()->cached(key).isNull() && !panel.thumbnails()->hasFailed(key))
            ++missing;
    }
    return missing;
}

template <typename Done> bool waitFor(Done done, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        QThread::usleep(200);
    }
    return true;
}

struct Opening {
    double rowsMs = 0;
    double thumbnailsMs = 0;
    int visible = 0;
    int decoded = 0;
    int diskHits = 0;
};

Opening openGallery(Settings& settings, const GalleryPanel::Locations& locations, const QSize& size,
    std::unique_ptr<GalleryPanel>& panel)
{
    Opening o;
    QElapsedTimer timer;
    timer.start();
    panel = std::make_unique<GalleryPanel>(settings, locations);
    panel->resize(size);
    panel->show();
    waitFor([&] { return panel->model()->rowCount() > 0; });
    o.rowsMs = double(timer.nsecsElapsed()) / 1e6;
    waitFor([&] { return missingThumbnails(*panel) == 0; });
    o.thumbnailsMs = double(timer.nsecsElapsed()) / 1e6;
    o.visible = int(visibleIndexes(panel->view()).size());
    o.decoded = panel->thumbnails()->decoded();
    o.diskHits = panel->thumbnails()->diskHits();
    return o;
}

int screenshot(const QString& file, const QString& work)
{
    const QString images = work + QStringLiteral("/images");
    QDir().mkpath(images);
    static const char* const subjects[] = { "a lighthouse on a cliff at dusk", "a castle in the fog",
        "a robot tending a garden", "an owl librarian", "a whale in the clouds", "a red fox in snow",
        "a city of glass at night", "a dragon over the sea", "a desert caravan at sunset" };
    static const char* const models[] = { "dreamshaper_8", "sd_xl_base_1.0", "juggernautXL_v9" };
    QStringList paths;
    for (int i = 0; i < 36; ++i) {
        const QString path = images + QStringLiteral("/easel_%1.png").arg(i, 4, 10, QLatin1Char('0'));
        const int side = 512;
        QImage pic = picture(i, side);
        if (i % 5 == 1) // some portraits and landscapes
            pic = pic.copy(0, 0, 384, 512);
        else if (i % 7 == 2)
            pic = pic.copy(0, 64, 512, 320);
        test::writeGalleryImage(
            path, QLatin1String(subjects[i % 9]), QLatin1String(models[i % 3]), 1000 + i, i, pngOf(pic));
        paths << path;
    }
    {
        GalleryIndex index(work + QStringLiteral("/gallery.sqlite"));
        index.addFolder(images);
        index.rescan();
        for (int i = 0; i < 36; ++i) {
            if (i % 4 == 0)
                index.setRating(paths[i], 1 + i % 5);
            if (i % 9 == 3)
                index.setFlags(paths[i], true, false);
            if (i % 11 == 5)
                index.setFlags(paths[i], false, true);
        }
    }
    Settings settings(work + QStringLiteral("/Easel.conf"));
    settings.setOutputDir(images);
    std::unique_ptr<GalleryPanel> panel;
    openGallery(settings, { work + QStringLiteral("/gallery.sqlite"), work + QStringLiteral("/thumbnails") },
        QSize(1100, 760), panel);
    panel->setCurrentPath(paths[33]);
    panel->view()->setFocus();
    waitFor([&] { return !panel->model()->isBusy(); });
    QCoreApplication::processEvents();
    if (!panel->grab().save(file)) {
        std::fprintf(stderr, "easel-gallery-view-bench: cannot write %s\n", qPrintable(file));
        return 1;
    }
    panel->setLargeViewShown(true);
    waitFor([&] { return panel->largeView()->isLoaded(); });
    QCoreApplication::processEvents();
    const QFileInfo info(file);
    const QString large
        = info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-large.") + info.suffix();
    panel->grab().save(large);
    std::printf("easel-gallery-view-bench: wrote %s and %s\n", qPrintable(file), qPrintable(large));
    return 0;
}

int measure(const QString& work, const QSize& size)
{
    const QString images = work + QStringLiteral("/images");
    const QString thumbs = work + QStringLiteral("/thumbnails");
    Settings settings(work + QStringLiteral("/Easel.conf"));
    settings.setOutputDir(images);
    const GalleryPanel::Locations locations { work + QStringLiteral("/gallery.sqlite"), thumbs };
    const double rssStart = memoryMiB("VmRSS:");
    const int count = GalleryIndex(locations.database).count();

    std::printf("\n");
    header("opening the gallery (a new process)", "time");
    std::unique_ptr<GalleryPanel> panel;
    auto report = [&](const QString& what, const Opening& o) {
        row(QStringLiteral("%1: rows in the view").arg(what), ms(o.rowsMs));
        row(QStringLiteral("%1: first screen of thumbnails (%2 visible; %3 decoded, %4 from disk)")
                .arg(what)
                .arg(o.visible)
                .arg(o.decoded)
                .arg(o.diskHits),
            ms(o.thumbnailsMs));
    };
    evict(images);
    report(QStringLiteral("cold (no thumbnails, images not in the page cache)"),
        openGallery(settings, locations, size, panel));
    waitFor([&] { return !panel->model()->isBusy() && panel->thumbnails()->pendingCount() == 0; });
    const double rssFirst = memoryMiB("VmRSS:");
    panel.reset();
    evict(thumbs);
    evict(images);
    report(
        QStringLiteral("thumbnails on disk, nothing in the page cache"), openGallery(settings, locations, size, panel));
    waitFor([&] { return !panel->model()->isBusy() && panel->thumbnails()->pendingCount() == 0; });
    panel.reset();
    report(QStringLiteral("warm (thumbnails on disk and in the page cache)"),
        openGallery(settings, locations, size, panel));
    waitFor([&] { return !panel->model()->isBusy() && panel->thumbnails()->pendingCount() == 0; });
    const double rssOpen = memoryMiB("VmRSS:");

    // Paging down: the time to paint one screen (thumbnails not yet decoded are placeholders and requested).
    QListView* view = panel->view();
    QScrollBar* bar = view->verticalScrollBar();
    std::vector<double> paints;
    const int pages = 60;
    for (int page = 0; page < pages && bar->value() < bar->maximum(); ++page) {
        bar->setValue(bar->value() + bar->pageStep());
        QElapsedTimer t;
        t.start();
        view->viewport()->repaint();
        paints.push_back(double(t.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
    }
    waitFor([&] { return panel->thumbnails()->pendingCount() == 0; });
    std::vector<double> sorted = paints;
    std::sort(sorted.begin(), sorted.end());
    std::printf("\n");
    header("paging down through the grid", "time");
    if (!sorted.empty()) {
        row(QStringLiteral("paint one screen, median of %1 pages").arg(sorted.size()), ms(sorted[sorted.size() / 2]));
        row(QStringLiteral("paint one screen, slowest"), ms(sorted.back()));
    }
    // Searching from the panel: the model's rows replaced (reset) by a new query over all N.
    {
        QElapsedTimer t;
        t.start();
        panel->setSearchText(QStringLiteral("picture"));
        waitFor([&] { return !panel->model()->isBusy(); });
        row(QStringLiteral("search \"picture\" from the panel until its %1 rows are in")
                .arg(panel->model()->rowCount()),
            ms(double(t.nsecsElapsed()) / 1e6));
        t.restart();
        panel->setSearchText(QStringLiteral("number 12"));
        waitFor([&] { return !panel->model()->isBusy(); });
        row(QStringLiteral("search \"number 12\" from the panel until its %1 rows are in")
                .arg(panel->model()->rowCount()),
            ms(double(t.nsecsElapsed()) / 1e6));
    }

    std::printf("\n");
    header("memory", "RSS");
    row(QStringLiteral("before the panel (QApplication)"), QStringLiteral("%1 MiB").arg(rssStart, 0, 'f', 0));
    row(QStringLiteral("gallery opened once on %1 indexed images, first screen shown").arg(count),
        QStringLiteral("%1 MiB").arg(rssFirst, 0, 'f', 0));
    row(QStringLiteral("the same after closing and opening it twice more"),
        QStringLiteral("%1 MiB").arg(rssOpen, 0, 'f', 0));
    row(QStringLiteral("after paging down %1 screens (thumbnails in memory: %2, %3 MiB)")
            .arg(paints.size())
            .arg(panel->thumbnails()->memoryCount())
            .arg(double(panel->thumbnails()->memoryUsed()) / 1048576.0, 0, 'f', 0),
        QStringLiteral("%1 MiB").arg(memoryMiB("VmRSS:"), 0, 'f', 0));
    row(QStringLiteral("peak (VmHWM)"), QStringLiteral("%1 MiB").arg(memoryMiB("VmHWM:"), 0, 'f', 0));
    panel.reset();
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the gallery panel on N indexed PNGs."));
    parser.addHelpOption();
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("Number of images."), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption bigOption(QStringLiteral("big"),
        QStringLiteral("How many of the newest are 512x512 pictures."), QStringLiteral("M"), QStringLiteral("200"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Work folder (default: a temporary one)."), QStringLiteral("DIR"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"), QStringLiteral("Panel size."), QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption shotOption(QStringLiteral("screenshot"),
        QStringLiteral("Write a screenshot of the panel with a few dozen pictures instead."), QStringLiteral("FILE"));
    const QCommandLineOption measureOption(QStringLiteral("measure"),
        QStringLiteral("(internal) Open the gallery of a work folder and measure."), QStringLiteral("WORK"));
    parser.addOptions({ countOption, bigOption, dirOption, sizeOption, shotOption, measureOption });
    parser.process(app);
    bool countOk = false;
    bool bigOk = false;
    const int count = parser.value(countOption).toInt(&countOk);
    const int big = std::min(parser.value(bigOption).toInt(&bigOk), count);
    const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
    if (!countOk || count < 1 || !bigOk || big < 0 || size.isEmpty()) {
        std::fprintf(stderr, "easel-gallery-view-bench: --count N (1 or more), --big M (0 or more), --size WxH\n");
        return 2;
    }
    if (parser.isSet(measureOption))
        return measure(parser.value(measureOption), size);
    const QString base = parser.isSet(dirOption) ? parser.value(dirOption) : QDir::tempPath();
    QDir().mkpath(base);
    QTemporaryDir temporary(base + QStringLiteral("/gallery-view-bench-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "easel-gallery-view-bench: cannot create a work folder\n");
        return 1;
    }
    if (parser.isSet(shotOption))
        return screenshot(parser.value(shotOption), temporary.path());

    const QString images = temporary.filePath(QStringLiteral("images"));
    const QString db = temporary.filePath(QStringLiteral("gallery.sqlite"));
    QElapsedTimer timer;
    timer.start();
    const QByteArray tiny = test::tinyPng(64, 64);
    qint64 bigBytes = 0;
    for (int i = 0; i < count; ++i) {
        const QString folder = images + QStringLiteral("/%1").arg(i / 1000, 3, 10, QLatin1Char('0'));
        if (i % 1000 == 0)
            QDir().mkpath(folder);
        const bool isBig = i >= count - big; // the newest
        const QString path = folder + QStringLiteral("/img_%1.png").arg(i, 6, 10, QLatin1Char('0'));
        const QByteArray png = isBig ? pngOf(picture(i, 512)) : tiny;
        bigBytes += isBig ? png.size() : 0;
        const QByteArray bytes = ImageFile::withTextChunks(
            png, test::easelChunks(QStringLiteral("a picture number %1, detailed").arg(i), QStringLiteral("m"), i));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
            || !file.setFileTime(test::galleryTime(i), QFileDevice::FileModificationTime)) {
            std::fprintf(stderr, "easel-gallery-view-bench: cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    const double writeMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    {
        GalleryIndex index(db);
        index.addFolder(images);
        index.rescan();
    }
    const double indexMs = double(timer.nsecsElapsed()) / 1e6;

    std::printf("easel-gallery-view-bench: %d PNGs (the newest %d 512x512, %.0f KiB each on average, the rest "
                "64x64), panel %dx%d, %d threads available\n\n",
        count, big, big > 0 ? double(bigBytes) / big / 1024.0 : 0.0, size.width(), size.height(),
        QThread::idealThreadCount());
    header("step", "time");
    row(QStringLiteral("write the PNGs (not timed below)"), ms(writeMs));
    row(QStringLiteral("index them (GalleryIndex::rescan, before the gallery opens)"), ms(indexMs));
    std::fflush(stdout);
    // The gallery opens in a process of its own, so its memory is the panel's, not this one's.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(),
        { QStringLiteral("--measure"), temporary.path(), QStringLiteral("--size"), parser.value(sizeOption) });
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        std::fprintf(stderr, "easel-gallery-view-bench: the measuring process failed\n");
        return 1;
    }
    return 0;
}
