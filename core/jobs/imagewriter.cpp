// SPDX-License-Identifier: MIT
#include "jobs/imagewriter.h"

#include "common/error.h"
#include "gallery/imagemetadata.h"
#include "imaging/imageio.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtDebug>

#include <opencv2/imgproc.hpp>

namespace easel {

ImageWriter::ImageWriter(std::function<void(const SavedImage&)> onSaved)
    : m_onSaved(std::move(onSaved))
    , m_thread([this] { loop(); })
{
}

ImageWriter::~ImageWriter() { finish(); }

void ImageWriter::write(Item item)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
}

void ImageWriter::finish()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_done = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    // The images written before the model's hash was ready get it now (the hash runs on its own thread).
    for (auto& [index, item] : m_waitingForHash) {
        if (!takeModelHash(item, true))
            continue;
        try {
            writeFile(item, true);
            m_saved[index].recipe.modelSha256 = item.saved.recipe.modelSha256;
        } catch (const std::exception& e) {
            qWarning().noquote() << QString::fromUtf8(e.what()); // the image stays, without the model's hash
        }
    }
    m_waitingForHash.clear();
}

bool ImageWriter::takeModelHash(Item& item, bool wait)
{
    if (!item.modelSha256.valid() || !item.chunksFor || !item.saved.recipe.modelSha256.isEmpty())
        return false;
    if (!wait && item.modelSha256.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    const QString hash = item.modelSha256.get();
    if (hash.isEmpty())
        return false;
    item.saved.recipe.modelSha256 = hash;
    item.chunks = item.chunksFor(item.saved.recipe);
    return true;
}

void ImageWriter::writeFile(const Item& item, bool replace)
{
    QDir().mkpath(QFileInfo(item.path).absolutePath());
    const cv::Mat rgb(item.pixels.height, item.pixels.width, CV_8UC3, const_cast<char*>(item.pixels.rgb.constData()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    // The quality checks travel with the file, so the gallery can show and search them (ImageMetadata).
    TextChunks chunks = item.chunks;
    chunks << ImageMetadata::qualityChunk(item.saved.quality.names(), item.saved.retryOf);
    imaging::writeResult(item.path, bgr, chunks, {},
        replace || item.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse);
}

void ImageWriter::loop()
{
    for (;;) {
        Item item;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_done || !m_items.empty(); });
            if (m_items.empty())
                return;
            item = std::move(m_items.front());
            m_items.pop_front();
        }
        writeOne(item);
    }
}

void ImageWriter::writeOne(Item& item)
{
    const QString folder = QDir::toNativeSeparators(QFileInfo(item.path).absolutePath());
    try {
        takeModelHash(item, false);
        writeFile(item, false);
        item.saved.path = item.path;
        m_saved << item.saved;
        if (item.modelSha256.valid() && item.chunksFor && item.saved.recipe.modelSha256.isEmpty())
            m_waitingForHash.emplace_back(m_saved.size() - 1, item);
        if (m_onSaved)
            m_onSaved(item.saved);
    } catch (const std::exception& e) {
        // The file's own message names it; people look for the folder they chose.
        QString reason = QString::fromUtf8(e.what());
        if (reason.startsWith(item.path + QStringLiteral(": ")))
            reason.remove(0, item.path.size() + 2);
        if (m_error.isEmpty())
            m_error = QCoreApplication::translate("easel::ImageWriter", "cannot save images in %1: %2")
                          .arg(folder, reason);
        m_unsaved << UnsavedImage { item.path, item.pixels, item.saved.recipe };
    }
}

} // namespace easel
