// SPDX-License-Identifier: MIT
#include "backends/stabilitybackend.h"

#include "backends/cloudhttp.h"
#include "backends/pricetable.h"

#include <QCoreApplication>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::StabilityBackend", text); }

    const QString kService = QStringLiteral("Stability AI");

    QHttpPart textPart(const QByteArray& name, const QString& value)
    {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"" + name + "\""));
        part.setBody(value.toUtf8());
        return part;
    }

    bool isSd3(const QString& model) { return model.startsWith(QLatin1String("sd3")); }

} // namespace

StabilityBackend::StabilityBackend(BackendEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
}

QString StabilityBackend::displayName() const { return tr("Stability AI"); }

QStringList StabilityBackend::models()
{
    return { QStringLiteral("stable-image-ultra"), QStringLiteral("stable-image-core"), QStringLiteral("sd3.5-large"),
        QStringLiteral("sd3.5-large-turbo"), QStringLiteral("sd3.5-medium") };
}

QStringList StabilityBackend::aspectRatios()
{
    return { QStringLiteral("16:9"), QStringLiteral("1:1"), QStringLiteral("21:9"), QStringLiteral("2:3"),
        QStringLiteral("3:2"), QStringLiteral("4:5"), QStringLiteral("5:4"), QStringLiteral("9:16"),
        QStringLiteral("9:21") };
}

QString StabilityBackend::nearestAspectRatio(int width, int height)
{
    if (width <= 0 || height <= 0)
        return QStringLiteral("1:1");
    const double want = std::log(double(width) / height);
    QString best = QStringLiteral("1:1");
    double bestDiff = 1e300;
    for (const QString& r : aspectRatios()) {
        const double w = r.section(QLatin1Char(':'), 0, 0).toDouble();
        const double h = r.section(QLatin1Char(':'), 1, 1).toDouble();
        const double diff = std::abs(std::log(w / h) - want);
        if (diff < bestDiff - 1e-12) {
            bestDiff = diff;
            best = r;
        }
    }
    return best;
}

QString StabilityBackend::pathFor(const QString& model)
{
    if (model == QLatin1String("stable-image-ultra"))
        return QStringLiteral("/v2beta/stable-image/generate/ultra");
    if (isSd3(model))
        return QStringLiteral("/v2beta/stable-image/generate/sd3");
    return QStringLiteral("/v2beta/stable-image/generate/core");
}

QString StabilityBackend::model() const
{
    return m_endpoint.defaultModel.isEmpty() ? QStringLiteral("stable-image-core") : m_endpoint.defaultModel;
}

BackendCapabilities StabilityBackend::capabilities()
{
    BackendCapabilities c;
    c.models = models();
    c.aspectRatios = aspectRatios();
    c.negativePrompt = model() != QLatin1String("sd3.5-large-turbo");
    c.seed = true;
    c.maxImagesPerRequest = 1;
    return c;
}

double StabilityBackend::costPerImage(const ImageRecipe&) const
{
    const double price = PriceTable::stability(model());
    return price < 0 ? PriceTable::stability(QStringLiteral("stable-image-ultra")) : price;
}

BackendResult StabilityBackend::run(const ImageRecipe& recipe, const BackendCallbacks& callbacks)
{
    BackendResult result;
    if (m_endpoint.apiKey.isEmpty()) {
        result.error.kind = BackendErrorKind::Unauthorized;
        result.error.message
            = tr("no API key for Stability AI: set STABILITY_API_KEY or store a key in the system keychain");
        return result;
    }
    const QString model = this->model();
    const QString ratio = nearestAspectRatio(recipe.width, recipe.height);
    if (recipe.width > 0 && recipe.height > 0)
        result.notes << tr("Stability AI chooses the size: aspect ratio %1 was asked for").arg(ratio);

    auto* form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    form->append(textPart("prompt", recipe.prompt));
    const bool negative = model != QLatin1String("sd3.5-large-turbo");
    if (!recipe.negativePrompt.trimmed().isEmpty()) {
        if (negative)
            form->append(textPart("negative_prompt", recipe.negativePrompt));
        else
            result.notes << tr("%1 takes no negative prompt: it was left out").arg(model);
    }
    form->append(textPart("aspect_ratio", ratio));
    // The service's seeds are 0..4294967294 and 0 means "random".
    const qint64 seed = recipe.seed % 4294967295LL;
    form->append(textPart("seed", QString::number(seed)));
    form->append(textPart("output_format", QStringLiteral("png")));
    if (isSd3(model))
        form->append(textPart("model", model));

    QNetworkRequest request = CloudHttp::request(CloudHttp::join(m_endpoint.baseUrl, pathFor(model)));
    request.setRawHeader("Authorization", "Bearer " + m_endpoint.apiKey.toUtf8());
    request.setRawHeader("Accept", "application/json");
    CloudHttp http(m_endpoint.timeoutSec, callbacks.cancelled);
    const HttpReply reply = http.post(request, form);
    readReply(reply, model, ratio, m_endpoint.timeoutSec, result);
    return result;
}

void StabilityBackend::readReply(
    const HttpReply& reply, const QString& model, const QString& ratio, double timeoutSec, BackendResult& result)
{
    const QByteArray contentType = reply.header("content-type").toLower();
    const QJsonObject json
        = contentType.startsWith("image/") ? QJsonObject() : QJsonDocument::fromJson(reply.body).object();
    if (reply.status != 200 || reply.cancelled || reply.timedOut) {
        // {"id": "...", "name": "bad_request", "errors": ["..."]}
        QStringList errors;
        for (const QJsonValue& e : json.value(QStringLiteral("errors")).toArray())
            errors << e.toString();
        const QString message
            = errors.isEmpty() ? json.value(QStringLiteral("message")).toString() : errors.join(QStringLiteral("; "));
        result.error = httpError(reply, kService, message, json.value(QStringLiteral("name")).toString(), timeoutSec);
        return;
    }

    BackendImage image;
    QString finish;
    if (contentType.startsWith("image/")) {
        image.encoded = reply.body;
        finish = QString::fromLatin1(reply.header("finish-reason"));
        bool ok = false;
        const qint64 s = reply.header("seed").toLongLong(&ok);
        image.seed = ok ? s : -1;
    } else {
        image.encoded = QByteArray::fromBase64(json.value(QStringLiteral("image")).toString().toLatin1());
        finish = json.value(QStringLiteral("finish_reason")).toString();
        const QJsonValue s = json.value(QStringLiteral("seed"));
        image.seed = s.isDouble() ? qint64(s.toDouble()) : -1;
    }
    if (finish == QLatin1String("CONTENT_FILTERED")) {
        result.error = refusalError(kService, tr("the image was filtered (finish_reason CONTENT_FILTERED)"));
        result.error.httpStatus = reply.status;
        return;
    }
    image.mimeType = imageMimeType(image.encoded);
    if (image.mimeType.isEmpty()) {
        result.error.kind = BackendErrorKind::Server;
        result.error.httpStatus = reply.status;
        result.error.message = tr("Stability AI answered without an image");
        return;
    }
    image.remoteModel = model;
    image.extras.insert(QStringLiteral("Aspect ratio"), ratio);
    if (!finish.isEmpty())
        image.extras.insert(QStringLiteral("Finish reason"), finish);
    result.images << image;
}

} // namespace easel
