// SPDX-License-Identifier: MIT
#include "gallery/atomicfile.h"

#include "common/error.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <filesystem>
#include <system_error>

namespace easel {

namespace {

    [[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

    std::filesystem::path fsPath(const QString& path)
    {
#ifdef Q_OS_WIN
        return std::filesystem::path(path.toStdWString());
#else
        return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
    }

} // namespace

bool AtomicFile::isSameFile(const QString& a, const QString& b)
{
    const QFileInfo fa(a);
    const QFileInfo fb(b);
    if (!fa.exists() || !fb.exists())
        return false;
    if (fa.canonicalFilePath() == fb.canonicalFilePath())
        return true;
    // Hard links and bind mounts share no path; compare device and inode.
    std::error_code ec;
    const bool same = std::filesystem::equivalent(fsPath(a), fsPath(b), ec);
    return !ec && same;
}

void AtomicFile::write(const QString& path, const QByteArray& data, const QStringList& sources, Existing existing)
{
    if (path.isEmpty())
        fail(QStringLiteral("no output file given"));
    for (const QString& source : sources) {
        if (isSameFile(path, source) || QFileInfo(path).absoluteFilePath() == QFileInfo(source).absoluteFilePath())
            fail(QStringLiteral("%1: refusing to overwrite a source image; choose a new file name").arg(path));
    }
    const QFileInfo target(path);
    if (target.isDir())
        fail(QStringLiteral("%1: is a folder, not a file").arg(path));
    if (target.exists() && existing == Existing::Refuse)
        fail(QStringLiteral("%1: already exists; choose a new file name").arg(path));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        fail(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    // flush() before commit(): QSaveFile (Qt 6.4) commits a file whose buffered bytes failed to reach the disk
    // at close (a full disk), replacing the old file with a short one. A failed flush is caught here.
    if (file.write(data) != data.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        fail(QStringLiteral("%1: cannot write: %2").arg(path, reason));
    }
    if (!file.commit())
        fail(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
}

} // namespace easel
