// SPDX-License-Identifier: MIT
#include "jobs/lorahash.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using easel::loraShortHash;

namespace {

/// A safetensors file: 8-byte little-endian header size, the JSON header, then `data`.
QByteArray safetensors(const QByteArray& header, const QByteArray& data)
{
    QByteArray size(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), size.data());
    return size + header + data;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QString shortSha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().left(12));
}

} // namespace

class TestLoraHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dataSectionHash()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("style.safetensors"));
        const QByteArray data(3 << 20, 'x'); // more than one read block
        const QByteArray header = R"({"w":{"dtype":"U8","shape":[3145728],"data_offsets":[0,3145728]}})";
        writeFile(path, safetensors(header, data));
        QCOMPARE(loraShortHash(path), shortSha256(data));
        // The header does not count: the same tensors with other metadata hash the same.
        const QString other = dir.filePath(QStringLiteral("renamed.safetensors"));
        writeFile(other,
            safetensors(
                R"({"__metadata__":{"ss_output_name":"x"},"w":{"dtype":"U8","shape":[3145728],"data_offsets":[0,3145728]}})",
                data));
        QCOMPARE(loraShortHash(other), shortSha256(data));
    }

    void metadataHashWins()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kohya.safetensors"));
        const QString precalculated
            = QStringLiteral("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789");
        writeFile(path,
            safetensors(QStringLiteral(R"({"__metadata__":{"sshs_model_hash":"%1"}})").arg(precalculated).toUtf8(),
                QByteArray(16, 'y')));
        QCOMPARE(loraShortHash(path), QStringLiteral("abcdef012345"));
    }

    void changedFileIsHashedAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("l.safetensors"));
        writeFile(path, safetensors("{}", QByteArray(10, 'a')));
        QCOMPARE(loraShortHash(path), shortSha256(QByteArray(10, 'a')));
        writeFile(path, safetensors("{}", QByteArray(11, 'b'))); // another size: not the cached entry
        QCOMPARE(loraShortHash(path), shortSha256(QByteArray(11, 'b')));
    }

    void errors()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!loraShortHash(dir.filePath(QStringLiteral("missing.safetensors")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.safetensors")), qPrintable(error));
        const QString text = dir.filePath(QStringLiteral("text.safetensors"));
        writeFile(text, "not a tensor file at all");
        QVERIFY(!loraShortHash(text, &error));
        QVERIFY2(error.contains(QStringLiteral("text.safetensors")) && !error.contains(QLatin1Char('\n')),
            qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestLoraHash)
#include "tst_lorahash.moc"
