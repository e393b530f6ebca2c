// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/generationjob.h"

namespace easel {

/// A prompt list (the frames of a video) rendered one entry after another.
struct BatchRequest {
    QString promptsFile; ///< the JSON prompt list (see PromptList)
    QString outputRoot; ///< frames go to <outputRoot>/<video_name>/frame_<ms>.png, with metadata.json
    /// Model, sampler, steps, size...; each entry sets the prompt, its negative prompt (when it has one) and
    /// its seed (the entry's own, else the recipe's seed + the entry's index).
    ImageRecipe base;
    PreviewMode preview = PreviewMode::Approx;
    QString taesdPath;
};

/**
 * Renders every frame of a prompt list whose file does not exist yet (so running it again resumes),
 * then writes metadata.json for the frames on disk. Cancel AfterCurrentBatch stops after the frame in
 * progress. Progress reports the frame as the batch.
 */
class BatchJob : public Job {
public:
    explicit BatchJob(BatchRequest request);

    QString kind() const override { return QStringLiteral("batch"); }
    QString title() const override;
    const ImageRecipe* recipe() const override { return &m_request.base; }
    JobResult run(JobContext& context) override;
    QJsonObject toJson() const override;
    std::unique_ptr<Job> clone() const override;

    static std::unique_ptr<Job> fromJson(const QJsonObject& json, QString* errorMessage);

private:
    BatchRequest m_request;
};

} // namespace easel
