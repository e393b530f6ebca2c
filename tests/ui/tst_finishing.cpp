// SPDX-License-Identifier: MIT
// The finishing panels driven by objectName, offscreen, with their jobs run by a real JobQueue: a slider
// moves the preview (computed off the GUI thread, the last position always shown), Apply writes a new file
// beside the source with its sources and operations in the chunks and the source unchanged; the merge through
// the panel equals the core merge with the same values; export carries the recipe into JPEG.

#include "finishing/attributepanel.h"
#include "finishing/beforeafterview.h"
#include "finishing/enhancechain.h"
#include "finishing/enhancepanel.h"
#include "finishing/exportdialog.h"
#include "finishing/finishingutil.h"
#include "finishing/mergecanvas.h"
#include "finishing/mergepanel.h"
#include "gallery/imagefile.h"
#include "imaging/attribution.h"
#include "imaging/enhance.h"
#include "imaging/exportimage.h"
#include "imaging/imageio.h"
#include "imaging/merge.h"
#include "imaging/mergefile.h"
#include "imaging/toolfiles.h"
#include "jobs/jobqueue.h"
#include "recipe/imagerecipe.h"
#include "support/imagingfixtures.h"
#include "support/widgettest.h"

#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <functional>
#include <vector>

using namespace easel;
using easel::test::child;

namespace {

constexpr int kJobTimeoutMs = 60000;

QByteArray sha256(const QString& path)
{
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex();
}

QJsonArray jsonChunk(const TextChunks& chunks, const QString& keyword)
{
    return QJsonDocument::fromJson(ImageFile::text(chunks, keyword).toUtf8()).array();
}

} // namespace

