// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// A character's LoRA: a .safetensors file (relative to the story file's folder, or absolute) or a NAME looked up
/// in the LoRA folders; its trigger words go into every prompt of the character; no strength = the automatic one
/// (automaticCharacterLoraWeight(), recipe/lorastack.h).
struct StoryLora {
    QString file;
    QStringList triggerWords;
    std::optional<double> strength;

    bool operator==(const StoryLora& other) const
    {
        return file == other.file && triggerWords == other.triggerWords && strength == other.strength;
    }
};

/// Someone who appears in shots, the same from keyframe to keyframe.
struct StoryCharacter {
    /// Lowercase letters, digits, '-' and '_'; unique in the story; what shots refer to.
    QString id;
    QString name;
    QString description;
    /// Appearance traits by key ("hair", "eyes", "build", "age"...), in the prompt in key order.
    QMap<QString, QString> appearance;
    QString attireStyle;
    QStringList attireColours;
    /// Words put as they are into every prompt that shows the character.
    QString promptSnippet;
    std::optional<StoryLora> lora;
    /// Pictures of the character (relative to the story file's folder, or absolute), for people and the view.
    QStringList referenceImages;
    qint64 lockedSeed = 0;

    bool operator==(const StoryCharacter& other) const;
    bool operator!=(const StoryCharacter& other) const { return !(*this == other); }
};

/// A time of day / weather version of a location ("dusk", "night-rain").
struct LocationVariant {
    QString id;
    QString timeOfDay; ///< "dawn", "day", "golden hour", "dusk", "night"... free text
    QString weather; ///< "clear", "rain", "fog", "snow"... free text
    QString promptSnippet;

    bool operator==(const LocationVariant& other) const
    {
        return id == other.id && timeOfDay == other.timeOfDay && weather == other.weather
            && promptSnippet == other.promptSnippet;
    }
};

/// A place where shots happen, the same from keyframe to keyframe.
struct StoryLocation {
    QString id;
    QString name;
    QString description;
    /// Id of a location-type template ("street", "forest"...; StoryTemplateKind::LocationType) or free text.
    QString type;
    bool interior = false;
    QList<LocationVariant> variants;
    QString promptSnippet;
    /// Pictures of the place; the first one starts the location's shots as img2img when referenceStrength is set.
    QStringList referenceImages;
    qint64 lockedSeed = 0;
    /// img2img strength in (0, 1] for shots started from referenceImages.first(); unset: txt2img.
    std::optional<double> referenceStrength;

    const LocationVariant* variant(const QString& id) const;

    bool operator==(const StoryLocation& other) const;
    bool operator!=(const StoryLocation& other) const { return !(*this == other); }
};

/// A character in a shot and what they do: `action` is an action template's id ("walking") or free text.
struct ShotCharacter {
    QString characterId;
    QString action;

    bool operator==(const ShotCharacter& other) const
    {
        return characterId == other.characterId && action == other.action;
    }
};

/// One keyframe of the script. Template fields (shotType, style, lighting, cameraAngle, mood) hold a template id
/// of their kind (see storyprompt.h) or free text used as it is; empty: left out.
struct StoryShot {
    QString id; ///< unique in the story, stable when shots are reordered
    QString sceneId;
    int number = 0; ///< 1, 2, 3... in story order
    QString shotType; ///< "wide", "close-up", "over-the-shoulder"...
    QString description;
    QString style;
    QString lighting;
    QString cameraAngle;
    QString mood;
    QList<ShotCharacter> characters;
    QString locationId; ///< empty: no location
    QString variantId; ///< empty: the location without variant
    QString aspectRatio = QStringLiteral("16:9"); ///< "W:H"
    double timestamp = 0.0; ///< seconds from the start of the film
    double duration = 0.0; ///< seconds
    /// Images rendered for this shot (take 1, 2...; relative to the story file's folder, or absolute).
    QStringList takes;
    /// The take chosen as the shot's keyframe (one of takes); empty: none yet.
    QString keyframe;
    /// Something the shot depends on changed since it was rendered.
    bool stale = false;
    /// The engine that renders the shot ("local", "comfyui", "comfyui@host:port", "openai", "stability"); empty:
    /// the story's (settings), else this machine. JSON "backend".
    QString backend;
    /// Engines tried in order when `backend` fails for a reason a retry cannot fix ("local" only last). JSON
    /// "fallback".
    QStringList fallback;

