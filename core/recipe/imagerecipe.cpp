// SPDX-License-Identifier: MIT
#include "recipe/imagerecipe.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace easel {

namespace {

// tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
// namespace, and the translation would not be found).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(easel::ImageRecipe)
};

template <typename Enum> struct Named {
    Enum value;
    const char* name;
};

constexpr Named<Sampler> kSamplers[] = { { Sampler::Auto, "auto" }, { Sampler::Euler, "euler" },
    { Sampler::EulerA, "euler_a" }, { Sampler::Heun, "heun" }, { Sampler::DpmPP2M, "dpmpp_2m" },
    { Sampler::Ddim, "ddim" }, { Sampler::Pndm, "pndm" }, { Sampler::Lcm, "lcm" }, { Sampler::UniPC, "unipc" } };
constexpr Named<SigmaSchedule> kSchedules[]
    = { { SigmaSchedule::Auto, "auto" }, { SigmaSchedule::Default, "default" }, { SigmaSchedule::Karras, "karras" } };
constexpr Named<TimestepSpacing> kSpacings[] = { { TimestepSpacing::Auto, "auto" },
    { TimestepSpacing::Leading, "leading" }, { TimestepSpacing::Trailing, "trailing" },
    { TimestepSpacing::Linspace, "linspace" } };
constexpr Named<PromptSyntax> kSyntaxes[] = { { PromptSyntax::A1111, "a1111" }, { PromptSyntax::Plain, "plain" } };
constexpr Named<Device> kDevices[] = { { Device::Auto, "auto" }, { Device::Cpu, "cpu" }, { Device::Cuda, "cuda" } };
constexpr Named<Precision> kPrecisions[] = { { Precision::Auto, "auto" }, { Precision::Fp32, "fp32" },
    { Precision::Fp16, "fp16" }, { Precision::Bf16, "bf16" }, { Precision::Int8, "int8" } };
// A1111's display names of the samplers it shares with Easel.
constexpr Named<Sampler> kA1111Samplers[] = { { Sampler::Euler, "Euler" }, { Sampler::EulerA, "Euler a" },
    { Sampler::Heun, "Heun" }, { Sampler::DpmPP2M, "DPM++ 2M" }, { Sampler::Ddim, "DDIM" }, { Sampler::Pndm, "PLMS" },
    { Sampler::Lcm, "LCM" }, { Sampler::UniPC, "UniPC" } };

template <typename Enum, size_t N> QString nameOf(const Named<Enum> (&table)[N], Enum value)
{
    for (const Named<Enum>& n : table) {
        if (n.value == value)
            return QLatin1String(n.name);
    }
    return {};
}

template <typename Enum, size_t N> std::optional<Enum> valueOf(const Named<Enum> (&table)[N], const QString& name)
{
    for (const Named<Enum>& n : table) {
        if (name == QLatin1String(n.name))
            return n.value;
    }
    return std::nullopt;
}

// Version 1 records stored the precision as torch's dtype names.
std::optional<Precision> precisionFromRecord(const QString& name)
{
    if (name == QLatin1String("float32"))
        return Precision::Fp32;
    if (name == QLatin1String("float16"))
        return Precision::Fp16;
    if (name == QLatin1String("bfloat16"))
        return Precision::Bf16;
    return precisionFromName(name);
}

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
const QString kMaskBlur = QStringLiteral("Mask blur");
const QString kMaskGrow = QStringLiteral("Mask grow"); // Easel's own
const QString kStepCache = QStringLiteral("Step cache"); // Easel's own
const QString kTokenMerge = QStringLiteral("Token merging ratio"); // A1111's built-in ToMe
const QString kLoraHashes = QStringLiteral("Lora hashes");
const QString kVersion = QStringLiteral("Version");
const QString kBatchSize = QStringLiteral("Batch size");
const QString kBatchPos = QStringLiteral("Batch pos");
const QString kNegativePrefix = QStringLiteral("Negative prompt:");
const QString kEaselVersionPrefix = QStringLiteral("Easel ");

