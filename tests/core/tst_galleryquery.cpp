// SPDX-License-Identifier: MIT
// The gallery's search language: each form run against a small index, plus errors and injection attempts.

#include "gallery/galleryindex.h"
#include "gallery/galleryquery.h"
#include "gallery/imagemetadata.h"
#include "tst_gallery_png.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

struct Fixture {
    const char* name;
    const char* parameters; // A1111 infotext; empty: no recipe
    int width;
    int height;
    const char* date; // file modification time, local
};

// a: picked five-star fox; b: SDXL whale; c: rejected, tagged car; d: no metadata; e: awkward characters.
const Fixture kFixtures[] = {
    { "a",
        "a red fox in the snow <lora:fur_detail:0.7>\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, "
        "CFG scale: 7, Seed: 1, Size: 64x96, Model: dreamshaper_8",
        64, 96, "2026-11-05T10:00:00" },
    { "b",
        "a blue whale\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7.5, Seed: 2, Size: 96x64, Model: "
        "sd_xl_base_1.0",
        96, 64, "2026-11-20T23:59:00" },
    { "c",
        "red car, night\nSteps: 8, Sampler: Euler, CFG scale: 2, Seed: 3000000000, Size: 64x64, Model: "
        "DreamShaper_8_pruned",
        64, 64, "2026-10-30T08:00:00" },
    { "d", "", 32, 32, "2025-01-01T12:00:00" },
    { "e",
        "100% \"pure\" _x_ it's\nSteps: 25, Sampler: UniPC, CFG scale: 7.25, Seed: 42, Size: 64x64, Model: "
        "\"weird'model\"",
        64, 64, "2026-12-01T00:00:00" },
};

} // namespace

