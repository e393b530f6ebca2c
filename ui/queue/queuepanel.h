// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QListView;
class QToolButton;

namespace easel {

class JobQueue;
class QueueModel;

/// The queue as a list with thumbnails: reorder queued jobs by drag; cancel, retry, duplicate or remove the
/// selected job; pause after the current job.
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    QueuePanel(JobQueue& queue, QWidget* parent = nullptr);

    QueueModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    /// The selected job's id; 0 when none.
    quint64 selectedJob() const;
    void selectJob(quint64 id);

    void cancelSelected();
    void retrySelected();
    void duplicateSelected();
    void removeSelected();

Q_SIGNALS:
    /// The user opened a job (double click): its files, for the canvas.
    void jobActivated(quint64 id);

private:
    void updateButtons();
    QToolButton* addButton(const char* name, const QString& text, const QString& tip);

    JobQueue& m_queue;
    QueueModel* m_model = nullptr;
    QListView* m_view = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_retry = nullptr;
    QToolButton* m_duplicate = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_pause = nullptr;
};

} // namespace easel
