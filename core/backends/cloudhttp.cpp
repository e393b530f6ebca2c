// SPDX-License-Identifier: MIT
#include "backends/cloudhttp.h"

#include "backends/apikeys.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cmath>
#include <memory>

namespace easel {

namespace {

    /// The service's explanation as one short line, with anything key-like removed.
    QString oneLine(const QString& text)
    {
        QString line = text.simplified();
        if (line.size() > 300)
            line = line.left(299) + QChar(0x2026);
        return redactSecrets(line);
    }

} // namespace

QByteArray HttpReply::header(const QByteArray& lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

double HttpReply::retryAfterSec() const
{
    bool ok = false;
    const double ms = header("retry-after-ms").trimmed().toDouble(&ok);
    if (ok && ms >= 0)
        return ms / 1000.0;
    const QByteArray value = header("retry-after").trimmed();
    if (value.isEmpty())
        return 0.0;
    const double seconds = value.toDouble(&ok);
    if (ok)
        return std::max(0.0, seconds);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid())
        return 0.0;
    return std::max(0.0, QDateTime::currentDateTimeUtc().msecsTo(when) / 1000.0);
}

CloudHttp::CloudHttp(double timeoutSec, std::function<bool()> cancelled)
    : m_timeoutSec(timeoutSec)
    , m_cancelled(std::move(cancelled))
{
}

QNetworkRequest CloudHttp::request(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setHeader(
        QNetworkRequest::UserAgentHeader, QStringLiteral("Easel/%1").arg(QCoreApplication::applicationVersion()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    return request;
}

QUrl CloudHttp::join(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString p = url.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    url.setPath(p + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
    return url;
}

HttpReply CloudHttp::post(const QNetworkRequest& request, const QByteArray& body)
{
    return send(Verb::Post, request, &body, nullptr);
}

HttpReply CloudHttp::post(const QNetworkRequest& request, QHttpMultiPart* multiPart)
{
    return send(Verb::Post, request, nullptr, multiPart);
}

HttpReply CloudHttp::get(const QNetworkRequest& request) { return send(Verb::Get, request, nullptr, nullptr); }

HttpReply CloudHttp::send(Verb verb, const QNetworkRequest& request, const QByteArray* body, QHttpMultiPart* multiPart)
{
    std::unique_ptr<QHttpMultiPart> parts(multiPart);
    HttpReply result;
    if (m_cancelled && m_cancelled()) {
        result.cancelled = true;
        return result;
    }
    QNetworkAccessManager manager; // this thread's own
    QNetworkReply* reply = nullptr;
    if (verb == Verb::Get)
        reply = manager.get(request);
    else if (parts)
        reply = manager.post(request, parts.get());
    else
        reply = manager.post(request, *body);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    poll.setInterval(50);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_cancelled && m_cancelled()) {
            result.cancelled = true;
            reply->abort();
        } else if (m_timeoutSec > 0 && clock.elapsed() >= qint64(m_timeoutSec * 1000.0)) {
            result.timedOut = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    poll.stop();

    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        result.body = reply->readAll();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        result.headers.append({ name.toLower(), value });
    result.networkError = reply->error();
    if (result.networkError != QNetworkReply::NoError && result.status == 0)
        result.networkErrorText = redactSecrets(reply->errorString());
    delete reply;
    return result;
}

BackendError refusalError(const QString& service, const QString& serverMessage)
{
    BackendError e;
    e.kind = BackendErrorKind::Refused;
    e.message = QCoreApplication::translate("easel::CloudHttp", "%1 refused the prompt under its content policy")
                    .arg(service);
    if (!serverMessage.trimmed().isEmpty())
        e.message += QStringLiteral(": ") + oneLine(serverMessage);
    return e;
}

BackendError httpError(const HttpReply& reply, const QString& service, const QString& serverMessage,
    const QString& code, double timeoutSec)
{
    BackendError e;
    e.httpStatus = reply.status;
    if (reply.cancelled) {
        e.kind = BackendErrorKind::Cancelled;
        e.message = QCoreApplication::translate("easel::CloudHttp", "cancelled");
        return e;
    }
    if (reply.timedOut) {
        e.kind = BackendErrorKind::Timeout;
        e.message = QCoreApplication::translate("easel::CloudHttp", "%1 did not answer within %2 s")
                        .arg(service)
                        .arg(timeoutSec, 0, 'f', 0);
        return e;
    }
    if (reply.status == 0) {
        e.kind = BackendErrorKind::Network;
        e.message = QCoreApplication::translate("easel::CloudHttp", "cannot reach %1: %2")
                        .arg(service, reply.networkErrorText);
        return e;
    }
    const QString detail = oneLine(serverMessage);
    const QString c = code.toLower();
    const int s = reply.status;
    if (c.contains(QLatin1String("content_policy")) || c.contains(QLatin1String("moderation"))) {
        BackendError refusal = refusalError(service, serverMessage);
        refusal.httpStatus = s;
        return refusal;
    }
    if (s == 402 || c == QLatin1String("insufficient_quota") || c.contains(QLatin1String("billing"))
        || c.contains(QLatin1String("payment"))) {
        e.kind = BackendErrorKind::NoCredit;
        e.message = QCoreApplication::translate("easel::CloudHttp", "%1: the account has no credit left (HTTP %2)")
                        .arg(service)
                        .arg(s);
    } else if (s == 401 || s == 403) {
        e.kind = BackendErrorKind::Unauthorized;
        e.message
            = QCoreApplication::translate("easel::CloudHttp", "%1 did not accept the API key (HTTP %2): check the key")
                  .arg(service)
                  .arg(s);
    } else if (s == 429) {
        e.kind = BackendErrorKind::RateLimited;
        e.retryAfterSec = reply.retryAfterSec();
        e.message = QCoreApplication::translate("easel::CloudHttp", "%1 is limiting the request rate (HTTP 429)")
                        .arg(service);
    } else if (s == 408 || s == 504) {
        e.kind = BackendErrorKind::Timeout;
        e.message = QCoreApplication::translate("easel::CloudHttp", "%1 did not answer in time (HTTP %2)")
                        .arg(service)
                        .arg(s);
    } else if (s >= 500) {
        e.kind = BackendErrorKind::Server;
        e.message
            = QCoreApplication::translate("easel::CloudHttp", "%1 had a server error (HTTP %2)").arg(service).arg(s);
    } else {
        e.kind = BackendErrorKind::BadRequest;
        e.message
            = QCoreApplication::translate("easel::CloudHttp", "%1 rejected the request (HTTP %2)").arg(service).arg(s);
    }
    if (!detail.isEmpty())
        e.message += QStringLiteral(": ") + detail;
    return e;
}

QString imageMimeType(const QByteArray& encoded)
{
    if (encoded.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (encoded.startsWith("\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (encoded.size() >= 12 && encoded.startsWith("RIFF") && encoded.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    return {};
}

} // namespace easel
