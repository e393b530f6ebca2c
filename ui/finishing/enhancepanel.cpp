// SPDX-License-Identifier: MIT
#include "finishing/enhancepanel.h"

#include "finishing/beforeafterview.h"
#include "finishing/enhancechain.h"
#include "finishing/finishingutil.h"
#include "finishing/imageslot.h"
#include "finishing/previewrunner.h"
#include "finishing/tooljobtracker.h"
#include "finishing/valueslider.h"
#include "gallery/imagefile.h"
#include "imaging/imageio.h"
#include "jobs/jobqueue.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace easel {

namespace {

    /// Below this the view is not laid out yet: preview at a typical size meanwhile.
    constexpr int kSmallestView = 64;
    const QSize kFallbackPreview(1280, 720);

} // namespace

EnhancePanel::EnhancePanel(JobQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_source(new ImageSlot(QStringLiteral("enhanceSource"), tr("Drop an image to enhance"), this))
    , m_view(new BeforeAfterView(this))
    , m_before(new QToolButton(this))
    , m_split(new QToolButton(this))
    , m_sharpness(new ValueSlider(QStringLiteral("sharpness"), 0.0, 3.0, 10.0, 2, 1.0, this))
    , m_contrast(new ValueSlider(QStringLiteral("contrast"), 0.0, 3.0, 10.0, 2, 1.0, this))
    , m_color(new ValueSlider(QStringLiteral("color"), 0.0, 3.0, 10.0, 2, 1.0, this))
    , m_brightness(new ValueSlider(QStringLiteral("brightness"), 0.0, 3.0, 10.0, 2, 1.0, this))
    , m_unsharp(new QGroupBox(tr("Unsharp mask"), this))
    , m_radius(new ValueSlider(QStringLiteral("unsharpRadius"), 0.0, 10.0, 100.0, 1, 2.0, this))
    , m_percent(new ValueSlider(QStringLiteral("unsharpPercent"), 0.0, 500.0, 2000.0, 0, 150.0, this))
    , m_threshold(new ValueSlider(QStringLiteral("unsharpThreshold"), 0.0, 255.0, 255.0, 0, 3.0, this))
    , m_preset(new QPushButton(tr("One-click enhance"), this))
    , m_reset(new QPushButton(tr("Reset"), this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_applyChain(new QPushButton(tr("Apply chain from..."), this))
    , m_status(new QLabel(this))
    , m_resizeTimer(new QTimer(this))
    , m_runner(new PreviewRunner(this))
    , m_jobs(new ToolJobTracker(queue, this))
    , m_chain(std::make_shared<EnhanceChain>())
{
    setObjectName(QStringLiteral("enhancePanel"));
    setAcceptDrops(true);

    m_view->setPlaceholderText(tr("Drop an image here, or choose one above, to enhance it"));
    m_before->setObjectName(QStringLiteral("beforeButton"));
    m_before->setText(tr("Before"));
    m_before->setCheckable(true);
    m_before->setToolTip(tr("Show the image before the enhancement"));
    m_split->setObjectName(QStringLiteral("splitButton"));
    m_split->setText(tr("Split"));
    m_split->setCheckable(true);
    m_split->setToolTip(tr("Before on the left, after on the right; drag the divider"));
    m_sharpness->setToolTip(tr("1 leaves the image as it is; 0 blurs, above 1 sharpens"));
    m_contrast->setToolTip(tr("1 leaves the image as it is; 0 is flat grey"));
    m_color->setToolTip(tr("1 leaves the image as it is; 0 is black and white"));
    m_brightness->setToolTip(tr("1 leaves the image as it is; 0 is black"));
    m_radius->setSuffix(tr(" px"));
    m_percent->setSuffix(tr(" %"));
    m_unsharp->setObjectName(QStringLiteral("unsharpGroup"));
    m_unsharp->setCheckable(true);
    m_unsharp->setChecked(false);
    m_preset->setObjectName(QStringLiteral("presetButton"));
    m_preset->setToolTip(tr("Sharpness 1.2, contrast 1.1, colour 1.1 and an unsharp mask of 1 px, 150%, 3"));
    m_reset->setObjectName(QStringLiteral("resetButton"));
    m_applyChain->setObjectName(QStringLiteral("applyChainButton"));
    m_applyChain->setToolTip(tr("Re-apply the steps recorded in another result (enhance, watermark) to this image"));
    m_applyChain->setEnabled(false);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    m_status->setObjectName(QStringLiteral("enhanceStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(80);

    auto* modes = new QHBoxLayout;
    modes->addWidget(m_before);
    modes->addWidget(m_split);
    modes->addStretch(1);

    auto* unsharpForm = new QFormLayout(m_unsharp);
    unsharpForm->addRow(tr("Radius"), m_radius);
    unsharpForm->addRow(tr("Amount"), m_percent);
    unsharpForm->addRow(tr("Threshold"), m_threshold);

    auto* form = new QFormLayout;
    form->addRow(tr("Sharpness"), m_sharpness);
    form->addRow(tr("Contrast"), m_contrast);
    form->addRow(tr("Colour"), m_color);
    form->addRow(tr("Brightness"), m_brightness);

    // Two rows: the four buttons side by side are wider than the dock in German.
    auto* buttons = new QVBoxLayout;
    auto* values = new QHBoxLayout;
    values->addWidget(m_preset);
    values->addWidget(m_reset);
    values->addStretch(1);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_applyChain);
    actions->addStretch(1);
    actions->addWidget(m_apply);
    buttons->addLayout(values);
    buttons->addLayout(actions);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addWidget(m_view, 1);
    layout->addLayout(modes);
    layout->addLayout(form);
    layout->addWidget(m_unsharp);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    for (ValueSlider* slider : { m_sharpness, m_contrast, m_color, m_brightness, m_radius, m_percent, m_threshold })
        connect(slider, &ValueSlider::valueChanged, this, [this] {
            if (!m_batching)
                requestPreview();
            updateApply();
        });
    connect(m_unsharp, &QGroupBox::toggled, this, [this] {
        if (!m_batching)
            requestPreview();
        updateApply();
    });
    connect(m_before, &QToolButton::toggled, this, &EnhancePanel::updateMode);
    connect(m_split, &QToolButton::toggled, this, &EnhancePanel::updateMode);
    connect(m_preset, &QPushButton::clicked, this, &EnhancePanel::applyPreset);
    connect(m_reset, &QPushButton::clicked, this, &EnhancePanel::reset);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_applyChain, &QPushButton::clicked, this, &EnhancePanel::chooseChain);

    connect(m_source, &ImageSlot::pathChanged, this, [this](const QString& path) {
        m_previewSource.release();
        m_runner->cancel();
        m_view->clear();
        updateApply();
        Q_EMIT sourceChanged(path);
    });
    connect(m_source, &ImageSlot::loaded, this, &EnhancePanel::sourceLoaded);
    connect(m_source, &ImageSlot::failed, this, [this](const QString& message) {
        setStatus(message);
        Q_EMIT errorOccurred(message);
    });
    connect(m_view, &BeforeAfterView::deviceSizeChanged, m_resizeTimer, qOverload<>(&QTimer::start));
    connect(m_resizeTimer, &QTimer::timeout, this, &EnhancePanel::rebuildPreviewSource);

    connect(m_runner, &PreviewRunner::ready, this, [this](const QImage& image, double computeMs, double latencyMs) {
        m_view->setAfter(image);
        m_view->setToolTip(
            tr("Preview %1 x %2, computed in %3 ms").arg(image.width()).arg(image.height()).arg(computeMs, 0, 'f', 1));
        Q_EMIT previewUpdated(computeMs, latencyMs);
    });
    connect(m_runner, &PreviewRunner::settled, this, &EnhancePanel::previewSettled);
    connect(m_runner, &PreviewRunner::failed, this, [this](const QString& message) { setStatus(message); });

    connect(m_jobs, &ToolJobTracker::submitted, this, [this](quint64 id, const QString& output) {
        setStatus(tr("Queued: %1").arg(QFileInfo(output).fileName()));
        Q_EMIT applied(id, output);
    });
    connect(m_jobs, &ToolJobTracker::saved, this, [this](quint64, const QString& output) {
        setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(output)));
        Q_EMIT resultSaved(output);
    });
    connect(m_jobs, &ToolJobTracker::failed, this, [this](quint64, const QString& message) {
        setStatus(message);
        Q_EMIT errorOccurred(message);
    });
    updateApply();
}

EnhancePanel::~EnhancePanel() = default;

QString EnhancePanel::source() const { return m_source->path(); }

QImage EnhancePanel::previewImage() const { return m_view->after(); }

imaging::EnhanceSettings EnhancePanel::settings() const
{
    imaging::EnhanceSettings s;
    s.sharpness = m_sharpness->value();
    s.contrast = m_contrast->value();
    s.color = m_color->value();
    s.brightness = m_brightness->value();
    if (m_unsharp->isChecked())
        s.unsharp
            = imaging::UnsharpMaskParams { m_radius->value(), int(m_percent->value()), int(m_threshold->value()) };
    return s;
}

void EnhancePanel::setSettings(const imaging::EnhanceSettings& s)
{
    m_batching = true;
    m_sharpness->setValue(s.sharpness);
    m_contrast->setValue(s.contrast);
    m_color->setValue(s.color);
    m_brightness->setValue(s.brightness);
    m_unsharp->setChecked(s.unsharp.has_value());
    if (s.unsharp) {
        m_radius->setValue(s.unsharp->radius);
        m_percent->setValue(s.unsharp->percent);
        m_threshold->setValue(s.unsharp->threshold);
    }
    m_batching = false;
    requestPreview();
    updateApply();
}

void EnhancePanel::setSource(const QString& path) { m_source->setPath(path); }

void EnhancePanel::applyPreset() { setSettings(imaging::EnhanceSettings::seedChain()); }

void EnhancePanel::reset()
{
    imaging::EnhanceSettings s;
    setSettings(s);
    m_batching = true;
    m_radius->setValue(m_radius->defaultValue());
    m_percent->setValue(m_percent->defaultValue());
    m_threshold->setValue(m_threshold->defaultValue());
    m_batching = false;
}

void EnhancePanel::sourceLoaded()
{
    const imaging::ImageData& image = m_source->image();
    setStatus(tr("%1: %2 x %3").arg(QFileInfo(image.path).fileName()).arg(image.pixels.cols).arg(image.pixels.rows));
    rebuildPreviewSource();
    updateApply();
}

void EnhancePanel::rebuildPreviewSource()
{
    if (!m_source->isLoaded())
        return;
    const cv::Mat& full = m_source->image().pixels;
    QSize bounds = m_view->deviceSize();
    if (bounds.width() < kSmallestView || bounds.height() < kSmallestView)
        bounds = kFallbackPreview;
    const cv::Mat copy = fitWithin(full, bounds);
    if (!m_previewSource.empty() && copy.size() == m_previewSource.size())
        return;
    m_previewSource = copy;
    m_previewScale = double(copy.cols) / full.cols;
    m_view->setBefore(matToImage(copy));
    requestPreview();
}

void EnhancePanel::requestPreview()
{
    if (m_previewSource.empty())
        return;
    imaging::EnhanceSettings s = settings();
    if (s.unsharp)
        s.unsharp->radius *= m_previewScale;
    const cv::Mat source = m_previewSource;
    const std::shared_ptr<EnhanceChain> chain = m_chain;
    m_runner->request([source, s, chain] { return chain->image(source, s); });
}

void EnhancePanel::updateMode()
{
    if (m_split->isChecked())
        m_view->setMode(BeforeAfterView::Mode::Split);
    else if (m_before->isChecked())
        m_view->setMode(BeforeAfterView::Mode::Before);
    else
        m_view->setMode(BeforeAfterView::Mode::After);
    m_before->setEnabled(!m_split->isChecked());
}

void EnhancePanel::updateApply()
{
    const bool identity = settings().isIdentity();
    m_apply->setEnabled(m_source->isLoaded() && !identity);
    m_applyChain->setEnabled(m_source->isLoaded());
    m_apply->setToolTip(identity ? tr("Nothing to apply: every setting leaves the image as it is")
                                 : tr("Enhance the full-size image into a new file beside it (queued)"));
}

quint64 EnhancePanel::apply()
{
    if (!m_source->isLoaded() || settings().isIdentity())
        return 0;
    ImageToolRequest request;
    request.tool = ImageToolRequest::Tool::Enhance;
    request.inputs = { m_source->path() };
    request.output = m_jobs->outputFor(m_source->path(), QStringLiteral("enhanced"));
    request.enhance = settings();
    return m_jobs->submit(request);
}

quint64 EnhancePanel::applyChainFrom(const QString& resultPath)
{
    if (!m_source->isLoaded())
        return 0;
    const QString name = QFileInfo(resultPath).fileName();
    auto refuse = [this](const QString& message) {
        setStatus(message);
        Q_EMIT errorOccurred(message);
        return quint64(0);
    };
    QJsonArray operations;
    try {
        const imaging::ImageData result = imaging::readImage(resultPath);
        operations
            = QJsonDocument::fromJson(ImageFile::text(result.chunks, imaging::chunk::operations).toUtf8()).array();
    } catch (const std::exception& e) {
        return refuse(QString::fromUtf8(e.what()));
    }
    if (operations.isEmpty())
        return refuse(tr("%1 records no steps to apply.").arg(name));
    for (const QJsonValue& step : operations) {
        if (step[QStringLiteral("op")].toString() == QLatin1String("merge"))
            return refuse(tr("%1 is a merge: make it again in the merge panel, it needs two images.").arg(name));
    }
    ImageToolRequest request;
    request.tool = ImageToolRequest::Tool::Chain;
    request.inputs = { m_source->path() };
    request.output = m_jobs->outputFor(m_source->path(), QStringLiteral("chain"));
    request.operations = operations;
    return m_jobs->submit(request);
}

void EnhancePanel::chooseChain()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Apply the chain of"), QFileInfo(m_source->path()).absolutePath(), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        applyChainFrom(path);
}

void EnhancePanel::setStatus(const QString& text) { m_status->setText(text); }

void EnhancePanel::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedImageFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void EnhancePanel::dropEvent(QDropEvent* event)
{
    const QString file = droppedImageFile(event->mimeData());
    if (file.isEmpty())
        return;
    event->acceptProposedAction();
    setSource(file);
}

} // namespace easel
