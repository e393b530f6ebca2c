// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <memory>

class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace easel {

class GalleryCollections;
class GalleryIndex;

/**
 * The gallery's side bar (objectName "gallerySidebar"): live collections. "All images", Picks and Rejects, the
 * saved searches (each a name for a query: a click shows what matches it now) and the boards (user collections
 * an image can be on several of). Counts are read off the GUI thread. Saved searches and boards are kept by
 * GalleryCollections; the boards of the images (GalleryIndex::boards()) are added to them after a rebuild.
 */
class GallerySidebar : public QWidget {
    Q_OBJECT
public:
    GallerySidebar(std::shared_ptr<GalleryIndex> index, QWidget* parent = nullptr);
    ~GallerySidebar() override;

    GalleryCollections& collections() const { return *m_collections; }
    QTreeWidget* tree() const { return m_tree; }
    QStringList boards() const;

    /// Saves \a query as \a name (replacing a search of that name) and lists it.
    void saveSearch(const QString& name, const QString& query);
    void removeSearch(const QString& name);
    /// Adds an empty board (a name without '|' or '"'); false when it is not a valid new name.
    bool addBoard(const QString& name);
    /// Drops \a name from the list of boards. The images on it keep it (and a refresh lists it again): removing a
    /// board for good is GalleryPanel::removeBoard, which takes it off every image first (boardRemovalRequested).
    void removeBoard(const QString& name);
    /// Marks the item whose query is \a query (none when no item has it).
    void setCurrentQuery(const QString& query);

public Q_SLOTS:
    /// Reads the boards found on images and every count again (after a rescan or a change).
    void refresh();

Q_SIGNALS:
    /// An item was clicked: show this query.
    void querySelected(const QString& query);
    /// The user asked to save the current search (the panel knows it).
    void saveSearchRequested();
    /// The user chose "Remove Board" on \a name: take it off every image, then out of the list.
    void boardRemovalRequested(const QString& name);
    /// Counts are in (for tests).
    void countsUpdated();

private:
    void rebuild();
    void showContextMenu(const QPoint& position);

    std::shared_ptr<GalleryIndex> m_index;
    std::unique_ptr<GalleryCollections> m_collections;
    QTreeWidget* m_tree = nullptr;
    QTreeWidgetItem* m_library = nullptr;
    QTreeWidgetItem* m_searches = nullptr;
    QTreeWidgetItem* m_boards = nullptr;
    quint64 m_countSerial = 0;
    bool m_counting = false;
    bool m_countAgain = false;
};

} // namespace easel
