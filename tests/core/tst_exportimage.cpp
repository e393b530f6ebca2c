// SPDX-License-Identifier: MIT
// Export: PNG copies keep every chunk; JPEG and WebP carry the chunks in XMP and the parameters in EXIF
// (read back here and by OpenCV's decoders); sources are never overwritten.

#include "common/error.h"
#include "gallery/imagefile.h"
#include "imaging/attribution.h"
#include "imaging/exportimage.h"
#include "imaging/imageio.h"
#include "support/imagingfixtures.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

using namespace easel;
using namespace easel::imaging;

namespace {

cv::Mat decode(const QByteArray& bytes)
{
    const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData()));
    return cv::imdecode(raw, cv::IMREAD_UNCHANGED);
}

TextChunks withoutXmp(const TextChunks& chunks)
{
    TextChunks out;
    for (const TextChunk& c : chunks) {
        if (c.keyword != ImageFile::xmpKeyword)
            out << c;
    }
    return out;
}

} // namespace

class TestExportImage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_source;
    TextChunks m_chunks;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = m_dir.filePath(QStringLiteral("source.png"));
        m_chunks = {
            { QStringLiteral("parameters"),
                QStringLiteral("a <lighthouse> & \"cliff\", caf\u00e9 \u6d77\r\nNegative prompt: blurry\nSteps: 20, "
                               "Seed: 42, Model: v1-5-pruned-emaonly") },
            { QStringLiteral("Software"), QStringLiteral("Easel 0.1.0") },
            { QStringLiteral("easel:operations"), QStringLiteral("[{\"op\":\"sharpness\",\"factor\":1.2}]") },
        };
        const ModelInfo model { QStringLiteral("v1-5-pruned-emaonly"), QStringLiteral("sd1"),
            QStringLiteral("CreativeML OpenRAIL-M") };
        m_chunks << provenanceChunks(model, QStringLiteral("Easel 0.1.0"));
        writeResult(m_source, test::imagingFixture(QStringLiteral("input_photo.png")), m_chunks, {});
    }

    void pngIsACopy()
    {
        const QString out = m_dir.filePath(QStringLiteral("copy.png"));
        QVERIFY(exportFile(m_source, out, { ExportFormat::Png, 50 }).isEmpty());
        QCOMPARE(test::readFile(out), test::readFile(m_source));
        // Never over the source, never over an existing file unless asked.
        QVERIFY_THROWS_EXCEPTION(Error, exportFile(m_source, m_source, { ExportFormat::Png, 50 }));
        QVERIFY_THROWS_EXCEPTION(
            Error, exportFile(m_source, m_source, { ExportFormat::Png, 50 }, AtomicFile::Existing::Replace));
        QVERIFY_THROWS_EXCEPTION(Error, exportFile(m_source, out, { ExportFormat::Jpeg, 90 }));
    }

    void lossyFormatsCarryTheRecipe_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("quality");
        QTest::newRow("jpeg 90") << int(ExportFormat::Jpeg) << 90;
        QTest::newRow("jpeg 40") << int(ExportFormat::Jpeg) << 40;
        QTest::newRow("webp 80") << int(ExportFormat::Webp) << 80;
        QTest::newRow("webp lossless") << int(ExportFormat::Webp) << 101;
    }

    void lossyFormatsCarryTheRecipe()
    {
        QFETCH(int, format);
        QFETCH(int, quality);
        const auto f = ExportFormat(format);
        if (f == ExportFormat::Webp && !cv::haveImageWriter(".webp"))
            QSKIP("OpenCV was built without WebP");
        const QString out = m_dir.filePath(QStringLiteral("out-%1%2").arg(quality).arg(exportSuffix(f)));
        const QByteArray before = test::readFile(m_source);
        QVERIFY(exportFile(m_source, out, { f, quality }).isEmpty());
        QCOMPARE(test::readFile(m_source), before);
        const QByteArray bytes = test::readFile(out);
        const cv::Mat pixels = decode(bytes);
        const cv::Mat original = test::imagingFixture(QStringLiteral("input_photo.png"));
        QCOMPARE(pixels.size(), original.size());
        if (quality == 101)
            QCOMPARE(test::maxAbsDifference(pixels, original), 0);

        const QString xmp = embeddedXmp(bytes);
        QVERIFY(!xmp.isEmpty());
        QCOMPARE(chunksFromXmp(xmp), withoutXmp(m_chunks));
        const TextChunks asChunks { { ImageFile::xmpKeyword, xmp } };
        QCOMPARE(digitalSourceType(asChunks), kTrainedAlgorithmicMedia);
        QVERIFY(xmp.contains(QStringLiteral("CreativeML OpenRAIL-M")));
        QCOMPARE(embeddedUserComment(bytes), ImageFile::text(m_chunks, QStringLiteral("parameters")));
        // A lower quality makes a smaller file.
        if (f == ExportFormat::Jpeg && quality == 40)
            QVERIFY(bytes.size() < QFileInfo(m_dir.filePath(QStringLiteral("out-90.jpg"))).size());

        // Exported again from the JPEG/WebP, the chunks come through from its XMP.
        const QString again = m_dir.filePath(QStringLiteral("again-%1.png").arg(quality));
        exportFile(out, again, { ExportFormat::Png, 0 });
        QCOMPARE(withoutXmp(ImageFile::readTextChunks(again)), withoutXmp(m_chunks));
    }

    void exifBlockRoundTrip()
    {
        const QString comment = QStringLiteral("caf\u00e9 \u6d77 \U0001F30A, Steps: 20");
        std::vector<uchar> encoded;
        cv::imencode(".jpg", test::imagingFixture(QStringLiteral("input_photo.png")), encoded);
        const QByteArray jpeg(reinterpret_cast<const char*>(encoded.data()), qsizetype(encoded.size()));
        const QByteArray with = jpegWithMetadata(jpeg, exifBlock(QStringLiteral("E"), comment), QString());
        QCOMPARE(embeddedUserComment(with), comment);
        QVERIFY(embeddedXmp(with).isEmpty());
        QVERIFY(!decode(with).empty());
        QVERIFY(exifBlock(QString(), QString()).isEmpty());
        QVERIFY_THROWS_EXCEPTION(Error, jpegWithMetadata(QByteArrayLiteral("nope"), {}, QString()));
        QVERIFY_THROWS_EXCEPTION(
            Error, jpegWithMetadata(jpeg, QByteArray(70000, 'x'), QString())); // larger than one segment
    }

    void xmpOfPlainImage()
    {
        // No chunks: no recipe claimed, nothing marked as AI-made.
        const QString xmp = chunksToXmp({});
        QVERIFY(chunksFromXmp(xmp).isEmpty());
        QVERIFY(digitalSourceType({ { ImageFile::xmpKeyword, xmp } }).isEmpty());
        QVERIFY(chunksFromXmp(QStringLiteral("<not xml")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExportImage)
#include "tst_exportimage.moc"
