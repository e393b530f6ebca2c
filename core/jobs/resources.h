// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace easel {

/// Directory holding Easel's data files (CLIP vocabulary, demo model).
/// Order: $EASEL_RESOURCE_DIR, <exe>/../share/easel, then the source tree's resources/.
QString resourceDir();

/// A file under resourceDir(), e.g. resourcePath(u"clip/vocab.json"_s).
QString resourcePath(const QString& relative);

/// The bundled tiny demo model (random weights): what Easel runs when no model is given.
QString demoModelPath();

} // namespace easel
