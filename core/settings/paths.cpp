// SPDX-License-Identifier: MIT
#include "settings/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace easel::paths {

namespace {

QString location(QStandardPaths::StandardLocation type, const QString& fallback)
{
    QString base = QStandardPaths::writableLocation(type);
    if (base.isEmpty())
        base = QDir::homePath() + fallback;
    return base + QStringLiteral("/Easel");
}

} // namespace

QString dataDir() { return location(QStandardPaths::GenericDataLocation, QStringLiteral("/.local/share")); }

QString cacheDir() { return location(QStandardPaths::GenericCacheLocation, QStringLiteral("/.cache")); }

QString settingsFile()
{
    return location(QStandardPaths::GenericConfigLocation, QStringLiteral("/.config")) + QStringLiteral("/Easel.conf");
}

QString queueDatabase() { return dataDir() + QStringLiteral("/queue.sqlite"); }

QString galleryDatabase() { return dataDir() + QStringLiteral("/gallery.sqlite"); }

QString defaultOutputDir() { return location(QStandardPaths::PicturesLocation, QStringLiteral("/Pictures")); }

QString defaultModelsDir() { return dataDir() + QStringLiteral("/models"); }

QString stylesDir() { return dataDir() + QStringLiteral("/styles"); }

} // namespace easel::paths
