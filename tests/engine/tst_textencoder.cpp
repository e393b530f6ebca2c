// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/textconditioner.h"
#include "engine/weights/keymap.h"
#include "engine/weights/modelfiles.h"
#include "engine/weights/safetensors.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <fstream>
#include <sstream>

#include <chrono>
#include <limits>
#include <set>

using namespace easel::engine;
using easel::test::goldenTensor;

namespace {



ClipTextModel loadEncoder(const ModelFiles& files, Component component)
{
    const ComponentWeights& weights = files.weights(component);
    const ClipTextConfig config = ClipTextConfig::resolve(files.config(component), weights.shapes());
    ClipTextModel model(config, at::TensorOptions().dtype(at::kFloat));
    loadModule(*model, weights);
    return model;
}

TokenChunk chunkFromIds(const at::Tensor& row, float weight = 1.0f)
{
    TokenChunk chunk;
    const at::Tensor ids = row.to(at::kLong).contiguous();
    for (int i = 0; i < kClipContext; ++i) {
        chunk.ids[size_t(i)] = ids[i].item<int64_t>();
        chunk.weights[size_t(i)] = weight;
    }
    return chunk;
}

double elapsedMs(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

std::vector<std::string> originalKeys(const SafetensorsFile& file, const std::string& prefix)
{
    std::vector<std::string> keys;
    for (const TensorEntry& e : file.tensors()) {
        if (e.name.compare(0, prefix.size(), prefix) == 0)
            keys.push_back(e.name.substr(prefix.size()));
    }
    return keys;
}

} // namespace

class TestTextEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldens_data()
    {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<QString>("layout");
        for (const char* id : { "tiny-sd15.text_encoder", "tiny-sdxl.text_encoder", "tiny-sdxl.text_encoder_2" }) {
            for (const char* layout : { "diffusers", "single-file" })
                QTest::newRow((std::string(id) + "/" + layout).c_str())
                    << QString::fromLatin1(id) << QString::fromLatin1(layout);
        }
    }

    void testGoldens()
    {
        QFETCH(QString, caseId);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(caseId.toStdString());
        const Component component
            = c["component"] == "text_encoder_2" ? Component::TextEncoder2 : Component::TextEncoder;
        const auto files = ModelFiles::open(easel::test::tinyModelPath(c["model"], layout.toStdString()));

        const auto loadStart = std::chrono::steady_clock::now();
        ClipTextModel model = loadEncoder(*files, component);
        const double loadMs = elapsedMs(loadStart);
        QCOMPARE(model->config().withProjection, component == Component::TextEncoder2);
        QCOMPARE(model->config().heads, int64_t(4));

        const std::string file = c["inputs"]["file"];
        const at::Tensor ids = goldenTensor(file, c["inputs"]["keys"]["input_ids"]);
        at::NoGradGuard noGrad;
        const at::Tensor twoIds = ids.narrow(0, 0, 2);
        auto forwardStart = std::chrono::steady_clock::now();
        const ClipTextOutput two = model->forward(twoIds);
        const double firstMs = elapsedMs(forwardStart);
        forwardStart = std::chrono::steady_clock::now();
        model->forward(twoIds);
        const double warmMs = elapsedMs(forwardStart);
        qInfo("%s (%s): load %.1f ms, forward of 2 prompts %.1f ms (first call), %.1f ms (warm)",
            caseId.toUtf8().constData(), layout.toUtf8().constData(), loadMs, firstMs, warmMs);
        QCOMPARE(two.lastHiddenState.size(0), int64_t(2));

        const ClipTextOutput out = model->forward(ids);
        const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];
        const auto& keys = c["outputs"]["keys"];
        const std::string outFile = c["outputs"]["file"];
        QCOMPARE(int64_t(out.hiddenStates.size()), model->config().layers + 1);
        EASEL_COMPARE_TENSORS(
            out.lastHiddenState, goldenTensor(outFile, keys["last_hidden_state"]), rtol, atol, "last_hidden_state");
        EASEL_COMPARE_TENSORS(
            out.hiddenState(-2), goldenTensor(outFile, keys["hidden_states_-2"]), rtol, atol, "hidden_states[-2]");
        if (keys.contains("pooler_output")) {
            EASEL_COMPARE_TENSORS(
                out.pooled, goldenTensor(outFile, keys["pooler_output"]), rtol, atol, "pooler_output");
            QVERIFY(!out.textEmbeds.defined());
        } else {
            EASEL_COMPARE_TENSORS(
                out.textEmbeds, goldenTensor(outFile, keys["text_embeds"]), rtol, atol, "text_embeds");
        }
        const double maxError
            = (out.lastHiddenState - goldenTensor(outFile, keys["last_hidden_state"])).abs().max().item<double>();
        qInfo("max |last_hidden_state - golden| = %.3g", maxError);

