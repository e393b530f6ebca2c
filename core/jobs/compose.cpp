// SPDX-License-Identifier: MIT
#include "jobs/compose.h"

#include "jobs/modelservice.h"

#include "imaging/mergefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::ComposeJob", text); }

QString besideOutput(const QString& output, const char* suffix)
{
    const QFileInfo out(output);
    return out.dir().filePath(out.completeBaseName() + QLatin1String(suffix));
}

} // namespace

QSize composePortraitSize(int native)
{
    const int side = limits::roundedSize(native);
    const int shortSide = limits::roundedSize(side * 3 / 4);
    return QSize(shortSide, side);
}

ComposeJob::ComposeJob(ComposeRequest request)
    : m_request(std::move(request))
{
}

QString ComposeJob::title() const
{
    return tr("Compose: %1 / %2").arg(m_request.characterPrompt, m_request.backgroundPrompt);
}

QString ComposeJob::characterPath() const { return besideOutput(m_request.outputPath, "-character.png"); }

QString ComposeJob::backgroundPath() const { return besideOutput(m_request.outputPath, "-background.png"); }

GenerationJob ComposeJob::partJob(bool character, int nativeSize) const
{
    const ComposePresets& presets = m_request.presets;
    const QSize portrait = composePortraitSize(nativeSize);
    const QSize size = character ? portrait : portrait.transposed();
    ImageRecipe r = m_request.base;
    r.prompt = character ? m_request.characterPrompt + presets.characterSuffix
                         : m_request.backgroundPrompt + presets.backgroundSuffix;
    const QString negative = character ? presets.characterNegative : presets.backgroundNegative;
    if (!negative.isEmpty())
        r.negativePrompt = m_request.base.negativePrompt.isEmpty() ? negative
                                                                   : m_request.base.negativePrompt + QStringLiteral(", ") + negative;
    r.width = size.width();
    r.height = size.height();
    r.batchSize = 1;
    r.batchCount = 1;
    r.seed = m_request.base.seed + (character ? 0 : 1);
    GenerationOptions options;
    options.outputPath = character ? characterPath() : backgroundPath();
    options.overwrite = m_request.overwrite;
    options.preview = m_request.preview;
    options.taesdPath = m_request.taesdPath;
    return GenerationJob(r, options);
}

JobResult ComposeJob::run(JobContext& context)
{
    JobResult result;
    if (!m_request.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        result.state = JobState::Failed;
        result.message = tr("%1: the output must be a .png file").arg(m_request.outputPath);
        return result;
    }
    int native = 0;
    try {
        native = context.models().summary(m_request.base).nativeSize;
    } catch (const std::exception& e) {
        result.state = JobState::Failed;
        result.message = QString::fromUtf8(e.what());
        return result;
    }
    for (bool character : { true, false }) {
        const JobResult part = partJob(character, native).run(context);
        result.saved << part.saved;
        result.unsaved << part.unsaved;
        result.notes << part.notes;
        if (part.state != JobState::Completed) {
            result.state = part.state;
            result.message = part.message;
            return result;
        }
    }
    JobProgress merging;
    merging.phase = JobPhase::Processing;
    context.progress(merging);
    try {
        imaging::mergeFiles(characterPath(), backgroundPath(), m_request.outputPath, m_request.merge,
            QStringLiteral("Easel " EASEL_VERSION),
            m_request.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse);
        SavedImage merged;
        merged.path = m_request.outputPath;
        merged.recipe = m_request.base;
        result.saved << merged;
        context.imageSaved(merged);
    } catch (const std::exception& e) {
        result.state = JobState::Failed;
        result.message = QString::fromUtf8(e.what());
    }
    return result;
}

QJsonObject ComposeJob::toJson() const
{
    const ComposePresets& p = m_request.presets;
    const imaging::MergeOptions& m = m_request.merge;
    return QJsonObject { { QStringLiteral("kind"), kind() }, { QStringLiteral("recipe"), m_request.base.toJson() },
        { QStringLiteral("character_prompt"), m_request.characterPrompt },
        { QStringLiteral("background_prompt"), m_request.backgroundPrompt },
        { QStringLiteral("presets"),
            QJsonObject { { QStringLiteral("character_suffix"), p.characterSuffix },
                { QStringLiteral("character_negative"), p.characterNegative },
                { QStringLiteral("background_suffix"), p.backgroundSuffix },
                { QStringLiteral("background_negative"), p.backgroundNegative } } },
        { QStringLiteral("size"), QJsonArray { m.size.width, m.size.height } },
        { QStringLiteral("scale"), m.scale }, { QStringLiteral("harmonize"), m.harmonize },
        { QStringLiteral("output"), m_request.outputPath }, { QStringLiteral("overwrite"), m_request.overwrite },
        { QStringLiteral("preview"), previewModeName(m_request.preview) },
        { QStringLiteral("taesd"), m_request.taesdPath } };
}

std::unique_ptr<Job> ComposeJob::fromJson(const QJsonObject& json, QString* errorMessage)
{
    const std::optional<ImageRecipe> recipe
        = ImageRecipe::fromJson(json.value(QStringLiteral("recipe")).toObject(), errorMessage);
    if (!recipe)
        return nullptr;
    ComposeRequest r;
    r.base = *recipe;
    r.characterPrompt = json.value(QStringLiteral("character_prompt")).toString();
    r.backgroundPrompt = json.value(QStringLiteral("background_prompt")).toString();
    const QJsonObject p = json.value(QStringLiteral("presets")).toObject();
    r.presets.characterSuffix = p.value(QStringLiteral("character_suffix")).toString(r.presets.characterSuffix);
    r.presets.characterNegative = p.value(QStringLiteral("character_negative")).toString(r.presets.characterNegative);
    r.presets.backgroundSuffix = p.value(QStringLiteral("background_suffix")).toString(r.presets.backgroundSuffix);
    r.presets.backgroundNegative
        = p.value(QStringLiteral("background_negative")).toString(r.presets.backgroundNegative);
    const QJsonArray size = json.value(QStringLiteral("size")).toArray();
    if (size.size() == 2)
        r.merge.size = cv::Size(size[0].toInt(1024), size[1].toInt(512));
    r.merge.scale = json.value(QStringLiteral("scale")).toDouble(1.0);
    r.merge.harmonize = json.value(QStringLiteral("harmonize")).toDouble(0.2);
    r.outputPath = json.value(QStringLiteral("output")).toString();
    r.overwrite = json.value(QStringLiteral("overwrite")).toBool();
    r.preview = previewModeFromName(json.value(QStringLiteral("preview")).toString()).value_or(PreviewMode::Approx);
    r.taesdPath = json.value(QStringLiteral("taesd")).toString();
    return std::make_unique<ComposeJob>(r);
}

std::unique_ptr<Job> ComposeJob::clone() const { return std::make_unique<ComposeJob>(m_request); }

} // namespace easel
