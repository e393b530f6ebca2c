// SPDX-License-Identifier: MIT
#include "mainwindow/mainwindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Easel"));
    QApplication::setOrganizationName(QStringLiteral("Easel"));
    QApplication::setApplicationVersion(QStringLiteral(EASEL_VERSION));
    easel::MainWindow window;
    window.show();
    return app.exec();
}
