// SPDX-License-Identifier: MIT
// PNG text chunks written and read without QtGui, interoperating with what Qt writes and reads;
// atomic writes that never overwrite a source.

#include "common/error.h"
#include "gallery/atomicfile.h"
#include "gallery/imagefile.h"
#include "support/testdata.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#ifdef EASEL_TEST_WITH_QTGUI
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#endif

#include <unistd.h>

using namespace easel;

namespace {

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray fixturePng() { return readFile(test::testDataPath(QStringLiteral("imaging/input_photo.png"))); }

/// The chunk types in file order.
QList<QByteArray> chunkTypes(const QByteArray& png)
{
    QList<QByteArray> types;
    qsizetype at = 8;
    while (at + 12 <= png.size()) {
        const auto* p = reinterpret_cast<const unsigned char*>(png.constData() + at);
        const qsizetype length = (qsizetype(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
        types << png.mid(at + 4, 4);
        at += 12 + length;
    }
    return types;
}

QByteArray rawChunk(const QByteArray& type, const QByteArray& data, bool goodCrc = true)
{
    QByteArray out;
    const quint32 n = quint32(data.size());
    out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
    out += type + data;
    // CRC-32 (PNG/zlib polynomial), bitwise: small and independent of the code under test.
    quint32 crc = 0xffffffffu;
    for (const char ch : QByteArray(type + data)) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
    }
    crc ^= 0xffffffffu;
    if (!goodCrc)
        crc ^= 1;
    out.append(char(crc >> 24)).append(char(crc >> 16)).append(char(crc >> 8)).append(char(crc));
    return out;
}

/// \a png with \a chunk inserted just before IEND.
QByteArray withRawChunk(const QByteArray& png, const QByteArray& chunk)
{
    return png.left(png.size() - 12) + chunk + png.right(12);
}

/// zlib stream (no Qt length prefix).
QByteArray zlibStream(const QByteArray& data) { return qCompress(data).mid(4); }

} // namespace

class TestImageFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const TextChunks chunks {
            { QStringLiteral("Software"), QStringLiteral("Easel 0.1.0") },
            { QStringLiteral("parameters"), QStringLiteral("a cat\nNegative prompt: dog\nSteps: 20, Seed: 1") },
            { QStringLiteral("Title"), QStringLiteral("Ünïcödé ✓ 猫") },
            { ImageFile::xmpKeyword, QStringLiteral("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>") },
            { QStringLiteral("Title"), QStringLiteral("second title") },
            { QStringLiteral("empty"), QString() },
        };
        const QByteArray png = ImageFile::withTextChunks(fixturePng(), chunks);
        QCOMPARE(ImageFile::readTextChunks(png), chunks);
        QCOMPARE(ImageFile::text(chunks, QStringLiteral("Title")), QStringLiteral("Ünïcödé ✓ 猫"));
        QVERIFY(ImageFile::text(chunks, QStringLiteral("absent")).isNull());

        // ASCII text is tEXt, the rest and XMP iTXt, all before the image data.
        const QList<QByteArray> types = chunkTypes(png);
        QCOMPARE(types.first(), QByteArray("IHDR"));
        QCOMPARE(types.last(), QByteArray("IEND"));
        const qsizetype firstData = types.indexOf("IDAT");
        QCOMPARE(types.mid(firstData - 6, 6), (QList<QByteArray> { "tEXt", "tEXt", "iTXt", "iTXt", "tEXt", "tEXt" }));

