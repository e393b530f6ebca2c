// SPDX-License-Identifier: MIT
#include "backends/openaibackend.h"

#include "backends/apikeys.h"
#include "backends/cloudhttp.h"
#include "backends/pricetable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::OpenAiBackend", text); }

    const QString kService = QStringLiteral("OpenAI");

    bool isGptImage(const QString& model) { return model.startsWith(QLatin1String("gpt-image")); }

    int maxImages(const QString& model) { return model == QLatin1String("dall-e-3") ? 1 : 10; }

} // namespace

OpenAiBackend::OpenAiBackend(BackendEndpoint endpoint, QString quality)
    : m_endpoint(std::move(endpoint))
    , m_quality(std::move(quality))
{
}

QString OpenAiBackend::displayName() const { return tr("OpenAI Images"); }

QStringList OpenAiBackend::models()
{
    return { QStringLiteral("gpt-image-1"), QStringLiteral("dall-e-3"), QStringLiteral("dall-e-2") };
}

QList<QSize> OpenAiBackend::sizesFor(const QString& model)
{
    if (model == QLatin1String("dall-e-2"))
        return { QSize(256, 256), QSize(512, 512), QSize(1024, 1024) };
    if (model == QLatin1String("dall-e-3"))
        return { QSize(1024, 1024), QSize(1792, 1024), QSize(1024, 1792) };
    return { QSize(1024, 1024), QSize(1536, 1024), QSize(1024, 1536) };
}

QSize OpenAiBackend::nearestSize(const QList<QSize>& sizes, int width, int height)
{
    if (sizes.isEmpty())
        return {};
    const double want = width > 0 && height > 0 ? std::log(double(width) / height) : 0.0;
    const double area = width > 0 && height > 0 ? double(width) * height : 1024.0 * 1024.0;
    QSize best = sizes.first();
    double bestScore = 1e300;
    for (const QSize& s : sizes) {
        const double ratio = std::abs(std::log(double(s.width()) / s.height()) - want);
        const double areaDiff = std::abs(std::log(double(s.width()) * s.height() / area));
        const double score = ratio * 100.0 + areaDiff;
        if (score < bestScore) {
            bestScore = score;
            best = s;
        }
    }
    return best;
}

QString OpenAiBackend::model() const
{
    return m_endpoint.defaultModel.isEmpty() ? QStringLiteral("gpt-image-1") : m_endpoint.defaultModel;
}

QString OpenAiBackend::quality() const
{
    if (!m_quality.isEmpty())
        return m_quality;
    return isGptImage(model()) ? QStringLiteral("medium") : QStringLiteral("standard");
}

BackendCapabilities OpenAiBackend::capabilities()
{
    BackendCapabilities c;
    c.models = models();
    c.sizes = sizesFor(model());
    c.maxImagesPerRequest = maxImages(model());
    return c;
}

double OpenAiBackend::costPerImage(const ImageRecipe& recipe) const
{
    const QSize size = nearestSize(sizesFor(model()), recipe.width, recipe.height);
    const double price = PriceTable::openAi(model(), quality(), size.width(), size.height());
    return price < 0 ? PriceTable::openAi(QStringLiteral("gpt-image-1"), QStringLiteral("high"), 1024, 1536) : price;
}

BackendResult OpenAiBackend::run(const ImageRecipe& recipe, const BackendCallbacks& callbacks)
{
    BackendResult result;
    if (m_endpoint.apiKey.isEmpty()) {
        result.error.kind = BackendErrorKind::Unauthorized;
        result.error.message = tr("no API key for OpenAI: set OPENAI_API_KEY or store a key in the system keychain");
        return result;
    }
    const QString model = this->model();
    const QSize size = nearestSize(sizesFor(model), recipe.width, recipe.height);
    const int n = std::clamp(recipe.batchSize, 1, maxImages(model));
    if (size != QSize(recipe.width, recipe.height))
        result.notes << tr("OpenAI made %1x%2 images (the size of %3 nearest %4x%5)")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(model)
                            .arg(recipe.width)
                            .arg(recipe.height);
    if (!recipe.negativePrompt.trimmed().isEmpty())
        result.notes << tr("OpenAI takes no negative prompt: it was left out");

    QJsonObject body { { QStringLiteral("model"), model }, { QStringLiteral("prompt"), recipe.prompt },
        { QStringLiteral("n"), n },
        { QStringLiteral("size"), QStringLiteral("%1x%2").arg(size.width()).arg(size.height()) } };
    if (model != QLatin1String("dall-e-2"))
        body.insert(QStringLiteral("quality"), quality());
    if (!isGptImage(model))
        body.insert(QStringLiteral("response_format"), QStringLiteral("b64_json")); // gpt-image: always base64

    QNetworkRequest request
        = CloudHttp::request(CloudHttp::join(m_endpoint.baseUrl, QStringLiteral("/images/generations")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_endpoint.apiKey.toUtf8());
    CloudHttp http(m_endpoint.timeoutSec, callbacks.cancelled);
    const HttpReply reply = http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    readReply(reply, model, body.value(QStringLiteral("quality")).toString(), m_endpoint.timeoutSec, result);
    return result;
}

void OpenAiBackend::readReply(
    const HttpReply& reply, const QString& model, const QString& quality, double timeoutSec, BackendResult& result)
{
    const QJsonObject json = QJsonDocument::fromJson(reply.body).object();
    if (reply.status != 200 || reply.cancelled || reply.timedOut) {
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        QString code = error.value(QStringLiteral("code")).toString();
        if (code.isEmpty())
            code = error.value(QStringLiteral("type")).toString();
        result.error = httpError(reply, kService, error.value(QStringLiteral("message")).toString(), code, timeoutSec);
        return;
    }
    const QJsonArray data = json.value(QStringLiteral("data")).toArray();
    for (const QJsonValue& item : data) {
        const QJsonObject o = item.toObject();
        BackendImage image;
        image.encoded = QByteArray::fromBase64(o.value(QStringLiteral("b64_json")).toString().toLatin1());
        image.mimeType = imageMimeType(image.encoded);
        if (image.mimeType.isEmpty())
            continue;
        image.remoteModel = model;
        image.revisedPrompt = o.value(QStringLiteral("revised_prompt")).toString();
        image.extras.insert(QStringLiteral("Quality"), quality);
        result.images << image;
    }
    if (result.images.isEmpty()) {
        result.error.kind = BackendErrorKind::Server;
        result.error.httpStatus = reply.status;
        result.error.message = tr("OpenAI answered without an image");
    }
}

} // namespace easel
