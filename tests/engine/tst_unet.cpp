// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/unet.h"
#include "engine/weights/keymap.h"
#include "engine/weights/modelfiles.h"
#include "engine/weights/safetensors.h"

#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

using namespace easel::engine;
using easel::test::goldenTensor;
using easel::test::tinyModelPath;

namespace {



std::vector<std::string> unetKeysOfSingleFile(const SafetensorsFile& file)
{
    const std::string prefix = "model.diffusion_model.";
    std::vector<std::string> keys;
    for (const TensorEntry& e : file.tensors()) {
        if (e.name.compare(0, prefix.size(), prefix) == 0)
            keys.push_back(e.name.substr(prefix.size()));
    }
    return keys;
}

} // namespace

class TestUNet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldens_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("layout");
        for (const char* model : { "tiny-sd15", "tiny-sdxl" }) {
            for (const char* layout : { "diffusers", "single-file" })
                QTest::newRow((std::string(model) + " " + layout).c_str()) << model << layout;
        }
    }

    void testGoldens()
    {
        QFETCH(QString, model);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(model.toStdString() + ".unet");
        const std::string file = c["inputs"]["file"];
        const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];

        auto files = ModelFiles::open(tinyModelPath(model.toStdString(), layout.toStdString()));
        UNet unet = loadUNet(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;

        const at::Tensor sample = goldenTensor(file, "sample");
        const at::Tensor context = goldenTensor(file, "encoder_hidden_states");
        UNetAddedConditioning added;
        const bool sdxl = unet->config().textTimeEmbedding;
        QCOMPARE(sdxl, model == QLatin1String("tiny-sdxl"));
        if (sdxl) {
            added.textEmbeds = goldenTensor(file, "text_embeds");
            added.timeIds = goldenTensor(file, "time_ids");
        }
        double worst = 0;
        for (int t : c["params"]["timesteps"].get<std::vector<int>>()) {
            const at::Tensor timestep = at::scalar_tensor(int64_t(t), at::kLong); // a python int
            const at::Tensor out = unet->forward(sample, timestep, context, sdxl ? &added : nullptr);
            const at::Tensor expected = goldenTensor(file, "noise_pred.t" + std::to_string(t));
            EASEL_COMPARE_TENSORS(out, expected, rtol, atol, "noise_pred.t" + std::to_string(t));
            worst = std::max(worst, (out - expected).abs().max().item<double>());
        }
        qInfo("%s %s: max |diff| vs diffusers %.3g", qPrintable(model), qPrintable(layout), worst);
    }

    void testTimestepForms()
    {
        // A [B] float tensor gives the same result as the equal scalar int.
        auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "diffusers"));
        UNet unet = loadUNet(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        const at::Tensor sample = goldenTensor("tiny-sd15.unet.safetensors", "sample");
        const at::Tensor context = goldenTensor("tiny-sd15.unet.safetensors", "encoder_hidden_states");
        const at::Tensor a = unet->forward(sample, at::scalar_tensor(500, at::kLong), context);
        const at::Tensor b = unet->forward(sample, at::full({ 2 }, 500.0f, at::kFloat), context);
        EASEL_COMPARE_TENSORS(b, a, 0.0, 1e-6, "float [B] timestep");
        // Per-item timesteps: each row equals a batch-of-one run at its own timestep.
        const at::Tensor mixed = unet->forward(sample, at::tensor({ 999.0f, 1.0f }), context);
        const at::Tensor first
            = unet->forward(sample.narrow(0, 0, 1), at::scalar_tensor(999.0), context.narrow(0, 0, 1));
        const at::Tensor second
            = unet->forward(sample.narrow(0, 1, 1), at::scalar_tensor(1.0), context.narrow(0, 1, 1));
        EASEL_COMPARE_TENSORS(mixed.narrow(0, 0, 1), first, 1e-5, 1e-5, "row 0");
        EASEL_COMPARE_TENSORS(mixed.narrow(0, 1, 1), second, 1e-5, 1e-5, "row 1");
    }

    void testOddSizeAndLongContext_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sd15") << "tiny-sd15";
        QTest::newRow("sdxl") << "tiny-sdxl";
    }

    void testOddSizeAndLongContext()
    {
        // 96x64 pixels = 12x8 latents: not divisible by 2^(levels-1), so the upsamplers must
        // match the skip tensors' sizes; 154 tokens = an A1111 two-chunk prompt.
        QFETCH(QString, model);
        auto files = ModelFiles::open(tinyModelPath(model.toStdString(), "single-file"));
        UNet unet = loadUNet(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        auto gen = at::detail::createCPUGenerator(7);
        const at::Tensor sample = at::randn({ 1, 4, 12, 8 }, gen, at::kFloat);
        const at::Tensor context = at::randn({ 1, 154, unet->config().crossAttentionDim }, gen, at::kFloat);
        UNetAddedConditioning added;
        added.textEmbeds = at::randn({ 1, 32 }, gen, at::kFloat);
        added.timeIds = at::tensor({ 96.0f, 64.0f, 0.0f, 0.0f, 96.0f, 64.0f }).reshape({ 1, 6 });
        const at::Tensor out = unet->forward(
            sample, at::scalar_tensor(500.0), context, unet->config().textTimeEmbedding ? &added : nullptr);
        QCOMPARE(out.sizes(), sample.sizes());
        QVERIFY(at::isfinite(out).all().item<bool>());
        // The prediction depends on the second chunk of the context.
        const at::Tensor firstChunkOnly = unet->forward(sample, at::scalar_tensor(500.0), context.narrow(1, 0, 77),
            unet->config().textTimeEmbedding ? &added : nullptr);
        QVERIFY((out - firstChunkOnly).abs().max().item<double>() > 1e-4);
    }

    void testKeyMapRoundTrip_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sd15") << "tiny-sd15";
        QTest::newRow("sdxl") << "tiny-sdxl";
    }

    void testKeyMapRoundTrip()
    {
        QFETCH(QString, model);
        const std::string m = model.toStdString();
        const SafetensorsFile single(tinyModelPath(m, "single-file"));
        const SafetensorsFile folder(tinyModelPath(m, "diffusers") + "/unet/diffusion_pytorch_model.safetensors");
        const std::vector<std::string> originalKeys = unetKeysOfSingleFile(single);
        const std::vector<KeyMapping> map = mapUnetKeys(originalKeys);
        QCOMPARE(map.size(), originalKeys.size());
        QCOMPARE(map.size(), folder.tensors().size());

        // Every diffusers name comes from exactly one original key present in the file, and back.
        std::set<std::string> engineNames;
        for (const TensorEntry& e : folder.tensors()) {
            const std::optional<KeyMapping> found = findByEngineName(map, e.name);
            QVERIFY2(found.has_value(), e.name.c_str());
            QVERIFY2(single.contains("model.diffusion_model." + found->originalKey), found->originalKey.c_str());
            const std::vector<KeyMapping> back = findByOriginalKey(map, found->originalKey);
            QCOMPARE(back.size(), size_t(1));
            QCOMPARE(back[0].engineName, e.name);
            engineNames.insert(e.name);
            // Same tensor, bit for bit (the fixtures store identical fp16 weights in both layouts).
            const at::Tensor a = folder.tensor(e);
            const at::Tensor b = single.tensor("model.diffusion_model." + found->originalKey);
            QVERIFY2(a.sizes() == b.sizes() && at::equal(a, b), e.name.c_str());
        }
        QCOMPARE(engineNames.size(), map.size());
    }

    void testConfigInference()
    {
        // Inferred from shapes + SD 1.x conventions = the diffusers config of the tiny SD 1.5.
        auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "diffusers"));
        const UNetConfig fromJson = UNetConfig::forModel(*files);
        const UNetConfig inferred = UNetConfig::infer(files->weights(Component::Unet).shapes(), ModelFamily::SD1);
        QCOMPARE(inferred.blockOutChannels, fromJson.blockOutChannels);
        QCOMPARE(inferred.downCrossAttention, fromJson.downCrossAttention);
        QCOMPARE(inferred.upCrossAttention, fromJson.upCrossAttention);
        QCOMPARE(inferred.layersPerBlock, fromJson.layersPerBlock);
        QCOMPARE(inferred.attentionHeads, fromJson.attentionHeads);
        QCOMPARE(inferred.crossAttentionDim, int64_t(32));
        QCOMPARE(inferred.useLinearProjection, false);
        QCOMPARE(inferred.textTimeEmbedding, false);
        QCOMPARE(inferred.timeEmbedChannels(), int64_t(128));

        // SDXL layout: structure from the shapes; the head count needs the config (tiny widths).
        auto xl = ModelFiles::open(tinyModelPath("tiny-sdxl", "single-file"));
        const UNetConfig xlConfig = UNetConfig::forModel(*xl); // from the sidecar
        QCOMPARE(xlConfig.attentionHeads, (std::vector<int64_t> { 2, 4, 4 }));
        QCOMPARE(xlConfig.transformerLayers, (std::vector<int64_t> { 1, 2, 2 }));
        const UNetConfig xlInferred = UNetConfig::infer(xl->weights(Component::Unet).shapes(), ModelFamily::SDXLBase);
        QCOMPARE(xlInferred.blockOutChannels, xlConfig.blockOutChannels);
        QCOMPARE(xlInferred.downCrossAttention, (std::vector<bool> { false, true, true }));
        QCOMPARE(xlInferred.upCrossAttention, (std::vector<bool> { true, true, false }));
        QCOMPARE(xlInferred.transformerLayers.back(), int64_t(2));
        QCOMPARE(xlInferred.upTransformerLayers, (std::vector<int64_t> { 2, 2, 1 }));
        QCOMPARE(xlInferred.crossAttentionDim, int64_t(64));
        QCOMPARE(xlInferred.useLinearProjection, true);
        QCOMPARE(xlInferred.textTimeEmbedding, true);
        QCOMPARE(xlInferred.projectionClassEmbeddingsInputDim, int64_t(80));

        // The real SD 1.5 config parses as documented.
        const nlohmann::json sd15 = { { "block_out_channels", { 320, 640, 1280, 1280 } },
            { "down_block_types",
                { "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D" } },
            { "up_block_types", { "UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D" } },
            { "attention_head_dim", 8 }, { "cross_attention_dim", 768 }, { "layers_per_block", 2 },
            { "in_channels", 9 } };
        const UNetConfig real = UNetConfig::fromJson(sd15);
        QCOMPARE(real.attentionHeads, (std::vector<int64_t> { 8, 8, 8, 8 }));
        QCOMPARE(real.inChannels, int64_t(9));
        QCOMPARE(real.timeEmbedChannels(), int64_t(1280));
    }

    void testBadInput()
    {
        auto files = ModelFiles::open(tinyModelPath("tiny-sdxl", "diffusers"));
        UNet unet = loadUNet(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        const at::Tensor sample = at::zeros({ 1, 4, 8, 8 });
        const at::Tensor context = at::zeros({ 1, 77, 64 });
        const at::Tensor t = at::scalar_tensor(1.0);
        UNetAddedConditioning added { at::zeros({ 1, 32 }), at::zeros({ 1, 6 }) };
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(sample, t, context)); // SDXL needs added conditioning
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(at::zeros({ 1, 3, 8, 8 }), t, context, &added));
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(sample, t, at::zeros({ 1, 77, 32 }), &added));
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(sample, at::zeros({ 3 }), context, &added));
        UNetAddedConditioning wrong { at::zeros({ 1, 16 }), at::zeros({ 1, 6 }) };
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(sample, t, context, &wrong));
        QVERIFY_THROWS_EXCEPTION(EngineError,
            mapUnetKeys({ "input_blocks.1.0.in_layers.0.weight", "input_blocks.3.0.op.weight",
                "input_blocks.1.7.something.weight" }));
        QVERIFY_THROWS_EXCEPTION(EngineError, UNetConfig::fromJson({ { "block_out_channels", { 32, 64 } } }));
        QVERIFY_THROWS_EXCEPTION(EngineError,
            UNetConfig::fromJson({ { "block_out_channels", { 32 } },
                { "down_block_types", { "SimpleCrossAttnDownBlock2D" } }, { "up_block_types", { "UpBlock2D" } } }));
    }
};

QTEST_GUILESS_MAIN(TestUNet)
#include "tst_unet.moc"
