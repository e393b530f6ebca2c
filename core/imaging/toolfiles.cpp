// SPDX-License-Identifier: MIT
#include "imaging/toolfiles.h"

#include "imaging/imageio.h"

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
