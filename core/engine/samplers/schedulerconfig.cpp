// SPDX-License-Identifier: MIT
#include "engine/samplers/schedulerconfig.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace easel::engine {

namespace {

    EngineError configError(const std::string& message) { return EngineError("scheduler config: " + message); }

    // A present, non-null key; null stands for "use the default" in diffusers' configs.
    const nlohmann::json* field(const nlohmann::json& json, const char* key)
    {
        const auto it = json.find(key);
        if (it == json.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    void readNumber(const nlohmann::json& json, const char* key, double& out)
    {
        if (const nlohmann::json* v = field(json, key)) {
            if (!v->is_number())
                throw configError(std::string("'") + key + "' must be a number");
            out = v->get<double>();
            if (!std::isfinite(out))
                throw configError(std::string("'") + key + "' must be finite");
        }
    }

    void readInteger(const nlohmann::json& json, const char* key, int64_t& out)
    {
        if (const nlohmann::json* v = field(json, key)) {
            // Some configs were written with floats for integral values (e.g. 1000.0).
            if (v->is_number_integer()) {
                out = v->get<int64_t>();
            } else if (v->is_number_float() && std::floor(v->get<double>()) == v->get<double>()
                && std::abs(v->get<double>()) < 1e15) {
                out = static_cast<int64_t>(v->get<double>());
            } else {
                throw configError(std::string("'") + key + "' must be an integer");
            }
        }
    }

    void readBool(const nlohmann::json& json, const char* key, bool& out)
    {
        if (const nlohmann::json* v = field(json, key)) {
            if (!v->is_boolean())
                throw configError(std::string("'") + key + "' must be true or false");
            out = v->get<bool>();
        }
    }

    const std::string* readString(const nlohmann::json& json, const char* key)
    {
        const nlohmann::json* v = field(json, key);
        if (!v)
            return nullptr;
        if (!v->is_string())
            throw configError(std::string("'") + key + "' must be a string");
        return v->get_ptr<const std::string*>();
    }

    // diffusers' betas_for_alpha_bar with the cosine transform: computed in double, stored as float32.
    at::Tensor cosineBetas(int64_t n)
    {
        constexpr double pi = 3.14159265358979323846;
        const auto alphaBar = [](double t) {
            const double c = std::cos((t + 0.008) / 1.008 * pi / 2.0);
            return c * c;
        };
        std::vector<float> betas(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            const double t1 = static_cast<double>(i) / static_cast<double>(n);
            const double t2 = static_cast<double>(i + 1) / static_cast<double>(n);
            betas[static_cast<size_t>(i)] = static_cast<float>(std::min(1.0 - alphaBar(t2) / alphaBar(t1), 0.999));
        }
        return at::tensor(betas, at::TensorOptions().dtype(at::kFloat));
    }

    // Lin et al. 2023, "Common Diffusion Noise Schedules and Sample Steps are Flawed", algorithm 1.
    at::Tensor rescaleZeroTerminalSnr(const at::Tensor& betas)
    {
        const at::Tensor alphasCumprod = at::cumprod(1.0 - betas, 0);
        at::Tensor sqrtBar = alphasCumprod.sqrt();
        const at::Tensor first = sqrtBar[0].clone();
        const at::Tensor last = sqrtBar[-1].clone();
        sqrtBar = (sqrtBar - last) * (first / (first - last));
        const at::Tensor bar = sqrtBar * sqrtBar;
        const at::Tensor alphas = at::cat({ bar.slice(0, 0, 1), bar.slice(0, 1) / bar.slice(0, 0, -1) });
        return 1.0 - alphas;
    }

} // namespace

std::string betaScheduleName(BetaSchedule schedule)
{
    switch (schedule) {
    case BetaSchedule::Linear:
        return "linear";
    case BetaSchedule::ScaledLinear:
        return "scaled_linear";
    case BetaSchedule::SquaredCosCapV2:
        return "squaredcos_cap_v2";
    }
    return "linear";
}

std::string predictionTypeName(PredictionType type)
{
    switch (type) {
    case PredictionType::Epsilon:
        return "epsilon";
    case PredictionType::VPrediction:
        return "v_prediction";
    case PredictionType::Sample:
        return "sample";
    }
    return "epsilon";
}

std::string timestepSpacingName(TimestepSpacing spacing)
{
    switch (spacing) {
    case TimestepSpacing::Leading:
        return "leading";
    case TimestepSpacing::Trailing:
        return "trailing";
    case TimestepSpacing::Linspace:
        return "linspace";
    }
    return "leading";
}

BetaSchedule parseBetaSchedule(const std::string& name)
{
    if (name == "linear")
        return BetaSchedule::Linear;
    if (name == "scaled_linear")
        return BetaSchedule::ScaledLinear;
    if (name == "squaredcos_cap_v2")
        return BetaSchedule::SquaredCosCapV2;
    throw EngineError("unsupported beta schedule '" + name + "' (expected linear, scaled_linear or squaredcos_cap_v2)",
        EngineError::Kind::Unsupported);
}

PredictionType parsePredictionType(const std::string& name)
{
    if (name == "epsilon")
        return PredictionType::Epsilon;
    if (name == "v_prediction")
        return PredictionType::VPrediction;
    if (name == "sample" || name == "original_sample")
        return PredictionType::Sample;
    throw EngineError("unsupported prediction type '" + name + "' (expected epsilon, v_prediction or sample)",
        EngineError::Kind::Unsupported);
}

TimestepSpacing parseTimestepSpacing(const std::string& name)
{
    if (name == "leading")
        return TimestepSpacing::Leading;
    if (name == "trailing")
        return TimestepSpacing::Trailing;
    if (name == "linspace")
        return TimestepSpacing::Linspace;
    throw EngineError("unsupported timestep spacing '" + name + "' (expected leading, trailing or linspace)",
        EngineError::Kind::Unsupported);
}

SchedulerConfig SchedulerConfig::fromJson(const nlohmann::json& json)
{
    SchedulerConfig c;
    if (json.is_null())
        return c;
    if (!json.is_object())
        throw configError("expected a JSON object");

    readInteger(json, "num_train_timesteps", c.numTrainTimesteps);
    readNumber(json, "beta_start", c.betaStart);
    readNumber(json, "beta_end", c.betaEnd);
    if (const std::string* s = readString(json, "beta_schedule"))
        c.betaSchedule = parseBetaSchedule(*s);
    if (const nlohmann::json* v = field(json, "trained_betas")) {
        if (!v->is_array())
            throw configError("'trained_betas' must be an array of numbers");
        for (const nlohmann::json& b : *v) {
            if (!b.is_number())
                throw configError("'trained_betas' must be an array of numbers");
            c.trainedBetas.push_back(b.get<double>());
        }
    }
    if (const std::string* s = readString(json, "prediction_type"))
        c.predictionType = parsePredictionType(*s);
    if (const std::string* s = readString(json, "timestep_spacing"))
        c.timestepSpacing = parseTimestepSpacing(*s);
    readInteger(json, "steps_offset", c.stepsOffset);
    readBool(json, "set_alpha_to_one", c.setAlphaToOne);
    readBool(json, "skip_prk_steps", c.skipPrkSteps);
    readBool(json, "use_karras_sigmas", c.useKarrasSigmas);
    readInteger(json, "original_inference_steps", c.originalInferenceSteps);
    readNumber(json, "timestep_scaling", c.timestepScaling);
    readBool(json, "rescale_betas_zero_snr", c.rescaleBetasZeroSnr);
    readBool(json, "clip_sample", c.clipSample);
    readNumber(json, "clip_sample_range", c.clipSampleRange);
    if (const std::string* s = readString(json, "_class_name"))
        c.className = *s;

    if (!c.trainedBetas.empty())
        c.numTrainTimesteps = static_cast<int64_t>(c.trainedBetas.size());
    if (c.numTrainTimesteps < 2 || c.numTrainTimesteps > 100000)
        throw configError("'num_train_timesteps' must be between 2 and 100000");
    const auto validBeta = [](double b) { return b > 0.0 && b < 1.0; };
    if (c.trainedBetas.empty() && (!validBeta(c.betaStart) || !validBeta(c.betaEnd)))
        throw configError("'beta_start' and 'beta_end' must lie in (0, 1)");
    for (double b : c.trainedBetas) {
        if (!(b >= 0.0 && b < 1.0))
            throw configError("'trained_betas' must lie in [0, 1)");
    }
    if (c.stepsOffset < 0 || c.stepsOffset >= c.numTrainTimesteps)
        throw configError("'steps_offset' must be between 0 and num_train_timesteps - 1");
    if (c.originalInferenceSteps < 1 || c.originalInferenceSteps > c.numTrainTimesteps)
        throw configError("'original_inference_steps' must be between 1 and num_train_timesteps");
    if (c.clipSampleRange <= 0.0)
        throw configError("'clip_sample_range' must be positive");
    return c;
}

at::Tensor SchedulerConfig::betas() const
{
    const at::TensorOptions f32 = at::TensorOptions().dtype(at::kFloat);
    at::Tensor b;
    if (!trainedBetas.empty()) {
        b = at::tensor(trainedBetas, at::TensorOptions().dtype(at::kDouble)).to(at::kFloat);
    } else {
        switch (betaSchedule) {
        case BetaSchedule::Linear:
            b = at::linspace(betaStart, betaEnd, numTrainTimesteps, f32);
            break;
        case BetaSchedule::ScaledLinear:
            b = at::linspace(std::sqrt(betaStart), std::sqrt(betaEnd), numTrainTimesteps, f32).pow(2);
            break;
        case BetaSchedule::SquaredCosCapV2:
            b = cosineBetas(numTrainTimesteps);
            break;
        }
    }
    if (rescaleBetasZeroSnr)
        b = rescaleZeroTerminalSnr(b);
    return b;
}

at::Tensor SchedulerConfig::alphasCumprod() const { return at::cumprod(1.0 - betas(), 0); }

} // namespace easel::engine
