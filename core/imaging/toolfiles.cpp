// SPDX-License-Identifier: MIT
#include "imaging/toolfiles.h"

#include "common/error.h"
#include "imaging/imageio.h"

#include <QJsonArray>

#include <QJsonObject>

namespace easel::imaging {

int enhanceFile(const QString& in, const QString& out, const EnhanceSettings& settings, const QString& software,
    AtomicFile::Existing existing)
{
    const ImageData source = readImage(in);
    const cv::Mat result = enhance(source.pixels, settings);
    Provenance provenance;
    provenance.software = software;
    provenance.sources = { source };
    provenance.operations = settings.operations();
    writeResult(out, result, resultChunks(source.chunks, provenance), { in }, existing);
    return int(provenance.operations.size());
}

namespace {

    double number(const QJsonObject& step, const char* field, const std::string& which)
    {
        const QJsonValue v = step.value(QLatin1String(field));
        if (!v.isDouble())
            throw Error(which + "." + field + ": not a number");
        return v.toDouble();
    }

} // namespace

cv::Mat applyChain(const cv::Mat& image, const QJsonArray& operations)
{
    if (operations.isEmpty())
        throw Error("chain: no operations to apply");
    cv::Mat out = image.clone();
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const std::string which = "operations[" + std::to_string(i) + "]";
        if (!operations[i].isObject())
            throw Error(which + ": not an object");
        const QJsonObject step = operations[i].toObject();
        const QString op = step.value(QStringLiteral("op")).toString();
        if (op == QLatin1String("sharpness")) {
            out = adjustSharpness(out, number(step, "factor", which));
        } else if (op == QLatin1String("contrast")) {
            out = adjustContrast(out, number(step, "factor", which));
        } else if (op == QLatin1String("color")) {
            out = adjustColor(out, number(step, "factor", which));
        } else if (op == QLatin1String("brightness")) {
            out = adjustBrightness(out, number(step, "factor", which));
        } else if (op == QLatin1String("unsharp_mask")) {
            const UnsharpMaskParams params { number(step, "radius", which), int(number(step, "percent", which)),
                int(number(step, "threshold", which)) };
            out = unsharpMask(out, params);
        } else if (op == QLatin1String("watermark")) {
            WatermarkOptions mark;
            mark.text = step.value(QStringLiteral("text")).toString(mark.text);
            const std::optional<Corner> corner = cornerFromString(step.value(QStringLiteral("corner")).toString());
            if (!corner)
                throw Error(which + ".corner: must be br, bl, tr or tl");
            mark.corner = *corner;
            mark.opacity = number(step, "opacity", which);
            if (step.contains(QStringLiteral("size")))
                mark.size = number(step, "size", which);
            out = addWatermark(out, mark);
        } else if (op == QLatin1String("provenance")) {
            continue; // chunks only
        } else if (op == QLatin1String("merge")) {
            throw Error(which + ": a merge needs its second image; make it again in the merge panel");
        } else {
            throw Error(which + ".op: unknown operation '" + op.toStdString() + "'");
        }
    }
    return out;
}

int applyChainFile(const QString& in, const QString& out, const QJsonArray& operations, const QString& software,
    AtomicFile::Existing existing)
{
    const ImageData source = readImage(in);
    const cv::Mat result = applyChain(source.pixels, operations);
    Provenance provenance;
    provenance.software = software;
    provenance.sources = { source };
    provenance.operations = operations;
    bool provenanceStep = false;
    for (const QJsonValue& step : operations)
        provenanceStep = provenanceStep || step[QStringLiteral("op")].toString() == QLatin1String("provenance");
    const TextChunks extra
        = provenanceStep ? provenanceChunks(modelInfoFromChunks(source.chunks), software) : TextChunks {};
    writeResult(out, result, resultChunks(source.chunks, provenance, extra), { in }, existing);
    return int(operations.size());
}

QString cornerName(Corner corner)
{
    static const char* const names[] = { "br", "bl", "tr", "tl" };
    return QLatin1String(names[int(corner)]);
}

ModelInfo attributeFile(const QString& in, const QString& out, const WatermarkOptions& watermark,
    const std::optional<ModelInfo>& model, const QString& software, AtomicFile::Existing existing)
{
    const ImageData source = readImage(in);
    const ModelInfo info = model ? *model : modelInfoFromChunks(source.chunks);
    const cv::Mat result = addWatermark(source.pixels, watermark);
    Provenance provenance;
    provenance.software = software;
    provenance.sources = { source };
    QJsonObject mark { { QStringLiteral("op"), QStringLiteral("watermark") },
        { QStringLiteral("text"), watermark.text }, { QStringLiteral("corner"), cornerName(watermark.corner) },
        { QStringLiteral("opacity"), watermark.opacity } };
    if (watermark.size != 1.0)
        mark.insert(QStringLiteral("size"), watermark.size);
    provenance.operations = { mark, QJsonObject { { QStringLiteral("op"), QStringLiteral("provenance") } } };
    writeResult(
        out, result, resultChunks(source.chunks, provenance, provenanceChunks(info, software)), { in }, existing);
    return info;
}

} // namespace easel::imaging
