// SPDX-License-Identifier: MIT
#include "generate/recipepanel.h"

#include "generate/backendpicker.h"
#include "generate/imagedroparea.h"
#include "generate/lorapicker.h"
#include "generate/stylepicker.h"
#include "prompt/prompteditor.h"

#include "recipe/fastpreset.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace easel {

namespace {

struct Aspect {
    int w;
    int h;
};
constexpr Aspect kAspects[] = { { 1, 1 }, { 4, 3 }, { 3, 4 }, { 3, 2 }, { 2, 3 }, { 16, 9 }, { 9, 16 } };

/// Seeds as A1111 draws them: 0 .. 2^32 - 1.
constexpr qint64 kMaxRandomSeed = 4294967295LL;

template <typename Enum>
void selectData(QComboBox* combo, Enum value)
{
    const int index = combo->findData(int(value));
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

template <typename Enum>
Enum dataOf(const QComboBox* combo)
{
    return Enum(combo->currentData().toInt());
}

QSpinBox* intSpin(const char* name, limits::IntLimit limit, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    spin->setRange(limit.min, limit.max);
    spin->setValue(limit.def);
    return spin;
}

QSpinBox* sizeSpin(const char* name, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(name));
    // 0 is the model's own size; anything else a multiple of 8 (the spin steps by 8 and rounds typed values).
    spin->setRange(0, limits::Size.max);
    spin->setSingleStep(limits::SizeMultiple);
    spin->setSpecialValueText(RecipePanel::tr("Model's own"));
    spin->setSuffix(RecipePanel::tr(" px"));
    spin->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    QObject::connect(spin, &QSpinBox::editingFinished, spin, [spin] {
        if (spin->value() > 0 && spin->value() % limits::SizeMultiple)
            spin->setValue(limits::roundedSize(spin->value()));
    });
    return spin;
}

/// A label and its field in a grid of two label/field pairs per row.
void addField(QGridLayout* grid, int row, int column, const QString& label, QWidget* field, int span = 1)
{
    auto* l = new QLabel(label, field->parentWidget());
    l->setBuddy(field);
    grid->addWidget(l, row, column);
    grid->addWidget(field, row, column + 1, 1, span);
}

} // namespace

RecipePanel::RecipePanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("recipePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildModelRow());
    m_backendPicker = new BackendPicker(this);
    layout->addWidget(m_backendPicker);

    m_prompt = new PromptEditor(this);
    m_prompt->setObjectName(QStringLiteral("promptEdit"));
    m_prompt->setPlaceholderText(tr("Describe the image: a lighthouse on a cliff at dusk, (storm clouds:1.2)..."));
    m_negative = new PromptEditor(this);
    m_negative->setObjectName(QStringLiteral("negativePromptEdit"));
    m_negative->setPlaceholderText(tr("What to avoid: blurry, watermark..."));
    m_negative->setMaximumHeight(m_negative->fontMetrics().lineSpacing() * 5 + 12);
    auto* promptLabel = new QLabel(tr("&Prompt"), this);
    promptLabel->setBuddy(m_prompt);
    auto* negativeLabel = new QLabel(tr("&Negative prompt"), this);
    negativeLabel->setBuddy(m_negative);
    layout->addWidget(promptLabel);
    layout->addWidget(m_prompt, 3);
    layout->addWidget(negativeLabel);
    layout->addWidget(m_negative, 1);
    layout->addWidget(buildStyleRow());
    layout->addWidget(buildSamplingGroup());
    layout->addWidget(buildLoraGroup());
    layout->addWidget(buildSizeGroup());
    layout->addWidget(buildSeedGroup());
    layout->addWidget(buildImageToImageGroup());

    for (auto* edit : { m_prompt, m_negative })
        connect(edit, &QPlainTextEdit::textChanged, this, &RecipePanel::recipeChanged);
    for (auto* combo : { m_sampler, m_schedule, m_spacing })
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &RecipePanel::recipeChanged);
    for (auto* spin : { m_steps, m_stepCache, m_width, m_height, m_batchSize, m_batchCount, m_maskBlur, m_maskGrow })
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &RecipePanel::recipeChanged);
    for (auto* spin : { m_guidance, m_strength, m_tokenMerge })
        connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &RecipePanel::recipeChanged);
    connect(m_seed, &QLineEdit::textChanged, this, &RecipePanel::recipeChanged);
    connect(m_loras, &LoraPicker::lorasChanged, this, &RecipePanel::recipeChanged);
    connect(m_backendPicker, &BackendPicker::capabilitiesChanged, this, &RecipePanel::applyBackendCapabilities);
    connect(m_backendPicker, &BackendPicker::backendChanged, this, &RecipePanel::recipeChanged);
    connect(this, &RecipePanel::recipeChanged, this, [this] { m_backendPicker->updateEstimate(effectiveRecipe()); });
    applyBackendCapabilities(BackendPicker::capabilitiesOf(m_backendPicker->backend()));
    m_backendPicker->updateEstimate(effectiveRecipe());
    for (auto* edit : { m_prompt, m_negative })
        connect(edit, &QPlainTextEdit::textChanged, this, &RecipePanel::updateEffectivePrompt);
    updateEffectivePrompt();
}

