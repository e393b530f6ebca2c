// SPDX-License-Identifier: MIT
#pragma once

// Blocking HTTP for the remote backends, on the job's worker thread: each call makes its own
// QNetworkAccessManager and spins a local event loop until the answer, the time limit or a cancel.
// Also the mapping of HTTP answers to BackendError that OpenAI and Stability AI share.

#include "backends/imagebackend.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QString>

#include <functional>

class QHttpMultiPart;

namespace easel {

/// What came back from one request.
struct HttpReply {
    int status = 0; ///< HTTP status; 0 when no answer came
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-case
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText; ///< Qt's text for a failed connection (no URL query, no headers)
    bool timedOut = false;
    bool cancelled = false;

    QByteArray header(const QByteArray& lowerCaseName) const;
    /// The delay the server asked for: Retry-After (seconds or an HTTP date) or retry-after-ms; 0 when none.
    double retryAfterSec() const;
};

/// One request at a time, blocking, on the calling (worker) thread.
class CloudHttp {
public:
    /// `timeoutSec`: the whole request, answer included; `cancelled` is polled every 50 ms.
    CloudHttp(double timeoutSec, std::function<bool()> cancelled);

    HttpReply post(const QNetworkRequest& request, const QByteArray& body);
    /// Takes ownership of `multiPart`.
    HttpReply post(const QNetworkRequest& request, QHttpMultiPart* multiPart);
    HttpReply get(const QNetworkRequest& request);

    /// A request with Easel's user agent and the time limit set.
    static QNetworkRequest request(const QUrl& url);
    /// `base` with `path` appended ("https://api.openai.com/v1" + "/images/generations").
    static QUrl join(const QUrl& base, const QString& path);

private:
    enum class Verb { Get, Post };
    HttpReply send(Verb verb, const QNetworkRequest& request, const QByteArray* body, QHttpMultiPart* multiPart);

    double m_timeoutSec;
    std::function<bool()> m_cancelled;
};

/// The error of an answer that carried none of the service's images: a transport failure (timeout,
/// connection, cancel) or an HTTP status mapped as the issue asks: 401/403 unauthorized, 402 no credit,
/// 429 rate limited (with Retry-After), 5xx server, other 4xx bad request. `service` names the backend for
/// people ("OpenAI"), `serverMessage` is the service's own explanation (redacted here), `code` its error
/// code ("insufficient_quota", "content_policy_violation"...), which can override the status.
BackendError httpError(const HttpReply& reply, const QString& service, const QString& serverMessage,
    const QString& code, double timeoutSec);

/// A refusal under the service's content policy, as one line.
BackendError refusalError(const QString& service, const QString& serverMessage);

/// The image type of encoded bytes by their signature: "image/png", "image/jpeg", "image/webp"; empty when unknown.
QString imageMimeType(const QByteArray& encoded);

} // namespace easel
