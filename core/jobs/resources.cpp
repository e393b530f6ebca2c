// SPDX-License-Identifier: MIT
#include "jobs/resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace easel {

namespace {

    bool holdsResources(const QString& dir) { return QFileInfo::exists(dir + QStringLiteral("/clip/vocab.json")); }

} // namespace

QString resourceDir()
{
    const QString fromEnv = qEnvironmentVariable("EASEL_RESOURCE_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // EASEL_INSTALL_DATADIR is <CMAKE_INSTALL_PREFIX>/<datadir>/easel, set by core/jobs/CMakeLists.txt.
    const QString installed = QStringLiteral(EASEL_INSTALL_DATADIR);
    QStringList candidates;
    if (QCoreApplication::instance()) {
        const QString exeDir = QCoreApplication::applicationDirPath();
        candidates << exeDir + QStringLiteral("/../share/easel");
#ifdef Q_OS_MACOS
        candidates << exeDir + QStringLiteral("/../Resources/easel");
#endif
    }
    candidates << installed;
    for (const QString& dir : std::as_const(candidates)) {
        if (holdsResources(dir))
            return QDir::cleanPath(dir);
    }
    // Nothing found: name the first place searched, so an error about a missing file points where it belongs.
    return QDir::cleanPath(candidates.first());
}

QString resourcePath(const QString& relative) { return resourceDir() + QLatin1Char('/') + relative; }

QString demoModelPath() { return resourcePath(QStringLiteral("models/tiny-sd15.safetensors")); }

QString builtInStylesPath() { return resourcePath(QStringLiteral("styles/styles.json")); }

} // namespace easel
