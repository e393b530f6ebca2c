// SPDX-License-Identifier: MIT
#pragma once

// Small pieces the finishing panels share: OpenCV <-> Qt images, screen-sized copies, result file names, drops.

#include <QImage>
#include <QSet>
#include <QSize>
#include <QString>

#include <opencv2/core.hpp>

class QMimeData;

namespace easel {

/// A deep copy of an 8-bit BGR, BGRA or grey matrix as a QImage (RGB888, ARGB32 or Grayscale8); null for others.
QImage matToImage(const cv::Mat& mat);

/// \a image reduced with area averaging to fit within \a bounds (aspect kept); never enlarged. The image
/// itself (not a copy) when it already fits.
cv::Mat fitWithin(const cv::Mat& image, QSize bounds);

/// A path beside \a source named "<base>-<tag>.png", else "<base>-<tag>-2.png" and so on: one that does not
/// exist and is not in \a taken (names handed out for results not written yet). Never \a source itself.
QString resultPathBeside(const QString& source, const QString& tag, const QSet<QString>& taken = {});

/// A path in \a folder named "<base><extension>", else "<base>-2<extension>" and so on, that does not exist and
/// is not in \a taken.
QString freeFilePath(
    const QString& folder, const QString& base, const QString& extension, const QSet<QString>& taken = {});

/// The first local file of a drag or drop that looks like an image (by suffix); empty when none.
QString droppedImageFile(const QMimeData* mime);

/// File-dialog filter for the images the tools read.
QString imageFileFilter();

} // namespace easel
