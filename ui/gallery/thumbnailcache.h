// SPDX-License-Identifier: MIT
#pragma once

#include <QCache>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>

namespace easel {

/**
 * The gallery's thumbnails. Decoded on a pool of their own, on request: the view asks for the items it paints,
 * so visible rows come first, and the newest request is served first (a stack), so what the user scrolled to
 * wins over what scrolled past. A thumbnail is kept
 * - on disk under directory() as "<sha1 of path, mtime, size and side>.thumb" (JPEG, PNG for images with alpha,
 * checksummed), written atomically; a changed file has a new key, and a damaged or unreadable cache file is just a
 * miss;
 * - in memory in an LRU of pixmaps bounded by a byte budget (a few screens), so thumbnails far off screen, the
 *   ones painted longest ago, are the ones evicted.
 * Lives on the GUI thread.
 */
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    /// One version of one image file: a new mtime or size is another thumbnail.
    struct Key {
        QString path;
        qint64 size = 0;
        qint64 mtimeMs = 0;
    };

    /// Longest side of a thumbnail, in pixels.
    static constexpr int Side = 256;
    static constexpr qint64 DefaultBudget = 48 * 1024 * 1024;

    /// paths::cacheDir() + "/thumbnails".
    static QString defaultDirectory();

    /// \a directory empty: defaultDirectory().
    explicit ThumbnailCache(const QString& directory = {}, QObject* parent = nullptr);
    /// Waits for the decodes under way.
    ~ThumbnailCache() override;

    QString directory() const { return m_directory; }
    /// The cache file of \a key (which may not exist).
    QString cacheFile(const Key& key) const;

    /// The thumbnail when it is in memory (and marks it recently used); else a null pixmap and a request.
    QPixmap thumbnail(const Key& key);
    /// The thumbnail when it is in memory, without requesting it.
    QPixmap cached(const Key& key) const;
    /// True when the image could not be read (it is not asked for again).
    bool hasFailed(const Key& key) const;
    /// Asks for a thumbnail; ready() follows. Asking again moves a waiting request to the front.
    void request(const Key& key);
    /// Forgets the requests not yet started (the rows they were for are gone).
    void cancelWaiting();
    /// Requests waiting or being decoded.
    int pendingCount() const { return int(m_waiting.size() + m_running.size()); }

    /// The memory budget of the LRU, in bytes (default DefaultBudget, a few screens of 256-pixel thumbnails). It must
    /// hold more than a screen: the view asks again for what it paints.
    void setMemoryBudget(qint64 bytes);
    qint64 memoryBudget() const { return qint64(m_memory.maxCost()) * 1024; }
    qint64 memoryUsed() const { return qint64(m_memory.totalCost()) * 1024; }
    int memoryCount() const { return int(m_memory.count()); }
    void clearMemory() { m_memory.clear(); }

    /// Decodes (from the cache file or the image) on up to \a threads threads.
    void setThreadCount(int threads);
    /// Counters since construction: thumbnails read from the disk cache, made from the image, failures.
    int diskHits() const { return m_diskHits; }
    int decoded() const { return m_decoded; }
    int failures() const { return m_failures; }

Q_SIGNALS:
    /// The thumbnail of \a path is in memory (or failed: hasFailed()); the view repaints.
    void ready(const QString& path);

private:
    struct Loaded;
    QString idOf(const Key& key) const;
    void schedule();
    void finished(const QString& id, const QString& path, const QImage& image, bool fromDisk);
    static Loaded load(const Key& key, const QString& file);

    QString m_directory;
    QThreadPool m_pool;
    QCache<QString, QPixmap> m_memory; ///< id -> pixmap, cost in KiB
    QList<Key> m_waiting; ///< newest last
    QSet<QString> m_waitingIds;
    QSet<QString> m_running;
    QSet<QString> m_failed;
    int m_diskHits = 0;
    int m_decoded = 0;
    int m_failures = 0;
};

} // namespace easel
