// SPDX-License-Identifier: MIT
#include "recipeoptions.h"

#include "recipe/fastpreset.h"
#include "recipe/stylelibrary.h"
#include "settings/settings.h"

#include "engine/common/runtime.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cmath>

namespace easel::cli {

namespace {

QCommandLineOption option(const char* name, const QString& help, const char* value = nullptr, const QString& def = {})
{
    if (!value)
        return QCommandLineOption(QLatin1String(name), help);
    return def.isNull() ? QCommandLineOption(QLatin1String(name), help, QLatin1String(value))
                        : QCommandLineOption(QLatin1String(name), help, QLatin1String(value), def);
}

QString range(const limits::IntLimit& l) { return QStringLiteral("%1 to %2").arg(l.min).arg(l.max); }

/// A whole number within `limit`, or a message naming the flag.
QString readInt(const QCommandLineParser& parser, const QCommandLineOption& o, const limits::IntLimit& limit, int& out)
{
    if (!parser.isSet(o) && o.defaultValues().isEmpty())
        return {};
    bool ok = false;
    const int v = parser.value(o).toInt(&ok);
    if (!ok || v < limit.min || v > limit.max)
        return QStringLiteral("--%1 must be a whole number from %2").arg(o.names().constFirst(), range(limit));
    out = v;
    return {};
}

/// A number within `limit`, or a message naming the flag.
QString readReal(const QCommandLineParser& parser, const QCommandLineOption& o, const limits::RealLimit& limit, double& out)
{
    if (!parser.isSet(o) && o.defaultValues().isEmpty())
        return {};
    bool ok = false;
    const double v = parser.value(o).toDouble(&ok);
    if (!ok || !(v >= limit.min && v <= limit.max))
        return QStringLiteral("--%1 must be a number from %2 to %3").arg(o.names().constFirst()).arg(limit.min).arg(limit.max);
    out = v;
    return {};
}

template <typename Enum, typename Parse>
QString readChoice(const QCommandLineParser& parser, const QCommandLineOption& o, Parse parse, Enum& out,
    const QString& choices)
{
    if (!parser.isSet(o) && o.defaultValues().isEmpty())
        return {};
    const std::optional<Enum> v = parse(parser.value(o));
    if (!v)
        return QStringLiteral("--%1: unknown value '%2' (use %3)").arg(o.names().constFirst(), parser.value(o), choices);
    out = *v;
    return {};
}

} // namespace

RecipeOptions::RecipeOptions()
    : m_model(option("model", QStringLiteral("Checkpoint (.safetensors) or diffusers folder; default: the bundled tiny demo model."), "PATH"))
    , m_negative(option("negative-prompt", QStringLiteral("What to keep out of the image."), "TEXT"))
    , m_steps(option("steps", QStringLiteral("Sampling steps, %1 (default %2).").arg(range(limits::Steps)).arg(limits::Steps.def), "N", QString::number(limits::Steps.def)))
    , m_guidance(option("guidance", QStringLiteral("Classifier-free guidance scale, %1 to %2 (default %3; 1 turns it off).").arg(limits::Guidance.min).arg(limits::Guidance.max).arg(limits::Guidance.def), "X", QString::number(limits::Guidance.def)))
    , m_sampler(option("sampler", QStringLiteral("%1 (default: the model's own scheduler).").arg(samplerNames().join(QLatin1Char('|'))), "NAME"))
    , m_schedule(option("schedule", QStringLiteral("Sigma schedule: default|karras (default: the model's)."), "NAME"))
    , m_spacing(option("timestep-spacing", QStringLiteral("leading|trailing|linspace (default: the model's)."), "NAME"))
    , m_width(option("width", QStringLiteral("Width in pixels, a multiple of %1 (default: the model's native size).").arg(limits::SizeMultiple), "W"))
    , m_height(option("height", QStringLiteral("Height in pixels, a multiple of %1.").arg(limits::SizeMultiple), "H"))
    , m_seed(option("seed", QStringLiteral("Seed; image k of a run uses seed + k (default: random)."), "S"))
    , m_batchSize(option("batch-size", QStringLiteral("Images per batch, %1 (default %2).").arg(range(limits::BatchSize)).arg(limits::BatchSize.def), "N"))
    , m_preview(option("preview", QStringLiteral("Live previews: none|approx|taesd (default approx; the CLI shows progress only)."), "MODE", QStringLiteral("approx")))
    , m_taesd(option("taesd", QStringLiteral("TAESD decoder (.safetensors) for --preview taesd (default: the one 'easel-cli fetch' cached)."), "FILE"))
    , m_device(option("device", QStringLiteral("auto|cpu|cuda (default: the studio's setting, else auto)."), "DEV"))
    , m_dtype(option("dtype", QStringLiteral("auto|fp32|fp16|bf16|int8 (default: the studio's setting, else auto: fp16 on CUDA, bf16 on CPUs with native bf16, else fp32; fp32 matches diffusers within the goldens' tolerances; int8: the UNet's convolutions and linear layers in int8, CPU only, faster and approximate)."), "TYPE"))
    , m_threads(option("threads", QStringLiteral("CPU threads (default: the studio's setting, else one per core)."), "N"))
    , m_syntax(option("prompt-syntax", QStringLiteral("a1111 (emphasis, long prompts) or plain (brackets literal, as diffusers)."), "SYNTAX", QStringLiteral("a1111")))
    , m_clipSkip(option("clip-skip", QStringLiteral("A1111 clip skip: 1 = last layer (default), 2 = penultimate."), "N", QString::number(limits::ClipSkip.def)))
    , m_stepCache(option("step-cache", QStringLiteral("Step caching (DeepCache), %1: every Nth UNet evaluation runs in full, the others reuse its deep features; faster, slightly different images (default %2 = off; 2 to 5 are useful).").arg(range(limits::StepCache)).arg(limits::StepCache.def), "N", QString::number(limits::StepCache.def)))
    , m_tokenMerge(option("token-merge", QStringLiteral("Token merging (ToMe), %1 to %2: the share of the tokens merged before the self-attention of the UNet's highest-resolution blocks; faster on large images, slightly different ones (default %3 = off; 0.3 to 0.5 are useful).").arg(limits::TokenMerge.min).arg(limits::TokenMerge.max).arg(limits::TokenMerge.def), "R", QString::number(limits::TokenMerge.def)))
    , m_overwrite(option("overwrite", QStringLiteral("Replace existing output files.")))
    , m_lora(option("lora", QStringLiteral("Apply a LoRA (kohya/A1111 .safetensors) with a weight for the UNet and text encoders (default 1); repeat to stack. The prompt's <lora:NAME:WEIGHT> tags add more."), "FILE[:WEIGHT]"))
    , m_preset(option("preset", QStringLiteral("fast: few-step settings. With an LCM LoRA (a LoRA whose name has 'lcm'): the lcm sampler, 4 steps, guidance 1; otherwise SDXL-Turbo's: euler_a, trailing spacing, 1 step, guidance 0 (no negative pass). Flags given as well win."), "NAME"))
    , m_loraDir(option("lora-dir", QStringLiteral("Where <lora:NAME> is looked up (NAME.safetensors, subfolders too); repeatable. Always searched last: <models folder>/Lora."), "DIR"))
{
}

void RecipeOptions::addTo(QCommandLineParser& parser) const
{
    for (const QCommandLineOption* o : { &m_model, &m_negative, &m_steps, &m_guidance, &m_sampler, &m_schedule,
             &m_spacing, &m_width, &m_height, &m_seed, &m_batchSize, &m_preview, &m_taesd, &m_device, &m_dtype,
             &m_threads, &m_syntax, &m_clipSkip, &m_stepCache, &m_tokenMerge, &m_overwrite, &m_lora, &m_loraDir, &m_preset })
        parser.addOption(*o);
}

QString RecipeOptions::read(const QCommandLineParser& parser, ImageRecipe& r, GenerationOptions& options,
    bool allowBatchSize, const Style* style) const
{
    r.model = parser.value(m_model);
    r.negativePrompt = parser.value(m_negative); // none: diffusers' negative_prompt=None
    QString e;
    if (!(e = readInt(parser, m_steps, limits::Steps, r.steps)).isEmpty())
        return e;
    bool ok = false;
    r.guidance = parser.value(m_guidance).toDouble(&ok);
    if (!ok || r.guidance < limits::Guidance.min || r.guidance > limits::Guidance.max)
        return QStringLiteral("--guidance must be a number from %1 to %2").arg(limits::Guidance.min).arg(limits::Guidance.max);
    const limits::IntLimit size { limits::Size.min, limits::Size.max, 0 };
    // What the user chose in the studio's settings (shared with the window) unless a flag says otherwise.
    const Settings settings;
    r.device = settings.device();
    r.precision = settings.precision();
    if (!(e = readChoice(parser, m_sampler, samplerFromName, r.sampler, samplerNames().join(QLatin1Char('|')))).isEmpty()
        || !(e = readChoice(parser, m_schedule, scheduleFromName, r.schedule, QStringLiteral("default|karras"))).isEmpty()
        || !(e = readChoice(parser, m_spacing, spacingFromName, r.spacing, QStringLiteral("leading|trailing|linspace"))).isEmpty()
        || !(e = readChoice(parser, m_preview, previewModeFromName, options.preview, QStringLiteral("none|approx|taesd"))).isEmpty()
        || !(e = readChoice(parser, m_device, deviceFromName, r.device, QStringLiteral("auto|cpu|cuda"))).isEmpty()
        || !(e = readChoice(parser, m_dtype, precisionFromName, r.precision, QStringLiteral("auto|fp32|fp16|bf16|int8"))).isEmpty()
        || !(e = readChoice(parser, m_syntax, promptSyntaxFromName, r.promptSyntax, QStringLiteral("a1111|plain"))).isEmpty()
        || !(e = readInt(parser, m_width, size, r.width)).isEmpty() || !(e = readInt(parser, m_height, size, r.height)).isEmpty()
        || !(e = readInt(parser, m_clipSkip, limits::ClipSkip, r.clipSkip)).isEmpty()
        || !(e = readInt(parser, m_stepCache, limits::StepCache, r.stepCache)).isEmpty()
        || !(e = readReal(parser, m_tokenMerge, limits::TokenMerge, r.tokenMerge)).isEmpty())
        return e;
    if (r.width % limits::SizeMultiple != 0 || r.height % limits::SizeMultiple != 0)
        return QStringLiteral("size %1x%2 is not a multiple of %3").arg(r.width).arg(r.height).arg(limits::SizeMultiple);
    if (parser.isSet(m_batchSize)) {
        if (!allowBatchSize)
            return QStringLiteral("--batch-size: this command makes one image per entry");
        if (!(e = readInt(parser, m_batchSize, limits::BatchSize, r.batchSize)).isEmpty())
            return e;
    }
    if (parser.isSet(m_seed)) {
        const qint64 s = parser.value(m_seed).toLongLong(&ok);
        if (!ok || s < 0)
            return QStringLiteral("--seed must be a non-negative whole number");
        r.seed = s;
    } else {
        r.seed = QRandomGenerator::system()->bounded(quint32(0xFFFFFFFFu));
    }
    for (const QString& value : parser.values(m_lora)) {
        // FILE or FILE:WEIGHT; a colon that is not followed by a number belongs to the path.
        LoraRef lora { value, 1.0 };
        const int colon = value.lastIndexOf(QLatin1Char(':'));
        if (colon > 0) {
            const double w = value.mid(colon + 1).toDouble(&ok);
            if (ok) {
                if (!std::isfinite(w) || std::abs(w) > 10)
                    return QStringLiteral("--lora %1: the weight must be a number from -10 to 10").arg(value);
                lora = { value.left(colon), w };
            }
        }
        if (!QFileInfo(lora.path).isFile())
            return QStringLiteral("--lora: %1: no such file").arg(lora.path);
        lora.path = QFileInfo(lora.path).absoluteFilePath();
        r.loras.append(lora);
    }
    for (const QString& dir : parser.values(m_loraDir)) {
        if (!QFileInfo(dir).isDir())
            return QStringLiteral("--lora-dir: %1: no such folder").arg(dir);
        options.loraDirs << QFileInfo(dir).absoluteFilePath();
    }
    const QString defaultLoraDir = QDir(settings.modelsDir()).filePath(QStringLiteral("Lora"));
    if (QFileInfo(defaultLoraDir).isDir())
        options.loraDirs << defaultLoraDir;
    if (style) {
        // The style stands in for the defaults of the flags not given; prompts and LoRAs combine.
        ImageRecipe styled = r;
        style->apply(styled);
        r.prompt = styled.prompt;
        r.negativePrompt = styled.negativePrompt;
        r.loras = styled.loras;
        r.extras = styled.extras;
        r.sampler = parser.isSet(m_sampler) ? r.sampler : styled.sampler;
        r.steps = parser.isSet(m_steps) ? r.steps : styled.steps;
        r.guidance = parser.isSet(m_guidance) ? r.guidance : styled.guidance;
        r.width = parser.isSet(m_width) ? r.width : styled.width;
        r.height = parser.isSet(m_height) ? r.height : styled.height;
    }
    if (parser.isSet(m_preset)) {
        if (parser.value(m_preset) != QLatin1String("fast"))
            return QStringLiteral("--preset: unknown value '%1' (use fast)").arg(parser.value(m_preset));
        applyFastPreset(
            r, { parser.isSet(m_sampler), parser.isSet(m_spacing), parser.isSet(m_steps), parser.isSet(m_guidance) });
    }
    options.taesdPath = parser.value(m_taesd);
    options.overwrite = parser.isSet(m_overwrite);
    int threads = settings.threads();
    if (!(e = readInt(parser, m_threads, limits::Threads, threads)).isEmpty())
        return e;
    engine::configureThreads(threads);
    return {};
}

} // namespace easel::cli
