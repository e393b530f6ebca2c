// SPDX-License-Identifier: MIT
#include "engine/samplers/sampler.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <deque>
#include <sstream>

namespace easel::engine {

namespace {

    // State shared by every sampler loop: the model call, the generator and the observer.
    struct Run {
        Run(const SchedulerConfig& schedulerConfig, const SamplerPlan& samplerPlan, const ModelFn& denoiser,
            at::Generator noiseSource, const StepObserver& stepObserver, int64_t start, at::ScalarType workType)
            : config(schedulerConfig)
            , plan(samplerPlan)
            , startIndex(start)
            , count(static_cast<int64_t>(samplerPlan.timesteps.size()))
            , model(denoiser)
            , generator(std::move(noiseSource))
            , observer(stepObserver)
            , dtype(workType)
        {
        }

        double timestep(int64_t i) const { return plan.timesteps[static_cast<size_t>(i)]; }
        double sigma(int64_t i) const { return plan.sigmas[static_cast<size_t>(i)]; }

        at::Tensor evaluate(const at::Tensor& input, int64_t i) const
        {
            at::Tensor out = model(input, timestep(i));
            if (!out.defined() || out.sizes() != input.sizes()) {
                std::ostringstream s;
                s << "the denoiser returned "
                  << (out.defined() ? "shape " + toString(out.sizes()) : std::string("no tensor"))
                  << " for latents of shape " << input.sizes();
                throw EngineError(s.str(), EngineError::Kind::Internal);
            }
            return out.to(input.device(), dtype);
        }

        // torch.randn(shape, generator) on the CPU in float32, as diffusers' randn_tensor draws it.
        at::Tensor randn(const at::Tensor& like)
        {
            c10::optional<at::Generator> source;
            if (generator.defined())
                source = generator;
            return at::randn(like.sizes(), source, at::TensorOptions().dtype(at::kFloat).device(at::kCPU))
                .to(like.device(), dtype);
        }

        void report(int64_t i, const at::Tensor& x, const at::Tensor& denoised) const
        {
            if (!observer)
                return;
            StepState state;
            state.index = i - startIndex;
            state.total = count - startIndex;
            state.timestep = timestep(i);
            state.x = x;
            state.denoised = denoised;
            observer(state);
        }

        const SchedulerConfig& config;
        const SamplerPlan& plan;
        const int64_t startIndex;
        const int64_t count;
        const ModelFn& model;
        at::Generator generator;
        const StepObserver& observer;
        const at::ScalarType dtype;

        static std::string toString(at::IntArrayRef sizes)
        {
            std::ostringstream s;
            s << sizes;
            return s.str();
        }
    };

    // The clean-latent estimate in sigma (variance-exploding) terms, as the Euler family computes it.
    at::Tensor x0FromSigma(PredictionType type, const at::Tensor& out, const at::Tensor& x, double sigma)
    {
        switch (type) {
        case PredictionType::Epsilon:
            return x - out * sigma;
        case PredictionType::VPrediction:
            return out * (-sigma / std::sqrt(sigma * sigma + 1.0)) + x / (sigma * sigma + 1.0);
        case PredictionType::Sample:
            break;
        }
        return out;
    }

    // The variance-preserving alpha_t, sigma_t of a sigma, and lambda = log(alpha_t / sigma_t).
    struct VpCoefficients {
        double alpha;
        double sigma;
        double lambda;
    };

    VpCoefficients vp(double sigma)
    {
        const double alpha = 1.0 / std::sqrt(sigma * sigma + 1.0);
        return { alpha, sigma * alpha, -std::log(sigma) };
    }

    // The clean-latent estimate from alpha_t, sigma_t (DDIM, LCM, DPM-Solver, UniPC).
    at::Tensor x0FromAlpha(PredictionType type, const at::Tensor& out, const at::Tensor& x, double alpha, double sigma)
    {
        switch (type) {
        case PredictionType::Epsilon:
            return (x - out * sigma) / alpha;
        case PredictionType::VPrediction:
            return x * alpha - out * sigma;
        case PredictionType::Sample:
            break;
        }
        return out;
    }

