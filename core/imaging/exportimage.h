// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/atomicfile.h"
#include "gallery/imagefile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace easel::imaging {

/// What an image is exported as.
enum class ExportFormat { Png, Jpeg, Webp };

struct ExportOptions {
    ExportFormat format = ExportFormat::Png;
    /// JPEG and WebP quality, 1..100; for WebP, 101 means lossless. Ignored for PNG.
    int quality = 92;
};

/// ".png", ".jpg", ".webp".
QString exportSuffix(ExportFormat format);

/**
 * An XMP packet that carries \a chunks (a PNG's text chunks) into formats without text chunks: every chunk
 * but XMP itself as an easel:chunks sequence of keyword/text pairs (read back by chunksFromXmp()), plus the
 * standard fields other programs show: the generation parameters as exif:UserComment ("parameters", else the
 * A1111 text of Easel's recipe), the licence as dc:rights, the Software chunk as xmp:CreatorTool and, for an
 * image made by a model, Iptc4xmpExt:DigitalSourceType trainedAlgorithmicMedia.
 */
QString chunksToXmp(const TextChunks& chunks);

/// The chunks written by chunksToXmp(), in order; empty for any other XMP or malformed XML.
TextChunks chunksFromXmp(const QString& xmp);

/// The generation parameters as A1111 writes them ("parameters", else the A1111 text of the "easel"
/// recipe); empty when the chunks hold none.
QString parametersText(const TextChunks& chunks);

/**
 * A TIFF (EXIF) block, big-endian, holding Software (0x0131) and, in its EXIF IFD, UserComment (0x9286) in
 * Unicode (the "UNICODE\0" prefix then UTF-16BE, as A1111 writes the parameters into JPEG and WebP files).
 * Without the "Exif\0\0" header; empty when both are empty.
 */
QByteArray exifBlock(const QString& software, const QString& userComment);

/// \a jpeg with EXIF (\a exif, a TIFF block) and XMP APP1 segments inserted after its JFIF header; empty parts
/// are skipped. Throws easel::Error for data that is not a JPEG or a part too large for one segment.
QByteArray jpegWithMetadata(const QByteArray& jpeg, const QByteArray& exif, const QString& xmp);

/// \a webp (a simple or extended WebP of a \a width x \a height image) as an extended WebP with EXIF and XMP
/// chunks; empty parts are skipped. Throws easel::Error for data that is not a WebP.
QByteArray webpWithMetadata(
    const QByteArray& webp, int width, int height, bool alpha, const QByteArray& exif, const QString& xmp);

/// The XMP packet of a JPEG (APP1) or WebP ("XMP " chunk), or the XMP chunk of a PNG; empty when none.
QString embeddedXmp(const QByteArray& bytes);

/// The UserComment of the EXIF block of a JPEG (APP1) or WebP ("EXIF" chunk); empty when none.
QString embeddedUserComment(const QByteArray& bytes);

/**
 * Exports the image file \a in to \a out (a new file; never one of the sources):
 * PNG: a PNG source is copied byte for byte (pixels and every text chunk kept); another source is encoded
 * with the chunks its XMP carried. JPEG/WebP: encoded at options.quality with the source's chunks in XMP
 * (chunksToXmp()) and the parameters in EXIF (exifBlock()). JPEG has no alpha: transparent pixels are put on
 * white. Writes atomically; returns notes for the user (what could not be carried). Throws easel::Error.
 */
QStringList exportFile(const QString& in, const QString& out, const ExportOptions& options,
    AtomicFile::Existing existing = AtomicFile::Existing::Refuse);

} // namespace easel::imaging
