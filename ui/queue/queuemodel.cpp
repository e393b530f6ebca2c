// SPDX-License-Identifier: MIT
#include "queue/queuemodel.h"

#include "gallery/imagemetadata.h"
#include "gallery/qualitybadge.h"

#include <QDataStream>
#include <QFutureWatcher>
#include <QIODevice>
#include <QImageReader>
#include <QMimeData>
#include <QPainter>
#include <QtConcurrent>

namespace easel {

namespace {

const QString kMime = QStringLiteral("application/x-easel-job-id");

/// Every flag name of a job's flagged files, each once, in the order ImageMetadata shows them.
QStringList flagsOf(const QHash<QString, QStringList>& flagged)
{
    QStringList names;
    for (const QString& name : ImageMetadata::qualityFlagNames()) {
        for (const QStringList& flags : flagged) {
            if (flags.contains(name)) {
                names << name;
                break;
            }
        }
    }
    return names;
}

QImage previewImage(const Preview& preview)
{
    if (preview.isNull())
        return {};
    return QImage(reinterpret_cast<const uchar*>(preview.rgb.constData()), preview.width, preview.height,
        preview.width * 3, QImage::Format_RGB888)
        .scaled(QueueModel::ThumbnailSize, QueueModel::ThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace

QueueModel::QueueModel(JobQueue& queue, QObject* parent)
    : QAbstractListModel(parent)
    , m_queue(queue)
{
    connect(&queue, &JobQueue::jobAdded, this, &QueueModel::reload);
    connect(&queue, &JobQueue::jobRemoved, this, [this](quint64 id) {
        m_thumbnails.remove(id);
        m_progress.remove(id);
        m_flagged.remove(id);
        // Only that row goes (the queue forgets its oldest jobs as new ones end): the view keeps its selection.
        if (const int row = rowOf(id); row >= 0) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        reload();
    });
    connect(&queue, &JobQueue::queueChanged, this, &QueueModel::reload);
    connect(&queue, &JobQueue::jobStarted, this, &QueueModel::reload);
    connect(&queue, &JobQueue::jobFinished, this, [this](quint64 id, const JobResult&) {
        m_progress.remove(id);
        reload();
    });
    connect(&queue, &JobQueue::jobProgress, this, [this](quint64 id, const JobProgress& p) {
        const double fraction = p.batches > 0 && p.steps > 0
            ? (p.batch + double(p.step) / p.steps) / p.batches
            : p.phaseFraction;
        m_progress.insert(id, fraction);
        refresh(id);
    });
    connect(&queue, &JobQueue::jobPreview, this,
        [this](quint64 id, int, int, const Preview& preview) { setThumbnail(id, previewImage(preview)); });
    connect(&queue, &JobQueue::imageSaved, this, [this](quint64 id, const SavedImage& image) {
        if (image.quality.any())
            addFlags(id, image.path, image.quality.names());
        refresh(id); // the file count
        loadThumbnail(id, image.path);
    });
    reload();
}

void QueueModel::reload()
{
    const QList<JobInfo> rows = m_queue.jobs();
    // Same jobs in the same order (the common case: a state changed): update in place, keeping the selection.
    bool sameOrder = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameOrder && i < rows.size(); ++i)
        sameOrder = rows[i].id == m_rows[i].id;
    if (sameOrder) {
        m_rows = rows;
        if (!rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(rows.size()) - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    // Jobs restored from the persisted queue (or ended before the model existed) show their last image.
    for (const JobInfo& info : rows)
        if (!info.files.isEmpty() && !m_thumbnails.contains(info.id) && info.state != JobState::Running) {
            loadThumbnail(info.id, info.files.constLast());
            loadFlags(info.id, info.files);
        }
}

void QueueModel::addFlags(quint64 id, const QString& file, const QStringList& flags)
{
    if (rowOf(id) < 0)
        return;
    m_flagged[id].insert(file, flags);
    const int row = rowOf(id);
    Q_EMIT dataChanged(index(row), index(row), { Qt::DecorationRole, Qt::ToolTipRole, QualityRole, FlaggedCountRole });
}

void QueueModel::loadFlags(quint64 id, const QStringList& files)
{
    // The files' own quality records (text chunks only, no pixels), read off the GUI thread.
    using Found = QList<std::pair<QString, QStringList>>;
    auto* watcher = new QFutureWatcher<Found>(this);
    connect(watcher, &QFutureWatcher<Found>::finished, this, [this, watcher, id] {
        for (const auto& [file, flags] : watcher->result())
            addFlags(id, file, flags);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([files] {
        Found found;
        for (const QString& file : files) {
            try {
                const ImageMetadata m = ImageMetadata::read(file);
                if (m.qualityFlags && !m.qualityFlags->isEmpty())
                    found.append({ file, *m.qualityFlags });
            } catch (const std::exception&) {
                // A file gone or unreadable since: nothing to show.
            }
        }
        return found;
    }));
}

void QueueModel::refresh(quint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    if (const auto info = m_queue.info(id))
        m_rows[row] = *info;
    Q_EMIT dataChanged(index(row), index(row));
}

void QueueModel::setThumbnail(quint64 id, const QImage& image)
{
    if (rowOf(id) < 0) { // removed while its image was read
        m_thumbnails.remove(id);
        return;
    }
    if (image.isNull())
        return;
    m_thumbnails.insert(id, image);
    const int row = rowOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), { Qt::DecorationRole });
}

void QueueModel::loadThumbnail(quint64 id, const QString& file)
{
    m_thumbnails.insert(id, QImage()); // loading: not asked for again

    // Decoding a full image takes milliseconds: never on the GUI thread.
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, id] {
        setThumbnail(id, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([file] {
        QImageReader reader(file);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(ThumbnailSize, ThumbnailSize, Qt::KeepAspectRatio));
        return reader.read();
    }));
}

int QueueModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const JobInfo& info = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        QString status = jobStateText(info.state);
        if (info.state == JobState::Running && m_progress.contains(info.id))
            status += QStringLiteral(" %1%").arg(int(m_progress.value(info.id) * 100));
        if (!info.files.isEmpty())
            status += QStringLiteral(" · ") + tr("%n image(s)", nullptr, int(info.files.size()));
        if (!info.message.isEmpty())
            status += QStringLiteral(" · ") + info.message;
        // One line of the prompt: the view elides it to its width.
        QString title = info.title.simplified();
        if (title.size() > 120)
            title = title.left(119) + QChar(0x2026);
        return QStringLiteral("%1\n%2").arg(title, status);
    }
    case Qt::ToolTipRole: {
        QString tip = info.message.isEmpty() ? info.title : info.title + QLatin1Char('\n') + info.message;
        if (const auto it = m_flagged.constFind(info.id); it != m_flagged.constEnd() && !it->isEmpty())
            tip += QLatin1Char('\n') + tr("%n image(s) flagged", nullptr, int(it->size())) + QStringLiteral(": ")
                + QualityBadge::toolTip(flagsOf(*it));
        return tip;
    }
    case Qt::DecorationRole: {
        QImage thumb = m_thumbnails.value(info.id);
        if (thumb.isNull()) {
            thumb = QImage(ThumbnailSize, ThumbnailSize, QImage::Format_ARGB32_Premultiplied);
            thumb.fill(Qt::transparent);
        }
        if (m_flagged.value(info.id).isEmpty())
            return thumb;
        // The badge on the thumbnail: the list view draws the decoration as it is.
        QImage marked = thumb.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&marked);
        QualityBadge::paint(&painter, marked.rect(), 16);
        painter.end();
        return marked;
    }
    case IdRole: return info.id;
    case StateRole: return int(info.state);
    case ProgressRole: return m_progress.value(info.id);
    case FilesRole: return info.files;
    case QualityRole: return flagsOf(m_flagged.value(info.id));
    case FlaggedCountRole: return int(m_flagged.value(info.id).size());
    default: return {};
    }
}

