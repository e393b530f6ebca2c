// SPDX-License-Identifier: MIT
#pragma once

#include "settings/paths.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

class JobQueue;

/// A persisted job as tools show it (easel-cli queue list): no Job object is made from it.
struct QueueRow {
    quint64 id = 0;
    QString kind; ///< "generate", "batch", "compose", "image-tool"
    QString state; ///< jobStateName(): "queued", "running", "completed"...
    QString title; ///< the queue panel's line (the prompt, or the operation and its file)
    /// The recipe's model file ("" = the bundled demo model); nullopt for a job without a recipe.
    std::optional<QString> model;
    QDateTime created;
    QString message;
    QStringList files;
};

/**
 * Keeps a JobQueue in an SQLite database (Qt SQL, QSQLITE, WAL, synchronous=NORMAL: every committed change
 * survives the process being killed), so the queue outlives the process: a restart, or a crash. One row per job: its
 * Job::toJson(), state, message, files, place.
 *
 * open() loads the persisted jobs into the (empty) queue with JobQueue::restore(), ended ones first in the
 * order they ended, then the queued ones in queue order. A job persisted as running was running when the
 * process died: it comes back Interrupted, and the queue comes back paused, so that a job that crashed the
 * studio cannot crash it again at every start (recoveredFromCrash()). A row whose job cannot be read is
 * kept in the database (its id is never reused) and skipped, with one line in warnings(). A database that
 * can be read but not written is loaded, and error() says at once that changes are not saved.
 *
 * From then on every change of the queue (a job added, started, finished, an image saved, a job removed,
 * the order or the pause changed) is written at once, each in one transaction. A write that fails (a full
 * disk, a read-only file) emits error() with one line, once until a write succeeds again; the queue in
 * memory is never touched, and the next change that can be written rewrites the whole queue, so the
 * database catches up as soon as it can. When the queue (or the store) is destroyed while a job runs, that
 * job is written Interrupted, "closed while running": a quit, not a crash, so the next start is not paused.
 *
 * Lives on the queue's (GUI) thread. Several stores may be open at once (each has its own connection), but
 * only one should write a given file.
 */
class QueueStore : public QObject {
    Q_OBJECT
public:
    /// The database's schema, in PRAGMA user_version.
    static constexpr int SchemaVersion = 1;

    explicit QueueStore(JobQueue& queue, const QString& path = paths::queueDatabase(), QObject* parent = nullptr);
    ~QueueStore() override;

    QString path() const { return m_path; }

    /// Creates or reads the database and restores its jobs into the queue, which must be empty. False, with one
    /// line naming the file in `errorMessage`, when the database cannot be created or read: the queue then runs
    /// in memory only, nothing is written. A database that can be read but not written (a read-only file or
    /// folder) is loaded, and error() says so at once: connect it before.
    bool open(QString* errorMessage = nullptr);
    bool isOpen() const { return m_open; }

    /// True when open() found a job that was running when the process died (the queue is paused).
    bool recoveredFromCrash() const { return m_recovered; }
    /// Ids of the jobs open() marked Interrupted.
    QList<quint64> interruptedJobs() const { return m_interrupted; }
    /// One line per row open() could not read (kept in the database, not in the queue).
    QStringList warnings() const { return m_warnings; }
    /// The last write failure; empty once a write succeeds again.
    QString lastError() const { return m_lastError; }

    /// The rows of the database at `path` in display order (ended, running, queued), read-only, and whether
    /// the queue is paused. An empty list for a missing file (nothing is created); nullopt and one line naming
    /// the file in `error` for a file that is not a readable queue database.
    static std::optional<QList<QueueRow>> read(const QString& path, QString* error = nullptr, bool* paused = nullptr);

Q_SIGNALS:
    /// A change could not be written; one line naming the file. Not repeated until a write succeeds.
    void error(const QString& message);

private:
    struct Writer;

    void connectQueue();
    /// Runs `change` in one transaction, or rewrites everything when a previous write failed.
    template <typename F> void write(F&& change);
    void writeAll(Writer& w);
    void writeOrder(Writer& w);
    void insertJob(Writer& w, quint64 id, int order);
    void failed(const QString& reason);
    static QString interruptedMessage();
    /// The queue is going away with a job running: it was stopped on purpose, not by a crash.
    void noteClosedWhileRunning();

    void onAdded(quint64 id);
    void onStarted(quint64 id);
    void onFinished(quint64 id);
    void onFilesChanged(quint64 id);
    void onRemoved(quint64 id);
    void onQueueChanged();

    JobQueue& m_queue;
    QString m_path;
    QString m_connection;
    bool m_open = false;
    bool m_recovered = false;
    bool m_dirty = false; ///< a write failed: the database is behind the queue
    QList<quint64> m_interrupted;
    QStringList m_warnings;
    QString m_lastError;
    QSet<quint64> m_unreadable; ///< rows kept but not restored: never deleted by a rewrite
    QList<quint64> m_savedOrder; ///< queued ids as the database has them
    bool m_savedPaused = false;
    int m_nextEnded = 0; ///< the place of the next job that ends
    QList<quint64> m_running; ///< the jobs the database has as running (one per lane)
};

} // namespace easel
