// SPDX-License-Identifier: MIT
// Boards and saved searches: an image on several boards, kept in the PNG and the index, found again by a rebuild
// from the files alone; board: and recipe: searches; the collections file; live counts; the recipe key that
// stacks variations of one recipe.

#include "gallery/gallerycollections.h"
#include "gallery/galleryindex.h"
#include "gallery/imagemetadata.h"
#include "tst_gallery_png.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

class TestGalleryCollections : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_images;
    QString m_db;

    QString image(const QString& name) const { return m_images + QLatin1Char('/') + name + QStringLiteral(".png"); }

    static QString names(const QList<GalleryEntry>& entries)
    {
        QStringList list;
        for (const GalleryEntry& e : entries)
            list << QFileInfo(e.path).completeBaseName();
        list.sort();
        return list.join(QLatin1Char(' '));
    }

    void removeDatabase()
    {
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(m_db + QLatin1String(suffix));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_images = m_dir.filePath(QStringLiteral("out"));
        QDir(m_images).removeRecursively();
        QVERIFY(QDir().mkpath(m_images));
        m_db = m_dir.filePath(QStringLiteral("data/gallery.sqlite"));
        removeDatabase();
        QFile::remove(m_db + QStringLiteral(".folders"));
        QFile::remove(m_db + QStringLiteral(".collections"));
        // Three seeds of one recipe, one other recipe, one A1111 image.
        for (int seed : { 1, 2, 3 })
            ImageFile::savePng(image(QStringLiteral("fox%1").arg(seed)), test::tinyPng(),
                test::easelChunks(QStringLiteral("a red fox"), QStringLiteral("tiny-sd15"), seed));
        ImageFile::savePng(image(QStringLiteral("owl")), test::tinyPng(),
            test::easelChunks(QStringLiteral("an owl"), QStringLiteral("tiny-sd15"), 1));
        ImageFile::savePng(image(QStringLiteral("castle")), test::tinyPng(),
            test::a1111Chunks(QStringLiteral("a castle"), QStringLiteral("dreamshaper_8"), 5));
    }

    void boardsLiveInTheFileAndSurviveARebuild()
    {
        {
            GalleryIndex index(m_db);
            index.addFolder(m_images);
            index.rescan();
            index.setBoards(image(QStringLiteral("fox1")), { QStringLiteral("Client A"), QStringLiteral("Mood") });
            index.setBoards(image(QStringLiteral("castle")), { QStringLiteral("Mood"), QStringLiteral(" Mood ") });
            index.setRating(image(QStringLiteral("fox1")), 3); // culling keeps the boards
            QCOMPARE(names(index.search(QStringLiteral("board:Mood"))), QStringLiteral("castle fox1"));
            QCOMPARE(names(index.search(QStringLiteral("board:\"Client A\""))), QStringLiteral("fox1"));
            QCOMPARE(names(index.search(QStringLiteral("-board:Mood rating:0"))), QStringLiteral("fox2 fox3 owl"));
            QCOMPARE(index.entry(image(QStringLiteral("castle")))->boards, QStringList { QStringLiteral("Mood") });
            QVERIFY_THROWS_EXCEPTION(
                std::exception, index.setBoards(image(QStringLiteral("owl")), { QStringLiteral("a|b") }));
        }
        const TextChunks chunks = ImageFile::readTextChunks(image(QStringLiteral("fox1")));
        QCOMPARE(ImageFile::text(chunks, ImageMetadata::boardsKeyword), QStringLiteral("[\"Client A\",\"Mood\"]"));
        QVERIFY(!ImageFile::text(chunks, QStringLiteral("easel")).isEmpty());

        removeDatabase();
        GalleryIndex index(m_db);
        QVERIFY(index.isFresh());
        index.rescan();
        QCOMPARE(index.boards(), (QStringList { QStringLiteral("Client A"), QStringLiteral("Mood") }));
        QCOMPARE(names(index.search(QStringLiteral("board:Mood"))), QStringLiteral("castle fox1"));
        QCOMPARE(index.entry(image(QStringLiteral("fox1")))->rating, 3);
        // Taking an image off every board removes the chunk.
        index.setBoards(image(QStringLiteral("fox1")), {});
        QVERIFY(ImageFile::text(ImageFile::readTextChunks(image(QStringLiteral("fox1"))), ImageMetadata::boardsKeyword)
                    .isNull());
        QCOMPARE(names(index.search(QStringLiteral("board:\"Client A\""))), QString());
    }

    void variationsOfOneRecipeShareAKey()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        const QString key = index.entry(image(QStringLiteral("fox1")))->recipeKey;
        QCOMPARE(key.size(), 16);
        QCOMPARE(index.entry(image(QStringLiteral("fox3")))->recipeKey, key);
        QVERIFY(index.entry(image(QStringLiteral("owl")))->recipeKey != key);
        QVERIFY(!index.entry(image(QStringLiteral("castle")))->recipeKey.isEmpty()); // foreign recipes too
        QCOMPARE(names(index.search(QStringLiteral("recipe:") + key)), QStringLiteral("fox1 fox2 fox3"));
        ImageRecipe r;
        r.prompt = QStringLiteral("x");
        ImageRecipe other = r;
        other.seed = 77;
        other.batchIndex = 3;
        other.elapsedSeconds = 9;
        QCOMPARE(GalleryIndex::recipeKeyOf(other), GalleryIndex::recipeKeyOf(r));
        other.steps += 1;
        QVERIFY(GalleryIndex::recipeKeyOf(other) != GalleryIndex::recipeKeyOf(r));
    }

    void countsOfLiveCollections()
    {
        GalleryIndex index(m_db);
        index.addFolder(m_images);
        index.rescan();
        QCOMPARE(index.counts({ QStringLiteral("fox"), QString(), QStringLiteral("model:dreamshaper"),
                     QStringLiteral("\"unclosed") }),
            (QList<int> { 3, 5, 1, -1 }));
    }

    void collectionsFileOutlivesTheIndex()
    {
        {
            GalleryCollections c(m_db);
            QVERIFY(c.searches().isEmpty());
            c.saveSearch(QStringLiteral("Best foxes"), QStringLiteral("fox rating:>=4 "));
            c.saveSearch(QStringLiteral("Castles"), QStringLiteral("castle"));
            c.saveSearch(QStringLiteral("Best foxes"), QStringLiteral("fox rating:5"));
            QVERIFY(c.addBoards({ QStringLiteral("Mood"), QStringLiteral("Empty board") }));
            QVERIFY(!c.addBoards({ QStringLiteral("Mood") }));
            QVERIFY(c.removeSearch(QStringLiteral("Castles")));
            QVERIFY(!c.removeSearch(QStringLiteral("Castles")));
        }
        removeDatabase();
        GalleryCollections c(m_db);
        QCOMPARE(c.searches(),
            (QList<GalleryCollections::SavedSearch> {
                { QStringLiteral("Best foxes"), QStringLiteral("fox rating:5") } }));
        QCOMPARE(c.boards(), (QStringList { QStringLiteral("Mood"), QStringLiteral("Empty board") }));
        QVERIFY(c.removeBoard(QStringLiteral("Mood")));
        QCOMPARE(GalleryCollections(m_db).boards(), QStringList { QStringLiteral("Empty board") });
        QCOMPARE(GalleryCollections::boardQuery(QStringLiteral("Client A")), QStringLiteral("board:\"Client A\""));
    }
};

QTEST_GUILESS_MAIN(TestGalleryCollections)
#include "tst_gallerycollections.moc"
