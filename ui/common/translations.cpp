// SPDX-License-Identifier: MIT
#include "common/translations.h"

#include "jobs/resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace easel {

namespace {

    const QString kInstalledName = QStringLiteral("easelTranslator");

} // namespace

QStringList installTranslations(const QLocale& locale)
{
    QCoreApplication* app = QCoreApplication::instance();
    for (QTranslator* old : app->findChildren<QTranslator*>(kInstalledName, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    QLocale::setDefault(locale);
    QStringList loaded;
    // Easel's own, installed with its resources; then Qt's (standard dialogs, context menus).
    const std::pair<QString, QString> catalogues[]
        = { { QStringLiteral("easel"), resourcePath(QStringLiteral("translations")) },
              { QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath) } };
    for (const auto& [name, dir] : catalogues) {
        auto* translator = new QTranslator(app);
        translator->setObjectName(kInstalledName);
        if (translator->load(locale, name, QStringLiteral("_"), dir)
            && QCoreApplication::installTranslator(translator)) {
            loaded << translator->filePath();
        } else {
            delete translator;
        }
    }
    return loaded;
}

} // namespace easel
