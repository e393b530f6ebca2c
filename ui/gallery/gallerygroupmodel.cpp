// SPDX-License-Identifier: MIT
#include "gallery/gallerygroupmodel.h"

#include "gallery/gallerymodel.h"

#include <QMimeData>

namespace easel {

GalleryGroupModel::GalleryGroupModel(GalleryModel* source, QObject* parent)
    : QAbstractListModel(parent)
    , m_source(source)
{
    auto reset = [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    };
    connect(m_source, &QAbstractItemModel::modelReset, this, reset);
    connect(m_source, &QAbstractItemModel::rowsInserted, this, reset);
    connect(m_source, &QAbstractItemModel::rowsRemoved, this, reset);
    connect(m_source, &QAbstractItemModel::rowsMoved, this, reset);
    connect(m_source, &QAbstractItemModel::dataChanged, this, &GalleryGroupModel::sourceDataChanged);
    rebuild();
}

void GalleryGroupModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    m_open.clear();
    m_folded.clear();
    rebuild();
    endResetModel();
}

void GalleryGroupModel::rebuild()
{
    m_items.clear();
    m_rowOfSource.clear();
    m_members.clear();
    const int n = m_source->rowCount();
    if (m_grouping == Grouping::None) {
        m_items.reserve(n);
        for (int row = 0; row < n; ++row) {
            m_rowOfSource.insert(row, int(m_items.size()));
            m_items << Item { Kind::Image, row, {}, false };
        }
        return;
    }
    if (m_grouping == Grouping::Day) {
        QString day;
        for (int row = 0; row < n; ++row) {
            const QString d = m_source->entryAt(row).date.left(10);
            m_members[d] << row;
        }
        for (int row = 0; row < n; ++row) {
            const QString d = m_source->entryAt(row).date.left(10);
            if (d != day) {
                day = d;
                m_items << Item { Kind::DayHeader, row, d, false };
            }
            if (m_folded.contains(d)) { // folded: the header stands for the day's images
                m_rowOfSource.insert(row, int(m_items.size()) - 1);
                continue;
            }
            m_rowOfSource.insert(row, int(m_items.size()));
            m_items << Item { Kind::Image, row, d, false };
        }
        return;
    }
    // By recipe: images without a recipe are their own group.
    for (int row = 0; row < n; ++row) {
        const QString& key = m_source->entryAt(row).recipeKey;
        if (!key.isEmpty())
            m_members[key] << row;
    }
    for (int row = 0; row < n; ++row) {
        const QString& key = m_source->entryAt(row).recipeKey;
        const QList<int> members = key.isEmpty() ? QList<int>() : m_members.value(key);
        if (members.size() < 2) {
            m_rowOfSource.insert(row, int(m_items.size()));
            m_items << Item { Kind::Image, row, key, false };
            continue;
        }
        if (members.first() != row)
            continue; // shown with its stack
        const int stackRow = int(m_items.size());
        m_items << Item { Kind::Stack, row, key, false };
        m_rowOfSource.insert(row, stackRow);
        const bool open = m_open.contains(key);
        for (qsizetype k = 1; k < members.size(); ++k) {
            if (open) {
                m_rowOfSource.insert(members[k], int(m_items.size()));
                m_items << Item { Kind::Image, members[k], key, true };
            } else {
                m_rowOfSource.insert(members[k], stackRow);
            }
        }
    }
}

void GalleryGroupModel::sourceDataChanged(
    const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const int at = m_rowOfSource.value(row, -1);
        if (at >= 0 && m_items.at(at).sourceRow == row)
            Q_EMIT dataChanged(index(at), index(at), roles);
    }
}

int GalleryGroupModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_items.size()); }

QVariant GalleryGroupModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item& item = m_items.at(index.row());
    switch (role) {
    case KindRole:
        return int(item.kind);
    case CountRole:
        return item.kind == Kind::Image ? 1 : int(m_members.value(item.key).size());
    case ExpandedRole:
        return item.kind == Kind::Stack    ? m_open.contains(item.key)
            : item.kind == Kind::DayHeader ? !m_folded.contains(item.key)
                                           : false;
    case InStackRole:
        return item.inStack;
    case SourceRowRole:
        return item.kind == Kind::DayHeader ? -1 : item.sourceRow;
    default:
        break;
    }
    if (item.kind == Kind::DayHeader) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return tr("%1 · %n image(s)", nullptr, int(m_members.value(item.key).size())).arg(item.key);
        return {};
    }
    if (item.kind == Kind::Stack && role == Qt::ToolTipRole) {
        const QString below = m_source->data(m_source->index(item.sourceRow), role).toString();
        return QString(tr("%n variation(s) of this recipe (Enter or a double click opens the stack)", nullptr,
                           int(m_members.value(item.key).size()))
            + QLatin1Char('\n') + below);
    }
    return m_source->data(m_source->index(item.sourceRow), role);
}

Qt::ItemFlags GalleryGroupModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (m_items.at(index.row()).kind == Kind::DayHeader)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> GalleryGroupModel::roleNames() const
{
    QHash<int, QByteArray> names = m_source->roleNames();
    names.insert(KindRole, "kind");
    names.insert(CountRole, "count");
    names.insert(ExpandedRole, "expanded");
    names.insert(InStackRole, "inStack");
    names.insert(SourceRowRole, "sourceRow");
    return names;
}

QStringList GalleryGroupModel::mimeTypes() const { return m_source->mimeTypes(); }

QMimeData* GalleryGroupModel::mimeData(const QModelIndexList& indexes) const
{
    QModelIndexList source;
    for (const QModelIndex& index : indexes) {
        for (int row : sourceRows(index.row()))
            source << m_source->index(row);
    }
    return m_source->mimeData(source);
}

int GalleryGroupModel::sourceRow(int row) const
{
    if (row < 0 || row >= m_items.size() || m_items.at(row).kind == Kind::DayHeader)
        return -1;
    return m_items.at(row).sourceRow;
}

int GalleryGroupModel::rowOfSource(int sourceRow) const { return m_rowOfSource.value(sourceRow, -1); }

QList<int> GalleryGroupModel::sourceRows(int row) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    const Item& item = m_items.at(row);
    if (item.kind == Kind::Image)
        return { item.sourceRow };
    if (item.kind == Kind::Stack && m_open.contains(item.key))
        return { item.sourceRow };
    return m_members.value(item.key);
}

bool GalleryGroupModel::toggle(int row)
{
    if (row < 0 || row >= m_items.size() || m_items.at(row).kind == Kind::Image)
        return false;
    const Item item = m_items.at(row);
    QSet<QString>& set = item.kind == Kind::Stack ? m_open : m_folded;
    if (set.contains(item.key))
        set.remove(item.key);
    else
        set.insert(item.key);
    beginResetModel();
    rebuild();
    endResetModel();
    return true;
}

} // namespace easel
