// SPDX-License-Identifier: MIT
// GalleryIndex: PNGs written by Easel, A1111, ComfyUI and InvokeAI found by prompt and model; the files are the
// truth (deleted or corrupt database rebuilt with every image and its rating; files deleted behind the index's
// back leave it); cheap rescans.

#include "gallery/galleryindex.h"
#include "gallery/imagemetadata.h"
#include "tst_gallery_png.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace easel;

class TestGalleryIndex : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_images;
    QString m_db;

    static QString baseName(const QString& path) { return QFileInfo(path).completeBaseName(); }

    QString names(const QList<GalleryEntry>& entries)
    {
        QStringList list;
        for (const GalleryEntry& e : entries)
            list << baseName(e.path);
        list.sort();
        return list.join(QLatin1Char(' '));
    }

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }

    void removeDatabase()
    {
        for (const char* suffix : { "", "-wal", "-shm" }) {
            QFile::remove(m_db + QLatin1String(suffix));
        }
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_images = m_dir.filePath(QStringLiteral("out"));
        QDir(m_images).removeRecursively();
        QVERIFY(QDir().mkpath(m_images + QStringLiteral("/sub")));
        m_db = m_dir.filePath(QStringLiteral("data/gallery.sqlite"));
        removeDatabase();
        QFile::remove(m_db + QStringLiteral(".folders"));
        // One image per tool, each with its own prompt word and model.
        ImageFile::savePng(image(QStringLiteral("easel")), test::tinyPng(64, 96),
            test::easelChunks(QStringLiteral("a lighthouse on a cliff"), QStringLiteral("tiny-sd15"), 42));
        ImageFile::savePng(image(QStringLiteral("a1111")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a castle in fog"), QStringLiteral("dreamshaper_8"), 7));
        ImageFile::savePng(image(QStringLiteral("sub/comfy")), test::tinyPng(),
            test::comfyChunks(QStringLiteral("a robot gardener"), QStringLiteral("juggernautXL_v9"), 1234));
        ImageFile::savePng(image(QStringLiteral("sub/invoke")), test::tinyPng(),
            test::invokeChunks(QStringLiteral("an owl librarian"), QStringLiteral("realisticVision_v51"), 99));
    }

    void findsEachToolsImageByPromptAndModel_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("source");
        QTest::newRow("easel") << "lighthouse model:tiny-sd15"
                               << "easel"
                               << "easel";
        QTest::newRow("a1111") << "castle model:dreamshaper_8"
                               << "a1111"
                               << "a1111";
        QTest::newRow("comfyui") << "robot model:juggernautXL"
                                 << "comfy"
                                 << "comfyui";
        QTest::newRow("invokeai") << "owl model:realisticVision"
                                  << "invoke"
                                  << "invokeai";
    }

    void findsEachToolsImageByPromptAndModel()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        QFETCH(QString, source);
        GalleryIndex index(m_db);
        QVERIFY(index.isFresh());
        QVERIFY(index.addFolder(m_images));
        QVERIFY(!index.addFolder(m_images + QStringLiteral("/")));
        const GalleryIndex::ScanStats stats = index.rescan();
        QCOMPARE(stats.added, 4);
        QVERIFY(stats.problems.isEmpty());
        const QList<GalleryEntry> found = index.search(query);
        QCOMPARE(names(found), expected);
        QCOMPARE(found.first().source, source);
        // The prompt alone and the model alone each find it too, and nothing else.
        QCOMPARE(names(index.search(query.section(QLatin1Char(' '), 0, 0))), expected);
        QCOMPARE(names(index.search(query.section(QLatin1Char(' '), 1, 1))), expected);
        QVERIFY(found.first().recipeJson.isEmpty()); // a view's list does not carry recipes
        const QList<GalleryEntry> withRecipe = index.search(query, -1, true);
        QVERIFY(!withRecipe.first().recipeJson.isEmpty());
        QVERIFY(ImageRecipe::fromJsonText(withRecipe.first().recipeJson.toUtf8()));
        QCOMPARE(index.entry(withRecipe.first().path)->recipeJson, withRecipe.first().recipeJson);
    }

    void entryFields()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        const auto e = index.entry(image(QStringLiteral("sub/comfy")));
        QVERIFY(e);
        QCOMPARE(e->prompt, QStringLiteral("a robot gardener"));
        QCOMPARE(e->negativePrompt, QStringLiteral("watermark, text"));
        QCOMPARE(e->model, QStringLiteral("juggernautXL_v9"));
        QCOMPARE(e->sampler, QStringLiteral("euler_a"));
        QCOMPARE(e->seed, std::optional<qint64>(1234));
        QCOMPARE(e->steps, std::optional<int>(25));
        QCOMPARE(e->cfg, std::optional<double>(8.0));
        QCOMPARE(e->width, 8); // the pixels, not the recipe
        QCOMPARE(e->loras, QStringList { QStringLiteral("film_grain") });
        QVERIFY(e->date.startsWith(QString::number(QDate::currentDate().year())));
    }

    void rescanIsCheapAndFollowsChanges()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        QCOMPARE(index.rescan().added, 4);
        GalleryIndex::ScanStats again = index.rescan();
        QCOMPARE(again.unchanged, 4);
        QCOMPARE(again.added + again.updated + again.removed, 0);

        // Changed behind the index's back: a new prompt (other size) is read again.
        ImageFile::savePng(image(QStringLiteral("a1111")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a castle in the sun at noon"), QStringLiteral("dreamshaper_8"), 7), {},
            AtomicFile::Existing::Replace);
        // A new file, and one deleted behind the index's back.
        ImageFile::savePng(image(QStringLiteral("sub/new")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a new moon"), QStringLiteral("m"), 1));
        QVERIFY(QFile::remove(image(QStringLiteral("sub/invoke"))));
        again = index.rescan();
        QCOMPARE(again.updated, 1);
        QCOMPARE(again.added, 1);
        QCOMPARE(again.removed, 1);
        QCOMPARE(again.unchanged, 2);
        QCOMPARE(names(index.search(QStringLiteral("noon"))), QStringLiteral("a1111"));
        QCOMPARE(names(index.search(QStringLiteral("owl"))), QString());
        QVERIFY(!index.entry(image(QStringLiteral("sub/invoke"))));
        QCOMPARE(index.count(), 4);
    }

    /// Searches keep the entries they read (by path and row version) and reuse them: whatever the mix of kept, changed
    /// and new rows, a search returns what a fresh read of the database (withRecipes, which keeps nothing) returns.
    void keptEntriesNeverHideAChange()
    {
        // Enough rows that both ways of reading the changed ones run: one by one (a few) and in one pass (most).
        for (int i = 0; i < 600; ++i) {
            ImageFile::savePng(image(QStringLiteral("sub/many%1").arg(i)), test::tinyPng(),
                test::easelChunks(QStringLiteral("a field of poppies, take %1").arg(i), QStringLiteral("tiny-sd15"), i));
        }
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        QCOMPARE(index.rescan().added, 604);
        GalleryIndex writer(m_db); // another program on the same index (easel-cli beside the window)

        auto fields = [](const GalleryEntry& e) {
            return QStringList { e.path, e.date, e.prompt, e.model, QString::number(e.rating), e.tags.join(u','),
                e.boards.join(u','), e.pick ? QStringLiteral("pick") : QString(),
                e.reject ? QStringLiteral("reject") : QString() }
                .join(u';');
        };
        auto same = [&](const QString& query) {
            QStringList kept;
            for (const GalleryEntry& e : index.search(query))
                kept << fields(e);
            QStringList fresh;
            for (const GalleryEntry& e : index.search(query, -1, true))
                fresh << fields(e);
            if (kept != fresh)
                qWarning() << query << "kept:" << kept.size() << "fresh:" << fresh.size();
            return kept == fresh;
        };

        QVERIFY(same(QString())); // nothing kept: one pass
        QVERIFY(same(QString())); // all kept: the same list again
        QVERIFY(same(QStringLiteral("poppies"))); // a subset of the kept rows
        index.setRating(image(QStringLiteral("sub/many7")), 4);
        writer.setTags(image(QStringLiteral("sub/many8")), { QStringLiteral("keeper") });
        writer.setFlags(image(QStringLiteral("a1111")), true, false);
        QVERIFY(same(QString())); // three changed rows, read one by one
        QCOMPARE(index.search(QStringLiteral("rating:4")).size(), 1);
        QCOMPARE(index.search(QStringLiteral("tag:keeper")).constFirst().tags, QStringList { QStringLiteral("keeper") });
        // Most rows changed: one pass again. Three times, so that the lists of entries found again in newer ones are
        // gathered into one.
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 310; ++i)
                writer.setRating(image(QStringLiteral("sub/many%1").arg(i + round * 10)), 1 + (i + round) % 5);
            QVERIFY(same(QString()));
            QVERIFY(same(QStringLiteral("rating:>=3")));
        }
        // A row forgotten and a new one.
        QVERIFY(writer.removeFile(image(QStringLiteral("sub/many9"))));
        ImageFile::savePng(image(QStringLiteral("late")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a late poppy"), QStringLiteral("m"), 5));
        writer.indexFile(image(QStringLiteral("late")));
        QVERIFY(same(QString()));
        QVERIFY(same(QStringLiteral("poppy")));
        QCOMPARE(index.search(QString()).size(), 604);
        // Many rounds of small changes: what is kept stays correct as old lists are let go.
        for (int round = 0; round < 30; ++round) {
            writer.setRating(image(QStringLiteral("sub/many%1").arg(round * 7 % 600)), round % 6);
            QVERIFY(same(round % 2 ? QString() : QStringLiteral("poppies")));
        }
    }

    void ratingSurvivesDeletedDatabase()
    {
        {
            GalleryIndex index(m_db);
            index.addFolder(m_images);
            index.rescan();
            index.setRating(image(QStringLiteral("easel")), 4);
            index.setFlags(image(QStringLiteral("sub/comfy")), false, true);
            index.setTags(image(QStringLiteral("a1111")), { QStringLiteral("portfolio") });
            index.setRating(image(QStringLiteral("a1111")), 2);
            QCOMPARE(names(index.search(QStringLiteral("rating:>=2"))), QStringLiteral("a1111 easel"));
        }
        // The PNG keeps its recipe chunks next to the rating.
        const TextChunks chunks = ImageFile::readTextChunks(image(QStringLiteral("easel")));
        QCOMPARE(ImageFile::text(chunks, ImageMetadata::ratingKeyword), QStringLiteral("4"));
        QVERIFY(!ImageFile::text(chunks, QStringLiteral("easel")).isEmpty());
        QVERIFY(!ImageFile::text(chunks, QStringLiteral("parameters")).isEmpty());

        removeDatabase();
        GalleryIndex index(m_db);
        QVERIFY(index.isFresh());
        QCOMPARE(index.folders(), QStringList { m_images }); // the folder list outlives the database
        QCOMPARE(index.rescan().added, 4);
        QCOMPARE(index.entry(image(QStringLiteral("easel")))->rating, 4);
        QCOMPARE(index.entry(image(QStringLiteral("a1111")))->rating, 2);
        QCOMPARE(index.entry(image(QStringLiteral("a1111")))->tags, QStringList { QStringLiteral("portfolio") });
        QVERIFY(index.entry(image(QStringLiteral("sub/comfy")))->reject);
        QCOMPARE(names(index.search(QStringLiteral("reject:yes"))), QStringLiteral("comfy"));
    }

    void qualitySurvivesRebuild()
    {
        // An Easel image flagged nearly black and uniform, one checked and fine; the others carry no record.
        ImageFile::savePng(image(QStringLiteral("dark")), test::tinyPng(8, 8, 2),
            test::easelChunks(QStringLiteral("a night sky"), QStringLiteral("tiny-sd15"), 43)
                << ImageMetadata::qualityChunk({ QStringLiteral("nearly-black"), QStringLiteral("uniform") }));
        ImageFile::savePng(image(QStringLiteral("fine")), test::tinyPng(),
            test::easelChunks(QStringLiteral("a meadow"), QStringLiteral("tiny-sd15"), 44)
                << ImageMetadata::qualityChunk({}));
        auto check = [&](GalleryIndex& index) {
            const GalleryEntry dark = *index.entry(image(QStringLiteral("dark")));
            QVERIFY(dark.qualityChecked);
            QCOMPARE(dark.qualityFlags, (QStringList { QStringLiteral("nearly-black"), QStringLiteral("uniform") }));
            const GalleryEntry fine = *index.entry(image(QStringLiteral("fine")));
            QVERIFY(fine.qualityChecked);
            QVERIFY(fine.qualityFlags.isEmpty());
            QVERIFY(!index.entry(image(QStringLiteral("a1111")))->qualityChecked);
            QCOMPARE(names(index.search(QStringLiteral("flag:black"))), QStringLiteral("dark"));
            QCOMPARE(names(index.search(QStringLiteral("flag:ok"))), QStringLiteral("fine"));
            QCOMPARE(names(index.search(QStringLiteral("-flag:any"))), QStringLiteral("a1111 comfy easel fine invoke"));
            // Search results (cached rows included) carry the flags too.
            const QList<GalleryEntry> hits = index.search(QStringLiteral("flag:uniform"));
            QCOMPARE(hits.size(), 1);
            QCOMPARE(hits.first().qualityFlags, dark.qualityFlags);
        };
        {
            GalleryIndex index(m_db);
            index.addFolder(m_images);
            QCOMPARE(index.rescan().added, 6);
            check(index);
            // Rating rewrites the file: its quality chunk stays.
            index.setRating(image(QStringLiteral("dark")), 1);
            check(index);
            QCOMPARE(index.rebuild().added, 6);
            check(index);
        }
        removeDatabase();
        GalleryIndex index(m_db);
        QCOMPARE(index.rescan().added, 6);
        check(index);
    }

    void indexOfAnOlderSchemaIsRebuiltWithTheFlags()
    {
        ImageFile::savePng(image(QStringLiteral("white")), test::tinyPng(8, 8, 250),
            test::easelChunks(QStringLiteral("snow"), QStringLiteral("tiny-sd15"), 45)
                << ImageMetadata::qualityChunk({ QStringLiteral("nearly-white"), QStringLiteral("uniform") }));
        {
            GalleryIndex index(m_db);
            index.addFolder(m_images);
            QCOMPARE(index.rescan().added, 5);
        }
        {
            // An index written before the quality column (schema 3).
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-schema"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 3")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old-schema"));
        GalleryIndex index(m_db);
        QVERIFY(index.isFresh());
        QCOMPARE(index.rescan().added, 5);
        QCOMPARE(names(index.search(QStringLiteral("flag:white"))), QStringLiteral("white"));
        QCOMPARE(names(index.search(QStringLiteral("flag:unchecked"))), QStringLiteral("a1111 comfy easel invoke"));
    }

    void ratingKeepsTheFileDate()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        const QString path = image(QStringLiteral("easel"));
        const GalleryEntry before = *index.entry(path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        const QDateTime old = QDateTime::currentDateTime().addDays(-400);
        QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
        file.close();
        index.rescan();
        index.setRating(path, 5);
        QCOMPARE(QFileInfo(path).lastModified().toSecsSinceEpoch(), old.toSecsSinceEpoch());
        const GalleryEntry after = *index.entry(path);
        QCOMPARE(after.rating, 5);
        QCOMPARE(after.date, old.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")));
        QCOMPARE(after.prompt, before.prompt);
        QCOMPARE(index.rescan().unchanged, 4); // the index already knows the new size
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, index.setRating(path, 6));
    }

    void corruptDatabaseIsMovedAsideAndRebuilt()
    {
        {
            GalleryIndex index(m_db);
            index.addFolder(m_images);
            index.rescan();
            index.setRating(image(QStringLiteral("a1111")), 3);
        }
        removeDatabase();
        QFile garbage(m_db);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();

        GalleryIndex index(m_db);
        QVERIFY(index.isFresh());
        QVERIFY(!index.movedAsidePath().isEmpty());
        QVERIFY(QFileInfo::exists(index.movedAsidePath()));
        QCOMPARE(index.rescan().added, 4);
        QCOMPARE(index.entry(image(QStringLiteral("a1111")))->rating, 3);
        QCOMPARE(index.count(), 4);

        // Reopened: the database is healthy now and is kept.
        GalleryIndex again(m_db);
        QVERIFY(!again.isFresh());
        QCOMPARE(again.count(), 4);
    }

    void unreadableFilesAreIndexedOnce()
    {
        QFile bad(image(QStringLiteral("broken")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a png at all");
        bad.close();
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        const GalleryIndex::ScanStats stats = index.rescan();
        QCOMPARE(stats.added, 5);
        QCOMPARE(stats.problems.size(), 1);
        QVERIFY(stats.problems.first().contains(QStringLiteral("broken.png")));
        QCOMPARE(index.entry(image(QStringLiteral("broken")))->source, QStringLiteral("unreadable"));
        QCOMPARE(index.rescan().unchanged, 5); // not read again
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, index.setRating(image(QStringLiteral("broken")), 1));
    }

    void connectionPerThread()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        int seenThere = -1;
        QThread* thread
            = QThread::create([&] { seenThere = index.search(QStringLiteral("model:dreamshaper")).size(); });
        thread->start();
        QVERIFY(thread->wait());
        delete thread;
        QCOMPARE(seenThere, 1);
        QCOMPARE(index.count(), 4);
    }

    void removeFileForgetsOneRowAndKeepsTheFile()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        QVERIFY(index.removeFile(image(QStringLiteral("a1111"))));
        QVERIFY(!index.removeFile(image(QStringLiteral("a1111"))));
        QVERIFY(!index.entry(image(QStringLiteral("a1111"))));
        QVERIFY(QFileInfo::exists(image(QStringLiteral("a1111"))));
        QCOMPARE(index.count(), 3);
        QCOMPARE(index.rescan().added, 1); // the file is the truth: the next rescan finds it again
    }

    void defaultPathIsTheWindowsDataFolder()
    {
        QVERIFY(GalleryIndex::defaultPath().endsWith(QStringLiteral("/Easel/gallery.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestGalleryIndex)
#include "tst_galleryindex.moc"