    bool showsCharacter(const QString& characterId) const;
    /// Whether two shots differ in what they render (everything but takes, keyframe, stale and number).
    bool rendersDifferentlyFrom(const StoryShot& other) const;

    bool operator==(const StoryShot& other) const;
    bool operator!=(const StoryShot& other) const { return !(*this == other); }
};

/// How the story's shots are rendered unless the command or the window says otherwise.
struct StorySettings {
    QString model; ///< checkpoint; empty: the bundled demo model (relative: to the story file's folder)
    QString negativePrompt; ///< added to every shot's negative prompt
    std::optional<int> steps;
    std::optional<double> guidance;
    /// The image area of a shot is about baseSize x baseSize pixels, shaped by its aspect ratio. 0: the base
    /// recipe's width x height.
    int baseSize = 0;
    /// The engine and fallback chain of every shot that names none (StoryShot::backend); empty: this machine.
    QString backend;
    QStringList fallback;

    bool operator==(const StorySettings& other) const;
};

/**
 * A story board: characters, locations and the shots that show them, as a versioned JSON file
 * ("format": "easel-story", "version": 1). Every edit goes through the helpers below, which keep the stale marks
 * right: a character or location edit that changes how it renders marks exactly the shots that show it stale, a
 * shot edit that changes how it renders marks that shot.
 *
 * The JSON (only "format", "version", and each character's, location's and shot's "id" are required; the shots'
 * "number" defaults to their position):
 *
 *     { "format": "easel-story", "version": 1, "id": "harbour", "title": "The Harbour",
 *       "settings": { "model": "", "negative_prompt": "...", "steps": 20, "guidance": 7, "base_size": 512 },
 *       "characters": [ { "id": "mara", "name": "Mara", "description": "...",
 *                         "appearance": { "hair": "short red hair", "eyes": "green eyes" },
 *                         "attire": { "style": "yellow raincoat", "colours": ["yellow", "navy"] },
 *                         "prompt_snippet": "...", "lora": { "file": "mara.safetensors",
 *                         "trigger_words": ["mara_sd"], "strength": 0.8 },
 *                         "reference_images": ["refs/mara.png"], "locked_seed": 1234 } ],
 *       "locations": [ { "id": "pier", "name": "Pier", "description": "...", "type": "harbour",
 *                        "interior": false, "prompt_snippet": "...", "reference_images": [],
 *                        "locked_seed": 99, "reference_strength": 0.6,
 *                        "variants": [ { "id": "dusk-rain", "time_of_day": "dusk", "weather": "rain",
 *                                        "prompt_snippet": "..." } ] } ],
 *       "shots": [ { "id": "s1", "scene_id": "1", "number": 1, "shot_type": "wide", "description": "...",
 *                    "style": "cinematic", "lighting": "golden-hour", "camera_angle": "eye-level",
 *                    "mood": "melancholic", "characters": [ { "id": "mara", "action": "walking" } ],
 *                    "location": "pier", "variant": "dusk-rain", "aspect_ratio": "16:9",
 *                    "timestamp": 0.0, "duration": 4.5, "takes": [], "keyframe": "", "stale": false } ] }
 */
class StoryDocument {
public:
    static constexpr int FormatVersion = 1;

    /**
     * Reads a story file. nullopt with one translated line naming the file and the field ("shots[2].characters[0]:
     * unknown character 'bob'", "characters[1].locked_seed: must be a number", "shots[0]: missing 'id'") when it
     * cannot be read; nothing is written.
     */
    static std::optional<StoryDocument> load(const QString& path, QString* errorMessage = nullptr);
    /// The same check for JSON in memory; `baseDir` resolves relative paths. The message names the field.
    static std::optional<StoryDocument> fromJson(
        const QJsonObject& json, const QString& baseDir = {}, QString* errorMessage = nullptr);
    QJsonObject toJson() const;
    /// Writes the story atomically (QSaveFile): the old file stays whole on failure. false with one line naming
    /// the file. Sets filePath() on success.
    bool save(const QString& path, QString* errorMessage = nullptr);

