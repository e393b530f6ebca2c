// SPDX-License-Identifier: MIT
#include "story/storydocument.h"

#include "recipe/engineid.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StoryDocument)
    };

    /// Reads typed values out of the story's JSON, remembering the first problem with the field's path.
    class Reader {
    public:
        QString error;

        bool ok() const { return error.isEmpty(); }

        void fail(const QString& field, const QString& problem)
        {
            if (error.isEmpty())
                error = Tr::tr("%1: %2").arg(field, problem);
        }

        QString string(const QJsonObject& object, const QString& path, const QString& key, bool required = false)
        {
            const QJsonValue value = object.value(key);
            if (value.isUndefined() || value.isNull()) {
                if (required)
                    fail(path, Tr::tr("missing '%1'").arg(key));
                return {};
            }
            if (!value.isString()) {
                fail(field(path, key), Tr::tr("must be a string"));
                return {};
            }
            if (required && value.toString().trimmed().isEmpty())
                fail(field(path, key), Tr::tr("must not be empty"));
            return value.toString();
        }

        std::optional<double> number(const QJsonObject& object, const QString& path, const QString& key)
        {
            const QJsonValue value = object.value(key);
            if (value.isUndefined() || value.isNull())
                return std::nullopt;
            if (!value.isDouble() || !std::isfinite(value.toDouble())) {
                fail(field(path, key), Tr::tr("must be a number"));
                return std::nullopt;
            }
            return value.toDouble();
        }

        std::optional<qint64> integer(const QJsonObject& object, const QString& path, const QString& key)
        {
            const std::optional<double> value = number(object, path, key);
            if (!value)
                return std::nullopt;
            if (*value != std::floor(*value) || std::abs(*value) > 9007199254740992.0) {
                fail(field(path, key), Tr::tr("must be a whole number"));
                return std::nullopt;
            }
            return qint64(*value);
        }

        bool boolean(const QJsonObject& object, const QString& path, const QString& key)
        {
            const QJsonValue value = object.value(key);
            if (value.isUndefined() || value.isNull())
                return false;
            if (!value.isBool()) {
                fail(field(path, key), Tr::tr("must be true or false"));
                return false;
            }
            return value.toBool();
        }

        QStringList strings(const QJsonObject& object, const QString& path, const QString& key)
        {
            QStringList result;
            for (const QJsonValue& value : array(object, path, key)) {
                if (!value.isString()) {
                    fail(QStringLiteral("%1[%2]").arg(field(path, key)).arg(result.size()), Tr::tr("must be a string"));
                    return {};
                }
                result.append(value.toString());
            }
            return result;
        }

        QJsonArray array(const QJsonObject& object, const QString& path, const QString& key)
        {
            const QJsonValue value = object.value(key);
            if (value.isUndefined() || value.isNull())
                return {};
            if (!value.isArray()) {
                fail(field(path, key), Tr::tr("must be a list"));
                return {};
            }
            return value.toArray();
        }

        std::optional<QJsonObject> object(const QJsonValue& value, const QString& path)
        {
            if (!value.isObject()) {
                fail(path, Tr::tr("must be an object"));
                return std::nullopt;
            }
            return value.toObject();
        }

        QString id(const QJsonObject& object, const QString& path)
        {
            const QString value = string(object, path, QStringLiteral("id"), true);
            static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.-]+$"));
            if (ok() && !valid.match(value).hasMatch())
                fail(field(path, QStringLiteral("id")), Tr::tr("may hold only letters, digits, '-', '_' and '.'"));
            return value;
        }

        static QString field(const QString& path, const QString& key)
        {
            return path.isEmpty() ? key : path + QLatin1Char('.') + key;
        }
    };

    std::optional<StoryLora> readLora(Reader& reader, const QJsonObject& parent, const QString& path)
    {
        const QJsonValue value = parent.value(QStringLiteral("lora"));
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const QString where = Reader::field(path, QStringLiteral("lora"));
        const std::optional<QJsonObject> object = reader.object(value, where);
        if (!object)
            return std::nullopt;
        StoryLora lora;
        lora.file = reader.string(*object, where, QStringLiteral("file"), true);
        lora.triggerWords = reader.strings(*object, where, QStringLiteral("trigger_words"));
        lora.strength = reader.number(*object, where, QStringLiteral("strength"));
        if (lora.strength && (*lora.strength < -4.0 || *lora.strength > 4.0))
            reader.fail(Reader::field(where, QStringLiteral("strength")), Tr::tr("must be between -4 and 4"));
        return lora;
    }

    StoryCharacter readCharacter(Reader& reader, const QJsonObject& json, const QString& path)
    {
        StoryCharacter c;
        c.id = reader.id(json, path);
        c.name = reader.string(json, path, QStringLiteral("name"));
        c.description = reader.string(json, path, QStringLiteral("description"));
        const QJsonValue appearance = json.value(QStringLiteral("appearance"));
        if (!appearance.isUndefined() && !appearance.isNull()) {
            const QString where = Reader::field(path, QStringLiteral("appearance"));
            if (const std::optional<QJsonObject> object = reader.object(appearance, where)) {
                for (auto it = object->begin(); it != object->end(); ++it) {
                    if (!it.value().isString())
                        reader.fail(Reader::field(where, it.key()), Tr::tr("must be a string"));
                    else
                        c.appearance.insert(it.key(), it.value().toString());
                }
            }
        }
        const QJsonValue attire = json.value(QStringLiteral("attire"));
        if (!attire.isUndefined() && !attire.isNull()) {
            const QString where = Reader::field(path, QStringLiteral("attire"));
            if (const std::optional<QJsonObject> object = reader.object(attire, where)) {
                c.attireStyle = reader.string(*object, where, QStringLiteral("style"));
                c.attireColours = reader.strings(*object, where, QStringLiteral("colours"));
            }
        }
        c.promptSnippet = reader.string(json, path, QStringLiteral("prompt_snippet"));
        c.lora = readLora(reader, json, path);
        c.referenceImages = reader.strings(json, path, QStringLiteral("reference_images"));
        c.lockedSeed = reader.integer(json, path, QStringLiteral("locked_seed")).value_or(0);
        if (c.name.isEmpty())
            c.name = c.id;
        return c;
    }

    StoryLocation readLocation(Reader& reader, const QJsonObject& json, const QString& path)
    {
        StoryLocation l;
        l.id = reader.id(json, path);
        l.name = reader.string(json, path, QStringLiteral("name"));
        l.description = reader.string(json, path, QStringLiteral("description"));
        l.type = reader.string(json, path, QStringLiteral("type"));
        l.interior = reader.boolean(json, path, QStringLiteral("interior"));
        l.promptSnippet = reader.string(json, path, QStringLiteral("prompt_snippet"));
        l.referenceImages = reader.strings(json, path, QStringLiteral("reference_images"));
        l.lockedSeed = reader.integer(json, path, QStringLiteral("locked_seed")).value_or(0);
        l.referenceStrength = reader.number(json, path, QStringLiteral("reference_strength"));
        if (l.referenceStrength && (*l.referenceStrength <= 0.0 || *l.referenceStrength > 1.0))
            reader.fail(Reader::field(path, QStringLiteral("reference_strength")), Tr::tr("must be in (0, 1]"));
        const QJsonArray variants = reader.array(json, path, QStringLiteral("variants"));
        QSet<QString> ids;
        for (int i = 0; i < variants.size() && reader.ok(); ++i) {
            const QString where = QStringLiteral("%1.variants[%2]").arg(path).arg(i);
            const std::optional<QJsonObject> object = reader.object(variants.at(i), where);
            if (!object)
                break;
            LocationVariant v;
            v.id = reader.id(*object, where);
            v.timeOfDay = reader.string(*object, where, QStringLiteral("time_of_day"));
            v.weather = reader.string(*object, where, QStringLiteral("weather"));
            v.promptSnippet = reader.string(*object, where, QStringLiteral("prompt_snippet"));
            if (reader.ok() && ids.contains(v.id))
                reader.fail(Reader::field(where, QStringLiteral("id")), Tr::tr("'%1' is used twice").arg(v.id));
            ids.insert(v.id);
            l.variants.append(v);
        }
        if (l.name.isEmpty())
            l.name = l.id;
        return l;
    }

    /// What is wrong with an engine route (empty: nothing) and the field it is in ("backend" or "fallback"):
    /// engine ids (recipe/engineid.h), "local" only last in the fallback.
    QString engineRouteProblem(const QString& backend, const QStringList& fallback, QString& field)
    {
        field = QStringLiteral("backend");
        if (!backend.isEmpty() && !isEngineId(backend))
            return Tr::tr("must be one of local, comfyui, openai, stability");
        field = QStringLiteral("fallback");
        for (const QString& id : fallback) {
            if (!isEngineId(id))
                return Tr::tr("must be one of local, comfyui, openai, stability");
        }
        const qsizetype local = fallback.indexOf(QStringLiteral("local"));
        if (local >= 0 && local != fallback.size() - 1)
            return Tr::tr("may name local only last");
        return {};
    }

    /// "backend" and "fallback" of a shot or of the settings, lower-cased and checked (engineRouteProblem()).
    void readEngineRoute(
        Reader& reader, const QJsonObject& json, const QString& path, QString& backend, QStringList& fallback)
    {
        backend = reader.string(json, path, QStringLiteral("backend")).trimmed().toLower();
        fallback = reader.strings(json, path, QStringLiteral("fallback"));
        for (QString& id : fallback)
            id = id.trimmed().toLower();
        QString field;
        const QString problem = engineRouteProblem(backend, fallback, field);
        if (reader.ok() && !problem.isEmpty())
            reader.fail(Reader::field(path, field), problem);
    }

    StoryShot readShot(Reader& reader, const QJsonObject& json, const QString& path, int position)
    {
        StoryShot s;
        s.id = reader.id(json, path);
        s.sceneId = reader.string(json, path, QStringLiteral("scene_id"));
        s.number = int(reader.integer(json, path, QStringLiteral("number")).value_or(position + 1));
        s.shotType = reader.string(json, path, QStringLiteral("shot_type"));
        s.description = reader.string(json, path, QStringLiteral("description"));
        s.style = reader.string(json, path, QStringLiteral("style"));
        s.lighting = reader.string(json, path, QStringLiteral("lighting"));
        s.cameraAngle = reader.string(json, path, QStringLiteral("camera_angle"));
        s.mood = reader.string(json, path, QStringLiteral("mood"));
        const QJsonArray characters = reader.array(json, path, QStringLiteral("characters"));
        for (int i = 0; i < characters.size() && reader.ok(); ++i) {
            const QString where = QStringLiteral("%1.characters[%2]").arg(path).arg(i);
            const std::optional<QJsonObject> object = reader.object(characters.at(i), where);
            if (!object)
                break;
            ShotCharacter c;
            c.characterId = reader.string(*object, where, QStringLiteral("id"), true);
            c.action = reader.string(*object, where, QStringLiteral("action"));
            s.characters.append(c);
        }
        s.locationId = reader.string(json, path, QStringLiteral("location"));
        s.variantId = reader.string(json, path, QStringLiteral("variant"));
        const QString ratio = reader.string(json, path, QStringLiteral("aspect_ratio"));
        if (!ratio.isEmpty())
            s.aspectRatio = ratio;
        static const QRegularExpression ratioPattern(
            QStringLiteral("^\\s*[0-9]+(\\.[0-9]+)?\\s*:\\s*[0-9]+(\\.[0-9]+)?\\s*$"));
        if (reader.ok() && !ratioPattern.match(s.aspectRatio).hasMatch())
            reader.fail(Reader::field(path, QStringLiteral("aspect_ratio")), Tr::tr("must be W:H, like 16:9"));
        s.timestamp = reader.number(json, path, QStringLiteral("timestamp")).value_or(0.0);
        s.duration = reader.number(json, path, QStringLiteral("duration")).value_or(0.0);
        if (s.timestamp < 0.0)
            reader.fail(Reader::field(path, QStringLiteral("timestamp")), Tr::tr("must not be negative"));
        if (s.duration < 0.0)
            reader.fail(Reader::field(path, QStringLiteral("duration")), Tr::tr("must not be negative"));
        s.takes = reader.strings(json, path, QStringLiteral("takes"));
        s.keyframe = reader.string(json, path, QStringLiteral("keyframe"));
        s.stale = reader.boolean(json, path, QStringLiteral("stale"));
        readEngineRoute(reader, json, path, s.backend, s.fallback);
        return s;
    }

    QJsonArray toArray(const QStringList& list) { return QJsonArray::fromStringList(list); }

    bool sameRatio(const QString& a, const QString& b)
    {
        return QString(a).remove(QLatin1Char(' ')) == QString(b).remove(QLatin1Char(' '));
    }

} // namespace

