// SPDX-License-Identifier: MIT
// Compose in the studio window, driven by objectName: two prompts on the tiny demo model queue ONE job whose three
// images (character, background, merged) land in the gallery together, the merged one naming the other two as its
// sources (sha256); the prompt helpers are editable and kept in the settings.
#include "mainwindow/mainwindow.h"

#include "finishing/composepanel.h"
#include "gallery/gallerymodel.h"
#include "gallery/gallerypanel.h"
#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"
#include "imaging/imageio.h"
#include "jobs/compose.h"
#include "settings/settings.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 240000;

QString sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestCompose : public QObject {
    Q_OBJECT

    QTemporaryDir m_out;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_out.isValid()); }

    void composeQueuesOneJobWithThreeLinkedImages()
    {
        StartOptions start;
        start.model = QStringLiteral(EASEL_TEST_DATA) + QStringLiteral("/models/tiny-sd15/diffusers");
        MainWindow window(start);
        window.settings().setOutputDir(m_out.path());
        window.settings().setDevice(Device::Cpu);
        window.settings().setPrecision(Precision::Fp32);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeInto(child<QSpinBox>(window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("2"));

        // Generate > Compose shows the panel with the character prompt ready for typing.
        child<QAction>(window, "actionCompose")->trigger();
        auto* panel = child<ComposePanel>(window, "composePanel");
        QVERIFY(panel->isVisible());
        QCOMPARE(child<QTabWidget>(window, "finishingTabs")->currentWidget(), panel);
        auto* compose = child<QPushButton>(*panel, "composeButton");
        QVERIFY(!compose->isEnabled()); // two prompts first
        QCOMPARE(child<QLineEdit>(*panel, "characterSuffix")->text(), ComposePresets {}.characterSuffix);

        // An edited helper is kept in the settings and used.
        typeInto(child<QLineEdit>(*panel, "characterSuffix"), QStringLiteral(", full figure, plain grey backdrop"));
        QCOMPARE(
            window.settings().composePresets().characterSuffix, QStringLiteral(", full figure, plain grey backdrop"));
        typeInto(child<QLineEdit>(*panel, "composeCharacterPrompt"), QStringLiteral("a knight"));
        typeInto(child<QLineEdit>(*panel, "composeBackgroundPrompt"), QStringLiteral("a castle"));
        QVERIFY(compose->isEnabled());

        const qsizetype jobsBefore = window.queue().jobs().size();
        QSignalSpy queued(panel, &ComposePanel::queued);
        QSignalSpy composed(panel, &ComposePanel::composed);
        QSignalSpy errors(panel, &ComposePanel::errorOccurred);
        QSignalSpy finished(&window.queue(), &JobQueue::jobFinished);
        QTest::mouseClick(compose, Qt::LeftButton);
        QVERIFY2(queued.size() == 1, qPrintable(child<QLabel>(*panel, "composeStatus")->text()));
        QCOMPARE(window.queue().jobs().size(), jobsBefore + 1); // ONE job
        const quint64 id = queued.first().at(0).toULongLong();
        const QString merged = queued.first().at(1).toString();
        QCOMPARE(window.queue().info(id)->kind, QStringLiteral("compose"));
        QTRY_VERIFY_WITH_TIMEOUT(!composed.isEmpty() || !errors.isEmpty(), kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        QCOMPARE(composed.first().first().toString(), merged);
        QCOMPARE(finished.size(), 1);

        // Three files from that one job, all in the gallery.
        const QString stem = merged.chopped(4);
        const QString character = stem + QStringLiteral("-character.png");
        const QString background = stem + QStringLiteral("-background.png");
        QCOMPARE(window.queue().info(id)->files, QStringList({ character, background, merged }));
        auto* gallery = child<GalleryPanel>(window, "galleryPanel");
        for (const QString& path : { character, background, merged })
            QTRY_VERIFY2(gallery->model()->galleryIndex().entry(path).has_value(), qPrintable(path));

        // Portrait character, landscape background, the merge at 1024x512.
        const imaging::ImageData c = imaging::readImage(character);
        const imaging::ImageData b = imaging::readImage(background);
        const imaging::ImageData m = imaging::readImage(merged);
        QVERIFY(c.pixels.rows > c.pixels.cols);
        QVERIFY(b.pixels.cols > b.pixels.rows);
        QCOMPARE(m.pixels.cols, 1024);
        QCOMPARE(m.pixels.rows, 512);
        const ImageMetadata characterMeta = ImageMetadata::read(character);
        QVERIFY(characterMeta.recipe);
        QCOMPARE(characterMeta.recipe->prompt, QStringLiteral("a knight, full figure, plain grey backdrop"));

        // Lineage: the merged image names the character and the background by file and sha256.
        const QJsonArray sources
            = QJsonDocument::fromJson(ImageFile::text(m.chunks, imaging::chunk::sources).toUtf8()).array();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0][QStringLiteral("file")].toString(), QFileInfo(character).fileName());
        QCOMPARE(sources[0][QStringLiteral("sha256")].toString(), sha256(character));
        QCOMPARE(sources[1][QStringLiteral("file")].toString(), QFileInfo(background).fileName());
        QCOMPARE(sources[1][QStringLiteral("sha256")].toString(), sha256(background));
        const QJsonArray operations
            = QJsonDocument::fromJson(ImageFile::text(m.chunks, imaging::chunk::operations).toUtf8()).array();
        QCOMPARE(operations.first()[QStringLiteral("op")].toString(), QStringLiteral("merge"));

        // The next composition does not reuse the names; Easel's helpers come back with one click.
        QVERIFY(panel->nextOutputPath() != merged);
        QTest::mouseClick(child<QPushButton>(*panel, "resetPresetsButton"), Qt::LeftButton);
        QCOMPARE(window.settings().composePresets().characterSuffix, ComposePresets {}.characterSuffix);
    }
};

QTEST_MAIN(TestCompose)
#include "tst_compose.moc"
