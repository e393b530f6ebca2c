// SPDX-License-Identifier: MIT
// Inpainting masks painted on the canvas: the mask layer (brush, eraser, undo per stroke, Clear, the PNG the
// engine reads) and the real window: a start image, Paint Mask, a stroke with the mouse, Ctrl+Z, then Generate
// with the demo model saves the mask (white = repaint, the start image's size) and the job uses it; Clear
// removes it; an image's recipe brings its mask back.
#include "mainwindow/mainwindow.h"

#include "canvas/canvasview.h"
#include "canvas/masklayer.h"
#include "gallery/imagemetadata.h"
#include "generate/imagedroparea.h"
#include "generate/recipepanel.h"
#include "settings/settings.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 120000;

int whitePixels(const QImage& mask, const QRect& area = {})
{
    const QImage gray = mask.convertToFormat(QImage::Format_Grayscale8);
    const QRect r = area.isNull() ? gray.rect() : area;
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += gray.constScanLine(y)[x] == 255 ? 1 : 0;
    return n;
}

bool blackOrWhite(const QImage& mask)
{
    const QImage gray = mask.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < gray.height(); ++y)
        for (int x = 0; x < gray.width(); ++x)
            if (gray.constScanLine(y)[x] != 0 && gray.constScanLine(y)[x] != 255)
                return false;
    return true;
}

/// Where the image pixel `p` is on the canvas.
QPoint viewPoint(const CanvasView& canvas, QPointF p)
{
    const QPointF origin = canvas.imagePosition(QPointF(0, 0));
    const QPointF one = canvas.imagePosition(QPointF(1, 1)) - origin; // image pixels per view pixel
    return QPointF((p.x() - origin.x()) / one.x(), (p.y() - origin.y()) / one.y()).toPoint();
}

void mouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &event);
}

/// A stroke with the left button through image pixels `points`.
void stroke(CanvasView& canvas, const QList<QPointF>& points)
{
    mouse(&canvas, QEvent::MouseButtonPress, viewPoint(canvas, points.first()), Qt::LeftButton, Qt::LeftButton);
    for (const QPointF& p : points.mid(1))
        mouse(&canvas, QEvent::MouseMove, viewPoint(canvas, p), Qt::NoButton, Qt::LeftButton);
    mouse(&canvas, QEvent::MouseButtonRelease, viewPoint(canvas, points.last()), Qt::LeftButton, Qt::NoButton);
}

} // namespace