class TestGalleryQuery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<GalleryIndex> m_index;

    QString names(const QList<GalleryEntry>& entries)
    {
        QStringList list;
        for (const GalleryEntry& e : entries)
            list << QFileInfo(e.path).completeBaseName();
        list.sort();
        return list.join(QLatin1Char(' '));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString images = m_dir.filePath(QStringLiteral("images"));
        QVERIFY(QDir().mkpath(images));
        for (const Fixture& f : kFixtures) {
            TextChunks chunks { { QStringLiteral("Software"), QStringLiteral("test") } };
            if (*f.parameters)
                chunks << TextChunk { QStringLiteral("parameters"), QString::fromUtf8(f.parameters) };
            // Quality as Easel records it: a is nearly black and uniform, b was checked and is fine, c is broken
            // (NaN); d and e carry no record (unchecked). Culling writes below must keep these chunks.
            if (qstrcmp(f.name, "a") == 0)
                chunks << ImageMetadata::qualityChunk({ QStringLiteral("nearly-black"), QStringLiteral("uniform") });
            else if (qstrcmp(f.name, "b") == 0)
                chunks << ImageMetadata::qualityChunk({});
            else if (qstrcmp(f.name, "c") == 0)
                chunks << ImageMetadata::qualityChunk({ QStringLiteral("broken") });
            const QString path = images + QLatin1Char('/') + QLatin1String(f.name) + QStringLiteral(".png");
            ImageFile::savePng(path, test::tinyPng(f.width, f.height), chunks);
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            QVERIFY(file.setFileTime(
                QDateTime::fromString(QLatin1String(f.date), Qt::ISODate), QFileDevice::FileModificationTime));
        }
        m_index = std::make_unique<GalleryIndex>(m_dir.filePath(QStringLiteral("gallery.sqlite")));
        QVERIFY(m_index->addFolder(images));
        QCOMPARE(m_index->rescan().added, 5);
        m_index->setRating(images + QStringLiteral("/a.png"), 5);
        m_index->setFlags(images + QStringLiteral("/a.png"), true, false);
        m_index->setRating(images + QStringLiteral("/c.png"), 3);
        m_index->setFlags(images + QStringLiteral("/c.png"), false, true);
        m_index->setTags(images + QStringLiteral("/c.png"), { QStringLiteral("keeper"), QStringLiteral("cars") });
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* query, const char* expected) {
            QTest::newRow(query) << QString::fromUtf8(query) << QString::fromUtf8(expected);
        };
        row("", "a b c d e");
        row("   ", "a b c d e");
        row("red", "a c");
        row("RED", "a c");
        row("-red", "b d e");
        row("\"red fox\"", "a");
        row("\"fox red\"", "");
        row("red -fox", "c");
        row("red fox", "a");
        row("model:dreamshaper", "a c");
        row("model:\"sd_xl\"", "b");
        row("-model:dreamshaper", "b d e");
        row("sampler:euler_a", "a");
        row("sampler:EULER_A", "a");
        row("sampler:euler", "c");
        row("sampler:dpmpp_2m", "b");
        row("seed:2", "b");
        row("seed:3000000000", "c");
        row("seed:>=2", "b c e");
        row("seed:1..2", "a b");
        row("-seed:2", "a c d e");
        row("steps:>20", "b e");
        row("steps:<=20", "a c");
        row("steps:=30", "b");
        row("cfg:>7", "b e");
        row("cfg:7", "a");
        row("cfg:7.25", "e");
        row("cfg:2..7", "a c");
        row("size:64x96", "a");
        row("size:64x64", "c e");
        row("width:>64", "b");
        row("date:2026-11", "a b");
        row("date:2026", "a b c e");
        row("date:2026-11-05", "a");
        row("date:<2026", "d");
        row("date:>=2026-11", "a b e");
        row("date:2026-10..2026-11", "a b c");
        row("-date:2026-11", "c d e");
        row("rating:>=4", "a");
        row("rating:3..5", "a c");
        row("rating:0", "b d e");
        row("lora:fur", "a");
        row("-lora:fur", "b c d e");
        row("pick:yes", "a");
        row("pick:no", "b c d e");
        row("reject:true", "c");
        row("-reject:yes", "a b d e");
        row("tag:keeper", "c");
        row("tag:keep", "");
        row("model:dreamshaper rating:>=3 -reject:yes", "a");
        row("100%", "e");
        row("_x_", "e");
        row("\"pure\"", "e");
        row("it's", "e");
        row("model:\"weird'model\"", "e");
        row("masterpiece:1.2", ""); // unknown field: prompt text
        // Injection attempts: values are bound, never pasted.
        row("\"'; DROP TABLE images; --\"", "");
        row("model:x' OR '1'='1", "");
        row("seed:1) OR (1=1", "error");
        // Quality flags (a: nearly black + uniform, b: checked and fine, c: broken, d and e: unchecked)
        row("flag:black", "a");
        row("flag:nearly-black", "a");
        row("flag:uniform", "a");
        row("flag:white", "");
        row("flag:nan", "c");
        row("flag:broken", "c");
        row("flag:any", "a c");
        row("flag:ANY", "a c");
        row("-flag:any", "b d e");
        row("-flag:black", "b c d e");
        row("flag:ok", "b");
        row("flag:none", "b");
        row("flag:unchecked", "d e");
        row("-flag:unchecked", "a b c");
        row("flag:any -reject:yes", "a");
        row("flag:any red", "a c");
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const GalleryQuery compiled = GalleryQuery::compile(query);
        if (!compiled.isValid()) {
            QCOMPARE(expected, QStringLiteral("error"));
            return;
        }
        // The only quotes in the SQL are LIKE's escape character: values are bound.
        QVERIFY(!QString(compiled.where).remove(QStringLiteral("ESCAPE '\\'")).contains(QLatin1Char('\'')));
        QCOMPARE(names(m_index->search(query)), expected);
        QCOMPARE(m_index->count(), 5);
    }

    void injectionStaysAValue()
    {
        const GalleryQuery q = GalleryQuery::compile(QStringLiteral("model:x'--"));
        QVERIFY(q.isValid());
        QVERIFY(!q.where.contains(QStringLiteral("x'")));
        QCOMPARE(q.bindings, QVariantList { QStringLiteral("%x'--%") });
    }

    void errors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("seed") << "seed:abc"
                              << "seed: expects a number";
        QTest::newRow("range") << "steps:5..x"
                               << "steps: expects a number";
        QTest::newRow("size") << "size:big"
                              << "size: expects WIDTHxHEIGHT";
        QTest::newRow("date") << "date:november"
                              << "date: expects YYYY";
        QTest::newRow("pick") << "pick:maybe"
                              << "pick: expects yes or no";
        QTest::newRow("quote") << "\"red fox"
                               << "unclosed quote";
        QTest::newRow("empty") << "model:"
                               << "model: needs a value";
        QTest::newRow("flag") << "flag:purple"
                              << "flag: expects black, white, uniform, nan, any";
        QTest::newRow("flag empty") << "flag:"
                                    << "flag: needs a value";
    }

    void errors()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        const GalleryQuery q = GalleryQuery::compile(query);
        QVERIFY(!q.isValid());
        QVERIFY2(q.error.contains(message), qPrintable(q.error));
        QVERIFY(!q.error.contains(QLatin1Char('\n')));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_index->search(query));
    }

    void limit() { QCOMPARE(m_index->search(QString(), 2).size(), 2); }

    void newestFirst()
    {
        const QList<GalleryEntry> all = m_index->search(QString());
        QCOMPARE(QFileInfo(all.first().path).completeBaseName(), QStringLiteral("e"));
        QCOMPARE(QFileInfo(all.last().path).completeBaseName(), QStringLiteral("d"));
    }

    void cleanupTestCase() { m_index.reset(); }
};

QTEST_GUILESS_MAIN(TestGalleryQuery)
#include "tst_galleryquery.moc"
