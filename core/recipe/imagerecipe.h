// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/recipelimits.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// Samplers the engine runs. Auto: the model's own scheduler (SD 1.5: PNDM, SDXL: Euler).
enum class Sampler { Auto, Euler, EulerA, Heun, DpmPP2M, Ddim, Pndm, Lcm, UniPC };
/// Sigma schedule. Auto: the model's own; Default: the scheduler's own spacing of sigmas.
enum class SigmaSchedule { Auto, Default, Karras };
/// diffusers' timestep spacing. Auto: the model's own.
enum class TimestepSpacing { Auto, Leading, Trailing, Linspace };
/// How a prompt is read: A1111 attention syntax and long prompts, or plain text as diffusers does.
enum class PromptSyntax { A1111, Plain };
/// Where to run. Auto: CUDA when available, else the CPU.
enum class Device { Auto, Cpu, Cuda };
/// Compute precision. Auto: fp16 on CUDA, bf16 on CPUs with native bf16, else fp32 (the parity mode).
/// Int8: the UNet's convolutions and linear layers in int8, the rest bf16 (CPU only, opt-in, approximate).
enum class Precision { Auto, Fp32, Fp16, Bf16, Int8 };

/// A LoRA applied to the model for an image: its .safetensors file and its weight (the same for the UNet and
/// the text encoders). LoRAs named in the prompt as A1111's <lora:NAME:WEIGHT> stay in the prompt instead.
struct LoraRef {
    QString path;
    double weight = 1.0;

    bool operator==(const LoraRef& other) const { return path == other.path && weight == other.weight; }
};

/// A LoRA as A1111's "Lora hashes" field names it: the name it was used under (the <lora:NAME> tag's, else the
/// file's base name; ':' and ',' taken out, as A1111 does) and its short hash: the first 12 hex digits of the
/// SHA-256 of the file's tensor data (everything after the safetensors header; kohya's and A1111's "addnet"
/// hash), or of the hash the file's metadata carries ("sshs_model_hash"), as A1111 prefers it.
struct LoraHash {
    QString name;
    QString hash;

    bool operator==(const LoraHash& other) const { return name == other.name && hash == other.hash; }
};

/// Names used on the command line, in settings and in Easel's JSON record ("euler_a", "karras", "bf16"...).
/// Auto is "auto" for the choices that have it ("default" for the schedule's Default).
QString samplerName(Sampler sampler);
QString scheduleName(SigmaSchedule schedule);
QString spacingName(TimestepSpacing spacing);
QString promptSyntaxName(PromptSyntax syntax);
QString deviceName(Device device);
QString precisionName(Precision precision);
/// The reverse; nullopt for an unknown name.
std::optional<Sampler> samplerFromName(const QString& name);
std::optional<SigmaSchedule> scheduleFromName(const QString& name);
std::optional<TimestepSpacing> spacingFromName(const QString& name);
std::optional<PromptSyntax> promptSyntaxFromName(const QString& name);
std::optional<Device> deviceFromName(const QString& name);
std::optional<Precision> precisionFromName(const QString& name);
/// Every name of a choice, for help texts and combo boxes ("euler|euler_a|...").
QStringList samplerNames();

/**
 * How to make one image: the single description used by the CLI, the window, the queue, the gallery
 * and the PNGs Easel writes. Defaults and bounds come from recipelimits.h; validate() is the one check.
 *
 * Two serialisations exist:
 * - toA1111Parameters() / fromA1111Parameters(): the "parameters" tEXt chunk that AUTOMATIC1111's web UI
 *   writes (its "infotext"), so other tools can read Easel's images and the gallery can reuse theirs.
 *   That text is lossy (short model hash, no device, precision or model path).
 * - toJson() / fromJson(): Easel's own exact record, stored in the "easel" chunk and in the queue.
 */
struct ImageRecipe {
    /// Version of the JSON record written by toJson(); fromJson() reads this and older ones.
    static constexpr int FormatVersion = 2;

    QString prompt;
    /// Empty: no negative prompt (SD 1.x/2.x use the empty prompt, SDXL zero embeddings, as diffusers).
    QString negativePrompt;
    /// Checkpoint file or diffusers folder; empty: the bundled demo model.
    QString model;
    /// The model's display name (file name without extension); filled in when the image is made.
    QString modelName;
    /// Full lowercase hex SHA-256 of the model (see FileHash); empty when unknown.
    QString modelSha256;
    /// A1111 "Model hash" read from foreign text when the full SHA-256 is unknown (10 hex, or 8 for old A1111).
    QString modelHashShort;

    Sampler sampler = Sampler::Auto;
    SigmaSchedule schedule = SigmaSchedule::Auto;
    TimestepSpacing spacing = TimestepSpacing::Auto;
    int steps = limits::Steps.def;
    double guidance = limits::Guidance.def;
    int width = limits::Size.def; ///< pixels, a multiple of 8; 0 = the model's native size
    int height = limits::Size.def;
    /// Image k of a run (k = batch index x batch size + position) uses seed + k.
    qint64 seed = 0;
    int batchSize = limits::BatchSize.def;
    int batchCount = limits::BatchCount.def;
    /// Position of this image in its batch (provenance of a made image).
    int batchIndex = 0;

