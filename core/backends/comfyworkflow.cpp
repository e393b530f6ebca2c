// SPDX-License-Identifier: MIT
#include "backends/comfyworkflow.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace easel::comfy {

namespace {

    /// Long details (a "Value not in list" names every checkpoint of the server) shortened for one line.
    QString oneLine(QString text, int maxLength = 240)
    {
        text = text.simplified();
        if (text.size() > maxLength)
            text = text.left(maxLength - 1) + QChar(0x2026);
        return text;
    }

    QJsonArray link(const QString& node, int output) { return QJsonArray { node, output }; }

    /// Adds nodes under ids "1", "2"... in order.
    class GraphBuilder {
    public:
        QString add(const QString& classType, const QJsonObject& inputs)
        {
            const QString id = QString::number(++m_count);
            m_graph.insert(
                id, QJsonObject { { QStringLiteral("class_type"), classType }, { QStringLiteral("inputs"), inputs } });
            return id;
        }
        QJsonObject graph() const { return m_graph; }

    private:
        QJsonObject m_graph;
        int m_count = 0;
    };

    const QRegularExpression& slotPattern()
    {
        static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"));
        return re;
    }

    QString valueText(const QJsonValue& v)
    {
        if (v.isString())
            return v.toString();
        if (v.isDouble()) {
            const double d = v.toDouble();
            return d == std::floor(d) && std::abs(d) < 1e15 ? QString::number(qint64(d)) : QString::number(d, 'g', 10);
        }
        if (v.isBool())
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return {};
    }

    /// Every slot name in the string values of a JSON tree.
    void collectSlots(const QJsonValue& v, QStringList& names)
    {
        if (v.isString()) {
            auto it = slotPattern().globalMatch(v.toString());
            while (it.hasNext()) {
                const QString name = it.next().captured(1);
                if (!names.contains(name))
                    names << name;
            }
        } else if (v.isArray()) {
            for (const QJsonValue& item : v.toArray())
                collectSlots(item, names);
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                collectSlots(*it, names);
        }
    }

    QJsonValue fillValue(const QJsonValue& v, const QMap<QString, QJsonValue>& values, QString& missing)
    {
        if (v.isString()) {
            const QString text = v.toString();
            const QRegularExpressionMatch whole = slotPattern().match(text);
            if (whole.hasMatch() && whole.capturedStart() == 0 && whole.capturedLength() == text.size()) {
                const QString name = whole.captured(1);
                if (!values.contains(name)) {
                    missing = name;
                    return v;
                }
                return values.value(name);
            }
            QString out;
            qsizetype pos = 0;
            auto it = slotPattern().globalMatch(text);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                out += text.mid(pos, m.capturedStart() - pos);
                const QString name = m.captured(1);
                if (!values.contains(name))
                    missing = name;
                out += valueText(values.value(name));
                pos = m.capturedEnd();
            }
            out += text.mid(pos);
            return out;
        }
        if (v.isArray()) {
            QJsonArray out;
            for (const QJsonValue& item : v.toArray())
                out.append(fillValue(item, values, missing));
            return out;
        }
        if (v.isObject()) {
            QJsonObject out;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                out.insert(it.key(), fillValue(*it, values, missing));
            return out;
        }
        return v;
    }

    QString nodeLabel(const QString& id, const QString& classType)
    {
        return classType.isEmpty()
            ? QCoreApplication::translate("easel::ComfyWorkflow", "node %1").arg(id)
            : QCoreApplication::translate("easel::ComfyWorkflow", "node %1 (%2)").arg(id, classType);
    }

} // namespace

