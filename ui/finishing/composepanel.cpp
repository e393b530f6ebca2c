// SPDX-License-Identifier: MIT
#include "finishing/composepanel.h"

#include "jobs/jobqueue.h"
#include "settings/settings.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace easel {

ComposePanel::ComposePanel(JobQueue& queue, Settings& settings, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_settings(settings)
    , m_characterPrompt(new QLineEdit(this))
    , m_backgroundPrompt(new QLineEdit(this))
    , m_characterSuffix(new QLineEdit(this))
    , m_characterNegative(new QLineEdit(this))
    , m_backgroundSuffix(new QLineEdit(this))
    , m_backgroundNegative(new QLineEdit(this))
    , m_compose(new QPushButton(tr("Compose"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("composePanel"));
    m_characterPrompt->setObjectName(QStringLiteral("composeCharacterPrompt"));
    m_characterPrompt->setPlaceholderText(tr("Who: e.g. a knight in silver armour"));
    m_backgroundPrompt->setObjectName(QStringLiteral("composeBackgroundPrompt"));
    m_backgroundPrompt->setPlaceholderText(tr("Where: e.g. a misty castle courtyard at dawn"));
    m_characterSuffix->setObjectName(QStringLiteral("characterSuffix"));
    m_characterNegative->setObjectName(QStringLiteral("characterNegative"));
    m_backgroundSuffix->setObjectName(QStringLiteral("backgroundSuffix"));
    m_backgroundNegative->setObjectName(QStringLiteral("backgroundNegative"));
    for (QLineEdit* edit : { m_characterSuffix, m_characterNegative, m_backgroundSuffix, m_backgroundNegative }) {
        edit->setClearButtonEnabled(true);
        edit->setCursorPosition(0);
    }
    m_characterSuffix->setToolTip(
        tr("Added to the character prompt: a full figure on a plain backdrop cuts out cleanly"));
    m_backgroundSuffix->setToolTip(tr("Added to the background prompt: atmosphere, and no people in the scene"));
    m_characterNegative->setToolTip(tr("Added to the character's negative prompt"));
    m_backgroundNegative->setToolTip(tr("Added to the background's negative prompt"));

    auto* sizes = new QLabel(tr("The character is made in portrait (3:4) and the background in landscape (4:3) at the "
                                "model's size: 384 x 512 and 512 x 384 for SD 1.5. The figure is cut out and placed "
                                "in the right half of a 1024 x 512 picture."),
        this);
    sizes->setObjectName(QStringLiteral("composeSizes"));
    sizes->setWordWrap(true);

    auto* presetsBox = new QGroupBox(tr("Prompt helpers"), this);
    presetsBox->setObjectName(QStringLiteral("composePresets"));
    auto* reset = new QPushButton(tr("Easel's helpers"), presetsBox);
    reset->setObjectName(QStringLiteral("resetPresetsButton"));
    reset->setToolTip(tr("Put back the prompt helpers Easel comes with"));
    auto* presetsForm = new QFormLayout(presetsBox);
    presetsForm->addRow(tr("Character adds"), m_characterSuffix);
    presetsForm->addRow(tr("Character avoids"), m_characterNegative);
    presetsForm->addRow(tr("Background adds"), m_backgroundSuffix);
    presetsForm->addRow(tr("Background avoids"), m_backgroundNegative);
    auto* resetRow = new QHBoxLayout;
    resetRow->addStretch(1);
    resetRow->addWidget(reset);
    presetsForm->addRow(resetRow);

    m_compose->setObjectName(QStringLiteral("composeButton"));
    m_compose->setToolTip(tr("Queue one job: the character, the background, then the merge"));
    m_status->setObjectName(QStringLiteral("composeStatus"));
    m_status->setWordWrap(true);

    auto* prompts = new QFormLayout;
    prompts->addRow(tr("Character"), m_characterPrompt);
    prompts->addRow(tr("Background"), m_backgroundPrompt);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_compose);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(prompts);
    layout->addWidget(sizes);
    layout->addWidget(presetsBox);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch(1);

    setPresets(m_settings.composePresets());
    for (QLineEdit* edit : { m_characterSuffix, m_characterNegative, m_backgroundSuffix, m_backgroundNegative })
        connect(edit, &QLineEdit::editingFinished, this, &ComposePanel::savePresets);
    connect(reset, &QPushButton::clicked, this, &ComposePanel::resetPresets);
    for (QLineEdit* edit : { m_characterPrompt, m_backgroundPrompt }) {
        connect(edit, &QLineEdit::textChanged, this, &ComposePanel::updateButton);
        connect(edit, &QLineEdit::returnPressed, this, [this] { compose(); });
    }
    connect(m_compose, &QPushButton::clicked, this, [this] { compose(); });
    connect(&m_queue, &JobQueue::jobFinished, this, &ComposePanel::jobFinished);
    updateButton();
}

ComposePresets ComposePanel::presets() const
{
    ComposePresets p;
    p.characterSuffix = m_characterSuffix->text();
    p.characterNegative = m_characterNegative->text();
    p.backgroundSuffix = m_backgroundSuffix->text();
    p.backgroundNegative = m_backgroundNegative->text();
    return p;
}

void ComposePanel::setPresets(const ComposePresets& presets)
{
    m_characterSuffix->setText(presets.characterSuffix);
    m_characterNegative->setText(presets.characterNegative);
    m_backgroundSuffix->setText(presets.backgroundSuffix);
    m_backgroundNegative->setText(presets.backgroundNegative);
    for (QLineEdit* edit : { m_characterSuffix, m_characterNegative, m_backgroundSuffix, m_backgroundNegative })
        edit->setCursorPosition(0);
}

void ComposePanel::savePresets() { m_settings.setComposePresets(presets()); }

void ComposePanel::resetPresets()
{
    setPresets(ComposePresets {});
    savePresets();
}

void ComposePanel::updateButton()
{
    m_compose->setEnabled(
        !m_characterPrompt->text().trimmed().isEmpty() && !m_backgroundPrompt->text().trimmed().isEmpty());
}

QString ComposePanel::nextOutputPath() const
{
    const QDir dir(m_settings.outputDir());
    const QString stem
        = QStringLiteral("compose-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? stem : stem + QStringLiteral("-%1").arg(n);
        const QString path = dir.filePath(name + QStringLiteral(".png"));
        bool free = !QFileInfo::exists(path) && !m_jobs.values().contains(path);
        for (const char* part : { "-character.png", "-background.png" })
            free = free && !QFileInfo::exists(dir.filePath(name + QLatin1String(part)));
        if (free)
            return path;
    }
}

quint64 ComposePanel::compose()
{
    const QString character = m_characterPrompt->text().trimmed();
    const QString background = m_backgroundPrompt->text().trimmed();
    if (character.isEmpty() || background.isEmpty()) {
        const QString message = tr("Compose needs a character prompt and a background prompt.");
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return 0;
    }
    QString error;
    const std::optional<ImageRecipe> base = m_recipeSource ? m_recipeSource(&error) : std::nullopt;
    if (!base) {
        const QString message = error.isEmpty() ? tr("Compose needs a model: choose one in the recipe panel.") : error;
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return 0;
    }
    const QString folder = m_settings.outputDir();
    if (!QDir().mkpath(folder)) {
        const QString message = tr("Cannot make the output folder %1.").arg(QDir::toNativeSeparators(folder));
        m_status->setText(message);
        Q_EMIT errorOccurred(message);
        return 0;
    }
    savePresets();
    ComposeRequest request;
    request.base = *base;
    request.characterPrompt = character;
    request.backgroundPrompt = background;
    request.presets = presets();
    request.outputPath = nextOutputPath();
    request.preview = m_settings.previewMode();
    request.taesdPath = m_settings.taesdPath();
    const QString output = request.outputPath;
    const quint64 id = m_queue.submit(std::make_unique<ComposeJob>(std::move(request)));
    m_jobs.insert(id, output);
    m_status->setText(tr("Queued: %1 (character, background, then the merge)").arg(QFileInfo(output).fileName()));
    Q_EMIT queued(id, output);
    return id;
}

void ComposePanel::jobFinished(quint64 id, const JobResult& result)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    const QString output = it.value();
    m_jobs.erase(it);
    if (result.state == JobState::Completed) {
        m_status->setText(tr("Composed %1").arg(QDir::toNativeSeparators(output)));
        Q_EMIT composed(output);
    } else if (result.state == JobState::Failed) {
        m_status->setText(result.message);
        Q_EMIT errorOccurred(result.message);
    } else {
        m_status->setText(tr("Compose stopped: %1").arg(QFileInfo(output).fileName()));
    }
}

} // namespace easel
