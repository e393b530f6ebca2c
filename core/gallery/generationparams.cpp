// SPDX-License-Identifier: MIT
#include "gallery/generationparams.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::GenerationParams", text); }

struct SamplerName {
    const char* engine;
    const char* a1111;
};

constexpr SamplerName samplerNames[] = {
    { "euler", "Euler" },
    { "euler_a", "Euler a" },
    { "heun", "Heun" },
    { "dpmpp_2m", "DPM++ 2M" },
    { "ddim", "DDIM" },
    { "pndm", "PLMS" },
    { "lcm", "LCM" },
    { "unipc", "UniPC" },
};

// A1111's infotext keys in the order A1111 writes them; extras go between "RNG" and "Version" as A1111's
// extra_generation_params do.
const QString kSteps = QStringLiteral("Steps");
const QString kSampler = QStringLiteral("Sampler");
const QString kSchedule = QStringLiteral("Schedule type");
const QString kCfg = QStringLiteral("CFG scale");
const QString kSeed = QStringLiteral("Seed");
const QString kSize = QStringLiteral("Size");
const QString kModelHash = QStringLiteral("Model hash");
const QString kModel = QStringLiteral("Model");
const QString kStrength = QStringLiteral("Denoising strength");
const QString kClipSkip = QStringLiteral("Clip skip");
const QString kRng = QStringLiteral("RNG");
const QString kVersion = QStringLiteral("Version");
const QString kBatchSize = QStringLiteral("Batch size");
const QString kBatchPos = QStringLiteral("Batch pos");
const QString kNegativePrefix = QStringLiteral("Negative prompt:");
const QString kEaselVersionPrefix = QStringLiteral("Easel ");

bool isModelledKey(const QString& key)
{
    static const QStringList keys = { kSteps, kSampler, kSchedule, kCfg, kSeed, kSize, kModelHash, kModel, kStrength,
        kClipSkip, kRng, kVersion, kBatchSize, kBatchPos };
    return keys.contains(key);
}

// Python's str(float): shortest round-trip digits, integral values keep a ".0".
QString pythonFloat(double value)
{
    QString text = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (std::isfinite(value) && !text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')))
        text += QStringLiteral(".0");
    return text;
}

// Python's json.dumps(text, ensure_ascii=False), which A1111 uses to quote values.
QString jsonQuoted(const QString& text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\b':
            out += QStringLiteral("\\b");
            break;
        case '\f':
            out += QStringLiteral("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

// A1111's quote(): only values with a comma, colon or newline are quoted.
QString quoted(const QString& value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char(':')) || value.contains(QLatin1Char('\n')))
        return jsonQuoted(value);
    return value;
}

// A1111's unquote(): a JSON string literal is decoded, anything else (or a broken literal) is kept as is.
QString unquoted(const QString& value)
{
    if (value.size() < 2 || !value.startsWith(QLatin1Char('"')) || !value.endsWith(QLatin1Char('"')))
        return value;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + value.toUtf8() + QByteArray("]"));
    if (!doc.isArray() || doc.array().size() != 1 || !doc.array().at(0).isString())
        return value;
    return doc.array().at(0).toString();
}

// The parameter-line pattern of A1111's infotext_utils.re_param: `Key: value` or `Key: "quoted, value"`.
const QRegularExpression& paramPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$))"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

QList<std::pair<QString, QString>> findParams(const QString& line)
{
    QList<std::pair<QString, QString>> params;
    auto it = paramPattern().globalMatch(line);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        params.append({ m.captured(1), m.captured(2) });
    }
    return params;
}

