// SPDX-License-Identifier: MIT
#include "story/shotcarddelegate.h"

#include "story/shotlistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace easel {

namespace {

    constexpr int kMargin = 4; ///< between cards
    constexpr int kPad = 6; ///< between the card's edge and what it shows
    constexpr int kFrameWidth = 176; ///< the keyframe's box
    constexpr int kFrameHeight = 99; ///< 16:9 of kFrameWidth

    QRect fitted(QSize shape, const QRect& box)
    {
        if (shape.isEmpty())
            shape = QSize(16, 9);
        const QSize size = shape.scaled(box.size(), Qt::KeepAspectRatio);
        return QRect(box.left() + (box.width() - size.width()) / 2, box.top() + (box.height() - size.height()) / 2,
            size.width(), size.height());
    }

    /// "0:12.5" style, or "1:02" for whole seconds.
    QString clock(double seconds)
    {
        const int whole = int(seconds);
        const double rest = seconds - whole;
        QString text = QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
        if (rest > 0.05)
            text += QStringLiteral(".%1").arg(int(rest * 10 + 0.5) % 10);
        return text;
    }

    int lineHeight(const QFont& font) { return QFontMetrics(font).height(); }

} // namespace

ShotCardDelegate::ShotCardDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QSize ShotCardDelegate::cardSize() const
{
    const QFont font = QApplication::font();
    QFont bold = font;
    bold.setBold(true);
    // The keyframe, then two lines: "#3  Close-up" and "0:12 · 4 s".
    const int text = lineHeight(bold) + lineHeight(font) + 6;
    return QSize(kFrameWidth + 2 * (kMargin + kPad), kFrameHeight + text + 2 * (kMargin + kPad) + 4);
}

QSize ShotCardDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const { return cardSize(); }

void ShotCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    const QPalette& palette = option.palette;
    const QRect card = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const bool selected = option.state.testFlag(QStyle::State_Selected);

    // The card itself, its selection and the keyboard focus.
    QColor fill = palette.color(QPalette::Text);
    fill.setAlpha(selected ? 0 : 16);
    if (selected) {
        fill = palette.color(QPalette::Highlight);
        fill.setAlpha(70);
    }
    painter->setPen(selected ? QPen(palette.color(QPalette::Highlight), 2) : Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(card).adjusted(1, 1, -1, -1), 7, 7);
    if (option.state.testFlag(QStyle::State_HasFocus) && !selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 7, 7);
    }

    // The keyframe, or a dark frame of the shot's shape with the shot's number while it has none.
    const QRect frameBox(card.left() + kPad, card.top() + kPad, card.width() - 2 * kPad, kFrameHeight);
    const QPixmap keyframe = index.data(ShotListModel::KeyframeRole).value<QPixmap>();
    const QSize shape = keyframe.isNull() ? index.data(ShotListModel::AspectRole).toSize() : keyframe.size();
    const QRect frame = fitted(shape, frameBox);
    if (!keyframe.isNull()) {
        painter->drawPixmap(frame, keyframe);
    } else {
        painter->setPen(QPen(palette.color(QPalette::Mid), 1, Qt::DashLine));
        painter->setBrush(palette.color(QPalette::Base).darker(115));
        painter->drawRect(QRectF(frame).adjusted(0.5, 0.5, -0.5, -0.5));
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(frame, Qt::AlignCenter | Qt::TextWordWrap, tr("Not rendered"));
    }

    QFont font = option.font;
    QFont bold = font;
    bold.setBold(true);

    // The stale badge over the keyframe's top-right corner: white on orange, readable on any image.
    if (index.data(ShotListModel::StaleRole).toBool()) {
        QFont small = bold;
        small.setPointSizeF(qMax(7.0, font.pointSizeF() * 0.85));
        const QString text = tr("Stale");
        const QFontMetrics metrics(small);
        const QRect badge(frame.right() - metrics.horizontalAdvance(text) - 14, frame.top() + 4,
            metrics.horizontalAdvance(text) + 10, metrics.height() + 2);
        painter->setPen(QPen(QColor(255, 255, 255, 200), 1));
        painter->setBrush(QColor(214, 110, 0));
        painter->drawRoundedRect(QRectF(badge), 4, 4);
        painter->setFont(small);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, text);
    }
    // How many takes there are to pick from, bottom-right of the keyframe.
    const int takes = index.data(ShotListModel::TakesRole).toInt();
    if (takes > 1) {
        QFont small = font;
        small.setPointSizeF(qMax(7.0, font.pointSizeF() * 0.85));
        const QString text = tr("%n take(s)", nullptr, takes);
        const QFontMetrics metrics(small);
        const QRect badge(frame.right() - metrics.horizontalAdvance(text) - 14, frame.bottom() - metrics.height() - 5,
            metrics.horizontalAdvance(text) + 10, metrics.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 160));
        painter->drawRoundedRect(QRectF(badge), 4, 4);
        painter->setFont(small);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, text);
    }

    // "#3  Close-up" then "0:12 · 4 s", elided to the card.
    const int textLeft = card.left() + kPad;
    const int textWidth = card.width() - 2 * kPad;
    int y = frameBox.bottom() + 5;
    const QColor textColour = palette.color(QPalette::Text); // the selection is a light tint: text stays dark
    const QString number = QStringLiteral("#%1").arg(index.data(ShotListModel::NumberRole).toString());
    painter->setFont(bold);
    painter->setPen(textColour);
    const QFontMetrics boldMetrics(bold);
    const QRect numberRect(textLeft, y, boldMetrics.horizontalAdvance(number) + 2, boldMetrics.height());
    painter->drawText(numberRect, Qt::AlignLeft | Qt::AlignVCenter, number);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const int typeLeft = numberRect.right() + 6;
    const QString type = metrics.elidedText(
        index.data(ShotListModel::TypeRole).toString(), Qt::ElideRight, textLeft + textWidth - typeLeft);
    painter->drawText(QRect(typeLeft, y, textLeft + textWidth - typeLeft, boldMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter, type);
    y += boldMetrics.height() + 2;
    const double at = index.data(ShotListModel::TimestampRole).toDouble();
    const double duration = index.data(ShotListModel::DurationRole).toDouble();
    const QString timing = tr("%1 · %2 s").arg(clock(at), QLocale().toString(duration, 'g', 3));
    QColor dim = textColour;
    dim.setAlpha(170);
    painter->setPen(dim);
    painter->drawText(QRect(textLeft, y, textWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(timing, Qt::ElideRight, textWidth));
    painter->restore();
}

} // namespace easel
