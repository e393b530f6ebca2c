// SPDX-License-Identifier: MIT
// The benchmark library: its variants and settings, and the UNet conditioning it shares with the
// pipeline (SDXL time ids: 6 for the base model, 5 for the refiner). Timing itself is never
// asserted; the easel-bench smoke test (tests/engine/CMakeLists.txt) runs it on the tiny model.

#include "support/testdata.h"

#include "engine/bench/bench.h"
#include "engine/bench/benchmark.h"
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <QtTest>

using namespace easel::engine;

class TestBench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testVariants()
    {
        const std::vector<BenchVariant> v = parseBenchVariants("fp32,bf16-cl,fp32-blocked,bf16-cl-sliced", c10::kCPU);
        QCOMPARE(v.size(), size_t(4));
        QCOMPARE(v[0].dtype, at::kFloat);
        QCOMPARE(v[0].attention, AttentionMode::Auto);
        QCOMPARE(v[1].dtype, at::kBFloat16);
        QVERIFY(v[1].channelsLast);
        QCOMPARE(v[2].attention, AttentionMode::Blocked);
        QCOMPARE(v[3].attention, AttentionMode::Sliced);
        QVERIFY(v[3].channelsLast);
        QCOMPARE(QString::fromStdString(v[3].name), QStringLiteral("bf16-cl-sliced"));
        QVERIFY_THROWS_EXCEPTION(EngineError, parseBenchVariants("fp17", c10::kCPU));
        QVERIFY_THROWS_EXCEPTION(EngineError, parseBenchVariants("fp32-fast", c10::kCPU));
        QVERIFY_THROWS_EXCEPTION(EngineError, parseBenchVariants("fp16", c10::kCPU)); // fp16 needs CUDA
        QVERIFY_THROWS_EXCEPTION(EngineError, parseBenchVariants(",", c10::kCPU));
    }

    void testSettings_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); ///< part of the message; empty: valid
        QTest::newRow("defaults") << "" << "" << "";
        QTest::newRow("arch") << "arch" << "sd3" << "unknown architecture 'sd3'";
        QTest::newRow("size") << "size" << "60" << "multiples of 8";
        QTest::newRow("steps") << "steps" << "-1" << "steps";
        QTest::newRow("runs") << "runs" << "0" << "runs";
        QTest::newRow("threads") << "threads" << "2000" << "threads";
        QTest::newRow("device") << "device" << "tpu" << "unknown device 'tpu'";
        QTest::newRow("save-only alone") << "saveOnly" << "" << "save-only";
        QTest::newRow("model and save") << "saveModelDir" << "/tmp/x" << "cannot go with a model";
    }

    void testSettings()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        BenchSettings s;
        if (field == QLatin1String("arch"))
            s.arch = value.toStdString();
        else if (field == QLatin1String("size"))
            s.width = s.height = value.toInt();
        else if (field == QLatin1String("steps"))
            s.steps = value.toInt();
        else if (field == QLatin1String("runs"))
            s.runs = value.toInt();
        else if (field == QLatin1String("threads"))
            s.threads = value.toInt();
        else if (field == QLatin1String("device"))
            s.device = value.toStdString();
        else if (field == QLatin1String("saveOnly"))
            s.saveOnly = true;
        else if (field == QLatin1String("saveModelDir")) {
            s.model = "model.safetensors";
            s.saveModelDir = value.toStdString();
        }
        try {
            validateBenchSettings(s);
            QVERIFY2(expected.isEmpty(), qPrintable(QStringLiteral("accepted; expected: ") + expected));
        } catch (const EngineError& e) {
            QVERIFY2(!expected.isEmpty() && QString::fromUtf8(e.what()).contains(expected), e.what());
            QVERIFY(!QString::fromUtf8(e.what()).contains(QLatin1Char('\n')));
        }
    }

    void testSdxlTimeIds()
    {
        UNetConfig base;
        base.textTimeEmbedding = true;
        base.additionTimeEmbedDim = 256;
        base.projectionClassEmbeddingsInputDim = 1280 + 6 * 256; // SDXL base: 2816
        const SdxlTimeIds b = sdxlTimeIds(base, 1280, 1024, 768);
        QCOMPARE(b.positive.sizes().vec(), (std::vector<int64_t> { 1, 6 }));
        QVERIFY(at::equal(b.positive, at::tensor({ 768.0f, 1024.0f, 0.0f, 0.0f, 768.0f, 1024.0f }).unsqueeze(0)));
        QVERIFY(at::equal(b.negative, b.positive));

        UNetConfig refiner = base;
        refiner.projectionClassEmbeddingsInputDim = 1280 + 5 * 256; // the refiner: 2560
        const SdxlTimeIds r = sdxlTimeIds(refiner, 1280, 1024, 1024);
        QCOMPARE(r.positive.sizes().vec(), (std::vector<int64_t> { 1, 5 }));
        QVERIFY(at::equal(r.positive, at::tensor({ 1024.0f, 1024.0f, 0.0f, 0.0f, 6.0f }).unsqueeze(0)));
        QVERIFY(at::equal(r.negative, at::tensor({ 1024.0f, 1024.0f, 0.0f, 0.0f, 2.5f }).unsqueeze(0)));
    }

    void testUnetInputs()
    {
        LoadOptions options;
        options.vocabularyDir = easel::test::resourceFile("clip");
        const auto sd = StableDiffusion::load(easel::test::tinyModelPath("tiny-sdxl", "single-file"), options);
        const PromptTokens pos = sd->tokenize("a fox", PromptSyntax::A1111);
        const PromptTokens neg = sd->tokenize("blurry", PromptSyntax::A1111);
        const TextConditioner::Pair pair = sd->textConditioner().encodePair(pos, &neg);
        const UNetInputs in = sd->unetInputs(pair.positive, &pair.negative, 2, 64, 48);
        QVERIFY(in.guided);
        QCOMPARE(in.context.size(0), int64_t(4));
        QVERIFY(in.addedOrNull());
        QCOMPARE(in.added.timeIds.sizes().vec(), (std::vector<int64_t> { 4, 6 }));
        QCOMPARE(in.added.timeIds[3][0].item<float>(), 48.0f); // original height
        QVERIFY(at::equal(in.context[0], in.context[1])); // unconditional rows first
        QVERIFY(!at::equal(in.context[1], in.context[2]));
        const UNetInputs one = in.rows(1, 1, 2); // image 1: its unconditional and conditional rows
        QCOMPARE(one.context.size(0), int64_t(2));
        QVERIFY(at::equal(one.context[0], in.context[1]));
        QVERIFY(at::equal(one.context[1], in.context[3]));
        QVERIFY(at::equal(one.added.timeIds[1], in.added.timeIds[3]));

        const UNetInputs plain = sd->unetInputs(pair.positive, nullptr, 1, 64, 64);
        QVERIFY(!plain.guided);
        QCOMPARE(plain.context.size(0), int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestBench)
#include "tst_bench.moc"
