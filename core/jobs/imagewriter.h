// SPDX-License-Identifier: MIT
#pragma once

// Private to core/jobs: writes finished images on a thread of its own, so the sampling thread never
// waits on the disk and a failed write never becomes an engine failure.

#include "gallery/imagefile.h"
#include "jobs/job.h"

#include <QList>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace easel {

class ImageWriter {
public:
    struct Item {
        QString path;
        Preview pixels; ///< RGB888
        TextChunks chunks;
        SavedImage saved; ///< recipe and quality; path is filled in
        bool overwrite = false;
    };

    /// `onSaved` is called on the writer's thread after each file is written.
    explicit ImageWriter(std::function<void(const SavedImage&)> onSaved);
    /// Waits for the queued writes.
    ~ImageWriter();

    /// Queues an image; returns at once.
    void write(Item item);
    /// Waits for every queued write. Then saved() and unsaved() hold the outcome, and error() the first
    /// failure as one line naming the folder (empty when all were written).
    void finish();

    const QList<SavedImage>& saved() const { return m_saved; }
    const QList<UnsavedImage>& unsaved() const { return m_unsaved; }
    const QString& error() const { return m_error; }

private:
    void loop();
    void writeOne(Item& item);

    std::function<void(const SavedImage&)> m_onSaved;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_items;
    bool m_done = false;
    QList<SavedImage> m_saved;
    QList<UnsavedImage> m_unsaved;
    QString m_error;
    std::thread m_thread;
};

} // namespace easel