    at::Tensor scaleBySigma(const at::Tensor& x, double sigma) { return x / std::sqrt(sigma * sigma + 1.0); }

    at::Tensor runEuler(Run& run, at::Tensor x)
    {
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const double sigma = run.sigma(i);
            const at::Tensor out = run.evaluate(scaleBySigma(x, sigma), i);
            // s_churn is 0, so this draw is unused; diffusers makes it anyway and seeds depend on it.
            run.randn(x);
            const at::Tensor denoised = x0FromSigma(run.config.predictionType, out, x, sigma);
            const at::Tensor derivative = (x - denoised) / sigma;
            x = x + derivative * (run.sigma(i + 1) - sigma);
            run.report(i, x, denoised);
        }
        return x;
    }

    at::Tensor runEulerAncestral(Run& run, at::Tensor x)
    {
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const double sigma = run.sigma(i);
            const double next = run.sigma(i + 1);
            const at::Tensor out = run.evaluate(scaleBySigma(x, sigma), i);
            const at::Tensor denoised = x0FromSigma(run.config.predictionType, out, x, sigma);
            const double sigmaUp = std::sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
            const double sigmaDown = std::sqrt(next * next - sigmaUp * sigmaUp);
            const at::Tensor derivative = (x - denoised) / sigma;
            x = x + derivative * (sigmaDown - sigma);
            x = x + run.randn(x) * sigmaUp;
            run.report(i, x, denoised);
        }
        return x;
    }

    at::Tensor runHeun(Run& run, at::Tensor x)
    {
        // Between the two evaluations of a step: the first derivative, the step size and the start.
        at::Tensor firstDerivative;
        at::Tensor stepStart;
        double dt = 0.0;
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const at::Tensor out = run.evaluate(scaleBySigma(x, run.sigma(i)), i);
            at::Tensor denoised;
            if (!firstDerivative.defined()) {
                const double sigma = run.sigma(i);
                denoised = x0FromSigma(run.config.predictionType, out, x, sigma);
                const at::Tensor derivative = (x - denoised) / sigma;
                dt = run.sigma(i + 1) - sigma;
                firstDerivative = derivative;
                stepStart = x;
                x = x + derivative * dt;
            } else {
                const double sigmaNext = run.sigma(i);
                denoised = x0FromSigma(run.config.predictionType, out, x, sigmaNext);
                const at::Tensor derivative = ((x - denoised) / sigmaNext + firstDerivative) / 2.0;
                x = stepStart + derivative * dt;
                firstDerivative = at::Tensor();
                stepStart = at::Tensor();
            }
            run.report(i, x, denoised);
        }
        return x;
    }

    at::Tensor runDpmPP2M(Run& run, at::Tensor x)
    {
        at::Tensor previousX0;
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const at::Tensor out = run.evaluate(x, i);
            const VpCoefficients s0 = vp(run.sigma(i));
            const at::Tensor x0 = x0FromAlpha(run.config.predictionType, out, x, s0.alpha, s0.sigma);
            const double next = run.sigma(i + 1);
            if (next == 0.0) {
                // final_sigmas_type "zero": the last step is first order and lands on x0 exactly.
                x = x0;
            } else {
                const VpCoefficients t = vp(next);
                const double h = t.lambda - s0.lambda;
                const double phi = std::expm1(-h);
                if (!previousX0.defined() || i == run.count - 1) {
                    x = x * (t.sigma / s0.sigma) - x0 * (t.alpha * phi);
                } else {
                    const VpCoefficients s1 = vp(run.sigma(i - 1));
                    const double r0 = (s0.lambda - s1.lambda) / h;
                    const at::Tensor d1 = (x0 - previousX0) * (1.0 / r0);
                    x = x * (t.sigma / s0.sigma) - x0 * (t.alpha * phi) - d1 * (0.5 * t.alpha * phi);
                }
            }
            previousX0 = x0;
            run.report(i, x, x0);
        }
        return x;
    }

    class AlphaTable {
    public:
        explicit AlphaTable(const SchedulerConfig& config)
        {
            const at::Tensor acp = config.alphasCumprod().contiguous();
            m_values.assign(acp.data_ptr<float>(), acp.data_ptr<float>() + acp.numel());
            m_final = config.setAlphaToOne ? 1.0 : m_values.front();
        }

        // alphas_cumprod[t]; "final_alpha_cumprod" for t < 0 (the step after the last).
        double at(double timestep) const
        {
            const auto t = static_cast<int64_t>(timestep);
            if (t < 0)
                return m_final;
            if (t >= static_cast<int64_t>(m_values.size()))
                throw EngineError(
                    "timestep " + std::to_string(t) + " is outside the training range", EngineError::Kind::Internal);
            return m_values[static_cast<size_t>(t)];
        }

    private:
        std::vector<double> m_values;
        double m_final = 1.0;
    };

    at::Tensor clipped(const SchedulerConfig& config, const at::Tensor& x0)
    {
        return config.clipSample ? x0.clamp(-config.clipSampleRange, config.clipSampleRange) : x0;
    }

    at::Tensor runDdim(Run& run, at::Tensor x)
    {
        const AlphaTable acp(run.config);
        const int64_t ratio = run.config.numTrainTimesteps / run.plan.steps;
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const double t = run.timestep(i);
            const at::Tensor out = run.evaluate(x, i);
            const double alpha = acp.at(t);
            const double alphaPrev = acp.at(t - static_cast<double>(ratio));
            const double sa = std::sqrt(alpha);
            const double sb = std::sqrt(1.0 - alpha);
            at::Tensor x0;
            at::Tensor eps;
            switch (run.config.predictionType) {
            case PredictionType::Epsilon:
                x0 = (x - out * sb) / sa;
                eps = out;
                break;
            case PredictionType::Sample:
                x0 = out;
                eps = (x - out * sa) / sb;
                break;
            case PredictionType::VPrediction:
                x0 = x * sa - out * sb;
                eps = out * sa + x * sb;
                break;
            }
            x0 = clipped(run.config, x0);
            x = x0 * std::sqrt(alphaPrev) + eps * std::sqrt(1.0 - alphaPrev);
            run.report(i, x, x0);
        }
        return x;
    }

    at::Tensor runPndm(Run& run, at::Tensor x)
    {
        const AlphaTable acp(run.config);
        const auto ratio = static_cast<double>(run.config.numTrainTimesteps / run.plan.steps);
        std::deque<at::Tensor> ets; // raw model outputs, newest last
        at::Tensor firstSample;
        for (int64_t i = run.startIndex, counter = 0; i < run.count; ++i, ++counter) {
            double t = run.timestep(i);
            const at::Tensor out = run.evaluate(x, i);
            double prevT = t - ratio;
            if (counter != 1) {
                if (ets.size() > 3)
                    ets.pop_front();
                ets.push_back(out);
            } else {
                // The repeated timestep: this evaluation completes the first step, from its start.
                prevT = t;
                t = t + ratio;
            }
            at::Tensor from = x;
            at::Tensor combined;
            const size_t n = ets.size();
            if (n == 1 && counter == 0) {
                combined = out;
                firstSample = x;
            } else if (n == 1 && counter == 1) {
                combined = (out + ets.back()) / 2.0;
                from = firstSample;
                firstSample = at::Tensor();
            } else if (n == 2) {
                combined = (ets[1] * 3.0 - ets[0]) / 2.0;
            } else if (n == 3) {
                combined = (ets[2] * 23.0 - ets[1] * 16.0 + ets[0] * 5.0) / 12.0;
            } else {
                combined = (ets[3] * 55.0 - ets[2] * 59.0 + ets[1] * 37.0 - ets[0] * 9.0) / 24.0;
            }

            const double alpha = acp.at(t);
            const double alphaPrev = acp.at(prevT);
            const double beta = 1.0 - alpha;
            at::Tensor eps;
            switch (run.config.predictionType) {
            case PredictionType::Epsilon:
                eps = combined;
                break;
            case PredictionType::VPrediction:
                eps = combined * std::sqrt(alpha) + from * std::sqrt(beta);
                break;
            case PredictionType::Sample:
                eps = (from - combined * std::sqrt(alpha)) / std::sqrt(beta);
                break;
            }
            // PNDM paper eq. 11 (diffusers' _get_prev_sample).
            const double sampleCoeff = std::sqrt(alphaPrev / alpha);
            const double denom = alpha * std::sqrt(1.0 - alphaPrev) + std::sqrt(alpha * beta * alphaPrev);
            const at::Tensor denoised = (from - eps * std::sqrt(beta)) / std::sqrt(alpha);
            x = from * sampleCoeff - eps * ((alphaPrev - alpha) / denom);
            run.report(i, x, denoised);
        }
        return x;
    }

    at::Tensor runLcm(Run& run, at::Tensor x)
    {
        const AlphaTable acp(run.config);
        const double sigmaData = 0.5;
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const double t = run.timestep(i);
            const at::Tensor out = run.evaluate(x, i);
            const double prevT = i + 1 < run.count ? run.timestep(i + 1) : t;
            const double alpha = acp.at(t);
            const double alphaPrev = acp.at(prevT);
            const double scaled = t * run.config.timestepScaling;
            const double cSkip = sigmaData * sigmaData / (scaled * scaled + sigmaData * sigmaData);
            const double cOut = scaled / std::sqrt(scaled * scaled + sigmaData * sigmaData);
            const at::Tensor x0 = clipped(
                run.config, x0FromAlpha(run.config.predictionType, out, x, std::sqrt(alpha), std::sqrt(1.0 - alpha)));
            const at::Tensor denoised = x0 * cOut + x * cSkip;
            if (i != run.plan.steps - 1)
                x = denoised * std::sqrt(alphaPrev) + run.randn(x) * std::sqrt(1.0 - alphaPrev);
            else
                x = denoised;
            run.report(i, x, denoised);
        }
        return x;
    }

    at::Tensor runUniPC(Run& run, at::Tensor x)
    {
        // UniPC with B(h) = expm1(-h) (bh2), predictor/corrector order 2, x0 prediction.
        std::deque<at::Tensor> history; // converted x0 predictions, newest first
        at::Tensor lastSample;
        int order = 1;
        int lowerOrderNums = 0;
        for (int64_t i = run.startIndex; i < run.count; ++i) {
            const at::Tensor out = run.evaluate(x, i);
            const VpCoefficients now = vp(run.sigma(i));
            const at::Tensor x0 = x0FromAlpha(run.config.predictionType, out, x, now.alpha, now.sigma);

            if (i > 0 && lastSample.defined()) {
                // UniC: correct x with the new x0, using the previous predictor's inputs.
                const VpCoefficients s0 = vp(run.sigma(i - 1));
                const double h = now.lambda - s0.lambda;
                const double hh = -h;
                const double hPhi1 = std::expm1(hh);
                const double bH = hPhi1;
                const at::Tensor& m0 = history.front();
                const at::Tensor base = lastSample * (now.sigma / s0.sigma) - m0 * (now.alpha * hPhi1);
                const at::Tensor d1t = x0 - m0;
                if (order == 2) {
                    const VpCoefficients si = vp(run.sigma(i - 2));
                    const double rk = (si.lambda - s0.lambda) / h;
                    const at::Tensor d1 = (history[1] - m0) / rk;
                    const double hPhiK1 = hPhi1 / hh - 1.0;
                    const double hPhiK2 = hPhiK1 / hh - 0.5;
                    const double b1 = hPhiK1 / bH;
                    const double b2 = hPhiK2 * 2.0 / bH;
                    const double rho0 = (b1 - b2) / (1.0 - rk);
                    const double rho1 = b1 - rho0;
                    x = base - (d1 * rho0 + d1t * rho1) * (now.alpha * bH);
                } else {
                    x = base - d1t * (0.5 * now.alpha * bH);
                }
            }

            history.push_front(x0);
            if (history.size() > 2)
                history.pop_back();
            order = static_cast<int>(std::min<int64_t>({ 2, run.count - i, lowerOrderNums + 1 }));
            lastSample = x;

            // UniP: predict the next sample.
            const VpCoefficients t = vp(run.sigma(i + 1));
            const double h = t.lambda - now.lambda;
            const double hPhi1 = std::expm1(-h);
            at::Tensor next = x * (t.sigma / now.sigma) - x0 * (t.alpha * hPhi1);
            if (order == 2) {
                const VpCoefficients s1 = vp(run.sigma(i - 1));
                const double rk = (s1.lambda - now.lambda) / h;
                const at::Tensor d1 = (history[1] - x0) / rk;
                next = next - d1 * (0.5 * t.alpha * hPhi1);
            }
            x = next;
            lowerOrderNums = std::min(lowerOrderNums + 1, 2);
            run.report(i, x, x0);
        }
        return x;
    }

} // namespace

