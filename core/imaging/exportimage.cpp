// SPDX-License-Identifier: MIT
#include "imaging/exportimage.h"

#include "common/error.h"
#include "imaging/attribution.h"
#include "imaging/imageio.h"
#include "imaging/toolfiles.h"
#include "recipe/imagerecipe.h"

#include <QCoreApplication>
#include <QFile>
#include <QXmlStreamReader>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <vector>

namespace easel::imaging {

namespace {

    [[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

    // tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
    // namespace, and the translation would not be found).
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::imaging::exportFile)
    };

    const QString kEaselNs = QStringLiteral("urn:easel:xmp:chunks:1.0#");
    const QByteArray kXmpHeader = QByteArrayLiteral("http://ns.adobe.com/xap/1.0/\0");
    const QByteArray kExifHeader = QByteArrayLiteral("Exif\0\0");

    /// XML 1.0 text: escaped, with characters XML cannot hold dropped and CR kept as a reference.
    QString xmlText(const QString& text)
    {
        QString out;
        out.reserve(text.size());
        for (const QChar c : text) {
            const ushort u = c.unicode();
            if (u == '\r')
                out += QStringLiteral("&#13;");
            else if (u < 0x20 && u != '\t' && u != '\n')
                continue;
            else if (u == 0xFFFE || u == 0xFFFF)
                continue;
            else if (c == QLatin1Char('<'))
                out += QStringLiteral("&lt;");
            else if (c == QLatin1Char('>'))
                out += QStringLiteral("&gt;");
            else if (c == QLatin1Char('&'))
                out += QStringLiteral("&amp;");
            else if (c == QLatin1Char('"'))
                out += QStringLiteral("&quot;");
            else
                out += c;
        }
        return out;
    }

    void putU16(QByteArray& b, int v)
    {
        b.append(char((v >> 8) & 0xFF));
        b.append(char(v & 0xFF));
    }
    void putU32(QByteArray& b, quint32 v)
    {
        putU16(b, int(v >> 16));
        putU16(b, int(v & 0xFFFF));
    }
    void putLe32(QByteArray& b, quint32 v)
    {
        for (int i = 0; i < 4; ++i)
            b.append(char((v >> (8 * i)) & 0xFF));
    }
    void putLe24(QByteArray& b, quint32 v)
    {
        for (int i = 0; i < 3; ++i)
            b.append(char((v >> (8 * i)) & 0xFF));
    }
    quint32 le32(const QByteArray& b, qsizetype at)
    {
        return quint32(uchar(b[at])) | quint32(uchar(b[at + 1])) << 8 | quint32(uchar(b[at + 2])) << 16
            | quint32(uchar(b[at + 3])) << 24;
    }
    quint32 u16(const QByteArray& b, qsizetype at, bool big)
    {
        return big ? (quint32(uchar(b[at])) << 8 | uchar(b[at + 1])) : (quint32(uchar(b[at + 1])) << 8 | uchar(b[at]));
    }
    quint32 u32(const QByteArray& b, qsizetype at, bool big)
    {
        return big ? (u16(b, at, true) << 16 | u16(b, at + 2, true))
                   : (u16(b, at + 2, false) << 16 | u16(b, at, false));
    }

    bool isJpeg(const QByteArray& b) { return b.size() > 4 && uchar(b[0]) == 0xFF && uchar(b[1]) == 0xD8; }
    bool isWebp(const QByteArray& b) { return b.size() >= 20 && b.startsWith("RIFF") && b.mid(8, 4) == "WEBP"; }

    /// The APP1 payloads of a JPEG (up to its first scan).
    QList<QByteArray> jpegApp1(const QByteArray& b)
    {
        QList<QByteArray> out;
        qsizetype at = 2;
        while (at + 4 <= b.size() && uchar(b[at]) == 0xFF) {
            const uchar marker = uchar(b[at + 1]);
            if (marker == 0xDA || marker == 0xD9)
                break;
            const qsizetype length = qsizetype(u16(b, at + 2, true));
            if (length < 2 || at + 2 + length > b.size())
                break;
            if (marker == 0xE1)
                out << b.mid(at + 4, length - 2);
            at += 2 + length;
        }
        return out;
    }