bool isModelledKey(const QString& key)
{
    static const QStringList keys = { kSteps, kSampler, kSchedule, kCfg, kSeed, kSize, kModelHash, kModel, kStrength,
        kClipSkip, kRng, kMaskBlur, kMaskGrow, kStepCache, kTokenMerge, kLoraHashes, kVersion, kBatchSize, kBatchPos };
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
// Easel also quotes a value with a '"' (found by fuzzing: A1111's rule wrote `"x` or `"a, b"` so that the
// reader took a different value or ran into the next field).
QString quoted(const QString& value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char(':')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('"')))
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

// A1111's "Lora hashes" value: "name: hash, name: hash" (':' and ',' taken out of names).
QString loraHashesText(const QList<LoraHash>& hashes)
{
    static const QRegularExpression separators(QStringLiteral("[:,]"));
    QStringList parts;
    for (const LoraHash& h : hashes) {
        const QString name = QString(h.name).remove(separators).trimmed();
        if (!name.isEmpty()) // found by fuzzing: a name of only ':' and ',' wrote an entry no reader takes
            parts << name + QStringLiteral(": ") + h.hash;
    }
    return parts.join(QStringLiteral(", "));
}

// The reverse; nullopt when an entry is not "name: hash".
std::optional<QList<LoraHash>> parseLoraHashes(const QString& text)
{
    QList<LoraHash> hashes;
    for (const QString& entry : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int colon = int(entry.lastIndexOf(QLatin1Char(':')));
        const QString name = entry.left(colon).trimmed();
        const QString hash = entry.mid(colon + 1).trimmed().toLower();
        if (colon < 0 || name.isEmpty() || hash.isEmpty())
            return std::nullopt;
        hashes.append({ name, hash });
    }
    return hashes;
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
            return fail(key, Tr::tr("must be a string"));
        out = v.toString();
    }

    void number(const char* key, double& out)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(key, Tr::tr("must be a number"));
        out = v.toDouble();
    }

    void number(const char* key, double& out, double min, double max)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble() || !(v.toDouble() >= min && v.toDouble() <= max))
            return fail(key, Tr::tr("must be a number from %1 to %2").arg(min).arg(max));
        out = v.toDouble();
    }

    template <typename Int> void integer(const char* key, Int& out, double min, double max)
    {
        const QJsonValue v = m_json.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(key, Tr::tr("must be an integer from %1 to %2").arg(min, 0, 'f', 0).arg(max, 0, 'f', 0));
        out = static_cast<Int>(d);
    }

    /// A named choice ("euler_a", "karras"...), read with `parse`.
    template <typename Enum, typename Parse> void choice(const char* key, Enum& out, Parse parse)
    {
        QString name;
        string(key, name);
        if (name.isEmpty())
            return;
        if (const std::optional<Enum> value = parse(name))
            out = *value;
        else
            fail(key, Tr::tr("has an unknown value '%1'").arg(name));
    }

    void fail(const char* key, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = Tr::tr("Easel metadata: '%1' %2").arg(QLatin1String(key), what);
    }

    const QString& error() const { return m_error; }

private:
    const QJsonObject& m_json;
    QString m_error;
};

// JSON numbers are doubles: integers beyond 2^53 would silently change.
constexpr double kMaxExactInteger = 9007199254740992.0;

void readExtras(JsonReader& r, const QJsonObject& json, ImageRecipe& p)
{
    const QJsonValue extras = json.value(QStringLiteral("extras"));
    if (extras.isUndefined())
        return;
    if (!extras.isObject())
        return r.fail("extras", Tr::tr("must be an object"));
    const QJsonObject e = extras.toObject();
    for (auto it = e.constBegin(); it != e.constEnd(); ++it) {
        if (!it.value().isString())
            return r.fail("extras", Tr::tr("values must be strings"));
        p.extras.insert(it.key(), it.value().toString());
    }
}