    /// The file the story was loaded from or last saved to; empty for a new story.
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path) { m_filePath = path; }
    /// A path of the story made absolute against the story file's folder (as it is when already absolute).
    QString resolvePath(const QString& path) const;

    QString id() const { return m_id; }
    void setId(const QString& id) { m_id = id; }
    QString title() const { return m_title; }
    void setTitle(const QString& title) { m_title = title; }
    const StorySettings& settings() const { return m_settings; }
    /// Marks every shot stale when the settings change how shots render.
    void setSettings(const StorySettings& settings);

    const QList<StoryCharacter>& characters() const { return m_characters; }
    const QList<StoryLocation>& locations() const { return m_locations; }
    /// In story order.
    const QList<StoryShot>& shots() const { return m_shots; }

    const StoryCharacter* character(const QString& id) const;
    const StoryLocation* location(const QString& id) const;
    const StoryShot* shot(const QString& id) const;
    /// The shot with this number; nullptr when none.
    const StoryShot* shotByNumber(int number) const;
    /// Index of the shot in shots(); -1 when unknown.
    int shotIndex(const QString& id) const;

    /// Adds a character, or replaces the one with its id. When it renders differently, the shots that show it
    /// become stale; returns their ids (in story order).
    QStringList setCharacter(const StoryCharacter& character);
    /// Removes a character and takes it out of every shot (those become stale, their ids returned).
    QStringList removeCharacter(const QString& id);
    /// Adds a location, or replaces the one with its id; the shots at it become stale when it renders
    /// differently (returned). Shots whose variant no longer exists lose their variant.
    QStringList setLocation(const StoryLocation& location);
    /// Removes a location; its shots lose their location and become stale (returned).
    QStringList removeLocation(const QString& id);
    /// Adds a shot at the end, or replaces the one with its id. A new shot, or one that renders differently, is
    /// stale. Unknown character or location ids are refused (false, one translated line naming the field).
    bool setShot(const StoryShot& shot, QString* errorMessage = nullptr);
    /// Whether `backend` (empty: the story's) and `fallback` name engines a shot may route to (recipe/engineid.h,
    /// lower case, "local" only last in the fallback); false with one translated line naming the field when not.
    static bool checkEngineRoute(const QString& backend, const QStringList& fallback, QString* errorMessage = nullptr);
    bool removeShot(const QString& id);
    /// Moves a shot to `index` (clamped) and numbers the shots 1, 2, 3... in their new order.
    bool moveShot(const QString& id, int index);

    /// Records the takes rendered for a shot: the shot is no longer stale, and the keyframe is kept when it is
    /// still one of the takes, else it becomes the first take.
    bool setTakes(const QString& shotId, const QStringList& takes);
    /// Chooses the keyframe among the shot's takes; false when it is not one of them.
    bool setKeyframe(const QString& shotId, const QString& take);

    /**
     * Reads a shot selection: numbers and ranges "1-5,8" (spaces allowed). nullopt with one translated line for
     * text that is not a selection, or a number no shot has. The ids are in story order, without duplicates.
     */
    std::optional<QStringList> selectShots(const QString& selection, QString* errorMessage = nullptr) const;
    /// The ids of the stale shots, in story order.
    QStringList staleShots() const;

    bool operator==(const StoryDocument& other) const;
    bool operator!=(const StoryDocument& other) const { return !(*this == other); }

private:
    QString m_filePath;
    QString m_id;
    QString m_title;
    StorySettings m_settings;
    QList<StoryCharacter> m_characters;
    QList<StoryLocation> m_locations;
    QList<StoryShot> m_shots;
};

} // namespace easel
