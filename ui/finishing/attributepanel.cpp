// SPDX-License-Identifier: MIT
#include "finishing/attributepanel.h"

#include "finishing/beforeafterview.h"
#include "finishing/finishingutil.h"
#include "finishing/imageslot.h"
#include "finishing/previewrunner.h"
#include "finishing/tooljobtracker.h"
#include "finishing/valueslider.h"
#include "gallery/imagemetadata.h"
#include "jobs/jobqueue.h"
#include "jobs/modeldescription.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>

namespace easel {

namespace {

    constexpr int kSmallestView = 64;
    const QSize kFallbackPreview(1280, 720);

} // namespace

ModelLicenceInfo ModelLicenceInfo::lookUp(const imaging::ImageData& image)
{
    ModelLicenceInfo out;
    const ImageMetadata metadata = ImageMetadata::fromChunks(image.chunks);
    const QString modelPath = metadata.recipe ? metadata.recipe->model : QString();
    if (!modelPath.isEmpty() && QFileInfo::exists(modelPath)) {
        try {
            const ModelDescription d = describeModel(modelPath);
            out.model = imaging::ModelInfo { d.name, d.family, d.licenceName };
            out.url = d.licenceUrl;
            out.restrictions = d.licenceRestrictions;
            out.origin = d.licenceSource == QLatin1String("file metadata")
                ? AttributePanel::tr("declared by the model file %1").arg(QDir::toNativeSeparators(modelPath))
                : AttributePanel::tr("the usual licence of its family; the model file %1 names none")
                      .arg(QDir::toNativeSeparators(modelPath));
            return out;
        } catch (const std::exception&) {
            // An unreadable model file: fall back to what the image records.
        }
    }
    out.model = imaging::modelInfoFromChunks(image.chunks);
    if (out.model.name.isEmpty())
        out.model.name = metadata.modelName();
    if (out.model.family.isEmpty())
        out.model.family = imaging::familyFromName(out.model.name);
    const ModelDescription family = describeFamilyLicence(out.model.family);
    const QString recorded = ImageFile::text(image.chunks, QStringLiteral("License"));
    const bool recordedKnown = !recorded.isEmpty() && recorded != QLatin1String("unknown");
    if (!recordedKnown)
        out.model.licence = out.model.family.isEmpty() ? QString() : family.licenceName;
    if (out.model.licence.isEmpty()) {
        out.restrictions = AttributePanel::tr(
            "The image does not say which model made it or under which licence; check where the model came from.");
        out.origin = AttributePanel::tr("nothing recorded in the image");
    } else if (out.model.licence == family.licenceName) {
        out.url = family.licenceUrl;
        out.restrictions = family.licenceRestrictions;
        out.origin = recordedKnown
            ? AttributePanel::tr("recorded in the image")
            : AttributePanel::tr("the usual licence of its family (the model file is not on this machine)");
    } else {
        out.restrictions = AttributePanel::tr("See the licence named above.");
        out.origin = AttributePanel::tr("recorded in the image");
    }
    return out;
}

AttributePanel::AttributePanel(JobQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_source(new ImageSlot(QStringLiteral("attributeSource"), tr("Drop an image to attribute"), this))
    , m_view(new BeforeAfterView(this))
    , m_before(new QToolButton(this))
    , m_split(new QToolButton(this))
    , m_text(new QLineEdit(this))
    , m_corner(new QComboBox(this))
    , m_opacity(new ValueSlider(QStringLiteral("watermarkOpacity"), 0.0, 1.0, 1.0, 2, 0.7, this))
    , m_size(new ValueSlider(QStringLiteral("watermarkSize"), 0.25, 4.0, 4.0, 2, 1.0, this))
    , m_model(new QLabel(this))
    , m_licenceName(new QLabel(this))
    , m_restrictions(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_status(new QLabel(this))
    , m_resizeTimer(new QTimer(this))
    , m_runner(new PreviewRunner(this))
    , m_jobs(new ToolJobTracker(queue, this))
    , m_licenceWatcher(new QFutureWatcher<ModelLicenceInfo>(this))
{
    setObjectName(QStringLiteral("attributePanel"));
    setAcceptDrops(true);
    m_view->setPlaceholderText(tr("Drop an image here, or choose one above, to mark it as AI-generated"));
    m_before->setObjectName(QStringLiteral("beforeButton"));
    m_before->setText(tr("Before"));
    m_before->setCheckable(true);
    m_split->setObjectName(QStringLiteral("splitButton"));
    m_split->setText(tr("Split"));
    m_split->setCheckable(true);
    m_text->setObjectName(QStringLiteral("watermarkText"));
    m_text->setText(imaging::WatermarkOptions().text);
    m_text->setToolTip(tr("Drawn with a simple font: characters outside ASCII show as '?'"));
    m_corner->setObjectName(QStringLiteral("watermarkCorner"));
    m_corner->addItem(tr("Bottom right"), int(imaging::Corner::BottomRight));
    m_corner->addItem(tr("Bottom left"), int(imaging::Corner::BottomLeft));
    m_corner->addItem(tr("Top right"), int(imaging::Corner::TopRight));
    m_corner->addItem(tr("Top left"), int(imaging::Corner::TopLeft));
    m_size->setSuffix(tr(" x"));
    m_size->setToolTip(tr("Text height relative to the usual 3% of the image's shorter side"));
    m_model->setObjectName(QStringLiteral("modelLabel"));
    m_licenceName->setObjectName(QStringLiteral("licenceLabel"));
    m_licenceName->setOpenExternalLinks(true);
    m_licenceName->setWordWrap(true);
    m_restrictions->setObjectName(QStringLiteral("restrictionsLabel"));
    m_restrictions->setWordWrap(true);
    m_restrictions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_model->setWordWrap(true);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    m_apply->setToolTip(tr("Write a watermarked copy with the provenance metadata beside the image (queued)"));
    m_status->setObjectName(QStringLiteral("attributeStatus"));
    m_status->setWordWrap(true);
    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(80);

    auto* modes = new QHBoxLayout;
    modes->addWidget(m_before);
    modes->addWidget(m_split);
    modes->addStretch(1);

    auto* form = new QFormLayout;
    form->addRow(tr("Watermark"), m_text);
    form->addRow(tr("Corner"), m_corner);
    form->addRow(tr("Opacity"), m_opacity);
    form->addRow(tr("Size"), m_size);

    auto* licenceBox = new QGroupBox(tr("Model and licence"), this);
    licenceBox->setObjectName(QStringLiteral("licenceBox"));
    auto* licenceForm = new QFormLayout(licenceBox);
    licenceForm->addRow(tr("Model"), m_model);
    licenceForm->addRow(tr("Licence"), m_licenceName);
    licenceForm->addRow(tr("Use restrictions"), m_restrictions);
    auto* provenance = new QLabel(tr("Always written: AI-generated marks (IPTC digital source type in XMP), the model, "
                                     "its licence, the source image and this operation."),
        licenceBox);
    provenance->setWordWrap(true);
    provenance->setEnabled(false);
    licenceForm->addRow(provenance);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_apply);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addWidget(m_view, 1);
    layout->addLayout(modes);
    layout->addLayout(form);
    layout->addWidget(licenceBox);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    showLicence();

    connect(m_text, &QLineEdit::textChanged, this, [this] {
        requestPreview();
        updateApply();
    });
    connect(m_corner, qOverload<int>(&QComboBox::currentIndexChanged), this, &AttributePanel::requestPreview);
    connect(m_opacity, &ValueSlider::valueChanged, this, &AttributePanel::requestPreview);
    connect(m_size, &ValueSlider::valueChanged, this, &AttributePanel::requestPreview);
    connect(m_before, &QToolButton::toggled, this, &AttributePanel::updateMode);
    connect(m_split, &QToolButton::toggled, this, &AttributePanel::updateMode);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });

