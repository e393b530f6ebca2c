// SPDX-License-Identifier: MIT
#include "gallery/gallerypanel.h"

#include "gallery/filehash.h"
#include "gallery/gallerycollections.h"
#include "gallery/gallerycompare.h"
#include "gallery/gallerydelegate.h"
#include "gallery/gallerydetail.h"
#include "gallery/gallerygroupmodel.h"
#include "gallery/galleryindex.h"
#include "gallery/gallerymodel.h"
#include "gallery/gallerysidebar.h"
#include "gallery/imagemetadata.h"
#include "gallery/largeimageview.h"
#include "gallery/thumbnailcache.h"
#include "gallery/variations.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPointer>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace easel {

namespace {

    constexpr int kSearchDelayMs = 250;
    constexpr int kRescanDelayMs = 400; ///< a burst of file events (a batch being written) makes one rescan
    constexpr int kMaxWatchedFolders = 1000;
    constexpr int kSidebarDelayMs = 300; ///< counts of the side bar's collections follow changes this late

    QString nativeName(const QString& path) { return QDir::toNativeSeparators(path); }

    /// Drops the freedesktop trash's record of a file taken back out of "<trash>/files".
    void forgetTrashInfo(const QString& trashPath)
    {
        const QFileInfo trashed(trashPath);
        QDir trash = trashed.dir();
        if (trash.dirName() != QLatin1String("files") || !trash.cdUp())
            return;
        const QString info
            = trash.filePath(QStringLiteral("info/") + trashed.fileName() + QStringLiteral(".trashinfo"));
        if (QFileInfo::exists(info))
            QFile::remove(info);
    }