QWidget* RecipePanel::buildStyleRow()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_style = new StylePicker(row);
    auto* label = new QLabel(tr("Style"), row);
    label->setBuddy(m_style);
    layout->addWidget(label);
    layout->addWidget(m_style, 1);
    connect(m_style, qOverload<int>(&QComboBox::activated), this, &RecipePanel::applyStyleSettings);
    connect(m_style, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateEffectivePrompt();
        Q_EMIT recipeChanged();
    });
    return row;
}

void RecipePanel::applyStyleSettings()
{
    const std::optional<Style> style = m_style->currentStyle();
    if (!style)
        return;
    if (style->sampler)
        selectData(m_sampler, *style->sampler);
    if (style->steps)
        m_steps->setValue(*style->steps);
    if (style->guidance)
        m_guidance->setValue(*style->guidance);
    if (style->width)
        m_width->setValue(*style->width);
    if (style->height)
        m_height->setValue(*style->height);
    if (!style->backend.isEmpty()) { // a style may name its engine and fallback chain
        m_backendPicker->setBackend(style->backend);
        m_backendPicker->setFallback(style->fallback);
    }
}

void RecipePanel::updateEffectivePrompt()
{
    if (!m_style->currentStyle()) {
        m_style->setToolTip(tr("A style adds its words to the prompt, its negative prompt and LoRAs, and may set "
                               "the sampler, steps, guidance and size"));
        return;
    }
    const ImageRecipe r = effectiveRecipe();
    QString tip = tr("Prompt used: %1").arg(r.prompt);
    if (!r.negativePrompt.isEmpty())
        tip += QLatin1Char('\n') + tr("Negative prompt used: %1").arg(r.negativePrompt);
    m_style->setToolTip(tip);
}

ImageRecipe RecipePanel::effectiveRecipe() const
{
    ImageRecipe r = recipe();
    const std::optional<Style> style = m_style->currentStyle();
    if (!style) {
        r.extras.remove(QLatin1String(StyleExtrasKey));
        return r;
    }
    ImageRecipe styled = r;
    style->apply(styled);
    // The panel's own settings win: the style put its sampler, steps, guidance and size there when it was picked.
    styled.sampler = r.sampler;
    styled.steps = r.steps;
    styled.guidance = r.guidance;
    styled.width = r.width;
    styled.height = r.height;
    return styled;
}

