// SPDX-License-Identifier: MIT
#include "gallery/gallerypanel.h"

#include "gallery/gallerydelegate.h"
#include "gallery/galleryindex.h"
#include "gallery/gallerymodel.h"
#include "gallery/imagemetadata.h"
#include "gallery/largeimageview.h"
#include "gallery/thumbnailcache.h"
#include "settings/settings.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace easel {

namespace {

    constexpr int kSearchDelayMs = 250;
    constexpr int kRescanDelayMs = 400; ///< a burst of file events (a batch being written) makes one rescan
    constexpr int kMaxWatchedFolders = 1000;

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
            return true;
        default:
            return false;
        }
    }

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

    m_largeView = new LargeImageView(this);
    m_largeView->hide();

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 6, 0);
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

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
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_model->index(0));
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
    connect(m_view, &QListView::activated, this,
        [this](const QModelIndex& index) { Q_EMIT imageActivated(index.data(GalleryModel::PathRole).toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &GalleryPanel::updateLargeView);
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
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(GalleryModel::PathRole).toString() : QString();
}

bool GalleryPanel::setCurrentPath(const QString& path)
{
    const int row = m_model->rowOf(path);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
    return true;
}

QList<int> GalleryPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    std::sort(rows.begin(), rows.end());
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
    const int firstRow = rows.first();
    QStringList paths;
    for (int row : rows)
        paths << m_model->entryAt(row).path;
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
        const QModelIndex next = m_model->index(std::min(firstRow, m_model->rowCount() - 1));
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
    if (!m_largeView->isVisible())
        return;
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        setLargeViewShown(false);
        return;
    }
    const GalleryEntry& e = m_model->entryAt(index.row());
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
    if (const auto recipe = currentRecipe())
        Q_EMIT regenerateRequested(*recipe, sameSeed);
}

void GalleryPanel::copyPrompt()
{
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(index.data(GalleryModel::PromptRole).toString());
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
    const GalleryEntry& e = m_model->entryAt(index.row());
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
    menu.addSeparator();
    add("galleryOpenFolderAction", tr("Open Containing Folder"), &GalleryPanel::openContainingFolder);
    add("galleryCopyPromptAction", tr("Copy Prompt"), &GalleryPanel::copyPrompt, !e.prompt.isEmpty());
    add("galleryCopySeedAction", tr("Copy Seed"), &GalleryPanel::copySeed, e.seed.has_value());
    menu.addSeparator();
    add("galleryTrashAction", tr("Move to Trash"), &GalleryPanel::trashSelected)
        ->setShortcut(QKeySequence(Qt::Key_Delete));
    if (canUndoTrash())
        add("galleryUndoTrashAction", tr("Undo Move to Trash"), &GalleryPanel::undoTrash)
            ->setShortcut(QKeySequence::Undo);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

bool GalleryPanel::eventFilter(QObject* watched, QEvent* event)
{
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
