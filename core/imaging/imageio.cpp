// SPDX-License-Identifier: MIT
#include "imaging/imageio.h"

#include "common/error.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <opencv2/imgcodecs.hpp>

#include <vector>

namespace easel::imaging {

namespace {

    [[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

} // namespace

ImageData readImage(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        fail(QStringLiteral("%1: no such file").arg(path));
    if (info.isDir())
        fail(QStringLiteral("%1: is a folder, not an image").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        fail(QStringLiteral("%1: the file is empty").arg(path));

    ImageData image;
    image.path = path;
    image.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (ImageFile::isPng(bytes)) {
        // A damaged PNG is refused here, in one line: libpng would print its own complaints to stderr.
        try {
            ImageFile::checkPng(bytes);
        } catch (const std::exception& e) {
            fail(QStringLiteral("%1: cannot read the image: %2").arg(path, QString::fromUtf8(e.what())));
        }
    }
    // Decoding from memory keeps non-ASCII paths working everywhere.
    const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData()));
    cv::Mat pixels;
    try {
        pixels = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception&) {
        pixels.release();
    }
    if (pixels.empty())
        fail(QStringLiteral("%1: not an image OpenCV can read").arg(path));
    if (pixels.depth() == CV_16U)
        pixels.convertTo(pixels, CV_8U, 255.0 / 65535.0);
    else if (pixels.depth() != CV_8U)
        fail(QStringLiteral("%1: unsupported pixel format (8 or 16 bits per channel needed)").arg(path));
    if (pixels.channels() == 2) {
        std::vector<cv::Mat> planes;
        cv::split(pixels, planes);
        cv::Mat bgra;
        cv::merge(std::vector<cv::Mat> { planes[0], planes[0], planes[0], planes[1] }, bgra);
        pixels = bgra;
    }
    image.pixels = pixels;
    if (ImageFile::isPng(bytes)) {
        try {
            image.chunks = ImageFile::readTextChunks(bytes);
        } catch (const Error& e) {
            fail(path + QStringLiteral(": ") + QString::fromUtf8(e.what()));
        }
    }
    return image;
}

TextChunks resultChunks(const TextChunks& inherited, const Provenance& provenance, const TextChunks& extra)
{
    QStringList replaced { chunk::software, chunk::sources, chunk::operations };
    for (const TextChunk& c : extra)
        replaced << c.keyword;
    TextChunks out;
    for (const TextChunk& c : inherited) {
        if (!replaced.contains(c.keyword))
            out << c;
    }
    QJsonArray sources;
    for (const ImageData& source : provenance.sources)
        sources.append(QJsonObject { { QStringLiteral("file"), QFileInfo(source.path).fileName() },
            { QStringLiteral("sha256"), source.sha256 } });
    out << TextChunk { chunk::software, provenance.software };
    out << TextChunk { chunk::sources, QString::fromUtf8(QJsonDocument(sources).toJson(QJsonDocument::Compact)) };
    out << TextChunk { chunk::operations,
        QString::fromUtf8(QJsonDocument(provenance.operations).toJson(QJsonDocument::Compact)) };
    out << extra;
    return out;
}

void writeResult(const QString& path, const cv::Mat& image, const TextChunks& chunks, const QStringList& sources,
    AtomicFile::Existing existing)
{
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        fail(QStringLiteral("%1: results are written as PNG; use a .png file name").arg(path));
    if (image.empty())
        fail(QStringLiteral("%1: nothing to write (empty image)").arg(path));
    std::vector<std::uint8_t> encoded;
    try {
        if (!cv::imencode(".png", image, encoded))
            fail(QStringLiteral("%1: cannot encode the image as PNG").arg(path));
    } catch (const cv::Exception& e) {
        fail(QStringLiteral("%1: cannot encode the image as PNG: %2").arg(path, QString::fromStdString(e.msg)));
    }
    const QByteArray png(reinterpret_cast<const char*>(encoded.data()), qsizetype(encoded.size()));
    ImageFile::savePng(path, png, chunks, sources, existing);
}

} // namespace easel::imaging
