// SPDX-License-Identifier: MIT
// Few-step generation against diffusers (goldens-next), both layouts: SDXL-Turbo usage (Euler a, trailing
// spacing, 1 and 2 steps, guidance 0: no unconditional pass) and LCM-LoRA (the LCM sampler, 4 steps,
// guidance 1, with an LCM LoRA fused into SD 1.5).

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

// Counts the UNet's evaluations through the steps it reports.
struct Steps : GenerationObserver {
    int count = 0;
    void onStep(const StepInfo&) override { ++count; }
};

} // namespace

class TestFewStep : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldens_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        int rows = 0;
        for (const nlohmann::json& c : easel::test::goldenManifest(kSet)["cases"]) {
            const std::string id = c["id"];
            if (id.find(".turbo.") == std::string::npos && id.find(".lcm_lora.") == std::string::npos)
                continue;
            for (const char* layout : { "diffusers", "single-file" }) {
                QTest::addRow("%s %s", id.c_str(), layout) << QString::fromStdString(id) << layout;
                ++rows;
            }
        }
        QCOMPARE(rows, 6); // turbo 1 and 2 steps, LCM-LoRA 4 steps x 2 layouts
    }

    void testGoldens()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        const nlohmann::json& c = easel::test::goldenCase(id.toStdString(), kSet);
        const auto sd = model(c["model"], layout.toStdString());
        const GenerationParams params = easel::test::pipelineParams(c, kSet);
        Steps steps;
        const GenerationResult result = sd->generate(params, &steps);
        QCOMPARE(steps.count, params.steps);
        easel::test::comparePipelineOutputs(*sd, result, c, kSet, params.prompt, params.negativePrompt);
        sd->setLoras({});
    }
};

QTEST_GUILESS_MAIN(TestFewStep)
#include "tst_fewstep.moc"
