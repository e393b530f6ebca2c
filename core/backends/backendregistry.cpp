// SPDX-License-Identifier: MIT
#include "backends/backendregistry.h"

#include "backends/comfyuibackend.h"
#include "backends/openaibackend.h"
#include "backends/stabilitybackend.h"
#include "recipe/engineid.h"

namespace easel {

QStringList BackendRegistry::remoteIds()
{
    return { QStringLiteral("openai"), QStringLiteral("stability"), QStringLiteral("comfyui") };
}

bool BackendRegistry::isKnown(const QString& backendId)
{
    return isEngineId(backendId);
}

std::shared_ptr<ImageBackend> BackendRegistry::create(
    const QString& backendId, const BackendEndpoint& endpoint, const QString& quality)
{
    if (backendId == QLatin1String("openai"))
        return std::make_shared<OpenAiBackend>(endpoint, quality);
    if (backendId == QLatin1String("stability"))
        return std::make_shared<StabilityBackend>(endpoint);
    if (backendId == QLatin1String("comfyui") || backendId.startsWith(QLatin1String("comfyui@")))
        return std::make_shared<ComfyUIBackend>(endpoint, backendId);
    return nullptr;
}

} // namespace easel
