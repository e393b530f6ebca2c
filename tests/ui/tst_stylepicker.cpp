// SPDX-License-Identifier: MIT
// The style picker: built-in and user styles with a thumbnail each (the style's picture, else a drawn swatch,
// then the newest image made with it), a picked style's settings in the panel, its prompt applied when
// generating while the prompt box keeps the user's text, and an image's recipe giving the user's text back.
#include "mainwindow/mainwindow.h"

#include "gallery/imagemetadata.h"
#include "generate/recipepanel.h"
#include "generate/stylepicker.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "support/widgettest.h"

using namespace easel;
using easel::test::child;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 120000;

QRgb centreOf(const QIcon& icon)
{
    const QImage image = icon.pixmap(QSize(32, 32)).toImage();
    return image.pixel(image.width() / 2, image.height() / 2 + image.height() / 4);
}

/// Picks the item `title` with the keyboard, as a person would (the closed combo steps through its items).
bool pick(StylePicker* picker, const QString& title)
{
    picker->setFocus();
    const int target = picker->findText(title);
    if (target < 0)
        return false;
    QTest::keyClick(picker, Qt::Key_Home);
    while (picker->currentIndex() < target)
        QTest::keyClick(picker, Qt::Key_Down);
    return picker->currentIndex() == target;
}

} // namespace