std::optional<qint64> parseInteger(const QString& text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

// Reads typed keys of Easel's JSON record and remembers the first type error.
class JsonReader {
public:
    explicit JsonReader(const QJsonObject& json)
        : m_json(json)
    {
    }

    void string(const char* key, QString& out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isString())
            return fail(key, tr("must be a string"));
        out = v.toString();
    }

    void number(const char* key, double& out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(key, tr("must be a number"));
        out = v.toDouble();
    }

    template <typename Int> void integer(const char* key, Int& out, double min, double max)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(key, tr("must be an integer from %1 to %2").arg(min, 0, 'f', 0).arg(max, 0, 'f', 0));
        out = static_cast<Int>(d);
    }

    void fail(const char* key, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = tr("Easel metadata: '%1' %2").arg(QLatin1String(key), what);
    }

    const QString& error() const { return m_error; }

private:
    const QJsonObject& m_json;
    QString m_error;
};

// JSON numbers are doubles: integers beyond 2^53 would silently change.
constexpr double kMaxExactInteger = 9007199254740992.0;

} // namespace

QString GenerationParams::a1111SamplerName(const QString& engineSampler)
{
    for (const SamplerName& s : samplerNames) {
        if (engineSampler == QLatin1String(s.engine))
            return QLatin1String(s.a1111);
    }
    return {};
}

QString GenerationParams::engineSamplerName(const QString& a1111Sampler)
{
    for (const SamplerName& s : samplerNames) {
        if (a1111Sampler == QLatin1String(s.a1111))
            return QLatin1String(s.engine);
    }
    return {};
}

QString GenerationParams::shortModelHash() const
{
    if (!modelSha256.isEmpty())
        return modelSha256.left(10).toLower();
    return modelHashShort;
}

QString GenerationParams::toA1111Parameters() const
{
    QList<std::pair<QString, QString>> fields;
    // A field Easel could not model (an unknown sampler read from foreign text) keeps its place from extras.
    auto add = [&](const QString& key, const QString& value) {
        if (!value.isEmpty())
            fields.append({ key, value });
        else if (extras.contains(key))
            fields.append({ key, extras.value(key) });
    };

    add(kSteps, QString::number(steps));
    const QString samplerDisplay = a1111SamplerName(sampler);
    add(kSampler, samplerDisplay);
    QString scheduleDisplay;
    if (schedule == QLatin1String("karras"))
        scheduleDisplay = QStringLiteral("Karras");
    else if (schedule == QLatin1String("default"))
        scheduleDisplay = QStringLiteral("Automatic");
    add(kSchedule, scheduleDisplay);
    add(kCfg, pythonFloat(guidance));
    add(kSeed, QString::number(seed));
    add(kSize, QStringLiteral("%1x%2").arg(width).arg(height));
    add(kModelHash, shortModelHash());
    add(kModel, modelName);
    // Old A1111 versions wrote these; modern ones drop them, so they appear only for real batches.
    add(kBatchSize, batchSize > 1 ? QString::number(batchSize) : QString());
    add(kBatchPos, batchSize > 1 ? QString::number(batchIndex) : QString());
    add(kStrength, strength ? pythonFloat(*strength) : QString());
    add(kClipSkip, clipSkip > 1 ? QString::number(clipSkip) : QString());
    // A1111 leaves RNG out for its default, the GPU generator.
    add(kRng, rng.isEmpty() || rng.compare(QLatin1String("gpu"), Qt::CaseInsensitive) == 0 ? QString() : rng.toUpper());
    for (auto it = extras.cbegin(); it != extras.cend(); ++it) {
        if (!isModelledKey(it.key()) && !it.value().isEmpty())
            fields.append({ it.key(), it.value() });
    }
    add(kVersion, easelVersion.isEmpty() ? QString() : kEaselVersionPrefix + easelVersion);

    QStringList parts;
    for (const auto& [key, value] : std::as_const(fields))
        parts.append(key + QStringLiteral(": ") + quoted(value));

    QString text = prompt;
    if (!negativePrompt.isEmpty())
        text += QLatin1Char('\n') + kNegativePrefix + QLatin1Char(' ') + negativePrompt;
    text += QLatin1Char('\n') + parts.join(QStringLiteral(", "));
    return text.trimmed();
}