bool StoryCharacter::operator==(const StoryCharacter& o) const
{
    return id == o.id && name == o.name && description == o.description && appearance == o.appearance
        && attireStyle == o.attireStyle && attireColours == o.attireColours && promptSnippet == o.promptSnippet
        && lora == o.lora && referenceImages == o.referenceImages && lockedSeed == o.lockedSeed;
}

const LocationVariant* StoryLocation::variant(const QString& variantId) const
{
    for (const LocationVariant& v : variants) {
        if (v.id == variantId)
            return &v;
    }
    return nullptr;
}

bool StoryLocation::operator==(const StoryLocation& o) const
{
    return id == o.id && name == o.name && description == o.description && type == o.type && interior == o.interior
        && variants == o.variants && promptSnippet == o.promptSnippet && referenceImages == o.referenceImages
        && lockedSeed == o.lockedSeed && referenceStrength == o.referenceStrength;
}

bool StoryShot::showsCharacter(const QString& characterId) const
{
    return std::any_of(
        characters.begin(), characters.end(), [&](const ShotCharacter& c) { return c.characterId == characterId; });
}

bool StoryShot::rendersDifferentlyFrom(const StoryShot& o) const
{
    return id != o.id || sceneId != o.sceneId || shotType != o.shotType || description != o.description
        || style != o.style || lighting != o.lighting || cameraAngle != o.cameraAngle || mood != o.mood
        || characters != o.characters || locationId != o.locationId || variantId != o.variantId
        || !sameRatio(aspectRatio, o.aspectRatio) || backend != o.backend || fallback != o.fallback;
}

