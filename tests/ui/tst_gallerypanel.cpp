// SPDX-License-Identifier: MIT
// The gallery panel driven as a person would: real widgets found by objectName, keys on the grid. Images are found
// by search, culling keys write the files (kept by a rebuild), a file deleted behind Easel's back leaves the view
// after the watcher's rescan, Delete moves to the trash and Ctrl+Z brings the file and its row back. Thumbnails:
// cached on disk, a damaged cache file is a miss, the newest request is served first.

#include "gallery/gallerymodel.h"
#include "gallery/gallerypanel.h"
#include "gallery/imagemetadata.h"
#include "gallery/largeimageview.h"
#include "gallery/thumbnailcache.h"
#include "gallery_images.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QScrollBar>
#include <QtTest>

using namespace easel;

namespace {

QStringList words(const char* text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); }

} // namespace

namespace {

constexpr int kWatcherTimeoutMs = 15000;

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QLatin1String(name));
    if (!widget)
        qWarning("no widget named %s", name);
    return widget;
}

} // namespace

class TestGalleryPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_images;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<GalleryPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }
    GalleryModel* model() const { return m_panel->model(); }
    QListView* view() const { return m_panel->view(); }
    bool settled() const { return !model()->isBusy(); }

    /// Makes \a name the current, only selected image, with the focus on the grid.
    bool select(const QString& name)
    {
        if (!m_panel->setCurrentPath(image(name)))
            return false;
        view()->setFocus();
        return m_panel->currentPath() == image(name);
    }

    void openPanel()
    {
        m_panel = std::make_unique<GalleryPanel>(*m_settings);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(900, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    }

    void closePanel()
    {
        m_tester.reset();
        m_panel.reset();
    }

private Q_SLOTS:
    void init()
    {
        // Images under the test's home, so the freedesktop trash ($XDG_DATA_HOME/Trash) is on their file system.
        m_dir = std::make_unique<QTemporaryDir>(QDir::homePath() + QStringLiteral("/gallerypanel-XXXXXX"));
        QVERIFY(m_dir->isValid());
        m_images = m_dir->filePath(QStringLiteral("Pictures/Easel"));
        QVERIFY(QDir().mkpath(m_images + QStringLiteral("/batch")));
        const char* const subjects[] = { "lighthouse", "castle", "robot", "owl", "whale", "fox" };
        for (int k = 0; k < 6; ++k) {
            const QString name = QLatin1String(subjects[k]);
            QVERIFY(test::writeGalleryImage(image(k == 5 ? QStringLiteral("batch/fox") : name),
                QStringLiteral("a %1 at dusk").arg(name),
                k % 2 ? QStringLiteral("dreamshaper_8") : QStringLiteral("tiny-sd15"), 100 + k, k));
        }
        // Each test starts from no index and an empty thumbnail cache.
        for (const char* suffix : { "", "-wal", "-shm", ".folders" })
            QFile::remove(GalleryIndex::defaultPath() + QLatin1String(suffix));
        QDir(ThumbnailCache::defaultDirectory()).removeRecursively();
        m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("Easel.conf")));
        m_settings->setOutputDir(m_images);
        openPanel();
        QTRY_COMPARE(model()->rowCount(), 6);
        QTRY_VERIFY(settled());
    }

    void cleanup()
    {
        closePanel();
        m_settings.reset();
        m_dir.reset();
    }

    void showsTheOutputFolderWithThumbnails()
    {
        QCOMPARE(m_panel->objectName(), QStringLiteral("galleryPanel"));
        QCOMPARE(view(), child<QListView>(*m_panel, "galleryView"));
        QCOMPARE(view()->viewMode(), QListView::IconMode);
        QCOMPARE(model()->galleryIndex().databasePath(), GalleryIndex::defaultPath());
        QVERIFY(model()->galleryIndex().folders().contains(m_images));
        QCOMPARE(model()->entryAt(0).path, image(QStringLiteral("batch/fox"))); // newest first
        QCOMPARE(child<QLabel>(*m_panel, "galleryCount")->text(), QStringLiteral("Images: 6"));
        QTRY_VERIFY(m_panel->watchedFolders().contains(m_images + QStringLiteral("/batch")));

        // Every image is on screen: each gets its thumbnail, in memory and on disk under the cache folder.
        QTRY_COMPARE(m_panel->thumbnails()->memoryCount(), 6);
        QCOMPARE(m_panel->thumbnails()->directory(), paths::cacheDir() + QStringLiteral("/thumbnails"));
        QCOMPARE(QDir(m_panel->thumbnails()->directory()).entryList(QDir::Files).size(), 6);
        QCOMPARE(m_panel->thumbnails()->decoded(), 6);

        // Opened again: thumbnails come from the disk cache.
        closePanel();
        openPanel();
        QTRY_COMPARE(m_panel->thumbnails()->memoryCount(), 6);
        QCOMPARE(m_panel->thumbnails()->diskHits(), 6);
        QCOMPARE(m_panel->thumbnails()->decoded(), 0);
    }

    /// The row's spare width is shared among the columns, not left as a margin on the right: at several widths the
    /// empty space left and right of the row's cells differs by a few pixels at most. (Low enough that the grid
    /// scrolls, as a gallery does: without its scroll bar QListView keeps the bar's width free on the right.)
    void gridSpreadsTheSpareWidthEvenly()
    {
        const QSize cell = view()->itemDelegate()->sizeHint(QStyleOptionViewItem(), model()->index(0, 0));
        for (int width : { 640, 777, 900, 1013 }) {
            m_panel->resize(width, 300);
            QTRY_VERIFY(view()->verticalScrollBar()->isVisible());
            // A row may not reach the viewport's last pixel (QListView wraps such a cell).
            QTRY_COMPARE((view()->viewport()->width() - 1) / view()->gridSize().width(),
                std::max(1, (view()->viewport()->width() - 1) / cell.width()));
            const int viewportWidth = view()->viewport()->width();
            const int columns = (viewportWidth - 1) / view()->gridSize().width();
            QVERIFY2(view()->gridSize().width() >= cell.width(), qPrintable(QString::number(width)));
            QVERIFY2(viewportWidth - columns * view()->gridSize().width() <= columns, qPrintable(QString::number(width)));
            // The cells of the first row as drawn: the first one's left gap and the last one's right gap (the view
            // lays its items out again a moment after a resize).
            auto gaps = [&] {
                int left = 0;
                int right = 0;
                for (int row = 0; row < columns; ++row) {
                    const QRect rect = view()->visualRect(view()->model()->index(row, 0));
                    const int inset = (rect.width() - cell.width()) / 2;
                    if (row == 0)
                        left = rect.left() + inset;
                    right = viewportWidth - 1 - (rect.right() - inset);
                }
                return std::pair<int, int>(left, right);
            };
            QVERIFY(model()->rowCount() >= columns); // a full first row
            QTRY_VERIFY2(std::abs(gaps().first - gaps().second) <= columns + 1,
                qPrintable(QStringLiteral("%1: left %2, right %3").arg(width).arg(gaps().first).arg(gaps().second)));
        }
    }

    void searchFieldFindsAndABadQueryKeepsTheRows()
    {
        auto* search = child<QLineEdit>(*m_panel, "gallerySearch");
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("model:dreamshaper"));
        QTRY_COMPARE(model()->rowCount(), 3);
        QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(search, QStringLiteral("castle"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 1);
        QCOMPARE(model()->entryAt(0).path, image(QStringLiteral("castle")));
        QCOMPARE(child<QLabel>(*m_panel, "galleryCount")->text(), QStringLiteral("Found: 1"));

        auto* message = child<QLabel>(*m_panel, "galleryMessage");
        QVERIFY(message->isHidden());
        QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(search, QStringLiteral("size:big"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("size: expects WIDTHxHEIGHT")), qPrintable(message->text()));
        QTRY_VERIFY(settled());
        QCOMPARE(model()->rowCount(), 1); // the old results stay

        QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(search, Qt::Key_Delete);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 6);
        QVERIFY(message->isHidden());
    }

    void cullingKeysWriteTheFileAndSurviveARebuild()
    {
        const QString owl = image(QStringLiteral("owl"));
        QVERIFY(select(QStringLiteral("owl")));
        QTest::keyClick(view(), Qt::Key_4);
        QCOMPARE(model()->index(model()->rowOf(owl)).data(GalleryModel::RatingRole).toInt(), 4);
        QTRY_COMPARE(ImageMetadata::read(owl).rating, 4);
        QTest::keyClick(view(), Qt::Key_0);
        QTRY_VERIFY(settled());
        QCOMPARE(ImageMetadata::read(owl).rating, 0);
        QTest::keyClick(view(), Qt::Key_P);
        QTRY_VERIFY(settled());
        QVERIFY(ImageMetadata::read(owl).pick);
        QTest::keyClick(view(), Qt::Key_X); // reject clears the pick
        QTRY_VERIFY(settled());
        QVERIFY(ImageMetadata::read(owl).reject);
        QVERIFY(!ImageMetadata::read(owl).pick);
        QTest::keyClick(view(), Qt::Key_X); // and toggles
        QTRY_VERIFY(settled());
        QVERIFY(!ImageMetadata::read(owl).reject);
        QTest::keyClick(view(), Qt::Key_3, Qt::KeypadModifier);
        QTRY_VERIFY(settled());
        QCOMPARE(ImageMetadata::read(owl).rating, 3);

        // Arrows move (natively); the keys rate the image that is current now.
        const int row = view()->currentIndex().row();
        QTest::keyClick(view(), Qt::Key_Right);
        QCOMPARE(view()->currentIndex().row(), row + 1);
        QTest::keyClick(view(), Qt::Key_5);
        const QString next = m_panel->currentPath();
        QTRY_VERIFY(settled());
        QCOMPARE(ImageMetadata::read(next).rating, 5);

        // The index is rebuilt from the files: the ratings are there.
        closePanel();
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(GalleryIndex::defaultPath() + QLatin1String(suffix));
        openPanel();
        QTRY_COMPARE(model()->rowCount(), 6);
        QTRY_VERIFY(settled());
        model()->setQuery(QStringLiteral("rating:>=3"));
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->index(model()->rowOf(owl)).data(GalleryModel::RatingRole).toInt(), 3);
        QCOMPARE(model()->index(model()->rowOf(next)).data(GalleryModel::RatingRole).toInt(), 5);
    }

    void filesThatComeAndGoBehindEaselsBack()
    {
        const QString castle = image(QStringLiteral("castle"));
        QVERIFY(QFile::remove(castle));
        QTRY_VERIFY_WITH_TIMEOUT(model()->rowOf(castle) < 0, kWatcherTimeoutMs);
        QCOMPARE(model()->rowCount(), 5);

        // A new image in a folder made after the start (a batch) shows up too.
        QVERIFY(QDir().mkpath(m_images + QStringLiteral("/later")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_panel->watchedFolders().contains(m_images + QStringLiteral("/later")), kWatcherTimeoutMs);
        const QString dragon = image(QStringLiteral("later/dragon"));
        QVERIFY(test::writeGalleryImage(dragon, QStringLiteral("a dragon"), QStringLiteral("m"), 1, 60));
        QTRY_VERIFY_WITH_TIMEOUT(model()->rowOf(dragon) == 0, kWatcherTimeoutMs);
    }

    void deleteMovesToTheTrashAndCtrlZBringsItBack()
    {
        const QString whale = image(QStringLiteral("whale"));
        const QByteArray bytes = [&] {
            QFile f(whale);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(select(QStringLiteral("whale")));
        const int row = view()->currentIndex().row();
        QSignalSpy undoable(m_panel.get(), &GalleryPanel::undoTrashAvailable);
        QTest::keyClick(view(), Qt::Key_Delete);
        QVERIFY(!QFileInfo::exists(whale));
        QCOMPARE(model()->rowOf(whale), -1);
        QCOMPARE(model()->rowCount(), 5);
        QCOMPARE(view()->currentIndex().row(), row); // culling goes on with the next image
        QCOMPARE(undoable.size(), 1);
        // In the freedesktop trash, with its record: never a permanent delete.
        const QString trash
            = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/Trash");
        QVERIFY(QFileInfo::exists(trash + QStringLiteral("/files/whale.png")));
        QVERIFY(QFileInfo::exists(trash + QStringLiteral("/info/whale.png.trashinfo")));
        QTRY_VERIFY(settled());
        QVERIFY(!model()->galleryIndex().entry(whale));

        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(QFileInfo::exists(whale));
        QTRY_COMPARE(model()->rowOf(whale), row);
        QTRY_COMPARE(m_panel->currentPath(), whale);
        QVERIFY(!QFileInfo::exists(trash + QStringLiteral("/files/whale.png")));
        QVERIFY(!QFileInfo::exists(trash + QStringLiteral("/info/whale.png.trashinfo")));
        QFile back(whale);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), bytes);
        QVERIFY(model()->galleryIndex().entry(whale));
        QCOMPARE(undoable.size(), 2);
        QVERIFY(!m_panel->canUndoTrash());
        QVERIFY(!m_panel->undoTrash()); // nothing left to undo
    }

    void spaceTogglesTheLargeView()
    {
        QVERIFY(select(QStringLiteral("robot")));
        auto* large = child<LargeImageView>(*m_panel, "galleryLargeView");
        QVERIFY(large && large->isHidden());
        QTest::keyClick(view(), Qt::Key_Space);
        QVERIFY(large->isVisible());
        QCOMPARE(large->path(), image(QStringLiteral("robot")));
        QTRY_VERIFY(large->isLoaded());
        QTest::keyClick(view(), Qt::Key_Right); // the grid keeps the keys: the large view follows
        QCOMPARE(large->path(), m_panel->currentPath());
        QTest::keyClick(view(), Qt::Key_Space);
        QVERIFY(large->isHidden());
    }

    void reuseAndRegenerateSendTheImagesRecipe()
    {
        QVERIFY(select(QStringLiteral("castle")));
        QSignalSpy reuse(m_panel.get(), &GalleryPanel::reuseRequested);
        QSignalSpy regenerate(m_panel.get(), &GalleryPanel::regenerateRequested);
        m_panel->reuseCurrent();
        QCOMPARE(reuse.size(), 1);
        const auto recipe = reuse.at(0).at(0).value<ImageRecipe>();
        QCOMPARE(recipe.prompt, QStringLiteral("a castle at dusk"));
        QCOMPARE(recipe.seed, 101);
        QCOMPARE(recipe.batchSize, 1);
        m_panel->regenerateCurrent(false);
        QCOMPARE(regenerate.size(), 1);
        QCOMPARE(regenerate.at(0).at(0).value<ImageRecipe>().modelName, QStringLiteral("dreamshaper_8"));
        QCOMPARE(regenerate.at(0).at(1).toBool(), false);

        QSignalSpy activated(m_panel.get(), &GalleryPanel::imageActivated);
        QTest::keyClick(view(), Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), image(QStringLiteral("castle")));
    }

    void anIndexThatCannotBeOpenedFallsBackToATemporaryOne()
    {
        closePanel();
        QFile blocker(m_dir->filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        GalleryPanel panel(*m_settings, { blocker.fileName() + QStringLiteral("/gallery.sqlite"), {} });
        QTRY_COMPARE(panel.model()->rowCount(), 6);
        auto* message = child<QLabel>(panel, "galleryMessage");
        QVERIFY(!message->isHidden());
        QVERIFY2(message->text().contains(QStringLiteral("temporary index")), qPrintable(message->text()));
        QTRY_VERIFY(!panel.model()->isBusy());
    }

    void damagedThumbnailCacheFileIsAMiss()
    {
        const QString dir = m_dir->filePath(QStringLiteral("thumbs"));
        const QString path = image(QStringLiteral("owl"));
        const ThumbnailCache::Key key { path, QFileInfo(path).size(),
            QFileInfo(path).lastModified().toMSecsSinceEpoch() };
        QString file;
        {
            ThumbnailCache cache(dir);
            QSignalSpy ready(&cache, &ThumbnailCache::ready);
            QVERIFY(cache.thumbnail(key).isNull());
            QTRY_COMPARE(ready.size(), 1);
            QCOMPARE(cache.thumbnail(key).size(), QSize(64, 96));
            file = cache.cacheFile(key);
            QVERIFY(QFileInfo::exists(file));
        }
        // Cut short, then flipped: each time decoded again from the image and the cache file rewritten.
        for (int damage = 0; damage < 2; ++damage) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            if (damage == 0) {
                QVERIFY(f.resize(f.size() / 2));
            } else {
                f.seek(f.size() / 2);
                const char c = f.peek(1).at(0);
                f.write(QByteArray(1, char(c ^ 0x5a)));
            }
            f.close();
            ThumbnailCache cache(dir);
            QSignalSpy ready(&cache, &ThumbnailCache::ready);
            cache.request(key);
            QTRY_COMPARE(ready.size(), 1);
            QVERIFY(!cache.hasFailed(key));
            QCOMPARE(cache.decoded(), 1);
            QCOMPARE(cache.diskHits(), 0);
        }
        ThumbnailCache cache(dir);
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        cache.request(key);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(cache.diskHits(), 1);

        // Not an image: a failure, remembered, not a crash.
        QFile junk(m_dir->filePath(QStringLiteral("junk.png")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a png");
        junk.close();
        const ThumbnailCache::Key bad { junk.fileName(), 9, 1 };
        cache.request(bad);
        QTRY_VERIFY(cache.hasFailed(bad));
        QCOMPARE(cache.failures(), 1);
    }

    void newestThumbnailRequestIsServedFirst()
    {
        ThumbnailCache cache(m_dir->filePath(QStringLiteral("order")));
        cache.setThreadCount(1);
        QStringList order;
        connect(
            &cache, &ThumbnailCache::ready, this, [&](const QString& path) { order << QFileInfo(path).baseName(); });
        for (const char* name : { "lighthouse", "castle", "robot", "owl" }) {
            const QString path = image(QLatin1String(name));
            cache.request({ path, QFileInfo(path).size(), 1 });
        }
        QTRY_COMPARE(order.size(), 4);
        // The first starts at once; the others wait and go newest first.
        QCOMPARE(order, words("lighthouse owl robot castle"));
    }

    void memoryIsBoundedByItsBudget()
    {
        ThumbnailCache cache(m_dir->filePath(QStringLiteral("budget")));
        cache.setMemoryBudget(64 * 96 * 4 * 2 + 1024); // two thumbnails
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        QList<ThumbnailCache::Key> keys;
        for (const char* name : { "lighthouse", "castle", "robot" }) {
            const QString path = image(QLatin1String(name));
            keys << ThumbnailCache::Key { path, QFileInfo(path).size(), 1 };
            cache.request(keys.last());
            QTRY_COMPARE(ready.size(), int(keys.size()));
        }
        QCOMPARE(cache.memoryCount(), 2);
        QVERIFY(cache.cached(keys.at(0)).isNull()); // the least recently used went
        QVERIFY(!cache.cached(keys.at(2)).isNull());
    }
};

QTEST_MAIN(TestGalleryPanel)
#include "tst_gallerypanel.moc"
