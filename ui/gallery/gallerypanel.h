// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QList>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QFileSystemWatcher;
class QSplitter;
class QToolButton;
class QLabel;
class QLineEdit;
class QListView;
class QTemporaryDir;
class QModelIndex;
class QTimer;

namespace easel {

class GalleryCompare;
class GalleryDelegate;
class GalleryDetail;
class GalleryGroupModel;
class GalleryIndex;
class GallerySidebar;
class GalleryModel;
class LargeImageView;
class Settings;
class ThumbnailCache;

/**
 * The gallery in the window: a search field and a grid of thumbnails of every image under the gallery folders
 * (the output folder from Settings is added on start), newest first.
 *
 * Culling on the grid: 1-5 rate, 0 clears, P pick, X reject (both toggle), arrows move, Space toggles a large
 * view of the current image, Delete moves the selected files to the system trash (never a permanent delete) and
 * Ctrl+Z brings the last ones back from it. Ratings and flags go into the PNG and the index (see GalleryIndex).
 * The folders are watched: files that appear, change or disappear behind Easel's back come and go after a
 * short, cheap rescan; a rescan also runs on start.
 *
 * Beside the grid: a side bar of live collections (saved searches, boards), a detail pane (I) with the full recipe,
 * quality, lineage and file facts, and Compare (C) for two or more selected images. The grid can group images by
 * day or stack the variations of one recipe (GalleryGroupModel). Delete Rejects moves every rejected image shown to
 * the trash in one step (one Ctrl+Z brings them all back). Vary queues seed + 1 ... + n or a sweep of guidance or
 * steps around the current image's recipe; Regenerate with the same seed first checks that the model file is still
 * the one the image was made with and says so in the gallery when its hash differs.
 */
class GalleryPanel : public QWidget {
    Q_OBJECT
public:
    /// Where the panel keeps its data; empty members: the defaults (GalleryIndex::defaultPath(),
    /// ThumbnailCache::defaultDirectory()).
    struct Locations {
        QString database;
        QString thumbnails;
    };

    explicit GalleryPanel(Settings& settings, QWidget* parent = nullptr);
    GalleryPanel(Settings& settings, const Locations& locations, QWidget* parent = nullptr);
    ~GalleryPanel() override;

    GalleryModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    ThumbnailCache* thumbnails() const { return m_thumbnails; }
    LargeImageView* largeView() const { return m_largeView; }
    GalleryDetail* detail() const { return m_detail; }
    GallerySidebar* sidebar() const { return m_sidebar; }
    GalleryGroupModel* groups() const { return m_groups; }
    /// The compare window open now, or null.
    GalleryCompare* compareWindow() const;
    /// The message line's text (empty when hidden).
    QString messageText() const;
    /// The folders being watched (the gallery folders and the folders under them).
    QStringList watchedFolders() const;

    /// The current image's path; empty when none.
    QString currentPath() const;
    /// Makes \a path the current image (when it is shown) and selects it.
    bool setCurrentPath(const QString& path);
    /// The selected images, in row order.
    QStringList selectedPaths() const;
    /// Whether a Ctrl+Z would bring files back from the trash.
    bool canUndoTrash() const { return !m_trashed.isEmpty(); }

public Q_SLOTS:
    /// Brings the index in step with the files now (the watcher does it by itself).
    void rescan();
    /// Indexes a file Easel just wrote (JobQueue::imageSaved), so it shows without waiting for the watcher.
    void addImage(const QString& path);
    void setSearchText(const QString& text);

    /// Rates the selected images 0-5.
    void rateSelected(int rating);
    /// Toggles the pick / the reject flag of the selected images (the current image decides on or off).
    void togglePickSelected();
    void toggleRejectSelected();
    /// Moves the selected files to the trash and removes their rows; false when none could be moved.
    bool trashSelected();
    /// Moves every rejected image shown to the trash as one batch (one undoTrash() brings them all back); false
    /// when there was none.
    bool trashRejects();
    /// Brings back the files of the last trashSelected() and indexes them again; false when there is nothing to
    /// undo or no file could come back (message()).
    bool undoTrash();
    void setLargeViewShown(bool shown);
    void toggleLargeView();