bool StoryShot::operator==(const StoryShot& o) const
{
    return !rendersDifferentlyFrom(o) && number == o.number && aspectRatio == o.aspectRatio && timestamp == o.timestamp
        && duration == o.duration && takes == o.takes && keyframe == o.keyframe && stale == o.stale;
}

bool StorySettings::operator==(const StorySettings& o) const
{
    return model == o.model && negativePrompt == o.negativePrompt && steps == o.steps && guidance == o.guidance
        && baseSize == o.baseSize && backend == o.backend && fallback == o.fallback;
}

std::optional<StoryDocument> StoryDocument::load(const QString& path, QString* errorMessage)
{
    const auto failed = [&](const QString& message) -> std::optional<StoryDocument> {
        // One line, even when it quotes a value with a line break in it (JSON strings may hold raw ones).
        if (errorMessage)
            *errorMessage = message.simplified();
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > 64 * 1024 * 1024)
        return failed(
            Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), Tr::tr("the file is too large")));
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(
            Tr::tr("Cannot read %1: %2")
                .arg(QDir::toNativeSeparators(path),
                    Tr::tr("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset)));
    if (!json.isObject())
        return failed(
            Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), Tr::tr("not a story (no JSON object)")));
    QString message;
    std::optional<StoryDocument> document = fromJson(json.object(), QFileInfo(path).absolutePath(), &message);
    if (!document)
        return failed(Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), message));
    document->m_filePath = QFileInfo(path).absoluteFilePath();
    return document;
}

