// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/merge.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace easel {

/**
 * The merge panel's canvas ("mergeCanvas"): the composite preview fitted to the view with the figure's
 * frame drawn over it; drag the figure to move it (its feet follow the pointer's motion) and turn the
 * wheel to scale it. In matte mode it shows the cut-out figure over a checkerboard instead, with the keep
 * (green) and remove (red) strokes painted on it; a drag there paints a new stroke with the brush. Coordinates
 * given and reported are output pixels, except strokes: character (matte) pixels.
 */
class MergeCanvas : public QWidget {
    Q_OBJECT
public:
    explicit MergeCanvas(QWidget* parent = nullptr);

    /// The composite preview, standing for an output of \a outputSize pixels.
    void setPreview(const QImage& image, QSize outputSize);
    QImage preview() const { return m_preview; }
    /// The cut-out figure with its matte as alpha, for matte mode.
    void setMatte(const QImage& matte);
    QImage matte() const { return m_matte; }
    void setMatteMode(bool on);
    bool matteMode() const { return m_matteMode; }
    /// The brush a drag in matte mode paints with (radius in character pixels).
    void setBrush(imaging::MatteStroke::Mode mode, double radius);
    /// The strokes drawn over the matte.
    void setStrokes(const std::vector<imaging::MatteStroke>& strokes);
    /// Where the matte lies in the widget, and widget position <-> character pixels.
    QRectF matteRect() const;
    QPointF toMatte(const QPointF& widgetPos) const;
    QPointF fromMatte(const QPointF& mattePos) const;
    /// The figure's frame and feet in output pixels (drawn over the preview); an empty frame hides them.
    void setFigure(const QRectF& frame, const QPointF& feet);
    void setPlaceholderText(const QString& text);
    void clear();

    /// The output size (pixels) shown, and where it lies in the widget.
    QSize outputSize() const { return m_outputSize; }
    QRectF outputRect() const;
    /// Widget position <-> output pixels.
    QPointF toOutput(const QPointF& widgetPos) const;
    QPointF toWidget(const QPointF& outputPos) const;
    /// The view's size in device pixels: the most a preview needs.
    QSize deviceSize() const;

    QSize sizeHint() const override { return { 520, 300 }; }
    QSize minimumSizeHint() const override { return { 200, 120 }; }

Q_SIGNALS:
    /// The figure was dragged by \a delta output pixels.
    void figureMoved(const QPointF& delta);
    /// The wheel asked to scale the figure by \a factor.
    void figureScaled(double factor);
    void deviceSizeChanged(QSize size);
    /// A stroke was painted on the matte with the brush set.
    void strokePainted(const imaging::MatteStroke& stroke);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void paintStroke(QPainter& painter, const imaging::MatteStroke& stroke) const;

    QImage m_preview;
    QImage m_matte;
    QSize m_outputSize;
    QRectF m_frame;
    QPointF m_feet;
    QString m_placeholder;
    QPointF m_lastDrag;
    bool m_dragging = false;
    bool m_matteMode = false;
    std::vector<imaging::MatteStroke> m_strokes;
    imaging::MatteStroke m_brush; ///< mode and radius; its points: the stroke being painted
    bool m_painting = false;
};

} // namespace easel
