// SPDX-License-Identifier: MIT
#include "gallery/imagemetadata.h"

#include "common/error.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace easel {

const QString ImageMetadata::ratingKeyword = QStringLiteral("easel:rating");
const QString ImageMetadata::flagKeyword = QStringLiteral("easel:flag");
const QString ImageMetadata::tagsKeyword = QStringLiteral("easel:tags");
const QString ImageMetadata::boardsKeyword = QStringLiteral("easel:boards");
const QString ImageMetadata::qualityKeyword = QStringLiteral("easel:quality");

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::ImageMetadata", text); }

    const QString kSamplerExtra = QStringLiteral("Sampler");

    QJsonObject parseObject(const QString& text)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        return error.error == QJsonParseError::NoError && doc.isObject() ? doc.object() : QJsonObject {};
    }

    /// A JSON number or a numeric string as double; nullopt otherwise.
    std::optional<double> number(const QJsonValue& v)
    {
        if (v.isDouble())
            return v.toDouble();
        if (v.isString()) {
            bool ok = false;
            const double d = v.toString().trimmed().toDouble(&ok);
            if (ok)
                return d;
        }
        return std::nullopt;
    }

    void setInt(int& target, const QJsonValue& v)
    {
        if (const auto d = number(v); d && std::isfinite(*d) && std::abs(*d) < 1e9)
            target = int(std::lround(*d));
    }

    void setSeed(qint64& target, const QJsonValue& v)
    {
        if (const auto d = number(v); d && std::isfinite(*d) && std::abs(*d) < 9e15)
            target = qint64(std::llround(*d));
    }

    void setDouble(double& target, const QJsonValue& v)
    {
        if (const auto d = number(v); d && std::isfinite(*d))
            target = *d;
    }

    /// The first of \a keys present in \a o.
    QJsonValue field(const QJsonObject& o, std::initializer_list<const char*> keys)
    {
        for (const char* key : keys) {
            const auto it = o.constFind(QLatin1String(key));
            if (it != o.constEnd() && !it->isNull())
                return *it;
        }
        return {};
    }

    /// Sets the sampler from a foreign name: Easel's, ComfyUI's, InvokeAI's (suffix _k: Karras) or A1111's.
    void applySampler(ImageRecipe& r, QString name, const QString& scheduler = {})
    {
        name = name.trimmed();
        if (name.isEmpty())
            return;
        QString key = name.toLower();
        if (key.endsWith(QLatin1String("_k"))) { // InvokeAI
            key.chop(2);
            r.schedule = SigmaSchedule::Karras;
        }
        if (scheduler.compare(QLatin1String("karras"), Qt::CaseInsensitive) == 0)
            r.schedule = SigmaSchedule::Karras;
        static const QMap<QString, Sampler> foreign = {
            { QStringLiteral("euler_ancestral"), Sampler::EulerA },
            { QStringLiteral("uni_pc"), Sampler::UniPC },
            { QStringLiteral("uni_pc_bh2"), Sampler::UniPC },
        };
        if (const auto s = samplerFromName(key); s && *s != Sampler::Auto)
            r.sampler = *s;
        else if (foreign.contains(key))
            r.sampler = foreign.value(key);
        else if (const auto a = ImageRecipe::samplerFromA1111Name(name))
            r.sampler = *a;
        else
            r.extras.insert(kSamplerExtra, name);
    }

    QString nameOfModelValue(const QJsonValue& v)
    {
        if (v.isString())
            return v.toString();
        const QJsonObject o = v.toObject();
        return field(o, { "model_name", "name", "key" }).toString();
    }

    // ---- ComfyUI ------------------------------------------------------------------------------------

    class ComfyGraph {
    public:
        explicit ComfyGraph(QJsonObject nodes)
            : m_nodes(std::move(nodes))
        {
        }

        /// The node a link ([id, slot]) points to; empty when it is no link.
        QJsonObject target(const QJsonValue& link) const
        {
            const QJsonArray a = link.toArray();
            if (a.isEmpty())
                return {};
            const QJsonValue id = a.at(0);
            return m_nodes.value(id.isString() ? id.toString() : QString::number(id.toInteger())).toObject();
        }

        /// The KSampler-like node with the lowest id.
        QJsonObject sampler() const
        {
            QJsonObject best;
            qint64 bestId = 0;
            for (auto it = m_nodes.constBegin(); it != m_nodes.constEnd(); ++it) {
                const QJsonObject node = it->toObject();
                const QString type = node.value(QLatin1String("class_type")).toString();
                if (!type.startsWith(QLatin1String("KSampler")))
                    continue;
                bool ok = false;
                const qint64 id = it.key().toLongLong(&ok);
                if (best.isEmpty() || (ok && id < bestId)) {
                    best = node;
                    bestId = ok ? id : bestId;
                }
            }
            return best;
        }

        /// The prompt text a conditioning input leads to.
        QString text(const QJsonValue& link, int depth = 0) const
        {
            const QJsonObject node = target(link);
            if (node.isEmpty() || depth > 16)
                return {};
            const QString type = node.value(QLatin1String("class_type")).toString();
            const QJsonObject in = node.value(QLatin1String("inputs")).toObject();
            if (type.startsWith(QLatin1String("CLIPTextEncode"))) {
                for (const char* key : { "text", "text_g", "prompt" }) {
                    const QJsonValue v = in.value(QLatin1String(key));
                    if (v.isString())
                        return v.toString();
                    if (v.isArray())
                        return stringOf(v, depth + 1);
                }
                return {};
            }
            for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
                if (it->isArray() && it.key().contains(QLatin1String("conditioning"))) {
                    const QString t = text(*it, depth + 1);
                    if (!t.isEmpty())
                        return t;
                }
            }
            return {};
        }

        /// A string from a primitive / string node (text widgets converted to inputs).
        QString stringOf(const QJsonValue& link, int depth) const
        {
            const QJsonObject in = target(link).value(QLatin1String("inputs")).toObject();
            for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
                if (it->isString())
                    return it->toString();
                if (it->isArray() && depth < 16) {
                    const QString t = stringOf(*it, depth + 1);
                    if (!t.isEmpty())
                        return t;
                }
            }
            return {};
        }

        /// Follows the model input to the checkpoint loader, collecting LoRA loaders on the way.
        QString checkpoint(const QJsonValue& link, QStringList& loras, int depth = 0) const
        {
            const QJsonObject node = target(link);
            if (node.isEmpty() || depth > 16)
                return {};
            const QJsonObject in = node.value(QLatin1String("inputs")).toObject();
            for (const char* key : { "ckpt_name", "unet_name", "model_name" }) {
                if (in.value(QLatin1String(key)).isString())
                    return in.value(QLatin1String(key)).toString();
            }
            if (in.value(QLatin1String("lora_name")).isString()) {
                QString lora = QFileInfo(in.value(QLatin1String("lora_name")).toString()).completeBaseName();
                if (!lora.isEmpty() && !loras.contains(lora))
                    loras << lora;
            }
            return checkpoint(in.value(QLatin1String("model")), loras, depth + 1);
        }

        /// Width and height of the latent the sampler starts from.
        void size(const QJsonValue& link, ImageRecipe& r, int depth = 0) const
        {
            const QJsonObject in = target(link).value(QLatin1String("inputs")).toObject();
            if (in.isEmpty() || depth > 16)
                return;
            if (number(in.value(QLatin1String("width"))) && number(in.value(QLatin1String("height")))) {
                setInt(r.width, in.value(QLatin1String("width")));
                setInt(r.height, in.value(QLatin1String("height")));
                return;
            }
            for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
                if (it->isArray()
                    && (it.key().contains(QLatin1String("latent")) || it.key() == QLatin1String("samples")))
                    return size(*it, r, depth + 1);
            }
        }

    private:
        QJsonObject m_nodes;
    };

    std::optional<ImageRecipe> fromComfyGraph(const QJsonObject& nodes, QStringList& loras)
    {
        const ComfyGraph graph(nodes);
        const QJsonObject sampler = graph.sampler();
        if (sampler.isEmpty())
            return std::nullopt;
        const QJsonObject in = sampler.value(QLatin1String("inputs")).toObject();
        ImageRecipe r;
        setSeed(r.seed, field(in, { "seed", "noise_seed" }));
        setInt(r.steps, in.value(QLatin1String("steps")));
        setDouble(r.guidance, in.value(QLatin1String("cfg")));
        applySampler(
            r, in.value(QLatin1String("sampler_name")).toString(), in.value(QLatin1String("scheduler")).toString());
        r.prompt = graph.text(in.value(QLatin1String("positive")));
        r.negativePrompt = graph.text(in.value(QLatin1String("negative")));
        const QString ckpt = graph.checkpoint(in.value(QLatin1String("model")), loras);
        r.model = ckpt;
        r.modelName = QFileInfo(ckpt).completeBaseName();
        graph.size(in.value(QLatin1String("latent_image")), r);
        if (const auto d = number(in.value(QLatin1String("denoise"))); d && *d < 1.0)
            r.strength = *d;
        return r;
    }

    /// The UI "workflow" graph turned into the API graph's shape, for the node types the reader needs.
    QJsonObject apiGraphOfWorkflow(const QJsonObject& workflow)
    {
        // links: [id, from_node, from_slot, to_node, to_slot, type]
        QMap<qint64, QJsonArray> linkSource;
        for (const QJsonValue& l : workflow.value(QLatin1String("links")).toArray()) {
            const QJsonArray a = l.toArray();
            if (a.size() >= 3)
                linkSource.insert(a.at(0).toInteger(), QJsonArray { QString::number(a.at(1).toInteger()), a.at(2) });
        }
        static const QMap<QString, QStringList> widgetNames = {
            { QStringLiteral("KSampler"),
                { QStringLiteral("seed"), QStringLiteral("control_after_generate"), QStringLiteral("steps"),
                    QStringLiteral("cfg"), QStringLiteral("sampler_name"), QStringLiteral("scheduler"),
                    QStringLiteral("denoise") } },
            { QStringLiteral("KSamplerAdvanced"),
                { QStringLiteral("add_noise"), QStringLiteral("noise_seed"), QStringLiteral("control_after_generate"),
                    QStringLiteral("steps"), QStringLiteral("cfg"), QStringLiteral("sampler_name"),
                    QStringLiteral("scheduler") } },
            { QStringLiteral("CLIPTextEncode"), { QStringLiteral("text") } },
            { QStringLiteral("CheckpointLoaderSimple"), { QStringLiteral("ckpt_name") } },
            { QStringLiteral("LoraLoader"), { QStringLiteral("lora_name") } },
            { QStringLiteral("EmptyLatentImage"), { QStringLiteral("width"), QStringLiteral("height") } },
        };
        QJsonObject nodes;
        for (const QJsonValue& n : workflow.value(QLatin1String("nodes")).toArray()) {
            const QJsonObject node = n.toObject();
            const QString type = node.value(QLatin1String("type")).toString();
            QJsonObject inputs;
            for (const QJsonValue& i : node.value(QLatin1String("inputs")).toArray()) {
                const QJsonObject input = i.toObject();
                const QJsonValue link = input.value(QLatin1String("link"));
                if (link.isDouble() && linkSource.contains(link.toInteger()))
                    inputs.insert(input.value(QLatin1String("name")).toString(), linkSource.value(link.toInteger()));
            }
            const QJsonArray widgets = node.value(QLatin1String("widgets_values")).toArray();
            const QStringList names = widgetNames.value(type);
            for (int k = 0; k < names.size() && k < widgets.size(); ++k) {
                if (!inputs.contains(names[k]))
                    inputs.insert(names[k], widgets.at(k));
            }
            nodes.insert(QString::number(node.value(QLatin1String("id")).toInteger()),
                QJsonObject { { QStringLiteral("class_type"), type }, { QStringLiteral("inputs"), inputs } });
        }
        return nodes;
    }

    // ---- InvokeAI -----------------------------------------------------------------------------------

    std::optional<ImageRecipe> fromInvokeAi(const QJsonObject& o, QStringList& loras)
    {
        if (o.isEmpty())
            return std::nullopt;
        ImageRecipe r;
        r.prompt = field(o, { "positive_prompt", "prompt" }).toString();
        r.negativePrompt = o.value(QLatin1String("negative_prompt")).toString();
        setSeed(r.seed, o.value(QLatin1String("seed")));
        setInt(r.steps, o.value(QLatin1String("steps")));
        setDouble(r.guidance, o.value(QLatin1String("cfg_scale")));
        setInt(r.width, o.value(QLatin1String("width")));
        setInt(r.height, o.value(QLatin1String("height")));
        applySampler(r, o.value(QLatin1String("scheduler")).toString());
        r.modelName = nameOfModelValue(o.value(QLatin1String("model")));
        if (const auto s = number(o.value(QLatin1String("strength"))))
            r.strength = std::clamp(*s, 0.0, 1.0);
        for (const QJsonValue& l : o.value(QLatin1String("loras")).toArray()) {
            const QJsonObject lora = l.toObject();
            const QString name = nameOfModelValue(field(lora, { "lora", "model" }));
            if (!name.isEmpty() && !loras.contains(name))
                loras << name;
        }
        return r;
    }

    // ---- Fooocus ------------------------------------------------------------------------------------

    std::optional<ImageRecipe> fromFooocus(const QJsonObject& o, QStringList& loras)
    {
        if (o.isEmpty())
            return std::nullopt;
        ImageRecipe r;
        r.prompt = field(o, { "prompt", "Prompt" }).toString();
        r.negativePrompt = field(o, { "negative_prompt", "Negative Prompt" }).toString();
        setSeed(r.seed, field(o, { "seed", "Seed" }));
        setInt(r.steps, field(o, { "steps", "Steps" }));
        setDouble(r.guidance, field(o, { "guidance_scale", "Guidance Scale" }));
        applySampler(
            r, field(o, { "sampler", "Sampler" }).toString(), field(o, { "scheduler", "Scheduler" }).toString());
        const QString model = field(o, { "base_model", "Base Model" }).toString();
        r.model = model;
        r.modelName = QFileInfo(model).completeBaseName();
        static const QRegularExpression sizeRe(QStringLiteral(R"((\d+)\D+(\d+))"));
        const QRegularExpressionMatch m = sizeRe.match(field(o, { "resolution", "Resolution" }).toString());
        if (m.hasMatch()) {
            r.width = m.captured(1).toInt();
            r.height = m.captured(2).toInt();
        }
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            // "lora_combined_1": "name.safetensors : 0.5"
            if (it.key().startsWith(QLatin1String("lora_combined_")) && it->isString()) {
                const QString name
                    = QFileInfo(it->toString().section(QLatin1String(" : "), 0, 0).trimmed()).completeBaseName();
                if (!name.isEmpty() && !loras.contains(name))
                    loras << name;
            }
        }
        return r;
    }

    std::optional<ImageRecipe> fromA1111(const QString& text, QStringList& loras)
    {
        auto r = ImageRecipe::fromA1111Parameters(text);
        if (!r)
            return r;
        // "Lora hashes": "name: hash, name2: hash"
        for (const QString& entry : r->extras.value(QStringLiteral("Lora hashes")).split(QLatin1Char(','))) {
            const QString name = entry.section(QLatin1Char(':'), 0, 0).trimmed();
            if (!name.isEmpty() && !loras.contains(name))
                loras << name;
        }
        return r;
    }

    int xmpRating(const QString& xmp)
    {
        static const QRegularExpression re(QStringLiteral(R"(xmp:Rating\s*(?:=\s*["']|>)\s*(-?\d+))"));
        const QRegularExpressionMatch m = re.match(xmp);
        return m.hasMatch() ? std::clamp(m.captured(1).toInt(), 0, 5) : 0;
    }

    /// The PNG at \a file without its pixel data: every chunk but IDAT, whose data is skipped, not read, so
    /// reading the metadata of a large image costs a few small reads. A truncated file gives a truncated
    /// skeleton (no IEND), which readTextChunks reports.
    QByteArray skeletonOf(QFile& file)
    {
        QByteArray out = file.read(8);
        if (!ImageFile::isPng(out))
            return out;
        const qint64 size = file.size();
        while (true) {
            const QByteArray header = file.read(8);
            if (header.size() < 8)
                return out + header;
            const auto* p = reinterpret_cast<const unsigned char*>(header.constData());
            const qint64 length = (qint64(p[0]) << 24) | (qint64(p[1]) << 16) | (qint64(p[2]) << 8) | qint64(p[3]);
            if (length > 0x7fffffff || file.pos() + length + 4 > size)
                return out + header;
            if (header.mid(4, 4) == "IDAT") {
                if (!file.seek(file.pos() + length + 4))
                    return out;
                continue;
            }
            out += header;
            out += file.read(length + 4);
            if (header.mid(4, 4) == "IEND")
                return out;
        }
    }

} // namespace

QString ImageMetadata::modelName() const
{
    if (!recipe)
        return {};
    if (!recipe->modelName.isEmpty())
        return recipe->modelName;
    return QFileInfo(recipe->model).completeBaseName();
}

QString ImageMetadata::samplerText() const
{
    if (!recipe)
        return {};
    if (recipe->sampler != Sampler::Auto)
        return samplerName(recipe->sampler);
    return recipe->extras.value(kSamplerExtra);
}

QStringList ImageMetadata::lorasInPrompt(const QString& prompt)
{
    static const QRegularExpression re(
        QStringLiteral(R"(<lora:([^:>]+)(?::[^>]*)?>)"), QRegularExpression::CaseInsensitiveOption);
    QStringList names;
    auto it = re.globalMatch(prompt);
    while (it.hasNext()) {
        const QString name = it.next().captured(1).trimmed();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

ImageMetadata ImageMetadata::fromChunks(const TextChunks& chunks)
{
    ImageMetadata m;
    QStringList loras;
    const QString easel = ImageFile::text(chunks, QStringLiteral("easel"));
    const QString invoke = ImageFile::text(chunks, QStringLiteral("invokeai_metadata"));
    const QString comfyPrompt = ImageFile::text(chunks, QStringLiteral("prompt"));
    const QString comfyWorkflow = ImageFile::text(chunks, QStringLiteral("workflow"));
    const QString parameters = ImageFile::text(chunks, QStringLiteral("parameters"));
    const QString fooocusScheme = ImageFile::text(chunks, QStringLiteral("fooocus_scheme"));

    auto take = [&](std::optional<ImageRecipe> r, Source source) {
        if (m.recipe || !r)
            return;
        m.recipe = std::move(r);
        m.source = source;
    };
    if (!easel.isNull())
        take(ImageRecipe::fromJsonText(easel.toUtf8()), Source::Easel);
    if (!m.recipe && !invoke.isNull())
        take(fromInvokeAi(parseObject(invoke), loras), Source::InvokeAI);
    if (!m.recipe && !comfyPrompt.isNull())
        take(fromComfyGraph(parseObject(comfyPrompt), loras), Source::ComfyUI);
    if (!m.recipe && !comfyWorkflow.isNull())
        take(fromComfyGraph(apiGraphOfWorkflow(parseObject(comfyWorkflow)), loras), Source::ComfyUI);
    if (!m.recipe && !parameters.isNull()) {
        const QJsonObject json
            = parameters.trimmed().startsWith(QLatin1Char('{')) ? parseObject(parameters) : QJsonObject {};
        if (!json.isEmpty())
            take(fromFooocus(json, loras), Source::Fooocus);
        else
            take(fromA1111(parameters, loras), fooocusScheme.isNull() ? Source::A1111 : Source::Fooocus);
    }
    if (m.recipe) {
        QStringList all = lorasInPrompt(m.recipe->prompt);
        for (const QString& l : std::as_const(loras)) {
            if (!all.contains(l))
                all << l;
        }
        m.loras = all;
    }

    const QString rating = ImageFile::text(chunks, ratingKeyword);
    if (!rating.isNull())
        m.rating = std::clamp(rating.trimmed().toInt(), 0, 5);
    else
        m.rating = xmpRating(ImageFile::text(chunks, ImageFile::xmpKeyword));
    const QString flag = ImageFile::text(chunks, flagKeyword).trimmed();
    m.pick = flag == QLatin1String("pick");
    m.reject = flag == QLatin1String("reject");
    for (const QString& tag : ImageFile::text(chunks, tagsKeyword).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            m.tags << tag.trimmed();
    }
    const QString boards = ImageFile::text(chunks, boardsKeyword);
    if (!boards.isEmpty()) {
        for (const QJsonValue& board : QJsonDocument::fromJson(boards.toUtf8()).array()) {
            const QString name = board.toString().trimmed();
            if (!name.isEmpty() && !m.boards.contains(name))
                m.boards << name;
        }
    }
    const QString quality = ImageFile::text(chunks, qualityKeyword);
    if (!quality.isNull()) {
        const QJsonDocument doc = QJsonDocument::fromJson(quality.toUtf8());
        if (doc.isObject() && doc.object().value(QStringLiteral("flags")).isArray()) {
            QStringList flags;
            for (const QJsonValue& flag : doc.object().value(QStringLiteral("flags")).toArray()) {
                if (qualityFlagNames().contains(flag.toString()) && !flags.contains(flag.toString()))
                    flags << flag.toString();
            }
            m.qualityFlags = flags;
            m.retryOf = QFileInfo(doc.object().value(QStringLiteral("retry_of")).toString()).fileName();
        }
    }
    return m;
}

const QStringList& ImageMetadata::qualityFlagNames()
{
    static const QStringList names { QStringLiteral("broken"), QStringLiteral("nearly-black"),
        QStringLiteral("nearly-white"), QStringLiteral("uniform") };
    return names;
}

TextChunk ImageMetadata::qualityChunk(const QStringList& flags, const QString& retryOf)
{
    QJsonArray known;
    for (const QString& name : qualityFlagNames()) {
        if (flags.contains(name))
            known << name;
    }
    QJsonObject json { { QStringLiteral("flags"), known } };
    if (!retryOf.isEmpty())
        json.insert(QStringLiteral("retry_of"), QFileInfo(retryOf).fileName());
    return TextChunk { qualityKeyword, QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) };
}

ImageMetadata ImageMetadata::fromPng(const QByteArray& png)
{
    ImageMetadata m = fromChunks(ImageFile::readTextChunks(png));
    // IHDR is the first chunk: signature (8), length (4), "IHDR" (4), width (4), height (4).
    if (png.size() >= 24 && png.mid(12, 4) == "IHDR") {
        const auto* p = reinterpret_cast<const unsigned char*>(png.constData());
        auto be = [&](int at) {
            return (quint32(p[at]) << 24) | (quint32(p[at + 1]) << 16) | (quint32(p[at + 2]) << 8) | p[at + 3];
        };
        m.pixelWidth = int(std::min<quint32>(be(16), 1u << 30));
        m.pixelHeight = int(std::min<quint32>(be(20), 1u << 30));
    }
    return m;
}

ImageMetadata ImageMetadata::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(tr("Cannot read %1: %2").arg(path, file.errorString()).toStdString());
    const QByteArray png = skeletonOf(file);
    try {
        return fromPng(png);
    } catch (const Error& e) {
        throw Error(tr("%1: %2").arg(path, QString::fromUtf8(e.what())).toStdString());
    }
}

TextChunks ImageMetadata::withCulling(const TextChunks& chunks, const ImageMetadata& metadata)
{
    TextChunks out;
    for (const TextChunk& c : chunks) {
        if (c.keyword != ratingKeyword && c.keyword != flagKeyword && c.keyword != tagsKeyword
            && c.keyword != boardsKeyword)
            out << c;
    }
    // An explicit 0 hides a rating another tool wrote into the XMP packet.
    if (metadata.rating > 0 || xmpRating(ImageFile::text(chunks, ImageFile::xmpKeyword)) > 0)
        out << TextChunk { ratingKeyword, QString::number(std::clamp(metadata.rating, 0, 5)) };
    if (metadata.pick || metadata.reject)
        out << TextChunk { flagKeyword, metadata.reject ? QStringLiteral("reject") : QStringLiteral("pick") };
    if (!metadata.tags.isEmpty())
        out << TextChunk { tagsKeyword, metadata.tags.join(QLatin1Char(',')) };
    if (!metadata.boards.isEmpty())
        out << TextChunk { boardsKeyword,
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(metadata.boards)).toJson(QJsonDocument::Compact)) };
    return out;
}

QString ImageMetadata::sourceName(Source source)
{
    switch (source) {
    case Source::None:
        return QStringLiteral("none");
    case Source::Easel:
        return QStringLiteral("easel");
    case Source::A1111:
        return QStringLiteral("a1111");
    case Source::ComfyUI:
        return QStringLiteral("comfyui");
    case Source::InvokeAI:
        return QStringLiteral("invokeai");
    case Source::Fooocus:
        return QStringLiteral("fooocus");
    }
    return {};
}

} // namespace easel
