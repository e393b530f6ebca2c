// SPDX-License-Identifier: MIT
#pragma once

// Loopback fakes of OpenAI Images and Stability AI (Qt HTTP Server on 127.0.0.1, a free port): they answer
// the documented request and response shapes, errors included, record what Easel sends (path, headers, body,
// multipart parts, when it arrived) and can hold an answer back (a slow server). Tests only.

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTimer>
#include <QUrl>

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

namespace easel::test {

/// A small PNG of one colour (BGR) to answer with.
inline QByteArray pngBytes(int width = 64, int height = 48, int b = 40, int g = 120, int r = 200)
{
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(b, g, r));
    for (int y = 0; y < height; ++y)
        image.at<cv::Vec3b>(y, y % width) = cv::Vec3b(255, 255, 255); // not uniform
    std::vector<uchar> out;
    cv::imencode(".png", image, out);
    return QByteArray(reinterpret_cast<const char*>(out.data()), qsizetype(out.size()));
}

class FakeCloud {
public:
    struct Reply {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
        bool never = false; ///< hold the answer until the server goes
    };
    struct Request {
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-case
        QByteArray body;
        qint64 atMs = 0; ///< since the server started, by the server's clock

        QByteArray header(const QByteArray& name) const
        {
            for (const auto& [n, v] : headers)
                if (n == name)
                    return v;
            return {};
        }
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
        /// The multipart/form-data fields (name -> value).
        QHash<QByteArray, QByteArray> formFields() const
        {
            QHash<QByteArray, QByteArray> fields;
            const QByteArray type = header("content-type");
            const int at = type.indexOf("boundary=");
            if (at < 0)
                return fields;
            QByteArray boundary = type.mid(at + 9);
            if (boundary.startsWith('"'))
                boundary = boundary.mid(1, boundary.size() - 2);
            const QByteArray delimiter = "--" + boundary;
            qsizetype pos = body.indexOf(delimiter);
            while (pos >= 0) {
                const qsizetype start = pos + delimiter.size();
                if (body.mid(start, 2) == "--")
                    break;
                const qsizetype next = body.indexOf(delimiter, start);
                if (next < 0)
                    break;
                QByteArray part = body.mid(start, next - start);
                if (part.startsWith("\r\n"))
                    part.remove(0, 2);
                if (part.endsWith("\r\n"))
                    part.chop(2);
                const qsizetype split = part.indexOf("\r\n\r\n");
                const QByteArray head = part.left(split);
                const qsizetype nameAt = head.indexOf("name=\"");
                if (split >= 0 && nameAt >= 0) {
                    const qsizetype nameEnd = head.indexOf('"', nameAt + 6);
                    fields.insert(head.mid(nameAt + 6, nameEnd - nameAt - 6), part.mid(split + 4));
                }
                pos = next;
            }
            return fields;
        }
    };

    /// Serves `paths` (each answers its queued replies in order, then its default reply).
    explicit FakeCloud(const QList<QByteArray>& paths)
    {
        m_clock.start();
        for (const QByteArray& path : paths) {
            m_server.route(QString::fromLatin1(path),
                [this, path](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                    serve(path, request, std::move(responder));
                });
        }
    }

