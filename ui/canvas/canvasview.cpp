// SPDX-License-Identifier: MIT
#include "canvas/canvasview.h"

#include "canvas/masklayer.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace easel {

namespace {

constexpr double kMinZoom = 1.0 / 16;
constexpr double kMaxZoom = 32.0;
constexpr double kZoomStep = 1.25;
/// How much of the mask colour shows over the image.
constexpr double kMaskOpacity = 0.5;

} // namespace

CanvasView::CanvasView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("canvas"));
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setFocusPolicy(Qt::ClickFocus);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Dark);
}

void CanvasView::setImage(const QImage& image, QSize logicalSize)
{
    m_image = image;
    m_logicalSize = logicalSize.isValid() && !logicalSize.isEmpty() ? logicalSize : image.size();
    clampPan();
    update();
}

void CanvasView::clear()
{
    m_image = QImage();
    m_logicalSize = QSize();
    update();
}

void CanvasView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

double CanvasView::fitZoom() const
{
    const QSize size = shownSize();
    if (size.isEmpty())
        return 1.0;
    const double sx = double(width()) / size.width();
    const double sy = double(height()) / size.height();
    return std::max(kMinZoom, std::min(sx, sy));
}

double CanvasView::zoom() const { return m_fit ? fitZoom() : m_zoom; }

QRectF CanvasView::imageRect() const
{
    const double z = zoom();
    const QSizeF size(shownSize().width() * z, shownSize().height() * z);
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + (m_fit ? QPointF() : m_pan);
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}

void CanvasView::setZoom(double zoom)
{
    zoomAbout(zoom, QPointF(width() / 2.0, height() / 2.0));
}

void CanvasView::zoomAbout(double zoom, QPointF anchor)
{
    const double old = this->zoom();
    const double z = std::clamp(zoom, kMinZoom, kMaxZoom);
    // Keep the image point under `anchor` where it is.
    const QPointF centre(width() / 2.0, height() / 2.0);
    const QPointF pan = m_fit ? QPointF() : m_pan;
    const QPointF fromCentre = anchor - centre - pan;
    m_pan = anchor - centre - fromCentre * (z / old);
    m_fit = false;
    m_zoom = z;
    clampPan();
    update();
    Q_EMIT zoomChanged(z);
}

void CanvasView::zoomIn() { zoomAbout(zoom() * kZoomStep, QPointF(width() / 2.0, height() / 2.0)); }

void CanvasView::zoomOut() { zoomAbout(zoom() / kZoomStep, QPointF(width() / 2.0, height() / 2.0)); }

void CanvasView::fitToView()
{
    m_fit = true;
    m_pan = QPointF();
    update();
    Q_EMIT zoomChanged(zoom());
}

void CanvasView::actualSize()
{
    m_pan = QPointF();
    m_fit = false;
    m_zoom = 1.0;
    update();
    Q_EMIT zoomChanged(1.0);
}

void CanvasView::clampPan()
{
    if (m_fit || shownSize().isEmpty())
        return;
    // The image may leave the view by at most half of itself, so it can never be lost.
    const double w = shownSize().width() * m_zoom;
    const double h = shownSize().height() * m_zoom;
    const double maxX = std::max(0.0, (w - width()) / 2.0) + w / 2.0;
    const double maxY = std::max(0.0, (h - height()) / 2.0) + h / 2.0;
    m_pan.setX(std::clamp(m_pan.x(), -maxX, maxX));
    m_pan.setY(std::clamp(m_pan.y(), -maxY, maxY));
}

void CanvasView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QImage& image = shownImage();
    if (image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRectF target = imageRect();
    // Smooth when shrinking or for small previews; sharp pixels when zoomed in past 2x on a full image.
    const bool pixelated = zoom() >= 2.0 && image.size() == shownSize();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !pixelated);
    painter.drawImage(target, image);
    if (!m_maskEditing || !m_mask || m_mask->overlay().isNull())
        return;
    painter.setOpacity(kMaskOpacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, m_mask->overlay());
    painter.setOpacity(1.0);
    if (m_pointer.x() >= 0) { // the brush's outline, in black and white so it shows on any image
        const double r = m_mask->brushSize() * zoom() / 2.0;
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::black, 1.0));
        painter.drawEllipse(m_pointer, r + 1, r + 1);
        painter.setPen(QPen(Qt::white, 1.0, m_mask->tool() == MaskLayer::Tool::Eraser ? Qt::DashLine : Qt::SolidLine));
        painter.drawEllipse(m_pointer, r, r);
    }
}

