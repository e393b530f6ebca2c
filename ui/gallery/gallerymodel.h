// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/galleryindex.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace easel {

/**
 * The images of a GalleryIndex that match a search (GalleryQuery syntax), newest first: metadata only, no
 * pixels (thumbnails come from ThumbnailCache).
 *
 * Searches run on a reading thread and writes (rescans, ratings, flags, forgetting and indexing files) on a
 * writing thread, so the GUI thread never waits on SQLite or on a file; the index gives each thread its own
 * connection. Results replace the rows when they arrive: a new query resets the model (with its first FirstPage
 * rows, then inserts the rest), a refresh of the same query inserts, removes and changes only the rows that differ
 * (selection and scroll position stay). An older
 * search never replaces a newer one. A query that cannot be read leaves the rows as they are and emits
 * queryFailed().
 *
 * Culling changes the row at once and writes the file and the index in the background; a search that ran
 * before the write finished shows the new value all the same.
 */
class GalleryModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1, ///< QString, absolute
        PromptRole, ///< QString
        ModelRole, ///< QString, the model's display name
        SeedRole, ///< qint64, or an invalid QVariant when unknown
        SizeRole, ///< QSize in pixels (invalid when unknown)
        RatingRole, ///< int 0-5
        PickRole, ///< bool
        RejectRole, ///< bool
        DateRole, ///< QDateTime, the file's modification time
        FileSizeRole, ///< qint64 bytes
        ModifiedRole, ///< qint64 ms since the epoch (thumbnail key)
        QualityRole, ///< QStringList: the flags the quality check recorded (empty: none found, or unchecked)
    };

    /// A new query's first rows, shown before the rest are read.
    static constexpr int FirstPage = 300;

    explicit GalleryModel(std::shared_ptr<GalleryIndex> index, QObject* parent = nullptr);
    /// Waits for the searches and writes under way.
    ~GalleryModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    GalleryIndex& galleryIndex() const { return *m_index; }
    QString query() const { return m_query; }
    const GalleryEntry& entryAt(int row) const { return m_rows.at(row); }
    /// The row of an absolute path; -1 when it is not shown.
    int rowOf(const QString& path) const;
    /// True while a search or a write is under way or waiting.
    bool isBusy() const { return m_searches > 0 || m_writes > 0; }

    /// Searches with \a text (GalleryQuery syntax; empty: everything).
    void setQuery(const QString& text);
    /// Runs the current query again (the index changed).
    void refresh();
    /// Brings the index in step with the files (GalleryIndex::rescan), then refreshes when anything changed.
    void rescan();

    /// Rating 0-5 of the image in \a row (file and index).
    void setRating(int row, int rating);
    /// Pick / reject of the image in \a row (file and index; reject wins).
    void setFlags(int row, bool pick, bool reject);
    /// Drops the row of \a path and forgets it in the index (its file was moved away).
    void forget(const QString& path);
    /// Indexes \a path (new, changed or back from the trash) and refreshes.
    void addFile(const QString& path);
    /// Puts the images of \a paths on board \a board (or takes them off it), in the files and the index, then
    /// refreshes; \a done (optional) runs on the GUI thread when the files are written.
    void setBoard(const QStringList& paths, const QString& board, bool on, std::function<void()> done = {});
    /// Takes every image off \a board, then refreshes and runs \a done.
    void clearBoard(const QString& board, std::function<void()> done = {});

Q_SIGNALS:
    /// The query text cannot be read (one translated line); the rows stay as they were.
    void queryFailed(const QString& message);
    /// A search's rows are in (count: the number of rows).
    void searchFinished(int count);
    /// A rescan finished (before the refresh it may start).
    void rescanFinished(const easel::GalleryIndex::ScanStats& stats);
    /// Writing a file or the index failed (one line naming the file); the rows are refreshed from the index.
    void writeFailed(const QString& message);
    /// isBusy() changed.
    void busyChanged(bool busy);

private:
    /// A change made here that a search may not show yet: kept over search results until a search that
    /// started after its last write finished has been applied.
    struct Pending {
        int writes = 0; ///< writes of this path not yet finished
        quint64 releaseSerial = 0; ///< once writes is 0: searches from this serial on read the truth
    };
    struct Culling : Pending {
        int rating = 0;
        bool pick = false;
        bool reject = false;
    };

    void search(const QString& text);
    void partial(quint64 serial, QList<GalleryEntry> rows);
    void searched(quint64 serial, QList<GalleryEntry> rows, const QString& error, bool skipped);
    void apply(QList<GalleryEntry> fresh, quint64 serial, bool reset);
    void write(std::function<void(GalleryIndex&)> work, std::function<void()> done = {});
    void setCulling(int row, int rating, bool pick, bool reject, std::function<void(GalleryIndex&)> work);
    void released(Pending& pending);
    void setBusy(int searchesDelta, int writesDelta);

    std::shared_ptr<GalleryIndex> m_index;
    QList<GalleryEntry> m_rows;
    mutable QHash<QString, int> m_rowOfPath; ///< built on demand, cleared when rows move
    QString m_query;
    quint64 m_searchSerial = 0; ///< latest search started
    bool m_resetPending = false; ///< the query changed: the next rows applied reset the model
    bool m_rescanRunning = false;
    bool m_rescanAgain = false;
    QAtomicInteger<quint64> m_wantedSerial; ///< lets a waiting search that is already outdated skip its work
    int m_searches = 0;
    int m_writes = 0;
    QHash<QString, Culling> m_culling; ///< culling written but not yet known to be in the index
    QHash<QString, Pending> m_forgotten; ///< paths dropped whose index rows may not be gone yet
    QThreadPool m_reader;
    QThreadPool m_writer;
};

} // namespace easel
