// SPDX-License-Identifier: MIT
// The engine's job interface: progress, phases, previews, cancel, batches and seeds, bad parameters, load
// progress, attention per model, quality flags, the model cache.

#include "support/testdata.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <memory>
#include <utility>

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

// Records the phases a job reports, in order.
struct PhaseRecorder : GenerationObserver {
    std::vector<std::pair<GenerationPhase, int>> phases;
    std::vector<int> stepBatches; ///< the batch of each step, to place steps between phases
    void onPhase(GenerationPhase phase, int batch) override { phases.emplace_back(phase, batch); }
    void onStep(const StepInfo& info) override
    {
        QVERIFY(!phases.empty());
        QCOMPARE(phases.back(), std::make_pair(GenerationPhase::Sampling, info.batch)); // steps belong to sampling
        stepBatches.push_back(info.batch);
    }
};

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

    void testCancelAfterCurrentBatchFinishesTheBatch()
    {
        CancelToken token;
        CancelAt observer;
        observer.token = &token;
        observer.at = 3;
        observer.mode = CancelMode::AfterCurrentBatch;
        GenerationParams p = quickParams();
        p.batchCount = 3;
        const GenerationResult result = tinySd15()->generate(p, &observer, &token);
        QCOMPARE(result.outcome, Outcome::Cancelled); // two batches never started
        QCOMPARE(result.images.size(), size_t(1)); // the batch in progress was finished and kept
        QCOMPARE(observer.images, 1);
        QCOMPARE(int(observer.steps.size()), 6);
        QVERIFY(result.error.empty());
    }

    void testCancelAfterLastBatchCompletes()
    {
        // Asked during the last batch, nothing is left unstarted: the job is complete.
        CancelToken token;
        CancelAt observer;
        observer.token = &token;
        observer.at = 2;
        observer.mode = CancelMode::AfterCurrentBatch;
        const GenerationResult result = tinySd15()->generate(quickParams(), &observer, &token);
        QCOMPARE(result.outcome, Outcome::Completed);
        QCOMPARE(result.images.size(), size_t(1));
    }

    void testPhases()
    {
        GenerationParams p = quickParams();
        p.steps = 2;
        p.batchCount = 2;
        PhaseRecorder recorder;
        const GenerationResult result = tinySd15()->generate(p, &recorder);
        QCOMPARE(result.outcome, Outcome::Completed);
        const std::vector<std::pair<GenerationPhase, int>> expected {
            { GenerationPhase::Encoding, 0 },
            { GenerationPhase::Sampling, 0 },
            { GenerationPhase::Decoding, 0 },
            { GenerationPhase::Sampling, 1 },
            { GenerationPhase::Decoding, 1 },
        };
        QCOMPARE(recorder.phases, expected);
        QCOMPARE(recorder.stepBatches, (std::vector<int> { 0, 0, 1, 1 }));
        QCOMPARE(QString::fromLatin1(generationPhaseName(GenerationPhase::Decoding)), QStringLiteral("decoding"));
    }

    void testLoadProgressIsOneCountOverAllComponents()
    {
        // tiny-sdxl has every component: two text encoders, the UNet and the VAE.
        std::vector<std::pair<size_t, size_t>> calls;
        LoadOptions options = loadOptions();
        options.progress = [&](size_t done, size_t total) {
            calls.emplace_back(done, total);
            return true;
        };
        const auto sd = StableDiffusion::load(easel::test::tinyModelPath("tiny-sdxl", "diffusers"), options);
        QVERIFY(calls.size() > 4);
        const size_t total = calls.front().second;
        QVERIFY(total > 0);
        size_t previous = 0;
        int starts = 0; // calls at done == 0: one count means only the first
        for (const auto& [done, callTotal] : calls) {
            QCOMPARE(callTotal, total);
            QVERIFY(done >= previous);
            QVERIFY(done <= total);
            starts += done == 0 ? 1 : 0;
            previous = done;
        }
        QCOMPARE(starts, 1);
        QCOMPARE(calls.back().first, total);
        QVERIFY(int64_t(total) >= sd->weightBytes()); // every parameter, plus the buffers the files hold
    }

    void testLoadProgressCancels()
    {
        int calls = 0;
        LoadOptions options = loadOptions();
        options.progress = [&](size_t, size_t) { return ++calls < 5; };
        try {
            StableDiffusion::load(easel::test::tinyModelPath("tiny-sd15", "single-file"), options);
            QFAIL("the load was not cancelled");
        } catch (const EngineError& e) {
            QCOMPARE(e.kind(), EngineError::Kind::Cancelled);
        }
        QCOMPARE(calls, 5);
    }

    void testAttentionModeIsPerModel()
    {
        // A model loaded with another attention mode changes nothing for the others: the default
        // model's image is bit for bit the same before and after.
        const GenerationResult before = tinySd15()->generate(quickParams());
        LoadOptions options = loadOptions();
        options.attention = AttentionMode::Blocked;
        const auto blocked = StableDiffusion::load(easel::test::tinyModelPath("tiny-sd15", "single-file"), options);
        QCOMPARE(blocked->attentionMode(), AttentionMode::Blocked);
        QCOMPARE(tinySd15()->attentionMode(), AttentionMode::Auto);
        const GenerationResult other = blocked->generate(quickParams());
        const GenerationResult after = tinySd15()->generate(quickParams());
        QCOMPARE(other.outcome, Outcome::Completed);
        QVERIFY(at::equal(before.images[0].latents, after.images[0].latents));
        // The blocked path ran (another summation order: not bit for bit) and computes the same attention.
        QVERIFY(!at::equal(other.images[0].latents, before.images[0].latents));
        QVERIFY(at::allclose(other.images[0].latents, before.images[0].latents, 1e-3, 1e-3));
        QCOMPARE(parseAttentionMode("sliced"), AttentionMode::Sliced);
        QVERIFY_THROWS_EXCEPTION(EngineError, parseAttentionMode("fast"));
    }

    void testQualityFlags_data()
    {
        // The rows of tst_imaging's quality test: the two checks agree (a flat red image is uniform).
        QTest::addColumn<int>("r");
        QTest::addColumn<int>("g");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("noise"); ///< amplitude of uniform noise added (0: flat)
        QTest::addColumn<QString>("flags");
        QTest::newRow("black") << 0 << 0 << 0 << 0 << "nearly-black uniform";
        QTest::newRow("dark noise") << 0 << 0 << 0 << 12 << "nearly-black uniform";
        QTest::newRow("white") << 250 << 250 << 250 << 0 << "nearly-white uniform";
        QTest::newRow("red") << 255 << 0 << 0 << 0 << "uniform";
        QTest::newRow("noise") << 0 << 0 << 0 << 256 << "";
    }

    void testQualityFlags()
    {
        QFETCH(int, r);
        QFETCH(int, g);
        QFETCH(int, b);
        QFETCH(int, noise);
        QFETCH(QString, flags);
        at::Tensor rgb = at::tensor({ r, g, b }, at::kInt).expand({ 64, 64, 3 }).contiguous();
        if (noise > 0)
            rgb = rgb + at::randint(noise, { 64, 64, 3 }, at::detail::createCPUGenerator(1), at::kInt);
        const QualityFlags q = checkQuality(rgb.clamp(0, 255).to(at::kByte));
        QStringList set;
        if (q.nearlyBlack)
            set << QStringLiteral("nearly-black");
        if (q.nearlyWhite)
            set << QStringLiteral("nearly-white");
        if (q.uniform)
            set << QStringLiteral("uniform");
        QCOMPARE(set.join(QLatin1Char(' ')), flags);
        QVERIFY(!q.nonFinite);
    }

    void testModelCacheKeysTheAttentionMode()
    {
        const std::string a = easel::test::tinyModelPath("tiny-sd15", "single-file");
        ModelCache cache(int64_t(1) << 40);
        LoadOptions sliced = loadOptions();
        sliced.attention = AttentionMode::Sliced;
        const auto autoModel = cache.get(a, loadOptions());
        const auto slicedModel = cache.get(a, sliced);
        QVERIFY(autoModel != slicedModel);
        QCOMPARE(slicedModel->attentionMode(), AttentionMode::Sliced);
        QCOMPARE(cache.size(), size_t(2));
        QCOMPARE(cache.get(a, sliced), slicedModel);
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
        const auto second = cache.get(b, loadOptions()); // now the most recently used
        QCOMPARE(cache.size(), size_t(2));
        QCOMPARE(cache.usedBytes(), first->weightBytes() + second->weightBytes());
        cache.setBudget(first->weightBytes() + 1); // room for one only
        QCOMPARE(cache.size(), size_t(1));
        // The least recently used (a) went; the one kept is b, the very same object.
        QCOMPARE(cache.usedBytes(), second->weightBytes());
        QCOMPARE(cache.get(b, loadOptions()), second);
        QVERIFY(!cache.unload(a));
        QVERIFY(cache.unload(b));
        QCOMPARE(cache.size(), size_t(0));

        // Switching models back and forth keeps no evicted model alive: once the cache dropped one
        // and nobody holds it, it is gone (its weights freed).
        ModelCache small(1); // at most the model in use
        std::vector<std::weak_ptr<StableDiffusion>> loaded;
        for (int i = 0; i < 6; ++i) {
            const auto model = small.get(i % 2 ? a : b, loadOptions());
            for (size_t j = 0; j < loaded.size(); ++j)
                QVERIFY2(loaded[j].expired() || loaded[j].lock() == model, "an evicted model is still alive");
            loaded.push_back(model);
            QCOMPARE(small.size(), size_t(1));
        }
        QVERIFY(loaded.front().lock() != loaded.back().lock());
        small.clear();
        for (const auto& weak : loaded)
            QVERIFY(weak.expired());
    }
};

QTEST_GUILESS_MAIN(TestGeneration)
#include "tst_generation.moc"