    connect(m_source, &ImageSlot::pathChanged, this, [this](const QString& path) {
        m_previewSource.release();
        m_runner->cancel();
        m_view->clear();
        m_licence = {};
        m_licenceKnown = false;
        showLicence();
        updateApply();
        Q_EMIT sourceChanged(path);
    });
    connect(m_source, &ImageSlot::loaded, this, &AttributePanel::sourceLoaded);
    connect(m_source, &ImageSlot::failed, this, [this](const QString& message) {
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
    });
    connect(m_view, &BeforeAfterView::deviceSizeChanged, m_resizeTimer, qOverload<>(&QTimer::start));
    connect(m_resizeTimer, &QTimer::timeout, this, &AttributePanel::rebuildPreviewSource);
    connect(m_runner, &PreviewRunner::ready, this, [this](const QImage& image, double computeMs, double latencyMs) {
        m_view->setAfter(image);
        Q_EMIT previewUpdated(computeMs, latencyMs);
    });
    connect(m_runner, &PreviewRunner::settled, this, &AttributePanel::previewSettled);
    connect(m_runner, &PreviewRunner::failed, this, [this](const QString& message) { m_status->setText(message); });
    connect(m_licenceWatcher, &QFutureWatcher<ModelLicenceInfo>::finished, this, [this] {
        if (!m_source->isLoaded())
            return;
        m_licence = m_licenceWatcher->result();
        m_licenceKnown = true;
        showLicence();
        updateApply();
        Q_EMIT licenceShown();
    });

    connect(m_jobs, &ToolJobTracker::submitted, this, [this](quint64 id, const QString& output) {
        m_status->setText(tr("Queued: %1").arg(QFileInfo(output).fileName()));
        Q_EMIT applied(id, output);
    });
    connect(m_jobs, &ToolJobTracker::saved, this, [this](quint64, const QString& output) {
        m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(output)));
        Q_EMIT resultSaved(output);
    });
    connect(m_jobs, &ToolJobTracker::failed, this, [this](quint64, const QString& message) {
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
    });
    updateApply();
}

