// SPDX-License-Identifier: MIT
// easel-cli generate for the newer model families against diffusers (goldens-next), both layouts: SD 2.x
// v-prediction, inpainting (--init-image --mask, 9-channel and plain models), SDXL-Turbo and LCM-LoRA through
// --preset fast; the final latents come out through --save-latents.

#include "support/clirunner.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>
#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

namespace {

const std::string kSet = "goldens-next";

QString modelPath(const nlohmann::json& c, const QString& layout)
{
    return QString::fromStdString(easel::test::tinyModelPath(c["model"], layout.toStdString()));
}

at::Tensor golden(const nlohmann::json& c, const char* side, const char* key)
{
    return easel::test::goldenTensor(c[side]["file"], c[side]["keys"][key], kSet);
}

// An NCHW float tensor in [0, 1] (the goldens' images are k/255) as an 8-bit PNG.
void writePng(const QString& path, const at::Tensor& image)
{
    at::Tensor hwc = (image[0].permute({ 1, 2, 0 }) * 255).round().clamp(0, 255).to(at::kByte).contiguous();
    if (hwc.size(2) == 3)
        hwc = hwc.flip(2).contiguous(); // OpenCV writes BGR
    const cv::Mat mat(int(hwc.size(0)), int(hwc.size(1)), hwc.size(2) == 3 ? CV_8UC3 : CV_8UC1, hwc.data_ptr<uint8_t>());
    QVERIFY(cv::imwrite(path.toStdString(), mat));
}

} // namespace

class TestCliFamilies : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// Runs `generate` for case `c` at 64x64 in fp32 with `extra` flags; its prompts as diffusers read them,
    /// its noise in when it has one; the final latents against the case's.
    void runCase(const nlohmann::json& c, const QString& layout, const QStringList& extra)
    {
        const nlohmann::json& p = c["params"];
        const QString name = QString::fromStdString(c["id"]) + QLatin1Char('-') + layout;
        QStringList args { QStringLiteral("generate"), QStringLiteral("--model"), modelPath(c, layout),
            QStringLiteral("--prompt"), QString::fromStdString(p["prompt"]), QStringLiteral("--width"),
            QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--prompt-syntax"),
            QStringLiteral("plain"), QStringLiteral("--dtype"), QStringLiteral("fp32"), QStringLiteral("--save-latents"),
            path(name + QStringLiteral(".safetensors")), QStringLiteral("--output"), path(name + QStringLiteral(".png")) };
        if (p.contains("negative_prompt") && !p["negative_prompt"].is_null())
            args << QStringLiteral("--negative-prompt") << QString::fromStdString(p["negative_prompt"]);
        args << QStringLiteral("--seed") << QString::number(p.value("generator_seed", 0));
        if (c["inputs"]["keys"].contains("latents")) {
            const QString noise = path(name + QStringLiteral("-noise.safetensors"));
            easel::engine::writeSafetensors(noise.toStdString(), { { "latents", golden(c, "inputs", "latents") } });
            args << QStringLiteral("--init-latents") << noise;
        }
        if (c["inputs"]["keys"].contains("image")) {
            args << QStringLiteral("--init-image") << path(name + QStringLiteral("-image.png"));
            writePng(args.constLast(), golden(c, "inputs", "image"));
            args << QStringLiteral("--mask") << path(name + QStringLiteral("-mask.png"));
            writePng(args.constLast(), golden(c, "inputs", "mask_image"));
        }
        const easel::test::CliRun r = easel::test::runCli(args + extra);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const easel::engine::SafetensorsFile result(path(name + QStringLiteral(".safetensors")).toStdString());
        EASEL_COMPARE_TENSORS(result.tensor("latents"), golden(c, "outputs", "latents"), c["tolerance"]["rtol"],
            c["tolerance"]["atol"], "latents");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void testCases_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QStringList>("flags");
        const QStringList ddim { QStringLiteral("--sampler"), QStringLiteral("ddim") };
        const QStringList euler { QStringLiteral("--sampler"), QStringLiteral("euler") };
        const QString lcm = easel::test::testDataPath(QStringLiteral("lora/tiny-sd15-lcm-lora.safetensors"));
        for (const char* layout : { "diffusers", "single-file" }) {
            QTest::addRow("sd2 v euler %s", layout) << "tiny-sd2v.txt2img.euler_v" << layout << (euler + QStringList { QStringLiteral("--steps"), QStringLiteral("4") });
            QTest::addRow("sd2 v ddim %s", layout) << "tiny-sd2v.txt2img.ddim_v" << layout << (ddim + QStringList { QStringLiteral("--steps"), QStringLiteral("5") });
            QTest::addRow("inpaint 9ch euler %s", layout) << "tiny-sd15-inpaint.inpaint.euler" << layout << (euler + QStringList { QStringLiteral("--steps"), QStringLiteral("4") });
            QTest::addRow("inpaint 4ch legacy %s", layout) << "tiny-sd15.inpaint_legacy4ch.ddim_generator" << layout
                                                          << (ddim + QStringList { QStringLiteral("--steps"), QStringLiteral("5"), QStringLiteral("--strength"), QStringLiteral("0.75") });
            QTest::addRow("turbo 1 step %s", layout) << "tiny-sdxl.turbo.euler_a_trailing_1step" << layout << QStringList { QStringLiteral("--preset"), QStringLiteral("fast") };
            QTest::addRow("turbo 2 steps %s", layout) << "tiny-sdxl.turbo.euler_a_trailing_2step" << layout
                                                     << QStringList { QStringLiteral("--preset"), QStringLiteral("fast"), QStringLiteral("--steps"), QStringLiteral("2") };
            QTest::addRow("lcm lora %s", layout) << "tiny-sd15.lcm_lora.lcm_4step" << layout
                                                << QStringList { QStringLiteral("--preset"), QStringLiteral("fast"), QStringLiteral("--lora"), lcm };
        }
    }

    void testCases()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        QFETCH(QStringList, flags);
        runCase(easel::test::goldenCase(id.toStdString(), kSet), layout, flags);
    }

    void testInpaintingErrors()
    {
        const QString model = QString::fromStdString(easel::test::tinyModelPath("tiny-sd15-inpaint", "single-file"));
        const QStringList base { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a door"),
            QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--width"), QStringLiteral("64"),
            QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--output"), path(QStringLiteral("e.png")) };
        easel::test::CliRun r = easel::test::runCli(base + QStringList { QStringLiteral("--mask"), path(QStringLiteral("m.png")) });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--mask needs --init-image")), qPrintable(r.err));
        r = easel::test::runCli(base + QStringList { QStringLiteral("--model"), model });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("this is an inpainting model: give it a source image and a mask")), qPrintable(r.err));
        r = easel::test::runCli(base + QStringList { QStringLiteral("--preset"), QStringLiteral("slow") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--preset: unknown value 'slow' (use fast)")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliFamilies)
#include "tst_cli_families.moc"
