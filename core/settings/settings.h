// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/generationjob.h"
#include "recipe/imagerecipe.h"

#include <QObject>
#include <QVariant>

#include <memory>

class QSettings;

namespace easel {

struct ComposePresets;

enum class Theme { System, Light, Dark };
QString themeName(Theme theme); ///< "system", "light", "dark"
std::optional<Theme> themeFromName(const QString& name);

/**
 * The user's settings: one class for the studio and easel-cli, stored in paths::settingsFile() (an INI
 * file, written when a value changes). Every getter falls back to the default when the stored value is
 * missing or unusable, so a hand-edited file never breaks a start. Lives on one thread (the GUI's).
 */
class Settings : public QObject {
    Q_OBJECT
public:
    /// `file` empty: paths::settingsFile().
    explicit Settings(const QString& file = {}, QObject* parent = nullptr);
    ~Settings() override;

    QString fileName() const;

    QString modelsDir() const; ///< default paths::defaultModelsDir()
    void setModelsDir(const QString& dir);
    QString outputDir() const; ///< default paths::defaultOutputDir()
    void setOutputDir(const QString& dir);
    QString stylesDir() const; ///< the user's styles (JSON files); default paths::stylesDir()
    void setStylesDir(const QString& dir);
    /// Model files and folders the user added (most recent first), beside what modelsDir holds.
    QStringList models() const;
    void setModels(const QStringList& models);
    /// The model last selected; empty: the bundled demo model.
    QString currentModel() const;
    void setCurrentModel(const QString& path);

    Device device() const;
    void setDevice(Device device);
    Precision precision() const;
    void setPrecision(Precision precision);
    int threads() const; ///< 0 = one per core
    void setThreads(int threads);

    PreviewMode previewMode() const;
    void setPreviewMode(PreviewMode mode);
    int previewInterval() const;
    void setPreviewInterval(int steps);
    QString taesdPath() const; ///< TAESD decoder for PreviewMode::Taesd; empty when none
    void setTaesdPath(const QString& path);
    /// Retry a flagged image once with a new seed (GenerationOptions::retryFlagged); off by default.
    bool retryFlagged() const;
    void setRetryFlagged(bool retry);

    Theme theme() const;
    void setTheme(Theme theme);

    /// The recipe last edited in the window, restored on the next start.
    ImageRecipe lastRecipe() const;
    void setLastRecipe(const ImageRecipe& recipe);
    /// Whether the seed is kept (locked) or drawn anew for each Generate.
    bool seedLocked() const;
    void setSeedLocked(bool locked);

    /// The compose action's prompt helpers as the user edited them (default: ComposePresets' own).
    ComposePresets composePresets() const;
    void setComposePresets(const ComposePresets& presets);

    /// Opaque state of the window (geometry, docks), keyed by name.
    QByteArray windowState(const QString& key) const;
    void setWindowState(const QString& key, const QByteArray& state);

    /// Writes pending changes now (they are also written when the object goes).
    void sync();

Q_SIGNALS:
    /// A value changed (key as stored, e.g. "engine/device").
    void changed(const QString& key);

private:
    QVariant value(const QString& key) const;
    void setValue(const QString& key, const QVariant& value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace easel
