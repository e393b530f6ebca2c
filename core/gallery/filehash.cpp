// SPDX-License-Identifier: MIT
#include "gallery/filehash.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::FileHash", text); }

constexpr qint64 kBlockSize = 1 << 20;
constexpr int kCacheFormatVersion = 1;

QJsonObject loadCache(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    // A damaged or foreign cache is only a lost optimisation: start over.
    if (root.value(QStringLiteral("format_version")).toInt() != kCacheFormatVersion)
        return {};
    return root.value(QStringLiteral("files")).toObject();
}

void saveCache(const QString& path, const QJsonObject& files)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject root;
    root.insert(QStringLiteral("format_version"), kCacheFormatVersion);
    root.insert(QStringLiteral("files"), files);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    // flush() before commit(): Qt 6.4 commits a short file on a full disk (see AtomicFile). A cache that
    // cannot be written keeps the old one; the hashes are computed again next time.
    if (file.write(bytes) == bytes.size() && file.flush())
        file.commit();
    else
        file.cancelWriting();
}

} // namespace

QString FileHash::cacheFileName() { return QStringLiteral("hashes.json"); }

FileHash::FileHash(const QString& cacheDir)
    : m_cacheDir(cacheDir)
{
}

QString FileHash::cacheFilePath() const
{
    return m_cacheDir.isEmpty() ? QString() : QDir(m_cacheDir).filePath(cacheFileName());
}

QString FileHash::shortHash(const QString& sha256Hex) { return sha256Hex.left(10).toLower(); }

std::optional<QString> FileHash::hashFile(const QString& filePath, QString* errorMessage, const Progress& progress)
{
    auto fail = [&](const QString& message) -> std::optional<QString> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };

    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read '%1': %2").arg(QDir::toNativeSeparators(filePath), file.errorString()));
    const qint64 total = file.size();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(kBlockSize, Qt::Uninitialized);
    qint64 done = 0;
    for (;;) {
        const qint64 n = file.read(block.data(), kBlockSize);
        if (n < 0)
            return fail(tr("Cannot read '%1': %2").arg(QDir::toNativeSeparators(filePath), file.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), n));
        done += n;
        if (progress && !progress(done, total))
            return fail(tr("Hashing '%1' was cancelled").arg(QDir::toNativeSeparators(filePath)));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QStringList FileHash::weightFiles(const QString& folderPath)
{
    QStringList files;
    QDirIterator it(folderPath, { QStringLiteral("*.safetensors") }, QDir::Files | QDir::Readable,
        QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext())
        files.append(QFileInfo(it.next()).absoluteFilePath());
    std::sort(files.begin(), files.end());
    return files;
}

QString FileHash::combineHashes(QStringList sha256Hexes)
{
    std::sort(sha256Hexes.begin(), sha256Hexes.end());
    QByteArray text;
    for (const QString& h : std::as_const(sha256Hexes))
        text += h.toLatin1() + '\n';
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

std::optional<QString> FileHash::cachedFileHash(
    const QString& filePath, QString* errorMessage, const Progress& progress)
{
    const QFileInfo info(filePath);
    const QString key = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    const qint64 size = info.size();
    const qint64 mtime = info.lastModified().toMSecsSinceEpoch();

    const QString cachePath = cacheFilePath();
    if (!cachePath.isEmpty()) {
        const QJsonObject entry = loadCache(cachePath).value(key).toObject();
        const QString cached = entry.value(QStringLiteral("sha256")).toString();
        if (cached.size() == 64 && entry.value(QStringLiteral("size")).toDouble(-1) == static_cast<double>(size)
            && entry.value(QStringLiteral("mtime_ms")).toDouble(-1) == static_cast<double>(mtime))
            return cached;
    }

    const std::optional<QString> hash = hashFile(filePath, errorMessage, progress);
    if (hash && !cachePath.isEmpty()) {
        // Re-read: another instance may have added entries while this file was hashed.
        QJsonObject files = loadCache(cachePath);
        QJsonObject entry;
        entry.insert(QStringLiteral("size"), static_cast<double>(size));
        entry.insert(QStringLiteral("mtime_ms"), static_cast<double>(mtime));
        entry.insert(QStringLiteral("sha256"), *hash);
        files.insert(key, entry);
        saveCache(cachePath, files);
    }
    return hash;
}

std::optional<QString> FileHash::sha256(const QString& path, QString* errorMessage, const Progress& progress)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        if (errorMessage)
            *errorMessage = tr("'%1' does not exist").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    if (!info.isDir())
        return cachedFileHash(info.absoluteFilePath(), errorMessage, progress);

    const QStringList files = weightFiles(info.absoluteFilePath());
    if (files.isEmpty()) {
        if (errorMessage)
            *errorMessage = tr("'%1' holds no .safetensors weight files").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    qint64 total = 0;
    for (const QString& f : files)
        total += QFileInfo(f).size();
    qint64 before = 0;
    QStringList hashes;
    for (const QString& f : files) {
        const Progress fileProgress
            = progress ? Progress([&](qint64 done, qint64) { return progress(before + done, total); }) : Progress();
        const std::optional<QString> h = cachedFileHash(f, errorMessage, fileProgress);
        if (!h)
            return std::nullopt;
        hashes.append(*h);
        before += QFileInfo(f).size();
    }
    return combineHashes(hashes);
}

} // namespace easel
