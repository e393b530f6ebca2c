// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace easel {

/// Directory holding Easel's data files (CLIP vocabulary, demo model, translations).
/// Order: $EASEL_RESOURCE_DIR; <exe>/../share/easel (the installed layout, which the build tree mirrors
/// in build/share/easel); on macOS <exe>/../Resources/easel (app bundle); then <install prefix>/share/easel.
/// The source tree is never searched, so an installed binary cannot pick up a stale checkout.
QString resourceDir();

/// A file under resourceDir(), e.g. resourcePath(u"clip/vocab.json"_s).
QString resourcePath(const QString& relative);

/// The bundled tiny demo model (random weights): what Easel runs when no model is given.
QString demoModelPath();

/// The built-in styles (resources/styles/styles.json), read by StyleLibrary::load().
QString builtInStylesPath();

} // namespace easel
