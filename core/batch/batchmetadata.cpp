// SPDX-License-Identifier: MIT
#include "batch/batchmetadata.h"

#include "batch/outputplan.h"
#include "batch/promptlist.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace easel {

BatchMetadata BatchMetadata::fromPlan(const PromptList& list, const OutputPlan& plan)
{
    BatchMetadata m;
    m.videoName = list.videoName();
    m.promptsFile = list.sourceFile();
    m.outputDir = plan.outputDir();
    for (const PlannedFrame& frame : plan.frames()) {
        if (frame.exists)
            m.images.append({ frame.path, frame.entry.timestamp, frame.entry.prompt, frame.entry.index });
    }
    return m;
}

QJsonObject BatchMetadata::toJson() const
{
    const QDateTime when = generatedAt.isValid() ? generatedAt : QDateTime::currentDateTimeUtc();

    QJsonObject settings;
    settings.insert(QStringLiteral("num_inference_steps"), steps);
    settings.insert(QStringLiteral("guidance_scale"), guidance);
    settings.insert(QStringLiteral("image_size"), QStringLiteral("%1x%2").arg(width).arg(height));
    settings.insert(QStringLiteral("negative_prompt"), negativePrompt);

    QJsonArray imageArray;
    for (const Image& image : images) {
        QJsonObject o;
        o.insert(QStringLiteral("image_path"), image.imagePath);
        o.insert(QStringLiteral("timestamp"), image.timestamp);
        o.insert(QStringLiteral("prompt"), image.prompt);
        o.insert(QStringLiteral("section_index"), image.sectionIndex);
        imageArray.append(o);
    }

    QJsonObject root;
    root.insert(QStringLiteral("video_name"), videoName);
    root.insert(QStringLiteral("prompts_file"), promptsFile);
    root.insert(QStringLiteral("output_dir"), outputDir);
    root.insert(QStringLiteral("model"), model);
    root.insert(QStringLiteral("backend"), backend);
    root.insert(QStringLiteral("num_images"), static_cast<int>(images.size()));
    root.insert(QStringLiteral("generated_at"), when.toUTC().toString(Qt::ISODate));
    root.insert(QStringLiteral("settings"), settings);
    root.insert(QStringLiteral("images"), imageArray);
    return root;
}

bool BatchMetadata::write(const QString& path, QString* errorMessage) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
        // flush() before commit(): Qt 6.4 commits a short file on a full disk (see AtomicFile).
        if (file.write(bytes) == bytes.size() && file.flush() && file.commit())
            return true;
        file.cancelWriting();
    }
    if (errorMessage)
        *errorMessage = QCoreApplication::translate("easel::BatchMetadata", "Cannot write '%1': %2")
                            .arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

} // namespace easel
