// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;
template <typename T> class QFutureWatcher;

namespace easel {

/**
 * Runs live-preview work off the GUI thread, newest first: at most one computation runs and at most one
 * waits; a request made while one runs replaces the waiting one, so a slider dragged across its range
 * never builds a backlog and the last position is always computed. Every finished computation is shown
 * (an older one is still closer than nothing while the next runs). Work runs on a pool of its own (one
 * thread; OpenCV parallelises inside), so previews do not wait behind other QtConcurrent work.
 */
class PreviewRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<QImage()>;

    explicit PreviewRunner(QObject* parent = nullptr);
    /// Waits for the running computation (its result is dropped).
    ~PreviewRunner() override;

    /// Computes \a work off the GUI thread (see the class comment). Work may throw std::exception.
    void request(Work work);
    /// Forgets the waiting request (the running one finishes, its result is dropped).
    void cancel();

    bool isBusy() const { return m_running; }
    /// Requests replaced before they ran, since construction.
    int superseded() const { return m_superseded; }

Q_SIGNALS:
    /// A computation finished: its image, how long it took on the worker (ms), and the time from its
    /// request to now (ms), which includes waiting behind the previous one.
    void ready(const QImage& image, double computeMs, double latencyMs);
    void failed(const QString& message);
    /// The newest request's result was delivered and nothing is waiting.
    void settled();

private:
    struct Outcome {
        QImage image;
        QString error;
        double ms = 0.0;
    };
    struct Pending {
        Work work;
        QElapsedTimer requested;
    };
    void start(Pending pending);
    void onFinished();

    std::unique_ptr<QThreadPool> m_pool;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    std::optional<Pending> m_waiting;
    QElapsedTimer m_runningRequested;
    bool m_running = false;
    bool m_dropRunning = false;
    int m_superseded = 0;
};

} // namespace easel
