// SPDX-License-Identifier: MIT
// Timesteps, sigmas and alphas_cumprod against diffusers 0.27.2 (tests/data/goldens, component
// "scheduler"), plus config parsing, sampler names and the plans of Heun and UniPC (no goldens).

#include "engine/common/error.h"
#include "engine/samplers/samplerplan.h"
#include "engine/samplers/schedulerconfig.h"

#include "support/goldens.h"
#include "support/testdata.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace easel::engine;
using easel::test::goldenCase;
using easel::test::goldenCases;
using easel::test::goldenTensor;

namespace {

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

SchedulerConfig sd15Config()
{
    return SchedulerConfig::fromJson(
        readJson(easel::test::testDataFile("models/tiny-sd15/diffusers/scheduler/scheduler_config.json")));
}

} // namespace

class TestSchedulers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testGoldenSchedule_data()
    {
        QTest::addColumn<QString>("id");
        const std::vector<nlohmann::json> cases = goldenCases("scheduler");
        QCOMPARE(cases.size(), size_t(66));
        int rows = 0;
        for (const nlohmann::json& c : cases) {
            if (!c.contains("config"))
                continue; // alphas_cumprod, tested below
            const std::string id = c["id"].get<std::string>();
            QTest::newRow(id.c_str()) << QString::fromStdString(id);
            ++rows;
        }
        QCOMPARE(rows, 65);
    }

    void testGoldenSchedule()
    {
        QFETCH(QString, id);
        const nlohmann::json& c = goldenCase(id.toStdString());
        const SchedulerConfig config = SchedulerConfig::fromJson(c["config"]);
        const int64_t steps = c["params"]["num_inference_steps"].get<int64_t>();

        // The sampler a model with this config gets by default is the golden's scheduler.
        const SamplerChoice choice = defaultSampler(config);
        const std::string expectedName = c["scheduler"].get<std::string>();
        QCOMPARE(
            samplerCliName(choice.kind) + (choice.schedule == SigmaSchedule::Karras ? "_karras" : ""), expectedName);

        const SamplerPlan plan = makePlan(config, choice.kind, choice.schedule, config.timestepSpacing, steps);
        const nlohmann::json& keys = c["outputs"]["keys"];
        const std::string file = c["outputs"]["file"].get<std::string>();

        const at::Tensor expectedTimesteps = goldenTensor(file, keys["timesteps"].get<std::string>());
        const at::Tensor timesteps = plan.timestepsTensor();
        const std::string dtype = c["params"]["timesteps_dtype"].get<std::string>();
        QCOMPARE(timesteps.scalar_type(), dtype == "torch.float32" ? at::kFloat : at::kLong);
        QCOMPARE(timesteps.scalar_type(), expectedTimesteps.scalar_type());
        if (!timesteps.equal(expectedTimesteps)) {
            std::ostringstream s;
            s << "timesteps " << timesteps << " != expected " << expectedTimesteps;
            QFAIL(s.str().c_str());
        }

        if (keys.contains("sigmas")) {
            const nlohmann::json& tol = c["tolerance"]["sigmas"];
            EASEL_COMPARE_TENSORS(plan.sigmasTensor(), goldenTensor(file, keys["sigmas"].get<std::string>()),
                tol["rtol"].get<double>(), tol["atol"].get<double>(), "sigmas");
        } else {
            QVERIFY(plan.sigmas.empty());
        }

        const double initNoiseSigma = c["params"]["init_noise_sigma"].get<double>();
        QVERIFY2(std::abs(plan.initNoiseSigma - initNoiseSigma) <= 1e-6 * initNoiseSigma,
            qPrintable(QStringLiteral("init_noise_sigma %1 != %2").arg(plan.initNoiseSigma).arg(initNoiseSigma)));
        QCOMPARE(plan.order, c["params"]["order"].get<int>());
        QCOMPARE(plan.steps, steps);
    }

    void testAlphasCumprod()
    {
        const nlohmann::json& c = goldenCase("scheduler.alphas_cumprod");
        const at::Tensor expected = goldenTensor(
            c["outputs"]["file"].get<std::string>(), c["outputs"]["keys"]["alphas_cumprod"].get<std::string>());
        const at::Tensor actual = sd15Config().alphasCumprod();
        QCOMPARE(actual.scalar_type(), at::kFloat);
        EASEL_COMPARE_TENSORS(actual, expected, c["tolerance"]["rtol"].get<double>(),
            c["tolerance"]["atol"].get<double>(), "alphas_cumprod");
    }

    void testOtherBetaSchedules()
    {
        SchedulerConfig config;
        config.betaSchedule = BetaSchedule::Linear;
        config.betaStart = 0.0001;
        config.betaEnd = 0.02;
        const at::Tensor linear = config.betas();
        QCOMPARE(linear.size(0), int64_t(1000));
        QVERIFY(std::abs(linear[0].item<double>() - 0.0001) < 1e-9);
        QVERIFY(std::abs(linear[-1].item<double>() - 0.02) < 1e-8);

        config.betaSchedule = BetaSchedule::SquaredCosCapV2;
        const at::Tensor cosine = config.betas();
        // alpha_bar(t) = cos^2((t + 0.008) / 1.008 * pi / 2); the last beta is capped at 0.999.
        const auto alphaBar = [](double t) { return std::pow(std::cos((t + 0.008) / 1.008 * 3.14159265358979323846 / 2), 2); };
        QVERIFY(std::abs(cosine[0].item<double>() - (1 - alphaBar(0.001) / alphaBar(0.0))) < 1e-7);
        QVERIFY(std::abs(cosine[-1].item<double>() - 0.999) < 1e-6);

        config.trainedBetas = { 0.1, 0.2, 0.3 };
        config.numTrainTimesteps = 3;
        const at::Tensor acp = config.alphasCumprod();
        QCOMPARE(acp.size(0), int64_t(3));
        QVERIFY(std::abs(acp[2].item<double>() - 0.9 * 0.8 * 0.7) < 1e-6);

        // Zero terminal SNR: the last alphas_cumprod becomes 0, the first is kept.
        SchedulerConfig zeroSnr;
        zeroSnr.rescaleBetasZeroSnr = true;
        const at::Tensor rescaled = zeroSnr.alphasCumprod();
        QVERIFY(std::abs(rescaled[-1].item<double>()) < 1e-6);
        QVERIFY(std::abs(rescaled[0].item<double>() - sd15Config().alphasCumprod()[0].item<double>()) < 1e-6);
        const SamplerPlan plan
            = makePlan(zeroSnr, SamplerKind::Euler, SigmaSchedule::Default, TimestepSpacing::Trailing, 4);
        QVERIFY(std::isfinite(plan.sigmas.front()));
        QVERIFY(plan.sigmas.front() > 1000.0); // 2^-24 stands in for the zero alpha
    }

    void testConfigParsing()
    {
        const SchedulerConfig sd15 = sd15Config();
        QCOMPARE(sd15.className, std::string("PNDMScheduler"));
        QCOMPARE(sd15.numTrainTimesteps, int64_t(1000));
        QCOMPARE(sd15.betaSchedule, BetaSchedule::ScaledLinear);
        QCOMPARE(sd15.stepsOffset, int64_t(1));
        QVERIFY(sd15.skipPrkSteps);
        QVERIFY(!sd15.setAlphaToOne);
        QCOMPARE(defaultSampler(sd15).kind, SamplerKind::Pndm);

        const SchedulerConfig sdxl = SchedulerConfig::fromJson(
            readJson(easel::test::testDataFile("models/tiny-sdxl/diffusers/scheduler/scheduler_config.json")));
        QCOMPARE(defaultSampler(sdxl).kind, SamplerKind::Euler);
        QCOMPARE(defaultSampler(sdxl).schedule, SigmaSchedule::Default);

        const SchedulerConfig v = SchedulerConfig::fromJson(nlohmann::json {
            { "prediction_type", "v_prediction" },
            { "timestep_spacing", "trailing" },
            { "use_karras_sigmas", true },
            { "_class_name", "DPMSolverMultistepScheduler" },
            { "trained_betas", nullptr },
            { "original_inference_steps", 25 },
            { "timestep_scaling", 5.0 },
            { "num_train_timesteps", 1000.0 },
        });
        QCOMPARE(v.predictionType, PredictionType::VPrediction);
        QCOMPARE(v.timestepSpacing, TimestepSpacing::Trailing);
        QCOMPARE(v.originalInferenceSteps, int64_t(25));
        QCOMPARE(v.timestepScaling, 5.0);
        QCOMPARE(defaultSampler(v).kind, SamplerKind::DpmPP2M);
        QCOMPARE(defaultSampler(v).schedule, SigmaSchedule::Karras);

        // An empty config is Stable Diffusion's.
        const SchedulerConfig empty = SchedulerConfig::fromJson(nlohmann::json::object());
        QVERIFY(empty.alphasCumprod().equal(sd15.alphasCumprod()));
        QCOMPARE(defaultSampler(empty).kind, SamplerKind::Euler);

        const auto throwsOneLine = [](const nlohmann::json& json) {
            try {
                SchedulerConfig::fromJson(json);
            } catch (const EngineError& e) {
                const std::string message = e.what();
                return !message.empty() && message.find('\n') == std::string::npos;
            }
            return false;
        };
        QVERIFY(throwsOneLine({ { "beta_schedule", "sigmoid" } }));
        QVERIFY(throwsOneLine({ { "prediction_type", "flow" } }));
        QVERIFY(throwsOneLine({ { "timestep_spacing", "middle" } }));
        QVERIFY(throwsOneLine({ { "steps_offset", "1" } }));
        QVERIFY(throwsOneLine({ { "num_train_timesteps", 1.5 } }));
        QVERIFY(throwsOneLine({ { "num_train_timesteps", 0 } }));
        QVERIFY(throwsOneLine({ { "beta_start", -1 } }));
        QVERIFY(throwsOneLine({ { "trained_betas", { 0.1, "x" } } }));
        QVERIFY(throwsOneLine({ { "skip_prk_steps", 1 } }));
        QVERIFY(throwsOneLine(nlohmann::json::array()));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, defaultSampler(SchedulerConfig::fromJson({ { "_class_name", "FooScheduler" } })));
    }

    void testSamplerNames()
    {
        const std::vector<std::pair<std::string, std::string>> names
            = { { "euler", "Euler" }, { "euler_a", "Euler a" }, { "heun", "Heun" }, { "dpmpp_2m", "DPM++ 2M" },
                  { "ddim", "DDIM" }, { "pndm", "PLMS" }, { "lcm", "LCM" }, { "unipc", "UniPC" } };
        for (const auto& [cli, display] : names) {
            const SamplerKind kind = parseSamplerKind(cli);
            QCOMPARE(parseSamplerKind(display), kind);
            QCOMPARE(samplerCliName(kind), cli);
            QCOMPARE(samplerDisplayName(kind), display);
        }
        QCOMPARE(parseSamplerChoice("DPM++ 2M Karras").kind, SamplerKind::DpmPP2M);
        QCOMPARE(parseSamplerChoice("DPM++ 2M Karras").schedule, SigmaSchedule::Karras);
        QCOMPARE(parseSamplerChoice("Euler a").schedule, SigmaSchedule::Default);
        QCOMPARE(parseSigmaSchedule("karras"), SigmaSchedule::Karras);
        QCOMPARE(parseSigmaSchedule(sigmaScheduleName(SigmaSchedule::Default)), SigmaSchedule::Default);
        QCOMPARE(parseTimestepSpacing(timestepSpacingName(TimestepSpacing::Linspace)), TimestepSpacing::Linspace);
        QCOMPARE(parsePredictionType(predictionTypeName(PredictionType::VPrediction)), PredictionType::VPrediction);
        QCOMPARE(parseBetaSchedule(betaScheduleName(BetaSchedule::SquaredCosCapV2)), BetaSchedule::SquaredCosCapV2);
        QVERIFY_THROWS_EXCEPTION(EngineError, parseSamplerKind("dpm2"));
        QVERIFY_THROWS_EXCEPTION(EngineError, parseSamplerChoice("DDIM Karras"));
        QVERIFY_THROWS_EXCEPTION(EngineError, parseSigmaSchedule("exponential"));
    }

    void testInvalidPlans()
    {
        const SchedulerConfig config = sd15Config();
        QVERIFY_THROWS_EXCEPTION(
            EngineError, makePlan(config, SamplerKind::Euler, SigmaSchedule::Default, TimestepSpacing::Leading, 0));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, makePlan(config, SamplerKind::Ddim, SigmaSchedule::Default, TimestepSpacing::Leading, 1001));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, makePlan(config, SamplerKind::Ddim, SigmaSchedule::Karras, TimestepSpacing::Leading, 20));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, makePlan(config, SamplerKind::Lcm, SigmaSchedule::Default, TimestepSpacing::Leading, 51));
        SchedulerConfig prk = config;
        prk.skipPrkSteps = false;
        QVERIFY_THROWS_EXCEPTION(
            EngineError, makePlan(prk, SamplerKind::Pndm, SigmaSchedule::Default, TimestepSpacing::Leading, 20));
        QCOMPARE(defaultSampler(prk).kind, SamplerKind::Ddim);
    }

    void testLinspaceSpacing()
    {
        // Not in the goldens: diffusers' "linspace" values worked out by hand.
        const SchedulerConfig config = sd15Config();
        const SamplerPlan ddim
            = makePlan(config, SamplerKind::Ddim, SigmaSchedule::Default, TimestepSpacing::Linspace, 4);
        QCOMPARE(ddim.timesteps, (std::vector<double> { 999, 666, 333, 0 }));
        const SamplerPlan euler
            = makePlan(config, SamplerKind::Euler, SigmaSchedule::Default, TimestepSpacing::Linspace, 4);
        QCOMPARE(euler.timesteps, (std::vector<double> { 999, 666, 333, 0 }));
        QCOMPARE(euler.initNoiseSigma, euler.sigmas.front());
        const SamplerPlan dpm
            = makePlan(config, SamplerKind::DpmPP2M, SigmaSchedule::Default, TimestepSpacing::Linspace, 4);
        // linspace(0, 999, 5) = 0, 249.75, 499.5, 749.25, 999 -> round half to even -> 0, 250, 500, 749, 999.
        QCOMPARE(dpm.timesteps, (std::vector<double> { 999, 749, 500, 250 }));
        const SamplerPlan pndm
            = makePlan(config, SamplerKind::Pndm, SigmaSchedule::Default, TimestepSpacing::Linspace, 4);
        QCOMPARE(pndm.timesteps, (std::vector<double> { 999, 666, 666, 333, 0 }));
    }

    void testHeunPlan_data()
    {
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("spacing");
        QTest::addColumn<bool>("karras");
        for (int steps : { 1, 4, 20, 50 }) {
            for (TimestepSpacing spacing :
                { TimestepSpacing::Leading, TimestepSpacing::Trailing, TimestepSpacing::Linspace }) {
                for (bool karras : { false, true }) {
                    const std::string name
                        = std::to_string(steps) + "/" + timestepSpacingName(spacing) + (karras ? "/karras" : "");
                    QTest::newRow(name.c_str()) << steps << static_cast<int>(spacing) << karras;
                }
            }
        }
    }

    void testHeunPlan()
    {
        QFETCH(int, steps);
        QFETCH(int, spacing);
        QFETCH(bool, karras);
        const SchedulerConfig config = sd15Config();
        const SamplerPlan euler = makePlan(config, SamplerKind::Euler,
            karras ? SigmaSchedule::Karras : SigmaSchedule::Default, static_cast<TimestepSpacing>(spacing), steps);
        const SamplerPlan heun = makePlan(config, SamplerKind::Heun,
            karras ? SigmaSchedule::Karras : SigmaSchedule::Default, static_cast<TimestepSpacing>(spacing), steps);
        QCOMPARE(heun.order, 2);
        QVERIFY(heun.floatTimesteps);
        QCOMPARE(heun.timesteps.size(), size_t(2 * steps - 1));
        QCOMPARE(heun.sigmas.size(), size_t(2 * steps));
        QCOMPARE(heun.sigmas.back(), 0.0);
        QCOMPARE(heun.initNoiseSigma, euler.initNoiseSigma);
        // Heun evaluates Euler's schedule twice per step after the first.
        for (size_t i = 0; i < heun.timesteps.size(); ++i) {
            QCOMPARE(heun.timesteps[i], euler.timesteps[(i + 1) / 2]);
            QCOMPARE(heun.sigmas[i], euler.sigmas[(i + 1) / 2]);
            if (i > 0)
                QVERIFY(heun.timesteps[i] <= heun.timesteps[i - 1]);
        }
        for (size_t i = 1; i < heun.sigmas.size(); ++i)
            QVERIFY(heun.sigmas[i] <= heun.sigmas[i - 1]);
        if (karras) {
            // The Karras ramp spans the selected timesteps' sigmas.
            const SamplerPlan plain = makePlan(
                config, SamplerKind::Euler, SigmaSchedule::Default, static_cast<TimestepSpacing>(spacing), steps);
            QVERIFY(std::abs(heun.sigmas.front() - plain.sigmas.front()) <= 1e-5 * plain.sigmas.front());
            QVERIFY(std::abs(heun.sigmas[heun.sigmas.size() - 2] - plain.sigmas[plain.sigmas.size() - 2])
                <= 1e-5 * plain.sigmas.front());
        }
    }

    void testUniPCPlan_data() { testHeunPlan_data(); }

    void testUniPCPlan()
    {
        QFETCH(int, steps);
        QFETCH(int, spacing);
        QFETCH(bool, karras);
        const SchedulerConfig config = sd15Config();
        const SigmaSchedule schedule = karras ? SigmaSchedule::Karras : SigmaSchedule::Default;
        const SamplerPlan dpm
            = makePlan(config, SamplerKind::DpmPP2M, schedule, static_cast<TimestepSpacing>(spacing), steps);
        const SamplerPlan unipc
            = makePlan(config, SamplerKind::UniPC, schedule, static_cast<TimestepSpacing>(spacing), steps);
        QCOMPARE(unipc.order, 1);
        QVERIFY(!unipc.floatTimesteps);
        QCOMPARE(unipc.initNoiseSigma, 1.0);
        QCOMPARE(unipc.timesteps.size(), size_t(steps));
        QCOMPARE(unipc.sigmas.size(), size_t(steps + 1));
        // UniPC shares DPM-Solver's timesteps and sigmas; only the final sigma differs.
        QCOMPARE(unipc.timesteps, dpm.timesteps);
        for (int i = 0; i < steps; ++i)
            QCOMPARE(unipc.sigmas[size_t(i)], dpm.sigmas[size_t(i)]);
        QCOMPARE(dpm.sigmas.back(), 0.0);
        // diffusers 0.27.2's UniPC ends at sigma_min (alphas_cumprod[0]), or repeats the last Karras sigma.
        const double acp0 = config.alphasCumprod()[0].item<double>();
        const double sigmaLast = karras ? unipc.sigmas[size_t(steps - 1)] : std::sqrt((1.0 - acp0) / acp0);
        QVERIFY(std::abs(unipc.sigmas.back() - sigmaLast) < 1e-6);
        QVERIFY(unipc.sigmas.back() > 0.0);
        for (size_t i = 1; i < unipc.timesteps.size(); ++i) {
            QVERIFY(unipc.timesteps[i] <= unipc.timesteps[i - 1]);
            QVERIFY(unipc.sigmas[i] <= unipc.sigmas[i - 1]);
        }
        for (double t : unipc.timesteps)
            QVERIFY(t >= 0 && t <= 999 && t == std::floor(t));
    }
};

QTEST_GUILESS_MAIN(TestSchedulers)
#include "tst_schedulers.moc"
