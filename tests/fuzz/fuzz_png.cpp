// SPDX-License-Identifier: MIT
// libFuzzer target for PNG text chunks (tEXt, zTXt, iTXt) and the metadata read from them: any byte
// string is a PNG whose chunks are read, or it is refused with easel::Error. What was read must survive
// being written back (ImageFile::withTextChunks) unchanged, and reading the file from disk (the gallery's
// path, which skips IDAT data) must give the metadata that reading the bytes gave. Each input is read twice:
// as it is (CRC checks included), and with every chunk's CRC made right, so that mutations of the text
// reach the text decoders instead of stopping at a CRC mismatch.

#include "fuzzsupport.h"

#include "common/error.h"
#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"

#include <QByteArray>

#include <zlib.h>

#include <cstddef>
#include <cstdint>

using namespace easel;

namespace {

bool sameMetadata(const ImageMetadata& a, const ImageMetadata& b)
{
    const bool sameRecipe = a.recipe.has_value() == b.recipe.has_value()
        && (!a.recipe || a.recipe->toJsonText() == b.recipe->toJsonText());
    return a.source == b.source && sameRecipe && a.loras == b.loras && a.rating == b.rating && a.pick == b.pick
        && a.reject == b.reject && a.tags == b.tags && a.pixelWidth == b.pixelWidth && a.pixelHeight == b.pixelHeight;
}

/// \a png with the CRC of every complete chunk recomputed (the framing itself is left as it is).
QByteArray withFixedCrcs(QByteArray png)
{
    qsizetype at = 8;
    while (png.size() - at >= 12) {
        const auto* p = reinterpret_cast<const unsigned char*>(png.constData() + at);
        const quint32 length = (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
        if (length > quint32(png.size() - at - 12))
            break;
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), p + 4, uInt(length + 4));
        char* out = png.data() + at + 8 + length;
        out[0] = char(crc >> 24);
        out[1] = char(crc >> 16);
        out[2] = char(crc >> 8);
        out[3] = char(crc);
        at += 12 + qsizetype(length);
    }
    return png;
}

void readPng(const QByteArray& png)
{
    TextChunks chunks;
    try {
        chunks = ImageFile::readTextChunks(png);
    } catch (const Error&) {
        return;
    }
    const ImageMetadata fromBytes = ImageMetadata::fromPng(png); // must not throw: the chunks were readable
    FUZZ_CHECK(fromBytes.rating >= 0 && fromBytes.rating <= 5);
    FUZZ_CHECK(!(fromBytes.pick && fromBytes.reject));

    const std::string path = fuzz::scratchDir() + "/input.png";
    fuzz::writeFile(path, png.constData(), size_t(png.size()));
    const ImageMetadata fromFile = ImageMetadata::read(QString::fromStdString(path));
    FUZZ_CHECK(sameMetadata(fromBytes, fromFile));

    QByteArray rewritten;
    try {
        rewritten = ImageFile::withTextChunks(png, chunks);
    } catch (const Error&) {
        return; // a keyword or text that Easel refuses to write (e.g. a NUL in a tEXt text)
    }
    FUZZ_CHECK(ImageFile::readTextChunks(rewritten) == chunks);
    const TextChunks culled = ImageMetadata::withCulling(chunks, fromBytes);
    const ImageMetadata again = ImageMetadata::fromChunks(culled);
    FUZZ_CHECK(again.rating == fromBytes.rating && again.pick == fromBytes.pick && again.reject == fromBytes.reject
        && again.tags == fromBytes.tags);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Copies (not fromRawData): files are read into ordinary, NUL-terminated byte arrays.
    const QByteArray png(reinterpret_cast<const char*>(data), qsizetype(size));
    readPng(png);
    if (ImageFile::isPng(png))
        readPng(withFixedCrcs(png));
    return 0;
}
