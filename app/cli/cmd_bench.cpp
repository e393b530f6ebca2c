// SPDX-License-Identifier: MIT
// easel-cli bench: times model load, text encoding, UNet steps, VAE decode, previews and a whole
// image for several variants side by side (the measuring itself lives in the engine).

#include "cliutil.h"
#include "commands.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/benchmark.h"
#include "jobs/resources.h"

#include <torch/cuda.h>

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

namespace easel::cli {

int runBench(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Time a generation phase by phase: model load (cold and warm), text encoding, one UNet step with\n"
        "classifier-free guidance (batch 2), VAE decode, approx and TAESD previews, a whole image, peak RSS.\n"
        "Each figure is the median of several runs after a warm-up; variants run side by side in one process.\n"
        "Without --model, a full-size model with random weights of the real SD 1.5 / SDXL shapes is written\n"
        "to a temporary folder (or --save-model DIR) and timed. Benchmarks measure; they assert nothing."));
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
        QStringLiteral("auto|fp32|bf16|fp16 when no --variants are given (auto: bf16 on CPUs with native bf16, fp16 on CUDA, else fp32)."),
        QStringLiteral("TYPE"), QStringLiteral("auto"));
    const QCommandLineOption variants(QStringLiteral("variants"),
        QStringLiteral("Comma-separated variants timed side by side: a dtype (fp32, bf16, fp16, auto), optionally\n"
                       "followed by -cl (channels_last) and -sliced / -matmul / -sdpa (attention), e.g. fp32,bf16,bf16-cl."),
        QStringLiteral("LIST"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: one per core)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption taesd(QStringLiteral("taesd"),
        QStringLiteral("TAESD decoder (.safetensors) for the TAESD preview (default: the random model's own)."), QStringLiteral("FILE"));
    const QCommandLineOption saveModel(QStringLiteral("save-model"),
        QStringLiteral("Write the random model as a diffusers folder here and keep it (for 'easel-cli generate --model DIR')."),
        QStringLiteral("DIR"));
    const QCommandLineOption saveOnly(QStringLiteral("save-only"), QStringLiteral("With --save-model: write the model, time nothing."));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Also write the table (Markdown) to this file."),
        QStringLiteral("FILE"));
    for (const QCommandLineOption* o :
        { &arch, &model, &size, &steps, &runs, &device, &dtype, &variants, &threads, &taesd, &saveModel, &saveOnly, &output })
        parser.addOption(*o);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    auto usageError = [](const QString& message) {
        err(QStringLiteral("easel-cli bench: ") + message);
        return 2;
    };
    auto integer = [&](const QCommandLineOption& o, int low, int high, int& target) {
        bool ok = false;
        const int v = parser.value(o).toInt(&ok);
        if (!ok || v < low || v > high)
            return false;
        target = v;
        return true;
    };

    engine::BenchOptions options;
    const QString archName = parser.value(arch);
    if (archName == QLatin1String("sd15"))
        options.arch = engine::BenchArch::SD15;
    else if (archName == QLatin1String("sdxl"))
        options.arch = engine::BenchArch::SDXL;
    else
        return usageError(QStringLiteral("unknown --arch '%1' (use sd15 or sdxl)").arg(archName));
    options.modelPath = parser.value(model).toStdString();
    options.saveModelDir = parser.value(saveModel).toStdString();
    if (!options.modelPath.empty() && !options.saveModelDir.empty())
        return usageError(QStringLiteral("--save-model writes a random model; it cannot be combined with --model"));
    if (parser.isSet(saveOnly) && options.saveModelDir.empty())
        return usageError(QStringLiteral("--save-only needs --save-model DIR"));
    options.taesdPath = parser.value(taesd).toStdString();
    options.vocabularyDir = resourcePath(QStringLiteral("clip")).toStdString();
    if (parser.isSet(size)) {
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(parser.value(size));
        if (!m.hasMatch())
            return usageError(QStringLiteral("--size must look like 512x512"));
        options.width = m.captured(1).toInt();
        options.height = m.captured(2).toInt();
        if (options.width < 8 || options.height < 8 || options.width > 8192 || options.height > 8192
            || options.width % 8 || options.height % 8)
            return usageError(QStringLiteral("--size: width and height must be multiples of 8 from 8 to 8192"));
    }
    if (!integer(steps, 0, 1000, options.steps))
        return usageError(QStringLiteral("--steps must be a whole number from 0 to 1000"));
    if (!integer(runs, 1, 100, options.runs))
        return usageError(QStringLiteral("--runs must be a whole number from 1 to 100"));
    int threadCount = 0;
    if (!integer(threads, 0, 1024, threadCount))
        return usageError(QStringLiteral("--threads must be a whole number from 0 to 1024"));

    const QString deviceName = parser.value(device);
    if (deviceName == QLatin1String("cuda") || (deviceName == QLatin1String("auto") && torch::cuda::is_available()))
        options.device = c10::Device(c10::kCUDA);
    else if (deviceName != QLatin1String("cpu") && deviceName != QLatin1String("auto"))
        return usageError(QStringLiteral("unknown --device '%1' (use auto, cpu or cuda)").arg(deviceName));
    if (options.device.is_cuda() && !torch::cuda::is_available())
        return usageError(QStringLiteral("--device cuda: this build of libtorch has no usable CUDA device"));

    try {
        options.variants = engine::parseBenchVariants(
            (parser.isSet(variants) ? parser.value(variants) : parser.value(dtype)).toStdString(), options.device);
        engine::configureThreads(threadCount);
        options.log = [](const std::string& line) { err(QStringLiteral("bench: ") + QString::fromStdString(line)); };
        if (parser.isSet(saveOnly)) {
            engine::writeRandomModel(options.saveModelDir, options.arch, options.vocabularyDir, 1, options.log);
            out(QStringLiteral("wrote %1").arg(parser.value(saveModel)));
            return 0;
        }
        const engine::BenchReport report = engine::runBenchmark(options);
        const QString table = QString::fromStdString(engine::formatBenchReport(report));
        out(table);
        if (parser.isSet(output)) {
            QFile file(parser.value(output));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(table.toUtf8()) < 0) {
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