SamplerNames samplerNames(Sampler sampler, SigmaSchedule schedule)
{
    struct Row {
        Sampler sampler;
        const char* comfySampler;
        const char* ownScheduler; ///< what ComfyUI pairs the sampler with when the schedule is left to it
    };
    static const Row table[] = {
        { Sampler::Auto, "euler", "normal" },
        { Sampler::Euler, "euler", "normal" },
        { Sampler::EulerA, "euler_ancestral", "normal" },
        { Sampler::Heun, "heun", "normal" },
        { Sampler::DpmPP2M, "dpmpp_2m", "normal" },
        { Sampler::Ddim, "ddim", "ddim_uniform" },
        { Sampler::Pndm, "ipndm", "normal" },
        { Sampler::Lcm, "lcm", "sgm_uniform" },
        { Sampler::UniPC, "uni_pc", "normal" },
    };
    SamplerNames names { QStringLiteral("euler"), QStringLiteral("normal") };
    for (const Row& row : table) {
        if (row.sampler == sampler) {
            names = { QLatin1String(row.comfySampler), QLatin1String(row.ownScheduler) };
            break;
        }
    }
    if (schedule == SigmaSchedule::Karras)
        names.scheduler = QStringLiteral("karras");
    else if (schedule == SigmaSchedule::Default)
        names.scheduler = QStringLiteral("normal");
    return names;
}

QStringList comboOptions(const QJsonObject& objectInfo, const QString& nodeClass, const QString& input)
{
    const QJsonObject inputs = objectInfo.value(nodeClass).toObject().value(QStringLiteral("input")).toObject();
    for (const char* group : { "required", "optional" }) {
        const QJsonValue spec = inputs.value(QLatin1String(group)).toObject().value(input);
        if (!spec.isArray())
            continue;
        const QJsonArray a = spec.toArray();
        QJsonArray choices;
        if (!a.isEmpty() && a.at(0).isArray())
            choices = a.at(0).toArray();
        else if (a.size() > 1 && a.at(0).toString() == QLatin1String("COMBO"))
            choices = a.at(1).toObject().value(QStringLiteral("options")).toArray();
        QStringList out;
        for (const QJsonValue& c : std::as_const(choices))
            out << valueText(c);
        return out;
    }
    return {};
}

BackendCapabilities capabilitiesFromObjectInfo(const QJsonObject& objectInfo)
{
    BackendCapabilities caps;
    caps.models = comboOptions(objectInfo, QStringLiteral("CheckpointLoaderSimple"), QStringLiteral("ckpt_name"));
    caps.loras = comboOptions(objectInfo, QStringLiteral("LoraLoader"), QStringLiteral("lora_name"));
    caps.samplers = comboOptions(objectInfo, QStringLiteral("KSampler"), QStringLiteral("sampler_name"));
    caps.negativePrompt = caps.seed = caps.steps = caps.guidance = true;
    caps.imageToImage
        = objectInfo.contains(QStringLiteral("LoadImage")) && objectInfo.contains(QStringLiteral("VAEEncode"));
    caps.lora = objectInfo.contains(QStringLiteral("LoraLoader"));
    const QJsonArray batch = objectInfo.value(QStringLiteral("EmptyLatentImage"))
                                 .toObject()
                                 .value(QStringLiteral("input"))
                                 .toObject()
                                 .value(QStringLiteral("required"))
                                 .toObject()
                                 .value(QStringLiteral("batch_size"))
                                 .toArray();
    const int maxBatch = batch.at(1).toObject().value(QStringLiteral("max")).toInt(limits::BatchSize.max);
    caps.maxImagesPerRequest = std::clamp(maxBatch, 1, limits::BatchSize.max);
    return caps;
}

QString matchServerName(const QString& wanted, const QStringList& serverNames)
{
    if (wanted.isEmpty())
        return {};
    if (serverNames.contains(wanted))
        return wanted;
    const auto baseName = [](const QString& name) {
        QString n = name;
        n.replace(QLatin1Char('\\'), QLatin1Char('/'));
        return n.mid(n.lastIndexOf(QLatin1Char('/')) + 1);
    };
    const auto stem = [&](const QString& name) {
        const QString b = baseName(name);
        const qsizetype dot = b.lastIndexOf(QLatin1Char('.'));
        return dot > 0 ? b.left(dot) : b;
    };
    const QString file = baseName(wanted);
    for (const QString& name : serverNames) {
        if (baseName(name).compare(file, Qt::CaseInsensitive) == 0)
            return name;
    }
    const QString wantedStem = stem(wanted);
    for (const QString& name : serverNames) {
        if (stem(name).compare(wantedStem, Qt::CaseInsensitive) == 0)
            return name;
    }
    return {};
}

