// SPDX-License-Identifier: MIT
#include "jobs/job.h"

#include "jobs/batchjob.h"
#include "jobs/compose.h"
#include "jobs/generationjob.h"
#include "jobs/imagetooljob.h"
#include "jobs/remotegenerationjob.h"

#include <QCoreApplication>

namespace easel {

std::unique_ptr<Job> Job::fromJson(const QJsonObject& json, QString* errorMessage)
{
    const QString kind = json.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("generate")) {
        const std::optional<ImageRecipe> recipe
            = ImageRecipe::fromJson(json.value(QStringLiteral("recipe")).toObject(), errorMessage);
        if (!recipe)
            return nullptr;
        return std::make_unique<GenerationJob>(
            *recipe, GenerationOptions::fromJson(json.value(QStringLiteral("options")).toObject()));
    }
    if (kind == QLatin1String("batch"))
        return BatchJob::fromJson(json, errorMessage);
    if (kind == QLatin1String("compose"))
        return ComposeJob::fromJson(json, errorMessage);
    if (kind == QLatin1String("image-tool"))
        return ImageToolJob::fromJson(json, errorMessage);
    if (kind == QLatin1String("remote"))
        return RemoteGenerationJob::fromJson(json, errorMessage);
    if (errorMessage)
        *errorMessage = QCoreApplication::translate("easel::Job", "unknown kind of job '%1'").arg(kind);
    return nullptr;
}

} // namespace easel
