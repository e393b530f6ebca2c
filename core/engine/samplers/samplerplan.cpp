// SPDX-License-Identifier: MIT
#include "engine/samplers/samplerplan.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace easel::engine {

namespace {

    // The schedules below reproduce numpy's arithmetic step for step (diffusers builds them with
    // numpy): timesteps must match exactly, and a different rounding path can move one by 1.

    // np.arange(start, stop, step) for floats: length ceil((stop - start) / step), values
    // start + i * (a[1] - a[0]) as numpy's fill function computes them.
    std::vector<double> npArange(double start, double stop, double step)
    {
        const double count = std::ceil((stop - start) / step);
        std::vector<double> out;
        if (!(count > 0))
            return out;
        const auto n = static_cast<size_t>(count);
        out.resize(n);
        out[0] = start;
        if (n > 1) {
            out[1] = start + step;
            const double delta = out[1] - out[0];
            for (size_t i = 2; i < n; ++i)
                out[i] = start + static_cast<double>(i) * delta;
        }
        return out;
    }

    // np.linspace(start, stop, num, endpoint).
    std::vector<double> npLinspace(double start, double stop, int64_t num, bool endpoint = true)
    {
        std::vector<double> out(static_cast<size_t>(num));
        const int64_t div = endpoint ? num - 1 : num;
        const double step = div > 0 ? (stop - start) / static_cast<double>(div) : 0.0;
        for (int64_t i = 0; i < num; ++i)
            out[static_cast<size_t>(i)] = static_cast<double>(i) * step + start;
        if (endpoint && num > 1)
            out.back() = stop;
        return out;
    }

    // np.round: half to even (the default rounding mode).
    double npRound(double v) { return std::nearbyint(v); }

    double toFloat32(double v) { return static_cast<double>(static_cast<float>(v)); }

    // np.interp(x, arange(len(fp)), fp).
    double interp(double x, const std::vector<float>& fp)
    {
        const auto last = static_cast<int64_t>(fp.size()) - 1;
        if (x <= 0.0)
            return fp.front();
        if (x >= static_cast<double>(last))
            return fp.back();
        const auto j = static_cast<int64_t>(std::floor(x));
        const double lo = fp[static_cast<size_t>(j)];
        const double hi = fp[static_cast<size_t>(j + 1)];
        return (hi - lo) * (x - static_cast<double>(j)) + lo;
    }

    // diffusers' _sigma_to_t: log-sigma interpolation into the training table. The comparison runs
    // in float32 as numpy does (float64 scalar against a float32 array).
    double sigmaToT(double sigma, const std::vector<float>& logSigmas)
    {
        const double logSigma = std::log(std::max(sigma, 1e-10));
        const auto logSigma32 = static_cast<float>(logSigma);
        const auto n = static_cast<int64_t>(logSigmas.size());
        int64_t low = 0;
        for (int64_t i = 0; i < n; ++i) {
            if (logSigma32 - logSigmas[static_cast<size_t>(i)] >= 0.0f)
                low = i;
        }
        low = std::min(low, n - 2);
        const int64_t high = low + 1;
        const double lowValue = logSigmas[static_cast<size_t>(low)];
        const double highValue = logSigmas[static_cast<size_t>(high)];
        const double w = std::clamp((lowValue - logSigma) / (lowValue - highValue), 0.0, 1.0);
        return (1.0 - w) * static_cast<double>(low) + w * static_cast<double>(high);
    }

    // Karras et al. (2022) eq. 5 with rho = 7.
    std::vector<double> karrasSigmas(double sigmaMin, double sigmaMax, int64_t steps)
    {
        const double rho = 7.0;
        const double minInvRho = std::pow(sigmaMin, 1.0 / rho);
        const double maxInvRho = std::pow(sigmaMax, 1.0 / rho);
        std::vector<double> sigmas;
        for (double r : npLinspace(0.0, 1.0, steps))
            sigmas.push_back(std::pow(maxInvRho + r * (minInvRho - maxInvRho), rho));
        return sigmas;
    }

    bool isKarrasCapable(SamplerKind kind)
    {
        switch (kind) {
        case SamplerKind::Euler:
        case SamplerKind::EulerAncestral:
        case SamplerKind::Heun:
        case SamplerKind::DpmPP2M:
        case SamplerKind::UniPC:
            return true;
        case SamplerKind::Ddim:
        case SamplerKind::Pndm:
        case SamplerKind::Lcm:
            break;
        }
        return false;
    }