        // Stopping early equals the same layer of the full pass (clip skip).
        const ClipTextOutput early = model->forward(ids, model->config().layers - 1);
        QVERIFY(at::allclose(early.hiddenStates.back(), out.hiddenState(-2), 0, 0));
        QVERIFY(at::allclose(early.lastHiddenState, model->finalLayerNorm(out.hiddenState(-2)), 1e-6, 1e-6));
    }

    void testBadInput()
    {
        const auto files = ModelFiles::open(easel::test::tinyModelPath("tiny-sd15", "diffusers"));
        ClipTextModel model = loadEncoder(*files, Component::TextEncoder);
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::full({ 1, 77 }, 49408, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::full({ 1, 77 }, -1, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::zeros({ 1, 78 }, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::zeros({ 77 }, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::zeros({ 1, 77 }, at::kFloat)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model->forward(at::zeros({ 1, 77 }, at::kLong), 6));
        ClipTextOutput out = model->forward(at::zeros({ 1, 77 }, at::kLong));
        QVERIFY_THROWS_EXCEPTION(EngineError, out.hiddenState(-7));
        QVERIFY_THROWS_EXCEPTION(EngineError, ClipTextConfig::fromJson(nlohmann::json { { "hidden_size", 32 } }));
        QVERIFY_THROWS_EXCEPTION(EngineError,
            ClipTextConfig::fromJson(nlohmann::json { { "hidden_size", 32 }, { "intermediate_size", 37 },
                { "num_hidden_layers", 5 }, { "num_attention_heads", 4 }, { "hidden_act", "relu6" } }));
    }

    void testConfigInference()
    {
        // Without a sidecar, the tiny model's 32-wide layers cannot follow the 64-wide head convention.
        const auto files = ModelFiles::open(easel::test::tinyModelPath("tiny-sdxl", "single-file"));
        const auto tinyShapes = files->weights(Component::TextEncoder2).shapes();
        QVERIFY_THROWS_EXCEPTION(EngineError, ClipTextConfig::resolve(nlohmann::json::object(), tinyShapes));
        const ClipTextConfig sidecar = ClipTextConfig::resolve(files->config(Component::TextEncoder2), tinyShapes);
        QCOMPARE(sidecar.activation, ClipActivation::Gelu);
        QCOMPARE(sidecar.padId, int64_t(0));
        QCOMPARE(sidecar.layers, int64_t(5));

        auto shapes = [](int64_t hidden, int64_t layers, int64_t projection) {
            std::map<std::string, std::vector<int64_t>> s;
            s["text_model.embeddings.token_embedding.weight"] = { 49408, hidden };
            s["text_model.embeddings.position_embedding.weight"] = { 77, hidden };
            for (int64_t i = 0; i < layers; ++i)
                s["text_model.encoder.layers." + std::to_string(i) + ".mlp.fc1.weight"] = { 4 * hidden, hidden };
            if (projection)
                s["text_projection.weight"] = { projection, hidden };
            return s;
        };
        const ClipTextConfig clipL = ClipTextConfig::resolve({}, shapes(768, 12, 0));
        QCOMPARE(clipL.heads, int64_t(12));
        QCOMPARE(clipL.activation, ClipActivation::QuickGelu);
        QCOMPARE(clipL.padId, int64_t(49407));
        QVERIFY(!clipL.withProjection);
        const ClipTextConfig openClipH = ClipTextConfig::resolve({}, shapes(1024, 24, 1024));
        QCOMPARE(openClipH.layers, int64_t(23)); // SD 2.x conditions on the penultimate block
        QCOMPARE(openClipH.heads, int64_t(16));
        QCOMPARE(openClipH.activation, ClipActivation::Gelu);
        const ClipTextConfig bigG = ClipTextConfig::resolve({}, shapes(1280, 32, 1280));
        QCOMPARE(bigG.layers, int64_t(32));
        QCOMPARE(bigG.heads, int64_t(20));
        QVERIFY(bigG.withProjection);
        QCOMPARE(bigG.projectionDim, int64_t(1280));
        QCOMPARE(bigG.padId, int64_t(0));

        // SD 2.x diffusers configs carry transformers' placeholder ids (eos 2).
        const ClipTextConfig sd2 = ClipTextConfig::fromJson({ { "hidden_size", 1024 }, { "intermediate_size", 4096 },
            { "num_hidden_layers", 23 }, { "num_attention_heads", 16 }, { "hidden_act", "gelu" }, { "bos_token_id", 0 },
            { "eos_token_id", 2 }, { "pad_token_id", 1 } });
        QVERIFY(sd2.legacyPooling);
        QCOMPARE(sd2.eosId, int64_t(49407));
        QCOMPARE(sd2.bosId, int64_t(49406));
    }

    void testKeyMappingOpenClip()
    {
        const SafetensorsFile single(easel::test::tinyModelPath("tiny-sdxl", "single-file"));
        const SafetensorsFile folder(
            easel::test::tinyModelPath("tiny-sdxl", "diffusers") + "/text_encoder_2/model.safetensors");
        std::vector<std::string> keys = originalKeys(single, "conditioner.embedders.1.model.");
        keys.push_back("logit_scale");
        keys.push_back("transformer.resblocks.0.attn.attn_mask");
        const std::vector<KeyMapping> map = mapTextEncoderKeys(keys, TextEncoderNaming::OpenClip);

        std::set<std::string> engineNames;
        for (const KeyMapping& m : map) {
            QVERIFY2(engineNames.insert(m.engineName).second, m.engineName.c_str());
            QVERIFY2(folder.contains(m.engineName), m.engineName.c_str());
        }
        QCOMPARE(engineNames.size(), folder.tensors().size());

        const auto k = findByEngineName(map, "text_model.encoder.layers.3.self_attn.k_proj.weight");
        QVERIFY(k.has_value());
        QCOMPARE(k->originalKey, std::string("transformer.resblocks.3.attn.in_proj_weight"));
        QCOMPARE(k->op, KeyOp::ChunkK);
        const auto fused = findByOriginalKey(map, "transformer.resblocks.0.attn.in_proj_bias");
        QCOMPARE(fused.size(), size_t(3));
        QCOMPARE(fused[0].engineName, std::string("text_model.encoder.layers.0.self_attn.q_proj.bias"));
        QCOMPARE(fused[0].op, KeyOp::ChunkQ);
        QCOMPARE(fused[2].op, KeyOp::ChunkV);
        const auto projection = findByEngineName(map, "text_projection.weight");
        QVERIFY(projection.has_value());
        QCOMPARE(projection->originalKey, std::string("text_projection"));
        QCOMPARE(projection->op, KeyOp::Transpose);
        QCOMPARE(findByOriginalKey(map, "logit_scale").size(), size_t(0));
        QCOMPARE(
            findByEngineName(map, "text_model.final_layer_norm.weight")->originalKey, std::string("ln_final.weight"));
        QCOMPARE(findByEngineName(map, "text_model.embeddings.position_embedding.weight")->originalKey,
            std::string("positional_embedding"));

        // The mapped single file holds exactly the folder's tensors.
        const auto fromSingle = ModelFiles::open(easel::test::tinyModelPath("tiny-sdxl", "single-file"));
        const ComponentWeights& weights = fromSingle->weights(Component::TextEncoder2);
        for (const TensorEntry& e : folder.tensors()) {
            QVERIFY2(weights.contains(e.name), e.name.c_str());
            QVERIFY2(at::equal(weights.get(e.name).contiguous(), folder.tensor(e)), e.name.c_str());
        }

        QVERIFY_THROWS_EXCEPTION(EngineError,
            mapTextEncoderKeys({ "transformer.resblocks.0.attn.qkv.weight" }, TextEncoderNaming::OpenClip));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, mapTextEncoderKeys({ "transformer.layers.0" }, TextEncoderNaming::OpenClip));
    }

    void testKeyMappingHfClip()
    {
        const SafetensorsFile single(easel::test::tinyModelPath("tiny-sd15", "single-file"));
        const SafetensorsFile folder(
            easel::test::tinyModelPath("tiny-sd15", "diffusers") + "/text_encoder/model.safetensors");
        std::vector<std::string> keys = originalKeys(single, "cond_stage_model.transformer.");
        keys.push_back("text_model.embeddings.position_ids");
        const std::vector<KeyMapping> map = mapTextEncoderKeys(keys, TextEncoderNaming::HfClip);
        QCOMPARE(map.size(), folder.tensors().size());
        for (const KeyMapping& m : map) {
            QCOMPARE(m.engineName, m.originalKey);
            QCOMPARE(m.op, KeyOp::Identity);
            QVERIFY2(folder.contains(m.engineName), m.engineName.c_str());
        }
        QVERIFY(!findByEngineName(map, "text_model.embeddings.position_ids").has_value());
        // Checkpoints from old transformers versions lack the "text_model." level.
        const auto legacy = mapTextEncoderKeys({ "encoder.layers.0.mlp.fc1.weight" }, TextEncoderNaming::HfClip);
        QCOMPARE(legacy.size(), size_t(1));
        QCOMPARE(legacy[0].engineName, std::string("text_model.encoder.layers.0.mlp.fc1.weight"));
        QVERIFY_THROWS_EXCEPTION(EngineError,
            mapTextEncoderKeys({ "text_model.encoder.layers.0.mlp.fc3.weight" }, TextEncoderNaming::HfClip));
    }

    void testEmptyChunkMatchesTokenizer()
    {
        const auto files = ModelFiles::open(easel::test::tinyModelPath("tiny-sdxl", "diffusers"));
        const auto shapes1 = files->weights(Component::TextEncoder).shapes();
        const auto shapes2 = files->weights(Component::TextEncoder2).shapes();
        const TokenChunk e1
            = TextConditioner::emptyChunk(ClipTextConfig::resolve(files->config(Component::TextEncoder), shapes1));
        const TokenChunk e2
            = TextConditioner::emptyChunk(ClipTextConfig::resolve(files->config(Component::TextEncoder2), shapes2));
        const TokenChunk t1 = chunkFromIds(goldenTensor("tokenizer.safetensors", "clip_pad_eos.input_ids")[0]);
        const TokenChunk t2 = chunkFromIds(goldenTensor("tokenizer.safetensors", "clip_pad_bang.input_ids")[0]);
        QVERIFY(e1.ids == t1.ids);
        QVERIFY(e2.ids == t2.ids);
    }

    void testConditionerSd15()
    {
        const auto files = ModelFiles::open(easel::test::tinyModelPath("tiny-sd15", "single-file"));
        ClipTextModel encoder = loadEncoder(*files, Component::TextEncoder);
        const TextConditioner conditioner(files->info().family, encoder, nullptr);
        QCOMPARE(conditioner.family(), ModelFamily::SD1);

        const at::Tensor ids = goldenTensor("tiny-sd15.text_encoder.safetensors", "text_encoder.input_ids");
        const PromptTokens cat { { chunkFromIds(ids[0]) }, {} };
        const Conditioning plain = conditioner.encode({ cat });
        QCOMPARE(plain.context.sizes().vec(), (std::vector<int64_t> { 1, 77, 32 }));
        QVERIFY(!plain.pooled.defined());
        // All weights 1: bit for bit the encoder's last_hidden_state, and diffusers' prompt_embeds.
        {
            at::NoGradGuard noGrad;
            QVERIFY(at::equal(plain.context, encoder->forward(ids.narrow(0, 0, 1)).lastHiddenState));
        }
        const nlohmann::json& pipe = easel::test::goldenCase("tiny-sd15.txt2img.euler");
        QCOMPARE(pipe["params"]["prompt"].get<std::string>(), std::string("a photo of a cat"));
        EASEL_COMPARE_TENSORS(plain.context,
            goldenTensor(pipe["outputs"]["file"], pipe["outputs"]["keys"]["prompt_embeds"]), 1e-4, 1e-4,
            "prompt_embeds");

        // Emphasis changes the embedding but keeps its mean.
        PromptTokens weighted = cat;
        for (int i = 1; i <= 4; ++i)
            weighted.first[0].weights[size_t(i)] = 1.3f;
        const Conditioning emphasised = conditioner.encode({ weighted });
        QVERIFY((emphasised.context - plain.context).abs().max().item<double>() > 1e-3);
        QVERIFY(std::abs(emphasised.context.mean().item<double>() - plain.context.mean().item<double>()) < 1e-6);
        // Weighting only the second prompt of a batch leaves the first untouched.
        const Conditioning batch = conditioner.encode({ cat, weighted });
        QVERIFY(at::allclose(batch.context[0], plain.context[0], 1e-5, 1e-6));
        QVERIFY(at::allclose(batch.context[1], emphasised.context[0], 1e-5, 1e-6));
        PromptTokens zeroWeights = cat;
        zeroWeights.first[0].weights.fill(0.0f);
        QCOMPARE(conditioner.encode({ zeroWeights }).context.abs().max().item<double>(), 0.0);
        PromptTokens nanWeight = cat;
        nanWeight.first[0].weights[2] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(EngineError, conditioner.encode({ nanWeight }));
        TextConditionerOptions noEmphasis;
        noEmphasis.emphasis = false;
        const TextConditioner ignoring(ModelFamily::SD1, encoder, nullptr, noEmphasis);
        QVERIFY(at::equal(ignoring.encode({ weighted }).context, plain.context));

        // Two chunks against one: the negative is padded with the empty prompt.
        const PromptTokens longPrompt { { chunkFromIds(ids[2]), chunkFromIds(ids[0]) }, {} };
        const PromptTokens empty { { chunkFromIds(ids[1]) }, {} };
        const TextConditioner::Pair pair = conditioner.encodePair(longPrompt, &empty);
        QCOMPARE(pair.positive.context.sizes().vec(), (std::vector<int64_t> { 1, 154, 32 }));
        QCOMPARE(pair.negative.context.sizes().vec(), (std::vector<int64_t> { 1, 154, 32 }));
        const at::Tensor emptyEncoding = conditioner.encode({ PromptTokens {} }).context;
        QVERIFY(at::allclose(pair.negative.context.narrow(1, 77, 77), emptyEncoding, 1e-5, 1e-6));
        QVERIFY(at::allclose(pair.positive.context.narrow(1, 77, 77), plain.context, 1e-5, 1e-6));
        // No negative prompt on SD 1.x: the empty prompt (diffusers passes "").
        const TextConditioner::Pair none = conditioner.encodePair(cat, nullptr);
        QVERIFY(at::allclose(none.negative.context, emptyEncoding, 1e-5, 1e-6));

        // Clip skip 1 = hidden_states[-2] through the final LayerNorm.
        TextConditionerOptions skip;
        skip.clipSkip = 1;
        const TextConditioner skipping(ModelFamily::SD1, encoder, nullptr, skip);
        at::NoGradGuard noGrad;
        const ClipTextOutput full = encoder->forward(ids.narrow(0, 0, 1));
        QVERIFY(
            at::allclose(skipping.encode({ cat }).context, encoder->finalLayerNorm(full.hiddenState(-2)), 1e-6, 1e-6));
        skip.clipSkip = 5;
        QVERIFY_THROWS_EXCEPTION(EngineError, TextConditioner(ModelFamily::SD1, encoder, nullptr, skip));
        QVERIFY_THROWS_EXCEPTION(EngineError, TextConditioner(ModelFamily::SDXLBase, encoder, nullptr));
        QVERIFY_THROWS_EXCEPTION(EngineError, TextConditioner(ModelFamily::Unknown, encoder, nullptr));
        QVERIFY_THROWS_EXCEPTION(EngineError, conditioner.encode({}));
    }

    void testConditionerSdxl()
    {
        const auto files = ModelFiles::open(easel::test::tinyModelPath("tiny-sdxl", "diffusers"));
        ClipTextModel first = loadEncoder(*files, Component::TextEncoder);
        ClipTextModel second = loadEncoder(*files, Component::TextEncoder2);
        TextConditionerOptions options;
        options.zerosForEmptyNegative = files->pipelineIndex().value("force_zeros_for_empty_prompt", false);
        QVERIFY(options.zerosForEmptyNegative);
        const TextConditioner conditioner(files->info().family, first, second, options);
        QCOMPARE(conditioner.family(), ModelFamily::SDXLBase);

        const at::Tensor ids1 = goldenTensor("tiny-sdxl.text_encoder.safetensors", "text_encoder.input_ids");
        const at::Tensor ids2 = goldenTensor("tiny-sdxl.text_encoder.safetensors", "text_encoder_2.input_ids");
        const PromptTokens cat { { chunkFromIds(ids1[0]) }, { chunkFromIds(ids2[0]) } };
        const TextConditioner::Pair pair = conditioner.encodePair(cat, nullptr);
        QCOMPARE(pair.positive.context.sizes().vec(), (std::vector<int64_t> { 1, 77, 64 }));
        QCOMPARE(pair.positive.pooled.sizes().vec(), (std::vector<int64_t> { 1, 32 }));
        QVERIFY(at::equal(pair.negative.context, at::zeros_like(pair.positive.context)));
        QVERIFY(at::equal(pair.negative.pooled, at::zeros_like(pair.positive.pooled)));

        const nlohmann::json& pipe = easel::test::goldenCase("tiny-sdxl.txt2img.euler");
        QCOMPARE(pipe["params"]["prompt"].get<std::string>(), std::string("a photo of a cat"));
        const std::string file = pipe["outputs"]["file"];
        const auto& keys = pipe["outputs"]["keys"];
        EASEL_COMPARE_TENSORS(
            pair.positive.context, goldenTensor(file, keys["prompt_embeds"]), 1e-4, 1e-4, "prompt_embeds");
        EASEL_COMPARE_TENSORS(
            pair.positive.pooled, goldenTensor(file, keys["pooled_prompt_embeds"]), 1e-4, 1e-4, "pooled_prompt_embeds");
        const nlohmann::json& noNegative = easel::test::goldenCase("tiny-sdxl.txt2img.euler_no_negative");
        const at::Tensor zeros
            = goldenTensor(noNegative["outputs"]["file"], noNegative["outputs"]["keys"]["negative_prompt_embeds"]);
        QCOMPARE(zeros.sizes().vec(), pair.negative.context.sizes().vec());
        QCOMPARE(zeros.abs().max().item<double>(), 0.0);

        // Three chunks: context [1, 231, 64]; pooled from the first chunk only; emphasis keeps the mean.
        PromptTokens longPrompt { { chunkFromIds(ids1[0]), chunkFromIds(ids1[2]), chunkFromIds(ids1[1]) },
            { chunkFromIds(ids2[0]), chunkFromIds(ids2[2]) } };
        const Conditioning longCond = conditioner.encode({ longPrompt });
        QCOMPARE(longCond.context.sizes().vec(), (std::vector<int64_t> { 1, 231, 64 }));
        QVERIFY(at::allclose(longCond.pooled, pair.positive.pooled, 1e-5, 1e-6));
        QVERIFY(at::allclose(longCond.context.narrow(1, 0, 77), pair.positive.context, 1e-5, 1e-6));
        longPrompt.first[0].weights[3] = 1.5f;
        longPrompt.second[0].weights[3] = 1.5f;
        const Conditioning weighted = conditioner.encode({ longPrompt });
        const at::Tensor a = weighted.context.narrow(1, 0, 77), b = longCond.context.narrow(1, 0, 77);
        QVERIFY((a - b).abs().max().item<double>() > 1e-3);
        QVERIFY(std::abs(a.mean().item<double>() - b.mean().item<double>()) < 1e-6);
        QVERIFY(at::equal(weighted.context.narrow(1, 77, 154), longCond.context.narrow(1, 77, 154)));
        QVERIFY(at::equal(weighted.pooled, longCond.pooled));

        // The refiner conditions on the second encoder alone.
        const TextConditioner refiner(ModelFamily::SDXLRefiner, nullptr, second);
        const Conditioning refined = refiner.encode({ cat });
        QCOMPARE(refined.context.sizes().vec(), (std::vector<int64_t> { 1, 77, 32 }));
        QVERIFY(at::allclose(refined.context, pair.positive.context.narrow(2, 32, 32), 1e-5, 1e-6));
    }
};

QTEST_GUILESS_MAIN(TestTextEncoder)
#include "tst_textencoder.moc"