    QStringList listFolders(const QStringList& roots)
    {
        QStringList dirs;
        for (const QString& root : roots) {
            if (!QFileInfo(root).isDir())
                continue;
            dirs << root;
            QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext() && dirs.size() < kMaxWatchedFolders)
                dirs << it.next();
        }
        return dirs;
    }

    bool isCullingKey(const QKeyEvent* key)
    {
        if (key->matches(QKeySequence::Undo))
            return true;
        if ((key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
            return false;
        switch (key->key()) {
        case Qt::Key_0:
        case Qt::Key_1:
        case Qt::Key_2:
        case Qt::Key_3:
        case Qt::Key_4:
        case Qt::Key_5:
        case Qt::Key_P:
        case Qt::Key_X:
        case Qt::Key_Space:
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
        case Qt::Key_I:
        case Qt::Key_C:
            return true;
        default:
            return false;
        }
    }

    /// The model file a recipe names, as it is now: its SHA-256 (from the hash cache when the file is unchanged).
    struct ModelCheck {
        QString file;
        QString now; ///< empty when it cannot be read
        QString problem;
    };

} // namespace

GalleryPanel::GalleryPanel(Settings& settings, QWidget* parent)
    : GalleryPanel(settings, Locations {}, parent)
{
}

GalleryPanel::GalleryPanel(Settings& settings, const Locations& locations, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("galleryPanel"));
    QString problem;
    try {
        m_index = std::make_shared<GalleryIndex>(
            locations.database.isEmpty() ? GalleryIndex::defaultPath() : locations.database);
    } catch (const std::exception& e) {
        // The gallery still works for this session, from an index of its own that the next start forgets.
        problem = tr("%1; the gallery uses a temporary index for now").arg(QString::fromUtf8(e.what()));
        m_fallback = std::make_unique<QTemporaryDir>();
        m_index = std::make_shared<GalleryIndex>(m_fallback->filePath(QStringLiteral("gallery.sqlite")));
    }
    m_thumbnails = new ThumbnailCache(locations.thumbnails, this);
    m_model = new GalleryModel(m_index, this);
    m_delegate = new GalleryDelegate(*m_thumbnails, this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("gallerySearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search: words, model:, seed:, rating:>=4, pick:yes, -word"));
    m_search->setToolTip(tr("Words match the prompt; fields: model:, lora:, sampler:, tag:, seed:, steps:, cfg:>7, "
                            "size:512x768, date:2026-11, rating:>=4, pick:yes, reject:no; -term excludes"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("galleryCount"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("galleryMessage"));
    m_message->setStyleSheet(QStringLiteral("color: #d64545;"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true); // a long message (a path, a query) wraps instead of widening the dock
    m_message->hide();

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("galleryView"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setMovement(QListView::Static);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(true);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(500);
    m_view->setSpacing(0);
    m_view->setGridSize(m_delegate->cellSize());
    m_view->setIconSize(QSize(m_delegate->thumbnailSize(), m_delegate->thumbnailSize()));
    m_view->setItemDelegate(m_delegate);
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionRectVisible(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalScrollBar()->setSingleStep(m_delegate->cellSize().height() / 3);
    m_view->setMouseTracking(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setDragEnabled(true); // after setMovement, which turns it off
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this); // its width sets the grid's (fitGrid())

    m_groups = new GalleryGroupModel(m_model, this);
    m_centre = new QWidget(this);
    m_view->setParent(m_centre);
    m_largeView = new LargeImageView(m_centre);
    m_largeView->hide();
    auto* centreLayout = new QVBoxLayout(m_centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_view);
    m_sidebar = new GallerySidebar(m_index, this);
    m_sidebar->hide();
    m_detail = new GalleryDetail(this);
    m_detail->hide();
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("gallerySplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_centre);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    // The grid keeps at least one column of thumbnails; the panes give way first.
    m_centre->setMinimumWidth(m_delegate->cellSize().width() + m_view->verticalScrollBar()->sizeHint().width() + 4);
    // The panes are never narrower than their own buttons (in every language): a fixed minimum alone cut "Save
    // Search" and "Copy Prompt" in half in a narrow dock.
    m_sidebar->setMinimumWidth(std::max(kMinSidebarWidth, m_sidebar->minimumSizeHint().width()));
    m_detail->setMinimumWidth(std::max(kMinDetailWidth, m_detail->minimumSizeHint().width()));
    {
        // The widths the user gave the side bar and the detail pane, kept between sessions.
        const QList<QByteArray> widths = m_settings.windowState(kPaneWidthsKey).split(' ');
        bool okSide = false;
        bool okDetail = false;
        const int side = widths.value(0).toInt(&okSide);
        const int detail = widths.value(1).toInt(&okDetail);
        m_sidebarWidth = okSide && side >= m_sidebar->minimumWidth()
            ? side
            : std::max(kDefaultSidebarWidth, m_sidebar->minimumWidth());
        m_detailWidth = okDetail && detail >= m_detail->minimumWidth()
            ? detail
            : std::max(kDefaultDetailWidth, m_detail->minimumWidth());
    }
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        const QList<int> sizes = m_splitter->sizes();
        if (m_sidebar->isVisible())
            m_sidebarWidth = sizes.value(0);
        if (m_detail->isVisible())
            m_detailWidth = sizes.value(2);
        m_settings.setWindowState(
            kPaneWidthsKey, QByteArray::number(m_sidebarWidth) + ' ' + QByteArray::number(m_detailWidth));
    });

    auto toggle = [this](const char* name, const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setObjectName(QLatin1String(name));
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(true);
        b->setAutoRaise(true);
        return b;
    };
    m_sidebarButton = toggle("gallerySidebarButton", tr("Collections"), tr("Show saved searches and boards"));
    m_detailButton = toggle("galleryDetailButton", tr("Details"), tr("Show everything about the current image (I)"));
    m_groupCombo = new QComboBox(this);
    m_groupCombo->setObjectName(QStringLiteral("galleryGroupCombo"));
    m_groupCombo->addItem(tr("No Grouping"));
    m_groupCombo->addItem(tr("By Day"));
    m_groupCombo->addItem(tr("By Recipe"));
    m_groupCombo->setToolTip(tr("Group the images by day, or stack the variations of one recipe"));
    // The search keeps the whole first line (the dock is often narrow); the view's controls go under it.
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 6, 0);
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 6, 0);
    controls->addWidget(m_sidebarButton);
    controls->addWidget(m_groupCombo);
    controls->addStretch(1);
    controls->addWidget(m_detailButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    m_rescanDelay = new QTimer(this);
    m_rescanDelay->setSingleShot(true);
    m_rescanDelay->setInterval(kRescanDelayMs);
    m_watcher = new QFileSystemWatcher(this);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, m_searchDelay, [this] {
        m_searchDelay->stop();
        setSearchText(m_search->text());
    });
    connect(m_searchDelay, &QTimer::timeout, this, [this] { setSearchText(m_search->text()); });
    connect(m_model, &GalleryModel::queryFailed, this, &GalleryPanel::showMessage);
    connect(m_model, &GalleryModel::writeFailed, this, [this](const QString& text) {
        showMessage(text);
        Q_EMIT message(text);
    });
    connect(m_model, &GalleryModel::searchFinished, this, [this] {
        updateCount();
        if (!m_selectWhenShown.isEmpty() && setCurrentPath(m_selectWhenShown))
            m_selectWhenShown.clear();
        if (!m_view->currentIndex().isValid() && m_view->model()->rowCount() > 0)
            m_view->setCurrentIndex(m_view->model()->index(0, 0));
        m_sidebarDelay->start();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &GalleryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &GalleryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GalleryPanel::updateCount);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, m_thumbnails, &ThumbnailCache::cancelWaiting);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &GalleryPanel::updateLargeView);
    connect(m_model, &GalleryModel::rescanFinished, this, &GalleryPanel::watchFolders);
    connect(m_thumbnails, &ThumbnailCache::ready, this, [this](const QString& path) {
        m_view->viewport()->update();
        if (m_largeView->isVisible() && !m_largeView->isLoaded() && m_largeView->path() == path)
            updateLargeView();
    });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex& index) {
        // A stack or a day header opens or folds; an image is opened.
        if (m_view->model() == m_groups
            && index.data(GalleryGroupModel::KindRole).toInt() != int(GalleryGroupModel::Kind::Image)) {
            const int source = sourceRowOf(index);
            m_groups->toggle(index.row());
            if (const QModelIndex again = viewIndexOf(source); again.isValid())
                m_view->selectionModel()->setCurrentIndex(again, QItemSelectionModel::ClearAndSelect);
            return;
        }
        Q_EMIT imageActivated(index.data(GalleryModel::PathRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &GalleryPanel::updateLargeView);
    m_sidebarDelay = new QTimer(this);
    m_sidebarDelay->setSingleShot(true);
    m_sidebarDelay->setInterval(kSidebarDelayMs);
    connect(m_sidebarDelay, &QTimer::timeout, this, [this] {
        if (m_sidebar->isVisible())
            m_sidebar->refresh();
    });
    connect(m_model, &GalleryModel::rescanFinished, m_sidebarDelay, qOverload<>(&QTimer::start));
    connect(m_sidebarButton, &QToolButton::toggled, this, &GalleryPanel::setSidebarShown);
    connect(m_detailButton, &QToolButton::toggled, this, &GalleryPanel::setDetailShown);
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, &GalleryPanel::setGrouping);
    connect(m_sidebar, &GallerySidebar::querySelected, this, &GalleryPanel::setSearchText);
    connect(m_sidebar, &GallerySidebar::saveSearchRequested, this, &GalleryPanel::saveCurrentSearch);
    connect(m_sidebar, &GallerySidebar::boardRemovalRequested, this, &GalleryPanel::removeBoard);
    connect(m_detail, &GalleryDetail::lineageRequested, this, &GalleryPanel::showLineage);
    connect(m_view, &QListView::customContextMenuRequested, this, &GalleryPanel::showContextMenu);
    connect(m_largeView, &LargeImageView::closeRequested, this, [this] { setLargeViewShown(false); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_rescanDelay, qOverload<>(&QTimer::start));
    connect(m_rescanDelay, &QTimer::timeout, this, &GalleryPanel::rescan);
    connect(&m_settings, &Settings::changed, this, [this](const QString& key) {
        if (key != QLatin1String("folders/output"))
            return;
        addOutputFolder();
        rescan();
    });

    if (!problem.isEmpty())
        showMessage(problem);
    // What the index already knows shows at once; the rescan then brings in what changed while Easel was closed.
    addOutputFolder();
    m_model->setQuery({});
    rescan();
    watchFolders();
}

GalleryPanel::~GalleryPanel()
{
    delete m_view; // before the model and the delegate it uses
    m_view = nullptr;
    delete m_model; // waits for its writes, before the index's fallback folder goes
    m_model = nullptr;
}

void GalleryPanel::addOutputFolder()
{
    const QString dir = m_settings.outputDir();
    if (!QDir().mkpath(dir)) {
        showMessage(tr("Cannot create the output folder %1").arg(nativeName(dir)));
        return;
    }
    try {
        m_index->addFolder(dir);
    } catch (const std::exception& e) {
        showMessage(QString::fromUtf8(e.what()));
    }
}

void GalleryPanel::rescan()
{
    m_rescanDelay->stop();
    m_model->rescan();
}

void GalleryPanel::watchFolders()
{
    const quint64 serial = ++m_folderListing;
    auto* listing = new QFutureWatcher<QStringList>(this);
    connect(listing, &QFutureWatcher<QStringList>::finished, this, [this, listing, serial] {
        listing->deleteLater();
        if (serial != m_folderListing)
            return;
        const QStringList wanted = listing->result();
        const QStringList watched = m_watcher->directories();
        QStringList gone;
        for (const QString& dir : watched) {
            if (!wanted.contains(dir))
                gone << dir;
        }
        if (!gone.isEmpty())
            m_watcher->removePaths(gone);
        QStringList added;
        for (const QString& dir : wanted) {
            if (!watched.contains(dir))
                added << dir;
        }
        if (!added.isEmpty())
            m_watcher->addPaths(added);
    });
    listing->setFuture(QtConcurrent::run(listFolders, m_index->folders()));
}

QStringList GalleryPanel::watchedFolders() const { return m_watcher->directories(); }

void GalleryPanel::addImage(const QString& path) { m_model->addFile(QFileInfo(path).absoluteFilePath()); }

void GalleryPanel::setSearchText(const QString& text)
{
    if (m_search->text() != text) {
        const QSignalBlocker block(m_search);
        m_search->setText(text);
    }
    m_searchDelay->stop();
    m_message->hide();
    m_model->setQuery(text);
}

void GalleryPanel::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setToolTip(text);
    m_message->setVisible(!text.isEmpty());
}

void GalleryPanel::updateCount()
{
    const int n = m_model->rowCount();
    m_count->setText((m_model->query().isEmpty() ? tr("Images: %1") : tr("Found: %1")).arg(n));
}

QString GalleryPanel::currentPath() const
{
    const int row = sourceRowOf(m_view->currentIndex());
    return row >= 0 ? m_model->entryAt(row).path : QString();
}

bool GalleryPanel::setCurrentPath(const QString& path)
{
    const int row = m_model->rowOf(path);
    if (row < 0)
        return false;
    const QModelIndex index = viewIndexOf(row);
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
    return true;
}

QModelIndex GalleryPanel::viewIndexOf(int sourceRow) const
{
    if (sourceRow < 0)
        return {};
    if (m_view->model() != m_groups)
        return m_model->index(sourceRow);
    const int row = m_groups->rowOfSource(sourceRow);
    return row < 0 ? QModelIndex() : m_groups->index(row);
}

int GalleryPanel::sourceRowOf(const QModelIndex& viewIndex) const
{
    if (!viewIndex.isValid())
        return -1;
    return m_view->model() == m_groups ? m_groups->sourceRow(viewIndex.row()) : viewIndex.row();
}

QList<int> GalleryPanel::selectedRows() const
{
    QList<int> rows;
    const bool grouped = m_view->model() == m_groups;
    auto add = [&](const QModelIndex& index) {
        if (grouped)
            rows << m_groups->sourceRows(index.row()); // a folded stack: all of its images
        else
            rows << index.row();
    };
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
        add(index);
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        add(m_view->currentIndex());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    rows.removeAll(-1);
    return rows;
}

QStringList GalleryPanel::selectedPaths() const
{
    QStringList paths;
    for (int row : selectedRows())
        paths << m_model->entryAt(row).path;
    return paths;
}

void GalleryPanel::rateSelected(int rating)
{
    for (int row : selectedRows())
        m_model->setRating(row, rating);
}

void GalleryPanel::togglePickSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const bool pick = !current.data(GalleryModel::PickRole).toBool();
    for (int row : selectedRows())
        m_model->setFlags(row, pick, false);
}

