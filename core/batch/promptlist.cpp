// SPDX-License-Identifier: MIT
#include "batch/promptlist.h"

#include "recipe/engineid.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace easel {

namespace {

// tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
// namespace, and the translation would not be found).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(easel::PromptList)
};

} // namespace

qint64 PromptEntry::timestampMs() const { return PromptList::timestampToMilliseconds(timestamp); }

QString PromptEntry::frameFileName() const { return PromptList::frameFileName(timestampMs()); }

qint64 PromptList::timestampToMilliseconds(double seconds)
{
    return static_cast<qint64>(std::llround(seconds * 1000.0));
}

QString PromptList::frameFileName(qint64 timestampMs)
{
    return QStringLiteral("frame_%1.png").arg(timestampMs, 8, 10, QLatin1Char('0'));
}

QString PromptList::sanitizeVideoName(const QString& name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f || forbidden.contains(c)) ? QLatin1Char('_') : c;
    }
    while (out.contains(QLatin1String("..")))
        out.replace(QLatin1String(".."), QLatin1String("."));
    auto isTrimmed = [](QChar c) { return c == QLatin1Char('.') || c.isSpace(); };
    while (!out.isEmpty() && isTrimmed(out.front()))
        out.remove(0, 1);
    while (!out.isEmpty() && isTrimmed(out.back()))
        out.chop(1);
    out.truncate(120);
    while (!out.isEmpty() && isTrimmed(out.back()))
        out.chop(1);
    if (out.isEmpty())
        return QStringLiteral("video");

    static const QStringList reserved = { QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
        QStringLiteral("NUL"), QStringLiteral("COM1"), QStringLiteral("COM2"), QStringLiteral("COM3"),
        QStringLiteral("COM4"), QStringLiteral("COM5"), QStringLiteral("COM6"), QStringLiteral("COM7"),
        QStringLiteral("COM8"), QStringLiteral("COM9"), QStringLiteral("LPT1"), QStringLiteral("LPT2"),
        QStringLiteral("LPT3"), QStringLiteral("LPT4"), QStringLiteral("LPT5"), QStringLiteral("LPT6"),
        QStringLiteral("LPT7"), QStringLiteral("LPT8"), QStringLiteral("LPT9") };
    const QString stem = out.section(QLatin1Char('.'), 0, 0);
    if (reserved.contains(stem, Qt::CaseInsensitive)) {
        out.prepend(QLatin1Char('_'));
        // Found by fuzzing: the prefix made a long name 121 characters, which sanitising again changed.
        out.truncate(120);
        while (isTrimmed(out.back()))
            out.chop(1);
    }
    return out;
}

std::optional<PromptList> PromptList::fromFile(const QString& path, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = Tr::tr("%1: cannot read: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return std::nullopt;
    }
    std::optional<PromptList> list = fromJson(file.readAll(), path, errorMessage);
    if (list)
        list->m_sourceFile = path;
    return list;
}

