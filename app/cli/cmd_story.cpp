// SPDX-License-Identifier: MIT
// easel-cli story: a story board's prompts, its rendering (shots x takes, locked seeds) and its export.

#include "cliutil.h"
#include "commands.h"
#include "interrupts.h"
#include "progressline.h"
#include "recipeoptions.h"

#include "jobs/directcontext.h"
#include "jobs/modelservice.h"
#include "story/storydocument.h"
#include "story/storyexport.h"
#include "story/storyprompt.h"
#include "story/storyrender.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace easel::cli {

namespace {

    const QString kCommand = QStringLiteral("easel-cli story");

    QString usageText()
    {
        return QStringLiteral("Usage: easel-cli story <prompts|render|export> STORY.json [options]\n"
                              "  prompts STORY.json          print each shot's built prompt, negative prompt and "
                              "chunks, without rendering\n"
                              "  render STORY.json           render the shots (--shots 1-5,8, --takes N, --stale) "
                              "and record the takes in the story\n"
                              "  export STORY.json DIR       keyframes named by timestamp, metadata.json and "
                              "shot-list.csv in DIR\n"
                              "'easel-cli story <action> --help' shows an action's options.");
    }

    /// Parses the action's command line: -1 to go on, else the exit status.
    int parse(QCommandLineParser& parser, const QStringList& args, int positionals, const QString& expected)
    {
        int exitCode = 0;
        if (!parseOrExit(parser, args, exitCode))
            return exitCode;
        if (parser.positionalArguments().size() != positionals) {
            err(QStringLiteral("%1: expected %2 (see --help)").arg(args.value(0), expected));
            return 2;
        }
        return -1;
    }

    std::optional<StoryDocument> loadStory(const QString& path)
    {
        QString error;
        std::optional<StoryDocument> document = StoryDocument::load(path, &error);
        if (!document)
            err(QStringLiteral("%1: %2").arg(kCommand, error));
        return document;
    }

    const QCommandLineOption& templatesOption()
    {
        static const QCommandLineOption option(QStringLiteral("templates"),
            QStringLiteral("A folder of prompt template JSON files, read after the built-in ones and the user's "
                           "(default user folder: %1).")
                .arg(QDir::toNativeSeparators(StoryTemplateLibrary::defaultUserDir())),
            QStringLiteral("DIR"));
        return option;
    }

    /// The builder with the built-in, the user's and --templates' templates; nullopt (message printed) on a bad file.
    std::optional<StoryPromptBuilder> makeBuilder(const QCommandLineParser& parser)
    {
        StoryTemplateLibrary library;
        QStringList dirs = { StoryTemplateLibrary::defaultUserDir() };
        if (parser.isSet(templatesOption())) {
            const QString dir = parser.value(templatesOption());
            if (!QFileInfo(dir).isDir()) {
                err(QStringLiteral("%1: --templates: no such folder: %2").arg(kCommand, QDir::toNativeSeparators(dir)));
                return std::nullopt;
            }
            dirs.append(dir);
        }
        QStringList errors;
        if (!library.load(StoryTemplateLibrary::builtInDir(), dirs, &errors)) {
            err(QStringLiteral("%1: %2").arg(kCommand, errors.constFirst()));
            return std::nullopt;
        }
        return StoryPromptBuilder(library);
    }

