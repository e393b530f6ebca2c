// SPDX-License-Identifier: MIT
// easel-cli info PATH: what a model file or folder holds, without loading it.

#include "cliutil.h"
#include "commands.h"

#include "engine/common/error.h"
#include "engine/weights/modelfiles.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace easel::cli {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString grouped(int64_t n)
{
    return QLocale(QLocale::English).toString(qlonglong(n));
}

QString humanBytes(uint64_t bytes)
{
    const double mib = double(bytes) / (1024.0 * 1024.0);
    return mib >= 1024.0 ? QStringLiteral("%1 GiB").arg(mib / 1024.0, 0, 'f', 2)
                         : QStringLiteral("%1 MiB").arg(mib, 0, 'f', 1);
}

QString dtypeList(const std::map<std::string, int64_t>& dtypes)
{
    QStringList parts;
    for (const auto& [name, count] : dtypes)
        parts << QStringLiteral("%1 x%2").arg(qs(name)).arg(count);
    return parts.join(QStringLiteral(", "));
}

QJsonObject toJson(const engine::ModelInfo& info, const engine::ModelLicence& licence)
{
    QJsonObject o;
    o[QStringLiteral("path")] = qs(info.path);
    o[QStringLiteral("layout")] = qs(engine::layoutName(info.layout));
    o[QStringLiteral("architecture")] = qs(engine::familyName(info.family));
    o[QStringLiteral("inpainting")] = info.inpainting;
    o[QStringLiteral("unet_in_channels")] = qint64(info.unetInChannels);
    o[QStringLiteral("context_dim")] = qint64(info.contextDim);
    o[QStringLiteral("prediction")]
        = info.prediction == engine::Prediction::VPrediction ? QStringLiteral("v_prediction") : QStringLiteral("epsilon");
    o[QStringLiteral("prediction_source")] = qs(info.predictionSource);
    QJsonArray components;
    for (const engine::ComponentSummary& c : info.components) {
        QJsonObject jc;
        jc[QStringLiteral("name")] = QLatin1String(engine::componentName(c.component));
        jc[QStringLiteral("parameters")] = qint64(c.parameters);
        jc[QStringLiteral("tensors")] = qint64(c.tensors);
        jc[QStringLiteral("bytes")] = qint64(c.bytes);
        QJsonObject dtypes;
        for (const auto& [name, count] : c.dtypes)
            dtypes[qs(name)] = qint64(count);
        jc[QStringLiteral("dtypes")] = dtypes;
        jc[QStringLiteral("source")] = qs(c.source);
        components.append(jc);
    }
    o[QStringLiteral("components")] = components;
    QJsonObject lic;
    lic[QStringLiteral("name")] = qs(licence.name);
    lic[QStringLiteral("url")] = qs(licence.url);
    lic[QStringLiteral("restrictions")] = qs(licence.restrictions);
    lic[QStringLiteral("source")] = qs(licence.source);
    o[QStringLiteral("licence")] = lic;
    QJsonObject metadata;
    for (const auto& [k, v] : info.metadata)
        metadata[qs(k)] = qs(v);
    o[QStringLiteral("metadata")] = metadata;
    QJsonArray notes;
    for (const std::string& n : info.notes)
        notes.append(qs(n));
    o[QStringLiteral("notes")] = notes;
    return o;
}

} // namespace

int runInfo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Describe a model without loading it: layout, architecture, components, dtypes, parameter counts "
        "and licence.\nPATH is a .safetensors checkpoint (original LDM key layout), a standalone VAE file or a "
        "diffusers folder (with model_index.json)."));
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

    const std::string path = parser.positionalArguments().first().toStdString();
    std::shared_ptr<engine::ModelFiles> model;
    try {
        model = engine::ModelFiles::open(path);
    } catch (const engine::EngineError& e) {
        err(QStringLiteral("easel-cli info: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    const engine::ModelInfo& info = model->info();
    const engine::ModelLicence licence = engine::modelLicence(info);

    if (parser.isSet(json)) {
        out(QString::fromUtf8(QJsonDocument(toJson(info, licence)).toJson(QJsonDocument::Indented)));
        return 0;
    }

    out(QStringLiteral("Model:        %1").arg(qs(info.path)));
    out(QStringLiteral("Layout:       %1").arg(QLatin1String(engine::layoutName(info.layout))));
    if (info.layout != engine::ModelLayout::StandaloneVae) {
        out(QStringLiteral("Architecture: %1%2")
                .arg(QLatin1String(engine::familyName(info.family)),
                    info.inpainting ? QStringLiteral(" (inpainting)") : QString()));
        out(QStringLiteral("UNet:         %1 input channels, %2-wide cross-attention")
                .arg(info.unetInChannels)
                .arg(info.contextDim));
        out(QStringLiteral("Prediction:   %1 (%2)")
                .arg(info.prediction == engine::Prediction::VPrediction ? QStringLiteral("v-prediction")
                                                                        : QStringLiteral("epsilon"),
                    qs(info.predictionSource)));
    }
    out(QStringLiteral("Components:"));
    int64_t total = 0;
    for (const engine::ComponentSummary& c : info.components) {
        out(QStringLiteral("  %1 %2 parameters  %3 tensors  %4  %5")
                .arg(QLatin1String(engine::componentName(c.component)), -15)
                .arg(grouped(c.parameters), 14)
                .arg(c.tensors, 5)
                .arg(humanBytes(c.bytes), 10)
                .arg(dtypeList(c.dtypes)));
        total += c.parameters;
    }
    out(QStringLiteral("  %1 %2 parameters").arg(QStringLiteral("total"), -15).arg(grouped(total), 14));
    if (!info.metadata.empty()) {
        out(QStringLiteral("Metadata:"));
        for (const auto& [k, v] : info.metadata)
            out(QStringLiteral("  %1: %2").arg(qs(k), qs(v).left(200)));
    }
    out(QStringLiteral("Licence:      %1 (%2)%3")
            .arg(qs(licence.name), qs(licence.source),
                licence.url.empty() ? QString() : QStringLiteral(" ") + qs(licence.url)));
    out(QStringLiteral("Use:          %1").arg(qs(licence.restrictions)));
    for (const std::string& note : info.notes)
        out(QStringLiteral("Note:         %1").arg(qs(note)));
    return 0;
}

} // namespace easel::cli
