// SPDX-License-Identifier: MIT
#pragma once

// A ComfyUI server on loopback for the backend tests, on a thread of its own: the HTTP routes Easel uses
// (/object_info, /prompt, /history/{id}, /view, /interrupt, /queue, /upload/image) and /ws, with the shapes
// of ComfyUI's server.py and execution.py. /prompt validates the graph as ComfyUI does (node classes, links
// [node_id, output_index] to existing nodes with the right output type, required inputs, INT/FLOAT/STRING
// values and their bounds, COMBO lists) and refuses it with ComfyUI's node_errors; an accepted prompt "runs":
// /ws gets execution_start, executing, progress per step, one binary PREVIEW_IMAGE frame (JPEG), executed and
// executing {node: null}, and /view serves PNGs of the latent's size. Every request is recorded.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>
#include <mutex>

class QThread;

namespace fake {

/// A monotonic counter shared by every fake: the order of events across servers, without clocks.
qint64 nextSequence();

/// Holds prompts of several fakes at their last step until `needed` prompts arrived over all of them (or
/// `fallbackMs` passed, so that a queue that runs them one after another still ends, and its test fails).
struct Gate {
    int needed = 2;
    int fallbackMs = 20000;
    std::atomic<int> arrived { 0 };
};

struct Request {
    QString method;
    QString path;
    QString query;
    QByteArray body;
    QByteArray authorization;
};

/// One prompt the fake ran: its graph, and when it was accepted and when it ended (nextSequence()).
struct Run {
    QString promptId;
    QJsonObject graph;
    QString clientId;
    qint64 acceptedAt = 0;
    qint64 endedAt = 0;
    bool interrupted = false;
};

class Server;

class FakeComfyUI {
public:
    FakeComfyUI();
    ~FakeComfyUI();

    QUrl url() const;

    // Set before the client talks to it.
    QStringList checkpoints { QStringLiteral("v1-5-pruned-emaonly.safetensors"),
        QStringLiteral("SDXL/sd_xl_base_1.0.safetensors") };
    QStringList loras { QStringLiteral("styles/detail-tweaker.safetensors"), QStringLiteral("pixel.safetensors") };
    QByteArray token; ///< when set, every request and the WebSocket need "Bearer <token>" (else 401 / closed)
    QString slowPath; ///< this path answers only after slowMs
    int slowMs = 0;
    int holdAtStep = 0; ///< > 0: the run waits after this step until /interrupt
    std::shared_ptr<Gate> gate;
    int historyLag = 0; ///< the first n /history/{id} of a finished prompt answer {} (the real one can lag)
    QString failInNode; ///< class type whose execution fails with an execution_error
    bool refuseWebSocket = false;
    QSize previewSize { 32, 24 };

    // What it saw (copies, thread-safe).
    QList<Request> requests() const;
    QList<Run> runs() const;
    QStringList wsAuthorizations() const; ///< the Authorization header of each WebSocket handshake
    QList<QByteArray> interrupts() const; ///< bodies of POST /interrupt
    QList<QByteArray> queueChanges() const; ///< bodies of POST /queue
    QMap<QString, QByteArray> uploads() const; ///< name -> bytes of /upload/image
    int count(const QString& path) const;

private:
    friend class Server;
    mutable std::mutex m_mutex;
    QList<Request> m_requests;
    QList<Run> m_runs;
    QStringList m_wsAuthorizations;
    QList<QByteArray> m_interrupts;
    QList<QByteArray> m_queueChanges;
    QMap<QString, QByteArray> m_uploads;

    QThread* m_thread = nullptr;
    QObject* m_context = nullptr; ///< lives on m_thread: what the server is made and deleted through
    Server* m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace fake
