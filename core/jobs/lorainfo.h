// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace easel {

/// What a LoRA file is, read from its header (no weights loaded): what `easel-cli info LORA` reports, for the
/// window's LoRA picker.
struct LoraDescription {
    QString path;
    QString name; ///< the file name without extension: the NAME of <lora:NAME:WEIGHT>
    /// The model family it was made for: "sd1", "sd2", "sdxl"; empty when the file does not tell.
    QString family;
    QString baseName; ///< "SD 1.x", "SD 2.x", "SDXL", "unknown"
    QList<qint64> ranks;
    int modules = 0;
    /// The training captions' most frequent tags (kohya metadata), most frequent first.
    QStringList triggerWords;
    /// Empty when the file is a usable LoRA; else one line naming the file (truncated, not a LoRA...).
    QString error;

    bool usable() const { return error.isEmpty(); }
    /// Whether it can be applied to a model of `modelFamily` ("sd1", "sd2", "sdxl"): false only when both are
    /// known and differ.
    bool fitsFamily(const QString& modelFamily) const
    {
        return family.isEmpty() || modelFamily.isEmpty() || family == modelFamily;
    }
};

/// Reads a LoRA's header. Never throws: a file that is not a usable LoRA comes back with `error` set. Reads a
/// few kilobytes of the file: call it off the GUI thread.
LoraDescription describeLora(const QString& path);

/// The LoRA folders the window and easel-cli search for <lora:NAME>: `extra` (as given, existing ones), then
/// `<modelsDir>/Lora` when it exists.
QStringList loraFolders(const QString& modelsDir, const QStringList& extra = {});

/// The .safetensors files in `folders` and their subfolders (hidden files left out), sorted by file name, each
/// path once. Only names are read.
QStringList findLoras(const QStringList& folders);

} // namespace easel
