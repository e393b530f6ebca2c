// SPDX-License-Identifier: MIT
#include "gallery/gallerydelegate.h"

#include "gallery/gallerygroupmodel.h"
#include "gallery/gallerymodel.h"
#include "gallery/qualitybadge.h"
#include "gallery/thumbnailcache.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace easel {

namespace {

    constexpr int kMargin = 3; ///< between cells
    constexpr int kPad = 5; ///< between the cell's edge and the thumbnail
    constexpr int kFooter = 20; ///< the line of stars
    constexpr int kStar = 12;

    QPainterPath star(const QPointF& centre, qreal radius)
    {
        QPainterPath path;
        for (int k = 0; k < 10; ++k) {
            const qreal r = (k % 2 == 0) ? radius : radius * 0.45;
            const qreal angle = -M_PI / 2 + k * M_PI / 5;
            const QPointF p(centre.x() + r * std::cos(angle), centre.y() + r * std::sin(angle));
            if (k == 0)
                path.moveTo(p);
            else
                path.lineTo(p);
        }
        path.closeSubpath();
        return path;
    }

    QRect fitted(QSize shape, const QRect& box)
    {
        if (shape.isEmpty())
            shape = QSize(1, 1);
        const QSize size = shape.scaled(box.size(), Qt::KeepAspectRatio);
        return QRect(box.left() + (box.width() - size.width()) / 2, box.top() + (box.height() - size.height()) / 2,
            size.width(), size.height());
    }

    void badge(QPainter* painter, const QRect& target, const QColor& colour, bool check)
    {
        const int d = 18;
        const QRectF circle(target.right() - d - 3, target.top() + 3, d, d);
        painter->setPen(QPen(QColor(255, 255, 255, 220), 1.5));
        painter->setBrush(colour);
        painter->drawEllipse(circle);
        painter->setPen(QPen(Qt::white, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        const QPointF c = circle.center();
        if (check) {
            QPainterPath mark;
            mark.moveTo(c + QPointF(-4.5, 0.5));
            mark.lineTo(c + QPointF(-1.5, 3.5));
            mark.lineTo(c + QPointF(4.5, -3.5));
            painter->drawPath(mark);
        } else {
            painter->drawLine(c + QPointF(-3.5, -3.5), c + QPointF(3.5, 3.5));
            painter->drawLine(c + QPointF(-3.5, 3.5), c + QPointF(3.5, -3.5));
        }
    }

} // namespace

GalleryDelegate::GalleryDelegate(ThumbnailCache& thumbnails, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails)
{
}

QSize GalleryDelegate::cellSize() const
{
    return QSize(m_side + 2 * (kMargin + kPad), m_side + 2 * (kMargin + kPad) + kFooter);
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const { return cellSize(); }

void GalleryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    const QPalette& palette = option.palette;
    const QRect cell = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    if (selected) {
        QColor fill = palette.color(QPalette::Highlight);
        fill.setAlpha(70);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(cell).adjusted(1, 1, -1, -1), 6, 6);
    } else if (option.state.testFlag(QStyle::State_MouseOver)) {
        QColor fill = palette.color(QPalette::Text);
        fill.setAlpha(18);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(cell), 6, 6);
    }
    if (option.state.testFlag(QStyle::State_HasFocus) && !selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(cell).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }

