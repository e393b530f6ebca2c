// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/merge.h"
#include "jobs/generationjob.h"

#include <QSize>

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
    ImageRecipe base; ///< model, sampler, steps, seed, device...; prompts and sizes are set per part
    QString characterPrompt;
    QString backgroundPrompt;
    ComposePresets presets;
    imaging::MergeOptions merge; ///< default: 1024x512, character in the right half, feet on the bottom
    QString outputPath; ///< the merged PNG; the two parts go beside it as <stem>-character/-background.png
    bool overwrite = false;
    PreviewMode preview = PreviewMode::Approx;
    QString taesdPath;
};

/// Portrait and landscape sizes for a model of native size `native` (3:4 and 4:3, multiples of 8):
/// 384x512 / 512x384 for SD 1.5.
QSize composePortraitSize(int native);

/// The whole composition as one job: character, background (seed + 1, so the two differ), then the
/// merge. Its three files are reported as they are written; the merge records both sources.
class ComposeJob : public Job {
public:
    explicit ComposeJob(ComposeRequest request);

    QString kind() const override { return QStringLiteral("compose"); }
    QString title() const override;
    const ImageRecipe* recipe() const override { return &m_request.base; }
    int expectedImages() const override { return 3; }
    JobResult run(JobContext& context) override;
    QJsonObject toJson() const override;
    std::unique_ptr<Job> clone() const override;

    static std::unique_ptr<Job> fromJson(const QJsonObject& json, QString* errorMessage);
    QString characterPath() const;
    QString backgroundPath() const;

private:
    GenerationJob partJob(bool character, int nativeSize) const;

    ComposeRequest m_request;
};

} // namespace easel