    /// The current image's recipe goes out through reuseRequested / regenerateRequested.
    void reuseCurrent();
    void regenerateCurrent(bool sameSeed);
    /// Queues variations of the current image's recipe (Variations::of): seeds +1..+count, or a sweep of guidance
    /// or steps \a step apart.
    void varyCurrent(int kind, int count, double step);
    /// Opens Compare on the selected images (two or more).
    GalleryCompare* compareSelected();
    void setDetailShown(bool shown);
    void setSidebarShown(bool shown);
    /// Puts the selected images on \a board (creating it) or takes them off.
    void setBoardOfSelected(const QString& board, bool on);
    /// Removes board \a board: takes it off every image (each PNG's easel:boards chunk, written atomically, and the
    /// index), then out of the side bar. Like rating, it has no undo (only trashing files does).
    void removeBoard(const QString& board);
    /// Asks for a name and saves the current search in the side bar.
    void saveCurrentSearch();
    /// 0: no grouping, 1: by day, 2: by recipe (GalleryGroupModel::Grouping).
    void setGrouping(int grouping);
    void copyPrompt();
    void copySeed();
    void openContainingFolder();

Q_SIGNALS:
    /// Fill the recipe panel with this recipe (the image's own seed, batch of one).
    void reuseRequested(const easel::ImageRecipe& recipe);
    /// Queue this recipe again; with sameSeed the image's own seed, else the window draws a new one.
    void regenerateRequested(const easel::ImageRecipe& recipe, bool sameSeed);
    /// The user opened an image (double click or Enter).
    void imageActivated(const QString& path);
    /// One line for the window's message bar: a file could not be moved, rated or brought back.
    void message(const QString& text);
    /// canUndoTrash() changed.
    void undoTrashAvailable(bool available);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addOutputFolder();
    void watchFolders();
    /// Gives the visible side bar and detail pane their widths (remembered, within what the grid can spare).
    void layoutPanes();
    /// Widens the grid's cells so that the view's width is shared evenly among the columns that fit.
    void fitGrid();
    void showContextMenu(const QPoint& position);
    QModelIndex viewIndexOf(int sourceRow) const;
    int sourceRowOf(const QModelIndex& viewIndex) const;
    bool trashPaths(const QStringList& paths, int firstRow);
    void showLineage(const QString& nameOrPath);
    void showMessage(const QString& text);
    void updateCount();
    void updateLargeView();
    std::optional<ImageRecipe> currentRecipe();
    QList<int> selectedRows() const;

    struct Trashed {
        QString original;
        QString trashPath;
    };

    Settings& m_settings;
    std::unique_ptr<QTemporaryDir> m_fallback; ///< holds the index when the real one cannot be opened
    std::shared_ptr<GalleryIndex> m_index;
    ThumbnailCache* m_thumbnails = nullptr;
    GalleryModel* m_model = nullptr;
    GalleryDelegate* m_delegate = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_message = nullptr;
    QListView* m_view = nullptr;
    LargeImageView* m_largeView = nullptr;
    GalleryGroupModel* m_groups = nullptr;
    GalleryDetail* m_detail = nullptr;
    GallerySidebar* m_sidebar = nullptr;
    QSplitter* m_splitter = nullptr; ///< objectName "gallerySplitter": side bar | grid | detail
    static constexpr int kMinSidebarWidth = 140;
    static constexpr int kDefaultSidebarWidth = 200;
    static constexpr int kMinDetailWidth = 220;
    static constexpr int kDefaultDetailWidth = 320;
    static inline const QString kPaneWidthsKey = QStringLiteral("galleryPaneWidths");
    int m_sidebarWidth = kDefaultSidebarWidth;
    int m_detailWidth = kDefaultDetailWidth;
    QWidget* m_centre = nullptr;
    QToolButton* m_sidebarButton = nullptr;
    QToolButton* m_detailButton = nullptr;
    QComboBox* m_groupCombo = nullptr;
    QTimer* m_sidebarDelay = nullptr;
    quint64 m_hashCheck = 0;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_searchDelay = nullptr;
    QTimer* m_rescanDelay = nullptr;
    QList<QList<Trashed>> m_trashed; ///< batches, the last one undone first
    QString m_selectWhenShown; ///< a path to make current once a search brings its row
    quint64 m_folderListing = 0; ///< latest background listing of the watched folders
};

} // namespace easel
