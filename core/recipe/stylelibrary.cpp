// SPDX-License-Identifier: MIT
#include "recipe/stylelibrary.h"

#include "recipe/engineid.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <cmath>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StyleLibrary)
    };

    const QString kPromptPlaceholder = QStringLiteral("{prompt}");

    /// "Film Noir 2" -> "film-noir-2".
    QString slug(const QString& text)
    {
        static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
        QString s = text.toLower().replace(nonWord, QStringLiteral("-"));
        while (s.startsWith(QLatin1Char('-')))
            s.remove(0, 1);
        while (s.endsWith(QLatin1Char('-')))
            s.chop(1);
        return s;
    }

    bool isValidId(const QString& id)
    {
        static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
        return valid.match(id).hasMatch();
    }

    /// A1111's way of combining a style's text with the user's: {prompt} replaced, else joined after it.
    QString combine(const QString& styleText, const QString& userText)
    {
        if (styleText.isEmpty())
            return userText;
        if (styleText.contains(kPromptPlaceholder))
            return QString(styleText).replace(kPromptPlaceholder, userText);
        if (userText.trimmed().isEmpty())
            return styleText;
        return userText + QStringLiteral(", ") + styleText;
    }

    QString absoluteFrom(const QString& baseDir, const QString& path)
    {
        return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
    }

    /// Reads one style's fields, remembering the first problem as "'key' problem".
    class StyleReader {
    public:
        explicit StyleReader(const QJsonObject& json)
            : m_json(json)
        {
        }

        bool ok() const { return m_error.isEmpty(); }
        const QString& error() const { return m_error; }

        void fail(const QString& key, const QString& what)
        {
            if (m_error.isEmpty())
                m_error = Tr::tr("'%1' %2").arg(key, what);
        }

        void string(const QString& key, QString& out)
        {
            const QJsonValue v = m_json.value(key);
            if (v.isUndefined())
                return;
            if (!v.isString())
                return fail(key, Tr::tr("must be a string"));
            out = v.toString();
        }

        /// An engine id ("local", "comfyui", "openai", "stability", "comfyui@host:port"), lower-cased.
        void backend(const QString& key, QString& out)
        {
            string(key, out);
            out = out.trimmed().toLower();
            if (!out.isEmpty() && !isEngineId(out))
                fail(key, Tr::tr("must be one of local, comfyui, openai, stability"));
        }

        void backendList(const QString& key, QStringList& out)
        {
            const QJsonValue v = m_json.value(key);
            if (v.isUndefined())
                return;
            if (!v.isArray())
                return fail(key, Tr::tr("must be a list of engines, e.g. [\"stability\", \"local\"]"));
            for (const QJsonValue& item : v.toArray()) {
                const QString id = item.toString().trimmed().toLower();
                if (!item.isString() || !isEngineId(id))
                    return fail(key, Tr::tr("must be one of local, comfyui, openai, stability"));
                out << id;
            }
            if (out.contains(QStringLiteral("local")) && out.indexOf(QStringLiteral("local")) != out.size() - 1)
                fail(key, Tr::tr("may name local only last"));
        }

        void integer(const QString& key, std::optional<int>& out, const limits::IntLimit& range, int multiple = 1)
        {
            const QJsonValue v = m_json.value(key);
            if (v.isUndefined())
                return;
            const double d = v.toDouble(std::nan(""));
            if (!v.isDouble() || d != std::floor(d) || d < range.min || d > range.max || int(d) % multiple != 0) {
                return fail(key,
                    multiple > 1
                        ? Tr::tr("must be a multiple of %1 from %2 to %3").arg(multiple).arg(range.min).arg(range.max)
                        : Tr::tr("must be an integer from %1 to %2").arg(range.min).arg(range.max));
            }
            out = int(d);
        }

        void number(const QString& key, std::optional<double>& out, const limits::RealLimit& range)
        {
            const QJsonValue v = m_json.value(key);
            if (v.isUndefined())
                return;
            if (!v.isDouble() || !(v.toDouble() >= range.min && v.toDouble() <= range.max))
                return fail(key, Tr::tr("must be a number from %1 to %2").arg(range.min).arg(range.max));
            out = v.toDouble();
        }

        void sampler(std::optional<Sampler>& out)
        {
            QString name;
            string(QStringLiteral("sampler"), name);
            if (name.isEmpty())
                return;
            out = samplerFromName(name.toLower());
            if (!out)
                out = ImageRecipe::samplerFromA1111Name(name);
            if (!out)
                fail(QStringLiteral("sampler"),
                    Tr::tr("has an unknown value '%1' (one of %2)").arg(name, samplerNames().join(QLatin1Char('|'))));
        }

        // "loras": [{"file": F | "name": N, "weight": W}, ...]
        void loras(const QString& baseDir, QList<LoraSpec>& out)
        {
            const QJsonValue loras = m_json.value(QStringLiteral("loras"));
            if (loras.isUndefined())
                return;
            const QString malformed = Tr::tr("must be a list of {file or name, weight} objects");
            if (!loras.isArray())
                return fail(QStringLiteral("loras"), malformed);
            for (const QJsonValue& v : loras.toArray()) {
                const QJsonObject o = v.toObject();
                const QString file = o.value(QStringLiteral("file")).toString();
                const QString name = o.value(QStringLiteral("name")).toString();
                const QJsonValue weight = o.value(QStringLiteral("weight"));
                if (!v.isObject() || file.isEmpty() == name.isEmpty()
                    || !(weight.isUndefined() || (weight.isDouble() && std::isfinite(weight.toDouble()))))
                    return fail(QStringLiteral("loras"), malformed);
                LoraSpec spec { file.isEmpty() ? name : absoluteFrom(baseDir, file), std::nullopt };
                if (weight.isDouble())
                    spec.weight = weight.toDouble();
                out.append(spec);
            }
        }

    private:
        const QJsonObject& m_json;
        QString m_error;
    };

} // namespace

