// SPDX-License-Identifier: MIT
// describeModel() and findModels() on the tiny fixture models and the bundled demo model: what the loader
// says without loading the weights, the memory estimate per precision, and bad inputs.

#include "common/error.h"
#include "jobs/modeldescription.h"
#include "jobs/resources.h"
#include "support/badmodels.h"
#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using easel::describeModel;
using easel::Device;
using easel::ModelDescription;
using easel::Precision;

namespace {

QString tinyModel(const char* model, const char* layout)
{
    return QString::fromStdString(easel::test::tinyModelPath(model, layout));
}

bool touch(const QString& path, const QByteArray& bytes = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestModelDescription : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFixtures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QStringList>("components");
        const QStringList sd15 { QStringLiteral("unet"), QStringLiteral("vae"), QStringLiteral("text_encoder") };
        const QStringList sdxl = sd15 + QStringList { QStringLiteral("text_encoder_2") };
        QTest::newRow("sd15 single file") << tinyModel("tiny-sd15", "single-file") << "SD 1.x"
                                          << "sd1"
                                          << "single-file (original LDM keys)" << sd15;
        QTest::newRow("sd15 diffusers") << tinyModel("tiny-sd15", "diffusers") << "SD 1.x"
                                        << "sd1"
                                        << "diffusers folder" << sd15;
        QTest::newRow("sdxl single file") << tinyModel("tiny-sdxl", "single-file") << "SDXL base"
                                          << "sdxl"
                                          << "single-file (original LDM keys)" << sdxl;
        QTest::newRow("sdxl diffusers") << tinyModel("tiny-sdxl", "diffusers") << "SDXL base"
                                        << "sdxl"
                                        << "diffusers folder" << sdxl;
        QTest::newRow("demo") << easel::demoModelPath() << "SD 1.x"
                              << "sd1"
                              << "single-file (original LDM keys)" << sd15;
    }

    void testFixtures()
    {
        QFETCH(QString, path);
        QFETCH(QString, architecture);
        QFETCH(QString, family);
        QFETCH(QString, layout);
        QFETCH(QStringList, components);
        const ModelDescription d = describeModel(path, Device::Cpu, Precision::Fp32);
        QCOMPARE(d.path, path);
        QCOMPARE(d.architecture, architecture);
        QCOMPARE(d.family, family);
        QCOMPARE(d.layout, layout);
        QVERIFY(d.usable());
        QVERIFY(!d.standaloneVae);
        QCOMPARE(d.demo, path == easel::demoModelPath());
        QCOMPARE(d.unetInChannels, qint64(4));
        QVERIFY(!d.vPrediction);
        QVERIFY(!d.predictionSource.isEmpty());
        QStringList names;
        qint64 parameters = 0;
        qint64 stored = 0;
        for (const easel::ModelComponentDescription& c : d.components) {
            names << c.name;
            QVERIFY(c.parameters > 0 && c.tensors > 0 && c.bytes > 0);
            QCOMPARE(c.dtypes.keys(), QStringList { QStringLiteral("F16") }); // the fixtures are stored in fp16
            parameters += c.parameters;
            stored += c.bytes;
        }
        QCOMPARE(names, components);
        QCOMPARE(d.parameters, parameters);
        QCOMPARE(d.dtypes, QStringList { QStringLiteral("F16") });

        // On disk: the file, or every file of the folder (configs, tokenizer...).
        const QFileInfo info(path);
        if (info.isDir()) {
            QCOMPARE(d.name, info.fileName());
            QVERIFY(d.diskBytes > stored);
        } else {
            QCOMPARE(d.name, info.completeBaseName());
            QCOMPARE(d.diskBytes, info.size());
        }

        // The memory to run: parameters at the precision it runs in (fp16 weights become fp32 on a CPU).
        QCOMPARE(d.runDevice, Device::Cpu);
        QCOMPARE(d.runPrecision, Precision::Fp32);
        QCOMPARE(d.runBytes, 4 * parameters);
        QCOMPARE(d.weightBytesAt(Precision::Bf16), 2 * parameters);
        const qint64 vae = d.components.at(1).parameters;
        // SDXL's VAE stays fp32 under fp16, as the engine runs it.
        QCOMPARE(d.weightBytesAt(Precision::Fp16), 2 * parameters + (family == QLatin1String("sdxl") ? 2 * vae : 0));
        const ModelDescription half = describeModel(path, Device::Cpu, Precision::Bf16);
        QCOMPARE(half.runPrecision, Precision::Bf16);
        QCOMPARE(half.runBytes, 2 * parameters);

        // The licence the engine names (these random-weight fixtures carry none: the family's).
        QVERIFY(!d.licenceName.isEmpty());
        QVERIFY(d.licenceUrl.startsWith(QStringLiteral("https://")));
        QVERIFY(!d.licenceRestrictions.isEmpty());
        QCOMPARE(d.licenceSource, QStringLiteral("family default"));
    }