void GalleryPanel::toggleRejectSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const bool reject = !current.data(GalleryModel::RejectRole).toBool();
    for (int row : selectedRows())
        m_model->setFlags(row, m_model->entryAt(row).pick && !reject, reject);
}

bool GalleryPanel::trashSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return false;
    QStringList paths;
    for (int row : rows)
        paths << m_model->entryAt(row).path;
    return trashPaths(paths, rows.first());
}

bool GalleryPanel::trashRejects()
{
    QStringList paths;
    int firstRow = -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->entryAt(row).reject) {
            paths << m_model->entryAt(row).path;
            if (firstRow < 0)
                firstRow = row;
        }
    }
    if (paths.isEmpty()) {
        showMessage(tr("No rejected images here (X marks an image as rejected)"));
        return false;
    }
    if (!trashPaths(paths, firstRow))
        return false;
    const QString text
        = tr("Moved %n rejected image(s) to the trash; Ctrl+Z brings them back", nullptr, int(paths.size()));
    showMessage(text);
    Q_EMIT message(text);
    return true;
}

bool GalleryPanel::trashPaths(const QStringList& paths, int firstRow)
{
    QList<Trashed> batch;
    for (const QString& path : std::as_const(paths)) {
        QFile file(path);
        if (!file.exists()) { // already gone behind Easel's back
            m_model->forget(path);
            continue;
        }
        if (!file.moveToTrash()) {
            const QString text
                = tr("Cannot move %1 to the trash (%2); it was not deleted").arg(nativeName(path), file.errorString());
            showMessage(text);
            Q_EMIT message(text);
            continue;
        }
        batch << Trashed { path, file.fileName() };
        m_model->forget(path);
    }
    if (batch.isEmpty())
        return false;
    const bool had = canUndoTrash();
    m_trashed << batch;
    if (!had)
        Q_EMIT undoTrashAvailable(true);
    // Culling goes on with the image that took the first one's place.
    if (m_model->rowCount() > 0) {
        const QModelIndex next = viewIndexOf(std::min(firstRow, m_model->rowCount() - 1));
        m_view->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect);
    } else if (m_largeView->isVisible()) {
        setLargeViewShown(false);
    }
    return true;
}

