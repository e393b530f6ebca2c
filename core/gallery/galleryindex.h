// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QSqlDatabase;

namespace easel {

struct ImageMetadata;
struct ImageRecipe;

/// One indexed image: file facts, the recipe fields the gallery searches and shows, and the culling state.
struct GalleryEntry {
    QString path; ///< absolute, clean
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QString date; ///< the file's modification time, local, "yyyy-MM-ddTHH:mm:ss"
    QString source; ///< ImageMetadata::sourceName, or "unreadable"
    QString prompt;
    QString negativePrompt;
    QString model;
    QString sampler;
    std::optional<qint64> seed;
    std::optional<int> steps;
    std::optional<double> cfg;
    int width = 0; ///< pixels, from the PNG header
    int height = 0;
    QStringList loras;
    int rating = 0;
    bool pick = false;
    bool reject = false;
    QStringList tags;
    /// The boards (user collections) the image is on.
    QStringList boards;
    /// What the recipe makes, seed aside (recipeKeyOf()): variations of one recipe with other seeds share it.
    /// Empty without a recipe.
    QString recipeKey;
    /// The full recipe as Easel's JSON text (empty without one).
    QString recipeJson;
    /// True when the file carries Easel's quality checks ("easel:quality"); then qualityFlags are what they found
    /// (ImageMetadata::qualityFlagNames(), empty: nothing). Images of other tools are unchecked.
    bool qualityChecked = false;
    QStringList qualityFlags;
};

} // namespace easel

// Every member is relocatable (Qt's implicitly shared types, optionals of numbers): lists of entries grow by moving
// memory, not by moving each entry member by member.
Q_DECLARE_TYPEINFO(easel::GalleryEntry, Q_RELOCATABLE_TYPE);

namespace easel {

/**
 * The gallery's index: an SQLite database (Qt SQL, QSQLITE, WAL) of every PNG under the gallery folders,
 * built from the files' own metadata (see ImageMetadata). The files are the truth: a missing database is
 * created and filled by the next rescan; one that cannot be opened or fails SQLite's quick_check is moved
 * aside ("<name>.corrupt-<time>") and rebuilt. Ratings, picks and tags are written into the PNG as well, so
 * a rebuild keeps them.
 *
 * The folder list lives next to the database in "<name>.folders" (one absolute path a line), so it outlives
 * a deleted database.
 *
 * Each thread that uses an index gets its own connection (Qt SQL connections are per thread). Methods throw
 * easel::Error with one line naming the file on failure.
 */
class GalleryIndex {
public:
    struct ScanStats {
        int added = 0;
        int updated = 0;
        int removed = 0;
        int unchanged = 0;
        /// Files that are not readable PNGs (indexed without a recipe); one message each.
        QStringList problems;
    };

    /// paths::galleryDatabase() (<GenericDataLocation>/Easel/gallery.sqlite), whichever program asks.
    static QString defaultPath();

    /// Opens (creating, or moving aside and recreating) the database at \a databasePath.
    explicit GalleryIndex(const QString& databasePath = defaultPath());
    ~GalleryIndex();
    GalleryIndex(const GalleryIndex&) = delete;
    GalleryIndex& operator=(const GalleryIndex&) = delete;

    QString databasePath() const { return m_path; }
    /// True when opening found no usable database (missing or corrupt): a rescan fills it from the files.
    bool isFresh() const { return m_fresh; }
    /// Where a corrupt database was moved; empty when none was.
    QString movedAsidePath() const { return m_movedAside; }

    QStringList folders() const;
    /// Adds a folder to index (absolute, clean); false when it was already there. Does not scan.
    bool addFolder(const QString& folder);

    /// Brings the index in step with the folders: new and changed files (by size and mtime) are read,
    /// unchanged ones are not, rows of files that are gone are removed.
    ScanStats rescan();
    /// Forgets every row and reads every file again.
    ScanStats rebuild();
    /// Indexes (or refreshes) one file, which need not be under a folder.
    void indexFile(const QString& path);
    /// Forgets one file's row (the file itself is not touched); false when it had none.
    bool removeFile(const QString& path);

    int count() const;
    /// Entries matching a GalleryQuery text, newest first (then by path); limit < 0: all. recipeJson is filled
    /// only \a withRecipes (the list of a view does not need it). Throws easel::Error with the query's message
    /// when it cannot be read.
    QList<GalleryEntry> search(const QString& query, int limit = -1, bool withRecipes = false) const;
    /// One entry, recipe included.
    std::optional<GalleryEntry> entry(const QString& path) const;

    /// Board names found on indexed images, sorted (a rebuilt index finds every board that has an image).
    QStringList boards() const;
    /// The number of images each query matches (for the side bar's live collections); -1 for a query that
    /// cannot be read.
    QList<int> counts(const QStringList& queries) const;

    /// A short hex key of \a recipe without its seed, batch position and timing: images that differ only in the
    /// seed share it.
    static QString recipeKeyOf(const ImageRecipe& recipe);

    /// Sets the rating (0-5) / pick / reject / tags / boards of an image, in the PNG (atomically, every other chunk and
    /// the file's modification time kept) and in the index.
    void setRating(const QString& path, int rating);
    void setFlags(const QString& path, bool pick, bool reject);
    void setTags(const QString& path, const QStringList& tags);
    void setBoards(const QString& path, const QStringList& boards);

private:
    QSqlDatabase database() const;
    void open();
    void closeConnections();
    void createSchema();
    void writeCulling(const QString& path, const std::function<void(ImageMetadata&)>& change);
    void store(const GalleryEntry& e);

    /// Entries read before, by path, with their row's version (rows get a new random version on every write).
    /// They stay in the lists searches returned, which are implicitly shared with the caller's copy: keeping
    /// 10,000 entries costs a small hash of positions, not a second copy of each entry.
    class KeptEntries {
    public:
        struct Where {
            qint64 version;
            qsizetype list;
            qsizetype index;
        };
        /// Keeps \a entries (with their \a versions, one each).
        void keep(const QList<GalleryEntry>& entries, const QList<qint64>& versions);
        /// Where the entry kept for \a path is, when its version is \a version.
        std::optional<Where> position(const QString& path, qint64 version) const;
        const GalleryEntry& entryAt(const Where& where) const { return m_lists[where.list][where.index]; }
        const QList<GalleryEntry>& list(qsizetype list) const { return m_lists[list]; }
        bool isEmpty() const { return m_where.isEmpty(); }
        void clear();

    private:
        static constexpr qsizetype kMaxEntries = 500000;
        QList<QList<GalleryEntry>> m_lists;
        QHash<QString, Where> m_where;
        qsizetype m_held = 0; ///< entries in m_lists, the ones no longer found included
    };

    QString m_path;
    QString m_connectionPrefix;
    mutable QMutex m_cacheMutex;
    mutable KeptEntries m_kept; ///< searches reuse entries whose version is unchanged
    mutable QMutex m_mutex;
    mutable QStringList m_connections;
    bool m_fresh = false;
    QString m_movedAside;
};

} // namespace easel
