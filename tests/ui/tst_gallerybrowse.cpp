// SPDX-License-Identifier: MIT
// The gallery beyond culling, driven through its real widgets: Delete Rejects as one Ctrl+Z step, Vary, the model
// check of Regenerate with the same seed, the detail pane (recipe, quality, lineage, file, copy), Compare (modes,
// locked zoom, heat map off the GUI thread, recipe diff word by word), the side bar's saved searches and boards
// (kept in the PNGs, so a rebuilt index has them), and grouping by day or by recipe (model tests under
// QAbstractItemModelTester).

#include "gallery/filehash.h"
#include "gallery/gallerycollections.h"
#include "gallery/gallerycompare.h"
#include "gallery/gallerydetail.h"
#include "gallery/gallerygroupmodel.h"
#include "gallery/gallerymodel.h"
#include "gallery/gallerypanel.h"
#include "gallery/gallerysidebar.h"
#include "gallery/imagemetadata.h"
#include "gallery/thumbnailcache.h"
#include "gallery/variations.h"
#include "gallery_images.h"
#include "imaging/imageio.h"
#include "settings/settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;

namespace {

QTreeWidgetItem* sidebarItem(QTreeWidget* tree, const QString& text)
{
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i) {
            if (tree->topLevelItem(g)->child(i)->text(0) == text)
                return tree->topLevelItem(g)->child(i);
        }
    }
    return nullptr;
}

} // namespace

