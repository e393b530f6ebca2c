// SPDX-License-Identifier: MIT
#include "story/storyrender.h"

#include "jobs/jobqueue.h"
#include "jobs/remotegenerationjob.h"
#include "recipe/lorastack.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StoryRender)
    };

    /// FNV-1a, 64 bits.
    class Fnv {
    public:
        void add(const QByteArray& bytes)
        {
            for (const char byte : bytes) {
                m_hash ^= quint8(byte);
                m_hash *= 1099511628211ULL;
            }
            m_hash ^= 0xff; // separator: "ab" + "c" differs from "a" + "bc"
            m_hash *= 1099511628211ULL;
        }
        void add(qint64 value) { add(QByteArray::number(value)); }
        quint64 value() const { return m_hash; }

    private:
        quint64 m_hash = 14695981039346656037ULL;
    };

    /// A LoRA given as a file (a .safetensors name or a path) rather than a NAME for the LoRA folders.
    bool isLoraFile(const QString& file)
    {
        return file.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive) || file.contains(QLatin1Char('/'))
            || file.contains(QLatin1Char('\\'));
    }

    QString storyIdOf(const StoryDocument& document)
    {
        if (!document.id().isEmpty())
            return document.id();
        const QString base = QFileInfo(document.filePath()).completeBaseName();
        return base.isEmpty() ? QStringLiteral("story") : base;
    }

    QString safeName(QString text)
    {
        static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
        text.replace(unsafe, QStringLiteral("_"));
        return text.isEmpty() ? QStringLiteral("_") : text;
    }

} // namespace

qint64 storyShotSeed(const StoryDocument& document, const StoryShot& shot, int take)
{
    Fnv fnv;
    fnv.add(shot.id.toUtf8());
    for (const ShotCharacter& c : shot.characters) {
        if (const StoryCharacter* character = document.character(c.characterId))
            fnv.add(character->lockedSeed);
    }
    if (const StoryLocation* location = document.location(shot.locationId))
        fnv.add(location->lockedSeed);
    fnv.add(qint64(take));
    const quint64 h = fnv.value();
    return qint64((h ^ (h >> 32)) & 0xffffffffULL);
}

std::optional<QPair<int, int>> storyShotSize(const QString& aspectRatio, int baseSize)
{
    const QStringList sides = aspectRatio.split(QLatin1Char(':'));
    if (sides.size() != 2 || baseSize <= 0)
        return std::nullopt;
    bool okW = false;
    bool okH = false;
    const double w = sides.at(0).trimmed().toDouble(&okW);
    const double h = sides.at(1).trimmed().toDouble(&okH);
    if (!okW || !okH || !(w > 0.0) || !(h > 0.0) || w / h > 8.0 || h / w > 8.0)
        return std::nullopt;
    const double ratio = std::sqrt(w / h);
    const auto round64 = [](double pixels) { return std::max(64, int(std::lround(pixels / 64.0)) * 64); };
    return QPair<int, int> { round64(baseSize * ratio), round64(baseSize / ratio) };
}

ImageRecipe storyShotRecipe(const StoryDocument& document, const StoryPromptBuilder& builder, const StoryShot& shot,
    int take, const ImageRecipe& base, QStringList* notes)
{
    ImageRecipe recipe = base;
    const StorySettings& settings = document.settings();
    if (recipe.model.isEmpty() && !settings.model.isEmpty())
        recipe.model = document.resolvePath(settings.model);
    if (settings.steps)
        recipe.steps = *settings.steps;
    if (settings.guidance)
        recipe.guidance = *settings.guidance;

    const StoryPrompt prompt = builder.build(document, shot);
    recipe.prompt = prompt.prompt;
    recipe.negativePrompt = prompt.negative;
    recipe.promptSyntax = PromptSyntax::A1111; // BREAK keeps each part in its own chunk
    if (notes)
        notes->append(prompt.notes);

    recipe.seed = storyShotSeed(document, shot, take);
    recipe.batchSize = 1;
    recipe.batchCount = 1;
    recipe.batchIndex = 0;

    const int baseSize = settings.baseSize > 0
        ? settings.baseSize
        : int(std::lround(
            std::sqrt(double(base.width > 0 ? base.width : 512) * double(base.height > 0 ? base.height : 512))));
    if (const std::optional<QPair<int, int>> size = storyShotSize(shot.aspectRatio, baseSize)) {
        recipe.width = size->first;
        recipe.height = size->second;
    }

    QList<LoraSpec> characterLoras;
    for (const ShotCharacter& c : shot.characters) {
        const StoryCharacter* character = document.character(c.characterId);
        if (!character || !character->lora || character->lora->file.trimmed().isEmpty())
            continue;
        const QString file = character->lora->file.trimmed();
        characterLoras.append({ isLoraFile(file) ? document.resolvePath(file) : file, character->lora->strength });
    }
    if (!characterLoras.isEmpty()) {
        const LoraStack stack = composeLoraStack({}, characterLoras);
        if (notes)
            notes->append(stack.notes);
        for (const LoraRef& lora : stack.loras) {
            if (isLoraFile(lora.path))
                recipe.loras.append(lora);
            else
                recipe.prompt += QStringLiteral(" <lora:%1:%2>").arg(lora.path, QString::number(lora.weight, 'g', 4));
        }
    }

    const StoryLocation* location = shot.locationId.isEmpty() ? nullptr : document.location(shot.locationId);
    if (location && location->referenceStrength && !location->referenceImages.isEmpty()) {
        recipe.initImage = document.resolvePath(location->referenceImages.first());
        recipe.strength = *location->referenceStrength;
    }

    recipe.extras.insert(QLatin1String(StoryExtrasKey), storyIdOf(document));
    recipe.extras.insert(QLatin1String(ShotExtrasKey), shot.id);
    recipe.extras.insert(QLatin1String(TakeExtrasKey), QString::number(take));
    return recipe;
}

