// SPDX-License-Identifier: MIT
// easel-cli and LoRAs: --lora FILE[:WEIGHT] (stacked) and <lora:NAME:WEIGHT> with --lora-dir equal diffusers + peft
// (goldens-next) from both layouts, what the PNG records, `info LORA`, and the one-line errors.

#include "support/clirunner.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include "gallery/imagefile.h"
#include "recipe/imagerecipe.h"

#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const std::string kSet = "goldens-next";

QString lora(const char* name)
{
    return easel::test::testDataPath(QStringLiteral("lora/%1.safetensors").arg(QLatin1String(name)));
}

} // namespace

class TestCliLora : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// `generate` with a golden case's prompts, 4 Euler steps at 64x64 in fp32, its noise in and the final
    /// latents out (FILE.safetensors); `extra` adds the LoRA flags.
    easel::test::CliRun generate(const nlohmann::json& c, const QString& layout, const QString& syntax,
        const QString& prompt, const QStringList& extra, const QString& name)
    {
        const nlohmann::json& p = c["params"];
        const QString noise = path(name + QStringLiteral("-noise.safetensors"));
        easel::engine::writeSafetensors(noise.toStdString(),
            { { "latents", easel::test::goldenTensor(c["inputs"]["file"], c["inputs"]["keys"]["latents"], kSet) } });
        const std::string model = c["model"];
        QStringList args { QStringLiteral("generate"), QStringLiteral("--model"),
            QString::fromStdString(easel::test::tinyModelPath(model, layout.toStdString())), QStringLiteral("--prompt"),
            prompt, QStringLiteral("--negative-prompt"), QString::fromStdString(p["negative_prompt"]),
            QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--sampler"), QStringLiteral("euler"),
            QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
            QStringLiteral("--prompt-syntax"), syntax, QStringLiteral("--dtype"), QStringLiteral("fp32"),
            QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("--init-latents"), noise,
            QStringLiteral("--save-latents"), path(name + QStringLiteral(".safetensors")), QStringLiteral("--output"),
            path(name + QStringLiteral(".png")) };
        return easel::test::runCli(args + extra);
    }

    void compareLatents(const nlohmann::json& c, const QString& name)
    {
        const easel::engine::SafetensorsFile result(path(name + QStringLiteral(".safetensors")).toStdString());
        EASEL_COMPARE_TENSORS(result.tensor("latents"),
            easel::test::goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["latents"], kSet), 1e-3, 2e-3,
            "latents");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void testLoraFlags_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        for (const char* id : { "tiny-sd15.lora_a.scale0.5", "tiny-sdxl.lora_ab.stacked_0.8_0.4" }) {
            for (const char* layout : { "diffusers", "single-file" })
                QTest::addRow("%s %s", id, layout) << QString::fromLatin1(id) << QString::fromLatin1(layout);
        }
    }

    void testLoraFlags()
    {
        // --lora FILE:WEIGHT, repeated: the golden's LoRAs at their multipliers; the PNG records them.
        QFETCH(QString, id);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(id.toStdString(), kSet);
        const nlohmann::json& l = c["params"]["lora"];
        QStringList flags;
        for (size_t i = 0; i < l["loras"].size(); ++i) {
            const std::string file = l["loras"][i]["file"];
            flags << QStringLiteral("--lora")
                  << QStringLiteral("%1:%2").arg(easel::test::testDataPath(QString::fromStdString(file)))
                         .arg(l["effective_multipliers"][i].get<double>());
        }
        const QString name = QStringLiteral("flags-%1-%2").arg(id, layout);
        const easel::test::CliRun r = generate(c, layout, QStringLiteral("plain"),
            QString::fromStdString(c["params"]["prompt"]), flags, name);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareLatents(c, name);

        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(path(name + QStringLiteral(".png")));
        const auto record = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(record);
        QCOMPARE(record->loras.size(), qsizetype(l["loras"].size()));
        QCOMPARE(record->loras[0].path, easel::test::testDataPath(QString::fromStdString(l["loras"][0]["file"])));
        QCOMPARE(record->loras[0].weight, l["effective_multipliers"][0].get<double>());
    }

    void testPromptTag_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("diffusers") << "diffusers";
        QTest::newRow("single-file") << "single-file";
    }

    void testPromptTag()
    {
        // <lora:NAME:WEIGHT> looked up in --lora-dir; the A1111 text keeps the tag, as A1111 writes it.
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase("tiny-sd15.lora_a.scale0.5", kSet);
        const QString prompt = QStringLiteral("a photo of a cat <lora:tiny-sd15-lora-a:0.5>");
        const QString name = QStringLiteral("tag-%1").arg(layout);
        const easel::test::CliRun r = generate(c, layout, QStringLiteral("a1111"), prompt,
            { QStringLiteral("--lora-dir"), easel::test::testDataPath(QStringLiteral("lora")) }, name);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        compareLatents(c, name);
        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(path(name + QStringLiteral(".png")));
        QVERIFY(easel::ImageFile::text(chunks, QStringLiteral("parameters")).startsWith(prompt + QLatin1Char('\n')));
        const auto record = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(record);
        QCOMPARE(record->prompt, prompt);
        QVERIFY(record->loras.isEmpty());
    }

    void testLoraHashes()
    {
        // A1111's "Lora hashes": the --lora file under its file name, the prompt's tag under its NAME, each the first
        // 12 hex digits of the SHA-256 of the tensor data after the header (values computed with hashlib).
        const QString out = path(QStringLiteral("hashes.png"));
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("generate"), QStringLiteral("--model"),
            QString::fromStdString(easel::test::tinyModelPath("tiny-sd15", "single-file")), QStringLiteral("--prompt"),
            QStringLiteral("a cat <lora:tiny-sd15-lora-b:0.5>"), QStringLiteral("--lora"),
            lora("tiny-sd15-lora-a") + QStringLiteral(":0.8"), QStringLiteral("--lora-dir"),
            easel::test::testDataPath(QStringLiteral("lora")), QStringLiteral("--steps"), QStringLiteral("1"),
            QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
            QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("--output"), out });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const easel::TextChunks chunks = easel::ImageFile::readTextChunks(out);
        const QString parameters = easel::ImageFile::text(chunks, QStringLiteral("parameters"));
        QVERIFY2(parameters.contains(
                     QLatin1String("Lora hashes: \"tiny-sd15-lora-a: e6233495297e, tiny-sd15-lora-b: a6d66349717d\"")),
            qPrintable(parameters));
        const auto record = easel::ImageRecipe::fromJsonText(easel::ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(record);
        QCOMPARE(record->loraHashes, easel::ImageRecipe::fromA1111Parameters(parameters)->loraHashes);
        QCOMPARE(record->loraHashes.size(), 2);
    }

    void testErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown tag") << QStringList { QStringLiteral("--lora-dir"), easel::test::testDataPath(QStringLiteral("lora")) }
                                     << "a cat <lora:nobody:0.7>" << 1 << "<lora:nobody:0.7>: no LoRA named 'nobody' in ";
        QTest::newRow("sdxl lora on sd 1.5") << QStringList { QStringLiteral("--lora"), lora("tiny-sdxl-lora-a") } << "a cat" << 1
                                             << "(SDXL) is for SDXL, not for this SD 1.x model";
        QTest::newRow("missing file") << QStringList { QStringLiteral("--lora"), path(QStringLiteral("none.safetensors:0.5")) }
                                      << "a cat" << 2 << QStringLiteral("--lora: %1: no such file").arg(path(QStringLiteral("none.safetensors")));
        QTest::newRow("bad weight") << QStringList { QStringLiteral("--lora"), lora("tiny-sd15-lora-b") + QStringLiteral(":50") }
                                    << "a cat" << 2 << "the weight must be a number from -10 to 10";
    }

    void testErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, prompt);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const QStringList args = QStringList { QStringLiteral("generate"), QStringLiteral("--prompt"), prompt,
                                     QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--output"),
                                     path(QStringLiteral("error.png")) }
            + extra;
        const easel::test::CliRun r = easel::test::runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("error.png"))));
    }

    void testInfo()
    {
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("info"), lora("tiny-sd15-lora-a") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* line : { "Base model:    SD 1.x (from ss_base_model_version)", "Rank:          4",
                 "Alpha:         2", "Modules:       236 (", "text encoder 30", "Trigger words: none recorded" })
            QVERIFY2(r.out.contains(QLatin1String(line)), qPrintable(r.out));

        const easel::test::CliRun j = easel::test::runCli({ QStringLiteral("info"), QStringLiteral("--json"), lora("tiny-sdxl-lora-b") });
        QVERIFY2(j.exitCode == 0, qPrintable(j.err));
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("lora"));
        QCOMPARE(o.value(QStringLiteral("base_model")).toString(), QStringLiteral("SDXL"));
        QCOMPARE(o.value(QStringLiteral("module_count")).toInt(), 176);
        QCOMPARE(o.value(QStringLiteral("alphas")).toArray().first().toDouble(), 1.0);

        // A LoHa is named as such.
        const QString loha = path(QStringLiteral("loha.safetensors"));
        easel::engine::writeSafetensors(loha.toStdString(), { { "lora_unet_x.hada_w1_a", at::zeros({ 2, 2 }) } });
        const easel::test::CliRun bad = easel::test::runCli({ QStringLiteral("info"), loha });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QLatin1String("is a LoHa")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestCliLora)
#include "tst_cli_lora.moc"
