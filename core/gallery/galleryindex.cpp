// SPDX-License-Identifier: MIT
#include "gallery/galleryindex.h"
#include "settings/paths.h"

#include "common/error.h"
#include "gallery/atomicfile.h"
#include "gallery/galleryquery.h"
#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <sqlite3.h>
#include <memory>
#include <sys/mman.h>
#include <unistd.h>

namespace easel {

namespace {

    constexpr int kSchemaVersion = 4; // 4: quality
    const QString kUnreadable = QStringLiteral("unreadable");

    QString tr(const char* text) { return QCoreApplication::translate("easel::GalleryIndex", text); }

    [[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

    QString joined(const QStringList& list)
    {
        return list.isEmpty() ? QString() : QLatin1Char('|') + list.join(QLatin1Char('|')) + QLatin1Char('|');
    }

    QStringList split(const QString& text) { return text.split(QLatin1Char('|'), Qt::SkipEmptyParts); }

    const char* const kColumns = "path, size, mtime, date, source, prompt, negative, model, sampler, seed, steps, cfg, "
                                 "width, height, loras, rating, pick, reject, tags, boards, recipe_key, quality";
    // The recipe JSON lives in a table of its own so searches scan small rows.
    const char* const kRecipeColumn = "(SELECT recipe FROM recipes WHERE recipes.path = images.path)";

    /// A statement on the connection's own SQLite handle (QSqlDriver::handle(), the library QSQLITE uses). Searches
    /// read thousands of rows, and QSqlQuery turns every value of a row into a QVariant (text through UTF-16) as it
    /// steps; here a text is one QString made from SQLite's UTF-8, and a number no object at all. A first search over
    /// 10,000 images spent most of its time in those conversions and their allocations.
    class Rows {
    public:
        Rows(const QSqlDatabase& db, const QString& sql, const QVariantList& bindings, const QString& file)
            : m_file(file)
        {
            const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
            if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
                m_db = *static_cast<sqlite3* const*>(handle.constData());
            if (!m_db) // (translate() with its context: lupdate would file a tr() here under "easel::Rows")
                fail(QCoreApplication::translate("easel::GalleryIndex", "Gallery index %1: the database is not open")
                         .arg(file));
            const QByteArray text = sql.toUtf8();
            sqlite3_stmt* statement = nullptr;
            const int prepared = sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &statement, nullptr);
            m_statement.reset(statement); // finalized however the constructor ends
            if (prepared != SQLITE_OK)
                failHere();
            int index = 1;
            for (const QVariant& value : bindings)
                bind(index++, value);
        }
        Rows(const Rows&) = delete;
        Rows& operator=(const Rows&) = delete;

        /// Steps to the next row; false after the last. Throws on an error (a locked database after the busy
        /// timeout QSQLITE set on the connection included).
        bool next()
        {
            const int result = sqlite3_step(m_statement.get());
            if (result == SQLITE_ROW)
                return true;
            if (result != SQLITE_DONE)
                failHere();
            return false;
        }
        bool isNull(int column) const { return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL; }
        qint64 integer(int column) const { return sqlite3_column_int64(m_statement.get(), column); }
        double real(int column) const { return sqlite3_column_double(m_statement.get(), column); }
        /// The UTF-8 text of a column, not copied: valid until the next step.
        QByteArray bytes(int column) const
        {
            const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement.get(), column));
            const int size = sqlite3_column_bytes(m_statement.get(), column);
            return data ? QByteArray::fromRawData(data, size) : QByteArray();
        }
        QString text(int column) const
        {
            const QByteArray utf8 = bytes(column);
            return utf8.isEmpty() ? QString() : QString::fromUtf8(utf8);
        }

    private:
        void bind(int index, const QVariant& value)
        {
            int result = SQLITE_OK;
            switch (value.isNull() ? QMetaType::UnknownType : value.typeId()) {
            case QMetaType::UnknownType:
                result = sqlite3_bind_null(m_statement.get(), index);
                break;
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Long:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                result = sqlite3_bind_int64(m_statement.get(), index, value.toLongLong());
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                result = sqlite3_bind_double(m_statement.get(), index, value.toDouble());
                break;
            default: {
                const QByteArray utf8 = value.toString().toUtf8();
                result = sqlite3_bind_text(m_statement.get(), index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            }
            }
            if (result != SQLITE_OK)
                failHere();
        }
        [[noreturn]] void failHere() const
        {
            fail(tr("Gallery index %1: %2").arg(m_file, QString::fromUtf8(sqlite3_errmsg(m_db)).simplified()));
        }

        QString m_file;
        sqlite3* m_db = nullptr;
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> m_statement { nullptr, &sqlite3_finalize };
    };

