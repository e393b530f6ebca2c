// SPDX-License-Identifier: MIT
#include "queue/queuepanel.h"

#include "queue/queuemodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QIconEngine>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QStyleOption>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace easel {

namespace {

/// A row's thumbnail drawn straight from its image. The stock delegate wraps the model's QImage in a QIcon of a
/// new QPixmap on every paint, and such an icon keeps what it draws in QPixmapCache under that pixmap's own key:
/// the queue repaints a row at every step and preview, so over a long run the cache filled with dead thumbnails
/// up to its limit (10 MiB). This engine keeps nothing.
class ThumbnailIconEngine : public QIconEngine {
public:
    explicit ThumbnailIconEngine(QImage image)
        : m_image(std::move(image))
    {
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        // Like a pixmap icon: scaled down to fit, never up.
        QSize actual = m_image.size();
        if (actual.width() > size.width() || actual.height() > size.height())
            actual.scale(size, Qt::KeepAspectRatio);
        return actual;
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        const QSize actual = actualSize(size, mode, state);
        QPixmap pixmap = QPixmap::fromImage(
            actual == m_image.size() ? m_image : m_image.scaled(actual, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        if (mode != QIcon::Normal) { // selected or disabled: tinted by the style, as a pixmap icon would be
            QStyleOption option;
            option.palette = QGuiApplication::palette();
            pixmap = QApplication::style()->generatedIconPixmap(mode, pixmap, &option);
        }
        return pixmap;
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const QPixmap image = pixmap(rect.size(), mode, state);
        QRect target(QPoint(), image.size());
        target.moveCenter(rect.center());
        painter->drawPixmap(target, image);
    }

    QIconEngine* clone() const override { return new ThumbnailIconEngine(m_image); }
    QString key() const override { return QStringLiteral("easel-thumbnail"); }

private:
    QImage m_image;
};

/// The queue's rows: the stock look, with the thumbnail drawn by ThumbnailIconEngine.
class QueueItemDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant decoration = index.data(Qt::DecorationRole);
        if (decoration.userType() == QMetaType::QImage)
            option->icon = QIcon(new ThumbnailIconEngine(decoration.value<QImage>()));
    }
};

} // namespace

QueuePanel::QueuePanel(JobQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new QueueModel(queue, this))
    , m_view(new QListView(this))
{
    setObjectName(QStringLiteral("queuePanel"));
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new QueueItemDelegate(m_view));
    m_view->setIconSize(QSize(QueueModel::ThumbnailSize, QueueModel::ThumbnailSize));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_view->setUniformItemSizes(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long prompts are elided, never scrolled
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* buttons = new QHBoxLayout;
    m_cancel = addButton("queueCancelButton", tr("Cancel"), tr("Cancel the selected job (a running one stops at its next step)"));
    m_retry = addButton("queueRetryButton", tr("Retry"), tr("Queue the selected job again"));
    m_duplicate = addButton("queueDuplicateButton", tr("Duplicate"), tr("Queue a copy of the selected job"));
    m_remove = addButton("queueRemoveButton", tr("Remove"), tr("Remove the selected finished job from the list (its images stay)"));
    m_pause = addButton("queuePauseButton", tr("Pause after current"), tr("Let the running job finish, then start no other until resumed"));
    m_pause->setCheckable(true);
    for (QToolButton* b : { m_cancel, m_retry, m_duplicate, m_remove })
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_pause);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_cancel, &QToolButton::clicked, this, &QueuePanel::cancelSelected);
    connect(m_retry, &QToolButton::clicked, this, &QueuePanel::retrySelected);
    connect(m_duplicate, &QToolButton::clicked, this, &QueuePanel::duplicateSelected);
    connect(m_remove, &QToolButton::clicked, this, &QueuePanel::removeSelected);
    connect(m_pause, &QToolButton::toggled, &m_queue, &JobQueue::setPaused);
    connect(&m_queue, &JobQueue::queueChanged, this, [this] {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(m_queue.isPaused());
        updateButtons();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &QueuePanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QueuePanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePanel::updateButtons);
    connect(m_view, &QListView::doubleClicked, this,
        [this](const QModelIndex& index) { Q_EMIT jobActivated(m_model->idAt(index.row())); });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        for (QToolButton* b : { m_cancel, m_retry, m_duplicate, m_remove })
            if (b->isEnabled())
                menu.addAction(b->text(), b, &QToolButton::click);
        if (!menu.isEmpty())
            menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    m_pause->setChecked(m_queue.isPaused());
    updateButtons();
}

QToolButton* QueuePanel::addButton(const char* name, const QString& text, const QString& tip)
{
    auto* button = new QToolButton(this);
    button->setObjectName(QLatin1String(name));
    button->setText(text);
    button->setToolTip(tip);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

quint64 QueuePanel::selectedJob() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

void QueuePanel::selectJob(quint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row));
}

void QueuePanel::updateButtons()
{
    const auto info = m_queue.info(selectedJob());
    const bool active = info && (info->state == JobState::Queued || info->state == JobState::Running);
    m_cancel->setEnabled(active);
    m_retry->setEnabled(info && !active && info->state != JobState::Completed);
    m_duplicate->setEnabled(info.has_value());
    m_remove->setEnabled(info && !active);
}

void QueuePanel::cancelSelected()
{
    if (const quint64 id = selectedJob())
        m_queue.cancel(id);
}

void QueuePanel::retrySelected()
{
    if (const quint64 id = selectedJob())
        selectJob(m_queue.resubmit(id));
}

void QueuePanel::duplicateSelected()
{
    const quint64 id = selectedJob();
    const Job* job = id ? m_queue.job(id) : nullptr;
    if (!job)
        return;
    // A queued or running job has not ended, so resubmit() does not take it: queue a clone.
    const auto info = m_queue.info(id);
    if (info && (info->state == JobState::Queued || info->state == JobState::Running))
        selectJob(m_queue.submit(job->clone()));
    else
        selectJob(m_queue.resubmit(id));
}

void QueuePanel::removeSelected()
{
    if (const quint64 id = selectedJob())
        m_queue.remove(id);
}

} // namespace easel
