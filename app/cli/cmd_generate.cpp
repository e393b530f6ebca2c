// SPDX-License-Identifier: MIT
// easel-cli generate, batch and compose: thin readers of the recipe that run one job of core/jobs in the
// foreground, with a progress line and Ctrl-C as a cancel.

#include "backendoptions.h"
#include "cliutil.h"
#include "commands.h"
#include "interrupts.h"
#include "progressline.h"
#include "recipeoptions.h"
#include "styleoptions.h"

#include "jobs/batchjob.h"
#include "jobs/compose.h"
#include "jobs/directcontext.h"
#include "jobs/generationjob.h"
#include "jobs/modelservice.h"
#include "jobs/remotegenerationjob.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

#include <tuple>

namespace easel::cli {

namespace {

int exitCodeFor(JobState state)
{
    switch (state) {
    case JobState::Completed: return 0;
    case JobState::Cancelled: return 3;
    default: return 1;
    }
}

QString progressText(const JobProgress& p)
{
    QString text = jobPhaseText(p.phase);
    if (p.phase == JobPhase::Sampling)
        text = QStringLiteral("%1/%2").arg(p.step).arg(p.steps);
    if (p.batches > 1)
        text += QStringLiteral(" batch %1/%2").arg(p.batch + 1).arg(p.batches);
    text += QStringLiteral("  %1 s").arg(p.elapsedSec, 0, 'f', 1);
    if (p.etaSec > 0)
        text += QStringLiteral(", ETA %1 s").arg(p.etaSec, 0, 'f', 1);
    return text;
}

/// Runs `job` here and now: progress on the terminal, "saved FILE" per file, warnings for flagged images,
/// Ctrl-C cancels at the next step. Returns the exit status (0 done, 1 failed, 3 cancelled).
int runInForeground(Job& job, const QString& command, const QString& label)
{
    ModelService models;
    DirectContext context(models);
    ProgressLine line(label);
    QElapsedTimer clock;
    clock.start();
    context.onProgress = [&](const JobProgress& p) {
        const double fraction = p.phase == JobPhase::Sampling ? p.phaseFraction : 0.0;
        line.show(fraction, progressText(p));
    };
    context.onImageSaved = [&](const SavedImage& image) {
        line.finish();
        out(QStringLiteral("saved %1").arg(image.path));
        if (image.quality.any())
            err(QStringLiteral("warning: %1 (seed %2) looks %3")
                    .arg(image.path)
                    .arg(image.recipe.seed)
                    .arg(image.quality.names().join(QStringLiteral(", "))));
    };
    interrupts::watch(&context.cancel());
    const JobResult result = job.run(context);
    interrupts::watch(nullptr);
    line.finish();
    for (const QString& note : result.notes)
        out(QStringLiteral("note: ") + note);
    // On stdout: the error line (one, on stderr) already names the folder and why.
    for (const UnsavedImage& image : result.unsaved)
        out(QStringLiteral("not saved: %1").arg(image.path));
    switch (result.state) {
    case JobState::Completed: out(QStringLiteral("done in %1 s").arg(clock.elapsed() / 1000.0, 0, 'f', 2)); break;
    case JobState::Cancelled: err(QStringLiteral("%1: %2").arg(command, result.message)); break;
    default: err(QStringLiteral("%1: %2").arg(command, result.message)); break;
    }
    return exitCodeFor(result.state);
}

/// Parses the command line; returns -1 to go on, else the exit status (help, usage error).
int parse(QCommandLineParser& parser, const QStringList& args, const QString& command, int positionals,
    const QString& expected = {})
{
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != positionals) {
        err(positionals == 0 ? QStringLiteral("%1: unexpected argument '%2' (see --help)")
                                   .arg(command, parser.positionalArguments().constFirst())
                             : QStringLiteral("%1: expected exactly %2 (see --help)").arg(command, expected));
        return 2;
    }
    return -1;
}

/// The recipe's own check, after the flags were read: a usage error naming the problem.
bool recipeIsValid(const ImageRecipe& recipe, const QString& command)
{
    const QStringList problems = recipe.validate();
    if (problems.isEmpty())
        return true;
    err(QStringLiteral("%1: %2").arg(command, problems.constFirst()));
    return false;
}

} // namespace

