// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/job.h"

namespace easel {

namespace engine {
class StableDiffusion;
struct GenerationParams;
}

enum class PreviewMode {
    None,
    Approx, ///< latent -> RGB projection: nearly free, 1/8 size
    Taesd, ///< the tiny autoencoder (needs its decoder file): full size
};
QString previewModeName(PreviewMode mode); ///< "none", "approx", "taesd"
std::optional<PreviewMode> previewModeFromName(const QString& name);

/// How a generation runs and where its files go, beyond what the recipe says about the image.
struct GenerationOptions {
    /// One image goes to this file; several to "<stem>-<seed>.png" beside it. Empty: outputDir.
    QString outputPath;
    /// With no outputPath: "easel-<yyyyMMdd-HHmmss>-<seed>.png" in this folder (made when missing).
    QString outputDir;
    bool overwrite = false; ///< replace existing files (else an existing file is an error)
    PreviewMode preview = PreviewMode::Approx;
    int previewInterval = limits::PreviewInterval.def; ///< steps between previews
    QString taesdPath; ///< TAESD decoder for PreviewMode::Taesd
    /// PreviewMode::Taesd with no decoder for the model's family (none chosen, none fetched): approximate
    /// previews and a note instead of failing the job (the window's "TAESD when available").
    bool taesdFallback = false;
    /// With outputDir and no outputPath, file images by style: "style_images/<styleFolder>/
    /// generated_<yyyyMMdd_HHmmss>_<8 hex>.png" in outputDir (Style::folderName()). Empty: not filed by style.
    QString styleFolder;
    /// Folders where the prompt's <lora:NAME> tags are looked up (NAME.safetensors, subfolders included).
    QStringList loraDirs;
    QString initLatentsPath; ///< safetensors, key "latents": the initial noise instead of the seed's
    QString saveLatentsPath; ///< writes the final latents (key "latents") here
    /// Retry once: an image whose quality checks flag it (ImageFlags) is made once more, with the first seed after
    /// the run's own (seed + number of images, then + 1 for each further retry) and that seed's own noise (not
    /// initLatentsPath). The flagged image is kept; the retry's "easel:quality" chunk names it (retry_of). A retry
    /// is never retried.
    bool retryFlagged = false;

    QJsonObject toJson() const;
    static GenerationOptions fromJson(const QJsonObject& json);
};

/**
 * txt2img or img2img from a recipe: loads the model through the ModelService, runs the engine and hands
 * every finished image to a writer thread (so sampling never waits on the disk) that writes it as a PNG,
 * atomically, with the recipe in A1111 and Easel chunks and the provenance chunks. A file that cannot be
 * written ends the job Failed with one line naming the folder; the image is kept in JobResult::unsaved.
 */
class GenerationJob : public Job {
public:
    GenerationJob(ImageRecipe recipe, GenerationOptions options);

    QString kind() const override { return QStringLiteral("generate"); }
    QString title() const override;
    const ImageRecipe* recipe() const override { return &m_recipe; }
    int expectedImages() const override { return m_recipe.imageCount(); }
    JobResult run(JobContext& context) override;
    QJsonObject toJson() const override;
    std::unique_ptr<Job> clone() const override;

    const GenerationOptions& options() const { return m_options; }

    /// Checks the recipe and the options' files without loading the model: one line per problem.
    QStringList validate() const;

    /// The file image `index` (its seed `seed`) of `total` goes to.
    static QString outputPathFor(const GenerationOptions& options, qint64 seed, int total);

private:
    ImageRecipe recordedRecipe(JobContext& context, engine::StableDiffusion& model,
        const engine::GenerationParams& params, const QString& modelPath) const;

    ImageRecipe m_recipe;
    GenerationOptions m_options;
};

} // namespace easel
