// SPDX-License-Identifier: MIT
#include "settings/settings.h"

#include "jobs/compose.h"
#include "settings/paths.h"

#include <QJsonDocument>
#include <QSettings>

namespace easel {

namespace {

constexpr const char* kThemeNames[] = { "system", "light", "dark" };

template <typename T, typename Parse>
T parsed(const QVariant& stored, T fallback, Parse parse)
{
    if (!stored.isValid())
        return fallback;
    const auto value = parse(stored.toString());
    return value ? *value : fallback;
}

} // namespace

QString themeName(Theme theme) { return QString::fromLatin1(kThemeNames[int(theme)]); }

std::optional<Theme> themeFromName(const QString& name)
{
    for (int i = 0; i < 3; ++i)
        if (name == QLatin1String(kThemeNames[i]))
            return Theme(i);
    return std::nullopt;
}

Settings::Settings(const QString& file, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(file.isEmpty() ? paths::settingsFile() : file, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QString Settings::fileName() const { return m_settings->fileName(); }

QVariant Settings::value(const QString& key) const { return m_settings->value(key); }

void Settings::setValue(const QString& key, const QVariant& value)
{
    if (m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    Q_EMIT changed(key);
}

void Settings::sync() { m_settings->sync(); }

QString Settings::modelsDir() const
{
    const QString dir = value(QStringLiteral("folders/models")).toString();
    return dir.isEmpty() ? paths::defaultModelsDir() : dir;
}

void Settings::setModelsDir(const QString& dir) { setValue(QStringLiteral("folders/models"), dir); }

QString Settings::outputDir() const
{
    const QString dir = value(QStringLiteral("folders/output")).toString();
    return dir.isEmpty() ? paths::defaultOutputDir() : dir;
}

void Settings::setOutputDir(const QString& dir) { setValue(QStringLiteral("folders/output"), dir); }

QString Settings::stylesDir() const
{
    const QString dir = value(QStringLiteral("folders/styles")).toString();
    return dir.isEmpty() ? paths::stylesDir() : dir;
}

void Settings::setStylesDir(const QString& dir) { setValue(QStringLiteral("folders/styles"), dir); }

QStringList Settings::models() const { return value(QStringLiteral("models/list")).toStringList(); }

void Settings::setModels(const QStringList& models) { setValue(QStringLiteral("models/list"), models); }

QString Settings::currentModel() const { return value(QStringLiteral("models/current")).toString(); }

void Settings::setCurrentModel(const QString& path) { setValue(QStringLiteral("models/current"), path); }

Device Settings::device() const { return parsed(value(QStringLiteral("engine/device")), Device::Auto, deviceFromName); }

void Settings::setDevice(Device device) { setValue(QStringLiteral("engine/device"), deviceName(device)); }

Precision Settings::precision() const
{
    return parsed(value(QStringLiteral("engine/precision")), Precision::Auto, precisionFromName);
}

void Settings::setPrecision(Precision precision)
{
    setValue(QStringLiteral("engine/precision"), precisionName(precision));
}

int Settings::threads() const
{
    bool ok = false;
    const int threads = value(QStringLiteral("engine/threads")).toInt(&ok);
    return ok && threads >= limits::Threads.min && threads <= limits::Threads.max ? threads : limits::Threads.def;
}

void Settings::setThreads(int threads) { setValue(QStringLiteral("engine/threads"), threads); }

PreviewMode Settings::previewMode() const
{
    return parsed(value(QStringLiteral("preview/mode")), PreviewMode::Approx, previewModeFromName);
}

void Settings::setPreviewMode(PreviewMode mode) { setValue(QStringLiteral("preview/mode"), previewModeName(mode)); }

int Settings::previewInterval() const
{
    bool ok = false;
    const int steps = value(QStringLiteral("preview/interval")).toInt(&ok);
    return ok && steps >= limits::PreviewInterval.min && steps <= limits::PreviewInterval.max ? steps : limits::PreviewInterval.def;
}

void Settings::setPreviewInterval(int steps) { setValue(QStringLiteral("preview/interval"), steps); }

QString Settings::taesdPath() const { return value(QStringLiteral("preview/taesd")).toString(); }

void Settings::setTaesdPath(const QString& path) { setValue(QStringLiteral("preview/taesd"), path); }

bool Settings::retryFlagged() const { return value(QStringLiteral("generation/retryFlagged")).toBool(); }

void Settings::setRetryFlagged(bool retry) { setValue(QStringLiteral("generation/retryFlagged"), retry); }

Theme Settings::theme() const { return parsed(value(QStringLiteral("ui/theme")), Theme::System, themeFromName); }

void Settings::setTheme(Theme theme) { setValue(QStringLiteral("ui/theme"), themeName(theme)); }

ImageRecipe Settings::lastRecipe() const
{
    const QByteArray json = value(QStringLiteral("ui/recipe")).toByteArray();
    if (json.isEmpty())
        return {};
    const auto recipe = ImageRecipe::fromJsonText(json);
    return recipe ? *recipe : ImageRecipe {};
}

void Settings::setLastRecipe(const ImageRecipe& recipe)
{
    setValue(QStringLiteral("ui/recipe"), recipe.toJsonText());
}

bool Settings::seedLocked() const { return value(QStringLiteral("ui/seedLocked")).toBool(); }

void Settings::setSeedLocked(bool locked) { setValue(QStringLiteral("ui/seedLocked"), locked); }

ComposePresets Settings::composePresets() const
{
    ComposePresets p;
    auto read = [this](const char* key, QString& field) {
        const QVariant v = value(QLatin1String("compose/") + QLatin1String(key));
        if (v.isValid())
            field = v.toString();
    };
    read("characterSuffix", p.characterSuffix);
    read("characterNegative", p.characterNegative);
    read("backgroundSuffix", p.backgroundSuffix);
    read("backgroundNegative", p.backgroundNegative);
    return p;
}

void Settings::setComposePresets(const ComposePresets& presets)
{
    setValue(QStringLiteral("compose/characterSuffix"), presets.characterSuffix);
    setValue(QStringLiteral("compose/characterNegative"), presets.characterNegative);
    setValue(QStringLiteral("compose/backgroundSuffix"), presets.backgroundSuffix);
    setValue(QStringLiteral("compose/backgroundNegative"), presets.backgroundNegative);
}

QByteArray Settings::windowState(const QString& key) const
{
    return value(QStringLiteral("window/") + key).toByteArray();
}

void Settings::setWindowState(const QString& key, const QByteArray& state)
{
    setValue(QStringLiteral("window/") + key, state);
}

} // namespace easel
