// SPDX-License-Identifier: MIT
#include "backends/backendrouter.h"

#include "backends/apikeys.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <cmath>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::BackendRouter", text); }

    bool isCancelled(const BackendCallbacks& callbacks) { return callbacks.cancelled && callbacks.cancelled(); }

    BackendResult cancelledResult(QStringList notes)
    {
        BackendResult r;
        r.error.kind = BackendErrorKind::Cancelled;
        r.error.message = tr("cancelled");
        r.notes = std::move(notes);
        return r;
    }

} // namespace

BackendRouter::BackendRouter(RouterOptions options)
    : m_options(options)
{
}

void BackendRouter::add(std::shared_ptr<ImageBackend> backend)
{
    if (backend)
        m_chain.push_back(std::move(backend));
}

QStringList BackendRouter::chain() const
{
    QStringList ids;
    for (const auto& b : m_chain)
        ids << b->id();
    return ids;
}

bool BackendRouter::isSkipped(const QString& backendId) const { return m_skipped.contains(backendId); }

bool BackendRouter::wait(double seconds, const BackendCallbacks& callbacks)
{
    QDeadlineTimer deadline(qint64(std::ceil(seconds * 1000.0)));
    while (!deadline.hasExpired()) {
        if (isCancelled(callbacks))
            return false;
        QThread::msleep(quint64(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
    }
    return !isCancelled(callbacks);
}

BackendResult BackendRouter::run(const ImageRecipe& recipe, const BackendCallbacks& callbacks)
{
    QStringList notes;
    BackendError lastError;
    QString lastName;
    if (m_chain.empty()) {
        BackendResult r;
        r.error.kind = BackendErrorKind::BadRequest;
        r.error.message = tr("no backend to run on");
        return r;
    }
    for (const auto& backend : m_chain) {
        const QString name = backend->displayName();
        if (m_skipped.contains(backend->id())) {
            notes << tr("%1 skipped: it failed earlier in this run").arg(name);
            lastError = m_skipped.value(backend->id());
            lastName = name;
            continue;
        }
        if (lastError.isError())
            notes << tr("falling back from %1 to %2: %3").arg(lastName, name, lastError.message);
        lastName = name;
        for (int attempt = 0;; ++attempt) {
            if (isCancelled(callbacks))
                return cancelledResult(notes);
            if (beforeRequest) {
                const BackendError refused = beforeRequest(*backend, recipe);
                if (refused.isError()) {
                    lastError = refused;
                    break;
                }
            }
            BackendResult r = backend->run(recipe, callbacks);
            for (QString& note : r.notes)
                note = redactSecrets(note);
            r.error.message = redactSecrets(r.error.message);
            notes << r.notes;
            if (!r.error.isError()) {
                r.backendId = backend->id();
                r.notes = notes;
                return r;
            }
            lastError = r.error;
            if (r.error.kind == BackendErrorKind::Cancelled)
                return cancelledResult(notes);
            if (r.error.kind == BackendErrorKind::BadRequest) {
                r.notes = notes;
                return r;
            }
            if (r.error.skipsBackend()) {
                m_skipped.insert(backend->id(), r.error);
                notes << tr("%1 is not used again in this run").arg(name);
                break;
            }
            const bool retriable
                = r.error.kind == BackendErrorKind::RateLimited || r.error.kind == BackendErrorKind::Server;
            if (!retriable || attempt >= m_options.maxRetries)
                break;
            const double delay = r.error.kind == BackendErrorKind::RateLimited && r.error.retryAfterSec > 0
                ? r.error.retryAfterSec
                : m_options.backoffSec * std::pow(2.0, attempt);
            if (delay > m_options.maxRetryWaitSec) {
                notes << tr("%1 asked to wait %2 s, more than the %3 s allowed")
                             .arg(name)
                             .arg(delay, 0, 'f', 0)
                             .arg(m_options.maxRetryWaitSec, 0, 'f', 0);
                break;
            }
            notes << tr("%1: %2; retrying in %3 s").arg(name, r.error.message).arg(delay, 0, 'f', 1);
            if (!wait(delay, callbacks))
                return cancelledResult(notes);
        }
    }
    BackendResult failed;
    failed.error = lastError;
    failed.notes = notes;
    return failed;
}

} // namespace easel
