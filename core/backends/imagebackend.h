// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/jobtypes.h"
#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace easel {

/// What a backend can do with a recipe: the router and the window read it to choose and to warn.
struct BackendCapabilities {
    QStringList models; ///< remote model names the backend offers (checkpoints, "gpt-image-1", "sd3.5-large"...)
    QStringList loras; ///< LoRA names the backend knows (ComfyUI's loras folder), empty when it takes none
    QStringList samplers; ///< sampler names it accepts, empty when it chooses itself
    QList<QSize> sizes; ///< the exact sizes it accepts; empty when any multiple of 8 (or aspectRatios) goes
    QStringList aspectRatios; ///< "16:9", "1:1"... when the backend asks for a ratio instead of a size
    bool negativePrompt = false;
    bool seed = false;
    bool steps = false;
    bool guidance = false;
    bool imageToImage = false;
    bool lora = false;
    int maxImagesPerRequest = 1;
};

/// Why a remote run failed, as the router needs to know it.
enum class BackendErrorKind {
    None,
    BadRequest, ///< the request itself is wrong (400): retrying or falling back will not help with this recipe
    Unauthorized, ///< 401/403: the key is wrong or missing; skip this backend for the rest of the run
    NoCredit, ///< 402 or the API's "insufficient balance": skip this backend
    RateLimited, ///< 429: retried after Retry-After (or a backoff)
    Refused, ///< content policy / moderation refusal: skip this backend for this request
    Timeout, ///< no answer in time
    Server, ///< 5xx
    Network, ///< connection refused, DNS, TLS
    Cancelled, ///< the user cancelled
    Budget, ///< the cost budget would be exceeded: nothing was sent
};

struct BackendError {
    BackendErrorKind kind = BackendErrorKind::None;
    QString message; ///< one line for people, never the key, never raw exception text
    int httpStatus = 0;
    double retryAfterSec = 0.0; ///< for RateLimited: what the server asked for (0 = not said)

    bool isError() const { return kind != BackendErrorKind::None; }
    /// The router skips the backend for the rest of the run (a retry cannot fix it).
    bool skipsBackend() const
    {
        return kind == BackendErrorKind::Unauthorized || kind == BackendErrorKind::NoCredit
            || kind == BackendErrorKind::Refused;
    }
};

/// One image a backend returned: encoded bytes as the service sent them (PNG, JPEG, WebP), plus what the
/// service said about it. The job turns it into a PNG with Easel's metadata chunks.
struct BackendImage {
    QByteArray encoded;
    QString mimeType; ///< "image/png", "image/jpeg", "image/webp"
    qint64 seed = -1; ///< the seed the service used, -1 when it does not say
    QString remoteModel; ///< the model that made it, as the service names it
    QString revisedPrompt; ///< OpenAI's revised_prompt, when given
    QMap<QString, QString> extras; ///< further facts worth keeping in the recipe's extras (e.g. "comfyui_prompt_id")
};

struct BackendResult {
    QList<BackendImage> images;
    BackendError error;
    QStringList notes; ///< retries made, fallbacks taken
    QString backendId; ///< the backend that made the images (set by BackendRouter)
};

/// What a running request can report and check, called on the job's worker thread.
struct BackendCallbacks {
    std::function<bool()> cancelled; ///< polled; true ends the request (ComfyUI: POST /interrupt)
    std::function<void(int step, int steps)> progress; ///< where the service reports steps
    std::function<void(const Preview& image)> preview; ///< preview frames where the service sends them
};

/// Where and how to reach a service. The key is never stored here longer than a request needs it, and
/// never printed: toJson() leaves it out.
struct BackendEndpoint {
    QUrl baseUrl; ///< e.g. https://api.openai.com/v1, http://127.0.0.1:8188
    QString apiKey; ///< bearer token / API key; empty for a local ComfyUI
    QString defaultModel;
    double timeoutSec = 300.0;
};

/**
 * A generation engine Easel can send a recipe to: the local libtorch engine, a ComfyUI server, OpenAI
 * Images, Stability AI. run() blocks on a worker thread (it spins its own event loop for the network),
 * like Job::run, never throws, and returns images or one error.
 */
class ImageBackend {
public:
    virtual ~ImageBackend() = default;

    /// Stable id: "local", "comfyui", "openai", "stability" (a second ComfyUI server: "comfyui@host:port").
    virtual QString id() const = 0;
    /// For people: "ComfyUI (gpu-box:8188)", "OpenAI Images".
    virtual QString displayName() const = 0;
    /// True for services that charge per image (the budget applies to them).
    virtual bool isCloud() const = 0;

    /// What the backend can do. Remote backends may ask the server (ComfyUI's /object_info) on first call;
    /// blocking, so call it off the GUI thread or use the cached value.
    virtual BackendCapabilities capabilities() = 0;

    /// The estimated cost of one image of this recipe in US dollars (0 for local and self-hosted).
    virtual double costPerImage(const ImageRecipe& recipe) const = 0;

    /// Makes recipe.batchSize images (or as many as the service gives per request) for this recipe.
    virtual BackendResult run(const ImageRecipe& recipe, const BackendCallbacks& callbacks) = 0;
};

QString backendErrorKindName(BackendErrorKind kind); ///< "unauthorized", "rate-limited"...

} // namespace easel
