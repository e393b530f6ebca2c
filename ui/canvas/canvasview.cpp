// SPDX-License-Identifier: MIT
#include "canvas/canvasview.h"

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
    if (m_logicalSize.isEmpty())
        return 1.0;
    const double sx = double(width()) / m_logicalSize.width();
    const double sy = double(height()) / m_logicalSize.height();
    return std::max(kMinZoom, std::min(sx, sy));
}

double CanvasView::zoom() const { return m_fit ? fitZoom() : m_zoom; }

QRectF CanvasView::imageRect() const
{
    const double z = zoom();
    const QSizeF size(m_logicalSize.width() * z, m_logicalSize.height() * z);
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
    if (m_fit || m_logicalSize.isEmpty())
        return;
    // The image may leave the view by at most half of itself, so it can never be lost.
    const double w = m_logicalSize.width() * m_zoom;
    const double h = m_logicalSize.height() * m_zoom;
    const double maxX = std::max(0.0, (w - width()) / 2.0) + w / 2.0;
    const double maxY = std::max(0.0, (h - height()) / 2.0) + h / 2.0;
    m_pan.setX(std::clamp(m_pan.x(), -maxX, maxX));
    m_pan.setY(std::clamp(m_pan.y(), -maxY, maxY));
}

void CanvasView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRectF target = imageRect();
    // Smooth when shrinking or for small previews; sharp pixels when zoomed in past 2x on a full image.
    const bool pixelated = zoom() >= 2.0 && m_image.size() == m_logicalSize;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !pixelated);
    painter.drawImage(target, m_image);
}

void CanvasView::wheelEvent(QWheelEvent* event)
{
    if (m_image.isNull())
        return;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    zoomAbout(zoom() * std::pow(kZoomStep, steps), event->position());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
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
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    m_pan = m_panAtDragStart + (event->position() - m_dragStart);
    clampPan();
    update();
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    unsetCursor();
}

void CanvasView::mouseDoubleClickEvent(QMouseEvent* event)
{
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
