// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/compose.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace easel {

class JobQueue;
class Settings;
struct JobResult;

/**
 * Compose panel ("composePanel"): the two-prompt action. A character prompt and a background prompt become ONE
 * queued ComposeJob: a portrait character and a landscape background (3:4 and 4:3 at the model's size, 384x512
 * and 512x384 for SD 1.5) made with the recipe panel's model and settings, then the character cut out and merged
 * onto the background (1024x512). Its three images land in the gallery together; the merged one names the other
 * two as its sources. The prompt helpers added to each prompt are editable and kept in the settings.
 *
 * Children: "composeCharacterPrompt", "composeBackgroundPrompt", "composeSizes" (label), the group
 * "composePresets" with "characterSuffix", "characterNegative", "backgroundSuffix", "backgroundNegative" and
 * "resetPresetsButton"; "composeButton", "composeStatus".
 */
class ComposePanel : public QWidget {
    Q_OBJECT
public:
    /// The recipe the parts are made with (model, sampler, steps, seed, device), or nothing when it cannot run
    /// (then *error says why, in one line).
    using RecipeSource = std::function<std::optional<ImageRecipe>(QString* error)>;

    ComposePanel(JobQueue& queue, Settings& settings, QWidget* parent = nullptr);

    void setRecipeSource(RecipeSource source) { m_recipeSource = std::move(source); }
    /// The prompt helpers as edited.
    ComposePresets presets() const;
    /// Where the next composition goes: "compose-<date>-<time>.png" in the output folder, a name none of whose
    /// three files exists.
    QString nextOutputPath() const;

public Q_SLOTS:
    /// Queues the composition; its job id, 0 when it cannot run (errorOccurred says why).
    quint64 compose();
    /// The prompt helpers back to Easel's own.
    void resetPresets();

Q_SIGNALS:
    void queued(quint64 jobId, const QString& output);
    void composed(const QString& output);
    void errorOccurred(const QString& message);

private:
    void setPresets(const ComposePresets& presets);
    void savePresets();
    void updateButton();
    void jobFinished(quint64 id, const JobResult& result);

    JobQueue& m_queue;
    Settings& m_settings;
    RecipeSource m_recipeSource;
    QLineEdit* m_characterPrompt = nullptr;
    QLineEdit* m_backgroundPrompt = nullptr;
    QLineEdit* m_characterSuffix = nullptr;
    QLineEdit* m_characterNegative = nullptr;
    QLineEdit* m_backgroundSuffix = nullptr;
    QLineEdit* m_backgroundNegative = nullptr;
    QPushButton* m_compose = nullptr;
    QLabel* m_status = nullptr;
    QHash<quint64, QString> m_jobs; ///< queued compositions and their outputs
};

} // namespace easel