    /// The payload of the first chunk called \a fourcc of a WebP file.
    QByteArray webpChunk(const QByteArray& b, const char* fourcc)
    {
        qsizetype at = 12;
        while (at + 8 <= b.size()) {
            const qsizetype size = qsizetype(le32(b, at + 4));
            if (at + 8 + size > b.size())
                break;
            if (b.mid(at, 4) == fourcc)
                return b.mid(at + 8, size);
            at += 8 + size + (size & 1);
        }
        return {};
    }

    void appendWebpChunk(QByteArray& out, const char* fourcc, const QByteArray& payload)
    {
        out.append(fourcc, 4);
        putLe32(out, quint32(payload.size()));
        out.append(payload);
        if (payload.size() & 1)
            out.append('\0');
    }

    /// The UserComment of a TIFF (EXIF) block.
    QString userCommentOf(const QByteArray& tiff)
    {
        if (tiff.size() < 8)
            return {};
        const bool big = tiff.startsWith("MM");
        if (!big && !tiff.startsWith("II"))
            return {};
        const auto findTag = [&](quint32 ifd, quint32 tag, quint32* count, quint32* valueAt) {
            if (ifd + 2 > quint32(tiff.size()))
                return false;
            const quint32 n = u16(tiff, ifd, big);
            for (quint32 i = 0; i < n; ++i) {
                const quint32 e = ifd + 2 + 12 * i;
                if (e + 12 > quint32(tiff.size()))
                    return false;
                if (u16(tiff, e, big) == tag) {
                    *count = u32(tiff, e + 4, big);
                    *valueAt = *count <= 4 ? e + 8 : u32(tiff, e + 8, big);
                    return true;
                }
            }
            return false;
        };
        quint32 count = 0;
        quint32 at = 0;
        if (!findTag(u32(tiff, 4, big), 0x8769, &count, &at))
            return {};
        const quint32 exifIfd = u32(tiff, at, big);
        if (!findTag(exifIfd, 0x9286, &count, &at) || count < 8 || quint64(at) + count > quint64(tiff.size()))
            return {};
        const QByteArray prefix = tiff.mid(at, 8);
        const QByteArray text = tiff.mid(at + 8, count - 8);
        if (prefix.startsWith("UNICODE")) {
            QString s;
            for (qsizetype i = 0; i + 1 < text.size(); i += 2)
                s += QChar(ushort(u16(text, i, true)));
            return s;
        }
        return QString::fromUtf8(text).remove(QChar(0));
    }

    /// BGR or BGRA pixels for a lossy format; \a keepAlpha false puts transparent pixels on white.
    cv::Mat exportPixels(const cv::Mat& pixels, bool keepAlpha)
    {
        if (pixels.channels() == 1) {
            cv::Mat bgr;
            cv::cvtColor(pixels, bgr, cv::COLOR_GRAY2BGR);
            return bgr;
        }
        if (pixels.channels() != 4)
            return pixels;
        if (keepAlpha)
            return pixels;
        cv::Mat out(pixels.size(), CV_8UC3);
        for (int y = 0; y < pixels.rows; ++y) {
            const auto* in = pixels.ptr<cv::Vec4b>(y);
            auto* o = out.ptr<cv::Vec3b>(y);
            for (int x = 0; x < pixels.cols; ++x) {
                const int a = in[x][3];
                for (int c = 0; c < 3; ++c)
                    o[x][c] = uchar((in[x][c] * a + 255 * (255 - a) + 127) / 255);
            }
        }
        return out;
    }

    QByteArray encode(const cv::Mat& pixels, const char* ext, const std::vector<int>& params, const QString& out)
    {
        std::vector<uchar> bytes;
        try {
            if (!cv::imencode(ext, pixels, bytes, params))
                bytes.clear();
        } catch (const cv::Exception&) {
            bytes.clear();
        }
        if (bytes.empty())
            fail(QStringLiteral("%1: cannot encode the image as %2").arg(out, QLatin1String(ext + 1)));
        return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    }

} // namespace

QString exportSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral(".png");
    case ExportFormat::Jpeg:
        return QStringLiteral(".jpg");
    case ExportFormat::Webp:
        return QStringLiteral(".webp");
    }
    return {};
}

