// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QSettings;

namespace easel {

/**
 * The remote backends' settings, in the user's settings file (paths::settingsFile()) beside Settings' own:
 * per backend its base URL, default model and time limit ("backends/<id>/..."), the default backend and
 * fallback chain, and the monthly cloud budget ("cloud/..."). API keys are never stored here (see ApiKeys).
 * Usable from any thread (each instance has its own QSettings).
 */
class CloudSettings {
public:
    /// `file` empty: paths::settingsFile().
    explicit CloudSettings(const QString& file = {});
    ~CloudSettings();

    /// The service's own default base URL ("https://api.openai.com/v1"); empty for an unknown id.
    static QUrl defaultBaseUrl(const QString& backendId);
    /// The default model of a backend ("gpt-image-1", "stable-image-core").
    static QString builtInModel(const QString& backendId);

    /// The base URL in effect: the setting, else for OpenAI the OPENAI_BASE_URL environment variable (as
    /// OpenAI's SDKs read it), else the service's default. (easel-cli's --backend-url wins over all.)
    QUrl baseUrl(const QString& backendId) const;
    void setBaseUrl(const QString& backendId, const QUrl& url); ///< an empty URL removes the setting
    QString defaultModel(const QString& backendId) const;
    void setDefaultModel(const QString& backendId, const QString& model);
    double timeoutSec(const QString& backendId) const; ///< default 300
    void setTimeoutSec(const QString& backendId, double seconds);

    /// The backend new generations go to: "local" (default), "openai", "stability", "comfyui".
    QString backend() const;
    void setBackend(const QString& backendId);
    /// Backends tried in order when the chosen one fails for a reason a retry cannot fix.
    QStringList fallback() const;
    void setFallback(const QStringList& backendIds);
    /// Further ComfyUI servers beside baseUrl("comfyui"), each "http(s)://host:port"; the window spreads its
    /// ComfyUI jobs over all of them (one lane per server).
    QList<QUrl> comfyServers() const;
    void setComfyServers(const QList<QUrl>& urls);
    /// The user's ComfyUI workflow template (API format, see comfy::WorkflowTemplate); empty: Easel's own graph.
    QString workflowFile() const;
    void setWorkflowFile(const QString& path);

    /// Monthly spending limit for the cloud backends in US dollars; 0 = none.
    double budgetUsd() const;
    void setBudgetUsd(double usd);

    /// Where and how to reach `backendId`, without its key (ApiKeys adds it when a request goes out).
    BackendEndpoint endpoint(const QString& backendId) const;

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace easel
