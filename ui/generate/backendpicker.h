// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"
#include "jobs/remotegenerationjob.h"

#include <QLabel>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLineEdit;

namespace easel {

/**
 * Where Generate makes the images: this machine's engine, a ComfyUI server, OpenAI Images or Stability AI,
 * with an ordered fallback chain. It says what the chosen backend can do (capabilitiesChanged: the recipe panel
 * greys what it ignores) and what the recipe would cost before it runs (per image and for the job, from
 * PriceTable). The choice is kept in the settings (CloudSettings' backend and fallback). makeJob() builds the
 * remote job with the settings' URL, model and workflow template and stops a cloud job the budget would not
 * cover, in one line.
 */
class BackendPicker : public QWidget {
    Q_OBJECT
public:
    explicit BackendPicker(QWidget* parent = nullptr);

    /// The settings file the choice and the backends' settings live in (empty: the user's); reloads the choice.
    void setSettingsFile(const QString& file);
    /// The cost record (empty: CostLedger::defaultFile()).
    void setCostFile(const QString& file) { m_costFile = file; }
    /// How many jobs are queued or running in a queue lane ("comfyui@host:port"): makeJob() sends a ComfyUI
    /// job to the least busy of the configured servers. Without it, the first server.
    void setLaneLoad(std::function<int(const QString& lane)> load) { m_laneLoad = std::move(load); }

    QString backend() const; ///< "local", "comfyui", "comfyui@host:port" (one of several servers), "openai", "stability"
    void setBackend(const QString& backendId);
    QStringList fallback() const; ///< as typed: ids, in order
    void setFallback(const QStringList& backendIds);
    bool isRemote() const { return backend() != QLatin1String("local"); }

    /// What a backend can do, as far as the window needs it before asking any server (no network).
    static BackendCapabilities capabilitiesOf(const QString& backendId);
    /// The remote options of the current choice (settings file, cost file, workflow template).
    RemoteOptions remoteOptions() const;

    /// Recomputes the cost line for `recipe` (the effective recipe Generate would queue).
    void updateEstimate(const ImageRecipe& recipe);
    QString estimateText() const;

    /// The remote job for `recipe`, or nullptr and one line in `problem` (a bad fallback, a template without a
    /// slot it needs, the budget reached).
    std::unique_ptr<RemoteGenerationJob> makeJob(
        const ImageRecipe& recipe, const GenerationOptions& options, QString* problem) const;

Q_SIGNALS:
    void backendChanged(const QString& backendId);
    void capabilitiesChanged(const BackendCapabilities& capabilities);

private:
    void onBackendChosen();
    void remember() const;

    QComboBox* m_backend = nullptr;
    QLineEdit* m_fallback = nullptr;
    QLabel* m_capabilities = nullptr;
    QLabel* m_estimate = nullptr;
    QString m_settingsFile;
    QString m_costFile;
    std::function<int(const QString&)> m_laneLoad;
    bool m_loading = false;
};

/// The cloud spending so far, this session and this month (CostLedger: Easel's estimates), for the status bar.
class CostTotalsLabel : public QLabel {
    Q_OBJECT
public:
    explicit CostTotalsLabel(QWidget* parent = nullptr);
    void setCostFile(const QString& file);
    /// Re-reads the record (after a cloud job).
    void refresh();

private:
    QString m_costFile;
};

} // namespace easel
