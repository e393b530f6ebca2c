// SPDX-License-Identifier: MIT
// The storyboard in the studio window: the example story opened, a shot's lighting edited in the shot editor with
// the built prompt changing live, that shot rendered on the demo model into the window's queue and its card's
// keyframe updated; shots reordered (the model's move and the keyboard) and the order kept on save; a malformed
// story opened from the window: one line in the message bar, and nothing lost. The shot model runs under
// QAbstractItemModelTester. Unsaved changes ask Save / Discard / Cancel before New and before the window closes.
#include "mainwindow/mainwindow.h"

#include "common/messagebar.h"
#include "jobs/resources.h"
#include "settings/settings.h"
#include "story/shotlistmodel.h"
#include "story/storyboardpanel.h"
#include "story/storyprompt.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;

namespace {

constexpr int kJobTimeoutMs = 300000;

/// Copies resources/examples (the example story and its pictures) into `dir`; the story file's path.
QString copyExample(const QString& dir)
{
    const QString source = resourcePath(QStringLiteral("examples"));
    QString story;
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = dir + QLatin1Char('/') + QDir(source).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
        if (file.endsWith(QLatin1String(".json"))) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly) && f.read(4096).contains("easel-story"))
                story = target;
        }
    }
    // The demo model at 64 px and 2 steps: a render takes seconds on any machine.
    QFile file(story);
    if (!story.isEmpty() && file.open(QIODevice::ReadOnly)) {
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonObject settings = json.value(QStringLiteral("settings")).toObject();
        settings.insert(QStringLiteral("steps"), 2);
        settings.insert(QStringLiteral("base_size"), 64);
        json.insert(QStringLiteral("settings"), settings);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QJsonDocument(json).toJson());
    }
    return story;
}

QStringList shotIds(const StoryDocument& story)
{
    QStringList ids;
    for (const StoryShot& shot : story.shots())
        ids << shot.id;
    return ids;
}

} // namespace