    /// Makes the pages of [data, data + bytes) present in one call (MADV_POPULATE_WRITE, Linux 5.14 and later;
    /// elsewhere nothing happens and pages come as they are first written). Touching fresh memory a page at a time
    /// is what a first search over 10,000 spent most of its time on: on the two-core test VM a page costs about
    /// 15 µs by a fault and about 1 µs populated in bulk.
    void populate(const void* data, std::size_t bytes)
    {
#ifdef MADV_POPULATE_WRITE
        static const auto page = static_cast<quintptr>(sysconf(_SC_PAGESIZE));
        const quintptr begin = (quintptr(data) + page - 1) & ~(page - 1);
        const quintptr end = (quintptr(data) + bytes) & ~(page - 1);
        if (end > begin)
            madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
        Q_UNUSED(data);
        Q_UNUSED(bytes);
#endif
    }

    /// Appends to a list, the room it grows by populated at once (populate()). A list of relocatable entries grows
    /// by realloc(), which keeps the pages it has (a large block is remapped, not copied).
    template <typename T>
    void appendPopulated(QList<T>& list, T&& value)
    {
        const qsizetype room = list.capacity();
        list.append(std::move(value));
        if (list.capacity() != room)
            populate(list.constData() + list.size(), std::size_t(list.capacity() - list.size()) * sizeof(T));
    }

    /// One string (or list) for the values that many rows share: the source, model and sampler of a whole gallery
    /// are a handful, negative prompts and LoRA sets a few dozen. A search over 10,000 makes tens of thousands of
    /// allocations fewer, and its rows take less memory.
    class Shared {
    public:
        QString operator()(const Rows& rows, int column) { return get(m_strings, rows.bytes(column), &text); }
        /// A '|'-separated list column ("|a|b|"), as its items.
        QStringList list(const Rows& rows, int column) { return get(m_lists, rows.bytes(column), &items); }

    private:
        static QString text(const QByteArray& bytes) { return QString::fromUtf8(bytes); }
        static QStringList items(const QByteArray& bytes) { return split(QString::fromUtf8(bytes)); }

        template <typename T>
        static T get(QHash<QByteArray, T>& known, const QByteArray& bytes, T (*make)(const QByteArray&))
        {
            if (bytes.isEmpty())
                return T();
            const auto it = known.constFind(bytes);
            if (it != known.constEnd())
                return *it;
            const T value = make(bytes);
            if (known.size() < 1024)
                known.insert(QByteArray(bytes.constData(), bytes.size()), value); // a deep copy: the row goes
            return value;
        }

        QHash<QByteArray, QString> m_strings;
        QHash<QByteArray, QStringList> m_lists;
    };

    /// \a withRecipe: the query has the recipe as its 23rd column (kColumns, then the recipe).
    GalleryEntry entryOfRow(const Rows& q, bool withRecipe, Shared* shared = nullptr)
    {
        Shared local;
        Shared& common = shared ? *shared : local;
        GalleryEntry e;
        e.path = q.text(0);
        e.size = q.integer(1);
        e.mtimeMs = q.integer(2);
        e.date = q.text(3);
        e.source = common(q, 4);
        e.prompt = q.text(5);
        e.negativePrompt = common(q, 6);
        e.model = common(q, 7);
        e.sampler = common(q, 8);
        if (!q.isNull(9))
            e.seed = q.integer(9);
        if (!q.isNull(10))
            e.steps = int(q.integer(10));
        if (!q.isNull(11))
            e.cfg = q.real(11);
        e.width = int(q.integer(12));
        e.height = int(q.integer(13));
        e.loras = common.list(q, 14);
        e.rating = int(q.integer(15));
        e.pick = q.integer(16) != 0;
        e.reject = q.integer(17) != 0;
        e.tags = common.list(q, 18);
        e.boards = common.list(q, 19);
        e.recipeKey = q.text(20);
        // NULL: unchecked; "ok": checked, nothing found; else the flags, "|nearly-black|uniform|"
        if (!q.isNull(21)) {
            e.qualityChecked = true;
            if (q.bytes(21) != "ok")
                e.qualityFlags = common.list(q, 21);
        }
        if (withRecipe)
            e.recipeJson = q.text(22);
        return e;
    }

