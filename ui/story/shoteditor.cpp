// SPDX-License-Identifier: MIT
#include "story/shoteditor.h"

#include "story/shotlistmodel.h"
#include "story/storyprompt.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace easel {

namespace {

    constexpr int kTakeIcon = 96;

    QImage takeThumbnail(const QString& path)
    {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(kTakeIcon, kTakeIcon, Qt::KeepAspectRatio));
        return reader.read();
    }

} // namespace

ShotEditor::ShotEditor(
    const StoryDocument& story, const StoryPromptBuilder& builder, const StoryShot& shot, QWidget* parent)
    : QDialog(parent)
    , m_story(story)
    , m_builder(builder)
    , m_shot(shot)
{
    setObjectName(QStringLiteral("shotEditor"));
    setWindowTitle(tr("Shot %1").arg(shot.number));

    m_type = templateCombo(StoryTemplateKind::ShotType, shot.shotType, "shotTypeCombo");
    m_description = new QPlainTextEdit(shot.description);
    m_description->setObjectName(QStringLiteral("shotDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_style = templateCombo(StoryTemplateKind::Style, shot.style, "shotStyleCombo");
    m_lighting = templateCombo(StoryTemplateKind::Lighting, shot.lighting, "shotLightingCombo");
    m_camera = templateCombo(StoryTemplateKind::CameraAngle, shot.cameraAngle, "shotCameraCombo");
    m_mood = templateCombo(StoryTemplateKind::Mood, shot.mood, "shotMoodCombo");

    // Every character of the story: ticked when in the shot, with what they do there.
    m_characters = new QTableWidget(int(story.characters().size()), 2);
    m_characters->setObjectName(QStringLiteral("shotCharactersTable"));
    m_characters->setHorizontalHeaderLabels({ tr("Character"), tr("Action") });
    m_characters->verticalHeader()->hide();
    m_characters->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_characters->horizontalHeader()->setStretchLastSection(true);
    m_characters->setTabKeyNavigation(false);
    for (int row = 0; row < story.characters().size(); ++row) {
        const StoryCharacter& character = story.characters().at(row);
        auto* item = new QTableWidgetItem(character.name.isEmpty() ? character.id : character.name);
        item->setData(Qt::UserRole, character.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        QString action;
        bool inShot = false;
        for (const ShotCharacter& in : shot.characters) {
            if (in.characterId == character.id) {
                inShot = true;
                action = in.action;
            }
        }
        item->setCheckState(inShot ? Qt::Checked : Qt::Unchecked);
        m_characters->setItem(row, 0, item);
        QComboBox* actionCombo = templateCombo(StoryTemplateKind::Action, action, "shotActionCombo");
        actionCombo->setObjectName(QStringLiteral("shotActionCombo_%1").arg(character.id));
        m_characters->setCellWidget(row, 1, actionCombo);
    }
    connect(m_characters, &QTableWidget::itemChanged, this, &ShotEditor::updatePrompt);
    m_characters->setMinimumHeight(m_characters->horizontalHeader()->sizeHint().height()
        + 2 * m_characters->verticalHeader()->defaultSectionSize() + 4);

    m_location = new QComboBox;
    m_location->setObjectName(QStringLiteral("shotLocationCombo"));
    m_location->addItem(tr("(none)"), QString());
    for (const StoryLocation& location : story.locations())
        m_location->addItem(location.name.isEmpty() ? location.id : location.name, location.id);
    m_location->setCurrentIndex(qMax(0, m_location->findData(shot.locationId)));
    m_variant = new QComboBox;
    m_variant->setObjectName(QStringLiteral("shotVariantCombo"));
    fillVariants(shot.variantId);
    connect(m_location, &QComboBox::currentIndexChanged, this, [this] {
        fillVariants({});
        updatePrompt();
    });
    connect(m_variant, &QComboBox::currentIndexChanged, this, &ShotEditor::updatePrompt);

    m_aspect = new QComboBox;
    m_aspect->setObjectName(QStringLiteral("shotAspectCombo"));
    m_aspect->setEditable(true);
    m_aspect->addItems({ QStringLiteral("16:9"), QStringLiteral("2.39:1"), QStringLiteral("1.85:1"),
        QStringLiteral("4:3"), QStringLiteral("3:2"), QStringLiteral("1:1"), QStringLiteral("9:16") });
    m_aspect->setCurrentText(shot.aspectRatio);
    m_aspect->setToolTip(tr("Width:height of the keyframe"));

    m_timestamp = new QDoubleSpinBox;
    m_timestamp->setObjectName(QStringLiteral("shotTimestampSpin"));
    m_timestamp->setRange(0, 24 * 3600);
    m_timestamp->setDecimals(2);
    m_timestamp->setSuffix(tr(" s"));
    m_timestamp->setValue(shot.timestamp);
    m_duration = new QDoubleSpinBox;
    m_duration->setObjectName(QStringLiteral("shotDurationSpin"));
    m_duration->setRange(0, 3600);
    m_duration->setDecimals(2);
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(shot.duration);
    auto* timing = new QHBoxLayout;
    timing->addWidget(m_timestamp);
    auto* durationLabel = new QLabel(tr("D&uration:"));
    durationLabel->setBuddy(m_duration);
    timing->addWidget(durationLabel);
    timing->addWidget(m_duration);

    // The takes rendered so far; the one selected is the keyframe.
    m_takes = new QListWidget;
    m_takes->setObjectName(QStringLiteral("shotTakesList"));
    m_takes->setViewMode(QListView::IconMode);
    m_takes->setFlow(QListView::LeftToRight);
    m_takes->setWrapping(false);
    m_takes->setMovement(QListView::Static);
    m_takes->setIconSize(QSize(kTakeIcon, kTakeIcon));
    m_takes->setFixedHeight(kTakeIcon + m_takes->fontMetrics().height() + 28);
    for (int i = 0; i < shot.takes.size(); ++i) {
        const QString path = story.resolvePath(shot.takes.at(i));
        auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(takeThumbnail(path))), tr("Take %1").arg(i + 1));
        item->setData(Qt::UserRole, shot.takes.at(i));
        item->setToolTip(QFileInfo(path).fileName());
        m_takes->addItem(item);
        if (shot.takes.at(i) == shot.keyframe)
            m_takes->setCurrentItem(item);
    }
    m_takes->setToolTip(tr("The take selected here is the shot's keyframe"));
    m_takes->setEnabled(!shot.takes.isEmpty());

    // The engine of this shot (empty: the story's) and the engines tried when it fails.
    m_engine = new QComboBox;
    m_engine->setObjectName(QStringLiteral("shotEngineCombo"));
    m_engine->setEditable(true);
    m_engine->setInsertPolicy(QComboBox::NoInsert);
    m_engine->addItem(QString(), QString());
    m_engine->addItem(tr("This machine (local)"), QStringLiteral("local"));
    m_engine->addItem(tr("ComfyUI servers (comfyui)"), QStringLiteral("comfyui"));
    m_engine->addItem(tr("OpenAI (openai)"), QStringLiteral("openai"));
    m_engine->addItem(tr("Stability AI (stability)"), QStringLiteral("stability"));
    const QString storyEngine = story.settings().backend.isEmpty() ? QStringLiteral("local") : story.settings().backend;
    m_engine->lineEdit()->setPlaceholderText(tr("The story's (%1)").arg(storyEngine));
    const int engineIndex = shot.backend.isEmpty() ? 0 : m_engine->findData(shot.backend);
    if (engineIndex >= 0)
        m_engine->setCurrentIndex(engineIndex);
    else
        m_engine->setEditText(shot.backend); // one ComfyUI server: comfyui@host:port
    m_engine->setToolTip(tr("The engine that renders this shot; comfyui@host:port names one ComfyUI server"));
    connect(m_engine, &QComboBox::currentTextChanged, this, &ShotEditor::updatePrompt);
    m_fallback = new QLineEdit(shot.fallback.join(QStringLiteral(", ")));
    m_fallback->setObjectName(QStringLiteral("shotFallbackEdit"));
    m_fallback->setPlaceholderText(tr("e.g. comfyui, local"));
    m_fallback->setToolTip(tr("Engines tried in this order when the engine fails; local only last"));
    connect(m_fallback, &QLineEdit::textChanged, this, &ShotEditor::updatePrompt);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Shot &type:"), m_type);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Style:"), m_style);
    form->addRow(tr("&Lighting:"), m_lighting);
    form->addRow(tr("&Camera angle:"), m_camera);
    form->addRow(tr("&Mood:"), m_mood);
    form->addRow(tr("C&haracters:"), m_characters);
    auto* place = new QHBoxLayout;
    place->addWidget(m_location, 1);
    auto* variantLabel = new QLabel(tr("&Variant:"));
    variantLabel->setBuddy(m_variant);
    place->addWidget(variantLabel);
    place->addWidget(m_variant, 1);
    auto* locationLabel = new QLabel(tr("L&ocation:"));
    locationLabel->setBuddy(m_location);
    form->addRow(locationLabel, place);
    form->addRow(tr("&Aspect ratio:"), m_aspect);
    auto* timestampLabel = new QLabel(tr("T&imestamp:"));
    timestampLabel->setBuddy(m_timestamp);
    form->addRow(timestampLabel, timing);
    auto* takesLabel = new QLabel(tr("Ta&kes:"));
    takesLabel->setBuddy(m_takes);
    form->addRow(takesLabel, m_takes);
    auto* route = new QHBoxLayout;
    route->addWidget(m_engine, 1);
    auto* fallbackLabel = new QLabel(tr("&Fallback:"));
    fallbackLabel->setBuddy(m_fallback);
    route->addWidget(fallbackLabel);
    route->addWidget(m_fallback, 1);
    auto* engineLabel = new QLabel(tr("&Engine:"));
    engineLabel->setBuddy(m_engine);
    form->addRow(engineLabel, route);

    // The prompts as they will be rendered, live.
    m_prompt = new QPlainTextEdit;
    m_prompt->setObjectName(QStringLiteral("shotPromptView"));
    m_prompt->setReadOnly(true);
    m_prompt->setTabChangesFocus(true);
    m_negative = new QPlainTextEdit;
    m_negative->setObjectName(QStringLiteral("shotNegativeView"));
    m_negative->setReadOnly(true);
    m_negative->setTabChangesFocus(true);
    m_negative->setMaximumHeight(m_negative->fontMetrics().lineSpacing() * 4 + 12);
    m_notes = new QLabel;
    m_notes->setObjectName(QStringLiteral("shotPromptNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* built = new QGroupBox(tr("Built prompt"));
    built->setObjectName(QStringLiteral("shotBuiltPrompt"));
    auto* builtLayout = new QVBoxLayout(built);
    auto* promptLabel = new QLabel(tr("&Prompt:"));
    promptLabel->setBuddy(m_prompt);
    builtLayout->addWidget(promptLabel);
    builtLayout->addWidget(m_prompt, 1);
    auto* negativeLabel = new QLabel(tr("&Negative prompt:"));
    negativeLabel->setBuddy(m_negative);
    builtLayout->addWidget(negativeLabel);
    builtLayout->addWidget(m_negative);
    builtLayout->addWidget(m_notes);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->setObjectName(QStringLiteral("shotEditorButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons = buttons;

    auto* columns = new QHBoxLayout;
    columns->addLayout(form, 3);
    columns->addWidget(built, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_description, &QPlainTextEdit::textChanged, this, &ShotEditor::updatePrompt);
    connect(m_aspect, &QComboBox::currentTextChanged, this, &ShotEditor::updatePrompt);
    resize(940, 620);
    updatePrompt();
}

QComboBox* ShotEditor::templateCombo(StoryTemplateKind kind, const QString& value, const char* name)
{
    auto* combo = new QComboBox;
    combo->setObjectName(QLatin1String(name));
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(QString(), QString());
    for (const StoryTemplate& entry : m_builder.library().templates(kind)) {
        combo->addItem(entry.title, entry.id);
        combo->setItemData(combo->count() - 1, entry.prompt, Qt::ToolTipRole);
    }
    const int index = value.isEmpty() ? 0 : combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(value); // free text, used as it is
    combo->setToolTip(tr("A template of the list, or your own words"));
    connect(combo, &QComboBox::currentTextChanged, this, &ShotEditor::updatePrompt);
    return combo;
}

QString ShotEditor::templateValue(const QComboBox* combo)
{
    const QString text = combo->currentText().trimmed();
    // A template's title stands for its id; anything else is the user's own words.
    const int index = combo->findText(text);
    return index >= 0 ? combo->itemData(index).toString() : text;
}

void ShotEditor::fillVariants(const QString& variantId)
{
    const QSignalBlocker blocker(m_variant);
    m_variant->clear();
    m_variant->addItem(tr("(none)"), QString());
    if (const StoryLocation* location = m_story.location(m_location->currentData().toString())) {
        for (const LocationVariant& variant : location->variants) {
            QStringList words;
            for (const QString& part : { variant.timeOfDay, variant.weather })
                if (!part.isEmpty())
                    words << part;
            m_variant->addItem(words.isEmpty() ? variant.id : words.join(QStringLiteral(", ")), variant.id);
        }
    }
    m_variant->setCurrentIndex(qMax(0, m_variant->findData(variantId)));
    m_variant->setEnabled(m_variant->count() > 1);
}

StoryShot ShotEditor::shot() const
{
    StoryShot shot = m_shot;
    shot.shotType = templateValue(m_type);
    shot.description = m_description->toPlainText().trimmed();
    shot.style = templateValue(m_style);
    shot.lighting = templateValue(m_lighting);
    shot.cameraAngle = templateValue(m_camera);
    shot.mood = templateValue(m_mood);
    // The shot's characters keep their order; characters ticked here join after them, in the story's order.
    QList<ShotCharacter> ticked;
    for (int row = 0; row < m_characters->rowCount(); ++row) {
        const QTableWidgetItem* item = m_characters->item(row, 0);
        if (item->checkState() != Qt::Checked)
            continue;
        const auto* action = qobject_cast<const QComboBox*>(m_characters->cellWidget(row, 1));
        ticked.append({ item->data(Qt::UserRole).toString(), action ? templateValue(action) : QString() });
    }
    shot.characters.clear();
    for (const ShotCharacter& before : m_shot.characters) {
        for (const ShotCharacter& now : ticked)
            if (now.characterId == before.characterId)
                shot.characters.append(now);
    }
    for (const ShotCharacter& now : ticked) {
        if (!shot.showsCharacter(now.characterId))
            shot.characters.append(now);
    }
    shot.locationId = m_location->currentData().toString();
    shot.variantId = shot.locationId.isEmpty() ? QString() : m_variant->currentData().toString();
    shot.aspectRatio = m_aspect->currentText().trimmed();
    shot.timestamp = m_timestamp->value();
    shot.duration = m_duration->value();
    if (const QListWidgetItem* take = m_takes->currentItem())
        shot.keyframe = take->data(Qt::UserRole).toString();
    // An engine's title stands for its id; anything else is an id typed in (comfyui@host:port).
    const QString engine = m_engine->currentText().trimmed();
    const int engineIndex = m_engine->findText(engine);
    shot.backend = engineIndex >= 0 ? m_engine->itemData(engineIndex).toString() : engine.toLower();
    shot.fallback.clear();
    for (const QString& id : m_fallback->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!id.trimmed().isEmpty())
            shot.fallback.append(id.trimmed().toLower());
    return shot;
}

void ShotEditor::updatePrompt()
{
    const StoryShot edited = shot();
    QString engineProblem;
    const bool routeOk = StoryDocument::checkEngineRoute(edited.backend, edited.fallback, &engineProblem);
    if (m_buttons)
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(routeOk);
    const StoryPrompt built = m_builder.build(m_story, edited);
    m_prompt->setPlainText(built.prompt);
    m_negative->setPlainText(built.negative);
    QStringList lines;
    if (built.tokens > 0)
        lines << tr("%n token(s)", nullptr, built.tokens) + QStringLiteral(", ")
                + tr("%n chunk(s) of 75", nullptr, built.chunks);
    lines += built.notes;
    if (!routeOk)
        lines << engineProblem;
    m_notes->setText(lines.join(QLatin1Char('\n')));
}

} // namespace easel
