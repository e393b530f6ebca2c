// SPDX-License-Identifier: MIT
#include "jobs/lorahash.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QtEndian>

namespace easel {

namespace {

    constexpr int kShortLength = 12;
    constexpr qint64 kMaxHeader = qint64(100) << 20; // what the safetensors format allows

    std::optional<QString> computeHash(const QString& path, QString* errorMessage)
    {
        const auto fail = [&](const QString& why) -> std::optional<QString> {
            if (errorMessage)
                *errorMessage
                    = QCoreApplication::translate("easel::GenerationJob", "Cannot read %1: %2").arg(path, why);
            return std::nullopt;
        };
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(file.errorString());
        const QByteArray size = file.read(8);
        const qint64 headerSize = size.size() == 8 ? qint64(qFromLittleEndian<quint64>(size.constData())) : -1;
        if (headerSize < 2 || headerSize > kMaxHeader || 8 + headerSize > file.size())
            return fail(QCoreApplication::translate("easel::GenerationJob", "not a safetensors file"));
        const QJsonObject header = QJsonDocument::fromJson(file.read(headerSize)).object();
        static const QRegularExpression hexRe(QStringLiteral("^(0x)?[0-9a-fA-F]{12,}$"));
        QString metadataHash = header.value(QStringLiteral("__metadata__"))
                                   .toObject()
                                   .value(QStringLiteral("sshs_model_hash"))
                                   .toString();
        if (hexRe.match(metadataHash).hasMatch())
            return metadataHash.remove(QStringLiteral("0x")).left(kShortLength).toLower();
        QCryptographicHash hash(QCryptographicHash::Sha256);
        while (!file.atEnd()) {
            const QByteArray block = file.read(1 << 20);
            if (block.isEmpty())
                return fail(file.errorString());
            hash.addData(block);
        }
        return QString::fromLatin1(hash.result().toHex().left(kShortLength));
    }

} // namespace

std::optional<QString> loraShortHash(const QString& path, QString* errorMessage)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QFileInfo info(path);
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(info.absoluteFilePath())
                            .arg(info.size())
                            .arg(info.lastModified().toMSecsSinceEpoch());
    {
        const QMutexLocker lock(&mutex);
        if (const auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
    }
    const std::optional<QString> hash = computeHash(path, errorMessage);
    if (hash) {
        const QMutexLocker lock(&mutex);
        cache.insert(key, *hash);
    }
    return hash;
}

} // namespace easel