class TestFinishing : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<JobQueue> m_queue;

    QString copyFixture(const QString& fixture, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(test::imagingFixturePath(fixture), path))
            qFatal("cannot copy %s", qPrintable(fixture));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_queue = std::make_unique<JobQueue>();
    }

    void cleanupTestCase() { m_queue.reset(); }

    void enhanceSliderUpdatesPreview()
    {
        const QString source = copyFixture(QStringLiteral("input_photo.png"), QStringLiteral("slider.png"));
        EnhancePanel panel(*m_queue);
        panel.resize(700, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setSource(source);
        QTRY_VERIFY(!panel.previewImage().isNull());
        const QImage first = panel.previewImage();
        QCOMPARE(first, matToImage(panel.previewSource())); // every factor at 1: the image as it is

        auto* contrast = child<QSlider>(panel, "contrastSlider");
        QVERIFY(contrast);
        contrast->setValue(160);
        QCOMPARE(panel.settings().contrast, 1.6);
        QTRY_VERIFY(panel.previewImage() != first);
        imaging::EnhanceSettings expected;
        expected.contrast = 1.6;
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::enhance(panel.previewSource(), expected)));

        // A slider swept across its range: whatever was superseded, the last value is what is shown.
        auto* colour = child<QSlider>(panel, "colorSlider");
        QSignalSpy settled(&panel, &EnhancePanel::previewSettled);
        for (int v = 0; v <= 300; v += 5)
            colour->setValue(v);
        expected.color = 3.0;
        QTRY_VERIFY(!settled.isEmpty());
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::enhance(panel.previewSource(), expected)));

        // The preset, then only the unsharp radius: the steps before it are reused, the result is the same.
        QTest::mouseClick(child<QPushButton>(panel, "presetButton"), Qt::LeftButton);
        child<QSlider>(panel, "unsharpRadiusSlider")->setValue(35);
        QCOMPARE(panel.settings().unsharp->radius, 3.5);
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::enhance(panel.previewSource(), panel.settings())));
        child<QSlider>(panel, "sharpnessSlider")->setValue(80);
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::enhance(panel.previewSource(), panel.settings())));

        // Before/after and split.
        auto* view = child<BeforeAfterView>(panel, "previewView");
        QTest::mouseClick(child<QToolButton>(panel, "beforeButton"), Qt::LeftButton);
        QCOMPARE(view->mode(), BeforeAfterView::Mode::Before);
        QTest::mouseClick(child<QToolButton>(panel, "splitButton"), Qt::LeftButton);
        QCOMPARE(view->mode(), BeforeAfterView::Mode::Split);
        QCOMPARE(view->before(), matToImage(panel.previewSource()));
    }

    void enhanceChainReusesItsImages()
    {
        // Steps turned off and on again, upstream and downstream: each result is the core enhance(), although each
        // step writes into the image it kept from the run before.
        const cv::Mat source = test::imagingFixture(QStringLiteral("input_photo.png"));
        EnhanceChain chain;
        imaging::EnhanceSettings s = imaging::EnhanceSettings::seedChain();
        QCOMPARE(test::maxAbsDifference(chain.run(source, s), imaging::enhance(source, s)), 0);
        const uchar* pixels = chain.run(source, s).data;
        s.sharpness = 0.4; // every step again, into the same images
        QCOMPARE(test::maxAbsDifference(chain.run(source, s), imaging::enhance(source, s)), 0);
        QCOMPARE(chain.run(source, s).data, pixels);
        const std::vector<std::function<void(imaging::EnhanceSettings&)>> changes {
            [](imaging::EnhanceSettings& e) { e.contrast = 1.0; },
            [](imaging::EnhanceSettings& e) { e.unsharp.reset(); },
            [](imaging::EnhanceSettings& e) { e.contrast = 1.7; },
            [](imaging::EnhanceSettings& e) {
                e.unsharp = imaging::UnsharpMaskParams { 2.5, 300, 0 };
            },
            [](imaging::EnhanceSettings& e) { e.brightness = 0.6; },
            [](imaging::EnhanceSettings& e) { e.sharpness = 1.0; },
            [](imaging::EnhanceSettings& e) { e.color = 0.0; },
            [](imaging::EnhanceSettings& e) { e = imaging::EnhanceSettings(); },
            [](imaging::EnhanceSettings& e) { e = imaging::EnhanceSettings::seedChain(); },
        };
        for (const auto& change : changes) {
            change(s);
            QCOMPARE(test::maxAbsDifference(chain.run(source, s), imaging::enhance(source, s)), 0);
        }
        QCOMPARE(chain.image(source, s), matToImage(imaging::enhance(source, s)));
    }

    void enhanceApplyWritesANewFile()
    {
        const QString source = copyFixture(QStringLiteral("input_photo.png"), QStringLiteral("apply.png"));
        const QByteArray before = sha256(source);
        EnhancePanel panel(*m_queue);
        panel.resize(600, 700);
        panel.show();
        panel.setSource(source);
        auto* applyButton = child<QPushButton>(panel, "applyButton");
        QTRY_VERIFY(!panel.previewImage().isNull());
        QVERIFY(!applyButton->isEnabled()); // nothing to apply yet

        QTest::mouseClick(child<QPushButton>(panel, "presetButton"), Qt::LeftButton);
        QVERIFY(child<QGroupBox>(panel, "unsharpGroup")->isChecked());
        QCOMPARE(panel.settings().operations(), imaging::EnhanceSettings::seedChain().operations());
        QVERIFY(applyButton->isEnabled());
        QSignalSpy saved(&panel, &EnhancePanel::resultSaved);
        QSignalSpy errors(&panel, &EnhancePanel::errorOccurred);
        QTest::mouseClick(applyButton, Qt::LeftButton);
        QTest::mouseClick(applyButton, Qt::LeftButton); // twice: a second file, not a clash
        QTRY_COMPARE_WITH_TIMEOUT(saved.size() + errors.size(), 2, kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const QString first = saved.at(0).first().toString();
        QCOMPARE(first, m_dir.filePath(QStringLiteral("apply-enhanced.png")));
        QCOMPARE(saved.at(1).first().toString(), m_dir.filePath(QStringLiteral("apply-enhanced-2.png")));

        QCOMPARE(sha256(source), before);
        const imaging::ImageData out = imaging::readImage(first);
        const imaging::ImageData in = imaging::readImage(source);
        QCOMPARE(
            test::maxAbsDifference(out.pixels, imaging::enhance(in.pixels, imaging::EnhanceSettings::seedChain())), 0);
        const QJsonArray sources = jsonChunk(out.chunks, imaging::chunk::sources);
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources[0][QStringLiteral("file")].toString(), QStringLiteral("apply.png"));
        QCOMPARE(sources[0][QStringLiteral("sha256")].toString(), QString::fromLatin1(before));
        QCOMPARE(jsonChunk(out.chunks, imaging::chunk::operations), imaging::EnhanceSettings::seedChain().operations());
    }

    void applyChainFromAnotherResult()
    {
        // A result made elsewhere records its chain; that chain, re-applied to another image, is one job.
        const QString first = copyFixture(QStringLiteral("input_photo.png"), QStringLiteral("chainfirst.png"));
        const QString recorded = m_dir.filePath(QStringLiteral("chainfirst-enhanced.png"));
        imaging::enhanceFile(first, recorded, imaging::EnhanceSettings::seedChain(), QStringLiteral("test"),
            AtomicFile::Existing::Replace);
        const QString other = copyFixture(QStringLiteral("input_background.png"), QStringLiteral("chainother.png"));
        const QByteArray before = sha256(other);

        EnhancePanel panel(*m_queue);
        panel.resize(600, 700);
        panel.show();
        auto* button = child<QPushButton>(panel, "applyChainButton");
        QVERIFY(!button->isEnabled()); // no image yet
        panel.setSource(other);
        QTRY_VERIFY(!panel.previewImage().isNull());
        QVERIFY(button->isEnabled());
        QSignalSpy saved(&panel, &EnhancePanel::resultSaved);
        QSignalSpy errors(&panel, &EnhancePanel::errorOccurred);
        QVERIFY(panel.applyChainFrom(recorded) != 0);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size() + errors.size(), 1, kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const QString output = saved.first().first().toString();
        QCOMPARE(output, m_dir.filePath(QStringLiteral("chainother-chain.png")));
        QCOMPARE(sha256(other), before);
        const imaging::ImageData out = imaging::readImage(output);
        QCOMPARE(test::maxAbsDifference(out.pixels,
                     imaging::enhance(imaging::readImage(other).pixels, imaging::EnhanceSettings::seedChain())),
            0);
        QCOMPARE(jsonChunk(out.chunks, imaging::chunk::operations), imaging::EnhanceSettings::seedChain().operations());
        const QJsonArray sources = jsonChunk(out.chunks, imaging::chunk::sources);
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources[0][QStringLiteral("sha256")].toString(), QString::fromLatin1(before));

        // A file with no recorded steps, or a merge (it needs two images): refused with one line, nothing queued.
        QCOMPARE(panel.applyChainFrom(other), quint64(0));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("chainother.png")));
        const QString merged = m_dir.filePath(QStringLiteral("chainmerged.png"));
        imaging::mergeFiles(test::imagingFixturePath(QStringLiteral("input_character.png")),
            test::imagingFixturePath(QStringLiteral("input_background.png")), merged, {}, QStringLiteral("test"),
            AtomicFile::Existing::Replace);
        QCOMPARE(panel.applyChainFrom(merged), quint64(0));
        QCOMPARE(errors.size(), 2);
    }

    void attributeShowsTheLicenceAndWritesProvenance()
    {
        const QString source = m_dir.filePath(QStringLiteral("attr.png"));
        const TextChunks chunks { { QStringLiteral("parameters"),
            QStringLiteral("a lighthouse\nSteps: 20, Seed: 42, Model: v1-5-pruned-emaonly") } };
        imaging::writeResult(source, test::imagingFixture(QStringLiteral("input_background.png")), chunks, {},
            AtomicFile::Existing::Replace);
        const QByteArray before = sha256(source);

        AttributePanel panel(*m_queue);
        panel.resize(600, 900);
        panel.show();
        QSignalSpy licenceShown(&panel, &AttributePanel::licenceShown);
        panel.setSource(source);
        QTRY_VERIFY(!licenceShown.isEmpty());
        // Before anything is written: the model, its licence and the use restrictions.
        QCOMPARE(child<QLabel>(panel, "modelLabel")->text(), QStringLiteral("v1-5-pruned-emaonly"));
        QVERIFY(child<QLabel>(panel, "licenceLabel")->text().contains(QStringLiteral("CreativeML OpenRAIL-M")));
        QVERIFY(child<QLabel>(panel, "restrictionsLabel")->text().contains(QStringLiteral("minors")));
        QTRY_VERIFY(!panel.previewImage().isNull());

        const QImage first = panel.previewImage();
        child<QLineEdit>(panel, "watermarkText")->setText(QStringLiteral("Made with Easel"));
        child<QComboBox>(panel, "watermarkCorner")->setCurrentIndex(3); // top left
        child<QSlider>(panel, "watermarkSizeSlider")->setValue(150);
        child<QSlider>(panel, "watermarkOpacitySlider")->setValue(90);
        const imaging::WatermarkOptions options = panel.watermark();
        QCOMPARE(options.corner, imaging::Corner::TopLeft);
        QCOMPARE(options.size, 1.5);
        QCOMPARE(options.opacity, 0.9);
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::addWatermark(panel.previewSource(), options)));
        QVERIFY(panel.previewImage() != first);

        QSignalSpy saved(&panel, &AttributePanel::resultSaved);
        QSignalSpy errors(&panel, &AttributePanel::errorOccurred);
        QTest::mouseClick(child<QPushButton>(panel, "applyButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size() + errors.size(), 1, kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const QString output = saved.first().first().toString();
        QCOMPARE(output, m_dir.filePath(QStringLiteral("attr-attributed.png")));
        QCOMPARE(sha256(source), before);
        const imaging::ImageData out = imaging::readImage(output);
        const imaging::ImageData in = imaging::readImage(source);
        QCOMPARE(test::maxAbsDifference(out.pixels, imaging::addWatermark(in.pixels, options)), 0);
        QCOMPARE(ImageFile::text(out.chunks, QStringLiteral("AI-generated")), QStringLiteral("true"));
        QCOMPARE(ImageFile::text(out.chunks, QStringLiteral("License")), QStringLiteral("CreativeML OpenRAIL-M"));
        QCOMPARE(ImageFile::text(out.chunks, QStringLiteral("Model")), QStringLiteral("v1-5-pruned-emaonly"));
        QCOMPARE(imaging::digitalSourceType(out.chunks), imaging::kTrainedAlgorithmicMedia);
        QCOMPARE(ImageFile::text(out.chunks, QStringLiteral("parameters")), chunks.first().text); // the recipe stays
        const QJsonArray sources = jsonChunk(out.chunks, imaging::chunk::sources);
        QCOMPARE(sources[0][QStringLiteral("sha256")].toString(), QString::fromLatin1(before));
        const QJsonArray operations = jsonChunk(out.chunks, imaging::chunk::operations);
        QCOMPARE(operations.size(), 2);
        QCOMPARE(operations[0][QStringLiteral("op")].toString(), QStringLiteral("watermark"));
        QCOMPARE(operations[0][QStringLiteral("text")].toString(), QStringLiteral("Made with Easel"));
        QCOMPARE(operations[0][QStringLiteral("corner")].toString(), QStringLiteral("tl"));
        QCOMPARE(operations[0][QStringLiteral("size")].toDouble(), 1.5);
        QCOMPARE(operations[1][QStringLiteral("op")].toString(), QStringLiteral("provenance"));
    }

    void attributeLicenceSources()
    {
        // The model file is on this machine: its own description.
        ImageRecipe recipe;
        recipe.prompt = QStringLiteral("x");
        recipe.model = QString::fromStdString(test::resourceFile("models/tiny-sd15.safetensors"));
        imaging::ImageData image;
        image.chunks = { { QStringLiteral("easel"), QString::fromUtf8(recipe.toJsonText()) } };
        ModelLicenceInfo info = ModelLicenceInfo::lookUp(image);
        QCOMPARE(info.model.name, QStringLiteral("tiny-sd15"));
        QCOMPARE(info.model.licence, QStringLiteral("CreativeML OpenRAIL-M"));
        QVERIFY(info.origin.contains(QStringLiteral("tiny-sd15.safetensors")));
        QVERIFY(!info.url.isEmpty());
        // A licence recorded in the image that Easel does not know.
        image.chunks = { { QStringLiteral("Model"), QStringLiteral("my-finetune") },
            { QStringLiteral("License"), QStringLiteral("Studio licence 2") } };
        info = ModelLicenceInfo::lookUp(image);
        QCOMPARE(info.model.licence, QStringLiteral("Studio licence 2"));
        QCOMPARE(info.restrictions, QStringLiteral("See the licence named above."));
        // Nothing recorded.
        info = ModelLicenceInfo::lookUp(imaging::ImageData {});
        QVERIFY(info.model.licence.isEmpty());
        QVERIFY(!info.restrictions.isEmpty());
    }

    void exportKeepsTheRecipe()
    {
        const QString png = m_dir.filePath(QStringLiteral("export.png"));
        const TextChunks chunks { { QStringLiteral("parameters"),
                                      QStringLiteral("a fox\nSteps: 20, Seed: 7, Model: v1-5-pruned-emaonly") },
            { imaging::chunk::operations, QStringLiteral("[{\"op\":\"contrast\",\"factor\":1.1}]") } };
        imaging::writeResult(
            png, test::imagingFixture(QStringLiteral("input_photo.png")), chunks, {}, AtomicFile::Existing::Replace);
        const QString second = copyFixture(QStringLiteral("input_character.png"), QStringLiteral("export2.png"));
        const QByteArray before = sha256(png);
        const QString folder = m_dir.filePath(QStringLiteral("exports"));

        ExportDialog dialog({ png, second });
        QSignalSpy licences(&dialog, &ExportDialog::licencesShown);
        dialog.show();
        // Before anything is exported: each source's model, its licence and the use restrictions.
        QTRY_VERIFY(!licences.isEmpty());
        const QString licence = child<QLabel>(dialog, "exportLicence")->text();
        QCOMPARE(licence, dialog.licenceText());
        QVERIFY(licence.contains(QStringLiteral("v1-5-pruned-emaonly - licence: CreativeML OpenRAIL-M")));
        QVERIFY(licence.contains(QStringLiteral("minors")));
        QVERIFY(licence.contains(QStringLiteral("No model recorded"))); // the second source
        auto* format = child<QComboBox>(dialog, "exportFormat");
        format->setCurrentIndex(format->findData(int(imaging::ExportFormat::Jpeg)));
        child<QSlider>(dialog, "exportQualitySlider")->setValue(80);
        child<QLineEdit>(dialog, "exportFolder")->setText(folder);
        QCOMPARE(dialog.options().quality, 80);
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "exportButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kJobTimeoutMs);
        QVERIFY(finished.first().at(1).toStringList().isEmpty());
        QCOMPARE(dialog.written(),
            QStringList({ QDir(folder).filePath(QStringLiteral("export.jpg")),
                QDir(folder).filePath(QStringLiteral("export2.jpg")) }));
        const QByteArray jpeg = test::readFile(dialog.written().first());
        QCOMPARE(imaging::chunksFromXmp(imaging::embeddedXmp(jpeg)), chunks);
        QCOMPARE(imaging::embeddedUserComment(jpeg), chunks.first().text);
        QCOMPARE(sha256(png), before);

        // PNG beside the source: a copy under a free name, never over the source.
        dialog.setSources({ png });
        dialog.setFolder(QString());
        format->setCurrentIndex(format->findData(int(imaging::ExportFormat::Png)));
        QVERIFY(!child<QSlider>(dialog, "exportQualitySlider")->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, "exportButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kJobTimeoutMs);
        QCOMPARE(dialog.written(), QStringList { m_dir.filePath(QStringLiteral("export-2.png")) });
        QCOMPARE(sha256(dialog.written().first()), before);
        QCOMPARE(sha256(png), before);
    }

    void mergeThroughThePanelEqualsTheCoreMerge()
    {
        const QString character = copyFixture(QStringLiteral("input_character.png"), QStringLiteral("knight.png"));
        const QString background = copyFixture(QStringLiteral("input_background.png"), QStringLiteral("castle.png"));
        const QByteArray characterHash = sha256(character);
        const QByteArray backgroundHash = sha256(background);
        MergePanel panel(*m_queue);
        panel.resize(1300, 1100); // the canvas holds the 1024x512 output at 1:1, so the preview is full size
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCharacter(character);
        panel.setBackground(background);
        QTRY_VERIFY_WITH_TIMEOUT(panel.cutoutReady(), kJobTimeoutMs);
        QTRY_VERIFY(!panel.previewImage().isNull());
        QCOMPARE(panel.options().size, cv::Size(1024, 512));
        QCOMPARE(panel.feetPosition(), cv::Point2d(768, 512)); // right half, feet on the bottom edge
        QCOMPARE(panel.previewSize(), QSize(1024, 512));
        const cv::Mat characterPixels = imaging::readImage(character).pixels;
        const cv::Mat backgroundPixels = imaging::readImage(background).pixels;
        QTRY_COMPARE(panel.previewImage(), matToImage(imaging::merge(characterPixels, backgroundPixels).image));

        // The matte over a checkerboard: transparent backdrop, opaque figure.
        auto* canvas = child<MergeCanvas>(panel, "mergeCanvas");
        QTest::mouseClick(child<QToolButton>(panel, "matteButton"), Qt::LeftButton);
        QVERIFY(canvas->matteMode());
        QCOMPARE(qAlpha(canvas->matte().pixel(2, 2)), 0);
        QCOMPARE(qAlpha(canvas->matte().pixel(canvas->matte().width() / 2, canvas->matte().height() / 2)), 255);
        QTest::mouseClick(child<QToolButton>(panel, "matteButton"), Qt::LeftButton);

        // Drag the figure left and up, scale it with the wheel, change harmonisation and softness.
        const QPointF feet = canvas->toWidget(QPointF(768, 512));
        const QPoint start = (feet - QPointF(0, 100)).toPoint();
        const QPoint end = start - QPoint(200, 40);
        QTest::mousePress(canvas, Qt::LeftButton, {}, start);
        QMouseEvent move(QEvent::MouseMove, QPointF(end), canvas->mapToGlobal(QPointF(end)), Qt::NoButton,
            Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, end);
        const cv::Point2d moved = panel.feetPosition();
        const double perPixel = 1024.0 / canvas->outputRect().width();
        QVERIFY(std::abs(moved.x - (768 - 200 * perPixel)) < 1e-6);
        QVERIFY(std::abs(moved.y - (512 - 40 * perPixel)) < 1e-6);
        QWheelEvent wheel(QPointF(end), canvas->mapToGlobal(QPointF(end)), QPoint(), QPoint(0, -120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas, &wheel);
        QCOMPARE(panel.options().scale, 0.91); // 1 / 1.1, to two places
        child<QSlider>(panel, "harmonizeSlider")->setValue(60);
        child<QSlider>(panel, "edgeSoftnessSlider")->setValue(25);
        const imaging::MergeOptions options = panel.options();
        QCOMPARE(options.harmonize, 0.6);
        QCOMPARE(options.cutout.featherPx, 2.5);
        const imaging::MergeResult core = imaging::merge(characterPixels, backgroundPixels, options);
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), matToImage(core.image), kJobTimeoutMs);

        QSignalSpy saved(&panel, &MergePanel::resultSaved);
        QSignalSpy errors(&panel, &MergePanel::errorOccurred);
        QTest::mouseClick(child<QPushButton>(panel, "applyButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size() + errors.size(), 1, kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const QString output = saved.first().first().toString();
        QCOMPARE(output, m_dir.filePath(QStringLiteral("knight-merged.png")));
        const imaging::ImageData out = imaging::readImage(output);
        QCOMPARE(test::maxAbsDifference(out.pixels, core.image), 0);
        QCOMPARE(sha256(character), characterHash);
        QCOMPARE(sha256(background), backgroundHash);
        const QJsonArray sources = jsonChunk(out.chunks, imaging::chunk::sources);
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0][QStringLiteral("sha256")].toString(), QString::fromLatin1(characterHash));
        QCOMPARE(sources[1][QStringLiteral("sha256")].toString(), QString::fromLatin1(backgroundHash));
        const QJsonObject op = jsonChunk(out.chunks, imaging::chunk::operations).first().toObject();
        QCOMPARE(op[QStringLiteral("op")].toString(), QStringLiteral("merge"));
        QCOMPARE(op[QStringLiteral("harmonize")].toDouble(), 0.6);
        QCOMPARE(op[QStringLiteral("scale")].toDouble(), 0.91);
        QCOMPARE(op[QStringLiteral("feather")].toDouble(), 2.5);
        QCOMPARE(op[QStringLiteral("placement")].toArray(),
            QJsonArray({ core.placement.x, core.placement.y, core.placement.width, core.placement.height }));
    }

    void mergeBrushCorrectsTheMatte()
    {
        const QString character = copyFixture(QStringLiteral("input_character.png"), QStringLiteral("brush.png"));
        const QString background = copyFixture(QStringLiteral("input_background.png"), QStringLiteral("brushbg.png"));
        MergePanel panel(*m_queue);
        panel.resize(900, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCharacter(character);
        panel.setBackground(background);
        QTRY_VERIFY_WITH_TIMEOUT(panel.cutoutReady(), kJobTimeoutMs);
        const cv::Mat characterPixels = imaging::readImage(character).pixels;
        const cv::Mat backgroundPixels = imaging::readImage(background).pixels;

        auto* canvas = child<MergeCanvas>(panel, "mergeCanvas");
        auto* brushBar = child<QWidget>(panel, "matteBrushBar");
        QVERIFY(brushBar->isHidden());
        QTest::mouseClick(child<QToolButton>(panel, "matteButton"), Qt::LeftButton);
        QVERIFY(brushBar->isVisible());
        QVERIFY(!child<QToolButton>(panel, "undoStrokeButton")->isEnabled());
        const QImage original = canvas->matte();
        auto alphaAt = [&](const cv::Point& p) { return qAlpha(canvas->matte().pixel(p.x, p.y)); };

        // A "remove" stroke across the deepest part of the figure cuts a hole there.
        const imaging::Cutout plain = imaging::cutOut(characterPixels);
        cv::Mat distance;
        cv::distanceTransform(plain.alpha >= 0.5f, distance, cv::DIST_L2, 5);
        cv::Point deep;
        cv::minMaxLoc(distance, nullptr, nullptr, nullptr, &deep);
        QCOMPARE(alphaAt(deep), 255);
        QTest::mouseClick(child<QToolButton>(panel, "brushRemoveButton"), Qt::LeftButton);
        child<QSpinBox>(panel, "brushSize")->setValue(6);
        QSignalSpy cutouts(&panel, &MergePanel::cutoutChanged);
        auto paint = [&](const QPointF& from, const QPointF& to) {
            const QPoint a = canvas->fromMatte(from).toPoint();
            const QPoint b = canvas->fromMatte(to).toPoint();
            QTest::mousePress(canvas, Qt::LeftButton, {}, a);
            QMouseEvent move(QEvent::MouseMove, QPointF(b), canvas->mapToGlobal(QPointF(b)), Qt::NoButton,
                Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
            QTest::mouseRelease(canvas, Qt::LeftButton, {}, b);
        };
        paint(QPointF(deep.x - 6, deep.y), QPointF(deep.x + 6, deep.y));
        QCOMPARE(panel.strokes().size(), size_t(1));
        QCOMPARE(panel.strokes().front().mode, imaging::MatteStroke::Mode::Remove);
        QCOMPARE(panel.strokes().front().radius, 6.0);
        QTRY_VERIFY_WITH_TIMEOUT(!cutouts.isEmpty(), kJobTimeoutMs);
        QCOMPARE(alphaAt(deep), 0);
        // Elsewhere the figure is as it was, and the matte is the core cutout with the same strokes.
        const cv::Point top(plain.subject.x + plain.subject.width / 2, plain.subject.y + 3);
        QCOMPARE(alphaAt(top), qAlpha(original.pixel(top.x, top.y)));
        const imaging::Cutout core = imaging::cutOut(characterPixels, panel.options().cutout);
        for (const cv::Point& p : { deep, top, cv::Point(20, 20), cv::Point(deep.x, deep.y + 30) })
            QCOMPARE(alphaAt(p), int(cv::saturate_cast<uchar>(core.alpha.at<float>(p) * 255.0f)));

        // A "keep" dab on the backdrop keeps that corner; undo takes it back.
        QCOMPARE(alphaAt(cv::Point(20, 20)), 0);
        QTest::mouseClick(child<QToolButton>(panel, "brushKeepButton"), Qt::LeftButton);
        cutouts.clear();
        paint(QPointF(20, 20), QPointF(24, 20));
        QTRY_VERIFY_WITH_TIMEOUT(!cutouts.isEmpty(), kJobTimeoutMs);
        QCOMPARE(panel.strokes().size(), size_t(2));
        QCOMPARE(alphaAt(cv::Point(20, 20)), 255);
        cutouts.clear();
        QTest::mouseClick(child<QToolButton>(panel, "undoStrokeButton"), Qt::LeftButton);
        QCOMPARE(panel.strokes().size(), size_t(1));
        QTRY_VERIFY_WITH_TIMEOUT(!cutouts.isEmpty(), kJobTimeoutMs);
        QCOMPARE(alphaAt(cv::Point(20, 20)), 0);
        QCOMPARE(alphaAt(deep), 0);

        // Apply: the strokes are in the merge's operations, and the file is the core merge with them.
        QTest::mouseClick(child<QToolButton>(panel, "matteButton"), Qt::LeftButton);
        QSignalSpy saved(&panel, &MergePanel::resultSaved);
        QSignalSpy errors(&panel, &MergePanel::errorOccurred);
        QTest::mouseClick(child<QPushButton>(panel, "applyButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size() + errors.size(), 1, kJobTimeoutMs);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        const imaging::ImageData out = imaging::readImage(saved.first().first().toString());
        const QJsonObject op = jsonChunk(out.chunks, imaging::chunk::operations).first().toObject();
        QVERIFY(imaging::strokesFromJson(op[QStringLiteral("strokes")]) == panel.strokes());
        QCOMPARE(test::maxAbsDifference(out.pixels, imaging::merge(characterPixels, backgroundPixels, panel.options()).image),
            0);

        // Clear: the cut-out as it was found.
        QTest::mouseClick(child<QToolButton>(panel, "matteButton"), Qt::LeftButton);
        cutouts.clear();
        QTest::mouseClick(child<QToolButton>(panel, "clearStrokesButton"), Qt::LeftButton);
        QVERIFY(panel.strokes().empty());
        QTRY_VERIFY_WITH_TIMEOUT(!cutouts.isEmpty(), kJobTimeoutMs);
        QCOMPARE(canvas->matte(), original);
    }

    void mergePreviewKeepsItsColourStatistics()
    {
        const QString character = copyFixture(QStringLiteral("input_character.png"), QStringLiteral("stats.png"));
        const QString background = copyFixture(QStringLiteral("input_background.png"), QStringLiteral("statsbg.png"));
        const QString other = copyFixture(QStringLiteral("input_photo.png"), QStringLiteral("statsother.png"));
        MergePanel panel(*m_queue);
        panel.resize(1300, 1100); // the preview is the 1024x512 output at full size
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setCharacter(character);
        panel.setBackground(background);
        QTRY_VERIFY_WITH_TIMEOUT(panel.cutoutReady(), kJobTimeoutMs);
        QCOMPARE(panel.previewSize(), QSize(1024, 512));
        const cv::Mat characterPixels = imaging::readImage(character).pixels;
        cv::Mat backgroundPixels = imaging::readImage(background).pixels;
        imaging::Cutout cut = imaging::cutOut(characterPixels, panel.options().cutout);
        auto expected = [&] { return matToImage(imaging::composite(cut, backgroundPixels, panel.options()).image); };
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        const int figureStats = panel.figureStatisticsComputed();
        const int backgroundStats = panel.backgroundStatisticsComputed();
        QVERIFY(figureStats >= 1);
        QVERIFY(backgroundStats >= 1);

        // Moving the harmonisation slider (through 0, where the figure is not harmonised at all) or the figure
        // redoes the transfer from the kept statistics: the same pixels as the core, no statistics computed.
        auto* harmonize = child<QSlider>(panel, "harmonizeSlider");
        for (const int value : { 35, 80, 0, 90, 0, 55 }) {
            harmonize->setValue(value);
            QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        }
        panel.setFeetPosition(cv::Point2d(400, 500));
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        QCOMPARE(panel.figureStatisticsComputed(), figureStats);
        QCOMPARE(panel.backgroundStatisticsComputed(), backgroundStats);

        // A matte stroke makes a new cutout: the figure's statistics are computed again, the background's kept.
        QSignalSpy cutouts(&panel, &MergePanel::cutoutChanged);
        imaging::MatteStroke stroke;
        stroke.mode = imaging::MatteStroke::Mode::Remove;
        stroke.radius = 6.0;
        stroke.points = { cv::Point2d(cut.subject.x + cut.subject.width / 2.0, cut.subject.y + 10.0) };
        panel.addStroke(stroke);
        QTRY_VERIFY_WITH_TIMEOUT(!cutouts.isEmpty(), kJobTimeoutMs);
        cut = imaging::cutOut(characterPixels, panel.options().cutout);
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        QVERIFY(panel.figureStatisticsComputed() > figureStats);
        QCOMPARE(panel.backgroundStatisticsComputed(), backgroundStats);

        // A new figure size: the figure's again. A new background: the background's, not the figure's.
        int figureNow = panel.figureStatisticsComputed();
        child<QSlider>(panel, "mergeScaleSlider")->setValue(child<QSlider>(panel, "mergeScaleSlider")->value() - 20);
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        QVERIFY(panel.figureStatisticsComputed() > figureNow);
        QCOMPARE(panel.backgroundStatisticsComputed(), backgroundStats);
        figureNow = panel.figureStatisticsComputed();
        panel.setBackground(other);
        backgroundPixels = imaging::readImage(other).pixels;
        QTRY_COMPARE_WITH_TIMEOUT(panel.previewImage(), expected(), kJobTimeoutMs);
        QVERIFY(panel.backgroundStatisticsComputed() > backgroundStats);
        QCOMPARE(panel.figureStatisticsComputed(), figureNow);
    }

    void mergePreviewFollowsTheOutputSize()
    {
        const QString character = copyFixture(QStringLiteral("input_character.png"), QStringLiteral("small.png"));
        const QString background = copyFixture(QStringLiteral("input_background.png"), QStringLiteral("bg.png"));
        MergePanel panel(*m_queue);
        panel.resize(500, 700);
        panel.show();
        panel.setCharacter(character);
        panel.setBackground(background);
        QTRY_VERIFY_WITH_TIMEOUT(panel.cutoutReady(), kJobTimeoutMs);
        panel.setFeetPosition(cv::Point2d(300, 500));
        child<QSpinBox>(panel, "outputWidth")->setValue(2048);
        child<QSpinBox>(panel, "outputHeight")->setValue(1024);
        // The placement scales with the output; the preview is the view's size, not the output's.
        QCOMPARE(panel.feetPosition(), cv::Point2d(600, 1000));
        QTRY_VERIFY(!panel.previewImage().isNull() && panel.previewImage().width() < 2048);
        QCOMPARE(panel.previewImage().size(), panel.previewSize());
        QCOMPARE(panel.previewSize().width(), 2 * panel.previewSize().height());
    }
};

QTEST_MAIN(TestFinishing)
#include "tst_finishing.moc"
