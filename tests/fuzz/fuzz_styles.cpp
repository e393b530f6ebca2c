// SPDX-License-Identifier: MIT
// libFuzzer target for style files (StyleLibrary::load, Style::fromJson): any bytes in a user's styles folder
// are read as styles or refused with one line naming the file, never a crash. An accepted style has a valid
// id and a title, keeps its documented bounds, survives toJson()/fromJson() unchanged, and applies to a
// recipe without leaving the recipe's limits.

#include "fuzzsupport.h"

#include "recipe/imagerecipe.h"
#include "recipe/recipelimits.h"
#include "recipe/stylelibrary.h"

#include <QDir>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace easel;

namespace {

const QString& stylesDir()
{
    static const QString dir = [] {
        const QString path = QString::fromStdString(fuzz::scratchDir()) + QStringLiteral("/styles");
        QDir().mkpath(path);
        return path;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString file = stylesDir() + QStringLiteral("/fuzz.json");
    fuzz::writeFile(file.toStdString(), data, size);

    StyleLibrary library;
    QStringList errors;
    const bool ok = library.load(QString(), { stylesDir() }, &errors);
    FUZZ_CHECK(ok == errors.isEmpty());
    FUZZ_CHECK(errors.size() <= 1);
    for (const QString& error : std::as_const(errors)) {
        FUZZ_CHECK(!error.contains(QLatin1Char('\n')));
        FUZZ_CHECK(error.contains(QDir::toNativeSeparators(file)));
        FUZZ_CHECK(library.styles().isEmpty()); // a file is read whole or not at all
    }

    static const QRegularExpression validId(QStringLiteral("^[a-z0-9_-]+$"));
    for (const Style& style : library.styles()) {
        FUZZ_CHECK(validId.match(style.id).hasMatch());
        FUZZ_CHECK(!style.title.isEmpty() && !style.builtIn && style.sourceFile == file);
        FUZZ_CHECK(!style.steps || (*style.steps >= limits::Steps.min && *style.steps <= limits::Steps.max));
        FUZZ_CHECK(
            !style.guidance || (*style.guidance >= limits::Guidance.min && *style.guidance <= limits::Guidance.max));
        FUZZ_CHECK(!style.width || (*style.width >= limits::Size.min && *style.width <= limits::Size.max));
        FUZZ_CHECK(!style.height || (*style.height >= limits::Size.min && *style.height <= limits::Size.max));
        const QString folder = style.folderName();
        FUZZ_CHECK(!folder.isEmpty() && !folder.contains(QLatin1Char('/')) && !folder.contains(QLatin1Char('\\')));

        // What is written back reads the same.
        QString message;
        std::optional<Style> again = Style::fromJson(style.toJson(), stylesDir(), QString(), &message);
        FUZZ_CHECK(again.has_value());
        again->builtIn = style.builtIn;
        again->sourceFile = style.sourceFile;
        FUZZ_CHECK(*again == style);

        ImageRecipe recipe;
        recipe.prompt = QStringLiteral("a lighthouse");
        style.apply(recipe);
        FUZZ_CHECK(recipe.steps >= limits::Steps.min && recipe.steps <= limits::Steps.max);
        FUZZ_CHECK(recipe.extras.value(QLatin1String(StyleExtrasKey)) == style.id);
        (void)style.expandPrompt(QStringLiteral("{prompt} {prompt}"));
    }
    return 0;
}
