// SPDX-License-Identifier: MIT
#include "gallery/imagefile.h"

#include "common/error.h"

#include <QFile>

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace easel {

const QString ImageFile::xmpKeyword = QStringLiteral("XML:com.adobe.xmp");

namespace {

    const char kSignature[8] = { '\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n' };
    // Inflated text larger than this is refused: a hostile file must not exhaust memory.
    constexpr qsizetype kMaxInflated = 64 * 1024 * 1024;

    [[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

    struct Chunk {
        QByteArray type;
        qsizetype dataOffset = 0;
        qsizetype length = 0;
        qsizetype end = 0; // offset just past the CRC
    };

    quint32 readBigEndian(const QByteArray& data, qsizetype at)
    {
        const auto* p = reinterpret_cast<const unsigned char*>(data.constData() + at);
        return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
    }

    void appendBigEndian(QByteArray& out, quint32 value)
    {
        out.append(char(value >> 24)).append(char(value >> 16)).append(char(value >> 8)).append(char(value));
    }

    quint32 chunkCrc(const char* typeAndData, qsizetype size)
    {
        uLong crc = crc32(0L, Z_NULL, 0);
        // zlib takes uInt lengths; chunks are below 2^31 bytes but feed it in pieces anyway.
        while (size > 0) {
            const uInt piece = uInt(std::min<qsizetype>(size, 1 << 30));
            crc = crc32(crc, reinterpret_cast<const Bytef*>(typeAndData), piece);
            typeAndData += piece;
            size -= piece;
        }
        return quint32(crc);
    }

    /// Splits a PNG into chunks; throws for anything that is not a complete, well-formed PNG stream.
    QList<Chunk> parseChunks(const QByteArray& png)
    {
        if (!ImageFile::isPng(png))
            fail(QStringLiteral("not a PNG file"));
        QList<Chunk> chunks;
        qsizetype at = 8;
        while (true) {
            if (png.size() - at < 12)
                fail(QStringLiteral("truncated PNG (no IEND chunk)"));
            const quint32 length = readBigEndian(png, at);
            if (length > 0x7fffffffu || qsizetype(length) > png.size() - at - 12)
                fail(QStringLiteral("truncated or corrupt PNG chunk at byte %1").arg(at));
            Chunk chunk;
            chunk.type = png.mid(at + 4, 4);
            chunk.dataOffset = at + 8;
            chunk.length = qsizetype(length);
            chunk.end = at + 12 + qsizetype(length);
            if (chunks.isEmpty() && chunk.type != "IHDR")
                fail(QStringLiteral("corrupt PNG: the first chunk is not IHDR"));
            chunks.append(chunk);
            at = chunk.end;
            if (chunk.type == "IEND")
                break;
        }
        return chunks;
    }

    bool isTextChunk(const QByteArray& type) { return type == "tEXt" || type == "zTXt" || type == "iTXt"; }

    void validateKeyword(const QString& keyword)
    {
        bool ok = !keyword.isEmpty() && keyword.size() <= 79 && !keyword.startsWith(QLatin1Char(' '))
            && !keyword.endsWith(QLatin1Char(' ')) && !keyword.contains(QLatin1String("  "));
        for (const QChar c : keyword) {
            const ushort u = c.unicode();
            ok = ok && ((u >= 32 && u <= 126) || (u >= 161 && u <= 255));
        }
        if (!ok)
            fail(QStringLiteral("invalid PNG text keyword '%1' (1-79 Latin-1 characters, no edge or double spaces)")
                     .arg(keyword));
    }

    bool isPrintableAscii(const QString& text)
    {
        for (const QChar c : text) {
            const ushort u = c.unicode();
            if (!((u >= 32 && u <= 126) || u == '\n'))
                return false;
        }
        return true;
    }

    QByteArray encodeChunk(const TextChunk& chunk)
    {
        validateKeyword(chunk.keyword);
        if (chunk.text.contains(QChar(0)))
            fail(QStringLiteral("PNG text '%1' contains a NUL character").arg(chunk.keyword));
        QByteArray body;
        body += chunk.keyword.toLatin1();
        body += '\0';
        QByteArray type;
        if (chunk.keyword != ImageFile::xmpKeyword && isPrintableAscii(chunk.text)) {
            type = "tEXt";
            body += chunk.text.toLatin1();
        } else {
            type = "iTXt";
            body += '\0'; // not compressed
            body += '\0'; // compression method
            body += '\0'; // empty language tag
            body += '\0'; // empty translated keyword
            body += chunk.text.toUtf8();
        }
        QByteArray out;
        appendBigEndian(out, quint32(body.size()));
        const QByteArray typeAndData = type + body;
        out += typeAndData;
        appendBigEndian(out, chunkCrc(typeAndData.constData(), typeAndData.size()));
        return out;
    }

    QByteArray inflateZlib(const QByteArray& compressed, const QString& keyword)
    {
        z_stream stream {};
        if (inflateInit(&stream) != Z_OK)
            fail(QStringLiteral("PNG text '%1': cannot start zlib").arg(keyword));
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
        stream.avail_in = uInt(compressed.size());
        QByteArray out;
        char buffer[16384];
        int status = Z_OK;
        while (status == Z_OK) {
            stream.next_out = reinterpret_cast<Bytef*>(buffer);
            stream.avail_out = sizeof buffer;
            status = inflate(&stream, Z_NO_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
            if (out.size() > kMaxInflated)
                status = Z_MEM_ERROR;
            if (status == Z_BUF_ERROR && stream.avail_in == 0)
                break;
        }
        inflateEnd(&stream);
        if (status != Z_STREAM_END)
            fail(QStringLiteral("PNG text '%1': compressed text is corrupt").arg(keyword));
        return out;
    }

    TextChunk decodeChunk(const QByteArray& type, const QByteArray& data)
    {
        const qsizetype nul = data.indexOf('\0');
        if (nul <= 0)
            fail(QStringLiteral("corrupt PNG %1 chunk: no keyword").arg(QString::fromLatin1(type)));
        TextChunk chunk;
        chunk.keyword = QString::fromLatin1(data.left(nul));
        if (type == "tEXt") {
            chunk.text = QString::fromLatin1(data.mid(nul + 1));
        } else if (type == "zTXt") {
            if (data.size() < nul + 2 || data.at(nul + 1) != 0)
                fail(QStringLiteral("PNG text '%1': unknown compression method").arg(chunk.keyword));
            chunk.text = QString::fromLatin1(inflateZlib(data.mid(nul + 2), chunk.keyword));
        } else {
            if (data.size() < nul + 3)
                fail(QStringLiteral("PNG text '%1': truncated iTXt chunk").arg(chunk.keyword));
            const bool compressed = data.at(nul + 1) != 0;
            if (compressed && data.at(nul + 2) != 0)
                fail(QStringLiteral("PNG text '%1': unknown compression method").arg(chunk.keyword));
            const qsizetype languageEnd = data.indexOf('\0', nul + 3);
            const qsizetype translatedEnd = languageEnd < 0 ? -1 : data.indexOf('\0', languageEnd + 1);
            if (translatedEnd < 0)
                fail(QStringLiteral("PNG text '%1': truncated iTXt chunk").arg(chunk.keyword));
            const QByteArray text = data.mid(translatedEnd + 1);
            chunk.text = QString::fromUtf8(compressed ? inflateZlib(text, chunk.keyword) : text);
        }
        return chunk;
    }

} // namespace

bool ImageFile::isPng(const QByteArray& data)
{
    return data.size() >= 8 && std::equal(kSignature, kSignature + 8, data.constData());
}

QByteArray ImageFile::withTextChunks(const QByteArray& png, const TextChunks& chunks)
{
    const QList<Chunk> parsed = parseChunks(png);
    QByteArray encoded;
    for (const TextChunk& chunk : chunks)
        encoded += encodeChunk(chunk);

    QByteArray out = png.left(8);
    out.reserve(png.size() + encoded.size());
    bool inserted = false;
    for (const Chunk& chunk : parsed) {
        if (isTextChunk(chunk.type))
            continue;
        if (!inserted && (chunk.type == "IDAT" || chunk.type == "IEND")) {
            out += encoded;
            inserted = true;
        }
        out.append(png.constData() + chunk.dataOffset - 8, chunk.end - (chunk.dataOffset - 8));
    }
    return out;
}

void ImageFile::checkPng(const QByteArray& png)
{
    for (const Chunk& chunk : parseChunks(png)) {
        const quint32 stored = readBigEndian(png, chunk.dataOffset + chunk.length);
        if (chunkCrc(png.constData() + chunk.dataOffset - 4, chunk.length + 4) != stored)
            fail(QStringLiteral("corrupt PNG %1 chunk (CRC mismatch)").arg(QString::fromLatin1(chunk.type)));
    }
}

TextChunks ImageFile::readTextChunks(const QByteArray& png)
{
    TextChunks result;
    for (const Chunk& chunk : parseChunks(png)) {
        if (!isTextChunk(chunk.type))
            continue;
        const quint32 stored = readBigEndian(png, chunk.dataOffset + chunk.length);
        if (chunkCrc(png.constData() + chunk.dataOffset - 4, chunk.length + 4) != stored)
            fail(QStringLiteral("corrupt PNG %1 chunk (CRC mismatch)").arg(QString::fromLatin1(chunk.type)));
        result.append(decodeChunk(chunk.type, png.mid(chunk.dataOffset, chunk.length)));
    }
    return result;
}

TextChunks ImageFile::readTextChunks(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    try {
        return readTextChunks(file.readAll());
    } catch (const Error& e) {
        fail(path + QStringLiteral(": ") + QString::fromUtf8(e.what()));
    }
}

QString ImageFile::text(const TextChunks& chunks, const QString& keyword)
{
    for (const TextChunk& chunk : chunks) {
        if (chunk.keyword == keyword)
            return chunk.text;
    }
    return {};
}

void ImageFile::savePng(const QString& path, const QByteArray& png, const TextChunks& chunks,
    const QStringList& sources, AtomicFile::Existing existing)
{
    QByteArray bytes;
    try {
        bytes = withTextChunks(png, chunks);
    } catch (const Error& e) {
        fail(path + QStringLiteral(": ") + QString::fromUtf8(e.what()));
    }
    AtomicFile::write(path, bytes, sources, existing);
}

} // namespace easel
