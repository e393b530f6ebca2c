// SPDX-License-Identifier: MIT
// easel-cli generate and easel-cli batch: text-to-image and image-to-image from the command line.

#include "cliutil.h"
#include "commands.h"

#include "backends/modeldownloader.h"
#include "batch/batchmetadata.h"
#include "batch/outputplan.h"
#include "batch/promptlist.h"
#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/weights/safetensors.h"
#include "imaging/imageio.h"
#include "jobs/compose.h"
#include "jobs/generationjob.h"

#include <ATen/ATen.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace easel::cli {

namespace {

std::atomic<engine::CancelToken*> g_cancel { nullptr };
std::atomic<bool> g_interrupted { false };

extern "C" void onInterrupt(int)
{
    // Async-signal-safe: atomic loads and stores. The job stops at its next step; an interrupt
    // that comes before the job exists is remembered by watchInterrupts().
    g_interrupted.store(true);
    if (engine::CancelToken* token = g_cancel.load())
        token->cancel(engine::CancelMode::Now);
}

/// Routes Ctrl-C / SIGTERM to `token` from now on, including one that already arrived.
void watchInterrupts(engine::CancelToken& token)
{
    g_cancel.store(&token);
    if (g_interrupted.load())
        token.cancel(engine::CancelMode::Now);
}

/// Catches Ctrl-C from the start of a command, so an early one cancels instead of killing the process.
void installInterruptHandler()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

/// The generation flags `generate` and `batch` share.
struct GenerationOptions {
    QCommandLineOption model { QStringLiteral("model"), QStringLiteral("Checkpoint (.safetensors) or diffusers folder; default: the bundled tiny demo model."), QStringLiteral("PATH") };
    QCommandLineOption negative { QStringLiteral("negative-prompt"), QStringLiteral("What to keep out of the image."), QStringLiteral("TEXT") };
    QCommandLineOption steps { QStringLiteral("steps"), QStringLiteral("Sampling steps (default 20)."), QStringLiteral("N"), QStringLiteral("20") };
    QCommandLineOption guidance { QStringLiteral("guidance"), QStringLiteral("Classifier-free guidance scale (default 7.5; 1 turns it off)."), QStringLiteral("X"), QStringLiteral("7.5") };
    QCommandLineOption sampler { QStringLiteral("sampler"), QStringLiteral("euler|euler_a|heun|dpmpp_2m|ddim|pndm|lcm|unipc (default: the model's own scheduler)."), QStringLiteral("NAME") };
    QCommandLineOption schedule { QStringLiteral("schedule"), QStringLiteral("Sigma schedule: default|karras."), QStringLiteral("NAME") };
    QCommandLineOption spacing { QStringLiteral("timestep-spacing"), QStringLiteral("leading|trailing|linspace (default: the model's)."), QStringLiteral("NAME") };
    QCommandLineOption width { QStringLiteral("width"), QStringLiteral("Width in pixels, a multiple of 8 (default: the model's native size)."), QStringLiteral("W") };
    QCommandLineOption height { QStringLiteral("height"), QStringLiteral("Height in pixels, a multiple of 8."), QStringLiteral("H") };
    QCommandLineOption seed { QStringLiteral("seed"), QStringLiteral("Seed; image k of a run uses seed + k (default: random)."), QStringLiteral("S") };
    QCommandLineOption batchSize { QStringLiteral("batch-size"), QStringLiteral("Images per batch (default 1)."), QStringLiteral("N"), QStringLiteral("1") };
    QCommandLineOption preview { QStringLiteral("preview"), QStringLiteral("Live previews: none|approx|taesd (default approx; the CLI shows progress only)."), QStringLiteral("MODE"), QStringLiteral("approx") };
    QCommandLineOption taesd { QStringLiteral("taesd"), QStringLiteral("TAESD decoder (.safetensors) for --preview taesd."), QStringLiteral("FILE") };
    QCommandLineOption device { QStringLiteral("device"), QStringLiteral("auto|cpu|cuda (default auto)."), QStringLiteral("DEV"), QStringLiteral("auto") };
    QCommandLineOption dtype { QStringLiteral("dtype"), QStringLiteral("auto|fp32|fp16|bf16 (default auto: fp16 on CUDA, bf16 on CPUs with native bf16, else fp32; fp32 matches diffusers exactly)."), QStringLiteral("TYPE"), QStringLiteral("auto") };
    QCommandLineOption threads { QStringLiteral("threads"), QStringLiteral("CPU threads (default: one per core)."), QStringLiteral("N"), QStringLiteral("0") };
    QCommandLineOption syntax { QStringLiteral("prompt-syntax"), QStringLiteral("a1111 (emphasis, long prompts) or plain (brackets literal, as diffusers)."), QStringLiteral("SYNTAX"), QStringLiteral("a1111") };
    QCommandLineOption clipSkip { QStringLiteral("clip-skip"), QStringLiteral("A1111 clip skip: 1 = last layer (default), 2 = penultimate."), QStringLiteral("N"), QStringLiteral("1") };
    QCommandLineOption overwrite { QStringLiteral("overwrite"), QStringLiteral("Replace existing output files.") };

