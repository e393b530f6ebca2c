// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/atomicfile.h"
#include "gallery/imagefile.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

namespace easel::imaging {

/// Keywords of the text chunks every image-tool result carries.
namespace chunk {
    inline const QString software = QStringLiteral("Software");
    /// JSON array of {"file": name, "sha256": hex} for each source image, in argument order.
    inline const QString sources = QStringLiteral("easel:sources");
    /// JSON array of the operations applied, e.g. [{"op":"sharpness","factor":1.2}].
    inline const QString operations = QStringLiteral("easel:operations");
} // namespace chunk

/// An image file as read: its pixels, PNG text chunks and content hash.
struct ImageData {
    QString path;
    cv::Mat pixels; ///< 8-bit BGR, BGRA or grey (16-bit files are reduced to 8 bits)
    TextChunks chunks; ///< empty for formats other than PNG
    QString sha256; ///< lowercase hex SHA-256 of the file's bytes
};

/**
 * Reads an image file OpenCV can decode (PNG, JPEG, WebP, TIFF, BMP...). Throws
 * easel::Error with a one-line message naming the file when it does not exist, cannot be
 * read, is not an image or has corrupt PNG metadata.
 */
ImageData readImage(const QString& path);

/// What a result file records about how it was made.
struct Provenance {
    QString software = QStringLiteral("Easel");
    QList<ImageData> sources; ///< only path and sha256 are used
    QJsonArray operations;
};

/**
 * The text chunks of a result: \a inherited (a source's chunks, such as its generation parameters) less
 * the keywords written here, then Software, easel:sources, easel:operations and \a extra (whose keywords
 * also replace inherited ones).
 */
TextChunks resultChunks(const TextChunks& inherited, const Provenance& provenance, const TextChunks& extra = {});

/**
 * Encodes \a image as PNG with \a chunks and writes it atomically to \a path, which must end in ".png"
 * (results carry their metadata in PNG text chunks). The sources are never overwritten; an existing
 * file is replaced only with AtomicFile::Existing::Replace. Throws easel::Error.
 */
void writeResult(const QString& path, const cv::Mat& image, const TextChunks& chunks, const QStringList& sources,
    AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

} // namespace easel::imaging