    /// Reads one file into an entry; a file that is no readable PNG is indexed without a recipe.
    GalleryEntry readEntry(const QFileInfo& info, QStringList* problems)
    {
        GalleryEntry e;
        e.path = info.absoluteFilePath();
        e.size = info.size();
        e.mtimeMs = info.lastModified().toMSecsSinceEpoch();
        e.date = info.lastModified().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        ImageMetadata m;
        try {
            m = ImageMetadata::read(e.path);
        } catch (const Error& error) {
            e.source = kUnreadable;
            if (problems)
                *problems << QString::fromUtf8(error.what());
            return e;
        }
        e.source = ImageMetadata::sourceName(m.source);
        e.width = m.pixelWidth > 0 ? m.pixelWidth : (m.recipe ? m.recipe->width : 0);
        e.height = m.pixelHeight > 0 ? m.pixelHeight : (m.recipe ? m.recipe->height : 0);
        e.loras = m.loras;
        e.rating = m.rating;
        e.pick = m.pick;
        e.reject = m.reject;
        e.tags = m.tags;
        e.boards = m.boards;
        e.qualityChecked = m.qualityFlags.has_value();
        e.qualityFlags = m.qualityFlags.value_or(QStringList());
        if (m.recipe) {
            e.recipeKey = GalleryIndex::recipeKeyOf(*m.recipe);
            e.prompt = m.recipe->prompt;
            e.negativePrompt = m.recipe->negativePrompt;
            e.model = m.modelName();
            e.sampler = m.samplerText();
            e.seed = m.recipe->seed;
            e.steps = m.recipe->steps;
            e.cfg = m.recipe->guidance;
            e.recipeJson = QString::fromUtf8(m.recipe->toJsonText());
        }
        return e;
    }

    void exec(QSqlQuery& q, const QString& file)
    {
        if (!q.exec())
            fail(tr("Gallery index %1: %2").arg(file, q.lastError().text().simplified()));
    }

    void exec(const QSqlDatabase& db, const QString& sql, const QString& file)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            fail(tr("Gallery index %1: %2").arg(file, q.lastError().text().simplified()));
    }

    /// A transaction that rolls back unless committed.
    class Transaction {
    public:
        Transaction(QSqlDatabase db, const QString& file)
            : m_db(std::move(db))
            , m_file(file)
        {
            if (!m_db.transaction())
                fail(tr("Gallery index %1: %2").arg(file, m_db.lastError().text().simplified()));
        }
        ~Transaction()
        {
            if (!m_done)
                m_db.rollback();
        }
        void commit()
        {
            if (!m_db.commit())
                fail(tr("Gallery index %1: %2").arg(m_file, m_db.lastError().text().simplified()));
            m_done = true;
        }

    private:
        QSqlDatabase m_db;
        QString m_file;
        bool m_done = false;
    };

