// SPDX-License-Identifier: MIT
#include "jobs/enginebridge.h"

#include "jobs/modelservice.h"
#include "jobs/resources.h"
#include "settings/paths.h"

#include "engine/pipeline/precisionprobe.h"

#include <QDir>
#include <QtDebug>

namespace easel::bridge {

engine::SamplerKind samplerKind(Sampler sampler)
{
    switch (sampler) {
    case Sampler::Auto:
    case Sampler::Euler: return engine::SamplerKind::Euler;
    case Sampler::EulerA: return engine::SamplerKind::EulerAncestral;
    case Sampler::Heun: return engine::SamplerKind::Heun;
    case Sampler::DpmPP2M: return engine::SamplerKind::DpmPP2M;
    case Sampler::Ddim: return engine::SamplerKind::Ddim;
    case Sampler::Pndm: return engine::SamplerKind::Pndm;
    case Sampler::Lcm: return engine::SamplerKind::Lcm;
    case Sampler::UniPC: return engine::SamplerKind::UniPC;
    }
    return engine::SamplerKind::Euler;
}

Sampler sampler(engine::SamplerKind kind)
{
    switch (kind) {
    case engine::SamplerKind::Euler: return Sampler::Euler;
    case engine::SamplerKind::EulerAncestral: return Sampler::EulerA;
    case engine::SamplerKind::Heun: return Sampler::Heun;
    case engine::SamplerKind::DpmPP2M: return Sampler::DpmPP2M;
    case engine::SamplerKind::Ddim: return Sampler::Ddim;
    case engine::SamplerKind::Pndm: return Sampler::Pndm;
    case engine::SamplerKind::Lcm: return Sampler::Lcm;
    case engine::SamplerKind::UniPC: return Sampler::UniPC;
    }
    return Sampler::Auto;
}

SigmaSchedule schedule(engine::SigmaSchedule schedule)
{
    return schedule == engine::SigmaSchedule::Karras ? SigmaSchedule::Karras : SigmaSchedule::Default;
}

TimestepSpacing spacing(engine::TimestepSpacing spacing)
{
    switch (spacing) {
    case engine::TimestepSpacing::Leading: return TimestepSpacing::Leading;
    case engine::TimestepSpacing::Trailing: return TimestepSpacing::Trailing;
    case engine::TimestepSpacing::Linspace: return TimestepSpacing::Linspace;
    }
    return TimestepSpacing::Auto;
}

engine::PreviewMode previewMode(PreviewMode mode)
{
    switch (mode) {
    case PreviewMode::None: return engine::PreviewMode::None;
    case PreviewMode::Approx: return engine::PreviewMode::Approx;
    case PreviewMode::Taesd: return engine::PreviewMode::Taesd;
    }
    return engine::PreviewMode::Approx;
}

engine::CancelMode cancelMode(CancelMode mode)
{
    switch (mode) {
    case CancelMode::None: return engine::CancelMode::None;
    case CancelMode::Now: return engine::CancelMode::Now;
    case CancelMode::AfterCurrentBatch: return engine::CancelMode::AfterCurrentBatch;
    }
    return engine::CancelMode::None;
}

ImageFlags imageFlags(const engine::QualityFlags& flags)
{
    ImageFlags f;
    f.nearlyBlack = flags.nearlyBlack;
    f.nearlyWhite = flags.nearlyWhite;
    f.uniform = flags.uniform;
    f.nonFinite = flags.nonFinite;
    return f;
}

QString familyKey(engine::ModelFamily family)
{
    switch (family) {
    case engine::ModelFamily::SD1: return QStringLiteral("sd1");
    case engine::ModelFamily::SD2: return QStringLiteral("sd2");
    case engine::ModelFamily::SDXLBase:
    case engine::ModelFamily::SDXLRefiner: return QStringLiteral("sdxl");
    case engine::ModelFamily::Unknown: break;
    }
    return {};
}

engine::GenerationParams toEngine(const ImageRecipe& recipe)
{
    engine::GenerationParams p;
    p.prompt = recipe.prompt.toStdString();
    p.negativePrompt = recipe.negativePrompt.toStdString();
    p.hasNegativePrompt = !recipe.negativePrompt.isEmpty(); // none: diffusers' negative_prompt=None
    p.steps = recipe.steps;
    p.guidance = recipe.guidance;
    if (recipe.sampler != Sampler::Auto)
        p.sampler = samplerKind(recipe.sampler);
    if (recipe.schedule != SigmaSchedule::Auto)
        p.schedule
            = recipe.schedule == SigmaSchedule::Karras ? engine::SigmaSchedule::Karras : engine::SigmaSchedule::Default;
    switch (recipe.spacing) {
    case TimestepSpacing::Auto: break;
    case TimestepSpacing::Leading: p.spacing = engine::TimestepSpacing::Leading; break;
    case TimestepSpacing::Trailing: p.spacing = engine::TimestepSpacing::Trailing; break;
    case TimestepSpacing::Linspace: p.spacing = engine::TimestepSpacing::Linspace; break;
    }
    p.width = recipe.width;
    p.height = recipe.height;
    p.seed = uint64_t(recipe.seed);
    p.batchSize = recipe.batchSize;
    p.batchCount = recipe.batchCount;
    p.promptSyntax = recipe.promptSyntax == PromptSyntax::Plain ? engine::PromptSyntax::Plain : engine::PromptSyntax::A1111;
    p.clipSkip = recipe.clipSkip - 1;
    p.stepCache = recipe.stepCache;
    p.tokenMerge = recipe.tokenMerge;
    p.strength = recipe.effectiveStrength();
    for (const LoraRef& lora : recipe.loras)
        p.loras.push_back({ lora.path.toStdString(), lora.weight });
    return p;
}

void applyResolved(ImageRecipe& recipe, const engine::GenerationParams& resolved)
{
    if (resolved.sampler)
        recipe.sampler = sampler(*resolved.sampler);
    if (resolved.schedule)
        recipe.schedule = schedule(*resolved.schedule);
    if (resolved.spacing)
        recipe.spacing = spacing(*resolved.spacing);
    recipe.width = resolved.width;
    recipe.height = resolved.height;
}

engine::LoadOptions loadOptions(const ImageRecipe& recipe, engine::LoadProgress progress)
{
    const Device device = ModelService::resolveDevice(recipe.device);
    engine::LoadOptions options;
    options.device = c10::Device(device == Device::Cuda ? c10::kCUDA : c10::kCPU);
    switch (ModelService::resolvePrecision(recipe.precision, device)) {
    case Precision::Fp16: options.dtype = at::kHalf; break;
    case Precision::Bf16: options.dtype = at::kBFloat16; break;
    case Precision::Int8:
        options.dtype = at::kBFloat16;
        options.int8 = true;
        break;
    case Precision::Auto:
    case Precision::Fp32: options.dtype = at::kFloat; break;
    }
    // "auto" on the CPU: each component's precision and layout as measured on this CPU (once, then
    // cached beside the model hashes), never slower than its fp32 self.
    if (recipe.precision == Precision::Auto && device == Device::Cpu) {
        std::string warning;
        options.plan = engine::autoComputePlan(ModelService::modelPathFor(recipe).toStdString(),
            QDir(paths::cacheDir()).filePath(QStringLiteral("precision.json")).toStdString(), &warning, {},
            ModelService::measuresInBackground() ? engine::ProbeMode::Background : engine::ProbeMode::Blocking);
        if (!warning.empty())
            qWarning().noquote() << QString::fromStdString(warning);
    }
    options.vocabularyDir = resourcePath(QStringLiteral("clip")).toStdString();
    options.progress = std::move(progress);
    return options;
}

Preview toPreview(const at::Tensor& rgb)
{
    const at::Tensor pixels = rgb.contiguous();
    Preview preview;
    preview.height = int(pixels.size(0));
    preview.width = int(pixels.size(1));
    preview.rgb = QByteArray(reinterpret_cast<const char*>(pixels.data_ptr<uint8_t>()), qsizetype(pixels.numel()));
    return preview;
}

} // namespace easel::bridge
