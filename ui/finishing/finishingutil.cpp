// SPDX-License-Identifier: MIT
#include "finishing/finishingutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace easel {

QImage matToImage(const cv::Mat& mat)
{
    if (mat.empty() || mat.depth() != CV_8U)
        return {};
    QImage::Format format = QImage::Format_RGB888;
    int code = -1;
    switch (mat.channels()) {
    case 1:
        format = QImage::Format_Grayscale8;
        break;
    case 3:
        code = cv::COLOR_BGR2RGB;
        break;
    case 4:
        // BGRA in memory is QImage's ARGB32 on little-endian machines; RGBA8888 is byte-ordered everywhere.
        code = cv::COLOR_BGRA2RGBA;
        format = QImage::Format_RGBA8888;
        break;
    default:
        return {};
    }
    // Converted straight into the image's own pixels: one pass, no intermediate copy.
    QImage image(mat.cols, mat.rows, format);
    if (image.isNull())
        return {};
    cv::Mat pixels(mat.rows, mat.cols, mat.type(), image.bits(), size_t(image.bytesPerLine()));
    if (code < 0)
        mat.copyTo(pixels);
    else
        cv::cvtColor(mat, pixels, code);
    return image;
}

cv::Mat fitWithin(const cv::Mat& image, QSize bounds)
{
    if (image.empty() || bounds.width() < 1 || bounds.height() < 1)
        return image;
    const double scale = std::min(double(bounds.width()) / image.cols, double(bounds.height()) / image.rows);
    if (scale >= 1.0)
        return image;
    const cv::Size size(
        std::max(1, int(std::lround(image.cols * scale))), std::max(1, int(std::lround(image.rows * scale))));
    cv::Mat out;
    cv::resize(image, out, size, 0, 0, cv::INTER_AREA);
    return out;
}

QString freeFilePath(const QString& folder, const QString& base, const QString& extension, const QSet<QString>& taken)
{
    const QDir dir(folder);
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? base + extension : QStringLiteral("%1-%2%3").arg(base).arg(n).arg(extension);
        const QString path = dir.filePath(name);
        if (!QFileInfo::exists(path) && !taken.contains(path))
            return path;
    }
}

QString resultPathBeside(const QString& source, const QString& tag, const QSet<QString>& taken)
{
    const QFileInfo info(source);
    return freeFilePath(
        info.absolutePath(), info.completeBaseName() + QLatin1Char('-') + tag, QStringLiteral(".png"), taken);
}

QString droppedImageFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    static const QStringList suffixes { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
        QStringLiteral("webp"), QStringLiteral("bmp"), QStringLiteral("tif"), QStringLiteral("tiff") };
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString file = url.toLocalFile();
        if (suffixes.contains(QFileInfo(file).suffix().toLower()))
            return file;
    }
    return {};
}

QString imageFileFilter()
{
    return QCoreApplication::translate("easel::finishing", "Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)");
}

} // namespace easel
