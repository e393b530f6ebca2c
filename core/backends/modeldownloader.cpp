// SPDX-License-Identifier: MIT
#include "backends/modeldownloader.h"
#include "settings/paths.h"

#include "engine/common/error.h"
#include "engine/weights/safetensors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QStandardPaths>

#include <filesystem>
#include <system_error>

namespace easel {

namespace {

constexpr int kDefaultTimeoutMs = 30000;
constexpr int kMaxRedirects = 10;

QString describeUrl(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

bool isLoopback(const QUrl& url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

// Failures of the network itself rather than of the server's answer.
bool isConnectivityError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

std::filesystem::path nativePath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

} // namespace

ModelDownloader::ModelDownloader(QObject* parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kDefaultTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_timedOut = true;
        m_reply->abort();
    });
}

ModelDownloader::~ModelDownloader()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
    }
    if (m_file)
        m_file->cancelWriting();
}

void ModelDownloader::setTimeout(int msec)
{
    m_timeout.setInterval(msec > 0 ? msec : kDefaultTimeoutMs);
}

QUrl ModelDownloader::hubUrl() const
{
    if (m_hubUrl.isValid() && !m_hubUrl.isEmpty())
        return m_hubUrl;
    const QString env = qEnvironmentVariable("EASEL_HUB_URL");
    if (!env.isEmpty())
        return QUrl(env);
    return QUrl(QStringLiteral("https://huggingface.co"));
}

const QList<CatalogueEntry>& ModelDownloader::catalogue()
{
    // diffusers' AutoencoderTiny files: one file holds the encoder and the decoder.
    static const QList<CatalogueEntry> entries = {
        { QStringLiteral("taesd"), QStringLiteral("Tiny autoencoder for SD 1.x/2.x previews (madebyollin/taesd, MIT)"),
            QStringLiteral("madebyollin/taesd"), QStringLiteral("diffusion_pytorch_model.safetensors"),
            QStringLiteral("taesd"), QStringLiteral("taesd.safetensors"),
            { QStringLiteral("encoder.layers.0.weight"), QStringLiteral("decoder.layers.0.weight") }, {}, -1 },
        { QStringLiteral("taesdxl"), QStringLiteral("Tiny autoencoder for SDXL previews (madebyollin/taesdxl, MIT)"),
            QStringLiteral("madebyollin/taesdxl"), QStringLiteral("diffusion_pytorch_model.safetensors"),
            QStringLiteral("taesd"), QStringLiteral("taesdxl.safetensors"),
            { QStringLiteral("encoder.layers.0.weight"), QStringLiteral("decoder.layers.0.weight") }, {}, -1 },
    };
    return entries;
}

std::optional<CatalogueEntry> ModelDownloader::catalogueEntry(const QString& id)
{
    for (const CatalogueEntry& entry : catalogue()) {
        if (entry.id == id)
            return entry;
    }
    return std::nullopt;
}

QUrl ModelDownloader::entryUrl(const CatalogueEntry& entry, const QUrl& hub)
{
    QString base = hub.toString(QUrl::StripTrailingSlash);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1Char('/') + entry.repository + QStringLiteral("/resolve/main/") + entry.file);
}

QString ModelDownloader::cacheDir(const CatalogueEntry& entry)
{
    // One cache for the studio and easel-cli, whatever each calls itself.
    return paths::defaultModelsDir() + QLatin1Char('/') + entry.folder;
}

QString ModelDownloader::cachedPath(const CatalogueEntry& entry)
{
    return cacheDir(entry) + QLatin1Char('/') + entry.fileName;
}

void ModelDownloader::fetch(const QString& id, const QString& directory)
{
    const std::optional<CatalogueEntry> entry = catalogueEntry(id);
    if (!entry) {
        QStringList known;
        for (const CatalogueEntry& e : catalogue())
            known << e.id;
        failLater(QStringLiteral("unknown model '%1' (known: %2)").arg(id, known.join(QStringLiteral(", "))));
        return;
    }
    Request request;
    request.url = entryUrl(*entry, hubUrl());
    request.destination
        = (directory.isEmpty() ? cacheDir(*entry) : directory) + QLatin1Char('/') + entry->fileName;
    request.sha256 = entry->sha256;
    request.size = entry->size;
    request.safetensors = true;
    request.requiredTensors = entry->requiredTensors;
    start(request);
}

void ModelDownloader::failLater(const QString& error)
{
    // Queued, so that a caller connecting to finished() after start() still hears of it.
    QTimer::singleShot(0, this, [this, error] {
        m_error = error;
        Q_EMIT finished(false, error);
    });
}

void ModelDownloader::start(const Request& request)
{
    if (m_reply) {
        failLater(QStringLiteral("a download is already running"));
        return;
    }
    m_request = request;
    m_error.clear();
    m_writeError.clear();
    m_received = 0;
    m_cancelled = false;
    m_timedOut = false;
    m_hash.reset();
    if (!request.url.isValid() || request.url.scheme().isEmpty()) {
        failLater(QStringLiteral("invalid address '%1'").arg(request.url.toString()));
        return;
    }
    const QFileInfo destination(request.destination);
    if (request.destination.isEmpty() || destination.isDir()) {
        failLater(QStringLiteral("invalid destination file '%1'").arg(request.destination));
        return;
    }
    const QString dir = destination.absolutePath();
    if (!QDir().mkpath(dir)) {
        failLater(QStringLiteral("cannot create the folder %1").arg(dir));
        return;
    }
    m_stagingPath = dir + QStringLiteral("/.") + destination.fileName() + QStringLiteral(".part");
    m_file = std::make_unique<QSaveFile>(m_stagingPath);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        failLater(QStringLiteral("cannot write %1: %2").arg(request.destination, reason));
        return;
    }

    QNetworkRequest get(request.url);
    get.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    get.setMaximumRedirectsAllowed(kMaxRedirects);
    // Raw bytes: the length and checksum are those of the file, and Qt never inflates behind our back.
    get.setRawHeader("Accept-Encoding", "identity");
    get.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Easel"));
    m_manager->setProxy(isLoopback(request.url) ? QNetworkProxy(QNetworkProxy::NoProxy)
                                                : QNetworkProxy(QNetworkProxy::DefaultProxy));
    m_reply = m_manager->get(get);
    connect(m_reply, &QIODevice::readyRead, this, &ModelDownloader::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ModelDownloader::onReplyFinished);
    m_timeout.start();
}

