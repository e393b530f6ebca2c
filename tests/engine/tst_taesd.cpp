// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/taesd.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace easel::engine;
using easel::test::goldenTensor;

namespace {

// goldenCase() cannot parse the manifest while it holds Python's -Infinity (scheduler cases);
// read it here with that token replaced until tests/support handles it.
const nlohmann::json& manifestCase(const std::string& id)
{
    static const nlohmann::json manifest = [] {
        std::ifstream in(easel::test::testDataFile("goldens/manifest.json"));
        std::stringstream text;
        text << in.rdbuf();
        std::string s = text.str();
        for (const std::string token : { "-Infinity", "Infinity", "NaN" }) {
            for (size_t at = s.find(token); at != std::string::npos; at = s.find(token, at))
                s.replace(at, token.size(), "null");
        }
        return nlohmann::json::parse(s);
    }();
    for (const nlohmann::json& c : manifest["cases"]) {
        if (c["id"] == id)
            return c;
    }
    throw std::runtime_error("no golden case " + id);
}

std::string taesdFile(const char* which)
{
    return easel::test::testDataFile(std::string("taesd/random-taesd_") + which + ".safetensors");
}

} // namespace

class TestTaesd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testDecode()
    {
        const nlohmann::json& c = manifestCase("taesd.decode");
        Taesd decoder = loadTaesd(taesdFile("decoder"), TaesdImpl::Kind::Decoder);
        QCOMPARE(decoder->kind(), TaesdImpl::Kind::Decoder);
        const at::Tensor latents = goldenTensor(c["inputs"]["file"], c["inputs"]["keys"]["latents"]);
        const at::Tensor decoded = decoder->forward(latents);
        const at::Tensor expected = goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["decoded"]);
        EASEL_COMPARE_TENSORS(decoded, expected, c["tolerance"]["rtol"].get<double>(),
            c["tolerance"]["atol"].get<double>(), "taesd decode");
        qInfo("taesd.decode max abs error %.3g", (decoded - expected).abs().max().item<double>());
    }

    void testEncode()
    {
        const nlohmann::json& c = manifestCase("taesd.encode");
        Taesd encoder = loadTaesd(taesdFile("encoder"), TaesdImpl::Kind::Encoder);
        const at::Tensor image = goldenTensor(c["inputs"]["file"], c["inputs"]["keys"]["image"]);
        const at::Tensor encoded = encoder->forward(image);
        const at::Tensor expected = goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["encoded"]);
        EASEL_COMPARE_TENSORS(encoded, expected, c["tolerance"]["rtol"].get<double>(),
            c["tolerance"]["atol"].get<double>(), "taesd encode");
        qInfo("taesd.encode max abs error %.3g", (encoded - expected).abs().max().item<double>());
    }

    void testOtherDtype()
    {
        // The fp16 file converts to whatever dtype the model is built in.
        Taesd decoder
            = loadTaesd(taesdFile("decoder"), TaesdImpl::Kind::Decoder, at::TensorOptions().dtype(at::kDouble));
        const at::Tensor latents = goldenTensor("taesd.safetensors", "latents");
        const at::Tensor decoded = decoder->forward(latents);
        QCOMPARE(decoded.scalar_type(), at::kDouble);
        EASEL_COMPARE_TENSORS(decoded.to(at::kFloat), goldenTensor("taesd.safetensors", "decoded"), 1e-4, 1e-4, "fp64");
    }

    void testBadInput()
    {
        // An encoder file is not a decoder, and vice versa.
        QVERIFY_THROWS_EXCEPTION(EngineError, loadTaesd(taesdFile("encoder"), TaesdImpl::Kind::Decoder));
        QVERIFY_THROWS_EXCEPTION(EngineError, loadTaesd(taesdFile("decoder"), TaesdImpl::Kind::Encoder));
        QVERIFY_THROWS_EXCEPTION(EngineError, loadTaesd(taesdFile("missing"), TaesdImpl::Kind::Decoder));
        Taesd decoder = loadTaesd(taesdFile("decoder"), TaesdImpl::Kind::Decoder);
        QVERIFY_THROWS_EXCEPTION(EngineError, decoder->forward(at::zeros({ 1, 3, 8, 8 })));
        QVERIFY_THROWS_EXCEPTION(EngineError, decoder->forward(at::zeros({ 4, 8, 8 })));
        Taesd encoder = loadTaesd(taesdFile("encoder"), TaesdImpl::Kind::Encoder);
        QVERIFY_THROWS_EXCEPTION(EngineError, encoder->forward(at::zeros({ 1, 3, 60, 64 })));
    }

    void testLatentPreview_data()
    {
        QTest::addColumn<int>("family");
        QTest::newRow("sd1") << int(ModelFamily::SD1);
        QTest::newRow("sd2") << int(ModelFamily::SD2);
        QTest::newRow("sdxl") << int(ModelFamily::SDXLBase);
        QTest::newRow("refiner") << int(ModelFamily::SDXLRefiner);
    }

    void testLatentPreview()
    {
        QFETCH(int, family);
        const ModelFamily f = static_cast<ModelFamily>(family);
        const at::Tensor latents = goldenTensor("taesd.safetensors", "latents") * 4.0; // beyond the [-1, 1] mapping
        const at::Tensor rgb = latentPreview(latents, f);
        QCOMPARE(rgb.sizes().vec(), (std::vector<int64_t> { 2, 3, 8, 8 }));
        QCOMPARE(rgb.scalar_type(), at::kFloat);
        QVERIFY(rgb.min().item<float>() >= 0.0f);
        QVERIFY(rgb.max().item<float>() <= 1.0f);
        QVERIFY(rgb.std().item<float>() > 0.01f);

        // Zero latents show the bias: mid grey for SD 1.x/2.x, slightly warm for SDXL.
        const at::Tensor grey = latentPreview(at::zeros({ 1, 4, 2, 2 }, at::kHalf), f);
        const bool sdxl = f == ModelFamily::SDXLBase || f == ModelFamily::SDXLRefiner;
        const std::vector<float> expected
            = sdxl ? std::vector<float> { 0.5542f, 0.49125f, 0.49945f } : std::vector<float> { 0.5f, 0.5f, 0.5f };
        for (int ch = 0; ch < 3; ++ch)
            QVERIFY(std::abs(grey[0][ch][1][1].item<float>() - expected[size_t(ch)]) < 1e-6f);

        // Channel 0 alone: each output channel follows its first-row coefficient.
        at::Tensor one = at::zeros({ 1, 4, 1, 1 });
        one[0][0] = 0.5;
        const at::Tensor red = latentPreview(one, f) - grey.narrow(2, 0, 1).narrow(3, 0, 1);
        const float first = sdxl ? 0.3651f : 0.3512f;
        QVERIFY(std::abs(red[0][0][0][0].item<float>() - first * 0.25f) < 1e-6f);
    }

    void testLatentPreviewBadInput()
    {
        QVERIFY_THROWS_EXCEPTION(EngineError, latentPreview(at::zeros({ 1, 3, 8, 8 }), ModelFamily::SD1));
        QVERIFY_THROWS_EXCEPTION(EngineError, latentPreview(at::zeros({ 4, 8, 8 }), ModelFamily::SD1));
        QVERIFY_THROWS_EXCEPTION(EngineError, latentPreview(at::zeros({ 1, 4, 8, 8 }), ModelFamily::Unknown));
    }
};

QTEST_GUILESS_MAIN(TestTaesd)
#include "tst_taesd.moc"