class TestStylePicker : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Two user styles: one with a red picture and 3 steps, one without a picture.
        const QString styles = paths::stylesDir();
        QVERIFY(QDir().mkpath(styles));
        QImage red(64, 48, QImage::Format_RGB32);
        red.fill(QColor(220, 10, 10));
        QVERIFY(red.save(styles + QStringLiteral("/red.png")));
        auto write = [&](const QString& name, const QJsonObject& o) {
            QFile f(styles + QLatin1Char('/') + name);
            return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(o).toJson()) > 0;
        };
        QVERIFY(write(QStringLiteral("red.json"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("redpic") },
                { QStringLiteral("title"), QStringLiteral("Red picture") },
                { QStringLiteral("prompt"), QStringLiteral("red picture of {prompt}") }, { QStringLiteral("steps"), 3 },
                { QStringLiteral("thumbnail"), QStringLiteral("red.png") } }));
        QVERIFY(write(QStringLiteral("blue.json"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("blue") },
                { QStringLiteral("title"), QStringLiteral("Blue hour") },
                { QStringLiteral("prompt"), QStringLiteral("{prompt} at blue hour") },
                { QStringLiteral("negative_prompt"), QStringLiteral("noon") } }));
    }

    void unapplyGivesTheUsersTextBack_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("negative");
        QTest::newRow("both") << QStringLiteral("a fox") << QStringLiteral("blurry");
        QTest::newRow("empty negative") << QStringLiteral("a fox, (snow:1.2)") << QString();
        QTest::newRow("empty prompt") << QString() << QStringLiteral("text");
    }
    void unapplyGivesTheUsersTextBack()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, negative);
        Style style;
        style.id = QStringLiteral("s");
        style.title = QStringLiteral("S");
        style.promptTemplate = QStringLiteral("film still of {prompt}, grain");
        style.negativePrompt = QStringLiteral("cartoon");
        style.loras = { { QStringLiteral("/loras/film.safetensors"), 0.7 }, { QStringLiteral("grain"), std::nullopt } };
        ImageRecipe own;
        own.prompt = prompt;
        own.negativePrompt = negative;
        own.loras = { { QStringLiteral("/loras/mine.safetensors"), 1.0 } };
        ImageRecipe made = own;
        style.apply(made);
        QVERIFY(made.prompt != own.prompt);
        ImageRecipe back = made;
        QVERIFY(StylePicker::unapply(style, back));
        QCOMPARE(back.prompt, own.prompt);
        QCOMPARE(back.negativePrompt, own.negativePrompt);
        QCOMPARE(back.loras, own.loras);
        // A prompt the style did not make stays as it is.
        ImageRecipe other = own;
        other.prompt = QStringLiteral("film still of a fox");
        QVERIFY(!StylePicker::unapply(style, other));
        QCOMPARE(other.prompt, QStringLiteral("film still of a fox"));
    }

    void pickGenerateAndReuse()
    {
        MainWindow window;
        window.settings().setOutputDir(m_dir.filePath(QStringLiteral("out")));
        window.settings().setDevice(Device::Cpu);
        window.settings().setPrecision(Precision::Fp32);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* picker = child<StylePicker>(window, "stylePicker");
        QTRY_VERIFY(picker->hasStyles());
        QCOMPARE(picker->itemText(0), picker->tr("No style"));
        QVERIFY(picker->findText(QStringLiteral("Cinematic")) > 0); // built in
        const int red = picker->findText(QStringLiteral("Red picture"));
        const int blue = picker->findText(QStringLiteral("Blue hour"));
        QVERIFY(red > 0 && blue > 0);
        // Every style has a thumbnail: the red one its picture (read on the pool), the others a swatch.
        for (int i = 1; i < picker->count(); ++i)
            QVERIFY2(!picker->itemIcon(i).isNull(), qPrintable(picker->itemText(i)));
        QTRY_COMPARE(centreOf(picker->itemIcon(red)), qRgb(220, 10, 10));
        QCOMPARE(centreOf(picker->itemIcon(blue)),
            StylePicker::swatch(picker->styles().at(blue - 1), 32).toImage().pixel(16, 24));

        auto* prompt = child<QPlainTextEdit>(window, "promptEdit");
        prompt->setFocus();
        prompt->selectAll();
        QTest::keyClicks(prompt, QStringLiteral("a lighthouse"));
        // Picking a style puts its settings in the panel; the prompt box keeps the user's text.
        QVERIFY(pick(picker, QStringLiteral("Red picture")));
        QCOMPARE(child<QSpinBox>(window, "stepsSpin")->value(), 3);
        QCOMPARE(prompt->toPlainText(), QStringLiteral("a lighthouse"));
        QCOMPARE(picker->toolTip(), picker->tr("Prompt used: %1").arg(QStringLiteral("red picture of a lighthouse")));
        QVERIFY(pick(picker, QStringLiteral("Blue hour")));
        QVERIFY(picker->toolTip().contains(QStringLiteral("a lighthouse at blue hour")));
        QVERIFY(picker->toolTip().contains(QStringLiteral("noon")));
        QCOMPARE(window.recipePanel()->recipe().prompt, QStringLiteral("a lighthouse"));
        QCOMPARE(window.recipePanel()->recipe().extras.value(QStringLiteral("Style")), QStringLiteral("blue"));

        // Generate: the job's recipe has the style applied.
        typeInto(child<QSpinBox>(window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("2"));
        typeInto(child<QSpinBox>(window, "widthSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
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
        const ImageRecipe* queued = window.queue().job(id)->recipe();
        QCOMPARE(queued->prompt, QStringLiteral("a lighthouse at blue hour"));
        QCOMPARE(queued->negativePrompt, QStringLiteral("noon"));
        QCOMPARE(queued->steps, 2);
        QVERIFY(QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs));
        QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));
        QCOMPARE(saved.size(), 1);
        const ImageMetadata meta = ImageMetadata::read(saved.first());
        QVERIFY(meta.recipe);
        QCOMPARE(meta.recipe->prompt, QStringLiteral("a lighthouse at blue hour"));
        QCOMPARE(meta.recipe->extras.value(QStringLiteral("Style")), QStringLiteral("blue"));
        // The image made with it is now the style's thumbnail.
        QTRY_VERIFY(centreOf(picker->itemIcon(blue))
            != StylePicker::swatch(picker->styles().at(blue - 1), 32).toImage().pixel(16, 24));

        // Its recipe read back: the user's text in the prompt box, the style picked again.
        QVERIFY(pick(picker, picker->tr("No style")));
        prompt->clear();
        QVERIFY(window.loadRecipeFrom(saved.first()));
        QCOMPARE(prompt->toPlainText(), QStringLiteral("a lighthouse"));
        QCOMPARE(child<QPlainTextEdit>(window, "negativePromptEdit")->toPlainText(), QString());
        QCOMPARE(picker->currentStyleId(), QStringLiteral("blue"));
        QCOMPARE(window.recipePanel()->effectiveRecipe().prompt, QStringLiteral("a lighthouse at blue hour"));
    }
};

QTEST_MAIN(TestStylePicker)
#include "tst_stylepicker.moc"