bool GalleryPanel::undoTrash()
{
    if (m_trashed.isEmpty())
        return false;
    const QList<Trashed> batch = m_trashed.takeLast();
    if (m_trashed.isEmpty())
        Q_EMIT undoTrashAvailable(false);
    QString first;
    for (const Trashed& t : batch) {
        QString problem;
        if (QFileInfo::exists(t.original)) {
            problem = tr("%1 exists again, so its copy stays in the trash").arg(nativeName(t.original));
        } else {
            QDir().mkpath(QFileInfo(t.original).absolutePath());
            QFile file(t.trashPath);
            if (!file.rename(t.original))
                problem
                    = tr("Cannot bring %1 back from the trash (%2)").arg(nativeName(t.original), file.errorString());
        }
        if (!problem.isEmpty()) {
            showMessage(problem);
            Q_EMIT message(problem);
            continue;
        }
        forgetTrashInfo(t.trashPath);
        m_model->addFile(t.original);
        if (first.isEmpty())
            first = t.original;
    }
    if (first.isEmpty())
        return false;
    m_selectWhenShown = first;
    return true;
}

void GalleryPanel::setLargeViewShown(bool shown)
{
    if (shown && !m_view->currentIndex().isValid())
        shown = false;
    if (!shown) {
        m_largeView->hide();
        m_largeView->clear();
        return;
    }
    m_largeView->setGeometry(m_view->geometry());
    m_largeView->show();
    m_largeView->raise();
    updateLargeView();
}

