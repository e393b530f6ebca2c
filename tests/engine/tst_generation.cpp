// SPDX-License-Identifier: MIT
// The engine's job interface: progress, previews, cancel, batches and seeds, bad parameters, the model cache.

#include "support/testdata.h"

#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <fstream>

using namespace easel::engine;

namespace {

LoadOptions loadOptions()
{
    LoadOptions options;
    options.vocabularyDir = easel::test::resourceFile("clip");
    return options;
}

std::shared_ptr<StableDiffusion> tinySd15()
{
    static auto sd = StableDiffusion::load(easel::test::tinyModelPath("tiny-sd15", "single-file"), loadOptions());
    return sd;
}

GenerationParams quickParams()
{
    GenerationParams p;
    p.prompt = "a red fox in the snow";
    p.negativePrompt = "blurry";
    p.steps = 6;
    p.seed = 99;
    p.sampler = SamplerKind::Euler; // one model evaluation per step (PNDM, the model's default, has one more)
    return p;
}

// Cancels the job (through its token) when a given step is reported.
struct CancelAt : GenerationObserver {
    CancelToken* token = nullptr;
    int at = 0;
    CancelMode mode = CancelMode::Now;
    std::vector<StepInfo> steps;
    int images = 0;
    void onStep(const StepInfo& info) override
    {
        steps.push_back(info);
        if (info.step == at)
            token->cancel(mode);
    }
    void onImage(const GeneratedImage&) override { ++images; }
};

int64_t residentKiB()
{
    std::ifstream statm("/proc/self/statm");
    int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

} // namespace

class TestGeneration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testProgressAndPreviews()
    {
        CancelAt observer; // never cancels
        CancelToken token;
        observer.token = &token;
        GenerationParams p = quickParams();
        p.previewInterval = 2;
        struct Previews : CancelAt {
            int previews = 0;
            void onPreview(int, int, const at::Tensor& rgb) override
            {
                QCOMPARE(rgb.dim(), int64_t(3));
                QCOMPARE(rgb.size(2), int64_t(3));
                ++previews;
            }
        } previews;
        previews.token = &token;
        const GenerationResult result = tinySd15()->generate(p, &previews, &token);
        QCOMPARE(result.outcome, Outcome::Completed);
        QCOMPARE(int(previews.steps.size()), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(previews.steps[size_t(i)].step, i + 1);
            QCOMPARE(previews.steps[size_t(i)].steps, 6);
            QVERIFY(previews.steps[size_t(i)].etaSec >= 0);
        }
        QCOMPARE(previews.steps.back().etaSec, 0.0);
        QCOMPARE(previews.previews, 2); // steps 2 and 4 (never on the last step: the image follows)
        QCOMPARE(result.images.size(), size_t(1));
        QCOMPARE(result.images[0].rgb.sizes().vec(), (std::vector<int64_t> { 64, 64, 3 }));
        QCOMPARE(result.width, 64); // the model's native size
    }

    void testCancelEndsWithinOneStep()
    {
        CancelToken token;
        CancelAt observer;
        observer.token = &token;
        observer.at = 2;
        const GenerationResult result = tinySd15()->generate(quickParams(), &observer, &token);
        QCOMPARE(result.outcome, Outcome::Cancelled);
        QCOMPARE(int(observer.steps.size()), 2); // the UNet never ran for step 3
        QVERIFY(result.images.empty());
        QCOMPARE(observer.images, 0);
    }

    void testCancelAfterCurrentImageFinishesTheBatch()
    {
        CancelToken token;
        CancelAt observer;
        observer.token = &token;
        observer.at = 3;
        observer.mode = CancelMode::AfterCurrentImage;
        GenerationParams p = quickParams();
        p.batchCount = 3;
        const GenerationResult result = tinySd15()->generate(p, &observer, &token);
        QCOMPARE(result.outcome, Outcome::Completed);
        QCOMPARE(result.images.size(), size_t(1));
    }