QString parametersText(const TextChunks& chunks)
{
    const QString parameters = ImageFile::text(chunks, QStringLiteral("parameters"));
    if (!parameters.isEmpty())
        return parameters;
    const QString record = ImageFile::text(chunks, QStringLiteral("easel"));
    if (!record.isEmpty()) {
        if (const auto recipe = ImageRecipe::fromJsonText(record.toUtf8()))
            return recipe->toA1111Parameters();
    }
    return {};
}

QString chunksToXmp(const TextChunks& chunks)
{
    QString attributes;
    QString elements;
    const bool aiMade = !digitalSourceType(chunks).isEmpty()
        || ImageFile::text(chunks, QStringLiteral("AI-generated")) == QLatin1String("true")
        || !parametersText(chunks).isEmpty();
    if (aiMade)
        attributes += QStringLiteral("\n    Iptc4xmpExt:DigitalSourceType=\"%1\"").arg(kTrainedAlgorithmicMedia);
    const QString software = ImageFile::text(chunks, QStringLiteral("Software"));
    if (!software.isEmpty())
        attributes += QStringLiteral("\n    xmp:CreatorTool=\"%1\"").arg(xmlText(software));
    const QString licence = ImageFile::text(chunks, QStringLiteral("License"));
    if (!licence.isEmpty() && licence != QLatin1String("unknown"))
        elements += QStringLiteral(
            "   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:rights>\n")
                        .arg(xmlText(licence));
    const QString parameters = parametersText(chunks);
    if (!parameters.isEmpty())
        elements += QStringLiteral(
            "   <exif:UserComment><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></exif:UserComment>\n")
                        .arg(xmlText(parameters));
    QString items;
    for (const TextChunk& c : chunks) {
        if (c.keyword == ImageFile::xmpKeyword)
            continue;
        items += QStringLiteral("     <rdf:li rdf:parseType=\"Resource\"><easel:keyword>%1</easel:keyword>"
                                "<easel:text>%2</easel:text></rdf:li>\n")
                     .arg(xmlText(c.keyword), xmlText(c.text));
    }
    if (!items.isEmpty())
        elements
            += QStringLiteral("   <easel:chunks>\n    <rdf:Seq>\n%1    </rdf:Seq>\n   </easel:chunks>\n").arg(items);
    return QStringLiteral("<?xpacket begin=\"") + QChar(0xFEFF)
        + QStringLiteral("\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                         "  <rdf:Description rdf:about=\"\"\n"
                         "    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n"
                         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                         "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                         "    xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"\n"
                         "    xmlns:easel=\"%1\"%2>\n"
                         "%3"
                         "  </rdf:Description>\n"
                         " </rdf:RDF>\n"
                         "</x:xmpmeta>\n"
                         "<?xpacket end=\"w\"?>")
              .arg(kEaselNs, attributes, elements);
}

TextChunks chunksFromXmp(const QString& xmp)
{
    TextChunks out;
    QXmlStreamReader xml(xmp);
    bool inChunks = false;
    TextChunk current;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement && xml.namespaceUri() == kEaselNs) {
            if (xml.name() == QLatin1String("chunks"))
                inChunks = true;
            else if (inChunks && xml.name() == QLatin1String("keyword"))
                current.keyword = xml.readElementText();
            else if (inChunks && xml.name() == QLatin1String("text"))
                current.text = xml.readElementText();
        } else if (token == QXmlStreamReader::EndElement) {
            if (xml.namespaceUri() == kEaselNs && xml.name() == QLatin1String("chunks"))
                inChunks = false;
            else if (inChunks && xml.name() == QLatin1String("li")) {
                if (!current.keyword.isEmpty())
                    out << current;
                current = {};
            }
        }
    }
    if (xml.hasError())
        return {};
    return out;
}

