// SPDX-License-Identifier: MIT
#pragma once

#include "gallery/imagefile.h"
#include "recipe/imagerecipe.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/**
 * What the gallery knows of one PNG from its own text chunks: the recipe (from whichever tool wrote it)
 * and the culling state Easel stores in the file, so the index can be rebuilt from the files alone.
 *
 * Recipes are read, in this order of preference, from:
 * - Easel's "easel" JSON chunk (exact record),
 * - InvokeAI's "invokeai_metadata" JSON (positive_prompt, negative_prompt, seed, steps, cfg_scale, model, ...),
 * - ComfyUI's "prompt" API graph, else its "workflow" UI graph: the KSampler's seed/steps/cfg/sampler_name,
 *   the CLIPTextEncode texts its positive/negative inputs lead to, the checkpoint loader's ckpt_name and
 *   the LoRA loaders on the model path,
 * - Fooocus: "parameters" holding JSON (fooocus_scheme "fooocus"), or A1111 text (fooocus_scheme "a1111"),
 * - A1111's "parameters" infotext.
 * Samplers without an Easel equivalent keep their name in recipe.extras["Sampler"].
 *
 * Culling state: "easel:rating" (0-5; else an XMP xmp:Rating), "easel:flag" ("pick" or "reject"),
 * "easel:tags" (comma separated), "easel:boards" (a JSON array of the names of the boards the image is on).
 *
 * Quality: "easel:quality", written by Easel when it makes an image, is JSON: {"flags": [...], "retry_of": "NAME"}.
 * "flags" holds the automatic checks' findings ("broken", "nearly-black", "nearly-white", "uniform"; empty: checked,
 * nothing found); "retry_of", on an image made again because the first came out flagged, names that first file
 * (same folder). Images without the chunk (other tools', Easel's older ones) are unchecked.
 */
struct ImageMetadata {
    enum class Source { None, Easel, A1111, ComfyUI, InvokeAI, Fooocus };

    static const QString ratingKeyword;
    static const QString flagKeyword;
    static const QString tagsKeyword;
    static const QString boardsKeyword;
    static const QString qualityKeyword;

    Source source = Source::None;
    /// Empty when no chunk held a readable recipe.
    std::optional<ImageRecipe> recipe;
    /// LoRA names from the prompt's <lora:NAME:weight> tags and from the tool's own LoRA records.
    QStringList loras;
    int rating = 0; ///< 0 (none) to 5
    bool pick = false;
    bool reject = false;
    QStringList tags;
    /// The user's boards (collections) the image is on.
    QStringList boards;
    /// The quality flags found when Easel made the image (qualityFlagNames(); empty: checked, none); nullopt:
    /// unchecked.
    std::optional<QStringList> qualityFlags;
    /// The file name of the flagged image this one is the automatic retry of; empty when it is none.
    QString retryOf;
    /// Pixel size from the PNG header (0 when read from chunks alone).
    int pixelWidth = 0;
    int pixelHeight = 0;

    /// The model's display name: recipe.modelName, else the file name of recipe.model without extension.
    QString modelName() const;
    /// Easel's name of the sampler ("euler_a") when it has one, else the foreign tool's own name; empty if unknown.
    QString samplerText() const;

    /// Reads metadata from a PNG's text chunks. Never throws: unreadable chunks are skipped.
    static ImageMetadata fromChunks(const TextChunks& chunks);
    /// Reads a whole PNG file's bytes (throws easel::Error when it is not a readable PNG).
    static ImageMetadata fromPng(const QByteArray& png);
    /// Reads the PNG at \a path (throws easel::Error naming the file when it is not a readable PNG).
    static ImageMetadata read(const QString& path);

    /// \a chunks with the culling state of \a metadata (rating, flag, tags, boards) replacing Easel's previous one;
    /// every other chunk is kept in order.
    static TextChunks withCulling(const TextChunks& chunks, const ImageMetadata& metadata);

    /// The "easel:quality" chunk of a made image: \a flags (qualityFlagNames(); unknown names are dropped) and, for an
    /// automatic retry, the file name of the flagged image it retried.
    static TextChunk qualityChunk(const QStringList& flags, const QString& retryOf = {});
    /// Every quality flag name, in the order they are shown: "broken", "nearly-black", "nearly-white", "uniform".
    static const QStringList& qualityFlagNames();

    /// The LoRA names of the <lora:NAME> / <lora:NAME:weight> tags in \a prompt, in order, without repeats.
    static QStringList lorasInPrompt(const QString& prompt);

    static QString sourceName(Source source);
};

} // namespace easel
