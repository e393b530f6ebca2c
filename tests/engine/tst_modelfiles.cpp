// SPDX-License-Identifier: MIT
#include "support/badmodels.h"
#include "support/testdata.h"

#include "engine/common/error.h"
#include "engine/weights/modelfiles.h"

#include <ATen/ATen.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace easel::engine;
using easel::test::tinyModelPath;

Q_DECLARE_METATYPE(ModelFamily)

class TestModelFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testDetects_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<ModelFamily>("family");
        QTest::addColumn<int>("components");
        QTest::addColumn<qint64>("contextDim");
        for (const char* layout : { "single-file", "diffusers" }) {
            QTest::addRow("sd15 %s", layout) << "tiny-sd15" << layout << ModelFamily::SD1 << 3 << qint64(32);
            QTest::addRow("sdxl %s", layout) << "tiny-sdxl" << layout << ModelFamily::SDXLBase << 4 << qint64(64);
        }
    }

    void testDetects()
    {
        QFETCH(QString, model);
        QFETCH(QString, layout);
        QFETCH(ModelFamily, family);
        QFETCH(int, components);
        QFETCH(qint64, contextDim);
        const auto files = ModelFiles::open(tinyModelPath(model.toStdString(), layout.toStdString()));
        const ModelInfo& info = files->info();
        QCOMPARE(info.layout, layout == QLatin1String("diffusers") ? ModelLayout::Diffusers : ModelLayout::SingleFile);
        QCOMPARE(info.family, family);
        QCOMPARE(int(info.components.size()), components);
        QCOMPARE(info.contextDim, contextDim);
        QCOMPARE(info.unetInChannels, qint64(4));
        QVERIFY(!info.inpainting);
        QCOMPARE(info.prediction, Prediction::Epsilon);
        for (const ComponentSummary& c : info.components) {
            QVERIFY(c.parameters > 0);
            QCOMPARE(c.dtypes.size(), size_t(1));
            QCOMPARE(c.dtypes.begin()->first, std::string("F16"));
        }
        QCOMPARE(files->config(Component::Unet)["block_out_channels"][0].get<int>(), 32);
        QCOMPARE(files->schedulerConfig().value("steps_offset", 0), 1);
    }

    void testSameParameterCountsInBothLayouts_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sd15") << "tiny-sd15";
        QTest::newRow("sdxl") << "tiny-sdxl";
    }

    void testSameParameterCountsInBothLayouts()
    {
        QFETCH(QString, model);
        const auto single = ModelFiles::open(tinyModelPath(model.toStdString(), "single-file"));
        const auto folder = ModelFiles::open(tinyModelPath(model.toStdString(), "diffusers"));
        QCOMPARE(single->info().components.size(), folder->info().components.size());
        for (const ComponentSummary& c : folder->info().components) {
            const ComponentSummary* s = single->info().component(c.component);
            QVERIFY2(s, componentName(c.component));
            QCOMPARE(s->parameters, c.parameters);
            QCOMPARE(s->bytes, c.bytes);
        }
    }

    void testStandaloneVae()
    {
        const auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "diffusers") + "/vae/diffusion_pytorch_model.safetensors");
        QCOMPARE(files->info().layout, ModelLayout::StandaloneVae);
        QCOMPARE(files->info().components.size(), size_t(1));
        QCOMPARE(files->info().components[0].component, Component::Vae);
        QCOMPARE(files->info().components[0].parameters, int64_t(1732679));
    }

    void testInpaintingAndVPrediction()
    {
        // A 9-channel UNet input makes an inpainting model; a "v_pred" key a v-prediction one.
        QTemporaryDir dir;
        SafetensorsFile source(tinyModelPath("tiny-sd15", "single-file"));
        std::vector<std::pair<std::string, at::Tensor>> tensors;
        for (const TensorEntry& e : source.tensors()) {
            at::Tensor t = source.tensor(e);
            if (e.name == "model.diffusion_model.input_blocks.0.0.weight")
                t = at::zeros({ 32, 9, 3, 3 }, at::kHalf);
            tensors.emplace_back(e.name, t);
        }
        tensors.emplace_back("v_pred", at::zeros({ 0 }));
        const std::string path = dir.filePath(QStringLiteral("inpaint.safetensors")).toStdString();
        writeSafetensors(path, tensors, { { "modelspec.license", "Example Licence 1.0" } });
        const auto files = ModelFiles::open(path);
        QVERIFY(files->info().inpainting);
        QCOMPARE(files->info().unetInChannels, qint64(9));
        QCOMPARE(files->info().prediction, Prediction::VPrediction);
        QCOMPARE(modelLicence(files->info()).name, std::string("Example Licence 1.0"));
    }

    void testLicenceByFamily()
    {
        ModelInfo info;
        info.family = ModelFamily::SD1;
        QCOMPARE(modelLicence(info).name, std::string("CreativeML OpenRAIL-M"));
        info.family = ModelFamily::SDXLBase;
        QCOMPARE(modelLicence(info).name, std::string("CreativeML OpenRAIL++-M"));
        QVERIFY(!modelLicence(info).restrictions.empty());
    }

    // Found by fuzzing (tests/fuzz, fuzz_modelconfig): a diffusers config value of the wrong JSON type made
    // open() throw nlohmann's type_error. It opens now (the model's config reader names the value when it
    // loads), or fails with an EngineError.
    void testConfigValuesOfTheWrongType_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("in_channels string") << "unet/config.json"
                                            << "in_channels" << QByteArray(R"("4")");
        QTest::newRow("cross_attention_dim strings") << "unet/config.json"
                                                     << "cross_attention_dim" << QByteArray(R"(["x"])");
        QTest::newRow("cross_attention_dim huge") << "unet/config.json"
                                                  << "cross_attention_dim" << QByteArray("1e300");
        QTest::newRow("addition_embed_type number") << "unet/config.json"
                                                    << "addition_embed_type" << QByteArray("5");
        QTest::newRow("hidden_act number") << "text_encoder/config.json"
                                           << "hidden_act" << QByteArray("5");
        QTest::newRow("_class_name number") << "model_index.json"
                                            << "_class_name" << QByteArray("5");
        QTest::newRow("unet null") << "model_index.json"
                                   << "unet" << QByteArray("null");
    }

    void testConfigValuesOfTheWrongType()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(QByteArray, value);
        namespace fs = std::filesystem;
        QTemporaryDir dir;
        const fs::path source = tinyModelPath("tiny-sd15", "diffusers");
        const fs::path model = fs::path(dir.path().toStdString()) / "model";
        for (const auto& entry : fs::recursive_directory_iterator(source)) {
            const fs::path target = model / fs::relative(entry.path(), source);
            if (entry.is_directory())
                fs::create_directories(target);
            else if (entry.path().extension() == ".json")
                fs::copy_file(entry.path(), target);
            else
                fs::create_symlink(entry.path(), target); // the weights stay where they are
        }
        QFile json(QString::fromStdString((model / file.toStdString()).string()));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QJsonObject object = QJsonDocument::fromJson(json.readAll()).object();
        json.close();
        object.insert(key, QJsonDocument::fromJson("[" + value + "]").array().at(0));
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(QJsonDocument(object).toJson());
        json.close();
        try {
            const auto files = ModelFiles::open(model.string());
            QVERIFY(files->has(Component::Unet));
        } catch (const EngineError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromStdString(model.string())), e.what());
        }
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
            const auto files = ModelFiles::open(path.toStdString());
            QFAIL("expected an error");
        } catch (const EngineError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelFiles)
#include "tst_modelfiles.moc"