std::optional<StoryDocument> StoryDocument::fromJson(
    const QJsonObject& json, const QString& baseDir, QString* errorMessage)
{
    Reader reader;
    StoryDocument doc;
    const QJsonValue format = json.value(QStringLiteral("format"));
    if (format.isUndefined())
        reader.fail(QStringLiteral("format"), Tr::tr("missing (not an Easel story)"));
    else if (format.toString() != QLatin1String("easel-story"))
        reader.fail(QStringLiteral("format"), Tr::tr("must be \"easel-story\""));
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (reader.ok()) {
        if (version.isUndefined())
            reader.fail(QStringLiteral("version"), Tr::tr("missing"));
        else if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()))
            reader.fail(QStringLiteral("version"), Tr::tr("must be a whole number"));
        else if (version.toInt() < 1 || version.toInt() > FormatVersion)
            reader.fail(QStringLiteral("version"),
                Tr::tr("version %1 is not supported (this Easel reads up to %2)")
                    .arg(version.toInt())
                    .arg(FormatVersion));
    }
    doc.m_id = reader.string(json, {}, QStringLiteral("id"));
    doc.m_title = reader.string(json, {}, QStringLiteral("title"));
    const QJsonValue settings = json.value(QStringLiteral("settings"));
    if (reader.ok() && !settings.isUndefined() && !settings.isNull()) {
        if (const std::optional<QJsonObject> object = reader.object(settings, QStringLiteral("settings"))) {
            const QString where = QStringLiteral("settings");
            doc.m_settings.model = reader.string(*object, where, QStringLiteral("model"));
            doc.m_settings.negativePrompt = reader.string(*object, where, QStringLiteral("negative_prompt"));
            if (const auto steps = reader.integer(*object, where, QStringLiteral("steps"))) {
                if (*steps < 1 || *steps > 500)
                    reader.fail(Reader::field(where, QStringLiteral("steps")), Tr::tr("must be between 1 and 500"));
                doc.m_settings.steps = int(*steps);
            }
            doc.m_settings.guidance = reader.number(*object, where, QStringLiteral("guidance"));
            if (const auto size = reader.integer(*object, where, QStringLiteral("base_size"))) {
                if (*size < 0 || *size > 4096)
                    reader.fail(
                        Reader::field(where, QStringLiteral("base_size")), Tr::tr("must be between 0 and 4096"));
                doc.m_settings.baseSize = int(*size);
            }
            readEngineRoute(reader, *object, where, doc.m_settings.backend, doc.m_settings.fallback);
        }
    }
    QSet<QString> ids;
    const QJsonArray characters = reader.array(json, {}, QStringLiteral("characters"));
    for (int i = 0; i < characters.size() && reader.ok(); ++i) {
        const QString path = QStringLiteral("characters[%1]").arg(i);
        if (const std::optional<QJsonObject> object = reader.object(characters.at(i), path)) {
            StoryCharacter c = readCharacter(reader, *object, path);
            if (reader.ok() && ids.contains(c.id))
                reader.fail(path + QStringLiteral(".id"), Tr::tr("'%1' is used twice").arg(c.id));
            ids.insert(c.id);
            doc.m_characters.append(c);
        }
    }
    ids.clear();
    const QJsonArray locations = reader.array(json, {}, QStringLiteral("locations"));
    for (int i = 0; i < locations.size() && reader.ok(); ++i) {
        const QString path = QStringLiteral("locations[%1]").arg(i);
        if (const std::optional<QJsonObject> object = reader.object(locations.at(i), path)) {
            StoryLocation l = readLocation(reader, *object, path);
            if (reader.ok() && ids.contains(l.id))
                reader.fail(path + QStringLiteral(".id"), Tr::tr("'%1' is used twice").arg(l.id));
            ids.insert(l.id);
            doc.m_locations.append(l);
        }
    }
    ids.clear();
    const QJsonArray shots = reader.array(json, {}, QStringLiteral("shots"));
    for (int i = 0; i < shots.size() && reader.ok(); ++i) {
        const QString path = QStringLiteral("shots[%1]").arg(i);
        const std::optional<QJsonObject> object = reader.object(shots.at(i), path);
        if (!object)
            break;
        StoryShot s = readShot(reader, *object, path, i);
        if (!reader.ok())
            break;
        if (ids.contains(s.id))
            reader.fail(path + QStringLiteral(".id"), Tr::tr("'%1' is used twice").arg(s.id));
        ids.insert(s.id);
        for (int c = 0; c < s.characters.size() && reader.ok(); ++c) {
            if (!doc.character(s.characters.at(c).characterId))
                reader.fail(QStringLiteral("%1.characters[%2].id").arg(path).arg(c),
                    Tr::tr("unknown character '%1'").arg(s.characters.at(c).characterId));
        }
        const StoryLocation* location = s.locationId.isEmpty() ? nullptr : doc.location(s.locationId);
        if (reader.ok() && !s.locationId.isEmpty() && !location)
            reader.fail(path + QStringLiteral(".location"), Tr::tr("unknown location '%1'").arg(s.locationId));
        if (reader.ok() && !s.variantId.isEmpty() && (!location || !location->variant(s.variantId)))
            reader.fail(path + QStringLiteral(".variant"), Tr::tr("unknown variant '%1'").arg(s.variantId));
        if (reader.ok() && !s.keyframe.isEmpty() && !s.takes.contains(s.keyframe))
            reader.fail(path + QStringLiteral(".keyframe"), Tr::tr("must be one of the shot's takes"));
        doc.m_shots.append(s);
    }
    if (!reader.ok()) {
        if (errorMessage)
            *errorMessage = reader.error;
        return std::nullopt;
    }
    if (!baseDir.isEmpty())
        doc.m_filePath = QDir(baseDir).absoluteFilePath(QStringLiteral("story.json"));
    return doc;
}

