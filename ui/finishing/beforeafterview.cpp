// SPDX-License-Identifier: MIT
#include "finishing/beforeafterview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace easel {

namespace {

    constexpr int kMargin = 4;

} // namespace

void drawImageIn(QPainter& painter, const QRectF& target, const QImage& image)
{
    // A preview made at the size it is shown is drawn pixel for pixel: smooth scaling of a screen-sized
    // image costs the GUI thread more than the preview itself.
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    if (std::abs(target.width() * ratio - image.width()) <= 1.0
        && std::abs(target.height() * ratio - image.height()) <= 1.0) {
        QImage same = image;
        same.setDevicePixelRatio(ratio);
        painter.drawImage(target.topLeft().toPoint(), same);
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, image);
    painter.restore();
}

void paintCheckerboard(QPainter& painter, const QRectF& rect, int cell)
{
    static QPixmap tile;
    if (tile.isNull() || tile.width() != 2 * cell) {
        tile = QPixmap(2 * cell, 2 * cell);
        tile.fill(QColor(0xcc, 0xcc, 0xcc));
        QPainter p(&tile);
        p.fillRect(0, 0, cell, cell, QColor(0x99, 0x99, 0x99));
        p.fillRect(cell, cell, cell, cell, QColor(0x99, 0x99, 0x99));
    }
    painter.drawTiledPixmap(rect, tile, rect.topLeft());
}

BeforeAfterView::BeforeAfterView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("previewView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void BeforeAfterView::setBefore(const QImage& image)
{
    m_before = image;
    update();
}

void BeforeAfterView::setAfter(const QImage& image)
{
    m_after = image;
    update();
}

void BeforeAfterView::clear()
{
    m_before = QImage();
    m_after = QImage();
    update();
}

void BeforeAfterView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    setCursor(mode == Mode::Split ? Qt::SplitHCursor : Qt::ArrowCursor);
    update();
}

void BeforeAfterView::setSplit(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction == m_split)
        return;
    m_split = fraction;
    update();
    Q_EMIT splitChanged(m_split);
}

void BeforeAfterView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

QSize BeforeAfterView::deviceSize() const
{
    const qreal ratio = devicePixelRatioF();
    return QSize(std::max(0, int(std::floor((width() - 2 * kMargin) * ratio))),
        std::max(0, int(std::floor((height() - 2 * kMargin) * ratio))));
}

QSize BeforeAfterView::shownSize() const
{
    if (!m_after.isNull())
        return m_after.size();
    return m_before.size();
}

QRectF BeforeAfterView::imageRect(QSize imageSize) const
{
    if (imageSize.isEmpty())
        return {};
    const QSizeF area = QSizeF(size()).shrunkBy({ kMargin, kMargin, kMargin, kMargin });
    const QSizeF fitted = QSizeF(imageSize).scaled(area, Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0), fitted);
}

void BeforeAfterView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Dark));
    const QSize size = shownSize();
    if (size.isEmpty()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRectF target = imageRect(size);
    paintCheckerboard(p, target);
    const QImage& before = m_before.isNull() ? m_after : m_before;
    const QImage& after = m_after.isNull() ? m_before : m_after;
    switch (m_mode) {
    case Mode::After:
        drawImageIn(p, target, after);
        break;
    case Mode::Before:
        drawImageIn(p, target, before);
        break;
    case Mode::Split: {
        const double x = target.left() + m_split * target.width();
        p.save();
        p.setClipRect(QRectF(target.left(), target.top(), x - target.left(), target.height()));
        drawImageIn(p, target, before);
        p.setClipRect(QRectF(x, target.top(), target.right() - x, target.height()));
        drawImageIn(p, target, after);
        p.restore();
        p.setPen(QPen(Qt::white, 2));
        p.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()));
        p.setBrush(Qt::white);
        p.setPen(QPen(Qt::black, 1));
        p.drawEllipse(QPointF(x, target.center().y()), 6, 6);
        const QFontMetrics metrics(font());
        const QString beforeText = tr("Before");
        const QString afterText = tr("After");
        const auto label = [&](const QString& text, double left) {
            const QRectF box(left, target.top() + 6, metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0, 0, 0, 140));
            p.drawRoundedRect(box, 4, 4);
            p.setPen(Qt::white);
            p.drawText(box, Qt::AlignCenter, text);
        };
        if (x - target.left() > metrics.horizontalAdvance(beforeText) + 24)
            label(beforeText, target.left() + 6);
        if (target.right() - x > metrics.horizontalAdvance(afterText) + 24)
            label(afterText, target.right() - metrics.horizontalAdvance(afterText) - 18);
        break;
    }
    }
}

void BeforeAfterView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    Q_EMIT deviceSizeChanged(deviceSize());
}

void BeforeAfterView::dragSplitTo(double x)
{
    const QRectF target = imageRect(shownSize());
    if (target.width() > 0)
        setSplit((x - target.left()) / target.width());
}

void BeforeAfterView::mousePressEvent(QMouseEvent* event)
{
    if (m_mode == Mode::Split && event->button() == Qt::LeftButton) {
        m_dragging = true;
        dragSplitTo(event->position().x());
        return;
    }
    QWidget::mousePressEvent(event);
}

void BeforeAfterView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging)
        dragSplitTo(event->position().x());
    else
        QWidget::mouseMoveEvent(event);
}

void BeforeAfterView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging && event->button() == Qt::LeftButton)
        m_dragging = false;
    else
        QWidget::mouseReleaseEvent(event);
}

} // namespace easel
