// SPDX-License-Identifier: MIT
#include "jobs/queuestore.h"

#include "jobs/jobqueue.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace easel {

namespace {

    /// A failed statement inside a change: its SQL error, one line.
    struct WriteError {
        QString reason;
    };

    QString sqlError(const QSqlError& error) { return error.text().simplified(); }

    /// A null QString binds as SQL NULL: text columns get "" instead.
    QString text(const QString& s) { return s.isNull() ? QStringLiteral("") : s; }

    QString newConnectionName(const char* prefix)
    {
        static QAtomicInteger<quint64> counter;
        return QLatin1String(prefix) + QString::number(counter.fetchAndAddRelaxed(1));
    }

    QString filesText(const QStringList& files)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(files)).toJson(QJsonDocument::Compact));
    }

    QStringList filesOf(const QString& text)
    {
        QStringList files;
        for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array())
            files << v.toString();
        return files;
    }

    /// Ended jobs first (in the order they ended), then the running one, then the queue in order.
    const char* const kDisplayOrder
        = "ORDER BY CASE state WHEN 'queued' THEN 2 WHEN 'running' THEN 1 ELSE 0 END, place, id";

    const char* const kRowColumns = "id, kind, state, place, created, title, model, message, files, job";

    /// Points `db` at the file: read-write, or read-only. `immutable`: read-only without the WAL's shared
    /// memory file, for a database in a folder where that file cannot be made (SQLite cannot read a WAL
    /// database there otherwise); only used when the normal way fails.
    void configure(QSqlDatabase& db, const QString& path, bool readOnly, bool immutable)
    {
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
        if (immutable) {
            db.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
            options += QStringLiteral(";QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY");
        } else {
            db.setDatabaseName(path);
            if (readOnly)
                options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        }
        db.setConnectOptions(options);
    }

    /// Opens `db` and reads its schema version: the first read of the file, where a file that is no database
    /// fails. Retries as immutable (see configure()) for a file that exists.
    bool openAndReadVersion(
        QSqlDatabase& db, const QString& path, bool readOnly, int* version, QString* reason, bool* immutable)
    {
        *immutable = false;
        for (bool asImmutable : { false, true }) {
            if (asImmutable && !QFileInfo(path).isFile())
                break;
            configure(db, path, readOnly, asImmutable);
            QString problem;
            if (!db.open()) {
                problem = sqlError(db.lastError());
            } else {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next()) {
                    *version = q.value(0).toInt();
                    *immutable = asImmutable;
                    return true;
                }
                problem = sqlError(q.lastError());
                q.finish();
                db.close();
            }
            if (!asImmutable)
                *reason = problem; // the first way's reason is the one to show
        }
        return false;
    }

    bool hasJobsTable(const QSqlDatabase& db)
    {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'")) && q.next();
    }

} // namespace

/// Statements of one change, inside the store's transaction. Throws WriteError.
struct QueueStore::Writer {
    QSqlDatabase db;

    void exec(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery q(db);
        if (!q.prepare(sql))
            throw WriteError { sqlError(q.lastError()) };
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec())
            throw WriteError { sqlError(q.lastError()) };
    }
};

QueueStore::QueueStore(JobQueue& queue, const QString& path, QObject* parent)
    : QObject(parent)
    , m_queue(queue)
    , m_path(QFileInfo(path).absoluteFilePath())
    , m_connection(newConnectionName("easel-queue-"))
{
}