// "loras": [{"path": FILE, "weight": W}, ...] (weight 1 when left out).
void readLoras(JsonReader& r, const QJsonObject& json, ImageRecipe& p)
{
    const QJsonValue loras = json.value(QStringLiteral("loras"));
    if (loras.isUndefined())
        return;
    const QString malformed = Tr::tr("must be a list of {path, weight} objects");
    if (!loras.isArray())
        return r.fail("loras", malformed);
    for (const QJsonValue& v : loras.toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonValue path = o.value(QStringLiteral("path"));
        const QJsonValue weight = o.value(QStringLiteral("weight"));
        if (!v.isObject() || !path.isString() || path.toString().isEmpty()
            || !(weight.isUndefined() || (weight.isDouble() && std::isfinite(weight.toDouble()))))
            return r.fail("loras", malformed);
        p.loras.append({ path.toString(), weight.toDouble(1.0) });
    }
}

// "lora_hashes": [{"name": NAME, "hash": HEX}, ...]
void readLoraHashes(JsonReader& r, const QJsonObject& json, ImageRecipe& p)
{
    const QJsonValue hashes = json.value(QStringLiteral("lora_hashes"));
    if (hashes.isUndefined())
        return;
    const QString malformed = Tr::tr("must be a list of {name, hash} objects");
    if (!hashes.isArray())
        return r.fail("lora_hashes", malformed);
    for (const QJsonValue& v : hashes.toArray()) {
        const QJsonValue name = v.toObject().value(QStringLiteral("name"));
        const QJsonValue hash = v.toObject().value(QStringLiteral("hash"));
        if (!name.isString() || !hash.isString() || name.toString().isEmpty() || hash.toString().isEmpty())
            return r.fail("lora_hashes", malformed);
        p.loraHashes.append({ name.toString(), hash.toString() });
    }
}

void readRecordFields(JsonReader& r, const QJsonObject& json, ImageRecipe& p)
{
    r.string("prompt", p.prompt);
    r.string("negative_prompt", p.negativePrompt);
    r.integer("steps", p.steps, 1, 10000);
    r.number("guidance_scale", p.guidance);
    r.choice("sampler", p.sampler, samplerFromName);
    r.choice("schedule", p.schedule, scheduleFromName);
    r.choice("timestep_spacing", p.spacing, spacingFromName);
    r.integer("width", p.width, 0, 65536);
    r.integer("height", p.height, 0, 65536);
    r.integer("seed", p.seed, -kMaxExactInteger, kMaxExactInteger);
    r.integer("batch_index", p.batchIndex, 0, 1e6);
    r.integer("batch_size", p.batchSize, 1, 1e6);
    r.integer("batch_count", p.batchCount, 1, 1e6);
    if (json.contains(QStringLiteral("strength"))) {
        double s = 0.0;
        r.number("strength", s);
        if (s < 0.0 || s > 1.0)
            r.fail("strength", Tr::tr("must be from 0 to 1"));
        p.strength = s;
    }
    r.string("init_image", p.initImage);
    r.string("mask_image", p.maskImage);
    r.integer("mask_blur", p.maskBlur, limits::MaskBlur.min, limits::MaskBlur.max);
    r.integer("mask_grow", p.maskGrow, limits::MaskGrow.min, limits::MaskGrow.max);
    readLoras(r, json, p);
    readLoraHashes(r, json, p);
    r.string("model", p.modelName);
    r.string("model_path", p.model);
    r.string("model_sha256", p.modelSha256);
    r.string("model_hash_short", p.modelHashShort);
    r.integer("clip_skip", p.clipSkip, 1, 12);
    r.integer("step_cache", p.stepCache, limits::StepCache.min, limits::StepCache.max);
    r.number("token_merge", p.tokenMerge, limits::TokenMerge.min, limits::TokenMerge.max);
    r.choice("prompt_syntax", p.promptSyntax, promptSyntaxFromName);
    r.choice("device", p.device, [](const QString& name) {
        // Version 1 wrote the torch device ("cuda:0").
        return deviceFromName(name.section(QLatin1Char(':'), 0, 0));
    });
    r.choice("precision", p.precision, precisionFromName);
    r.choice("dtype", p.precision, precisionFromRecord); // version 1
    r.string("rng", p.rng);
    r.string("easel_version", p.easelVersion);
    r.number("elapsed_seconds", p.elapsedSeconds);
    readExtras(r, json, p);
    static const QRegularExpression hexRe(QStringLiteral("^[0-9a-f]{64}$"));
    if (!p.modelSha256.isEmpty() && !hexRe.match(p.modelSha256).hasMatch())
        r.fail("model_sha256", Tr::tr("must be 64 lowercase hex digits"));
}

} // namespace

