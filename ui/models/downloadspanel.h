// SPDX-License-Identifier: MIT
#pragma once

#include "backends/modeldownloader.h"

#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace easel {

class Settings;

/**
 * The Downloads part of the Models dialog: the catalogue of well-known models and preview decoders, each
 * with its size, licence and state (not downloaded, paused with N bytes kept, downloaded), and one download
 * at a time with a progress bar, Cancel (what arrived is kept) and Resume. Models go to the models folder
 * (Settings::modelsDir()); TAESD decoders to Easel's own models folder, where generation looks for them.
 */
class DownloadsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DownloadsPanel(Settings& settings, QWidget* parent = nullptr);
    ~DownloadsPanel() override;

    /// What is offered (default: ModelDownloader::catalogue()); for tests and mirrors.
    void setCatalogue(const QList<CatalogueEntry>& entries);
    const QList<CatalogueEntry>& catalogue() const { return m_entries; }
    /// The downloader (its hub address, its timeout).
    ModelDownloader& downloader() { return *m_downloader; }
    /// Where an entry is saved.
    QString destination(const CatalogueEntry& entry) const;
    /// Selects the entry with this id in the list.
    void selectEntry(const QString& id);

Q_SIGNALS:
    /// A download finished and was checked; `path` holds the file.
    void downloaded(const QString& path, CatalogueEntry::Kind kind);

private:
    void refreshStates();
    void showSelected();
    int selectedIndex() const;
    void startDownload();
    void discardPartial();
    void onProgress(qint64 received, qint64 total);
    void onFinished(bool ok, const QString& error);
    QString stateText(const CatalogueEntry& entry) const;

    Settings& m_settings;
    ModelDownloader* m_downloader = nullptr;
    QList<CatalogueEntry> m_entries;
    int m_running = -1; ///< index of the entry being downloaded
    QTreeWidget* m_list = nullptr;
    QLabel* m_info = nullptr;
    QPushButton* m_download = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_discard = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace easel
