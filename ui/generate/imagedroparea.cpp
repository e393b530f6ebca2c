// SPDX-License-Identifier: MIT
#include "generate/imagedroparea.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMimeData>
#include <QStyle>
#include <QToolButton>

namespace easel {

namespace {

constexpr int kThumbnail = 96;

} // namespace

ImageDropArea::ImageDropArea(QWidget* parent)
    : QFrame(parent)
    , m_thumbnail(new QLabel(this))
    , m_clear(new QToolButton(this))
{
    setObjectName(QStringLiteral("initImageArea"));
    setAcceptDrops(true);
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Sunken);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Drop an image here (or click to choose one) to start from it: image to image"));
    m_thumbnail->setObjectName(QStringLiteral("initImageThumbnail"));
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setMinimumHeight(kThumbnail / 2);
    m_thumbnail->setWordWrap(true);
    m_clear->setObjectName(QStringLiteral("initImageClear"));
    m_clear->setAutoRaise(true);
    m_clear->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
    m_clear->setToolTip(tr("No source image (text to image)"));
    connect(m_clear, &QToolButton::clicked, this, [this] { setPath(QString()); });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_thumbnail, 1);
    layout->addWidget(m_clear, 0, Qt::AlignTop);
    setPath(QString());
}

bool ImageDropArea::setPath(const QString& path)
{
    QImage thumb;
    if (!path.isEmpty()) {
        QImageReader reader(path);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
        thumb = reader.read();
        if (thumb.isNull()) {
            Q_EMIT rejected(tr("%1 is not a readable image: %2").arg(QDir::toNativeSeparators(path), reader.errorString()));
            setPath(QString());
            return false;
        }
    }
    const bool changed = path != m_path;
    m_path = path;
    m_clear->setVisible(!path.isEmpty());
    if (thumb.isNull()) {
        m_thumbnail->setPixmap(QPixmap());
        m_thumbnail->setText(tr("Drop a source image here"));
    } else {
        m_thumbnail->setPixmap(QPixmap::fromImage(thumb));
        m_thumbnail->setToolTip(QDir::toNativeSeparators(path));
    }
    if (changed)
        Q_EMIT pathChanged(m_path);
    return true;
}

QString ImageDropArea::imageFileOf(const QMimeData* mime)
{
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    return mime->urls().first().toLocalFile();
}

void ImageDropArea::dragEnterEvent(QDragEnterEvent* event)
{
    if (!imageFileOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImageDropArea::dropEvent(QDropEvent* event)
{
    const QString file = imageFileOf(event->mimeData());
    if (file.isEmpty())
        return;
    setPath(file);
    event->acceptProposedAction();
}

void ImageDropArea::mouseReleaseEvent(QMouseEvent* event)
{
    QFrame::mouseReleaseEvent(event);
    const QString file = QFileDialog::getOpenFileName(this, tr("Source image"), QFileInfo(m_path).path(),
        tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
    if (!file.isEmpty())
        setPath(file);
}

} // namespace easel
