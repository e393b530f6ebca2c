// SPDX-License-Identifier: MIT
// easel-cli gallery list / rebuild / add / rate / export / boards / board / searches / search end to end, through the
// built executable.

#include "gallery/gallerycollections.h"
#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"
#include "support/clirunner.h"
#include "tst_gallery_png.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

class TestCliGallery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_images;
    QString m_db;

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }

    test::CliRun gallery(QStringList args)
    {
        args.prepend(QStringLiteral("gallery"));
        args << QStringLiteral("--db") << m_db;
        return test::runCli(args);
    }

    QJsonArray listJson(const QString& query)
    {
        const test::CliRun run = gallery({ QStringLiteral("list"), QStringLiteral("--json"), query });
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return QJsonDocument::fromJson(run.out.toUtf8()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_images = m_dir.filePath(QStringLiteral("images"));
        QVERIFY(QDir().mkpath(m_images + QStringLiteral("/comfy")));
        m_db = m_dir.filePath(QStringLiteral("db/gallery.sqlite"));
        ImageFile::savePng(image(QStringLiteral("easel")), test::tinyPng(),
            test::easelChunks(QStringLiteral("a lighthouse on a cliff"), QStringLiteral("tiny-sd15"), 42));
        ImageFile::savePng(image(QStringLiteral("a1111")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a castle in fog"), QStringLiteral("dreamshaper_8"), 7));
        ImageFile::savePng(image(QStringLiteral("comfy/ComfyUI_00001_")), test::tinyPng(),
            test::comfyChunks(QStringLiteral("a robot gardener"), QStringLiteral("juggernautXL_v9"), 1234));
        ImageFile::savePng(image(QStringLiteral("invoke")), test::tinyPng(),
            test::invokeChunks(QStringLiteral("an owl librarian"), QStringLiteral("realisticVision_v51"), 99));
        QFile bad(image(QStringLiteral("broken")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a png");
    }

    void addListRateRebuildExport()
    {
        test::CliRun run = gallery({ QStringLiteral("add"), m_images });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("5 image(s)")), qPrintable(run.out));
        QVERIFY(run.err.contains(QStringLiteral("broken.png"))); // warned about, one line

        QJsonArray found = listJson(QStringLiteral("robot model:juggernaut"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0)[QStringLiteral("path")].toString(), image(QStringLiteral("comfy/ComfyUI_00001_")));
        QCOMPARE(found.at(0)[QStringLiteral("seed")].toDouble(), 1234.0);
        QCOMPARE(found.at(0)[QStringLiteral("source")].toString(), QStringLiteral("comfyui"));

        run = gallery({ QStringLiteral("list"), QStringLiteral("-model:juggernaut"), QStringLiteral("-broken") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed().split(QLatin1Char('\n')).size(), 4);

        run = gallery({ QStringLiteral("rate"), image(QStringLiteral("a1111")), QStringLiteral("4") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(
            ImageFile::text(ImageFile::readTextChunks(image(QStringLiteral("a1111"))), ImageMetadata::ratingKeyword),
            QStringLiteral("4"));
        QCOMPARE(listJson(QStringLiteral("rating:>=4")).size(), 1);

        // The database deleted: the next command rebuilds it from the files, rating included.
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(m_db + QLatin1String(suffix));
        found = listJson(QStringLiteral("rating:4"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0)[QStringLiteral("path")].toString(), image(QStringLiteral("a1111")));
        QCOMPARE(listJson(QString()).size(), 5);

        run = gallery({ QStringLiteral("rebuild") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("5 image(s)")), qPrintable(run.out));

        // Deleted behind the index's back: gone from the next list.
        QVERIFY(QFile::remove(image(QStringLiteral("invoke"))));
        QCOMPARE(listJson(QStringLiteral("owl")).size(), 0);

        const QString exported = m_dir.filePath(QStringLiteral("export"));
        run = gallery({ QStringLiteral("export"), QStringLiteral("model:dreamshaper OR lighthouse"), exported });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("0 image")));
        run = gallery({ QStringLiteral("export"), QStringLiteral("-reject:yes size:8x8 -broken"), exported });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("3 image")));
        const QStringList files = QDir(exported).entryList(QDir::Files);
        QCOMPARE(files.size(), 3);
        QFile a(image(QStringLiteral("a1111")));
        QFile copy(exported + QStringLiteral("/a1111.png"));
        QVERIFY(a.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), a.readAll()); // metadata and rating included
        // Again: the names do not clash, nothing is overwritten.
        run = gallery({ QStringLiteral("export"), QStringLiteral("castle"), exported });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFileInfo::exists(exported + QStringLiteral("/a1111-2.png")));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString missing = m_dir.filePath(QStringLiteral("missing.png"));
        QTest::newRow("no subcommand") << QStringList {} << 2 << "Usage: easel-cli gallery";
        QTest::newRow("unknown subcommand")
            << QStringList { QStringLiteral("frob") } << 2 << "unknown subcommand 'frob'";
        QTest::newRow("unknown option") << QStringList { QStringLiteral("list"), QStringLiteral("--bogus") } << 2
                                        << "unknown option '--bogus'";
        QTest::newRow("bad query") << QStringList { QStringLiteral("list"), QStringLiteral("seed:abc") } << 2
                                   << "seed: expects a number";
        QTest::newRow("bad limit") << QStringList { QStringLiteral("list"), QStringLiteral("--limit"),
            QStringLiteral("x") } << 2
                                   << "--limit expects";
        QTest::newRow("rate range") << QStringList { QStringLiteral("rate"), image(QStringLiteral("a1111")),
            QStringLiteral("9") } << 2
                                    << "from 0 to 5, got '9'";
        QTest::newRow("rate arity") << QStringList { QStringLiteral("rate"), image(QStringLiteral("a1111")) } << 2
                                    << "usage: easel-cli gallery rate FILE N";
        QTest::newRow("rate missing") << QStringList { QStringLiteral("rate"), missing, QStringLiteral("3") } << 1
                                      << "missing.png: no such file";
        QTest::newRow("rate not png") << QStringList { QStringLiteral("rate"), image(QStringLiteral("broken")),
            QStringLiteral("3") } << 1 << "broken.png";
        QTest::newRow("add missing") << QStringList { QStringLiteral("add"), m_dir.filePath(QStringLiteral("nope")) }
                                     << 1 << "nope: no such folder";
        QTest::newRow("export arity") << QStringList { QStringLiteral("export"), QStringLiteral("castle") } << 2
                                      << "usage: easel-cli gallery export QUERY DIR";
        QTest::newRow("board no file") << QStringList { QStringLiteral("board"), QStringLiteral("add"),
            QStringLiteral("Mood") } << 2
                                       << "usage: easel-cli gallery board add NAME FILE...";
        QTest::newRow("board bad name") << QStringList { QStringLiteral("board"), QStringLiteral("add"),
            QStringLiteral("a|b"), image(QStringLiteral("a1111")) }
                                        << 2 << "cannot be empty or contain '|'";
        QTest::newRow("board missing file")
            << QStringList { QStringLiteral("board"), QStringLiteral("add"), QStringLiteral("Mood"), missing } << 1
            << "missing.png: no such file";
        QTest::newRow("board unknown") << QStringList { QStringLiteral("board"), QStringLiteral("remove"),
            QStringLiteral("Nowhere") } << 1
                                       << "no board named Nowhere";
        QTest::newRow("search bad query") << QStringList { QStringLiteral("search"), QStringLiteral("save"),
            QStringLiteral("Bad"), QStringLiteral("seed:abc") }
                                          << 2 << "seed: expects a number";
        QTest::newRow("search unknown") << QStringList { QStringLiteral("search"), QStringLiteral("remove"),
            QStringLiteral("Nothing") } << 1
                                        << "no saved search named Nothing";
        QTest::newRow("search arity") << QStringList { QStringLiteral("search"), QStringLiteral("save"),
            QStringLiteral("Name") } << 2
                                      << "usage: easel-cli gallery search save NAME QUERY";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const test::CliRun run = gallery(args);
        QCOMPARE(run.exitCode, exitCode);
        const QString text = exitCode == 2 && args.isEmpty() ? run.out : run.err;
        QVERIFY2(text.contains(message), qPrintable(text));
        if (!args.isEmpty())
            QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    }

    void boardsAndSavedSearches()
    {
        gallery({ QStringLiteral("add"), m_images });
        test::CliRun run = gallery({ QStringLiteral("board"), QStringLiteral("add"), QStringLiteral("Client Picks"),
            image(QStringLiteral("easel")), image(QStringLiteral("a1111")) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("2 image(s) added")), qPrintable(run.out));
        run = gallery(
            { QStringLiteral("board"), QStringLiteral("add"), QStringLiteral("Mood"), image(QStringLiteral("a1111")) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // In the PNG (the files are the truth) and in the index.
        QCOMPARE(ImageMetadata::read(image(QStringLiteral("a1111"))).boards,
            (QStringList { QStringLiteral("Client Picks"), QStringLiteral("Mood") }));
        QCOMPARE(listJson(GalleryCollections::boardQuery(QStringLiteral("Client Picks"))).size(), 2);
        // The window's side bar reads the same collections file.
        QCOMPARE(GalleryCollections(m_db).boards(),
            (QStringList { QStringLiteral("Client Picks"), QStringLiteral("Mood") }));

        run = gallery({ QStringLiteral("boards"), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonArray boards = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(boards.size(), 2);
        QCOMPARE(boards.at(0)[QStringLiteral("name")].toString(), QStringLiteral("Client Picks"));
        QCOMPARE(boards.at(0)[QStringLiteral("images")].toInt(), 2);
        QCOMPARE(boards.at(1)[QStringLiteral("images")].toInt(), 1);
        run = gallery({ QStringLiteral("boards") });
        QVERIFY(run.out.contains(QStringLiteral("Mood\t1")));

        // One image off a board, then the whole board off every image and out of the list.
        run = gallery({ QStringLiteral("board"), QStringLiteral("remove"), QStringLiteral("Client Picks"),
            image(QStringLiteral("easel")) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(ImageMetadata::read(image(QStringLiteral("easel"))).boards.isEmpty());
        run = gallery({ QStringLiteral("board"), QStringLiteral("remove"), QStringLiteral("Client Picks") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("removed from 1 image(s)")), qPrintable(run.out));
        QCOMPARE(ImageMetadata::read(image(QStringLiteral("a1111"))).boards, QStringList { QStringLiteral("Mood") });
        QCOMPARE(GalleryCollections(m_db).boards(), QStringList { QStringLiteral("Mood") });
        QCOMPARE(listJson(GalleryCollections::boardQuery(QStringLiteral("Client Picks"))).size(), 0);

        run = gallery({ QStringLiteral("search"), QStringLiteral("save"), QStringLiteral("Castles"),
            QStringLiteral("castle"), QStringLiteral("-model:juggernaut") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = gallery({ QStringLiteral("searches"), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray searches = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(searches.size(), 1);
        QCOMPARE(searches.at(0)[QStringLiteral("query")].toString(), QStringLiteral("castle -model:juggernaut"));
        QCOMPARE(searches.at(0)[QStringLiteral("images")].toInt(), 1);
        QCOMPARE(GalleryCollections(m_db).searches().size(), 1);
        run = gallery({ QStringLiteral("search"), QStringLiteral("remove"), QStringLiteral("Castles") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(GalleryCollections(m_db).searches().isEmpty());
        run = gallery({ QStringLiteral("searches") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.trimmed().isEmpty());
    }

    void badDatabaseIsOneLine()
    {
        // A database path that cannot be created: one line, exit 1.
        QFile blocker(m_dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const test::CliRun run = test::runCli({ QStringLiteral("gallery"), QStringLiteral("list"),
            QStringLiteral("--db"), m_dir.filePath(QStringLiteral("file/sub/gallery.sqlite")) });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(run.err.contains(QStringLiteral("gallery.sqlite")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliGallery)
#include "tst_cli_gallery.moc"