QString samplerName(Sampler v) { return nameOf(kSamplers, v); }
QString scheduleName(SigmaSchedule v) { return nameOf(kSchedules, v); }
QString spacingName(TimestepSpacing v) { return nameOf(kSpacings, v); }
QString promptSyntaxName(PromptSyntax v) { return nameOf(kSyntaxes, v); }
QString deviceName(Device v) { return nameOf(kDevices, v); }
QString precisionName(Precision v) { return nameOf(kPrecisions, v); }
std::optional<Sampler> samplerFromName(const QString& name) { return valueOf(kSamplers, name); }
std::optional<SigmaSchedule> scheduleFromName(const QString& name) { return valueOf(kSchedules, name); }
std::optional<TimestepSpacing> spacingFromName(const QString& name) { return valueOf(kSpacings, name); }
std::optional<PromptSyntax> promptSyntaxFromName(const QString& name) { return valueOf(kSyntaxes, name); }
std::optional<Device> deviceFromName(const QString& name) { return valueOf(kDevices, name); }
std::optional<Precision> precisionFromName(const QString& name) { return valueOf(kPrecisions, name); }

QStringList samplerNames()
{
    QStringList names;
    for (const Named<Sampler>& n : kSamplers) {
        if (n.value != Sampler::Auto)
            names << QLatin1String(n.name);
    }
    return names;
}

QString ImageRecipe::a1111SamplerName(Sampler sampler) { return nameOf(kA1111Samplers, sampler); }

std::optional<Sampler> ImageRecipe::samplerFromA1111Name(const QString& a1111Sampler)
{
    return valueOf(kA1111Samplers, a1111Sampler);
}

QStringList ImageRecipe::validate() const
{
    QStringList problems;
    auto inRange = [&](auto value, const auto& limit, const QString& what) { // ints and reals (NaN is out)
        if (!(value >= limit.min && value <= limit.max))
            problems << Tr::tr("%1 must be from %2 to %3, not %4").arg(what).arg(limit.min).arg(limit.max).arg(value);
    };
    inRange(steps, limits::Steps, Tr::tr("Steps"));
    inRange(guidance, limits::Guidance, Tr::tr("Guidance"));
    for (const auto& [value, what] : { std::pair { width, Tr::tr("Width") }, std::pair { height, Tr::tr("Height") } }) {
        if (value == 0)
            continue; // the model's native size
        if (value < limits::Size.min || value > limits::Size.max || value % limits::SizeMultiple != 0)
            problems << Tr::tr("%1 must be a multiple of %2 from %3 to %4, not %5")
                            .arg(what)
                            .arg(limits::SizeMultiple)
                            .arg(limits::Size.min)
                            .arg(limits::Size.max)
                            .arg(value);
    }
    if (seed < 0)
        problems << Tr::tr("The seed must not be negative");
    inRange(batchSize, limits::BatchSize, Tr::tr("Batch size"));
    inRange(batchCount, limits::BatchCount, Tr::tr("Batch count"));
    inRange(clipSkip, limits::ClipSkip, Tr::tr("Clip skip"));
    inRange(stepCache, limits::StepCache, Tr::tr("Step cache"));
    inRange(tokenMerge, limits::TokenMerge, Tr::tr("Token merging"));
    inRange(maskBlur, limits::MaskBlur, Tr::tr("Mask blur"));
    inRange(maskGrow, limits::MaskGrow, Tr::tr("Mask grow"));
    if (isImageToImage() || strength) {
        const double s = effectiveStrength();
        if (!(s > limits::Strength.min && s <= limits::Strength.max))
            problems << Tr::tr("The img2img strength must be above %1 and at most %2, not %3")
                            .arg(limits::Strength.min)
                            .arg(limits::Strength.max)
                            .arg(s);
    }
    return problems;
}