void RecipePanel::applyBackendCapabilities(const BackendCapabilities& caps)
{
    const QString ignored = tr("The chosen engine ignores this");
    const auto set = [&](QWidget* widget, bool usable) {
        if (!widget->property("ownToolTip").isValid())
            widget->setProperty("ownToolTip", widget->toolTip());
        widget->setEnabled(usable);
        widget->setToolTip(usable ? widget->property("ownToolTip").toString() : ignored);
    };
    set(m_negative, caps.negativePrompt);
    set(m_seed, caps.seed);
    set(m_steps, caps.steps);
    set(m_guidance, caps.guidance);
    for (QWidget* w : std::initializer_list<QWidget*> { m_sampler, m_schedule, m_spacing })
        set(w, caps.steps);
    set(m_loras, caps.lora);
    set(m_stepCache, !m_backendPicker->isRemote()); // Easel's own engine only
    set(m_tokenMerge, !m_backendPicker->isRemote());
    set(m_initImage, caps.imageToImage);
    set(m_strength, caps.imageToImage);
    set(m_model, caps.models.isEmpty()); // the cloud engines choose among their own models (Settings)
}

QWidget* RecipePanel::buildModelRow()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_model = new QComboBox(row);
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(16);
    auto* label = new QLabel(tr("&Model"), row);
    label->setBuddy(m_model);
    auto* add = new QToolButton(row);
    add->setObjectName(QStringLiteral("addModelButton"));
    add->setText(tr("Add..."));
    add->setToolTip(tr("Add a checkpoint file or a diffusers folder"));
    connect(add, &QToolButton::clicked, this, &RecipePanel::addModelRequested);
    connect(m_model, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        Q_EMIT modelChanged(currentModel());
        Q_EMIT recipeChanged();
    });
    layout->addWidget(label);
    layout->addWidget(m_model, 1);
    layout->addWidget(add);
    return row;
}

QWidget* RecipePanel::buildSamplingGroup()
{
    auto* group = new QGroupBox(tr("Sampling"), this);
    m_sampler = new QComboBox(group);
    m_sampler->setObjectName(QStringLiteral("samplerCombo"));
    m_sampler->addItem(tr("Model's default"), int(Sampler::Auto));
    for (Sampler s : { Sampler::Euler, Sampler::EulerA, Sampler::Heun, Sampler::DpmPP2M, Sampler::Ddim, Sampler::Pndm,
             Sampler::Lcm, Sampler::UniPC })
        m_sampler->addItem(ImageRecipe::a1111SamplerName(s), int(s));
    m_schedule = new QComboBox(group);
    m_schedule->setObjectName(QStringLiteral("scheduleCombo"));
    m_schedule->addItem(tr("Model's default"), int(SigmaSchedule::Auto));
    m_schedule->addItem(tr("Sampler's own"), int(SigmaSchedule::Default));
    m_schedule->addItem(tr("Karras"), int(SigmaSchedule::Karras));
    m_spacing = new QComboBox(group);
    m_spacing->setObjectName(QStringLiteral("spacingCombo"));
    m_spacing->addItem(tr("Model's default"), int(TimestepSpacing::Auto));
    m_spacing->addItem(tr("Leading"), int(TimestepSpacing::Leading));
    m_spacing->addItem(tr("Trailing"), int(TimestepSpacing::Trailing));
    m_spacing->addItem(tr("Linspace"), int(TimestepSpacing::Linspace));
    m_steps = intSpin("stepsSpin", limits::Steps, group);
    m_guidance = new QDoubleSpinBox(group);
    m_guidance->setObjectName(QStringLiteral("guidanceSpin"));
    m_guidance->setRange(limits::Guidance.min, limits::Guidance.max);
    m_guidance->setSingleStep(0.5);
    m_guidance->setDecimals(1);
    m_guidance->setValue(limits::Guidance.def);
    m_guidance->setToolTip(tr("How closely the image follows the prompt (1 or less: no negative prompt pass)"));
    m_fast = new QPushButton(tr("Fast"), group);
    m_fast->setObjectName(QStringLiteral("fastPresetButton"));
    m_fast->setToolTip(tr("Few-step settings, as easel-cli --preset fast: with an LCM LoRA on the stack the LCM "
                          "sampler, 4 steps, guidance 1; otherwise SDXL-Turbo's Euler a, trailing spacing, 1 step, "
                          "guidance 0"));
    connect(m_fast, &QPushButton::clicked, this, &RecipePanel::applyFastPreset);
    auto* grid = new QGridLayout(group);
    addField(grid, 0, 0, tr("S&ampler"), m_sampler, 2);
    grid->addWidget(m_fast, 0, 3);
    addField(grid, 1, 0, tr("Sc&hedule"), m_schedule);
    addField(grid, 1, 2, tr("Spa&cing"), m_spacing);
    addField(grid, 2, 0, tr("S&teps"), m_steps);
    addField(grid, 2, 2, tr("&Guidance"), m_guidance);
    m_stepCache = intSpin("stepCacheSpin", limits::StepCache, group);
    m_stepCache->setSpecialValueText(tr("Off"));
    m_stepCache->setToolTip(tr("Step caching: every Nth step runs the whole model and the steps between reuse its "
                               "deep features. Faster, with a little less detail; 2 to 5 are useful"));
    addField(grid, 3, 0, tr("Step cache"), m_stepCache);
    m_tokenMerge = new QDoubleSpinBox(group);
    m_tokenMerge->setObjectName(QStringLiteral("tokenMergeSpin"));
    m_tokenMerge->setRange(limits::TokenMerge.min, limits::TokenMerge.max);
    m_tokenMerge->setSingleStep(0.05);
    m_tokenMerge->setDecimals(2);
    m_tokenMerge->setValue(limits::TokenMerge.def);
    m_tokenMerge->setSpecialValueText(tr("Off"));
    m_tokenMerge->setToolTip(tr("Token merging: this share of the image's tokens is merged with similar neighbours "
                                "before the self-attention of the model's finest blocks. Faster on large images, "
                                "slightly different ones; 0.3 to 0.5 are useful"));
    addField(grid, 3, 2, tr("Token merging"), m_tokenMerge);
    return group;
}

