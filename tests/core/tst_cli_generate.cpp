// SPDX-License-Identifier: MIT
// easel-cli generate / batch / compose end to end on the tiny models: the real executable, its files,
// their metadata, parity with diffusers through --init-latents/--save-latents, bad input, cancel.

#include "support/goldens.h"
#include "support/clirunner.h"
#include "support/testdata.h"

#include "batch/promptlist.h"
#include "recipe/imagerecipe.h"
#include "gallery/imagefile.h"

#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

QString model(const char* name, const char* layout)
{
    return QString::fromStdString(easel::test::tinyModelPath(name, layout));
}

} // namespace

class TestCliGenerate : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void testGenerateWritesParameters()
    {
        const QString out = path(QStringLiteral("cat.png"));
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a (cat:1.2) on a sofa"),
            QStringLiteral("--negative-prompt"), QStringLiteral("blurry"), QStringLiteral("--steps"), QStringLiteral("3"),
            QStringLiteral("--sampler"), QStringLiteral("dpmpp_2m"), QStringLiteral("--schedule"), QStringLiteral("karras"),
            QStringLiteral("--seed"), QStringLiteral("1234"), QStringLiteral("--width"), QStringLiteral("64"),
            QStringLiteral("--height"), QStringLiteral("48"), QStringLiteral("--output"), out });
        QCOMPARE(r.status, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("saved ") + out));

        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(out);
        const QString a1111 = easel::ImageFile::text(chunks, QStringLiteral("parameters"));
        QVERIFY(a1111.startsWith(QStringLiteral("a (cat:1.2) on a sofa\nNegative prompt: blurry\n")));
        QVERIFY2(a1111.contains(QStringLiteral("Steps: 3, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.5, Seed: 1234, Size: 64x48, Model hash: ")),
            qPrintable(a1111));
        const auto parsed = easel::ImageRecipe::fromA1111Parameters(a1111);
        QVERIFY(parsed);
        QCOMPARE(parsed->seed, qint64(1234));
        QCOMPARE(parsed->width, 64);
        QCOMPARE(parsed->height, 48);

        const auto record = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(record);
        QCOMPARE(record->modelSha256.size(), 64);
        QCOMPARE(record->sampler, easel::Sampler::DpmPP2M);
        QCOMPARE(record->schedule, easel::SigmaSchedule::Karras);
        QCOMPARE(record->rng, QStringLiteral("cpu"));
        QCOMPARE(easel::ImageFile::text(chunks, QStringLiteral("AI-generated")), QStringLiteral("true"));

        // The same seed and settings give the same file contents (pixels and parameters).
        const QString again = path(QStringLiteral("cat-again.png"));
        QStringList args { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a (cat:1.2) on a sofa"),
            QStringLiteral("--negative-prompt"), QStringLiteral("blurry"), QStringLiteral("--steps"), QStringLiteral("3"),
            QStringLiteral("--sampler"), QStringLiteral("dpmpp_2m"), QStringLiteral("--schedule"), QStringLiteral("karras"),
            QStringLiteral("--seed"), QStringLiteral("1234"), QStringLiteral("--width"), QStringLiteral("64"),
            QStringLiteral("--height"), QStringLiteral("48"), QStringLiteral("--output"), again };
        QCOMPARE(easel::test::runCli(args).exitCode, 0);
        QFile a(out), b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray pixelsA = a.readAll(), pixelsB = b.readAll();
        QCOMPARE(pixelsA.size() > 0, true);
        // elapsed_seconds differs between runs; compare the image data chunks only.
        QCOMPARE(pixelsA.mid(pixelsA.indexOf("IDAT")), pixelsB.mid(pixelsB.indexOf("IDAT")));
        // Refuses to overwrite without --overwrite.
        QCOMPARE(easel::test::runCli(args).exitCode, 1);
    }

    void testStudioSettingsAreTheDefaults()
    {
        // The studio's settings file (this test's own home) chooses the precision unless --dtype does.
        const QString conf = qEnvironmentVariable("XDG_CONFIG_HOME") + QStringLiteral("/Easel/Easel.conf");
        QVERIFY(QDir().mkpath(QFileInfo(conf).path()));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[engine]\nprecision=bf16\nthreads=1\n");
        f.close();
        const QString out = path(QStringLiteral("settings.png"));
        const QStringList args { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("x"),
            QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--overwrite"), QStringLiteral("--output"), out };
        auto precisionOf = [&](const QStringList& extra) {
            const easel::test::CliRun r = easel::test::runCli(args + extra);
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            const auto record = easel::ImageRecipe::fromJsonText(
                easel::ImageFile::text(easel::ImageFile::readTextChunks(out), QStringLiteral("easel")).toUtf8());
            return record ? record->precision : easel::Precision::Auto;
        };
        QCOMPARE(precisionOf({}), easel::Precision::Bf16);
        QCOMPARE(precisionOf({ QStringLiteral("--dtype"), QStringLiteral("fp32") }), easel::Precision::Fp32);
        QVERIFY(QFile::remove(conf));
    }

    void testParityWithDiffusersThroughLatentFiles_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("single-file") << "single-file";
        QTest::newRow("diffusers") << "diffusers";
    }

    void testParityWithDiffusersThroughLatentFiles()
    {
        // tiny-sdxl.txt2img.euler: the golden's noise in, the final latents out, equal to diffusers.
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase("tiny-sdxl.txt2img.euler");
        const std::string file = c["inputs"]["file"];
        const QString in = path(QStringLiteral("noise-%1.safetensors").arg(layout));
        const QString saved = path(QStringLiteral("final-%1.safetensors").arg(layout));
        easel::engine::writeSafetensors(in.toStdString(),
            { { "latents", easel::test::goldenTensor(file, c["inputs"]["keys"]["latents"]) } });
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("generate"), QStringLiteral("--model"),
            model("tiny-sdxl", layout.toLatin1().constData()), QStringLiteral("--prompt"), QStringLiteral("a photo of a cat"),
            QStringLiteral("--negative-prompt"), QStringLiteral("blurry, low quality"), QStringLiteral("--steps"),
            QStringLiteral("4"), QStringLiteral("--sampler"), QStringLiteral("euler"), QStringLiteral("--prompt-syntax"),
            QStringLiteral("plain"), QStringLiteral("--dtype"), QStringLiteral("fp32"), QStringLiteral("--init-latents"), in, QStringLiteral("--save-latents"), saved,
            QStringLiteral("--output"), path(QStringLiteral("parity-%1.png").arg(layout)) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const easel::engine::SafetensorsFile result(saved.toStdString());
        EASEL_COMPARE_TENSORS(result.tensor("latents"),
            easel::test::goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["latents"]), 1e-3, 2e-3, "latents");
    }

    // --token-merge reaches the engine (the image differs from the plain one of the same seed) and the record.
    void testTokenMerge()
    {
        const QStringList base { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a lighthouse"),
            QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--sampler"), QStringLiteral("euler"),
            QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--width"), QStringLiteral("64"),
            QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--dtype"), QStringLiteral("fp32") };
        const QString plain = path(QStringLiteral("plain.png")), merged = path(QStringLiteral("merged.png"));
        const QString plainLatents = path(QStringLiteral("plain.safetensors"));
        const QString mergedLatents = path(QStringLiteral("merged.safetensors"));
        easel::test::CliRun r = easel::test::runCli(
            base + QStringList { QStringLiteral("--save-latents"), plainLatents, QStringLiteral("--output"), plain });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = easel::test::runCli(base + QStringList { QStringLiteral("--token-merge"), QStringLiteral("0.5"),
            QStringLiteral("--save-latents"), mergedLatents, QStringLiteral("--output"), merged });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(merged);
        const QString a1111 = easel::ImageFile::text(chunks, QStringLiteral("parameters"));
        QVERIFY2(a1111.contains(QStringLiteral("Token merging ratio: 0.5")), qPrintable(a1111));
        const auto record = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(record);
        QCOMPARE(record->tokenMerge, 0.5);
        QVERIFY(!easel::ImageFile::text(easel::ImageFile::readTextChunks(plain), QStringLiteral("parameters"))
                     .contains(QStringLiteral("Token merging")));
        const at::Tensor a = easel::engine::SafetensorsFile(plainLatents.toStdString()).tensor("latents");
        const at::Tensor b = easel::engine::SafetensorsFile(mergedLatents.toStdString()).tensor("latents");
        QCOMPARE(a.sizes(), b.sizes());
        QVERIFY(!at::equal(a, b));
    }

    void testImg2ImgAndBatch()
    {
        const QString out = path(QStringLiteral("variation.png"));
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a castle"),
            QStringLiteral("--init-image"), easel::test::testDataPath(QStringLiteral("imaging/input_photo.png")),
            QStringLiteral("--strength"), QStringLiteral("0.5"), QStringLiteral("--steps"), QStringLiteral("4"),
            QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
            QStringLiteral("--batch-size"), QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("10"),
            QStringLiteral("--output"), out });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* name : { "variation-10.png", "variation-11.png" }) {
            const QString file = path(QLatin1String(name));
            QVERIFY2(QFileInfo::exists(file), name);
            const QString params = easel::ImageFile::text(easel::ImageFile::readTextChunks(file), QStringLiteral("parameters"));
            QVERIFY(params.contains(QStringLiteral("Denoising strength: 0.5")));
        }
    }

    void testBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        const QStringList base { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("x"),
            QStringLiteral("--steps"), QStringLiteral("2") };
        QTest::newRow("unknown sampler") << (base + QStringList { QStringLiteral("--sampler"), QStringLiteral("euler_z") }) << 2
                                         << "euler_z";
        QTest::newRow("size not a multiple of 8")
            << (base + QStringList { QStringLiteral("--width"), QStringLiteral("100") }) << 2 << "not a multiple of 8";
        QTest::newRow("missing model")
            << (base + QStringList { QStringLiteral("--model"), QStringLiteral("/no/such/model.safetensors") }) << 1
            << "/no/such/model.safetensors: no such file";
        QTest::newRow("no prompt") << QStringList { QStringLiteral("generate") } << 2 << "--prompt is required";
        QTest::newRow("bad steps") << QStringList { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("x"),
            QStringLiteral("--steps"), QStringLiteral("zero") } << 2 << "--steps";
        QTest::newRow("unreadable init image")
            << (base + QStringList { QStringLiteral("--init-image"), QStringLiteral("/no/such/image.png") }) << 1 << "/no/such/image.png";
        QTest::newRow("bad dtype") << (base + QStringList { QStringLiteral("--dtype"), QStringLiteral("fp8") }) << 2 << "--dtype: unknown value 'fp8'";
        QTest::newRow("token merge above 0.75")
            << (base + QStringList { QStringLiteral("--token-merge"), QStringLiteral("0.9") }) << 2
            << "--token-merge must be a number from 0 to 0.75";
        QTest::newRow("token merge not a number")
            << (base + QStringList { QStringLiteral("--token-merge"), QStringLiteral("half") }) << 2
            << "--token-merge must be a number from 0 to 0.75";
        QTest::newRow("unknown command") << QStringList { QStringLiteral("paint") } << 2 << "unknown command 'paint'";
    }

    void testBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const easel::test::CliRun r = easel::test::runCli(args + QStringList { QStringLiteral("--output"), path(QStringLiteral("never.png")) });
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never.png"))));
    }

    void testBatchWritesFramesAndResumes()
    {
        const QString prompts = path(QStringLiteral("story.json"));
        QFile f(prompts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"video_name": "story", "prompts": [
            {"timestamp": 0.5, "prompt": "a dark forest", "seed": 7},
            {"timestamp": 3.5, "prompt": "a bright meadow", "negative_prompt": "night"}]})");
        f.close();
        const QString outDir = path(QStringLiteral("frames"));
        const QStringList args { QStringLiteral("batch"), prompts, QStringLiteral("--output-dir"), outDir,
            QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("100") };
        const easel::test::CliRun r = easel::test::runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QDir story(outDir + QStringLiteral("/story"));
        QVERIFY(story.exists(QStringLiteral("frame_00000500.png")));
        QVERIFY(story.exists(QStringLiteral("frame_00003500.png")));
        const QString first = easel::ImageFile::text(
            easel::ImageFile::readTextChunks(story.filePath(QStringLiteral("frame_00000500.png"))), QStringLiteral("parameters"));
        QVERIFY(first.contains(QStringLiteral("Seed: 7,")));
        const QString second = easel::ImageFile::text(
            easel::ImageFile::readTextChunks(story.filePath(QStringLiteral("frame_00003500.png"))), QStringLiteral("parameters"));
        QVERIFY(second.contains(QStringLiteral("Negative prompt: night")));
        QVERIFY(second.contains(QStringLiteral("Seed: 101,"))); // --seed + the entry's index

        QFile meta(story.filePath(QStringLiteral("metadata.json")));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(meta.readAll()).object();
        for (const char* key : { "video_name", "prompts_file", "output_dir", "model", "backend", "num_images", "generated_at",
                 "settings", "images" })
            QVERIFY2(m.contains(QLatin1String(key)), key);
        QCOMPARE(m[QStringLiteral("num_images")].toInt(), 2);
        const QJsonObject settings = m[QStringLiteral("settings")].toObject();
        QCOMPARE(settings[QStringLiteral("num_inference_steps")].toInt(), 2);
        QCOMPARE(m[QStringLiteral("images")].toArray()[1].toObject()[QStringLiteral("timestamp")].toDouble(), 3.5);

        // Resuming: with one frame gone, only that frame is made again.
        QVERIFY(QFile::remove(story.filePath(QStringLiteral("frame_00003500.png"))));
        const QDateTime firstTime = QFileInfo(story.filePath(QStringLiteral("frame_00000500.png"))).lastModified();
        const easel::test::CliRun again = easel::test::runCli(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(again.out.contains(QStringLiteral("1 of 2 frames already written")));
        QVERIFY(story.exists(QStringLiteral("frame_00003500.png")));
        QCOMPARE(QFileInfo(story.filePath(QStringLiteral("frame_00000500.png"))).lastModified(), firstTime);
    }

    void testMalformedBatchNamesEntryAndField()
    {
        const QString prompts = path(QStringLiteral("bad.json"));
        QFile f(prompts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"([{"timestamp": 1, "prompt": "ok"}, {"timestamp": "soon", "prompt": "bad"}])");
        f.close();
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("batch"), prompts, QStringLiteral("--output-dir"), path(QStringLiteral("none")) });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("entry 1")) && r.err.contains(QStringLiteral("timestamp")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("none/bad"))));
    }

    void testComposeMakesAMergedImage()
    {
        const QString out = path(QStringLiteral("scene.png"));
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("compose"), QStringLiteral("--character-prompt"), QStringLiteral("a knight"),
            QStringLiteral("--background-prompt"), QStringLiteral("a misty valley"), QStringLiteral("--steps"), QStringLiteral("2"),
            QStringLiteral("--seed"), QStringLiteral("3"), out });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* name : { "scene.png", "scene-character.png", "scene-background.png" })
            QVERIFY2(QFileInfo::exists(path(QLatin1String(name))), name);
        QFile merged(out);
        QVERIFY(merged.open(QIODevice::ReadOnly));
        const QByteArray header = merged.read(24);
        QCOMPARE(qFromBigEndian<quint32>(header.constData() + 16), quint32(1024)); // default 1024x512
        QCOMPARE(qFromBigEndian<quint32>(header.constData() + 20), quint32(512));
        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(out);
        QVERIFY(easel::ImageFile::text(chunks, QStringLiteral("easel:sources")).contains(QStringLiteral("scene-character.png")));
        const QString character = easel::ImageFile::text(
            easel::ImageFile::readTextChunks(path(QStringLiteral("scene-character.png"))), QStringLiteral("parameters"));
        QVERIFY(character.startsWith(QStringLiteral("a knight, full body")));
        QVERIFY(character.contains(QStringLiteral("Size: 48x64"))); // portrait 3:4 of the tiny model's 64
    }

    void testInterruptCancelsWithoutAFile()
    {
        const QString out = path(QStringLiteral("interrupted.png"));
        QProcess p;
        p.start(QStringLiteral(EASEL_CLI), { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("slow"),
            QStringLiteral("--steps"), QStringLiteral("500"), QStringLiteral("--sampler"), QStringLiteral("euler"), QStringLiteral("--width"), QStringLiteral("256"),
            QStringLiteral("--height"), QStringLiteral("256"), QStringLiteral("--output"), out });
        QVERIFY(p.waitForStarted());
        QTest::qWait(2500); // loaded and sampling
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 3);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("cancelled")));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliGenerate)
#include "tst_cli_generate.moc"