QByteArray exifBlock(const QString& software, const QString& userComment)
{
    if (software.isEmpty() && userComment.isEmpty())
        return {};
    QByteArray soft = software.toUtf8();
    soft.append('\0');
    QByteArray comment = QByteArrayLiteral("UNICODE\0");
    for (const QChar c : userComment)
        putU16(comment, c.unicode());

    // Layout: header (8), IFD0 (2 + 2 * 12 + 4 = 30), Software, EXIF IFD (2 + 12 + 4 = 18), UserComment.
    const quint32 ifd0 = 8;
    const quint32 softwareAt = ifd0 + 30;
    const quint32 exifIfd = softwareAt + quint32(soft.size() + (soft.size() & 1));
    const quint32 commentAt = exifIfd + 18;
    QByteArray t = QByteArrayLiteral("MM\0\x2A");
    putU32(t, ifd0);
    putU16(t, 2);
    putU16(t, 0x0131); // Software, ASCII
    putU16(t, 2);
    putU32(t, quint32(soft.size()));
    putU32(t, soft.size() <= 4 ? 0 : softwareAt);
    if (soft.size() <= 4)
        t.replace(t.size() - 4, soft.size(), soft);
    putU16(t, 0x8769); // ExifIFDPointer, LONG
    putU16(t, 4);
    putU32(t, 1);
    putU32(t, exifIfd);
    putU32(t, 0);
    if (soft.size() > 4)
        t.append(soft);
    t.resize(exifIfd, '\0');
    putU16(t, 1);
    putU16(t, 0x9286); // UserComment, UNDEFINED
    putU16(t, 7);
    putU32(t, quint32(comment.size()));
    putU32(t, commentAt);
    putU32(t, 0);
    t.append(comment);
    return t;
}

QByteArray jpegWithMetadata(const QByteArray& jpeg, const QByteArray& exif, const QString& xmp)
{
    if (!isJpeg(jpeg))
        fail(QStringLiteral("not a JPEG"));
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + qsizetype(u16(jpeg, 4, true));
    QByteArray segments;
    const auto segment = [&](const QByteArray& header, const QByteArray& payload, const char* what) {
        const qsizetype length = 2 + header.size() + payload.size();
        if (length > 0xFFFF)
            fail(QStringLiteral("the %1 metadata (%2 bytes) is too large for a JPEG segment")
                     .arg(QLatin1String(what))
                     .arg(payload.size()));
        segments.append(char(0xFF));
        segments.append(char(0xE1));
        putU16(segments, int(length));
        segments.append(header);
        segments.append(payload);
    };
    if (!exif.isEmpty())
        segment(kExifHeader, exif, "EXIF");
    if (!xmp.isEmpty())
        segment(kXmpHeader, xmp.toUtf8(), "XMP");
    QByteArray out = jpeg;
    out.insert(at, segments);
    return out;
}

QByteArray webpWithMetadata(
    const QByteArray& webp, int width, int height, bool alpha, const QByteArray& exif, const QString& xmp)
{
    if (!isWebp(webp))
        fail(QStringLiteral("not a WebP"));
    const QByteArray first = webp.mid(12, 4);
    QByteArray body; // every chunk after the header and VP8X
    quint8 flags = 0;
    if (first == "VP8X") {
        flags = quint8(webp[20]);
        body = webp.mid(12 + 8 + 10);
    } else {
        body = webp.mid(12);
        if (alpha)
            flags |= 0x10;
    }
    if (!exif.isEmpty())
        flags |= 0x08;
    if (!xmp.isEmpty())
        flags |= 0x04;
    QByteArray vp8x;
    vp8x.append(char(flags));
    vp8x.append(3, '\0');
    putLe24(vp8x, quint32(width - 1));
    putLe24(vp8x, quint32(height - 1));
    QByteArray chunks;
    appendWebpChunk(chunks, "VP8X", vp8x);
    chunks.append(body);
    if (!exif.isEmpty())
        appendWebpChunk(chunks, "EXIF", exif);
    if (!xmp.isEmpty())
        appendWebpChunk(chunks, "XMP ", xmp.toUtf8());
    QByteArray out = QByteArrayLiteral("RIFF");
    putLe32(out, quint32(4 + chunks.size()));
    out.append("WEBP");
    out.append(chunks);
    return out;
}

