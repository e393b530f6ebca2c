// SPDX-License-Identifier: MIT
#include "canvas/masklayer.h"

#include <QPainter>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace easel {

namespace {

    /// The colour of the repaint area in the overlay (drawn translucent over the image).
    const QColor kMaskColour(255, 48, 96);

    /// One stroke (or a Clear): the overlay's pixels in `rect` before and after.
    class MaskEdit : public QUndoCommand {
    public:
        MaskEdit(MaskLayer& layer, const QString& text, const QRect& rect, const QImage& before, const QImage& after)
            : QUndoCommand(text)
            , m_layer(layer)
            , m_topLeft(rect.topLeft())
            , m_before(before)
            , m_after(after)
        {
        }
        void undo() override { m_layer.restore(m_topLeft, m_before); }
        void redo() override
        {
            if (m_done) // pushed after it was painted
                m_layer.restore(m_topLeft, m_after);
            m_done = true;
        }

    private:
        MaskLayer& m_layer;
        QPoint m_topLeft;
        QImage m_before;
        QImage m_after;
        bool m_done = false;
    };

} // namespace

MaskLayer::MaskLayer(QObject* parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    m_undo->setUndoLimit(50);
}

MaskLayer::~MaskLayer()
{
    // The undo stack says its index changed when it is cleared on destruction: nobody is to hear of it then.
    QObject::disconnect(m_undo, nullptr, nullptr, nullptr);
}

void MaskLayer::reset(QSize size)
{
    m_stroking = false;
    m_undo->clear();
    if (size.isEmpty()) {
        m_overlay = QImage();
    } else {
        m_overlay = QImage(size, QImage::Format_ARGB32_Premultiplied);
        m_overlay.fill(Qt::transparent);
    }
    Q_EMIT changed({});
}

void MaskLayer::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    Q_EMIT toolChanged(tool);
}

void MaskLayer::setBrushSize(int pixels)
{
    pixels = std::max(1, pixels);
    if (pixels == m_brushSize)
        return;
    m_brushSize = pixels;
    Q_EMIT brushSizeChanged(pixels);
}

QRect MaskLayer::paintSegment(QPointF from, QPointF to)
{
    QPainter painter(&m_overlay);
    // No antialiasing: the mask is white or black, as the user sees it.
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (m_tool == Tool::Eraser)
        painter.setCompositionMode(QPainter::CompositionMode_Clear);
    painter.setPen(QPen(kMaskColour, m_brushSize, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (from == to)
        painter.drawPoint(from);
    else
        painter.drawLine(from, to);
    const int r = m_brushSize / 2 + 2;
    return QRectF(from, to).normalized().toAlignedRect().adjusted(-r, -r, r, r).intersected(m_overlay.rect());
}

void MaskLayer::beginStroke(QPointF imagePos)
{
    if (m_overlay.isNull())
        return;
    m_stroking = true;
    m_before = m_overlay.copy();
    m_last = imagePos;
    m_strokeRect = paintSegment(imagePos, imagePos);
    Q_EMIT changed(m_strokeRect);
}

void MaskLayer::strokeTo(QPointF imagePos)
{
    if (!m_stroking)
        return;
    const QRect r = paintSegment(m_last, imagePos);
    m_last = imagePos;
    m_strokeRect |= r;
    Q_EMIT changed(r);
}

void MaskLayer::endStroke()
{
    if (!m_stroking)
        return;
    m_stroking = false;
    const QRect rect = m_strokeRect;
    const QImage before = m_before.copy(rect);
    m_before = QImage();
    if (rect.isEmpty())
        return;
    const QImage after = m_overlay.copy(rect);
    if (before == after) // erasing nothing, or painting over paint
        return;
    m_undo->push(new MaskEdit(*this, m_tool == Tool::Eraser ? tr("Erase") : tr("Paint"), rect, before, after));
}

void MaskLayer::clear()
{
    if (m_overlay.isNull() || isEmpty())
        return;
    const QImage before = m_overlay.copy();
    m_overlay.fill(Qt::transparent);
    m_undo->push(new MaskEdit(*this, tr("Clear mask"), m_overlay.rect(), before, m_overlay.copy()));
    Q_EMIT changed({});
}

bool MaskLayer::isEmpty() const
{
    for (int y = 0; y < m_overlay.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(m_overlay.constScanLine(y));
        for (int x = 0; x < m_overlay.width(); ++x)
            if (qAlpha(line[x]) >= 128)
                return false;
    }
    return true;
}

QImage MaskLayer::toMask() const
{
    if (m_overlay.isNull())
        return {};
    QImage mask(m_overlay.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < m_overlay.height(); ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(m_overlay.constScanLine(y));
        uchar* out = mask.scanLine(y);
        for (int x = 0; x < m_overlay.width(); ++x)
            out[x] = qAlpha(in[x]) >= 128 ? 255 : 0;
    }
    return mask;
}

void MaskLayer::setMask(const QImage& mask)
{
    if (m_overlay.isNull())
        return;
    QImage gray = mask.convertToFormat(QImage::Format_Grayscale8);
    if (gray.size() != m_overlay.size())
        gray = gray.scaled(m_overlay.size(), Qt::IgnoreAspectRatio, Qt::FastTransformation);
    const QRgb paint = kMaskColour.rgb();
    for (int y = 0; y < m_overlay.height(); ++y) {
        const uchar* in = gray.constScanLine(y);
        auto* out = reinterpret_cast<QRgb*>(m_overlay.scanLine(y));
        for (int x = 0; x < m_overlay.width(); ++x)
            out[x] = in[x] >= 128 ? paint : 0;
    }
    m_undo->clear();
    Q_EMIT changed({});
}

void MaskLayer::restore(const QPoint& topLeft, const QImage& patch)
{
    QPainter painter(&m_overlay);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.drawImage(topLeft, patch);
    painter.end();
    Q_EMIT changed(QRect(topLeft, patch.size()));
}

} // namespace easel
