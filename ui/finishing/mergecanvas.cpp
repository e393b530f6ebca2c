// SPDX-License-Identifier: MIT
#include "finishing/mergecanvas.h"

#include "finishing/beforeafterview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
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
    m_painting = false;
    m_brush.points.clear();
    setCursor(on ? Qt::CrossCursor : Qt::OpenHandCursor);
    setToolTip(on ? tr("Paint over the cut-out: keep (green) marks the figure, remove (red) the backdrop")
                  : tr("Drag the figure to move it; turn the wheel to scale it"));
    update();
}

void MergeCanvas::setBrush(imaging::MatteStroke::Mode mode, double radius)
{
    m_brush.mode = mode;
    m_brush.radius = radius;
}

void MergeCanvas::setStrokes(const std::vector<imaging::MatteStroke>& strokes)
{
    m_strokes = strokes;
    update();
}

QRectF MergeCanvas::matteRect() const
{
    if (m_matte.isNull())
        return {};
    const QSizeF area = QSizeF(size()).shrunkBy({ kMargin, kMargin, kMargin, kMargin });
    const QSizeF fitted = QSizeF(m_matte.size()).scaled(area, Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0), fitted);
}

QPointF MergeCanvas::toMatte(const QPointF& widgetPos) const
{
    const QRectF r = matteRect();
    if (r.isEmpty())
        return {};
    return (widgetPos - r.topLeft()) * (m_matte.width() / r.width());
}

QPointF MergeCanvas::fromMatte(const QPointF& mattePos) const
{
    const QRectF r = matteRect();
    if (r.isEmpty())
        return {};
    return r.topLeft() + mattePos * (r.width() / m_matte.width());
}

void MergeCanvas::paintStroke(QPainter& painter, const imaging::MatteStroke& stroke) const
{
    if (stroke.points.empty())
        return;
    const QRectF r = matteRect();
    const double k = r.width() / m_matte.width();
    const QColor colour
        = stroke.mode == imaging::MatteStroke::Mode::Keep ? QColor(40, 220, 80, 110) : QColor(240, 50, 50, 110);
    painter.setPen(QPen(colour, std::max(1.0, 2.0 * stroke.radius * k), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    QPainterPath path(fromMatte(QPointF(stroke.points.front().x, stroke.points.front().y)));
    for (const cv::Point2d& p : stroke.points)
        path.lineTo(fromMatte(QPointF(p.x, p.y)));
    if (stroke.points.size() == 1)
        path.lineTo(path.currentPosition() + QPointF(0.01, 0)); // a dab: round caps draw the disc
    painter.drawPath(path);
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
        const QRectF target = matteRect();
        paintCheckerboard(p, target);
        drawImageIn(p, target, m_matte);
        p.setRenderHint(QPainter::Antialiasing);
        p.setClipRect(target);
        for (const imaging::MatteStroke& stroke : m_strokes)
            paintStroke(p, stroke);
        paintStroke(p, m_brush);
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
    if (m_matteMode && event->button() == Qt::LeftButton && !m_matte.isNull()) {
        m_painting = true;
        const QPointF at = toMatte(event->position());
        m_brush.points = { cv::Point2d(at.x(), at.y()) };
        update();
        return;
    }
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
    if (m_painting) {
        const QPointF at = toMatte(event->position());
        const cv::Point2d point(at.x(), at.y());
        // One point per half brush radius or so: the stroke stays short and the line between them is the same.
        if (cv::norm(point - m_brush.points.back()) >= std::max(0.5, m_brush.radius / 4.0)) {
            m_brush.points.push_back(point);
            update();
        }
        return;
    }
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
    if (m_painting && event->button() == Qt::LeftButton) {
        m_painting = false;
        const QPointF at = toMatte(event->position());
        const cv::Point2d point(at.x(), at.y());
        if (point != m_brush.points.back())
            m_brush.points.push_back(point);
        imaging::MatteStroke stroke = m_brush;
        m_brush.points.clear();
        update();
        Q_EMIT strokePainted(stroke);
        return;
    }
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
