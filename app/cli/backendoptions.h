// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/remotegenerationjob.h"
#include "recipe/stylelibrary.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace easel::cli {

/// generate's backend flags: --backend, --fallback, --backend-url, --remote-model, --quality, --budget, --workflow.
class BackendOptions {
public:
    BackendOptions();
    void addTo(QCommandLineParser& parser) const;

    /// True when --backend names a remote backend (not "local", the default), or, without --backend, the
    /// --style does.
    bool isRemote(const QCommandLineParser& parser, const Style* style = nullptr) const;
    /// Reads the flags into `remote`; a one-line message naming the flag for a bad value. `recipe` is checked
    /// for what the chosen backend cannot do (img2img on OpenAI or Stability AI). Without --backend (or
    /// --fallback) the style's backend (and fallback chain) apply.
    QString read(const QCommandLineParser& parser, const ImageRecipe& recipe, RemoteOptions& remote,
        const Style* style = nullptr) const;

    /// "estimate: ..." before a cloud job runs (nothing for a self-hosted backend).
    static void printEstimate(const RemoteGenerationJob& job);
    /// The estimated cloud spending of this run and of this month, after a cloud job.
    static void printTotals(const RemoteGenerationJob& job);

private:
    QCommandLineOption m_backend, m_fallback, m_backendUrl, m_remoteModel, m_quality, m_budget, m_workflow;
};

} // namespace easel::cli
