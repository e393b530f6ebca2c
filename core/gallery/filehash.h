// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace easel {

/**
 * SHA-256 of model files, as A1111 and Civitai identify checkpoints, with a cache so that a multi-gigabyte
 * checkpoint is read once.
 *
 * A single file hashes to the SHA-256 of its bytes (read in 1 MiB blocks). A diffusers folder hashes to the
 * SHA-256 of the UTF-8 text made of its weight files' hex hashes, sorted, each followed by '\n'. Weight files
 * are the *.safetensors files anywhere under the folder (the files Easel loads); configs, tokenizer files and
 * other formats do not count, so re-saving a config does not change the model's identity, and neither does
 * moving a weight file to another sub-folder.
 *
 * The cache is one JSON file, hashes.json, in the directory given to the constructor. An entry is keyed by
 * the file's absolute path and used only while the file's size and modification time (milliseconds) are
 * unchanged. Not thread-safe: use one instance per thread or guard it.
 */
class FileHash {
public:
    /// Called after each block with the bytes hashed so far and the total; returning false cancels.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    /// The name of the cache file inside the cache directory.
    static QString cacheFileName();

    /// An empty cacheDir disables caching.
    explicit FileHash(const QString& cacheDir);

    /**
     * Lowercase hex SHA-256 of a file, or of a diffusers folder as described above. Returns nullopt with a
     * one-line message when the path cannot be read, a folder holds no weight files, or progress cancels.
     */
    std::optional<QString> sha256(const QString& path, QString* errorMessage = nullptr, const Progress& progress = {});

    /// The A1111 "Model hash": the first 10 hex digits of a SHA-256.
    static QString shortHash(const QString& sha256Hex);

    /// Hashes a file without any cache (1 MiB reads).
    static std::optional<QString> hashFile(
        const QString& filePath, QString* errorMessage = nullptr, const Progress& progress = {});

    /// The weight files of a diffusers folder that its hash covers, as absolute paths sorted by name.
    static QStringList weightFiles(const QString& folderPath);

    /// Combines weight file hashes into the folder hash (sorts them first).
    static QString combineHashes(QStringList sha256Hexes);

    /// Full path of the cache file; empty when caching is disabled.
    QString cacheFilePath() const;

private:
    std::optional<QString> cachedFileHash(const QString& filePath, QString* errorMessage, const Progress& progress);

    QString m_cacheDir;
};

} // namespace easel
