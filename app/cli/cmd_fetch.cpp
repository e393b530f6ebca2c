// SPDX-License-Identifier: MIT
// easel-cli fetch: downloads a catalogue model (SD 1.5, 2.1, SDXL, SDXL-Turbo) or a tiny autoencoder (TAESD,
// TAESDXL) for full-size live previews; an interrupted download continues where it stopped.

#include "cliutil.h"
#include "commands.h"
#include "interrupts.h"
#include "progressline.h"

#include "backends/modeldownloader.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>


namespace easel::cli {

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1);
}

} // namespace

// Options, then one event loop wiring the downloader to the progress line and Ctrl-C: kept in one piece
// so the order of those connections stays visible.
int runFetch(const QStringList& args)
{
    QString models;
    QStringList ids;
    for (const CatalogueEntry& entry : ModelDownloader::catalogue()) {
        models += QStringLiteral("  %1 %2\n").arg(entry.id, -11).arg(entry.description);
        ids << entry.id;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Download a model file Easel uses, from the Hugging Face Hub:\n")
        + models
        + QStringLiteral(
            "Without --to it goes to Easel's models folder, where 'generate --preview taesd' finds TAESD.\n"
            "Run it again after an interruption: the download continues where it stopped.\n"
                         "EASEL_HUB_URL replaces https://huggingface.co (a mirror)."));
    parser.addPositionalArgument(QStringLiteral("MODEL"), ids.join(QStringLiteral(", ")) + QLatin1Char('.'));
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("Folder to save into (default: the model cache)."), QStringLiteral("DIR"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("Give up after S seconds without data (default 30)."), QStringLiteral("S"),
        QStringLiteral("30"));
    parser.addOption(to);
    parser.addOption(timeout);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("easel-cli fetch: expected exactly one MODEL (see --help)"));
        return 2;
    }
    const QString id = parser.positionalArguments().first();
    const std::optional<CatalogueEntry> entry = ModelDownloader::catalogueEntry(id);
    if (!entry) {
        QStringList known;
        for (const CatalogueEntry& e : ModelDownloader::catalogue())
            known << e.id;
        err(QStringLiteral("easel-cli fetch: unknown model '%1' (known: %2)")
                .arg(id, known.join(QStringLiteral(", "))));
        return 2;
    }
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600) {
        err(QStringLiteral("easel-cli fetch: --timeout must be a number of seconds from 0 to 3600"));
        return 2;
    }

    ModelDownloader downloader;
    downloader.setTimeout(int(seconds * 1000));
    out(QStringLiteral("fetching %1 from %2")
            .arg(id, ModelDownloader::entryUrl(*entry, downloader.hubUrl()).toDisplayString()));
    const QString folder = parser.value(to).isEmpty() ? ModelDownloader::cacheDir(*entry) : parser.value(to);
    if (const qint64 kept = ModelDownloader::partialSize(folder + QLatin1Char('/') + entry->fileName); kept > 0)
        out(QStringLiteral("continuing an interrupted download at %1 MB").arg(megabytes(kept)));

    ProgressLine line(id);
    QEventLoop loop;
    bool succeeded = false;
    QString error;
    QElapsedTimer sinceDrawn;
    QObject::connect(&downloader, &ModelDownloader::progress, &loop, [&](qint64 received, qint64 total) {
        if (sinceDrawn.isValid() && sinceDrawn.elapsed() < 100 && received != total)
            return;
        sinceDrawn.start();
        const QString percent = total > 0 ? QStringLiteral("  %1%").arg(100 * received / total) : QString();
        line.show(total > 0 ? double(received) / double(total) : 0.0,
            QStringLiteral("%1 / %2 MB%3")
                .arg(megabytes(received), total > 0 ? megabytes(total) : QStringLiteral("?"), percent));
    });
    QObject::connect(&downloader, &ModelDownloader::finished, &loop, [&](bool success, const QString& message) {
        succeeded = success;
        error = message;
        loop.quit();
    });
    // Signals only set a flag; the event loop polls it and cancels, so nothing half-written stays.
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &downloader, [&] {
        if (interrupts::happened())
            downloader.cancel();
    });
    interruptPoll.start(100);
    interrupts::install();

    downloader.fetch(id, parser.value(to));
    loop.exec();

    interrupts::uninstall();
    line.finish();
    if (!succeeded) {
        err(QStringLiteral("easel-cli fetch: ") + error);
        return interrupts::happened() ? 3 : 1;
    }
    out(QStringLiteral("saved %1").arg(downloader.request().destination));
    return 0;
}

} // namespace easel::cli
