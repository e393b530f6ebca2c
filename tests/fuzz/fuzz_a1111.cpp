// SPDX-License-Identifier: MIT
// libFuzzer target for A1111 infotext (the "parameters" text of PNGs from AUTOMATIC1111, Forge, Fooocus
// and Easel): any UTF-8 text is read into a recipe or refused with a message. A recipe read from text must
// be written back as text that reads again, and that second text must be a fixed point: writing and
// reading it again changes nothing.

#include "fuzzsupport.h"

#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<ImageRecipe> recipe = ImageRecipe::fromA1111Parameters(text, &error);
    if (!recipe) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    (void)recipe->validate();
    (void)recipe->toJsonText();

    const QString written = recipe->toA1111Parameters();
    const std::optional<ImageRecipe> reread = ImageRecipe::fromA1111Parameters(written, &error);
    FUZZ_CHECK(reread.has_value());
    const QString rewritten = reread->toA1111Parameters();
    const std::optional<ImageRecipe> third = ImageRecipe::fromA1111Parameters(rewritten);
    FUZZ_CHECK(third.has_value());
    FUZZ_CHECK(third->toA1111Parameters() == rewritten);
    return 0;
}