QWidget* RecipePanel::buildSizeGroup()
{
    auto* group = new QGroupBox(tr("Size"), this);
    m_width = sizeSpin("widthSpin", group);
    m_height = sizeSpin("heightSpin", group);
    m_aspect = new QComboBox(group);
    m_aspect->setObjectName(QStringLiteral("aspectCombo"));
    m_aspect->addItem(tr("Aspect preset..."));
    for (const Aspect& a : kAspects)
        m_aspect->addItem(QStringLiteral("%1:%2").arg(a.w).arg(a.h));
    connect(m_aspect, qOverload<int>(&QComboBox::activated), this, &RecipePanel::applyAspectPreset);
    m_batchSize = intSpin("batchSizeSpin", limits::BatchSize, group);
    m_batchSize->setToolTip(tr("Images made together in one pass"));
    m_batchCount = intSpin("batchCountSpin", limits::BatchCount, group);
    m_batchCount->setToolTip(tr("Passes, one after another"));
    auto* grid = new QGridLayout(group);
    addField(grid, 0, 0, tr("&Width"), m_width);
    addField(grid, 0, 2, tr("H&eight"), m_height);
    grid->addWidget(m_aspect, 1, 1, 1, 3);
    addField(grid, 2, 0, tr("&Batch size"), m_batchSize);
    addField(grid, 2, 2, tr("Batch c&ount"), m_batchCount);
    return group;
}

QWidget* RecipePanel::buildSeedGroup()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_seed = new QLineEdit(row);
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), m_seed));
    m_seed->setText(QStringLiteral("0"));
    m_seedLock = new QToolButton(row);
    m_seedLock->setObjectName(QStringLiteral("seedLockButton"));
    m_seedLock->setCheckable(true);
    m_seedLock->setToolTip(tr("Locked: every Generate uses this seed. Unlocked: each Generate draws a new one."));
    connect(m_seedLock, &QToolButton::toggled, this,
        [this](bool locked) { m_seedLock->setText(locked ? tr("Locked") : tr("Random")); });
    m_seedLock->setText(tr("Random"));
    auto* dice = new QToolButton(row);
    dice->setObjectName(QStringLiteral("seedRandomButton"));
    dice->setText(tr("New"));
    dice->setToolTip(tr("Draw a new random seed now"));
    connect(dice, &QToolButton::clicked, this, [this] { randomizeSeed(); });
    auto* label = new QLabel(tr("See&d"), row);
    label->setBuddy(m_seed);
    layout->addWidget(label);
    layout->addWidget(m_seed, 1);
    layout->addWidget(m_seedLock);
    layout->addWidget(dice);
    return row;
}

