// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace easel {

class ThumbnailCache;

/// Draws one image of the gallery grid: its thumbnail (a placeholder of the image's shape until the cache has
/// it), five rating stars under it, a pick mark or a reject mark (rejects are dimmed), the quality badge of a flagged
/// image (QualityBadge, top left) and the selection.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit GalleryDelegate(ThumbnailCache& thumbnails, QObject* parent = nullptr);

    /// The thumbnail box (the cell adds a margin and the line of stars).
    void setThumbnailSize(int side) { m_side = side; }
    int thumbnailSize() const { return m_side; }
    /// The size of every cell (the grid of the view).
    QSize cellSize() const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    ThumbnailCache& m_thumbnails;
    int m_side = 160;
};

} // namespace easel