    /// Prepared statements that store entries (rows of images and recipes) and remove them.
    class Writer {
    public:
        Writer(const QSqlDatabase& db, const QString& file)
            : m_images(db)
            , m_recipes(db)
            , m_removeImage(db)
            , m_removeRecipe(db)
            , m_file(file)
        {
            m_images.prepare(QStringLiteral("INSERT OR REPLACE INTO images (%1, version) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                 .arg(QLatin1String(kColumns)));
            m_recipes.prepare(QStringLiteral("INSERT OR REPLACE INTO recipes (path, recipe) VALUES (?, ?)"));
            m_removeImage.prepare(QStringLiteral("DELETE FROM images WHERE path = ?"));
            m_removeRecipe.prepare(QStringLiteral("DELETE FROM recipes WHERE path = ?"));
        }

        void put(const GalleryEntry& e)
        {
            bindEntry(m_images, e);
            run(m_images);
            if (e.recipeJson.isEmpty()) {
                m_removeRecipe.addBindValue(e.path);
                run(m_removeRecipe);
            } else {
                m_recipes.addBindValue(e.path);
                m_recipes.addBindValue(e.recipeJson);
                run(m_recipes);
            }
        }

        void remove(const QString& path)
        {
            m_removeImage.addBindValue(path);
            run(m_removeImage);
            m_removeRecipe.addBindValue(path);
            run(m_removeRecipe);
        }

    private:
        void run(QSqlQuery& q)
        {
            if (!q.exec())
                fail(tr("Gallery index %1: %2").arg(m_file, q.lastError().text().simplified()));
        }
        static void bindEntry(QSqlQuery& q, const GalleryEntry& e);

        QSqlQuery m_images;
        QSqlQuery m_recipes;
        QSqlQuery m_removeImage;
        QSqlQuery m_removeRecipe;
        QString m_file;
    };

    void Writer::bindEntry(QSqlQuery& q, const GalleryEntry& e)
    {
        q.addBindValue(e.path);
        q.addBindValue(e.size);
        q.addBindValue(e.mtimeMs);
        q.addBindValue(e.date);
        q.addBindValue(e.source);
        q.addBindValue(e.prompt);
        q.addBindValue(e.negativePrompt);
        q.addBindValue(e.model);
        q.addBindValue(e.sampler);
        q.addBindValue(e.seed ? QVariant(*e.seed) : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(e.steps ? QVariant(*e.steps) : QVariant(QMetaType(QMetaType::Int)));
        q.addBindValue(e.cfg ? QVariant(*e.cfg) : QVariant(QMetaType(QMetaType::Double)));
        q.addBindValue(e.width);
        q.addBindValue(e.height);
        q.addBindValue(joined(e.loras));
        q.addBindValue(e.rating);
        q.addBindValue(e.pick ? 1 : 0);
        q.addBindValue(e.reject ? 1 : 0);
        q.addBindValue(joined(e.tags));
        q.addBindValue(joined(e.boards));
        q.addBindValue(e.recipeKey);
        q.addBindValue(!e.qualityChecked   ? QVariant(QMetaType(QMetaType::QString))
                : e.qualityFlags.isEmpty() ? QVariant(QStringLiteral("ok"))
                                           : QVariant(joined(e.qualityFlags)));
        // A new version for every write, random so that two programs writing the same index (the window and
        // easel-cli) never give one row the same version twice: searches keep entries by path and version.
        q.addBindValue(qint64(QRandomGenerator::global()->generate64() >> 1));
    }

} // namespace

QString GalleryIndex::defaultPath() { return paths::galleryDatabase(); }

GalleryIndex::GalleryIndex(const QString& databasePath)
    : m_path(QFileInfo(databasePath).absoluteFilePath())
{
    static QAtomicInteger<quint64> counter;
    m_connectionPrefix = QStringLiteral("easel-gallery-%1-").arg(counter.fetchAndAddRelaxed(1));
    open();
}

GalleryIndex::~GalleryIndex() { closeConnections(); }

void GalleryIndex::closeConnections()
{
    QMutexLocker lock(&m_mutex);
    // Connections of other threads are dropped without being touched here (Qt would warn).
    for (const QString& name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
    m_connections.clear();
}

QSqlDatabase GalleryIndex::database() const
{
    // A token per thread, never reused (thread ids are): a connection belongs to the thread that opened it.
    static QAtomicInteger<quint64> threads;
    thread_local const quint64 token = threads.fetchAndAddRelaxed(1);
    const QString name = m_connectionPrefix + QString::number(token);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    {
        QMutexLocker lock(&m_mutex);
        m_connections << name;
    }
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        fail(tr("Cannot open the gallery index %1: %2").arg(m_path, db.lastError().text().simplified()));
    exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), m_path);
    exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), m_path);
    exec(db, QStringLiteral("PRAGMA mmap_size=268435456"), m_path);
    return db;
}

