// SPDX-License-Identifier: MIT
// Inpainting against diffusers' StableDiffusionInpaintPipeline (goldens-next): the 9-channel inpainting UNet
// (tiny-sd15-inpaint: mask and masked-image latents as extra input channels, strength 1 from pure noise) and a
// plain 4-channel model (tiny-sd15: the source blended back outside the mask after every step), both layouts;
// and the errors for a missing or misshapen mask.

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

std::shared_ptr<StableDiffusion> model(const std::string& name, const std::string& layout)
{
    return easel::test::tinyModel(name, layout);
}

} // namespace

class TestInpaint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldens_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        int rows = 0;
        for (const nlohmann::json& c : easel::test::goldenCases("pipeline", kSet)) {
            const std::string id = c["id"];
            if (id.find("inpaint") == std::string::npos)
                continue;
            for (const char* layout : { "diffusers", "single-file" }) {
                QTest::addRow("%s %s", id.c_str(), layout) << QString::fromStdString(id) << layout;
                ++rows;
            }
        }
        QCOMPARE(rows, 6); // 9-channel Euler and DDIM, 4-channel legacy DDIM x 2 layouts
    }

    void testGoldens()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(id.toStdString(), kSet);
        const auto sd = model(c["model"], layout.toStdString());
        QCOMPARE(sd->info().inpainting, c["model"] == "tiny-sd15-inpaint");
        const GenerationParams params = easel::test::pipelineParams(c, kSet);
        QVERIFY(params.mask.defined() && params.initImage.defined());
        const GenerationResult result = sd->generate(params);
        easel::test::comparePipelineOutputs(*sd, result, c, kSet, params.prompt, params.negativePrompt);
    }

    void testLegacyBlendKeepsTheSourceOutsideTheMask()
    {
        // A plain model keeps the source outside the mask: with the right half repainted, the left half of
        // the final latents is the source's latent sample (the last step blends in the clean source).
        const nlohmann::json& c = easel::test::goldenCase("tiny-sd15.inpaint_legacy4ch.ddim_generator", kSet);
        GenerationParams params = easel::test::pipelineParams(c, kSet);
        params.mask = at::zeros({ 1, 1, params.height, params.width });
        params.mask.narrow(3, params.width / 2, params.width / 2).fill_(1.0);
        const auto sd = model("tiny-sd15", "diffusers");
        const GenerationResult result = sd->generate(params);
        QVERIFY2(result.outcome == Outcome::Completed, result.error.c_str());

        const LatentDistribution dist = sd->vae()->encode(params.initImage * 2 - 1);
        at::Generator generator = at::detail::createCPUGenerator(params.seed);
        const at::Tensor eps = at::randn(dist.mean.sizes(), generator, at::kFloat);
        const at::Tensor source = ((dist.mean + dist.std * eps) * sd->vae()->config().scalingFactor)[0];
        const at::Tensor latents = result.images[0].latents;
        const int64_t half = latents.size(2) / 2;
        EASEL_COMPARE_TENSORS(latents.narrow(2, 0, half), source.narrow(2, 0, half), 0, 1e-6, "kept half");
        QVERIFY((latents.narrow(2, half, half) - source.narrow(2, half, half)).abs().max().item<double>() > 0.1);
    }

    void testErrors()
    {
        const nlohmann::json& c = easel::test::goldenCase("tiny-sd15-inpaint.inpaint.ddim_generator", kSet);
        GenerationParams params = easel::test::pipelineParams(c, kSet);
        params.steps = 1;
        const auto sd = model("tiny-sd15-inpaint", "single-file");

        GenerationParams noMask = params;
        noMask.mask = at::Tensor();
        GenerationResult r = sd->generate(noMask);
        QCOMPARE(r.outcome, Outcome::Failed);
        QCOMPARE(r.error, std::string("this is an inpainting model: give it a source image and a mask (white = repaint)"));
        noMask.initImage = at::Tensor();
        QCOMPARE(sd->generate(noMask).error, r.error);

        GenerationParams wrongSize = params;
        wrongSize.mask = at::ones({ 1, 1, 32, 32 });
        r = sd->generate(wrongSize);
        QCOMPARE(r.outcome, Outcome::Failed);
        QCOMPARE(r.error, std::string("the mask must be [1, 1, 64, 64], the size of the image"));

        GenerationParams maskOnly = params;
        maskOnly.initImage = at::Tensor();
        r = sd->generate(maskOnly);
        QCOMPARE(r.error, std::string("inpainting needs the source image as well as the mask"));
    }
};

QTEST_GUILESS_MAIN(TestInpaint)
#include "tst_inpaint.moc"
