// SPDX-License-Identifier: MIT
#pragma once

#include "engine/pipeline/stablediffusion.h"
#include "gallery/generationparams.h"

#include <QString>
#include <QStringList>

namespace easel {

/// Everything one generation run needs, as the CLI and the studio window give it.
struct GenerationRequest {
    QString modelPath; ///< empty: the bundled demo model
    engine::GenerationParams params;
    QString device = QStringLiteral("auto"); ///< auto | cpu | cuda
    QString dtype = QStringLiteral("auto"); ///< auto | fp32 | fp16 | bf16 (see resolveDtype)
    QString initImagePath; ///< img2img source (loaded into params.initImage by prepare())
    QString initLatentsPath; ///< safetensors with key "latents" (loaded into params.initLatents)
    QString saveLatentsPath; ///< writes the final latents (key "latents") here when set
    QString taesdPath; ///< TAESD decoder for --preview taesd
    /// Where the PNGs go: one image -> this path; several -> "<stem>-<seed>.png" beside it.
    QString outputPath;
    /// Replace existing output files (the CLI refuses by default, a batch resumes instead).
    bool overwrite = false;
};

/// What a run produced.
struct GenerationOutput {
    engine::Outcome outcome = engine::Outcome::Completed;
    QString error; ///< one line, for Failed
    QStringList files; ///< PNGs written, in order
    engine::GenerationResult result;
};

/// Runs generation requests: resolves the model through a cache, converts the request, runs the
/// engine, and writes every finished image as a PNG (atomically) whose text chunks carry the
/// parameters for Easel, A1111, ComfyUI, InvokeAI and Civitai. Used synchronously by easel-cli and
/// from a worker thread by the studio's job controller.
class GenerationJob {
public:
    /// `cache` outlives the job. `hashCacheDir` keeps model sha256s between runs.
    GenerationJob(engine::ModelCache& cache, QString hashCacheDir);

    /// Validates the request's files and options and fills params (init image, latents, sizes).
    /// Returns an empty string when it can run, else a one-line message.
    QString prepare(GenerationRequest& request) const;

    /// The request's model, from the cache or loaded (device and dtype resolved). Throws
    /// easel::engine::EngineError (bad file, unknown architecture...).
    /// `cancel` (Now) aborts a load in progress between two tensors.
    std::shared_ptr<engine::StableDiffusion> model(
        const GenerationRequest& request, const engine::CancelToken* cancel = nullptr);

    /// Runs a prepared request. Never throws. The observer sees the engine's events on this thread.
    GenerationOutput run(const GenerationRequest& request, engine::GenerationObserver* observer = nullptr,
        const engine::CancelToken* cancel = nullptr);

    /// The metadata record of one image of a run.
    /// `resolved` is the request's params with the model's defaults filled in (StableDiffusion::resolve).
    static GenerationParams recordFor(const GenerationRequest& request, const engine::GenerationParams& resolved,
        const engine::GeneratedImage& image, const QString& modelSha256, const QString& device, const QString& dtype);
    /// The file an image of the run goes to.
    static QString outputPathFor(const GenerationRequest& request, const engine::GeneratedImage& image, int total);

    /// Resolves "auto" device/dtype: CUDA with fp16 when available, else the CPU in bf16 where it computes
    /// bf16 natively (AVX512-BF16/AMX), else fp32. fp32 is the exact-parity mode.
    static QString resolveDevice(const QString& device);
    static QString resolveDtype(const QString& dtype, const QString& device);

private:
    engine::ModelCache& m_cache;
    QString m_hashCacheDir;
};

} // namespace easel
