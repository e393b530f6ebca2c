// SPDX-License-Identifier: MIT
#include "jobs/resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace easel {

QString resourceDir()
{
    const QString fromEnv = qEnvironmentVariable("EASEL_RESOURCE_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    if (QCoreApplication::instance()) {
        const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/easel");
        if (QFileInfo::exists(installed + QStringLiteral("/clip/vocab.json")))
            return QDir::cleanPath(installed);
    }
    return QStringLiteral(EASEL_SOURCE_RESOURCES);
}

QString resourcePath(const QString& relative)
{
    return resourceDir() + QLatin1Char('/') + relative;
}

QString demoModelPath()
{
    return resourcePath(QStringLiteral("models/tiny-sd15.safetensors"));
}

} // namespace easel
