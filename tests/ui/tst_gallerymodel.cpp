// SPDX-License-Identifier: MIT
// GalleryModel under QAbstractItemModelTester: the index's images newest first with their roles, searches in
// the GalleryQuery syntax (a bad one keeps the rows), refreshes that change only the rows that differ, culling
// written to the file (and kept by a rebuild), rows forgotten and indexed again.

#include "gallery/gallerymodel.h"
#include "gallery/imagemetadata.h"
#include "gallery_images.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

QStringList words(const char* text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); }

} // namespace

class TestGalleryModel : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_images;
    std::shared_ptr<GalleryIndex> m_index;
    std::unique_ptr<GalleryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }
    QString dbPath() const { return m_dir->filePath(QStringLiteral("gallery.sqlite")); }

    QStringList names() const
    {
        QStringList list;
        for (int row = 0; row < m_model->rowCount(); ++row)
            list << QFileInfo(m_model->entryAt(row).path).completeBaseName();
        return list;
    }

    bool settled() const { return !m_model->isBusy(); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>(QDir::homePath() + QStringLiteral("/gallerymodel-XXXXXX"));
        QVERIFY(m_dir->isValid());
        m_images = m_dir->filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(m_images));
        QVERIFY(test::writeGalleryImage(image(QStringLiteral("lighthouse")), QStringLiteral("a lighthouse on a cliff"),
            QStringLiteral("tiny-sd15"), 42, 1));
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("castle")), QStringLiteral("a castle in fog"), QStringLiteral("dreamshaper_8"), 7, 2));
        QVERIFY(test::writeGalleryImage(image(QStringLiteral("robot")), QStringLiteral("a robot gardener"),
            QStringLiteral("juggernautXL_v9"), 1234, 3));
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("owl")), QStringLiteral("an owl librarian"), QStringLiteral("tiny-sd15"), 99, 4));
        m_index = std::make_shared<GalleryIndex>(dbPath());
        m_index->addFolder(m_images);
        m_index->rescan();
        m_model = std::make_unique<GalleryModel>(m_index);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setQuery({});
        QTRY_COMPARE(m_model->rowCount(), 4);
        QTRY_VERIFY(settled());
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_index.reset();
        m_dir.reset();
    }

    void rowsNewestFirstWithTheirRoles()
    {
        QCOMPARE(names(), words("owl robot castle lighthouse"));
        const QModelIndex owl = m_model->index(0);
        QCOMPARE(owl.data(GalleryModel::PathRole).toString(), image(QStringLiteral("owl")));
        QCOMPARE(owl.data(GalleryModel::PromptRole).toString(), QStringLiteral("an owl librarian"));
        QCOMPARE(owl.data(GalleryModel::ModelRole).toString(), QStringLiteral("tiny-sd15"));
        QCOMPARE(owl.data(GalleryModel::SeedRole).toLongLong(), 99);
        QCOMPARE(owl.data(GalleryModel::SizeRole).toSize(), QSize(64, 96));
        QCOMPARE(owl.data(GalleryModel::RatingRole).toInt(), 0);
        QCOMPARE(owl.data(GalleryModel::PickRole).toBool(), false);
        QCOMPARE(owl.data(GalleryModel::RejectRole).toBool(), false);
        QCOMPARE(owl.data(GalleryModel::DateRole).toDateTime(), test::galleryTime(4));
        QCOMPARE(owl.data(GalleryModel::FileSizeRole).toLongLong(), QFileInfo(image(QStringLiteral("owl"))).size());
        QCOMPARE(owl.data(Qt::DisplayRole).toString(), QStringLiteral("owl.png"));
        QVERIFY(owl.data(Qt::ToolTipRole).toString().contains(QStringLiteral("seed 99")));
        QVERIFY(m_model->data(m_model->index(1), Qt::DecorationRole).isNull()); // no pixels in the model
        QCOMPARE(m_model->rowOf(image(QStringLiteral("castle"))), 2);
        QCOMPARE(m_model->rowOf(QStringLiteral("/nowhere.png")), -1);
    }

    void searchUsesTheQuerySyntax()
    {
        QSignalSpy finished(m_model.get(), &GalleryModel::searchFinished);
        m_model->setQuery(QStringLiteral("model:tiny -owl"));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(names(), words("lighthouse"));
        m_model->setQuery(QStringLiteral("seed:>=99"));
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(names(), words("owl robot"));
        QCOMPARE(m_model->query(), QStringLiteral("seed:>=99"));
    }

    void badQueryKeepsTheRowsAndSaysWhy()
    {
        m_model->setQuery(QStringLiteral("castle"));
        QTRY_COMPARE(m_model->rowCount(), 1);
        QSignalSpy failed(m_model.get(), &GalleryModel::queryFailed);
        m_model->setQuery(QStringLiteral("seed:abc"));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("seed: expects a number")), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QTRY_VERIFY(settled());
        QCOMPARE(names(), words("castle"));
        QCOMPARE(m_model->query(), QStringLiteral("castle"));
    }

    void newestSearchWins()
    {
        QSignalSpy finished(m_model.get(), &GalleryModel::searchFinished);
        m_model->setQuery(QStringLiteral("owl"));
        m_model->setQuery(QStringLiteral("castle"));
        m_model->setQuery(QStringLiteral("robot"));
        QTRY_VERIFY(settled());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(names(), words("robot"));
    }

    void refreshChangesOnlyWhatDiffers()
    {
        QPersistentModelIndex castle = m_model->index(2);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy rescanned(m_model.get(), &GalleryModel::rescanFinished);
        // Behind the model's back: a new image (the newest), one in the middle, one gone, one re-rated by a tool.
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("whale")), QStringLiteral("a whale in the sky"), QStringLiteral("m"), 5, 10));
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("fox")), QStringLiteral("a red fox"), QStringLiteral("m"), 6, 2));
        QVERIFY(QFile::remove(image(QStringLiteral("robot"))));
        m_model->rescan();
        QTRY_COMPARE(rescanned.size(), 1);
        const GalleryIndex::ScanStats stats = rescanned.at(0).at(0).value<GalleryIndex::ScanStats>();
        QCOMPARE(stats.added, 2);
        QCOMPARE(stats.removed, 1);
        QTRY_VERIFY(settled());
        QCOMPARE(reset.size(), 0);
        QVERIFY(inserted.size() >= 1);
        QCOMPARE(removed.size(), 1);
        const QStringList now = names();
        QCOMPARE(now.size(), 5);
        QCOMPARE(now.first(), QStringLiteral("whale"));
        QVERIFY(!now.contains(QStringLiteral("robot")));
        QVERIFY(castle.isValid());
        QCOMPARE(castle.data(GalleryModel::PromptRole).toString(), QStringLiteral("a castle in fog"));

        // Nothing changed: a rescan leaves the rows alone.
        inserted.clear();
        removed.clear();
        m_model->rescan();
        QTRY_COMPARE(rescanned.size(), 2);
        QTRY_VERIFY(settled());
        QCOMPARE(inserted.size() + removed.size() + reset.size(), 0);
    }

    void ratingAndFlagsGoIntoTheFileAndSurviveARebuild()
    {
        const QString owl = image(QStringLiteral("owl"));
        const int row = m_model->rowOf(owl);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setRating(row, 4);
        QCOMPARE(m_model->index(row).data(GalleryModel::RatingRole).toInt(), 4); // at once
        QCOMPARE(changed.size(), 1);
        m_model->setFlags(row, true, false);
        QCOMPARE(m_model->index(row).data(GalleryModel::PickRole).toBool(), true);
        QTRY_VERIFY(settled());
        ImageMetadata file = ImageMetadata::read(owl);
        QCOMPARE(file.rating, 4);
        QVERIFY(file.pick);
        QCOMPARE(QFileInfo(owl).lastModified(), test::galleryTime(4)); // rating keeps the date and so the order

        m_model->setFlags(row, true, true); // reject wins
        QTRY_VERIFY(settled());
        file = ImageMetadata::read(owl);
        QVERIFY(file.reject);
        QVERIFY(!file.pick);

        // A refresh (search started before or after the write) shows what was written.
        m_model->refresh();
        QTRY_VERIFY(settled());
        QCOMPARE(m_model->index(row).data(GalleryModel::RatingRole).toInt(), 4);
        QCOMPARE(m_model->index(row).data(GalleryModel::RejectRole).toBool(), true);

        // The database goes; the files are the truth.
        m_tester.reset();
        m_model.reset();
        m_index.reset();
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(dbPath() + QLatin1String(suffix));
        m_index = std::make_shared<GalleryIndex>(dbPath());
        m_index->rebuild();
        m_model = std::make_unique<GalleryModel>(m_index);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setQuery(QStringLiteral("rating:4 reject:yes"));
        QTRY_COMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->entryAt(0).path, owl);
    }

    void badRatingWriteIsReportedAndRowsComeBackToTheTruth()
    {
        const QString castle = image(QStringLiteral("castle"));
        QVERIFY(QFile::remove(castle)); // gone, but the index does not know yet
        QSignalSpy failed(m_model.get(), &GalleryModel::writeFailed);
        m_model->setRating(m_model->rowOf(castle), 5);
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(castle), qPrintable(failed.at(0).at(0).toString()));
        QTRY_VERIFY(settled());
        QCOMPARE(m_model->index(m_model->rowOf(castle)).data(GalleryModel::RatingRole).toInt(), 0);
    }

    void forgetAndAddFile()
    {
        const QString castle = image(QStringLiteral("castle"));
        const QString moved = m_dir->filePath(QStringLiteral("castle-elsewhere.png"));
        QVERIFY(QFile::rename(castle, moved));
        m_model->forget(castle);
        QCOMPARE(m_model->rowOf(castle), -1); // at once
        QCOMPARE(m_model->rowCount(), 3);
        m_model->refresh(); // a search racing the index write still leaves it out
        QTRY_VERIFY(settled());
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(!m_index->entry(castle));

        QVERIFY(QFile::rename(moved, castle));
        m_model->addFile(castle);
        QTRY_VERIFY(settled());
        QCOMPARE(names(), words("owl robot castle lighthouse"));
    }

    void newQueryShowsItsFirstPageFirst()
    {
        for (int k = 0; k < GalleryModel::FirstPage; ++k) {
            QVERIFY(test::writeGalleryImage(image(QStringLiteral("many_%1").arg(k, 3, 10, QLatin1Char('0'))),
                QStringLiteral("a picture number %1").arg(k), QStringLiteral("m"), k, 100 + k));
        }
        m_model->rescan();
        QTRY_VERIFY(settled());
        QTRY_COMPARE(m_model->rowCount(), GalleryModel::FirstPage + 4);

        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QList<int> rowsAtReset;
        connect(m_model.get(), &QAbstractItemModel::modelReset, this, [&] { rowsAtReset << m_model->rowCount(); });
        m_model->setQuery(QStringLiteral("a")); // every prompt has an "a"
        QTRY_VERIFY(settled());
        QCOMPARE(rowsAtReset, QList<int>({ GalleryModel::FirstPage }));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), GalleryModel::FirstPage);
        QCOMPARE(inserted.at(0).at(2).toInt(), GalleryModel::FirstPage + 3);
        QCOMPARE(m_model->entryAt(0).path, image(QStringLiteral("many_299")));
        QCOMPARE(names().mid(GalleryModel::FirstPage), words("owl robot castle lighthouse"));
    }

    void dragsCarryFileUrls()
    {
        std::unique_ptr<QMimeData> mime(m_model->mimeData({ m_model->index(0), m_model->index(1) }));
        QVERIFY(mime);
        QCOMPARE(mime->urls().size(), 2);
        QCOMPARE(mime->urls().at(0).toLocalFile(), image(QStringLiteral("owl")));
    }
};

QTEST_GUILESS_MAIN(TestGalleryModel)
#include "tst_gallerymodel.moc"
