// SPDX-License-Identifier: MIT
#include "story/storyexport.h"

#include "batch/batchmetadata.h"
#include "story/storyrender.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StoryExport)
    };

    /// "00-01-04.500": hours, minutes, seconds and milliseconds, sortable and safe in file names.
    QString timestampName(double seconds)
    {
        const qint64 ms = qint64(std::llround(std::max(0.0, seconds) * 1000.0));
        return QStringLiteral("%1-%2-%3.%4")
            .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
            .arg((ms / 60000) % 60, 2, 10, QLatin1Char('0'))
            .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
            .arg(ms % 1000, 3, 10, QLatin1Char('0'));
    }

    QString csvField(const QString& value)
    {
        if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
            && !value.contains(QLatin1Char('\r')))
            return value;
        return QLatin1Char('"') + QString(value).replace(QStringLiteral("\""), QStringLiteral("\"\""))
            + QLatin1Char('"');
    }

    QString characterList(const StoryDocument& document, const StoryShot& shot)
    {
        QStringList names;
        for (const ShotCharacter& c : shot.characters) {
            const StoryCharacter* character = document.character(c.characterId);
            names.append(character ? character->name : c.characterId);
        }
        return names.join(QStringLiteral("; "));
    }

    QString seconds(double value) { return QString::number(value, 'f', 3); }

    /// The frames an earlier export into `root` listed in its metadata.json, limited to files directly in
    /// `framesDir` (a hand-edited metadata.json cannot point the clean-up anywhere else).
    QStringList framesOfEarlierExport(const QDir& root, const QString& framesDir)
    {
        QFile file(root.absoluteFilePath(QStringLiteral("metadata.json")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QJsonArray images
            = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("images")).toArray();
        const QString frames = QDir(framesDir).canonicalPath();
        QStringList paths;
        for (const QJsonValue& value : images) {
            const QFileInfo info(value.toObject().value(QStringLiteral("image_path")).toString());
            if (frames.isEmpty() || !info.isAbsolute() || !info.isFile() || info.isSymLink()
                || QFileInfo(info.canonicalFilePath()).absolutePath() != frames
                || !info.fileName().contains(QStringLiteral("_shot-")))
                continue;
            paths.append(QDir(framesDir).absoluteFilePath(info.fileName()));
        }
        return paths;
    }

} // namespace

