// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// One timed prompt of a batch prompt list: the frame shown from `timestamp` seconds into the video.
struct PromptEntry {
    /// Position in the file's prompt array (0-based), written as metadata.json's section_index.
    int index = 0;
    double timestamp = 0.0;
    QString prompt;
    /// Empty: the batch's global negative prompt applies.
    QString negativePrompt;
    /// Unset: the batch picks the seed.
    std::optional<qint64> seed;
    /// Where this frame is made: "comfyui", "openai", "stability" (empty or "local": this machine's engine);
    /// JSON "backend". `fallback`: the engines tried after it, in order (JSON "fallback": ["local"]).
    QString backend;
    QStringList fallback;

    /// timestamp rounded to milliseconds, see PromptList::timestampToMilliseconds().
    qint64 timestampMs() const;
    /// "frame_%08d.png" of timestampMs().
    QString frameFileName() const;
};

/**
 * A batch prompt list read from JSON:
 *
 *     {"video_name": "intro", "prompts": [{"timestamp": 3.5, "prompt": "...", "negative_prompt": "...",
 *      "seed": 7}, ...]}
 *
 * or a bare array of such entries. video_name defaults to the file's stem and is sanitised for use as a
 * folder name. Only "prompt" and "timestamp" are required in an entry; unknown keys are ignored.
 *
 * Every malformed input is refused with one line naming the file, the entry (0-based, as in the array)
 * and the field, e.g. "prompts.json: entry 3: 'timestamp' must be a non-negative number".
 */
class PromptList {
public:
    /// Largest timestamp: frame numbers keep 8 digits so that frames sort by name.
    static constexpr qint64 MaxTimestampMs = 99'999'999;
    /// Seeds are 32-bit unsigned, as in A1111 and the UI.
    static constexpr qint64 MaxSeed = 4'294'967'295LL;

    /// Reads and validates a prompt list file.
    static std::optional<PromptList> fromFile(const QString& path, QString* errorMessage = nullptr);
    /// Parses JSON text; fileName names the source in messages and gives the default video name.
    static std::optional<PromptList> fromJson(
        const QByteArray& json, const QString& fileName, QString* errorMessage = nullptr);

    /**
     * Seconds to whole milliseconds, rounded to nearest with halves away from zero (std::llround of
     * seconds * 1000). The product is computed in double precision: 3.5 gives 3500 and 0.0015 gives 2, but
     * 0.5005 gives 500 because 0.5005 * 1000 is 500.49999999999994 in doubles.
     */
    static qint64 timestampToMilliseconds(double seconds);
    /// "frame_%08d.png" of a millisecond timestamp: 3500 -> "frame_00003500.png".
    static QString frameFileName(qint64 timestampMs);

    /**
     * A name safe as one folder name on Linux, macOS and Windows: path separators and characters Windows
     * forbids become '_', ".." runs collapse to one '.', leading/trailing dots and spaces go, reserved
     * device names (CON, NUL, ...) get a '_' prefix, the length is capped at 120. Empty results become
     * "video".
     */
    static QString sanitizeVideoName(const QString& name);

    /// The sanitised video name.
    QString videoName() const { return m_videoName; }
    /// The file the list was read from (as given to fromFile(), or the fileName given to fromJson()).
    QString sourceFile() const { return m_sourceFile; }
    /// Entries in file order.
    const QList<PromptEntry>& entries() const { return m_entries; }

private:
    QString m_videoName;
    QString m_sourceFile;
    QList<PromptEntry> m_entries;
};

} // namespace easel
