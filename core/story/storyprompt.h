// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/prompttokens.h"
#include "story/storydocument.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// The kinds of prompt templates a shot is built from.
enum class StoryTemplateKind { ShotType, Style, Lighting, CameraAngle, Mood, Action, LocationType };

/// Every kind, in the order above.
QList<StoryTemplateKind> storyTemplateKinds();
/// The JSON key of a kind: "shot_types", "styles", "lighting", "camera_angles", "moods", "actions",
/// "location_types".
QString storyTemplateKindKey(StoryTemplateKind kind);
std::optional<StoryTemplateKind> storyTemplateKindFromKey(const QString& key);

/// One template: the words its id stands for in a prompt, and optional negative words.
struct StoryTemplate {
    QString id;
    QString title; ///< for people (combo boxes); the id when the JSON has none
    QString prompt;
    QString negative;
    bool builtIn = false;
    QString sourceFile;

    bool operator==(const StoryTemplate& other) const
    {
        return id == other.id && title == other.title && prompt == other.prompt && negative == other.negative;
    }
};

/**
 * The prompt templates of story boards: the built-in ones (the JSON files of resources/story) then every JSON file
 * of the user's folders (by file name; a user template with a built-in's id and kind replaces it). A file is an object
 * with any of the kind keys, each an array of templates:
 *
 *     { "lighting": [ { "id": "noir", "title": "Noir", "prompt": "hard low-key lighting, deep shadows",
 *                       "negative": "flat lighting" } ],
 *       "moods": [ ... ] }
 *
 * "id" and "prompt" are required. QtCore only.
 */
class StoryTemplateLibrary {
public:
    /// resourcePath("story"): the built-in template files.
    static QString builtInDir();
    /// The user's templates unless chosen otherwise: paths::dataDir()/story-templates.
    static QString defaultUserDir();

    /// Reads the *.json of `builtInDir` (empty: none) and of `userDirs` (missing folders skipped). A file that
    /// cannot be read adds one translated line naming it (and the field) to `errors`; the others still load.
    /// Returns false when any file failed.
    bool load(const QString& builtInDir, const QStringList& userDirs, QStringList* errors = nullptr);
    /// load(builtInDir(), {defaultUserDir()}).
    bool loadDefault(QStringList* errors = nullptr);

    /// The templates of a kind: built-ins first (in their file's order), then the user's.
    QList<StoryTemplate> templates(StoryTemplateKind kind) const;
    QStringList ids(StoryTemplateKind kind) const;
    /// The template of a kind whose id equals `id` (case-insensitive); nullopt when none.
    std::optional<StoryTemplate> find(StoryTemplateKind kind, const QString& id) const;
    /// Adds or replaces a template (by kind and id); for tests and the window's editor.
    void add(StoryTemplateKind kind, const StoryTemplate& entry);

private:
    QList<QPair<StoryTemplateKind, StoryTemplate>> m_templates;
};

/// One part of a built prompt, kept whole in its own 75-token chunk(s).
struct StoryPromptPart {
    enum class Kind { Shot, Character, Location, Style };
    Kind kind = Kind::Shot;
    /// What the part is about, for people: the character's or location's name, or "shot" / "style".
    QString label;
    QString text;
    int tokens = 0; ///< CLIP tokens of text (0 when the vocabulary could not be loaded)
    int firstChunk = 0; ///< index of the 75-token chunk the part starts in
};

/// A shot's prompts as they will be rendered.
struct StoryPrompt {
    QString prompt; ///< the parts joined by " BREAK " (A1111 syntax)
    QString negative;
    QList<StoryPromptPart> parts;
    /// Translated one-line notes for the user: what was shortened or left out, and why (unknown template ids
    /// are used as free text without a note).
    QStringList notes;
    int tokens = 0; ///< text tokens of the whole prompt
    int chunks = 0; ///< 75-token chunks the engine encodes
};

/**
 * Builds a shot's prompt from its fields and templates. Deterministic: the same document, shot and templates
 * give the same text. The prompt is made of parts joined by BREAK so that each starts its own 75-token chunk:
 *
 * 1. the shot: shot type, camera angle, description;
 * 2. one part per character in the shot: trigger words, name, prompt snippet, description, appearance, attire,
 *    action;
 * 3. the location: type, name, interior/exterior, prompt snippet, description, variant (time of day, weather,
 *    snippet);
 * 4. the look: style, lighting, mood.
 *
 * A part longer than 75 tokens is shortened at its last comma-separated phrases until it fits, with a note
 * naming the part and the words left out (never silently). The negative prompt is the story's negative, then the
 * negatives of the templates used, without repeated phrases.
 */
class StoryPromptBuilder {
public:
    explicit StoryPromptBuilder(StoryTemplateLibrary library, PromptTokenCounter counter = PromptTokenCounter());

    const StoryTemplateLibrary& library() const { return m_library; }

    StoryPrompt build(const StoryDocument& document, const StoryShot& shot) const;

    /// The words a template field stands for: the template's prompt when `value` is one's id, else `value`.
    QString expand(StoryTemplateKind kind, const QString& value) const;

private:
    StoryTemplateLibrary m_library;
    PromptTokenCounter m_counter;
};

} // namespace easel