QStringList ImageRecipe::differingFields(const ImageRecipe& a, const ImageRecipe& b)
{
    QStringList fields;
    const QJsonObject ja = a.toJson();
    const QJsonObject jb = b.toJson();
    QStringList keys = ja.keys();
    for (const QString& key : jb.keys()) {
        if (!keys.contains(key))
            keys << key;
    }
    keys.sort();
    for (const QString& key : std::as_const(keys)) {
        if (ja.value(key) != jb.value(key))
            fields << key;
    }
    return fields;
}

QString ImageRecipe::shortModelHash() const
{
    if (!modelSha256.isEmpty())
        return modelSha256.left(10).toLower();
    return modelHashShort;
}

QString ImageRecipe::toA1111Parameters() const
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
    if (schedule == SigmaSchedule::Karras)
        scheduleDisplay = QStringLiteral("Karras");
    else if (schedule == SigmaSchedule::Default)
        scheduleDisplay = QStringLiteral("Automatic");
    add(kSchedule, scheduleDisplay);
    add(kCfg, pythonFloat(guidance));
    add(kSeed, QString::number(seed));
    add(kSize, width > 0 && height > 0 ? QStringLiteral("%1x%2").arg(width).arg(height) : QString());
    add(kModelHash, shortModelHash());
    add(kModel, modelName);
    // Old A1111 versions wrote these; modern ones drop them, so they appear only for real batches.
    add(kBatchSize, batchSize > 1 ? QString::number(batchSize) : QString());
    add(kBatchPos, batchSize > 1 ? QString::number(batchIndex) : QString());
    add(kStrength, strength ? pythonFloat(*strength) : QString());
    add(kClipSkip, clipSkip > 1 ? QString::number(clipSkip) : QString());
    // A1111 leaves RNG out for its default, the GPU generator.
    add(kRng, rng.isEmpty() || rng.compare(QLatin1String("gpu"), Qt::CaseInsensitive) == 0 ? QString() : rng.toUpper());
    // A1111's extra_generation_params: img2img's "Mask blur" first, the LoRA extension's hashes after.
    add(kMaskBlur, maskBlur != 0 ? QString::number(maskBlur) : QString());
    add(kMaskGrow, maskGrow != 0 ? QString::number(maskGrow) : QString());
    add(kStepCache, stepCache > 1 ? QString::number(stepCache) : QString());
    add(kTokenMerge, tokenMerge > 0 ? pythonFloat(tokenMerge) : QString());
    for (auto it = extras.cbegin(); it != extras.cend(); ++it) {
        if (!isModelledKey(it.key()) && !it.value().isEmpty())
            fields.append({ it.key(), it.value() });
    }
    add(kLoraHashes, loraHashesText(loraHashes));
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

