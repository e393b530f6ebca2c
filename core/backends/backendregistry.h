// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

#include <QStringList>

#include <memory>

namespace easel {

/// Makes the remote backends by id, for the router, the remote job and easel-cli.
class BackendRegistry {
public:
    /// The remote backend ids this build knows: "openai", "stability", "comfyui" (a further ComfyUI server:
    /// "comfyui@host:port"). "local" is the engine itself.
    static QStringList remoteIds();
    static bool isKnown(const QString& backendId); ///< a remote id or "local"
    /// A backend for `backendId` reached through `endpoint` (key included); nullptr for an unknown id.
    /// `quality`: OpenAI's quality, empty for the default.
    static std::shared_ptr<ImageBackend> create(
        const QString& backendId, const BackendEndpoint& endpoint, const QString& quality = {});
};

} // namespace easel