class TestGalleryBrowse : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_images;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<GalleryPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QAbstractItemModelTester> m_groupTester;

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }
    GalleryModel* model() const { return m_panel->model(); }
    QListView* view() const { return m_panel->view(); }
    bool settled() const { return !model()->isBusy(); }

    bool select(const QStringList& names)
    {
        view()->setFocus();
        for (qsizetype i = 0; i < names.size(); ++i) {
            const int row = model()->rowOf(image(names[i]));
            if (row < 0)
                return false;
            if (i == 0)
                m_panel->setCurrentPath(image(names[i]));
            else
                view()->selectionModel()->select(view()->model()->index(row, 0), QItemSelectionModel::Select);
        }
        return m_panel->selectedPaths().size() == names.size();
    }

    void openPanel()
    {
        m_panel = std::make_unique<GalleryPanel>(*m_settings);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_groupTester = std::make_unique<QAbstractItemModelTester>(
            m_panel->groups(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(1200, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    }

    void closePanel()
    {
        if (GalleryCompare* compare = m_panel ? m_panel->compareWindow() : nullptr)
            delete compare;
        m_groupTester.reset();
        m_tester.reset();
        m_panel.reset();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>(QDir::homePath() + QStringLiteral("/gallerybrowse-XXXXXX"));
        QVERIFY(m_dir->isValid());
        m_images = m_dir->filePath(QStringLiteral("Pictures/Easel"));
        QVERIFY(QDir().mkpath(m_images));
        // Three seeds of one recipe, three others; grey levels differ so pictures differ.
        for (int k = 0; k < 3; ++k)
            QVERIFY(test::writeGalleryImage(image(QStringLiteral("fox%1").arg(k)), QStringLiteral("a red fox at dusk"),
                QStringLiteral("tiny-sd15"), 100 + k, 10 + k, test::tinyPng(64, 96, quint8(100 + 10 * k))));
        QVERIFY(test::writeGalleryImage(image(QStringLiteral("owl")), QStringLiteral("a grey owl at dusk"),
            QStringLiteral("tiny-sd15"), 100, 5, test::tinyPng(64, 96, 100)));
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("castle")), QStringLiteral("a castle in fog"), QStringLiteral("dreamshaper_8"), 7, 3));
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("whale")), QStringLiteral("a whale"), QStringLiteral("dreamshaper_8"), 8, 1));
        for (const char* suffix : { "", "-wal", "-shm", ".folders", ".collections" })
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

    void deleteRejectsIsOneUndoableStep()
    {
        QVERIFY(select({ QStringLiteral("owl") }));
        QTest::keyClick(view(), Qt::Key_X);
        QVERIFY(select({ QStringLiteral("whale") }));
        QTest::keyClick(view(), Qt::Key_X);
        QTRY_VERIFY(settled());
        QVERIFY(m_panel->trashRejects());
        QVERIFY(!QFileInfo::exists(image(QStringLiteral("owl"))));
        QVERIFY(!QFileInfo::exists(image(QStringLiteral("whale"))));
        QCOMPARE(model()->rowCount(), 4);
        QVERIFY(m_panel->messageText().contains(QStringLiteral("2")));
        QVERIFY(!m_panel->trashRejects()); // none left
        // One Ctrl+Z brings both back, rows included (still rejected: the flag is in the file).
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(QFileInfo::exists(image(QStringLiteral("owl"))));
        QVERIFY(QFileInfo::exists(image(QStringLiteral("whale"))));
        QTRY_COMPARE(model()->rowCount(), 6);
        QVERIFY(model()->entryAt(model()->rowOf(image(QStringLiteral("owl")))).reject);
        QVERIFY(!m_panel->canUndoTrash());
    }

    void varyQueuesSeedsAndSweeps()
    {
        QSignalSpy queued(m_panel.get(), &GalleryPanel::regenerateRequested);
        QVERIFY(select({ QStringLiteral("fox1") }));
        m_panel->varyCurrent(int(Variations::Kind::Seeds), 4, 1);
        QCOMPARE(queued.size(), 4);
        for (int k = 0; k < 4; ++k) {
            const auto recipe = queued.at(k).at(0).value<ImageRecipe>();
            QCOMPARE(recipe.seed, qint64(102 + k));
            QCOMPARE(recipe.prompt, QStringLiteral("a red fox at dusk"));
            QVERIFY(queued.at(k).at(1).toBool()); // the seed as given
        }
        queued.clear();
        m_panel->varyCurrent(int(Variations::Kind::Steps), 4, 5);
        QStringList steps;
        for (const QList<QVariant>& args : std::as_const(queued))
            steps << QString::number(args.at(0).value<ImageRecipe>().steps);
        QCOMPARE(steps.join(QLatin1Char(' ')), QStringLiteral("2 7 17 22")); // around the recipe's 12
    }

    void regenerateWithTheSameSeedSaysWhenTheModelChanged()
    {
        const QString modelFile = m_dir->filePath(QStringLiteral("model.safetensors"));
        {
            QFile f(modelFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("weights, version one");
        }
        const auto sha = FileHash::hashFile(modelFile);
        QVERIFY(sha);
        ImageRecipe r;
        r.prompt = QStringLiteral("a lantern");
        r.model = modelFile;
        r.modelSha256 = *sha;
        r.seed = 5;
        ImageFile::savePng(image(QStringLiteral("lantern")), test::tinyPng(),
            { { QStringLiteral("easel"), QString::fromUtf8(r.toJsonText()) } });
        m_panel->addImage(image(QStringLiteral("lantern")));
        QTRY_VERIFY(m_panel->setCurrentPath(image(QStringLiteral("lantern"))));
        QSignalSpy queued(m_panel.get(), &GalleryPanel::regenerateRequested);
        QSignalSpy messages(m_panel.get(), &GalleryPanel::message);
        m_panel->regenerateCurrent(true);
        QCOMPARE(queued.size(), 1);
        QTest::qWait(300); // the check runs on the pool: nothing to say for the same file
        QCOMPARE(messages.size(), 0);
        {
            QFile f(modelFile);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("weights, version two, retrained");
        }
        m_panel->regenerateCurrent(true);
        QTRY_COMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(QStringLiteral("not the file this image was made with")));
        QVERIFY(m_panel->messageText().contains(sha->left(10)));
        QFile::remove(modelFile);
        m_panel->regenerateCurrent(true);
        QTRY_COMPARE(messages.size(), 2);
        QVERIFY(messages.at(1).at(0).toString().contains(QStringLiteral("cannot be read")));
        m_panel->regenerateCurrent(false); // a new seed: no check
        QTest::qWait(200);
        QCOMPARE(messages.size(), 2);
    }

    void detailShowsRecipeQualityLineageAndFile()
    {
        // A merge result names its two sources by file name, as core/imaging writes them.
        const QJsonArray sources { QJsonObject { { QStringLiteral("file"), QStringLiteral("fox0.png") },
                                       { QStringLiteral("sha256"), QStringLiteral("ab12cd34ef56ab12cd34") } },
            QJsonObject { { QStringLiteral("file"), QStringLiteral("castle.png") },
                { QStringLiteral("sha256"), QStringLiteral("0011223344556677") } } };
        const QJsonArray operations { QJsonObject { { QStringLiteral("op"), QStringLiteral("merge") } } };
        ImageFile::savePng(image(QStringLiteral("merged")), test::tinyPng(64, 64, 0),
            { { imaging::chunk::sources, QString::fromUtf8(QJsonDocument(sources).toJson(QJsonDocument::Compact)) },
                { imaging::chunk::operations,
                    QString::fromUtf8(QJsonDocument(operations).toJson(QJsonDocument::Compact)) } });
        m_panel->addImage(image(QStringLiteral("merged")));
        QTRY_VERIFY(m_panel->setCurrentPath(image(QStringLiteral("merged"))));
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_I);
        auto* detail = child<GalleryDetail>(*m_panel, "galleryDetail");
        QVERIFY(detail && detail->isVisible());
        QVERIFY(child<QToolButton>(*m_panel, "galleryDetailButton")->isChecked());
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("merged")));
        QString text = detail->plainText();
        QVERIFY2(text.contains(QStringLiteral("Merged character: fox0.png (ab12cd34ef56)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Merged background: castle.png")));
        QVERIFY(text.contains(QStringLiteral("Operations: merge")));
        QVERIFY(text.contains(QStringLiteral("Flags: nearly black, uniform"))); // all-black pixels
        QVERIFY(text.contains(QStringLiteral("Pixels: 64\u00d764")));
        // A lineage link shows the source.
        Q_EMIT child<QTextBrowser>(*m_panel, "galleryDetailText")
            ->anchorClicked(QUrl(QStringLiteral("easel-lineage:castle.png")));
        QCOMPARE(m_panel->currentPath(), image(QStringLiteral("castle")));

        QVERIFY(select({ QStringLiteral("fox1") }));
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("fox1")));
        text = detail->plainText();
        for (const char* expected : { "Prompt: a red fox at dusk", "Negative prompt: blurry", "Model: tiny-sd15",
                 "Seed: 101", "Steps: 12", "Guidance: 6.5", "Sampler: euler_a", "Size: 64\u00d796", "Flags: uniform",
                 "Written by: easel", "SHA-256: " })
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
        QTest::mouseClick(child<QPushButton>(*m_panel, "galleryDetailCopySeed"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("101"));

        // The speed options a recipe was made with are shown only when on.
        QVERIFY(!text.contains(QStringLiteral("Step cache")) && !text.contains(QStringLiteral("Token merging")));
        ImageRecipe tuned = *ImageMetadata::read(image(QStringLiteral("fox1"))).recipe;
        tuned.stepCache = 2;
        tuned.tokenMerge = 0.5;
        ImageFile::savePng(image(QStringLiteral("tuned")), test::tinyPng(),
            { { QStringLiteral("parameters"), tuned.toA1111Parameters() },
                { QStringLiteral("easel"), QString::fromUtf8(tuned.toJsonText()) } });
        m_panel->addImage(image(QStringLiteral("tuned")));
        QTRY_VERIFY(m_panel->setCurrentPath(image(QStringLiteral("tuned"))));
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("tuned")));
        text = detail->plainText();
        QVERIFY2(text.contains(QStringLiteral("Step cache: 2")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Token merging: 0.5")), qPrintable(text));
        QVERIFY(select({ QStringLiteral("fox1") }));
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("fox1")));
        text = detail->plainText();
        QTest::mouseClick(child<QPushButton>(*m_panel, "galleryDetailCopyPrompt"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("a red fox at dusk"));
        QTest::mouseClick(child<QPushButton>(*m_panel, "galleryDetailCopyAll"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), text);
        QTest::keyClick(view(), Qt::Key_I);
        QVERIFY(!detail->isVisible());
    }

    void detailShowsTheWholeLineageChainAndOpensAnAncestor()
    {
        // fox0 -> enhanced (sharpness) -> final (contrast, unsharp mask): each result names its source as the
        // image tools do, by file name and SHA-256.
        auto sha = [](const QString& path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly)
                ? QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex())
                : QString();
        };
        auto result = [&](const QString& name, const QString& source, const QJsonArray& operations) {
            const QJsonArray sources { QJsonObject {
                { QStringLiteral("file"), QString(source + QStringLiteral(".png")) },
                { QStringLiteral("sha256"), sha(image(source)) } } };
            ImageFile::savePng(image(name), test::tinyPng(64, 64, 90),
                { { imaging::chunk::sources, QString::fromUtf8(QJsonDocument(sources).toJson(QJsonDocument::Compact)) },
                    { imaging::chunk::operations,
                        QString::fromUtf8(QJsonDocument(operations).toJson(QJsonDocument::Compact)) } });
            m_panel->addImage(image(name));
        };
        result(QStringLiteral("enhanced"), QStringLiteral("fox0"),
            { QJsonObject {
                { QStringLiteral("op"), QStringLiteral("sharpness") }, { QStringLiteral("factor"), 1.5 } } });
        result(QStringLiteral("final"), QStringLiteral("enhanced"),
            { QJsonObject { { QStringLiteral("op"), QStringLiteral("contrast") }, { QStringLiteral("factor"), 1.2 } },
                QJsonObject { { QStringLiteral("op"), QStringLiteral("unsharp_mask") }, { QStringLiteral("radius"), 2 },
                    { QStringLiteral("percent"), 150 }, { QStringLiteral("threshold"), 3 } } });
        QTRY_VERIFY(m_panel->setCurrentPath(image(QStringLiteral("final"))));
        m_panel->setDetailShown(true);
        auto* detail = child<GalleryDetail>(*m_panel, "galleryDetail");
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("final")));
        const QString text = detail->plainText();
        for (const QString& expected :
            { QStringLiteral("Made from: enhanced.png (%1)").arg(sha(image(QStringLiteral("enhanced"))).left(12)),
                QStringLiteral("Operations: contrast (factor 1.2); unsharp_mask (percent 150, radius 2, threshold 3)"),
                QStringLiteral("enhanced.png: made from: fox0.png (%1)")
                    .arg(sha(image(QStringLiteral("fox0"))).left(12)),
                QStringLiteral("enhanced.png: operations: sharpness (factor 1.5)") })
            QVERIFY2(text.contains(expected), qPrintable(text + QStringLiteral("\n---\n") + expected));
        // The grandparent's link selects it in the grid.
        Q_EMIT child<QTextBrowser>(*m_panel, "galleryDetailText")
            ->anchorClicked(QUrl(QStringLiteral("easel-lineage:") + image(QStringLiteral("fox0"))));
        QCOMPARE(m_panel->currentPath(), image(QStringLiteral("fox0")));

        // A source whose bytes changed since: said so, and the chain stops there.
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("enhanced")), QStringLiteral("changed"), QStringLiteral("tiny-sd15"), 1, 5));
        QVERIFY(m_panel->setCurrentPath(image(QStringLiteral("final"))));
        QTRY_VERIFY(detail->isLoaded() && detail->path() == image(QStringLiteral("final")));
        QVERIFY2(
            detail->plainText().contains(QStringLiteral("differs from the source")), qPrintable(detail->plainText()));
        QVERIFY(!detail->plainText().contains(QStringLiteral("enhanced.png: made from")));
    }

    void compareShowsWhatDiffers()
    {
        QVERIFY(select({ QStringLiteral("fox0"), QStringLiteral("fox2"), QStringLiteral("owl") }));
        QTest::keyClick(view(), Qt::Key_C);
        GalleryCompare* compare = m_panel->compareWindow();
        QVERIFY(compare);
        QCOMPARE(compare->objectName(), QStringLiteral("galleryCompare"));
        QCOMPARE(compare->paths().size(), 3);
        QTRY_VERIFY(compare->isLoaded());
        // The pair A/B (the two foxes, newest first: fox2, then fox0): the heat map is made off the GUI thread.
        QTRY_VERIFY(compare->isDifferenceReady());
        QVERIFY(compare->differingPixels() > 0);
        QCOMPARE(compare->largestDifference(), 20);
        QCOMPARE(compare->differingFields(1), QStringList { QStringLiteral("seed") });
        QCOMPARE(compare->differingFields(2), (QStringList { QStringLiteral("prompt"), QStringLiteral("seed") }));
        QVERIFY2(compare->diffText().contains(QStringLiteral("C prompt: a [-red fox -]{+grey owl +}at dusk")),
            qPrintable(compare->diffText()));
        // An image against itself: identical pixels.
        compare->setPair(2, 2);
        QTRY_VERIFY(compare->isDifferenceReady());
        QCOMPARE(compare->differingPixels(), 0);

        // Modes by their buttons; zoom and pan are one transform for every image.
        CompareCanvas* canvas = child<CompareCanvas>(*compare, "galleryCompareCanvas");
        QCOMPARE(canvas->cells().size(), 3);
        QTest::mouseClick(child<QToolButton>(*compare, "galleryCompareSlider"), Qt::LeftButton);
        QCOMPARE(canvas->mode(), CompareCanvas::Mode::Slider);
        QTest::mouseClick(child<QToolButton>(*compare, "galleryCompareFlicker"), Qt::LeftButton);
        QCOMPARE(canvas->mode(), CompareCanvas::Mode::Flicker);
        const bool was = canvas->showsSecond();
        QTRY_VERIFY(canvas->showsSecond() != was);
        QTest::mouseClick(child<QToolButton>(*compare, "galleryCompareDifference"), Qt::LeftButton);
        QCOMPARE(canvas->mode(), CompareCanvas::Mode::Difference);
        QVERIFY(!child<QToolButton>(*compare, "galleryCompareFlicker")->isChecked());
        QTest::mouseClick(child<QToolButton>(*compare, "galleryCompareSideBySide"), Qt::LeftButton);
        const QList<QRectF> cells = canvas->cells();
        const QRectF before0 = canvas->imageRect(0, cells[0]);
        const QRectF before1 = canvas->imageRect(1, cells[1]);
        QWheelEvent wheel(cells[0].center(), canvas->mapToGlobal(cells[0].center()), {}, QPoint(0, 240), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas, &wheel);
        QVERIFY(canvas->zoom() > 1.0);
        const QRectF after0 = canvas->imageRect(0, cells[0]);
        const QRectF after1 = canvas->imageRect(1, cells[1]);
        QCOMPARE(after0.width() / before0.width(), after1.width() / before1.width());
        QTest::mousePress(canvas, Qt::LeftButton, {}, cells[1].center().toPoint());
        QTest::mouseMove(canvas, cells[1].center().toPoint() + QPoint(30, 10));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, cells[1].center().toPoint() + QPoint(30, 10));
        QVERIFY(canvas->imageRect(0, cells[0]).left() > after0.left()); // panning one pans all
        QVERIFY(canvas->imageRect(2, cells[2]).left() > canvas->imageRect(2, cells[2]).left() - 1);
        QTest::mouseClick(child<QToolButton>(*compare, "galleryCompareFit"), Qt::LeftButton);
        QCOMPARE(canvas->zoom(), 1.0);
        compare->close();

        QVERIFY(select({ QStringLiteral("owl") }));
        QVERIFY(!m_panel->compareSelected()); // one image: nothing to compare
        QVERIFY(m_panel->messageText().contains(QStringLiteral("two or more")));
    }

    void savedSearchesAndBoardsAreLiveCollections()
    {
        QTest::mouseClick(child<QToolButton>(*m_panel, "gallerySidebarButton"), Qt::LeftButton);
        auto* sidebar = child<GallerySidebar>(*m_panel, "gallerySidebar");
        QVERIFY(sidebar && sidebar->isVisible());
        auto* tree = child<QTreeWidget>(*m_panel, "gallerySidebarTree");
        QTRY_COMPARE(sidebarItem(tree, QStringLiteral("All Images"))->text(1), QStringLiteral("6"));

        sidebar->saveSearch(QStringLiteral("Dusk"), QStringLiteral("dusk"));
        QTreeWidgetItem* dusk = sidebarItem(tree, QStringLiteral("Dusk"));
        QVERIFY(dusk);
        QTRY_COMPARE(dusk->text(1), QStringLiteral("4"));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(dusk).center());
        QTRY_COMPARE(model()->query(), QStringLiteral("dusk"));
        QTRY_COMPARE(model()->rowCount(), 4);
        // Live: a new image that matches joins the collection.
        QVERIFY(test::writeGalleryImage(
            image(QStringLiteral("bat")), QStringLiteral("a bat at dusk"), QStringLiteral("tiny-sd15"), 3, 30));
        m_panel->addImage(image(QStringLiteral("bat")));
        QTRY_COMPARE(model()->rowCount(), 5);
        QTRY_COMPARE(dusk->text(1), QStringLiteral("5"));

        // A board: two images on it, one of them on a second board too.
        QVERIFY(select({ QStringLiteral("owl"), QStringLiteral("fox0") }));
        m_panel->setBoardOfSelected(QStringLiteral("Mood"), true);
        QVERIFY(select({ QStringLiteral("owl") }));
        m_panel->setBoardOfSelected(QStringLiteral("Client"), true);
        QTRY_VERIFY(settled());
        QTreeWidgetItem* mood = sidebarItem(tree, QStringLiteral("Mood"));
        QVERIFY(mood);
        QTRY_COMPARE(mood->text(1), QStringLiteral("2"));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(mood).center());
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(ImageMetadata::read(image(QStringLiteral("owl"))).boards,
            (QStringList { QStringLiteral("Mood"), QStringLiteral("Client") }));

        // The index deleted: a rebuild from the files finds both boards and their images.
        closePanel();
        for (const char* suffix : { "", "-wal", "-shm", ".collections" })
            QFile::remove(GalleryIndex::defaultPath() + QLatin1String(suffix));
        openPanel();
        QTRY_COMPARE(model()->rowCount(), 7);
        QTRY_VERIFY(settled());
        m_panel->setSidebarShown(true);
        sidebar = child<GallerySidebar>(*m_panel, "gallerySidebar");
        tree = child<QTreeWidget>(*m_panel, "gallerySidebarTree");
        QTRY_VERIFY(sidebarItem(tree, QStringLiteral("Client")));
        QTRY_COMPARE(sidebarItem(tree, QStringLiteral("Mood"))->text(1), QStringLiteral("2"));
        m_panel->setSearchText(GalleryCollections::boardQuery(QStringLiteral("Client")));
        QTRY_COMPARE(model()->rowCount(), 1);
    }

    void removingABoardTakesItOffEveryImage()
    {
        QVERIFY(select({ QStringLiteral("owl"), QStringLiteral("fox0") }));
        m_panel->setBoardOfSelected(QStringLiteral("Mood"), true);
        QVERIFY(select({ QStringLiteral("owl") }));
        m_panel->setBoardOfSelected(QStringLiteral("Client"), true);
        QTRY_VERIFY(settled());
        QTest::mouseClick(child<QToolButton>(*m_panel, "gallerySidebarButton"), Qt::LeftButton);
        auto* tree = child<QTreeWidget>(*m_panel, "gallerySidebarTree");
        QTRY_VERIFY(sidebarItem(tree, QStringLiteral("Mood")));
        QTRY_COMPARE(sidebarItem(tree, QStringLiteral("Mood"))->text(1), QStringLiteral("2"));

        // The side bar's context menu, as a person uses it: "Remove Board" on Mood.
        bool triggered = false;
        QTimer::singleShot(0, this, [&triggered] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QAction* remove = menu ? menu->findChild<QAction*>(QStringLiteral("galleryRemoveBoardAction")) : nullptr;
            if (remove) {
                triggered = true;
                remove->trigger();
            }
            if (menu)
                menu->close();
        });
        Q_EMIT tree->customContextMenuRequested(
            tree->visualItemRect(sidebarItem(tree, QStringLiteral("Mood"))).center());
        QVERIFY(triggered);
        QTRY_VERIFY(settled());
        // Off every image (the PNG and the index), out of the side bar, and it does not come back with a refresh.
        QTRY_VERIFY(!sidebarItem(tree, QStringLiteral("Mood")));
        QCOMPARE(ImageMetadata::read(image(QStringLiteral("owl"))).boards, QStringList { QStringLiteral("Client") });
        QVERIFY(ImageMetadata::read(image(QStringLiteral("fox0"))).boards.isEmpty());
        QCOMPARE(m_panel->sidebar()->boards(), QStringList { QStringLiteral("Client") });
        QSignalSpy counted(m_panel->sidebar(), &GallerySidebar::countsUpdated);
        m_panel->sidebar()->refresh();
        QVERIFY(counted.wait());
        QVERIFY(!sidebarItem(tree, QStringLiteral("Mood")));
        QVERIFY(sidebarItem(tree, QStringLiteral("Client")));
        m_panel->setSearchText(GalleryCollections::boardQuery(QStringLiteral("Mood")));
        QTRY_VERIFY(settled());
        QCOMPARE(model()->rowCount(), 0);
    }

    void detailPaneLeavesTheGridItsRoomAndKeepsItsWidth()
    {
        auto* splitter = child<QSplitter>(*m_panel, "gallerySplitter");
        QVERIFY(splitter);
        const int gridBefore = view()->width();
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_I);
        auto* detail = child<GalleryDetail>(*m_panel, "galleryDetail");
        QVERIFY(detail->isVisible());
        // A sane default: the detail takes its default width, the grid keeps the rest.
        QCOMPARE(splitter->sizes().value(2), 320);
        QVERIFY(view()->width() >= gridBefore - 320 - 2 * splitter->handleWidth() - 2);
        // Dragged wider by its handle: the width is remembered for the next session.
        QWidget* handle = splitter->handle(2);
        const QPoint from = handle->rect().center();
        QTest::mousePress(handle, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(from - QPoint(80, 0)),
            handle->mapToGlobal(QPointF(from - QPoint(80, 0))), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(handle, &move);
        QTest::mouseRelease(handle, Qt::LeftButton, {}, from - QPoint(80, 0));
        const int wider = splitter->sizes().value(2);
        QVERIFY2(wider > 320, qPrintable(QString::number(wider)));
        closePanel();
        openPanel();
        m_panel->setDetailShown(true);
        splitter = child<QSplitter>(*m_panel, "gallerySplitter");
        // The remembered width, or as much of it as leaves the grid its minimum.
        const QList<int> sizes = splitter->sizes();
        QVERIFY2(sizes.value(2) == wider
                || (sizes.value(2) > 320
                    && sizes.value(1) <= view()->parentWidget()->minimumWidth() + 2 * splitter->handleWidth() + 8),
            qPrintable(QStringLiteral("%1 %2 %3 (%4)")
                           .arg(sizes.value(0))
                           .arg(sizes.value(1))
                           .arg(sizes.value(2))
                           .arg(wider)));
        // A narrow panel: the detail gives way to its minimum, the grid keeps at least one column.
        m_panel->setSidebarShown(true);
        m_panel->resize(520, 500);
        m_panel->setDetailShown(false);
        m_panel->setDetailShown(true);
        QVERIFY2(view()->parentWidget()->width() >= view()->parentWidget()->minimumWidth(),
            qPrintable(QString::number(view()->parentWidget()->width())));
        QVERIFY(splitter->sizes().value(2) >= 220);
        // Neither pane is narrower than its buttons: none is cut off (a fixed minimum cut "Save Search" and
        // "Copy Prompt" in half in a narrow dock).
        for (const char* name : { "gallerySaveSearchButton", "galleryNewBoardButton", "galleryDetailCopyPrompt",
                 "galleryDetailCopySeed", "galleryDetailCopyAll" }) {
            auto* button = child<QAbstractButton>(*m_panel, name);
            QVERIFY2(button->width() >= button->minimumSizeHint().width(),
                qPrintable(QStringLiteral("%1: %2 < %3")
                               .arg(QLatin1String(name))
                               .arg(button->width())
                               .arg(button->minimumSizeHint().width())));
        }
        // A long message wraps: it does not make the panel (the dock) any wider.
        const int narrowest = m_panel->minimumSizeHint().width();
        m_panel->setSearchText(QStringLiteral("\"") + QStringLiteral("a long search ").repeated(30));
        QVERIFY(m_panel->messageText().size() > 400);
        QCOMPARE(m_panel->minimumSizeHint().width(), narrowest);
    }

    void groupingStacksVariationsAndDays()
    {
        auto* combo = child<QComboBox>(*m_panel, "galleryGroupCombo");
        GalleryGroupModel* groups = m_panel->groups();
        QVERIFY(m_panel->setCurrentPath(image(QStringLiteral("owl"))));
        combo->setCurrentIndex(2); // by recipe
        QCOMPARE(view()->model(), groups);
        QCOMPARE(m_panel->currentPath(), image(QStringLiteral("owl"))); // the current image stays
        QCOMPARE(groups->rowCount(), 4); // the three foxes stack
        const int stack = groups->rowOfSource(model()->rowOf(image(QStringLiteral("fox0"))));
        QCOMPARE(groups->index(stack).data(GalleryGroupModel::KindRole).toInt(), int(GalleryGroupModel::Kind::Stack));
        QCOMPARE(groups->index(stack).data(GalleryGroupModel::CountRole).toInt(), 3);
        QCOMPARE(groups->index(stack).data(GalleryModel::PathRole).toString(), image(QStringLiteral("fox2")));
        // A folded stack is all its images: rating it rates the three.
        view()->setFocus();
        view()->selectionModel()->setCurrentIndex(groups->index(stack), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(m_panel->selectedPaths().size(), 3);
        QTest::keyClick(view(), Qt::Key_4);
        QTRY_VERIFY(settled());
        for (int k = 0; k < 3; ++k)
            QCOMPARE(model()->entryAt(model()->rowOf(image(QStringLiteral("fox%1").arg(k)))).rating, 4);
        // Enter opens the stack; again folds it.
        QTest::keyClick(view(), Qt::Key_Return);
        QCOMPARE(groups->rowCount(), 6);
        QVERIFY(groups->index(stack + 1).data(GalleryGroupModel::InStackRole).toBool());
        QTest::keyClick(view(), Qt::Key_Return);
        QCOMPARE(groups->rowCount(), 4);

        combo->setCurrentIndex(1); // by day: one day, a header and its six images
        QCOMPARE(groups->rowCount(), 7);
        QCOMPARE(groups->index(0).data(GalleryGroupModel::KindRole).toInt(), int(GalleryGroupModel::Kind::DayHeader));
        QVERIFY(groups->index(0).data().toString().startsWith(QStringLiteral("2026-11-05")));
        QVERIFY(!(groups->flags(groups->index(0)) & Qt::ItemIsSelectable));
        QVERIFY(groups->toggle(0));
        QCOMPARE(groups->rowCount(), 1);

        combo->setCurrentIndex(0);
        QCOMPARE(view()->model(), model());
    }
};

QTEST_MAIN(TestGalleryBrowse)
#include "tst_gallerybrowse.moc"
