// SPDX-License-Identifier: MIT
#include "imaging/mergefile.h"

#include "common/error.h"
#include "imaging/attribution.h"
#include "imaging/imageio.h"

#include <QJsonArray>
#include <QJsonObject>

namespace easel::imaging {

QJsonArray strokesToJson(const std::vector<MatteStroke>& strokes)
{
    QJsonArray out;
    for (const MatteStroke& stroke : strokes) {
        QJsonArray points;
        for (const cv::Point2d& p : stroke.points)
            points.append(QJsonArray { p.x, p.y });
        out.append(QJsonObject {
            { QStringLiteral("mode"),
                stroke.mode == MatteStroke::Mode::Keep ? QStringLiteral("keep") : QStringLiteral("remove") },
            { QStringLiteral("radius"), stroke.radius }, { QStringLiteral("points"), points } });
    }
    return out;
}

std::vector<MatteStroke> strokesFromJson(const QJsonValue& json)
{
    if (json.isUndefined() || json.isNull())
        return {};
    if (!json.isArray())
        throw Error("strokes: not a list");
    std::vector<MatteStroke> strokes;
    int index = 0;
    for (const QJsonValue& value : json.toArray()) {
        const std::string which = "strokes[" + std::to_string(index++) + "]";
        const QJsonObject o = value.toObject();
        MatteStroke stroke;
        const QString mode = o.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("keep"))
            stroke.mode = MatteStroke::Mode::Keep;
        else if (mode == QLatin1String("remove"))
            stroke.mode = MatteStroke::Mode::Remove;
        else
            throw Error(which + ".mode: must be \"keep\" or \"remove\"");
        if (!o.value(QStringLiteral("radius")).isDouble())
            throw Error(which + ".radius: not a number");
        stroke.radius = o.value(QStringLiteral("radius")).toDouble();
        const QJsonArray points = o.value(QStringLiteral("points")).toArray();
        if (points.isEmpty())
            throw Error(which + ".points: no points");
        for (const QJsonValue& p : points) {
            const QJsonArray xy = p.toArray();
            if (xy.size() != 2 || !xy[0].isDouble() || !xy[1].isDouble())
                throw Error(which + ".points: each point is [x, y]");
            stroke.points.emplace_back(xy[0].toDouble(), xy[1].toDouble());
        }
        strokes.push_back(std::move(stroke));
    }
    return strokes;
}

MergeResult mergeFiles(const QString& character, const QString& background, const QString& out,
    const MergeOptions& options, const QString& software, AtomicFile::Existing existing)
{
    const ImageData characterImage = readImage(character);
    const ImageData backgroundImage = readImage(background);
    MergeResult result = merge(characterImage.pixels, backgroundImage.pixels, options);

    Provenance provenance;
    provenance.software = software;
    provenance.sources = { characterImage, backgroundImage };
    QJsonObject op { { QStringLiteral("op"), QStringLiteral("merge") },
        { QStringLiteral("size"), QJsonArray { options.size.width, options.size.height } },
        { QStringLiteral("placement"),
            QJsonArray { result.placement.x, result.placement.y, result.placement.width, result.placement.height } },
        { QStringLiteral("scale"), options.scale }, { QStringLiteral("harmonize"), options.harmonize } };
    if (options.cutout.featherPx > 0.0)
        op.insert(QStringLiteral("feather"), options.cutout.featherPx);
    if (!options.cutout.strokes.empty())
        op.insert(QStringLiteral("strokes"), strokesToJson(options.cutout.strokes));
    provenance.operations = { op };
    // The merge is no longer what either source's generation parameters describe: keep only the model.
    TextChunks extra;
    const ModelInfo model = modelInfoFromChunks(characterImage.chunks);
    if (!model.name.isEmpty()) {
        extra << TextChunk { QStringLiteral("Model"), model.name };
        if (!model.licence.isEmpty())
            extra << TextChunk { QStringLiteral("License"), model.licence };
    }
    writeResult(out, result.image, resultChunks({}, provenance, extra), { characterImage.path, backgroundImage.path },
        existing);
    return result;
}

} // namespace easel::imaging