int runGenerate(const QStringList& args)
{
    const QString command = QStringLiteral("easel-cli generate");
    interrupts::install();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generate images from a prompt (txt2img), from an image and a prompt (img2img, --init-image), or repaint "
        "the white part of a mask (inpainting, --init-image with --mask).\n"
        "Every PNG carries its recipe (A1111 'parameters' text and Easel's JSON). Without --model the "
        "bundled tiny demo model is used: its random weights make noise, quickly."));
    const RecipeOptions common;
    const QCommandLineOption prompt(QStringLiteral("prompt"), QStringLiteral("What to draw."), QStringLiteral("TEXT"));
    const QCommandLineOption initImage(QStringLiteral("init-image"), QStringLiteral("img2img source image."), QStringLiteral("FILE"));
    const QCommandLineOption mask(QStringLiteral("mask"), QStringLiteral("Inpainting: repaint the white part of --init-image (an inpainting model, or any model by blending; --strength defaults to 1 then)."), QStringLiteral("FILE"));
    const QCommandLineOption strength(QStringLiteral("strength"),
        QStringLiteral("img2img: how much to change, (0, 1] (default %1).").arg(limits::Strength.def), QStringLiteral("X"),
        QString::number(limits::Strength.def));
    const QCommandLineOption initLatents(QStringLiteral("init-latents"), QStringLiteral("Initial noise as drawn (safetensors, key 'latents', NCHW float32) instead of the seed's."), QStringLiteral("FILE"));
    const QCommandLineOption saveLatents(QStringLiteral("save-latents"), QStringLiteral("Write the final latents (before VAE decoding) as safetensors, key 'latents'."), QStringLiteral("FILE"));
    const QCommandLineOption maskBlur(QStringLiteral("mask-blur"), QStringLiteral("Inpainting: Gaussian blur of the mask, in pixels (sigma; A1111's 'Mask blur'), after --mask-grow (default 0: the mask as given)."), QStringLiteral("PX"));
    const QCommandLineOption maskGrow(QStringLiteral("mask-grow"), QStringLiteral("Inpainting: grow the white part of the mask by PX pixels (negative: shrink it; default 0)."), QStringLiteral("PX"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Output PNG (default easel-<seed>.png); several images: <stem>-<seed>.png."), QStringLiteral("FILE.png"));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"), QStringLiteral("Instead of --output: a folder (made when missing) for easel-<seed>.png files, or the style_images folder of --file-by-style (default: the current folder)."), QStringLiteral("DIR"));
    const QCommandLineOption fileByStyle(QStringLiteral("file-by-style"), QStringLiteral("With --style: file the images as style_images/<id>_<title>/generated_<YYYYMMDD_HHMMSS>_<8 hex>.png under --output-dir."));
    const QCommandLineOption retryFlagged(QStringLiteral("retry-flagged"), QStringLiteral("Make an image that comes out flagged (broken, nearly black, nearly white or uniform) once more, with the first seed after the run's own; the flagged file is kept and the new one names it (local engine)."));
    for (const QCommandLineOption* o : { &prompt, &initImage, &mask, &maskBlur, &maskGrow, &strength, &initLatents, &saveLatents, &output, &outputDir, &fileByStyle, &retryFlagged })
        parser.addOption(*o);
    common.addTo(parser);
    const StyleOptions styleOptions;
    styleOptions.addTo(parser);
    const BackendOptions backendOptions;
    backendOptions.addTo(parser);
    if (const int status = parse(parser, args, command, 0); status >= 0)
        return status;
    if (!parser.isSet(prompt)) {
        err(command + QStringLiteral(": --prompt is required"));
        return 2;
    }

    if (parser.isSet(output) && (parser.isSet(outputDir) || parser.isSet(fileByStyle))) {
        err(command + QStringLiteral(": --output names one file: leave out --output-dir and --file-by-style"));
        return 2;
    }
    std::optional<Style> style;
    if (const QString e = styleOptions.readStyle(parser, style); !e.isEmpty()) {
        err(command + QStringLiteral(": ") + e);
        return 1;
    }
    if (parser.isSet(fileByStyle) && !style) {
        err(command + QStringLiteral(": --file-by-style needs --style"));
        return 2;
    }

    ImageRecipe recipe;
    GenerationOptions options;
    recipe.prompt = parser.value(prompt);
    if (const QString e = common.read(parser, recipe, options, true, style ? &*style : nullptr); !e.isEmpty()) {
        err(command + QStringLiteral(": ") + e);
        return 2;
    }
    bool ok = false;
    const double s = parser.value(strength).toDouble(&ok);
    if (!ok || s <= limits::Strength.min || s > limits::Strength.max) {
        err(command + QStringLiteral(": --strength must be in (0, 1]"));
        return 2;
    }
    recipe.initImage = parser.value(initImage);
    if (parser.isSet(mask)) {
        if (!recipe.isImageToImage()) {
            err(command + QStringLiteral(": --mask needs --init-image, the image to repaint"));
            return 2;
        }
        recipe.maskImage = parser.value(mask);
    }
    for (const auto& [o, limit, field] : { std::tuple { &maskBlur, limits::MaskBlur, &recipe.maskBlur },
             std::tuple { &maskGrow, limits::MaskGrow, &recipe.maskGrow } }) {
        if (!parser.isSet(*o))
            continue;
        const int px = parser.value(*o).toInt(&ok);
        if (!ok || px < limit.min || px > limit.max) {
            err(command + QStringLiteral(": --%1 must be a whole number from %2 to %3").arg(o->names().constFirst()).arg(limit.min).arg(limit.max));
            return 2;
        }
        if (!parser.isSet(mask)) {
            err(command + QStringLiteral(": --%1 needs --mask").arg(o->names().constFirst()));
            return 2;
        }
        *field = px;
    }
    if (recipe.isImageToImage())
        recipe.strength = parser.isSet(mask) && !parser.isSet(strength) ? 1.0 : s; // diffusers' inpainting default
    if (!recipeIsValid(recipe, command))
        return 2;
    options.initLatentsPath = parser.value(initLatents);
    options.saveLatentsPath = parser.value(saveLatents);
    options.retryFlagged = parser.isSet(retryFlagged);
    if (parser.isSet(outputDir) || parser.isSet(fileByStyle)) {
        options.outputDir = parser.isSet(outputDir) ? parser.value(outputDir) : QStringLiteral(".");
        if (parser.isSet(fileByStyle))
            options.styleFolder = style->folderName();
    } else {
        options.outputPath = parser.isSet(output) ? parser.value(output) : QStringLiteral("easel-%1.png").arg(recipe.seed);
    }

    if (backendOptions.isRemote(parser, style ? &*style : nullptr)) {
        RemoteOptions remote;
        if (const QString e = backendOptions.read(parser, recipe, remote, style ? &*style : nullptr); !e.isEmpty()) {
            err(command + QStringLiteral(": ") + e);
            return 2;
        }
        if (!options.initLatentsPath.isEmpty() || !options.saveLatentsPath.isEmpty()) {
            err(command + QStringLiteral(": --init-latents and --save-latents need the local engine"));
            return 2;
        }
        if (options.retryFlagged) {
            err(command + QStringLiteral(": --retry-flagged needs the local engine"));
            return 2;
        }
        RemoteGenerationJob job(recipe, remote, options);
        if (const QStringList problems = job.validate(); !problems.isEmpty()) {
            err(command + QStringLiteral(": ") + problems.constFirst());
            return 2;
        }
        BackendOptions::printEstimate(job);
        const int status = runInForeground(job, command, QStringLiteral("generating"));
        BackendOptions::printTotals(job);
        return status;
    }
    GenerationJob job(recipe, options);
    const int status = runInForeground(job, command, QStringLiteral("generating"));
    if (status == 0 && !options.saveLatentsPath.isEmpty())
        out(QStringLiteral("saved latents %1").arg(options.saveLatentsPath));
    return status;
}