QString embeddedXmp(const QByteArray& bytes)
{
    if (ImageFile::isPng(bytes)) {
        try {
            return ImageFile::text(ImageFile::readTextChunks(bytes), ImageFile::xmpKeyword);
        } catch (const Error&) {
            return {};
        }
    }
    if (isJpeg(bytes)) {
        for (const QByteArray& app1 : jpegApp1(bytes)) {
            if (app1.startsWith(kXmpHeader))
                return QString::fromUtf8(app1.mid(kXmpHeader.size()));
        }
        return {};
    }
    if (isWebp(bytes))
        return QString::fromUtf8(webpChunk(bytes, "XMP "));
    return {};
}

QString embeddedUserComment(const QByteArray& bytes)
{
    if (isJpeg(bytes)) {
        for (const QByteArray& app1 : jpegApp1(bytes)) {
            if (app1.startsWith(kExifHeader))
                return userCommentOf(app1.mid(kExifHeader.size()));
        }
        return {};
    }
    if (isWebp(bytes)) {
        QByteArray exif = webpChunk(bytes, "EXIF");
        if (exif.startsWith(kExifHeader))
            exif.remove(0, kExifHeader.size());
        return userCommentOf(exif);
    }
    return {};
}

QStringList exportFile(
    const QString& in, const QString& out, const ExportOptions& options, AtomicFile::Existing existing)
{
    if (options.format != ExportFormat::Png && (options.quality < 1 || options.quality > 101))
        fail(QStringLiteral("%1: quality must be between 1 and 100").arg(out));
    const ImageData source = readImage(in);
    QFile file(in);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("%1: cannot read: %2").arg(in, file.errorString()));
    const QByteArray bytes = file.readAll();
    TextChunks chunks = source.chunks;
    if (chunks.isEmpty()) {
        // A JPEG or WebP this exported: its chunks, and the packet itself for the provenance fields.
        const QString xmp = embeddedXmp(bytes);
        chunks = chunksFromXmp(xmp);
        if (!xmp.isEmpty())
            chunks << TextChunk { ImageFile::xmpKeyword, xmp };
    }

    QStringList notes;
    QByteArray encoded;
    switch (options.format) {
    case ExportFormat::Png:
        if (ImageFile::isPng(bytes)) {
            AtomicFile::write(out, bytes, { in }, existing);
            return notes;
        }
        ImageFile::savePng(out, encode(source.pixels, ".png", {}, out), chunks, { in }, existing);
        return notes;
    case ExportFormat::Jpeg: {
        if (source.pixels.channels() == 4)
            notes << Tr::tr("JPEG has no transparency: transparent parts of %1 are white.").arg(in);
        encoded = encode(exportPixels(source.pixels, false), ".jpg",
            { cv::IMWRITE_JPEG_QUALITY, std::min(options.quality, 100) }, out);
        break;
    }
    case ExportFormat::Webp:
        encoded
            = encode(exportPixels(source.pixels, true), ".webp", { cv::IMWRITE_WEBP_QUALITY, options.quality }, out);
        break;
    }
    const QString software = ImageFile::text(chunks, QStringLiteral("Software"));
    const QByteArray exif = exifBlock(software, parametersText(chunks));
    QString xmp = chunks.isEmpty() ? QString() : chunksToXmp(chunks);
    // One JPEG segment holds 64 KB; larger metadata (a huge workflow) keeps only the standard fields.
    if (options.format == ExportFormat::Jpeg && xmp.toUtf8().size() > 65000) {
        TextChunks small;
        for (const TextChunk& c : chunks) {
            if (c.text.size() < 8000)
                small << c;
        }
        xmp = chunksToXmp(small);
        notes << Tr::tr("%1: some metadata is too large for JPEG and was left out.").arg(out);
        if (xmp.toUtf8().size() > 65000)
            xmp.clear();
    }
    QByteArray withMetadata;
    try {
        if (options.format == ExportFormat::Jpeg)
            withMetadata = jpegWithMetadata(encoded, exif.size() < 65000 ? exif : QByteArray(), xmp);
        else
            withMetadata = webpWithMetadata(
                encoded, source.pixels.cols, source.pixels.rows, source.pixels.channels() == 4, exif, xmp);
    } catch (const Error& e) {
        fail(QStringLiteral("%1: %2").arg(out, QString::fromUtf8(e.what())));
    }
    AtomicFile::write(out, withMetadata, { in }, existing);
    return notes;
}

} // namespace easel::imaging
