// SPDX-License-Identifier: MIT
// The benchmark library: its variants and settings, and the UNet conditioning it shares with the
// pipeline (SDXL time ids: 6 for the base model, 5 for the refiner). Timing itself is never
// asserted; the easel-bench smoke test (tests/engine/CMakeLists.txt) runs it on the tiny model.

#include "support/testdata.h"

#include "engine/bench/bench.h"
#include "engine/bench/benchmark.h"
#include "engine/bench/opprofile.h"
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

    void testOpKinds()
    {
        QCOMPARE(classifyOp("aten::conv2d"), OpKind::Convolution);
        QCOMPARE(classifyOp("aten::linear"), OpKind::Linear);
        QCOMPARE(classifyOp("aten::addmm"), OpKind::Linear);
        QCOMPARE(classifyOp("aten::scaled_dot_product_attention"), OpKind::Attention);
        QCOMPARE(classifyOp("aten::group_norm"), OpKind::Normalisation);
        QCOMPARE(classifyOp("aten::native_layer_norm"), OpKind::Normalisation);
        QCOMPARE(classifyOp("aten::contiguous"), OpKind::Layout);
        QCOMPARE(classifyOp("aten::to"), OpKind::Layout);
        QCOMPARE(classifyOp("aten::upsample_nearest2d"), OpKind::Layout);
        QCOMPARE(classifyOp("aten::silu"), OpKind::Elementwise);
        QCOMPARE(classifyOp("aten::add_"), OpKind::Elementwise);
    }

    void testOpFlops()
    {
        OpCall conv;
        conv.name = "aten::conv2d";
        conv.shapes = { { 2, 320, 64, 64 }, { 640, 320, 3, 3 }, { 640 } };
        conv.stride = { 2, 2 };
        conv.padding = { 1, 1 };
        conv.dilation = { 1, 1 };
        QCOMPARE(opFlops(conv), 2.0 * 2 * 32 * 32 * 640 * 320 * 9); // from stride and padding
        conv.output = { 2, 640, 32, 32 };
        QCOMPARE(opFlops(conv), 2.0 * 2 * 32 * 32 * 640 * 320 * 9); // from the result's shape
        OpCall grouped; // groups: weight [out, in/groups, k, k]
        grouped.name = "aten::conv2d";
        grouped.shapes = { { 1, 64, 8, 8 }, { 64, 1, 3, 3 } };
        grouped.output = { 1, 64, 8, 8 };
        QCOMPARE(opFlops(grouped), 2.0 * 64 * 64 * 9);

        OpCall linear { "aten::linear", { { 2, 4096, 320 }, { 1280, 320 }, { 1280 } }, {}, {}, {}, {}, 1 };
        QCOMPARE(opFlops(linear), 2.0 * 2 * 4096 * 320 * 1280);
        OpCall bmm { "aten::bmm", { { 16, 4096, 40 }, { 16, 40, 77 } }, {}, {}, {}, {}, 1 };
        QCOMPARE(opFlops(bmm), 2.0 * 16 * 4096 * 40 * 77);
        OpCall addmm { "aten::addmm", { { 1280 }, { 8, 320 }, { 320, 1280 } }, {}, {}, {}, {}, 1 };
        QCOMPARE(opFlops(addmm), 2.0 * 8 * 320 * 1280);
        OpCall matmul { "aten::matmul", { { 2, 8, 100, 40 }, { 40, 77 } }, {}, {}, {}, {}, 1 }; // broadcast
        QCOMPARE(opFlops(matmul), 2.0 * 16 * 100 * 40 * 77);
        OpCall sdpa { "aten::scaled_dot_product_attention", { { 2, 8, 4096, 40 }, { 2, 8, 77, 40 }, { 2, 8, 77, 40 } },
            {}, {}, {}, {}, 1 };
        QCOMPARE(opFlops(sdpa), 4.0 * 16 * 4096 * 77 * 40);
        OpCall add { "aten::add", { { 2, 320, 64, 64 }, { 2, 320, 64, 64 } }, {}, {}, {}, {}, 1 };
        QCOMPARE(opFlops(add), 0.0);
    }

    // A real pass under the profiler: the convolution's FLOPs counted once (conv2d calls
    // convolution and the backend's kernel: only the outermost is counted), attention scoped.
    void testProfilerCountsOnce()
    {
        at::NoGradGuard noGrad;
        const at::Tensor x = at::randn({ 1, 8, 16, 16 });
        const at::Tensor w = at::randn({ 16, 8, 3, 3 });
        const at::Tensor q = at::randn({ 1, 64, 32 });
        OpProfiler profiler;
        profiler.start();
        (void)at::conv2d(x, w, {}, { 1, 1 }, { 1, 1 });
        (void)multiHeadAttention(q, q, q, 2, false, AttentionMode::Matmul);
        (void)at::silu(x);
        const OpProfileResult r = profiler.stop();
        const auto& conv = r.kinds[size_t(OpKind::Convolution)];
        QCOMPARE(conv.calls, int64_t(1));
        QCOMPARE(conv.flops, 2.0 * 16 * 16 * 16 * 8 * 9);
        const auto& attention = r.kinds[size_t(OpKind::Attention)];
        QVERIFY(attention.calls >= 2); // two products and a softmax, at least
        QCOMPARE(attention.flops, 2 * 2.0 * 2 * 64 * 64 * 16); // q k^T and (.) v over 2 heads of 16
        QCOMPARE(r.kinds[size_t(OpKind::Elementwise)].calls, int64_t(1));
        QVERIFY(r.wallSeconds >= r.opSeconds() * 0.5);
        const std::string table = formatOpProfile("test", r, 100.0);
        QVERIFY(table.find("| convolution |") != std::string::npos);
        QVERIFY(table.find("| attention |") != std::string::npos);
        // A second profiler while one runs is refused; after stop() a new one may start.
        OpProfiler again;
        again.start();
        OpProfiler third;
        QVERIFY_THROWS_EXCEPTION(EngineError, third.start());
        (void)again.stop();
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
