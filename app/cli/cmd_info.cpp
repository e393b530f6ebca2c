// SPDX-License-Identifier: MIT
// easel-cli info PATH: what a model file or folder holds, without loading it.

#include "cliutil.h"
#include "commands.h"

#include "common/error.h"
#include "jobs/modeldescription.h"

#include "engine/common/error.h"
#include "engine/weights/lorafile.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace easel::cli {

namespace {

QString grouped(qint64 n) { return QLocale(QLocale::English).toString(qlonglong(n)); }

QString humanBytes(qint64 bytes)
{
    const double mib = double(bytes) / (1024.0 * 1024.0);
    return mib >= 1024.0 ? QStringLiteral("%1 GiB").arg(mib / 1024.0, 0, 'f', 2)
                         : QStringLiteral("%1 MiB").arg(mib, 0, 'f', 1);
}

QString dtypeList(const QMap<QString, qint64>& dtypes)
{
    QStringList parts;
    for (auto it = dtypes.begin(); it != dtypes.end(); ++it)
        parts << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

QJsonObject toJson(const ModelDescription& d)
{
    QJsonObject o;
    o[QStringLiteral("path")] = d.path;
    o[QStringLiteral("layout")] = d.layout;
    o[QStringLiteral("architecture")] = d.architecture;
    o[QStringLiteral("inpainting")] = d.inpainting;
    o[QStringLiteral("unet_in_channels")] = d.unetInChannels;
    o[QStringLiteral("context_dim")] = d.contextDim;
    o[QStringLiteral("prediction")] = d.vPrediction ? QStringLiteral("v_prediction") : QStringLiteral("epsilon");
    o[QStringLiteral("prediction_source")] = d.predictionSource;
    QJsonArray components;
    for (const ModelComponentDescription& c : d.components) {
        QJsonObject jc;
        jc[QStringLiteral("name")] = c.name;
        jc[QStringLiteral("parameters")] = c.parameters;
        jc[QStringLiteral("tensors")] = c.tensors;
        jc[QStringLiteral("bytes")] = c.bytes;
        QJsonObject dtypes;
        for (auto it = c.dtypes.begin(); it != c.dtypes.end(); ++it)
            dtypes[it.key()] = it.value();
        jc[QStringLiteral("dtypes")] = dtypes;
        jc[QStringLiteral("source")] = c.source;
        components.append(jc);
    }
    o[QStringLiteral("components")] = components;
    QJsonObject lic;
    lic[QStringLiteral("name")] = d.licenceName;
    lic[QStringLiteral("url")] = d.licenceUrl;
    lic[QStringLiteral("restrictions")] = d.licenceRestrictions;
    lic[QStringLiteral("source")] = d.licenceSource;
    o[QStringLiteral("licence")] = lic;
    QJsonObject metadata;
    for (const auto& [key, value] : d.metadata)
        metadata[key] = value;
    o[QStringLiteral("metadata")] = metadata;
    o[QStringLiteral("notes")] = QJsonArray::fromStringList(d.notes);
    return o;
}

bool isLoraFile(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return false;
    try {
        const engine::SafetensorsFile file(path.toStdString());
        for (const engine::TensorEntry& e : file.tensors()) {
            if (e.name.rfind("lora_", 0) == 0 || e.name.find(".lora_down.") != std::string::npos
                || e.name.find(".lora_A.") != std::string::npos)
                return true;
        }
    } catch (const engine::EngineError&) {
        // Not readable as safetensors: describeModel says why.
    }
    return false;
}

QString number(double value) { return QString::number(value, 'g', 6); }

/// `easel-cli info` for a LoRA file: base model, ranks, alphas, modules, trigger words.
int describeLora(const QString& path, bool asJson)
{
    std::unique_ptr<engine::LoraFile> lora;
    try {
        lora = std::make_unique<engine::LoraFile>(path.toStdString());
    } catch (const engine::EngineError& e) {
        err(QStringLiteral("easel-cli info: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    std::string baseSource;
    const engine::LoraBase base = lora->base(&baseSource);
    QStringList ranks, alphas, modules, words;
    QJsonArray ranksJson, alphasJson, wordsJson;
    QJsonObject modulesJson;
    for (const int64_t r : lora->ranks()) {
        ranks << QString::number(r);
        ranksJson.append(qint64(r));
    }
    for (const double a : lora->alphas()) {
        alphas << number(a);
        alphasJson.append(a);
    }
    for (const auto& [kind, count] : lora->moduleCounts()) {
        modules << QStringLiteral("%1 %2").arg(QString::fromUtf8(engine::loraModuleKindName(kind))).arg(count);
        modulesJson[QString::fromUtf8(engine::loraModuleKindName(kind))] = count;
    }
    for (const auto& [word, count] : lora->triggerWords()) {
        const QString w = QString::fromStdString(word);
        words << (count > 0 ? QStringLiteral("%1 (%2)").arg(w).arg(count) : w);
        wordsJson.append(QJsonObject { { QStringLiteral("word"), w }, { QStringLiteral("count"), qint64(count) } });
    }
    const auto& meta = lora->metadata();
    auto metaValue = [&](const char* key) {
        const auto it = meta.find(key);
        return it == meta.end() ? QString() : QString::fromStdString(it->second);
    };
    const QString baseText = QString::fromUtf8(engine::loraBaseName(base));
    if (asJson) {
        QJsonObject o;
        o[QStringLiteral("path")] = path;
        o[QStringLiteral("kind")] = QStringLiteral("lora");
        o[QStringLiteral("network_module")] = metaValue("ss_network_module");
        o[QStringLiteral("base_model")] = baseText;
        o[QStringLiteral("base_model_source")] = QString::fromStdString(baseSource);
        o[QStringLiteral("trained_on")] = metaValue("ss_sd_model_name");
        o[QStringLiteral("ranks")] = ranksJson;
        o[QStringLiteral("alphas")] = alphasJson;
        o[QStringLiteral("module_count")] = int(lora->modules().size());
        o[QStringLiteral("modules")] = modulesJson;
        o[QStringLiteral("trigger_words")] = wordsJson;
        QJsonObject metadata;
        for (const auto& [key, value] : meta)
            metadata[QString::fromStdString(key)] = QString::fromStdString(value);
        o[QStringLiteral("metadata")] = metadata;
        out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
        return 0;
    }
    out(QStringLiteral("LoRA:          %1").arg(path));
    const QString module = metaValue("ss_network_module");
    out(QStringLiteral("Format:        kohya/A1111 LoRA%1").arg(module.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(module)));
    out(QStringLiteral("Base model:    %1%2")
            .arg(baseText, baseSource.empty() ? QString() : QStringLiteral(" (from %1)").arg(QString::fromStdString(baseSource))));
    if (const QString trained = metaValue("ss_sd_model_name"); !trained.isEmpty())
        out(QStringLiteral("Trained on:    %1").arg(trained));
    out(QStringLiteral("Rank:          %1").arg(ranks.join(QStringLiteral(", "))));
    out(QStringLiteral("Alpha:         %1").arg(alphas.join(QStringLiteral(", "))));
    out(QStringLiteral("Modules:       %1 (%2)").arg(lora->modules().size()).arg(modules.join(QStringLiteral(", "))));
    out(QStringLiteral("Trigger words: %1").arg(words.isEmpty() ? QStringLiteral("none recorded") : words.join(QStringLiteral(", "))));
    if (!meta.empty()) {
        out(QStringLiteral("Metadata:"));
        for (const auto& [key, value] : meta)
            out(QStringLiteral("  %1: %2").arg(QString::fromStdString(key), QString::fromStdString(value).left(200)));
    }
    out(QStringLiteral("Use:           easel-cli generate --lora %1:0.8 ..., or <lora:%2:0.8> in the prompt with --lora-dir")
            .arg(path, QFileInfo(path).completeBaseName()));
    return 0;
}

} // namespace

int runInfo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Describe a model without loading it: layout, architecture, components, dtypes, parameter counts "
        "and licence.\nPATH is a .safetensors checkpoint (original LDM key layout), a standalone VAE file, a "
        "diffusers folder (with model_index.json), or a LoRA (base model, rank, alpha, modules, trigger words)."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Model file or diffusers folder."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the description as JSON."));
    parser.addOption(json);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("easel-cli info: expected exactly one PATH (see --help)"));
        return 2;
    }

    if (isLoraFile(parser.positionalArguments().first()))
        return describeLora(parser.positionalArguments().first(), parser.isSet(json));

    ModelDescription d;
    try {
        d = describeModel(parser.positionalArguments().first());
    } catch (const Error& e) {
        err(QStringLiteral("easel-cli info: ") + QString::fromUtf8(e.what()));
        return 1;
    }

    if (parser.isSet(json)) {
        out(QString::fromUtf8(QJsonDocument(toJson(d)).toJson(QJsonDocument::Indented)));
        return 0;
    }

    out(QStringLiteral("Model:        %1").arg(d.path));
    out(QStringLiteral("Layout:       %1").arg(d.layout));
    if (!d.standaloneVae) {
        out(QStringLiteral("Architecture: %1%2")
                .arg(d.architecture, d.inpainting ? QStringLiteral(" (inpainting)") : QString()));
        out(QStringLiteral("UNet:         %1 input channels, %2-wide cross-attention")
                .arg(d.unetInChannels)
                .arg(d.contextDim));
        out(QStringLiteral("Prediction:   %1 (%2)")
                .arg(d.vPrediction ? QStringLiteral("v-prediction") : QStringLiteral("epsilon"), d.predictionSource));
    }
    out(QStringLiteral("Components:"));
    for (const ModelComponentDescription& c : d.components) {
        out(QStringLiteral("  %1 %2 parameters  %3 tensors  %4  %5")
                .arg(c.name, -15)
                .arg(grouped(c.parameters), 14)
                .arg(c.tensors, 5)
                .arg(humanBytes(c.bytes), 10)
                .arg(dtypeList(c.dtypes)));
    }
    out(QStringLiteral("  %1 %2 parameters").arg(QStringLiteral("total"), -15).arg(grouped(d.parameters), 14));
    if (!d.metadata.isEmpty()) {
        out(QStringLiteral("Metadata:"));
        for (const auto& [key, value] : d.metadata)
            out(QStringLiteral("  %1: %2").arg(key, value.left(200)));
    }
    out(QStringLiteral("Licence:      %1 (%2)%3")
            .arg(d.licenceName, d.licenceSource,
                d.licenceUrl.isEmpty() ? QString() : QStringLiteral(" ") + d.licenceUrl));
    out(QStringLiteral("Use:          %1").arg(d.licenceRestrictions));
    for (const QString& note : d.notes)
        out(QStringLiteral("Note:         %1").arg(note));
    return 0;
}

} // namespace easel::cli
