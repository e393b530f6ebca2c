// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/enhance.h"

#include <QWidget>

#include <opencv2/core.hpp>

#include <memory>

class QGroupBox;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace easel {

class BeforeAfterView;
class EnhanceChain;
class ImageSlot;
class JobQueue;
class PreviewRunner;
class ToolJobTracker;
class ValueSlider;

/**
 * Enhance panel ("enhancePanel"): sharpness, contrast, colour and brightness factors and an unsharp mask
 * (Pillow semantics, imaging/enhance.h), the one-click preset, a before/after toggle and a split view.
 * The preview is computed on a copy of the source the size of the view, off the GUI thread, newest
 * request first (PreviewRunner); the unsharp radius is scaled with the copy so it looks as the full-size
 * result will at that size. Apply queues an ImageToolJob at full size on \a queue, written beside the
 * source as "<name>-enhanced.png" (never over it), with its source and operations in the PNG's chunks.
 *
 * Children: "enhanceSource" (ImageSlot), "previewView", "beforeButton", "splitButton", ValueSliders
 * "sharpness", "contrast", "color", "brightness", the checkable group "unsharpGroup" with "unsharpRadius",
 * "unsharpPercent", "unsharpThreshold"; "presetButton", "resetButton", "applyButton", "applyChainButton"
 * ("Apply chain from...": the operations recorded in another result, re-applied to this image as one queued job,
 * written as "<name>-chain.png"), "enhanceStatus".
 */
class EnhancePanel : public QWidget {
    Q_OBJECT
public:
    explicit EnhancePanel(JobQueue& queue, QWidget* parent = nullptr);
    ~EnhancePanel() override;

    QString source() const;
    imaging::EnhanceSettings settings() const;
    void setSettings(const imaging::EnhanceSettings& settings);

    /// The preview shown (after the tool), and the screen-sized copy it is computed from.
    QImage previewImage() const;
    cv::Mat previewSource() const { return m_previewSource; }

public Q_SLOTS:
    /// Loads \a path (off the GUI thread) as the image to enhance.
    void setSource(const QString& path);
    /// The one-click preset (EnhanceSettings::seedChain()).
    void applyPreset();
    void reset();
    /// Queues the job; returns its id (0 when nothing to do).
    quint64 apply();
    /// Re-applies the chain recorded in \a resultPath (its easel:operations) to the source as one queued job;
    /// its id, 0 when there is nothing to apply (errorOccurred says why).
    quint64 applyChainFrom(const QString& resultPath);
    /// Asks for the result whose chain to re-apply, then applyChainFrom().
    void chooseChain();

Q_SIGNALS:
    void sourceChanged(const QString& path);
    /// A preview was shown: the worker's time and the time since the request (ms).
    void previewUpdated(double computeMs, double latencyMs);
    /// The newest preview is on screen and nothing is waiting.
    void previewSettled();
    void applied(quint64 jobId, const QString& output);
    void resultSaved(const QString& path);
    /// One line for the window's message bar.
    void errorOccurred(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void sourceLoaded();
    void rebuildPreviewSource();
    void requestPreview();
    void updateMode();
    void updateApply();
    void setStatus(const QString& text);

    ImageSlot* m_source = nullptr;
    BeforeAfterView* m_view = nullptr;
    QToolButton* m_before = nullptr;
    QToolButton* m_split = nullptr;
    ValueSlider* m_sharpness = nullptr;
    ValueSlider* m_contrast = nullptr;
    ValueSlider* m_color = nullptr;
    ValueSlider* m_brightness = nullptr;
    QGroupBox* m_unsharp = nullptr;
    ValueSlider* m_radius = nullptr;
    ValueSlider* m_percent = nullptr;
    ValueSlider* m_threshold = nullptr;
    QPushButton* m_preset = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_applyChain = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_resizeTimer = nullptr;
    PreviewRunner* m_runner = nullptr;
    ToolJobTracker* m_jobs = nullptr;
    std::shared_ptr<EnhanceChain> m_chain; ///< shared with the preview thread

    cv::Mat m_previewSource;
    double m_previewScale = 1.0;
    bool m_batching = false;
};

} // namespace easel