    struct SigmaTable {
        std::vector<float> sigmas; // sqrt((1 - acp) / acp), float32 as diffusers computes it
        std::vector<float> logSigmas;
    };

    SigmaTable sigmaTable(const SchedulerConfig& config)
    {
        at::Tensor acp = config.alphasCumprod();
        if (config.rescaleBetasZeroSnr) {
            // diffusers keeps the first sigma finite this way (fp16's smallest subnormal).
            acp[-1] = std::ldexp(1.0, -24);
        }
        const at::Tensor sigmas = ((1.0 - acp) / acp).pow(0.5).contiguous();
        SigmaTable table;
        table.sigmas.assign(sigmas.data_ptr<float>(), sigmas.data_ptr<float>() + sigmas.numel());
        for (float s : table.sigmas)
            table.logSigmas.push_back(std::log(s));
        return table;
    }

    std::vector<double> reversed(std::vector<double> v)
    {
        std::reverse(v.begin(), v.end());
        return v;
    }

    // (arange(count) * ratio) reversed, plus offset: diffusers' "leading" spacing.
    std::vector<double> leading(int64_t count, int64_t ratio, int64_t offset)
    {
        std::vector<double> t;
        for (int64_t i = count - 1; i >= 0; --i)
            t.push_back(static_cast<double>(i * ratio + offset));
        return t;
    }

    // round(arange(N, 0, -N/n)) - 1: diffusers' "trailing" spacing, descending.
    std::vector<double> trailing(int64_t numTrain, int64_t steps)
    {
        std::vector<double> t = npArange(
            static_cast<double>(numTrain), 0.0, -(static_cast<double>(numTrain) / static_cast<double>(steps)));
        for (double& v : t)
            v = npRound(v) - 1.0;
        return t;
    }

    // Euler, Euler a and Heun (EulerDiscreteScheduler.set_timesteps and its copies).
    void planKarrasFamily(const SchedulerConfig& config, SamplerPlan& plan)
    {
        const int64_t n = plan.steps;
        const int64_t numTrain = config.numTrainTimesteps;
        std::vector<double> t;
        switch (plan.spacing) {
        case TimestepSpacing::Linspace:
            t = reversed(npLinspace(0.0, static_cast<double>(numTrain - 1), n));
            break;
        case TimestepSpacing::Leading:
            t = leading(n, numTrain / n, 0);
            break;
        case TimestepSpacing::Trailing:
            t = trailing(numTrain, n);
            break;
        }
        // diffusers casts to float32 before adding the offset (leading) or subtracting 1 (trailing).
        for (double& v : t)
            v = toFloat32(v);
        if (plan.spacing == TimestepSpacing::Leading) {
            for (double& v : t)
                v = toFloat32(v + static_cast<double>(config.stepsOffset));
        }

        const SigmaTable table = sigmaTable(config);
        std::vector<double> sigmas;
        for (double v : t)
            sigmas.push_back(interp(v, table.sigmas));
        if (plan.schedule == SigmaSchedule::Karras) {
            sigmas = karrasSigmas(sigmas.back(), sigmas.front(), n);
            t.clear();
            for (double s : sigmas)
                t.push_back(toFloat32(sigmaToT(s, table.logSigmas)));
        }
        sigmas.push_back(0.0);
        for (double& s : sigmas)
            s = toFloat32(s);

        if (plan.kind == SamplerKind::Heun) {
            // Each step after the first evaluates the model twice at the same timestep.
            std::vector<double> ht { t.front() };
            std::vector<double> hs { sigmas.front() };
            for (size_t i = 1; i < t.size(); ++i) {
                ht.push_back(t[i]);
                ht.push_back(t[i]);
            }
            for (size_t i = 1; i + 1 < sigmas.size(); ++i) {
                hs.push_back(sigmas[i]);
                hs.push_back(sigmas[i]);
            }
            hs.push_back(sigmas.back());
            t = std::move(ht);
            sigmas = std::move(hs);
            plan.order = 2;
        }

        const auto maxSigma = static_cast<float>(*std::max_element(sigmas.begin(), sigmas.end()));
        plan.initNoiseSigma = plan.spacing == TimestepSpacing::Leading
            ? static_cast<double>(std::sqrt(maxSigma * maxSigma + 1.0f))
            : static_cast<double>(maxSigma);
        plan.timesteps = std::move(t);
        plan.sigmas = std::move(sigmas);
        plan.floatTimesteps = true;
    }

