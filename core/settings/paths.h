// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Where Easel keeps the user's files: the same places for the studio and easel-cli, whatever each
/// process calls itself, under the application name "Easel" in the platform's per-user folders.
namespace easel::paths {

/// Easel's data folder (Linux: ~/.local/share/Easel): the queue, the gallery index, downloaded models.
QString dataDir();
/// Easel's cache folder (Linux: ~/.cache/Easel): model hashes, thumbnails. Safe to delete.
QString cacheDir();
/// The settings file (Linux: ~/.config/Easel/Easel.conf).
QString settingsFile();
/// The persisted queue (dataDir()/queue.sqlite).
QString queueDatabase();
/// The gallery index (dataDir()/gallery.sqlite).
QString galleryDatabase();
/// Where images go unless the user chose a folder: Pictures/Easel.
QString defaultOutputDir();
/// Where models are looked for and downloaded unless the user chose a folder: dataDir()/models.
QString defaultModelsDir();
/// The user's styles (one JSON file per style) unless the user chose a folder: dataDir()/styles.
QString stylesDir();

} // namespace easel::paths
