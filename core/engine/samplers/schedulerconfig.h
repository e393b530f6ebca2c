// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace easel::engine {

/// How the training betas were laid out (diffusers `beta_schedule`).
enum class BetaSchedule {
    Linear, ///< "linear": linspace(beta_start, beta_end)
    ScaledLinear, ///< "scaled_linear": linspace(sqrt(beta_start), sqrt(beta_end))^2 (Stable Diffusion)
    SquaredCosCapV2, ///< "squaredcos_cap_v2": the cosine schedule, betas capped at 0.999
};

/// What the denoiser predicts (diffusers `prediction_type`).
enum class PredictionType {
    Epsilon, ///< "epsilon": the noise
    VPrediction, ///< "v_prediction": v = alpha * noise - sigma * x0 (SD 2.x 768)
    Sample, ///< "sample": x0 itself
};

/// How inference timesteps are picked from the training range (diffusers `timestep_spacing`).
enum class TimestepSpacing {
    Leading, ///< "leading": multiples of the step ratio, plus steps_offset
    Trailing, ///< "trailing": counted down from the last training step
    Linspace, ///< "linspace": evenly spaced over [0, num_train_timesteps - 1]
};

/// The parts of a diffusers scheduler_config.json that Easel's samplers use.
///
/// The defaults are Stable Diffusion 1.x/2.x/XL's values, so that a model without a scheduler
/// config (a bare single-file checkpoint) samples like the reference models. A key that is absent
/// or null in the JSON keeps its default; clip_sample defaults to false for every sampler (one config
/// serves all of them, and clipping Stable Diffusion latents to [-1, 1] destroys them).
struct SchedulerConfig {
    int64_t numTrainTimesteps = 1000;
    double betaStart = 0.00085;
    double betaEnd = 0.012;
    BetaSchedule betaSchedule = BetaSchedule::ScaledLinear;
    std::vector<double> trainedBetas; ///< overrides the schedule when not empty
    PredictionType predictionType = PredictionType::Epsilon;
    TimestepSpacing timestepSpacing = TimestepSpacing::Leading;
    int64_t stepsOffset = 1;
    bool setAlphaToOne = false; ///< DDIM/PNDM/LCM: alpha of the step before t = 0
    bool skipPrkSteps = true; ///< PNDM: PLMS only (no Runge-Kutta warm-up)
    bool useKarrasSigmas = false;
    int64_t originalInferenceSteps = 50; ///< LCM
    double timestepScaling = 10.0; ///< LCM boundary-condition scalings
    bool rescaleBetasZeroSnr = false;
    bool clipSample = false; ///< DDIM/LCM: clamp the x0 estimate
    double clipSampleRange = 1.0;
    std::string className; ///< `_class_name`, e.g. "EulerDiscreteScheduler"; empty when absent

    /// Parses a scheduler_config.json object. Unknown enum values, wrong types and out-of-range
    /// numbers throw EngineError with a one-line message; unknown keys are ignored.
    static SchedulerConfig fromJson(const nlohmann::json& json);

    /// Training betas, float32 [numTrainTimesteps], computed as diffusers does.
    at::Tensor betas() const;
    /// cumprod(1 - betas), float32 [numTrainTimesteps] (before any zero-SNR clamp of the last value).
    at::Tensor alphasCumprod() const;
};

/// diffusers' names: "linear"/"scaled_linear"/"squaredcos_cap_v2", "epsilon"/"v_prediction"/"sample",
/// "leading"/"trailing"/"linspace". The parse functions throw EngineError on anything else.
std::string betaScheduleName(BetaSchedule schedule);
std::string predictionTypeName(PredictionType type);
std::string timestepSpacingName(TimestepSpacing spacing);
BetaSchedule parseBetaSchedule(const std::string& name);
PredictionType parsePredictionType(const std::string& name);
TimestepSpacing parseTimestepSpacing(const std::string& name);

} // namespace easel::engine
