// SPDX-License-Identifier: MIT
// easel-cli bench: times model load, text encoding, UNet steps, VAE decode, previews and a whole
// image for several variants side by side. The measuring, and the checks of its settings, live in
// the engine's bench library (engine/bench/bench.h, no libtorch header), which easel-bench shares.

#include "cliutil.h"
#include "commands.h"

#include "engine/bench/bench.h"
#include "engine/common/error.h"
#include "jobs/resources.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

namespace easel::cli {

// Long only by its flat table of options; the benchmark itself is engine::runBench.
int runBench(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Time a generation phase by phase: model load (cold and warm), text encoding, one UNet step with\n"
        "classifier-free guidance (batch 2), VAE decode, approx and TAESD previews, a whole image, peak RSS.\n"
        "Each figure is the median of several runs after a warm-up; variants run side by side in one process.\n"
        "Without --model, a full-size model with random weights of the real SD 1.5 / SDXL shapes is written\n"
        "to a temporary folder (or --save-model DIR) and timed. Benchmarks measure; they assert nothing.\n"
        "easel-bench is the same benchmark without Qt (built by the engine-only preset)."));
    const QCommandLineOption arch(QStringLiteral("arch"), QStringLiteral("Random model: sd15 or sdxl (default sd15)."),
        QStringLiteral("ARCH"), QStringLiteral("sd15"));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("Checkpoint (.safetensors) or diffusers folder instead of a random model."), QStringLiteral("PATH"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("WxH in pixels (default: the model's native size)."),
        QStringLiteral("WxH"));
    const QCommandLineOption steps(QStringLiteral("steps"),
        QStringLiteral("Steps of the whole-image run (default 20; 0 skips it)."), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Timed runs per phase after one warm-up (default 3)."),
        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption device(QStringLiteral("device"), QStringLiteral("auto|cpu|cuda (default auto)."),
        QStringLiteral("DEV"), QStringLiteral("auto"));
    const QCommandLineOption dtype(QStringLiteral("dtype"),
        QStringLiteral("auto|fp32|bf16|fp16|int8 when no --variants are given (auto: fp16 on CUDA; on the CPU each component's precision and layout measured, never slower than fp32; int8: the UNet's convolutions and linear layers in int8, CPU only). With a variant named fp32 among --variants, every other one's difference to it is shown."),
        QStringLiteral("TYPE"), QStringLiteral("auto"));
    const QCommandLineOption variants(QStringLiteral("variants"),
        QStringLiteral("Comma-separated variants timed side by side: a dtype (fp32, bf16, fp16, int8, auto), optionally\n"
                       "followed by -cl (channels_last), -fused / -blocked / -sliced / -matmul / -sdpa (attention)\n"
                       "and -libtorch (bf16 convolutions and linear layers through libtorch, not oneDNN directly),\n"
                       "-malloc (no CPU block cache) and -keep (plain weights kept beside the packed ones), e.g.\n"
                       "fp32,bf16-cl,bf16-cl-libtorch."),
        QStringLiteral("LIST"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: one per core)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption taesd(QStringLiteral("taesd"),
        QStringLiteral("TAESD decoder (.safetensors) for the TAESD preview (default: the random model's own)."), QStringLiteral("FILE"));
    const QCommandLineOption saveModel(QStringLiteral("save-model"),
        QStringLiteral("Write the random model as a diffusers folder here and keep it (for 'easel-cli generate --model DIR')."),
        QStringLiteral("DIR"));
    const QCommandLineOption saveOnly(QStringLiteral("save-only"), QStringLiteral("With --save-model: write the model, time nothing."));
    const QCommandLineOption noProfile(QStringLiteral("no-profile"),
        QStringLiteral("Skip the profile of one UNet step and one VAE decode by kind of operation (time share, GFLOP/s)\n"
                       "and the measurement of the machine's peak (a large GEMM and convolution, fp32 and bf16)."));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Also write the table (Markdown) to this file."),
        QStringLiteral("FILE"));
    const QCommandLineOption stepCache(QStringLiteral("step-cache"),
        QStringLiteral("Comma-separated step-cache intervals (2 to 10), e.g. 2,3: the whole image again with each, with its\n"
                       "time per step and its difference to the plain image (mean absolute difference, PSNR)."),
        QStringLiteral("LIST"));
    const QCommandLineOption tokenMerge(QStringLiteral("token-merge"),
        QStringLiteral("Comma-separated token merging ratios (above 0, at most 0.75), e.g. 0.3,0.5: the whole image again with\n"
                       "each, with its time per step, its speed-up over the plain step and its difference to the plain\n"
                       "image (mean absolute difference, PSNR)."),
        QStringLiteral("LIST"));
    for (const QCommandLineOption* o :
        { &arch, &model, &size, &steps, &runs, &device, &dtype, &variants, &threads, &taesd, &saveModel, &saveOnly, &noProfile, &output, &stepCache, &tokenMerge })
        parser.addOption(*o);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    auto usageError = [](const QString& message) {
        err(QStringLiteral("easel-cli bench: ") + message);
        return 2;
    };
    auto integer = [&](const QCommandLineOption& o, int& target) {
        bool ok = false;
        target = parser.value(o).toInt(&ok);
        return ok;
    };

    engine::BenchSettings settings;
    settings.arch = parser.value(arch).toStdString();
    settings.model = parser.value(model).toStdString();
    settings.saveModelDir = parser.value(saveModel).toStdString();
    settings.saveOnly = parser.isSet(saveOnly);
    settings.profile = !parser.isSet(noProfile);
    settings.taesd = parser.value(taesd).toStdString();
    settings.vocabularyDir = resourcePath(QStringLiteral("clip")).toStdString();
    settings.device = parser.value(device).toStdString();
    settings.variants = (parser.isSet(variants) ? parser.value(variants) : parser.value(dtype)).toStdString();
    if (parser.isSet(size)) {
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(parser.value(size));
        if (!m.hasMatch())
            return usageError(QStringLiteral("--size must look like 512x512"));
        settings.width = m.captured(1).toInt();
        settings.height = m.captured(2).toInt();
    }
    if (!integer(steps, settings.steps) || !integer(runs, settings.runs) || !integer(threads, settings.threads))
        return usageError(QStringLiteral("--steps, --runs and --threads take whole numbers"));
    if (parser.isSet(stepCache)) {
        for (const QString& item : parser.value(stepCache).split(QLatin1Char(','))) {
            bool ok = false;
            settings.stepCaches.push_back(item.toInt(&ok));
            if (!ok)
                return usageError(QStringLiteral("--step-cache takes whole numbers separated by commas"));
        }
    }
    if (parser.isSet(tokenMerge)) {
        for (const QString& item : parser.value(tokenMerge).split(QLatin1Char(','))) {
            bool ok = false;
            settings.tokenMerges.push_back(item.toDouble(&ok));
            if (!ok)
                return usageError(QStringLiteral("--token-merge takes numbers separated by commas"));
        }
    }
    try {
        engine::validateBenchSettings(settings);
    } catch (const engine::EngineError& e) {
        return usageError(QString::fromUtf8(e.what()));
    }

    try {
        settings.log = [](const std::string& line) { err(QStringLiteral("bench: ") + QString::fromStdString(line)); };
        const QString report = QString::fromStdString(engine::runBench(settings));
        out(report.trimmed());
        if (parser.isSet(output)) {
            QFile file(parser.value(output));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(report.toUtf8()) < 0) {
                err(QStringLiteral("easel-cli bench: cannot write %1").arg(parser.value(output)));
                return 1;
            }
        }
    } catch (const engine::EngineError& e) {
        err(QStringLiteral("easel-cli bench: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    return 0;
}

} // namespace easel::cli
