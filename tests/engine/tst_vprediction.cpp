// SPDX-License-Identifier: MIT
// SD 2.x v-prediction (tiny-sd2v, goldens-next) from both layouts: detection (the diffusers scheduler config;
// a single file's A1111 .yaml), the OpenCLIP text encoder taken at its penultimate block with the final
// LayerNorm, the UNet (linear projections, heads per level, one layer per block), and Euler, DDIM and
// DPM++ 2M pipelines with v converted to x0 / eps.

#include "support/goldenrun.h"
#include "support/goldens.h"
#include "support/testdata.h"

#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"
#include "support/tinymodels.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <map>

using namespace easel::engine;

namespace {

const std::string kSet = "goldens-next";

std::shared_ptr<StableDiffusion> model(const std::string& layout) { return easel::test::tinyModel("tiny-sd2v", layout); }

void addLayouts()
{
    QTest::addColumn<QString>("layout");
    QTest::newRow("diffusers") << "diffusers";
    QTest::newRow("single-file") << "single-file";
}

} // namespace

class TestVPrediction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testDetection_data() { addLayouts(); }
    void testDetection()
    {
        QFETCH(QString, layout);
        const auto sd = model(layout.toStdString());
        QCOMPARE(sd->family(), ModelFamily::SD2);
        QCOMPARE(sd->info().prediction, Prediction::VPrediction);
        QCOMPARE(sd->schedulerConfig().predictionType, PredictionType::VPrediction);
        QCOMPARE(QString::fromStdString(sd->info().predictionSource),
            layout == QLatin1String("diffusers")
                ? QStringLiteral("scheduler config")
                : QStringLiteral("sidecar ") + QString::fromStdString(easel::test::testDataFile("models/tiny-sd2v/single-file/tiny-sd2v.yaml")));
        QCOMPARE(sd->defaultSampler().kind, SamplerKind::Ddim);
        // OpenCLIP's last block (resblocks.5) is left out, as SD 2.x conditions on the penultimate one.
        QCOMPARE(sd->textEncoder(0)->config().layers, int64_t(5));
    }

    void testTextEncoder_data() { addLayouts(); }
    void testTextEncoder()
    {
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase("tiny-sd2v.text_encoder", kSet);
        const std::string in = c["inputs"]["file"], out = c["outputs"]["file"];
        const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];
        const at::Tensor ids = easel::test::goldenTensor(in, c["inputs"]["keys"]["input_ids"], kSet);
        const ClipTextOutput o = model(layout.toStdString())->textEncoder(0)->forward(ids);
        EASEL_COMPARE_TENSORS(o.lastHiddenState, easel::test::goldenTensor(out, c["outputs"]["keys"]["last_hidden_state"], kSet),
            rtol, atol, "last_hidden_state");
        EASEL_COMPARE_TENSORS(o.pooled, easel::test::goldenTensor(out, c["outputs"]["keys"]["pooler_output"], kSet), rtol,
            atol, "pooler_output");
        // The tokenizer pads with "!" (id 0), as SD 2.x's.
        const PromptTokens tokens = model(layout.toStdString())->tokenize(c["params"]["prompts"][0], PromptSyntax::Plain);
        QCOMPARE(tokens.first.size(), size_t(1));
        const auto& chunk = tokens.first[0].ids;
        QVERIFY(at::equal(at::tensor(std::vector<int64_t>(chunk.begin(), chunk.end()), at::kLong).reshape({ 1, -1 }),
            ids.narrow(0, 0, 1)));
    }

    void testUNet_data() { addLayouts(); }
    void testUNet()
    {
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase("tiny-sd2v.unet", kSet);
        const std::string in = c["inputs"]["file"], out = c["outputs"]["file"];
        const at::Tensor sample = easel::test::goldenTensor(in, c["inputs"]["keys"]["sample"], kSet);
        const at::Tensor context = easel::test::goldenTensor(in, c["inputs"]["keys"]["encoder_hidden_states"], kSet);
        for (int t : c["params"]["timesteps"].get<std::vector<int>>()) {
            const at::Tensor v = model(layout.toStdString())->unet()->forward(sample, at::scalar_tensor(int64_t(t), at::kLong), context);
            const std::string key = "t" + std::to_string(t);
            EASEL_COMPARE_TENSORS(v, easel::test::goldenTensor(out, c["outputs"]["keys"][key], kSet), c["tolerance"]["rtol"],
                c["tolerance"]["atol"], key.c_str());
        }
    }

    void testPipelines_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        int rows = 0;
        for (const nlohmann::json& c : easel::test::goldenCases("pipeline", kSet)) {
            const std::string id = c["id"];
            if (c["model"] != "tiny-sd2v")
                continue;
            for (const char* layout : { "diffusers", "single-file" }) {
                QTest::addRow("%s %s", id.c_str(), layout) << QString::fromStdString(id) << layout;
                ++rows;
            }
        }
        QCOMPARE(rows, 6); // euler_v, ddim_v, dpmpp_2m_v_generator x 2 layouts
    }

    void testPipelines()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(id.toStdString(), kSet);
        const auto sd = model(layout.toStdString());
        const GenerationParams params = easel::test::pipelineParams(c, kSet);
        const GenerationResult result = sd->generate(params);
        easel::test::comparePipelineOutputs(*sd, result, c, kSet, params.prompt, params.negativePrompt);
    }
};

QTEST_GUILESS_MAIN(TestVPrediction)
#include "tst_vprediction.moc"
