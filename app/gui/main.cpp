// SPDX-License-Identifier: MIT
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Easel"));
    QApplication::setOrganizationName(QStringLiteral("Easel"));
    QApplication::setApplicationVersion(QStringLiteral(EASEL_VERSION));
    QTranslator translator; // translations are compiled into the binary under :/i18n
    if (translator.load(QLocale(), QStringLiteral("easel"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    easel::MainWindow window;
    window.show();
    return app.exec();
}
