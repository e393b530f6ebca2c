// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace easel {

/**
 * Everything needed to reproduce one generated image, stored in the PNGs Easel writes.
 *
 * Two serialisations exist:
 * - toA1111Parameters() / fromA1111Parameters(): the "parameters" tEXt chunk that AUTOMATIC1111's web UI
 *   writes (its "infotext"), so other tools can read Easel's images and the gallery can reuse theirs.
 *   That text is lossy (short model hash, no device or dtype).
 * - toJson() / fromJson(): Easel's own exact record, stored in the "easel" chunk.
 */
struct GenerationParams {
    /// Version of the JSON record written by toJson(); fromJson() refuses newer ones.
    static constexpr int FormatVersion = 1;

    QString prompt;
    QString negativePrompt;
    int steps = 20;
    double guidance = 7.5;
    /// Engine sampler name: euler, euler_a, heun, dpmpp_2m, ddim, pndm, lcm, unipc.
    QString sampler = QStringLiteral("euler_a");
    /// Sigma schedule: "default" (the scheduler's own) or "karras".
    QString schedule = QStringLiteral("default");
    /// diffusers timestep spacing: "leading", "trailing" or "linspace".
    QString timestepSpacing = QStringLiteral("leading");
    int width = 512;
    int height = 512;
    qint64 seed = 0;
    int batchIndex = 0;
    int batchSize = 1;
    /// img2img denoising strength; unset for txt2img.
    std::optional<double> strength;
    /// img2img source image path; empty for txt2img.
    QString initImage;
    QString modelName;
    /// Full lowercase hex SHA-256 of the model (see FileHash); empty when unknown.
    QString modelSha256;
    /// A1111 "Model hash" read from foreign text when the full SHA-256 is unknown (10 hex, or 8 for old A1111).
    QString modelHashShort;
    /// 1 = last CLIP layer (A1111 numbering).
    int clipSkip = 1;
    /// How the prompt was parsed: "a1111" (attention weights) or "plain".
    QString promptSyntax = QStringLiteral("a1111");
    QString device = QStringLiteral("cpu");
    QString dtype = QStringLiteral("float32");
    /// Where initial noise is drawn: "cpu" (torch CPU generator, as diffusers' goldens) or "gpu".
    QString rng = QStringLiteral("cpu");
    /// Easel's version without prefix, e.g. "0.1.0"; empty for images made by other tools.
    QString easelVersion;
    double elapsedSeconds = 0.0;
    /// A1111 fields Easel does not model (e.g. "VAE hash", "Hires upscale"), kept verbatim (unquoted).
    QMap<QString, QString> extras;

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
     * unknown sampler/schedule names go to extras. Returns nullopt with a one-line message when the text holds
     * no prompt and no parameter line, or a known field has an unreadable value.
     */
    static std::optional<GenerationParams> fromA1111Parameters(const QString& text, QString* errorMessage = nullptr);

    /// Easel's exact record, including format_version.
    QJsonObject toJson() const;
    /// Compact UTF-8 JSON text of toJson(), the content of the "easel" PNG chunk.
    QByteArray toJsonText() const;
    /// Reads toJson()'s record; missing optional keys keep their defaults, wrong types are errors.
    static std::optional<GenerationParams> fromJson(const QJsonObject& json, QString* errorMessage = nullptr);
    static std::optional<GenerationParams> fromJsonText(const QByteArray& text, QString* errorMessage = nullptr);

    /// A1111's display name of an engine sampler ("euler_a" -> "Euler a"); empty when it has none.
    static QString a1111SamplerName(const QString& engineSampler);
    /// The engine sampler for an A1111 display name; empty when unknown.
    static QString engineSamplerName(const QString& a1111Sampler);

    bool operator==(const GenerationParams& other) const;
    bool operator!=(const GenerationParams& other) const { return !(*this == other); }
};

} // namespace easel