QWidget* RecipePanel::buildImageToImageGroup()
{
    auto* group = new QGroupBox(tr("Start from an image"), this);
    auto* form = new QFormLayout(group);
    m_initImage = new ImageDropArea(group);
    m_strength = new QDoubleSpinBox(group);
    m_strength->setObjectName(QStringLiteral("strengthSpin"));
    m_strength->setRange(0.01, limits::Strength.max);
    m_strength->setSingleStep(0.05);
    m_strength->setValue(limits::Strength.def);
    m_strength->setToolTip(tr("How much of the source image is redrawn (1: all of it)"));
    m_strength->setEnabled(false);
    // How the painted mask is prepared (in pixels of the image made); 0: as painted.
    m_maskGrow = intSpin("maskGrowSpin", limits::MaskGrow, group);
    m_maskGrow->setSuffix(tr(" px"));
    m_maskGrow->setToolTip(tr("Grow the painted mask by this many pixels before use (negative: shrink it)"));
    m_maskBlur = intSpin("maskBlurSpin", limits::MaskBlur, group);
    m_maskBlur->setSuffix(tr(" px"));
    m_maskBlur->setToolTip(
        tr("Soften the mask's edge: a Gaussian blur of this many pixels, so the repainted area blends in"));
    for (QSpinBox* spin : { m_maskGrow, m_maskBlur })
        spin->setEnabled(false);
    connect(m_initImage, &ImageDropArea::pathChanged, this, [this](const QString& path) {
        for (QWidget* w :
            { static_cast<QWidget*>(m_strength), static_cast<QWidget*>(m_maskGrow), static_cast<QWidget*>(m_maskBlur) })
            w->setEnabled(!path.isEmpty());
        Q_EMIT initImageChanged(path);
        Q_EMIT recipeChanged();
    });
    connect(m_initImage, &ImageDropArea::rejected, this, &RecipePanel::initImageRejected);
    form->addRow(m_initImage);
    form->addRow(tr("St&rength"), m_strength);
    auto* maskRow = new QHBoxLayout;
    maskRow->addWidget(m_maskGrow);
    auto* blurLabel = new QLabel(tr("Mask blur"), group);
    blurLabel->setBuddy(m_maskBlur);
    maskRow->addWidget(blurLabel);
    maskRow->addWidget(m_maskBlur);
    auto* growLabel = new QLabel(tr("Mask grow"), group);
    growLabel->setBuddy(m_maskGrow);
    form->addRow(growLabel, maskRow);
    return group;
}

QWidget* RecipePanel::buildLoraGroup()
{
    auto* group = new QGroupBox(tr("LoRAs"), this);
    group->setObjectName(QStringLiteral("loraGroup"));
    m_loras = new LoraPicker(group);
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(m_loras);
    return group;
}

QString RecipePanel::initImagePath() const { return m_initImage->path(); }

void RecipePanel::setModelFamily(const QString& family)
{
    m_family = family;
    m_loras->setModelFamily(family);
}

RecipePanel::FastFields RecipePanel::fastFields() const
{
    return { dataOf<Sampler>(m_sampler), dataOf<TimestepSpacing>(m_spacing), m_steps->value(), m_guidance->value() };
}

void RecipePanel::setFastFields(const FastFields& fields)
{
    selectData(m_sampler, fields.sampler);
    selectData(m_spacing, fields.spacing);
    m_steps->setValue(fields.steps);
    m_guidance->setValue(fields.guidance);
}

