// SPDX-License-Identifier: MIT
#pragma once

#include "settings/settings.h"

namespace easel {

/// Applies the theme to the running application: System keeps the platform's style and palette; Light and
/// Dark use the Fusion style with a light or dark palette (Qt 6.4 cannot switch a platform's scheme).
void applyTheme(Theme theme);

} // namespace easel
