// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace easel {

/**
 * The gallery's collections for its side bar: saved searches (live: a name and a GalleryQuery text, whatever
 * matches it now) and boards (user collections an image can be in several of).
 *
 * Kept in one JSON file next to the index, "<database>.collections", written atomically, so it outlives a deleted
 * or rebuilt index, as the folder list does. Which images are on a board is not kept here but in each image
 * (the PNG's "easel:boards" chunk, read into the index's boards column), so a rebuild from the files alone finds
 * every board that has an image, and a copied or exported image keeps its boards; this file adds the boards'
 * order and the empty ones. Methods throw easel::Error with one line naming the file when it cannot be written.
 */
class GalleryCollections {
public:
    struct SavedSearch {
        QString name;
        QString query;

        bool operator==(const SavedSearch& other) const { return name == other.name && query == other.query; }
    };

    /// "<databasePath>.collections"; reads it when it exists (an unreadable file reads as empty).
    explicit GalleryCollections(const QString& databasePath);

    QString filePath() const { return m_file; }

    QList<SavedSearch> searches() const { return m_searches; }
    /// Adds or replaces (by name) a saved search.
    void saveSearch(const QString& name, const QString& query);
    /// False when there was none of that name.
    bool removeSearch(const QString& name);

    QStringList boards() const { return m_boards; }
    /// Adds boards not yet known (e.g. the index's boards() after a rebuild); true when any was new.
    bool addBoards(const QStringList& names);
    bool removeBoard(const QString& name);

    /// The query that shows a board's images: board:"NAME".
    static QString boardQuery(const QString& name);

private:
    void write();

    QString m_file;
    QList<SavedSearch> m_searches;
    QStringList m_boards;
};

} // namespace easel