void GalleryIndex::open()
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        fail(tr("Cannot create the folder of the gallery index %1").arg(m_path));
    m_fresh = !QFileInfo::exists(m_path);
    if (!m_fresh) {
        QString problem;
        bool damaged = false;
        try {
            QSqlQuery q(database());
            if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
                problem = q.lastError().text().simplified();
                // SQLITE_CORRUPT, SQLITE_NOTADB
                damaged = q.lastError().nativeErrorCode() == QLatin1String("11")
                    || q.lastError().nativeErrorCode() == QLatin1String("26");
            } else if (q.value(0).toString() != QLatin1String("ok")) {
                problem = q.value(0).toString().simplified();
                damaged = true;
            }
        } catch (const Error& e) {
            problem = QString::fromUtf8(e.what());
        }
        // Only a damaged file is moved aside. A full disk, an I/O error, a lock or missing permissions say nothing
        // about the file: it stays as it is, and opening fails.
        damaged = damaged || problem.contains(QLatin1String("malformed"))
            || problem.contains(QLatin1String("not a database"));
        if (!problem.isEmpty() && !damaged) {
            closeConnections();
            fail(tr("Cannot open the gallery index %1: %2").arg(m_path, problem));
        }
        if (!problem.isEmpty()) {
            closeConnections();
            m_movedAside = m_path + QStringLiteral(".corrupt-")
                + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            if (!QFile::rename(m_path, m_movedAside))
                fail(tr("The gallery index %1 is damaged (%2) and cannot be moved aside").arg(m_path, problem));
            for (const char* suffix : { "-wal", "-shm" }) {
                const QString side = m_path + QLatin1String(suffix);
                if (QFileInfo::exists(side))
                    QFile::rename(side, m_movedAside + QLatin1String(suffix));
            }
            m_fresh = true;
        }
    }
    createSchema();
}

void GalleryIndex::createSchema()
{
    QSqlDatabase db = database();
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
        fail(tr("Gallery index %1: %2").arg(m_path, version.lastError().text().simplified()));
    if (version.value(0).toInt() == kSchemaVersion)
        return;
    version.finish(); // an active statement would keep its tables locked against the DROP below
    Transaction t(db, m_path);
    exec(db, QStringLiteral("DROP TABLE IF EXISTS images"), m_path);
    exec(db, QStringLiteral("DROP TABLE IF EXISTS recipes"), m_path);
    exec(db,
        QStringLiteral("CREATE TABLE images (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, "
                       "date TEXT NOT NULL, source TEXT, prompt TEXT, negative TEXT, "
                       "model TEXT, sampler TEXT, seed INTEGER, steps INTEGER, cfg REAL, "
                       "width INTEGER NOT NULL, height INTEGER NOT NULL, loras TEXT, rating INTEGER NOT NULL, "
                       "pick INTEGER NOT NULL, reject INTEGER NOT NULL, tags TEXT, boards TEXT, recipe_key TEXT, "
                       "quality TEXT, version INTEGER NOT NULL)"),
        m_path);
    exec(db, QStringLiteral("CREATE TABLE recipes (path TEXT PRIMARY KEY, recipe TEXT NOT NULL)"), m_path);
    exec(db, QStringLiteral("CREATE INDEX images_date ON images (date DESC, path)"), m_path);
    exec(db, QStringLiteral("CREATE INDEX images_seed ON images (seed)"), m_path);
    exec(db, QStringLiteral("CREATE INDEX images_recipe_key ON images (recipe_key)"), m_path);
    exec(db, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), m_path);
    t.commit();
    m_fresh = true;
}

