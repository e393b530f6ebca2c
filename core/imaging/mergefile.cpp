// SPDX-License-Identifier: MIT
#include "imaging/mergefile.h"

#include "imaging/attribution.h"
#include "imaging/imageio.h"

#include <QJsonArray>
#include <QJsonObject>

namespace easel::imaging {

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