    // Auto resolves as ModelService does: here (tests run on the CPU build or with CUDA) a real choice.
    void testAutoResolves()
    {
        const ModelDescription d = describeModel(easel::demoModelPath());
        QVERIFY(d.runDevice != Device::Auto);
        QVERIFY(d.runPrecision != Precision::Auto);
        QCOMPARE(d.runBytes, d.weightBytesAt(d.runPrecision));
    }

    void testBadInputs_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        static QTemporaryDir dir;
        for (const easel::test::BadModel& bad : easel::test::writeBadModels(dir.path()))
            QTest::newRow(qPrintable(bad.name)) << bad.path << bad.expected;
    }

    void testBadInputs()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        try {
            describeModel(path);
            QFAIL("no error");
        } catch (const easel::Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
    }

    void testFindModels()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(touch(root + QStringLiteral("/a.safetensors")));
        QVERIFY(touch(root + QStringLiteral("/B.SAFETENSORS")));
        QVERIFY(touch(root + QStringLiteral("/a.json"))); // a sidecar, not a model
        QVERIFY(touch(root + QStringLiteral("/old.ckpt"))); // pickle: refused by the engine
        QVERIFY(touch(root + QStringLiteral("/weights.bin")));
        QVERIFY(touch(root + QStringLiteral("/.c.safetensors.part"))); // a partial download
        QVERIFY(touch(root + QStringLiteral("/.hidden.safetensors")));
        QVERIFY(touch(root + QStringLiteral("/taesd/taesd.safetensors"))); // preview decoders
        QVERIFY(touch(root + QStringLiteral("/taesdxl.safetensors")));
        QVERIFY(touch(root + QStringLiteral("/sdxl/model_index.json"))); // a diffusers folder...
        QVERIFY(touch(root + QStringLiteral("/sdxl/unet/diffusion_pytorch_model.safetensors"))); // ...not its parts
        QVERIFY(touch(root + QStringLiteral("/fine-tunes/d.safetensors"))); // one level down
        QVERIFY(touch(root + QStringLiteral("/fine-tunes/e/model_index.json")));
        QVERIFY(touch(root + QStringLiteral("/fine-tunes/deeper/f.safetensors"))); // two levels: not looked at
        QVERIFY(touch(root + QStringLiteral("/empty/readme.txt")));
        QVERIFY(touch(root + QStringLiteral("/Lora/style.safetensors"))); // LoRAs, not models
        QVERIFY(touch(root + QStringLiteral("/lycoris/detail.safetensors")));
        const QStringList expected = { root + QStringLiteral("/a.safetensors"), root + QStringLiteral("/B.SAFETENSORS"),
            root + QStringLiteral("/fine-tunes/d.safetensors"), root + QStringLiteral("/fine-tunes/e"),
            root + QStringLiteral("/sdxl") };
        QCOMPARE(easel::findModels(root), expected);

        // A diffusers folder is one model; a missing folder, none.
        QCOMPARE(easel::findModels(root + QStringLiteral("/sdxl")), QStringList { root + QStringLiteral("/sdxl") });
        QVERIFY(easel::findModels(root + QStringLiteral("/missing")).isEmpty());
        QVERIFY(easel::findModels(QString()).isEmpty());

        // The fixtures' folder: both layouts of both tiny models.
        const QString models = easel::test::testDataPath(QStringLiteral("models"));
        QCOMPARE(easel::findModels(models + QStringLiteral("/tiny-sd15")),
            QStringList({ models + QStringLiteral("/tiny-sd15/diffusers"),
                models + QStringLiteral("/tiny-sd15/single-file/tiny-sd15.safetensors") }));
    }

    void testFamilyLicence()
    {
        const ModelDescription sd1 = easel::describeFamilyLicence(QStringLiteral("sd1"));
        QCOMPARE(sd1.licenceName, QStringLiteral("CreativeML OpenRAIL-M"));
        QCOMPARE(sd1.licenceSource, QStringLiteral("family default"));
        QVERIFY(sd1.licenceRestrictions.contains(QStringLiteral("minors")));
        QVERIFY(!sd1.licenceUrl.isEmpty());
        QCOMPARE(easel::describeFamilyLicence(QStringLiteral("sdxl")).licenceName, QStringLiteral("CreativeML OpenRAIL++-M"));
        QCOMPARE(easel::describeFamilyLicence(QString()).licenceName, QStringLiteral("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestModelDescription)
#include "tst_modeldescription.moc"