    void addTo(QCommandLineParser& parser)
    {
        for (QCommandLineOption* o : { &model, &negative, &steps, &guidance, &sampler, &schedule, &spacing, &width, &height,
                 &seed, &batchSize, &preview, &taesd, &device, &dtype, &threads, &syntax, &clipSkip, &overwrite })
            parser.addOption(*o);
    }

    /// Fills the request from the parser; returns a message for bad values.
    QString read(const QCommandLineParser& parser, GenerationRequest& request) const
    {
        engine::GenerationParams& p = request.params;
        auto integer = [&](const QCommandLineOption& o, int low, int high, int& target) -> QString {
            if (!parser.isSet(o) && o.defaultValues().isEmpty())
                return {};
            bool ok = false;
            const int v = parser.value(o).toInt(&ok);
            if (!ok || v < low || v > high)
                return QStringLiteral("--%1 must be a whole number from %2 to %3").arg(o.names().first()).arg(low).arg(high);
            target = v;
            return {};
        };
        request.modelPath = parser.value(model);
        if (parser.isSet(negative)) {
            p.negativePrompt = parser.value(negative).toStdString();
            p.hasNegativePrompt = true;
        } else {
            p.hasNegativePrompt = false; // diffusers' negative_prompt=None
        }
        QString e;
        if (!(e = integer(steps, 1, 1000, p.steps)).isEmpty())
            return e;
        bool ok = false;
        p.guidance = parser.value(guidance).toDouble(&ok);
        if (!ok || p.guidance < 0 || p.guidance > 100)
            return QStringLiteral("--guidance must be a number from 0 to 100");
        try {
            if (parser.isSet(sampler))
                p.sampler = engine::parseSamplerKind(parser.value(sampler).toStdString());
            if (parser.isSet(schedule))
                p.schedule = engine::parseSigmaSchedule(parser.value(schedule).toStdString());
            if (parser.isSet(spacing))
                p.spacing = engine::parseTimestepSpacing(parser.value(spacing).toStdString());
            p.preview = engine::parsePreviewMode(parser.value(preview).toStdString());
        } catch (const engine::EngineError& error) {
            return QString::fromUtf8(error.what());
        }
        if (parser.isSet(width) && !(e = integer(width, 8, 8192, p.width)).isEmpty())
            return e;
        if (parser.isSet(height) && !(e = integer(height, 8, 8192, p.height)).isEmpty())
            return e;
        if ((p.width % 8) != 0 || (p.height % 8) != 0)
            return QStringLiteral("size %1x%2 is not a multiple of 8").arg(p.width).arg(p.height);
        if (parser.isSet(seed)) {
            const qulonglong s = parser.value(seed).toULongLong(&ok);
            if (!ok)
                return QStringLiteral("--seed must be a non-negative whole number");
            p.seed = s;
        } else {
            p.seed = QRandomGenerator::system()->bounded(quint32(0xFFFFFFFFu));
        }
        if (!(e = integer(batchSize, 1, 64, p.batchSize)).isEmpty())
            return e;
        int skip = 1;
        if (!(e = integer(clipSkip, 1, 12, skip)).isEmpty())
            return e;
        p.clipSkip = skip - 1;
        const QString s = parser.value(syntax);
        if (s == QLatin1String("a1111"))
            p.promptSyntax = engine::PromptSyntax::A1111;
        else if (s == QLatin1String("plain"))
            p.promptSyntax = engine::PromptSyntax::Plain;
        else
            return QStringLiteral("--prompt-syntax must be a1111 or plain");
        request.taesdPath = parser.value(taesd);
        request.device = parser.value(device);
        request.dtype = parser.value(dtype);
        request.overwrite = parser.isSet(overwrite);
        int n = 0;
        if (!(e = integer(threads, 0, 1024, n)).isEmpty())
            return e;
        engine::configureThreads(n);
        return {};
    }
};

/// A one-line progress bar on a terminal; nothing when stderr is not one (logs, pipes, CI).
class ProgressBar : public engine::GenerationObserver {
public:
    explicit ProgressBar(QString label)
        : m_label(std::move(label))
        , m_tty(::isatty(STDERR_FILENO) == 1)
    {
    }
    void onStep(const engine::StepInfo& s) override
    {
        if (!m_tty)
            return;
        const int width = 30;
        const int filled = s.steps > 0 ? width * s.step / s.steps : width;
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
        const QString batch = s.batches > 1 ? QStringLiteral(" batch %1/%2").arg(s.batch + 1).arg(s.batches) : QString();
        const QByteArray line = QStringLiteral("\r%1 [%2] %3/%4%5  %6 s, ETA %7 s ")
                                    .arg(m_label, bar)
                                    .arg(s.step)
                                    .arg(s.steps)
                                    .arg(batch)
                                    .arg(s.elapsedSec, 0, 'f', 1)
                                    .arg(s.etaSec, 0, 'f', 1)
                                    .toUtf8();
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
        m_dirty = true;
    }
    void finish()
    {
        if (m_dirty)
            std::fputc('\n', stderr);
        m_dirty = false;
    }

private:
    QString m_label;
    bool m_tty;
    bool m_dirty = false;
};

QString hashCacheDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/easel-cache");
    QDir().mkpath(dir);
    return dir;
}

