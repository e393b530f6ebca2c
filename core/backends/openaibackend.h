// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

namespace easel {

struct HttpReply;

/**
 * OpenAI Images: POST {base}/images/generations with model, prompt, size, quality and n; the images come
 * back as base64 (gpt-image models always, DALL-E when response_format is b64_json, which is sent for them).
 * DALL-E 3's revised_prompt is kept. The size sent is the model's size nearest the recipe's aspect ratio.
 */
class OpenAiBackend : public ImageBackend {
public:
    /// `quality` empty: "medium" for gpt-image-1, "standard" for DALL-E.
    explicit OpenAiBackend(BackendEndpoint endpoint, QString quality = {});

    QString id() const override { return QStringLiteral("openai"); }
    QString displayName() const override;
    bool isCloud() const override { return true; }
    BackendCapabilities capabilities() override;
    double costPerImage(const ImageRecipe& recipe) const override;
    BackendResult run(const ImageRecipe& recipe, const BackendCallbacks& callbacks) override;

    static QStringList models(); ///< "gpt-image-1", "dall-e-3", "dall-e-2"
    static QList<QSize> sizesFor(const QString& model);
    /// The size of `sizes` nearest the aspect ratio (then the area) of width x height.
    static QSize nearestSize(const QList<QSize>& sizes, int width, int height);

    QString model() const; ///< the endpoint's model, else gpt-image-1
    QString quality() const; ///< as it will be sent

    /// Reads the service's answer to /images/generations into `result` (its images, or its error); `quality`
    /// as sent (empty for dall-e-2). The parser on its own, for the tests and the fuzz target.
    static void readReply(
        const HttpReply& reply, const QString& model, const QString& quality, double timeoutSec, BackendResult& result);

private:
    BackendEndpoint m_endpoint;
    QString m_quality;
};

} // namespace easel