namespace {

/// The infotext cut into prompt, negative prompt and the "Key: value" fields of its last line.
struct Infotext {
    QString prompt;
    QString negativePrompt;
    QList<std::pair<QString, QString>> fields;
};

Infotext splitInfotext(const QString& trimmed)
{
    Infotext parts;
    QStringList lines = trimmed.split(QLatin1Char('\n'));
    const QString lastLine = lines.takeLast();
    // Like A1111: the last line is the parameter line only when it holds at least three "Key: value" fields.
    parts.fields = findParams(lastLine);
    if (parts.fields.size() < 3) {
        lines.append(lastLine);
        parts.fields.clear();
    }
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
    parts.prompt = promptLines.join(QLatin1Char('\n'));
    parts.negativePrompt = negativeLines.join(QLatin1Char('\n'));
    return parts;
}

void readSampler(ImageRecipe& p, const QString& key, const QString& value)
{
    QString name = value;
    if (!ImageRecipe::samplerFromA1111Name(name) && name.endsWith(QLatin1String(" Karras"))) {
        // A1111 before 1.9 folded the schedule into the sampler name ("DPM++ 2M Karras").
        name.chop(7);
        if (ImageRecipe::samplerFromA1111Name(name))
            p.schedule = SigmaSchedule::Karras;
    }
    if (const auto sampler = ImageRecipe::samplerFromA1111Name(name))
        p.sampler = *sampler;
    else
        p.extras.insert(key, value);
}

void readSchedule(ImageRecipe& p, const QString& key, const QString& value)
{
    if (value == QLatin1String("Karras")) {
        p.schedule = SigmaSchedule::Karras;
    } else if (value == QLatin1String("Automatic")) {
        if (p.schedule != SigmaSchedule::Karras)
            p.schedule = SigmaSchedule::Default;
    } else {
        p.schedule = SigmaSchedule::Auto;
        p.extras.insert(key, value);
    }
}

/// Reads one known or unknown field into `p`; returns a message when a known field's value is unreadable.
QString readField(ImageRecipe& p, const QString& key, const QString& value)
{
    auto bad
        = [&](const QString& what) { return Tr::tr("A1111 parameters: '%1' %2, got '%3'").arg(key, what, value); };
    if (key == kSteps) {
        const auto v = parseInteger(value);
        if (!v || *v < 1 || *v > 10000)
            return bad(Tr::tr("must be a whole number from 1 to 10000"));
        p.steps = static_cast<int>(*v);
    } else if (key == kSampler) {
        readSampler(p, key, value);
    } else if (key == kSchedule) {
        readSchedule(p, key, value);
    } else if (key == kCfg) {
        const auto v = parseNumber(value);
        if (!v)
            return bad(Tr::tr("must be a number"));
        p.guidance = *v;
    } else if (key == kSeed) {
        const auto v = parseInteger(value);
        if (!v)
            return bad(Tr::tr("must be a whole number"));
        p.seed = *v;
    } else if (key == kSize) {
        static const QRegularExpression sizeRe(QStringLiteral(R"(^(\d+)x(\d+)$)"));
        const QRegularExpressionMatch m = sizeRe.match(value);
        const int w = m.hasMatch() ? m.captured(1).toInt() : 0;
        const int h = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (w <= 0 || h <= 0)
            return bad(Tr::tr("must be WIDTHxHEIGHT"));
        p.width = w;
        p.height = h;
    } else if (key == kModelHash) {
        p.modelHashShort = value.toLower();
    } else if (key == kModel) {
        p.modelName = value;
    } else if (key == kStrength) {
        const auto v = parseNumber(value);
        if (!v || *v < 0.0 || *v > 1.0)
            return bad(Tr::tr("must be a number from 0 to 1"));
        p.strength = *v;
    } else if (key == kClipSkip) {
        const auto v = parseInteger(value);
        if (!v || *v < 1 || *v > 12)
            return bad(Tr::tr("must be a whole number from 1 to 12"));
        p.clipSkip = static_cast<int>(*v);
    } else if (key == kStepCache) {
        const auto v = parseInteger(value);
        if (!v || *v < limits::StepCache.min || *v > limits::StepCache.max)
            return bad(Tr::tr("must be a whole number from %1 to %2")
                           .arg(limits::StepCache.min)
                           .arg(limits::StepCache.max));
        p.stepCache = static_cast<int>(*v);
    } else if (key == kTokenMerge) {
        const auto v = parseNumber(value);
        if (!v || *v < limits::TokenMerge.min || *v > limits::TokenMerge.max)
            return bad(
                Tr::tr("must be a number from %1 to %2").arg(limits::TokenMerge.min).arg(limits::TokenMerge.max));
        p.tokenMerge = *v;
    } else if (key == kRng) {
        p.rng = value.toLower();
    } else if (key == kMaskBlur || key == kMaskGrow) {
        const limits::IntLimit& limit = key == kMaskBlur ? limits::MaskBlur : limits::MaskGrow;
        const auto v = parseInteger(value);
        if (!v || *v < limit.min || *v > limit.max)
            return bad(Tr::tr("must be a whole number from %1 to %2").arg(limit.min).arg(limit.max));
        (key == kMaskBlur ? p.maskBlur : p.maskGrow) = static_cast<int>(*v);
    } else if (key == kLoraHashes) {
        const auto hashes = parseLoraHashes(value);
        if (!hashes)
            return bad(Tr::tr("must be a list of 'name: hash'"));
        p.loraHashes = *hashes;
    } else if (key == kVersion && value.startsWith(kEaselVersionPrefix)) {
        p.easelVersion = value.mid(kEaselVersionPrefix.size());
    } else if (key == kBatchSize || key == kBatchPos) {
        const auto v = parseInteger(value);
        if (!v || *v < (key == kBatchSize ? 1 : 0) || *v > 10000)
            return bad(Tr::tr("must be a whole number"));
        (key == kBatchSize ? p.batchSize : p.batchIndex) = static_cast<int>(*v);
    } else {
        p.extras.insert(key, value);
    }
    return {};
}

} // namespace

