// SPDX-License-Identifier: MIT
#pragma once

// Private to core/jobs' implementation files: the one place where the Qt-side recipe meets the engine.
// Never include this from a public header.

#include "jobs/generationjob.h"
#include "jobs/modelservice.h"

#include "engine/pipeline/stablediffusion.h"

#include <future>
#include <map>
#include <mutex>

namespace easel {

struct ModelService::Engine {
    explicit Engine(qint64 budget)
        : cache(budget)
    {
    }
    engine::ModelCache cache;
    QString hashCacheDir;
    std::mutex hashMutex;
    struct PendingHash {
        QString stamp; ///< sizes and mtimes of the files hashed
        std::shared_future<QString> hash;
    };
    std::mutex asyncMutex;
    std::map<QString, PendingHash> asyncHashes; ///< by model path; last member: waited for first on destruction
};

namespace bridge {

engine::SamplerKind samplerKind(Sampler sampler); ///< not for Auto
Sampler sampler(engine::SamplerKind kind);
SigmaSchedule schedule(engine::SigmaSchedule schedule);
TimestepSpacing spacing(engine::TimestepSpacing spacing);
engine::PreviewMode previewMode(PreviewMode mode);
engine::CancelMode cancelMode(CancelMode mode);
ImageFlags imageFlags(const engine::QualityFlags& flags);
QString familyKey(engine::ModelFamily family); ///< "sd1", "sd2", "sdxl"; empty when unknown

/// The engine's parameters for a recipe (prompts, choices, sizes, seed, batches; no files).
engine::GenerationParams toEngine(const ImageRecipe& recipe);
/// The recipe with what the engine resolved filled in (sampler, schedule, spacing, size).
void applyResolved(ImageRecipe& recipe, const engine::GenerationParams& resolved);

/// How to load the recipe's model (device, dtype, vocabulary), with `progress` for the load. "auto"
/// precision on the CPU is a per-component plan (engine/pipeline/precisionprobe.h), measured on
/// first use and cached in the cache folder's precision.json. Throws engine::EngineError for a bad model.
engine::LoadOptions loadOptions(const ImageRecipe& recipe, engine::LoadProgress progress = {});

/// RGB888 bytes of a uint8 [H, W, 3] tensor.
Preview toPreview(const at::Tensor& rgb);

} // namespace bridge
} // namespace easel
