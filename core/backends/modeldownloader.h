// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

class QFile;
class QNetworkAccessManager;
class QNetworkReply;

namespace easel {

/// One file Easel knows how to fetch from the Hugging Face Hub.
struct CatalogueEntry {
    enum class Kind {
        Model, ///< a whole Stable Diffusion checkpoint, to generate with
        PreviewDecoder, ///< a TAESD decoder, for full-size live previews
    };

    QString id; ///< what users type: "sd15", "taesd"
    QString description; ///< one line: what it is, repository, licence
    QString repository; ///< Hub repository, "madebyollin/taesd"
    QString file; ///< path inside the repository's main branch
    QString folder; ///< subfolder of the models folder; empty: the models folder itself
    QString fileName; ///< name of the saved copy
    QStringList requiredTensors; ///< a download lacking one of these is refused
    QByteArray sha256; ///< lower-case hex; empty: not checked
    qint64 size = -1; ///< bytes; -1: not checked
    Kind kind = Kind::Model;
    QString name; ///< for people: "Stable Diffusion 1.5"
    QByteArray sidecar; ///< written as "<stem>.json" beside the file (what the file's header does not say)
    QString licence; ///< the licence's name, as the repository gives it
    QString licenceUrl;
};

/// Downloads one URL to a file with QNetworkAccessManager, asynchronously, resuming where an earlier
/// attempt stopped.
///
/// Redirects are followed (the Hub answers with a redirect to its CDN). The data goes to a hidden
/// staging file beside the destination (partialPath()), is checked (HTTP status, complete length,
/// optional size and sha256 over the whole file, optionally that it opens as a .safetensors file
/// holding the required tensors) and only then renamed over the destination, so an existing file is
/// never damaged. A download that is interrupted (cancelled, timed out, connection lost, server
/// error 5xx) keeps its staging file, and the next start() of the same destination continues it with
/// an HTTP Range request; a server that answers the range with the whole file (200) starts it over.
/// A download whose bytes are wrong (checks failed, HTTP 4xx) leaves no staging file behind; checked
/// bytes that cannot be saved (a sidecar or the rename fails) keep it. Every failure is reported as one
/// line for people.
class ModelDownloader : public QObject {
    Q_OBJECT

public:
    struct Request {
        QUrl url;
        QString destination;
        QByteArray sha256; ///< lower-case hex; empty: not checked
        qint64 size = -1; ///< -1: not checked
        bool safetensors = true; ///< open the result as safetensors before accepting it
        QStringList requiredTensors; ///< with safetensors: tensors the file must hold
        QByteArray sidecar; ///< non-empty: written atomically as "<stem>.json" beside the file
    };

    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    /// Starts a download; the outcome arrives through finished(), also for a request refused at
    /// once (a download already running, a destination that cannot be written).
    void start(const Request& request);
    /// Starts downloading a catalogue entry from hubUrl() into `directory` (default: cacheDir of
    /// the entry). Unknown ids are refused through finished().
    void fetch(const QString& id, const QString& directory = {});

    /// From start() until finished(): also while a resumed file's checksum is computed.
    bool isRunning() const { return m_running; }
    /// The running or last request.
    const Request& request() const { return m_request; }
    /// The last failure, one line; empty after a success.
    QString errorString() const { return m_error; }
    /// Where the running or last download continued from: the staging file's size at start, 0 when it
    /// started from the beginning (also after a server that ignored the range).
    qint64 resumedFrom() const { return m_resumedFrom; }

    /// Fails a download that receives nothing for this long (default 30 s).
    void setTimeout(int msec);
    int timeout() const { return m_timeout.interval(); }

    /// The Hub's address: the setter's value if set, else $EASEL_HUB_URL, else https://huggingface.co.
    QUrl hubUrl() const;
    void setHubUrl(const QUrl& url) { m_hubUrl = url; }

    static const QList<CatalogueEntry>& catalogue();
    static std::optional<CatalogueEntry> catalogueEntry(const QString& id);
    /// <hub>/<repository>/resolve/main/<file>
    static QUrl entryUrl(const CatalogueEntry& entry, const QUrl& hub);
    /// Where fetched entries are kept: paths::defaultModelsDir() + "/<folder>" (<GenericDataLocation>/Easel/models),
    /// shared by the studio and easel-cli.
    static QString cacheDir(const CatalogueEntry& entry);
    /// The cached copy of an entry (which may not exist yet).
    static QString cachedPath(const CatalogueEntry& entry);
    /// The entry's file in `modelsDir` (its folder, its file name).
    static QString pathIn(const CatalogueEntry& entry, const QString& modelsDir);

    /// The staging file of a download to `destination`: "<dir>/.<name>.part".
    static QString partialPath(const QString& destination);
    /// Bytes an interrupted download to `destination` has kept (0: none).
    static qint64 partialSize(const QString& destination);
    /// Deletes what an interrupted download to `destination` kept; true when nothing is left.
    static bool discardPartial(const QString& destination);

public Q_SLOTS:
    /// Stops the running download, keeping what arrived for a later start(); finished(false,
    /// "download cancelled") follows at once (during the checksum of a resumed file: once the hashing
    /// thread has finished its current 4 MiB read).
    void cancel();

Q_SIGNALS:
    /// Bytes of the file so far (a resumed download counts what it kept) and the expected total (-1
    /// while unknown).
    void progress(qint64 received, qint64 total);
    /// Every byte has arrived; the checksum of a resumed file is being computed (seconds for a large one).
    void verifying();
    /// `error` is empty on success; the destination then holds the checked file.
    void finished(bool ok, const QString& error);

private:
    void sendRequest();
    void onReadyRead();
    bool beginBody(int status);
    void onReplyFinished();
    bool handleRangeNotSatisfiable();
    QString replyError() const;
    bool interrupted() const;
    QString checkSize() const;
    void verifyAndCommit(const QByteArray& sha256Hex);
    QString validateStaged() const;
    void releaseReply();
    void finish(const QString& error, bool keepPartial = false);
    void failLater(const QString& error);
    qint64 expectedTotal() const;

    QNetworkAccessManager* m_manager;
    QNetworkReply* m_reply = nullptr;
    std::unique_ptr<QFile> m_file;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
    QTimer m_timeout;
    Request m_request;
    QUrl m_hubUrl;
    QString m_stagingPath;
    QString m_error;
    QString m_writeError;
    QString m_rangeError;
    qint64 m_offset = 0; ///< bytes of the staging file this reply continues
    qint64 m_received = 0; ///< bytes of this reply's body
    qint64 m_total = -1; ///< the whole file's size, as the server gave it
    qint64 m_resumedFrom = 0;
    std::shared_ptr<std::atomic_bool> m_stopHashing;
    bool m_running = false;
    bool m_started = false; ///< this reply's body has begun
    bool m_hashWhole = false; ///< m_hash has seen every byte of the file from its first
    bool m_restarted = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
};

} // namespace easel
