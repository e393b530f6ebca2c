// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/generationjob.h"
#include "recipe/imagerecipe.h"
#include "story/storydocument.h"
#include "story/storyprompt.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace easel {

class JobQueue;

/// Keys of ImageRecipe::extras that carry a rendered shot's story and shot ids into the image's metadata (the
/// A1111 text and Easel's record), so the gallery finds them ("Story: harbour, Shot: s3, Take: 2").
inline constexpr char StoryExtrasKey[] = "Story";
inline constexpr char ShotExtrasKey[] = "Shot";
inline constexpr char TakeExtrasKey[] = "Take";

/// What to render and how.
struct StoryRenderOptions {
    /// Model, sampler, steps, size... of every shot; the story's settings (model, steps, guidance, base size,
    /// negative) replace its values where the story sets them, then the shot's prompt, seed, size, LoRAs and
    /// location reference are put in.
    ImageRecipe base;
    /// Where the images go: outputDir is used (outputPath is set per take); overwrite is forced on so a shot can
    /// be re-rendered.
    GenerationOptions generation;
    int takes = 1; ///< images per shot, take 1..N
    QStringList shotIds; ///< empty: every shot (or every stale one)
    bool staleOnly = false; ///< only the stale shots and those never rendered (no takes)
};

/// One image to make: a take of a shot.
struct StoryRenderItem {
    QString shotId;
    int take = 1;
    ImageRecipe recipe;
    QString outputPath; ///< "<outputDir>/<story id>/shot-<NNN>-<shot id>-take-<T>.png"
    /// The engine that renders it: the shot's, else the story's; empty or "local": this machine.
    QString backend;
    QStringList fallback;
};

/**
 * The seed of a take: derived only from the locked seeds of the shot's characters and location, the shot's id
 * and the take number (FNV-1a over them), so the same shot and take always give the same image, and a shot keeps
 * its seed when others change. Between 0 and 2^32 - 1.
 */
qint64 storyShotSeed(const StoryDocument& document, const StoryShot& shot, int take);

/// The pixel size of an aspect ratio "W:H" for an area of about `baseSize` squared, in multiples of 64 (at
/// least 64); nullopt for a ratio that cannot be read.
std::optional<QPair<int, int>> storyShotSize(const QString& aspectRatio, int baseSize);

/**
 * The recipe of one take: the base recipe with the story's settings, the built prompt and negative, the take's
 * seed, the shot's size, the characters' LoRA stack (composeLoraStack(), automatic strengths when several
 * characters share the shot; LoRAs given by NAME go into the prompt as <lora:NAME:W> tags) and the location's
 * first reference image as img2img at its referenceStrength; the story, shot and take ids in extras. Notes (the
 * prompt's, the LoRA stack's) are appended to `notes`.
 */
ImageRecipe storyShotRecipe(const StoryDocument& document, const StoryPromptBuilder& builder, const StoryShot& shot,
    int take, const ImageRecipe& base, QStringList* notes = nullptr);

/// The takes to render, in story order then take order. nullopt with one translated line for an unknown shot id
/// or takes < 1.
std::optional<QList<StoryRenderItem>> planStoryRender(const StoryDocument& document, const StoryPromptBuilder& builder,
    const StoryRenderOptions& options, QStringList* notes = nullptr, QString* errorMessage = nullptr);

/// Queues one job per item (each writes exactly item.outputPath): a GenerationJob, or a RemoteGenerationJob for an
/// item whose engine is not this machine (its URL, model and key from the settings, as for a prompt-list entry);
/// returns the job ids in item order.
QList<quint64> submitStoryRender(
    JobQueue& queue, const QList<StoryRenderItem>& items, const GenerationOptions& generation);

/// Records rendered items in the document: each shot's takes become the files that exist of its items (stored
/// relative to the story file's folder when inside it), with setTakes()' keyframe rule. Returns the shot ids
/// updated.
QStringList applyStoryRender(StoryDocument& document, const QList<StoryRenderItem>& items);

} // namespace easel
