// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/exportimage.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
template <typename T> class QFutureWatcher;

namespace easel {

class ValueSlider;

/**
 * Export ("exportDialog"): one image or a list as PNG (a PNG is copied as it is, every metadata chunk kept)
 * or JPEG/WebP at a chosen quality with the recipe in XMP and EXIF (imaging/exportimage.h: Qt's writers
 * cannot embed XMP or EXIF, so the segments are written by Easel). Files go beside each source or into a
 * chosen folder, under a free name: never over a source or an existing file. Runs off the GUI thread,
 * one file after another, with progress; one line per failure.
 *
 * Children: "exportSources", "exportAdd", "exportRemove", "exportFormat", ValueSlider "exportQuality",
 * "exportLossless", "exportFolder", "exportBrowse", "exportNote", "exportLicence" (the model of each source, its
 * licence and its use restrictions, read off the GUI thread and shown before anything is exported),
 * "exportProgress", "exportButton", "exportStatus".
 */
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const QStringList& sources = {}, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setSources(const QStringList& sources);
    QStringList sources() const;
    imaging::ExportOptions options() const;
    void setOptions(const imaging::ExportOptions& options);
    /// Empty: beside each source.
    QString folder() const;
    void setFolder(const QString& folder);

    bool isExporting() const { return m_running; }
    /// The licence lines shown (one per distinct model among the sources).
    QString licenceText() const;
    /// The files written by the last export.
    QStringList written() const { return m_written; }

public Q_SLOTS:
    void startExport();

Q_SIGNALS:
    /// The export ended: the files written and one line per source that failed.
    void exportFinished(const QStringList& written, const QStringList& errors);
    /// The licences of the sources are shown.
    void licencesShown();

private:
    struct Outcome {
        QString output;
        QString error;
        QStringList notes;
    };
    void exportNext();
    void updateControls();
    void lookUpLicences();

    QListWidget* m_sources = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QComboBox* m_format = nullptr;
    ValueSlider* m_quality = nullptr;
    QCheckBox* m_lossless = nullptr;
    QLineEdit* m_folder = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_licence = nullptr;
    QFutureWatcher<QStringList>* m_licenceWatcher = nullptr;
    QStringList m_licenceSources; ///< what the running look-up reads
    QProgressBar* m_progress = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_status = nullptr;
    QFutureWatcher<Outcome>* m_watcher = nullptr;

    QList<QPair<QString, QString>> m_todo; ///< source, output
    QStringList m_written;
    QStringList m_errors;
    QStringList m_notes;
    imaging::ExportOptions m_runningOptions;
    int m_total = 0;
    bool m_running = false;
};

} // namespace easel
