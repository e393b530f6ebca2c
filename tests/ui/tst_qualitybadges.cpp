// SPDX-License-Identifier: MIT
// Quality flags in the window: the gallery grid's delegate paints the badge on a flagged image (and only there),
// its tooltip names the flags in words; the queue's row of a job with a flagged image carries the badge on its
// thumbnail and the flags in its tooltip (live, and for a job restored from the persisted queue); the detail pane
// shows the recorded flags and the image a retry was made for; the Settings dialog's "Retry a flagged image once"
// is off by default and persisted.

#include "dialogs/settingsdialog.h"
#include "gallery/gallerydelegate.h"
#include "gallery/gallerydetail.h"
#include "gallery/gallerymodel.h"
#include "gallery/imagemetadata.h"
#include "gallery/qualitybadge.h"
#include "gallery/thumbnailcache.h"
#include "jobs/jobqueue.h"
#include "queue/queuemodel.h"
#include "settings/settings.h"

#include "gallery_images.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QImage>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

constexpr int WaitMs = 60000;

/// Pixels of the badge's amber (QualityBadge) in \a image.
int amberPixels(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        for (int x = 0; x < rgb.width(); ++x) {
            const QColor c = QColor::fromRgb(rgb.pixel(x, y));
            if (std::abs(c.red() - 0xe0) < 16 && std::abs(c.green() - 0x8a) < 16 && c.blue() < 24)
                ++n;
        }
    }
    return n;
}

/// Reports the images it was given as saved, with their flags, then ends.
class SavedImagesJob : public Job {
public:
    explicit SavedImagesJob(QList<SavedImage> images)
        : m_images(std::move(images))
    {
    }
    QString kind() const override { return QStringLiteral("saved-images"); }
    QString title() const override { return QStringLiteral("saved images"); }
    JobResult run(JobContext& context) override
    {
        JobResult result;
        for (const SavedImage& image : m_images) {
            context.imageSaved(image);
            result.saved << image;
        }
        return result;
    }
    QJsonObject toJson() const override { return { { QStringLiteral("kind"), kind() } }; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<SavedImagesJob>(m_images); }

private:
    QList<SavedImage> m_images;
};

} // namespace

