// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QString>

#include <future>
#include <memory>
#include <optional>

namespace easel {

/// Facts about a loaded model, for people and for the recipe's defaults.
struct ModelSummary {
    QString path;
    QString name; ///< file name without extension, or the folder's name
    QString family; ///< "sd1", "sd2", "sdxl"; empty when unknown
    int nativeSize = 512; ///< the size it was trained at (the tiny test models: 64)
    qint64 weightBytes = 0;
    QString licence;
};

/**
 * The models of a process: loaded models kept in a cache within a memory budget (least recently used
 * out first), model hashes cached on disk, and the one rule for what "auto" device and precision mean
 * on this machine. Shared by every job of a queue (and by the CLI's single job). Thread-safe.
 */
class ModelService {
public:
    /// `hashCacheDir`: where model sha256s are kept between runs (empty: the user's cache folder).
    explicit ModelService(QString hashCacheDir = {}, qint64 cacheBudgetBytes = limits::ModelCacheBytes);
    ~ModelService();
    ModelService(const ModelService&) = delete;
    ModelService& operator=(const ModelService&) = delete;

    /// Auto: CUDA when this build has a usable device, else the CPU.
    static Device resolveDevice(Device device);
    /// Auto: fp16 on CUDA; on the CPU bf16 where it computes bf16 natively (AVX512-BF16/AMX), else fp32.
    static Precision resolvePrecision(Precision precision, Device resolvedDevice);
    /// A one-line message when the device cannot be used here (CUDA asked for on a CPU-only build).
    static QString checkDevice(Device device);
    /// Sets the CPU threads the engine computes with (0: $EASEL_THREADS, else one per core); the count in force.
    static int configureThreads(int threads);
    /// For the studio's window as it closes: stops the engine's background precision measurement at once
    /// (it caches nothing; the next start measures again) instead of holding the exit until it is done.
    static void stopBackgroundMeasuring();
    /// How "auto" precision measures a model the first time: false (the default, easel-cli and the tests) measures
    /// before the first image, so every image of a model uses the same plan and one seed gives one image; true (the
    /// window) loads in fp32 at once and measures in the background for the next load.
    static void setMeasureInBackground(bool background);
    static bool measuresInBackground();
    /// The file used when a recipe names no model: the bundled demo model.
    static QString modelPathFor(const ImageRecipe& recipe);

    /// The model's full sha256 (cached by path, size and mtime); empty with a message on failure.
    QString sha256(const QString& modelPath, QString* errorMessage = nullptr);
    /// The same, computed on a background thread at a low priority, so that no image waits for a
    /// large model to be read: a job asks for it when it starts and writes its images with the hash
    /// when it is ready (ImageWriter). While the file (or a diffusers folder's weight files) keeps its
    /// path, size and mtime, every call returns the same future; a changed file is hashed again.
    /// The value is empty when the model cannot be hashed.
    std::shared_future<QString> sha256Async(const QString& modelPath);

    /// Loads (or finds in the cache) the recipe's model and describes it. Throws easel::Error (bad file,
    /// unknown architecture). For checks before a job runs; jobs load through the engine themselves.
    ModelSummary summary(const ImageRecipe& recipe);

    bool unload(const QString& modelPath);
    void clear();
    qint64 usedBytes() const;
    void setBudget(qint64 bytes);

    /// The engine-side state, for core/jobs' implementation files only (jobs/enginebridge.h).
    struct Engine;
    Engine& engine();

private:
    std::unique_ptr<Engine> m_engine;
};

} // namespace easel
