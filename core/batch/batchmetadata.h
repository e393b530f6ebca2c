// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace easel {

class OutputPlan;
class PromptList;

/**
 * The metadata.json written beside a batch's frames:
 *
 *     {"video_name", "prompts_file", "output_dir", "model", "backend", "num_images",
 *      "generated_at": ISO 8601 UTC ("2024-05-01T12:00:00Z"),
 *      "settings": {"num_inference_steps", "guidance_scale", "image_size": "WIDTHxHEIGHT", "negative_prompt"},
 *      "images": [{"image_path", "timestamp" (seconds), "prompt", "section_index"}]}
 *
 * num_images is the number of entries in images.
 */
struct BatchMetadata {
    struct Image {
        QString imagePath;
        double timestamp = 0.0;
        QString prompt;
        /// The entry's index in the prompt list.
        int sectionIndex = 0;
    };

    QString videoName;
    QString promptsFile;
    QString outputDir;
    QString model;
    QString backend;
    /// Converted to UTC when written; an invalid time means "now".
    QDateTime generatedAt;
    int steps = 20;
    double guidance = 7.5;
    int width = 512;
    int height = 512;
    /// The batch's global negative prompt.
    QString negativePrompt;
    QList<Image> images;

    /// Video name, prompts file, output dir and one image per frame that exists on disk (plan order).
    static BatchMetadata fromPlan(const PromptList& list, const OutputPlan& plan);

    QJsonObject toJson() const;
    /// Writes toJson() atomically (QSaveFile); on failure returns false with a one-line message.
    bool write(const QString& path, QString* errorMessage = nullptr) const;
};

} // namespace easel
