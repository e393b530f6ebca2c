// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace easel {

class BackendSettingsPage;
class Settings;

/**
 * Edit > Settings: the folders (models, images), how the engine runs (device, threads, precision), live
 * previews (mode, interval, TAESD file) and the theme. The widgets start from the Settings; OK writes
 * the values that changed (so Settings::changed() names only those), Cancel writes nothing.
 */
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    /// Picks a file (folder = false) or a folder for the Browse buttons; an empty result means cancelled.
    /// Default: QFileDialog. Tests replace it.
    using PathChooser
        = std::function<QString(QWidget* parent, const QString& title, const QString& startDir, bool folder)>;

    explicit SettingsDialog(Settings& settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }
    /// Other engines: ComfyUI servers, cloud keys (keychain), default models, the budget.
    BackendSettingsPage* backendsPage() const { return m_backends; }

    /// Writes the widgets' values to the Settings (what OK does before closing).
    void apply();

    void accept() override;

private:
    void load();
    void browse(QLineEdit* edit, const QString& title, bool folder);
    void updateEnabled();

    Settings& m_settings;
    PathChooser m_chooser;
    QLineEdit* m_modelsDir = nullptr;
    QLineEdit* m_outputDir = nullptr;
    QComboBox* m_device = nullptr;
    QLabel* m_deviceNote = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_precision = nullptr;
    QCheckBox* m_retryFlagged = nullptr;
    QComboBox* m_previewMode = nullptr;
    QSpinBox* m_previewInterval = nullptr;
    QLineEdit* m_taesdPath = nullptr;
    QComboBox* m_theme = nullptr;
    QTabWidget* m_pages = nullptr;
    BackendSettingsPage* m_backends = nullptr;
};

} // namespace easel