    int runPrompts(const QStringList& args)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Print each shot's prompt and negative prompt as 'story render' builds them from the shot's fields, its "
            "characters, its location and the templates, without rendering. Each part (shot, each character, "
            "location, look) starts its own 75-token chunk (BREAK); what a long part leaves out is printed as a "
            "note."));
        parser.addPositionalArgument(QStringLiteral("STORY.json"), QStringLiteral("The story file."));
        parser.addOption(templatesOption());
        if (const int status = parse(parser, args, 1, QStringLiteral("STORY.json")); status >= 0)
            return status;
        const std::optional<StoryDocument> document = loadStory(parser.positionalArguments().constFirst());
        if (!document)
            return 1;
        const std::optional<StoryPromptBuilder> builder = makeBuilder(parser);
        if (!builder)
            return 1;
        for (const StoryShot& shot : document->shots()) {
            const StoryPrompt prompt = builder->build(*document, shot);
            out(QStringLiteral("shot %1 (%2)%3%4")
                    .arg(shot.number)
                    .arg(shot.id, shot.shotType.isEmpty() ? QString() : QStringLiteral("  ") + shot.shotType,
                        shot.stale ? QStringLiteral("  [stale]") : QString()));
            out(QStringLiteral("  prompt: ") + prompt.prompt);
            out(QStringLiteral("  negative: ") + prompt.negative);
            QStringList parts;
            for (const StoryPromptPart& part : prompt.parts)
                parts.append(QStringLiteral("%1 %2").arg(part.label).arg(part.tokens));
            out(QStringLiteral("  chunks: %1 (tokens: %2)").arg(prompt.chunks).arg(parts.join(QStringLiteral(", "))));
            for (const QString& note : prompt.notes)
                out(QStringLiteral("  note: ") + note);
        }
        return 0;
    }

    int runRender(const QStringList& args)
    {
        interrupts::install();
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Render a story's shots: one image per shot and take, each with the seed locked by its characters, its "
            "location, the shot and the take (the same shot and take always give the same image), the characters' "
            "LoRAs and the location's reference image. The takes are recorded in the story file (saved in place, "
            "atomically): the first take becomes the keyframe unless one was chosen, and the shots are no longer "
            "stale. Images go to --output-dir/<story id>/shot-<NNN>-<id>-take-<T>.png and carry the story and shot "
            "ids (gallery search: story:ID shot:ID). The story's settings (model, steps, guidance, base size) apply "
            "unless a flag says otherwise; --width x --height then sets the image area, shaped by each shot's "
            "aspect ratio."));
        parser.addPositionalArgument(QStringLiteral("STORY.json"), QStringLiteral("The story file."));
        const QCommandLineOption shots(QStringLiteral("shots"),
            QStringLiteral("Shot numbers and ranges, like 1-5,8 (default: all)."), QStringLiteral("LIST"));
        const QCommandLineOption takes(QStringLiteral("takes"), QStringLiteral("Images per shot (default 1)."),
            QStringLiteral("N"), QStringLiteral("1"));
        const QCommandLineOption stale(
            QStringLiteral("stale"), QStringLiteral("Only the shots marked stale (or never rendered)."));
        const QCommandLineOption outputDir(QStringLiteral("output-dir"),
            QStringLiteral("Where the images go (default: the 'renders' folder beside the story)."),
            QStringLiteral("DIR"));
        const QCommandLineOption noSave(
            QStringLiteral("no-save"), QStringLiteral("Do not record the takes in the story file."));
        for (const QCommandLineOption* o : { &shots, &takes, &stale, &outputDir, &noSave })
            parser.addOption(*o);
        parser.addOption(templatesOption());
        const RecipeOptions common;
        common.addTo(parser);
        if (const int status = parse(parser, args, 1, QStringLiteral("STORY.json")); status >= 0)
            return status;

        bool ok = false;
        const int takeCount = parser.value(takes).toInt(&ok);
        if (!ok || takeCount < 1 || takeCount > 100) {
            err(QStringLiteral("%1: --takes must be a whole number from 1 to 100").arg(kCommand));
            return 2;
        }
        StoryRenderOptions options;
        options.takes = takeCount;
        options.staleOnly = parser.isSet(stale);
        if (const QString e = common.read(parser, options.base, options.generation, false); !e.isEmpty()) {
            err(QStringLiteral("%1: %2").arg(kCommand, e));
            return 2;
        }
        const QString storyPath = parser.positionalArguments().constFirst();
        std::optional<StoryDocument> document = loadStory(storyPath);
        if (!document)
            return 1;
        // flags win over the story's settings
        StorySettings settings = document->settings();
        if (parser.isSet(QStringLiteral("steps")))
            settings.steps.reset();
        if (parser.isSet(QStringLiteral("guidance")))
            settings.guidance.reset();
        if (parser.isSet(QStringLiteral("width")) || parser.isSet(QStringLiteral("height")))
            settings.baseSize = 0;
        StoryDocument rendered = *document;
        rendered.setSettings(settings);
        if (parser.isSet(shots)) {
            QString error;
            const std::optional<QStringList> ids = document->selectShots(parser.value(shots), &error);
            if (!ids) {
                err(QStringLiteral("%1: --shots: %2").arg(kCommand, error));
                return 2;
            }
            options.shotIds = *ids;
        }
        if (options.staleOnly) {
            // from the story as it is on disk: the flags' settings above must not make every shot stale
            const QStringList chosen = options.shotIds;
            options.shotIds.clear();
            for (const StoryShot& shot : document->shots()) {
                if ((chosen.isEmpty() || chosen.contains(shot.id)) && (shot.stale || shot.takes.isEmpty()))
                    options.shotIds.append(shot.id);
            }
            options.staleOnly = false;
            if (options.shotIds.isEmpty()) {
                out(QStringLiteral("nothing to render"));
                return 0;
            }
        }
        options.generation.outputDir = parser.isSet(outputDir)
            ? parser.value(outputDir)
            : QFileInfo(document->filePath()).absoluteDir().absoluteFilePath(QStringLiteral("renders"));
        const std::optional<StoryPromptBuilder> builder = makeBuilder(parser);
        if (!builder)
            return 1;
        QStringList notes;
        QString error;
        const std::optional<QList<StoryRenderItem>> items
            = planStoryRender(rendered, *builder, options, &notes, &error);
        if (!items) {
            err(QStringLiteral("%1: %2").arg(kCommand, error));
            return 2;
        }
        for (const QString& note : std::as_const(notes))
            out(QStringLiteral("note: ") + note);
        if (items->isEmpty()) {
            out(QStringLiteral("nothing to render"));
            return 0;
        }
        for (const StoryRenderItem& item : *items) {
            if (const QStringList problems = item.recipe.validate(); !problems.isEmpty()) {
                err(QStringLiteral("%1: shot %2: %3").arg(kCommand, item.shotId, problems.constFirst()));
                return 1;
            }
        }

        ModelService models;
        QList<StoryRenderItem> done;
        int status = 0;
        for (const StoryRenderItem& item : *items) {
            const StoryShot* shot = document->shot(item.shotId);
            GenerationOptions generation = options.generation;
            generation.outputPath = item.outputPath;
            generation.overwrite = true;
            QDir().mkpath(QFileInfo(item.outputPath).absolutePath());
            GenerationJob job(item.recipe, generation);
            DirectContext context(models);
            ProgressLine line(QStringLiteral("shot %1 take %2").arg(shot ? shot->number : 0).arg(item.take));
            context.onProgress = [&](const JobProgress& p) {
                if (p.phase == JobPhase::Sampling)
                    line.show(p.phaseFraction, QStringLiteral("%1/%2").arg(p.step).arg(p.steps));
            };
            interrupts::watch(&context.cancel());
            const JobResult result = job.run(context);
            interrupts::watch(nullptr);
            line.finish();
            if (result.state != JobState::Completed) {
                err(QStringLiteral("%1: shot %2 take %3: %4")
                        .arg(kCommand, item.shotId)
                        .arg(item.take)
                        .arg(result.message));
                status = result.state == JobState::Cancelled ? 3 : 1;
                break;
            }
            out(QStringLiteral("saved %1 (shot %2, take %3, seed %4)")
                    .arg(QDir::toNativeSeparators(item.outputPath))
                    .arg(shot ? shot->number : 0)
                    .arg(item.take)
                    .arg(item.recipe.seed));
            done.append(item);
        }
        if (!parser.isSet(noSave) && !done.isEmpty()) {
            // record in the story as it is on disk (the flags' settings are not written into it)
            applyStoryRender(*document, done);
            QString saveError;
            if (!document->save(storyPath, &saveError)) {
                err(QStringLiteral("%1: %2").arg(kCommand, saveError));
                return 1;
            }
            out(QStringLiteral("recorded %1 take(s) in %2").arg(done.size()).arg(QDir::toNativeSeparators(storyPath)));
        }
        return status;
    }

    int runExport(const QStringList& args)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Export a story for editors and video tools: each shot's keyframe as frames/<HH-MM-SS.mmm>_shot-<NNN>.png "
            "(named by its timestamp), metadata.json in the batch layout (prompt, timestamp, shot number, id, scene, "
            "duration per frame) and shot-list.csv. The contact sheet PDF is exported from the window's storyboard."));
        parser.addPositionalArgument(QStringLiteral("STORY.json"), QStringLiteral("The story file."));
        parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The export folder (made when missing)."));
        parser.addOption(templatesOption());
        if (const int status = parse(parser, args, 2, QStringLiteral("STORY.json and DIR")); status >= 0)
            return status;
        const std::optional<StoryDocument> document = loadStory(parser.positionalArguments().at(0));
        if (!document)
            return 1;
        const std::optional<StoryPromptBuilder> builder = makeBuilder(parser);
        if (!builder)
            return 1;
        QString error;
        const std::optional<StoryExportResult> result
            = exportStory(*document, parser.positionalArguments().at(1), &error, &*builder);
        if (!result) {
            err(QStringLiteral("%1: %2").arg(kCommand, error));
            return 1;
        }
        for (const QString& frame : result->frames)
            out(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(frame)));
        out(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(result->metadataPath)));
        out(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(result->shotListPath)));
        for (const QString& frame : result->removedFrames)
            out(QStringLiteral("removed %1 (an earlier export's frame)").arg(QDir::toNativeSeparators(frame)));
        for (const QString& note : result->notes)
            out(QStringLiteral("note: ") + note);
        return 0;
    }

} // namespace

int runStory(const QStringList& args)
{
    const QString action = args.value(1);
    if (action.isEmpty() || action == QLatin1String("--help") || action == QLatin1String("-h")) {
        out(usageText());
        return action.isEmpty() ? 2 : 0;
    }
    QStringList rest = args;
    rest.removeAt(1);
    rest[0] = kCommand + QLatin1Char(' ') + action;
    if (action == QLatin1String("prompts"))
        return runPrompts(rest);
    if (action == QLatin1String("render"))
        return runRender(rest);
    if (action == QLatin1String("export"))
        return runExport(rest);
    err(QStringLiteral("%1: unknown action '%2' (prompts, render or export; see --help)").arg(kCommand, action));
    return 2;
}

} // namespace easel::cli
