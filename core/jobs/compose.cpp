// SPDX-License-Identifier: MIT
#include "jobs/compose.h"

#include "imaging/mergefile.h"

#include "engine/common/error.h"

#include <QDir>
#include <QFileInfo>
#include <QSize>

namespace easel {

QSize composePortraitSize(int native)
{
    const int side = std::max(8, native / 8 * 8);
    const int shortSide = std::max(8, (side * 3 / 4) / 8 * 8);
    return QSize(shortSide, side);
}

ComposeOutput compose(GenerationJob& job, const ComposeRequest& request, int nativeSize,
    engine::GenerationObserver* observer, const engine::CancelToken* cancel)
{
    ComposeOutput output;
    const QFileInfo out(request.outputPath);
    output.mergedPath = request.outputPath;
    output.characterPath = out.dir().filePath(out.completeBaseName() + QStringLiteral("-character.png"));
    output.backgroundPath = out.dir().filePath(out.completeBaseName() + QStringLiteral("-background.png"));
    const QSize portrait = composePortraitSize(nativeSize);

    struct Part {
        QString prompt;
        QString negative;
        QSize size;
        uint64_t seedOffset;
        QString path;
    };
    const Part parts[] = {
        { request.characterPrompt + request.presets.characterSuffix, request.presets.characterNegative, portrait, 0,
            output.characterPath },
        { request.backgroundPrompt + request.presets.backgroundSuffix, request.presets.backgroundNegative,
            portrait.transposed(), 1, output.backgroundPath },
    };
    for (const Part& part : parts) {
        GenerationRequest r = request.base;
        r.params.prompt = part.prompt.toStdString();
        if (!part.negative.isEmpty()) {
            r.params.negativePrompt
                = (request.base.params.hasNegativePrompt ? request.base.params.negativePrompt + ", " : std::string())
                + part.negative.toStdString();
            r.params.hasNegativePrompt = true;
        }
        r.params.width = part.size.width();
        r.params.height = part.size.height();
        r.params.batchSize = 1;
        r.params.batchCount = 1;
        r.params.seed = request.base.params.seed + part.seedOffset;
        r.outputPath = part.path;
        if (const QString e = job.prepare(r); !e.isEmpty()) {
            output.outcome = engine::Outcome::Failed;
            output.error = e;
            return output;
        }
        const GenerationOutput generated = job.run(r, observer, cancel);
        if (generated.outcome != engine::Outcome::Completed) {
            output.outcome = generated.outcome;
            output.error = generated.error;
            return output;
        }
    }
    try {
        imaging::mergeFiles(output.characterPath, output.backgroundPath, output.mergedPath, request.merge,
            QStringLiteral("Easel " EASEL_VERSION),
            request.base.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse);
    } catch (const engine::EngineError& e) {
        output.outcome = engine::Outcome::Failed;
        output.error = QString::fromUtf8(e.what());
    }
    return output;
}

} // namespace easel
