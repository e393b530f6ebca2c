// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace easel {

/// Writes whole files atomically through QSaveFile (a temporary file renamed over the target on success),
/// so a reader never sees half an image and a failed write leaves what was there untouched.
///
/// Image tools never overwrite an image they read: the paths of a result's sources are passed as
/// \a sources and a target that is one of them (by path, symlink or hard link) is refused.
class AtomicFile {
public:
    /// What to do when the target already exists (and is not a source).
    enum class Existing {
        Refuse, ///< fail with a message naming the file
        Replace, ///< replace it atomically
    };

    /// Writes \a data to \a path. Throws easel::Error with a one-line message when
    /// \a path is one of \a sources, when it exists and \a existing is Refuse, or when writing fails.
    static void write(const QString& path, const QByteArray& data, const QStringList& sources = {},
        Existing existing = Existing::Refuse);

    /// True when both paths name the same existing file (following symlinks and hard links).
    static bool isSameFile(const QString& a, const QString& b);
};

} // namespace easel
