// SPDX-License-Identifier: MIT
// Token merging (ToMe for SD): the merge/unmerge of TokenMerge on small hand-made tensors (identical tokens
// merged, the mean of merged tokens, the original order restored, exactly r tokens merged, one matching per
// batch item, grids without full windows); in the UNet, ratio 0 is the plain computation bit for bit and the
// blocks of the highest resolution with attention are the merged ones (SD 1.x and SDXL); in a generation, the
// difference to the plain image stays well below another seed's, also together with step caching.

#include "support/testdata.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/models/tokenmerge.h"
#include "engine/pipeline/stablediffusion.h"
#include "support/tinymodels.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <cmath>
#include <map>
#include <memory>
#include <set>

using namespace easel::engine;

namespace {

std::shared_ptr<StableDiffusion> model(const std::string& name) { return easel::test::tinyModel(name); }

GenerationParams params(int steps, double tokenMerge, int stepCache = 1)
{
    GenerationParams p;
    p.prompt = "a lighthouse on a cliff at dusk";
    p.negativePrompt = "blurry";
    p.steps = steps;
    p.seed = 1234;
    p.sampler = SamplerKind::Euler;
    p.preview = PreviewMode::None;
    p.tokenMerge = tokenMerge;
    p.stepCache = stepCache;
    return p;
}

double meanAbsDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a.to(at::kFloat) - b.to(at::kFloat)).abs().mean().item<double>();
}

// Eight tokens of a 2 x 4 grid, pairwise far apart: token i points mostly along axis i.
at::Tensor distinctTokens()
{
    at::Tensor x = at::eye(8, at::kFloat) * 4 + 0.1;
    return x.unsqueeze(0); // [1, 8, 8]
}

// The row of merge()'s result that each token's output comes from: unmerge() of a tensor of row numbers.
std::vector<int64_t> rowsOf(const TokenMerge& tome, int64_t batchItem, int64_t batch)
{
    const int64_t rows = tome.tokens() - tome.merged();
    const at::Tensor numbers = at::arange(rows, at::kFloat).reshape({ 1, rows, 1 }).expand({ batch, rows, 1 });
    const at::Tensor back = tome.unmerge(numbers.contiguous())[batchItem].reshape({ -1 }).to(at::kLong);
    return std::vector<int64_t>(back.data_ptr<int64_t>(), back.data_ptr<int64_t>() + back.numel());
}

} // namespace

