// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QStringList>

namespace easel {

/**
 * Sets the language of the interface: QLocale::setDefault(locale), Easel's translation
 * (<resources>/translations/easel_<lang>.qm) and Qt's own for its standard dialogs and context menus
 * (qtbase_<lang>.qm, from Qt's translations folder). Call it after the QApplication exists and before any
 * widget is built (texts are set once, when widgets are made). The default, QLocale(), is the system's: on
 * Unix, LC_ALL, LC_MESSAGES, LANG and LANGUAGE, as for any program. Calling it again replaces the
 * translations it installed before. Returns the files loaded: none for English, or for a language Easel
 * has no translation of.
 */
QStringList installTranslations(const QLocale& locale = QLocale());

} // namespace easel
