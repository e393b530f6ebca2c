// SPDX-License-Identifier: MIT
#include "finishing/mergepanel.h"

#include "finishing/finishingutil.h"
#include "finishing/imageslot.h"
#include "finishing/mergecanvas.h"
#include "finishing/previewrunner.h"
#include "finishing/tooljobtracker.h"
#include "finishing/valueslider.h"
#include "jobs/jobqueue.h"

#include <QButtonGroup>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>
#include <exception>

namespace easel {

namespace {

    constexpr int kSmallestView = 64;
    const QSize kFallbackPreview(1280, 720);

    /// The cut-out figure with its matte as alpha, for display only (8-bit alpha).
    QImage matteImage(const imaging::Cutout& cut)
    {
        cv::Mat bgra(cut.colour.size(), CV_8UC4);
        for (int y = 0; y < cut.colour.rows; ++y) {
            const auto* c = cut.colour.ptr<cv::Vec3b>(y);
            const auto* a = cut.alpha.ptr<float>(y);
            auto* o = bgra.ptr<cv::Vec4b>(y);
            for (int x = 0; x < cut.colour.cols; ++x)
                o[x] = cv::Vec4b(c[x][0], c[x][1], c[x][2], cv::saturate_cast<uchar>(a[x] * 255.0f));
        }
        return matToImage(bgra);
    }

} // namespace

MergePanel::MergePanel(JobQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_character(new ImageSlot(QStringLiteral("mergeCharacter"), tr("Character: drop an image"), this))
    , m_background(new ImageSlot(QStringLiteral("mergeBackground"), tr("Background: drop an image"), this))
    , m_canvas(new MergeCanvas(this))
    , m_matteButton(new QToolButton(this))
    , m_resetPlacement(new QPushButton(tr("Default place"), this))
    , m_brushBar(new QWidget(this))
    , m_brushKeep(new QToolButton(m_brushBar))
    , m_brushRemove(new QToolButton(m_brushBar))
    , m_brushSize(new QSpinBox(m_brushBar))
    , m_undoStroke(new QToolButton(m_brushBar))
    , m_clearStrokes(new QToolButton(m_brushBar))
    , m_scale(new ValueSlider(QStringLiteral("mergeScale"), 0.05, 3.0, 5.0, 2, 1.0, this))
    , m_harmonize(new ValueSlider(QStringLiteral("harmonize"), 0.0, 1.0, 1.0, 2, 0.2, this))
    , m_softness(new ValueSlider(QStringLiteral("edgeSoftness"), 0.0, 20.0, 100.0, 1, 0.0, this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_status(new QLabel(this))
    , m_resizeTimer(new QTimer(this))
    , m_runner(new PreviewRunner(this))
    , m_jobs(new ToolJobTracker(queue, this))
    , m_cutoutWatcher(new QFutureWatcher<CutoutOutcome>(this))
    , m_cache(std::make_shared<PreviewCache>())
{
    setObjectName(QStringLiteral("mergePanel"));
    m_canvas->setPlaceholderText(tr("Choose a character (its backdrop is cut away) and a background"));
    m_matteButton->setObjectName(QStringLiteral("matteButton"));
    m_matteButton->setText(tr("Cut-out"));
    m_matteButton->setCheckable(true);
    m_matteButton->setToolTip(tr("Show the cut-out figure over a checkerboard"));
    m_brushBar->setObjectName(QStringLiteral("matteBrushBar"));
    m_brushKeep->setObjectName(QStringLiteral("brushKeepButton"));
    m_brushKeep->setText(tr("Keep"));
    m_brushKeep->setToolTip(tr("Paint over parts of the figure that were cut away"));
    m_brushRemove->setObjectName(QStringLiteral("brushRemoveButton"));
    m_brushRemove->setText(tr("Remove"));
    m_brushRemove->setToolTip(tr("Paint over backdrop that was kept with the figure"));
    auto* brushModes = new QButtonGroup(this);
    for (QToolButton* button : { m_brushRemove, m_brushKeep }) {
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        brushModes->addButton(button);
    }
    m_brushRemove->setChecked(true);
    m_brushSize->setObjectName(QStringLiteral("brushSize"));
    m_brushSize->setRange(1, 500);
    m_brushSize->setValue(12);
    m_brushSize->setSuffix(tr(" px"));
    m_brushSize->setToolTip(tr("Brush radius in character pixels"));
    m_undoStroke->setObjectName(QStringLiteral("undoStrokeButton"));
    m_undoStroke->setText(tr("Undo stroke"));
    m_undoStroke->setToolTip(tr("Take back the last stroke"));
    m_clearStrokes->setObjectName(QStringLiteral("clearStrokesButton"));
    m_clearStrokes->setText(tr("Clear strokes"));
    m_clearStrokes->setToolTip(tr("Take back every stroke: the cut-out as it was found"));
    auto* brushRow = new QHBoxLayout(m_brushBar);
    brushRow->setContentsMargins(0, 0, 0, 0);
    brushRow->addWidget(new QLabel(tr("Brush:"), m_brushBar));
    brushRow->addWidget(m_brushRemove);
    brushRow->addWidget(m_brushKeep);
    brushRow->addWidget(m_brushSize);
    brushRow->addWidget(m_undoStroke);
    brushRow->addWidget(m_clearStrokes);
    brushRow->addStretch(1);
    m_brushBar->setVisible(false);
    m_resetPlacement->setObjectName(QStringLiteral("resetPlacementButton"));
    m_resetPlacement->setToolTip(tr("The middle of the right half, feet on the bottom edge, full height"));
    m_scale->setToolTip(tr("1: the character's whole image as tall as the output. Or turn the wheel on the canvas"));
    m_scale->setSuffix(tr(" x"));
    m_harmonize->setToolTip(tr("How far the figure's colours move towards the background's: 0 none, 1 full"));
    m_softness->setToolTip(tr("Feathering of the figure's edge in character pixels; auto: about 0.2% of its size"));
    m_softness->spin()->setSpecialValueText(tr("auto"));
    m_softness->setSuffix(tr(" px"));
    for (QSpinBox* box : { m_width, m_height }) {
        box->setRange(16, 8192);
        box->setSingleStep(8);
        box->setSuffix(tr(" px"));
        box->setKeyboardTracking(false);
    }
    m_width->setObjectName(QStringLiteral("outputWidth"));
    m_height->setObjectName(QStringLiteral("outputHeight"));
    m_width->setValue(m_outputSize.width);
    m_height->setValue(m_outputSize.height);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    m_status->setObjectName(QStringLiteral("mergeStatus"));
    m_status->setWordWrap(true);
    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(80);

    auto* inputs = new QHBoxLayout;
    inputs->addWidget(m_character);
    inputs->addWidget(m_background);
    auto* modes = new QHBoxLayout;
    modes->addWidget(m_matteButton);
    modes->addWidget(m_resetPlacement);
    modes->addWidget(m_brushBar, 1);
    modes->addStretch(1);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("x"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Figure size"), m_scale);
    form->addRow(tr("Harmonise colours"), m_harmonize);
    form->addRow(tr("Edge softness"), m_softness);
    form->addRow(tr("Output size"), sizeRow);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_apply);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(inputs);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(modes);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_character, &ImageSlot::pathChanged, this, [this] {
        m_cutout.reset();
        m_strokes.clear(); // strokes belong to the character they were painted on
        strokesChanged();
        m_canvas->setMatte(QImage());
        updateFigure();
        updateApply();
        requestPreview();
    });
    connect(m_character, &ImageSlot::loaded, this, &MergePanel::requestCutout);
    connect(m_background, &ImageSlot::pathChanged, this, [this] {
        m_canvas->clear();
        updateApply();
    });
    connect(m_background, &ImageSlot::loaded, this, [this] {
        requestPreview();
        updateApply();
    });
    for (ImageSlot* slot : { m_character, m_background })
        connect(slot, &ImageSlot::failed, this, [this](const QString& message) {
            setStatus(message);
            Q_EMIT errorOccurred(message);
        });
    connect(m_cutoutWatcher, &QFutureWatcher<CutoutOutcome>::finished, this, &MergePanel::cutoutFinished);
    connect(m_softness, &ValueSlider::valueChanged, this, &MergePanel::requestCutout);
    connect(m_scale, &ValueSlider::valueChanged, this, [this] {
        updateFigure();
        requestPreview();
    });
    connect(m_harmonize, &ValueSlider::valueChanged, this, &MergePanel::requestPreview);
    connect(m_width, &QSpinBox::valueChanged, this, &MergePanel::outputSizeChanged);
    connect(m_height, &QSpinBox::valueChanged, this, &MergePanel::outputSizeChanged);
    connect(m_matteButton, &QToolButton::toggled, m_canvas, &MergeCanvas::setMatteMode);
    connect(m_matteButton, &QToolButton::toggled, this, [this](bool on) {
        m_brushBar->setVisible(on);
        m_resetPlacement->setVisible(!on);
    });
    connect(brushModes, &QButtonGroup::buttonToggled, this, &MergePanel::updateBrush);
    connect(m_brushSize, &QSpinBox::valueChanged, this, &MergePanel::updateBrush);
    connect(m_canvas, &MergeCanvas::strokePainted, this, &MergePanel::addStroke);
    connect(m_undoStroke, &QToolButton::clicked, this, &MergePanel::undoStroke);
    connect(m_clearStrokes, &QToolButton::clicked, this, &MergePanel::clearStrokes);
    connect(m_resetPlacement, &QPushButton::clicked, this, &MergePanel::resetPlacement);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_canvas, &MergeCanvas::figureMoved, this, [this](const QPointF& delta) {
        const cv::Point2d feet = feetPosition();
        setFeetPosition(cv::Point2d(feet.x + delta.x(), feet.y + delta.y()));
    });
    connect(m_canvas, &MergeCanvas::figureScaled, this,
        [this](double factor) { m_scale->setValue(m_scale->value() * factor); });
    connect(m_canvas, &MergeCanvas::deviceSizeChanged, m_resizeTimer, qOverload<>(&QTimer::start));
    connect(m_resizeTimer, &QTimer::timeout, this, &MergePanel::requestPreview);
    connect(m_runner, &PreviewRunner::ready, this, [this](const QImage& image, double computeMs, double latencyMs) {
        m_canvas->setPreview(image, QSize(m_outputSize.width, m_outputSize.height));
        Q_EMIT previewUpdated(computeMs, latencyMs);
    });
    connect(m_runner, &PreviewRunner::settled, this, &MergePanel::previewSettled);
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
    updateBrush();
    strokesChanged();
    updateApply();
}

MergePanel::~MergePanel() { m_cutoutWatcher->waitForFinished(); }

QString MergePanel::character() const { return m_character->path(); }
QString MergePanel::background() const { return m_background->path(); }
QImage MergePanel::previewImage() const { return m_canvas->preview(); }

imaging::MergeOptions MergePanel::options() const
{
    imaging::MergeOptions o;
    o.size = m_outputSize;
    o.position = m_position;
    o.scale = m_scale->value();
    o.harmonize = m_harmonize->value();
    o.cutout.featherPx = m_softness->value();
    o.cutout.strokes = m_strokes;
    return o;
}

void MergePanel::setOptions(const imaging::MergeOptions& options)
{
    {
        const QSignalBlocker blockWidth(m_width);
        const QSignalBlocker blockHeight(m_height);
        const QSignalBlocker blockScale(m_scale);
        const QSignalBlocker blockHarmonize(m_harmonize);
        const QSignalBlocker blockSoftness(m_softness);
        m_width->setValue(options.size.width);
        m_height->setValue(options.size.height);
        m_outputSize = cv::Size(m_width->value(), m_height->value());
        m_scale->setValue(options.scale);
        m_harmonize->setValue(options.harmonize);
        m_softness->setValue(options.cutout.featherPx);
    }
    m_position = options.position;
    m_strokes = options.cutout.strokes;
    strokesChanged();
    requestCutout();
    updateFigure();
    requestPreview();
}

cv::Point2d MergePanel::feetPosition() const
{
    return m_position.value_or(cv::Point2d(0.75 * m_outputSize.width, double(m_outputSize.height)));
}

void MergePanel::setFeetPosition(const cv::Point2d& position)
{
    m_position = position;
    updateFigure();
    requestPreview();
}

void MergePanel::resetPlacement()
{
    m_position.reset();
    m_scale->setValue(1.0);
    updateFigure();
    requestPreview();
}

void MergePanel::setCharacter(const QString& path) { m_character->setPath(path); }
void MergePanel::setBackground(const QString& path) { m_background->setPath(path); }

void MergePanel::outputSizeChanged()
{
    const cv::Size size(m_width->value(), m_height->value());
    if (size == m_outputSize)
        return;
    if (m_position)
        m_position = cv::Point2d(
            m_position->x * size.width / m_outputSize.width, m_position->y * size.height / m_outputSize.height);
    m_outputSize = size;
    updateFigure();
    requestPreview();
}

void MergePanel::requestCutout()
{
    if (!m_character->isLoaded())
        return;
    if (m_cutoutWatcher->isRunning()) {
        m_cutoutAgain = true;
        return;
    }
    m_cutoutAgain = false;
    const cv::Mat pixels = m_character->image().pixels;
    const QString path = m_character->path();
    const double feather = m_softness->value();
    const std::vector<imaging::MatteStroke> strokes = m_strokes;
    setStatus(tr("Cutting out %1...").arg(QFileInfo(path).fileName()));
    m_cutoutWatcher->setFuture(QtConcurrent::run([pixels, path, feather, strokes] {
        CutoutOutcome outcome;
        outcome.path = path;
        outcome.feather = feather;
        outcome.strokes = strokes;
        QElapsedTimer timer;
        timer.start();
        try {
            imaging::CutoutOptions options;
            options.featherPx = feather;
            options.strokes = strokes;
            auto cut = std::make_shared<imaging::Cutout>(imaging::cutOut(pixels, options));
            outcome.matte = matteImage(*cut);
            outcome.cutout = std::move(cut);
        } catch (const std::exception& e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        outcome.ms = timer.nsecsElapsed() / 1e6;
        return outcome;
    }));
}

void MergePanel::cutoutFinished()
{
    const CutoutOutcome outcome = m_cutoutWatcher->result();
    const bool current
        = outcome.path == m_character->path() && outcome.feather == m_softness->value() && outcome.strokes == m_strokes;
    if (m_cutoutAgain || !current) {
        requestCutout();
        if (!current)
            return;
    }
    if (!outcome.error.isEmpty()) {
        m_cutout.reset();
        setStatus(tr("%1: %2").arg(QFileInfo(outcome.path).fileName(), outcome.error));
        Q_EMIT errorOccurred(outcome.error);
    } else {
        m_cutout = outcome.cutout;
        m_canvas->setMatte(outcome.matte);
        setStatus(
            tr("Figure cut out of %1 in %2 ms").arg(QFileInfo(outcome.path).fileName()).arg(outcome.ms, 0, 'f', 0));
    }
    updateFigure();
    updateApply();
    requestPreview();
    Q_EMIT cutoutChanged();
}

QSize MergePanel::previewSize() const
{
    QSize bounds = m_canvas->deviceSize();
    if (bounds.width() < kSmallestView || bounds.height() < kSmallestView)
        bounds = kFallbackPreview;
    const double r
        = std::min({ 1.0, double(bounds.width()) / m_outputSize.width, double(bounds.height()) / m_outputSize.height });
    return QSize(std::max(16, int(std::lround(m_outputSize.width * r))),
        std::max(16, int(std::lround(m_outputSize.height * r))));
}

void MergePanel::requestPreview()
{
    if (!m_background->isLoaded())
        return;
    const QSize preview = previewSize();
    const double r = double(preview.width()) / m_outputSize.width;
    imaging::MergeOptions o = options();
    o.size = cv::Size(preview.width(), preview.height());
    if (o.position)
        o.position = cv::Point2d(o.position->x * r, o.position->y * r);
    const cv::Mat background = m_background->image().pixels;
    const std::shared_ptr<const imaging::Cutout> cut = m_cutout;
    const std::shared_ptr<PreviewCache> cache = m_cache;
    m_runner->request([background, cut, o, cache] {
        // Kept between previews: the background fitted to the preview (fitting a fitted image to its own
        // size is a copy, so the result is the same as from the original) and its colour statistics; the figure
        // scaled for it and its colour statistics, which moving the figure or the harmonisation slider does not
        // change; the figure harmonised, which moving it does not change.
        const std::lock_guard<std::mutex> lock(cache->mutex);
        if (cache->source.data != background.data || cache->fitted.size() != o.size) {
            cache->source = background;
            cache->fitted = imaging::fitBackground(background, o.size);
            cache->referenceValid = false;
            cache->figureValid = false;
        }
        if (!cut)
            return matToImage(cache->fitted);
        if (cache->cutout != cut || cache->scale != o.scale || cache->size != o.size) {
            cache->plain = imaging::resizeFigure(*cut, o);
            cache->cutout = cut;
            cache->scale = o.scale;
            cache->size = o.size;
            cache->subjectValid = false;
            cache->figureValid = false;
        }
        if (!cache->figureValid || cache->harmonize != o.harmonize) {
            imaging::ScaledFigure& figure = cache->figure;
            if (o.harmonize == 0.0) {
                figure.colour = cache->plain.colour;
            } else {
                if (!cache->subjectValid) {
                    cache->subject = imaging::harmonizeSubject(cache->plain.colour, cache->plain.alpha);
                    cache->subjectValid = true;
                    ++cache->subjectStatistics;
                }
                if (!cache->referenceValid) {
                    cache->reference = imaging::labStatistics(cache->fitted);
                    cache->referenceValid = true;
                    ++cache->referenceStatistics;
                }
                if (figure.colour.data == cache->plain.colour.data)
                    figure.colour = cv::Mat(); // shared with plain at strength 0: not to be written over
                imaging::harmonizeColours(
                    cache->subject, cache->reference, o.harmonize, figure.colour, &cache->scratch);
            }
            figure.alpha = cache->plain.alpha;
            figure.feet = cache->plain.feet;
            figure.scale = cache->plain.scale;
            cache->harmonize = o.harmonize;
            cache->figureValid = true;
        }
        imaging::placeFigure(cache->figure, cache->fitted, o, cache->image);
        return matToImage(cache->image);
    });
}

void MergePanel::updateFigure()
{
    if (!m_cutout) {
        m_canvas->setFigure({}, {});
        return;
    }
    // As merge() places it: the subject's feet (bottom centre of its box) on the position.
    const imaging::Cutout& cut = *m_cutout;
    const double k = m_scale->value() * m_outputSize.height / double(cut.colour.rows);
    const cv::Point2d target = feetPosition();
    const QPointF offset(std::lround(target.x - (cut.subject.x + cut.subject.width / 2.0) * k),
        std::lround(target.y - (cut.subject.y + cut.subject.height) * k));
    const QRectF subject(
        offset + QPointF(cut.subject.x * k, cut.subject.y * k), QSizeF(cut.subject.width * k, cut.subject.height * k));
    m_canvas->setFigure(subject, QPointF(target.x, target.y));
}

void MergePanel::updateApply()
{
    m_apply->setEnabled(m_cutout && m_background->isLoaded());
    m_apply->setToolTip(tr("Merge at full size into a new file beside the character (queued)"));
}

quint64 MergePanel::apply()
{
    if (!m_cutout || !m_background->isLoaded())
        return 0;
    ImageToolRequest request;
    request.tool = ImageToolRequest::Tool::Merge;
    request.inputs = { m_character->path(), m_background->path() };
    request.output = m_jobs->outputFor(m_character->path(), QStringLiteral("merged"));
    request.merge = options();
    return m_jobs->submit(request);
}

void MergePanel::setStatus(const QString& text) { m_status->setText(text); }

void MergePanel::addStroke(const imaging::MatteStroke& stroke)
{
    if (stroke.points.empty())
        return;
    imaging::MatteStroke kept = stroke;
    // A tenth of a pixel is finer than the brush draws: the recorded operations stay short.
    for (cv::Point2d& p : kept.points)
        p = cv::Point2d(std::round(p.x * 10.0) / 10.0, std::round(p.y * 10.0) / 10.0);
    m_strokes.push_back(std::move(kept));
    strokesChanged();
    requestCutout();
}

void MergePanel::undoStroke()
{
    if (m_strokes.empty())
        return;
    m_strokes.pop_back();
    strokesChanged();
    requestCutout();
}

void MergePanel::clearStrokes()
{
    if (m_strokes.empty())
        return;
    m_strokes.clear();
    strokesChanged();
    requestCutout();
}

void MergePanel::strokesChanged()
{
    m_canvas->setStrokes(m_strokes);
    m_undoStroke->setEnabled(!m_strokes.empty());
    m_clearStrokes->setEnabled(!m_strokes.empty());
}

void MergePanel::updateBrush()
{
    m_canvas->setBrush(m_brushKeep->isChecked() ? imaging::MatteStroke::Mode::Keep : imaging::MatteStroke::Mode::Remove,
        m_brushSize->value());
}

} // namespace easel
