// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/generationjob.h"

#include <QStringList>
#include <QUrl>

namespace easel {

/// Where a remote generation goes and what it may cost. Never holds an API key (ApiKeys finds it when the
/// job runs), so the persisted queue never holds one either.
struct RemoteOptions {
    QString backend = QStringLiteral("openai"); ///< "openai", "stability", "comfyui" (BackendRegistry)
    /// Tried in order when the backend fails for a reason a retry cannot fix; "local" (this machine's engine)
    /// may come last.
    QStringList fallback;
    QString model; ///< the backend's remote model ("dall-e-3", "sd3.5-large"); empty: its default (settings)
    QString quality; ///< OpenAI's quality ("low", "medium", "high", "standard", "hd"); empty: the default
    QUrl baseUrl; ///< the backend's URL; empty: settings, then OPENAI_BASE_URL, then the service's
    double budgetUsd = -1.0; ///< monthly cloud budget; below 0: the settings' budget; 0: none
    double maxRetryWaitSec = 120.0; ///< the longest wait for a rate limit before falling back
    double timeoutSec = 0.0; ///< per request; 0: the settings' (300 s)
    QString settingsFile; ///< empty: the user's settings file
    QString costFile; ///< empty: CostLedger::defaultFile()
    /// ComfyUI: the user's workflow template (API-format JSON with {{slots}}) instead of Easel's own graph.
    QString workflowFile;

    QJsonObject toJson() const;
    static RemoteOptions fromJson(const QJsonObject& json);
};

/**
 * A recipe made by a remote backend (OpenAI Images, Stability AI) through a BackendRouter: the chosen backend,
 * its fallbacks, rate-limit retries and the cloud budget. Each returned image is written like a local one
 * (GenerationOptions' paths, through the job writer thread, atomically) as a PNG with the recipe's A1111 and
 * Easel chunks and provenance, plus the extras "Backend", "Remote model" and "Revised prompt"; the gallery
 * indexes them from the output folder. The estimated cost is added to the CostLedger. Network code runs on the
 * job's worker thread; cancel stops the request in flight.
 */
class RemoteGenerationJob : public Job {
public:
    RemoteGenerationJob(ImageRecipe recipe, RemoteOptions remote, GenerationOptions options);

    QString kind() const override { return QStringLiteral("remote"); }
    /// The backend's own lane ("openai"; a ComfyUI server's "comfyui@host:port"), so remote jobs run beside
    /// local ones; "local" when the local engine is in the fallback chain.
    QString lane() const override;
    QString title() const override;
    const ImageRecipe* recipe() const override { return &m_recipe; }
    int expectedImages() const override { return m_recipe.imageCount(); }
    JobResult run(JobContext& context) override;
    QJsonObject toJson() const override;
    std::unique_ptr<Job> clone() const override;
    static std::unique_ptr<Job> fromJson(const QJsonObject& json, QString* errorMessage = nullptr);

    const RemoteOptions& remote() const { return m_remote; }
    const GenerationOptions& options() const { return m_options; }

    /// Problems that keep the job from starting (unknown backend, recipe, output), one line each.
    QStringList validate() const;
    /// The estimate for one image on the chosen backend (US dollars, PriceTable), before anything runs.
    double estimatedCostPerImage() const;
    /// The estimate for the whole job on the chosen backend.
    double estimatedCost() const { return estimatedCostPerImage() * m_recipe.imageCount(); }

private:
    ImageRecipe m_recipe;
    RemoteOptions m_remote;
    GenerationOptions m_options;
};

} // namespace easel
