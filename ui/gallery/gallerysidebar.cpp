// SPDX-License-Identifier: MIT
#include "gallery/gallerysidebar.h"

#include "gallery/gallerycollections.h"
#include "gallery/galleryindex.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace easel {

namespace {

    constexpr int QueryRole = Qt::UserRole + 1;
    constexpr int KindRole = Qt::UserRole + 2; ///< "search" or "board" for items the user made
    constexpr int NameRole = Qt::UserRole + 3;

    struct Counted {
        QStringList boards;
        QList<int> counts;
    };

} // namespace

GallerySidebar::GallerySidebar(std::shared_ptr<GalleryIndex> index, QWidget* parent)
    : QWidget(parent)
    , m_index(std::move(index))
    , m_collections(std::make_unique<GalleryCollections>(m_index->databasePath()))
{
    setObjectName(QStringLiteral("gallerySidebar"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("gallerySidebarTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(10);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* save = new QToolButton(this);
    save->setObjectName(QStringLiteral("gallerySaveSearchButton"));
    save->setText(tr("Save Search"));
    save->setToolTip(tr("Keep the current search in the side bar as a live collection"));
    auto* board = new QToolButton(this);
    board->setObjectName(QStringLiteral("galleryNewBoardButton"));
    board->setText(tr("New Board"));
    board->setToolTip(tr("A board is a collection you fill by hand; an image can be on several"));
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(save);
    buttons->addWidget(board);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(save, &QToolButton::clicked, this, &GallerySidebar::saveSearchRequested);
    connect(board, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("New Board"), tr("Name of the board:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            addBoard(name);
    });
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QVariant query = item->data(0, QueryRole);
        if (query.isValid())
            Q_EMIT querySelected(query.toString());
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &GallerySidebar::showContextMenu);
    rebuild();
}

GallerySidebar::~GallerySidebar() = default;

QStringList GallerySidebar::boards() const { return m_collections->boards(); }

void GallerySidebar::rebuild()
{
    const QString current = m_tree->currentItem() ? m_tree->currentItem()->data(0, QueryRole).toString() : QString();
    m_tree->clear();
    auto group = [this](const QString& title, const char* name) {
        auto* item = new QTreeWidgetItem(m_tree, { title });
        item->setFlags(Qt::ItemIsEnabled);
        item->setData(0, Qt::AccessibleTextRole, QLatin1String(name));
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setExpanded(true);
        return item;
    };
    auto entry = [](QTreeWidgetItem* parent, const QString& text, const QString& query, const QString& kind = {}) {
        auto* item = new QTreeWidgetItem(parent, { text });
        item->setData(0, QueryRole, query);
        item->setData(0, KindRole, kind);
        item->setData(0, NameRole, text);
        item->setToolTip(0, query.isEmpty() ? text : query);
        return item;
    };
    m_library = group(tr("Library"), "library");
    entry(m_library, tr("All Images"), QString());
    entry(m_library, tr("Picks"), QStringLiteral("pick:yes"));
    entry(m_library, tr("Rated 4 or More"), QStringLiteral("rating:>=4"));
    entry(m_library, tr("Rejects"), QStringLiteral("reject:yes"));
    m_searches = group(tr("Saved Searches"), "searches");
    for (const GalleryCollections::SavedSearch& s : m_collections->searches())
        entry(m_searches, s.name, s.query, QStringLiteral("search"));
    m_boards = group(tr("Boards"), "boards");
    for (const QString& b : m_collections->boards())
        entry(m_boards, b, GalleryCollections::boardQuery(b), QStringLiteral("board"));
    m_tree->expandAll();
    setCurrentQuery(current);
}

void GallerySidebar::setCurrentQuery(const QString& query)
{
    const QSignalBlocker block(m_tree);
    for (QTreeWidgetItem* group : { m_library, m_searches, m_boards }) {
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, QueryRole).toString() == query.trimmed()) {
                m_tree->setCurrentItem(group->child(i));
                return;
            }
        }
    }
    m_tree->setCurrentItem(nullptr);
    m_tree->clearSelection();
}

void GallerySidebar::refresh()
{
    if (m_counting) {
        m_countAgain = true;
        return;
    }
    m_counting = true;
    QStringList queries;
    QList<QTreeWidgetItem*> items;
    for (QTreeWidgetItem* group : { m_library, m_searches, m_boards }) {
        for (int i = 0; i < group->childCount(); ++i) {
            items << group->child(i);
            queries << group->child(i)->data(0, QueryRole).toString();
        }
    }
    const quint64 serial = ++m_countSerial;
    auto* watcher = new QFutureWatcher<Counted>(this);
    connect(watcher, &QFutureWatcher<Counted>::finished, this, [this, watcher, serial, queries] {
        watcher->deleteLater();
        m_counting = false;
        const Counted c = watcher->result();
        if (serial == m_countSerial) {
            // Boards found on images (after a rebuild, or set from easel-cli) join the list.
            if (m_collections->addBoards(c.boards))
                rebuild();
            for (QTreeWidgetItem* group : { m_library, m_searches, m_boards }) {
                for (int i = 0; i < group->childCount(); ++i) {
                    QTreeWidgetItem* item = group->child(i);
                    const qsizetype at = queries.indexOf(item->data(0, QueryRole).toString());
                    const int n = at >= 0 ? c.counts.value(at, -1) : -1;
                    item->setText(1, n >= 0 ? QString::number(n) : QString());
                }
            }
            Q_EMIT countsUpdated();
        }
        if (m_countAgain) {
            m_countAgain = false;
            refresh();
        }
    });
    std::shared_ptr<GalleryIndex> index = m_index;
    watcher->setFuture(QtConcurrent::run([index, queries] {
        Counted c;
        try {
            c.boards = index->boards();
            c.counts = index->counts(queries);
        } catch (const std::exception&) {
        }
        return c;
    }));
}

void GallerySidebar::saveSearch(const QString& name, const QString& query)
{
    try {
        m_collections->saveSearch(name, query);
    } catch (const std::exception&) {
        return;
    }
    rebuild();
    setCurrentQuery(query);
    refresh();
}

void GallerySidebar::removeSearch(const QString& name)
{
    try {
        m_collections->removeSearch(name);
    } catch (const std::exception&) {
    }
    rebuild();
    refresh();
}

bool GallerySidebar::addBoard(const QString& name)
{
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.contains(QLatin1Char('|')) || clean.contains(QLatin1Char('"')))
        return false;
    try {
        if (!m_collections->addBoards({ clean }))
            return false;
    } catch (const std::exception&) {
        return false;
    }
    rebuild();
    refresh();
    return true;
}

void GallerySidebar::removeBoard(const QString& name)
{
    try {
        m_collections->removeBoard(name);
    } catch (const std::exception&) {
    }
    rebuild();
    refresh();
}

void GallerySidebar::showContextMenu(const QPoint& position)
{
    QTreeWidgetItem* item = m_tree->itemAt(position);
    if (!item)
        return;
    const QString kind = item->data(0, KindRole).toString();
    const QString name = item->data(0, NameRole).toString();
    QMenu menu(this);
    if (kind == QLatin1String("search")) {
        menu.addAction(tr("Remove Saved Search"), this, [this, name] { removeSearch(name); })
            ->setObjectName(QStringLiteral("galleryRemoveSearchAction"));
    } else if (kind == QLatin1String("board")) {
        menu.addAction(tr("Remove Board"), this, [this, name] { Q_EMIT boardRemovalRequested(name); })
            ->setObjectName(QStringLiteral("galleryRemoveBoardAction"));
    } else {
        return;
    }
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace easel