AttributePanel::~AttributePanel() { m_licenceWatcher->waitForFinished(); }

QString AttributePanel::source() const { return m_source->path(); }

QImage AttributePanel::previewImage() const { return m_view->after(); }

imaging::WatermarkOptions AttributePanel::watermark() const
{
    imaging::WatermarkOptions w;
    w.text = m_text->text();
    w.corner = imaging::Corner(m_corner->currentData().toInt());
    w.opacity = m_opacity->value();
    w.size = m_size->value();
    return w;
}

void AttributePanel::setWatermark(const imaging::WatermarkOptions& options)
{
    const QSignalBlocker blockText(m_text);
    const QSignalBlocker blockCorner(m_corner);
    const QSignalBlocker blockOpacity(m_opacity);
    const QSignalBlocker blockSize(m_size);
    m_text->setText(options.text);
    m_corner->setCurrentIndex(m_corner->findData(int(options.corner)));
    m_opacity->setValue(options.opacity);
    m_size->setValue(options.size);
    requestPreview();
    updateApply();
}

void AttributePanel::setSource(const QString& path) { m_source->setPath(path); }

void AttributePanel::sourceLoaded()
{
    const imaging::ImageData image = m_source->image();
    m_status->setText(
        tr("%1: %2 x %3").arg(QFileInfo(image.path).fileName()).arg(image.pixels.cols).arg(image.pixels.rows));
    rebuildPreviewSource();
    m_licenceWatcher->setFuture(QtConcurrent::run([image] { return ModelLicenceInfo::lookUp(image); }));
    updateApply();
}

void AttributePanel::rebuildPreviewSource()
{
    if (!m_source->isLoaded())
        return;
    QSize bounds = m_view->deviceSize();
    if (bounds.width() < kSmallestView || bounds.height() < kSmallestView)
        bounds = kFallbackPreview;
    const cv::Mat copy = fitWithin(m_source->image().pixels, bounds);
    if (!m_previewSource.empty() && copy.size() == m_previewSource.size())
        return;
    m_previewSource = copy;
    m_view->setBefore(matToImage(copy));
    requestPreview();
}

void AttributePanel::requestPreview()
{
    if (m_previewSource.empty())
        return;
    const imaging::WatermarkOptions options = watermark();
    const cv::Mat source = m_previewSource;
    m_runner->request([source, options] {
        // No text: the preview is the image as it is (Apply is off until there is text).
        if (options.text.trimmed().isEmpty())
            return matToImage(source);
        return matToImage(imaging::addWatermark(source, options));
    });
}

void AttributePanel::showLicence()
{
    if (!m_licenceKnown) {
        const QString waiting = m_source->path().isEmpty() ? QStringLiteral("-") : tr("Reading...");
        m_model->setText(waiting);
        m_licenceName->setText(waiting);
        m_restrictions->setText(waiting);
        return;
    }
    m_model->setText(m_licence.model.name.isEmpty() ? tr("unknown") : m_licence.model.name);
    const QString name = m_licence.model.licence.isEmpty() ? tr("unknown") : m_licence.model.licence.toHtmlEscaped();
    const QString linked = m_licence.url.isEmpty()
        ? name
        : QStringLiteral("<a href=\"%1\">%2</a>").arg(m_licence.url.toHtmlEscaped(), name);
    m_licenceName->setText(QStringLiteral("%1<br><small>%2</small>").arg(linked, m_licence.origin.toHtmlEscaped()));
    m_restrictions->setText(m_licence.restrictions);
}

void AttributePanel::updateMode()
{
    if (m_split->isChecked())
        m_view->setMode(BeforeAfterView::Mode::Split);
    else if (m_before->isChecked())
        m_view->setMode(BeforeAfterView::Mode::Before);
    else
        m_view->setMode(BeforeAfterView::Mode::After);
    m_before->setEnabled(!m_split->isChecked());
}

void AttributePanel::updateApply()
{
    // The licence must be on screen before anything is written.
    m_apply->setEnabled(m_source->isLoaded() && m_licenceKnown && !m_text->text().trimmed().isEmpty());
}

quint64 AttributePanel::apply()
{
    if (!m_apply->isEnabled())
        return 0;
    ImageToolRequest request;
    request.tool = ImageToolRequest::Tool::Attribute;
    request.inputs = { m_source->path() };
    request.output = m_jobs->outputFor(m_source->path(), QStringLiteral("attributed"));
    request.watermark = watermark();
    request.model = m_licence.model;
    return m_jobs->submit(request);
}

void AttributePanel::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedImageFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void AttributePanel::dropEvent(QDropEvent* event)
{
    const QString file = droppedImageFile(event->mimeData());
    if (file.isEmpty())
        return;
    event->acceptProposedAction();
    setSource(file);
}

} // namespace easel
