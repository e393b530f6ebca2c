// SPDX-License-Identifier: MIT
// ModelDownloader and `easel-cli fetch` against an HTTP/1.1 server on 127.0.0.1 inside the test: files,
// redirects, errors, cut connections, stalls. Nothing leaves the loopback interface.

#include "backends/modeldownloader.h"
#include "support/testdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <tuple>

using easel::ModelDownloader;

namespace {

/// A minimal HTTP/1.1 server: one request per connection ("Connection: close"), GET only.
class HttpServer {
public:
    enum class Kind { File, Redirect, NotFound, Truncated, Stall };
    struct Route {
        Kind kind = Kind::NotFound;
        QByteArray body; ///< File, Truncated, Stall: the whole file
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
        for (const QByteArray& line : lines) {
            if (line.toLower().startsWith("user-agent:"))
                m_userAgent = line.mid(11).trimmed();
        }
        const QByteArray path = requestLine.value(1);
        m_hits[path] += 1;
        serve(socket, m_routes.value(path));
    }

    static QByteArray head(const QByteArray& status, qint64 length, const QByteArray& extra = {})
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
            + QByteArray::number(length) + "\r\nConnection: close\r\n" + extra + "\r\n";
    }

    void serve(QTcpSocket* socket, const Route& route)
    {
        switch (route.kind) {
        case Kind::File:
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
        case Kind::Truncated:
            socket->write(head("200 OK", route.body.size()) + route.body.left(route.body.size() / 2));
            socket->disconnectFromHost();
            break;
        case Kind::Stall:
            // A first piece, then silence with the connection open.
            socket->write(head("200 OK", route.body.size()) + route.body.left(1024));
            break;
        }
    }

    QTcpServer m_server;
    QHash<QByteArray, Route> m_routes;
    QHash<QByteArray, int> m_hits;
    QByteArray m_userAgent;
};

struct RawTensor {
    QString name;
    QString dtype;
    QJsonArray shape;
    QByteArray data;
};

/// The safetensors format itself: u64 little-endian header length, JSON header, tensor bytes.
QByteArray makeSafetensors(const QList<RawTensor>& tensors)
{
    QJsonObject header;
    QByteArray data;
    for (const RawTensor& t : tensors) {
        header.insert(t.name,
            QJsonObject { { QStringLiteral("dtype"), t.dtype }, { QStringLiteral("shape"), t.shape },
                { QStringLiteral("data_offsets"), QJsonArray { data.size(), data.size() + t.data.size() } } });
        data += t.data;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    json.append(QByteArray((8 - json.size() % 8) % 8, ' '));
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), length.data());
    return length + json + data;
}

QList<RawTensor> readSafetensors(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    const qint64 length = qint64(qFromLittleEndian<quint64>(bytes.constData()));
    const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, length)).object();
    const QByteArray data = bytes.mid(8 + length);
    QList<RawTensor> tensors;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        const QJsonObject entry = it.value().toObject();
        const QJsonArray offsets = entry.value(QStringLiteral("data_offsets")).toArray();
        const qint64 begin = offsets.at(0).toInteger();
        tensors.append({ it.key(), entry.value(QStringLiteral("dtype")).toString(),
            entry.value(QStringLiteral("shape")).toArray(), data.mid(begin, offsets.at(1).toInteger() - begin) });
    }
    return tensors;
}

/// The fixture TAESD (random weights) as the Hub's diffusers AutoencoderTiny file: both halves,
/// "encoder.layers.N" as taesd.py numbers them, "decoder.layers.N-1" (DecoderTiny has no Clamp layer).
QByteArray taesdHubFile()
{
    QList<RawTensor> tensors;
    for (const auto& [which, prefix, shift] :
        { std::tuple { "encoder", "encoder.layers.", 0 }, std::tuple { "decoder", "decoder.layers.", 1 } }) {
        const QString path
            = easel::test::testDataPath(QStringLiteral("taesd/random-taesd_%1.safetensors").arg(QLatin1String(which)));
        for (RawTensor t : readSafetensors(path)) {
            const int dot = int(t.name.indexOf(QLatin1Char('.')));
            t.name = QLatin1String(prefix) + QString::number(t.name.left(dot).toInt() - shift) + t.name.mid(dot);
            tensors.append(t);
        }
    }
    return makeSafetensors(tensors);
}

/// A 1 MiB model: big enough to arrive in several pieces.
QByteArray bigModel()
{
    QByteArray data(1 << 20, '\0');
    for (int i = 0; i < data.size(); ++i)
        data[i] = char((i * 7919) >> 3);
    return makeSafetensors({ { QStringLiteral("weight"), QStringLiteral("F32"), QJsonArray { 256, 1024 }, data } });
}

