// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace easel {

/// Whether `id` (lower-cased) names an engine a style, prompt-list entry or story shot may route to: "local" (this
/// machine), "comfyui" (the configured servers), "comfyui@host:port" (one server), "openai", "stability".
/// The one check: styles, prompt lists, stories and BackendRegistry::isKnown all use it.
inline bool isEngineId(const QString& id)
{
    return id == QLatin1String("local") || id == QLatin1String("comfyui") || id == QLatin1String("openai")
        || id == QLatin1String("stability") || (id.startsWith(QLatin1String("comfyui@")) && id.size() > 8);
}

} // namespace easel
