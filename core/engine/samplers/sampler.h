// SPDX-License-Identifier: MIT
#pragma once

#include "engine/samplers/samplerplan.h"
#include "engine/samplers/schedulerconfig.h"

#include <ATen/Tensor.h>
#include <ATen/core/Generator.h>

#include <cstdint>
#include <functional>

namespace easel::engine {

/// The denoiser as the samplers see it: the raw model output (epsilon, v or x0 according to the
/// config's prediction type) for a scaled input at a timestep, i.e. what the UNet returns after
/// classifier-free guidance. It knows nothing of the sampler.
using ModelFn = std::function<at::Tensor(const at::Tensor& scaledInput, double timestep)>;

/// Reported after every sampler step.
struct StepState {
    int64_t index = 0; ///< 0-based number of this step within the run
    int64_t total = 0; ///< steps in this run (plan.timesteps.size() - startIndex)
    double timestep = 0; ///< the timestep the model was evaluated at
    at::Tensor x; ///< the latents after the step
    at::Tensor denoised; ///< the step's estimate of the clean latents (for previews)
};

/// Called on the sampling thread after each step. It may throw (EngineError(Kind::Cancelled)) to
/// stop sampling; sample() keeps all its state local and never writes into the caller's tensors.
/// It may overwrite state.x in place (inpainting blends the source back in): the next step starts
/// from what it wrote.
using StepObserver = std::function<void(const StepState&)>;

/// Runs plan.timesteps[startIndex:] with the sampler of `plan`, exactly as diffusers' pipelines drive
/// the scheduler: for each timestep, model(scale_model_input(x, t), t) then step().
///
/// `x` must already be at the plan's noise level: randn * plan.initNoiseSigma for txt2img, or
/// addNoise(..., startIndex) for img2img. Per-step noise is drawn from `generator` exactly as
/// diffusers draws it (randn of x's shape, float32 on the CPU): Euler one draw per step (unused, it
/// only advances the generator), Euler a every step, LCM every step but the last; the others draw
/// nothing. An undefined generator uses libtorch's default one.
///
/// The sampler works in float32 (float64 inputs stay float64) and returns x's dtype; the model gets
/// its input in that working dtype. The observer, when set, sees every step.
at::Tensor sample(const SchedulerConfig& config, const SamplerPlan& plan, const ModelFn& model, const at::Tensor& x,
    at::Generator generator = {}, const StepObserver& observer = {}, int64_t startIndex = 0);

} // namespace easel::engine