int exitCodeFor(engine::Outcome outcome)
{
    switch (outcome) {
    case engine::Outcome::Completed: return 0;
    case engine::Outcome::Cancelled: return 3;
    case engine::Outcome::Failed: break;
    }
    return 1;
}

void writeLatents(const QString& path, const engine::GenerationResult& result)
{
    std::vector<at::Tensor> rows;
    for (const engine::GeneratedImage& image : result.images)
        rows.push_back(image.latents);
    if (!rows.empty())
        engine::writeSafetensors(path.toStdString(), { { "latents", at::stack(rows) } }, { { "format", "pt" } });
}

/// `--preview taesd` without --taesd: the decoder `easel-cli fetch` put in the cache for the model's
/// family. Returns a one-line message when there is none.
QString useCachedTaesd(GenerationJob& job, GenerationRequest& request)
{
    if (request.params.preview != engine::PreviewMode::Taesd || !request.taesdPath.isEmpty())
        return {};
    engine::ModelFamily family = engine::ModelFamily::Unknown;
    try {
        family = job.model(request)->family();
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    const bool sdxl = family == engine::ModelFamily::SDXLBase || family == engine::ModelFamily::SDXLRefiner;
    const QString id = sdxl ? QStringLiteral("taesdxl") : QStringLiteral("taesd");
    const QString path = ModelDownloader::cachedPath(*ModelDownloader::catalogueEntry(id));
    if (!QFileInfo::exists(path))
        return QStringLiteral("--preview taesd needs the %1 decoder: run 'easel-cli fetch %1' (or pass --taesd FILE)")
            .arg(id);
    request.taesdPath = path;
    return {};
}

} // namespace

