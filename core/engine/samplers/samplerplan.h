// SPDX-License-Identifier: MIT
#pragma once

#include "engine/samplers/schedulerconfig.h"

#include <ATen/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace easel::engine {

/// The sampling algorithms, each equal to its diffusers 0.27.2 scheduler.
enum class SamplerKind {
    Euler, ///< EulerDiscreteScheduler
    EulerAncestral, ///< EulerAncestralDiscreteScheduler
    Heun, ///< HeunDiscreteScheduler
    DpmPP2M, ///< DPMSolverMultistepScheduler (dpmsolver++, order 2, midpoint)
    Ddim, ///< DDIMScheduler (eta 0)
    Pndm, ///< PNDMScheduler with skip_prk_steps (PLMS)
    Lcm, ///< LCMScheduler
    UniPC, ///< UniPCMultistepScheduler (bh2, order 2, predict_x0)
};

/// Sigma spacing for the samplers that have sigmas.
enum class SigmaSchedule {
    Default, ///< the scheduler's own spacing of the training timesteps
    Karras, ///< Karras et al. rho = 7 ramp (use_karras_sigmas)
};

/// A sampler together with its sigma schedule, e.g. A1111's "DPM++ 2M Karras".
struct SamplerChoice {
    SamplerKind kind = SamplerKind::Euler;
    SigmaSchedule schedule = SigmaSchedule::Default;
};

/// CLI names: euler, euler_a, heun, dpmpp_2m, ddim, pndm, lcm, unipc.
std::string samplerCliName(SamplerKind kind);
/// A1111 display names: "Euler", "Euler a", "Heun", "DPM++ 2M", "DDIM", "PLMS", "LCM", "UniPC".
std::string samplerDisplayName(SamplerKind kind);
/// Accepts a CLI name or a display name (exact spelling); throws EngineError listing the valid names.
SamplerKind parseSamplerKind(const std::string& name);
/// Accepts what parseSamplerKind accepts, optionally followed by " Karras" ("DPM++ 2M Karras").
SamplerChoice parseSamplerChoice(const std::string& name);
/// "default" or "karras".
std::string sigmaScheduleName(SigmaSchedule schedule);
/// Accepts "default", "normal" and "karras"; throws EngineError otherwise.
SigmaSchedule parseSigmaSchedule(const std::string& name);

/// The sampler a model ships with: its config's `_class_name` (DDIMScheduler -> Ddim, ...), with
/// Karras when the config sets use_karras_sigmas. Schedulers Easel has no exact equivalent for map to
/// the closest one (LMS, KDPM2 -> Euler; DPM single-step, DEIS -> DPM++ 2M; DDPM -> DDIM); an empty
/// class name gives Euler. An unknown class name throws EngineError(Unsupported).
SamplerChoice defaultSampler(const SchedulerConfig& config);

/// What diffusers' set_timesteps(steps) produces for one sampler.
struct SamplerPlan {
    SamplerKind kind = SamplerKind::Euler;
    SigmaSchedule schedule = SigmaSchedule::Default;
    TimestepSpacing spacing = TimestepSpacing::Leading;
    int64_t steps = 0; ///< the requested number of inference steps
    /// One entry per model evaluation. Integral values except for Euler, Euler a and Heun, whose
    /// timesteps are float32 in diffusers (Karras gives them fractional values).
    std::vector<double> timesteps;
    bool floatTimesteps = false;
    /// Float32 values, timesteps.size() + 1 entries; empty for DDIM, PNDM and LCM, which have none.
    std::vector<double> sigmas;
    double initNoiseSigma = 1.0; ///< txt2img latents are randn * initNoiseSigma
    int order = 1; ///< model evaluations per inference step (Heun: 2)

    /// timesteps as diffusers holds them: float32 or int64, [timesteps.size()].
    at::Tensor timestepsTensor() const;
    /// sigmas as float32 [sigmas.size()] (undefined when there are none).
    at::Tensor sigmasTensor() const;
};

/// The plan for `steps` inference steps. Throws EngineError for steps outside [1, numTrainTimesteps]
/// (LCM: [1, originalInferenceSteps]), Karras on a sampler without sigmas, and PNDM without
/// skip_prk_steps.
SamplerPlan makePlan(
    const SchedulerConfig& config, SamplerKind kind, SigmaSchedule schedule, TimestepSpacing spacing, int64_t steps);

/// Where img2img starts (diffusers' get_timesteps): init_t = min(int(steps * strength), steps),
/// t_start = max(steps - init_t, 0), startIndex = t_start * order; timesteps = plan.timesteps[startIndex:].
struct Img2ImgSchedule {
    int64_t startIndex = 0;
    std::vector<double> timesteps;
};

/// Throws EngineError when strength is outside [0, 1] or leaves no step to run.
Img2ImgSchedule img2imgSchedule(const SamplerPlan& plan, double strength);

/// Noises clean latents to the level of plan step `startIndex`, as the scheduler's add_noise does:
/// Euler, Euler a, Heun: original + noise * sigma; DPM++ 2M, UniPC: alpha * original + sigma_t * noise
/// with alpha = 1/sqrt(sigma^2 + 1); DDIM, PNDM, LCM: sqrt(acp[t]) * original + sqrt(1 - acp[t]) * noise.
at::Tensor addNoise(const SchedulerConfig& config, const SamplerPlan& plan, const at::Tensor& original,
    const at::Tensor& noise, int64_t startIndex);

} // namespace easel::engine
