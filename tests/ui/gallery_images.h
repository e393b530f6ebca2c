// SPDX-License-Identifier: MIT
#pragma once
// PNGs with Easel's metadata for the gallery's window tests and benchmark, each with a modification time of its
// own (the gallery's order, newest first, is by that time).

#include "core/tst_gallery_png.h"

#include <QDateTime>
#include <QFile>

namespace easel::test {

/// The modification time of the image made "minute" minutes into the test day.
inline QDateTime galleryTime(int minute)
{
    return QDateTime(QDate(2026, 11, 5), QTime(9, 0)).addSecs(qint64(minute) * 60);
}

/// Writes an Easel PNG (tiny grey pixels unless \a png is given) and sets its modification time.
inline bool writeGalleryImage(const QString& path, const QString& prompt, const QString& model, qint64 seed, int minute,
    const QByteArray& png = {})
{
    ImageFile::savePng(path, png.isEmpty() ? tinyPng(64, 96) : png, easelChunks(prompt, model, seed), {},
        AtomicFile::Existing::Replace);
    QFile file(path);
    return file.open(QIODevice::Append) && file.setFileTime(galleryTime(minute), QFileDevice::FileModificationTime);
}

} // namespace easel::test