QJsonObject StoryDocument::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("format"), QStringLiteral("easel-story"));
    json.insert(QStringLiteral("version"), FormatVersion);
    json.insert(QStringLiteral("id"), m_id);
    json.insert(QStringLiteral("title"), m_title);
    QJsonObject settings;
    settings.insert(QStringLiteral("model"), m_settings.model);
    settings.insert(QStringLiteral("negative_prompt"), m_settings.negativePrompt);
    if (m_settings.steps)
        settings.insert(QStringLiteral("steps"), *m_settings.steps);
    if (m_settings.guidance)
        settings.insert(QStringLiteral("guidance"), *m_settings.guidance);
    settings.insert(QStringLiteral("base_size"), m_settings.baseSize);
    if (!m_settings.backend.isEmpty())
        settings.insert(QStringLiteral("backend"), m_settings.backend);
    if (!m_settings.fallback.isEmpty())
        settings.insert(QStringLiteral("fallback"), toArray(m_settings.fallback));
    json.insert(QStringLiteral("settings"), settings);

    QJsonArray characters;
    for (const StoryCharacter& c : m_characters) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), c.id);
        o.insert(QStringLiteral("name"), c.name);
        o.insert(QStringLiteral("description"), c.description);
        QJsonObject appearance;
        for (auto it = c.appearance.begin(); it != c.appearance.end(); ++it)
            appearance.insert(it.key(), it.value());
        o.insert(QStringLiteral("appearance"), appearance);
        QJsonObject attire;
        attire.insert(QStringLiteral("style"), c.attireStyle);
        attire.insert(QStringLiteral("colours"), toArray(c.attireColours));
        o.insert(QStringLiteral("attire"), attire);
        o.insert(QStringLiteral("prompt_snippet"), c.promptSnippet);
        if (c.lora) {
            QJsonObject lora;
            lora.insert(QStringLiteral("file"), c.lora->file);
            lora.insert(QStringLiteral("trigger_words"), toArray(c.lora->triggerWords));
            if (c.lora->strength)
                lora.insert(QStringLiteral("strength"), *c.lora->strength);
            o.insert(QStringLiteral("lora"), lora);
        }
        o.insert(QStringLiteral("reference_images"), toArray(c.referenceImages));
        o.insert(QStringLiteral("locked_seed"), double(c.lockedSeed));
        characters.append(o);
    }
    json.insert(QStringLiteral("characters"), characters);

    QJsonArray locations;
    for (const StoryLocation& l : m_locations) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), l.id);
        o.insert(QStringLiteral("name"), l.name);
        o.insert(QStringLiteral("description"), l.description);
        o.insert(QStringLiteral("type"), l.type);
        o.insert(QStringLiteral("interior"), l.interior);
        o.insert(QStringLiteral("prompt_snippet"), l.promptSnippet);
        o.insert(QStringLiteral("reference_images"), toArray(l.referenceImages));
        o.insert(QStringLiteral("locked_seed"), double(l.lockedSeed));
        if (l.referenceStrength)
            o.insert(QStringLiteral("reference_strength"), *l.referenceStrength);
        QJsonArray variants;
        for (const LocationVariant& v : l.variants) {
            QJsonObject vo;
            vo.insert(QStringLiteral("id"), v.id);
            vo.insert(QStringLiteral("time_of_day"), v.timeOfDay);
            vo.insert(QStringLiteral("weather"), v.weather);
            vo.insert(QStringLiteral("prompt_snippet"), v.promptSnippet);
            variants.append(vo);
        }
        o.insert(QStringLiteral("variants"), variants);
        locations.append(o);
    }
    json.insert(QStringLiteral("locations"), locations);

    QJsonArray shots;
    for (const StoryShot& s : m_shots) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), s.id);
        o.insert(QStringLiteral("scene_id"), s.sceneId);
        o.insert(QStringLiteral("number"), s.number);
        o.insert(QStringLiteral("shot_type"), s.shotType);
        o.insert(QStringLiteral("description"), s.description);
        o.insert(QStringLiteral("style"), s.style);
        o.insert(QStringLiteral("lighting"), s.lighting);
        o.insert(QStringLiteral("camera_angle"), s.cameraAngle);
        o.insert(QStringLiteral("mood"), s.mood);
        QJsonArray cs;
        for (const ShotCharacter& c : s.characters) {
            QJsonObject co;
            co.insert(QStringLiteral("id"), c.characterId);
            co.insert(QStringLiteral("action"), c.action);
            cs.append(co);
        }
        o.insert(QStringLiteral("characters"), cs);
        o.insert(QStringLiteral("location"), s.locationId);
        o.insert(QStringLiteral("variant"), s.variantId);
        o.insert(QStringLiteral("aspect_ratio"), s.aspectRatio);
        o.insert(QStringLiteral("timestamp"), s.timestamp);
        o.insert(QStringLiteral("duration"), s.duration);
        o.insert(QStringLiteral("takes"), toArray(s.takes));
        o.insert(QStringLiteral("keyframe"), s.keyframe);
        o.insert(QStringLiteral("stale"), s.stale);
        if (!s.backend.isEmpty())
            o.insert(QStringLiteral("backend"), s.backend);
        if (!s.fallback.isEmpty())
            o.insert(QStringLiteral("fallback"), toArray(s.fallback));
        shots.append(o);
    }
    json.insert(QStringLiteral("shots"), shots);
    return json;
}

