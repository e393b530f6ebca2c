// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/attribution.h"
#include "imaging/imageio.h"

#include <QWidget>

#include <opencv2/core.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;
template <typename T> class QFutureWatcher;

namespace easel {

class BeforeAfterView;
class ImageSlot;
class JobQueue;
class PreviewRunner;
class ToolJobTracker;
class ValueSlider;

/// The model an image was made with and its licence, as the attribute panel shows it before export.
struct ModelLicenceInfo {
    imaging::ModelInfo model; ///< what the provenance chunks will record
    QString url;
    QString restrictions; ///< a short summary of the use restrictions
    QString origin; ///< where this was read, for people ("the model file ...", "the image's metadata")

    /// Reads the image's recipe (gallery/imagemetadata.h): when its model file is on this machine, the
    /// licence that file declares (describeModel()); else what the image's chunks record, with the family's
    /// licence text. Reads files: call it off the GUI thread.
    static ModelLicenceInfo lookUp(const imaging::ImageData& image);
};

/**
 * Attribute panel ("attributePanel"): a visible watermark (text, corner, opacity, size) with a live
 * preview, and the invisible provenance chunks (AI-generated, model, licence, XMP) that are always
 * written. The model and its licence with its use restrictions are shown before anything is written.
 * Apply queues an ImageToolJob that writes "<name>-attributed.png" beside the source.
 *
 * Children: "attributeSource", "previewView", "beforeButton", "splitButton", "watermarkText",
 * "watermarkCorner", ValueSliders "watermarkOpacity" and "watermarkSize", "modelLabel", "licenceLabel",
 * "restrictionsLabel", "applyButton", "attributeStatus".
 */
class AttributePanel : public QWidget {
    Q_OBJECT
public:
    explicit AttributePanel(JobQueue& queue, QWidget* parent = nullptr);
    ~AttributePanel() override;

    QString source() const;
    imaging::WatermarkOptions watermark() const;
    void setWatermark(const imaging::WatermarkOptions& options);
    /// The licence shown; empty model name until it was looked up.
    const ModelLicenceInfo& licence() const { return m_licence; }
    bool licenceKnown() const { return m_licenceKnown; }

    QImage previewImage() const;
    cv::Mat previewSource() const { return m_previewSource; }

public Q_SLOTS:
    void setSource(const QString& path);
    quint64 apply();

Q_SIGNALS:
    void sourceChanged(const QString& path);
    void previewUpdated(double computeMs, double latencyMs);
    void previewSettled();
    /// The licence of the source's model is shown.
    void licenceShown();
    void applied(quint64 jobId, const QString& output);
    void resultSaved(const QString& path);
    void errorOccurred(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void sourceLoaded();
    void rebuildPreviewSource();
    void requestPreview();
    void showLicence();
    void updateMode();
    void updateApply();

    ImageSlot* m_source = nullptr;
    BeforeAfterView* m_view = nullptr;
    QToolButton* m_before = nullptr;
    QToolButton* m_split = nullptr;
    QLineEdit* m_text = nullptr;
    QComboBox* m_corner = nullptr;
    ValueSlider* m_opacity = nullptr;
    ValueSlider* m_size = nullptr;
    QLabel* m_model = nullptr;
    QLabel* m_licenceName = nullptr;
    QLabel* m_restrictions = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_resizeTimer = nullptr;
    PreviewRunner* m_runner = nullptr;
    ToolJobTracker* m_jobs = nullptr;
    QFutureWatcher<ModelLicenceInfo>* m_licenceWatcher = nullptr;

    cv::Mat m_previewSource;
    ModelLicenceInfo m_licence;
    bool m_licenceKnown = false;
};

} // namespace easel
