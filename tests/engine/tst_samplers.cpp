// SPDX-License-Identifier: MIT
// sample() against diffusers 0.27.2 step sequences (tests/data/goldens, component "scheduler_steps"),
// convergence of every sampler under an exact denoiser, cancellation, and the img2img helpers.

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/samplers/sampler.h"
#include "engine/samplers/samplerplan.h"
#include "engine/samplers/schedulerconfig.h"

#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace easel::engine;
using easel::test::goldenCase;
using easel::test::goldenCases;
using easel::test::goldenTensor;

namespace {

SchedulerConfig sd15Config()
{
    std::ifstream in(easel::test::testDataFile("models/tiny-sd15/diffusers/scheduler/scheduler_config.json"));
    return SchedulerConfig::fromJson(nlohmann::json::parse(in));
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b)
{
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

// An exact denoiser for data that is the constant c: in DDPM terms the input is
// sqrt(acp) * c + sqrt(1 - acp) * eps, so eps, v and x0 follow from the input alone. The noise
// level of a (possibly fractional) timestep is the log-linear interpolation of the training sigmas,
// the inverse of diffusers' _sigma_to_t.
class ExactDenoiser {
public:
    ExactDenoiser(const SchedulerConfig& config, double c)
        : m_prediction(config.predictionType)
        , m_c(c)
    {
        const at::Tensor acp = config.alphasCumprod().to(at::kDouble);
        const at::Tensor logSigmas = ((1.0 - acp) / acp).sqrt().log().contiguous();
        m_logSigmas.assign(logSigmas.data_ptr<double>(), logSigmas.data_ptr<double>() + logSigmas.numel());
    }

    at::Tensor operator()(const at::Tensor& input, double timestep) const
    {
        const double t = std::clamp(timestep, 0.0, static_cast<double>(m_logSigmas.size() - 1));
        const auto low = std::min(static_cast<size_t>(t), m_logSigmas.size() - 2);
        const double w = t - static_cast<double>(low);
        const double sigma = std::exp((1.0 - w) * m_logSigmas[low] + w * m_logSigmas[low + 1]);
        const double alpha = 1.0 / std::sqrt(sigma * sigma + 1.0);
        const double sigmaVp = sigma * alpha;
        const at::Tensor eps = (input - alpha * m_c) / sigmaVp;
        switch (m_prediction) {
        case PredictionType::Epsilon:
            return eps;
        case PredictionType::VPrediction:
            return eps * alpha - sigmaVp * m_c;
        case PredictionType::Sample:
            break;
        }
        return at::full_like(input, m_c);
    }

private:
    PredictionType m_prediction;
    double m_c;
    std::vector<double> m_logSigmas;
};

} // namespace

class TestSamplers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void testGoldenSteps_data()
    {
        QTest::addColumn<QString>("id");
        int rows = 0;
        for (const nlohmann::json& c : goldenCases("scheduler_steps")) {
            const std::string id = c["id"].get<std::string>();
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
            ++rows;
        }
        QCOMPARE(rows, 13);
    }

