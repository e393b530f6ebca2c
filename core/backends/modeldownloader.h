// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QSaveFile;

namespace easel {

/// One file Easel knows how to fetch from the Hugging Face Hub.
struct CatalogueEntry {
    QString id; ///< what users type: "taesd", "taesdxl"
    QString description;
    QString repository; ///< Hub repository, "madebyollin/taesd"
    QString file; ///< path inside the repository's main branch
    QString folder; ///< cache subfolder under <AppData>/models/
    QString fileName; ///< name of the cached copy
    QStringList requiredTensors; ///< a download lacking one of these is refused
    QByteArray sha256; ///< lower-case hex; empty: not checked
    qint64 size = -1; ///< bytes; -1: not checked
};

/// Downloads one URL to a file with QNetworkAccessManager, asynchronously.
///
/// Redirects are followed (the Hub answers with a redirect to its CDN). The data goes through a
/// QSaveFile to a hidden staging file beside the destination, is checked (HTTP status, complete
/// length, optional size and sha256, optionally that it opens as a .safetensors file holding the
/// required tensors) and only then renamed over the destination: a failed, cancelled or timed-out
/// download leaves no file behind and never damages an existing one. Every failure is reported as
/// one line for people.
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
    };

    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    /// Starts a download; the outcome arrives through finished(), also for a request refused at
    /// once (a download already running, a destination that cannot be written).
    void start(const Request& request);
    /// Starts downloading a catalogue entry from hubUrl() into `directory` (default: cacheDir of
    /// the entry). Unknown ids are refused through finished().
    void fetch(const QString& id, const QString& directory = {});

    bool isRunning() const { return m_reply != nullptr; }
    /// The running or last request.
    const Request& request() const { return m_request; }
    /// The last failure, one line; empty after a success.
    QString errorString() const { return m_error; }

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

public Q_SLOTS:
    /// Stops the running download; finished(false, "download cancelled") follows at once.
    void cancel();

Q_SIGNALS:
    /// Bytes received so far and the expected total (-1 while unknown).
    void progress(qint64 received, qint64 total);
    /// `error` is empty on success; the destination then holds the checked file.
    void finished(bool ok, const QString& error);

private:
    void onReadyRead();
    void onReplyFinished();
    QString replyError() const;
    QString checkDownload() const;
    QString validateStaged() const;
    void finish(const QString& error);
    void failLater(const QString& error);

    QNetworkAccessManager* m_manager;
    QNetworkReply* m_reply = nullptr;
    std::unique_ptr<QSaveFile> m_file;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
    QTimer m_timeout;
    Request m_request;
    QUrl m_hubUrl;
    QString m_stagingPath;
    QString m_error;
    QString m_writeError;
    qint64 m_received = 0;
    bool m_cancelled = false;
    bool m_timedOut = false;
};

} // namespace easel
