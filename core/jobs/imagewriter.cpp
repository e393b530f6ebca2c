// SPDX-License-Identifier: MIT
#include "jobs/imagewriter.h"

#include "common/error.h"
#include "imaging/imageio.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

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
        QDir().mkpath(QFileInfo(item.path).absolutePath());
        const cv::Mat rgb(item.pixels.height, item.pixels.width, CV_8UC3, item.pixels.rgb.data());
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        imaging::writeResult(item.path, bgr, item.chunks, {},
            item.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse);
        item.saved.path = item.path;
        m_saved << item.saved;
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
