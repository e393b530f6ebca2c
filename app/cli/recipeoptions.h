// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/generationjob.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace easel {
struct Style;
}

namespace easel::cli {

/// The generation flags `generate`, `batch` and `compose` share: a thin reader of the one recipe. Their
/// defaults, bounds and help texts come from recipelimits.h; the recipe's own validate() has the last word.
class RecipeOptions {
public:
    RecipeOptions();
    void addTo(QCommandLineParser& parser) const;

    /// Reads the flags into `recipe` and `options`; returns a one-line message (naming the flag) for a bad
    /// value. `allowBatchSize`: false for commands that make one image per entry (batch, compose). `style`: applied
    /// to the recipe (its prompt already set) under the flags given, before --preset.
    QString read(const QCommandLineParser& parser, ImageRecipe& recipe, GenerationOptions& options,
        bool allowBatchSize = true, const Style* style = nullptr) const;

private:
    QCommandLineOption m_model, m_negative, m_steps, m_guidance, m_sampler, m_schedule, m_spacing, m_width, m_height,
        m_seed, m_batchSize, m_preview, m_taesd, m_device, m_dtype, m_threads, m_syntax, m_clipSkip, m_stepCache, m_tokenMerge, m_overwrite,
        m_lora, m_preset, m_loraDir;
};

} // namespace easel::cli