bool StoryDocument::save(const QString& path, QString* errorMessage)
{
    const QString native = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    const QByteArray data = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    // flush before commit: Qt 6.4 commits a short file on a full disk (see AtomicFile)
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.flush() || !file.commit()) {
        if (errorMessage)
            *errorMessage = Tr::tr("Cannot write %1: %2").arg(native, file.errorString());
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    return true;
}

QString StoryDocument::resolvePath(const QString& path) const
{
    if (path.isEmpty() || QFileInfo(path).isAbsolute() || m_filePath.isEmpty())
        return path;
    return QDir::cleanPath(QFileInfo(m_filePath).absoluteDir().absoluteFilePath(path));
}

void StoryDocument::setSettings(const StorySettings& settings)
{
    if (settings == m_settings)
        return;
    m_settings = settings;
    for (StoryShot& s : m_shots)
        s.stale = true;
}

const StoryCharacter* StoryDocument::character(const QString& id) const
{
    for (const StoryCharacter& c : m_characters) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

const StoryLocation* StoryDocument::location(const QString& id) const
{
    for (const StoryLocation& l : m_locations) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}

const StoryShot* StoryDocument::shot(const QString& id) const
{
    const int index = shotIndex(id);
    return index < 0 ? nullptr : &m_shots.at(index);
}

const StoryShot* StoryDocument::shotByNumber(int number) const
{
    for (const StoryShot& s : m_shots) {
        if (s.number == number)
            return &s;
    }
    return nullptr;
}

int StoryDocument::shotIndex(const QString& id) const
{
    for (int i = 0; i < m_shots.size(); ++i) {
        if (m_shots.at(i).id == id)
            return i;
    }
    return -1;
}

QStringList StoryDocument::setCharacter(const StoryCharacter& character)
{
    QStringList marked;
    for (StoryCharacter& c : m_characters) {
        if (c.id != character.id)
            continue;
        // reference images are for people, not the renderer: changing them keeps the shots fresh
        StoryCharacter renderedOld = c;
        StoryCharacter renderedNew = character;
        renderedOld.referenceImages.clear();
        renderedNew.referenceImages.clear();
        const bool changes = renderedOld != renderedNew;
        c = character;
        if (changes) {
            for (StoryShot& s : m_shots) {
                if (s.showsCharacter(character.id)) {
                    s.stale = true;
                    marked.append(s.id);
                }
            }
        }
        return marked;
    }
    m_characters.append(character);
    return marked;
}

QStringList StoryDocument::removeCharacter(const QString& id)
{
    QStringList marked;
    const auto removed
        = std::remove_if(m_characters.begin(), m_characters.end(), [&](const StoryCharacter& c) { return c.id == id; });
    if (removed == m_characters.end())
        return marked;
    m_characters.erase(removed, m_characters.end());
    for (StoryShot& s : m_shots) {
        if (!s.showsCharacter(id))
            continue;
        s.characters.erase(std::remove_if(s.characters.begin(), s.characters.end(),
                               [&](const ShotCharacter& c) { return c.characterId == id; }),
            s.characters.end());
        s.stale = true;
        marked.append(s.id);
    }
    return marked;
}

QStringList StoryDocument::setLocation(const StoryLocation& location)
{
    QStringList marked;
    for (StoryLocation& l : m_locations) {
        if (l.id != location.id)
            continue;
        StoryLocation renderedOld = l;
        StoryLocation renderedNew = location;
        // only the first reference image renders (img2img start), and only with a strength
        const auto keepRendered = [](StoryLocation& x) {
            x.referenceImages = x.referenceStrength && !x.referenceImages.isEmpty()
                ? QStringList { x.referenceImages.first() }
                : QStringList();
        };
        keepRendered(renderedOld);
        keepRendered(renderedNew);
        const bool changes = renderedOld != renderedNew;
        l = location;
        for (StoryShot& s : m_shots) {
            if (s.locationId != location.id)
                continue;
            bool shotChanged = changes;
            if (!s.variantId.isEmpty() && !location.variant(s.variantId)) {
                s.variantId.clear();
                shotChanged = true;
            }
            if (shotChanged) {
                s.stale = true;
                marked.append(s.id);
            }
        }
        return marked;
    }
    m_locations.append(location);
    return marked;
}

QStringList StoryDocument::removeLocation(const QString& id)
{
    QStringList marked;
    const auto removed
        = std::remove_if(m_locations.begin(), m_locations.end(), [&](const StoryLocation& l) { return l.id == id; });
    if (removed == m_locations.end())
        return marked;
    m_locations.erase(removed, m_locations.end());
    for (StoryShot& s : m_shots) {
        if (s.locationId != id)
            continue;
        s.locationId.clear();
        s.variantId.clear();
        s.stale = true;
        marked.append(s.id);
    }
    return marked;
}

bool StoryDocument::setShot(const StoryShot& shot, QString* errorMessage)
{
    const auto failed = [&](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    if (shot.id.trimmed().isEmpty())
        return failed(Tr::tr("%1: %2").arg(QStringLiteral("id"), Tr::tr("must not be empty")));
    for (int c = 0; c < shot.characters.size(); ++c) {
        if (!character(shot.characters.at(c).characterId))
            return failed(Tr::tr("%1: %2").arg(QStringLiteral("characters[%1].id").arg(c),
                Tr::tr("unknown character '%1'").arg(shot.characters.at(c).characterId)));
    }
    const StoryLocation* where = shot.locationId.isEmpty() ? nullptr : location(shot.locationId);
    if (!shot.locationId.isEmpty() && !where)
        return failed(
            Tr::tr("%1: %2").arg(QStringLiteral("location"), Tr::tr("unknown location '%1'").arg(shot.locationId)));
    if (!shot.variantId.isEmpty() && (!where || !where->variant(shot.variantId)))
        return failed(
            Tr::tr("%1: %2").arg(QStringLiteral("variant"), Tr::tr("unknown variant '%1'").arg(shot.variantId)));
    if (!checkEngineRoute(shot.backend, shot.fallback, errorMessage))
        return false;
    const int index = shotIndex(shot.id);
    if (index < 0) {
        StoryShot added = shot;
        added.stale = added.stale || added.takes.isEmpty();
        if (added.number <= 0)
            added.number = m_shots.isEmpty() ? 1 : m_shots.last().number + 1;
        m_shots.append(added);
        return true;
    }
    StoryShot& old = m_shots[index];
    const bool changes = old.rendersDifferentlyFrom(shot);
    const bool wasStale = old.stale;
    old = shot;
    old.stale = shot.stale || wasStale || changes;
    return true;
}

bool StoryDocument::checkEngineRoute(const QString& backend, const QStringList& fallback, QString* errorMessage)
{
    QString field;
    const QString problem = engineRouteProblem(backend, fallback, field);
    if (!problem.isEmpty() && errorMessage)
        *errorMessage = Tr::tr("%1: %2").arg(field, problem);
    return problem.isEmpty();
}

bool StoryDocument::removeShot(const QString& id)
{
    const int index = shotIndex(id);
    if (index < 0)
        return false;
    m_shots.removeAt(index);
    return true;
}

bool StoryDocument::moveShot(const QString& id, int index)
{
    const int from = shotIndex(id);
    if (from < 0)
        return false;
    const int to = std::clamp(index, 0, int(m_shots.size()) - 1);
    m_shots.move(from, to);
    for (int i = 0; i < m_shots.size(); ++i)
        m_shots[i].number = i + 1;
    return true;
}

bool StoryDocument::setTakes(const QString& shotId, const QStringList& takes)
{
    const int index = shotIndex(shotId);
    if (index < 0)
        return false;
    StoryShot& s = m_shots[index];
    s.takes = takes;
    if (!takes.contains(s.keyframe))
        s.keyframe = takes.value(0);
    s.stale = false;
    return true;
}

bool StoryDocument::setKeyframe(const QString& shotId, const QString& take)
{
    const int index = shotIndex(shotId);
    if (index < 0 || !m_shots.at(index).takes.contains(take))
        return false;
    m_shots[index].keyframe = take;
    return true;
}

std::optional<QStringList> StoryDocument::selectShots(const QString& selection, QString* errorMessage) const
{
    const auto failed = [&](const QString& message) -> std::optional<QStringList> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    QSet<int> numbers;
    const QStringList items = selection.split(QLatin1Char(','));
    static const QRegularExpression range(QStringLiteral("^\\s*([0-9]{1,6})\\s*(?:-\\s*([0-9]{1,6})\\s*)?$"));
    for (const QString& item : items) {
        const QRegularExpressionMatch match = range.match(item);
        if (!match.hasMatch())
            return failed(
                Tr::tr("Not a shot selection: '%1' (use numbers and ranges, like 1-5,8)").arg(item.trimmed()));
        const int first = match.captured(1).toInt();
        const int last = match.captured(2).isEmpty() ? first : match.captured(2).toInt();
        if (last < first)
            return failed(
                Tr::tr("Not a shot selection: '%1' (use numbers and ranges, like 1-5,8)").arg(item.trimmed()));
        for (int n = first; n <= last; ++n) {
            if (!shotByNumber(n))
                return failed(Tr::tr("The story has no shot %1").arg(n));
            numbers.insert(n);
        }
    }
    QStringList ids;
    for (const StoryShot& s : m_shots) {
        if (numbers.contains(s.number) && !ids.contains(s.id))
            ids.append(s.id);
    }
    return ids;
}

QStringList StoryDocument::staleShots() const
{
    QStringList ids;
    for (const StoryShot& s : m_shots) {
        if (s.stale)
            ids.append(s.id);
    }
    return ids;
}

bool StoryDocument::operator==(const StoryDocument& o) const
{
    return m_id == o.m_id && m_title == o.m_title && m_settings == o.m_settings && m_characters == o.m_characters
        && m_locations == o.m_locations && m_shots == o.m_shots;
}

} // namespace easel
