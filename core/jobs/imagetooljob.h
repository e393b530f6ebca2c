// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/attribution.h"
#include "imaging/enhance.h"
#include "imaging/merge.h"
#include "jobs/job.h"

namespace easel {

/// One image-tool operation, file to file, as a queued job.
struct ImageToolRequest {
    /// Chain: a recorded chain of operations re-applied (imaging::applyChain()).
    enum class Tool { Enhance, Merge, Attribute, Chain };
    Tool tool = Tool::Enhance;
    QStringList inputs; ///< Enhance/Attribute/Chain: the source; Merge: character, background
    QString output;
    bool overwrite = false;
    imaging::EnhanceSettings enhance;
    imaging::MergeOptions merge;
    imaging::WatermarkOptions watermark;
    /// Attribute: the model to record (as the user was shown it); unset: read from the source's chunks.
    std::optional<imaging::ModelInfo> model;
    /// Chain: the operations, as a result's easel:operations records them.
    QJsonArray operations;
};

class ImageToolJob : public Job {
public:
    explicit ImageToolJob(ImageToolRequest request);

    QString kind() const override { return QStringLiteral("image-tool"); }
    QString title() const override;
    int expectedImages() const override { return 1; }
    JobResult run(JobContext& context) override;
    QJsonObject toJson() const override;
    std::unique_ptr<Job> clone() const override;

    static std::unique_ptr<Job> fromJson(const QJsonObject& json, QString* errorMessage);
    const ImageToolRequest& request() const { return m_request; }

private:
    ImageToolRequest m_request;
};

} // namespace easel
