// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

namespace easel {

class MaskLayer;

/**
 * Shows one image: the live preview of the running job, then its result. Fit (the default) scales the
 * image to the view, keeping its aspect ratio; zoom in/out and 1:1 switch to a free zoom where the image
 * is dragged to pan and the wheel zooms about the pointer. A preview smaller than its image (the approx
 * preview is 1/8 size) is scaled to the image's size, so the picture does not jump when the result lands.
 *
 * Mask painting (inpainting): with a mask layer and a start image set, setMaskEditing(true) shows the start
 * image with the mask over it, translucent; the left button paints (or erases) with the layer's brush, the
 * right or middle button pans. The image shown otherwise is kept and comes back when editing ends.
 */
class CanvasView : public QWidget {
    Q_OBJECT
public:
    explicit CanvasView(QWidget* parent = nullptr);

    /// Shows `image`; `logicalSize` is the size it stands for (the final image's), when known.
    void setImage(const QImage& image, QSize logicalSize = {});
    void clear();
    QImage image() const { return m_image; }
    QSize logicalSize() const { return m_logicalSize; }

    bool isFit() const { return m_fit; }
    /// Screen pixels per image pixel (in fit mode, the fitted scale).
    double zoom() const;

    void zoomIn();
    void zoomOut();
    void fitToView();
    void actualSize();
    void setZoom(double zoom);

    /// Text shown while there is no image.
    void setPlaceholderText(const QString& text);

    /// The mask painted in mask editing (not owned; null: none).
    void setMaskLayer(MaskLayer* layer);
    /// The image the mask is painted over (the start image); a null image ends mask editing.
    void setMaskBase(const QImage& base);
    QImage maskBase() const { return m_maskBase; }
    bool isMaskEditing() const { return m_maskEditing; }
    /// Starts or ends mask editing; starting needs a mask layer and a mask base.
    void setMaskEditing(bool editing);
    /// The image pixel under the view position `pos` (in the image shown).
    QPointF imagePosition(QPointF pos) const;

Q_SIGNALS:
    void zoomChanged(double zoom);
    void maskEditingChanged(bool editing);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    /// The image on screen and the size it stands for: the mask base while editing the mask.
    const QImage& shownImage() const { return m_maskEditing ? m_maskBase : m_image; }
    QSize shownSize() const { return m_maskEditing ? m_maskBase.size() : m_logicalSize; }
    void updateMaskRect(const QRect& imageRect);

    double fitZoom() const;
    QRectF imageRect() const;
    void zoomAbout(double zoom, QPointF anchor);
    void clampPan();

    QImage m_image;
    QSize m_logicalSize;
    QString m_placeholder;
    bool m_fit = true;
    double m_zoom = 1.0;
    QPointF m_pan; ///< offset of the image's centre from the view's centre, screen pixels
    QPointF m_dragStart;
    QPointF m_panAtDragStart;
    bool m_dragging = false;

    MaskLayer* m_mask = nullptr;
    QImage m_maskBase;
    bool m_maskEditing = false;
    bool m_painting = false;
    QPointF m_pointer; ///< last pointer position while editing the mask (for the brush outline); (-1, -1): none
};

} // namespace easel
