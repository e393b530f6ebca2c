// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/modeldescription.h"

#include <QDialog>
#include <QHash>

#include <functional>
#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace easel {

class DownloadsPanel;
class Settings;

/**
 * Models > Manage models: every model Easel knows (the bundled demo model, the ones the user added, the
 * ones in the models folder), what the loader says about the selected one (read off the GUI thread:
 * architecture, prediction, dtypes, size on disk, memory to run, licence and its use restrictions), adding
 * and removing entries of the user's list, and a Downloads tab with the catalogue of well-known models.
 * The user's list is Settings::models(); a finished download is added to it.
 */
class ModelsDialog : public QDialog {
    Q_OBJECT
public:
    /// Picks a file (folder = false) or a folder for the Add buttons; an empty result means cancelled.
    /// Default: QFileDialog. Tests replace it.
    using PathChooser
        = std::function<QString(QWidget* parent, const QString& title, const QString& startDir, bool folder)>;

    explicit ModelsDialog(Settings& settings, QWidget* parent = nullptr);
    ~ModelsDialog() override;

    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }

    /// Re-reads the user's list and the models folder, keeping the selection.
    void refresh();
    /// The listed models in order; the demo model as demoModelPath().
    QStringList listedModels() const;
    /// The selected model's path: empty for the demo model (as Settings::currentModel()), nullopt for none.
    std::optional<QString> selectedModel() const;
    /// Selects a listed model (empty: the demo model); false when it is not listed.
    bool selectModel(const QString& path);
    /// Adds a model file or diffusers folder to the user's list (first) and selects it.
    void addModel(const QString& path);

    DownloadsPanel* downloads() const { return m_downloads; }

Q_SIGNALS:
    /// "Use this model" (or a double click): the path to generate with; empty for the demo model.
    void modelChosen(const QString& path);

private:
    enum class Origin { Demo, Added, Found };
    struct Described {
        std::optional<ModelDescription> description;
        QString error;
    };

    void addHeader(const QString& text);
    void addEntry(const QString& path, const QString& label, Origin origin);
    void onSelectionChanged();
    void describe(const QString& path);
    void showDescription(const QString& path, const Described& result);
    QString descriptionHtml(const ModelDescription& d) const;
    void chooseFile();
    void chooseFolder();
    void removeSelected();
    void openModelsFolder();
    void useSelected();
    void onDownloaded(const QString& path);
    QString choose(const QString& title, bool folder);

    Settings& m_settings;
    PathChooser m_chooser;
    QHash<QString, Described> m_described; ///< by path, for this dialog's life
    QTabWidget* m_tabs = nullptr;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_details = nullptr;
    QLabel* m_folderLabel = nullptr;
    QPushButton* m_addFile = nullptr;
    QPushButton* m_addFolder = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_openFolder = nullptr;
    QPushButton* m_use = nullptr;
    DownloadsPanel* m_downloads = nullptr;
};

} // namespace easel
