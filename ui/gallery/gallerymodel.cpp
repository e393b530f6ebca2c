// SPDX-License-Identifier: MIT
#include "gallery/gallerymodel.h"

#include "gallery/gallerycollections.h"
#include "gallery/galleryquery.h"
#include "gallery/qualitybadge.h"

#include <QDateTime>
#include <QDir>
#include <QMimeData>
#include <QSize>
#include <QUrl>

#include <algorithm>
#include <exception>

namespace easel {

namespace {

    bool sameEntry(const GalleryEntry& a, const GalleryEntry& b)
    {
        return a.size == b.size && a.mtimeMs == b.mtimeMs && a.date == b.date && a.source == b.source
            && a.prompt == b.prompt && a.negativePrompt == b.negativePrompt && a.model == b.model
            && a.sampler == b.sampler && a.seed == b.seed && a.steps == b.steps && a.cfg == b.cfg && a.width == b.width
            && a.height == b.height && a.loras == b.loras && a.rating == b.rating && a.pick == b.pick
            && a.reject == b.reject && a.tags == b.tags && a.boards == b.boards && a.recipeKey == b.recipeKey
            && a.qualityChecked == b.qualityChecked && a.qualityFlags == b.qualityFlags;
    }

    QString fileName(const QString& path) { return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1); }

    QString toolTip(const GalleryEntry& e)
    {
        QStringList lines;
        if (!e.prompt.isEmpty())
            lines << (e.prompt.size() > 300 ? e.prompt.left(300) + QChar(0x2026) : e.prompt);
        QStringList facts;
        if (!e.model.isEmpty())
            facts << e.model;
        if (e.seed)
            facts << GalleryModel::tr("seed %1").arg(*e.seed);
        if (e.width > 0 && e.height > 0)
            facts << QStringLiteral("%1\u00d7%2").arg(e.width).arg(e.height);
        if (!facts.isEmpty())
            lines << facts.join(QStringLiteral(" \u00b7 "));
        lines << QDateTime::fromMSecsSinceEpoch(e.mtimeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        lines << QDir::toNativeSeparators(e.path);
        if (!e.qualityFlags.isEmpty())
            lines << QualityBadge::toolTip(e.qualityFlags);
        return lines.join(QLatin1Char('\n'));
    }

} // namespace

GalleryModel::GalleryModel(std::shared_ptr<GalleryIndex> index, QObject* parent)
    : QAbstractListModel(parent)
    , m_index(std::move(index))
{
    // One thread each, kept for the model's life: the index opens one connection per thread.
    for (QThreadPool* pool : { &m_reader, &m_writer }) {
        pool->setMaxThreadCount(1);
        pool->setExpiryTimeout(-1);
    }
}

GalleryModel::~GalleryModel()
{
    m_wantedSerial.storeRelaxed(0);
    m_reader.clear();
    m_reader.waitForDone();
    m_writer.waitForDone(); // culling and trash bookkeeping are never dropped
}

int GalleryModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant GalleryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GalleryEntry& e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return fileName(e.path);
    case Qt::ToolTipRole:
        return toolTip(e);
    case PathRole:
        return e.path;
    case PromptRole:
        return e.prompt;
    case ModelRole:
        return e.model;
    case SeedRole:
        return e.seed ? QVariant(*e.seed) : QVariant();
    case SizeRole:
        return e.width > 0 && e.height > 0 ? QSize(e.width, e.height) : QSize();
    case RatingRole:
        return e.rating;
    case PickRole:
        return e.pick;
    case RejectRole:
        return e.reject;
    case DateRole:
        return QDateTime::fromMSecsSinceEpoch(e.mtimeMs);
    case FileSizeRole:
        return e.size;
    case ModifiedRole:
        return e.mtimeMs;
    case QualityRole:
        return e.qualityFlags;
    default:
        return {};
    }
}

QHash<int, QByteArray> GalleryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(PromptRole, "prompt");
    names.insert(ModelRole, "model");
    names.insert(SeedRole, "seed");
    names.insert(SizeRole, "size");
    names.insert(RatingRole, "rating");
    names.insert(PickRole, "pick");
    names.insert(RejectRole, "reject");
    names.insert(DateRole, "date");
    names.insert(FileSizeRole, "fileSize");
    names.insert(ModifiedRole, "modified");
    names.insert(QualityRole, "quality");
    return names;
}

Qt::ItemFlags GalleryModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList GalleryModel::mimeTypes() const { return { QStringLiteral("text/uri-list") }; }

QMimeData* GalleryModel::mimeData(const QModelIndexList& indexes) const
{
    QList<QUrl> urls;
    for (const QModelIndex& index : indexes) {
        if (index.isValid())
            urls << QUrl::fromLocalFile(m_rows.at(index.row()).path);
    }
    if (urls.isEmpty())
        return nullptr;
    auto* mime = new QMimeData;
    mime->setUrls(urls);
    return mime;
}

