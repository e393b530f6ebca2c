// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"
#include "recipe/lorastack.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/**
 * A named preset for images: a prompt template, a negative prompt, a LoRA stack and optional sampler, steps,
 * guidance and size. Built-in styles ship in resources/styles/styles.json; the user's are JSON files in
 * the styles folder (paths::stylesDir(), or chosen in the settings). JSON of one style:
 *
 *     { "id": "noir", "title": "Film noir",
 *       "prompt": "film noir still of {prompt}, high contrast, black and white",
 *       "negative_prompt": "color, oversaturated",
 *       "loras": [ { "file": "noir.safetensors", "weight": 0.8 }, { "name": "grain" } ],
 *       "sampler": "dpmpp_2m", "steps": 25, "guidance": 6.5, "width": 768, "height": 512,
 *       "thumbnail": "noir.png" }
 *
 * Only "title" (or "id") is required. "file" and "thumbnail" are relative to the JSON file's folder; "name"
 * is looked up in the LoRA folders as <lora:NAME> is. A file holds one style object, or {"styles": [...]}.
 */
struct Style {
    /// Lowercase letters, digits, '-' and '_'; from the title (or the file name) when the JSON has none.
    QString id;
    QString title;
    /// Contains "{prompt}", replaced by the user's prompt (without it, appended after the user's prompt and
    /// ", ", as A1111's styles do); empty = the prompt unchanged.
    QString promptTemplate;
    /// Combined with the user's negative prompt the same way ("{prompt}" stands for the user's negative).
    QString negativePrompt;
    /// Style LoRAs; no weight = automaticStyleLoraWeight(). A path is a file, else a NAME in the LoRA folders.
    QList<LoraSpec> loras;
    std::optional<Sampler> sampler;
    std::optional<int> steps;
    std::optional<double> guidance;
    std::optional<int> width;
    std::optional<int> height;
    /// Where the style's images are made: "local", "comfyui", "openai", "stability" (empty: wherever the user
    /// chose); JSON "backend". Its fallback chain, in order (JSON "fallback": ["stability", "local"]).
    QString backend;
    QStringList fallback;
    /// Absolute path of the style's picture; empty when it has none (the built-ins have none).
    QString thumbnailPath;
    bool builtIn = false;
    /// The JSON file the style came from.
    QString sourceFile;

    /// The prompt the template makes of `prompt`.
    QString expandPrompt(const QString& prompt) const;

    /**
     * Applies the style to a recipe: prompt through the template, negative prompt joined with the style's,
     * the style's LoRAs first in recipe.loras (files) or as <lora:NAME:W> tags at the end of the prompt
     * (names), then sampler, steps, guidance and size where the style sets them, and the style's id in
     * recipe.extras["Style"] (shown in the A1111 text and the gallery). Apply before the user's explicit
     * choices so those win.
     */
    void apply(ImageRecipe& recipe) const;

    /// The folder images of this style are filed in: "<id>_<title>" with characters unsafe in file names
    /// replaced by '_'.
    QString folderName() const;

    /// The JSON of one style (paths as stored: absolute).
    QJsonObject toJson() const;
    /// Reads one style; `baseDir` resolves relative "file" and "thumbnail" paths; `fallbackId` is used when the
    /// JSON has neither id nor title. nullopt with a one-line translated message when unreadable.
    static std::optional<Style> fromJson(const QJsonObject& json, const QString& baseDir,
        const QString& fallbackId = {}, QString* errorMessage = nullptr);

    bool operator==(const Style& other) const;
    bool operator!=(const Style& other) const { return !(*this == other); }
};

/// The key of ImageRecipe::extras that records the style applied ("Style: cinematic" in the A1111 text).
inline constexpr char StyleExtrasKey[] = "Style";

/**
 * The styles Easel knows: the built-in ones, then every *.json of the user's styles folders (sorted by file
 * name; a user style with a built-in's id replaces it). QtCore only; reading is synchronous and cheap (a few
 * small files).
 */
class StyleLibrary {
public:
    /**
     * Reads `builtInFile` (easel::builtInStylesPath(), jobs/resources.h; empty: none) and every *.json in
     * `userDirs` (missing folders are skipped). A file that cannot be read or parsed adds one translated line
     * naming it to `errors`; the other files still load. Returns false when any file failed.
     */
    bool load(const QString& builtInFile, const QStringList& userDirs, QStringList* errors = nullptr);

    /// Every style: built-ins first (in their file's order), then the user's (by file name); a user style
    /// with an id already read takes that one's place.
    const QList<Style>& styles() const { return m_styles; }
    /// The style whose id, else whose title, equals `idOrTitle` (case-insensitive); nullopt when none.
    std::optional<Style> find(const QString& idOrTitle) const;
    /// The ids of styles(), for messages and completion.
    QStringList ids() const;

    /// Writes `style` as `<dir>/<id>.json`, atomically (made when missing). false with a one-line message
    /// naming the file on failure.
    static bool saveUserStyle(const Style& style, const QString& dir, QString* errorMessage = nullptr);

private:
    void add(const Style& style);

    QList<Style> m_styles;
};

} // namespace easel