int runGenerate(const QStringList& args)
{
    installInterruptHandler();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generate images from a prompt (txt2img), or from an image and a prompt (img2img, --init-image).\n"
        "Every PNG carries its parameters (A1111 'parameters' text and Easel's JSON). Without --model the "
        "bundled tiny demo model is used: its random weights make noise, quickly."));
    GenerationOptions common;
    const QCommandLineOption prompt(QStringLiteral("prompt"), QStringLiteral("What to draw."), QStringLiteral("TEXT"));
    const QCommandLineOption initImage(QStringLiteral("init-image"), QStringLiteral("img2img source image."), QStringLiteral("FILE"));
    const QCommandLineOption strength(QStringLiteral("strength"), QStringLiteral("img2img: how much to change, (0, 1] (default 0.75)."), QStringLiteral("X"), QStringLiteral("0.75"));
    const QCommandLineOption initLatents(QStringLiteral("init-latents"), QStringLiteral("Initial noise as drawn (safetensors, key 'latents', NCHW float32) instead of the seed's."), QStringLiteral("FILE"));
    const QCommandLineOption saveLatents(QStringLiteral("save-latents"), QStringLiteral("Write the final latents (before VAE decoding) as safetensors, key 'latents'."), QStringLiteral("FILE"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Output PNG (default easel-<seed>.png); several images: <stem>-<seed>.png."), QStringLiteral("FILE.png"));
    for (const QCommandLineOption* o : { &prompt, &initImage, &strength, &initLatents, &saveLatents, &output })
        parser.addOption(*o);
    common.addTo(parser);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        err(QStringLiteral("easel-cli generate: unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()));
        return 2;
    }
    if (!parser.isSet(prompt)) {
        err(QStringLiteral("easel-cli generate: --prompt is required"));
        return 2;
    }

    GenerationRequest request;
    request.params.prompt = parser.value(prompt).toStdString();
    if (const QString e = common.read(parser, request); !e.isEmpty()) {
        err(QStringLiteral("easel-cli generate: ") + e);
        return 2;
    }
    bool ok = false;
    request.params.strength = parser.value(strength).toDouble(&ok);
    if (!ok || request.params.strength <= 0 || request.params.strength > 1) {
        err(QStringLiteral("easel-cli generate: --strength must be in (0, 1]"));
        return 2;
    }
    request.initImagePath = parser.value(initImage);
    request.initLatentsPath = parser.value(initLatents);
    request.saveLatentsPath = parser.value(saveLatents);
    request.outputPath = parser.isSet(output) ? parser.value(output) : QStringLiteral("easel-%1.png").arg(request.params.seed);

    engine::ModelCache cache(int64_t(64) << 30);
    GenerationJob job(cache, hashCacheDir());
    if (const QString e = useCachedTaesd(job, request); !e.isEmpty()) {
        err(QStringLiteral("easel-cli generate: ") + e);
        return 1;
    }
    if (const QString e = job.prepare(request); !e.isEmpty()) {
        err(QStringLiteral("easel-cli generate: ") + e);
        return 1;
    }
    engine::CancelToken cancel;
    watchInterrupts(cancel);
    ProgressBar bar(QStringLiteral("generating"));
    const GenerationOutput result = job.run(request, &bar, &cancel);
    bar.finish();
    g_cancel.store(nullptr);
    for (const QString& file : result.files)
        out(QStringLiteral("saved %1").arg(file));
    if (result.outcome == engine::Outcome::Completed && !request.saveLatentsPath.isEmpty()) {
        try {
            writeLatents(request.saveLatentsPath, result.result);
            out(QStringLiteral("saved latents %1").arg(request.saveLatentsPath));
        } catch (const engine::EngineError& e) {
            err(QStringLiteral("easel-cli generate: ") + QString::fromUtf8(e.what()));
            return 1;
        }
    }
    for (const engine::GeneratedImage& image : result.result.images) {
        if (image.quality.any())
            err(QStringLiteral("warning: image %1 (seed %2) looks %3").arg(image.index).arg(image.seed)
                    .arg(image.quality.nonFinite ? QStringLiteral("broken (NaN)")
                            : image.quality.nearlyBlack ? QStringLiteral("nearly black")
                            : image.quality.nearlyWhite ? QStringLiteral("nearly white")
                                                        : QStringLiteral("uniform")));
    }
    for (const std::string& note : result.result.notes)
        err(QStringLiteral("note: ") + QString::fromStdString(note));
    if (result.outcome == engine::Outcome::Failed)
        err(QStringLiteral("easel-cli generate: ") + result.error);
    else if (result.outcome == engine::Outcome::Cancelled)
        err(QStringLiteral("easel-cli generate: cancelled"));
    else
        out(QStringLiteral("done in %1 s").arg(result.result.seconds, 0, 'f', 2));
    return exitCodeFor(result.outcome);
}

int runBatch(const QStringList& args)
{
    installInterruptHandler();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generate one image per entry of a prompt list, e.g. the frames of a video:\n"
        "  {\"video_name\": \"...\", \"prompts\": [{\"timestamp\": 3.5, \"prompt\": \"...\", \"negative_prompt\": \"...\", \"seed\": 7}]}\n"
        "(or a bare array of such entries). Images go to DIR/<video_name>/frame_<milliseconds>.png with "
        "metadata.json beside them. Frames already written are skipped, so an interrupted batch resumes."));
    parser.addPositionalArgument(QStringLiteral("PROMPTS.json"), QStringLiteral("The prompt list."));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"), QStringLiteral("Where the video's folder goes (default: current directory)."), QStringLiteral("DIR"), QStringLiteral("."));
    parser.addOption(outputDir);
    GenerationOptions common;
    common.addTo(parser);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("easel-cli batch: expected exactly one PROMPTS.json (see --help)"));
        return 2;
    }
    GenerationRequest base;
    if (const QString e = common.read(parser, base); !e.isEmpty()) {
        err(QStringLiteral("easel-cli batch: ") + e);
        return 2;
    }
    QString error;
    const std::optional<PromptList> list = PromptList::fromFile(parser.positionalArguments().first(), &error);
    if (!list) {
        err(QStringLiteral("easel-cli batch: ") + error);
        return 1;
    }
    OutputPlan plan(*list, parser.value(outputDir));
    if (!plan.createOutputDir(&error)) {
        err(QStringLiteral("easel-cli batch: ") + error);
        return 1;
    }
    engine::ModelCache cache(int64_t(64) << 30);
    GenerationJob job(cache, hashCacheDir());
    if (const QString e = useCachedTaesd(job, base); !e.isEmpty()) {
        err(QStringLiteral("easel-cli batch: ") + e);
        return 1;
    }
    engine::CancelToken cancel;
    watchInterrupts(cancel);

    const QList<PlannedFrame> pending = plan.pendingFrames();
    const int skipped = int(plan.frames().size() - pending.size());
    if (skipped > 0)
        out(QStringLiteral("%1 of %2 frames already written: resuming").arg(skipped).arg(plan.frames().size()));
    engine::Outcome outcome = engine::Outcome::Completed;
    QString failure;
    int made = 0;
    engine::GenerationParams resolvedSize = base.params;
    for (const PlannedFrame& frame : pending) {
        GenerationRequest request = base;
        request.params.prompt = frame.entry.prompt.toStdString();
        if (!frame.entry.negativePrompt.isEmpty()) {
            request.params.negativePrompt = frame.entry.negativePrompt.toStdString();
            request.params.hasNegativePrompt = true;
        }
        request.params.batchSize = 1;
        request.params.seed = frame.entry.seed ? quint64(*frame.entry.seed) : base.params.seed + quint64(frame.entry.index);
        request.outputPath = frame.path;
        if (const QString e = job.prepare(request); !e.isEmpty()) {
            err(QStringLiteral("easel-cli batch: ") + e);
            return 1;
        }
        ProgressBar bar(QFileInfo(frame.path).fileName());
        const GenerationOutput result = job.run(request, &bar, &cancel);
        bar.finish();
        outcome = result.outcome;
        if (outcome != engine::Outcome::Completed) {
            failure = result.error;
            break;
        }
        resolvedSize.width = result.result.width;
        resolvedSize.height = result.result.height;
        ++made;
        out(QStringLiteral("saved %1 (%2 s)").arg(frame.path).arg(result.result.seconds, 0, 'f', 2));
    }

    plan.refresh();
    if (resolvedSize.width <= 0 && !plan.completedFrames().isEmpty()) {
        // Nothing was generated in this run (all frames existed): the size is the frames' own.
        const cv::Mat first = imaging::readImage(plan.completedFrames().first().path).pixels;
        resolvedSize.width = first.cols;
        resolvedSize.height = first.rows;
    }
    BatchMetadata metadata = BatchMetadata::fromPlan(*list, plan);
    metadata.model = base.modelPath.isEmpty() ? QStringLiteral("tiny-sd15 (bundled demo)") : QFileInfo(base.modelPath).fileName();
    metadata.backend = QStringLiteral("local (libtorch %1)").arg(GenerationJob::resolveDevice(base.device));
    metadata.steps = base.params.steps;
    metadata.guidance = base.params.guidance;
    metadata.width = resolvedSize.width;
    metadata.height = resolvedSize.height;
    metadata.negativePrompt = QString::fromStdString(base.params.negativePrompt);
    if (!metadata.write(plan.metadataPath(), &error)) {
        err(QStringLiteral("easel-cli batch: ") + error);
        return 1;
    }
    out(QStringLiteral("%1 frames generated, %2 in %3").arg(made).arg(metadata.images.size()).arg(plan.outputDir()));
    if (outcome == engine::Outcome::Failed)
        err(QStringLiteral("easel-cli batch: ") + failure);
    else if (outcome == engine::Outcome::Cancelled)
        err(QStringLiteral("easel-cli batch: cancelled; run the same command again to resume"));
    return exitCodeFor(outcome);
}