    const QVariant kind = index.data(GalleryGroupModel::KindRole);
    if (kind.isValid() && kind.toInt() == int(GalleryGroupModel::Kind::DayHeader)) {
        // A day: a card with the date and the number of images, folded or open.
        QColor fill = palette.color(QPalette::Text);
        fill.setAlpha(22);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        const QRectF card = QRectF(cell).adjusted(kPad, kPad, -kPad, -kPad);
        painter->drawRoundedRect(card, 8, 8);
        painter->setPen(palette.color(QPalette::Text));
        QFont font = painter->font();
        font.setBold(true);
        painter->setFont(font);
        const QString open
            = index.data(GalleryGroupModel::ExpandedRole).toBool() ? QStringLiteral("▾ ") : QStringLiteral("▸ ");
        painter->drawText(card.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
            open + index.data(Qt::DisplayRole).toString());
        painter->restore();
        return;
    }
    const bool stack = kind.isValid() && kind.toInt() == int(GalleryGroupModel::Kind::Stack);
    const QRect box(cell.left() + kPad, cell.top() + kPad, cell.width() - 2 * kPad, m_side);
    const ThumbnailCache::Key key { index.data(GalleryModel::PathRole).toString(),
        index.data(GalleryModel::FileSizeRole).toLongLong(), index.data(GalleryModel::ModifiedRole).toLongLong() };
    const QPixmap pixmap = m_thumbnails.thumbnail(key);
    const QSize shape
        = pixmap.isNull() ? index.data(GalleryModel::SizeRole).toSize() : pixmap.deviceIndependentSize().toSize();
    // A folded stack draws its newest image a little smaller, with the edges of two more cards behind it.
    const bool folded = stack && !index.data(GalleryGroupModel::ExpandedRole).toBool();
    const QRect target = fitted(shape, folded ? box.adjusted(0, 8, -8, 0) : box);
    const bool reject = index.data(GalleryModel::RejectRole).toBool();
    if (folded) {
        // Cards behind the newest image: a stack of variations.
        QColor card = palette.color(QPalette::Text);
        card.setAlpha(40);
        painter->setPen(QPen(palette.color(QPalette::Base), 1));
        painter->setBrush(card);
        for (int k = 2; k >= 1; --k)
            painter->drawRect(target.translated(4 * k, -4 * k));
    }
    if (reject)
        painter->setOpacity(0.35);
    if (!pixmap.isNull()) {
        painter->drawPixmap(target, pixmap);
    } else {
        QColor placeholder = palette.color(QPalette::Text);
        placeholder.setAlpha(28);
        painter->setPen(Qt::NoPen);
        painter->setBrush(placeholder);
        painter->drawRect(target);
        if (m_thumbnails.hasFailed(key)) { // not an image Qt can read: a crossed box
            placeholder.setAlpha(90);
            painter->setPen(QPen(placeholder, 1.5));
            painter->drawLine(target.topLeft(), target.bottomRight());
            painter->drawLine(target.bottomLeft(), target.topRight());
        }
    }
    painter->setOpacity(1.0);
    if (stack) {
        const QString count = QStringLiteral("×%1").arg(index.data(GalleryGroupModel::CountRole).toInt());
        QFont font = painter->font();
        font.setBold(true);
        painter->setFont(font);
        const QRect label = painter->fontMetrics().boundingRect(count).adjusted(-6, -2, 6, 2);
        const QRect badgeRect(target.left() + 4, target.bottom() - label.height() - 4, label.width(), label.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 170));
        painter->drawRoundedRect(badgeRect, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(badgeRect, Qt::AlignCenter, count);
    } else if (index.data(GalleryGroupModel::InStackRole).toBool()) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(target.adjusted(-2, -2, 2, 2));
    }
    if (const QStringList flags = index.data(GalleryModel::QualityRole).toStringList(); !flags.isEmpty())
        QualityBadge::paint(painter, target);
    if (reject)
        badge(painter, target, QColor(0xd6, 0x45, 0x45), false);
    else if (index.data(GalleryModel::PickRole).toBool())
        badge(painter, target, QColor(0x2e, 0x9d, 0x4f), true);

    const int rating = index.data(GalleryModel::RatingRole).toInt();
    const qreal y = box.bottom() + kPad + kFooter / 2.0;
    QColor empty = palette.color(QPalette::Text);
    empty.setAlpha(70);
    for (int k = 0; k < 5; ++k) {
        const QPointF centre(box.left() + kStar / 2.0 + k * (kStar + 3), y);
        const QPainterPath path = star(centre, kStar / 2.0);
        if (k < rating) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0xf2, 0xb7, 0x05));
        } else {
            painter->setPen(QPen(empty, 1));
            painter->setBrush(Qt::NoBrush);
        }
        painter->drawPath(path);
    }
    painter->restore();
}

} // namespace easel