std::optional<GenerationParams> GenerationParams::fromA1111Parameters(const QString& text, QString* errorMessage)
{
    auto fail = [&](const QString& message) -> std::optional<GenerationParams> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };

    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("A1111 parameters: the text is empty"));

    QStringList lines = trimmed.split(QLatin1Char('\n'));
    QString lastLine = lines.takeLast();
    // Like A1111: the last line is the parameter line only when it holds at least three "Key: value" fields.
    QList<std::pair<QString, QString>> params = findParams(lastLine);
    if (params.size() < 3) {
        lines.append(lastLine);
        params.clear();
    }

    GenerationParams p;
    // Fields A1111 does not record are unknown, not Easel's defaults.
    p.timestepSpacing.clear();
    p.device.clear();
    p.dtype.clear();
    p.rng = QStringLiteral("gpu"); // A1111 omits RNG for its GPU default
    p.promptSyntax = QStringLiteral("a1111");

    bool inNegative = false;
    QStringList promptLines;
    QStringList negativeLines;
    for (QString line : std::as_const(lines)) {
        line = line.trimmed();
        if (line.startsWith(kNegativePrefix)) {
            inNegative = true;
            line = line.mid(kNegativePrefix.size()).trimmed();
        }
        (inNegative ? negativeLines : promptLines).append(line);
    }
    p.prompt = promptLines.join(QLatin1Char('\n'));
    p.negativePrompt = negativeLines.join(QLatin1Char('\n'));

    auto badValue = [&](const QString& key, const QString& value, const QString& what) {
        return fail(tr("A1111 parameters: '%1' %2, got '%3'").arg(key, what, value));
    };

    for (auto [key, value] : std::as_const(params)) {
        if (value.isEmpty())
            continue; // A1111 skips these too
        value = unquoted(value);
        if (key == kSteps) {
            const auto v = parseInteger(value);
            if (!v || *v < 1 || *v > 10000)
                return badValue(key, value, tr("must be a whole number from 1 to 10000"));
            p.steps = static_cast<int>(*v);
        } else if (key == kSampler) {
            QString name = value;
            if (engineSamplerName(name).isEmpty() && name.endsWith(QLatin1String(" Karras"))) {
                // A1111 before 1.9 folded the schedule into the sampler name ("DPM++ 2M Karras").
                name.chop(7);
                if (!engineSamplerName(name).isEmpty())
                    p.schedule = QStringLiteral("karras");
            }
            p.sampler = engineSamplerName(name);
            if (p.sampler.isEmpty())
                p.extras.insert(key, value);
        } else if (key == kSchedule) {
            if (value == QLatin1String("Karras")) {
                p.schedule = QStringLiteral("karras");
            } else if (value == QLatin1String("Automatic")) {
                if (p.schedule != QLatin1String("karras"))
                    p.schedule = QStringLiteral("default");
            } else {
                p.schedule.clear();
                p.extras.insert(key, value);
            }
        } else if (key == kCfg) {
            const auto v = parseNumber(value);
            if (!v)
                return badValue(key, value, tr("must be a number"));
            p.guidance = *v;
        } else if (key == kSeed) {
            const auto v = parseInteger(value);
            if (!v)
                return badValue(key, value, tr("must be a whole number"));
            p.seed = *v;
        } else if (key == kSize) {
            static const QRegularExpression sizeRe(QStringLiteral(R"(^(\d+)x(\d+)$)"));
            const QRegularExpressionMatch m = sizeRe.match(value);
            const int w = m.hasMatch() ? m.captured(1).toInt() : 0;
            const int h = m.hasMatch() ? m.captured(2).toInt() : 0;
            if (w <= 0 || h <= 0)
                return badValue(key, value, tr("must be WIDTHxHEIGHT"));
            p.width = w;
            p.height = h;
        } else if (key == kModelHash) {
            p.modelHashShort = value.toLower();
        } else if (key == kModel) {
            p.modelName = value;
        } else if (key == kStrength) {
            const auto v = parseNumber(value);
            if (!v || *v < 0.0 || *v > 1.0)
                return badValue(key, value, tr("must be a number from 0 to 1"));
            p.strength = *v;
        } else if (key == kClipSkip) {
            const auto v = parseInteger(value);
            if (!v || *v < 1 || *v > 12)
                return badValue(key, value, tr("must be a whole number from 1 to 12"));
            p.clipSkip = static_cast<int>(*v);
        } else if (key == kRng) {
            p.rng = value.toLower();
        } else if (key == kVersion) {
            if (value.startsWith(kEaselVersionPrefix))
                p.easelVersion = value.mid(kEaselVersionPrefix.size());
            else
                p.extras.insert(key, value);
        } else if (key == kBatchSize || key == kBatchPos) {
            const auto v = parseInteger(value);
            if (!v || *v < (key == kBatchSize ? 1 : 0) || *v > 10000)
                return badValue(key, value, tr("must be a whole number"));
            (key == kBatchSize ? p.batchSize : p.batchIndex) = static_cast<int>(*v);
        } else {
            p.extras.insert(key, value);
        }
    }
    return p;
}

