// SPDX-License-Identifier: MIT
#include "gallery/largeimageview.h"

#include <QFontMetrics>
#include <QImageReader>
#include <QMouseEvent>
#include <QPainter>
#include <QtConcurrent>

namespace easel {

LargeImageView::LargeImageView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("galleryLargeView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Space or a click goes back to the grid"));
}

LargeImageView::~LargeImageView() = default;

void LargeImageView::clear()
{
    ++m_serial;
    m_path.clear();
    m_caption.clear();
    m_pixmap = {};
    m_loaded = false;
    update();
}

void LargeImageView::showImage(const QString& path, const QPixmap& standIn, const QString& caption)
{
    m_caption = caption;
    if (path == m_path && m_loaded) {
        update();
        return;
    }
    const quint64 serial = ++m_serial;
    m_path = path;
    m_pixmap = standIn;
    m_loaded = false;
    update();
    // Decoded at most at the screen's size: a large view needs no more.
    const QSize limit = (size().isEmpty() ? QSize(1920, 1080) : size()) * devicePixelRatioF();
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        if (serial != m_serial)
            return; // another image was asked for meanwhile
        const QImage image = watcher->result();
        if (!image.isNull()) {
            m_pixmap = QPixmap::fromImage(image);
            m_pixmap.setDevicePixelRatio(devicePixelRatioF());
        }
        m_loaded = true;
        update();
    });
    watcher->setFuture(QtConcurrent::run([path, limit] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        if (full.isValid() && (full.width() > limit.width() || full.height() > limit.height()))
            reader.setScaledSize(full.scaled(limit, Qt::KeepAspectRatio));
        return reader.read();
    }));
}

void LargeImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(24, 24, 26));
    const int captionHeight = m_caption.isEmpty() ? 0 : fontMetrics().height() + 12;
    const QRect area = rect().adjusted(8, 8, -8, -8 - captionHeight);
    if (!m_pixmap.isNull() && !area.isEmpty()) {
        const QSize shown = m_pixmap.deviceIndependentSize().toSize().scaled(area.size(), Qt::KeepAspectRatio);
        // Never enlarged past 1:1 once the real image is there; the thumbnail stand-in is.
        const QSize natural = m_pixmap.deviceIndependentSize().toSize();
        const QSize target
            = (m_loaded && natural.width() <= area.width() && natural.height() <= area.height()) ? natural : shown;
        const QRect r(area.left() + (area.width() - target.width()) / 2,
            area.top() + (area.height() - target.height()) / 2, target.width(), target.height());
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawPixmap(r, m_pixmap);
    }
    if (captionHeight > 0) {
        painter.setPen(QColor(220, 220, 220));
        const QRect line(8, height() - captionHeight, width() - 16, captionHeight);
        painter.drawText(line, Qt::AlignCenter, fontMetrics().elidedText(m_caption, Qt::ElideRight, line.width()));
    }
}

void LargeImageView::mousePressEvent(QMouseEvent* event)
{
    event->accept();
    Q_EMIT closeRequested();
}

} // namespace easel
