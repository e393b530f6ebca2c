// SPDX-License-Identifier: MIT
#include "finishing/previewrunner.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent>

#include <exception>

namespace easel {

PreviewRunner::PreviewRunner(QObject* parent)
    : QObject(parent)
    , m_pool(std::make_unique<QThreadPool>())
    , m_watcher(new QFutureWatcher<Outcome>(this))
{
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(-1);
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, &PreviewRunner::onFinished);
}

PreviewRunner::~PreviewRunner()
{
    m_waiting.reset();
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
    m_pool->waitForDone();
}

void PreviewRunner::request(Work work)
{
    Pending pending { std::move(work), {} };
    pending.requested.start();
    if (m_running) {
        if (m_waiting)
            ++m_superseded;
        m_waiting = std::move(pending);
        return;
    }
    m_dropRunning = false;
    start(std::move(pending));
}

void PreviewRunner::cancel()
{
    m_waiting.reset();
    m_dropRunning = m_running;
}

void PreviewRunner::start(Pending pending)
{
    m_running = true;
    m_runningRequested = pending.requested;
    Work work = std::move(pending.work);
    m_watcher->setFuture(QtConcurrent::run(m_pool.get(), [work = std::move(work)] {
        Outcome outcome;
        QElapsedTimer timer;
        timer.start();
        try {
            outcome.image = work();
        } catch (const std::exception& e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        outcome.ms = timer.nsecsElapsed() / 1e6;
        return outcome;
    }));
}

void PreviewRunner::onFinished()
{
    m_running = false;
    const Outcome outcome = m_watcher->result();
    const double latency = m_runningRequested.nsecsElapsed() / 1e6;
    const bool drop = m_dropRunning;
    m_dropRunning = false;
    const bool more = m_waiting.has_value();
    if (more) {
        Pending next = std::move(*m_waiting);
        m_waiting.reset();
        start(std::move(next));
    }
    if (drop)
        return;
    if (!outcome.error.isEmpty())
        Q_EMIT failed(outcome.error);
    else
        Q_EMIT ready(outcome.image, outcome.ms, latency);
    if (!more)
        Q_EMIT settled();
}

} // namespace easel