QByteArray storyShotListCsv(const StoryDocument& document)
{
    QStringList lines;
    lines.append(QStringLiteral("number,id,scene,timestamp,duration,shot_type,camera_angle,lighting,mood,location,"
                                "characters,description,keyframe"));
    for (const StoryShot& shot : document.shots()) {
        const StoryLocation* location = document.location(shot.locationId);
        QString where = location ? location->name : shot.locationId;
        if (location && !shot.variantId.isEmpty())
            where += QStringLiteral(" (%1)").arg(shot.variantId);
        const QStringList fields = { QString::number(shot.number), shot.id, shot.sceneId, seconds(shot.timestamp),
            seconds(shot.duration), shot.shotType, shot.cameraAngle, shot.lighting, shot.mood, where,
            characterList(document, shot), shot.description, shot.keyframe };
        QStringList quoted;
        for (const QString& field : fields)
            quoted.append(csvField(field));
        lines.append(quoted.join(QLatin1Char(',')));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

bool writeStoryExportFile(const QString& path, const QByteArray& data, QString* errorMessage)
{
    QSaveFile file(path);
    // flush before commit: Qt 6.4 commits a short file on a full disk (see AtomicFile)
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.flush() && file.commit())
        return true;
    if (errorMessage)
        *errorMessage = Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

std::optional<StoryExportResult> exportStory(
    const StoryDocument& document, const QString& dir, QString* errorMessage, const StoryPromptBuilder* builder)
{
    const auto failed = [&](const QString& message) -> std::optional<StoryExportResult> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    const QDir root(dir);
    const QString framesDir = root.absoluteFilePath(QStringLiteral("frames"));
    if (!QDir().mkpath(framesDir))
        return failed(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(framesDir)));

    const QStringList earlierFrames = framesOfEarlierExport(root, framesDir);

    StoryExportResult result;
    BatchMetadata metadata;
    metadata.videoName = document.id().isEmpty() ? QFileInfo(document.filePath()).completeBaseName() : document.id();
    metadata.promptsFile = document.filePath();
    metadata.outputDir = root.absolutePath();
    metadata.model = document.settings().model.isEmpty() ? QStringLiteral("demo") : document.settings().model;
    metadata.backend = QStringLiteral("easel");
    metadata.steps = document.settings().steps.value_or(metadata.steps);
    metadata.guidance = document.settings().guidance.value_or(metadata.guidance);
    metadata.negativePrompt = document.settings().negativePrompt;
    if (!document.shots().isEmpty()) {
        const int base = document.settings().baseSize > 0 ? document.settings().baseSize : 512;
        if (const auto size = storyShotSize(document.shots().first().aspectRatio, base)) {
            metadata.width = size->first;
            metadata.height = size->second;
        }
    }
    QJsonArray shotEntries;
    for (int index = 0; index < document.shots().size(); ++index) {
        const StoryShot& shot = document.shots().at(index);
        const QString source = document.resolvePath(shot.keyframe);
        if (shot.keyframe.isEmpty() || !QFileInfo(source).isFile()) {
            result.notes.append(Tr::tr("Shot %1 has no keyframe: not in the frames").arg(shot.number));
            continue;
        }
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return failed(Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(source), in.errorString()));
        const QString name = QStringLiteral("%1_shot-%2.%3")
                                 .arg(timestampName(shot.timestamp))
                                 .arg(shot.number, 3, 10, QLatin1Char('0'))
                                 .arg(QFileInfo(source).suffix().toLower());
        const QString target = QDir(framesDir).absoluteFilePath(name);
        if (!writeStoryExportFile(target, in.readAll(), errorMessage))
            return std::nullopt;
        result.frames.append(target);
        BatchMetadata::Image image;
        image.imagePath = target;
        image.timestamp = shot.timestamp;
        image.prompt = builder ? builder->build(document, shot).prompt : QString();
        image.sectionIndex = index;
        metadata.images.append(image);
        QJsonObject entry;
        entry.insert(QStringLiteral("shot_number"), shot.number);
        entry.insert(QStringLiteral("shot_id"), shot.id);
        entry.insert(QStringLiteral("scene_id"), shot.sceneId);
        entry.insert(QStringLiteral("duration"), shot.duration);
        entry.insert(QStringLiteral("shot_type"), shot.shotType);
        entry.insert(QStringLiteral("description"), shot.description);
        entry.insert(QStringLiteral("keyframe"), source);
        shotEntries.append(entry);
    }

    // the batch layout, each image entry extended with its shot
    QJsonObject json = metadata.toJson();
    QJsonArray images = json.value(QStringLiteral("images")).toArray();
    for (int i = 0; i < images.size() && i < shotEntries.size(); ++i) {
        QJsonObject image = images.at(i).toObject();
        const QJsonObject shot = shotEntries.at(i).toObject();
        for (auto it = shot.begin(); it != shot.end(); ++it)
            image.insert(it.key(), it.value());
        images.replace(i, image);
    }
    json.insert(QStringLiteral("images"), images);
    json.insert(QStringLiteral("story_id"), metadata.videoName);
    json.insert(QStringLiteral("story_title"), document.title());
    result.metadataPath = root.absoluteFilePath(QStringLiteral("metadata.json"));
    if (!writeStoryExportFile(result.metadataPath, QJsonDocument(json).toJson(QJsonDocument::Indented), errorMessage))
        return std::nullopt;

    result.shotListPath = root.absoluteFilePath(QStringLiteral("shot-list.csv"));
    if (!writeStoryExportFile(result.shotListPath, storyShotListCsv(document), errorMessage))
        return std::nullopt;

    // only now that metadata.json no longer lists them: an interrupted export keeps the old frames it names
    for (const QString& frame : earlierFrames) {
        if (!result.frames.contains(frame) && QFile::remove(frame))
            result.removedFrames.append(frame);
    }
    return result;
}

} // namespace easel