void CanvasView::setMaskLayer(MaskLayer* layer)
{
    if (m_mask)
        disconnect(m_mask, nullptr, this, nullptr);
    m_mask = layer;
    if (m_mask) {
        connect(m_mask, &MaskLayer::changed, this, &CanvasView::updateMaskRect);
        connect(m_mask, &MaskLayer::brushSizeChanged, this, [this] { update(); });
        connect(m_mask, &MaskLayer::toolChanged, this, [this] { update(); });
        connect(m_mask, &QObject::destroyed, this, [this] { // the window closing: nothing to tell anyone
            m_mask = nullptr;
            m_maskEditing = false;
            m_painting = false;
        });
    }
    if (!m_mask)
        setMaskEditing(false);
}

void CanvasView::setMaskBase(const QImage& base)
{
    m_maskBase = base;
    if (base.isNull())
        setMaskEditing(false);
    else if (m_maskEditing) {
        clampPan();
        update();
    }
}

void CanvasView::setMaskEditing(bool editing)
{
    editing = editing && m_mask && !m_maskBase.isNull();
    if (editing == m_maskEditing)
        return;
    if (m_painting && m_mask)
        m_mask->endStroke();
    m_painting = false;
    m_dragging = false;
    m_maskEditing = editing;
    m_pointer = QPointF(-1, -1);
    setMouseTracking(editing);
    if (editing)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
    // The two images may differ in size: start from the fitted view.
    m_fit = true;
    m_pan = QPointF();
    update();
    Q_EMIT maskEditingChanged(editing);
    Q_EMIT zoomChanged(zoom());
}

QPointF CanvasView::imagePosition(QPointF pos) const
{
    const QRectF r = imageRect();
    const double z = zoom();
    return QPointF((pos.x() - r.left()) / z, (pos.y() - r.top()) / z);
}

void CanvasView::updateMaskRect(const QRect& imageRect)
{
    if (!m_maskEditing)
        return;
    if (imageRect.isEmpty()) {
        update();
        return;
    }
    const QRectF r = this->imageRect();
    const double z = zoom();
    update(QRectF(
        r.left() + imageRect.left() * z, r.top() + imageRect.top() * z, imageRect.width() * z, imageRect.height() * z)
               .toAlignedRect()
               .adjusted(-2, -2, 2, 2));
}

void CanvasView::leaveEvent(QEvent* event)
{
    if (m_maskEditing) {
        m_pointer = QPointF(-1, -1);
        update();
    }
    QWidget::leaveEvent(event);
}

void CanvasView::wheelEvent(QWheelEvent* event)
{
    if (shownImage().isNull())
        return;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    zoomAbout(zoom() * std::pow(kZoomStep, steps), event->position());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event)
{
    if (m_maskEditing && event->button() == Qt::LeftButton && !m_dragging) {
        m_painting = true;
        m_mask->beginStroke(imagePosition(event->position()));
        return;
    }
    // While the mask is painted, the right or middle button pans.
    const bool pan = m_maskEditing ? event->button() == Qt::RightButton || event->button() == Qt::MiddleButton
                                   : event->button() == Qt::LeftButton;
    if (!pan || shownImage().isNull() || m_painting)
        return QWidget::mousePressEvent(event);
    if (m_fit) { // start panning from the fitted view
        m_zoom = fitZoom();
        m_fit = false;
        m_pan = QPointF();
    }
    m_dragging = true;
    m_dragStart = event->position();
    m_panAtDragStart = m_pan;
    setCursor(Qt::ClosedHandCursor);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_maskEditing) {
        const double r = (m_mask ? m_mask->brushSize() : 0) * zoom() / 2.0 + 3;
        const QPointF old = m_pointer;
        m_pointer = event->position();
        update(QRectF(old - QPointF(r, r), QSizeF(2 * r, 2 * r)).toAlignedRect());
        update(QRectF(m_pointer - QPointF(r, r), QSizeF(2 * r, 2 * r)).toAlignedRect());
        if (m_painting) {
            m_mask->strokeTo(imagePosition(event->position()));
            return;
        }
    }
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    m_pan = m_panAtDragStart + (event->position() - m_dragStart);
    clampPan();
    update();
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_painting && event->button() == Qt::LeftButton) {
        m_painting = false;
        if (m_mask)
            m_mask->endStroke();
        return;
    }
    if (!m_dragging)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    if (m_maskEditing)
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
}

void CanvasView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_maskEditing) // a double click paints twice, nothing more
        return mousePressEvent(event);
    if (m_image.isNull())
        return QWidget::mouseDoubleClickEvent(event);
    // Double-click toggles between fit and 1:1 about the pointer.
    if (m_fit)
        zoomAbout(1.0, event->position());
    else
        fitToView();
}

void CanvasView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    clampPan();
}

} // namespace easel
