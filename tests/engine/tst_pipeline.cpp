// SPDX-License-Identifier: MIT
// Whole pipelines against diffusers' StableDiffusion(XL)(Img2Img)Pipeline goldens, from both layouts.

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

std::shared_ptr<StableDiffusion> model(const std::string& name, const std::string& layout)
{
    return easel::test::tinyModel(name, layout);
}

// Records what the job reports, to check progress and previews.
struct Recorder : GenerationObserver {
    std::vector<StepInfo> steps;
    int previews = 0;
    int images = 0;
    void onStep(const StepInfo& info) override { steps.push_back(info); }
    void onPreview(int, int, const at::Tensor& rgb) override
    {
        QCOMPARE(rgb.scalar_type(), at::kByte);
        ++previews;
    }
    void onImage(const GeneratedImage&) override { ++images; }
};

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldens_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        int rows = 0;
        for (const nlohmann::json& c : easel::test::goldenCases("pipeline")) {
            const std::string id = c["id"];
            for (const char* layout : { "diffusers", "single-file" }) {
                QTest::addRow("%s %s", id.c_str(), layout) << QString::fromStdString(id) << layout;
                ++rows;
            }
        }
        QCOMPARE(rows, 32); // 16 cases in goldens/manifest.json x 2 layouts: an emptied manifest fails
    }

    void testGoldens()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(id.toStdString());
        const nlohmann::json& p = c["params"];
        const auto sd = model(c["model"], layout.toStdString());

        const SchedulerConfig scheduler = SchedulerConfig::fromJson(p["scheduler"]);
        const SamplerChoice choice = defaultSampler(scheduler);
        GenerationParams params;
        params.prompt = p["prompt"];
        params.hasNegativePrompt = !p["negative_prompt"].is_null();
        if (params.hasNegativePrompt)
            params.negativePrompt = p["negative_prompt"];
        params.steps = p["num_inference_steps"];
        params.guidance = p["guidance_scale"];
        params.width = p["width"];
        params.height = p["height"];
        params.sampler = choice.kind;
        params.schedule = choice.schedule;
        params.spacing = scheduler.timestepSpacing;
        params.promptSyntax = PromptSyntax::Plain; // diffusers reads brackets literally
        params.preview = PreviewMode::Approx;
        const nlohmann::json& in = c["inputs"];
        const std::string file = in.value("file", std::string());
        if (in["keys"].contains("latents"))
            params.initLatents = easel::test::goldenTensor(file, in["keys"]["latents"]);
        if (p.contains("generator_seed"))
            params.seed = p["generator_seed"].get<uint64_t>();
        if (in["keys"].contains("init_image")) {
            params.initImage = easel::test::goldenTensor(file, in["keys"]["init_image"]);
            params.strength = p["strength"];
        }

        Recorder recorder;
        const GenerationResult result = sd->generate(params, &recorder);
        QVERIFY2(result.outcome == Outcome::Completed, result.error.c_str());
        QCOMPARE(result.images.size(), size_t(1));
        QCOMPARE(recorder.images, 1);
        QVERIFY(!recorder.steps.empty());
        QCOMPARE(recorder.steps.back().step, recorder.steps.back().steps);
        QCOMPARE(recorder.previews, int(recorder.steps.size()) - 1); // every step but the last

        const nlohmann::json& out = c["outputs"];
        const std::string outFile = out["file"];
        const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];
        const at::Tensor latents = result.images[0].latents.unsqueeze(0);
        EASEL_COMPARE_TENSORS(latents, easel::test::goldenTensor(outFile, out["keys"]["latents"]), rtol, atol, "latents");
        const at::Tensor image = sd->decodeLatents(latents).permute({ 0, 2, 3, 1 });
        EASEL_COMPARE_TENSORS(image, easel::test::goldenTensor(outFile, out["keys"]["image"]), rtol, atol, "image");
        // The PNG pixels are the float image rounded, as diffusers' numpy_to_pil does.
        const at::Tensor expected8 = (image[0] * 255).round().to(at::kByte);
        QVERIFY(at::equal(result.images[0].rgb, expected8));

        // Text conditioning, where the golden kept it.
        if (out["keys"].contains("prompt_embeds")) {
            const PromptTokens pos = sd->tokenize(params.prompt, PromptSyntax::Plain);
            const PromptTokens neg = sd->tokenize(params.negativePrompt, PromptSyntax::Plain);
            const TextConditioner::Pair pair
                = sd->textConditioner().encodePair(pos, params.hasNegativePrompt ? &neg : nullptr);
            const auto golden = [&](const char* key) { return easel::test::goldenTensor(outFile, out["keys"][key]); };
            EASEL_COMPARE_TENSORS(pair.positive.context, golden("prompt_embeds"), 1e-4, 1e-4, "prompt_embeds");
            EASEL_COMPARE_TENSORS(pair.negative.context, golden("negative_prompt_embeds"), 1e-4, 1e-4, "negative_prompt_embeds");
            if (out["keys"].contains("pooled_prompt_embeds")) {
                EASEL_COMPARE_TENSORS(pair.positive.pooled, golden("pooled_prompt_embeds"), 1e-4, 1e-4, "pooled");
                EASEL_COMPARE_TENSORS(pair.negative.pooled, golden("negative_pooled_prompt_embeds"), 1e-4, 1e-4, "negative pooled");
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