QByteArray sha256(const QByteArray& data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every entry of a folder, hidden ones too: staging and temporary files must not stay behind.
QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

struct Outcome {
    bool ok = false;
    QString error;
    QList<qint64> received;
    qint64 total = -1;
};

/// Runs one download to its end (bounded: 20 s).
Outcome download(ModelDownloader& downloader, const ModelDownloader::Request& request)
{
    Outcome outcome;
    QSignalSpy finished(&downloader, &ModelDownloader::finished);
    auto connection = QObject::connect(&downloader, &ModelDownloader::progress, [&](qint64 received, qint64 total) {
        outcome.received.append(received);
        outcome.total = total;
    });
    downloader.start(request);
    if (finished.wait(20000)) {
        outcome.ok = finished.first().at(0).toBool();
        outcome.error = finished.first().at(1).toString();
    } else {
        outcome.error = QStringLiteral("test: no finished() within 20 s");
    }
    QObject::disconnect(connection);
    return outcome;
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs easel-cli without blocking this thread, so the server in it keeps answering.
CliRun runCli(const QStringList& args, const QProcessEnvironment& environment, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy done(&process, &QProcess::finished);
    process.start(QStringLiteral(EASEL_CLI), args);
    CliRun run;
    if (!done.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("test: timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestModelDownloader : public QObject {
    Q_OBJECT

private:
    HttpServer m_server;
    QByteArray m_model;
    QByteArray m_taesd;

    static ModelDownloader::Request request(const QUrl& url, const QString& destination)
    {
        ModelDownloader::Request r;
        r.url = url;
        r.destination = destination;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.listen());
        m_model = bigModel();
        m_taesd = taesdHubFile();
        QVERIFY(m_taesd.size() > 4000000);
        using Kind = HttpServer::Kind;
        m_server.route("/files/model.safetensors", { Kind::File, m_model, {} });
        m_server.route(
            "/moved/model.safetensors", { Kind::Redirect, {}, m_server.url("/files/model.safetensors").toEncoded() });
        m_server.route("/relative/model.safetensors", { Kind::Redirect, {}, "/files/model.safetensors" });
        m_server.route("/cut/model.safetensors", { Kind::Truncated, m_model, {} });
        m_server.route("/stall/model.safetensors", { Kind::Stall, m_model, {} });
        m_server.route("/files/page.html", { Kind::File, "<html><body>Sign in to continue</body></html>", {} });
        // The Hub layout: the resolve URL redirects to a CDN.
        m_server.route("/madebyollin/taesd/resolve/main/diffusion_pytorch_model.safetensors",
            { Kind::Redirect, {}, m_server.url("/cdn/taesd.safetensors").toEncoded() });
        m_server.route("/cdn/taesd.safetensors", { Kind::File, m_taesd, {} });
        // madebyollin/taesdxl has no route: 404.
    }

    void testDownload()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("models/model.safetensors"));
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url("/files/model.safetensors"), target);
        r.sha256 = sha256(m_model);
        r.size = m_model.size();
        r.requiredTensors = { QStringLiteral("weight") };
        const Outcome o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QVERIFY(o.error.isEmpty());
        QCOMPARE(sha256(readAll(target)), sha256(m_model));
        QCOMPARE(entries(dir.filePath(QStringLiteral("models"))), QStringList { QStringLiteral("model.safetensors") });
        QVERIFY(!o.received.isEmpty());
        QCOMPARE(o.received.last(), qint64(m_model.size()));
        QCOMPARE(o.total, qint64(m_model.size()));
        QCOMPARE(m_server.lastUserAgent(), QByteArray("Easel"));
        QVERIFY(!downloader.isRunning());

        // A second download replaces the file in one step.
        const Outcome again = download(downloader, r);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(sha256(readAll(target)), sha256(m_model));
    }

    void testRedirect_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("absolute") << QByteArray("/moved/model.safetensors");
        QTest::newRow("relative") << QByteArray("/relative/model.safetensors");
    }

    void testRedirect()
    {
        QFETCH(QByteArray, path);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        const int before = m_server.hits("/files/model.safetensors");
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url(path), target);
        r.sha256 = sha256(m_model);
        const Outcome o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(readAll(target), m_model); // the redirect's own body is not part of the file
        QCOMPARE(m_server.hits("/files/model.safetensors"), before + 1);
    }

    void testFailures_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("sha");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("message");
        const QByteArray good = sha256(m_model);
        const QByteArray bad = sha256("something else");
        QTest::newRow("404") << QByteArray("/missing.safetensors") << QByteArray() << qint64(-1)
                             << QStringLiteral("HTTP 404 Not Found from http://127.0.0.1");
        QTest::newRow("cut") << QByteArray("/cut/model.safetensors") << QByteArray() << qint64(-1)
                             << QStringLiteral("closed after");
        QTest::newRow("sha256") << QByteArray("/files/model.safetensors") << bad << qint64(-1)
                                << QStringLiteral("sha256 mismatch (expected %1, got %2)")
                                       .arg(QString::fromLatin1(bad), QString::fromLatin1(good));
        QTest::newRow("size") << QByteArray("/files/model.safetensors") << QByteArray() << qint64(1000)
                              << QStringLiteral("expected 1000");
        QTest::newRow("not safetensors") << QByteArray("/files/page.html") << QByteArray() << qint64(-1)
                                         << QStringLiteral("is not a usable .safetensors file");
    }

    void testFailures()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, sha);
        QFETCH(qint64, size);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        // What is there stays untouched by a failed download.
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("previous version");
        }
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url(path), target);
        r.sha256 = sha;
        r.size = size;
        const Outcome o = download(downloader, r);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(message), qPrintable(o.error));
        QVERIFY(!o.error.contains(QLatin1Char('\n')));
        QCOMPARE(downloader.errorString(), o.error);
        QCOMPARE(readAll(target), QByteArray("previous version"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("model.safetensors") });
    }

    void testMissingTensor()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("taesd.safetensors"));
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url("/files/model.safetensors"), target);
        r.requiredTensors = { QStringLiteral("decoder.layers.0.weight") };
        const Outcome o = download(downloader, r);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QStringLiteral("no tensor 'decoder.layers.0.weight'")), qPrintable(o.error));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void testCancel()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        ModelDownloader downloader;
        QObject::connect(&downloader, &ModelDownloader::progress, &downloader, [&](qint64 received, qint64) {
            if (received > 0)
                downloader.cancel();
        });
        const Outcome o = download(downloader, request(m_server.url("/stall/model.safetensors"), target));
        QVERIFY(!o.ok);
        QCOMPARE(o.error, QStringLiteral("download cancelled"));
        QVERIFY(entries(dir.path()).isEmpty());
        downloader.cancel(); // nothing running: harmless
    }

    void testTimeout()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        ModelDownloader downloader;
        downloader.setTimeout(400);
        QElapsedTimer clock;
        clock.start();
        const Outcome o = download(downloader, request(m_server.url("/stall/model.safetensors"), target));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QStringLiteral("timed out")), qPrintable(o.error));
        QVERIFY2(clock.elapsed() < 10000, "the timeout did not stop the download");
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void testNoServer()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a port nobody listens on any more
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QTemporaryDir dir;
        ModelDownloader downloader;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/model.safetensors").arg(port));
        const Outcome o = download(downloader, request(url, dir.filePath(QStringLiteral("model.safetensors"))));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.startsWith(QStringLiteral("cannot download http://127.0.0.1")), qPrintable(o.error));
        QVERIFY2(o.error.contains(QStringLiteral("no network connection?")), qPrintable(o.error));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void testBadRequests()
    {
        QTemporaryDir dir;
        ModelDownloader downloader;
        Outcome o = download(downloader, request(QUrl(), dir.filePath(QStringLiteral("x.safetensors"))));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.startsWith(QStringLiteral("invalid address")), qPrintable(o.error));
        o = download(downloader, request(m_server.url("/files/model.safetensors"), dir.path()));
        QVERIFY2(o.error.startsWith(QStringLiteral("invalid destination")), qPrintable(o.error));

        // One download at a time.
        QSignalSpy finished(&downloader, &ModelDownloader::finished);
        downloader.start(
            request(m_server.url("/stall/model.safetensors"), dir.filePath(QStringLiteral("a.safetensors"))));
        QVERIFY(downloader.isRunning());
        downloader.start(
            request(m_server.url("/files/model.safetensors"), dir.filePath(QStringLiteral("b.safetensors"))));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("a download is already running"));
        downloader.cancel();
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void testCatalogue()
    {
        const auto taesd = ModelDownloader::catalogueEntry(QStringLiteral("taesd"));
        const auto taesdxl = ModelDownloader::catalogueEntry(QStringLiteral("taesdxl"));
        QVERIFY(taesd && taesdxl);
        QVERIFY(!ModelDownloader::catalogueEntry(QStringLiteral("sd15")));
        const QUrl hub(QStringLiteral("https://huggingface.co"));
        QCOMPARE(ModelDownloader::entryUrl(*taesd, hub).toString(),
            QStringLiteral(
                "https://huggingface.co/madebyollin/taesd/resolve/main/diffusion_pytorch_model.safetensors"));
        QCOMPARE(ModelDownloader::entryUrl(*taesdxl, QUrl(QStringLiteral("http://mirror.example/hub/"))).toString(),
            QStringLiteral(
                "http://mirror.example/hub/madebyollin/taesdxl/resolve/main/diffusion_pytorch_model.safetensors"));
        const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QCOMPARE(ModelDownloader::cachedPath(*taesd), data + QStringLiteral("/Easel/models/taesd/taesd.safetensors"));
        QCOMPARE(ModelDownloader::cachedPath(*taesdxl), data + QStringLiteral("/Easel/models/taesd/taesdxl.safetensors"));

        ModelDownloader downloader;
        qunsetenv("EASEL_HUB_URL");
        QCOMPARE(downloader.hubUrl(), hub);
        qputenv("EASEL_HUB_URL", "http://127.0.0.1:9/hub");
        QCOMPARE(downloader.hubUrl(), QUrl(QStringLiteral("http://127.0.0.1:9/hub")));
        downloader.setHubUrl(m_server.url());
        QCOMPARE(downloader.hubUrl(), m_server.url());
        qunsetenv("EASEL_HUB_URL");

        QSignalSpy finished(&downloader, &ModelDownloader::finished);
        downloader.fetch(QStringLiteral("sd15"));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("unknown model 'sd15' (known: taesd, taesdxl)"));
    }

    void testFetchEntry()
    {
        QTemporaryDir dir;
        ModelDownloader downloader;
        downloader.setHubUrl(m_server.url());
        QSignalSpy finished(&downloader, &ModelDownloader::finished);
        downloader.fetch(QStringLiteral("taesd"), dir.path());
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(downloader.request().destination, dir.filePath(QStringLiteral("taesd.safetensors")));
        QCOMPARE(readAll(downloader.request().destination), m_taesd);

        downloader.fetch(QStringLiteral("taesdxl"), dir.path());
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(finished.last().at(1).toString().contains(QStringLiteral("HTTP 404")),
            qPrintable(finished.last().at(1).toString()));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("taesd.safetensors") });
    }

    void testCliFetchAndGenerate()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EASEL_HUB_URL"), m_server.url().toString());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        const QStringList generate = { QStringLiteral("generate"), QStringLiteral("--prompt"),
            QStringLiteral("a lighthouse"), QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--width"),
            QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--seed"),
            QStringLiteral("3"), QStringLiteral("--device"), QStringLiteral("cpu"), QStringLiteral("--preview"),
            QStringLiteral("taesd"), QStringLiteral("--output"), home.filePath(QStringLiteral("out.png")) };

        // Not fetched yet: one line saying what to do.
        CliRun r = runCli(generate, env);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(),
            QStringLiteral("easel-cli generate: TAESD previews need the taesd decoder: fetch it once "
                           "(easel-cli fetch taesd) or choose its file"));

        r = runCli({ QStringLiteral("fetch"), QStringLiteral("taesd") }, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString cached = home.filePath(QStringLiteral("data/Easel/models/taesd/taesd.safetensors"));
        QVERIFY2(r.out.contains(QStringLiteral("saved ") + cached), qPrintable(r.out));
        QVERIFY(r.out.contains(
            m_server.url("/madebyollin/taesd/resolve/main/diffusion_pytorch_model.safetensors").toString()));
        QCOMPARE(readAll(cached), m_taesd);

        // Now the cached diffusers-layout decoder is found and loads.
        r = runCli(generate, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("out.png"))));

        r = runCli({ QStringLiteral("fetch"), QStringLiteral("taesd"), QStringLiteral("--to"),
                       home.filePath(QStringLiteral("mine")) },
            env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readAll(home.filePath(QStringLiteral("mine/taesd.safetensors"))), m_taesd);

        // Failures: one line, exit 1 (2 for usage), nothing written.
        r = runCli({ QStringLiteral("fetch"), QStringLiteral("taesdxl"), QStringLiteral("--to"),
                       home.filePath(QStringLiteral("xl")) },
            env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("easel-cli fetch: HTTP 404 Not Found from ")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(entries(home.filePath(QStringLiteral("xl"))).isEmpty());
        r = runCli({ QStringLiteral("fetch"), QStringLiteral("sd15") }, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown model 'sd15' (known: taesd, taesdxl)")), qPrintable(r.err));
        r = runCli({ QStringLiteral("fetch") }, env);
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestModelDownloader)
#include "tst_modeldownloader.moc"