QString Style::expandPrompt(const QString& prompt) const { return combine(promptTemplate, prompt); }

void Style::apply(ImageRecipe& recipe) const
{
    recipe.prompt = expandPrompt(recipe.prompt);
    recipe.negativePrompt = combine(negativePrompt, recipe.negativePrompt);
    int position = 0;
    for (const LoraSpec& spec : loras) {
        const double weight = spec.weight.value_or(automaticStyleLoraWeight());
        if (QFileInfo(spec.path).isAbsolute()) {
            recipe.loras.insert(position++, { spec.path, weight });
        } else {
            recipe.prompt += QStringLiteral(" <lora:%1:%2>").arg(spec.path, QString::number(weight));
        }
    }
    if (sampler)
        recipe.sampler = *sampler;
    if (steps)
        recipe.steps = *steps;
    if (guidance)
        recipe.guidance = *guidance;
    if (width)
        recipe.width = *width;
    if (height)
        recipe.height = *height;
    recipe.extras.insert(QLatin1String(StyleExtrasKey), id);
}

QString Style::folderName() const
{
    static const QRegularExpression unsafe(QStringLiteral("[\\s<>:\"/\\\\|?*\\x00-\\x1f]+"));
    QString name = QStringLiteral("%1_%2").arg(id, title.trimmed());
    name.replace(unsafe, QStringLiteral("_"));
    return name;
}

