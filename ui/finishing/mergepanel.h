// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/merge.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
template <typename T> class QFutureWatcher;

namespace easel {

class ImageSlot;
class JobQueue;
class MergeCanvas;
class PreviewRunner;
class ToolJobTracker;
class ValueSlider;

/**
 * Merge panel ("mergePanel"): a character and a background (Open, or drop on their slots), the cut-out
 * figure over a checkerboard (matte view), the figure dragged and scaled on the background (default: the
 * middle of the right half, feet on the bottom edge), harmonisation strength, edge softness and the
 * output size (default 1024 x 512). The figure is cut out once per character and softness, off the GUI
 * thread; in the matte view a brush corrects it: keep / remove strokes re-seed the segmentation (the cutout is
 * made again with them, imaging::CutoutOptions::strokes) and are recorded with the merge. The live preview composites
 * that cutout (imaging::composite(), the second half of merge()) at the view's size, newest request first. Apply queues
 * an ImageToolJob that runs the same merge at full size into "<character>-merged.png" beside the character.
 *
 * Children: "mergeCharacter", "mergeBackground" (ImageSlots), "mergeCanvas", "matteButton", the brush bar
 * "matteBrushBar" (shown in the matte view) with "brushKeepButton", "brushRemoveButton", "brushSize",
 * "undoStrokeButton", "clearStrokesButton";
 * "resetPlacementButton", ValueSliders "mergeScale", "harmonize", "edgeSoftness"; "outputWidth",
 * "outputHeight", "applyButton", "mergeStatus".
 */
class MergePanel : public QWidget {
    Q_OBJECT
public:
    explicit MergePanel(JobQueue& queue, QWidget* parent = nullptr);
    ~MergePanel() override;

    QString character() const;
    QString background() const;
    /// The merge as Apply would run it (output pixels).
    imaging::MergeOptions options() const;
    /// Sets every control from \a options (position unset: the default place).
    void setOptions(const imaging::MergeOptions& options);
    /// Where the figure's feet are, in output pixels (the default when not moved).
    cv::Point2d feetPosition() const;
    /// Moves the figure's feet to \a position (output pixels), as a drag would.
    void setFeetPosition(const cv::Point2d& position);

    bool cutoutReady() const { return m_cutout != nullptr; }
    /// The matte strokes painted on the character, in order (character pixels).
    const std::vector<imaging::MatteStroke>& strokes() const { return m_strokes; }
    QImage previewImage() const;
    /// The size the preview is computed at (the output size reduced to the view).
    QSize previewSize() const;
    /// How often the preview has computed the figure's colour statistics for the harmonisation (once per cutout,
    /// figure size and preview size) and the background's (once per background and preview size); moving the
    /// harmonisation slider computes neither.
    int figureStatisticsComputed() const { return m_cache->subjectStatistics; }
    int backgroundStatisticsComputed() const { return m_cache->referenceStatistics; }

public Q_SLOTS:
    void setCharacter(const QString& path);
    void setBackground(const QString& path);
    void resetPlacement();
    /// Adds a matte stroke (as the brush paints one) and cuts the figure out again with it.
    void addStroke(const imaging::MatteStroke& stroke);
    /// Takes back the last stroke / every stroke.
    void undoStroke();
    void clearStrokes();
    quint64 apply();

Q_SIGNALS:
    void cutoutChanged();
    void previewUpdated(double computeMs, double latencyMs);
    void previewSettled();
    void applied(quint64 jobId, const QString& output);
    void resultSaved(const QString& path);
    void errorOccurred(const QString& message);

private:
    struct CutoutOutcome {
        QString path;
        double feather = 0.0;
        std::vector<imaging::MatteStroke> strokes;
        std::shared_ptr<const imaging::Cutout> cutout;
        QImage matte;
        QString error;
        double ms = 0.0;
    };
    /// What previews keep between them (used on the preview thread), each part made again only when what it
    /// depends on changes: moving the harmonisation slider redoes the colour transfer and the blend alone.
    struct PreviewCache {
        std::mutex mutex;
        cv::Mat source; ///< the background the fitted one was made from
        cv::Mat fitted; ///< fitted to the preview size
        bool referenceValid = false;
        imaging::LabStatistics reference; ///< of fitted
        std::shared_ptr<const imaging::Cutout> cutout; ///< plain and subject below were made from this,
        double scale = 0.0; ///< at this scale
        cv::Size size; ///< for this preview size
        imaging::ScaledFigure plain; ///< the figure scaled, not harmonised
        bool subjectValid = false;
        imaging::HarmonizeSubject subject; ///< of plain
        bool figureValid = false;
        double harmonize = -1.0;
        imaging::ScaledFigure figure; ///< plain harmonised with fitted at this strength
        imaging::HarmonizeScratch scratch;
        cv::Mat image; ///< the composite
        std::atomic<int> subjectStatistics { 0 };
        std::atomic<int> referenceStatistics { 0 };
    };
    void requestCutout();
    void cutoutFinished();
    void requestPreview();
    void updateFigure();
    void updateApply();
    void outputSizeChanged();
    void setStatus(const QString& text);
    void strokesChanged();
    void updateBrush();

    ImageSlot* m_character = nullptr;
    ImageSlot* m_background = nullptr;
    MergeCanvas* m_canvas = nullptr;
    QToolButton* m_matteButton = nullptr;
    QPushButton* m_resetPlacement = nullptr;
    QWidget* m_brushBar = nullptr;
    QToolButton* m_brushKeep = nullptr;
    QToolButton* m_brushRemove = nullptr;
    QSpinBox* m_brushSize = nullptr;
    QToolButton* m_undoStroke = nullptr;
    QToolButton* m_clearStrokes = nullptr;
    ValueSlider* m_scale = nullptr;
    ValueSlider* m_harmonize = nullptr;
    ValueSlider* m_softness = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_resizeTimer = nullptr;
    PreviewRunner* m_runner = nullptr;
    ToolJobTracker* m_jobs = nullptr;
    QFutureWatcher<CutoutOutcome>* m_cutoutWatcher = nullptr;

    std::shared_ptr<const imaging::Cutout> m_cutout;
    std::shared_ptr<PreviewCache> m_cache;
    bool m_cutoutAgain = false; ///< the character or softness changed while a cutout ran
    std::optional<cv::Point2d> m_position;
    std::vector<imaging::MatteStroke> m_strokes;
    cv::Size m_outputSize { 1024, 512 };
};

} // namespace easel
