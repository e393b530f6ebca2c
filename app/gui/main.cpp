// SPDX-License-Identifier: MIT
#include "jobs/resources.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstring>

namespace {

const char kUsage[] = "Usage: easel [options] [Qt options]\n"
                      "Easel: the Stable Diffusion studio. Makes images on your own machine, offline.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help     show this help and exit\n"
                      "  -v, --version  show the version and exit\n"
                      "\n"
                      "Qt's options (-platform, -style, ...) and environment (QT_QPA_PLATFORM, ...) apply.\n"
                      "Without a model of your own, Easel selects its bundled tiny demo model (random weights).\n"
                      "easel-cli is the command-line front end.\n";

} // namespace

int main(int argc, char** argv)
{
    // --help and --version answer before QApplication exists, so they work without a display
    // (help2man runs them at build time to write the man page).
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) {
            std::printf("easel %s\n", EASEL_VERSION);
            return 0;
        }
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::fputs(kUsage, stdout);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Easel"));
    QApplication::setOrganizationName(QStringLiteral("Easel"));
    QApplication::setApplicationVersion(QStringLiteral(EASEL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.easel.Easel"));
    // Translations are installed with the resources (<resources>/translations/easel_<lang>.qm).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("easel"), QStringLiteral("_"),
            easel::resourcePath(QStringLiteral("translations"))))
        QApplication::installTranslator(&translator);
    easel::MainWindow window;
    window.show();
    return app.exec();
}