class TestQualityBadges : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dark; ///< flagged nearly black and uniform
    QString m_fine; ///< checked, nothing found
    QString m_retry; ///< the retry of m_dark

    QString path(const QString& name) const { return m_dir.filePath(name); }

    static void writeImage(
        const QString& file, const QString& prompt, qint64 seed, int minute, const TextChunk& quality)
    {
        ImageFile::savePng(file, test::tinyPng(64, 64),
            test::easelChunks(prompt, QStringLiteral("tiny"), seed) << quality, {}, AtomicFile::Existing::Replace);
        QFile f(file);
        QVERIFY(f.open(QIODevice::Append));
        QVERIFY(f.setFileTime(test::galleryTime(minute), QFileDevice::FileModificationTime));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(path(QStringLiteral("images"))));
        m_dark = path(QStringLiteral("images/dark.png"));
        m_fine = path(QStringLiteral("images/fine.png"));
        m_retry = path(QStringLiteral("images/dark-retry.png"));
        writeImage(m_dark, QStringLiteral("a night"), 1, 1,
            ImageMetadata::qualityChunk({ QStringLiteral("nearly-black"), QStringLiteral("uniform") }));
        writeImage(m_fine, QStringLiteral("a day"), 2, 2, ImageMetadata::qualityChunk({}));
        writeImage(m_retry, QStringLiteral("a night"), 3, 3, ImageMetadata::qualityChunk({}, m_dark));
    }

    void galleryDelegatePaintsTheBadgeOnFlaggedImages()
    {
        auto index = std::make_shared<GalleryIndex>(path(QStringLiteral("gallery.sqlite")));
        index->addFolder(path(QStringLiteral("images")));
        index->rescan();
        GalleryModel model(index);
        QSignalSpy searched(&model, &GalleryModel::searchFinished);
        model.setQuery(QString());
        QVERIFY(searched.wait(WaitMs));
        QCOMPARE(model.rowCount(), 3);
        const int dark = model.rowOf(m_dark);
        const int fine = model.rowOf(m_fine);
        QVERIFY(dark >= 0 && fine >= 0);
        QCOMPARE(model.data(model.index(dark), GalleryModel::QualityRole).toStringList(),
            (QStringList { QStringLiteral("nearly-black"), QStringLiteral("uniform") }));
        QVERIFY(model.data(model.index(fine), GalleryModel::QualityRole).toStringList().isEmpty());
        const QString tip = model.data(model.index(dark), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("nearly black, uniform")), qPrintable(tip));
        QVERIFY(!model.data(model.index(fine), Qt::ToolTipRole).toString().contains(QStringLiteral("Flagged")));

        // What the grid draws: the badge's amber on the flagged image, none on the other.
        ThumbnailCache thumbnails(path(QStringLiteral("thumbs")));
        GalleryDelegate delegate(thumbnails);
        auto render = [&](int row) {
            QStyleOptionViewItem option;
            option.rect = QRect(QPoint(0, 0), delegate.cellSize());
            option.palette = QApplication::palette();
            option.state = QStyle::State_Enabled;
            QImage image(option.rect.size(), QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(row));
            painter.end();
            return image;
        };
        QVERIFY2(amberPixels(render(dark)) > 40, qPrintable(QString::number(amberPixels(render(dark)))));
        QCOMPARE(amberPixels(render(fine)), 0);

        // The search field finds them.
        model.setQuery(QStringLiteral("flag:any"));
        QVERIFY(searched.wait(WaitMs));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.entryAt(0).path, m_dark);
    }

    void queueRowOfAJobWithAFlaggedImageShowsTheBadge()
    {
        JobQueue queue;
        QueueModel model(queue);
        SavedImage flagged;
        flagged.path = m_dark;
        flagged.quality.nearlyBlack = true;
        flagged.quality.uniform = true;
        SavedImage fine;
        fine.path = m_fine;
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const quint64 bad = queue.submit(std::make_unique<SavedImagesJob>(QList<SavedImage> { flagged, fine }));
        const quint64 good = queue.submit(std::make_unique<SavedImagesJob>(QList<SavedImage> { fine }));
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, WaitMs));

        const QModelIndex badRow = model.index(model.rowOf(bad));
        const QModelIndex goodRow = model.index(model.rowOf(good));
        QCOMPARE(model.data(badRow, QueueModel::FlaggedCountRole).toInt(), 1);
        QCOMPARE(model.data(badRow, QueueModel::QualityRole).toStringList(),
            (QStringList { QStringLiteral("nearly-black"), QStringLiteral("uniform") }));
        QCOMPARE(model.data(goodRow, QueueModel::FlaggedCountRole).toInt(), 0);
        const QString tip = model.data(badRow, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("flagged")) && tip.contains(QStringLiteral("nearly black, uniform")),
            qPrintable(tip));
        QVERIFY(!model.data(goodRow, Qt::ToolTipRole).toString().contains(QStringLiteral("flagged")));
        // The badge is on the row's thumbnail, as the list view draws it.
        QVERIFY(amberPixels(model.data(badRow, Qt::DecorationRole).value<QImage>()) > 20);
        QCOMPARE(amberPixels(model.data(goodRow, Qt::DecorationRole).value<QImage>()), 0);
    }

    void restoredJobReadsTheFlagsFromItsFiles()
    {
        JobQueue queue;
        QueueModel model(queue);
        queue.restore(7, std::make_unique<SavedImagesJob>(QList<SavedImage> {}), JobState::Completed, {},
            QDateTime::currentDateTime(), { m_fine, m_dark });
        const QModelIndex row = model.index(model.rowOf(7));
        QVERIFY(row.isValid());
        QVERIFY(QTest::qWaitFor([&] { return model.data(row, QueueModel::FlaggedCountRole).toInt() == 1; }, WaitMs));
        QVERIFY(model.data(row, Qt::ToolTipRole).toString().contains(QStringLiteral("nearly black")));
    }

    void detailShowsTheRecordedFlagsAndTheRetryLink()
    {
        GalleryDetail detail;
        QSignalSpy loaded(&detail, &GalleryDetail::loaded);
        detail.showImage(m_dark);
        QVERIFY(loaded.wait(WaitMs));
        QVERIFY2(detail.plainText().contains(QStringLiteral("When made: nearly black, uniform")),
            qPrintable(detail.plainText()));
        detail.showImage(m_retry);
        QVERIFY(loaded.wait(WaitMs));
        QVERIFY2(detail.plainText().contains(QStringLiteral("Retry of: dark.png")), qPrintable(detail.plainText()));
        QVERIFY(detail.plainText().contains(QStringLiteral("When made: none")));
    }

    void retrySettingIsOffByDefaultAndPersisted()
    {
        const QString file = path(QStringLiteral("settings.ini"));
        {
            Settings settings(file);
            QVERIFY(!settings.retryFlagged());
            SettingsDialog dialog(settings);
            auto* check = dialog.findChild<QCheckBox*>(QStringLiteral("retryFlaggedCheck"));
            QVERIFY(check);
            QVERIFY(!check->isChecked());
            QVERIFY(check->toolTip().contains(QStringLiteral("seed + 1")));
            QSignalSpy changed(&settings, &Settings::changed);
            check->click();
            dialog.findChild<QPushButton*>(QStringLiteral("okButton"))->click();
            QStringList keys;
            for (const QList<QVariant>& args : changed)
                keys << args.first().toString();
            QVERIFY2(keys.contains(QStringLiteral("generation/retryFlagged")), qPrintable(keys.join(QLatin1Char(' '))));
            QVERIFY(settings.retryFlagged());
        }
        Settings again(file);
        QVERIFY(again.retryFlagged());
        SettingsDialog dialog(again);
        QVERIFY(dialog.findChild<QCheckBox*>(QStringLiteral("retryFlaggedCheck"))->isChecked());
    }
};

QTEST_MAIN(TestQualityBadges)
#include "tst_qualitybadges.moc"