    // DPM++ 2M and UniPC (DPMSolverMultistepScheduler.set_timesteps; UniPC's is a copy).
    void planMultistep(const SchedulerConfig& config, SamplerPlan& plan)
    {
        const int64_t n = plan.steps;
        const int64_t numTrain = config.numTrainTimesteps;
        std::vector<double> t;
        switch (plan.spacing) {
        case TimestepSpacing::Linspace: {
            t = reversed(npLinspace(0.0, static_cast<double>(numTrain - 1), n + 1));
            t.pop_back();
            for (double& v : t)
                v = npRound(v);
            break;
        }
        case TimestepSpacing::Leading:
            // n + 1 points with the last (t = 0) dropped: unlike DDIM's leading spacing.
            t = leading(n + 1, numTrain / (n + 1), config.stepsOffset);
            t.pop_back();
            break;
        case TimestepSpacing::Trailing:
            t = trailing(numTrain, n);
            break;
        }

        const SigmaTable table = sigmaTable(config);
        std::vector<double> sigmas;
        if (plan.schedule == SigmaSchedule::Karras) {
            // The ramp spans the whole training range, whatever the spacing.
            sigmas = karrasSigmas(table.sigmas.front(), table.sigmas.back(), n);
            t.clear();
            for (double s : sigmas)
                t.push_back(npRound(sigmaToT(s, table.logSigmas)));
        } else {
            for (double v : t)
                sigmas.push_back(interp(v, table.sigmas));
        }
        if (plan.kind == SamplerKind::DpmPP2M) {
            sigmas.push_back(0.0); // final_sigmas_type "zero"
        } else if (plan.schedule == SigmaSchedule::Karras) {
            sigmas.push_back(sigmas.back());
        } else {
            sigmas.push_back(table.sigmas.front());
        }
        for (double& s : sigmas)
            s = toFloat32(s);
        plan.timesteps = std::move(t);
        plan.sigmas = std::move(sigmas);
    }

    void planDdim(const SchedulerConfig& config, SamplerPlan& plan)
    {
        const int64_t n = plan.steps;
        const int64_t numTrain = config.numTrainTimesteps;
        switch (plan.spacing) {
        case TimestepSpacing::Linspace:
            plan.timesteps = reversed(npLinspace(0.0, static_cast<double>(numTrain - 1), n));
            for (double& v : plan.timesteps)
                v = npRound(v);
            break;
        case TimestepSpacing::Leading:
            plan.timesteps = leading(n, numTrain / n, config.stepsOffset);
            break;
        case TimestepSpacing::Trailing:
            plan.timesteps = trailing(numTrain, n);
            break;
        }
    }

    void planPndm(const SchedulerConfig& config, SamplerPlan& plan)
    {
        if (!config.skipPrkSteps) {
            throw EngineError("the PNDM sampler needs skip_prk_steps (PLMS only); this model's scheduler config "
                              "asks for Runge-Kutta warm-up steps, choose another sampler",
                EngineError::Kind::Unsupported);
        }
        // The same spacing as DDIM, then PLMS repeats the second-highest timestep: its second
        // evaluation completes the first step.
        planDdim(config, plan);
        std::vector<double> t = plan.timesteps;
        if (t.size() >= 2)
            t.insert(t.begin() + 1, t[1]);
        plan.timesteps = std::move(t);
    }

    void planLcm(const SchedulerConfig& config, SamplerPlan& plan)
    {
        const int64_t original = config.originalInferenceSteps;
        const int64_t k = config.numTrainTimesteps / original;
        if (plan.steps > original) {
            throw EngineError("LCM allows at most " + std::to_string(original) + " steps (original_inference_steps)");
        }
        // The training schedule k-1, 2k-1, ... descending; pick (floored) evenly spaced indices.
        std::vector<double> origin;
        for (int64_t i = original; i >= 1; --i)
            origin.push_back(static_cast<double>(i * k - 1));
        for (double index : npLinspace(0.0, static_cast<double>(origin.size()), plan.steps, false))
            plan.timesteps.push_back(origin[static_cast<size_t>(std::floor(index))]);
    }

} // namespace

std::string samplerCliName(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Euler:
        return "euler";
    case SamplerKind::EulerAncestral:
        return "euler_a";
    case SamplerKind::Heun:
        return "heun";
    case SamplerKind::DpmPP2M:
        return "dpmpp_2m";
    case SamplerKind::Ddim:
        return "ddim";
    case SamplerKind::Pndm:
        return "pndm";
    case SamplerKind::Lcm:
        return "lcm";
    case SamplerKind::UniPC:
        return "unipc";
    }
    return "euler";
}