namespace {

/// Reads one entry of the list; returns a message (without the entry's number) when it is malformed.
/// `entryByFrame`: the frames of the entries read so far, to refuse two entries on one frame.
QString readEntry(const QJsonValue& value, const QHash<qint64, int>& entryByFrame, PromptEntry& entry)
{
    if (!value.isObject())
        return Tr::tr("must be an object");
    const QJsonObject o = value.toObject();
    const QJsonValue prompt = o.value(QStringLiteral("prompt"));
    if (prompt.isUndefined())
        return Tr::tr("'prompt' is missing");
    if (!prompt.isString())
        return Tr::tr("'prompt' must be a string");
    if (prompt.toString().trimmed().isEmpty())
        return Tr::tr("'prompt' is empty");
    entry.prompt = prompt.toString();

    const QJsonValue timestamp = o.value(QStringLiteral("timestamp"));
    if (timestamp.isUndefined())
        return Tr::tr("'timestamp' is missing");
    if (!timestamp.isDouble() || !std::isfinite(timestamp.toDouble()) || timestamp.toDouble() < 0.0)
        return Tr::tr("'timestamp' must be a non-negative number");
    entry.timestamp = timestamp.toDouble();
    if (timestamp.toDouble() * 1000.0 > static_cast<double>(PromptList::MaxTimestampMs))
        return Tr::tr("'timestamp' must be at most %1 seconds").arg(PromptList::MaxTimestampMs / 1000.0, 0, 'f', 3);
    const auto previous = entryByFrame.constFind(entry.timestampMs());
    if (previous != entryByFrame.cend())
        return Tr::tr("'timestamp' %1 duplicates entry %2 (both are %3)")
            .arg(QString::number(entry.timestamp, 'g', QLocale::FloatingPointShortest))
            .arg(previous.value())
            .arg(entry.frameFileName());

    const QJsonValue negative = o.value(QStringLiteral("negative_prompt"));
    if (!negative.isUndefined() && !negative.isNull()) {
        if (!negative.isString())
            return Tr::tr("'negative_prompt' must be a string");
        entry.negativePrompt = negative.toString();
    }

    const QJsonValue seed = o.value(QStringLiteral("seed"));
    if (!seed.isUndefined() && !seed.isNull()) {
        const double s = seed.toDouble();
        if (!seed.isDouble() || !std::isfinite(s) || s != std::floor(s))
            return Tr::tr("'seed' must be an integer");
        if (s < 0.0 || s > static_cast<double>(PromptList::MaxSeed))
            return Tr::tr("'seed' must be from 0 to %1").arg(PromptList::MaxSeed);
        entry.seed = static_cast<qint64>(s);
    }

    const QJsonValue backend = o.value(QStringLiteral("backend"));
    if (!backend.isUndefined() && !backend.isNull()) {
        entry.backend = backend.toString().trimmed().toLower();
        if (!backend.isString() || !isEngineId(entry.backend))
            return Tr::tr("'backend' must be one of local, comfyui, openai, stability");
    }
    const QJsonValue fallback = o.value(QStringLiteral("fallback"));
    if (!fallback.isUndefined() && !fallback.isNull()) {
        if (!fallback.isArray())
            return Tr::tr("'fallback' must be a list of engines");
        for (const QJsonValue& item : fallback.toArray()) {
            const QString id = item.toString().trimmed().toLower();
            if (!item.isString() || !isEngineId(id))
                return Tr::tr("'fallback' must be a list of engines");
            entry.fallback << id;
        }
        const int local = int(entry.fallback.indexOf(QStringLiteral("local")));
        if (local >= 0 && local != entry.fallback.size() - 1)
            return Tr::tr("'fallback' may name local only last");
    }
    return {};
}

} // namespace

std::optional<PromptList> PromptList::fromJson(const QByteArray& json, const QString& fileName, QString* errorMessage)
{
    const QFileInfo fileInfo(fileName);
    const QString shownName = fileInfo.fileName();
    auto fail = [&](const QString& message) -> std::optional<PromptList> {
        if (errorMessage)
            *errorMessage = shownName + QStringLiteral(": ") + message;
        return std::nullopt;
    };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QString topLevelError
        = Tr::tr("the top level must be an object with a 'prompts' array or an array of prompt entries");
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonDocument refuses a bare string or number at the top level; that is valid JSON of the wrong kind.
        QJsonParseError wrappedError;
        QJsonDocument::fromJson(QByteArray("[") + json + QByteArray("]"), &wrappedError);
        if (wrappedError.error == QJsonParseError::NoError)
            return fail(topLevelError);
        return fail(Tr::tr("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    }

    PromptList list;
    list.m_sourceFile = fileName;
    QString videoName = fileInfo.completeBaseName();
    QJsonArray prompts;
    if (doc.isArray()) {
        prompts = doc.array();
    } else if (doc.isObject()) {
        const QJsonObject root = doc.object();
        const QJsonValue name = root.value(QStringLiteral("video_name"));
        if (!name.isUndefined() && !name.isNull()) {
            if (!name.isString())
                return fail(Tr::tr("'video_name' must be a string"));
            if (!name.toString().trimmed().isEmpty())
                videoName = name.toString();
        }
        const QJsonValue entries = root.value(QStringLiteral("prompts"));
        if (entries.isUndefined())
            return fail(Tr::tr("'prompts' is missing"));
        if (!entries.isArray())
            return fail(Tr::tr("'prompts' must be an array"));
        prompts = entries.toArray();
    } else {
        return fail(topLevelError);
    }
    if (prompts.isEmpty())
        return fail(Tr::tr("the prompt list is empty"));
    list.m_videoName = sanitizeVideoName(videoName);

    QHash<qint64, int> entryByFrame;
    for (int i = 0; i < prompts.size(); ++i) {
        PromptEntry entry;
        entry.index = i;
        if (const QString e = readEntry(prompts.at(i), entryByFrame, entry); !e.isEmpty())
            return fail(Tr::tr("entry %1: %2").arg(i).arg(e));
        entryByFrame.insert(entry.timestampMs(), i);
        list.m_entries.append(entry);
    }
    return list;
}

} // namespace easel