Qt::ItemFlags QueueModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (!index.isValid())
        return f | Qt::ItemIsDropEnabled;
    if (m_rows[index.row()].state == JobState::Queued)
        f |= Qt::ItemIsDragEnabled;
    return f;
}

Qt::DropActions QueueModel::supportedDropActions() const { return Qt::MoveAction; }

QStringList QueueModel::mimeTypes() const { return { kMime }; }

QMimeData* QueueModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.size() != 1)
        return nullptr;
    auto* mime = new QMimeData;
    mime->setData(kMime, QByteArray::number(idAt(indexes.first().row())));
    return mime;
}

bool QueueModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int, const QModelIndex&) const
{
    return action == Qt::MoveAction && data->hasFormat(kMime);
}

bool QueueModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    const quint64 id = data->data(kMime).toULongLong();
    if (row < 0)
        row = parent.isValid() ? parent.row() : rowCount();
    // Rows before the first queued one are ended or running: the position among the queued jobs is what counts.
    int firstQueued = 0;
    while (firstQueued < m_rows.size() && m_rows[firstQueued].state != JobState::Queued)
        ++firstQueued;
    int target = std::max(0, row - firstQueued);
    const int from = rowOf(id) - firstQueued;
    if (from >= 0 && from < target)
        --target; // the job leaves its old place first
    m_queue.move(id, target);
    // The view must not remove the dragged row itself: the queue's queueChanged reloads the rows.
    return false;
}

quint64 QueueModel::idAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0; }

int QueueModel::rowOf(quint64 id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return int(i);
    return -1;
}

} // namespace easel
