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
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace easel {

class ImageWriter {
public:
    struct Item {
        QString path;
        Preview pixels; ///< RGB888
        TextChunks chunks;
        SavedImage saved; ///< recipe and quality; path is filled in
        bool overwrite = false;
        /// The model's sha256 when saved.recipe has none yet (ModelService::sha256Async()), with `chunksFor`
        /// to make the chunks again with it. Ready when the image is written: it goes into the file. Not ready:
        /// the image is written without it at once, and written again with it (atomically) by finish().
        std::shared_future<QString> modelSha256;
        std::function<TextChunks(const ImageRecipe&)> chunksFor;
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
    void writeFile(const Item& item, bool replace);
    static bool takeModelHash(Item& item, bool wait);

    std::function<void(const SavedImage&)> m_onSaved;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_items;
    bool m_done = false;
    QList<SavedImage> m_saved;
    QList<UnsavedImage> m_unsaved;
    QString m_error;
    std::vector<std::pair<qsizetype, Item>> m_waitingForHash; ///< written without the model hash: index in m_saved
    std::thread m_thread;
};

} // namespace easel
