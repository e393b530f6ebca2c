// SPDX-License-Identifier: MIT
// Step caching (DeepCache): the shallow path of the UNet on a kept deep feature, for every skip branch of the
// SD 1.x and SDXL layouts; the schedule of full and cached evaluations in a generation; interval 1 is the
// plain computation bit for bit; the difference to the full computation on the tiny model stays bounded.

#include "support/testdata.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"
#include "support/tinymodels.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <map>
#include <memory>

using namespace easel::engine;

namespace {

std::shared_ptr<StableDiffusion> model(const std::string& name) { return easel::test::tinyModel(name); }

// Random UNet inputs for a batch of `batch` at latent size h x w (SDXL's added conditioning included).
struct Inputs {
    at::Tensor sample, context;
    UNetAddedConditioning added;
    const UNetAddedConditioning* addedOrNull() const { return added.textEmbeds.defined() ? &added : nullptr; }
};

Inputs randomInputs(const UNetConfig& c, int64_t batch, int64_t h, int64_t w)
{
    at::manual_seed(7);
    Inputs in;
    in.sample = at::randn({ batch, c.inChannels, h, w });
    in.context = at::randn({ batch, 9, c.crossAttentionDim });
    if (c.textTimeEmbedding) {
        const int64_t ids = 6; // the base model's size conditioning
        in.added.textEmbeds = at::randn({ batch, c.projectionClassEmbeddingsInputDim - ids * c.additionTimeEmbedDim });
        in.added.timeIds = at::tensor({ 64.0, 64.0, 0.0, 0.0, 64.0, 64.0 }).repeat({ batch, 1 });
    }
    return in;
}

at::Tensor timestep(int64_t t) { return at::scalar_tensor(t, at::kLong); }

GenerationParams params(int steps, int stepCache)
{
    GenerationParams p;
    p.prompt = "a lighthouse on a cliff at dusk";
    p.negativePrompt = "blurry";
    p.steps = steps;
    p.seed = 1234;
    p.sampler = SamplerKind::Euler; // one UNet evaluation per step
    p.preview = PreviewMode::None;
    p.stepCache = stepCache;
    return p;
}

double meanAbsDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a.to(at::kFloat) - b.to(at::kFloat)).abs().mean().item<double>();
}

} // namespace

class TestStepCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testShallowPathOnItsOwnFeature_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("branches");
        // tiny-sd15: conv_in + 4 levels of 2 resnets + 3 downsamplers; tiny-sdxl: its own layout.
        QTest::newRow("tiny-sd15") << "tiny-sd15" << 12;
        QTest::newRow("tiny-sdxl") << "tiny-sdxl" << int(model("tiny-sdxl")->unet()->skipBranches());
    }

    // On the same inputs, the shallow path on the feature a full evaluation just kept recomputes exactly the
    // full result: it proves for every branch that the down path stops and the up path starts at the right
    // resnet, with the right skips. On another timestep it differs (the deep feature is stale).
    void testShallowPathOnItsOwnFeature()
    {
        QFETCH(QString, model);
        QFETCH(int, branches);
        UNet& unet = ::model(model.toStdString())->unet();
        QCOMPARE(unet->skipBranches(), int64_t(branches));
        QVERIFY(branches > 2);
        const Inputs in = randomInputs(unet->config(), 2, 8, 8);
        at::NoGradGuard noGrad;
        const at::Tensor full = unet->forward(in.sample, timestep(500), in.context, in.addedOrNull());
        const at::Tensor later = unet->forward(in.sample, timestep(400), in.context, in.addedOrNull());
        for (int64_t branch = 0; branch < branches; ++branch) {
            UNetStepCache cache;
            cache.branch = branch;
            const at::Tensor first = unet->forward(in.sample, timestep(500), in.context, in.addedOrNull(), cache, true);
            QVERIFY2(at::equal(first, full), qPrintable(QStringLiteral("branch %1").arg(branch)));
            QCOMPARE(cache.fullCalls, int64_t(1)); // no feature yet: the whole UNet ran despite `reuse`
            QVERIFY(cache.feature.defined());
            const at::Tensor again = unet->forward(in.sample, timestep(500), in.context, in.addedOrNull(), cache, true);
            QCOMPARE(cache.cachedCalls, int64_t(1));
            QVERIFY2(at::allclose(again, full, 1e-5, 1e-6), qPrintable(QStringLiteral("branch %1").arg(branch)));
            const at::Tensor stale = unet->forward(in.sample, timestep(400), in.context, in.addedOrNull(), cache, true);
            QCOMPARE(cache.cachedCalls, int64_t(2));
            QCOMPARE(cache.fullCalls, int64_t(1));
            QVERIFY(!at::allclose(stale, later, 1e-5, 1e-6));
            QVERIFY(at::isfinite(stale).all().item<bool>());
        }
    }

    // The kept feature serves only the batch and size it was made for; a branch the UNet lacks is an error.
    void testFeatureMustFit()
    {
        UNet& unet = model("tiny-sd15")->unet();
        at::NoGradGuard noGrad;
        const Inputs two = randomInputs(unet->config(), 2, 8, 8);
        const Inputs one = randomInputs(unet->config(), 1, 8, 8);
        const Inputs larger = randomInputs(unet->config(), 2, 16, 8);
        UNetStepCache cache;
        unet->forward(two.sample, timestep(10), two.context, nullptr, cache, false);
        unet->forward(one.sample, timestep(10), one.context, nullptr, cache, true);
        unet->forward(larger.sample, timestep(10), larger.context, nullptr, cache, true);
        QCOMPARE(cache.fullCalls, int64_t(3));
        QCOMPARE(cache.cachedCalls, int64_t(0));
        unet->forward(larger.sample, timestep(10), larger.context, nullptr, cache, true);
        QCOMPARE(cache.cachedCalls, int64_t(1));

        UNetStepCache bad;
        bad.branch = unet->skipBranches();
        QVERIFY_THROWS_EXCEPTION(
            EngineError, unet->forward(two.sample, timestep(10), two.context, nullptr, bad, false));
        bad.branch = -1;
        QVERIFY_THROWS_EXCEPTION(
            EngineError, unet->forward(two.sample, timestep(10), two.context, nullptr, bad, false));
    }

    void testIntervalOneIsOff()
    {
        const auto sd = model("tiny-sd15");
        const GenerationResult off = sd->generate(params(8, 1));
        GenerationParams defaults = params(8, 1);
        defaults.stepCache = GenerationParams().stepCache;
        const GenerationResult plain = sd->generate(defaults);
        QCOMPARE(off.outcome, Outcome::Completed);
        QCOMPARE(off.fullUNetCalls, int64_t(8));
        QCOMPARE(off.cachedUNetCalls, int64_t(0));
        QVERIFY(at::equal(off.images.at(0).latents, plain.images.at(0).latents));
        QVERIFY(at::equal(off.images.at(0).rgb, plain.images.at(0).rgb));
    }

    void testSchedule_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("interval");
        QTest::addColumn<int>("full");
        QTest::addColumn<int>("cached");
        // Evaluation c runs the whole UNet when c % interval == 0: c = 0, N, 2N...
        QTest::newRow("sd15 10 steps N=2") << "tiny-sd15" << 10 << 2 << 5 << 5;
        QTest::newRow("sd15 10 steps N=3") << "tiny-sd15" << 10 << 3 << 4 << 6;
        QTest::newRow("sd15 10 steps N=5") << "tiny-sd15" << 10 << 5 << 2 << 8;
        QTest::newRow("sd15 4 steps N=9") << "tiny-sd15" << 4 << 9 << 1 << 3;
        QTest::newRow("sdxl 7 steps N=3") << "tiny-sdxl" << 7 << 3 << 3 << 4;
    }

    void testSchedule()
    {
        QFETCH(QString, model);
        QFETCH(int, steps);
        QFETCH(int, interval);
        QFETCH(int, full);
        QFETCH(int, cached);
        const auto sd = ::model(model.toStdString());
        const GenerationResult result = sd->generate(params(steps, interval));
        QCOMPARE(result.outcome, Outcome::Completed);
        QCOMPARE(result.fullUNetCalls, int64_t(full));
        QCOMPARE(result.cachedUNetCalls, int64_t(cached));
        QVERIFY(!result.images.at(0).quality.nonFinite);
    }

    // Against the full computation, 20 Euler steps on the tiny model (uint8 RGB, 0..255): measured mean
    // absolute differences 5.9 (N=2) and 9.4 (N=3), where another seed differs by 65.6; the bounds leave
    // room for other CPUs' rounding. (The tiny model's random weights change their deep features between
    // steps far more than a trained model's, so this is the worst case of the option, not its typical one.)
    void testBoundedDifference_data()
    {
        QTest::addColumn<int>("interval");
        QTest::addColumn<double>("bound");
        QTest::newRow("N=2") << 2 << 8.0;
        QTest::newRow("N=3") << 3 << 13.0;
    }

    void testBoundedDifference()
    {
        QFETCH(int, interval);
        QFETCH(double, bound);
        const auto sd = model("tiny-sd15");
        const GenerationResult full = sd->generate(params(20, 1));
        const GenerationResult cached = sd->generate(params(20, interval));
        QCOMPARE(cached.outcome, Outcome::Completed);
        QVERIFY(cached.cachedUNetCalls > 0);
        const double rgb = meanAbsDifference(full.images.at(0).rgb, cached.images.at(0).rgb);
        const double latents = meanAbsDifference(full.images.at(0).latents, cached.images.at(0).latents);
        GenerationParams otherSeed = params(20, 1);
        otherSeed.seed += 1;
        const double seedDifference
            = meanAbsDifference(full.images.at(0).rgb, sd->generate(otherSeed).images.at(0).rgb);
        qInfo("step cache %d: mean |difference| %.3f of 255 (latents %.4f); another seed: %.3f", interval, rgb, latents,
            seedDifference);
        QVERIFY(rgb > 0.0); // the shallow path ran and changed the image
        QVERIFY2(rgb < bound, qPrintable(QStringLiteral("%1 >= %2").arg(rgb).arg(bound)));
        QVERIFY(rgb < seedDifference / 5); // still the same picture
    }

    void testBadInterval()
    {
        const GenerationResult result = model("tiny-sd15")->generate(params(4, 0));
        QCOMPARE(result.outcome, Outcome::Failed);
        QVERIFY(result.error.find("step-cache") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestStepCache)
#include "tst_stepcache.moc"
