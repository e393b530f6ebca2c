// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QSet>

namespace easel {

class GalleryModel;

/**
 * The gallery's rows grouped for the grid, over a GalleryModel (whose order it keeps: newest first):
 * - by day: a header cell for each day ("2026-11-05", its number of images) before that day's images; activating a
 *   header folds the day away or back;
 * - by recipe: the variations of one recipe with other seeds (GalleryEntry::recipeKey) stack into one cell, the
 *   newest on top with their number; activating a stack shows its images after it (and folds them back).
 * Image cells answer every GalleryModel role; KindRole tells images, stacks and headers apart. Rebuilt (a reset) when
 * the source's rows change; data changes pass through.
 */
class GalleryGroupModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Grouping { None, Day, Recipe };
    enum class Kind { Image, Stack, DayHeader };
    enum Role {
        KindRole = Qt::UserRole + 50, ///< int, Kind
        CountRole, ///< int: the images of a stack or a day
        ExpandedRole, ///< bool: a stack or day shows its images
        InStackRole, ///< bool: an image shown under its open stack
        SourceRowRole, ///< int: the GalleryModel row (-1 for a header)
    };

    explicit GalleryGroupModel(GalleryModel* source, QObject* parent = nullptr);

    GalleryModel* source() const { return m_source; }
    Grouping grouping() const { return m_grouping; }
    void setGrouping(Grouping grouping);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    /// The GalleryModel row of \a row (a stack: its newest image); -1 for a day header.
    int sourceRow(int row) const;
    /// The row that shows source row \a sourceRow (its stack when folded away, its day header when the day is);
    /// -1 when none.
    int rowOfSource(int sourceRow) const;
    /// The source rows a cell stands for: an image itself, every image of a stack or of a day.
    QList<int> sourceRows(int row) const;
    /// Opens or folds a stack or a day; false for an image.
    bool toggle(int row);

private:
    struct Item {
        Kind kind = Kind::Image;
        int sourceRow = -1; ///< image; stack: its newest image; header: the day's first image
        QString key; ///< recipe key or day
        bool inStack = false;
    };
    void rebuild();
    void sourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles);

    GalleryModel* m_source;
    Grouping m_grouping = Grouping::None;
    QList<Item> m_items;
    QHash<int, int> m_rowOfSource;
    QHash<QString, QList<int>> m_members; ///< key -> source rows (newest first)
    QSet<QString> m_open; ///< stacks shown open
    QSet<QString> m_folded; ///< days folded away
};

} // namespace easel