    void testSeedsOfABatch()
    {
        // Image k of a batch equals the same settings run alone with seed + k.
        GenerationParams batch = quickParams();
        batch.batchSize = 2;
        batch.batchCount = 2;
        batch.sampler = SamplerKind::EulerAncestral; // draws noise every step: the strictest case
        const GenerationResult all = tinySd15()->generate(batch);
        QCOMPARE(all.outcome, Outcome::Completed);
        QCOMPARE(all.images.size(), size_t(4));
        for (int k : { 0, 3 }) {
            GenerationParams alone = batch;
            alone.batchSize = 1;
            alone.batchCount = 1;
            alone.seed = batch.seed + uint64_t(k);
            const GenerationResult one = tinySd15()->generate(alone);
            QCOMPARE(all.images[size_t(k)].seed, alone.seed);
            QVERIFY(at::allclose(all.images[size_t(k)].latents, one.images[0].latents, 1e-4, 1e-4));
        }
        QVERIFY(!at::allclose(all.images[0].latents, all.images[1].latents));
    }

    void testSameSeedSameImage()
    {
        const GenerationResult a = tinySd15()->generate(quickParams());
        const GenerationResult b = tinySd15()->generate(quickParams());
        QVERIFY(at::equal(a.images[0].rgb, b.images[0].rgb));
    }

    void testBadParameters_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("strength");
        QTest::addColumn<QString>("expected");
        QTest::newRow("size not a multiple of 8") << 60 << 4 << 0.0 << "not a multiple of 8";
        QTest::newRow("zero steps") << 64 << 0 << 0.0 << "steps";
        QTest::newRow("strength 0") << 64 << 4 << -1.0 << "strength";
    }

    void testBadParameters()
    {
        QFETCH(int, width);
        QFETCH(int, steps);
        QFETCH(double, strength);
        QFETCH(QString, expected);
        GenerationParams p = quickParams();
        p.width = width;
        p.steps = steps;
        if (strength < 0) {
            p.initImage = at::rand({ 1, 3, 64, 64 });
            p.strength = 0.0;
        }
        const GenerationResult result = tinySd15()->generate(p);
        QVERIFY2(result.outcome == Outcome::Failed, result.error.c_str());
        QVERIFY2(QString::fromStdString(result.error).contains(expected), result.error.c_str());
        QVERIFY(result.images.empty());
    }

    void testModelCacheKeepsWithinBudgetAndFreesMemory()
    {
        const std::string a = easel::test::tinyModelPath("tiny-sd15", "single-file");
        const std::string b = easel::test::tinyModelPath("tiny-sdxl", "single-file");
        ModelCache cache(int64_t(1) << 40);
        const auto first = cache.get(a, loadOptions());
        QCOMPARE(cache.get(a, loadOptions()), first); // cached
        cache.get(b, loadOptions());
        QCOMPARE(cache.size(), size_t(2));
        cache.setBudget(first->weightBytes() + 1); // room for one only
        QCOMPARE(cache.size(), size_t(1));
        QVERIFY(cache.usedBytes() <= first->weightBytes() + 1 || cache.size() == 1);
        QVERIFY(cache.unload(b) || cache.unload(a));
        QCOMPARE(cache.size(), size_t(0));

        // Switching models back and forth does not leak: resident memory returns near its level.
        ModelCache small(1); // at most the model in use
        for (int i = 0; i < 3; ++i) { // warm up allocator pools
            small.get(i % 2 ? a : b, loadOptions());
        }
        small.clear();
        const int64_t before = residentKiB();
        for (int i = 0; i < 12; ++i)
            small.get(i % 2 ? a : b, loadOptions());
        small.clear();
        const int64_t after = residentKiB();
        qInfo("resident memory before %lld KiB, after 12 model switches %lld KiB", qlonglong(before), qlonglong(after));
        QVERIFY2(after - before < 20 * 1024, "resident memory grew by more than 20 MiB");
    }
};

QTEST_GUILESS_MAIN(TestGeneration)
#include "tst_generation.moc"
