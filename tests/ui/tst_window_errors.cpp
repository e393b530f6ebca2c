// SPDX-License-Identifier: MIT
// The errors the window shows for bad input, table-tested: every broken model file the loader refuses, a
// model that is not there, a bad image dropped on the window, a start image that is not an image, a style
// file that cannot be read and a LoRA that is not there. Each one ends in the message bar (objectName
// "messageBar", its text "messageText") as one line that names the file or the value, with none of
// libtorch's, OpenCV's or Qt's internals in it, and the window goes on working.

#include "mainwindow/mainwindow.h"

#include "common/messagebar.h"
#include "generate/recipepanel.h"
#include "recipe/imagerecipe.h"
#include "settings/settings.h"
#include "support/badmodels.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMimeData>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

constexpr int kJobTimeoutMs = 120000;

enum class Input {
    Model, ///< the window starts with this model selected and generates
    DroppedImage, ///< the file is dropped on the window
    StartImage, ///< the file is dropped on the start image area
    StartImageDeleted, ///< the file is dropped on the start image area, deleted, then generate
    StyleFolder, ///< the styles folder is set to the folder holding the file
    Prompt, ///< the prompt, then generate
};

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size(), qPrintable(path));
}

QByteArray pngBytes()
{
    QImage image(16, 16, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

/// What a message for people never carries: the libraries' exception texts, source locations, types.
const QStringList& internals()
{
    static const QStringList words { QStringLiteral("c10::"), QStringLiteral("at::"), QStringLiteral("torch::"),
        QStringLiteral("libtorch"), QStringLiteral("Exception raised from"), QStringLiteral("cv::"),
        QStringLiteral("OpenCV("), QStringLiteral("std::"), QStringLiteral("basic_string"), QStringLiteral(".cpp:"),
        QStringLiteral(".h:"), QStringLiteral("what()"), QStringLiteral("frame #"), QStringLiteral("QIODevice::"),
        QStringLiteral("QFile::"), QStringLiteral("nlohmann"), QStringLiteral("json.exception") };
    return words;
}

} // namespace

Q_DECLARE_METATYPE(Input)

class TestWindowErrors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Each row starts on the demo model with no user styles: what an earlier row chose is not kept.
    void init()
    {
        Settings settings;
        settings.setCurrentModel(QString());
        settings.setModels({});
        settings.setStylesDir(path(QStringLiteral("no-styles")));
        settings.setLastRecipe(ImageRecipe());
        settings.sync();
    }

    void errorIsOneLineNamingTheInput_data()
    {
        QTest::addColumn<Input>("input");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("names");

        // Every broken model the loader refuses (tests/support/badmodels.cpp).
        QDir().mkpath(path(QStringLiteral("models")));
        for (const test::BadModel& bad : test::writeBadModels(path(QStringLiteral("models")))) {
            QTest::addRow("model: %s", qPrintable(bad.name))
                << Input::Model << bad.path << QFileInfo(bad.path).fileName();
        }

        writeFile(path(QStringLiteral("drop/plain.png")), pngBytes());
        QTest::addRow("dropped: a PNG without a recipe")
            << Input::DroppedImage << path(QStringLiteral("drop/plain.png")) << QStringLiteral("plain.png");
        writeFile(path(QStringLiteral("drop/cut.png")), pngBytes().left(40));
        QTest::addRow("dropped: a truncated PNG")
            << Input::DroppedImage << path(QStringLiteral("drop/cut.png")) << QStringLiteral("cut.png");
        writeFile(path(QStringLiteral("drop/words.png")), "this is a text file with a .png name\n");
        QTest::addRow("dropped: text named .png")
            << Input::DroppedImage << path(QStringLiteral("drop/words.png")) << QStringLiteral("words.png");
        QTest::addRow("dropped: a PNG that is gone")
            << Input::DroppedImage << path(QStringLiteral("drop/gone.png")) << QStringLiteral("gone.png");

        writeFile(path(QStringLiteral("start/noise.png")), QByteArray(300, '\x07'));
        QTest::addRow("start image: not an image")
            << Input::StartImage << path(QStringLiteral("start/noise.png")) << QStringLiteral("noise.png");
        QTest::addRow("start image: gone")
            << Input::StartImage << path(QStringLiteral("start/gone.png")) << QStringLiteral("gone.png");
        writeFile(path(QStringLiteral("start/moved.png")), pngBytes());
        QTest::addRow("start image: deleted before generating")
            << Input::StartImageDeleted << path(QStringLiteral("start/moved.png")) << QStringLiteral("moved.png");

        writeFile(path(QStringLiteral("styles-json/broken.json")), "{\"id\": \"noir\", \"prompt\": ");
        QTest::addRow("style file: not JSON")
            << Input::StyleFolder << path(QStringLiteral("styles-json/broken.json")) << QStringLiteral("broken.json");
        writeFile(path(QStringLiteral("styles-id/shout.json")), "{\"id\": \"LOUD STYLE\", \"prompt\": \"{prompt}\"}");
        QTest::addRow("style file: bad id")
            << Input::StyleFolder << path(QStringLiteral("styles-id/shout.json")) << QStringLiteral("shout.json");
        writeFile(path(QStringLiteral("styles-steps/slow.json")), "{\"id\": \"slow\", \"steps\": 100000}");
        QTest::addRow("style file: steps out of range")
            << Input::StyleFolder << path(QStringLiteral("styles-steps/slow.json")) << QStringLiteral("slow.json");

        QTest::addRow("prompt: a LoRA that is not there")
            << Input::Prompt << QStringLiteral("a castle <lora:nosuchlora:0.8>") << QStringLiteral("nosuchlora");
    }

    void errorIsOneLineNamingTheInput()
    {
        QFETCH(Input, input);
        QFETCH(QString, file);
        QFETCH(QString, names);

        StartOptions options;
        if (input == Input::Model)
            options.model = file;
        MainWindow window(options);
        window.settings().setOutputDir(path(QStringLiteral("out")));
        window.settings().setDevice(Device::Cpu);
        window.settings().setPrecision(Precision::Fp32);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* bar = window.findChild<MessageBar*>(QStringLiteral("messageBar"));
        QVERIFY(bar);
        auto* text = bar->findChild<QLabel*>(QStringLiteral("messageText"));
        QVERIFY(text);
        const auto shown = [&] { return bar->isVisible() && !text->text().isEmpty(); };

        QHash<quint64, JobResult> finished;
        QObject context; // after `finished`: gone first, with the connection
        connect(&window.queue(), &JobQueue::jobFinished, &context,
            [&](quint64 id, const JobResult& result) { finished.insert(id, result); });
        const auto generate = [&] {
            if (const quint64 id = window.generate())
                QVERIFY(QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs));
        };
        switch (input) {
        case Input::Model:
            if (window.recipePanel()->currentModel() == QFileInfo(file).absoluteFilePath())
                generate();
            else // refused when it was added, as the window started: the bar says why
                QVERIFY(!window.settings().models().contains(QFileInfo(file).absoluteFilePath()));
            break;
        case Input::DroppedImage: {
            QMimeData mime;
            mime.setUrls({ QUrl::fromLocalFile(file) });
            QDragEnterEvent enter(QPoint(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(QPointF(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &drop);
            break;
        }
        case Input::StartImage:
        case Input::StartImageDeleted: {
            auto* area = window.findChild<QWidget*>(QStringLiteral("initImageArea"));
            QVERIFY(area);
            QMimeData mime;
            mime.setUrls({ QUrl::fromLocalFile(file) });
            QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(area, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(area, &drop);
            if (input == Input::StartImageDeleted) {
                QCOMPARE(window.recipePanel()->initImagePath(), file);
                QVERIFY(QFile::remove(file));
                generate();
            }
            break;
        }
        case Input::StyleFolder:
            window.settings().setStylesDir(QFileInfo(file).absolutePath());
            QVERIFY(QTest::qWaitFor(shown, kJobTimeoutMs));
            break;
        case Input::Prompt: {
            ImageRecipe recipe = window.recipePanel()->recipe();
            recipe.prompt = file;
            recipe.model.clear();
            recipe.width = recipe.height = 64;
            recipe.steps = 1;
            window.recipePanel()->setRecipe(recipe);
            generate();
            break;
        }
        }

        QVERIFY2(shown(), "no message shown");
        const QString message = text->text();
        QVERIFY2(!message.contains(QLatin1Char('\n')) && !message.contains(QLatin1Char('\r')), qPrintable(message));
        QVERIFY2(message.contains(names), qPrintable(message));
        for (const QString& word : internals())
            QVERIFY2(!message.contains(word), qPrintable(QStringLiteral("'%1' in: %2").arg(word, message)));
        QVERIFY2(bar->level() != MessageBar::Level::Information, qPrintable(message));

        // The window goes on: the demo model still makes a picture.
        ImageRecipe recipe = window.recipePanel()->recipe();
        recipe.model.clear();
        recipe.initImage.clear();
        recipe.prompt = QStringLiteral("a quiet harbour");
        recipe.width = recipe.height = 64;
        recipe.steps = 1;
        const quint64 id = window.queueRecipe(recipe);
        QVERIFY(id != 0);
        QVERIFY(QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs));
        QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));
    }
};

QTEST_MAIN(TestWindowErrors)
#include "tst_window_errors.moc"