QString takeLoraTags(const QString& prompt, QList<LoraRef>* loras)
{
    static const QRegularExpression tag(QStringLiteral("<lora:([^:>]+)(?::([-+0-9.eE]+))?(?::[^>]*)?>"));
    QString out;
    qsizetype pos = 0;
    auto it = tag.globalMatch(prompt);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += prompt.mid(pos, m.capturedStart() - pos);
        pos = m.capturedEnd();
        bool ok = false;
        double weight = m.captured(2).toDouble(&ok);
        if (!ok)
            weight = 1.0;
        if (loras)
            loras->append(LoraRef { m.captured(1).trimmed(), weight });
    }
    out += prompt.mid(pos);
    return pos == 0 ? prompt : out.simplified();
}

int nativeSizeFor(const QString& checkpoint)
{
    static const QRegularExpression large(
        QStringLiteral("xl|sd3|sd_3|flux|pony|illustrious"), QRegularExpression::CaseInsensitiveOption);
    return large.match(checkpoint).hasMatch() ? 1024 : 512;
}

QJsonObject buildWorkflow(const ImageRecipe& recipe, const GraphInputs& in)
{
    GraphBuilder g;
    const QString loader
        = g.add(QStringLiteral("CheckpointLoaderSimple"), { { QStringLiteral("ckpt_name"), in.checkpoint } });
    QJsonArray model = link(loader, 0);
    QJsonArray clip = link(loader, 1);
    const QJsonArray vae = link(loader, 2);
    for (const auto& [name, weight] : in.loras) {
        const QString id = g.add(QStringLiteral("LoraLoader"),
            { { QStringLiteral("model"), model }, { QStringLiteral("clip"), clip },
                { QStringLiteral("lora_name"), name }, { QStringLiteral("strength_model"), weight },
                { QStringLiteral("strength_clip"), weight } });
        model = link(id, 0);
        clip = link(id, 1);
    }
    if (recipe.clipSkip > 1) {
        const QString id = g.add(QStringLiteral("CLIPSetLastLayer"),
            { { QStringLiteral("clip"), clip }, { QStringLiteral("stop_at_clip_layer"), -recipe.clipSkip } });
        clip = link(id, 0);
    }
    const QString positive = g.add(QStringLiteral("CLIPTextEncode"),
        { { QStringLiteral("text"), recipe.prompt }, { QStringLiteral("clip"), clip } });
    const QString negative = g.add(QStringLiteral("CLIPTextEncode"),
        { { QStringLiteral("text"), recipe.negativePrompt }, { QStringLiteral("clip"), clip } });

    QJsonArray latent;
    double denoise = 1.0;
    if (in.initImage.isEmpty()) {
        latent = link(g.add(QStringLiteral("EmptyLatentImage"),
                          { { QStringLiteral("width"), in.width }, { QStringLiteral("height"), in.height },
                              { QStringLiteral("batch_size"), recipe.batchSize } }),
            0);
    } else {
        const QString image = g.add(QStringLiteral("LoadImage"), { { QStringLiteral("image"), in.initImage } });
        latent = link(g.add(QStringLiteral("VAEEncode"),
                          { { QStringLiteral("pixels"), link(image, 0) }, { QStringLiteral("vae"), vae } }),
            0);
        if (recipe.batchSize > 1)
            latent
                = link(g.add(QStringLiteral("RepeatLatentBatch"),
                           { { QStringLiteral("samples"), latent }, { QStringLiteral("amount"), recipe.batchSize } }),
                    0);
        denoise = recipe.effectiveStrength();
    }
    const SamplerNames names = samplerNames(recipe.sampler, recipe.schedule);
    const QString sampler = g.add(QStringLiteral("KSampler"),
        { { QStringLiteral("model"), model }, { QStringLiteral("seed"), recipe.seed },
            { QStringLiteral("steps"), recipe.steps }, { QStringLiteral("cfg"), recipe.guidance },
            { QStringLiteral("sampler_name"), names.sampler }, { QStringLiteral("scheduler"), names.scheduler },
            { QStringLiteral("positive"), link(positive, 0) }, { QStringLiteral("negative"), link(negative, 0) },
            { QStringLiteral("latent_image"), latent }, { QStringLiteral("denoise"), denoise } });
    const QString decode = g.add(QStringLiteral("VAEDecode"),
        { { QStringLiteral("samples"), link(sampler, 0) }, { QStringLiteral("vae"), vae } });
    g.add(QStringLiteral("SaveImage"),
        { { QStringLiteral("images"), link(decode, 0) }, { QStringLiteral("filename_prefix"), in.filenamePrefix } });
    return g.graph();
}

