// SPDX-License-Identifier: MIT
#pragma once

// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: files (with or without Range support),
// redirects, errors, cut connections, stalls. Nothing leaves the loopback interface.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace easel::test {

/// One request per connection ("Connection: close"), GET only. Routes can be changed between requests.
class HttpServer {
public:
    enum class Kind {
        File, ///< the body; a "Range: bytes=N-" gets 206 and the rest (416 past the end)
        FileNoRange, ///< the whole body with 200, whatever the Range header says
        Redirect, ///< 302 to `location`
        NotFound, ///< 404
        Unavailable, ///< 503: a server in trouble
        Truncated, ///< announces the (requested part of the) body, sends half of it, closes
        Stall, ///< announces the (requested part of the) body, sends 1 KiB of it, then silence
    };
    struct Route {
        Kind kind = Kind::NotFound;
        QByteArray body; ///< the whole file
        QByteArray location; ///< Redirect
    };

    HttpServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QByteArray& path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()) + QString::fromLatin1(path));
    }
    void route(const QByteArray& path, const Route& route) { m_routes.insert(path, route); }
    int hits(const QByteArray& path) const { return m_hits.value(path); }
    QByteArray lastUserAgent() const { return m_userAgent; }
    /// The Range header of the last request for `path` (empty: none).
    QByteArray lastRange(const QByteArray& path) const { return m_ranges.value(path); }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray buffer = socket->property("request").toByteArray() + socket->readAll();
        socket->setProperty("request", buffer);
        if (socket->property("served").toBool() || !buffer.contains("\r\n\r\n"))
            return;
        socket->setProperty("served", true);
        const QList<QByteArray> lines = buffer.left(buffer.indexOf("\r\n\r\n")).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QByteArray range;
        for (const QByteArray& line : lines) {
            const QByteArray lower = line.toLower();
            if (lower.startsWith("user-agent:"))
                m_userAgent = line.mid(11).trimmed();
            if (lower.startsWith("range:"))
                range = line.mid(6).trimmed();
        }
        const QByteArray path = requestLine.value(1);
        m_hits[path] += 1;
        m_ranges[path] = range;
        serve(socket, m_routes.value(path), range);
    }

    static QByteArray head(const QByteArray& status, qint64 length, const QByteArray& extra = {})
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
            + QByteArray::number(length) + "\r\nConnection: close\r\n" + extra + "\r\n";
    }

    /// The first byte a "bytes=N-" range asks for; 0 without one.
    static qint64 rangeStart(const QByteArray& range)
    {
        if (!range.startsWith("bytes=") || !range.endsWith('-'))
            return 0;
        return range.mid(6, range.size() - 7).toLongLong();
    }

    /// The status line, headers and body part for a ranged answer (206) or a whole one (200).
    static QByteArray answer(const QByteArray& body, qint64 start, qint64 sent)
    {
        const qint64 length = body.size() - start;
        if (start == 0)
            return head("200 OK", length) + body.left(sent);
        return head("206 Partial Content", length,
                   "Content-Range: bytes " + QByteArray::number(start) + '-' + QByteArray::number(body.size() - 1) + '/'
                       + QByteArray::number(body.size()) + "\r\n")
            + body.mid(start, sent);
    }

    void serve(QTcpSocket* socket, const Route& route, const QByteArray& range)
    {
        const qint64 start = rangeStart(range);
        if (start >= route.body.size() && start > 0
            && (route.kind == Kind::File || route.kind == Kind::Truncated || route.kind == Kind::Stall)) {
            socket->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */"
                + QByteArray::number(route.body.size()) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        switch (route.kind) {
        case Kind::File:
            socket->write(answer(route.body, start, route.body.size()));
            socket->disconnectFromHost();
            break;
        case Kind::FileNoRange:
            socket->write(head("200 OK", route.body.size()) + route.body);
            socket->disconnectFromHost();
            break;
        case Kind::Redirect:
            socket->write(head("302 Found", 11, "Location: " + route.location + "\r\n") + "redirecting");
            socket->disconnectFromHost();
            break;
        case Kind::NotFound:
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
            socket->disconnectFromHost();
            break;
        case Kind::Unavailable:
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy");
            socket->disconnectFromHost();
            break;
        case Kind::Truncated:
            socket->write(answer(route.body, start, (route.body.size() - start) / 2));
            socket->disconnectFromHost();
            break;
        case Kind::Stall:
            // A first piece, then silence with the connection open.
            socket->write(answer(route.body, start, 1024));
            break;
        }
    }

    QTcpServer m_server;
    QHash<QByteArray, Route> m_routes;
    QHash<QByteArray, int> m_hits;
    QHash<QByteArray, QByteArray> m_ranges;
    QByteArray m_userAgent;
};

} // namespace easel::test
