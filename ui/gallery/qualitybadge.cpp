// SPDX-License-Identifier: MIT
#include "gallery/qualitybadge.h"

#include <QPainter>

namespace easel {

QString QualityBadge::flagText(const QString& name)
{
    if (name == QLatin1String("broken"))
        return tr("broken (NaN)");
    if (name == QLatin1String("nearly-black"))
        return tr("nearly black");
    if (name == QLatin1String("nearly-white"))
        return tr("nearly white");
    if (name == QLatin1String("uniform"))
        return tr("uniform");
    return name;
}

QString QualityBadge::flagsText(const QStringList& names)
{
    QStringList words;
    for (const QString& name : names)
        words << flagText(name);
    return words.join(QStringLiteral(", "));
}

QString QualityBadge::toolTip(const QStringList& names)
{
    return tr("Flagged by the quality check: %1").arg(flagsText(names));
}

QRect QualityBadge::rect(const QRect& image, int diameter)
{
    return QRect(image.left() + 3, image.top() + 3, diameter, diameter);
}

void QualityBadge::paint(QPainter* painter, const QRect& image, int diameter)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF circle(rect(image, diameter));
    painter->setPen(QPen(QColor(255, 255, 255, 220), 1.5));
    painter->setBrush(QColor(0xe0, 0x8a, 0x00)); // amber: look again, not an error
    painter->drawEllipse(circle);
    // "!": a bar and a dot, drawn (no font needed).
    const QPointF c = circle.center();
    const qreal u = diameter / 18.0;
    painter->setPen(QPen(Qt::white, 2.4 * u, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(c + QPointF(0, -4.5 * u), c + QPointF(0, 1.5 * u));
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::white);
    painter->drawEllipse(c + QPointF(0, 4.6 * u), 1.4 * u, 1.4 * u);
    painter->restore();
}

} // namespace easel
