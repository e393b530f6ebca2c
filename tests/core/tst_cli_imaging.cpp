// SPDX-License-Identifier: MIT
// easel-cli enhance / merge / attribute / check end to end: the built executable run through QProcess.

#include "gallery/imagefile.h"
#include "imaging/attribution.h"
#include "imaging/imageio.h"
#include "support/clirunner.h"
#include "support/imagingfixtures.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

using namespace easel;

namespace {

QByteArray hashOf(const QString& path) { return imaging::readImage(path).sha256.toLatin1(); }

} // namespace

class TestCliImaging : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_photo;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_photo = path(QStringLiteral("photo.png"));
        QVERIFY(QFile::copy(test::imagingFixturePath(QStringLiteral("input_photo.png")), m_photo));
        QFile text(path(QStringLiteral("text.png")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not a PNG");
    }

    void runsInItsOwnHome()
    {
        // easel_add_test gives the test, and every easel-cli it starts, a home and XDG folders of its own
        // under the build tree, emptied before each ctest run.
        const QString home = qEnvironmentVariable("EASEL_TEST_HOME");
        if (home.isEmpty())
            QSKIP("run outside CTest: HOME is the user's");
        QCOMPARE(qEnvironmentVariable("HOME"), home);
        QVERIFY(home.endsWith(QStringLiteral("/homes/tst_cli_imaging")));
        for (const char* name : { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME" }) {
            const QString dir = qEnvironmentVariable(name);
            QVERIFY2(dir.startsWith(home + QLatin1Char('/')) && QFileInfo(dir).isDir(), name);
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString out = m_dir.filePath(QStringLiteral("bad-out.png"));
        const QString photo = m_dir.filePath(QStringLiteral("photo.png"));
        const QString missing = m_dir.filePath(QStringLiteral("missing.png"));
        const QString text = m_dir.filePath(QStringLiteral("text.png"));
        QTest::newRow("enhance missing file") << QStringList { QStringLiteral("enhance"), missing, out,
            QStringLiteral("--contrast"), QStringLiteral("1.1") }
                                              << 1 << QStringLiteral("no such file");
        QTest::newRow("enhance unreadable image")
            << QStringList { QStringLiteral("enhance"), text, out, QStringLiteral("--contrast"), QStringLiteral("1.1") }
            << 1 << QStringLiteral("not an image");
        QTest::newRow("enhance bad unsharp") << QStringList { QStringLiteral("enhance"), photo, out,
            QStringLiteral("--unsharp"), QStringLiteral("1,150") }
                                             << 2 << QStringLiteral("--unsharp expects RADIUS,PERCENT,THRESHOLD");
        QTest::newRow("enhance unsharp not numbers") << QStringList { QStringLiteral("enhance"), photo, out,
            QStringLiteral("--unsharp"), QStringLiteral("a,b,c") }
                                                     << 2 << QStringLiteral("--unsharp");
        QTest::newRow("enhance bad number") << QStringList { QStringLiteral("enhance"), photo, out,
            QStringLiteral("--sharpness"), QStringLiteral("lots") }
                                            << 2 << QStringLiteral("--sharpness expects a number");
        QTest::newRow("enhance out of range")
            << QStringList { QStringLiteral("enhance"), photo, out, QStringLiteral("--color"), QStringLiteral("-3") }
            << 1 << QStringLiteral("factor must be between 0 and 100");
        QTest::newRow("enhance nothing to do")
            << QStringList { QStringLiteral("enhance"), photo, out } << 2 << QStringLiteral("nothing to do");
        QTest::newRow("enhance unknown preset") << QStringList { QStringLiteral("enhance"), photo, out,
            QStringLiteral("--preset"), QStringLiteral("magic") }
                                                << 2 << QStringLiteral("unknown preset");
        QTest::newRow("enhance missing OUT")
            << QStringList { QStringLiteral("enhance"), photo } << 2 << QStringLiteral("expected IN and OUT");
        QTest::newRow("enhance unknown option") << QStringList { QStringLiteral("enhance"), photo, out,
            QStringLiteral("--sparkle") } << 2 << QStringLiteral("sparkle");
        QTest::newRow("enhance over its source") << QStringList { QStringLiteral("enhance"), photo, photo,
            QStringLiteral("--preset"), QStringLiteral("seed-chain"), QStringLiteral("--force") }
                                                 << 1 << QStringLiteral("refusing to overwrite a source");
        QTest::newRow("enhance to jpeg") << QStringList { QStringLiteral("enhance"), photo,
            m_dir.filePath(QStringLiteral("x.jpg")), QStringLiteral("--contrast"), QStringLiteral("1.2") }
                                         << 1 << QStringLiteral(".png");
        QTest::newRow("merge missing background") << QStringList { QStringLiteral("merge"),
            QStringLiteral("--character"), test::imagingFixturePath(QStringLiteral("input_character.png")), out }
                                                  << 2 << QStringLiteral("--background");
        QTest::newRow("merge bad size") << QStringList { QStringLiteral("merge"), QStringLiteral("--character"),
            test::imagingFixturePath(QStringLiteral("input_character.png")), QStringLiteral("--background"),
            test::imagingFixturePath(QStringLiteral("input_background.png")), QStringLiteral("--size"),
            QStringLiteral("big"), out } << 2
                                        << QStringLiteral("--size expects WxH");
        QTest::newRow("merge missing character") << QStringList { QStringLiteral("merge"),
            QStringLiteral("--character"), missing, QStringLiteral("--background"),
            test::imagingFixturePath(QStringLiteral("input_background.png")), out }
                                                 << 1 << QStringLiteral("no such file");
        QTest::newRow("attribute bad corner") << QStringList { QStringLiteral("attribute"), photo, out,
            QStringLiteral("--corner"), QStringLiteral("middle") }
                                              << 2 << QStringLiteral("--corner expects");
        QTest::newRow("attribute bad opacity")
            << QStringList { QStringLiteral("attribute"), photo, out, QStringLiteral("--opacity"), QStringLiteral("7") }
            << 1 << QStringLiteral("opacity");
        QTest::newRow("check unreadable")
            << QStringList { QStringLiteral("check"), text } << 1 << QStringLiteral("not an image");
        QTest::newRow("check nothing") << QStringList { QStringLiteral("check") } << 2 << QStringLiteral("expected IN");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QByteArray before = hashOf(m_photo);
        const test::CliRun run = test::runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one line
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad-out.png"))));
        QCOMPARE(hashOf(m_photo), before);
    }

    void enhance()
    {
        const QByteArray before = hashOf(m_photo);
        const QString out = path(QStringLiteral("enhanced.png"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("enhance"), m_photo, out, QStringLiteral("--preset"), QStringLiteral("seed-chain") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(hashOf(m_photo), before);
        // Pixels equal the manifest's chain exactly.
        const cv::Mat result = cv::imread(out.toStdString(), cv::IMREAD_COLOR);
        QCOMPARE(test::maxAbsDifference(result, test::imagingFixture(QStringLiteral("out_photo_chain.png"))), 0);
        // Metadata names the source and the operations.
        const TextChunks chunks = ImageFile::readTextChunks(out);
        QVERIFY(ImageFile::text(chunks, imaging::chunk::software).startsWith(QStringLiteral("Easel ")));
        const QJsonArray sources
            = QJsonDocument::fromJson(ImageFile::text(chunks, imaging::chunk::sources).toUtf8()).array();
        QCOMPARE(sources[0].toObject()[QStringLiteral("file")].toString(), QStringLiteral("photo.png"));
        QCOMPARE(sources[0].toObject()[QStringLiteral("sha256")].toString().toLatin1(), before);
        const QJsonArray ops
            = QJsonDocument::fromJson(ImageFile::text(chunks, imaging::chunk::operations).toUtf8()).array();
        QCOMPARE(ops.size(), 4);
        QCOMPARE(ops[3].toObject()[QStringLiteral("op")].toString(), QStringLiteral("unsharp_mask"));

        // An existing result is kept unless --force; options override the preset.
        const QByteArray first = hashOf(out);
        test::CliRun again = test::runCli(
            { QStringLiteral("enhance"), m_photo, out, QStringLiteral("--brightness"), QStringLiteral("1.15") });
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("already exists")));
        QCOMPARE(hashOf(out), first);
        again = test::runCli(
            { QStringLiteral("enhance"), m_photo, out, QStringLiteral("--preset"), QStringLiteral("seed-chain"),
                QStringLiteral("--unsharp"), QStringLiteral("2,100,0"), QStringLiteral("--force") });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(hashOf(out) != first);
        const QJsonArray ops2 = QJsonDocument::fromJson(
            ImageFile::text(ImageFile::readTextChunks(out), imaging::chunk::operations).toUtf8())
                                    .array();
        QCOMPARE(ops2[3].toObject()[QStringLiteral("radius")].toDouble(), 2.0);
        QCOMPARE(ops2[3].toObject()[QStringLiteral("threshold")].toInt(), 0);
    }

    void merge()
    {
        const QString character = test::imagingFixturePath(QStringLiteral("input_character.png"));
        const QString background = test::imagingFixturePath(QStringLiteral("input_background.png"));
        const QByteArray before = hashOf(character);
        const QString out = path(QStringLiteral("merged.png"));
        test::CliRun run = test::runCli({ QStringLiteral("merge"), QStringLiteral("--character"), character,
            QStringLiteral("--background"), background, out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(hashOf(character), before);
        const imaging::ImageData merged = imaging::readImage(out);
        QCOMPARE(merged.pixels.cols, 1024);
        QCOMPARE(merged.pixels.rows, 512);
        const QJsonArray sources
            = QJsonDocument::fromJson(ImageFile::text(merged.chunks, imaging::chunk::sources).toUtf8()).array();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[1].toObject()[QStringLiteral("file")].toString(), QStringLiteral("input_background.png"));

        const QString custom = path(QStringLiteral("merged-custom.png"));
        run = test::runCli({ QStringLiteral("merge"), QStringLiteral("--character"), character,
            QStringLiteral("--background"), background, QStringLiteral("--size"), QStringLiteral("640x360"),
            QStringLiteral("--position"), QStringLiteral("160,350"), QStringLiteral("--scale"), QStringLiteral("0.6"),
            QStringLiteral("--harmonize"), QStringLiteral("0.5"), custom });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const cv::Mat image = cv::imread(custom.toStdString());
        QCOMPARE(image.cols, 640);
        QCOMPARE(image.rows, 360);
        const QJsonObject op = QJsonDocument::fromJson(
            ImageFile::text(ImageFile::readTextChunks(custom), imaging::chunk::operations).toUtf8())
                                   .array()[0]
                                   .toObject();
        QCOMPARE(op[QStringLiteral("harmonize")].toDouble(), 0.5);
        QCOMPARE(op[QStringLiteral("scale")].toDouble(), 0.6);
    }

    void attribute()
    {
        // A source made by Easel: its generation record names the model.
        const QString source = path(QStringLiteral("generated.png"));
        QFile in(test::imagingFixturePath(QStringLiteral("input_photo.png")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        ImageFile::savePng(source, in.readAll(),
            { { QStringLiteral("parameters"),
                QStringLiteral("a lighthouse\nSteps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 320x240, "
                               "Model: sd_xl_base_1.0") } });
        const QByteArray before = hashOf(source);
        const QString out = path(QStringLiteral("attributed.png"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("attribute"), source, out, QStringLiteral("--text"), QStringLiteral("Made with Easel"),
                QStringLiteral("--corner"), QStringLiteral("tl"), QStringLiteral("--opacity"), QStringLiteral("0.8") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(hashOf(source), before);

        const imaging::ImageData result = imaging::readImage(out);
        QCOMPARE(ImageFile::text(result.chunks, QStringLiteral("Model")), QStringLiteral("sd_xl_base_1.0"));
        QCOMPARE(ImageFile::text(result.chunks, QStringLiteral("License")), QStringLiteral("CreativeML OpenRAIL++-M"));
        QCOMPARE(imaging::digitalSourceType(result.chunks), imaging::kTrainedAlgorithmicMedia);
        QVERIFY(
            ImageFile::text(result.chunks, QStringLiteral("parameters")).startsWith(QStringLiteral("a lighthouse")));
        // The watermark is in the top-left corner only.
        const cv::Mat original = imaging::readImage(source).pixels;
        cv::Mat diff;
        cv::absdiff(result.pixels, original, diff);
        const cv::Rect box = imaging::watermarkRect(
            original.size(), { QStringLiteral("Made with Easel"), imaging::Corner::TopLeft, 0.8 });
        QVERIFY(box.x < 20 && box.y < 20);
        QVERIFY(cv::countNonZero(diff(box).reshape(1)) > 0);
        diff(box).setTo(0);
        QCOMPARE(cv::countNonZero(diff.reshape(1)), 0);

        const QString explicitLicence = path(QStringLiteral("attributed2.png"));
        const test::CliRun second = test::runCli({ QStringLiteral("attribute"), out, explicitLicence,
            QStringLiteral("--licence"), QStringLiteral("CC-BY-4.0") });
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(ImageFile::text(ImageFile::readTextChunks(explicitLicence), QStringLiteral("License")),
            QStringLiteral("CC-BY-4.0"));
    }

    void check()
    {
        test::CliRun run
            = test::runCli({ QStringLiteral("check"), test::imagingFixturePath(QStringLiteral("input_photo.png")) });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("ok")));
        const QString black = path(QStringLiteral("black.png"));
        QVERIFY(cv::imwrite(black.toStdString(), cv::Mat(32, 32, CV_8UC3, cv::Scalar::all(3))));
        run = test::runCli({ QStringLiteral("check"), black });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("nearly black")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("uniform")));
    }
};

QTEST_GUILESS_MAIN(TestCliImaging)
#include "tst_cli_imaging.moc"
