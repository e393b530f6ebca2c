// SPDX-License-Identifier: MIT
#include "common/theme.h"
#include "common/translations.h"
#include "jobs/modelservice.h"
#include "mainwindow/mainwindow.h"
#include "settings/settings.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstring>

namespace {

const char kUsage[] = "Usage: easel [options] [IMAGE.png | STORY.json] [Qt options]\n"
                      "Easel: the Stable Diffusion studio. Makes images on your own machine, offline.\n"
                      "\n"
                      "Arguments:\n"
                      "  IMAGE.png        fill the recipe in from this image's parameters (Easel's or A1111's),\n"
                      "                   ready to make it again\n"
                      "  STORY.json       open this story board in the storyboard\n"
                      "\n"
                      "Options:\n"
                      "  --model PATH     start with this model selected (a .safetensors checkpoint or a\n"
                      "                   diffusers folder); it is added to your models\n"
                      "  -h, --help       show this help and exit\n"
                      "  -v, --version    show the version and exit\n"
                      "\n"
                      "Qt's options (-platform, -style, ...) and environment (QT_QPA_PLATFORM, ...) apply.\n"
                      "Without a model of your own, Easel selects its bundled tiny demo model (random weights).\n"
                      "easel-cli is the command-line front end; both share settings, queue and gallery.\n";

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
    // The system's language (LANG, LC_ALL...), before any widget or message is made: Easel's translation
    // from <resources>/translations, Qt's from its own folder.
    easel::installTranslations();

    QCommandLineParser parser;
    const QCommandLineOption model(QStringLiteral("model"), QString(), QStringLiteral("PATH"));
    parser.addOption(model);
    parser.addPositionalArgument(QStringLiteral("image"), QString());
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "easel: %s (see easel --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "easel: give at most one image or story (see easel --help)\n");
        return 2;
    }
    easel::StartOptions options;
    options.model = parser.value(model);
    const QString file = parser.positionalArguments().value(0);
    if (file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        options.story = file;
    else
        options.image = file;

    easel::applyTheme(easel::Settings().theme());
    // The first image of a new model never waits for the precision measurement (README, Settings).
    easel::ModelService::setMeasureInBackground(true);
    easel::MainWindow window(options);
    window.show();
    const int status = app.exec();
    easel::ModelService::stopBackgroundMeasuring(); // the window is closed: do not hold the exit for it
    return status;
}
