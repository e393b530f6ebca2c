// SPDX-License-Identifier: MIT
#include "finishing/mergecanvas.h"

#include "finishing/beforeafterview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace easel {

namespace {

    constexpr int kMargin = 4;

} // namespace

MergeCanvas::MergeCanvas(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("mergeCanvas"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Drag the figure to move it; turn the wheel to scale it"));
}

void MergeCanvas::setPreview(const QImage& image, QSize outputSize)
{
    m_preview = image;
    m_outputSize = outputSize;
    update();
}

void MergeCanvas::setMatte(const QImage& matte)
{
    m_matte = matte;
    update();
}

void MergeCanvas::setMatteMode(bool on)
{
    m_matteMode = on;
    setCursor(on ? Qt::ArrowCursor : Qt::OpenHandCursor);
    update();
}

void MergeCanvas::setFigure(const QRectF& frame, const QPointF& feet)
{
    m_frame = frame;
    m_feet = feet;
    update();
}

void MergeCanvas::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

void MergeCanvas::clear()
{
    m_preview = QImage();
    m_frame = QRectF();
    update();
}

QRectF MergeCanvas::outputRect() const
{
    if (m_outputSize.isEmpty())
        return {};
    const QSizeF area = QSizeF(size()).shrunkBy({ kMargin, kMargin, kMargin, kMargin });
    const QSizeF fitted = QSizeF(m_outputSize).scaled(area, Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0), fitted);
}

QPointF MergeCanvas::toOutput(const QPointF& widgetPos) const
{
    const QRectF r = outputRect();
    if (r.isEmpty())
        return {};
    return (widgetPos - r.topLeft()) * (m_outputSize.width() / r.width());
}

QPointF MergeCanvas::toWidget(const QPointF& outputPos) const
{
    const QRectF r = outputRect();
    if (r.isEmpty())
        return {};
    return r.topLeft() + outputPos * (r.width() / m_outputSize.width());
}

QSize MergeCanvas::deviceSize() const
{
    const qreal ratio = devicePixelRatioF();
    return QSize(std::max(0, int(std::floor((width() - 2 * kMargin) * ratio))),
        std::max(0, int(std::floor((height() - 2 * kMargin) * ratio))));
}

void MergeCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_matteMode) {
        if (m_matte.isNull())
            return;
        const QSizeF area = QSizeF(size()).shrunkBy({ kMargin, kMargin, kMargin, kMargin });
        const QSizeF fitted = QSizeF(m_matte.size()).scaled(area, Qt::KeepAspectRatio);
        const QRectF target(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0), fitted);
        paintCheckerboard(p, target);
        drawImageIn(p, target, m_matte);
        return;
    }
    if (m_preview.isNull()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QRectF target = outputRect();
    drawImageIn(p, target, m_preview);
    if (m_frame.isEmpty())
        return;
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(target);
    const QRectF frame(toWidget(m_frame.topLeft()), toWidget(m_frame.bottomRight()));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 255, 255, 170), 1, Qt::DashLine));
    p.drawRect(frame);
    const QPointF feet = toWidget(m_feet);
    p.setPen(QPen(Qt::black, 1));
    p.setBrush(Qt::white);
    p.drawEllipse(feet, 4, 4);
}

void MergeCanvas::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    Q_EMIT deviceSizeChanged(deviceSize());
}

void MergeCanvas::mousePressEvent(QMouseEvent* event)
{
    if (!m_matteMode && event->button() == Qt::LeftButton && !m_outputSize.isEmpty()) {
        m_dragging = true;
        m_lastDrag = toOutput(event->position());
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    QWidget::mousePressEvent(event);
}

void MergeCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const QPointF now = toOutput(event->position());
    const QPointF delta = now - m_lastDrag;
    m_lastDrag = now;
    if (!delta.isNull())
        Q_EMIT figureMoved(delta);
}

void MergeCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        setCursor(Qt::OpenHandCursor);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void MergeCanvas::wheelEvent(QWheelEvent* event)
{
    if (m_matteMode || m_outputSize.isEmpty()) {
        QWidget::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        Q_EMIT figureScaled(std::pow(1.1, steps));
    event->accept();
}

} // namespace easel