void GalleryPanel::toggleLargeView() { setLargeViewShown(!m_largeView->isVisible()); }

void GalleryPanel::updateLargeView()
{
    const int row = sourceRowOf(m_view->currentIndex());
    if (m_detail->isVisible())
        m_detail->showImage(row >= 0 ? m_model->entryAt(row).path : QString());
    if (!m_largeView->isVisible())
        return;
    if (row < 0) {
        setLargeViewShown(false);
        return;
    }
    const GalleryEntry& e = m_model->entryAt(row);
    QStringList facts;
    if (e.rating > 0)
        facts << QString(e.rating, QChar(0x2605));
    if (e.pick)
        facts << tr("picked");
    if (e.reject)
        facts << tr("rejected");
    if (!e.model.isEmpty())
        facts << e.model;
    if (e.seed)
        facts << tr("seed %1").arg(*e.seed);
    if (e.width > 0)
        facts << QStringLiteral("%1\u00d7%2").arg(e.width).arg(e.height);
    facts << QFileInfo(e.path).fileName();
    const QPixmap standIn = m_thumbnails->cached({ e.path, e.size, e.mtimeMs });
    m_largeView->showImage(e.path, standIn, facts.join(QStringLiteral("  \u00b7  ")));
}

std::optional<ImageRecipe> GalleryPanel::currentRecipe()
{
    const QString path = currentPath();
    if (path.isEmpty())
        return std::nullopt;
    QString problem;
    try {
        const ImageMetadata metadata = ImageMetadata::read(path);
        if (metadata.recipe) {
            ImageRecipe recipe = *metadata.recipe;
            // The image's own recipe: its seed alone, as "any image of a batch can be made again alone".
            recipe.batchSize = 1;
            recipe.batchCount = 1;
            recipe.batchIndex = 0;
            return recipe;
        }
        problem = tr("%1 holds no recipe Easel can read").arg(nativeName(path));
    } catch (const std::exception& e) {
        problem = QString::fromUtf8(e.what());
    }
    showMessage(problem);
    Q_EMIT message(problem);
    return std::nullopt;
}

void GalleryPanel::reuseCurrent()
{
    if (const auto recipe = currentRecipe())
        Q_EMIT reuseRequested(*recipe);
}

void GalleryPanel::regenerateCurrent(bool sameSeed)
{
    const auto recipe = currentRecipe();
    if (!recipe)
        return;
    Q_EMIT regenerateRequested(*recipe, sameSeed);
    const QString recorded = recipe->modelSha256.isEmpty() ? recipe->modelHashShort : recipe->modelSha256;
    if (!sameSeed || recipe->model.isEmpty() || recorded.isEmpty())
        return;
    // The same seed gives the same pixels only with the same model file: check it off the GUI thread (a checkpoint
    // is hashed once, then the hash cache answers) and say so here when it changed.
    const quint64 serial = ++m_hashCheck;
    auto* watcher = new QFutureWatcher<ModelCheck>(this);
    connect(watcher, &QFutureWatcher<ModelCheck>::finished, this, [this, watcher, serial, recorded] {
        watcher->deleteLater();
        if (serial != m_hashCheck)
            return;
        const ModelCheck c = watcher->result();
        QString text;
        if (c.now.isEmpty())
            text = tr("The model %1 cannot be read (%2): the image cannot be made again as it was")
                       .arg(nativeName(c.file), c.problem);
        else if (!c.now.startsWith(recorded.toLower()))
            text = tr("The model %1 is not the file this image was made with (its hash is %2, the image's %3): the "
                      "same seed will not give the same image")
                       .arg(nativeName(c.file), c.now.left(10), recorded.left(10).toLower());
        if (text.isEmpty())
            return;
        showMessage(text);
        Q_EMIT message(text);
    });
    watcher->setFuture(QtConcurrent::run([file = recipe->model] {
        ModelCheck c;
        c.file = file;
        FileHash hashes(paths::cacheDir());
        if (const auto sha = hashes.sha256(file, &c.problem))
            c.now = sha->toLower();
        return c;
    }));
}

