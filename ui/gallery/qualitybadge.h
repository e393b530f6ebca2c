// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QRect>
#include <QString>
#include <QStringList>

class QPainter;

namespace easel {

/// The mark of an image whose automatic quality checks flagged it (ImageMetadata::qualityFlagNames): an amber
/// circle with "!" in the top-left corner of its thumbnail, in the gallery grid and the queue; and the flags in
/// words for tooltips and the detail pane.
class QualityBadge {
    Q_DECLARE_TR_FUNCTIONS(easel::QualityBadge)
public:
    /// One flag in words ("nearly black"); an unknown name as it is.
    static QString flagText(const QString& name);
    /// The flags in words, comma separated ("nearly black, uniform"); empty for none.
    static QString flagsText(const QStringList& names);
    /// The tooltip line of a flagged image: "Flagged by the quality check: nearly black, uniform".
    static QString toolTip(const QStringList& names);

    /// Where the badge goes on an image drawn in \a image (a circle of \a diameter in its top-left corner).
    static QRect rect(const QRect& image, int diameter = 18);
    /// Paints the badge on an image drawn in \a image.
    static void paint(QPainter* painter, const QRect& image, int diameter = 18);
};

} // namespace easel
