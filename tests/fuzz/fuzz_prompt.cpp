// SPDX-License-Identifier: MIT
// libFuzzer target for the prompt syntax: A1111 emphasis ((x), [x], (x:1.2), \( escapes), BREAK and
// <lora:NAME:WEIGHT> tags, as the engine reads them (parsePromptAttention, tokenizePrompt, takeLoraTags)
// and as the window reads them (the token counter, the highlighter's spans, Ctrl+Up/Down weighting, the
// gallery's LoRA names). The input is two bytes that place a selection, then the prompt as UTF-8.
// The engine refuses a prompt only with EngineError; the token counter must agree with the engine on
// the refusal and on the number of 77-token chunks; spans cover the text; weights are finite.

#include "fuzzsupport.h"

#include "engine/common/error.h"
#include "engine/pipeline/lorapatcher.h"
#include "engine/tokenizer/cliptokenizer.h"
#include "engine/tokenizer/promptsyntax.h"
#include "gallery/imagemetadata.h"
#include "jobs/prompttokens.h"
#include "recipe/promptedit.h"

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace easel;

namespace {

const engine::ClipTokenizer& tokenizer()
{
    static const engine::ClipTokenizer instance(EASEL_FUZZ_CLIP_DIR);
    return instance;
}

const PromptTokenCounter& counter()
{
    static const PromptTokenCounter instance(QStringLiteral(EASEL_FUZZ_CLIP_DIR));
    return instance;
}

void checkChunks(const engine::TokenizedPrompt& chunks)
{
    FUZZ_CHECK(!chunks.empty());
    for (const engine::TokenChunk& chunk : chunks) {
        for (float w : chunk.weights)
            FUZZ_CHECK(std::isfinite(w));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const QString prompt = QString::fromUtf8(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));
    const std::string text = prompt.toStdString();

    // The engine.
    bool refused = false;
    try {
        for (const engine::WeightedText& run : engine::parsePromptAttention(text))
            FUZZ_CHECK(std::isfinite(run.weight));
    } catch (const engine::EngineError&) {
        refused = true;
    }
    size_t engineChunks = 0;
    try {
        const engine::TokenizedPrompt chunks = engine::tokenizePrompt(tokenizer(), text, engine::PromptSyntax::A1111);
        FUZZ_CHECK(!refused);
        checkChunks(chunks);
        engineChunks = chunks.size();
    } catch (const engine::EngineError&) {
        FUZZ_CHECK(refused);
    }
    const engine::TokenizedPrompt plain = engine::tokenizePrompt(tokenizer(), text, engine::PromptSyntax::Plain);
    FUZZ_CHECK(plain.size() == 1);
    try {
        std::string rest = text;
        for (const engine::LoraTag& tag : engine::takeLoraTags(rest)) {
            FUZZ_CHECK(!tag.name.empty() && std::isfinite(tag.weight));
            FUZZ_CHECK(text.find(tag.text) != std::string::npos);
        }
        FUZZ_CHECK(rest.size() <= text.size());
    } catch (const engine::EngineError&) {
    }

    // The window: the token counter mirrors the engine.
    const PromptTokenCount count = counter().count(prompt, easel::PromptSyntax::A1111);
    FUZZ_CHECK(count.valid);
    FUZZ_CHECK(count.error.isEmpty() != refused);
    if (!refused)
        FUZZ_CHECK(size_t(count.chunkCount()) == engineChunks);
    int previousEnd = 0;
    for (const PromptTokenChunk& chunk : count.chunks) {
        FUZZ_CHECK(chunk.tokens >= 0 && chunk.tokens <= 75);
        FUZZ_CHECK(chunk.endOffset >= previousEnd && chunk.endOffset <= prompt.size());
        previousEnd = chunk.endOffset;
    }
    const PromptTokenCount plainCount = counter().count(prompt, easel::PromptSyntax::Plain);
    FUZZ_CHECK(plainCount.chunkCount() == 1 && plainCount.error.isEmpty());

    // The highlighter's spans cover the text in order.
    int at = 0;
    for (const PromptSpan& span : promptSpans(prompt)) {
        FUZZ_CHECK(span.start == at && span.length > 0);
        at = span.end();
    }
    FUZZ_CHECK(at == prompt.size());

    // Ctrl+Up / Ctrl+Down on a selection the first two bytes place.
    const int n = int(prompt.size());
    const int a = n ? data[0] % (n + 1) : 0;
    const int b = n ? data[1] % (n + 1) : 0;
    const PromptEdit edit = adjustPromptWeight(prompt, std::min(a, b), std::max(a, b), (data[0] & 1) ? 1 : -1);
    FUZZ_CHECK(
        0 <= edit.selectionStart && edit.selectionStart <= edit.selectionEnd && edit.selectionEnd <= edit.text.size());
    FUZZ_CHECK(edit.changed || edit.text == prompt);

    for (const QString& name : ImageMetadata::lorasInPrompt(prompt))
        FUZZ_CHECK(!name.isEmpty());
    return 0;
}