QStringList GalleryIndex::folders() const
{
    QFile file(m_path + QStringLiteral(".folders"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList list;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            list << line.trimmed();
    }
    return list;
}

bool GalleryIndex::addFolder(const QString& folder)
{
    const QFileInfo info(folder);
    if (!info.isDir())
        fail(tr("%1 is not a folder").arg(folder));
    const QString clean = QDir::cleanPath(info.absoluteFilePath());
    QStringList list = folders();
    if (list.contains(clean))
        return false;
    list << clean;
    AtomicFile::write(m_path + QStringLiteral(".folders"), (list.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8(),
        {}, AtomicFile::Existing::Replace);
    return true;
}

void GalleryIndex::store(const GalleryEntry& e)
{
    QSqlDatabase db = database();
    Transaction t(db, m_path);
    Writer(db, m_path).put(e);
    t.commit();
}

GalleryIndex::ScanStats GalleryIndex::rescan()
{
    ScanStats stats;
    QSqlDatabase db = database();
    struct Known {
        qint64 size;
        qint64 mtime;
    };
    QHash<QString, Known> known;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT path, size, mtime FROM images")))
            fail(tr("Gallery index %1: %2").arg(m_path, q.lastError().text().simplified()));
        while (q.next())
            known.insert(q.value(0).toString(), Known { q.value(1).toLongLong(), q.value(2).toLongLong() });
    }

    Transaction t(db, m_path);
    Writer writer(db, m_path);
    QSet<QString> seen;
    auto visit = [&](const QFileInfo& info) {
        const QString path = info.absoluteFilePath();
        if (seen.contains(path))
            return;
        seen.insert(path);
        const auto it = known.constFind(path);
        if (it != known.constEnd() && it->size == info.size() && it->mtime == info.lastModified().toMSecsSinceEpoch()) {
            ++stats.unchanged;
            return;
        }
        writer.put(readEntry(info, &stats.problems));
        ++(it == known.constEnd() ? stats.added : stats.updated);
    };
    for (const QString& folder : folders()) {
        QDirIterator it(
            folder, { QStringLiteral("*.png"), QStringLiteral("*.PNG") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            visit(it.fileInfo());
        }
    }
    // Rows outside the folders (files indexed one by one) stay while their file exists.
    for (auto it = known.constBegin(); it != known.constEnd(); ++it) {
        if (seen.contains(it.key()))
            continue;
        const QFileInfo info(it.key());
        if (info.isFile()) {
            visit(info);
            continue;
        }
        writer.remove(it.key());
        ++stats.removed;
    }
    t.commit();
    return stats;
}

GalleryIndex::ScanStats GalleryIndex::rebuild()
{
    {
        QMutexLocker lock(&m_cacheMutex);
        m_kept.clear();
    }
    {
        QSqlDatabase db = database();
        Transaction t(db, m_path);
        exec(db, QStringLiteral("DELETE FROM images"), m_path);
        exec(db, QStringLiteral("DELETE FROM recipes"), m_path);
        t.commit();
    }
    return rescan();
}

void GalleryIndex::indexFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        fail(tr("%1: no such file").arg(path));
    QStringList problems;
    const GalleryEntry e = readEntry(info, &problems);
    if (!problems.isEmpty())
        fail(problems.first());
    store(e);
}

bool GalleryIndex::removeFile(const QString& path)
{
    const QString clean = QFileInfo(path).absoluteFilePath();
    QSqlDatabase db = database();
    Transaction t(db, m_path);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM images WHERE path = ?"));
    q.addBindValue(clean);
    exec(q, m_path);
    const bool known = q.next();
    q.finish();
    Writer(db, m_path).remove(clean);
    t.commit();
    return known;
}

int GalleryIndex::count() const
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM images")) || !q.next())
        fail(tr("Gallery index %1: %2").arg(m_path, q.lastError().text().simplified()));
    return q.value(0).toInt();
}