class TestTokenMerge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    // A 2 x 4 grid has destinations 0 and 2 (the top-left tokens of its two 2x2 windows); token 5 (second row,
    // second column) is a copy of destination 2, so at r = 1 it is the one merged, into 2.
    void testIdenticalTokensMerge()
    {
        at::Tensor x = distinctTokens();
        x[0][5] = x[0][2];
        const TokenMerge tome(x, 2, 4, 0.125); // floor(0.125 * 8) = 1
        QCOMPARE(tome.tokens(), int64_t(8));
        QCOMPARE(tome.merged(), int64_t(1));
        const at::Tensor merged = tome.merge(x);
        QCOMPARE(merged.sizes(), (at::IntArrayRef { 1, 7, 8 }));
        // The destinations last, in grid order; the mean of 2 and its copy is 2 itself.
        QVERIFY(at::equal(merged[0][5], x[0][0]));
        QVERIFY(at::equal(merged[0][6], x[0][2]));
        const std::vector<int64_t> rows = rowsOf(tome, 0, 1);
        QCOMPARE(rows[0], int64_t(5));
        QCOMPARE(rows[2], int64_t(6));
        QCOMPARE(rows[5], int64_t(6)); // the merged source gets its destination's output
        // Unmerging restores all eight tokens in their order, exactly (nothing but the copy was merged).
        const at::Tensor back = tome.unmerge(merged);
        QCOMPARE(back.sizes(), x.sizes());
        QVERIFY(at::equal(back, x));
    }

    // A merged destination is the mean of itself and its sources; the other tokens pass through unchanged.
    void testMergedTokensAreTheMean()
    {
        at::Tensor x = distinctTokens();
        x[0][5] = x[0][2] * 1.5 + 0.01; // closest to destination 2 by far, not equal to it
        x[0][1] = x[0][0] * 0.5 + 0.02; // and 1 to destination 0
        const TokenMerge tome(x, 2, 4, 0.25); // r = 2: tokens 1 and 5
        QCOMPARE(tome.merged(), int64_t(2));
        const at::Tensor merged = tome.merge(x);
        QCOMPARE(merged.size(1), int64_t(6));
        QVERIFY(at::allclose(merged[0][4], (x[0][0] + x[0][1]) / 2));
        QVERIFY(at::allclose(merged[0][5], (x[0][2] + x[0][5]) / 2));
        const at::Tensor back = tome.unmerge(merged);
        for (int64_t i : { 3, 4, 6, 7 })
            QVERIFY2(at::equal(back[0][i], x[0][i]), qPrintable(QStringLiteral("token %1").arg(i)));
        QVERIFY(at::equal(back[0][0], back[0][1]));
        QVERIFY(at::equal(back[0][2], back[0][5]));
        QVERIFY(at::allclose(back[0][5], (x[0][2] + x[0][5]) / 2));
    }

    void testExactlyRMerged_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<int>("r");
        // 8 x 8: 16 destinations, 48 sources; r = floor(ratio * 64), at most the 48 sources.
        QTest::newRow("8x8 0.25") << 8 << 8 << 0.25 << 16;
        QTest::newRow("8x8 0.5") << 8 << 8 << 0.5 << 32;
        QTest::newRow("8x8 0.75") << 8 << 8 << 0.75 << 48;
        QTest::newRow("8x8 0.01") << 8 << 8 << 0.01 << 0;
        // Odd sizes: only full windows have a destination (3 x 5: 2 of them, 13 sources).
        QTest::newRow("3x5 0.5") << 3 << 5 << 0.5 << 7;
        QTest::newRow("3x5 0.75") << 3 << 5 << 0.75 << 11;
        // No full window: nothing to merge into.
        QTest::newRow("1x9 0.5") << 1 << 9 << 0.5 << 0;
    }

    // r tokens merged, exactly: unmerge() uses every row of merge()'s result, the destinations' rows come
    // from the destinations in grid order, and r more tokens than there are destinations take those rows.
    void testExactlyRMerged()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(double, ratio);
        QFETCH(int, r);
        at::manual_seed(3);
        const int64_t n = int64_t(height) * width, batch = 2;
        const at::Tensor x = at::randn({ batch, n, 6 });
        const TokenMerge tome(x, height, width, ratio);
        QCOMPARE(tome.merged(), int64_t(r));
        const at::Tensor merged = tome.merge(x);
        QCOMPARE(merged.sizes(), (at::IntArrayRef { batch, n - r, 6 }));
        const at::Tensor back = tome.unmerge(merged);
        QCOMPARE(back.sizes(), x.sizes());
        if (r == 0) {
            QVERIFY(at::equal(back, x));
            return;
        }
        const int64_t destinations = (height / 2) * (width / 2);
        for (int64_t b = 0; b < batch; ++b) {
            const std::vector<int64_t> rows = rowsOf(tome, b, batch);
            QCOMPARE(std::set<int64_t>(rows.begin(), rows.end()).size(), size_t(n - r));
            int64_t intoDestinations = 0, k = 0;
            for (int64_t i = 0; i < n; ++i) {
                const bool destination = (i / width) % 2 == 0 && (i % width) % 2 == 0 && i / width < 2 * (height / 2)
                    && i % width < 2 * (width / 2);
                if (destination)
                    QCOMPARE(rows[size_t(i)], n - r - destinations + k++);
                if (rows[size_t(i)] >= n - r - destinations)
                    ++intoDestinations;
            }
            QCOMPARE(k, destinations);
            QCOMPARE(intoDestinations - destinations, int64_t(r));
        }
    }

    // Each batch item has its own matching: merging a batch of two is merging each alone.
    void testBatchItemsMatchAlone()
    {
        at::manual_seed(11);
        const at::Tensor x = at::randn({ 2, 36, 5 });
        const TokenMerge both(x, 6, 6, 0.5);
        const at::Tensor merged = both.merge(x);
        for (int64_t b = 0; b < 2; ++b) {
            const at::Tensor one = x.narrow(0, b, 1);
            const TokenMerge alone(one, 6, 6, 0.5);
            QVERIFY(at::equal(merged.narrow(0, b, 1), alone.merge(one)));
            QVERIFY(at::equal(both.unmerge(merged).narrow(0, b, 1), alone.unmerge(alone.merge(one))));
        }
        // The two items' matchings differ here (else the test would prove nothing).
        QVERIFY(rowsOf(both, 0, 2) != rowsOf(both, 1, 2));
    }

    void testBadInput()
    {
        const at::Tensor x = at::randn({ 1, 16, 4 });
        QVERIFY_THROWS_EXCEPTION(EngineError, TokenMerge(x, 4, 4, 0.8));
        QVERIFY_THROWS_EXCEPTION(EngineError, TokenMerge(x, 4, 4, -0.1));
        QVERIFY_THROWS_EXCEPTION(EngineError, TokenMerge(x, 4, 4, std::nan("")));
        QVERIFY_THROWS_EXCEPTION(EngineError, TokenMerge(x, 4, 5, 0.5));
        const TokenMerge tome(x, 4, 4, 0.5);
        QVERIFY_THROWS_EXCEPTION(EngineError, tome.merge(at::randn({ 1, 15, 4 })));
        QVERIFY_THROWS_EXCEPTION(EngineError, tome.unmerge(x));
    }

    void testMergeLevel_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("level");
        QTest::newRow("tiny-sd15") << "tiny-sd15" << 0; // attention at every level but the deepest
        QTest::newRow("tiny-sdxl") << "tiny-sdxl" << 1; // SDXL's first level has none
    }

    // In the UNet: the merge level is the first with attention; ratio 0 is the plain forward bit for bit; a
    // ratio changes the result at a latent size whose merge level has full 2x2 windows, and leaves it as it was
    // where that level's grid is one token high (no window there nor deeper).
    void testMergeLevel()
    {
        QFETCH(QString, model);
        QFETCH(int, level);
        UNet& unet = ::model(model.toStdString())->unet();
        QCOMPARE(unet->tokenMergeLevel(), int64_t(level));
        const UNetConfig& c = unet->config();
        at::NoGradGuard noGrad;
        at::manual_seed(7);
        const int64_t batch = 2;
        UNetAddedConditioning added;
        if (c.textTimeEmbedding) {
            added.textEmbeds = at::randn({ batch, c.projectionClassEmbeddingsInputDim - 6 * c.additionTimeEmbedDim });
            added.timeIds = at::tensor({ 64.0, 64.0, 0.0, 0.0, 64.0, 64.0 }).repeat({ batch, 1 });
        }
        const UNetAddedConditioning* extra = c.textTimeEmbedding ? &added : nullptr;
        const at::Tensor context = at::randn({ batch, 9, c.crossAttentionDim });
        const at::Tensor t = at::scalar_tensor(500, at::kLong);
        const at::Tensor sample = at::randn({ batch, c.inChannels, 16, 16 });
        const at::Tensor plain = unet->forward(sample, t, context, extra);
        QVERIFY(at::equal(unet->forward(sample, t, context, extra, 0.0), plain));
        const at::Tensor merged = unet->forward(sample, t, context, extra, 0.5);
        QVERIFY(!at::equal(merged, plain));
        QVERIFY(at::isfinite(merged).all().item<bool>());
        // A latent of 2^level x 16: the merge level's grid is one token high, so no window, no merging.
        const at::Tensor flat = at::randn({ batch, c.inChannels, int64_t(1) << level, 16 });
        QVERIFY(at::equal(unet->forward(flat, t, context, extra, 0.5), unet->forward(flat, t, context, extra)));
        QVERIFY_THROWS_EXCEPTION(EngineError, unet->forward(sample, t, context, extra, 0.76));
    }

    void testRatioZeroIsOff()
    {
        const auto sd = model("tiny-sd15");
        const GenerationResult off = sd->generate(params(6, 0.0));
        GenerationParams defaults = params(6, 0.0);
        defaults.tokenMerge = GenerationParams().tokenMerge;
        const GenerationResult plain = sd->generate(defaults);
        QCOMPARE(off.outcome, Outcome::Completed);
        QVERIFY(at::equal(off.images.at(0).latents, plain.images.at(0).latents));
        QVERIFY(at::equal(off.images.at(0).rgb, plain.images.at(0).rgb));
        // With step caching too: token merge 0 leaves the cached run as it was.
        const GenerationResult cached = sd->generate(params(6, 0.0, 2));
        GenerationParams cachedDefaults = params(6, 0.0, 2);
        cachedDefaults.tokenMerge = GenerationParams().tokenMerge;
        QVERIFY(at::equal(cached.images.at(0).rgb, sd->generate(cachedDefaults).images.at(0).rgb));
    }

    // Against the plain computation, 20 Euler steps on the tiny models at their 64 x 64 (uint8 RGB, 0..255):
    // measured mean absolute differences 10.5 (SD 1.5, 0.3), 13.9 (0.5), 13.7 (0.5 with step cache 2) and 11.9
    // (SDXL, 0.5), where another seed differs by 65.6 (63.6); the bound, a third of that, leaves room for other
    // CPUs' rounding. (Half of an 8 x 8 grid merged is the option's worst case; a large image has far more
    // similar neighbours to merge.)
    void testBoundedDifference_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<int>("stepCache");
        QTest::newRow("sd15 0.3") << "tiny-sd15" << 0.3 << 1;
        QTest::newRow("sd15 0.5") << "tiny-sd15" << 0.5 << 1;
        QTest::newRow("sd15 0.5, step cache 2") << "tiny-sd15" << 0.5 << 2;
        QTest::newRow("sdxl 0.5") << "tiny-sdxl" << 0.5 << 1;
    }

    void testBoundedDifference()
    {
        QFETCH(QString, model);
        QFETCH(double, ratio);
        QFETCH(int, stepCache);
        const auto sd = ::model(model.toStdString());
        const GenerationResult full = sd->generate(params(20, 0.0));
        const GenerationResult merged = sd->generate(params(20, ratio, stepCache));
        QCOMPARE(merged.outcome, Outcome::Completed);
        QCOMPARE(merged.cachedUNetCalls > 0, stepCache > 1);
        QVERIFY(!merged.images.at(0).quality.nonFinite);
        const double rgb = meanAbsDifference(full.images.at(0).rgb, merged.images.at(0).rgb);
        GenerationParams otherSeed = params(20, 0.0);
        otherSeed.seed += 1;
        const double seedDifference
            = meanAbsDifference(full.images.at(0).rgb, sd->generate(otherSeed).images.at(0).rgb);
        qInfo("%s token merge %.2f, step cache %d: mean |difference| %.3f of 255; another seed: %.3f",
            qPrintable(model), ratio, stepCache, rgb, seedDifference);
        QVERIFY(rgb > 0.0); // merging ran and changed the image
        QVERIFY2(rgb < seedDifference / 3, qPrintable(QStringLiteral("%1 >= %2 / 3").arg(rgb).arg(seedDifference)));
    }

    void testBadRatio()
    {
        const GenerationResult result = model("tiny-sd15")->generate(params(4, 0.8));
        QCOMPARE(result.outcome, Outcome::Failed);
        QVERIFY(result.error.find("token merging") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTokenMerge)
#include "tst_tokenmerge.moc"
