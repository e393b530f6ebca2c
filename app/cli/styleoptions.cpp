// SPDX-License-Identifier: MIT
#include "styleoptions.h"

#include "cliutil.h"

#include "jobs/resources.h"
#include "settings/settings.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace easel::cli {

StyleOptions::StyleOptions()
    : m_style(QStringLiteral("style"),
        QStringLiteral("Apply a style (its id or title; see 'easel-cli styles'): its prompt template, negative prompt, "
                       "LoRAs, sampler, steps, guidance and size. Flags given as well win."),
        QStringLiteral("NAME"))
    , m_stylesDir(QStringLiteral("styles-dir"),
          QStringLiteral("More styles (*.json), read after the built-in ones and the styles folder of the settings "
                         "(default <data folder>/styles); repeatable."),
          QStringLiteral("DIR"))
{
}

void StyleOptions::addTo(QCommandLineParser& parser, bool withStyle) const
{
    if (withStyle)
        parser.addOption(m_style);
    parser.addOption(m_stylesDir);
}

QString StyleOptions::loadLibrary(const QCommandLineParser& parser, StyleLibrary& library) const
{
    QStringList dirs { Settings().stylesDir() };
    for (const QString& dir : parser.values(m_stylesDir)) {
        if (!QFileInfo(dir).isDir())
            return QStringLiteral("--styles-dir: %1: no such folder").arg(dir);
        dirs << dir;
    }
    QStringList errors;
    library.load(builtInStylesPath(), dirs, &errors);
    for (const QString& error : std::as_const(errors))
        err(QStringLiteral("warning: ") + error);
    return {};
}

QString StyleOptions::readStyle(const QCommandLineParser& parser, std::optional<Style>& style) const
{
    style.reset();
    if (!parser.isSet(m_style))
        return {};
    StyleLibrary library;
    if (const QString e = loadLibrary(parser, library); !e.isEmpty())
        return e;
    style = library.find(parser.value(m_style));
    if (!style) {
        return QStringLiteral("--style: no style '%1' (styles: %2)")
            .arg(parser.value(m_style), library.ids().join(QStringLiteral(", ")));
    }
    return {};
}

} // namespace easel::cli
