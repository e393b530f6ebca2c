// SPDX-License-Identifier: MIT
#include "story/shotlistmodel.h"

#include "gallery/thumbnailcache.h"
#include "story/storydocument.h"

#include <QFileInfo>

namespace easel {

namespace {

    ThumbnailCache::Key keyOf(const QString& path)
    {
        const QFileInfo info(path);
        return { info.absoluteFilePath(), info.size(), info.lastModified().toMSecsSinceEpoch() };
    }

    QSize aspectOf(const QString& ratio)
    {
        const QStringList parts = ratio.split(QLatin1Char(':'));
        bool okWidth = false;
        bool okHeight = false;
        const double width = parts.size() == 2 ? parts[0].toDouble(&okWidth) : 0;
        const double height = parts.size() == 2 ? parts[1].toDouble(&okHeight) : 0;
        if (!okWidth || !okHeight || width <= 0 || height <= 0)
            return QSize(16, 9);
        return QSize(qRound(width * 100), qRound(height * 100));
    }

} // namespace

/// The shot types the built-in templates know, as people read them (any other value is shown as it is).
QString ShotListModel::shotTypeTitle(const QString& type)
{
    static const QHash<QString, const char*> titles = {
        { QStringLiteral("extreme-wide"), QT_TR_NOOP("Extreme wide") },
        { QStringLiteral("wide"), QT_TR_NOOP("Wide") },
        { QStringLiteral("medium"), QT_TR_NOOP("Medium") },
        { QStringLiteral("medium-close-up"), QT_TR_NOOP("Medium close-up") },
        { QStringLiteral("close-up"), QT_TR_NOOP("Close-up") },
        { QStringLiteral("extreme-close-up"), QT_TR_NOOP("Extreme close-up") },
        { QStringLiteral("over-the-shoulder"), QT_TR_NOOP("Over the shoulder") },
        { QStringLiteral("pov"), QT_TR_NOOP("POV") },
    };
    const auto it = titles.constFind(type.toLower());
    if (it != titles.constEnd())
        return tr(it.value());
    // Another template id ("insert", "two-shot") or free text: shown as words, first letter raised.
    QString words = type;
    words.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

ShotListModel::ShotListModel(ThumbnailCache& thumbnails, QObject* parent)
    : QAbstractListModel(parent)
    , m_thumbnails(thumbnails)
{
    connect(&m_thumbnails, &ThumbnailCache::ready, this, &ShotListModel::onThumbnailReady);
}

void ShotListModel::setStory(StoryDocument* story)
{
    beginResetModel();
    m_story = story;
    endResetModel();
}

void ShotListModel::refresh()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

int ShotListModel::rowOf(const QString& id) const { return m_story ? m_story->shotIndex(id) : -1; }

QString ShotListModel::idAt(int row) const
{
    return m_story && row >= 0 && row < m_story->shots().size() ? m_story->shots().at(row).id : QString();
}

int ShotListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_story ? 0 : int(m_story->shots().size());
}

QVariant ShotListModel::data(const QModelIndex& index, int role) const
{
    if (!m_story || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoryShot& shot = m_story->shots().at(index.row());
    const QString keyframe = shot.keyframe.isEmpty() ? QString() : m_story->resolvePath(shot.keyframe);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return tr("Shot %1: %2").arg(shot.number).arg(shotTypeTitle(shot.shotType));
    case Qt::ToolTipRole:
        return shot.stale ? tr("%1\n(stale: render it again)").arg(shot.description) : shot.description;
    case ShotIdRole:
        return shot.id;
    case NumberRole:
        return QString::number(shot.number);
    case TypeRole:
        return shotTypeTitle(shot.shotType);
    case TimestampRole:
        return shot.timestamp;
    case DurationRole:
        return shot.duration;
    case StaleRole:
        return shot.stale;
    case KeyframePathRole:
        return keyframe;
    case KeyframeRole:
        if (keyframe.isEmpty() || !QFileInfo::exists(keyframe))
            return QPixmap();
        return m_thumbnails.thumbnail(keyOf(keyframe));
    case TakesRole:
        return int(shot.takes.size());
    case AspectRole:
        return aspectOf(shot.aspectRatio);
    default:
        return {};
    }
}

Qt::ItemFlags ShotListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // shots are dropped between shots, never onto one
    return QAbstractListModel::flags(index) | Qt::ItemIsDragEnabled;
}

Qt::DropActions ShotListModel::supportedDropActions() const { return Qt::MoveAction; }

bool ShotListModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (!m_story || sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= rowCount() || destinationChild < 0 || destinationChild > rowCount())
        return false;
    if (destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return true; // already there
    const QString id = idAt(sourceRow);
    // destinationChild counts rows before the move; moveShot() takes the row the shot ends up at.
    const int target = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild);
    const bool moved = m_story->moveShot(id, target);
    endMoveRows();
    if (!moved)
        return false;
    refresh(); // the shots are numbered again
    Q_EMIT orderChanged();
    return true;
}

void ShotListModel::onThumbnailReady(const QString& path)
{
    if (!m_story)
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int row = 0; row < rowCount(); ++row) {
        const QString& keyframe = m_story->shots().at(row).keyframe;
        if (!keyframe.isEmpty() && QFileInfo(m_story->resolvePath(keyframe)).absoluteFilePath() == absolute)
            Q_EMIT dataChanged(index(row), index(row), { KeyframeRole });
    }
}

} // namespace easel
