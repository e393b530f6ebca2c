// SPDX-License-Identifier: MIT
#include "story/storycontactsheet.h"

#include "story/storyexport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::StoryExport)
    };

} // namespace

bool writeStoryContactSheet(const StoryDocument& document, const QString& path, QString* errorMessage)
{
    // QPdfWriter writes straight to its device: render into memory, then write the file atomically.
    QByteArray pdf;
    {
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        writer.setResolution(150);
        writer.setTitle(document.title().isEmpty() ? document.id() : document.title());
        writer.setCreator(QStringLiteral("Easel"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (errorMessage)
                *errorMessage = Tr::tr("Cannot write %1: %2")
                                    .arg(QDir::toNativeSeparators(path), Tr::tr("the PDF could not be started"));
            return false;
        }
        const QRect page = painter.viewport();
        constexpr int columns = 3;
        constexpr int rows = 2;
        const int titleHeight = page.height() / 14;
        const int cellWidth = page.width() / columns;
        const int cellHeight = (page.height() - titleHeight) / rows;
        const int gap = cellWidth / 30;
        QFont titleFont = painter.font();
        titleFont.setPixelSize(std::max(8, titleHeight / 2));
        QFont headFont = painter.font();
        headFont.setPixelSize(std::max(6, cellHeight / 18));
        headFont.setBold(true);
        QFont bodyFont = painter.font();
        bodyFont.setPixelSize(std::max(6, cellHeight / 22));
        const QString title = document.title().isEmpty() ? document.id() : document.title();
        const QList<StoryShot>& shots = document.shots();
        const int perPage = columns * rows;
        const int pages = std::max(1, int((shots.size() + perPage - 1) / perPage));
        for (int p = 0; p < pages; ++p) {
            if (p > 0)
                writer.newPage();
            painter.setFont(titleFont);
            painter.setPen(Qt::black);
            painter.drawText(QRect(0, 0, page.width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
                Tr::tr("%1 — contact sheet, page %2 of %3").arg(title).arg(p + 1).arg(pages));
            for (int i = 0; i < perPage; ++i) {
                const int index = p * perPage + i;
                if (index >= shots.size())
                    break;
                const StoryShot& shot = shots.at(index);
                const QRect cell((i % columns) * cellWidth + gap, titleHeight + (i / columns) * cellHeight + gap,
                    cellWidth - 2 * gap, cellHeight - 2 * gap);
                const QRect frame(cell.left(), cell.top(), cell.width(), cell.height() * 3 / 5);
                painter.setPen(QPen(Qt::gray, 1));
                painter.drawRect(frame);
                const QImage image(document.resolvePath(shot.keyframe));
                if (!shot.keyframe.isEmpty() && !image.isNull()) {
                    const QSize fitted = image.size().scaled(frame.size() - QSize(2, 2), Qt::KeepAspectRatio);
                    const QRect target(QPoint(frame.left() + (frame.width() - fitted.width()) / 2,
                                           frame.top() + (frame.height() - fitted.height()) / 2),
                        fitted);
                    painter.drawImage(target, image);
                } else {
                    painter.setFont(bodyFont);
                    painter.drawText(frame, Qt::AlignCenter, Tr::tr("no keyframe yet"));
                }
                const QRect text(
                    cell.left(), frame.bottom() + gap / 2, cell.width(), cell.bottom() - frame.bottom() - gap / 2);
                painter.setPen(Qt::black);
                painter.setFont(headFont);
                const QString head = Tr::tr("Shot %1 · %2 · %3 s")
                                         .arg(shot.number)
                                         .arg(shot.shotType.isEmpty() ? Tr::tr("shot") : shot.shotType)
                                         .arg(QString::number(shot.duration, 'g', 4));
                const int headHeight = painter.fontMetrics().height() + 2;
                painter.drawText(
                    QRect(text.left(), text.top(), text.width(), headHeight), Qt::AlignLeft | Qt::AlignTop, head);
                painter.setFont(bodyFont);
                painter.drawText(QRect(text.left(), text.top() + headHeight, text.width(), text.height() - headHeight),
                    Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, shot.description);
            }
        }
        painter.end();
    }
    return writeStoryExportFile(path, pdf, errorMessage);
}

} // namespace easel
