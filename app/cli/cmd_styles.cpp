// SPDX-License-Identifier: MIT
// easel-cli styles: the styles --style can name.

#include "cliutil.h"
#include "commands.h"
#include "styleoptions.h"

#include <QCommandLineParser>
#include <QDir>

namespace easel::cli {

int runStyles(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the styles 'easel-cli generate --style' can apply: id, title and where each comes from (built-in, or "
        "its JSON file). A style is a prompt template with {prompt}, a negative prompt, LoRAs and optional "
        "sampler, steps, guidance and size; add your own as JSON files in the styles folder."));
    const StyleOptions styleOptions;
    styleOptions.addTo(parser, false);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        err(QStringLiteral("easel-cli styles: unexpected argument '%1' (see --help)")
                .arg(parser.positionalArguments().constFirst()));
        return 2;
    }
    StyleLibrary library;
    if (const QString e = styleOptions.loadLibrary(parser, library); !e.isEmpty()) {
        err(QStringLiteral("easel-cli styles: ") + e);
        return 2;
    }
    int idWidth = 2;
    int titleWidth = 5;
    for (const Style& style : library.styles()) {
        idWidth = std::max(idWidth, int(style.id.size()));
        titleWidth = std::max(titleWidth, int(style.title.size()));
    }
    out(QStringLiteral("%1  %2  %3")
            .arg(QStringLiteral("ID"), -idWidth)
            .arg(QStringLiteral("TITLE"), -titleWidth)
            .arg(QStringLiteral("SOURCE")));
    for (const Style& style : library.styles()) {
        const QString source = style.builtIn ? QStringLiteral("built-in") : QDir::toNativeSeparators(style.sourceFile);
        out(QStringLiteral("%1  %2  %3").arg(style.id, -idWidth).arg(style.title, -titleWidth).arg(source));
    }
    return 0;
}

} // namespace easel::cli
