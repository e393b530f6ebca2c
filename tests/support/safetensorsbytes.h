// SPDX-License-Identifier: MIT
#pragma once

// The safetensors format itself, in bytes, for tests that serve or inspect model files without the engine.

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtEndian>

namespace easel::test {

struct RawTensor {
    QString name;
    QString dtype;
    QJsonArray shape;
    QByteArray data;
};

/// u64 little-endian header length, JSON header (padded to 8 bytes), tensor bytes.
inline QByteArray makeSafetensors(const QList<RawTensor>& tensors)
{
    QJsonObject header;
    QByteArray data;
    for (const RawTensor& t : tensors) {
        header.insert(t.name,
            QJsonObject { { QStringLiteral("dtype"), t.dtype }, { QStringLiteral("shape"), t.shape },
                { QStringLiteral("data_offsets"), QJsonArray { data.size(), data.size() + t.data.size() } } });
        data += t.data;
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    json.append(QByteArray((8 - json.size() % 8) % 8, ' '));
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), length.data());
    return length + json + data;
}

/// Every tensor of a safetensors file (empty when it cannot be read).
inline QList<RawTensor> readSafetensors(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 8)
        return {};
    const qint64 length = qint64(qFromLittleEndian<quint64>(bytes.constData()));
    const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, length)).object();
    const QByteArray data = bytes.mid(8 + length);
    QList<RawTensor> tensors;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        const QJsonObject entry = it.value().toObject();
        const QJsonArray offsets = entry.value(QStringLiteral("data_offsets")).toArray();
        const qint64 begin = offsets.at(0).toInteger();
        tensors.append({ it.key(), entry.value(QStringLiteral("dtype")).toString(),
            entry.value(QStringLiteral("shape")).toArray(), data.mid(begin, offsets.at(1).toInteger() - begin) });
    }
    return tensors;
}

} // namespace easel::test
