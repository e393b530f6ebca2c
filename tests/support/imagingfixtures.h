// SPDX-License-Identifier: MIT
#pragma once
// The image fixtures of tests/data/imaging and pixel comparison, for tests that link OpenCV (through
// easel_core_imaging); header-only, so easel_testsupport itself stays free of OpenCV.

#include "support/testdata.h"

#include <QString>
#include <QtGlobal>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace easel::test {

/// Absolute path of tests/data/imaging/<name>.
inline QString imagingFixturePath(const QString& name) { return testDataPath(QStringLiteral("imaging/") + name); }

/// tests/data/imaging/<name> as 8-bit BGR; a missing fixture ends the test run.
inline cv::Mat imagingFixture(const QString& name)
{
    const cv::Mat image = cv::imread(imagingFixturePath(name).toStdString(), cv::IMREAD_COLOR);
    if (image.empty())
        qFatal("missing fixture %s", qPrintable(name));
    return image;
}

/// The largest absolute difference between the 8-bit images \a a and \a b over all pixels and channels;
/// -1 when their sizes or types differ.
inline int maxAbsDifference(const cv::Mat& a, const cv::Mat& b)
{
    if (a.size() != b.size() || a.type() != b.type())
        return -1;
    if (a.empty())
        return 0;
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    double max = 0.0;
    cv::minMaxLoc(diff.reshape(1), nullptr, &max);
    return int(max);
}

} // namespace easel::test