void RecipePanel::applyFastPreset()
{
    ImageRecipe r = recipe();
    const FastFields before = fastFields();
    const FastPresetKind kind = easel::applyFastPreset(r);
    const FastFields after { r.sampler, r.spacing, r.steps, r.guidance };
    setFastFields(after);
    m_beforeFast = before == after ? std::nullopt : std::optional<FastFields>(before);
    m_afterFast = after;
    auto samplerText = [this](Sampler s) { return m_sampler->itemText(m_sampler->findData(int(s))); };
    auto spacingText = [this](TimestepSpacing s) { return m_spacing->itemText(m_spacing->findData(int(s))); };
    auto number = [](double v) { return QLocale().toString(v, 'g', 4); };
    QStringList changes;
    if (before.sampler != after.sampler)
        changes << tr("sampler %1 → %2").arg(samplerText(before.sampler), samplerText(after.sampler));
    if (before.spacing != after.spacing)
        changes << tr("spacing %1 → %2").arg(spacingText(before.spacing), spacingText(after.spacing));
    if (before.steps != after.steps)
        changes << tr("steps %1 → %2").arg(before.steps).arg(after.steps);
    if (before.guidance != after.guidance)
        changes << tr("guidance %1 → %2").arg(number(before.guidance), number(after.guidance));
    const QString what = changes.isEmpty() ? tr("these settings were already set") : changes.join(QStringLiteral(", "));
    QString summary = kind == FastPresetKind::Lcm ? tr("Fast preset for an LCM LoRA: %1.").arg(what)
                                                  : tr("Fast preset for SDXL-Turbo: %1.").arg(what);
    const QString modelName = QFileInfo(currentModel()).fileName();
    if (kind == FastPresetKind::Turbo && !modelName.contains(QLatin1String("turbo"), Qt::CaseInsensitive))
        summary += QLatin1Char(' ')
            + tr("These settings suit SDXL-Turbo; for another model put an LCM LoRA on the stack first, then press "
                 "Fast again.");
    Q_EMIT fastPresetApplied(summary);
}

void RecipePanel::undoFastPreset()
{
    if (!m_beforeFast)
        return;
    setFastFields(*m_beforeFast);
    m_beforeFast.reset();
}

QSize RecipePanel::sizeForAspect(int ratioW, int ratioH, int base)
{
    const double area = double(base) * base;
    const double w = std::sqrt(area * ratioW / ratioH);
    const double h = w * ratioH / ratioW;
    auto round8 = [](double v) { return std::max(limits::SizeMultiple, int(std::lround(v / 8.0)) * 8); };
    return { round8(w), round8(h) };
}

void RecipePanel::applyAspectPreset(int index)
{
    if (index <= 0 || index > int(std::size(kAspects)))
        return;
    const Aspect a = kAspects[index - 1];
    // Keep about the current number of pixels (the model's own size when the size is its own).
    const int w = m_width->value() > 0 ? m_width->value() : m_nativeSize;
    const int h = m_height->value() > 0 ? m_height->value() : m_nativeSize;
    const QSize size = sizeForAspect(a.w, a.h, int(std::lround(std::sqrt(double(w) * h))));
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_aspect->setCurrentIndex(0);
}

void RecipePanel::setNativeSize(int size) { m_nativeSize = size > 0 ? size : 512; }

ImageRecipe RecipePanel::recipe() const
{
    ImageRecipe r = m_base;
    r.prompt = m_prompt->prompt();
    r.negativePrompt = m_negative->prompt();
    r.model = currentModel();
    r.sampler = dataOf<Sampler>(m_sampler);
    r.schedule = dataOf<SigmaSchedule>(m_schedule);
    r.spacing = dataOf<TimestepSpacing>(m_spacing);
    r.steps = m_steps->value();
    r.stepCache = m_stepCache->value();
    r.tokenMerge = m_tokenMerge->value();
    r.guidance = m_guidance->value();
    r.width = m_width->value();
    r.height = m_height->value();
    r.seed = m_seed->text().toLongLong();
    r.batchSize = m_batchSize->value();
    r.batchCount = m_batchCount->value();
    r.initImage = m_initImage->path();
    r.loras = m_loras->loras();
    if (const QString style = m_style->currentStyleId(); style.isEmpty())
        r.extras.remove(QLatin1String(StyleExtrasKey));
    else
        r.extras.insert(QLatin1String(StyleExtrasKey), style);
    r.maskBlur = m_maskBlur->value();
    r.maskGrow = m_maskGrow->value();
    if (r.isImageToImage())
        r.strength = m_strength->value();
    else
        r.strength.reset();
    return r;
}

