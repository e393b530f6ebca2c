// SPDX-License-Identifier: MIT
// easel-cli and styles: `styles`, `generate --style` (flags win over the style), unknown styles, --file-by-style,
// and the inpainting mask options --mask-blur / --mask-grow.

#include "support/clirunner.h"
#include "support/testdata.h"

#include "gallery/imagefile.h"
#include "recipe/imagerecipe.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace {

easel::ImageRecipe recordOf(const QString& png)
{
    const easel::TextChunks chunks = easel::ImageFile::readTextChunks(png);
    const auto record
        = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
    return record.value_or(easel::ImageRecipe());
}

QString parametersOf(const QString& png)
{
    return easel::ImageFile::text(easel::ImageFile::readTextChunks(png), QStringLiteral("parameters"));
}

bool samePixels(const QString& a, const QString& b)
{
    const cv::Mat x = cv::imread(a.toStdString(), cv::IMREAD_UNCHANGED);
    const cv::Mat y = cv::imread(b.toStdString(), cv::IMREAD_UNCHANGED);
    return !x.empty() && x.size() == y.size() && x.type() == y.type() && cv::norm(x, y, cv::NORM_INF) == 0;
}

} // namespace

class TestCliStyles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// A user styles folder: one good style, one broken file.
    QString stylesDir()
    {
        const QString dir = path(QStringLiteral("styles"));
        QDir().mkpath(dir);
        QFile good(dir + QStringLiteral("/quick.json"));
        if (good.open(QIODevice::WriteOnly))
            good.write(R"({"title": "Quick sketch", "prompt": "sketch of {prompt}", "negative_prompt": "color",
                           "steps": 3, "guidance": 4.5, "sampler": "euler", "width": 64, "height": 48})");
        QFile bad(dir + QStringLiteral("/broken.json"));
        if (bad.open(QIODevice::WriteOnly))
            bad.write("{ nope");
        return dir;
    }

    /// `generate` with the bundled tiny model, 1 step at 64x64 unless `extra` says otherwise.
    easel::test::CliRun generate(const QStringList& extra)
    {
        return easel::test::runCli(QStringList { QStringLiteral("generate"), QStringLiteral("--prompt"),
                                       QStringLiteral("a lighthouse"), QStringLiteral("--seed"), QStringLiteral("5") }
            + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void testList()
    {
        const easel::test::CliRun r
            = easel::test::runCli({ QStringLiteral("styles"), QStringLiteral("--styles-dir"), stylesDir() });
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1 + 8 + 1);
        QVERIFY(lines.at(0).startsWith(QLatin1String("ID ")));
        QVERIFY2(lines.at(1).contains(QRegularExpression(QStringLiteral("^cinematic +Cinematic +built-in$"))),
            qPrintable(lines.at(1)));
        QVERIFY2(
            lines.last().contains(QRegularExpression(QStringLiteral("^quick-sketch +Quick sketch +.*quick\\.json$"))),
            qPrintable(lines.last()));
        // The broken file: one warning line naming it; the rest still listed.
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(r.err.startsWith(QLatin1String("warning: ")) && r.err.contains(QLatin1String("broken.json")),
            qPrintable(r.err));

        const easel::test::CliRun missing = easel::test::runCli(
            { QStringLiteral("styles"), QStringLiteral("--styles-dir"), path(QStringLiteral("nope")) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("--styles-dir: ")), qPrintable(missing.err));
    }

    void testStyleApplied()
    {
        const QString out = path(QStringLiteral("cinematic.png"));
        const easel::test::CliRun r = generate({ QStringLiteral("--style"), QStringLiteral("Cinematic"),
            QStringLiteral("--negative-prompt"), QStringLiteral("fog"), QStringLiteral("--steps"), QStringLiteral("1"),
            QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
            QStringLiteral("--output"), out });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const easel::ImageRecipe recipe = recordOf(out);
        QVERIFY2(recipe.prompt.startsWith(QLatin1String("cinematic film still of a lighthouse, ")),
            qPrintable(recipe.prompt));
        QVERIFY2(recipe.negativePrompt.startsWith(QLatin1String("fog, cartoon, ")), qPrintable(recipe.negativePrompt));
        QCOMPARE(recipe.extras.value(QStringLiteral("Style")), QStringLiteral("cinematic"));
        QVERIFY2(parametersOf(out).contains(QLatin1String(", Style: cinematic")), qPrintable(parametersOf(out)));
    }

    void testFlagsWin()
    {
        // The style's steps, guidance, sampler and size stand unless a flag is given.
        const QString dir = stylesDir();
        const QString styled = path(QStringLiteral("quick.png"));
        easel::test::CliRun r = generate({ QStringLiteral("--styles-dir"), dir, QStringLiteral("--style"),
            QStringLiteral("quick-sketch"), QStringLiteral("--output"), styled });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("broken.json")), qPrintable(r.err)); // a warning, not an error
        easel::ImageRecipe recipe = recordOf(styled);
        QCOMPARE(recipe.prompt, QStringLiteral("sketch of a lighthouse"));
        QCOMPARE(recipe.negativePrompt, QStringLiteral("color"));
        QCOMPARE(recipe.steps, 3);
        QCOMPARE(recipe.guidance, 4.5);
        QCOMPARE(recipe.sampler, easel::Sampler::Euler);
        QCOMPARE(recipe.width, 64);
        QCOMPARE(recipe.height, 48);

        const QString flagged = path(QStringLiteral("quick-flags.png"));
        r = generate({ QStringLiteral("--styles-dir"), dir, QStringLiteral("--style"), QStringLiteral("Quick Sketch"),
            QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--guidance"), QStringLiteral("7"),
            QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--output"), flagged });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        recipe = recordOf(flagged);
        QCOMPARE(recipe.steps, 2);
        QCOMPARE(recipe.guidance, 7.0);
        QCOMPARE(recipe.height, 64);
        QCOMPARE(recipe.width, 64);
        QCOMPARE(recipe.sampler, easel::Sampler::Euler);
    }

    void testUnknownStyle()
    {
        const easel::test::CliRun r = generate({ QStringLiteral("--style"), QStringLiteral("baroque"),
            QStringLiteral("--output"), path(QStringLiteral("x.png")) });
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(r.err.contains(QLatin1String("no style 'baroque'"))
                && r.err.contains(QLatin1String("cinematic, photographic")),
            qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("x.png"))));
    }

    void testFileByStyle()
    {
        const QString root = path(QStringLiteral("filed"));
        const easel::test::CliRun r = generate({ QStringLiteral("--style"), QStringLiteral("pixel-art"),
            QStringLiteral("--file-by-style"), QStringLiteral("--output-dir"), root, QStringLiteral("--steps"),
            QStringLiteral("1"), QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"),
            QStringLiteral("64"), QStringLiteral("--batch-size"), QStringLiteral("2") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList files;
        for (QDirIterator it(root, { QStringLiteral("*") }, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            files << QDir(root).relativeFilePath(it.next());
        QCOMPARE(files.size(), 2);
        static const QRegularExpression name(
            QStringLiteral("^style_images/pixel-art_Pixel_art/generated_\\d{8}_\\d{6}_[0-9a-f]{8}\\.png$"));
        for (const QString& file : std::as_const(files))
            QVERIFY2(name.match(file).hasMatch(), qPrintable(file));
        QVERIFY(files.at(0) != files.at(1));

        const easel::test::CliRun noStyle
            = generate({ QStringLiteral("--file-by-style"), QStringLiteral("--output-dir"), root });
        QCOMPARE(noStyle.exitCode, 2);
        QVERIFY2(noStyle.err.contains(QLatin1String("--file-by-style needs --style")), qPrintable(noStyle.err));
    }

    void testMaskOptions()
    {
        // An inpainting run of the bundled model (the masked-latent blend) with the mask options: 0/0 is the same
        // image as none, grow and blur change it and are recorded.
        const QString image = path(QStringLiteral("source.png"));
        const QString mask = path(QStringLiteral("mask.png"));
        cv::Mat source(64, 64, CV_8UC3);
        cv::randu(source, 0, 256);
        QVERIFY(cv::imwrite(image.toStdString(), source));
        cv::Mat m = cv::Mat::zeros(64, 64, CV_8UC1);
        m(cv::Rect(16, 16, 24, 24)).setTo(255);
        QVERIFY(cv::imwrite(mask.toStdString(), m));
        const QStringList base { QStringLiteral("--init-image"), image, QStringLiteral("--mask"), mask,
            QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--sampler"), QStringLiteral("ddim"),
            QStringLiteral("--dtype"), QStringLiteral("fp32") };
        const auto run = [&](const QString& name, const QStringList& extra) {
            const easel::test::CliRun r
                = generate(base + extra + QStringList { QStringLiteral("--output"), path(name) });
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            return r.exitCode == 0;
        };
        QVERIFY(run(QStringLiteral("plain.png"), {}));
        QVERIFY(run(QStringLiteral("zero.png"),
            { QStringLiteral("--mask-blur"), QStringLiteral("0"), QStringLiteral("--mask-grow"),
                QStringLiteral("0") }));
        QVERIFY(run(QStringLiteral("grown.png"), { QStringLiteral("--mask-grow"), QStringLiteral("8") }));
        QVERIFY(run(QStringLiteral("shrunk-blurred.png"),
            { QStringLiteral("--mask-grow"), QStringLiteral("-4"), QStringLiteral("--mask-blur"),
                QStringLiteral("3") }));
        QVERIFY(samePixels(path(QStringLiteral("plain.png")), path(QStringLiteral("zero.png"))));
        QVERIFY(!samePixels(path(QStringLiteral("plain.png")), path(QStringLiteral("grown.png"))));
        QVERIFY(!samePixels(path(QStringLiteral("plain.png")), path(QStringLiteral("shrunk-blurred.png"))));
        easel::ImageRecipe zero = recordOf(path(QStringLiteral("zero.png")));
        easel::ImageRecipe plain = recordOf(path(QStringLiteral("plain.png")));
        zero.elapsedSeconds = plain.elapsedSeconds = 0;
        QVERIFY(zero == plain); // nothing recorded for 0/0
        const easel::ImageRecipe grown = recordOf(path(QStringLiteral("shrunk-blurred.png")));
        QCOMPARE(grown.maskGrow, -4);
        QCOMPARE(grown.maskBlur, 3);
        QVERIFY2(parametersOf(path(QStringLiteral("shrunk-blurred.png")))
                     .contains(QLatin1String("Mask blur: 3, Mask grow: -4")),
            qPrintable(parametersOf(path(QStringLiteral("shrunk-blurred.png")))));

        // Without a mask, or out of range: usage errors naming the flag.
        easel::test::CliRun r = generate({ QStringLiteral("--mask-blur"), QStringLiteral("2") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--mask-blur needs --mask")), qPrintable(r.err));
        r = generate(base + QStringList { QStringLiteral("--mask-grow"), QStringLiteral("999") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.contains(QLatin1String("--mask-grow must be a whole number from -256 to 256")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliStyles)
#include "tst_cli_styles.moc"
