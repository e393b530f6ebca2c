// SPDX-License-Identifier: MIT
// The studio window driven as a person would: the real MainWindow, widgets found by objectName, the tiny
// demo model generating for real on a worker thread.
#include "mainwindow/mainwindow.h"

#include "canvas/canvasview.h"
#include "gallery/gallerypanel.h"
#include "gallery/imagemetadata.h"
#include "generate/recipepanel.h"
#include "settings/settings.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 120000;

/// Every event of the queue, in the order the GUI thread saw them.
struct QueueLog {
    QList<quint64> started;
    QHash<quint64, QSet<int>> previewSteps;
    QHash<quint64, JobResult> finished;
    QHash<quint64, QStringList> saved;
    QObject context;

    explicit QueueLog(JobQueue& queue)
    {
        QObject::connect(&queue, &JobQueue::jobStarted, &context, [this](quint64 id) { started.append(id); });
        QObject::connect(&queue, &JobQueue::jobPreview, &context,
            [this](quint64 id, int, int step, const Preview&) { previewSteps[id].insert(step); });
        QObject::connect(&queue, &JobQueue::imageSaved, &context,
            [this](quint64 id, const SavedImage& image) { saved[id].append(image.path); });
        QObject::connect(&queue, &JobQueue::jobFinished, &context,
            [this](quint64 id, const JobResult& result) { finished.insert(id, result); });
    }
    bool waitFinished(quint64 id) const
    {
        return QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs);
    }
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_out;

    /// A window on the demo model, CPU fp32, writing into a fresh folder; the prompt typed and `steps` set.
    std::unique_ptr<MainWindow> makeWindow(const QString& prompt, int steps, const QString& outDir)
    {
        auto window = std::make_unique<MainWindow>();
        window->settings().setOutputDir(outDir);
        window->settings().setDevice(Device::Cpu);
        window->settings().setPrecision(Precision::Fp32);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        auto* edit = child<QPlainTextEdit>(*window, "promptEdit");
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, prompt);
        typeInto(child<QSpinBox>(*window, "stepsSpin")->findChild<QLineEdit*>(), QString::number(steps));
        // 128 px: steps slow enough that every preview reaches the GUI thread before the next one is made.
        typeInto(child<QSpinBox>(*window, "widthSpin")->findChild<QLineEdit*>(), QStringLiteral("128"));
        typeInto(child<QSpinBox>(*window, "heightSpin")->findChild<QLineEdit*>(), QStringLiteral("128"));
        return window;
    }

    static QStringList pngsIn(const QString& dir)
    {
        return QDir(dir).entryList({ QStringLiteral("*.png") }, QDir::Files, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_out.isValid()); }

    void startsReadyWithPromptFocusAndShortcutsInMenus()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Easel"));
        QTRY_COMPARE(QApplication::focusWidget(), child<QPlainTextEdit>(window, "promptEdit"));
        // The demo model is selected and says what it is.
        auto* model = child<QComboBox>(window, "modelCombo");
        QCOMPARE(model->currentData().toString(), QString());
        QVERIFY(model->currentText().contains(QStringLiteral("random weights")));
        QCOMPARE(child<QAction>(window, "actionGenerate")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(child<QAction>(window, "actionGenerateFirst")->shortcut(),
            QKeySequence(Qt::SHIFT | Qt::CTRL | Qt::Key_Return));
        QCOMPARE(child<QAction>(window, "actionCancel")->shortcut(), QKeySequence(Qt::Key_Escape));
        QCOMPARE(child<QAction>(window, "actionSettings")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        // Every action with a shortcut is in a menu.
        QSet<QAction*> inMenus;
        for (QAction* top : window.menuBar()->actions())
            for (QAction* a : top->menu()->actions())
                inMenus.insert(a);
        for (QAction* a : window.actions())
            if (!a->shortcut().isEmpty())
                QVERIFY2(inMenus.contains(a), qPrintable(a->objectName()));
    }

    void generateShowsEveryStepThenSavesTheImage()
    {
        const QString out = m_out.filePath(QStringLiteral("one"));
        auto window = makeWindow(QStringLiteral("a red fox in the snow"), 4, out);
        QVERIFY(window);
        // The counter under the prompt is the engine tokenizer's: "a red fox in the snow" is 6 CLIP tokens.
        QTRY_COMPARE(child<QLabel>(*window, "promptEditTokenCount")->text(), QStringLiteral("6 / 75"));
        typeInto(child<QLineEdit>(*window, "seedEdit"), QStringLiteral("7"));
        child<QToolButton>(*window, "seedLockButton")->setChecked(true);
        QueueLog log(window->queue());
        // EASEL_SCREENSHOT_DIR: keep a picture of the window mid-generation (for people to look at).
        const QString shots = qEnvironmentVariable("EASEL_SCREENSHOT_DIR");
        QObject::connect(&window->queue(), &JobQueue::jobPreview, &log.context, [&](quint64, int, int step, const Preview&) {
            if (!shots.isEmpty() && step == 2)
                window->grab().save(QDir(shots).filePath(QStringLiteral("mainwindow-generating.png")));
        });
        QTest::mouseClick(child<QPushButton>(*window, "generateButton"), Qt::LeftButton);
        QTRY_COMPARE(log.started.size(), 1);
        const quint64 id = log.started.first();
        QVERIFY(log.waitFinished(id));
        QCOMPARE(log.finished.value(id).state, JobState::Completed);
        QCOMPARE(log.previewSteps.value(id), (QSet<int> { 1, 2, 3, 4 }));
        const QStringList files = pngsIn(out);
        QCOMPARE(files.size(), 1);
        const ImageMetadata meta = ImageMetadata::read(QDir(out).filePath(files.first()));
        QVERIFY(meta.recipe);
        QCOMPARE(meta.recipe->prompt, QStringLiteral("a red fox in the snow"));
        QCOMPARE(meta.recipe->steps, 4);
        QCOMPARE(meta.recipe->seed, 7);
        QCOMPARE(meta.recipe->width, 128);
        // The canvas ends on the image itself; the queue lists the job as completed.
        auto* canvas = child<CanvasView>(*window, "canvas");
        QTRY_COMPARE(canvas->image().size(), QSize(128, 128));
        auto* view = child<QListView>(*window, "queueView");
        QCOMPARE(view->model()->rowCount(), 1);
        QVERIFY(view->model()->index(0, 0).data().toString().contains(jobStateText(JobState::Completed)));
        QCOMPARE(child<QLabel>(*window, "progressLabel")->text(), jobStateText(JobState::Completed));
    }

    void unlockedSeedIsNewForEachGenerate()
    {
        auto window = makeWindow(QStringLiteral("seeds"), 1, m_out.filePath(QStringLiteral("seeds")));
        QVERIFY(window);
        child<QToolButton>(*window, "seedLockButton")->setChecked(false);
        QueueLog log(window->queue());
        const quint64 a = window->generate();
        const quint64 b = window->generate();
        QVERIFY(log.waitFinished(a) && log.waitFinished(b));
        QVERIFY(window->queue().job(a)->recipe()->seed != window->queue().job(b)->recipe()->seed);
        QCOMPARE(child<QLineEdit>(*window, "seedEdit")->text().toLongLong(), window->queue().job(b)->recipe()->seed);
    }

    void cancelMidRunSavesNothing()
    {
        const QString out = m_out.filePath(QStringLiteral("cancel"));
        auto window = makeWindow(QStringLiteral("never finished"), 400, out);
        QVERIFY(window);
        QueueLog log(window->queue());
        int lastStep = 0;
        QObject::connect(&window->queue(), &JobQueue::jobProgress, &log.context, [&](quint64, const JobProgress& p) {
            if (p.phase != JobPhase::Sampling)
                return;
            lastStep = p.step;
            if (p.step == 1) // Cancel as a person would, at the first step
                QTest::mouseClick(child<QToolButton>(*window, "cancelButton"), Qt::LeftButton);
        });
        QTest::mouseClick(child<QPushButton>(*window, "generateButton"), Qt::LeftButton);
        QTRY_COMPARE(log.started.size(), 1);
        QVERIFY(log.waitFinished(log.started.first()));
        QCOMPARE(log.finished.value(log.started.first()).state, JobState::Cancelled);
        QVERIFY2(lastStep < 400, "the cancel landed before the end");
        QVERIFY(pngsIn(out).isEmpty());
        QCOMPARE(child<QLabel>(*window, "progressLabel")->text(), jobStateText(JobState::Cancelled));
        QVERIFY(!child<QAction>(*window, "actionCancel")->isEnabled());
    }

    void queueOrderPauseAfterCurrentAndFront()
    {
        auto window = makeWindow(QStringLiteral("first"), 12, m_out.filePath(QStringLiteral("order")));
        QVERIFY(window);
        QueueLog log(window->queue());
        auto* prompt = child<QPlainTextEdit>(*window, "promptEdit");
        auto* pause = child<QToolButton>(*window, "queuePauseButton");
        QHash<quint64, QString> names;
        auto queueAs = [&](const QString& name, bool front) {
            prompt->setPlainText(name);
            prompt->setFocus();
            if (front)
                QTest::keyClick(prompt, Qt::Key_Return, Qt::ShiftModifier | Qt::ControlModifier);
            else
                QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
        };
        QObject::connect(&window->queue(), &JobQueue::jobAdded, &log.context, [&](quint64 id) {
            names.insert(id, window->queue().job(id)->recipe()->prompt);
        });
        // While the first runs, a second is queued; while the second runs, "pause after current" and a third.
        QObject::connect(&window->queue(), &JobQueue::jobStarted, &log.context, [&](quint64) {
            if (log.started.size() == 1)
                queueAs(QStringLiteral("second"), false);
            else if (log.started.size() == 2) {
                QTest::mouseClick(pause, Qt::LeftButton);
                queueAs(QStringLiteral("third"), false);
            }
        });
        queueAs(QStringLiteral("first"), false);
        QTRY_VERIFY_WITH_TIMEOUT(log.finished.size() == 2, kJobTimeoutMs);
        QVERIFY(pause->isChecked());
        QVERIFY(child<QAction>(*window, "actionPauseAfterCurrent")->isChecked());
        QTest::qWait(200);
        QCOMPARE(log.started.size(), 2); // the third waits
        QCOMPARE(window->queue().queuedJobs().size(), 1);
        // A job sent to the front runs before the older one once the queue goes on.
        queueAs(QStringLiteral("urgent"), true);
        QCOMPARE(window->queue().queuedJobs().size(), 2);
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(log.finished.size() == 4, kJobTimeoutMs);
        QStringList order;
        for (quint64 id : log.started)
            order.append(names.value(id));
        QCOMPARE(order, (QStringList { QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("urgent"),
                            QStringLiteral("third") }));
    }

    void startsWithAnImagesRecipeAndAModel()
    {
        const QString out = m_out.filePath(QStringLiteral("one"));
        const QStringList files = pngsIn(out);
        QVERIFY(!files.isEmpty()); // made by generateShowsEveryStepThenSavesTheImage
        StartOptions options;
        options.image = QDir(out).filePath(files.first());
        options.model = QStringLiteral(EASEL_TEST_DATA) + QStringLiteral("/models/tiny-sd15/diffusers");
        MainWindow window(options);
        QCOMPARE(child<QPlainTextEdit>(window, "promptEdit")->toPlainText(), QStringLiteral("a red fox in the snow"));
        QCOMPARE(child<QSpinBox>(window, "stepsSpin")->value(), 4);
        QCOMPARE(child<QLineEdit>(window, "seedEdit")->text(), QStringLiteral("7"));
        QVERIFY(child<QToolButton>(window, "seedLockButton")->isChecked());
        QCOMPARE(window.recipePanel()->currentModel(), QFileInfo(options.model).absoluteFilePath());
        QVERIFY(window.settings().models().contains(QFileInfo(options.model).absoluteFilePath()));
    }

    void droppingAPngLoadsItsRecipe()
    {
        const QString out = m_out.filePath(QStringLiteral("one"));
        const QStringList files = pngsIn(out);
        QVERIFY(!files.isEmpty());
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        child<QPlainTextEdit>(window, "promptEdit")->setPlainText(QStringLiteral("something else"));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(QDir(out).filePath(files.first())) });
        QDragEnterEvent enter(QPoint(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(child<QPlainTextEdit>(window, "promptEdit")->toPlainText(), QStringLiteral("a red fox in the snow"));
    }

    void theQueueIsThereAfterARestart()
    {
        quint64 done = 0;
        quint64 waiting = 0;
        {
            auto window = makeWindow(QStringLiteral("kept"), 1, m_out.filePath(QStringLiteral("kept")));
            QVERIFY(window);
            QueueLog log(window->queue());
            done = window->generate();
            QVERIFY(log.waitFinished(done));
            QTest::mouseClick(child<QToolButton>(*window, "queuePauseButton"), Qt::LeftButton);
            waiting = window->generate();
            QVERIFY(waiting);
            window->close();
        }
        MainWindow window;
        QCOMPARE(window.queue().info(done)->state, JobState::Completed);
        QCOMPARE(window.queue().info(done)->files.size(), 1);
        QCOMPARE(window.queue().info(waiting)->state, JobState::Queued);
        QVERIFY(window.queue().isPaused());
        QVERIFY(child<QToolButton>(window, "queuePauseButton")->isChecked());
        QCOMPARE(child<QListView>(window, "queueView")->model()->rowCount(), int(window.queue().jobs().size()));
        // Leave the next tests an empty, running queue.
        window.queue().cancel(waiting);
        for (const JobInfo& info : window.queue().jobs())
            window.queue().remove(info.id);
        window.queue().setPaused(false);
    }

    void modelsAndSettingsDialogsOpenFromTheMenus()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        child<QAction>(window, "actionModels")->trigger();
        QTRY_VERIFY(window.findChild<QDialog*>(QStringLiteral("modelsDialog")));
        window.findChild<QDialog*>(QStringLiteral("modelsDialog"))->reject();
        // The finishing panels dock beside the queue and the gallery; Export opens its dialog.
        QVERIFY(window.findChild<QWidget*>(QStringLiteral("enhancePanel")));
        QVERIFY(window.findChild<QWidget*>(QStringLiteral("mergePanel")));
        QVERIFY(window.findChild<QWidget*>(QStringLiteral("attributePanel")));
        child<QAction>(window, "actionExport")->trigger();
        QTRY_VERIFY(window.findChild<QDialog*>(QStringLiteral("exportDialog")));
        window.findChild<QDialog*>(QStringLiteral("exportDialog"))->reject();
        child<QAction>(window, "actionSettings")->trigger();
        QTRY_VERIFY(window.findChild<QDialog*>(QStringLiteral("settingsDialog")));
        // A model the user adds elsewhere (the models dialog, easel-cli) appears in the picker.
        const QString model = QStringLiteral(EASEL_TEST_DATA) + QStringLiteral("/models/tiny-sd15/diffusers");
        window.settings().setModels({ model });
        QVERIFY(child<QComboBox>(window, "modelCombo")->findData(model) >= 0);
        window.settings().setModels({});
    }

    void regenerateFromTheGalleryMakesTheSameImage()
    {
        const QString out = m_out.filePath(QStringLiteral("regen"));
        auto window = makeWindow(QStringLiteral("a quiet harbour"), 3, out);
        QVERIFY(window);
        typeInto(child<QLineEdit>(*window, "seedEdit"), QStringLiteral("99"));
        child<QToolButton>(*window, "seedLockButton")->setChecked(true);
        QueueLog log(window->queue());
        QVERIFY(log.waitFinished(window->generate()));
        const QString first = log.saved.value(log.started.last()).value(0);
        // The image lands in the gallery (the output folder is a gallery folder); regenerate it from there.
        auto* gallery = window->findChild<GalleryPanel*>(QStringLiteral("galleryPanel"));
        QTRY_VERIFY_WITH_TIMEOUT(gallery->setCurrentPath(first), 20000);
        gallery->regenerateCurrent(true);
        QTRY_COMPARE_WITH_TIMEOUT(log.started.size(), 2, 20000);
        QVERIFY(log.waitFinished(log.started.last()));
        const QString same = log.saved.value(log.started.last()).value(0);
        QVERIFY(same != first);
        QCOMPARE(QImage(same), QImage(first)); // pixel-identical
        QTRY_VERIFY_WITH_TIMEOUT(gallery->setCurrentPath(first), 20000);
        gallery->regenerateCurrent(false);
        QTRY_COMPARE_WITH_TIMEOUT(log.started.size(), 3, 20000);
        QVERIFY(log.waitFinished(log.started.last()));
        const QString other = log.saved.value(log.started.last()).value(0);
        QVERIFY(QImage(other) != QImage(first));
        const auto a = ImageMetadata::read(first).recipe;
        const auto b = ImageMetadata::read(other).recipe;
        QVERIFY(a && b);
        QStringList differing = ImageRecipe::differingFields(*a, *b);
        differing.removeAll(QStringLiteral("elapsed_seconds")); // how long it took is not part of the recipe
        QCOMPARE(differing, QStringList { QStringLiteral("seed") });
        // Reuse fills the recipe panel with the image's recipe, its seed locked.
        QTRY_VERIFY_WITH_TIMEOUT(gallery->setCurrentPath(other), 20000);
        child<QPlainTextEdit>(*window, "promptEdit")->setPlainText(QStringLiteral("changed"));
        gallery->reuseCurrent();
        QCOMPARE(child<QPlainTextEdit>(*window, "promptEdit")->toPlainText(), QStringLiteral("a quiet harbour"));
        QCOMPARE(child<QLineEdit>(*window, "seedEdit")->text().toLongLong(), b->seed);
        QVERIFY(child<QToolButton>(*window, "seedLockButton")->isChecked());
    }

    void badRecipeShowsOneLineInTheMessageBar()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.loadRecipeFrom(m_out.filePath(QStringLiteral("missing.png"))));
        auto* bar = window.findChild<QWidget*>(QStringLiteral("messageBar"));
        QVERIFY(bar->isVisible());
        const QString text = bar->findChild<QLabel*>(QStringLiteral("messageText"))->text();
        QVERIFY(text.contains(QStringLiteral("missing.png")));
        QVERIFY(!text.contains(QLatin1Char('\n')));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