void GalleryPanel::varyCurrent(int kind, int count, double step)
{
    const auto recipe = currentRecipe();
    if (!recipe)
        return;
    const QList<ImageRecipe> recipes = Variations::of(*recipe, Variations::Kind(kind), count, step);
    for (const ImageRecipe& r : recipes)
        Q_EMIT regenerateRequested(r, true);
    if (!recipes.isEmpty())
        Q_EMIT message(tr("Queued %n variation(s)", nullptr, int(recipes.size())));
}

GalleryCompare* GalleryPanel::compareWindow() const
{
    return findChild<GalleryCompare*>(QStringLiteral("galleryCompare"));
}

QString GalleryPanel::messageText() const { return m_message->isVisible() ? m_message->text() : QString(); }

GalleryCompare* GalleryPanel::compareSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() < 2) {
        showMessage(tr("Select two or more images to compare (Ctrl+click or Shift+click)"));
        return nullptr;
    }
    if (GalleryCompare* old = compareWindow())
        old->close();
    auto* compare = new GalleryCompare(paths, this);
    compare->setWindowFlag(Qt::Window);
    compare->show();
    return compare;
}

void GalleryPanel::setDetailShown(bool shown)
{
    {
        const QSignalBlocker block(m_detailButton);
        m_detailButton->setChecked(shown);
    }
    m_detail->setVisible(shown);
    layoutPanes();
    updateLargeView();
}

void GalleryPanel::layoutPanes()
{
    // A pane that appears takes its remembered width from the grid, never more than leaves the grid its minimum
    // (QSplitter alone would give it its size hint: a long recipe line squeezed the grid to nothing).
    const QList<int> now = m_splitter->sizes();
    int total = 0;
    for (int size : now)
        total += size;
    if (total <= 0)
        total = m_splitter->width();
    const int handles = m_splitter->handleWidth() * 2;
    const int room = std::max(0, total - m_centre->minimumWidth() - handles);
    int side = m_sidebar->isVisible() ? m_sidebarWidth : 0;
    int detail = m_detail->isVisible() ? m_detailWidth : 0;
    if (side + detail > room) {
        // Too narrow for both as wished: the detail gives way to its minimum first, then the side bar.
        detail = m_detail->isVisible() ? std::max(m_detail->minimumWidth(), room - side) : 0;
        if (side + detail > room && m_sidebar->isVisible())
            side = std::max(m_sidebar->minimumWidth(), room - detail);
    }
    m_splitter->setSizes({ side, std::max(m_centre->minimumWidth(), total - side - detail), detail });
}

void GalleryPanel::setSidebarShown(bool shown)
{
    {
        const QSignalBlocker block(m_sidebarButton);
        m_sidebarButton->setChecked(shown);
    }
    m_sidebar->setVisible(shown);
    layoutPanes();
    if (shown) {
        m_sidebar->setCurrentQuery(m_model->query());
        m_sidebar->refresh();
    }
}

void GalleryPanel::setBoardOfSelected(const QString& board, bool on)
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty() || board.isEmpty())
        return;
    m_sidebar->addBoard(board);
    m_model->setBoard(paths, board, on, [this] { m_sidebarDelay->start(); });
}

void GalleryPanel::removeBoard(const QString& board)
{
    if (board.isEmpty())
        return;
    // The images first: the side bar lists again any board it still finds on an image. A file that cannot be
    // written keeps the board (writeFailed says which), so the board comes back to the list with that image.
    const QString shown = GalleryCollections::boardQuery(board);
    m_model->clearBoard(board, [this, board, shown] {
        m_sidebar->removeBoard(board);
        if (m_model->query() == shown)
            setSearchText(QString());
    });
}

void GalleryPanel::saveCurrentSearch()
{
    const QString query = m_model->query();
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save Search"), tr("Name of the collection for \"%1\":").arg(query), QLineEdit::Normal, query, &ok);
    if (ok && !name.trimmed().isEmpty()) {
        setSidebarShown(true);
        m_sidebar->saveSearch(name, query);
    }
}

