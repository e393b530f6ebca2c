// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/merge.h"
#include "jobs/generationjob.h"

namespace easel {

/// The prompt helpers of a character/background composition. Story pipelines add quality and
/// framing terms to the character prompt (a full figure on a plain backdrop cuts out cleanly) and
/// atmosphere to the background prompt (and keep people out of it). Editable by the user.
struct ComposePresets {
    QString characterSuffix = QStringLiteral(
        ", full body, standing, centered, plain white background, studio lighting, highly detailed, sharp focus");
    QString characterNegative = QStringLiteral("scenery, landscape, cropped, multiple people, busy background");
    QString backgroundSuffix
        = QStringLiteral(", wide establishing shot, atmospheric, cinematic lighting, depth, no people");
    QString backgroundNegative = QStringLiteral("people, person, character, text, watermark");
};

/// One composition: two generations (a portrait-shaped character, a landscape background) and a merge.
struct ComposeRequest {
    GenerationRequest base; ///< model, sampler, steps, seed, device...; prompts and sizes are set here
    QString characterPrompt;
    QString backgroundPrompt;
    ComposePresets presets;
    imaging::MergeOptions merge; ///< default: 1024x512, character in the right half, feet on the bottom
    QString outputPath; ///< the merged PNG; the two parts go beside it as <stem>-character/-background.png
};

struct ComposeOutput {
    engine::Outcome outcome = engine::Outcome::Completed;
    QString error;
    QString characterPath;
    QString backgroundPath;
    QString mergedPath;
};

/// Portrait and landscape sizes for a model of native size `native` (3:4 and 4:3, multiples of 8):
/// 384x512 / 512x384 for SD 1.5.
QSize composePortraitSize(int native);

/// Runs the whole composition. The background uses seed + 1 so the two images differ. Never throws.
ComposeOutput compose(GenerationJob& job, const ComposeRequest& request, int nativeSize,
    engine::GenerationObserver* observer = nullptr, const engine::CancelToken* cancel = nullptr);

} // namespace easel