std::string samplerDisplayName(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Euler:
        return "Euler";
    case SamplerKind::EulerAncestral:
        return "Euler a";
    case SamplerKind::Heun:
        return "Heun";
    case SamplerKind::DpmPP2M:
        return "DPM++ 2M";
    case SamplerKind::Ddim:
        return "DDIM";
    case SamplerKind::Pndm:
        return "PLMS";
    case SamplerKind::Lcm:
        return "LCM";
    case SamplerKind::UniPC:
        return "UniPC";
    }
    return "Euler";
}

SamplerKind parseSamplerKind(const std::string& name)
{
    static const SamplerKind all[] = { SamplerKind::Euler, SamplerKind::EulerAncestral, SamplerKind::Heun,
        SamplerKind::DpmPP2M, SamplerKind::Ddim, SamplerKind::Pndm, SamplerKind::Lcm, SamplerKind::UniPC };
    std::string valid;
    for (SamplerKind kind : all) {
        if (name == samplerCliName(kind) || name == samplerDisplayName(kind))
            return kind;
        valid += (valid.empty() ? "" : ", ") + samplerCliName(kind);
    }
    throw EngineError("unknown sampler '" + name + "' (expected one of " + valid + ")");
}

SamplerChoice parseSamplerChoice(const std::string& name)
{
    static const std::string suffix = " Karras";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const SamplerKind kind = parseSamplerKind(name.substr(0, name.size() - suffix.size()));
        if (!isKarrasCapable(kind))
            throw EngineError("sampler '" + name + "' does not exist: " + samplerDisplayName(kind) + " has no sigmas");
        return { kind, SigmaSchedule::Karras };
    }
    return { parseSamplerKind(name), SigmaSchedule::Default };
}

std::string sigmaScheduleName(SigmaSchedule schedule)
{
    return schedule == SigmaSchedule::Karras ? "karras" : "default";
}

SigmaSchedule parseSigmaSchedule(const std::string& name)
{
    if (name == "default" || name == "normal")
        return SigmaSchedule::Default;
    if (name == "karras")
        return SigmaSchedule::Karras;
    throw EngineError("unknown sigma schedule '" + name + "' (expected default or karras)");
}

SamplerChoice defaultSampler(const SchedulerConfig& config)
{
    static const std::pair<const char*, SamplerKind> classes[] = {
        { "PNDMScheduler", SamplerKind::Pndm },
        { "DDIMScheduler", SamplerKind::Ddim },
        { "DDPMScheduler", SamplerKind::Ddim },
        { "EulerDiscreteScheduler", SamplerKind::Euler },
        { "LMSDiscreteScheduler", SamplerKind::Euler },
        { "KDPM2DiscreteScheduler", SamplerKind::Euler },
        { "EulerAncestralDiscreteScheduler", SamplerKind::EulerAncestral },
        { "KDPM2AncestralDiscreteScheduler", SamplerKind::EulerAncestral },
        { "HeunDiscreteScheduler", SamplerKind::Heun },
        { "DPMSolverMultistepScheduler", SamplerKind::DpmPP2M },
        { "DPMSolverSinglestepScheduler", SamplerKind::DpmPP2M },
        { "DPMSolverSDEScheduler", SamplerKind::DpmPP2M },
        { "DEISMultistepScheduler", SamplerKind::DpmPP2M },
        { "UniPCMultistepScheduler", SamplerKind::UniPC },
        { "LCMScheduler", SamplerKind::Lcm },
    };
    SamplerChoice choice;
    if (!config.className.empty()) {
        const auto it = std::find_if(
            std::begin(classes), std::end(classes), [&](const auto& entry) { return config.className == entry.first; });
        if (it == std::end(classes)) {
            throw EngineError("unsupported scheduler '" + config.className + "' in the model's scheduler config",
                EngineError::Kind::Unsupported);
        }
        choice.kind = it->second;
    }
    if (choice.kind == SamplerKind::Pndm && !config.skipPrkSteps)
        choice.kind = SamplerKind::Ddim; // same timesteps, and PRK warm-up is not implemented
    if (config.useKarrasSigmas && isKarrasCapable(choice.kind))
        choice.schedule = SigmaSchedule::Karras;
    return choice;
}

at::Tensor SamplerPlan::timestepsTensor() const
{
    const at::Tensor t = at::tensor(timesteps, at::TensorOptions().dtype(at::kDouble));
    return t.to(floatTimesteps ? at::kFloat : at::kLong);
}

