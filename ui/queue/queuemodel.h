// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/jobqueue.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>

class QMimeData;

namespace easel {

/**
 * Every job of a JobQueue as the queue panel lists it: ended jobs (oldest first), the running one, then the
 * queued ones in the order they will run. Each row has its title, state, progress and a thumbnail of its
 * latest preview or first image. Queued rows can be dragged to reorder them (JobQueue::move). A job with an image
 * that the quality check flagged shows the quality badge on its thumbnail and the flags in its tooltip.
 */
class QueueModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole, ///< int(JobState)
        ProgressRole, ///< 0..1 while running
        FilesRole, ///< QStringList
        QualityRole, ///< QStringList: the flags of the job's flagged images (each name once; empty: none)
        FlaggedCountRole, ///< int: how many of the job's images were flagged
    };

    explicit QueueModel(JobQueue& queue, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(
        const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) const override;
    bool dropMimeData(
        const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) override;

    quint64 idAt(int row) const;
    int rowOf(quint64 id) const;
    QImage thumbnail(quint64 id) const { return m_thumbnails.value(id); }

    static constexpr int ThumbnailSize = 64;

private:
    void reload();
    void refresh(quint64 id);
    void setThumbnail(quint64 id, const QImage& image);
    void loadThumbnail(quint64 id, const QString& file);
    void addFlags(quint64 id, const QString& file, const QStringList& flags);
    void loadFlags(quint64 id, const QStringList& files);

    JobQueue& m_queue;
    QList<JobInfo> m_rows;
    QHash<quint64, QImage> m_thumbnails;
    QHash<quint64, double> m_progress;
    /// Per job: its flagged files and their flags.
    QHash<quint64, QHash<QString, QStringList>> m_flagged;
};

} // namespace easel