std::optional<ImageRecipe> ImageRecipe::fromA1111Parameters(const QString& text, QString* errorMessage)
{
    auto fail = [&](const QString& message) -> std::optional<ImageRecipe> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(Tr::tr("A1111 parameters: the text is empty"));

    const Infotext parts = splitInfotext(trimmed);
    ImageRecipe p;
    // Fields A1111 does not record (spacing, device, precision) stay Auto.
    p.rng = QStringLiteral("gpu"); // A1111 omits RNG for its GPU default
    p.prompt = parts.prompt;
    p.negativePrompt = parts.negativePrompt;
    for (auto [key, value] : parts.fields) {
        if (value.isEmpty())
            continue; // A1111 skips these too
        if (const QString error = readField(p, key, unquoted(value)); !error.isEmpty())
            return fail(error);
    }
    return p;
}

QJsonObject ImageRecipe::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format_version"), FormatVersion);
    o.insert(QStringLiteral("prompt"), prompt);
    o.insert(QStringLiteral("negative_prompt"), negativePrompt);
    o.insert(QStringLiteral("steps"), steps);
    o.insert(QStringLiteral("guidance_scale"), guidance);
    o.insert(QStringLiteral("sampler"), samplerName(sampler));
    o.insert(QStringLiteral("schedule"), scheduleName(schedule));
    o.insert(QStringLiteral("timestep_spacing"), spacingName(spacing));
    o.insert(QStringLiteral("width"), width);
    o.insert(QStringLiteral("height"), height);
    o.insert(QStringLiteral("seed"), static_cast<double>(seed));
    o.insert(QStringLiteral("batch_index"), batchIndex);
    o.insert(QStringLiteral("batch_size"), batchSize);
    o.insert(QStringLiteral("batch_count"), batchCount);
    if (strength)
        o.insert(QStringLiteral("strength"), *strength);
    o.insert(QStringLiteral("init_image"), initImage);
    if (!maskImage.isEmpty())
        o.insert(QStringLiteral("mask_image"), maskImage);
    if (maskBlur != 0)
        o.insert(QStringLiteral("mask_blur"), maskBlur);
    if (maskGrow != 0)
        o.insert(QStringLiteral("mask_grow"), maskGrow);
    if (!loras.isEmpty()) {
        QJsonArray list;
        for (const LoraRef& lora : loras)
            list.append(QJsonObject { { QStringLiteral("path"), lora.path }, { QStringLiteral("weight"), lora.weight } });
        o.insert(QStringLiteral("loras"), list);
    }
    if (!loraHashes.isEmpty()) {
        QJsonArray list;
        for (const LoraHash& h : loraHashes)
            list.append(QJsonObject { { QStringLiteral("name"), h.name }, { QStringLiteral("hash"), h.hash } });
        o.insert(QStringLiteral("lora_hashes"), list);
    }
    o.insert(QStringLiteral("model"), modelName);
    if (!model.isEmpty())
        o.insert(QStringLiteral("model_path"), model);
    o.insert(QStringLiteral("model_sha256"), modelSha256);
    if (!modelHashShort.isEmpty())
        o.insert(QStringLiteral("model_hash_short"), modelHashShort);
    o.insert(QStringLiteral("clip_skip"), clipSkip);
    if (stepCache != limits::StepCache.def)
        o.insert(QStringLiteral("step_cache"), stepCache);
    if (tokenMerge > 0)
        o.insert(QStringLiteral("token_merge"), tokenMerge);
    o.insert(QStringLiteral("prompt_syntax"), promptSyntaxName(promptSyntax));
    o.insert(QStringLiteral("device"), deviceName(device));
    o.insert(QStringLiteral("precision"), precisionName(precision));
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