at::Tensor SamplerPlan::sigmasTensor() const
{
    if (sigmas.empty())
        return {};
    return at::tensor(sigmas, at::TensorOptions().dtype(at::kDouble)).to(at::kFloat);
}

SamplerPlan makePlan(
    const SchedulerConfig& config, SamplerKind kind, SigmaSchedule schedule, TimestepSpacing spacing, int64_t steps)
{
    if (steps < 1 || steps > config.numTrainTimesteps) {
        throw EngineError("the number of steps must be between 1 and " + std::to_string(config.numTrainTimesteps)
            + ", got " + std::to_string(steps));
    }
    if (schedule == SigmaSchedule::Karras && !isKarrasCapable(kind)) {
        throw EngineError("Karras sigmas need a sampler with sigmas; " + samplerDisplayName(kind) + " has none",
            EngineError::Kind::Unsupported);
    }
    SamplerPlan plan;
    plan.kind = kind;
    plan.schedule = schedule;
    plan.spacing = spacing;
    plan.steps = steps;
    switch (kind) {
    case SamplerKind::Euler:
    case SamplerKind::EulerAncestral:
    case SamplerKind::Heun:
        planKarrasFamily(config, plan);
        break;
    case SamplerKind::DpmPP2M:
    case SamplerKind::UniPC:
        planMultistep(config, plan);
        break;
    case SamplerKind::Ddim:
        planDdim(config, plan);
        break;
    case SamplerKind::Pndm:
        planPndm(config, plan);
        break;
    case SamplerKind::Lcm:
        planLcm(config, plan);
        break;
    }
    return plan;
}

Img2ImgSchedule img2imgSchedule(const SamplerPlan& plan, double strength)
{
    if (!(strength >= 0.0 && strength <= 1.0))
        throw EngineError("img2img strength must be between 0 and 1, got " + std::to_string(strength));
    const int64_t n = plan.steps;
    // Python's int() truncates the product, as here.
    const int64_t initT = std::min(static_cast<int64_t>(static_cast<double>(n) * strength), n);
    const int64_t tStart = std::max<int64_t>(n - initT, 0);
    Img2ImgSchedule s;
    s.startIndex = tStart * plan.order;
    if (s.startIndex >= static_cast<int64_t>(plan.timesteps.size())) {
        throw EngineError("img2img strength " + std::to_string(strength) + " with " + std::to_string(n)
            + " steps leaves no step to run; raise the strength or the steps");
    }
    s.timesteps.assign(plan.timesteps.begin() + s.startIndex, plan.timesteps.end());
    return s;
}

at::Tensor addNoise(const SchedulerConfig& config, const SamplerPlan& plan, const at::Tensor& original,
    const at::Tensor& noise, int64_t startIndex)
{
    if (startIndex < 0 || startIndex >= static_cast<int64_t>(plan.timesteps.size()))
        throw EngineError(
            "addNoise: step index " + std::to_string(startIndex) + " is outside the plan", EngineError::Kind::Internal);
    if (!original.defined() || !noise.defined() || original.sizes() != noise.sizes())
        throw EngineError("addNoise: the latents and the noise must have the same shape", EngineError::Kind::Internal);
    const at::Tensor n = noise.to(original.device(), original.scalar_type());
    switch (plan.kind) {
    case SamplerKind::Euler:
    case SamplerKind::EulerAncestral:
    case SamplerKind::Heun: {
        const double sigma = plan.sigmas[static_cast<size_t>(startIndex)];
        return original + n * sigma;
    }
    case SamplerKind::DpmPP2M:
    case SamplerKind::UniPC: {
        const auto sigma = static_cast<float>(plan.sigmas[static_cast<size_t>(startIndex)]);
        const float alpha = 1.0f / std::sqrt(sigma * sigma + 1.0f);
        return original * static_cast<double>(alpha) + n * static_cast<double>(sigma * alpha);
    }
    case SamplerKind::Ddim:
    case SamplerKind::Pndm:
    case SamplerKind::Lcm:
        break;
    }
    const at::Tensor acp = config.alphasCumprod();
    const auto t = static_cast<int64_t>(plan.timesteps[static_cast<size_t>(startIndex)]);
    if (t < 0 || t >= acp.size(0))
        throw EngineError("addNoise: timestep outside the training range", EngineError::Kind::Internal);
    const float a = acp[t].item<float>();
    return original * static_cast<double>(std::sqrt(a)) + n * static_cast<double>(std::sqrt(1.0f - a));
}

} // namespace easel::engine