    /// img2img source image; empty for txt2img.
    QString initImage;
    /// Inpainting mask for initImage (white = repaint); empty for none.
    QString maskImage;
    /// Mask preprocessing before the engine, in pixels of the image made: the white part grown by maskGrow
    /// (negative: shrunk), then a Gaussian blur of sigma maskBlur (A1111's "Mask blur"). 0/0: the mask as given.
    int maskBlur = limits::MaskBlur.def;
    int maskGrow = limits::MaskGrow.def;
    /// LoRAs fused into the model, stacked, besides the prompt's <lora:...> tags.
    QList<LoraRef> loras;
    /// Short hashes of every LoRA applied (explicit ones, then the prompt's tags); filled in when the image is
    /// made. A1111's "Lora hashes".
    QList<LoraHash> loraHashes;
    /// img2img denoising strength in (0, 1]; set for img2img (a foreign record may carry it alone).
    std::optional<double> strength;

    int clipSkip = limits::ClipSkip.def; ///< 1 = last CLIP layer (A1111 numbering)
    /// Step caching: every stepCache-th UNet evaluation is complete, the others reuse its deep features
    /// (Easel's engine only); 1 = off. Written to the record and the infotext ("Step cache") only when above 1.
    int stepCache = limits::StepCache.def;
    /// Token merging ratio, 0 (off) to 0.75 (Easel's engine only). Written to the record ("token_merge") and the
    /// infotext (A1111's "Token merging ratio") only when above 0.
    double tokenMerge = limits::TokenMerge.def;
    PromptSyntax promptSyntax = PromptSyntax::A1111;
    Device device = Device::Auto;
    Precision precision = Precision::Auto;

    /// Where initial noise is drawn: "cpu" (torch CPU generator, as diffusers' goldens) or "gpu".
    QString rng = QStringLiteral("cpu");
    /// Easel's version without prefix, e.g. "0.1.0"; empty for images made by other tools.
    QString easelVersion;
    double elapsedSeconds = 0.0;
    /// A1111 fields Easel does not model (e.g. "VAE hash", "Hires upscale"), kept verbatim (unquoted).
    QMap<QString, QString> extras;

    bool isImageToImage() const { return !initImage.isEmpty(); }
    /// The strength img2img runs with (the default when unset).
    double effectiveStrength() const { return strength.value_or(limits::Strength.def); }
    /// Number of images the recipe makes.
    int imageCount() const { return batchSize * batchCount; }

    /// Every problem that keeps this recipe from running, as translated one-line messages for a person
    /// (no command-line flag names). Empty when it can run.
    QStringList validate() const;

    /// The model hash A1111 shows: the first 10 hex digits of modelSha256, else modelHashShort.
    QString shortModelHash() const;

    /**
     * The A1111 infotext: prompt, optional "Negative prompt: " line, then one line of "Key: value" fields in
     * A1111's order. Values containing ',', ':' or a newline are written as JSON strings, as A1111 does.
     * Fields that do not apply are left out: no negative prompt line when it is empty, Denoising strength only
     * for img2img, Clip skip only above 1, RNG only when not A1111's GPU default ("RNG: CPU" for Easel's CPU
     * generator), "Batch size"/"Batch pos" (as old A1111 wrote them) only for batches of more than one.
     */
    QString toA1111Parameters() const;

    /**
     * Reads A1111 infotext (written by Easel, A1111 or compatible tools). Multi-line prompts and negative
     * prompts, quoted values and old "DPM++ 2M Karras"-style sampler names are understood; unknown keys and
     * unknown sampler/schedule names go to extras (the choice stays Auto). Returns nullopt with a one-line
     * message when the text is empty or a known field has an unreadable value.
     */
    static std::optional<ImageRecipe> fromA1111Parameters(const QString& text, QString* errorMessage = nullptr);

    /// Easel's exact record, including format_version.
    QJsonObject toJson() const;
    /// Compact UTF-8 JSON text of toJson(), the content of the "easel" PNG chunk.
    QByteArray toJsonText() const;
    /// Reads toJson()'s record (and version 1 records); missing keys keep their defaults, wrong types
    /// and unknown choice names are errors.
    static std::optional<ImageRecipe> fromJson(const QJsonObject& json, QString* errorMessage = nullptr);
    static std::optional<ImageRecipe> fromJsonText(const QByteArray& text, QString* errorMessage = nullptr);

    /// A1111's display name of a sampler (EulerA -> "Euler a"); empty for Auto.
    static QString a1111SamplerName(Sampler sampler);
    /// The sampler of an A1111 display name; nullopt when unknown.
    static std::optional<Sampler> samplerFromA1111Name(const QString& a1111Sampler);

    /// The fields whose values differ between two recipes, by JSON key ("seed", "prompt"...).
    static QStringList differingFields(const ImageRecipe& a, const ImageRecipe& b);

    bool operator==(const ImageRecipe& other) const;
    bool operator!=(const ImageRecipe& other) const { return !(*this == other); }
};

} // namespace easel