class TestStoryboard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->settings().setOutputDir(m_dir.filePath(QStringLiteral("out")));
        window->settings().setDevice(Device::Cpu);
        window->settings().setPrecision(Precision::Fp32);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void shotModelPassesTheModelTester()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY2(!path.isEmpty(), "no example story in resources/examples");
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QAbstractItemModelTester tester(panel->shotModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(panel->openStory(path));
        ShotListModel* model = panel->shotModel();
        QCOMPARE(model->rowCount(), int(panel->story()->shots().size()));
        QVERIFY(model->rowCount() >= 3);
        const QModelIndex first = model->index(0);
        QCOMPARE(model->data(first, ShotListModel::NumberRole).toString(), QStringLiteral("1"));
        QVERIFY(!model->data(first, ShotListModel::TypeRole).toString().isEmpty());
        QVERIFY(model->flags(first).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(model->flags({}).testFlag(Qt::ItemIsDropEnabled));
        QVERIFY(!model->flags(first).testFlag(Qt::ItemIsDropEnabled)); // dropped between cards, never onto one
        // The first shot moved behind the third: the ids follow, the numbers are 1, 2, 3... again.
        const QStringList before = shotIds(*panel->story());
        QVERIFY(model->moveRows({}, 0, 1, {}, 3));
        const QStringList after = shotIds(*panel->story());
        QCOMPARE(after.mid(0, 3), (QStringList { before[1], before[2], before[0] }));
        QCOMPARE(model->data(model->index(2), ShotListModel::ShotIdRole).toString(), before[0]);
        QCOMPARE(model->data(model->index(2), ShotListModel::NumberRole).toString(), QStringLiteral("3"));
        QVERIFY(panel->isModified());
        QVERIFY(!model->moveRows({}, 0, 1, {}, model->rowCount() + 1)); // out of range
    }

    void editLightingSeePromptRenderAndKeyframe()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        auto* dock = child<QDockWidget>(*window, "storyboardDock");
        QVERIFY(dock && dock->isVisible());
        auto* shots = child<QListView>(*window, "storyShots");
        QVERIFY(shots);
        QCOMPARE(shots->model()->rowCount(), int(panel->story()->shots().size()));

        // The first card: Enter opens its editor, as a double-click does.
        shots->setFocus();
        QTest::keyClick(shots, Qt::Key_Home);
        const QString shotId = shots->currentIndex().data(ShotListModel::ShotIdRole).toString();
        QVERIFY(!shotId.isEmpty());
        QTest::keyClick(shots, Qt::Key_Return);
        QDialog* editor = nullptr;
        QTRY_VERIFY((editor = window->findChild<QDialog*>(QStringLiteral("shotEditor"))) && editor->isVisible());
        auto* prompt = child<QPlainTextEdit>(*editor, "shotPromptView");
        auto* lighting = child<QComboBox>(*editor, "shotLightingCombo");
        QVERIFY(prompt && lighting);
        const QString promptBefore = prompt->toPlainText();
        QVERIFY(!promptBefore.isEmpty());

        // Another lighting template, picked with the keyboard: the built prompt changes at once and holds its words.
        const QString lightingBefore = panel->story()->shot(shotId)->lighting;
        lighting->setFocus();
        QTest::keyClick(lighting, lighting->currentIndex() + 1 < lighting->count() ? Qt::Key_Down : Qt::Key_Up);
        const QString lightingAfter = lighting->currentData().toString();
        QVERIFY(!lightingAfter.isEmpty());
        QVERIFY(lightingAfter != lightingBefore);
        const QString words = panel->promptBuilder().expand(StoryTemplateKind::Lighting, lightingAfter);
        QVERIFY(!words.isEmpty());
        QVERIFY(prompt->toPlainText() != promptBefore);
        QVERIFY2(prompt->toPlainText().contains(words), qPrintable(prompt->toPlainText()));
        QCOMPARE(prompt->toPlainText(),
            panel->promptBuilder()
                .build(*panel->story(),
                    [&] {
                        StoryShot edited = *panel->story()->shot(shotId);
                        edited.lighting = lightingAfter;
                        return edited;
                    }())
                .prompt);
        auto* buttons = child<QDialogButtonBox>(*editor, "shotEditorButtons");
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(!window->findChild<QDialog*>(QStringLiteral("shotEditor")));
        QCOMPARE(panel->story()->shot(shotId)->lighting, lightingAfter);
        QVERIFY(panel->story()->shot(shotId)->stale);
        QVERIFY(shots->model()->index(0, 0).data(ShotListModel::StaleRole).toBool());

        // Render that shot, one take, into the window's queue: its card's keyframe follows.
        QSignalSpy finished(&window->queue(), &JobQueue::jobFinished);
        const int jobsBefore = int(window->queue().jobs().size());
        auto* takes = child<QSpinBox>(*window, "storyTakesSpin");
        takes->setValue(1);
        shots->setCurrentIndex(shots->model()->index(0, 0));
        auto* render = child<QToolButton>(*window, "renderSelectedButton");
        QVERIFY(render && render->isEnabled());
        QTest::mouseClick(render, Qt::LeftButton);
        QCOMPARE(int(window->queue().jobs().size()), jobsBefore + 1);
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, kJobTimeoutMs));
        QCOMPARE(finished.first().at(1).value<JobResult>().state, JobState::Completed);
        const StoryShot* shot = panel->story()->shot(shotId);
        QCOMPARE(shot->takes.size(), 1);
        QVERIFY(!shot->keyframe.isEmpty());
        QVERIFY(!shot->stale);
        const QModelIndex card = shots->model()->index(0, 0);
        QVERIFY(QFileInfo::exists(card.data(ShotListModel::KeyframePathRole).toString()));
        // The thumbnail is decoded off the GUI thread; the card shows it once it is there.
        QVERIFY(QTest::qWaitFor([&] { return !card.data(ShotListModel::KeyframeRole).value<QPixmap>().isNull(); }));
        QVERIFY(panel->isModified());
    }

    void reorderIsKeptOnSave()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        auto* shots = child<QListView>(*window, "storyShots");
        const QStringList before = shotIds(*panel->story());
        // The second card one place later with the keyboard, then the last one first through the model (a drop).
        shots->setFocus();
        shots->setCurrentIndex(shots->model()->index(1, 0));
        QTest::keyClick(shots, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(shots->currentIndex().row(), 2);
        QVERIFY(shots->model()->moveRows({}, shots->model()->rowCount() - 1, 1, {}, 0));
        QStringList expected = before;
        expected.move(1, 2);
        expected.move(expected.size() - 1, 0);
        QCOMPARE(shotIds(*panel->story()), expected);
        QVERIFY(panel->isModified());
        QVERIFY(child<QLabel>(*window, "storyTitle")->text().endsWith(QLatin1Char('*')));

        QVERIFY(panel->saveStory());
        QVERIFY(!panel->isModified());
        QString error;
        const auto saved = StoryDocument::load(path, &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(shotIds(*saved), expected);
        for (int i = 0; i < saved->shots().size(); ++i)
            QCOMPARE(saved->shots().at(i).number, i + 1);
    }

    void exportWritesFramesListAndContactSheet()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        const QString out = dir.filePath(QStringLiteral("export"));
        QVERIFY(panel->exportTo(out));
        QVERIFY(QFileInfo(out + QStringLiteral("/metadata.json")).size() > 0);
        QVERIFY(QFileInfo(out + QStringLiteral("/shot-list.csv")).size() > 0);
        QFile pdf(out + QStringLiteral("/contact-sheet.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.readAll().startsWith("%PDF-"));
        auto* bar = child<MessageBar>(*window, "messageBar");
        QCOMPARE(bar->level(), MessageBar::Level::Information);
        QVERIFY2(bar->text().contains(QDir::toNativeSeparators(out)), qPrintable(bar->text()));
    }

    void malformedStoryShowsOneLineAndLosesNothing()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        QVERIFY(panel->shotModel()->moveRows({}, 0, 1, {}, 2)); // an edit not saved yet
        const QStringList order = shotIds(*panel->story());
        const QString title = child<QLabel>(*window, "storyTitle")->text();

        // A shot naming a character the story does not have.
        QFile good(path);
        QVERIFY(good.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(good.readAll()).object();
        QJsonArray shotsJson = json.value(QStringLiteral("shots")).toArray();
        QJsonObject first = shotsJson.first().toObject();
        first.insert(QStringLiteral("characters"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("nobody") } } });
        shotsJson.replace(0, first);
        json.insert(QStringLiteral("shots"), shotsJson);
        const QString badPath = dir.filePath(QStringLiteral("bad-story.json"));
        const QByteArray bad = QJsonDocument(json).toJson();
        QFile badFile(badPath);
        QVERIFY(badFile.open(QIODevice::WriteOnly) && badFile.write(bad) == bad.size());
        badFile.close();

        QVERIFY(!panel->openStory(badPath));
        auto* bar = child<MessageBar>(*window, "messageBar");
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->level(), MessageBar::Level::Error);
        QVERIFY(!bar->text().contains(QLatin1Char('\n')));
        QVERIFY2(bar->text().contains(QLatin1String("nobody")), qPrintable(bar->text()));
        QVERIFY2(bar->text().contains(QLatin1String("bad-story.json")), qPrintable(bar->text()));
        // The story shown is untouched (its unsaved order too), and the bad file is as it was.
        QCOMPARE(shotIds(*panel->story()), order);
        QVERIFY(panel->isModified());
        QCOMPARE(child<QLabel>(*window, "storyTitle")->text(), title);
        QCOMPARE(panel->story()->filePath(), path);
        QVERIFY(badFile.open(QIODevice::ReadOnly));
        QCOMPARE(badFile.readAll(), bad);
    }

    void shotEditorRoutesTheShotToAnotherEngine()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        const QString shotId = panel->story()->shots().first().id;
        QVERIFY(panel->story()->shots().first().backend.isEmpty());
        QDialog* editor = panel->editShot(shotId);
        QVERIFY(editor);
        auto* engine = child<QComboBox>(*editor, "shotEngineCombo");
        auto* fallback = child<QLineEdit>(*editor, "shotFallbackEdit");
        auto* notes = child<QLabel>(*editor, "shotPromptNotes");
        QPushButton* ok = child<QDialogButtonBox>(*editor, "shotEditorButtons")->button(QDialogButtonBox::Ok);
        QVERIFY(engine && fallback && notes && ok);
        QVERIFY(engine->currentText().isEmpty()); // the story's engine
        QVERIFY(ok->isEnabled());

        engine->setCurrentIndex(engine->findData(QStringLiteral("openai")));
        fallback->setFocus();
        QTest::keyClicks(fallback, QStringLiteral("local, comfyui"));
        QVERIFY(!ok->isEnabled()); // local only last
        QVERIFY2(notes->text().contains(QLatin1String("fallback")), qPrintable(notes->text()));
        fallback->clear();
        QTest::keyClicks(fallback, QStringLiteral("comfyui, local"));
        QVERIFY(ok->isEnabled());
        engine->setEditText(QStringLiteral("nowhere"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(notes->text().contains(QLatin1String("backend")), qPrintable(notes->text()));
        engine->setEditText(QStringLiteral("ComfyUI@render-box:8188"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        const StoryShot* shot = panel->story()->shot(shotId);
        QCOMPARE(shot->backend, QStringLiteral("comfyui@render-box:8188"));
        QCOMPARE(shot->fallback, (QStringList { QStringLiteral("comfyui"), QStringLiteral("local") }));
        QVERIFY(shot->stale); // another engine renders it differently
        QVERIFY(panel->isModified());

        // The document refuses what the editor refuses
        StoryDocument story = *panel->story();
        StoryShot bad = *shot;
        bad.fallback = QStringList { QStringLiteral("local"), QStringLiteral("openai") };
        QString error;
        QVERIFY(!story.setShot(bad, &error));
        QVERIFY2(error.startsWith(QLatin1String("fallback: ")), qPrintable(error));
    }

    void storyGivenAtStartIsOpen()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        StartOptions options;
        options.story = path;
        MainWindow window(options);
        window.settings().setOutputDir(m_dir.filePath(QStringLiteral("out")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.storyboardPanel()->story());
        QCOMPARE(window.storyboardPanel()->story()->filePath(), path);
        QVERIFY(child<QDockWidget>(window, "storyboardDock")->isVisible());

        // a story that is not there: one line, and the window is still the studio
        options.story = dir.filePath(QStringLiteral("missing.json"));
        MainWindow other(options);
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        QVERIFY(!other.storyboardPanel()->story());
        auto* bar = child<MessageBar>(other, "messageBar");
        QVERIFY2(bar->isVisible() && bar->text().contains(QLatin1String("missing.json")), qPrintable(bar->text()));
        QVERIFY(!bar->text().contains(QLatin1Char('\n')));
    }

    void unsavedChangesAskBeforeTheyAreLost()
    {
        QTemporaryDir dir;
        const QString path = copyExample(dir.path());
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window);
        StoryboardPanel* panel = window->storyboardPanel();
        QVERIFY(panel->openStory(path));
        QVERIFY(!panel->isModified());
        QVERIFY(panel->shotModel()->moveRows({}, 1, 1, {}, 0));
        QVERIFY(panel->isModified());
        const QStringList edited = shotIds(*panel->story());

        // Answers the box when it comes up; records that it did.
        int asked = 0;
        const auto answer = [&](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, window.get(), [&, button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                QCOMPARE(box->objectName(), QStringLiteral("unsavedStoryBox"));
                ++asked;
                box->button(button)->click();
            });
        };
        auto* newStory = window->findChild<QAction*>(QStringLiteral("actionNewStory"));
        QVERIFY(newStory);

        // Cancel: the story and its changes stay
        answer(QMessageBox::Cancel);
        newStory->trigger();
        QCOMPARE(asked, 1);
        QCOMPARE(shotIds(*panel->story()), edited);
        QVERIFY(panel->isModified());

        // Closing the window: Cancel keeps it open
        answer(QMessageBox::Cancel);
        QVERIFY(!window->close());
        QCOMPARE(asked, 2);
        QVERIFY(window->isVisible());

        // Save: written to its file, then the window closes
        answer(QMessageBox::Save);
        QVERIFY(window->close());
        QCOMPARE(asked, 3);
        QString error;
        const auto saved = StoryDocument::load(path, &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(shotIds(*saved), edited);

        // Nothing unsaved: no question
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        newStory->trigger();
        QCOMPARE(asked, 3);
        QCOMPARE(panel->story()->title(), panel->tr("Untitled story"));
        // A new story is unsaved: Discard drops it
        answer(QMessageBox::Discard);
        QVERIFY(window->close());
        QCOMPARE(asked, 4);
    }
};

QTEST_MAIN(TestStoryboard)
#include "tst_storyboard.moc"