QJsonObject GenerationParams::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format_version"), FormatVersion);
    o.insert(QStringLiteral("prompt"), prompt);
    o.insert(QStringLiteral("negative_prompt"), negativePrompt);
    o.insert(QStringLiteral("steps"), steps);
    o.insert(QStringLiteral("guidance_scale"), guidance);
    o.insert(QStringLiteral("sampler"), sampler);
    o.insert(QStringLiteral("schedule"), schedule);
    o.insert(QStringLiteral("timestep_spacing"), timestepSpacing);
    o.insert(QStringLiteral("width"), width);
    o.insert(QStringLiteral("height"), height);
    o.insert(QStringLiteral("seed"), static_cast<double>(seed));
    o.insert(QStringLiteral("batch_index"), batchIndex);
    o.insert(QStringLiteral("batch_size"), batchSize);
    if (strength)
        o.insert(QStringLiteral("strength"), *strength);
    o.insert(QStringLiteral("init_image"), initImage);
    o.insert(QStringLiteral("model"), modelName);
    o.insert(QStringLiteral("model_sha256"), modelSha256);
    if (!modelHashShort.isEmpty())
        o.insert(QStringLiteral("model_hash_short"), modelHashShort);
    o.insert(QStringLiteral("clip_skip"), clipSkip);
    o.insert(QStringLiteral("prompt_syntax"), promptSyntax);
    o.insert(QStringLiteral("device"), device);
    o.insert(QStringLiteral("dtype"), dtype);
    o.insert(QStringLiteral("rng"), rng);
    o.insert(QStringLiteral("easel_version"), easelVersion);
    o.insert(QStringLiteral("elapsed_seconds"), elapsedSeconds);
    if (!extras.isEmpty()) {
        QJsonObject e;
        for (auto it = extras.cbegin(); it != extras.cend(); ++it)
            e.insert(it.key(), it.value());
        o.insert(QStringLiteral("extras"), e);
    }
    return o;
}

QByteArray GenerationParams::toJsonText() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Compact); }