std::optional<QList<StoryRenderItem>> planStoryRender(const StoryDocument& document, const StoryPromptBuilder& builder,
    const StoryRenderOptions& options, QStringList* notes, QString* errorMessage)
{
    const auto failed = [&](const QString& message) -> std::optional<QList<StoryRenderItem>> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    if (options.takes < 1 || options.takes > 100)
        return failed(Tr::tr("Takes must be between 1 and 100, not %1").arg(options.takes));
    for (const QString& id : options.shotIds) {
        if (!document.shot(id))
            return failed(Tr::tr("The story has no shot '%1'").arg(id));
    }
    const QString folder = QDir(options.generation.outputDir).absoluteFilePath(safeName(storyIdOf(document)));
    QList<StoryRenderItem> items;
    for (const StoryShot& shot : document.shots()) {
        if (!options.shotIds.isEmpty() && !options.shotIds.contains(shot.id))
            continue;
        if (options.staleOnly && !shot.stale && !shot.takes.isEmpty())
            continue;
        for (int take = 1; take <= options.takes; ++take) {
            StoryRenderItem item;
            item.shotId = shot.id;
            item.take = take;
            item.backend = shot.backend.isEmpty() ? document.settings().backend : shot.backend;
            item.fallback = shot.backend.isEmpty() ? document.settings().fallback : shot.fallback;
            QStringList shotNotes;
            item.recipe = storyShotRecipe(document, builder, shot, take, options.base, &shotNotes);
            if (notes && take == 1) {
                for (const QString& note : std::as_const(shotNotes))
                    notes->append(Tr::tr("Shot %1: %2").arg(shot.number).arg(note));
            }
            item.outputPath = QStringLiteral("%1/shot-%2-%3-take-%4.png")
                                  .arg(folder)
                                  .arg(shot.number, 3, 10, QLatin1Char('0'))
                                  .arg(safeName(shot.id))
                                  .arg(take);
            items.append(item);
        }
    }
    return items;
}

QList<quint64> submitStoryRender(
    JobQueue& queue, const QList<StoryRenderItem>& items, const GenerationOptions& generation)
{
    QList<quint64> ids;
    for (const StoryRenderItem& item : items) {
        QDir().mkpath(QFileInfo(item.outputPath).absolutePath());
        GenerationOptions options = generation;
        options.outputPath = item.outputPath;
        options.overwrite = true;
        if (!item.backend.isEmpty() && item.backend != QLatin1String("local")) {
            RemoteOptions remote;
            remote.backend = item.backend;
            remote.fallback = item.fallback;
            ids.append(queue.submit(std::make_unique<RemoteGenerationJob>(item.recipe, remote, options)));
        } else {
            ids.append(queue.submit(std::make_unique<GenerationJob>(item.recipe, options)));
        }
    }
    return ids;
}

QStringList applyStoryRender(StoryDocument& document, const QList<StoryRenderItem>& items)
{
    QStringList order;
    QMap<QString, QStringList> takes;
    const QString storyDir
        = document.filePath().isEmpty() ? QString() : QFileInfo(document.filePath()).absoluteDir().absolutePath();
    for (const StoryRenderItem& item : items) {
        if (!order.contains(item.shotId))
            order.append(item.shotId);
        if (!QFileInfo::exists(item.outputPath))
            continue;
        QString path = QFileInfo(item.outputPath).absoluteFilePath();
        if (!storyDir.isEmpty() && path.startsWith(storyDir + QLatin1Char('/')))
            path = QDir(storyDir).relativeFilePath(path);
        takes[item.shotId].append(path);
    }
    QStringList updated;
    for (const QString& shotId : std::as_const(order)) {
        if (!takes.contains(shotId))
            continue;
        const StoryShot* shot = document.shot(shotId);
        if (!shot)
            continue;
        // keep the chosen keyframe when it is re-rendered under the same name
        document.setTakes(shotId, takes.value(shotId));
        updated.append(shotId);
    }
    return updated;
}

} // namespace easel
