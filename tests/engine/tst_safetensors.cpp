// SPDX-License-Identifier: MIT
#include "support/testdata.h"

#include "engine/common/error.h"
#include "engine/common/precisionchoice.h"
#include "engine/weights/modelfiles.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace easel::engine;

class TestSafetensors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testReadsFixture()
    {
        SafetensorsFile file(easel::test::tinyModelPath("tiny-sd15", "single-file"));
        QCOMPARE(file.tensors().size(), size_t(1012));
        const TensorEntry* e = file.find("model.diffusion_model.input_blocks.0.0.weight");
        QVERIFY(e);
        QCOMPARE(e->dtype, DType::F16);
        QCOMPARE(e->shape, (std::vector<int64_t> { 32, 4, 3, 3 }));
        const at::Tensor t = file.tensor(*e);
        QCOMPARE(t.scalar_type(), at::kHalf);
        QCOMPARE(t.sizes().vec(), e->shape);
        QVERIFY(at::isfinite(t.to(at::kFloat)).all().item<bool>());
        QVERIFY(!file.find("no.such.tensor"));
    }

    void testTensorsAreViewsOverTheMapping()
    {
        SafetensorsFile file(easel::test::tinyModelPath("tiny-sd15", "single-file"));
        const TensorEntry& a = file.tensors()[0];
        const TensorEntry& b = file.tensors()[1];
        const at::Tensor ta = file.tensor(a), tb = file.tensor(b);
        const auto delta = static_cast<const char*>(tb.data_ptr()) - static_cast<const char*>(ta.data_ptr());
        QCOMPARE(qint64(delta), qint64(b.begin) - qint64(a.begin)); // no copy: both point into one mapping
    }

    void testWritingIntoATensorNeverChangesTheFile()
    {
        const QString path = QString::fromStdString(easel::test::tinyModelPath("tiny-sd15", "single-file"));
        const std::string name = "model.diffusion_model.out.2.bias";
        at::Tensor before;
        {
            SafetensorsFile file(path.toStdString());
            before = file.tensor(name).clone();
            file.tensor(name).fill_(42);
        }
        SafetensorsFile again(path.toStdString());
        QVERIFY(at::equal(again.tensor(name), before));
    }

    // A weight stored in the module's dtype and layout becomes a view of the file (no copy); the others are
    // converted once. Writing into a view, as a LoRA does, copies only the pages written: the file stays.
    void testLoadModuleViewsTheFileWhereItCan()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("w.safetensors")).toStdString();
        const at::Tensor conv = at::randn({ 4, 3, 3, 3 });
        const at::Tensor half = at::randn({ 5 }).to(at::kHalf);
        writeSafetensors(path, { { "conv", conv }, { "half", half } });
        const auto file = std::make_shared<const SafetensorsFile>(path);
        ComponentWeights weights(Component::Unet,
            { { "conv", { file, file->find("conv"), KeyOp::Identity } },
                { "half", { file, file->find("half"), KeyOp::Identity } } });
        torch::nn::Module module;
        module.register_parameter("conv", at::empty({ 4, 3, 3, 3 }), false);
        module.register_parameter("half", at::empty({ 5 }), false);
        loadModule(module, weights);
        at::Tensor loadedConv = module.named_parameters()["conv"];
        const at::Tensor loadedHalf = module.named_parameters()["half"];
        QVERIFY(file->maps(loadedConv));
        QVERIFY(!file->maps(loadedHalf));
        QVERIFY(at::equal(loadedConv, conv));
        QVERIFY(at::equal(loadedHalf, half.to(at::kFloat)));

        at::NoGradGuard noGrad;
        loadedConv.add_(1.0);
        QVERIFY(at::equal(loadedConv, conv + 1.0));
        const SafetensorsFile again(path);
        QVERIFY(at::equal(again.tensor("conv"), conv));
    }

    // A module prepared for channels_last (and another dtype) is loaded straight into it: one conversion, no
    // contiguous copy first.
    void testLoadModuleStraightIntoChannelsLast()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("cl.safetensors")).toStdString();
        const at::Tensor conv = at::randn({ 8, 4, 3, 3 });
        const at::Tensor bias = at::randn({ 8 }); // not 4-d: stays contiguous
        writeSafetensors(path, { { "conv", conv }, { "bias", bias } });
        const auto file = std::make_shared<const SafetensorsFile>(path);
        ComponentWeights weights(Component::Vae,
            { { "conv", { file, file->find("conv"), KeyOp::Identity } },
                { "bias", { file, file->find("bias"), KeyOp::Identity } } });
        for (const at::ScalarType type : { at::kFloat, at::kBFloat16 }) {
            torch::nn::Module module;
            module.register_parameter("conv", at::empty({ 8, 4, 3, 3 }), false);
            module.register_parameter("bias", at::empty({ 8 }), false);
            ComputeFormat format;
            format.dtype = type;
            format.channelsLast = true;
            prepareComputeFormat(module, format);
            loadModule(module, weights);
            const at::Tensor loaded = module.named_parameters()["conv"];
            QCOMPARE(loaded.scalar_type(), type);
            QVERIFY(loaded.is_contiguous(at::MemoryFormat::ChannelsLast));
            QVERIFY(!loaded.is_contiguous());
            QVERIFY(!file->maps(loaded));
            QVERIFY(at::equal(loaded, conv.to(type)));
            const at::Tensor loadedBias = module.named_parameters()["bias"];
            QCOMPARE(loadedBias.scalar_type(), type);
            QVERIFY(at::equal(loadedBias, bias.to(type)));
        }
    }

    void testReadCopiesWithoutTheMapping()
    {
        const std::string path = easel::test::tinyModelPath("tiny-sd15", "single-file");
        const SafetensorsFile file(path);
        const TensorEntry* e = file.find("model.diffusion_model.input_blocks.0.0.weight");
        QVERIFY(e);
        at::Tensor buffer;
        const at::Tensor read = file.read(*e, buffer);
        QVERIFY(!file.maps(read));
        QVERIFY(file.maps(file.tensor(*e)));
        QVERIFY(at::equal(read, file.tensor(*e)));
    }

    void testMetadata()
    {
        SafetensorsFile file(easel::test::testDataFile("taesd/random-taesd_decoder.safetensors"));
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        QVERIFY(file.metadata().count("note"));
    }

    void testWriteRoundTripAllDtypes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("t.safetensors")).toStdString();
        std::vector<std::pair<std::string, at::Tensor>> tensors;
        for (at::ScalarType type : { at::kDouble, at::kFloat, at::kHalf, at::kBFloat16, at::kLong, at::kInt, at::kShort,
                 at::kChar, at::kByte, at::kBool }) {
            tensors.emplace_back(std::string(c10::toString(type)), (at::arange(6).reshape({ 2, 3 }) % 2).to(type));
        }
        tensors.emplace_back("empty", at::zeros({ 0, 4 }));
        writeSafetensors(path, tensors, { { "who", "easel" } });
        SafetensorsFile file(path);
        QCOMPARE(file.metadata().at("who"), std::string("easel"));
        for (const auto& [name, t] : tensors) {
            const at::Tensor back = file.tensor(name);
            QCOMPARE(back.scalar_type(), t.scalar_type());
            QVERIFY2(at::equal(back, t), name.c_str());
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("t.safetensors.tmp"))));
    }

    void testWriteFailureNamesTheFile()
    {
        try {
            writeSafetensors("/nonexistent-dir/x.safetensors", { { "a", at::zeros({ 2 }) } });
            QFAIL("expected an error");
        } catch (const EngineError& e) {
            QVERIFY(QString::fromUtf8(e.what()).startsWith(QStringLiteral("/nonexistent-dir/x.safetensors: ")));
        }
    }

    void testDtypeNames()
    {
        for (const char* name : { "F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" }) {
            const auto d = parseDType(name);
            QVERIFY2(d.has_value(), name);
            QCOMPARE(QString::fromLatin1(dtypeName(*d)), QString::fromLatin1(name));
        }
        QVERIFY(!parseDType("F12"));
        QCOMPARE(dtypeSize(DType::BF16), size_t(2));
    }

    void testParserRejectsWithoutReadingOutside_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto file = [](const QByteArray& header, int dataBytes) -> QByteArray {
            QByteArray b(8, '\0');
            for (int i = 0; i < 8; ++i)
                b[i] = char((quint64(header.size()) >> (8 * i)) & 0xff);
            return b + header + QByteArray(dataBytes, '\0');
        };
        QTest::newRow("short") << QByteArray("abc") << QStringLiteral("shorter than the 8-byte");
        QTest::newRow("array header") << file("[1,2]", 0) << QStringLiteral("not a JSON object");
        QTest::newRow("deep nesting") << file("{\"a\":" + QByteArray(5000, '[') + QByteArray(5000, ']') + "}", 0)
                                      << QStringLiteral("nested too deeply");
        QTest::newRow("negative dim") << file(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}})", 0)
                                      << QStringLiteral("tensor 'w': shape");
        QTest::newRow("overflowing shape")
            << file(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,16]}})", 16)
            << QStringLiteral("overflows");
        QTest::newRow("offsets reversed") << file(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[8,0]}})", 8)
                                          << QStringLiteral("end before they begin");
        QTest::newRow("beyond data") << file(R"({"w":{"dtype":"U8","shape":[16],"data_offsets":[0,16]}})", 8)
                                     << QStringLiteral("truncated");
        QTest::newRow("missing dtype") << file(R"({"w":{"shape":[1],"data_offsets":[0,1]}})", 1)
                                       << QStringLiteral("missing or invalid dtype");
        QTest::newRow("metadata not object") << file(R"({"__metadata__":[1]})", 0) << QStringLiteral("__metadata__");
    }

    void testParserRejectsWithoutReadingOutside()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        // A heap copy of exactly the bytes, so a sanitizer would catch any read past the end.
        std::vector<uint8_t> data(bytes.begin(), bytes.end());
        try {
            parseSafetensors(data.data(), data.size(), "mem.safetensors");
            QFAIL("expected an error");
        } catch (const EngineError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("mem.safetensors: ")), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
        }
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