QByteArray ImageRecipe::toJsonText() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Compact); }

std::optional<ImageRecipe> ImageRecipe::fromJson(const QJsonObject& json, QString* errorMessage)
{
    auto fail = [&](const QString& message) -> std::optional<ImageRecipe> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };

    const QJsonValue version = json.value(QStringLiteral("format_version"));
    if (version.isUndefined())
        return fail(Tr::tr("Easel metadata: 'format_version' is missing"));
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1)
        return fail(Tr::tr("Easel metadata: 'format_version' must be a positive integer"));
    if (version.toDouble() > FormatVersion)
        return fail(Tr::tr("Easel metadata: format_version %1 is newer than this Easel reads (%2)")
                        .arg(version.toInt())
                        .arg(FormatVersion));
    if (!json.value(QStringLiteral("prompt")).isString())
        return fail(Tr::tr("Easel metadata: 'prompt' must be a string"));

    ImageRecipe p;
    JsonReader r(json);
    readRecordFields(r, json, p);
    if (!r.error().isEmpty())
        return fail(r.error());
    return p;
}

std::optional<ImageRecipe> ImageRecipe::fromJsonText(const QByteArray& text, QString* errorMessage)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        if (errorMessage)
            *errorMessage
                = Tr::tr("Easel metadata: not valid JSON at offset %1: %2").arg(error.offset).arg(error.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (errorMessage)
            *errorMessage = Tr::tr("Easel metadata: the top level must be an object");
        return std::nullopt;
    }
    return fromJson(doc.object(), errorMessage);
}

bool ImageRecipe::operator==(const ImageRecipe& o) const
{
    return prompt == o.prompt && negativePrompt == o.negativePrompt && model == o.model && modelName == o.modelName
        && modelSha256 == o.modelSha256 && modelHashShort == o.modelHashShort && sampler == o.sampler
        && schedule == o.schedule && spacing == o.spacing && steps == o.steps && guidance == o.guidance
        && width == o.width && height == o.height && seed == o.seed && batchSize == o.batchSize
        && batchCount == o.batchCount && batchIndex == o.batchIndex && initImage == o.initImage
        && maskImage == o.maskImage && maskBlur == o.maskBlur && maskGrow == o.maskGrow && loras == o.loras
        && loraHashes == o.loraHashes
        && strength == o.strength && clipSkip == o.clipSkip && stepCache == o.stepCache && promptSyntax == o.promptSyntax && device == o.device
        && tokenMerge == o.tokenMerge
        && precision == o.precision && rng == o.rng && easelVersion == o.easelVersion
        && elapsedSeconds == o.elapsedSeconds && extras == o.extras;
}

} // namespace easel
