// SPDX-License-Identifier: MIT
#include "recipe/stylelibrary.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using easel::ImageRecipe;
using easel::LoraRef;
using easel::LoraSpec;
using easel::Style;
using easel::StyleLibrary;

namespace {

QString builtInFile() { return qEnvironmentVariable("EASEL_RESOURCE_DIR") + QStringLiteral("/styles/styles.json"); }

void writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(text);
}

} // namespace

class TestStyleLibrary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtIns()
    {
        StyleLibrary library;
        QStringList errors;
        QVERIFY2(library.load(builtInFile(), {}, &errors), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(errors.isEmpty());
        const QStringList expected { QStringLiteral("cinematic"), QStringLiteral("photographic"),
            QStringLiteral("anime"), QStringLiteral("watercolor"), QStringLiteral("comic"), QStringLiteral("pixel-art"),
            QStringLiteral("storyboard-sketch"), QStringLiteral("fantasy") };
        QCOMPARE(library.ids(), expected);
        for (const Style& style : library.styles()) {
            QVERIFY(style.builtIn);
            QVERIFY2(style.promptTemplate.contains(QStringLiteral("{prompt}")), qPrintable(style.id));
            QVERIFY(!style.negativePrompt.isEmpty());
            QVERIFY(style.loras.isEmpty());
            QCOMPARE(QFileInfo(style.sourceFile).fileName(), QStringLiteral("styles.json"));
        }
        QCOMPARE(library.find(QStringLiteral("Pixel Art"))->id, QStringLiteral("pixel-art"));
        QCOMPARE(library.find(QStringLiteral("ANIME"))->title, QStringLiteral("Anime"));
        QVERIFY(!library.find(QStringLiteral("nope")));
    }

    void apply()
    {
        Style style;
        style.id = QStringLiteral("noir");
        style.title = QStringLiteral("Film noir");
        style.promptTemplate = QStringLiteral("noir still of {prompt}, black and white");
        style.negativePrompt = QStringLiteral("color");
        style.loras = { { QStringLiteral("/l/noir.safetensors"), 0.8 }, { QStringLiteral("grain"), std::nullopt },
            { QStringLiteral("/l/x.safetensors"), std::nullopt } };
        style.sampler = easel::Sampler::DpmPP2M;
        style.steps = 25;
        style.width = 768;

        ImageRecipe recipe;
        recipe.prompt = QStringLiteral("a cat");
        recipe.negativePrompt = QStringLiteral("blurry");
        recipe.loras = { { QStringLiteral("/l/mine.safetensors"), 0.5 } };
        recipe.height = 512;
        recipe.guidance = 5.0;
        style.apply(recipe);
        QCOMPARE(recipe.prompt, QStringLiteral("noir still of a cat, black and white <lora:grain:1>"));
        QCOMPARE(recipe.negativePrompt, QStringLiteral("blurry, color"));
        QCOMPARE(recipe.loras,
            QList<LoraRef>({ { QStringLiteral("/l/noir.safetensors"), 0.8 },
                { QStringLiteral("/l/x.safetensors"), 1.0 }, { QStringLiteral("/l/mine.safetensors"), 0.5 } }));
        QCOMPARE(recipe.sampler, easel::Sampler::DpmPP2M);
        QCOMPARE(recipe.steps, 25);
        QCOMPARE(recipe.width, 768);
        QCOMPARE(recipe.height, 512); // not set by the style
        QCOMPARE(recipe.guidance, 5.0);
        QCOMPARE(recipe.extras.value(QStringLiteral("Style")), QStringLiteral("noir"));
        // Recorded in the A1111 text and read back.
        const QString text = recipe.toA1111Parameters();
        QVERIFY2(text.contains(QStringLiteral("Style: noir")), qPrintable(text));
        QCOMPARE(ImageRecipe::fromA1111Parameters(text)->extras.value(QStringLiteral("Style")), QStringLiteral("noir"));
    }

    void templates_data()
    {
        QTest::addColumn<QString>("styleText");
        QTest::addColumn<QString>("userText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty template") << QString() << QStringLiteral("a cat") << QStringLiteral("a cat");
        QTest::newRow("placeholder") << QStringLiteral("{prompt}, {prompt}!") << QStringLiteral("cat")
                                     << QStringLiteral("cat, cat!");
        QTest::newRow("no placeholder: appended")
            << QStringLiteral("oil painting") << QStringLiteral("a cat") << QStringLiteral("a cat, oil painting");
        QTest::newRow("no placeholder, empty prompt")
            << QStringLiteral("oil painting") << QString() << QStringLiteral("oil painting");
        QTest::newRow("placeholder, empty prompt")
            << QStringLiteral("still of {prompt}") << QString() << QStringLiteral("still of ");
    }

    void templates()
    {
        QFETCH(QString, styleText);
        QFETCH(QString, userText);
        QFETCH(QString, expected);
        Style style;
        style.promptTemplate = styleText;
        QCOMPARE(style.expandPrompt(userText), expected);
        // The negative prompt is combined the same way.
        style.negativePrompt = styleText;
        ImageRecipe recipe;
        recipe.prompt = userText;
        recipe.negativePrompt = userText;
        style.apply(recipe);
        QCOMPARE(recipe.negativePrompt, expected);
    }

    void userFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // One style per file, id from the title; relative paths from the file's folder.
        writeFile(dir.filePath(QStringLiteral("a.json")),
            R"({"title": "Film Noir 2", "prompt": "{prompt}, noir", "loras": [{"file": "sub/n.safetensors"}],
                "thumbnail": "noir.png", "guidance": 6.5, "height": 512, "sampler": "Euler a"})");
        // A style replacing a built-in, and one in a list.
        writeFile(dir.filePath(QStringLiteral("b.json")),
            R"({"styles": [{"id": "anime", "title": "My anime"}, {"id": "x_1", "steps": 4}]})");
        // Bad files: each one line, the rest still loads.
        writeFile(dir.filePath(QStringLiteral("broken.json")), "{\"title\": ");
        writeFile(dir.filePath(QStringLiteral("badsize.json")), R"({"title": "odd", "width": 100})");
        writeFile(dir.filePath(QStringLiteral("badsampler.json")), R"({"title": "odd", "sampler": "magic"})");
        writeFile(dir.filePath(QStringLiteral("notes.txt")), "not a style");

        StyleLibrary library;
        QStringList errors;
        QVERIFY(!library.load(builtInFile(), { dir.path(), dir.filePath(QStringLiteral("missing")) }, &errors));
        QCOMPARE(errors.size(), 3);
        for (const QString& e : std::as_const(errors))
            QVERIFY2(!e.contains(QLatin1Char('\n')), qPrintable(e));
        QVERIFY2(
            errors.at(0).contains(QStringLiteral("badsampler.json")) && errors.at(0).contains(QStringLiteral("magic")),
            qPrintable(errors.at(0)));
        QVERIFY2(
            errors.at(1).contains(QStringLiteral("badsize.json")) && errors.at(1).contains(QStringLiteral("width")),
            qPrintable(errors.at(1)));
        QVERIFY2(errors.at(2).contains(QStringLiteral("broken.json")), qPrintable(errors.at(2)));

        QCOMPARE(library.styles().size(), 8 + 2);
        const Style noir = *library.find(QStringLiteral("film-noir-2"));
        QVERIFY(!noir.builtIn);
        QCOMPARE(noir.title, QStringLiteral("Film Noir 2"));
        QCOMPARE(noir.loras,
            QList<LoraSpec>({ { QDir::cleanPath(dir.filePath(QStringLiteral("sub/n.safetensors"))), std::nullopt } }));
        QCOMPARE(noir.thumbnailPath, QDir::cleanPath(dir.filePath(QStringLiteral("noir.png"))));
        QCOMPARE(noir.guidance, 6.5);
        QCOMPARE(noir.height, 512);
        QVERIFY(!noir.width);
        QCOMPARE(noir.sampler, easel::Sampler::EulerA);
        QCOMPARE(noir.sourceFile, QFileInfo(dir.filePath(QStringLiteral("a.json"))).absoluteFilePath());
        // The user's "anime" took the built-in's place.
        QCOMPARE(library.ids().indexOf(QStringLiteral("anime")), 2);
        QCOMPARE(library.find(QStringLiteral("anime"))->title, QStringLiteral("My anime"));
        QVERIFY(!library.find(QStringLiteral("anime"))->builtIn);
        QCOMPARE(library.find(QStringLiteral("x_1"))->steps, 4);
        QCOMPARE(library.find(QStringLiteral("x_1"))->title, QStringLiteral("x_1"));
    }

    void idFromFileName()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("My Style.json")), R"({"prompt": "{prompt}"})");
        writeFile(dir.filePath(QStringLiteral("bad id.json")), R"({"id": "Bad Id"})");
        StyleLibrary library;
        QStringList errors;
        library.load({}, { dir.path() }, &errors);
        QCOMPARE(library.ids(), QStringList { QStringLiteral("my-style") });
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("bad id.json")), qPrintable(errors.first()));
    }

    void saveAndReload()
    {
        QTemporaryDir dir;
        Style style;
        style.id = QStringLiteral("mine");
        style.title = QStringLiteral("Mine / yours");
        style.promptTemplate = QStringLiteral("{prompt}, mine");
        style.negativePrompt = QStringLiteral("theirs");
        style.loras = { { dir.filePath(QStringLiteral("a.safetensors")), 0.7 }, { QStringLiteral("b"), std::nullopt } };
        style.steps = 8;
        style.guidance = 1.5;
        style.width = 1024;
        style.height = 576;
        style.sampler = easel::Sampler::Lcm;
        style.thumbnailPath = dir.filePath(QStringLiteral("t.png"));
        const QString styles = dir.filePath(QStringLiteral("styles"));
        QString error;
        QVERIFY2(StyleLibrary::saveUserStyle(style, styles, &error), qPrintable(error));
        StyleLibrary library;
        QVERIFY(library.load({}, { styles }));
        style.sourceFile = QFileInfo(styles + QStringLiteral("/mine.json")).absoluteFilePath();
        QCOMPARE(library.styles(), QList<Style> { style });
        QCOMPARE(style.folderName(), QStringLiteral("mine_Mine_yours"));

        style.id = QStringLiteral("../escape");
        QVERIFY(!StyleLibrary::saveUserStyle(style, styles, &error));
        QVERIFY2(error.contains(QStringLiteral("escape")), qPrintable(error));
    }

    /// A style may name its engine and fallback chain; a name that is none is one line naming the field.
    void backendAndFallback()
    {
        QString error;
        const auto style = Style::fromJson(QJsonDocument::fromJson(R"({"title": "Cloud", "backend": "OpenAI",
            "fallback": ["stability", "local"]})")
                                               .object(),
            {}, {}, &error);
        QVERIFY2(style, qPrintable(error));
        QCOMPARE(style->backend, QStringLiteral("openai"));
        QCOMPARE(style->fallback, QStringList({ QStringLiteral("stability"), QStringLiteral("local") }));
        QCOMPARE(Style::fromJson(style->toJson(), {}, {}), style); // kept when saved

        QVERIFY(!Style::fromJson(
            QJsonDocument::fromJson(R"({"title": "x", "backend": "midjourney"})").object(), {}, {}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("'backend' must be one of")), qPrintable(error));
        QVERIFY(!Style::fromJson(
            QJsonDocument::fromJson(R"({"title": "x", "fallback": ["local", "openai"]})").object(), {}, {}, &error));
        QVERIFY2(error.contains(QStringLiteral("'fallback' may name local only last")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestStyleLibrary)
#include "tst_stylelibrary.moc"
