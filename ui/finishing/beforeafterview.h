// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QWidget>

namespace easel {

/**
 * The finishing panels' preview: the image after the tool, the image before it, or both split by a
 * vertical divider (before on the left) that is dragged with the mouse. Images are fitted to the view
 * (aspect kept) over a checkerboard, so transparency shows. The images are screen-sized copies: the view
 * reports the size in device pixels an image is shown at, for the panel to compute its preview at.
 */
class BeforeAfterView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { After, Before, Split };

    explicit BeforeAfterView(QWidget* parent = nullptr);

    void setBefore(const QImage& image);
    void setAfter(const QImage& image);
    QImage before() const { return m_before; }
    QImage after() const { return m_after; }
    void clear();

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Where the divider is, 0 (left edge) to 1.
    void setSplit(double fraction);
    double split() const { return m_split; }

    void setPlaceholderText(const QString& text);

    /// The area an image fills, in device pixels: the most a preview needs.
    QSize deviceSize() const;
    /// Where an image of \a size is drawn, in widget coordinates.
    QRectF imageRect(QSize size) const;

    QSize sizeHint() const override { return { 480, 320 }; }
    QSize minimumSizeHint() const override { return { 160, 120 }; }

Q_SIGNALS:
    /// The view was resized (device pixels); previews may be recomputed at the new size.
    void deviceSizeChanged(QSize size);
    void splitChanged(double fraction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QSize shownSize() const;
    void dragSplitTo(double x);

    QImage m_before;
    QImage m_after;
    Mode m_mode = Mode::After;
    double m_split = 0.5;
    bool m_dragging = false;
    QString m_placeholder;
};

/// Draws \a image into \a target: pixel for pixel when it was made at that size, else smoothly scaled.
void drawImageIn(class QPainter& painter, const QRectF& target, const QImage& image);

/// Paints a light/dark checkerboard (transparency backdrop) over \a rect.
void paintCheckerboard(class QPainter& painter, const QRectF& rect, int cell = 8);

} // namespace easel
