// SPDX-License-Identifier: MIT
#include "gallery/thumbnailcache.h"

#include "settings/paths.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>
#include <QThread>

#include <algorithm>

namespace easel {

namespace {

    constexpr int kMaxWaiting = 512; ///< older requests are dropped: they scrolled past long ago

    QImage readImage(QImageReader& reader)
    {
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid() && (size.width() > ThumbnailCache::Side || size.height() > ThumbnailCache::Side))
            reader.setScaledSize(size.scaled(ThumbnailCache::Side, ThumbnailCache::Side, Qt::KeepAspectRatio));
        QImage image = reader.read();
        if (image.isNull())
            return image;
        if (image.width() > ThumbnailCache::Side || image.height() > ThumbnailCache::Side)
            image = image.scaled(
                ThumbnailCache::Side, ThumbnailCache::Side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        return image.convertToFormat(
            image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    }

    // A cache file: magic, payload length, payload (JPEG or PNG), SHA-1 of the payload. Anything else is a miss.
    const QByteArray kMagic = QByteArrayLiteral("EASELTHUMB1\n");
    constexpr int kHashSize = 20;

    QByteArray wrap(const QByteArray& payload)
    {
        QByteArray out = kMagic;
        const quint32 n = quint32(payload.size());
        out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
        out += payload;
        out += QCryptographicHash::hash(payload, QCryptographicHash::Sha1);
        return out;
    }

    QByteArray unwrap(const QByteArray& file)
    {
        const int header = int(kMagic.size()) + 4;
        if (file.size() < header + kHashSize || !file.startsWith(kMagic))
            return {};
        const auto* p = reinterpret_cast<const uchar*>(file.constData()) + kMagic.size();
        const qint64 n = (qint64(p[0]) << 24) | (qint64(p[1]) << 16) | (qint64(p[2]) << 8) | qint64(p[3]);
        if (n != file.size() - header - kHashSize)
            return {};
        QByteArray payload = file.mid(header, int(n));
        if (QCryptographicHash::hash(payload, QCryptographicHash::Sha1) != file.right(kHashSize))
            return {};
        return payload;
    }

} // namespace

struct ThumbnailCache::Loaded {
    QImage image;
    bool fromDisk = false;
};

QString ThumbnailCache::defaultDirectory() { return paths::cacheDir() + QStringLiteral("/thumbnails"); }

ThumbnailCache::ThumbnailCache(const QString& directory, QObject* parent)
    : QObject(parent)
    , m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{
    QDir().mkpath(m_directory);
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount() - 1));
    m_memory.setMaxCost(int(DefaultBudget / 1024));
}

ThumbnailCache::~ThumbnailCache()
{
    m_waiting.clear();
    m_pool.clear();
    m_pool.waitForDone();
}

QString ThumbnailCache::idOf(const Key& key) const
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key.path.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(QByteArray(
        QByteArray::number(key.mtimeMs) + '\n' + QByteArray::number(key.size) + '\n' + QByteArray::number(Side)));
    return QString::fromLatin1(hash.result().toHex());
}

QString ThumbnailCache::cacheFile(const Key& key) const
{
    return m_directory + QLatin1Char('/') + idOf(key) + QStringLiteral(".thumb");
}

QPixmap ThumbnailCache::cached(const Key& key) const
{
    const QPixmap* pixmap = m_memory.object(idOf(key));
    return pixmap ? *pixmap : QPixmap();
}

QPixmap ThumbnailCache::thumbnail(const Key& key)
{
    const QString id = idOf(key);
    if (const QPixmap* pixmap = m_memory.object(id))
        return *pixmap;
    request(key);
    return {};
}

bool ThumbnailCache::hasFailed(const Key& key) const { return m_failed.contains(idOf(key)); }

void ThumbnailCache::request(const Key& key)
{
    const QString id = idOf(key);
    if (m_memory.contains(id) || m_running.contains(id) || m_failed.contains(id))
        return;
    if (m_waitingIds.contains(id)) {
        const auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
            [&](const Key& k) { return k.path == key.path && k.mtimeMs == key.mtimeMs && k.size == key.size; });
        if (it != m_waiting.end() - 1 && it != m_waiting.end()) {
            const Key moved = *it;
            m_waiting.erase(it);
            m_waiting.append(moved);
        }
    } else {
        m_waiting.append(key);
        m_waitingIds.insert(id);
        while (m_waiting.size() > kMaxWaiting)
            m_waitingIds.remove(idOf(m_waiting.takeFirst()));
    }
    schedule();
}

void ThumbnailCache::cancelWaiting()
{
    m_waiting.clear();
    m_waitingIds.clear();
}

void ThumbnailCache::schedule()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_pool.maxThreadCount()) {
        const Key key = m_waiting.takeLast();
        const QString id = idOf(key);
        m_waitingIds.remove(id);
        m_running.insert(id);
        const QString file = cacheFile(key);
        m_pool.start([this, key, id, file] {
            Loaded loaded = load(key, file);
            QMetaObject::invokeMethod(
                this,
                [this, id, path = key.path, image = std::move(loaded.image), fromDisk = loaded.fromDisk] {
                    finished(id, path, image, fromDisk);
                },
                Qt::QueuedConnection);
        });
    }
}

ThumbnailCache::Loaded ThumbnailCache::load(const Key& key, const QString& file)
{
    Loaded loaded;
    {
        QFile in(file);
        if (in.open(QIODevice::ReadOnly)) {
            QByteArray payload = unwrap(in.readAll());
            if (!payload.isEmpty()) {
                QBuffer buffer(&payload);
                QImageReader reader(&buffer);
                loaded.image = readImage(reader);
                if (!loaded.image.isNull()) {
                    loaded.fromDisk = true;
                    return loaded;
                }
            }
        }
    }
    QImageReader source(key.path);
    source.setDecideFormatFromContent(true);
    loaded.image = readImage(source);
    if (loaded.image.isNull())
        return loaded;
    // A cache write that fails only costs a decode next time.
    QByteArray encoded;
    {
        QBuffer buffer(&encoded);
        buffer.open(QIODevice::WriteOnly);
        const bool alpha = loaded.image.hasAlphaChannel();
        QImageWriter writer(&buffer, alpha ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
        if (!alpha)
            writer.setQuality(88);
        if (!writer.write(loaded.image))
            return loaded;
    }
    QSaveFile out(file);
    // flush() before commit(): Qt 6.4 commits a short file on a full disk (see AtomicFile).
    if (out.open(QIODevice::WriteOnly) && out.write(wrap(encoded)) > 0 && out.flush())
        out.commit();
    return loaded;
}

void ThumbnailCache::finished(const QString& id, const QString& path, const QImage& image, bool fromDisk)
{
    m_running.remove(id);
    if (image.isNull()) {
        m_failed.insert(id);
        ++m_failures;
    } else {
        ++(fromDisk ? m_diskHits : m_decoded);
        const int cost = std::max(1, int(image.sizeInBytes() / 1024));
        m_memory.insert(id, new QPixmap(QPixmap::fromImage(image)), cost);
    }
    schedule();
    Q_EMIT ready(path);
}

void ThumbnailCache::setMemoryBudget(qint64 bytes) { m_memory.setMaxCost(int(std::max<qint64>(bytes / 1024, 1))); }

void ThumbnailCache::setThreadCount(int threads) { m_pool.setMaxThreadCount(std::max(1, threads)); }

} // namespace easel
