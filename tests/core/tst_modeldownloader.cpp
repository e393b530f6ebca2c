// SPDX-License-Identifier: MIT
// ModelDownloader and `easel-cli fetch` against an HTTP/1.1 server on 127.0.0.1 inside the test: files,
// redirects, errors, cut connections, stalls, resumed downloads (with and without Range support). Nothing
// leaves the loopback interface.

#include "backends/modeldownloader.h"
#include "support/httpserver.h"
#include "support/safetensorsbytes.h"
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

using easel::test::HttpServer;
using easel::test::makeSafetensors;
using easel::test::RawTensor;
using easel::test::readSafetensors;

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
        m_server.route("/busy/model.safetensors", { Kind::Unavailable, {}, {} });
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
        QTest::addColumn<bool>("keepsPartial"); // an interruption keeps what arrived; wrong bytes do not stay
        const QByteArray good = sha256(m_model);
        const QByteArray bad = sha256("something else");
        QTest::newRow("404") << QByteArray("/missing.safetensors") << QByteArray() << qint64(-1)
                             << QStringLiteral("HTTP 404 Not Found from http://127.0.0.1") << false;
        QTest::newRow("503") << QByteArray("/busy/model.safetensors") << QByteArray() << qint64(-1)
                             << QStringLiteral("HTTP 503 Service Unavailable") << false; // nothing arrived
        QTest::newRow("cut") << QByteArray("/cut/model.safetensors") << QByteArray() << qint64(-1)
                             << QStringLiteral("closed after") << true;
        QTest::newRow("sha256") << QByteArray("/files/model.safetensors") << bad << qint64(-1)
                                << QStringLiteral("sha256 mismatch (expected %1, got %2)")
                                       .arg(QString::fromLatin1(bad), QString::fromLatin1(good))
                                << false;
        QTest::newRow("size") << QByteArray("/files/model.safetensors") << QByteArray() << qint64(1000)
                              << QStringLiteral("expected 1000") << false;
        QTest::newRow("not safetensors") << QByteArray("/files/page.html") << QByteArray() << qint64(-1)
                                         << QStringLiteral("is not a usable .safetensors file") << false;
    }

    void testFailures()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, sha);
        QFETCH(qint64, size);
        QFETCH(QString, message);
        QFETCH(bool, keepsPartial);
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
        QStringList expected { QStringLiteral("model.safetensors") };
        if (keepsPartial) {
            expected.prepend(QStringLiteral(".model.safetensors.part"));
            QCOMPARE(ModelDownloader::partialSize(target), qint64(m_model.size() / 2));
            QCOMPARE(readAll(ModelDownloader::partialPath(target)), m_model.left(m_model.size() / 2));
        }
        QCOMPARE(entries(dir.path()), expected);
    }

    // Interrupted mid-body twice (the second attempt already a ranged one), then completed: each attempt
    // continues from what the last kept, and the sha256 is checked over the whole file.
    void testResume()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        const QByteArray path = "/resume/model.safetensors";
        m_server.route(path, { HttpServer::Kind::Truncated, m_model, {} });
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url(path), target);
        r.sha256 = sha256(m_model);
        r.size = m_model.size();
        const qint64 size = m_model.size();

        Outcome o = download(downloader, r);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QStringLiteral("closed after %1 of %2 bytes").arg(size / 2).arg(size)),
            qPrintable(o.error));
        QCOMPARE(m_server.lastRange(path), QByteArray());
        QCOMPARE(downloader.resumedFrom(), qint64(0));
        const qint64 first = size / 2;
        QCOMPARE(ModelDownloader::partialSize(target), first);

        o = download(downloader, r);
        QVERIFY(!o.ok);
        QCOMPARE(m_server.lastRange(path), "bytes=" + QByteArray::number(first) + '-');
        QCOMPARE(downloader.resumedFrom(), first);
        const qint64 second = first + (size - first) / 2;
        QVERIFY2(
            o.error.contains(QStringLiteral("closed after %1 of %2 bytes").arg(second).arg(size)), qPrintable(o.error));
        QCOMPARE(ModelDownloader::partialSize(target), second);
        QVERIFY(!o.received.isEmpty());
        QVERIFY(o.received.first() > first); // progress counts the whole file
        QCOMPARE(o.total, size);

        m_server.route(path, { HttpServer::Kind::File, m_model, {} });
        QSignalSpy verifying(&downloader, &ModelDownloader::verifying);
        o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(m_server.lastRange(path), "bytes=" + QByteArray::number(second) + '-');
        QCOMPARE(downloader.resumedFrom(), second);
        QCOMPARE(verifying.size(), 1);
        QCOMPARE(o.received.last(), size);
        QCOMPARE(o.total, size);
        QCOMPARE(readAll(target), m_model);
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("model.safetensors") });
    }

    // A server that ignores Range answers 200 with the whole file: the download starts over.
    void testResumeWithoutRangeSupport()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        const QByteArray path = "/norange/model.safetensors";
        m_server.route(path, { HttpServer::Kind::FileNoRange, m_model, {} });
        const qint64 kept = 300000;
        {
            QFile partial(ModelDownloader::partialPath(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(m_model.left(kept));
        }
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url(path), target);
        r.sha256 = sha256(m_model);
        QSignalSpy verifying(&downloader, &ModelDownloader::verifying);
        const Outcome o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(m_server.lastRange(path), "bytes=" + QByteArray::number(kept) + '-');
        QCOMPARE(downloader.resumedFrom(), qint64(0));
        QCOMPARE(o.received.last(), qint64(m_model.size())); // counted from the first byte again
        QCOMPARE(verifying.size(), 0); // hashed as it arrived
        QCOMPARE(readAll(target), m_model);
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("model.safetensors") });
    }

    // What was kept does not belong to the file: the whole-file sha256 catches it and nothing stays.
    void testResumeWrongPartial()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        {
            QFile partial(ModelDownloader::partialPath(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(QByteArray(4096, 'x'));
        }
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url("/files/model.safetensors"), target);
        r.sha256 = sha256(m_model);
        const Outcome o = download(downloader, r);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QStringLiteral("sha256 mismatch")), qPrintable(o.error));
        QCOMPARE(downloader.resumedFrom(), qint64(4096));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    // The staging file already holds every byte (the process stopped before the rename): the server
    // answers 416 and the file is checked and kept. A longer one is not this file: it starts over.
    void testResumeCompletePartial_data()
    {
        QTest::addColumn<QByteArray>("kept");
        QTest::addColumn<qint64>("resumedFrom");
        QTest::newRow("complete") << m_model << qint64(m_model.size());
        QTest::newRow("longer") << m_model + QByteArray("trailing") << qint64(0);
    }

    void testResumeCompletePartial()
    {
        QFETCH(QByteArray, kept);
        QFETCH(qint64, resumedFrom);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        {
            QFile partial(ModelDownloader::partialPath(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(kept);
        }
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url("/files/model.safetensors"), target);
        r.sha256 = sha256(m_model);
        const Outcome o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(downloader.resumedFrom(), resumedFrom);
        QCOMPARE(readAll(target), m_model);
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("model.safetensors") });
    }

    // A server in trouble (5xx) keeps what was kept; a refusal (4xx) does not.
    void testResumeServerErrors()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("model.safetensors"));
        {
            QFile partial(ModelDownloader::partialPath(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(m_model.left(1000));
        }
        ModelDownloader downloader;
        Outcome o = download(downloader, request(m_server.url("/busy/model.safetensors"), target));
        QVERIFY2(o.error.contains(QStringLiteral("HTTP 503")), qPrintable(o.error));
        QCOMPARE(ModelDownloader::partialSize(target), qint64(1000));
        o = download(downloader, request(m_server.url("/missing.safetensors"), target));
        QVERIFY2(o.error.contains(QStringLiteral("HTTP 404")), qPrintable(o.error));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    // What the header does not say goes into a sidecar beside the file (SD 2.1 768's v-prediction).
    void testSidecar()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("v2.safetensors"));
        ModelDownloader downloader;
        ModelDownloader::Request r = request(m_server.url("/files/model.safetensors"), target);
        r.sidecar = "{\"scheduler\": {\"prediction_type\": \"v_prediction\"}}\n";
        const Outcome o = download(downloader, r);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("v2.json"))), r.sidecar);
        QCOMPARE(entries(dir.path()), QStringList({ QStringLiteral("v2.json"), QStringLiteral("v2.safetensors") }));

        // A checked file that cannot be saved keeps its bytes: the next try needs no download.
        QTemporaryDir other;
        const QString blocked = other.filePath(QStringLiteral("v2.safetensors"));
        QVERIFY(QDir().mkpath(other.filePath(QStringLiteral("v2.json")))); // a folder where the sidecar goes
        r.destination = blocked;
        Outcome failed = download(downloader, r);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.startsWith(QStringLiteral("cannot write")), qPrintable(failed.error));
        QCOMPARE(ModelDownloader::partialSize(blocked), qint64(m_model.size()));
        QVERIFY(QDir(other.filePath(QStringLiteral("v2.json"))).removeRecursively());
        const int hits = m_server.hits("/files/model.safetensors");
        const Outcome retried = download(downloader, r);
        QVERIFY2(retried.ok, qPrintable(retried.error));
        QCOMPARE(downloader.resumedFrom(), qint64(m_model.size())); // the server only said "nothing left" (416)
        QCOMPARE(m_server.hits("/files/model.safetensors"), hits + 1);
        QCOMPARE(readAll(blocked), m_model);
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
        // What arrived stays, for a later start() to continue.
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral(".model.safetensors.part") });
        QVERIFY(ModelDownloader::partialSize(target) > 0);
        QCOMPARE(readAll(ModelDownloader::partialPath(target)), m_model.left(ModelDownloader::partialSize(target)));
        QVERIFY(!downloader.isRunning());
        downloader.cancel(); // nothing running: harmless
        QVERIFY(ModelDownloader::discardPartial(target));
        QVERIFY(entries(dir.path()).isEmpty());
        QVERIFY(ModelDownloader::discardPartial(target)); // nothing left: still true
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
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral(".model.safetensors.part") });
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
        // Cancelled before or after the first bytes: at most what arrived stays.
        const QStringList left = entries(dir.path());
        QVERIFY2(left.isEmpty() || left == QStringList { QStringLiteral(".a.safetensors.part") },
            qPrintable(left.join(QLatin1Char(' '))));
    }

    void testCatalogue()
    {
        const auto taesd = ModelDownloader::catalogueEntry(QStringLiteral("taesd"));
        const auto taesdxl = ModelDownloader::catalogueEntry(QStringLiteral("taesdxl"));
        QVERIFY(taesd && taesdxl);
        QVERIFY(!ModelDownloader::catalogueEntry(QStringLiteral("sd3")));
        QCOMPARE(taesd->kind, easel::CatalogueEntry::Kind::PreviewDecoder);

        // The well-known checkpoints: pinned sizes and sha256, a licence to show before downloading,
        // saved in the models folder itself.
        QStringList ids;
        for (const easel::CatalogueEntry& e : ModelDownloader::catalogue()) {
            ids << e.id;
            QVERIFY2(!e.name.isEmpty() && !e.licence.isEmpty() && e.licenceUrl.startsWith(QStringLiteral("https://")),
                qPrintable(e.id));
            QVERIFY(!e.requiredTensors.isEmpty());
            if (e.kind != easel::CatalogueEntry::Kind::Model)
                continue;
            QCOMPARE(e.sha256.size(), 64);
            QVERIFY(e.size > 4000000000);
            QVERIFY(e.folder.isEmpty());
            QVERIFY(e.fileName.endsWith(QStringLiteral(".safetensors")));
        }
        QCOMPARE(ids,
            QStringList({ QStringLiteral("sd15"), QStringLiteral("sd21"), QStringLiteral("sdxl"),
                QStringLiteral("sdxl-turbo"), QStringLiteral("taesd"), QStringLiteral("taesdxl") }));
        const auto sd15 = ModelDownloader::catalogueEntry(QStringLiteral("sd15"));
        QCOMPARE(ModelDownloader::entryUrl(*sd15, QUrl(QStringLiteral("https://huggingface.co"))).toString(),
            QStringLiteral("https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5/resolve/main/"
                           "v1-5-pruned-emaonly.safetensors"));
        QCOMPARE(
            ModelDownloader::pathIn(*sd15, QStringLiteral("/m")), QStringLiteral("/m/v1-5-pruned-emaonly.safetensors"));
        QCOMPARE(ModelDownloader::pathIn(*taesd, QStringLiteral("/m")), QStringLiteral("/m/taesd/taesd.safetensors"));
        QVERIFY(ModelDownloader::catalogueEntry(QStringLiteral("sd21"))->sidecar.contains("v_prediction"));
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
        downloader.fetch(QStringLiteral("sd3"));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).toString(),
            QStringLiteral("unknown model 'sd3' (known: sd15, sd21, sdxl, sdxl-turbo, taesd, taesdxl)"));
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

        // An interrupted download is continued, through the Hub's redirect.
        QVERIFY(QDir().mkpath(home.filePath(QStringLiteral("mine"))));
        {
            QFile partial(home.filePath(QStringLiteral("mine/.taesd.safetensors.part")));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(m_taesd.left(2000000));
        }
        r = runCli({ QStringLiteral("fetch"), QStringLiteral("taesd"), QStringLiteral("--to"),
                       home.filePath(QStringLiteral("mine")) },
            env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("continuing an interrupted download at 2.0 MB")), qPrintable(r.out));
        QCOMPARE(m_server.lastRange("/cdn/taesd.safetensors"), QByteArray("bytes=2000000-"));
        QCOMPARE(readAll(home.filePath(QStringLiteral("mine/taesd.safetensors"))), m_taesd);
        QCOMPARE(entries(home.filePath(QStringLiteral("mine"))), QStringList { QStringLiteral("taesd.safetensors") });

        // Failures: one line, exit 1 (2 for usage), nothing written.
        r = runCli({ QStringLiteral("fetch"), QStringLiteral("taesdxl"), QStringLiteral("--to"),
                       home.filePath(QStringLiteral("xl")) },
            env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("easel-cli fetch: HTTP 404 Not Found from ")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(entries(home.filePath(QStringLiteral("xl"))).isEmpty());
        r = runCli({ QStringLiteral("fetch"), QStringLiteral("sd3") }, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(
            r.err.contains(QStringLiteral("unknown model 'sd3' (known: sd15, sd21, sdxl, sdxl-turbo, taesd, taesdxl)")),
            qPrintable(r.err));
        r = runCli({ QStringLiteral("fetch") }, env);
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestModelDownloader)
#include "tst_modeldownloader.moc"
