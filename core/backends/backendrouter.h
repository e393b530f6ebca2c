// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

#include <QHash>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace easel {

struct RouterOptions {
    /// The longest wait for one retry: a Retry-After beyond it falls back instead of waiting.
    double maxRetryWaitSec = 120.0;
    /// Retries per backend and request after a rate limit (429) or a server error (5xx).
    int maxRetries = 3;
    /// The first wait when the server names none; doubled for each further retry.
    double backoffSec = 2.0;
};

/**
 * Runs a request on a chosen backend and, when it fails, on the next of its ordered fallback chain. A backend
 * that fails for a reason a retry cannot fix (BackendError::skipsBackend(): 401, 402, a refusal) is skipped for
 * the rest of the run (this router's life: one job); a rate limit is retried after the server's Retry-After
 * (else a doubling backoff), up to maxRetryWaitSec per wait, and a server error likewise; a timeout or a lost
 * connection goes to the next backend. A bad request ends the run (another backend would not fix the recipe).
 * Every retry and fallback is said in the result's notes. Runs on the job's worker thread: the waits sleep it,
 * in short slices that watch the cancel flag.
 */
class BackendRouter {
public:
    explicit BackendRouter(RouterOptions options = {});

    /// Appends to the chain: the first added is the chosen backend, the others its fallbacks in order.
    void add(std::shared_ptr<ImageBackend> backend);
    QStringList chain() const; ///< the ids, in order
    bool isSkipped(const QString& backendId) const;

    /// Asked before each request to a backend; an error (e.g. Budget) counts as that backend's answer and
    /// nothing is sent.
    std::function<BackendError(ImageBackend& backend, const ImageRecipe& recipe)> beforeRequest;

    /// The images of the first backend that makes them (result.backendId says which), or the last error.
    BackendResult run(const ImageRecipe& recipe, const BackendCallbacks& callbacks);

private:
    /// Sleeps `seconds` in slices; false when cancelled meanwhile.
    static bool wait(double seconds, const BackendCallbacks& callbacks);

    RouterOptions m_options;
    std::vector<std::shared_ptr<ImageBackend>> m_chain;
    QHash<QString, BackendError> m_skipped; ///< backend id -> the error that put it out of the run
};

} // namespace easel
