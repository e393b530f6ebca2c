// SPDX-License-Identifier: MIT
// libFuzzer target for Easel's recipe record (ImageRecipe::fromJsonText: the "easel" PNG chunk, the queue,
// the window's saved state): any bytes are read into a recipe or refused with a one-line message. What
// was read must be written and read back to the same recipe.

#include "fuzzsupport.h"

#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<ImageRecipe> recipe = ImageRecipe::fromJsonText(json, &error);
    if (!recipe) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    (void)recipe->validate();
    (void)recipe->toA1111Parameters();

    const std::optional<ImageRecipe> reread = ImageRecipe::fromJsonText(recipe->toJsonText(), &error);
    FUZZ_CHECK(reread.has_value());
    FUZZ_CHECK(ImageRecipe::differingFields(*recipe, *reread).isEmpty());
    FUZZ_CHECK(*recipe == *reread);
    return 0;
}