std::optional<GenerationParams> GenerationParams::fromJson(const QJsonObject& json, QString* errorMessage)
{
    auto fail = [&](const QString& message) -> std::optional<GenerationParams> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };

    const QJsonValue version = json.value(QStringLiteral("format_version"));
    if (version.isUndefined())
        return fail(tr("Easel metadata: 'format_version' is missing"));
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1)
        return fail(tr("Easel metadata: 'format_version' must be a positive integer"));
    if (version.toDouble() > FormatVersion)
        return fail(tr("Easel metadata: format_version %1 is newer than this Easel reads (%2)")
                        .arg(version.toInt())
                        .arg(FormatVersion));
    if (!json.value(QStringLiteral("prompt")).isString())
        return fail(tr("Easel metadata: 'prompt' must be a string"));

    GenerationParams p;
    JsonReader r(json);
    r.string("prompt", p.prompt);
    r.string("negative_prompt", p.negativePrompt);
    r.integer("steps", p.steps, 1, 10000);
    r.number("guidance_scale", p.guidance);
    r.string("sampler", p.sampler);
    r.string("schedule", p.schedule);
    r.string("timestep_spacing", p.timestepSpacing);
    r.integer("width", p.width, 1, 65536);
    r.integer("height", p.height, 1, 65536);
    r.integer("seed", p.seed, -kMaxExactInteger, kMaxExactInteger);
    r.integer("batch_index", p.batchIndex, 0, 1e6);
    r.integer("batch_size", p.batchSize, 1, 1e6);
    if (json.contains(QStringLiteral("strength"))) {
        double s = 0.0;
        r.number("strength", s);
        if (s < 0.0 || s > 1.0)
            r.fail("strength", tr("must be from 0 to 1"));
        p.strength = s;
    }
    r.string("init_image", p.initImage);
    r.string("model", p.modelName);
    r.string("model_sha256", p.modelSha256);
    r.string("model_hash_short", p.modelHashShort);
    r.integer("clip_skip", p.clipSkip, 1, 12);
    r.string("prompt_syntax", p.promptSyntax);
    r.string("device", p.device);
    r.string("dtype", p.dtype);
    r.string("rng", p.rng);
    r.string("easel_version", p.easelVersion);
    r.number("elapsed_seconds", p.elapsedSeconds);
    const QJsonValue extras = json.value(QStringLiteral("extras"));
    if (!extras.isUndefined()) {
        if (!extras.isObject()) {
            r.fail("extras", tr("must be an object"));
        } else {
            const QJsonObject e = extras.toObject();
            for (auto it = e.constBegin(); it != e.constEnd(); ++it) {
                if (!it.value().isString()) {
                    r.fail("extras", tr("values must be strings"));
                    break;
                }
                p.extras.insert(it.key(), it.value().toString());
            }
        }
    }
    static const QRegularExpression hexRe(QStringLiteral("^[0-9a-f]{64}$"));
    if (!p.modelSha256.isEmpty() && !hexRe.match(p.modelSha256).hasMatch())
        r.fail("model_sha256", tr("must be 64 lowercase hex digits"));
    if (!r.error().isEmpty())
        return fail(r.error());
    return p;
}

std::optional<GenerationParams> GenerationParams::fromJsonText(const QByteArray& text, QString* errorMessage)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        if (errorMessage)
            *errorMessage
                = tr("Easel metadata: not valid JSON at offset %1: %2").arg(error.offset).arg(error.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (errorMessage)
            *errorMessage = tr("Easel metadata: the top level must be an object");
        return std::nullopt;
    }
    return fromJson(doc.object(), errorMessage);
}

bool GenerationParams::operator==(const GenerationParams& o) const
{
    return prompt == o.prompt && negativePrompt == o.negativePrompt && steps == o.steps && guidance == o.guidance
        && sampler == o.sampler && schedule == o.schedule && timestepSpacing == o.timestepSpacing && width == o.width
        && height == o.height && seed == o.seed && batchIndex == o.batchIndex && batchSize == o.batchSize
        && strength == o.strength && initImage == o.initImage && modelName == o.modelName
        && modelSha256 == o.modelSha256 && modelHashShort == o.modelHashShort && clipSkip == o.clipSkip
        && promptSyntax == o.promptSyntax && device == o.device && dtype == o.dtype && rng == o.rng
        && easelVersion == o.easelVersion && elapsedSeconds == o.elapsedSeconds && extras == o.extras;
}

} // namespace easel