QStringList WorkflowTemplate::knownSlots()
{
    return { QStringLiteral("prompt"), QStringLiteral("negative"), QStringLiteral("model"), QStringLiteral("seed"),
        QStringLiteral("steps"), QStringLiteral("cfg"), QStringLiteral("width"), QStringLiteral("height"),
        QStringLiteral("batch_size"), QStringLiteral("denoise"), QStringLiteral("sampler"), QStringLiteral("scheduler"),
        QStringLiteral("image") };
}

std::optional<WorkflowTemplate> WorkflowTemplate::load(const QString& path, QString* errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage
                = QCoreApplication::translate("easel::ComfyWorkflow", "Cannot read the workflow template %1: %2")
                      .arg(path, file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, errorMessage);
}

std::optional<WorkflowTemplate> WorkflowTemplate::fromJson(
    const QByteArray& json, const QString& source, QString* errorMessage)
{
    const auto fail = [&](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(QCoreApplication::translate("easel::ComfyWorkflow", "The workflow template %1 is not JSON: %2")
                        .arg(source, parseError.errorString()));
    QJsonObject graph = doc.object();
    if (graph.value(QStringLiteral("prompt")).isObject())
        graph = graph.value(QStringLiteral("prompt")).toObject();
    if (graph.value(QStringLiteral("nodes")).isArray() && graph.contains(QStringLiteral("links")))
        return fail(QCoreApplication::translate("easel::ComfyWorkflow",
            "The workflow template %1 is a UI workflow: export it from ComfyUI with \"Save (API Format)\"")
                        .arg(source));
    if (graph.isEmpty())
        return fail(
            QCoreApplication::translate("easel::ComfyWorkflow", "The workflow template %1 has no nodes").arg(source));
    for (auto it = graph.begin(); it != graph.end(); ++it) {
        const QJsonObject node = it->toObject();
        if (!it->isObject() || !node.value(QStringLiteral("class_type")).isString()
            || !node.value(QStringLiteral("inputs")).isObject())
            return fail(QCoreApplication::translate("easel::ComfyWorkflow",
                "The workflow template %1 is not in ComfyUI's API format: node %2 needs \"class_type\" and \"inputs\"")
                            .arg(source, oneLine(it.key(), 80))); // a node id is any text: one line
    }
    WorkflowTemplate t;
    t.m_graph = graph;
    t.m_source = source;
    const QStringList known = knownSlots();
    for (const QString& name : t.slotNames()) {
        if (!known.contains(name))
            return fail(QCoreApplication::translate(
                "easel::ComfyWorkflow", "The workflow template %1 uses the unknown slot {{%2}} (known: %3)")
                            .arg(source, name, known.join(QStringLiteral(", "))));
    }
    return t;
}

QStringList WorkflowTemplate::slotNames() const
{
    QStringList used;
    collectSlots(m_graph, used);
    QStringList ordered;
    for (const QString& name : knownSlots()) {
        if (used.contains(name))
            ordered << name;
    }
    for (const QString& name : std::as_const(used)) {
        if (!ordered.contains(name))
            ordered << name;
    }
    return ordered;
}

std::optional<QJsonObject> WorkflowTemplate::fill(const QMap<QString, QJsonValue>& values, QString* errorMessage) const
{
    QString missing;
    const QJsonObject filled = fillValue(m_graph, values, missing).toObject();
    if (!missing.isEmpty()) {
        if (errorMessage)
            *errorMessage = missing == QLatin1String("image")
                ? QCoreApplication::translate("easel::ComfyWorkflow",
                    "The workflow template %1 needs an init image ({{image}}): give the recipe one")
                      .arg(m_source)
                : QCoreApplication::translate(
                    "easel::ComfyWorkflow", "The workflow template %1 uses {{%2}}, which this run has no value for")
                      .arg(m_source, missing);
        return std::nullopt;
    }
    return filled;
}

QMap<QString, QJsonValue> slotValues(const ImageRecipe& recipe, const GraphInputs& in)
{
    const SamplerNames names = samplerNames(recipe.sampler, recipe.schedule);
    QMap<QString, QJsonValue> v {
        { QStringLiteral("prompt"), recipe.prompt },
        { QStringLiteral("negative"), recipe.negativePrompt },
        { QStringLiteral("model"), in.checkpoint },
        { QStringLiteral("seed"), recipe.seed },
        { QStringLiteral("steps"), recipe.steps },
        { QStringLiteral("cfg"), recipe.guidance },
        { QStringLiteral("width"), in.width },
        { QStringLiteral("height"), in.height },
        { QStringLiteral("batch_size"), recipe.batchSize },
        { QStringLiteral("denoise"), in.initImage.isEmpty() ? 1.0 : recipe.effectiveStrength() },
        { QStringLiteral("sampler"), names.sampler },
        { QStringLiteral("scheduler"), names.scheduler },
    };
    if (!in.initImage.isEmpty())
        v.insert(QStringLiteral("image"), in.initImage);
    return v;
}

QString promptErrorText(const QJsonObject& body)
{
    QStringList problems;
    const QJsonObject nodeErrors = body.value(QStringLiteral("node_errors")).toObject();
    QStringList ids = nodeErrors.keys();
    std::sort(ids.begin(), ids.end(),
        [](const QString& a, const QString& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    for (const QString& id : std::as_const(ids)) {
        const QJsonObject node = nodeErrors.value(id).toObject();
        QStringList messages;
        for (const QJsonValue& e : node.value(QStringLiteral("errors")).toArray()) {
            const QJsonObject error = e.toObject();
            const QString message = error.value(QStringLiteral("message")).toString();
            const QString details = error.value(QStringLiteral("details")).toString();
            messages << (details.isEmpty() ? message
                                           : QCoreApplication::translate("easel::ComfyWorkflow", "%1: %2")
                                                 .arg(message, oneLine(details, 160)));
        }
        problems << QCoreApplication::translate("easel::ComfyWorkflow", "%1: %2")
                        .arg(nodeLabel(id, node.value(QStringLiteral("class_type")).toString()),
                            messages.join(QStringLiteral("; ")));
    }
    if (problems.isEmpty()) {
        const QJsonValue error = body.value(QStringLiteral("error"));
        const QString message
            = error.isString() ? error.toString() : error.toObject().value(QStringLiteral("message")).toString();
        const QString details = error.toObject().value(QStringLiteral("details")).toString();
        problems << (details.isEmpty()
                ? message
                : QCoreApplication::translate("easel::ComfyWorkflow", "%1: %2").arg(message, details));
    }
    return oneLine(QCoreApplication::translate("easel::ComfyWorkflow", "ComfyUI refused the workflow: %1")
                       .arg(problems.join(QStringLiteral("; "))),
        400);
}

QString executionErrorText(const QJsonObject& data)
{
    QString message = data.value(QStringLiteral("exception_message")).toString().trimmed();
    message = message.section(QLatin1Char('\n'), 0, 0);
    if (message.isEmpty())
        message = data.value(QStringLiteral("exception_type")).toString();
    const QString node = nodeLabel(
        data.value(QStringLiteral("node_id")).toString(), data.value(QStringLiteral("node_type")).toString());
    return oneLine(
        QCoreApplication::translate("easel::ComfyWorkflow", "ComfyUI failed in %1: %2").arg(node, message), 400);
}

} // namespace easel::comfy
