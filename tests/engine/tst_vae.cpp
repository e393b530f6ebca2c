// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/vae.h"
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
#include <tuple>

using namespace easel::engine;
using easel::test::goldenTensor;
using easel::test::tinyModelPath;

namespace {


} // namespace

class TestVae : public QObject {
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
        const nlohmann::json& c = easel::test::goldenCase(model.toStdString() + ".vae");
        const std::string file = c["inputs"]["file"];
        const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];

        auto files = ModelFiles::open(tinyModelPath(model.toStdString(), layout.toStdString()));
        Vae vae = loadVae(*files, at::TensorOptions().dtype(at::kFloat));
        QCOMPARE(vae->config().scalingFactor, c["params"]["scaling_factor"].get<double>());
        at::NoGradGuard noGrad;

        const at::Tensor decoded = vae->decode(goldenTensor(file, "latents") / vae->config().scalingFactor);
        EASEL_COMPARE_TENSORS(decoded, goldenTensor(file, "decoded"), rtol, atol, "decoded");
        const LatentDistribution dist = vae->encode(goldenTensor(file, "image"));
        EASEL_COMPARE_TENSORS(dist.mean, goldenTensor(file, "latent_dist_mean"), rtol, atol, "mean");
        EASEL_COMPARE_TENSORS(dist.std, goldenTensor(file, "latent_dist_std"), rtol, atol, "std");
        const double worst = std::max({ (decoded - goldenTensor(file, "decoded")).abs().max().item<double>(),
            (dist.mean - goldenTensor(file, "latent_dist_mean")).abs().max().item<double>(),
            (dist.std - goldenTensor(file, "latent_dist_std")).abs().max().item<double>() });
        qInfo("%s %s: max |diff| vs diffusers %.3g", qPrintable(model), qPrintable(layout), worst);
    }

    void testTiledMatchesUntiled()
    {
        auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "diffusers"));
        Vae vae = loadVae(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        auto gen = at::detail::createCPUGenerator(11);
        // Statistically uniform latents (64x64 = a 512x512 image), so every tile's GroupNorm sees
        // similar statistics. Smooth random fields with large blobs differ far more: this random
        // VAE normalises 1-2 channels per group and amplifies per-tile statistics.
        const at::Tensor latents = at::randn({ 1, 4, 64, 64 }, gen, at::kFloat);
        VaeTiling never;
        never.mode = VaeTiling::Mode::Never;
        const at::Tensor whole = vae->decode(latents, never);
        QCOMPARE(whole.size(2), int64_t(512));

        const std::vector<std::tuple<int, int, double>> cases { { 48, 16, 0.06 }, { 32, 16, 0.15 } };
        for (auto [tile, overlap, bound] : cases) {
            VaeTiling tiles;
            tiles.mode = VaeTiling::Mode::Always;
            tiles.decodeTile = tile;
            tiles.decodeOverlap = overlap;
            const at::Tensor tiled = vae->decode(latents, tiles);
            QCOMPARE(tiled.sizes(), whole.sizes());
            const double diff = (tiled - whole).abs().mean().item<double>();
            const double scale = whole.abs().mean().item<double>();
            qInfo("tiled decode, %d-latent tiles overlapping by %d: mean |diff| %.4g (mean |x| %.3g), max %.3g", tile,
                overlap, diff, scale, (tiled - whole).abs().max().item<double>());
            QVERIFY(diff < bound * scale);
        }

        VaeTiling tiles;
        tiles.mode = VaeTiling::Mode::Always;
        tiles.encodeTile = 384;
        tiles.encodeOverlap = 128;
        const at::Tensor image = whole.clamp(-1, 1);
        const LatentDistribution a = vae->encode(image, never);
        const LatentDistribution b = vae->encode(image, tiles);
        QCOMPARE(b.mean.sizes(), a.mean.sizes());
        const double encodeDiff = (b.mean - a.mean).abs().mean().item<double>();
        const double encodeScale = a.mean.abs().mean().item<double>();
        qInfo("tiled encode, 384-pixel tiles overlapping by 128: mean |diff| of the mean %.4g (mean |x| %.3g)",
            encodeDiff, encodeScale);
        QVERIFY(encodeDiff < 0.08 * encodeScale);
    }

    void testTileBlending()
    {
        // Where one tile alone covers the output it is that tile's own decode; where two overlap the
        // result lies between them (a linear blend). The random tiny VAE normalises with 1-2 channels
        // per group, so tiles differ a lot here and the blend is clearly visible.
        auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "diffusers"));
        Vae vae = loadVae(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        auto gen = at::detail::createCPUGenerator(12);
        const at::Tensor latents = at::randn({ 2, 4, 40, 30 }, gen, at::kFloat);
        VaeTiling tiles;
        tiles.mode = VaeTiling::Mode::Always;
        tiles.decodeTile = 24;
        tiles.decodeOverlap = 8; // rows start at 0 and 16, columns at 0 and 6
        const at::Tensor out = vae->decode(latents, tiles);
        QCOMPARE(out.sizes(), (std::vector<int64_t> { 2, 3, 320, 240 }));
        VaeTiling never;
        never.mode = VaeTiling::Mode::Never;
        const at::Tensor topLeft = vae->decode(latents.narrow(2, 0, 24).narrow(3, 0, 24), never);
        const at::Tensor bottomLeft = vae->decode(latents.narrow(2, 16, 24).narrow(3, 0, 24), never);
        EASEL_COMPARE_TENSORS(out.narrow(2, 0, 128).narrow(3, 0, 48), topLeft.narrow(2, 0, 128).narrow(3, 0, 48), 1e-6,
            1e-6, "top-left tile alone");
        EASEL_COMPARE_TENSORS(out.narrow(2, 192, 128).narrow(3, 0, 48), bottomLeft.narrow(2, 64, 128).narrow(3, 0, 48),
            1e-6, 1e-6, "bottom-left tile alone");
        const at::Tensor blend = out.narrow(2, 128, 64).narrow(3, 0, 48);
        const at::Tensor a = topLeft.narrow(2, 128, 64).narrow(3, 0, 48);
        const at::Tensor b = bottomLeft.narrow(2, 0, 64).narrow(3, 0, 48);
        QVERIFY(((blend - a) * (blend - b)).max().item<double>() <= 1e-6);
        // Close to the top tile at the top of the overlap, to the bottom tile at its bottom.
        QVERIFY((blend.narrow(2, 0, 1) - a.narrow(2, 0, 1)).abs().max().item<double>()
            < 0.05 * (a - b).narrow(2, 0, 1).abs().max().item<double>());
        QVERIFY((blend.narrow(2, 63, 1) - b.narrow(2, 63, 1)).abs().max().item<double>()
            < 0.05 * (a - b).narrow(2, 63, 1).abs().max().item<double>());
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
        const std::string prefix = "first_stage_model.";
        const SafetensorsFile single(tinyModelPath(m, "single-file"));
        const SafetensorsFile folder(tinyModelPath(m, "diffusers") + "/vae/diffusion_pytorch_model.safetensors");
        std::vector<std::string> originalKeys;
        for (const TensorEntry& e : single.tensors()) {
            if (e.name.compare(0, prefix.size(), prefix) == 0)
                originalKeys.push_back(e.name.substr(prefix.size()));
        }
        const std::vector<KeyMapping> map = mapVaeKeys(originalKeys);
        QCOMPARE(map.size(), originalKeys.size());
        QCOMPARE(map.size(), folder.tensors().size());
        std::set<std::string> engineNames;
        int conv1x1 = 0;
        for (const TensorEntry& e : folder.tensors()) {
            const std::optional<KeyMapping> found = findByEngineName(map, e.name);
            QVERIFY2(found.has_value(), e.name.c_str());
            QVERIFY2(single.contains(prefix + found->originalKey), found->originalKey.c_str());
            const std::vector<KeyMapping> back = findByOriginalKey(map, found->originalKey);
            QCOMPARE(back.size(), size_t(1));
            QCOMPARE(back[0].engineName, e.name);
            engineNames.insert(e.name);
            at::Tensor b = single.tensor(prefix + found->originalKey);
            if (found->op == KeyOp::Conv1x1ToLinear) {
                ++conv1x1;
                QCOMPARE(b.dim(), int64_t(4));
                b = b.reshape({ b.size(0), b.size(1) });
            }
            QVERIFY2(folder.tensor(e).sizes() == b.sizes() && at::equal(folder.tensor(e), b), e.name.c_str());
        }
        QCOMPARE(engineNames.size(), map.size());
        QCOMPARE(conv1x1, 8); // q, k, v, proj_out weights of the encoder's and decoder's mid attention
        // Training-only tensors of standalone VAE checkpoints are ignored.
        QCOMPARE(mapVaeKeys({ "loss.logvar", "quant_conv.weight" }).size(), size_t(1));
    }

    void testConfig()
    {
        auto files = ModelFiles::open(tinyModelPath("tiny-sdxl", "diffusers"));
        const VaeConfig config = VaeConfig::forModel(*files);
        QCOMPARE(config.scalingFactor, 0.13025);
        std::map<std::string, std::vector<int64_t>> shapes;
        const ComponentWeights& weights = files->weights(Component::Vae);
        for (const std::string& name : weights.names())
            shapes.emplace(name, weights.shape(name));
        const VaeConfig inferred = VaeConfig::infer(shapes, ModelFamily::SDXLBase);
        QCOMPARE(inferred.blockOutChannels, config.blockOutChannels);
        QCOMPARE(inferred.layersPerBlock, int64_t(2));
        QCOMPARE(inferred.latentChannels, int64_t(4));
        QCOMPARE(inferred.scalingFactor, 0.13025);
        QCOMPARE(VaeConfig::infer(shapes, ModelFamily::SD1).scalingFactor, 0.18215);
        QCOMPARE(
            VaeConfig::fromJson({ { "block_out_channels", { 128, 256, 512, 512 } } }, ModelFamily::SD2).scalingFactor,
            0.18215);
        QCOMPARE(VaeConfig().downscale(), int64_t(8));
    }

    void testBadInput()
    {
        auto files = ModelFiles::open(tinyModelPath("tiny-sd15", "single-file"));
        Vae vae = loadVae(*files, at::TensorOptions().dtype(at::kFloat));
        at::NoGradGuard noGrad;
        QVERIFY_THROWS_EXCEPTION(EngineError, vae->decode(at::zeros({ 1, 3, 8, 8 })));
        QVERIFY_THROWS_EXCEPTION(EngineError, vae->decode(at::zeros({ 4, 8, 8 })));
        QVERIFY_THROWS_EXCEPTION(EngineError, vae->encode(at::zeros({ 1, 4, 64, 64 })));
        VaeTiling tiles;
        tiles.mode = VaeTiling::Mode::Always;
        QVERIFY_THROWS_EXCEPTION(EngineError, vae->encode(at::zeros({ 1, 3, 60, 64 }), tiles)); // not a multiple of 8
        tiles.decodeOverlap = tiles.decodeTile;
        QVERIFY_THROWS_EXCEPTION(EngineError, vae->decode(at::zeros({ 1, 4, 8, 8 }), tiles));
        QVERIFY_THROWS_EXCEPTION(EngineError, mapVaeKeys({ "encoder.down.0.block.0.weird.weight" }));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, VaeConfig::fromJson({ { "block_out_channels", { 30 } } }, ModelFamily::SD1));
    }
};

QTEST_GUILESS_MAIN(TestVae)
#include "tst_vae.moc"
