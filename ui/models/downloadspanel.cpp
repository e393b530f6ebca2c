// SPDX-License-Identifier: MIT
#include "models/downloadspanel.h"

#include "settings/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStorageInfo>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace easel {

namespace {

    enum Column { NameColumn, SizeColumn, LicenceColumn, StateColumn };

    QString sizeText(const QLocale& locale, qint64 bytes)
    {
        return bytes < 0 ? QString() : locale.formattedDataSize(bytes, 1);
    }

} // namespace

DownloadsPanel::DownloadsPanel(Settings& settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_downloader(new ModelDownloader(this))
{
    setObjectName(QStringLiteral("downloadsPanel"));
    auto* layout = new QVBoxLayout(this);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("downloadsList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Model"), tr("Size"), tr("Licence"), tr("State") });
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(LicenceColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("downloadInfo"));
    m_info->setWordWrap(true);
    m_info->setOpenExternalLinks(true);
    m_info->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_info->setMinimumHeight(m_info->fontMetrics().lineSpacing() * 5);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_info);

    auto* progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    progressRow->addWidget(m_progress, 1);
    m_download = new QPushButton(tr("Download"), this);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    progressRow->addWidget(m_download);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancel->setToolTip(tr("Stops the download; what has arrived is kept, and Resume continues from there."));
    progressRow->addWidget(m_cancel);
    m_discard = new QPushButton(tr("Discard partial download"), this);
    m_discard->setObjectName(QStringLiteral("discardDownloadButton"));
    progressRow->addWidget(m_discard);
    layout->addLayout(progressRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("downloadStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &DownloadsPanel::showSelected);
    connect(m_download, &QPushButton::clicked, this, &DownloadsPanel::startDownload);
    connect(m_cancel, &QPushButton::clicked, m_downloader, &ModelDownloader::cancel);
    connect(m_discard, &QPushButton::clicked, this, &DownloadsPanel::discardPartial);
    connect(m_downloader, &ModelDownloader::progress, this, &DownloadsPanel::onProgress);
    connect(m_downloader, &ModelDownloader::verifying, this, [this] {
        m_progress->setRange(0, 0);
        m_status->setText(tr("Checking the file's sha256..."));
    });
    connect(m_downloader, &ModelDownloader::finished, this, &DownloadsPanel::onFinished);

    setCatalogue(ModelDownloader::catalogue());
}

DownloadsPanel::~DownloadsPanel() = default;

void DownloadsPanel::setCatalogue(const QList<CatalogueEntry>& entries)
{
    m_entries = entries;
    m_list->clear();
    for (const CatalogueEntry& entry : m_entries) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, entry.name.isEmpty() ? entry.id : entry.name);
        item->setToolTip(NameColumn, entry.description);
        item->setText(SizeColumn, sizeText(locale(), entry.size));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(LicenceColumn, entry.licence);
    }
    refreshStates();
    if (!m_entries.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showSelected();
}

QString DownloadsPanel::destination(const CatalogueEntry& entry) const
{
    // Generation looks for preview decoders in Easel's own models folder, whatever the user chose for models.
    if (entry.kind == CatalogueEntry::Kind::PreviewDecoder)
        return ModelDownloader::cachedPath(entry);
    return ModelDownloader::pathIn(entry, m_settings.modelsDir());
}

void DownloadsPanel::selectEntry(const QString& id)
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            m_list->setCurrentItem(m_list->topLevelItem(i));
    }
}

int DownloadsPanel::selectedIndex() const
{
    QTreeWidgetItem* item = m_list->currentItem();
    return item ? m_list->indexOfTopLevelItem(item) : -1;
}

QString DownloadsPanel::stateText(const CatalogueEntry& entry) const
{
    const QString path = destination(entry);
    if (QFileInfo::exists(path))
        return tr("Downloaded");
    if (const qint64 kept = ModelDownloader::partialSize(path); kept > 0) {
        return entry.size > 0 ? tr("Paused at %1 of %2")
                                    .arg(locale().formattedDataSize(kept, 1), locale().formattedDataSize(entry.size, 1))
                              : tr("Paused at %1").arg(locale().formattedDataSize(kept, 1));
    }
    return tr("Not downloaded");
}