QJsonObject Style::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id }, { QStringLiteral("title"), title } };
    if (!promptTemplate.isEmpty())
        o.insert(QStringLiteral("prompt"), promptTemplate);
    if (!negativePrompt.isEmpty())
        o.insert(QStringLiteral("negative_prompt"), negativePrompt);
    if (!loras.isEmpty()) {
        QJsonArray array;
        for (const LoraSpec& spec : loras) {
            QJsonObject l { { QFileInfo(spec.path).isAbsolute() ? QStringLiteral("file") : QStringLiteral("name"),
                spec.path } };
            if (spec.weight)
                l.insert(QStringLiteral("weight"), *spec.weight);
            array.append(l);
        }
        o.insert(QStringLiteral("loras"), array);
    }
    if (sampler)
        o.insert(QStringLiteral("sampler"), samplerName(*sampler));
    if (steps)
        o.insert(QStringLiteral("steps"), *steps);
    if (guidance)
        o.insert(QStringLiteral("guidance"), *guidance);
    if (width)
        o.insert(QStringLiteral("width"), *width);
    if (height)
        o.insert(QStringLiteral("height"), *height);
    if (!thumbnailPath.isEmpty())
        o.insert(QStringLiteral("thumbnail"), thumbnailPath);
    if (!backend.isEmpty())
        o.insert(QStringLiteral("backend"), backend);
    if (!fallback.isEmpty())
        o.insert(QStringLiteral("fallback"), QJsonArray::fromStringList(fallback));
    return o;
}

std::optional<Style> Style::fromJson(
    const QJsonObject& json, const QString& baseDir, const QString& fallbackId, QString* errorMessage)
{
    Style s;
    StyleReader r(json);
    r.string(QStringLiteral("id"), s.id);
    r.string(QStringLiteral("title"), s.title);
    r.string(QStringLiteral("prompt"), s.promptTemplate);
    r.string(QStringLiteral("negative_prompt"), s.negativePrompt);
    r.loras(baseDir, s.loras);
    r.sampler(s.sampler);
    r.integer(QStringLiteral("steps"), s.steps, limits::Steps);
    r.number(QStringLiteral("guidance"), s.guidance, limits::Guidance);
    r.integer(QStringLiteral("width"), s.width, limits::Size, limits::SizeMultiple);
    r.integer(QStringLiteral("height"), s.height, limits::Size, limits::SizeMultiple);
    r.backend(QStringLiteral("backend"), s.backend);
    r.backendList(QStringLiteral("fallback"), s.fallback);
    QString thumbnail;
    r.string(QStringLiteral("thumbnail"), thumbnail);
    if (!thumbnail.isEmpty())
        s.thumbnailPath = absoluteFrom(baseDir, thumbnail);
    if (s.id.isEmpty())
        s.id = slug(s.title.isEmpty() ? fallbackId : s.title);
    if (s.title.isEmpty())
        s.title = s.id;
    if (r.ok() && s.id.isEmpty())
        r.fail(QStringLiteral("title"), Tr::tr("is missing (a style needs an id or a title)"));
    else if (r.ok() && !isValidId(s.id))
        r.fail(QStringLiteral("id"), Tr::tr("must be lowercase letters, digits, '-' and '_'"));
    if (!r.ok()) {
        if (errorMessage)
            *errorMessage = r.error();
        return std::nullopt;
    }
    return s;
}

bool Style::operator==(const Style& o) const
{
    return id == o.id && title == o.title && promptTemplate == o.promptTemplate && negativePrompt == o.negativePrompt
        && loras == o.loras && sampler == o.sampler && steps == o.steps && guidance == o.guidance && width == o.width
        && height == o.height && backend == o.backend && fallback == o.fallback && thumbnailPath == o.thumbnailPath
        && builtIn == o.builtIn && sourceFile == o.sourceFile;
}