QList<GalleryEntry> GalleryIndex::search(const QString& query, int limit, bool withRecipes) const
{
    const GalleryQuery compiled = GalleryQuery::compile(query);
    if (!compiled.isValid())
        fail(compiled.error);
    QSqlDatabase db = database();
    const QVariantList bindings = QVariantList(compiled.bindings) << QVariant(qint64(limit < 0 ? -1 : limit));
    auto select = [&](const QString& columns) {
        return QStringLiteral("SELECT %1 FROM images WHERE %2 ORDER BY date DESC, path LIMIT ?")
            .arg(columns, compiled.where);
    };
    if (withRecipes) {
        Rows q(db, select(QLatin1String(kColumns) + QStringLiteral(", ") + QLatin1String(kRecipeColumn)), bindings,
            m_path);
        QList<GalleryEntry> entries;
        while (q.next())
            entries << entryOfRow(q, true);
        return entries;
    }

    // Reading and converting whole rows is what a search spends its time on (not finding them), so rows read
    // before are kept by path and version: a search reads the paths and versions of its hits, then whole rows
    // only for the hits that are new or changed. One read transaction: both reads see the same index.
    // The first search of an index (nothing kept yet) and a search whose hits are mostly new skip the first read
    // and take every whole row in one pass, straight into the result (no pass over paths and versions it does not
    // need, no second hash of the rows read). Shared values are made once (Shared).
    const QString columns = QLatin1String(kColumns) + QStringLiteral(", version");
    auto onePass = [&](Transaction& t) {
        QList<GalleryEntry> entries;
        QList<qint64> versions;
        {
            Rows q(db, select(columns), bindings, m_path);
            Shared shared;
            while (q.next()) {
                appendPopulated(entries, entryOfRow(q, false, &shared));
                versions << q.integer(22);
            }
        }
        t.commit();
        QMutexLocker lock(&m_cacheMutex);
        m_kept.keep(entries, versions);
        return entries;
    };
    Transaction t(db, m_path);
    KeptEntries kept; // a snapshot (implicitly shared): the entries it points to live while it does
    {
        QMutexLocker lock(&m_cacheMutex);
        kept = m_kept;
    }
    if (kept.isEmpty())
        return onePass(t);
    // The hits, each a kept entry or (nullptr) one to read.
    QList<const GalleryEntry*> found;
    QList<std::pair<qsizetype, QString>> missing; // position in found, path
    qsizetype firstList = -1;
    bool oneKeptList = true; // the hits are a kept list's entries in its order
    {
        Rows q(db, select(QStringLiteral("path, version")), bindings, m_path);
        while (q.next()) {
            const qsizetype i = found.size();
            const QString path = q.text(0);
            const auto at = kept.position(path, q.integer(1));
            if (!at) {
                found << nullptr;
                missing.append({ i, path });
                oneKeptList = false;
                continue;
            }
            if (i == 0)
                firstList = at->list;
            oneKeptList = oneKeptList && at->list == firstList && at->index == i;
            found << &kept.entryAt(*at);
        }
    }
    // The same hits as a search before (the same query again, or a refresh with nothing changed): its list itself.
    if (missing.isEmpty() && oneKeptList && !found.isEmpty() && kept.list(firstList).size() == found.size()) {
        t.commit();
        return kept.list(firstList);
    }
    // Mostly new: one pass over the search's rows beats looking them up one by one.
    if (missing.size() > 256 && missing.size() * 2 > found.size())
        return onePass(t);
    QList<GalleryEntry> fresh;
    QList<qint64> versions;
    {
        QHash<QString, std::pair<GalleryEntry, qint64>> read;
        read.reserve(missing.size());
        constexpr qsizetype kChunk = 200;
        for (qsizetype from = 0; from < missing.size(); from += kChunk) {
            const qsizetype n = std::min(kChunk, missing.size() - from);
            QStringList marks;
            QVariantList paths;
            for (qsizetype k = 0; k < n; ++k) {
                marks << QStringLiteral("?");
                paths << missing[from + k].second;
            }
            Rows q(db,
                QStringLiteral("SELECT %1 FROM images WHERE path IN (%2)").arg(columns, marks.join(QLatin1Char(','))),
                paths, m_path);
            while (q.next())
                read.insert(q.text(0), { entryOfRow(q, false), q.integer(22) });
        }
        t.commit();
        for (const auto& [position, path] : std::as_const(missing)) {
            const auto it = read.constFind(path);
            if (it == read.constEnd())
                continue; // cannot happen inside one transaction; dropped all the same (found stays nullptr)
            fresh << it->first;
            versions << it->second;
            found[position] = &fresh.constLast();
        }
    }
    QList<GalleryEntry> entries;
    entries.reserve(found.size());
    populate(entries.constData(), std::size_t(found.size()) * sizeof(GalleryEntry));
    for (const GalleryEntry* entry : std::as_const(found)) {
        if (entry)
            entries << *entry;
    }
    if (!fresh.isEmpty()) {
        QMutexLocker lock(&m_cacheMutex);
        m_kept.keep(fresh, versions);
    }
    return entries;
}

void GalleryIndex::KeptEntries::keep(const QList<GalleryEntry>& entries, const QList<qint64>& versions)
{
    if (entries.isEmpty())
        return;
    if (m_where.size() + entries.size() > kMaxEntries)
        clear();
    m_lists << entries;
    m_held += entries.size();
    const qsizetype list = m_lists.size() - 1;
    m_where.reserve(m_where.size() + entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i)
        m_where.insert(entries[i].path, Where { versions[i], list, i });
    // Lists whose entries were mostly found again in newer ones hold memory for nothing: when the lists hold twice
    // what can be found, the entries that can are copied into one list and the others let go.
    if (m_held > 2 * m_where.size() + 1024) {
        QList<GalleryEntry> one;
        one.reserve(m_where.size());
        for (auto it = m_where.begin(); it != m_where.end(); ++it) {
            one << m_lists[it->list][it->index];
            it->list = 0;
            it->index = one.size() - 1;
        }
        m_lists = { one };
        m_held = one.size();
    }
}

std::optional<GalleryIndex::KeptEntries::Where> GalleryIndex::KeptEntries::position(
    const QString& path, qint64 version) const
{
    const auto it = m_where.constFind(path);
    if (it == m_where.constEnd() || it->version != version)
        return std::nullopt;
    return *it;
}

void GalleryIndex::KeptEntries::clear()
{
    m_lists.clear();
    m_where.clear();
    m_held = 0;
}