int GalleryModel::rowOf(const QString& path) const
{
    if (m_rowOfPath.isEmpty() && !m_rows.isEmpty()) {
        m_rowOfPath.reserve(m_rows.size());
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowOfPath.insert(m_rows.at(row).path, row);
    }
    return m_rowOfPath.value(path, -1);
}

void GalleryModel::setBusy(int searchesDelta, int writesDelta)
{
    const bool was = isBusy();
    m_searches += searchesDelta;
    m_writes += writesDelta;
    if (was != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void GalleryModel::setQuery(const QString& text)
{
    const QString trimmed = text.trimmed();
    const GalleryQuery compiled = GalleryQuery::compile(trimmed);
    if (!compiled.isValid()) {
        Q_EMIT queryFailed(compiled.error);
        return;
    }
    if (trimmed != m_query)
        m_resetPending = true;
    m_query = trimmed;
    search(m_query);
}

void GalleryModel::refresh() { search(m_query); }

void GalleryModel::search(const QString& text)
{
    const quint64 serial = ++m_searchSerial;
    m_wantedSerial.storeRelaxed(serial);
    setBusy(+1, 0);
    // A new query shows its first screens before the whole list is read.
    const bool firstPage = m_resetPending || m_rows.isEmpty();
    std::shared_ptr<GalleryIndex> index = m_index;
    m_reader.start([this, index, text, serial, firstPage] {
        QList<GalleryEntry> rows;
        QString error;
        // A search that a newer one made pointless skips its work (the newer one is queued behind it).
        const bool skipped = m_wantedSerial.loadRelaxed() != serial;
        if (!skipped) {
            try {
                if (firstPage) {
                    rows = index->search(text, FirstPage);
                    if (rows.size() == FirstPage) {
                        QMetaObject::invokeMethod(
                            this,
                            [this, serial, page = std::move(rows)]() mutable { partial(serial, std::move(page)); },
                            Qt::QueuedConnection);
                        rows = index->search(text);
                    }
                } else {
                    rows = index->search(text);
                }
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, serial, rows = std::move(rows), error, skipped]() mutable {
                searched(serial, std::move(rows), error, skipped);
            },
            Qt::QueuedConnection);
    });
}

void GalleryModel::partial(quint64 serial, QList<GalleryEntry> rows)
{
    if (serial != m_searchSerial)
        return;
    apply(std::move(rows), serial, m_resetPending);
    m_resetPending = false;
}

void GalleryModel::searched(quint64 serial, QList<GalleryEntry> rows, const QString& error, bool skipped)
{
    setBusy(-1, 0);
    if (skipped || serial != m_searchSerial)
        return; // a newer search is on its way
    if (!error.isEmpty()) {
        Q_EMIT queryFailed(error);
        return;
    }
    apply(std::move(rows), serial, m_resetPending);
    m_resetPending = false;
    Q_EMIT searchFinished(int(m_rows.size()));
}

void GalleryModel::apply(QList<GalleryEntry> fresh, quint64 serial, bool reset)
{
    // Changes made here whose writes a search may have missed win over what it read.
    for (auto it = m_forgotten.begin(); it != m_forgotten.end();) {
        if (it->writes == 0 && serial >= it->releaseSerial)
            it = m_forgotten.erase(it);
        else
            ++it;
    }
    for (auto it = m_culling.begin(); it != m_culling.end();) {
        if (it->writes == 0 && serial >= it->releaseSerial)
            it = m_culling.erase(it);
        else
            ++it;
    }
    if (!m_forgotten.isEmpty())
        fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                        [this](const GalleryEntry& e) { return m_forgotten.contains(e.path); }),
            fresh.end());
    if (!m_culling.isEmpty()) {
        for (GalleryEntry& e : fresh) {
            const auto it = m_culling.constFind(e.path);
            if (it != m_culling.constEnd()) {
                e.rating = it->rating;
                e.pick = it->pick;
                e.reject = it->reject;
            }
        }
    }

    if (reset) {
        beginResetModel();
        m_rows = std::move(fresh);
        m_rowOfPath.clear();
        endResetModel();
        return;
    }

    // Both lists come from the same ORDER BY, so the rows that stay (same path, same date) are in the same
    // order in both: remove the others, then insert the new ones where they belong.
    QHash<QString, QString> freshDates;
    freshDates.reserve(fresh.size());
    for (const GalleryEntry& e : std::as_const(fresh))
        freshDates.insert(e.path, e.date);
    auto stays = [&](const GalleryEntry& e) {
        const auto it = freshDates.constFind(e.path);
        return it != freshDates.constEnd() && *it == e.date;
    };
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (stays(m_rows.at(row)))
            continue;
        const int last = row;
        while (row > 0 && !stays(m_rows.at(row - 1)))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.erase(m_rows.begin() + row, m_rows.begin() + last + 1);
        m_rowOfPath.clear();
        endRemoveRows();
    }
    int row = 0;
    for (int j = 0; j < fresh.size();) {
        if (row < m_rows.size() && m_rows.at(row).path == fresh.at(j).path) {
            if (!sameEntry(m_rows.at(row), fresh.at(j))) {
                m_rows[row] = fresh.at(j);
                Q_EMIT dataChanged(index(row), index(row));
            }
            ++row;
            ++j;
            continue;
        }
        int k = j + 1;
        while (k < fresh.size() && !(row < m_rows.size() && m_rows.at(row).path == fresh.at(k).path))
            ++k;
        beginInsertRows({}, row, row + (k - j) - 1);
        m_rows.insert(row, k - j, GalleryEntry());
        std::move(fresh.begin() + j, fresh.begin() + k, m_rows.begin() + row);
        m_rowOfPath.clear();
        endInsertRows();
        row += k - j;
        j = k;
    }
    Q_ASSERT(m_rows.size() == fresh.size());
}

