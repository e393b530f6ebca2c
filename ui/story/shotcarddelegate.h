// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace easel {

/// Draws one shot of the storyboard as a card: its keyframe (a frame of the shot's aspect ratio until there is
/// one), the shot's number, its type, its timestamp and duration, and a "stale" badge when the shot no longer
/// matches its characters or location. The data comes from ShotListModel's roles.
class ShotCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ShotCardDelegate(QObject* parent = nullptr);

    /// The size of every card (the grid of the view).
    QSize cardSize() const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace easel
