// SPDX-License-Identifier: MIT
// libFuzzer target for the metadata other tools write into PNG text chunks: Easel's "easel" JSON,
// InvokeAI's "invokeai_metadata", ComfyUI's "prompt" and "workflow" graphs, Fooocus' and A1111's
// "parameters", the XMP rating and Easel's culling chunks. The input is the chunks themselves,
// "keyword\0text\0keyword\0text...", text as UTF-8, so the fuzzer works on the JSON and the infotext
// rather than on PNG framing (fuzz_png does that). ImageMetadata::fromChunks never throws; what it reads
// must be writable and readable again.

#include "fuzzsupport.h"

#include "gallery/imagemetadata.h"
#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> parts = QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)).split('\0');
    TextChunks chunks;
    for (qsizetype i = 0; i + 1 < parts.size(); i += 2)
        chunks.append(TextChunk { QString::fromLatin1(parts[i]), QString::fromUtf8(parts[i + 1]) });

    const ImageMetadata m = ImageMetadata::fromChunks(chunks);
    FUZZ_CHECK(m.rating >= 0 && m.rating <= 5);
    FUZZ_CHECK(!(m.pick && m.reject));
    FUZZ_CHECK(m.recipe.has_value() == (m.source != ImageMetadata::Source::None));
    for (const QString& lora : m.loras)
        FUZZ_CHECK(!lora.isEmpty());
    (void)m.modelName();
    (void)m.samplerText();

    if (m.recipe) {
        // Whatever was read can be shown and stored: as infotext and as Easel's own record.
        const QString text = m.recipe->toA1111Parameters();
        (void)ImageRecipe::fromA1111Parameters(text);
        (void)ImageRecipe::fromJsonText(m.recipe->toJsonText());
        (void)m.recipe->validate();
    }

    const ImageMetadata again = ImageMetadata::fromChunks(ImageMetadata::withCulling(chunks, m));
    FUZZ_CHECK(again.rating == m.rating && again.pick == m.pick && again.reject == m.reject && again.tags == m.tags);
    return 0;
}
