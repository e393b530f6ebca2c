// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QPixmap>

namespace easel {

class StoryDocument;
class ThumbnailCache;

/**
 * The shots of a story, in their order, for the storyboard's card view. Rows can be moved (drag and drop in the
 * view, or moveRows()): the story's shot order changes with them and is what a save writes. The keyframe of a
 * shot is its picked take's image, as a thumbnail from the ThumbnailCache (decoded off the GUI thread; the row
 * repaints when it is ready).
 */
class ShotListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ShotIdRole = Qt::UserRole + 1, ///< QString: the shot's id in the story
        NumberRole, ///< QString: the shot's number as the story has it
        TypeRole, ///< QString: the shot type, as shown
        TimestampRole, ///< double: where the shot starts, in seconds
        DurationRole, ///< double: how long it lasts, in seconds
        StaleRole, ///< bool: a character or location changed since its keyframe was made
        KeyframeRole, ///< QPixmap: the keyframe's thumbnail; null while there is none (or it is decoding)
        KeyframePathRole, ///< QString: the keyframe's file; empty when there is none
        TakesRole, ///< int: how many takes there are to pick from
        AspectRole, ///< QSize: the shot's aspect ratio (16x9...)
    };

    ShotListModel(ThumbnailCache& thumbnails, QObject* parent = nullptr);

    /// Shows `story`'s shots (nullptr: none). The story must outlive the model or be replaced first.
    void setStory(StoryDocument* story);
    StoryDocument* story() const { return m_story; }
    /// The story's shots changed (edited, a take added, a keyframe picked): every card is drawn again.
    void refresh();
    /// The row of the shot `id`; -1 when there is none.
    int rowOf(const QString& id) const;
    QString idAt(int row) const;
    /// A shot type's title for people ("close-up" -> "Close-up", translated); other values as they are.
    static QString shotTypeTitle(const QString& type);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count, const QModelIndex& destinationParent,
        int destinationChild) override;

Q_SIGNALS:
    /// The shot order changed (the story needs saving).
    void orderChanged();

private:
    void onThumbnailReady(const QString& path);

    ThumbnailCache& m_thumbnails;
    StoryDocument* m_story = nullptr;
};

} // namespace easel