void DownloadsPanel::refreshStates()
{
    for (int i = 0; i < m_entries.size(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        item->setText(StateColumn, i == m_running ? tr("Downloading") : stateText(m_entries.at(i)));
    }
}

void DownloadsPanel::showSelected()
{
    const int index = selectedIndex();
    const bool running = m_downloader->isRunning();
    m_cancel->setEnabled(running);
    if (index < 0) {
        m_info->clear();
        m_download->setEnabled(false);
        m_discard->setEnabled(false);
        return;
    }
    const CatalogueEntry& entry = m_entries.at(index);
    const QString path = destination(entry);
    const bool exists = QFileInfo::exists(path);
    const qint64 kept = ModelDownloader::partialSize(path);
    const QString kind = entry.kind == CatalogueEntry::Kind::PreviewDecoder
        ? tr("Preview decoder: draws full-size live previews while an image is made.")
        : tr("Model: makes images.");
    const QString licence = entry.licenceUrl.isEmpty()
        ? entry.licence.toHtmlEscaped()
        : QStringLiteral("<a href=\"%1\">%2</a>").arg(entry.licenceUrl.toHtmlEscaped(), entry.licence.toHtmlEscaped());
    m_info->setText(
        QStringLiteral("<b>%1</b><br>%2<br>%3<br>%4<br>%5")
            .arg(entry.description.toHtmlEscaped(), kind.toHtmlEscaped(),
                tr("Licence: %1. By downloading it you accept its terms.").arg(licence),
                tr("From: %1")
                    .arg(ModelDownloader::entryUrl(entry, m_downloader->hubUrl()).toDisplayString().toHtmlEscaped()),
                tr("Saved as: %1").arg(QDir::toNativeSeparators(path).toHtmlEscaped())));
    m_download->setText(exists ? tr("Downloaded") : kept > 0 ? tr("Resume") : tr("Download"));
    m_download->setEnabled(!running && !exists);
    m_discard->setEnabled(!(running && index == m_running) && kept > 0);
    if (!running) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(
            entry.size > 0 ? int(1000 * (exists ? entry.size : kept) / entry.size) : (exists ? 1000 : 0));
    }
}

void DownloadsPanel::startDownload()
{
    const int index = selectedIndex();
    if (index < 0 || m_downloader->isRunning())
        return;
    const CatalogueEntry& entry = m_entries.at(index);
    const QString path = destination(entry);
    const qint64 kept = ModelDownloader::partialSize(path);
    // Refused before it starts rather than failing at 95 %.
    if (entry.size > 0) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        const QStorageInfo storage(QFileInfo(path).absolutePath());
        if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < entry.size - kept) {
            m_status->setText(tr("Not enough free space in %1: %2 needed, %3 free.")
                                  .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()),
                                      locale().formattedDataSize(entry.size - kept, 1),
                                      locale().formattedDataSize(storage.bytesAvailable(), 1)));
            return;
        }
    }
    ModelDownloader::Request request;
    request.url = ModelDownloader::entryUrl(entry, m_downloader->hubUrl());
    request.destination = path;
    request.sha256 = entry.sha256;
    request.size = entry.size;
    request.safetensors = true;
    request.requiredTensors = entry.requiredTensors;
    request.sidecar = entry.sidecar;
    m_running = index;
    m_status->setText(
        kept > 0 ? tr("Continuing from %1...").arg(locale().formattedDataSize(kept, 1)) : tr("Connecting..."));
    m_progress->setRange(0, 1000);
    m_downloader->start(request);
    refreshStates();
    showSelected();
}

void DownloadsPanel::discardPartial()
{
    const int index = selectedIndex();
    if (index < 0 || (m_downloader->isRunning() && index == m_running))
        return;
    const QString path = destination(m_entries.at(index));
    if (!ModelDownloader::discardPartial(path))
        m_status->setText(tr("Cannot delete %1.").arg(QDir::toNativeSeparators(ModelDownloader::partialPath(path))));
    else
        m_status->clear();
    refreshStates();
    showSelected();
}

void DownloadsPanel::onProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000 * qMin(received, total) / total));
        m_status->setText(
            tr("%1 of %2").arg(locale().formattedDataSize(received, 1), locale().formattedDataSize(total, 1)));
    } else {
        m_progress->setRange(0, 0);
        m_status->setText(locale().formattedDataSize(received, 1));
    }
}

void DownloadsPanel::onFinished(bool ok, const QString& error)
{
    const int index = m_running;
    m_running = -1;
    m_progress->setRange(0, 1000);
    const QString path = m_downloader->request().destination;
    if (ok) {
        m_progress->setValue(1000);
        m_status->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    } else {
        const qint64 kept = ModelDownloader::partialSize(path);
        m_status->setText(kept > 0 ? tr("Stopped (%1). %2 kept: Resume continues from there.")
                                         .arg(error, locale().formattedDataSize(kept, 1))
                                   : tr("Download failed: %1").arg(error));
    }
    refreshStates();
    showSelected();
    if (ok && index >= 0 && index < m_entries.size())
        Q_EMIT downloaded(path, m_entries.at(index).kind);
}

} // namespace easel