        // Writing again replaces, never duplicates.
        const QByteArray again = ImageFile::withTextChunks(png, { { QStringLiteral("only"), QStringLiteral("one") } });
        QCOMPARE(ImageFile::readTextChunks(again), (TextChunks { { QStringLiteral("only"), QStringLiteral("one") } }));
        QCOMPARE(ImageFile::readTextChunks(ImageFile::withTextChunks(png, {})), TextChunks {});
        // The pixel data is untouched.
        QCOMPARE(again.size(), fixturePng().size() + 12 + 8); // one tEXt chunk holding "only\0one"
    }

    void readsCompressedChunks()
    {
        const QString longText = QStringLiteral("a long prompt, ").repeated(20);
        QByteArray png = fixturePng();
        png = withRawChunk(
            png, rawChunk("zTXt", QByteArray("parameters") + '\0' + '\0' + zlibStream(longText.toLatin1())));
        png = withRawChunk(png,
            rawChunk("iTXt",
                QByteArray("Comment") + '\0' + '\1' + '\0' + QByteArray("de") + '\0' + QByteArray("Kommentar") + '\0'
                    + zlibStream(QStringLiteral("grüße ✓").toUtf8())));
        const TextChunks chunks = ImageFile::readTextChunks(png);
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(chunks[0], (TextChunk { QStringLiteral("parameters"), longText }));
        QCOMPARE(chunks[1], (TextChunk { QStringLiteral("Comment"), QStringLiteral("grüße ✓") }));
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("data");
        const QByteArray png = fixturePng();
        QTest::newRow("not png") << QByteArray("GIF89a....");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << png.left(png.size() / 2);
        QTest::newRow("no IEND") << png.left(png.size() - 12);
        QTest::newRow("bad crc") << withRawChunk(png, rawChunk("tEXt", QByteArray("k") + '\0' + "v", false));
        QTest::newRow("no keyword") << withRawChunk(png, rawChunk("tEXt", QByteArray("novalue")));
        QTest::newRow("bad zlib") << withRawChunk(png, rawChunk("zTXt", QByteArray("k") + '\0' + '\0' + "garbage"));
        QTest::newRow("huge length") << png.left(33) + QByteArray("\x7f\xff\xff\xf0tEXt", 8) + png.mid(33);
    }

    void rejectsBadInput()
    {
        QFETCH(QByteArray, data);
        QVERIFY_THROWS_EXCEPTION(easel::Error, ImageFile::readTextChunks(data));
    }

    void rejectsBadKeywords()
    {
        const QByteArray png = fixturePng();
        for (const QString& keyword : { QString(), QStringLiteral(" lead"), QStringLiteral("double  space"),
                 QStringLiteral("x").repeated(80), QStringLiteral("snow☃") }) {
            QVERIFY_THROWS_EXCEPTION(
                easel::Error, ImageFile::withTextChunks(png, { { keyword, QStringLiteral("v") } }));
        }
        QVERIFY_THROWS_EXCEPTION(easel::Error,
            ImageFile::withTextChunks(
                png, { { QStringLiteral("k"), QStringLiteral("a") + QChar(0) + QStringLiteral("b") } }));
        QVERIFY_THROWS_EXCEPTION(easel::Error, ImageFile::withTextChunks(QByteArray("nope"), {}));
    }

#ifdef EASEL_TEST_WITH_QTGUI
    void interoperatesWithQt()
    {
        // What Qt 6.4 writes: tEXt below 40 characters, zTXt from 40, iTXt for non-Latin-1 text.
        QImage image(16, 8, QImage::Format_RGB32);
        image.fill(Qt::red);
        const QString longText = QStringLiteral("forty or more characters are compressed by Qt's writer");
        image.setText(QStringLiteral("short"), QStringLiteral("abc"));
        image.setText(QStringLiteral("long"), longText);
        image.setText(QStringLiteral("unicode"), QStringLiteral("猫 ✓"));
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
        const QByteArray qtPng = buffer.data();
        const QList<QByteArray> types = chunkTypes(qtPng);
        qInfo() << "Qt" << QT_VERSION_STR << "writes" << types;
        QVERIFY(types.contains("zTXt"));
        const TextChunks read = ImageFile::readTextChunks(qtPng);
        QCOMPARE(ImageFile::text(read, QStringLiteral("short")), QStringLiteral("abc"));
        QCOMPARE(ImageFile::text(read, QStringLiteral("long")), longText);
        QCOMPARE(ImageFile::text(read, QStringLiteral("unicode")), QStringLiteral("猫 ✓"));

        // What Easel writes, Qt reads.
        const QByteArray ours = ImageFile::withTextChunks(fixturePng(),
            { { QStringLiteral("Software"), QStringLiteral("Easel") },
                { QStringLiteral("Title"), QStringLiteral("猫 ✓") },
                { ImageFile::xmpKeyword, QStringLiteral("<x:xmpmeta/>") } });
        QBuffer in;
        in.setData(ours);
        in.open(QIODevice::ReadOnly);
        QImageReader reader(&in, "PNG");
        QCOMPARE(reader.text(QStringLiteral("Software")), QStringLiteral("Easel"));
        QCOMPARE(reader.text(QStringLiteral("Title")), QStringLiteral("猫 ✓"));
        // Qt 6.4 splits keys at ':' and reads the XMP under "XML" as "om.adobe.xmp: <packet>"; read XMP with
        // ImageFile::readTextChunks, not QImageReader.
        qInfo() << "Qt reads the keys" << reader.textKeys();
        QVERIFY(reader.text(ImageFile::xmpKeyword) == QLatin1String("<x:xmpmeta/>")
            || reader.text(QStringLiteral("XML")).endsWith(QLatin1String(": <x:xmpmeta/>")));
        QCOMPARE(reader.read().size(), QSize(320, 240));
    }
