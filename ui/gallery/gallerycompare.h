// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QDialog>
#include <QImage>
#include <QList>
#include <QPointF>

#include <optional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace easel {

/// The pictures of a compare (objectName "galleryCompareCanvas"): every image in the same view (zoom and pan are
/// one transform, so they move together), side by side, stacked with a slider, flickering between two, or the
/// difference heat map of two.
class CompareCanvas : public QWidget {
    Q_OBJECT
public:
    enum class Mode { SideBySide, Slider, Flicker, Difference };

    explicit CompareCanvas(QWidget* parent = nullptr);

    void setImages(const QList<QImage>& images);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// The pair the slider, the flicker and the difference show (indexes into the images).
    void setPair(int a, int b);
    void setDifference(const QImage& heatMap);

    /// 1 fits each image to its cell; zoom and pan are shared by every image.
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    /// The image point (0..1 of its width and height) at the centre of every cell.
    QPointF centre() const { return m_centre; }
    void setCentre(const QPointF& centre);
    void resetView();
    /// Where the slider divides A (left) from B (right), 0..1 of the cell.
    double slider() const { return m_slider; }
    void setSlider(double position);
    /// In Flicker mode: whether B is shown now.
    bool showsSecond() const { return m_second; }
    void toggleFlicker();

    /// Where image \a index is drawn in \a cell (for tests and painting).
    QRectF imageRect(int index, const QRectF& cell) const;
    QList<QRectF> cells() const;

Q_SIGNALS:
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QList<QImage> m_images;
    QImage m_difference;
    Mode m_mode = Mode::SideBySide;
    int m_a = 0;
    int m_b = 1;
    double m_zoom = 1.0;
    QPointF m_centre { 0.5, 0.5 };
    double m_slider = 0.5;
    bool m_second = false;
    bool m_draggingSlider = false;
    bool m_panning = false;
    QPointF m_lastMouse;
};

/**
 * Compare (objectName "galleryCompare"): two or more images side by side, or two stacked with a slider, flickering
 * or as a difference heat map (computed off the GUI thread), with zoom and pan locked together, and the recipe diff:
 * the fields that differ from the first image's recipe, the prompts word by word (RecipeDiff).
 */
class GalleryCompare : public QDialog {
    Q_OBJECT
public:
    explicit GalleryCompare(const QStringList& paths, QWidget* parent = nullptr);
    ~GalleryCompare() override;

    QStringList paths() const { return m_paths; }
    CompareCanvas* canvas() const { return m_canvas; }
    /// True once every image is decoded.
    bool isLoaded() const { return m_loaded; }
    /// True once the heat map of the current pair is computed.
    bool isDifferenceReady() const { return m_differenceReady; }
    /// Pixels that differ between the pair (any channel), and the largest difference (0-255); -1 until ready.
    qint64 differingPixels() const { return m_differingPixels; }
    int largestDifference() const { return m_largestDifference; }
    /// The recipe fields that differ between the first image and image \a other (RecipeDiff::fieldNames); empty
    /// when either has no recipe.
    QStringList differingFields(int other = 1) const;
    /// The recipe diff as shown, in plain text.
    QString diffText() const;

    void setMode(CompareCanvas::Mode mode);
    void setPair(int a, int b);

Q_SIGNALS:
    void loaded();
    void differenceReady();

private:
    void computeDifference();
    void showDiff();

    QStringList m_paths;
    QList<std::optional<ImageRecipe>> m_recipes;
    CompareCanvas* m_canvas = nullptr;
    QButtonGroup* m_modes = nullptr;
    QComboBox* m_first = nullptr;
    QComboBox* m_second = nullptr;
    QToolButton* m_flicker = nullptr;
    QTimer* m_flickerTimer = nullptr;
    QLabel* m_status = nullptr;
    QTextBrowser* m_diff = nullptr;
    QList<QImage> m_images;
    bool m_loaded = false;
    bool m_differenceReady = false;
    qint64 m_differingPixels = -1;
    int m_largestDifference = -1;
    quint64 m_differenceSerial = 0;
};

} // namespace easel