    void testGoldenSteps()
    {
        QFETCH(QString, id);
        const nlohmann::json& c = goldenCase(id.toStdString());
        const SchedulerConfig config = SchedulerConfig::fromJson(c["config"]);
        const nlohmann::json& params = c["params"];
        const SamplerChoice choice = defaultSampler(config);
        const SamplerPlan plan = makePlan(
            config, choice.kind, choice.schedule, config.timestepSpacing, params["num_inference_steps"].get<int64_t>());
        QCOMPARE(plan.timesteps, params["timesteps"].get<std::vector<double>>());

        const std::string inFile = c["inputs"]["file"].get<std::string>();
        const nlohmann::json& inKeys = c["inputs"]["keys"];
        const at::Tensor initial = goldenTensor(inFile, inKeys["initial_sample"].get<std::string>());
        const at::Tensor modelOutputs = goldenTensor(inFile, inKeys["model_outputs"].get<std::string>());
        const auto steps = static_cast<int64_t>(plan.timesteps.size());
        QCOMPARE(modelOutputs.size(0), steps);

        std::vector<at::Tensor> scaledInputs;
        std::vector<double> modelTimesteps;
        const ModelFn model = [&](const at::Tensor& input, double timestep) {
            const auto i = static_cast<int64_t>(scaledInputs.size());
            scaledInputs.push_back(input.clone());
            modelTimesteps.push_back(timestep);
            return modelOutputs[std::min(i, steps - 1)];
        };
        std::vector<at::Tensor> xs;
        std::vector<at::Tensor> denoised;
        const StepObserver observer = [&](const StepState& state) {
            QCOMPARE(state.index, static_cast<int64_t>(xs.size()));
            QCOMPARE(state.total, steps);
            xs.push_back(state.x.clone());
            denoised.push_back(state.denoised.clone());
        };
        at::Generator generator;
        if (!params["step_generator_seed"].is_null())
            generator = at::detail::createCPUGenerator(params["step_generator_seed"].get<uint64_t>());

        const at::Tensor before = initial.clone();
        const at::Tensor result = sample(config, plan, model, initial, generator, observer);
        QVERIFY(initial.equal(before));
        QCOMPARE(static_cast<int64_t>(xs.size()), steps);
        QCOMPARE(modelTimesteps, plan.timesteps);

        const double rtol = c["tolerance"]["rtol"].get<double>();
        const double atol = c["tolerance"]["atol"].get<double>();
        const std::string outFile = c["outputs"]["file"].get<std::string>();
        const nlohmann::json& outKeys = c["outputs"]["keys"];
        const at::Tensor expectedScaled = goldenTensor(outFile, outKeys["scaled_model_inputs"].get<std::string>());
        const at::Tensor expectedPrev = goldenTensor(outFile, outKeys["prev_samples"].get<std::string>());
        EASEL_COMPARE_TENSORS(at::stack(scaledInputs), expectedScaled, rtol, atol, "scaled_model_inputs");
        EASEL_COMPARE_TENSORS(at::stack(xs), expectedPrev, rtol, atol, "prev_samples");
        EASEL_COMPARE_TENSORS(result, expectedPrev[-1], rtol, atol, "result");
        double worst
            = std::max(maxAbsDiff(at::stack(scaledInputs), expectedScaled), maxAbsDiff(at::stack(xs), expectedPrev));
        if (outKeys.contains("pred_original_samples")) {
            const at::Tensor expectedX0 = goldenTensor(outFile, outKeys["pred_original_samples"].get<std::string>());
            EASEL_COMPARE_TENSORS(at::stack(denoised), expectedX0, rtol, atol, "pred_original_samples");
            worst = std::max(worst, maxAbsDiff(at::stack(denoised), expectedX0));
        }
        qInfo("%s: max |diff| %.3g (max |x| %.3g)", c["id"].get<std::string>().c_str(), worst,
            expectedPrev.abs().max().item<double>());
    }