int runCompose(const QStringList& args)
{
    installInterruptHandler();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "One action for story and film artists: generate a character (portrait) and a background (landscape) "
        "from two prompts, cut the character out of its backdrop and merge it onto the background.\n"
        "The prompt helpers add framing/quality terms to the character prompt and atmosphere to the background "
        "prompt; change them with --character-style / --background-style. The two generated images are kept "
        "beside OUT as <stem>-character.png and <stem>-background.png."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The merged image (.png)."));
    const ComposePresets presets;
    const QCommandLineOption characterPrompt(QStringLiteral("character-prompt"), QStringLiteral("The character."), QStringLiteral("TEXT"));
    const QCommandLineOption backgroundPrompt(QStringLiteral("background-prompt"), QStringLiteral("The place."), QStringLiteral("TEXT"));
    const QCommandLineOption characterStyle(QStringLiteral("character-style"),
        QStringLiteral("Appended to the character prompt (default: '%1').").arg(presets.characterSuffix), QStringLiteral("TEXT"));
    const QCommandLineOption backgroundStyle(QStringLiteral("background-style"),
        QStringLiteral("Appended to the background prompt (default: '%1').").arg(presets.backgroundSuffix), QStringLiteral("TEXT"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Merged size (default 1024x512)."), QStringLiteral("WxH"), QStringLiteral("1024x512"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Character size; 1 = its frame as tall as the output."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption harmonize(QStringLiteral("harmonize"), QStringLiteral("Colour harmonisation 0..1 (default 0.2)."), QStringLiteral("F"), QStringLiteral("0.2"));
    for (const QCommandLineOption* o : { &characterPrompt, &backgroundPrompt, &characterStyle, &backgroundStyle, &size, &scale, &harmonize })
        parser.addOption(*o);
    GenerationOptions common;
    common.addTo(parser);
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("easel-cli compose: expected exactly one OUT file (see --help)"));
        return 2;
    }
    if (!parser.isSet(characterPrompt) || !parser.isSet(backgroundPrompt)) {
        err(QStringLiteral("easel-cli compose: --character-prompt and --background-prompt are required"));
        return 2;
    }
    ComposeRequest request;
    if (const QString e = common.read(parser, request.base); !e.isEmpty()) {
        err(QStringLiteral("easel-cli compose: ") + e);
        return 2;
    }
    request.characterPrompt = parser.value(characterPrompt);
    request.backgroundPrompt = parser.value(backgroundPrompt);
    if (parser.isSet(characterStyle))
        request.presets.characterSuffix = parser.value(characterStyle);
    if (parser.isSet(backgroundStyle))
        request.presets.backgroundSuffix = parser.value(backgroundStyle);
    const QStringList wh = parser.value(size).toLower().split(QLatin1Char('x'));
    bool okW = false, okH = false, okS = false, okF = false;
    const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
    const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
    request.merge.scale = parser.value(scale).toDouble(&okS);
    request.merge.harmonize = parser.value(harmonize).toDouble(&okF);
    if (!okW || !okH || w < 16 || h < 16 || w > 8192 || h > 8192) {
        err(QStringLiteral("easel-cli compose: --size expects WxH between 16 and 8192, e.g. 1024x512"));
        return 2;
    }
    if (!okS || request.merge.scale <= 0 || !okF || request.merge.harmonize < 0 || request.merge.harmonize > 1) {
        err(QStringLiteral("easel-cli compose: --scale must be > 0 and --harmonize in 0..1"));
        return 2;
    }
    request.merge.size = cv::Size(w, h);
    request.outputPath = parser.positionalArguments().first();
    if (!request.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        err(QStringLiteral("easel-cli compose: %1: the output must be a .png file").arg(request.outputPath));
        return 2;
    }

    engine::ModelCache cache(int64_t(64) << 30);
    GenerationJob job(cache, hashCacheDir());
    int native = 0;
    try {
        native = job.model(request.base)->nativeSize();
    } catch (const std::exception& e) {
        err(QStringLiteral("easel-cli compose: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    if (const QString e = useCachedTaesd(job, request.base); !e.isEmpty()) {
        err(QStringLiteral("easel-cli compose: ") + e);
        return 1;
    }
    engine::CancelToken cancel;
    watchInterrupts(cancel);
    ProgressBar bar(QStringLiteral("composing"));
    const ComposeOutput result = compose(job, request, native, &bar, &cancel);
    bar.finish();
    g_cancel.store(nullptr);
    if (result.outcome != engine::Outcome::Completed) {
        err(QStringLiteral("easel-cli compose: ") + (result.outcome == engine::Outcome::Cancelled ? QStringLiteral("cancelled") : result.error));
        return exitCodeFor(result.outcome);
    }
    out(QStringLiteral("saved %1").arg(result.characterPath));
    out(QStringLiteral("saved %1").arg(result.backgroundPath));
    out(QStringLiteral("saved %1").arg(result.mergedPath));
    return 0;
}

} // namespace easel::cli
