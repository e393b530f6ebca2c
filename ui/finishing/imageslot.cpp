// SPDX-License-Identifier: MIT
#include "finishing/imageslot.h"

#include "finishing/finishingutil.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QToolButton>
#include <QtConcurrent>

#include <exception>

namespace easel {

namespace {

    constexpr int kThumbnail = 48;

} // namespace

ImageSlot::ImageSlot(const QString& name, const QString& placeholder, QWidget* parent)
    : QFrame(parent)
    , m_thumbnail(new QLabel(this))
    , m_label(new QLabel(this))
    , m_open(new QToolButton(this))
    , m_watcher(new QFutureWatcher<Loaded>(this))
    , m_placeholder(placeholder)
{
    setObjectName(name);
    setAcceptDrops(true);
    setFrameShape(QFrame::StyledPanel);
    setToolTip(tr("Drop an image here or choose one with Open"));
    m_thumbnail->setFixedSize(kThumbnail, kThumbnail);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_label->setObjectName(name + QStringLiteral("Label"));
    m_label->setWordWrap(false);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_open->setObjectName(name + QStringLiteral("Open"));
    m_open->setText(tr("Open..."));
    connect(m_open, &QToolButton::clicked, this, &ImageSlot::choose);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_thumbnail);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_open);
    showState(m_placeholder);

    connect(m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        const Loaded result = m_watcher->result();
        if (result.image.path != m_path)
            return; // a newer path was set meanwhile; its own load follows
        if (!result.error.isEmpty()) {
            showState(result.error);
            Q_EMIT failed(result.error);
            return;
        }
        m_image = result.image;
        const QImage thumb = matToImage(fitWithin(m_image.pixels, QSize(kThumbnail, kThumbnail)));
        m_thumbnail->setPixmap(QPixmap::fromImage(thumb));
        showState(QFileInfo(m_path).fileName());
        m_label->setToolTip(QStringLiteral("%1\n%2 x %3")
                                .arg(QDir::toNativeSeparators(m_path))
                                .arg(m_image.pixels.cols)
                                .arg(m_image.pixels.rows));
        Q_EMIT loaded();
    });
}

ImageSlot::~ImageSlot() { m_watcher->waitForFinished(); }

void ImageSlot::showState(const QString& text)
{
    m_label->setText(m_label->fontMetrics().elidedText(text, Qt::ElideMiddle, std::max(80, m_label->width())));
    m_label->setToolTip(text);
}

void ImageSlot::setPath(const QString& path)
{
    if (path == m_path && (isLoaded() || m_watcher->isRunning()))
        return;
    m_path = path;
    m_image = {};
    m_thumbnail->setPixmap(QPixmap());
    Q_EMIT pathChanged(path);
    if (path.isEmpty()) {
        showState(m_placeholder);
        return;
    }
    showState(tr("Loading %1...").arg(QFileInfo(path).fileName()));
    auto future = QtConcurrent::run([path] {
        Loaded result;
        try {
            result.image = imaging::readImage(path);
        } catch (const std::exception& e) {
            result.image.path = path;
            result.error = QString::fromUtf8(e.what());
        }
        result.image.path = path;
        return result;
    });
    // A load still running keeps its watcher's future; the newer one replaces it and the older result is
    // ignored by path (above).
    m_watcher->setFuture(future);
}

void ImageSlot::choose()
{
    const QString start = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose an image"), start, imageFileFilter());
    if (!file.isEmpty())
        setPath(file);
}

void ImageSlot::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedImageFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImageSlot::dropEvent(QDropEvent* event)
{
    const QString file = droppedImageFile(event->mimeData());
    if (file.isEmpty())
        return;
    event->acceptProposedAction();
    setPath(file);
}

} // namespace easel