void ModelDownloader::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort();
}

void ModelDownloader::onReadyRead()
{
    if (!m_reply || !m_file || !m_reply->isOpen())
        return;
    m_timeout.start();
    const QByteArray data = m_reply->readAll();
    // An error page is not the file: replyError() reports the status.
    if (data.isEmpty() || !m_writeError.isEmpty()
        || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400)
        return;
    m_received += data.size();
    m_hash.addData(data);
    if (m_file->write(data) != data.size()) {
        m_writeError = m_file->errorString();
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    if (m_request.size >= 0 && m_received > m_request.size) {
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    // Our own signal rather than QNetworkReply::downloadProgress, which Qt throttles to one per 100 ms
    // and may never send for a transfer that stalls early.
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    Q_EMIT progress(m_received, length.isValid() ? length.toLongLong() : m_request.size);
}

QString ModelDownloader::replyError() const
{
    const QString url = describeUrl(m_request.url);
    if (m_cancelled)
        return QStringLiteral("download cancelled");
    if (!m_writeError.isEmpty())
        return QStringLiteral("cannot write %1: %2").arg(m_request.destination, m_writeError);
    if (m_request.size >= 0 && m_received > m_request.size)
        return QStringLiteral("%1: more than the expected %2 bytes").arg(url).arg(m_request.size);
    if (m_timedOut)
        return QStringLiteral("no data from %1 for %2 s: timed out")
            .arg(m_reply->url().host())
            .arg(m_timeout.interval() / 1000.0, 0, 'g', 3);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return QStringLiteral("HTTP %1%2 from %3")
            .arg(status)
            .arg(reason.isEmpty() ? QString() : QString(QLatin1Char(' ') + reason), url);
    }
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && m_received != length.toLongLong()) {
        return QStringLiteral("the connection to %1 closed after %2 of %3 bytes")
            .arg(m_reply->url().host())
            .arg(m_received)
            .arg(length.toLongLong());
    }
    if (m_reply->error() != QNetworkReply::NoError) {
        const QString reason = m_reply->errorString();
        if (isConnectivityError(m_reply->error()))
            return QStringLiteral("cannot download %1: %2 (no network connection?)").arg(url, reason);
        return QStringLiteral("cannot download %1: %2").arg(url, reason);
    }
    if (status != 0 && status != 200)
        return QStringLiteral("HTTP %1 from %2: expected the file").arg(status).arg(url);
    return {};
}

QString ModelDownloader::checkDownload() const
{
    const QString url = describeUrl(m_request.url);
    if (m_request.size >= 0 && m_received != m_request.size)
        return QStringLiteral("%1: got %2 bytes, expected %3").arg(url).arg(m_received).arg(m_request.size);
    if (!m_request.sha256.isEmpty()) {
        const QByteArray actual = m_hash.result().toHex();
        if (actual != m_request.sha256.toLower())
            return QStringLiteral("%1: sha256 mismatch (expected %2, got %3)")
                .arg(url, QString::fromLatin1(m_request.sha256.toLower()), QString::fromLatin1(actual));
    }
    return {};
}

QString ModelDownloader::validateStaged() const
{
    if (!m_request.safetensors)
        return {};
    const QString url = describeUrl(m_request.url);
    try {
        const engine::SafetensorsFile file(QFile::encodeName(m_stagingPath).toStdString());
        for (const QString& name : m_request.requiredTensors) {
            if (!file.contains(name.toStdString()))
                return QStringLiteral("%1 is not the expected model (no tensor '%2')").arg(url, name);
        }
    } catch (const engine::EngineError& e) {
        // The engine names the staging file; the user knows the download by its address.
        QString reason = QString::fromUtf8(e.what());
        const QString prefix = m_stagingPath + QStringLiteral(": ");
        if (reason.startsWith(prefix))
            reason.remove(0, prefix.size());
        return QStringLiteral("%1 is not a usable .safetensors file: %2").arg(url, reason);
    }
    return {};
}

void ModelDownloader::onReplyFinished()
{
    if (!m_reply)
        return;
    onReadyRead();
    QString error = replyError();
    if (error.isEmpty())
        error = checkDownload();
    if (error.isEmpty() && !m_file->commit())
        error = QStringLiteral("cannot write %1: %2").arg(m_request.destination, m_file->errorString());
    if (error.isEmpty())
        error = validateStaged();
    if (error.isEmpty()) {
        std::error_code code;
        std::filesystem::rename(nativePath(m_stagingPath), nativePath(m_request.destination), code);
        if (code)
            error = QStringLiteral("cannot write %1: %2")
                        .arg(m_request.destination, QString::fromLocal8Bit(code.message().c_str()));
    }
    finish(error);
}

void ModelDownloader::finish(const QString& error)
{
    m_timeout.stop();
    if (m_file) {
        m_file->cancelWriting(); // no-op after a commit
        m_file.reset();
    }
    if (!error.isEmpty())
        QFile::remove(m_stagingPath);
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_error = error;
    Q_EMIT finished(error.isEmpty(), error);
}

} // namespace easel