class TestMaskPainting : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void layerPaintsErasesAndUndoesPerStroke()
    {
        MaskLayer layer;
        QVERIFY(layer.toMask().isNull());
        layer.reset(QSize(100, 60));
        QVERIFY(layer.isEmpty());
        QCOMPARE(layer.toMask().size(), QSize(100, 60));
        QCOMPARE(whitePixels(layer.toMask()), 0);
        layer.setBrushSize(10);
        layer.beginStroke(QPointF(20, 30));
        layer.strokeTo(QPointF(50, 30));
        layer.strokeTo(QPointF(80, 30));
        layer.endStroke();
        QVERIFY(!layer.isEmpty());
        QCOMPARE(layer.undoStack()->count(), 1); // one stroke, one step
        const QImage painted = layer.toMask();
        QCOMPARE(painted.format(), QImage::Format_Grayscale8);
        QVERIFY(blackOrWhite(painted));
        QCOMPARE(whitePixels(painted, QRect(20, 28, 61, 5)), 61 * 5); // the stroke's line is painted
        QCOMPARE(whitePixels(painted, QRect(0, 0, 100, 20)), 0); // away from it nothing is
        QVERIFY(whitePixels(painted) < 10 * 72);

        layer.setTool(MaskLayer::Tool::Eraser);
        layer.beginStroke(QPointF(50, 10));
        layer.strokeTo(QPointF(50, 50));
        layer.endStroke();
        QCOMPARE(layer.undoStack()->count(), 2);
        QCOMPARE(whitePixels(layer.toMask(), QRect(47, 28, 6, 5)), 0);
        QVERIFY(whitePixels(layer.toMask(), QRect(20, 28, 20, 5)) > 0);

        layer.undoStack()->undo();
        QCOMPARE(layer.toMask(), painted);
        layer.clear();
        QVERIFY(layer.isEmpty());
        layer.undoStack()->undo();
        QCOMPARE(layer.toMask(), painted);
        layer.undoStack()->undo();
        QVERIFY(layer.isEmpty());
        layer.undoStack()->redo();
        QCOMPARE(layer.toMask(), painted);

        // A mask file of another size is scaled to the image's; light = repaint.
        QImage half(50, 30, QImage::Format_RGB32);
        half.fill(Qt::black);
        for (int y = 0; y < 30; ++y)
            for (int x = 25; x < 50; ++x)
                half.setPixel(x, y, qRgb(240, 240, 240));
        layer.setMask(half);
        QCOMPARE(whitePixels(layer.toMask()), 50 * 60);
        QCOMPARE(whitePixels(layer.toMask(), QRect(50, 0, 50, 60)), 50 * 60);
        QCOMPARE(layer.undoStack()->count(), 0);
    }

    void paintOnTheCanvasGenerateAndReuse()
    {
        QImage start(96, 64, QImage::Format_RGB32);
        start.fill(QColor(40, 90, 160));
        const QString startPath = m_dir.filePath(QStringLiteral("start.png"));
        QVERIFY(start.save(startPath));
        const QString out = m_dir.filePath(QStringLiteral("out"));

        MainWindow window;
        window.settings().setOutputDir(out);
        window.settings().setDevice(Device::Cpu);
        window.settings().setPrecision(Precision::Fp32);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // for the canvas's Ctrl+Z
        auto* bar = child<QWidget>(window, "maskToolBar");
        QVERIFY(!bar->isVisible()); // no start image: nothing to paint on
        child<ImageDropArea>(window, "initImageArea")->setPath(startPath);
        QTRY_VERIFY(bar->isVisible());
        auto* canvas = child<CanvasView>(window, "canvas");
        QTRY_COMPARE(canvas->maskBase().size(), QSize(96, 64));
        QVERIFY(!child<QToolButton>(window, "maskBrushButton")->isEnabled()); // until Paint Mask is on
        QTest::mouseClick(child<QToolButton>(window, "maskModeButton"), Qt::LeftButton);
        QVERIFY(canvas->isMaskEditing());
        QVERIFY(child<QToolButton>(window, "maskBrushButton")->isChecked());
        typeInto(child<QSpinBox>(window, "maskBrushSize")->findChild<QLineEdit*>(), QStringLiteral("12"));
        QCOMPARE(window.maskLayer().brushSize(), 12);

        // One stroke across the left half, one with the eraser, then Ctrl+Z on the canvas undoes the erasing.
        stroke(*canvas, { { 10, 32 }, { 25, 32 }, { 40, 32 } });
        const QImage painted = window.maskLayer().toMask();
        QVERIFY(whitePixels(painted, QRect(12, 30, 26, 4)) == 26 * 4);
        QCOMPARE(whitePixels(painted, QRect(60, 0, 36, 64)), 0);
        QVERIFY(child<QLabel>(window, "maskStateLabel")->text().contains(QStringLiteral("painted")));
        QTest::mouseClick(child<QToolButton>(window, "maskEraserButton"), Qt::LeftButton);
        stroke(*canvas, { { 25, 10 }, { 25, 60 } });
        QCOMPARE(whitePixels(window.maskLayer().toMask(), QRect(23, 30, 4, 4)), 0);
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.maskLayer().toMask(), painted);

        // Generate: the mask goes to the cache as a PNG of the start image's size and is the job's mask.
        auto* prompt = child<QPlainTextEdit>(window, "promptEdit");
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("a boat"));
        typeInto(child<QSpinBox>(window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("2"));
        typeInto(child<QSpinBox>(window, "widthSpin")->findChild<QLineEdit*>(), QStringLiteral("96"));
        typeInto(child<QSpinBox>(window, "heightSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
        QHash<quint64, JobResult> finished;
        QStringList saved;
        QObject context;
        connect(&window.queue(), &JobQueue::jobFinished, &context,
            [&](quint64 id, const JobResult& r) { finished.insert(id, r); });
        connect(&window.queue(), &JobQueue::imageSaved, &context,
            [&](quint64, const SavedImage& image) { saved << image.path; });
        const quint64 id = window.generate();
        QVERIFY(id);
        QTRY_VERIFY(!canvas->isMaskEditing()); // the canvas shows the job once it starts
        const QString maskFile = window.queue().job(id)->recipe()->maskImage;
        QVERIFY(!maskFile.isEmpty());
        QVERIFY2(maskFile.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)),
            qPrintable(maskFile));
        const QImage written(maskFile);
        QCOMPARE(written.size(), QSize(96, 64));
        QVERIFY(written.isGrayscale());
        QCOMPARE(written.convertToFormat(QImage::Format_Grayscale8), painted);
        QVERIFY(QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs));
        QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));
        QCOMPARE(saved.size(), 1);
        const ImageMetadata meta = ImageMetadata::read(saved.first());
        QVERIFY(meta.recipe);
        QCOMPARE(meta.recipe->maskImage, maskFile);
        QCOMPARE(meta.recipe->initImage, startPath);
        QCOMPARE(window.saveMask(), maskFile); // unchanged: the same file

        // Clear removes the mask: the next job has none.
        QTest::mouseClick(child<QToolButton>(window, "maskClearButton"), Qt::LeftButton);
        QVERIFY(window.maskLayer().isEmpty());
        QVERIFY(child<QLabel>(window, "maskStateLabel")->text().contains(QStringLiteral("No mask")));
        const quint64 second = window.generate();
        QVERIFY(second);
        QVERIFY(window.queue().job(second)->recipe()->maskImage.isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return finished.contains(second); }, kJobTimeoutMs));

        // The first image's recipe brings its mask back.
        QVERIFY(window.loadRecipeFrom(saved.first()));
        QTRY_VERIFY(!window.maskLayer().isEmpty());
        QCOMPARE(window.maskLayer().toMask(), painted);

        // No start image: no mask, no tools.
        child<ImageDropArea>(window, "initImageArea")->setPath(QString());
        QTRY_VERIFY(!bar->isVisible());
        QVERIFY(window.saveMask().isEmpty());
    }
};

QTEST_MAIN(TestMaskPainting)
#include "tst_maskpainting.moc"
