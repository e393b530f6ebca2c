// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/stylelibrary.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace easel::cli {

/// The style flags: --styles-dir (the `styles` command and generate) and --style (generate).
class StyleOptions {
public:
    StyleOptions();
    /// Adds --styles-dir, and --style when `withStyle`.
    void addTo(QCommandLineParser& parser, bool withStyle = true) const;

    /// The built-in styles, the settings' styles folder and every --styles-dir (read in that order, later ones
    /// replacing a style of the same id). Files that cannot be read are reported on stderr as warnings.
    /// Returns a one-line message naming the flag for a --styles-dir that is not a folder.
    QString loadLibrary(const QCommandLineParser& parser, StyleLibrary& library) const;

    /// The style --style names (nullopt when not given); a one-line message naming it and the styles there are
    /// when there is no such style.
    QString readStyle(const QCommandLineParser& parser, std::optional<Style>& style) const;

private:
    QCommandLineOption m_style, m_stylesDir;
};

} // namespace easel::cli