    void testConvergence_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("karras");
        QTest::addColumn<int>("spacing");
        QTest::addColumn<int>("prediction");
        const SamplerKind kinds[] = { SamplerKind::Euler, SamplerKind::EulerAncestral, SamplerKind::Heun,
            SamplerKind::DpmPP2M, SamplerKind::Ddim, SamplerKind::Pndm, SamplerKind::Lcm, SamplerKind::UniPC };
        for (SamplerKind kind : kinds) {
            const bool hasSigmas = kind != SamplerKind::Ddim && kind != SamplerKind::Pndm && kind != SamplerKind::Lcm;
            for (bool karras : { false, true }) {
                if (karras && !hasSigmas)
                    continue;
                for (TimestepSpacing spacing : { TimestepSpacing::Leading, TimestepSpacing::Trailing }) {
                    for (PredictionType prediction :
                        { PredictionType::Epsilon, PredictionType::VPrediction, PredictionType::Sample }) {
                        const std::string name = samplerCliName(kind) + (karras ? "/karras/" : "/")
                            + timestepSpacingName(spacing) + "/" + predictionTypeName(prediction);
                        QTest::newRow(name.c_str()) << static_cast<int>(kind) << karras << static_cast<int>(spacing)
                                                    << static_cast<int>(prediction);
                    }
                }
            }
        }
    }

    void testConvergence()
    {
        QFETCH(int, kind);
        QFETCH(bool, karras);
        QFETCH(int, spacing);
        QFETCH(int, prediction);
        SchedulerConfig config = sd15Config();
        config.predictionType = static_cast<PredictionType>(prediction);
        const auto samplerKind = static_cast<SamplerKind>(kind);
        // 20 divides the 1000 training steps: DDIM and PNDM step from t to t - 1000 // n, which only
        // meets the next trailing timestep when n divides 1000 (diffusers behaves the same).
        // PLMS extrapolates the raw model outputs; v is not constant along the trajectory, so with
        // v-prediction diffusers' PNDM is only approximately exact and needs finer steps.
        int steps = 20;
        if (samplerKind == SamplerKind::Lcm)
            steps = 4;
        else if (samplerKind == SamplerKind::Pndm && config.predictionType == PredictionType::VPrediction)
            steps = 100;
        const SamplerPlan plan = makePlan(config, samplerKind, karras ? SigmaSchedule::Karras : SigmaSchedule::Default,
            static_cast<TimestepSpacing>(spacing), steps);

        const double c = 0.3;
        const ExactDenoiser denoiser(config, c);
        const at::Generator generator = at::detail::createCPUGenerator(42);
        const at::Tensor noise = at::randn({ 1, 4, 8, 8 }, generator, at::kFloat) * plan.initNoiseSigma;
        at::Tensor lastDenoised;
        const at::Tensor x = sample(
            config, plan, denoiser, noise, generator, [&](const StepState& state) { lastDenoised = state.denoised; });

        QVERIFY(x.isfinite().all().item<bool>());
        const double denoisedError = (lastDenoised - c).abs().max().item<double>();
        QVERIFY2(denoisedError < 1e-3, qPrintable(QStringLiteral("final x0 estimate off by %1").arg(denoisedError)));
        // Samplers that end at sigma 0 (and LCM, which returns its x0 estimate) land on c itself;
        // DDIM, PNDM and UniPC stop at the smallest training noise level, as diffusers does.
        const bool endsClean = (!plan.sigmas.empty() && plan.sigmas.back() == 0.0) || samplerKind == SamplerKind::Lcm;
        if (endsClean) {
            const double error = (x - c).abs().max().item<double>();
            QVERIFY2(error < 1e-3, qPrintable(QStringLiteral("final latents off by %1").arg(error)));
        }
    }

    void testAlphaToOneLandsOnData()
    {
        // With set_alpha_to_one the last DDIM/PNDM step goes to alpha 1, i.e. to the data itself.
        for (SamplerKind kind : { SamplerKind::Ddim, SamplerKind::Pndm }) {
            SchedulerConfig config = sd15Config();
            config.setAlphaToOne = true;
            const SamplerPlan plan = makePlan(config, kind, SigmaSchedule::Default, TimestepSpacing::Leading, 10);
            const ExactDenoiser denoiser(config, -0.7);
            const at::Tensor x = sample(config, plan, denoiser, at::randn({ 2, 4, 4, 4 }));
            QVERIFY2((x + 0.7).abs().max().item<double>() < 1e-3, samplerCliName(kind).c_str());
        }
    }

    void testGeneratorDraws()
    {
        // Euler draws one randn per step, LCM one per step but the last, DDIM/DPM++ none: afterwards
        // the generator must be where a fresh one is after that many draws.
        const SchedulerConfig config = sd15Config();
        const ModelFn zero = [](const at::Tensor& x, double) { return at::zeros_like(x); };
        const std::vector<std::pair<SamplerKind, int>> expectations
            = { { SamplerKind::Euler, 5 }, { SamplerKind::EulerAncestral, 5 }, { SamplerKind::Lcm, 4 },
                  { SamplerKind::Ddim, 0 }, { SamplerKind::DpmPP2M, 0 }, { SamplerKind::Pndm, 0 },
                  { SamplerKind::UniPC, 0 }, { SamplerKind::Heun, 0 } };
        for (const auto& [kind, draws] : expectations) {
            const SamplerPlan plan = makePlan(config, kind, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
            at::Generator used = at::detail::createCPUGenerator(7);
            sample(config, plan, zero, at::ones({ 1, 4, 8, 8 }) * plan.initNoiseSigma, used);
            at::Generator reference = at::detail::createCPUGenerator(7);
            for (int i = 0; i < draws; ++i)
                at::randn({ 1, 4, 8, 8 }, reference, at::kFloat);
            QVERIFY2(at::randn({ 16 }, used, at::kFloat).equal(at::randn({ 16 }, reference, at::kFloat)),
                samplerCliName(kind).c_str());
        }
    }

    void testCancellation()
    {
        const SchedulerConfig config = sd15Config();
        const SamplerPlan plan
            = makePlan(config, SamplerKind::DpmPP2M, SigmaSchedule::Karras, TimestepSpacing::Leading, 8);
        const at::Tensor x = at::randn({ 1, 4, 8, 8 });
        const at::Tensor before = x.clone();
        int calls = 0;
        const ModelFn model = [&](const at::Tensor& input, double) {
            ++calls;
            return input * 0.1;
        };
        const StepObserver cancelAtThird = [](const StepState& state) {
            if (state.index == 2)
                throw EngineError("cancelled", EngineError::Kind::Cancelled);
        };
        try {
            sample(config, plan, model, x, {}, cancelAtThird);
            QFAIL("sampling was not cancelled");
        } catch (const EngineError& e) {
            QCOMPARE(e.kind(), EngineError::Kind::Cancelled);
        }
        QCOMPARE(calls, 3);
        QVERIFY(x.equal(before));
    }

    void testBadInput()
    {
        const SchedulerConfig config = sd15Config();
        const SamplerPlan plan
            = makePlan(config, SamplerKind::Euler, SigmaSchedule::Default, TimestepSpacing::Leading, 4);
        const ModelFn wrongShape = [](const at::Tensor&, double) { return at::zeros({ 1, 3 }); };
        QVERIFY_THROWS_EXCEPTION(EngineError, sample(config, plan, wrongShape, at::zeros({ 1, 4, 8, 8 })));
        const ModelFn zero = [](const at::Tensor& x, double) { return at::zeros_like(x); };
        QVERIFY_THROWS_EXCEPTION(EngineError, sample(config, plan, zero, at::zeros({ 1, 4, 8, 8 }), {}, {}, 4));
        QVERIFY_THROWS_EXCEPTION(EngineError, sample(config, plan, zero, at::zeros({ 1, 4 }, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(EngineError, sample(config, plan, ModelFn(), at::zeros({ 1, 4, 8, 8 })));
    }

    void testImg2ImgSchedule()
    {
        const SchedulerConfig config = sd15Config();
        // The shared img2img pipeline case: DDIM, 5 steps, strength 0.6.
        const SamplerPlan ddim
            = makePlan(config, SamplerKind::Ddim, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
        const Img2ImgSchedule s = img2imgSchedule(ddim, 0.6);
        QCOMPARE(s.startIndex, int64_t(2));
        QCOMPARE(s.timesteps, (std::vector<double> { 401, 201, 1 }));
        QCOMPARE(img2imgSchedule(ddim, 1.0).startIndex, int64_t(0));
        QCOMPARE(img2imgSchedule(ddim, 0.2).timesteps, (std::vector<double> { 1 }));
        QVERIFY_THROWS_EXCEPTION(EngineError, img2imgSchedule(ddim, 0.1)); // int(0.5) = 0 steps
        QVERIFY_THROWS_EXCEPTION(EngineError, img2imgSchedule(ddim, 1.5));
        QVERIFY_THROWS_EXCEPTION(EngineError, img2imgSchedule(ddim, std::nan("")));

        // Heun runs two evaluations per step: the start index counts evaluations.
        const SamplerPlan heun
            = makePlan(config, SamplerKind::Heun, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
        const Img2ImgSchedule h = img2imgSchedule(heun, 0.6);
        QCOMPARE(h.startIndex, int64_t(4));
        QCOMPARE(h.timesteps, (std::vector<double> { 401, 201, 201, 1, 1 }));

        // PNDM keeps its repeated timestep: 5 steps have 6 entries.
        const SamplerPlan pndm
            = makePlan(config, SamplerKind::Pndm, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
        QCOMPARE(img2imgSchedule(pndm, 0.6).timesteps, (std::vector<double> { 601, 401, 201, 1 }));

        // sample() from the start index evaluates exactly those timesteps.
        std::vector<double> seen;
        const ModelFn model = [&](const at::Tensor& x, double t) {
            seen.push_back(t);
            return at::zeros_like(x);
        };
        std::vector<int64_t> totals;
        sample(
            config, ddim, model, at::zeros({ 1, 4, 8, 8 }), {},
            [&](const StepState& state) { totals.push_back(state.total); }, s.startIndex);
        QCOMPARE(seen, s.timesteps);
        QCOMPARE(totals, (std::vector<int64_t> { 3, 3, 3 }));
    }

    void testAddNoise()
    {
        const SchedulerConfig config = sd15Config();
        const at::Tensor acp = goldenTensor("schedulers.safetensors", "alphas_cumprod").to(at::kDouble);
        const at::Tensor original = at::randn({ 1, 4, 8, 8 });
        const at::Tensor noise = at::randn({ 1, 4, 8, 8 });

        for (SamplerKind kind : { SamplerKind::Ddim, SamplerKind::Pndm, SamplerKind::Lcm }) {
            const SamplerPlan plan = makePlan(config, kind, SigmaSchedule::Default, TimestepSpacing::Leading, 4);
            const int64_t start = 1;
            const auto t = static_cast<int64_t>(plan.timesteps[start]);
            const double a = acp[t].item<double>();
            const at::Tensor expected = original * std::sqrt(a) + noise * std::sqrt(1.0 - a);
            EASEL_COMPARE_TENSORS(
                addNoise(config, plan, original, noise, start), expected, 1e-6, 1e-6, samplerCliName(kind));
        }
        for (SamplerKind kind : { SamplerKind::Euler, SamplerKind::EulerAncestral, SamplerKind::Heun }) {
            const SamplerPlan plan = makePlan(config, kind, SigmaSchedule::Default, TimestepSpacing::Leading, 4);
            const double sigma = plan.sigmas[2];
            EASEL_COMPARE_TENSORS(
                addNoise(config, plan, original, noise, 2), original + noise * sigma, 1e-6, 1e-6, samplerCliName(kind));
        }
        for (SamplerKind kind : { SamplerKind::DpmPP2M, SamplerKind::UniPC }) {
            const SamplerPlan plan = makePlan(config, kind, SigmaSchedule::Karras, TimestepSpacing::Leading, 6);
            const double sigma = plan.sigmas[3];
            const double alpha = 1.0 / std::sqrt(sigma * sigma + 1.0);
            EASEL_COMPARE_TENSORS(addNoise(config, plan, original, noise, 3),
                original * alpha + noise * (sigma * alpha), 1e-6, 1e-6, samplerCliName(kind));
        }
        // Euler-type latents are x + sigma * noise; the scaled model input is the DDPM-noised latent.
        const SamplerPlan euler
            = makePlan(config, SamplerKind::Euler, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
        const SamplerPlan ddim
            = makePlan(config, SamplerKind::Ddim, SigmaSchedule::Default, TimestepSpacing::Leading, 5);
        const at::Tensor eulerNoised = addNoise(config, euler, original, noise, 2);
        const at::Tensor ddimNoised = addNoise(config, ddim, original, noise, 2);
        EASEL_COMPARE_TENSORS(
            eulerNoised / std::sqrt(euler.sigmas[2] * euler.sigmas[2] + 1.0), ddimNoised, 1e-5, 1e-5, "euler vs ddim");
        QVERIFY_THROWS_EXCEPTION(EngineError, addNoise(config, ddim, original, noise, 5));
        QVERIFY_THROWS_EXCEPTION(EngineError, addNoise(config, ddim, original, at::zeros({ 2 }), 0));
    }
};

QTEST_GUILESS_MAIN(TestSamplers)
#include "tst_samplers.moc"
