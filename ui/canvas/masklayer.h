// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QObject>
#include <QPointF>

class QUndoStack;

namespace easel {

/**
 * The inpainting mask being painted over the start image: an overlay of the image's size whose opaque pixels
 * are the ones to repaint. Strokes are painted with a round brush (or erased) in image pixels; each stroke, and
 * each Clear, is one step of undoStack(). toMask() gives what the engine reads: white = repaint, black = keep.
 */
class MaskLayer : public QObject {
    Q_OBJECT
public:
    enum class Tool { Brush, Eraser };

    explicit MaskLayer(QObject* parent = nullptr);
    ~MaskLayer() override;

    /// Starts over with an empty mask of `size` (an empty size: no mask); the undo history is dropped.
    void reset(QSize size);
    QSize size() const { return m_overlay.size(); }

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    /// Brush diameter in image pixels.
    int brushSize() const { return m_brushSize; }
    void setBrushSize(int pixels);

    /// A stroke: begin, move through points, end (one undo step).
    void beginStroke(QPointF imagePos);
    void strokeTo(QPointF imagePos);
    void endStroke();
    bool isStroking() const { return m_stroking; }

    /// Empties the mask (one undo step; nothing when it is already empty).
    void clear();
    bool isEmpty() const;

    /// What is shown over the image: the repaint area in one colour (opaque), transparent elsewhere.
    const QImage& overlay() const { return m_overlay; }
    /// The mask as the engine reads it: Grayscale8 of size(), white = repaint; a null image when size() is empty.
    QImage toMask() const;
    /// Replaces the mask (not undoable) with `mask` (white, or any light pixel, = repaint) scaled to size().
    void setMask(const QImage& mask);

    QUndoStack* undoStack() const { return m_undo; }

    /// Puts `patch` into the overlay at `topLeft` (the undo commands' way back and forth).
    void restore(const QPoint& topLeft, const QImage& patch);

Q_SIGNALS:
    /// The mask changed in `rect` (image pixels); the whole mask for an empty rect.
    void changed(const QRect& rect);
    void toolChanged(Tool tool);
    void brushSizeChanged(int pixels);

private:
    QRect paintSegment(QPointF from, QPointF to);

    QImage m_overlay;
    QImage m_before; ///< the overlay when the current stroke began
    QRect m_strokeRect;
    QPointF m_last;
    bool m_stroking = false;
    Tool m_tool = Tool::Brush;
    int m_brushSize = 32;
    QUndoStack* m_undo = nullptr;
};

} // namespace easel