QueueStore::~QueueStore()
{
    if (m_open)
        noteClosedWhileRunning();
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString QueueStore::interruptedMessage() { return tr("Interrupted: Easel stopped while this job was running"); }

bool QueueStore::open(QString* errorMessage)
{
    if (m_open)
        return true;
    auto fail = [&](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    if (!m_queue.jobs().isEmpty())
        return fail(tr("The queue %1 can only be restored into an empty queue").arg(m_path));
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(tr("Cannot create the folder of the queue %1").arg(m_path));

    QSqlDatabase db = QSqlDatabase::contains(m_connection)
        ? QSqlDatabase::database(m_connection, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    int version = 0;
    QString reason;
    bool readOnly = false;
    if (!openAndReadVersion(db, m_path, false, &version, &reason, &readOnly))
        return fail(tr("Cannot read the queue %1: %2").arg(m_path, reason));
    auto closeAndFail = [&](const QString& message) {
        db.close();
        return fail(message);
    };
    if (version > SchemaVersion)
        return closeAndFail(
            tr("The queue %1 was written by a newer version of Easel (schema %2)").arg(m_path).arg(version));
    if (version == 0 && hasJobsTable(db))
        return closeAndFail(tr("%1 is not a queue database of Easel").arg(m_path));
    {
        // WAL: a commit is one append to the log, and a reader (easel-cli queue list) never blocks it.
        // NORMAL: a commit is in the log when write() returns, so a killed process loses nothing; only a
        // power cut can lose the last changes (never the file's consistency). FULL would add an fsync to
        // every change, on the GUI thread (about 4 ms each on the dev machine's disk, 0.06 ms without).
        // A read-only file keeps its mode: not an error here.
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    if (version == 0 && readOnly)
        return closeAndFail(tr("Cannot create the queue %1: the folder is read-only").arg(m_path));
    if (version == 0) {
        Writer w { db };
        try {
            if (!db.transaction())
                throw WriteError { sqlError(db.lastError()) };
            w.exec(QStringLiteral("CREATE TABLE jobs (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, "
                                  "place INTEGER NOT NULL, created INTEGER NOT NULL, title TEXT NOT NULL, model TEXT, "
                                  "message TEXT NOT NULL, files TEXT NOT NULL, job TEXT NOT NULL)"));
            w.exec(QStringLiteral("CREATE TABLE queue (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
            w.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
            if (!db.commit())
                throw WriteError { sqlError(db.lastError()) };
        } catch (const WriteError& e) {
            db.rollback();
            return closeAndFail(tr("Cannot create the queue %1: %2").arg(m_path, e.reason));
        }
    }

    // Read everything first: restoring emits the queue's signals, nothing is connected yet.
    bool paused = false;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT value FROM queue WHERE key = 'paused'")))
            return closeAndFail(tr("Cannot read the queue %1: %2").arg(m_path, sqlError(q.lastError())));
        paused = q.next() && q.value(0).toString() == QLatin1String("1");
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM jobs %2").arg(QLatin1String(kRowColumns), QLatin1String(kDisplayOrder))))
        return closeAndFail(tr("Cannot read the queue %1: %2").arg(m_path, sqlError(q.lastError())));
    quint64 maxId = 0;
    bool runningRows = false;
    while (q.next()) {
        const quint64 id = q.value(0).toULongLong();
        maxId = std::max(maxId, id);
        const QString stateName = q.value(2).toString();
        const std::optional<JobState> state = jobStateFromName(stateName);
        runningRows = runningRows || state == JobState::Running;
        if (state && *state != JobState::Queued && *state != JobState::Running)
            m_nextEnded = std::max(m_nextEnded, q.value(3).toInt() + 1);

        QString why;
        std::unique_ptr<Job> job;
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(9).toString().toUtf8(), &parse);
        if (!state)
            why = tr("unknown state '%1'").arg(stateName);
        else if (!doc.isObject())
            why = parse.error != QJsonParseError::NoError ? parse.errorString() : tr("not a JSON object");
        else if (!(job = Job::fromJson(doc.object(), &why)) && why.isEmpty())
            why = tr("unreadable job");
        if (!job) {
            m_unreadable.insert(id);
            m_warnings << tr("Queue %1: job %2 cannot be read (%3); it is kept in the file but not in the queue")
                              .arg(m_path)
                              .arg(id)
                              .arg(why.simplified());
            continue;
        }
        QString message = q.value(7).toString();
        if (*state == JobState::Running) {
            message = interruptedMessage();
            m_interrupted << id;
            m_recovered = true;
        }
        m_queue.restore(id, std::move(job), *state, message, QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong()),
            filesOf(q.value(8).toString()));
    }
    q.finish();
    m_queue.reserveIds(maxId + 1);
    if (m_recovered || paused)
        m_queue.setPaused(true);
    m_open = true;
    if (readOnly) {
        // Every write would fail: say it once, now, and keep the queue in memory.
        m_dirty = true;
        m_lastError = tr("The queue %1 is read-only: changes to the queue are not saved").arg(m_path);
        Q_EMIT error(m_lastError);
        connectQueue();
        return true;
    }

    // Bring the file in step: interrupted jobs (every running row: one that cannot be read did not run
    // either), their place among the ended ones, the pause. A failure (a full disk) goes to error().
    write([&](Writer& w) {
        if (runningRows) {
            w.exec(QStringLiteral("UPDATE jobs SET state = 'interrupted', message = ? WHERE state = 'running'"),
                { interruptedMessage() });
        }
        for (quint64 id : std::as_const(m_interrupted))
            w.exec(QStringLiteral("UPDATE jobs SET place = ? WHERE id = ?"), { m_nextEnded++, id });
        writeOrder(w);
    });
    connectQueue();
    return true;
}

void QueueStore::connectQueue()
{
    connect(&m_queue, &JobQueue::jobAdded, this, &QueueStore::onAdded);
    connect(&m_queue, &JobQueue::jobStarted, this, &QueueStore::onStarted);
    connect(&m_queue, &JobQueue::jobFinished, this, [this](quint64 id, const JobResult&) { onFinished(id); });
    connect(&m_queue, &JobQueue::imageSaved, this, [this](quint64 id, const SavedImage&) { onFilesChanged(id); });
    connect(&m_queue, &JobQueue::jobRemoved, this, &QueueStore::onRemoved);
    connect(&m_queue, &JobQueue::queueChanged, this, &QueueStore::onQueueChanged);
    // The queue's destructor cancels its running job without a signal: that job did not crash anything.
    connect(&m_queue, &QObject::destroyed, this, [this] {
        noteClosedWhileRunning();
        m_open = false;
    });
}

template <typename F> void QueueStore::write(F&& change)
{
    if (!m_open)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    Writer w { db };
    try {
        if (!db.transaction())
            throw WriteError { sqlError(db.lastError()) };
        if (m_dirty)
            writeAll(w); // what failed before, and this change with it
        else
            change(w);
        if (!db.commit())
            throw WriteError { sqlError(db.lastError()) };
    } catch (const WriteError& e) {
        db.rollback();
        failed(e.reason);
        return;
    }
    m_dirty = false;
    m_lastError.clear();
}

void QueueStore::failed(const QString& reason)
{
    m_dirty = true;
    const bool first = m_lastError.isEmpty();
    m_lastError = tr("Cannot save the queue in %1: %2").arg(m_path, reason);
    if (first)
        Q_EMIT error(m_lastError);
}

void QueueStore::insertJob(Writer& w, quint64 id, int place)
{
    const std::optional<JobInfo> info = m_queue.info(id);
    const Job* job = m_queue.job(id);
    if (!info || !job)
        return;
    const ImageRecipe* recipe = job->recipe();
    w.exec(QStringLiteral("INSERT OR REPLACE INTO jobs (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
               .arg(QLatin1String(kRowColumns)),
        { id, text(info->kind), jobStateName(info->state), place, info->created.toMSecsSinceEpoch(), text(info->title),
            recipe ? QVariant(text(recipe->model)) : QVariant(QMetaType(QMetaType::QString)), text(info->message),
            filesText(info->files), QString::fromUtf8(QJsonDocument(job->toJson()).toJson(QJsonDocument::Compact)) });
}

void QueueStore::writeOrder(Writer& w)
{
    const QList<quint64> order = m_queue.queuedJobs();
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (i >= m_savedOrder.size() || m_savedOrder[i] != order[i])
            w.exec(QStringLiteral("UPDATE jobs SET place = ? WHERE id = ?"), { int(i), order[i] });
    }
    m_savedOrder = order;
    const bool paused = m_queue.isPaused();
    if (paused != m_savedPaused) {
        w.exec(QStringLiteral("INSERT OR REPLACE INTO queue (key, value) VALUES ('paused', ?)"),
            { paused ? QStringLiteral("1") : QStringLiteral("0") });
        m_savedPaused = paused;
    }
}

void QueueStore::writeAll(Writer& w)
{
    const QList<JobInfo> jobs = m_queue.jobs();
    QSet<quint64> known = m_unreadable;
    for (const JobInfo& info : jobs)
        known.insert(info.id);
    {
        QSqlQuery q(w.db);
        if (!q.exec(QStringLiteral("SELECT id FROM jobs")))
            throw WriteError { sqlError(q.lastError()) };
        QList<quint64> gone;
        while (q.next()) {
            if (!known.contains(q.value(0).toULongLong()))
                gone << q.value(0).toULongLong();
        }
        for (quint64 id : std::as_const(gone))
            w.exec(QStringLiteral("DELETE FROM jobs WHERE id = ?"), { id });
    }
    int ended = 0;
    int queued = 0;
    for (const JobInfo& info : jobs) {
        if (info.state == JobState::Queued)
            insertJob(w, info.id, queued++);
        else if (info.state == JobState::Running)
            insertJob(w, info.id, 0);
        else
            insertJob(w, info.id, ended++);
    }
    m_nextEnded = ended;
    m_savedOrder = m_queue.queuedJobs();
    m_savedPaused = m_queue.isPaused();
    w.exec(QStringLiteral("INSERT OR REPLACE INTO queue (key, value) VALUES ('paused', ?)"),
        { m_savedPaused ? QStringLiteral("1") : QStringLiteral("0") });
}

void QueueStore::onAdded(quint64 id)
{
    const std::optional<JobInfo> info = m_queue.info(id);
    if (!info)
        return;
    write([&](Writer& w) {
        const qsizetype place = m_queue.queuedJobs().indexOf(id);
        insertJob(w, id, place >= 0 ? int(place) : m_nextEnded++);
        writeOrder(w);
    });
}

void QueueStore::onStarted(quint64 id)
{
    if (!m_running.contains(id))
        m_running << id;
    write([&](Writer& w) {
        w.exec(QStringLiteral("UPDATE jobs SET state = 'running', place = 0 WHERE id = ?"), { id });
        writeOrder(w);
    });
}

void QueueStore::onFinished(quint64 id)
{
    m_running.removeAll(id);
    const std::optional<JobInfo> info = m_queue.info(id);
    if (!info)
        return;
    write([&](Writer& w) {
        w.exec(QStringLiteral("UPDATE jobs SET state = ?, message = ?, files = ?, place = ? WHERE id = ?"),
            { jobStateName(info->state), text(info->message), filesText(info->files), m_nextEnded++, id });
        writeOrder(w);
    });
}

void QueueStore::onFilesChanged(quint64 id)
{
    const std::optional<JobInfo> info = m_queue.info(id);
    if (!info)
        return;
    write([&](Writer& w) {
        w.exec(QStringLiteral("UPDATE jobs SET files = ? WHERE id = ?"), { filesText(info->files), id });
    });
}

void QueueStore::onRemoved(quint64 id)
{
    write([&](Writer& w) { w.exec(QStringLiteral("DELETE FROM jobs WHERE id = ?"), { id }); });
}

void QueueStore::onQueueChanged()
{
    if (!m_dirty && m_queue.queuedJobs() == m_savedOrder && m_queue.isPaused() == m_savedPaused)
        return;
    write([&](Writer& w) { writeOrder(w); });
}

void QueueStore::noteClosedWhileRunning()
{
    if (!m_open || m_running.isEmpty())
        return;
    // Not through write(): the queue may be half destroyed, and a full rewrite would read it.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE jobs SET state = 'interrupted', message = ?, place = ? WHERE id = ? AND "
                             "state = 'running'"));
    for (quint64 id : std::as_const(m_running)) {
        q.bindValue(0, tr("Interrupted: Easel was closed while this job was running"));
        q.bindValue(1, m_nextEnded++);
        q.bindValue(2, id);
        q.exec();
    }
    m_running.clear();
}

std::optional<QList<QueueRow>> QueueStore::read(const QString& path, QString* error, bool* paused)
{
    if (paused)
        *paused = false;
    if (!QFileInfo::exists(path))
        return QList<QueueRow> {};
    const QString connection = newConnectionName("easel-queue-read-");
    std::optional<QList<QueueRow>> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        auto fail = [&](const QString& reason) {
            if (error)
                *error = tr("Cannot read the queue %1: %2").arg(path, reason);
        };
        int version = 0;
        QString reason;
        bool immutable = false;
        if (!openAndReadVersion(db, path, true, &version, &reason, &immutable)) {
            fail(reason);
        } else {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (version > SchemaVersion) {
                if (error)
                    *error
                        = tr("The queue %1 was written by a newer version of Easel (schema %2)").arg(path).arg(version);
            } else if (version == 0) {
                // An empty file, or a database not made yet.
                if (hasJobsTable(db))
                    fail(tr("not a queue database of Easel"));
                else
                    rows.emplace();
            } else if (!q.exec(QStringLiteral("SELECT %1 FROM jobs %2")
                                   .arg(QLatin1String(kRowColumns), QLatin1String(kDisplayOrder)))) {
                fail(sqlError(q.lastError()));
            } else {
                rows.emplace();
                QSqlQuery p(db);
                if (paused && p.exec(QStringLiteral("SELECT value FROM queue WHERE key = 'paused'")) && p.next())
                    *paused = p.value(0).toString() == QLatin1String("1");
                while (q.next()) {
                    QueueRow row;
                    row.id = q.value(0).toULongLong();
                    row.kind = q.value(1).toString();
                    row.state = q.value(2).toString();
                    row.created = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong());
                    row.title = q.value(5).toString();
                    if (!q.isNull(6))
                        row.model = q.value(6).toString();
                    row.message = q.value(7).toString();
                    row.files = filesOf(q.value(8).toString());
                    rows->append(row);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

} // namespace easel
