// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

namespace easel {

struct HttpReply;

/**
 * Stability AI's v2beta Stable Image generate endpoints: /v2beta/stable-image/generate/ultra, /core, and /sd3
 * (with the model field: sd3.5-large, sd3.5-large-turbo, sd3.5-medium). A multipart form (prompt,
 * negative_prompt, aspect_ratio, seed, output_format, model), Accept: application/json; the answer is the
 * base64 image with finish_reason and seed (a raw image answer, with finish-reason and seed headers, is read
 * too).
 * One image per request; finish_reason CONTENT_FILTERED is a refusal.
 */
class StabilityBackend : public ImageBackend {
public:
    explicit StabilityBackend(BackendEndpoint endpoint);

    QString id() const override { return QStringLiteral("stability"); }
    QString displayName() const override;
    bool isCloud() const override { return true; }
    BackendCapabilities capabilities() override;
    double costPerImage(const ImageRecipe& recipe) const override;
    BackendResult run(const ImageRecipe& recipe, const BackendCallbacks& callbacks) override;

    /// "stable-image-ultra", "stable-image-core", "sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium".
    static QStringList models();
    static QStringList aspectRatios(); ///< "16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"
    /// The ratio of aspectRatios() nearest width:height ("1:1" when either is 0).
    static QString nearestAspectRatio(int width, int height);
    /// The endpoint path of a model ("/v2beta/stable-image/generate/sd3").
    static QString pathFor(const QString& model);

    QString model() const; ///< the endpoint's model, else stable-image-core

    /// Reads the service's answer (JSON with the base64 image, or the raw image with its headers) into
    /// `result`: its image, a refusal or its error; `ratio` as sent. The parser on its own, for the fuzz target.
    static void readReply(
        const HttpReply& reply, const QString& model, const QString& ratio, double timeoutSec, BackendResult& result);

private:
    BackendEndpoint m_endpoint;
};

} // namespace easel