#endif

    void atomicFileNeverOverwritesSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = dir.filePath(QStringLiteral("source.png"));
        QVERIFY(QFile::copy(test::testDataPath(QStringLiteral("imaging/input_photo.png")), source));
        const QByteArray original = readFile(source);
        const QByteArray data("new content");

        QVERIFY_THROWS_EXCEPTION(easel::Error, AtomicFile::write(source, data, { source }));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, AtomicFile::write(source, data, { source }, AtomicFile::Existing::Replace));
        // Through another spelling, a symlink and a hard link.
        QVERIFY_THROWS_EXCEPTION(easel::Error,
            AtomicFile::write(
                dir.filePath(QStringLiteral("./x/../source.png")), data, { source }, AtomicFile::Existing::Replace));
        const QString link = dir.filePath(QStringLiteral("link.png"));
        QVERIFY(QFile::link(source, link));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, AtomicFile::write(link, data, { source }, AtomicFile::Existing::Replace));
        const QString hard = dir.filePath(QStringLiteral("hard.png"));
        QCOMPARE(::link(QFile::encodeName(source).constData(), QFile::encodeName(hard).constData()), 0);
        QVERIFY(AtomicFile::isSameFile(hard, source));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, AtomicFile::write(hard, data, { source }, AtomicFile::Existing::Replace));
        QCOMPARE(readFile(source), original);

        // New files are written; existing ones only replaced when asked; no temporary files stay behind.
        const QString out = dir.filePath(QStringLiteral("out.bin"));
        AtomicFile::write(out, data, { source });
        QCOMPARE(readFile(out), data);
        QVERIFY_THROWS_EXCEPTION(easel::Error, AtomicFile::write(out, "other", { source }));
        QCOMPARE(readFile(out), data);
        AtomicFile::write(out, "other", { source }, AtomicFile::Existing::Replace);
        QCOMPARE(readFile(out), QByteArray("other"));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, AtomicFile::write(dir.filePath(QStringLiteral("missing/dir/out.bin")), data));
        QVERIFY_THROWS_EXCEPTION(easel::Error, AtomicFile::write(dir.path(), data));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 4); // source, link, hard, out
    }

    void savePngReadsBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("a.png"));
        const TextChunks chunks { { QStringLiteral("Software"), QStringLiteral("Easel") } };
        ImageFile::savePng(path, fixturePng(), chunks);
        QCOMPARE(ImageFile::readTextChunks(path), chunks);
        QVERIFY_THROWS_EXCEPTION(easel::Error, ImageFile::savePng(path, fixturePng(), chunks));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, ImageFile::readTextChunks(dir.filePath(QStringLiteral("none.png"))));
        QVERIFY_THROWS_EXCEPTION(easel::Error,
            ImageFile::savePng(dir.filePath(QStringLiteral("b.png")), QByteArray("not png"), chunks));
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_imagefile.moc"
