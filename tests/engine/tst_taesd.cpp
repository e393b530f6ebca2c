// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/taesd.h"
#include "engine/weights/safetensors.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
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

using Tensors = std::vector<std::pair<std::string, at::Tensor>>;

// The fixture halves renamed as diffusers' AutoencoderTiny stores them (what the Hub's
// madebyollin/taesd diffusion_pytorch_model.safetensors holds). Written out here on its own, from
// diffusers' EncoderTiny / DecoderTiny: the encoder's Sequential matches taesd.py index for index;
// DecoderTiny has no Clamp module (it clamps in forward()), so taesd.py's decoder index i is i - 1.
Tensors diffusersTensors(bool encoder, bool decoder)
{
    Tensors tensors;
    auto add = [&](const char* which, const std::string& prefix, int shift) {
        const SafetensorsFile file(taesdFile(which));
        for (const TensorEntry& e : file.tensors()) {
            const size_t dot = e.name.find('.');
            const int index = std::stoi(e.name.substr(0, dot)) - shift;
            tensors.emplace_back(prefix + std::to_string(index) + e.name.substr(dot), file.tensor(e).clone());
        }
    };
    if (encoder)
        add("encoder", "encoder.layers.", 0);
    if (decoder)
        add("decoder", "decoder.layers.", 1);
    return tensors;
}

const at::Tensor* findTensor(const Tensors& tensors, const std::string& name)
{
    for (const auto& item : tensors) {
        if (item.first == name)
            return &item.second;
    }
    return nullptr;
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

    void testDiffusersLayout()
    {
        const Tensors tensors = diffusersTensors(true, true);
        // Landmarks of the real AutoencoderTiny state dict: the decoder's first conv is layer 0 and its
        // ReLU layer 1; upsamples at 5, 10, 15 hold nothing; the last conv (with bias) is layer 18.
        QCOMPARE(findTensor(tensors, "decoder.layers.0.weight")->sizes().vec(), (std::vector<int64_t> { 64, 4, 3, 3 }));
        QCOMPARE(
            findTensor(tensors, "decoder.layers.18.weight")->sizes().vec(), (std::vector<int64_t> { 3, 64, 3, 3 }));
        QVERIFY(findTensor(tensors, "decoder.layers.18.bias"));
        QVERIFY(findTensor(tensors, "decoder.layers.6.weight") && !findTensor(tensors, "decoder.layers.6.bias"));
        QVERIFY(findTensor(tensors, "decoder.layers.17.conv.4.bias"));
        QCOMPARE(
            findTensor(tensors, "encoder.layers.14.weight")->sizes().vec(), (std::vector<int64_t> { 4, 64, 3, 3 }));
        QVERIFY(findTensor(tensors, "encoder.layers.2.weight") && !findTensor(tensors, "encoder.layers.2.bias"));
        for (const auto& item : tensors) {
            for (const char* absent : { "decoder.layers.1.", "decoder.layers.5.", "decoder.layers.10.",
                     "decoder.layers.15.", "decoder.layers.19." })
                QVERIFY2(item.first.rfind(absent, 0) != 0, item.first.c_str());
        }

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("diffusion_pytorch_model.safetensors")).toStdString();
        writeSafetensors(path, tensors);

        // One file, both halves: each one matches the goldens of the original-named files.
        const nlohmann::json& dc = manifestCase("taesd.decode");
        Taesd decoder = loadTaesd(path, TaesdImpl::Kind::Decoder);
        const at::Tensor decoded
            = decoder->forward(goldenTensor(dc["inputs"]["file"], dc["inputs"]["keys"]["latents"]));
        const at::Tensor expectedDecoded = goldenTensor(dc["outputs"]["file"], dc["outputs"]["keys"]["decoded"]);
        EASEL_COMPARE_TENSORS(decoded, expectedDecoded, dc["tolerance"]["rtol"].get<double>(),
            dc["tolerance"]["atol"].get<double>(), "diffusers taesd decode");
        qInfo(
            "diffusers-layout taesd.decode max abs error %.3g", (decoded - expectedDecoded).abs().max().item<double>());

        const nlohmann::json& ec = manifestCase("taesd.encode");
        Taesd encoder = loadTaesd(path, TaesdImpl::Kind::Encoder);
        const at::Tensor encoded = encoder->forward(goldenTensor(ec["inputs"]["file"], ec["inputs"]["keys"]["image"]));
        const at::Tensor expectedEncoded = goldenTensor(ec["outputs"]["file"], ec["outputs"]["keys"]["encoded"]);
        EASEL_COMPARE_TENSORS(encoded, expectedEncoded, ec["tolerance"]["rtol"].get<double>(),
            ec["tolerance"]["atol"].get<double>(), "diffusers taesd encode");
        qInfo(
            "diffusers-layout taesd.encode max abs error %.3g", (encoded - expectedEncoded).abs().max().item<double>());
    }

    void testDiffusersBadFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const char* name, const Tensors& tensors) {
            const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
            writeSafetensors(path, tensors);
            return path;
        };
        auto message = [](const std::string& path, TaesdImpl::Kind kind) -> std::string {
            try {
                loadTaesd(path, kind);
            } catch (const EngineError& e) {
                return e.what();
            }
            return {};
        };

        // A decoder-only file has no encoder to give.
        const std::string decoderOnly = write("decoder-only.safetensors", diffusersTensors(false, true));
        QVERIFY(!loadTaesd(decoderOnly, TaesdImpl::Kind::Decoder).is_empty());
        QVERIFY(message(decoderOnly, TaesdImpl::Kind::Encoder).find("not a TAESD encoder") != std::string::npos);

        // A missing tensor is named as the file names it.
        Tensors missing = diffusersTensors(false, true);
        missing.erase(std::remove_if(missing.begin(), missing.end(),
                          [](const auto& item) { return item.first == "decoder.layers.17.conv.4.bias"; }),
            missing.end());
        const std::string missingMessage = message(write("missing.safetensors", missing), TaesdImpl::Kind::Decoder);
        QVERIFY2(missingMessage.find("decoder.layers.17.conv.4.bias") != std::string::npos, missingMessage.c_str());

        // Another architecture (an extra block) is refused, not half loaded.
        Tensors extra = diffusersTensors(false, true);
        extra.emplace_back("decoder.layers.19.conv.0.weight", at::zeros({ 64, 64, 3, 3 }));
        const std::string extraMessage = message(write("extra.safetensors", extra), TaesdImpl::Kind::Decoder);
        QVERIFY2(extraMessage.find("decoder.layers.19.conv.0.weight") != std::string::npos, extraMessage.c_str());
        QVERIFY(extraMessage.find('\n') == std::string::npos);

        // The encoder half ignores a damaged decoder half beside it.
        Tensors both = diffusersTensors(true, false);
        both.emplace_back("decoder.layers.0.weight", at::zeros({ 64, 4, 3, 3 }));
        QVERIFY(!loadTaesd(write("both.safetensors", both), TaesdImpl::Kind::Encoder).is_empty());
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