bool StyleLibrary::load(const QString& builtInFile, const QStringList& userDirs, QStringList* errors)
{
    m_styles.clear();
    bool allRead = true;
    // One file: a style object or {"styles": [...]}; every style in it or one line naming the file.
    const auto readFile = [&](const QString& path, bool builtIn) {
        QString problem;
        QFile file(path);
        QJsonParseError parseError;
        QJsonDocument doc;
        if (!file.open(QIODevice::ReadOnly)) {
            problem = file.errorString();
        } else {
            doc = QJsonDocument::fromJson(file.readAll(), &parseError);
            if (parseError.error != QJsonParseError::NoError)
                problem
                    = Tr::tr("invalid JSON at character %1: %2").arg(parseError.offset).arg(parseError.errorString());
            else if (!doc.isObject())
                problem = Tr::tr("must be an object");
        }
        QList<Style> read;
        if (problem.isEmpty()) {
            const QJsonObject root = doc.object();
            const QString baseDir = QFileInfo(path).absolutePath();
            const bool many = root.contains(QStringLiteral("styles"));
            const QJsonArray array
                = many ? root.value(QStringLiteral("styles")).toArray() : QJsonArray { QJsonValue(root) };
            if (many && !root.value(QStringLiteral("styles")).isArray())
                problem = Tr::tr("'%1' %2").arg(QStringLiteral("styles"), Tr::tr("must be a list"));
            for (qsizetype i = 0; i < array.size() && problem.isEmpty(); ++i) {
                const QString fallbackId = many ? QString() : slug(QFileInfo(path).completeBaseName());
                std::optional<Style> style = Style::fromJson(array.at(i).toObject(), baseDir, fallbackId, &problem);
                if (!array.at(i).isObject())
                    problem = Tr::tr("must be an object");
                if (style && problem.isEmpty()) {
                    style->builtIn = builtIn;
                    style->sourceFile = QFileInfo(path).absoluteFilePath();
                    read.append(*style);
                } else if (many) {
                    problem = Tr::tr("style %1: %2").arg(i + 1).arg(problem);
                }
            }
        }
        if (!problem.isEmpty()) {
            allRead = false;
            if (errors)
                // One line, even when it quotes a value with a line break in it (JSON strings may hold raw ones).
                *errors << Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), problem).simplified();
            return;
        }
        for (const Style& style : std::as_const(read))
            add(style);
    };
    if (!builtInFile.isEmpty())
        readFile(builtInFile, true);
    for (const QString& dirPath : userDirs) {
        const QDir dir(dirPath);
        if (dirPath.isEmpty() || !dir.exists())
            continue;
        const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        for (const QString& name : files)
            readFile(dir.filePath(name), false);
    }
    return allRead;
}

void StyleLibrary::add(const Style& style)
{
    for (Style& existing : m_styles) {
        if (existing.id == style.id) {
            existing = style;
            return;
        }
    }
    m_styles.append(style);
}

std::optional<Style> StyleLibrary::find(const QString& idOrTitle) const
{
    const QString wanted = idOrTitle.trimmed();
    for (const Style& style : m_styles) {
        if (style.id.compare(wanted, Qt::CaseInsensitive) == 0)
            return style;
    }
    for (const Style& style : m_styles) {
        if (style.title.compare(wanted, Qt::CaseInsensitive) == 0)
            return style;
    }
    return std::nullopt;
}

QStringList StyleLibrary::ids() const
{
    QStringList ids;
    for (const Style& style : m_styles)
        ids << style.id;
    return ids;
}

bool StyleLibrary::saveUserStyle(const Style& style, const QString& dir, QString* errorMessage)
{
    const QString path = QDir(dir).filePath(style.id + QStringLiteral(".json"));
    QSaveFile file(path);
    const bool ok = isValidId(style.id) && QDir().mkpath(dir) && file.open(QIODevice::WriteOnly)
        && file.write(QJsonDocument(style.toJson()).toJson(QJsonDocument::Indented)) >= 0
        && file.flush() && file.commit(); // flush first: Qt 6.4 commits a short file on a full disk (see AtomicFile)
    if (!ok && errorMessage) {
        const QString why = isValidId(style.id) ? file.errorString() : Tr::tr("invalid style id '%1'").arg(style.id);
        *errorMessage = Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
    }
    return ok;
}

} // namespace easel
