// SPDX-License-Identifier: MIT
#include "imaging/quality.h"

#include "common/error.h"

#include <algorithm>

namespace easel::imaging {

QStringList QualityReport::flags() const
{
    QStringList list;
    if (nearlyBlack)
        list << QStringLiteral("nearly-black");
    if (nearlyWhite)
        list << QStringLiteral("nearly-white");
    if (uniform)
        list << QStringLiteral("uniform");
    return list;
}

QString QualityReport::summary() const
{
    QStringList words;
    if (nearlyBlack)
        words << QStringLiteral("nearly black");
    if (nearlyWhite)
        words << QStringLiteral("nearly white");
    if (uniform)
        words << QStringLiteral("uniform");
    const QString head = words.isEmpty() ? QStringLiteral("ok") : words.join(QStringLiteral(", "));
    return QStringLiteral("%1 (mean %2, std %3)").arg(head).arg(mean, 0, 'f', 1).arg(stddev, 0, 'f', 1);
}

QualityReport checkQuality(const cv::Mat& image)
{
    if (image.empty())
        throw Error("quality check: the image is empty");
    if (image.depth() != CV_8U && image.depth() != CV_16U)
        throw Error("quality check: needs an 8- or 16-bit image");
    cv::Mat colour = image;
    if (image.channels() == 4 || image.channels() == 2) {
        std::vector<cv::Mat> planes;
        cv::split(image, planes);
        planes.pop_back();
        cv::merge(planes, colour);
    }
    const double scale = image.depth() == CV_16U ? 255.0 / 65535.0 : 1.0;
    cv::Scalar means;
    cv::Scalar deviations;
    cv::meanStdDev(colour, means, deviations);
    QualityReport report;
    double sum = 0.0;
    for (int c = 0; c < colour.channels(); ++c) {
        sum += means[c];
        report.stddev = std::max(report.stddev, deviations[c] * scale);
    }
    report.mean = sum / colour.channels() * scale;
    report.nearlyBlack = report.mean < QualityReport::BlackMean;
    report.nearlyWhite = report.mean > QualityReport::WhiteMean;
    report.uniform = report.stddev < QualityReport::UniformStd;
    return report;
}

} // namespace easel::imaging
