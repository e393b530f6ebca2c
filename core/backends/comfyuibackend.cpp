// SPDX-License-Identifier: MIT
#include "backends/comfyuibackend.h"

#include "common/error.h"
#include "imaging/imageio.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>
#include <QtEndian>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace easel {

namespace {

    constexpr qint64 CapabilityCacheMs = 5 * 60 * 1000;
    constexpr int TickMs = 50;
    constexpr double ShortRequestSec = 5.0; ///< cancelling requests: the user is not kept waiting longer
    constexpr int HistoryPollMs = 1000; ///< without a WebSocket
    constexpr int HistoryRetries = 40; ///< the history can lag "executing: null" by a moment

    struct CachedCapabilities {
        BackendCapabilities capabilities;
        qint64 fetchedMs = 0;
    };

    QMutex& cacheMutex()
    {
        static QMutex mutex;
        return mutex;
    }

    QHash<QString, CachedCapabilities>& cache()
    {
        static QHash<QString, CachedCapabilities> c;
        return c;
    }

    qint64 nowMs()
    {
        static QElapsedTimer clock = [] {
            QElapsedTimer t;
            t.start();
            return t;
        }();
        return clock.elapsed();
    }

    QString mimeOf(const QByteArray& bytes, const QByteArray& contentType)
    {
        if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
            return QStringLiteral("image/png");
        if (bytes.startsWith("\xff\xd8\xff"))
            return QStringLiteral("image/jpeg");
        if (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
            return QStringLiteral("image/webp");
        return QString::fromLatin1(contentType.split(';').first().trimmed());
    }

    QString shortText(const QByteArray& body)
    {
        QString text = QString::fromUtf8(body.left(400)).simplified();
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        if (o.value(QStringLiteral("error")).isString())
            text = o.value(QStringLiteral("error")).toString().simplified();
        else if (o.value(QStringLiteral("error")).isObject())
            text = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().simplified();
        else if (o.value(QStringLiteral("message")).isString())
            text = o.value(QStringLiteral("message")).toString().simplified();
        return text.left(160);
    }

    /// One request's outcome.
    struct Reply {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QByteArray retryAfter;
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QString networkErrorText;
        bool timedOut = false;
        bool cancelled = false;

        bool ok() const { return status >= 200 && status < 300 && !timedOut && !cancelled; }
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    /// Blocking HTTP to one server on the calling thread, each request with the endpoint's time limit and the
    /// token, polling the cancel flag while it waits.
    class Session {
    public:
        Session(const BackendEndpoint& endpoint, std::function<bool()> cancelled)
            : m_endpoint(endpoint)
            , m_cancelled(std::move(cancelled))
        {
        }

        bool isCancelled() const { return m_cancelled && m_cancelled(); }
        double timeoutSec() const { return m_endpoint.timeoutSec > 0 ? m_endpoint.timeoutSec : 300.0; }

        /// The server for people: its URL without user, query or token.
        QString where() const
        {
            return m_endpoint.baseUrl.toString(
                QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
        }

        QUrl url(const QString& path, const QUrlQuery& query = {}) const
        {
            QUrl u = m_endpoint.baseUrl;
            QString base = u.path();
            while (base.endsWith(QLatin1Char('/')))
                base.chop(1);
            u.setPath(base + path);
            u.setQuery(query);
            u.setFragment({});
            return u;
        }

        QNetworkRequest request(const QUrl& url) const
        {
            QNetworkRequest r(url);
            r.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Easel"));
            if (!m_endpoint.apiKey.isEmpty())
                r.setRawHeader("Authorization", "Bearer " + m_endpoint.apiKey.toUtf8());
            return r;
        }

        Reply get(const QString& path, const QUrlQuery& query = {}, bool cancellable = true)
        {
            return wait(m_nam.get(request(url(path, query))), timeoutSec(), cancellable);
        }

        Reply postJson(const QString& path, const QJsonObject& body, double timeout = 0, bool cancellable = true)
        {
            QNetworkRequest r = request(url(path));
            r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            return wait(m_nam.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact)),
                timeout > 0 ? timeout : timeoutSec(), cancellable);
        }

        Reply postMultipart(const QString& path, QHttpMultiPart* multiPart)
        {
            QNetworkReply* reply = m_nam.post(request(url(path)), multiPart);
            multiPart->setParent(reply);
            return wait(reply, timeoutSec(), true);
        }

        /// The BackendError of a reply that is not a success.
        BackendError error(const Reply& reply) const
        {
            BackendError e;
            e.httpStatus = reply.status;
            if (reply.cancelled) {
                e.kind = BackendErrorKind::Cancelled;
                e.message = QCoreApplication::translate("easel::ComfyUIBackend", "cancelled");
            } else if (reply.timedOut) {
                e.kind = BackendErrorKind::Timeout;
                e.message
                    = QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 did not answer within %2 s")
                          .arg(where())
                          .arg(timeoutSec());
            } else if (reply.status == 0) {
                e.kind = BackendErrorKind::Network;
                e.message = QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 cannot be reached: %2")
                                .arg(where(), reply.networkErrorText);
            } else if (reply.status == 401 || reply.status == 403) {
                e.kind = BackendErrorKind::Unauthorized;
                e.message = QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 refused access (HTTP %2): check the access token")
                                .arg(where())
                                .arg(reply.status);
            } else if (reply.status == 402) {
                e.kind = BackendErrorKind::NoCredit;
                e.message = QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 asks for payment (HTTP 402): check the account's credit")
                                .arg(where());
            } else if (reply.status == 429) {
                e.kind = BackendErrorKind::RateLimited;
                e.retryAfterSec = reply.retryAfter.trimmed().toDouble();
                e.message = QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 is busy (HTTP 429): try again later")
                                .arg(where());
            } else if (reply.status >= 500) {
                e.kind = BackendErrorKind::Server;
                e.message = QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 failed (HTTP %2): %3")
                                .arg(where())
                                .arg(reply.status)
                                .arg(shortText(reply.body));
            } else {
                e.kind = BackendErrorKind::BadRequest;
                e.message = QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 refused the request (HTTP %2): %3")
                                .arg(where())
                                .arg(reply.status)
                                .arg(shortText(reply.body));
            }
            return e;
        }

        QNetworkAccessManager& nam() { return m_nam; }

    private:
        Reply wait(QNetworkReply* reply, double timeoutSec, bool cancellable)
        {
            Reply out;
            QEventLoop loop;
            QTimer tick;
            QElapsedTimer elapsed;
            elapsed.start();
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
                if (cancellable && isCancelled()) {
                    out.cancelled = true;
                    reply->abort();
                } else if (elapsed.elapsed() > qint64(timeoutSec * 1000)) {
                    out.timedOut = true;
                    reply->abort();
                }
            });
            tick.start(TickMs);
            if (!reply->isFinished())
                loop.exec();
            tick.stop();
            out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->isOpen())
                out.body = reply->readAll();
            out.contentType = reply->rawHeader("Content-Type");
            out.retryAfter = reply->rawHeader("Retry-After");
            out.networkError = reply->error();
            if (out.status == 0)
                out.networkErrorText = reply->errorString();
            reply->deleteLater();
            return out;
        }

        BackendEndpoint m_endpoint;
        std::function<bool()> m_cancelled;
        QNetworkAccessManager m_nam;
    };

    std::optional<BackendCapabilities> fetchCapabilities(Session& session, const QString& key, BackendError* error)
    {
        {
            QMutexLocker lock(&cacheMutex());
            const auto it = cache().constFind(key);
            if (it != cache().constEnd() && nowMs() - it->fetchedMs < CapabilityCacheMs)
                return it->capabilities;
        }
        const Reply reply = session.get(QStringLiteral("/object_info"));
        if (!reply.ok()) {
            *error = session.error(reply);
            return std::nullopt;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(reply.body, &parseError);
        if (!doc.isObject()) {
            error->kind = BackendErrorKind::Server;
            error->message = QCoreApplication::translate(
                "easel::ComfyUIBackend", "ComfyUI at %1 sent an unreadable /object_info: %2")
                                 .arg(session.where(), parseError.errorString());
            return std::nullopt;
        }
        const BackendCapabilities caps = comfy::capabilitiesFromObjectInfo(doc.object());
        QMutexLocker lock(&cacheMutex());
        cache().insert(key, { caps, nowMs() });
        return caps;
    }

    BackendError makeError(BackendErrorKind kind, const QString& message)
    {
        BackendError e;
        e.kind = kind;
        e.message = message;
        return e;
    }

    /// The output images of a history entry, node by node: "output" ones (SaveImage), else "temp" ones (PreviewImage).
    QList<QJsonObject> outputImages(const QJsonObject& outputs)
    {
        QStringList ids = outputs.keys();
        std::sort(ids.begin(), ids.end(),
            [](const QString& a, const QString& b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
        QList<QJsonObject> saved;
        QList<QJsonObject> temp;
        for (const QString& id : std::as_const(ids)) {
            for (const QJsonValue& v : outputs.value(id).toObject().value(QStringLiteral("images")).toArray()) {
                const QJsonObject image = v.toObject();
                if (image.value(QStringLiteral("type")).toString() == QLatin1String("temp"))
                    temp << image;
                else
                    saved << image;
            }
        }
        return saved.isEmpty() ? temp : saved;
    }

    /// The init image as the PNG ComfyUI gets: 8-bit BGR, at the recipe's size (the image's own, rounded down to
    /// 8 pixels, when the recipe leaves it open), as the local engine reads it.
    QByteArray initImagePng(const ImageRecipe& recipe, int* width, int* height)
    {
        const imaging::ImageData source = imaging::readImage(recipe.initImage);
        cv::Mat bgr;
        const cv::Mat& in = source.pixels;
        if (in.channels() == 1)
            cv::cvtColor(in, bgr, cv::COLOR_GRAY2BGR);
        else if (in.channels() == 4)
            cv::cvtColor(in, bgr, cv::COLOR_BGRA2BGR);
        else
            bgr = in;
        const int w = recipe.width > 0 ? recipe.width : std::max(8, limits::roundedSize(bgr.cols));
        const int h = recipe.height > 0 ? recipe.height : std::max(8, limits::roundedSize(bgr.rows));
        if (bgr.cols != w || bgr.rows != h)
            cv::resize(bgr, bgr, cv::Size(w, h), 0, 0, cv::INTER_AREA);
        std::vector<uchar> png;
        cv::imencode(".png", bgr, png);
        *width = w;
        *height = h;
        return QByteArray(reinterpret_cast<const char*>(png.data()), qsizetype(png.size()));
    }

    /// What the WebSocket said about our prompt so far.
    struct RunState {
        QString promptId;
        bool started = false;
        bool finished = false;
        bool interrupted = false;
        BackendError error;
        QList<QJsonObject> executedImages; ///< from "executed" messages, in case the history never shows them
        QList<QJsonObject> pending; ///< messages that came before /prompt answered with our id
    };

} // namespace

ComfyUIBackend::ComfyUIBackend(BackendEndpoint endpoint, QString id)
    : m_endpoint(std::move(endpoint))
    , m_id(std::move(id))
{
    if (m_endpoint.baseUrl.scheme().isEmpty() && !m_endpoint.baseUrl.isEmpty())
        m_endpoint.baseUrl = QUrl(QStringLiteral("http://") + m_endpoint.baseUrl.toString());
}

QString ComfyUIBackend::laneFor(const QUrl& baseUrl)
{
    const int port = baseUrl.port(baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("comfyui@%1:%2").arg(baseUrl.host().toLower()).arg(port);
}

QString ComfyUIBackend::displayName() const
{
    const QUrl& u = m_endpoint.baseUrl;
    const QString host = u.port() > 0 ? QStringLiteral("%1:%2").arg(u.host()).arg(u.port()) : u.host();
    return QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI (%1)").arg(host);
}

void ComfyUIBackend::clearCapabilityCache()
{
    QMutexLocker lock(&cacheMutex());
    cache().clear();
}

BackendCapabilities ComfyUIBackend::capabilities()
{
    Session session(m_endpoint, {});
    m_capabilitiesError = {};
    const std::optional<BackendCapabilities> caps = fetchCapabilities(session, session.where(), &m_capabilitiesError);
    return caps.value_or(BackendCapabilities {});
}

std::optional<Preview> ComfyUIBackend::decodePreviewFrame(const QByteArray& frame)
{
    if (frame.size() < 8)
        return std::nullopt;
    const auto* bytes = reinterpret_cast<const uchar*>(frame.constData());
    const quint32 event = qFromBigEndian<quint32>(bytes);
    qsizetype offset = 0;
    if (event == 1) { // PREVIEW_IMAGE: image type, then the image
        offset = 8;
    } else if (event == 4) { // PREVIEW_IMAGE_WITH_METADATA: metadata length, JSON, then the image
        const quint32 length = qFromBigEndian<quint32>(bytes + 4);
        if (qsizetype(length) > frame.size() - 8)
            return std::nullopt;
        offset = 8 + qsizetype(length);
    } else {
        return std::nullopt;
    }
    if (offset >= frame.size())
        return std::nullopt;
    const cv::Mat raw(1, int(frame.size() - offset), CV_8UC1, const_cast<char*>(frame.constData() + offset));
    cv::Mat bgr;
    try {
        bgr = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        return std::nullopt;
    }
    if (bgr.empty() || bgr.depth() != CV_8U)
        return std::nullopt;
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    Preview preview;
    preview.width = rgb.cols;
    preview.height = rgb.rows;
    preview.rgb.resize(qsizetype(rgb.cols) * rgb.rows * 3);
    for (int y = 0; y < rgb.rows; ++y)
        std::copy_n(rgb.ptr<char>(y), rgb.cols * 3, preview.rgb.data() + qsizetype(y) * rgb.cols * 3);
    return preview;
}

BackendResult ComfyUIBackend::run(const ImageRecipe& recipeIn, const BackendCallbacks& callbacks)
{
    BackendResult result;
    Session session(m_endpoint, callbacks.cancelled);
    const auto fail = [&](const BackendError& error) {
        result.images.clear();
        result.error = error;
        return result;
    };
    const auto cancelledError = [] {
        return makeError(
            BackendErrorKind::Cancelled, QCoreApplication::translate("easel::ComfyUIBackend", "cancelled"));
    };
    if (session.isCancelled())
        return fail(cancelledError());
    if (!m_endpoint.baseUrl.isValid() || m_endpoint.baseUrl.host().isEmpty())
        return fail(makeError(BackendErrorKind::BadRequest,
            QCoreApplication::translate(
                "easel::ComfyUIBackend", "No ComfyUI server is set: give its URL (e.g. http://127.0.0.1:8188)")));
    if (!recipeIn.maskImage.isEmpty())
        return fail(makeError(BackendErrorKind::BadRequest,
            QCoreApplication::translate("easel::ComfyUIBackend",
                "ComfyUI runs no inpainting masks from Easel yet: run this recipe locally or without its mask")));

    ImageRecipe recipe = recipeIn;
    comfy::GraphInputs inputs;
    const bool useTemplate = m_template.has_value();
    const bool needsServerNames = !useTemplate || m_template->uses(QStringLiteral("model"));

    // The server's names of the checkpoint and the LoRAs.
    if (needsServerNames) {
        BackendError error;
        const std::optional<BackendCapabilities> caps = fetchCapabilities(session, session.where(), &error);
        if (!caps)
            return fail(error);
        const QString wanted = !recipe.model.isEmpty() ? recipe.model : m_endpoint.defaultModel;
        if (wanted.isEmpty()) {
            if (caps->models.isEmpty())
                return fail(makeError(BackendErrorKind::BadRequest,
                    QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 has no checkpoint")
                        .arg(session.where())));
            inputs.checkpoint = caps->models.first();
        } else {
            inputs.checkpoint = comfy::matchServerName(wanted, caps->models);
            if (inputs.checkpoint.isEmpty())
                return fail(makeError(BackendErrorKind::BadRequest,
                    QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 has no checkpoint like %2")
                        .arg(session.where(), QFileInfo(wanted).fileName())));
        }
        if (!useTemplate) {
            QList<LoraRef> loras = recipe.loras;
            recipe.prompt = comfy::takeLoraTags(recipe.prompt, &loras);
            for (const LoraRef& lora : std::as_const(loras)) {
                const QString name = comfy::matchServerName(lora.path, caps->loras);
                if (name.isEmpty())
                    return fail(makeError(BackendErrorKind::BadRequest,
                        QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 has no LoRA like %2")
                            .arg(session.where(), QFileInfo(lora.path).fileName())));
                inputs.loras.append({ name, lora.weight });
            }
        }
    }
    if (useTemplate && !recipe.loras.isEmpty())
        result.notes << QCoreApplication::translate(
            "easel::ComfyUIBackend", "The workflow template %1 decides the LoRAs: the recipe's LoRAs were not applied")
                            .arg(QFileInfo(m_template->source()).fileName());
    if (useTemplate && !m_template->uses(QStringLiteral("prompt")))
        result.notes << QCoreApplication::translate(
            "easel::ComfyUIBackend", "The workflow template %1 has no {{prompt}} slot: the prompt was not used")
                            .arg(QFileInfo(m_template->source()).fileName());
    if (useTemplate && recipe.isImageToImage() && !m_template->uses(QStringLiteral("image")))
        return fail(makeError(BackendErrorKind::BadRequest,
            QCoreApplication::translate(
                "easel::ComfyUIBackend", "The workflow template %1 has no {{image}} slot for the init image")
                .arg(QFileInfo(m_template->source()).fileName())));

    const QString sizeModel = !inputs.checkpoint.isEmpty() ? inputs.checkpoint : m_endpoint.defaultModel;
    inputs.width = recipe.width > 0 ? recipe.width : comfy::nativeSizeFor(sizeModel);
    inputs.height = recipe.height > 0 ? recipe.height : comfy::nativeSizeFor(sizeModel);

    // img2img: the source goes to the server's input folder first.
    if (recipe.isImageToImage()) {
        QByteArray png;
        try {
            png = initImagePng(recipe, &inputs.width, &inputs.height);
        } catch (const Error& e) {
            return fail(makeError(BackendErrorKind::BadRequest, QString::fromUtf8(e.what())));
        }
        auto* multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        const QString fileName
            = QStringLiteral("easel-%1.png")
                  .arg(QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex().left(16)));
        QHttpPart image;
        image.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/png"));
        image.setHeader(QNetworkRequest::ContentDispositionHeader,
            QStringLiteral("form-data; name=\"image\"; filename=\"%1\"").arg(fileName));
        image.setBody(png);
        multiPart->append(image);
        for (const auto& [name, value] : { std::pair { "overwrite", "true" }, std::pair { "type", "input" } }) {
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentDispositionHeader,
                QStringLiteral("form-data; name=\"%1\"").arg(QLatin1String(name)));
            part.setBody(value);
            multiPart->append(part);
        }
        const Reply reply = session.postMultipart(QStringLiteral("/upload/image"), multiPart);
        if (!reply.ok())
            return fail(session.error(reply));
        const QJsonObject uploaded = reply.json();
        const QString name = uploaded.value(QStringLiteral("name")).toString();
        const QString subfolder = uploaded.value(QStringLiteral("subfolder")).toString();
        if (name.isEmpty())
            return fail(makeError(BackendErrorKind::Server,
                QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 did not say where the uploaded image went")
                    .arg(session.where())));
        inputs.initImage = subfolder.isEmpty() ? name : subfolder + QLatin1Char('/') + name;
    }

    // One prompt per image, with seed + k as Easel's own images have it, so that each image can be made again
    // from its recipe; ComfyUI keeps the model and every node whose inputs did not change cached between them.
    const int count = std::max(1, recipe.batchSize);
    const bool seeded = !useTemplate || m_template->uses(QStringLiteral("seed"));
    const auto graphFor = [&](int k, QString* message) -> std::optional<QJsonObject> {
        ImageRecipe one = recipe;
        one.seed = recipe.seed + k;
        one.batchSize = 1;
        if (useTemplate)
            return m_template->fill(comfy::slotValues(one, inputs), message);
        return comfy::buildWorkflow(one, inputs);
    };
    {
        QString message;
        if (!graphFor(0, &message))
            return fail(makeError(BackendErrorKind::BadRequest, message));
    }

    // The WebSocket first, so that no message about the prompt is missed.
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    RunState state;
    QEventLoop* waiting = nullptr;
    qint64 lastActivityMs = nowMs();
    const auto handleMessage = [&](const QJsonObject& message) {
        const QString type = message.value(QStringLiteral("type")).toString();
        const QJsonObject data = message.value(QStringLiteral("data")).toObject();
        const QJsonValue pid = data.value(QStringLiteral("prompt_id"));
        if (pid.isString() && pid.toString() != state.promptId)
            return;
        if (type == QLatin1String("execution_start") || type == QLatin1String("execution_cached")) {
            state.started = true;
        } else if (type == QLatin1String("executing")) {
            state.started = true;
            if (data.value(QStringLiteral("node")).isNull() && pid.isString())
                state.finished = true;
        } else if (type == QLatin1String("progress")) {
            state.started = true;
            if (callbacks.progress)
                callbacks.progress(
                    data.value(QStringLiteral("value")).toInt(), data.value(QStringLiteral("max")).toInt());
        } else if (type == QLatin1String("executed")) {
            state.executedImages << outputImages(
                QJsonObject { { QStringLiteral("0"), data.value(QStringLiteral("output")).toObject() } });
        } else if (type == QLatin1String("execution_success")) {
            state.finished = true;
        } else if (type == QLatin1String("execution_error")) {
            state.error = makeError(BackendErrorKind::Server, comfy::executionErrorText(data));
            state.finished = true;
        } else if (type == QLatin1String("execution_interrupted")) {
            state.interrupted = true;
            state.finished = true;
        }
    };
    QWebSocket socket;
    bool socketOpen = false;
    bool socketFailed = false;
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&] {
        socketOpen = true;
        if (waiting)
            waiting->quit();
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&] {
        socketOpen = false;
        socketFailed = true;
        if (waiting)
            waiting->quit();
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString& text) {
        lastActivityMs = nowMs();
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (state.promptId.isEmpty())
            state.pending << message;
        else
            handleMessage(message);
        if (state.finished && waiting)
            waiting->quit();
    });
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived, &socket, [&](const QByteArray& frame) {
        lastActivityMs = nowMs();
        if (!callbacks.preview)
            return;
        if (const std::optional<Preview> preview = decodePreviewFrame(frame))
            callbacks.preview(*preview);
    });
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("clientId"), clientId);
        QUrl wsUrl = session.url(QStringLiteral("/ws"), query);
        wsUrl.setScheme(
            m_endpoint.baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
        socket.open(session.request(wsUrl));
        QEventLoop loop;
        waiting = &loop;
        QTimer tick;
        QElapsedTimer elapsed;
        elapsed.start();
        const qint64 limitMs = qint64(std::min(session.timeoutSec(), 10.0) * 1000);
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            if (session.isCancelled() || elapsed.elapsed() > limitMs)
                loop.quit();
        });
        tick.start(TickMs);
        if (!socketOpen && !socketFailed)
            loop.exec();
        waiting = nullptr;
        if (session.isCancelled())
            return fail(cancelledError());
        if (!socketOpen) {
            socket.abort();
            result.notes << QCoreApplication::translate("easel::ComfyUIBackend",
                "ComfyUI at %1: no WebSocket, so no progress or previews (the history is polled)")
                                .arg(session.where());
        }
    }
    const bool hadSocket = socketOpen;

    const QString server = QStringLiteral("%1:%2").arg(m_endpoint.baseUrl.host()).arg(m_endpoint.baseUrl.port(80));
    for (int k = 0; k < count; ++k) {
        // Queue the prompt.
        state = RunState {};
        const QJsonObject graph = *graphFor(k, nullptr);
        const Reply queued = session.postJson(QStringLiteral("/prompt"),
            QJsonObject { { QStringLiteral("prompt"), graph }, { QStringLiteral("client_id"), clientId } });
        if (queued.status == 400) {
            const QJsonObject body = queued.json();
            if (body.contains(QStringLiteral("node_errors")) || body.contains(QStringLiteral("error"))) {
                BackendError error = makeError(BackendErrorKind::BadRequest, comfy::promptErrorText(body));
                error.httpStatus = 400;
                return fail(error);
            }
        }
        if (!queued.ok())
            return fail(session.error(queued));
        state.promptId = queued.json().value(QStringLiteral("prompt_id")).toString();
        if (state.promptId.isEmpty())
            return fail(makeError(BackendErrorKind::Server,
                QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 queued the workflow without a prompt id")
                    .arg(session.where())));
        for (const QJsonObject& message : std::exchange(state.pending, {}))
            handleMessage(message);

        // Wait for the end: the WebSocket's word, or the history where there is no WebSocket.
        const auto cancel = [&] {
            session.postJson(QStringLiteral("/queue"),
                QJsonObject { { QStringLiteral("delete"), QJsonArray { state.promptId } } }, ShortRequestSec, false);
            if (state.started || !hadSocket)
                session.postJson(QStringLiteral("/interrupt"),
                    QJsonObject { { QStringLiteral("prompt_id"), state.promptId } }, ShortRequestSec, false);
            return fail(cancelledError());
        };
        QJsonObject historyEntry;
        const qint64 queuedMs = nowMs();
        qint64 lastPollMs = 0;
        lastActivityMs = nowMs();
        while (!state.finished) {
            if (session.isCancelled())
                return cancel();
            if (socketOpen) {
                if (nowMs() - lastActivityMs > qint64(session.timeoutSec() * 1000))
                    return fail(makeError(BackendErrorKind::Timeout,
                        QCoreApplication::translate(
                            "easel::ComfyUIBackend", "ComfyUI at %1 sent no word for %2 s while it ran the workflow")
                            .arg(session.where())
                            .arg(session.timeoutSec())));
            } else if (nowMs() - lastPollMs >= HistoryPollMs) {
                lastPollMs = nowMs();
                const Reply reply = session.get(QStringLiteral("/history/") + state.promptId);
                if (reply.cancelled)
                    return cancel();
                if (!reply.ok())
                    return fail(session.error(reply));
                historyEntry = reply.json().value(state.promptId).toObject();
                if (!historyEntry.isEmpty())
                    break;
                if (nowMs() - queuedMs > qint64(session.timeoutSec() * 1000))
                    return fail(makeError(BackendErrorKind::Timeout,
                        QCoreApplication::translate(
                            "easel::ComfyUIBackend", "ComfyUI at %1 did not finish the workflow within %2 s")
                            .arg(session.where())
                            .arg(session.timeoutSec())));
            }
            QEventLoop loop;
            waiting = &loop;
            QTimer::singleShot(socketOpen ? 200 : TickMs, &loop, &QEventLoop::quit);
            loop.exec();
            waiting = nullptr;
        }
        if (state.interrupted)
            return session.isCancelled()
                ? fail(cancelledError())
                : fail(makeError(BackendErrorKind::Server,
                    QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 interrupted the workflow")
                        .arg(session.where())));
        if (state.error.isError())
            return fail(state.error);

        // The outputs, from the history (which can lag the WebSocket's last word by a moment).
        for (int attempt = 0; historyEntry.isEmpty() && attempt < HistoryRetries; ++attempt) {
            const Reply reply = session.get(QStringLiteral("/history/") + state.promptId);
            if (reply.cancelled)
                return fail(cancelledError());
            if (!reply.ok())
                return fail(session.error(reply));
            historyEntry = reply.json().value(state.promptId).toObject();
            if (historyEntry.isEmpty() && !state.executedImages.isEmpty() && attempt >= 3)
                break; // the "executed" messages named the images: a history that keeps none is no reason to wait
            if (historyEntry.isEmpty()) {
                QEventLoop loop;
                QTimer::singleShot(250, &loop, &QEventLoop::quit);
                loop.exec();
            }
        }
        const QJsonObject status = historyEntry.value(QStringLiteral("status")).toObject();
        if (status.value(QStringLiteral("status_str")).toString() == QLatin1String("error")) {
            QString text
                = QCoreApplication::translate("easel::ComfyUIBackend", "ComfyUI at %1 could not run the workflow")
                      .arg(session.where());
            for (const QJsonValue& m : status.value(QStringLiteral("messages")).toArray()) {
                const QJsonArray pair = m.toArray();
                if (pair.at(0).toString() == QLatin1String("execution_error"))
                    text = comfy::executionErrorText(pair.at(1).toObject());
            }
            return fail(makeError(BackendErrorKind::Server, text));
        }
        QList<QJsonObject> images = outputImages(historyEntry.value(QStringLiteral("outputs")).toObject());
        if (images.isEmpty())
            images = state.executedImages;
        if (images.isEmpty())
            return fail(makeError(BackendErrorKind::Server,
                QCoreApplication::translate(
                    "easel::ComfyUIBackend", "ComfyUI at %1 finished the workflow without saving an image")
                    .arg(session.where())));

        for (const QJsonObject& image : std::as_const(images)) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("filename"), image.value(QStringLiteral("filename")).toString());
            query.addQueryItem(QStringLiteral("subfolder"), image.value(QStringLiteral("subfolder")).toString());
            query.addQueryItem(QStringLiteral("type"), image.value(QStringLiteral("type")).toString());
            const Reply reply = session.get(QStringLiteral("/view"), query);
            if (!reply.ok())
                return fail(session.error(reply));
            BackendImage out;
            out.encoded = reply.body;
            out.mimeType = mimeOf(reply.body, reply.contentType);
            out.seed = seeded ? recipe.seed + k : -1;
            out.remoteModel
                = !inputs.checkpoint.isEmpty() ? inputs.checkpoint : QFileInfo(m_template->source()).fileName();
            out.extras.insert(QStringLiteral("comfyui_prompt_id"), state.promptId);
            out.extras.insert(QStringLiteral("comfyui_server"), server);
            if (useTemplate)
                out.extras.insert(QStringLiteral("comfyui_workflow"), QFileInfo(m_template->source()).fileName());
            result.images << out;
        }
    }
    socket.close();
    return result;
}

} // namespace easel