void GalleryModel::write(std::function<void(GalleryIndex&)> work, std::function<void()> done)
{
    setBusy(0, +1);
    std::shared_ptr<GalleryIndex> index = m_index;
    m_writer.start([this, index, work = std::move(work), done = std::move(done)] {
        QString error;
        try {
            work(*index);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, error, done] {
                setBusy(0, -1);
                if (done)
                    done();
                if (!error.isEmpty()) {
                    Q_EMIT writeFailed(error);
                    refresh();
                }
            },
            Qt::QueuedConnection);
    });
}

void GalleryModel::released(Pending& pending)
{
    if (--pending.writes == 0)
        pending.releaseSerial = m_searchSerial + 1; // searches started from now on read what was written
}

void GalleryModel::setCulling(int row, int rating, bool pick, bool reject, std::function<void(GalleryIndex&)> work)
{
    if (row < 0 || row >= m_rows.size())
        return;
    GalleryEntry& e = m_rows[row];
    Culling& c = m_culling[e.path];
    c.rating = rating;
    c.pick = pick && !reject;
    c.reject = reject;
    ++c.writes;
    if (e.rating != c.rating || e.pick != c.pick || e.reject != c.reject) {
        e.rating = c.rating;
        e.pick = c.pick;
        e.reject = c.reject;
        Q_EMIT dataChanged(index(row), index(row), { RatingRole, PickRole, RejectRole });
    }
    write(std::move(work), [this, path = e.path] {
        const auto it = m_culling.find(path);
        if (it != m_culling.end())
            released(*it);
    });
}

void GalleryModel::setRating(int row, int rating)
{
    if (row < 0 || row >= m_rows.size() || rating < 0 || rating > 5)
        return;
    const GalleryEntry& e = m_rows.at(row);
    setCulling(row, rating, e.pick, e.reject, [path = e.path, rating](GalleryIndex& i) { i.setRating(path, rating); });
}

void GalleryModel::setFlags(int row, bool pick, bool reject)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const GalleryEntry& e = m_rows.at(row);
    setCulling(row, e.rating, pick, reject,
        [path = e.path, pick, reject](GalleryIndex& i) { i.setFlags(path, pick, reject); });
}

void GalleryModel::forget(const QString& path)
{
    ++m_forgotten[path].writes;
    m_culling.remove(path);
    const int row = rowOf(path);
    if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_rowOfPath.clear();
        endRemoveRows();
    }
    write([path](GalleryIndex& i) { i.removeFile(path); },
        [this, path] {
            const auto it = m_forgotten.find(path);
            if (it != m_forgotten.end())
                released(*it);
        });
}

void GalleryModel::addFile(const QString& path)
{
    m_forgotten.remove(path);
    write([path](GalleryIndex& i) { i.indexFile(path); }, [this] { refresh(); });
}

void GalleryModel::setBoard(const QStringList& paths, const QString& board, bool on, std::function<void()> done)
{
    write(
        [paths, board, on](GalleryIndex& index) {
            for (const QString& path : paths) {
                const std::optional<GalleryEntry> e = index.entry(path);
                QStringList boards = e ? e->boards : QStringList();
                if (on == boards.contains(board))
                    continue;
                if (on)
                    boards << board;
                else
                    boards.removeAll(board);
                index.setBoards(path, boards);
            }
        },
        [this, done] {
            refresh();
            if (done)
                done();
        });
}

void GalleryModel::clearBoard(const QString& board, std::function<void()> done)
{
    write(
        [board](GalleryIndex& index) {
            for (const GalleryEntry& e : index.search(GalleryCollections::boardQuery(board))) {
                QStringList boards = e.boards;
                boards.removeAll(board);
                index.setBoards(e.path, boards);
            }
        },
        [this, done] {
            refresh();
            if (done)
                done();
        });
}

void GalleryModel::rescan()
{
    if (m_rescanRunning) {
        m_rescanAgain = true;
        return;
    }
    m_rescanRunning = true;
    auto stats = std::make_shared<GalleryIndex::ScanStats>();
    write([stats](GalleryIndex& i) { *stats = i.rescan(); },
        [this, stats] {
            m_rescanRunning = false;
            Q_EMIT rescanFinished(*stats);
            if (stats->added + stats->updated + stats->removed > 0)
                refresh();
            if (m_rescanAgain) {
                m_rescanAgain = false;
                rescan();
            }
        });
}

} // namespace easel