int runBatch(const QStringList& args)
{
    const QString command = QStringLiteral("easel-cli batch");
    interrupts::install();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generate one image per entry of a prompt list, e.g. the frames of a video:\n"
        "  {\"video_name\": \"...\", \"prompts\": [{\"timestamp\": 3.5, \"prompt\": \"...\", \"negative_prompt\": \"...\", \"seed\": 7}]}\n"
        "(or a bare array of such entries). An entry may name its engine: \"backend\": \"comfyui\"|\"openai\"|\"stability\" "
        "(default local), with \"fallback\": [\"local\"]; see generate --backend. Images go to DIR/<video_name>/frame_<milliseconds>.png with "
        "metadata.json beside them. Frames already written are skipped, so an interrupted batch resumes."));
    parser.addPositionalArgument(QStringLiteral("PROMPTS.json"), QStringLiteral("The prompt list."));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"), QStringLiteral("Where the video's folder goes (default: current directory)."), QStringLiteral("DIR"), QStringLiteral("."));
    parser.addOption(outputDir);
    const RecipeOptions common;
    common.addTo(parser);
    if (const int status = parse(parser, args, command, 1, QStringLiteral("one PROMPTS.json")); status >= 0)
        return status;
    BatchRequest request;
    GenerationOptions options;
    if (const QString e = common.read(parser, request.base, options, false); !e.isEmpty()) {
        err(command + QStringLiteral(": ") + e);
        return 2;
    }
    if (!recipeIsValid(request.base, command))
        return 2;
    request.promptsFile = parser.positionalArguments().constFirst();
    request.outputRoot = parser.value(outputDir);
    request.preview = options.preview;
    request.taesdPath = options.taesdPath;
    BatchJob job(request);
    return runInForeground(job, command, QStringLiteral("frames"));
}