    bool listen() { return (m_port = m_server.listen(QHostAddress::LocalHost, 0)) > 0; }
    QUrl url(const QByteArray& path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port) + QString::fromLatin1(path));
    }

    void enqueue(const QByteArray& path, const Reply& reply) { m_queued[path].push_back(reply); }
    void setDefault(const QByteArray& path, const Reply& reply) { m_defaults[path] = reply; }

    QList<Request> requests(const QByteArray& path = {}) const
    {
        if (path.isEmpty())
            return m_requests;
        QList<Request> some;
        for (const Request& r : m_requests)
            if (r.path == path)
                some << r;
        return some;
    }
    int count(const QByteArray& path = {}) const { return int(requests(path).size()); }
    /// The number of requests so far, safe to read from any thread (a job's worker polling for a cancel).
    int arrived() const { return m_arrived.load(); }

    // --- The services' documented answers ---

    static Reply openAiImages(const QList<QByteArray>& pngs, const QString& revisedPrompt = {})
    {
        QJsonArray data;
        for (const QByteArray& png : pngs) {
            QJsonObject o { { QStringLiteral("b64_json"), QString::fromLatin1(png.toBase64()) } };
            if (!revisedPrompt.isEmpty())
                o.insert(QStringLiteral("revised_prompt"), revisedPrompt);
            data.append(o);
        }
        Reply r;
        r.body
            = QJsonDocument(QJsonObject { { QStringLiteral("created"), 1713833628 }, { QStringLiteral("data"), data } })
                  .toJson(QJsonDocument::Compact);
        return r;
    }
    /// {"error": {"message", "type", "param", "code"}}
    static Reply openAiError(int status, const QString& message, const QString& type, const QString& code)
    {
        Reply r;
        r.status = status;
        r.body = QJsonDocument(
            QJsonObject { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("message"), message }, { QStringLiteral("type"), type },
                    { QStringLiteral("param"), QJsonValue::Null },
                    { QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code) } } } })
                     .toJson(QJsonDocument::Compact);
        return r;
    }
    /// Accept: application/json -> {"image": base64, "finish_reason", "seed"}
    static Reply stabilityImage(
        const QByteArray& png, qint64 seed, const QString& finishReason = QStringLiteral("SUCCESS"))
    {
        Reply r;
        r.body = QJsonDocument(
            QJsonObject { { QStringLiteral("image"), QString::fromLatin1(png.toBase64()) },
                { QStringLiteral("finish_reason"), finishReason }, { QStringLiteral("seed"), double(seed) } })
                     .toJson(QJsonDocument::Compact);
        return r;
    }
    /// Accept: image/* -> the bytes, with finish-reason and seed headers
    static Reply stabilityRawImage(const QByteArray& png, qint64 seed)
    {
        Reply r;
        r.contentType = "image/png";
        r.body = png;
        r.headers = { { "finish-reason", "SUCCESS" }, { "seed", QByteArray::number(seed) } };
        return r;
    }
    /// {"id", "name", "errors": [...]}
    static Reply stabilityError(int status, const QString& name, const QString& error)
    {
        Reply r;
        r.status = status;
        r.body
            = QJsonDocument(QJsonObject { { QStringLiteral("id"), QStringLiteral("a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4") },
                                { QStringLiteral("name"), name }, { QStringLiteral("errors"), QJsonArray { error } } })
                  .toJson(QJsonDocument::Compact);
        return r;
    }

private:
    void serve(const QByteArray& path, const QHttpServerRequest& request, QHttpServerResponder&& responder)
    {
        Request seen;
        seen.path = path;
        for (const auto& [name, value] : request.headers())
            seen.headers.append({ name.toLower(), value });
        seen.body = request.body();
        seen.atMs = m_clock.elapsed();
        m_requests << seen;
        ++m_arrived;

        Reply reply = m_defaults.value(path);
        auto& queue = m_queued[path];
        if (!queue.empty()) {
            reply = queue.front();
            queue.pop_front();
        }
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        if (reply.never) {
            m_held.push_back(held);
            return;
        }
        auto answer = [held, reply] {
            held->writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
            held->writeHeader("Content-Type", reply.contentType);
            held->writeHeader("Content-Length", QByteArray::number(reply.body.size()));
            for (const auto& [name, value] : reply.headers)
                held->writeHeader(name, value);
            held->writeBody(reply.body);
        };
        if (reply.delayMs > 0) {
            m_held.push_back(held);
            QTimer::singleShot(reply.delayMs, &m_server, answer);
        } else {
            answer();
        }
    }

    QHttpServer m_server;
    quint16 m_port = 0;
    QElapsedTimer m_clock;
    QHash<QByteArray, std::deque<Reply>> m_queued;
    QHash<QByteArray, Reply> m_defaults;
    QList<Request> m_requests;
    std::vector<std::shared_ptr<QHttpServerResponder>> m_held;
    std::atomic<int> m_arrived { 0 };
};

} // namespace easel::test