at::Tensor sample(const SchedulerConfig& config, const SamplerPlan& plan, const ModelFn& model, const at::Tensor& x,
    at::Generator generator, const StepObserver& observer, int64_t startIndex)
{
    if (!model)
        throw EngineError("sample: no denoiser given", EngineError::Kind::Internal);
    if (!x.defined() || !at::isFloatingType(x.scalar_type()))
        throw EngineError("sample: the latents must be a floating-point tensor", EngineError::Kind::Internal);
    const auto count = static_cast<int64_t>(plan.timesteps.size());
    if (startIndex < 0 || startIndex >= count) {
        throw EngineError("sample: start step " + std::to_string(startIndex) + " is outside the plan's "
                + std::to_string(count) + " steps",
            EngineError::Kind::Internal);
    }
    const bool hasSigmas = plan.sigmas.size() == plan.timesteps.size() + 1;
    switch (plan.kind) {
    case SamplerKind::Euler:
    case SamplerKind::EulerAncestral:
    case SamplerKind::Heun:
    case SamplerKind::DpmPP2M:
    case SamplerKind::UniPC:
        if (!hasSigmas)
            throw EngineError("sample: the plan has no sigmas for its sampler", EngineError::Kind::Internal);
        break;
    case SamplerKind::Ddim:
    case SamplerKind::Pndm:
    case SamplerKind::Lcm:
        break;
    }

    const at::ScalarType dtype = x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    Run run(config, plan, model, std::move(generator), observer, startIndex, dtype);
    // Never write into the caller's tensor: every update below is out of place.
    at::Tensor latents = x.to(dtype);
    switch (plan.kind) {
    case SamplerKind::Euler:
        latents = runEuler(run, latents);
        break;
    case SamplerKind::EulerAncestral:
        latents = runEulerAncestral(run, latents);
        break;
    case SamplerKind::Heun:
        latents = runHeun(run, latents);
        break;
    case SamplerKind::DpmPP2M:
        latents = runDpmPP2M(run, latents);
        break;
    case SamplerKind::Ddim:
        latents = runDdim(run, latents);
        break;
    case SamplerKind::Pndm:
        latents = runPndm(run, latents);
        break;
    case SamplerKind::Lcm:
        latents = runLcm(run, latents);
        break;
    case SamplerKind::UniPC:
        latents = runUniPC(run, latents);
        break;
    }
    return latents.to(x.scalar_type());
}

} // namespace easel::engine