int runCompose(const QStringList& args)
{
    const QString command = QStringLiteral("easel-cli compose");
    interrupts::install();
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
    const RecipeOptions common;
    common.addTo(parser);
    if (const int status = parse(parser, args, command, 1, QStringLiteral("one OUT file")); status >= 0)
        return status;
    if (!parser.isSet(characterPrompt) || !parser.isSet(backgroundPrompt)) {
        err(command + QStringLiteral(": --character-prompt and --background-prompt are required"));
        return 2;
    }
    ComposeRequest request;
    GenerationOptions options;
    if (const QString e = common.read(parser, request.base, options, false); !e.isEmpty()) {
        err(command + QStringLiteral(": ") + e);
        return 2;
    }
    if (!recipeIsValid(request.base, command))
        return 2;
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
        err(command + QStringLiteral(": --size expects WxH between 16 and 8192, e.g. 1024x512"));
        return 2;
    }
    if (!okS || request.merge.scale <= 0 || !okF || request.merge.harmonize < 0 || request.merge.harmonize > 1) {
        err(command + QStringLiteral(": --scale must be > 0 and --harmonize in 0..1"));
        return 2;
    }
    request.merge.size = cv::Size(w, h);
    request.outputPath = parser.positionalArguments().constFirst();
    if (!request.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        err(command + QStringLiteral(": %1: the output must be a .png file").arg(request.outputPath));
        return 2;
    }
    request.overwrite = options.overwrite;
    request.preview = options.preview;
    request.taesdPath = options.taesdPath;
    ComposeJob job(request);
    return runInForeground(job, command, QStringLiteral("composing"));
}

} // namespace easel::cli