void GalleryPanel::setGrouping(int grouping)
{
    const QString current = currentPath();
    {
        const QSignalBlocker block(m_groupCombo);
        m_groupCombo->setCurrentIndex(std::clamp(grouping, 0, 2));
    }
    m_groups->setGrouping(GalleryGroupModel::Grouping(std::clamp(grouping, 0, 2)));
    QAbstractItemModel* wanted = grouping == 0 ? static_cast<QAbstractItemModel*>(m_model) : m_groups;
    if (m_view->model() != wanted) {
        QItemSelectionModel* old = m_view->selectionModel();
        m_view->setModel(wanted);
        delete old;
        connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &GalleryPanel::updateLargeView);
    }
    if (!current.isEmpty())
        setCurrentPath(current);
}

void GalleryPanel::showLineage(const QString& nameOrPath)
{
    // Image tools record their sources by file name; img2img by path.
    QString path = QFileInfo(nameOrPath).isAbsolute() ? nameOrPath : QString();
    if (path.isEmpty()) {
        const QString suffix = QLatin1Char('/') + nameOrPath;
        for (int row = 0; row < m_model->rowCount() && path.isEmpty(); ++row) {
            if (m_model->entryAt(row).path.endsWith(suffix))
                path = m_model->entryAt(row).path;
        }
        if (path.isEmpty() && !currentPath().isEmpty())
            path = QFileInfo(currentPath()).dir().filePath(nameOrPath);
    }
    if (setCurrentPath(path))
        return;
    if (QFileInfo::exists(path)) {
        Q_EMIT imageActivated(path); // not shown by this search: open it
        return;
    }
    showMessage(tr("%1 is not in the gallery").arg(nativeName(nameOrPath)));
}

void GalleryPanel::copyPrompt()
{
    const int row = sourceRowOf(m_view->currentIndex());
    if (row >= 0)
        QGuiApplication::clipboard()->setText(m_model->entryAt(row).prompt);
}

void GalleryPanel::copySeed()
{
    const QVariant seed = m_view->currentIndex().data(GalleryModel::SeedRole);
    if (seed.isValid())
        QGuiApplication::clipboard()->setText(QString::number(seed.toLongLong()));
}

