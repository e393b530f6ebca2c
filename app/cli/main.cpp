// SPDX-License-Identifier: MIT
// easel-cli: the headless front end of Easel (QtCore only).

#include "cliutil.h"
#include "commands.h"

#include "engine/common/runtime.h"

#include <QCoreApplication>

#include <exception>

namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList&);
};

const Command kCommands[] = {
    { "info", "Describe a model: layout, architecture, components, dtypes, parameter counts, licence.",
        easel::cli::runInfo },
    { "generate", "Make images from a prompt (txt2img) or from an image and a prompt (img2img).",
        easel::cli::runGenerate },
    { "batch", "Make one image per entry of a JSON prompt list (video frames), resumable.", easel::cli::runBatch },
    { "compose", "Character + background from two prompts, cut out and merged into one picture.",
        easel::cli::runCompose },
    { "enhance", "Sharpen / adjust contrast, colour, brightness, unsharp mask (Pillow semantics).",
        easel::cli::runEnhance },
    { "merge", "Cut a character out of its backdrop and composite it onto a background.", easel::cli::runMerge },
    { "attribute", "Add a visible watermark and AI-provenance metadata to a copy of an image.",
        easel::cli::runAttribute },
    { "check", "Quality flags for an image: nearly black, nearly white, uniform.", easel::cli::runCheck },
    { "bench", "Time load, text encoding, UNet step, VAE decode, previews and peak memory, variants side by side.",
        easel::cli::runBench },
    { "fetch", "Download the TAESD / TAESDXL preview decoders from the Hugging Face Hub (or EASEL_HUB_URL).",
        easel::cli::runFetch },
    { "gallery", "Index, search, rate and export the images of the gallery folders (Easel, A1111, ComfyUI, ...).",
        easel::cli::runGallery },
    { "queue", "List the studio's job queue as last saved: finished, running and waiting jobs.",
        easel::cli::runQueue },
    { "styles", "List the styles 'generate --style' applies: built-in ones and the JSON files of the styles folder.",
        easel::cli::runStyles },
    { "story", "Story boards: print the shots' built prompts, render shots x takes with locked seeds, export keyframes.",
        easel::cli::runStory },
};

QString usage()
{
    QString text = QStringLiteral(
        "Usage: easel-cli <command> [options]\n"
        "Easel: Stable Diffusion on your own machine, offline.\n\nCommands:\n");
    for (const Command& c : kCommands)
        text += QStringLiteral("  %1 %2\n").arg(QLatin1String(c.name), -10).arg(QLatin1String(c.summary));
    text += QStringLiteral("\n'easel-cli <command> --help' shows a command's options.\n"
                           "Without --model, commands use the bundled tiny demo model (random weights).");
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("easel-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EASEL_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        easel::cli::out(usage());
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        easel::cli::out(QStringLiteral("easel-cli " EASEL_VERSION " (%1)")
                            .arg(QString::fromStdString(easel::engine::runtimeDescription())));
        return 0;
    }
    const QString name = args[1];
    for (const Command& c : kCommands) {
        if (name != QLatin1String(c.name))
            continue;
        args.removeAt(1);
        args[0] = QStringLiteral("easel-cli ") + name;
        try {
            return c.run(args);
        } catch (const std::exception& e) {
            // Last line of defence: commands report their own errors; this keeps a bug from
            // turning into a crash.
            // One line: a library's exception may carry a backtrace on the lines after its message.
            const QString what = QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0).trimmed();
            easel::cli::err(QStringLiteral("easel-cli %1: %2").arg(name, what));
            return 1;
        }
    }
    easel::cli::err(QStringLiteral("easel-cli: unknown command '%1' (see easel-cli --help)").arg(name));
    return 2;
}