void RecipePanel::setRecipe(const ImageRecipe& styledRecipe)
{
    // An image made with a style: its prompts without the style's words, when they can be told apart.
    ImageRecipe recipe = styledRecipe;
    const QString styleId = recipe.extras.value(QLatin1String(StyleExtrasKey));
    for (const Style& style : m_style->styles())
        if (!styleId.isEmpty() && style.id == styleId)
            StylePicker::unapply(style, recipe);
    m_style->setCurrentStyleId(styleId);
    m_base = recipe;
    // What a made image records about itself is not part of the next recipe.
    m_base.modelName.clear();
    m_base.modelSha256.clear();
    m_base.modelHashShort.clear();
    m_base.batchIndex = 0;
    m_base.easelVersion.clear();
    m_base.elapsedSeconds = 0;
    for (PromptEditor* editor : { m_prompt, m_negative })
        editor->setPromptSyntax(recipe.promptSyntax);
    m_prompt->setPrompt(recipe.prompt); // undoable: Ctrl+Z brings back the prompt a Reuse replaced
    m_negative->setPrompt(recipe.negativePrompt);
    setCurrentModel(recipe.model);
    selectData(m_sampler, recipe.sampler);
    selectData(m_schedule, recipe.schedule);
    selectData(m_spacing, recipe.spacing);
    m_steps->setValue(recipe.steps);
    m_stepCache->setValue(recipe.stepCache);
    m_tokenMerge->setValue(recipe.tokenMerge);
    m_guidance->setValue(recipe.guidance);
    m_width->setValue(recipe.width);
    m_height->setValue(recipe.height);
    m_seed->setText(QString::number(recipe.seed));
    m_batchSize->setValue(recipe.batchSize);
    m_batchCount->setValue(recipe.batchCount);
    m_initImage->setPath(recipe.initImage);
    m_loras->setLoras(recipe.loras);
    m_maskBlur->setValue(recipe.maskBlur);
    m_maskGrow->setValue(recipe.maskGrow);
    updateEffectivePrompt();
    m_strength->setValue(recipe.effectiveStrength());
}

void RecipePanel::setModelChoices(const QList<ModelChoice>& models)
{
    const QString current = currentModel();
    const QSignalBlocker block(m_model);
    m_model->clear();
    for (const ModelChoice& m : models) {
        m_model->addItem(m.label, m.path);
        m_model->setItemData(m_model->count() - 1, m.toolTip, Qt::ToolTipRole);
    }
    setCurrentModel(current);
}

QString RecipePanel::currentModel() const { return m_model->currentData().toString(); }

void RecipePanel::setCurrentModel(const QString& path)
{
    int index = m_model->findData(path);
    if (index < 0 && !path.isEmpty()) {
        m_model->addItem(QFileInfo(path).completeBaseName(), path);
        m_model->setItemData(m_model->count() - 1, path, Qt::ToolTipRole);
        index = m_model->count() - 1;
    }
    if (index < 0)
        index = m_model->findData(QString());
    m_model->setCurrentIndex(std::max(index, 0));
}

bool RecipePanel::isSeedLocked() const { return m_seedLock->isChecked(); }

void RecipePanel::setSeedLocked(bool locked) { m_seedLock->setChecked(locked); }

qint64 RecipePanel::randomizeSeed()
{
    const qint64 seed = qint64(QRandomGenerator::global()->bounded(quint64(kMaxRandomSeed) + 1));
    m_seed->setText(QString::number(seed));
    return seed;
}

} // namespace easel