std::optional<GalleryEntry> GalleryIndex::entry(const QString& path) const
{
    Rows q(database(),
        QStringLiteral("SELECT %1, %2 FROM images WHERE path = ?").arg(QLatin1String(kColumns), QLatin1String(kRecipeColumn)),
        { QFileInfo(path).absoluteFilePath() }, m_path);
    if (!q.next())
        return std::nullopt;
    return entryOfRow(q, true);
}

void GalleryIndex::writeCulling(const QString& path, const std::function<void(ImageMetadata&)>& change)
{
    const QFileInfo info(path);
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly))
        fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray png = file.readAll();
    file.close();
    TextChunks chunks;
    try {
        chunks = ImageFile::readTextChunks(png);
    } catch (const Error& e) {
        fail(tr("%1: %2").arg(path, QString::fromUtf8(e.what())));
    }
    ImageMetadata m = ImageMetadata::fromChunks(chunks);
    change(m);
    const QDateTime modified = info.lastModified();
    {
        // The file keeps its date and often its size: until the index has the new state, its row says "changed",
        // so a process killed between the file and the index is caught by the next rescan.
        QSqlQuery q(database());
        q.prepare(QStringLiteral("UPDATE images SET mtime = -1 WHERE path = ?"));
        q.addBindValue(info.absoluteFilePath());
        exec(q, m_path);
    }
    ImageFile::savePng(file.fileName(), png, ImageMetadata::withCulling(chunks, m), {}, AtomicFile::Existing::Replace);
    // Keep the image's date: rating a picture does not make it new.
    QFile written(file.fileName());
    if (written.open(QIODevice::Append))
        written.setFileTime(modified, QFileDevice::FileModificationTime);
    written.close();
    indexFile(file.fileName());
}

void GalleryIndex::setRating(const QString& path, int rating)
{
    if (rating < 0 || rating > 5)
        fail(tr("%1: a rating is 0 to 5, got %2").arg(path).arg(rating));
    writeCulling(path, [&](ImageMetadata& m) { m.rating = rating; });
}

void GalleryIndex::setFlags(const QString& path, bool pick, bool reject)
{
    writeCulling(path, [&](ImageMetadata& m) {
        m.pick = pick && !reject;
        m.reject = reject;
    });
}

void GalleryIndex::setTags(const QString& path, const QStringList& tags)
{
    writeCulling(path, [&](ImageMetadata& m) { m.tags = tags; });
}

void GalleryIndex::setBoards(const QString& path, const QStringList& boards)
{
    QStringList clean;
    for (const QString& board : boards) {
        const QString name = board.trimmed();
        if (name.contains(QLatin1Char('|')))
            fail(tr("A board's name cannot contain '|': %1").arg(name));
        if (!name.isEmpty() && !clean.contains(name))
            clean << name;
    }
    writeCulling(path, [&](ImageMetadata& m) { m.boards = clean; });
}

QStringList GalleryIndex::boards() const
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT boards FROM images WHERE boards IS NOT NULL AND boards != ''")))
        fail(tr("Gallery index %1: %2").arg(m_path, q.lastError().text().simplified()));
    QStringList names;
    while (q.next()) {
        for (const QString& name : split(q.value(0).toString())) {
            if (!names.contains(name))
                names << name;
        }
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

QList<int> GalleryIndex::counts(const QStringList& queries) const
{
    QList<int> out;
    QSqlDatabase db = database();
    for (const QString& text : queries) {
        const GalleryQuery compiled = GalleryQuery::compile(text);
        if (!compiled.isValid()) {
            out << -1;
            continue;
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT count(*) FROM images WHERE %1").arg(compiled.where));
        for (const QVariant& v : compiled.bindings)
            q.addBindValue(v);
        exec(q, m_path);
        out << (q.next() ? q.value(0).toInt() : 0);
    }
    return out;
}

QString GalleryIndex::recipeKeyOf(const ImageRecipe& recipe)
{
    QJsonObject json = recipe.toJson();
    for (const char* key :
        { "seed", "batch_index", "batch_size", "batch_count", "elapsed_seconds", "easel_version", "format_version" })
        json.remove(QLatin1String(key));
    // QJsonDocument writes an object's keys sorted, so equal recipes give equal text.
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(json).toJson(QJsonDocument::Compact), QCryptographicHash::Sha1)
            .toHex()
            .left(16));
}

} // namespace easel
