// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/atomicfile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace easel {

/// One PNG text chunk: a Latin-1 keyword (1-79 characters) and its text.
struct TextChunk {
    QString keyword;
    QString text;

    bool operator==(const TextChunk& other) const { return keyword == other.keyword && text == other.text; }
};

/// PNG text chunks in file order (PNG allows a keyword more than once).
using TextChunks = QList<TextChunk>;

/// PNG files with text metadata, without QtGui: the pixels are encoded elsewhere (cv::imencode) and
/// this class inserts, removes and reads tEXt / zTXt / iTXt chunks in the encoded bytes.
///
/// Written chunks are tEXt when keyword and text are printable ASCII, otherwise uncompressed iTXt
/// (UTF-8); XMP ("XML:com.adobe.xmp") is always iTXt, as the XMP specification asks. Reading also
/// accepts what Qt and libpng write: zTXt and compressed iTXt (Qt 6.4 compresses text of 40
/// characters or more). Chunks go before the first IDAT so metadata readers can stop early.
class ImageFile {
public:
    /// The XMP packet's keyword.
    static const QString xmpKeyword;

    /// True when \a data starts with the PNG signature.
    static bool isPng(const QByteArray& data);

    /// \a png with every text chunk removed and \a chunks inserted before the first IDAT.
    /// Throws easel::Error for data that is not a well-formed PNG or an invalid keyword.
    static QByteArray withTextChunks(const QByteArray& png, const TextChunks& chunks);

    /// Throws easel::Error (without a file name) unless \a png is a complete PNG stream: IHDR first, every
    /// chunk whole up to IEND and its CRC right. What a decoder is given first, so that libpng never
    /// prints its own warnings about a damaged file.
    static void checkPng(const QByteArray& png);

    /// The text chunks of \a png in file order. Throws easel::Error for data that is not
    /// a PNG, a truncated chunk, a text chunk whose CRC does not match or one that cannot be inflated.
    static TextChunks readTextChunks(const QByteArray& png);

    /// Reads the file at \a path and returns its text chunks (see above; errors name the file).
    static TextChunks readTextChunks(const QString& path);

    /// The text of the first chunk called \a keyword, or a null string.
    static QString text(const TextChunks& chunks, const QString& keyword);

    /// Writes \a png with \a chunks to \a path atomically; \a sources are never overwritten
    /// (see AtomicFile::write).
    static void savePng(const QString& path, const QByteArray& png, const TextChunks& chunks,
        const QStringList& sources = {}, AtomicFile::Existing existing = AtomicFile::Existing::Refuse);
};

} // namespace easel