void GalleryPanel::openContainingFolder()
{
    const QString path = currentPath();
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

void GalleryPanel::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    if (!m_view->selectionModel()->isSelected(index))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    else
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    const int sourceRow = sourceRowOf(index);
    if (sourceRow < 0)
        return;
    const GalleryEntry& e = m_model->entryAt(sourceRow);
    const bool hasRecipe = e.source != QLatin1String("unreadable") && e.source != QLatin1String("none");

    QMenu menu(this);
    auto add = [&](const char* name, const QString& text, auto slot, bool enabled = true) {
        QAction* action = menu.addAction(text, this, slot);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(enabled);
        return action;
    };
    add("galleryReuseAction", tr("Reuse"), &GalleryPanel::reuseCurrent, hasRecipe)
        ->setToolTip(tr("Fill the recipe panel with this image's recipe"));
    add(
        "galleryRegenerateSameAction", tr("Regenerate (same seed)"), [this] { regenerateCurrent(true); }, hasRecipe);
    add(
        "galleryRegenerateNewAction", tr("Regenerate (new seed)"), [this] { regenerateCurrent(false); }, hasRecipe);
    QMenu* vary = menu.addMenu(tr("Vary"));
    vary->setObjectName(QStringLiteral("galleryVaryMenu"));
    vary->setEnabled(hasRecipe);
    auto addVary = [&](const char* name, const QString& text, int kind, int count, double step) {
        vary->addAction(text, this, [this, kind, count, step] { varyCurrent(kind, count, step); })
            ->setObjectName(QLatin1String(name));
    };
    addVary("galleryVarySeeds4Action", tr("Next 4 Seeds"), int(Variations::Kind::Seeds), 4, 1);
    addVary("galleryVarySeeds8Action", tr("Next 8 Seeds"), int(Variations::Kind::Seeds), 8, 1);
    addVary("galleryVaryGuidanceAction", tr("Guidance Sweep (−2 to +2)"), int(Variations::Kind::Guidance), 4, 1);
    addVary("galleryVaryStepsAction", tr("Steps Sweep (−10 to +10)"), int(Variations::Kind::Steps), 4, 5);
    menu.addSeparator();
    add(
        "galleryCompareAction", tr("Compare"), [this] { compareSelected(); }, selectedRows().size() >= 2)
        ->setShortcut(QKeySequence(Qt::Key_C));
    add("galleryDetailAction", tr("Details"), [this] { setDetailShown(true); })->setShortcut(QKeySequence(Qt::Key_I));
    QMenu* boards = menu.addMenu(tr("Boards"));
    boards->setObjectName(QStringLiteral("galleryBoardsMenu"));
    for (const QString& board : m_sidebar->boards()) {
        QAction* a = boards->addAction(board);
        a->setCheckable(true);
        a->setChecked(e.boards.contains(board));
        connect(a, &QAction::toggled, this, [this, board](bool on) { setBoardOfSelected(board, on); });
    }
    if (!boards->isEmpty())
        boards->addSeparator();
    boards->addAction(tr("New Board…"), this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("New Board"), tr("Name of the board:"), QLineEdit::Normal, {}, &ok);
        if (ok && m_sidebar->addBoard(name))
            setBoardOfSelected(name.trimmed(), true);
    });
    menu.addSeparator();
    add("galleryOpenFolderAction", tr("Open Containing Folder"), &GalleryPanel::openContainingFolder);
    add("galleryCopyPromptAction", tr("Copy Prompt"), &GalleryPanel::copyPrompt, !e.prompt.isEmpty());
    add("galleryCopySeedAction", tr("Copy Seed"), &GalleryPanel::copySeed, e.seed.has_value());
    menu.addSeparator();
    add("galleryTrashAction", tr("Move to Trash"), &GalleryPanel::trashSelected)
        ->setShortcut(QKeySequence(Qt::Key_Delete));
    add("galleryTrashRejectsAction", tr("Delete Rejects"), &GalleryPanel::trashRejects)
        ->setToolTip(tr("Move every rejected image shown to the trash (Ctrl+Z brings them back)"));
    if (canUndoTrash())
        add("galleryUndoTrashAction", tr("Undo Move to Trash"), &GalleryPanel::undoTrash)
            ->setShortcut(QKeySequence::Undo);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void GalleryPanel::fitGrid()
{
    // As many whole cells as fit in a row, each as wide as the row shared among them: the spare width is spread
    // between the columns instead of left as a margin on the right.
    // QListView lays a wrapping grid out in the viewport less a scroll bar's width while its scroll bar is hidden
    // (so that showing it never rewraps the rows), and wraps a cell that would reach the last pixel.
    const QSize cell = m_delegate->cellSize();
    const QScrollBar* bar = m_view->verticalScrollBar();
    const int width = m_view->viewport()->width() - 1
        - (bar->isVisible() ? 0 : m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, bar));
    const int columns = std::max(1, width / cell.width());
    const QSize grid(std::max(cell.width(), width / columns), cell.height());
    if (m_view->gridSize() != grid)
        m_view->setGridSize(grid);
}

bool GalleryPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitGrid();
    if (watched != m_view)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::ShortcutOverride: // the grid's keys win over the window's shortcuts while it has the focus
        if (isCullingKey(static_cast<QKeyEvent*>(event))) {
            event->accept();
            return true;
        }
        break;
    case QEvent::KeyPress: {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (!isCullingKey(key)) {
            if (key->key() == Qt::Key_Escape && m_largeView->isVisible()) {
                setLargeViewShown(false);
                return true;
            }
            break;
        }
        if (key->matches(QKeySequence::Undo)) {
            undoTrash();
            return true;
        }
        switch (key->key()) {
        case Qt::Key_P:
            togglePickSelected();
            break;
        case Qt::Key_X:
            toggleRejectSelected();
            break;
        case Qt::Key_Space:
            toggleLargeView();
            break;
        case Qt::Key_Delete:
        case Qt::Key_Backspace:
            trashSelected();
            break;
        case Qt::Key_I:
            setDetailShown(!m_detail->isVisible());
            break;
        case Qt::Key_C:
            compareSelected();
            break;
        default:
            rateSelected(key->key() - Qt::Key_0);
            break;
        }
        return true;
    }
    case QEvent::Resize: {
        // Thumbnails in memory: at least four screens' worth, so the screen shown is never evicted by itself.
        const QSize grid = m_view->gridSize();
        const QSize area = static_cast<QResizeEvent*>(event)->size();
        const qint64 cells
            = qint64(area.width() / std::max(1, grid.width()) + 1) * (area.height() / std::max(1, grid.height()) + 2);
        const qint64 perThumbnail = qint64(ThumbnailCache::Side) * ThumbnailCache::Side * 4;
        m_thumbnails->setMemoryBudget(std::max(ThumbnailCache::DefaultBudget, 4 * cells * perThumbnail));
        if (m_largeView->isVisible())
            m_largeView->setGeometry(m_view->geometry());
        break;
    }
    case QEvent::Move:
        if (m_largeView->isVisible())
            m_largeView->setGeometry(m_view->geometry());
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace easel
