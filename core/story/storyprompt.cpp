// SPDX-License-Identifier: MIT
#include "story/storyprompt.h"

#include "jobs/resources.h"
#include "settings/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StoryPromptBuilder)
    };

    constexpr int ChunkTokens = 75;

    QString joinPhrases(const QStringList& phrases)
    {
        QStringList kept;
        for (const QString& phrase : phrases) {
            const QString trimmed = phrase.trimmed();
            if (!trimmed.isEmpty())
                kept.append(trimmed);
        }
        return kept.join(QStringLiteral(", "));
    }

    /// The comma-separated phrases of a text, trimmed, empty ones left out.
    QStringList phrasesOf(const QString& text)
    {
        QStringList result;
        for (const QString& phrase : text.split(QLatin1Char(','))) {
            const QString trimmed = phrase.trimmed();
            if (!trimmed.isEmpty())
                result.append(trimmed);
        }
        return result;
    }

    /// Reads one template file into `out`; false with a one-line message naming the file and the field.
    bool readTemplateFile(
        const QString& path, bool builtIn, QList<QPair<StoryTemplateKind, StoryTemplate>>& out, QString* errorMessage)
    {
        const QString native = QDir::toNativeSeparators(path);
        const auto failed = [&](const QString& why) {
            if (errorMessage)
                *errorMessage = Tr::tr("Cannot read %1: %2").arg(native, why);
            return false;
        };
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return failed(file.errorString());
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return failed(Tr::tr("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
        if (!json.isObject())
            return failed(Tr::tr("must be an object"));
        const QJsonObject root = json.object();
        QList<QPair<StoryTemplateKind, StoryTemplate>> read;
        for (auto it = root.begin(); it != root.end(); ++it) {
            const std::optional<StoryTemplateKind> kind = storyTemplateKindFromKey(it.key());
            if (!kind)
                return failed(Tr::tr("%1: %2").arg(it.key(), Tr::tr("unknown template kind")));
            if (!it.value().isArray())
                return failed(Tr::tr("%1: %2").arg(it.key(), Tr::tr("must be a list")));
            const QJsonArray entries = it.value().toArray();
            for (int i = 0; i < entries.size(); ++i) {
                const QString where = QStringLiteral("%1[%2]").arg(it.key()).arg(i);
                if (!entries.at(i).isObject())
                    return failed(Tr::tr("%1: %2").arg(where, Tr::tr("must be an object")));
                const QJsonObject o = entries.at(i).toObject();
                StoryTemplate t;
                for (const char* key : { "id", "title", "prompt", "negative" }) {
                    const QJsonValue value = o.value(QLatin1String(key));
                    if (!value.isUndefined() && !value.isString())
                        return failed(Tr::tr("%1: %2").arg(
                            where + QLatin1Char('.') + QLatin1String(key), Tr::tr("must be a string")));
                }
                t.id = o.value(QStringLiteral("id")).toString().trimmed();
                t.prompt = o.value(QStringLiteral("prompt")).toString().trimmed();
                t.title = o.value(QStringLiteral("title")).toString().trimmed();
                t.negative = o.value(QStringLiteral("negative")).toString().trimmed();
                if (t.id.isEmpty())
                    return failed(Tr::tr("%1: %2").arg(where, Tr::tr("missing 'id'")));
                if (t.prompt.isEmpty())
                    return failed(Tr::tr("%1: %2").arg(where, Tr::tr("missing 'prompt'")));
                if (t.title.isEmpty())
                    t.title = t.id;
                t.builtIn = builtIn;
                t.sourceFile = QFileInfo(path).absoluteFilePath();
                read.append({ *kind, t });
            }
        }
        out.append(read);
        return true;
    }

} // namespace

QList<StoryTemplateKind> storyTemplateKinds()
{
    return { StoryTemplateKind::ShotType, StoryTemplateKind::Style, StoryTemplateKind::Lighting,
        StoryTemplateKind::CameraAngle, StoryTemplateKind::Mood, StoryTemplateKind::Action,
        StoryTemplateKind::LocationType };
}

QString storyTemplateKindKey(StoryTemplateKind kind)
{
    switch (kind) {
    case StoryTemplateKind::ShotType:
        return QStringLiteral("shot_types");
    case StoryTemplateKind::Style:
        return QStringLiteral("styles");
    case StoryTemplateKind::Lighting:
        return QStringLiteral("lighting");
    case StoryTemplateKind::CameraAngle:
        return QStringLiteral("camera_angles");
    case StoryTemplateKind::Mood:
        return QStringLiteral("moods");
    case StoryTemplateKind::Action:
        return QStringLiteral("actions");
    case StoryTemplateKind::LocationType:
        return QStringLiteral("location_types");
    }
    return {};
}

std::optional<StoryTemplateKind> storyTemplateKindFromKey(const QString& key)
{
    for (StoryTemplateKind kind : storyTemplateKinds()) {
        if (storyTemplateKindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString StoryTemplateLibrary::builtInDir() { return resourcePath(QStringLiteral("story")); }

QString StoryTemplateLibrary::defaultUserDir() { return paths::dataDir() + QStringLiteral("/story-templates"); }

bool StoryTemplateLibrary::load(const QString& builtInDir, const QStringList& userDirs, QStringList* errors)
{
    m_templates.clear();
    bool ok = true;
    const auto readDir = [&](const QString& dir, bool builtIn) {
        if (dir.isEmpty() || !QFileInfo(dir).isDir())
            return;
        const QStringList files = QDir(dir).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            QList<QPair<StoryTemplateKind, StoryTemplate>> read;
            QString message;
            if (!readTemplateFile(QDir(dir).absoluteFilePath(name), builtIn, read, &message)) {
                ok = false;
                if (errors)
                    errors->append(message);
                continue;
            }
            for (const auto& entry : std::as_const(read))
                add(entry.first, entry.second);
        }
    };
    readDir(builtInDir, true);
    for (const QString& dir : userDirs)
        readDir(dir, false);
    return ok;
}

bool StoryTemplateLibrary::loadDefault(QStringList* errors) { return load(builtInDir(), { defaultUserDir() }, errors); }

QList<StoryTemplate> StoryTemplateLibrary::templates(StoryTemplateKind kind) const
{
    QList<StoryTemplate> result;
    for (const auto& entry : m_templates) {
        if (entry.first == kind)
            result.append(entry.second);
    }
    return result;
}

QStringList StoryTemplateLibrary::ids(StoryTemplateKind kind) const
{
    QStringList result;
    for (const auto& entry : m_templates) {
        if (entry.first == kind)
            result.append(entry.second.id);
    }
    return result;
}

std::optional<StoryTemplate> StoryTemplateLibrary::find(StoryTemplateKind kind, const QString& id) const
{
    for (const auto& entry : m_templates) {
        if (entry.first == kind && entry.second.id.compare(id.trimmed(), Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return std::nullopt;
}

void StoryTemplateLibrary::add(StoryTemplateKind kind, const StoryTemplate& entry)
{
    for (auto& existing : m_templates) {
        if (existing.first == kind && existing.second.id.compare(entry.id, Qt::CaseInsensitive) == 0) {
            existing.second = entry;
            return;
        }
    }
    m_templates.append({ kind, entry });
}

StoryPromptBuilder::StoryPromptBuilder(StoryTemplateLibrary library, PromptTokenCounter counter)
    : m_library(std::move(library))
    , m_counter(std::move(counter))
{
}

QString StoryPromptBuilder::expand(StoryTemplateKind kind, const QString& value) const
{
    if (value.trimmed().isEmpty())
        return {};
    if (const std::optional<StoryTemplate> t = m_library.find(kind, value))
        return t->prompt;
    return value.trimmed();
}

StoryPrompt StoryPromptBuilder::build(const StoryDocument& document, const StoryShot& shot) const
{
    StoryPrompt result;
    QStringList negatives = phrasesOf(document.settings().negativePrompt);
    const auto use = [&](StoryTemplateKind kind, const QString& value) {
        if (value.trimmed().isEmpty())
            return QString();
        if (const std::optional<StoryTemplate> t = m_library.find(kind, value)) {
            negatives.append(phrasesOf(t->negative));
            return t->prompt;
        }
        return value.trimmed();
    };

    // Each part: phrases in priority order (the first ones are kept when the part must be shortened).
    struct Draft {
        StoryPromptPart::Kind kind;
        QString label;
        QStringList phrases;
    };
    QList<Draft> drafts;

    drafts.append({ StoryPromptPart::Kind::Shot, Tr::tr("shot"),
        phrasesOf(joinPhrases({ use(StoryTemplateKind::ShotType, shot.shotType),
            use(StoryTemplateKind::CameraAngle, shot.cameraAngle), shot.description })) });

    for (const ShotCharacter& inShot : shot.characters) {
        const StoryCharacter* c = document.character(inShot.characterId);
        if (!c)
            continue;
        QStringList phrases;
        if (c->lora)
            phrases.append(c->lora->triggerWords);
        phrases.append(c->name);
        phrases.append(phrasesOf(c->promptSnippet));
        phrases.append(phrasesOf(use(StoryTemplateKind::Action, inShot.action)));
        for (auto it = c->appearance.begin(); it != c->appearance.end(); ++it)
            phrases.append(phrasesOf(it.value()));
        if (!c->attireStyle.trimmed().isEmpty()) {
            // prompt words stay English whatever the locale: the models read English
            QString attire = QStringLiteral("wearing %1").arg(c->attireStyle.trimmed());
            QStringList colours;
            for (const QString& colour : c->attireColours) {
                if (!colour.trimmed().isEmpty())
                    colours.append(colour.trimmed());
            }
            if (!colours.isEmpty())
                attire += QStringLiteral(" in %1").arg(colours.join(QStringLiteral(" and ")));
            phrases.append(attire);
        }
        phrases.append(phrasesOf(c->description));
        drafts.append({ StoryPromptPart::Kind::Character, c->name, phrases });
    }

    if (const StoryLocation* l = shot.locationId.isEmpty() ? nullptr : document.location(shot.locationId)) {
        QStringList phrases;
        phrases.append(phrasesOf(use(StoryTemplateKind::LocationType, l->type)));
        phrases.append(l->interior ? QStringLiteral("interior") : QStringLiteral("exterior"));
        phrases.append(phrasesOf(l->promptSnippet));
        if (const LocationVariant* v = shot.variantId.isEmpty() ? nullptr : l->variant(shot.variantId)) {
            phrases.append(phrasesOf(v->timeOfDay));
            phrases.append(phrasesOf(v->weather));
            phrases.append(phrasesOf(v->promptSnippet));
        }
        phrases.append(phrasesOf(l->description));
        drafts.append({ StoryPromptPart::Kind::Location, l->name, phrases });
    }

    drafts.append({ StoryPromptPart::Kind::Style, Tr::tr("style"),
        phrasesOf(joinPhrases({ use(StoryTemplateKind::Style, shot.style),
            use(StoryTemplateKind::Lighting, shot.lighting), use(StoryTemplateKind::Mood, shot.mood) })) });

    QStringList texts;
    for (Draft& draft : drafts) {
        QStringList phrases;
        for (const QString& phrase : std::as_const(draft.phrases)) {
            if (!phrase.isEmpty() && !phrases.contains(phrase, Qt::CaseInsensitive))
                phrases.append(phrase);
        }
        if (phrases.isEmpty())
            continue;
        // BREAK inside a part would split it: keep the word out of free text
        for (QString& phrase : phrases)
            phrase.replace(QStringLiteral("BREAK"), QStringLiteral("break"));
        StoryPromptPart part;
        part.kind = draft.kind;
        part.label = draft.label;
        part.text = phrases.join(QStringLiteral(", "));
        PromptTokenCount count = m_counter.count(part.text, PromptSyntax::A1111);
        if (count.valid && count.tokens > ChunkTokens) {
            QStringList dropped;
            while (phrases.size() > 1 && count.tokens > ChunkTokens) {
                dropped.prepend(phrases.takeLast());
                part.text = phrases.join(QStringLiteral(", "));
                count = m_counter.count(part.text, PromptSyntax::A1111);
            }
            if (count.tokens > ChunkTokens) {
                result.notes.append(
                    Tr::tr("%1: one phrase is longer than 75 tokens and takes more than one chunk").arg(part.label));
            }
            if (!dropped.isEmpty()) {
                result.notes.append(Tr::tr("%1: left out \"%2\" to keep the part within 75 tokens")
                                        .arg(part.label, dropped.join(QStringLiteral(", "))));
            }
        }
        if (!count.valid && !count.error.isEmpty() && result.notes.isEmpty())
            result.notes.append(count.error);
        part.tokens = count.valid ? count.tokens : 0;
        part.firstChunk = result.chunks;
        result.chunks += count.valid ? std::max(1, count.chunkCount()) : 1;
        result.tokens += part.tokens;
        texts.append(part.text);
        result.parts.append(part);
    }
    result.prompt = texts.join(QStringLiteral(" BREAK "));

    QStringList negative;
    for (const QString& phrase : std::as_const(negatives)) {
        if (!negative.contains(phrase, Qt::CaseInsensitive))
            negative.append(phrase);
    }
    result.negative = negative.join(QStringLiteral(", "));
    return result;
}

} // namespace easel
