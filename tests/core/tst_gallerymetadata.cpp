// SPDX-License-Identifier: MIT
// ImageMetadata: recipes from the chunks Easel, A1111, ComfyUI, InvokeAI and Fooocus write, and the culling
// state Easel keeps in the file.

#include "gallery/imagemetadata.h"
#include "tst_gallery_png.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

class TestGalleryMetadata : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("negative");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("sampler");
        QTest::addColumn<int>("steps");
        QTest::addColumn<double>("cfg");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QStringList>("loras");

        QTest::newRow("easel") << "easel"
                               << "easel"
                               << "blurry"
                               << "tiny-sd15"
                               << "euler_a" << 12 << 6.5 << "64x96" << QStringList { QStringLiteral("detail") };
        QTest::newRow("a1111") << "a1111"
                               << "a1111"
                               << "lowres, bad hands"
                               << "tiny-sd15"
                               << "dpmpp_2m" << 20 << 7.0 << "512x768" << QStringList { QStringLiteral("detail") };
        QTest::newRow("comfyui prompt") << "comfy"
                                        << "comfyui"
                                        << "watermark, text"
                                        << "tiny-sd15"
                                        << "euler_a" << 25 << 8.0 << "832x1216"
                                        << QStringList { QStringLiteral("detail"), QStringLiteral("film_grain") };
        QTest::newRow("comfyui workflow")
            << "workflow"
            << "comfyui"
            << "ugly"
            << "tiny-sd15"
            << "dpmpp_2m" << 30 << 5.5 << "512x640" << QStringList { QStringLiteral("detail") };
        QTest::newRow("invokeai") << "invoke"
                                  << "invokeai"
                                  << "deformed"
                                  << "tiny-sd15"
                                  << "dpmpp_2m" << 30 << 7.5 << "768x512"
                                  << QStringList { QStringLiteral("detail"), QStringLiteral("inkpen") };
        QTest::newRow("fooocus") << "fooocus"
                                 << "fooocus"
                                 << ""
                                 << "tiny-sd15"
                                 << "dpmpp_2m_sde_gpu" << 30 << 4.0 << "1152x896"
                                 << QStringList { QStringLiteral("detail"),
                                        QStringLiteral("sd_xl_offset_example-lora_1.0") };
    }

    void formats()
    {
        QFETCH(QString, kind);
        const QString prompt = QStringLiteral("a \"quoted\" lighthouse, 100% <lora:detail:0.5> at dusk\nsecond line");
        const QString model = QStringLiteral("tiny-sd15");
        const qint64 seed = 4294967297; // above 2^32
        TextChunks chunks;
        if (kind == QLatin1String("easel"))
            chunks = test::easelChunks(prompt, model, seed);
        else if (kind == QLatin1String("a1111"))
            chunks = test::a1111Chunks(prompt, model, seed);
        else if (kind == QLatin1String("comfy"))
            chunks = test::comfyChunks(prompt, model, seed);
        else if (kind == QLatin1String("workflow"))
            chunks = test::comfyWorkflowChunks(prompt, model, seed);
        else if (kind == QLatin1String("invoke"))
            chunks = test::invokeChunks(prompt, model, seed);
        else
            chunks = test::fooocusChunks(prompt, model, seed);
        // Through real bytes, as the index reads them.
        const ImageMetadata m = ImageMetadata::fromPng(ImageFile::withTextChunks(test::tinyPng(5, 3), chunks));

        QTEST(ImageMetadata::sourceName(m.source), "source");
        QVERIFY(m.recipe);
        QCOMPARE(m.recipe->prompt, prompt);
        QTEST(m.recipe->negativePrompt, "negative");
        QTEST(m.modelName(), "model");
        QTEST(m.samplerText(), "sampler");
        QCOMPARE(m.recipe->seed, seed);
        QTEST(m.recipe->steps, "steps");
        QTEST(m.recipe->guidance, "cfg");
        QTEST(QStringLiteral("%1x%2").arg(m.recipe->width).arg(m.recipe->height), "size");
        QTEST(m.loras, "loras");
        QCOMPARE(m.pixelWidth, 5);
        QCOMPARE(m.pixelHeight, 3);
        QCOMPARE(m.rating, 0);
    }

    void fooocusA1111Scheme()
    {
        TextChunks chunks = test::a1111Chunks(QStringLiteral("a fox"), QStringLiteral("juggernautXL"), 7);
        chunks << TextChunk { QStringLiteral("fooocus_scheme"), QStringLiteral("a1111") };
        const ImageMetadata m = ImageMetadata::fromChunks(chunks);
        QCOMPARE(m.source, ImageMetadata::Source::Fooocus);
        QCOMPARE(m.modelName(), QStringLiteral("juggernautXL"));
    }

    void easelChunkWinsOverParameters()
    {
        TextChunks chunks = test::easelChunks(QStringLiteral("exact"), QStringLiteral("m"), 1);
        chunks.first().text = QStringLiteral("lossy\nSteps: 3, Seed: 2");
        const ImageMetadata m = ImageMetadata::fromChunks(chunks);
        QCOMPARE(m.source, ImageMetadata::Source::Easel);
        QCOMPARE(m.recipe->prompt, QStringLiteral("exact"));
    }

    void unreadableChunksAreSkipped()
    {
        const TextChunks chunks { { QStringLiteral("easel"), QStringLiteral("{not json") },
            { QStringLiteral("invokeai_metadata"), QStringLiteral("[]") },
            { QStringLiteral("prompt"), QStringLiteral("{\"1\": {\"class_type\": \"VAEDecode\"}}") },
            { QStringLiteral("parameters"), QStringLiteral("a cat\nSteps: 20, Sampler: Euler a, Seed: 3") } };
        const ImageMetadata m = ImageMetadata::fromChunks(chunks);
        QCOMPARE(m.source, ImageMetadata::Source::A1111);
        QCOMPARE(m.recipe->prompt, QStringLiteral("a cat"));

        const ImageMetadata none
            = ImageMetadata::fromChunks({ { QStringLiteral("Software"), QStringLiteral("GIMP") } });
        QCOMPARE(none.source, ImageMetadata::Source::None);
        QVERIFY(!none.recipe);
        QVERIFY(none.modelName().isEmpty());
    }

    void cullingRoundTrip()
    {
        const TextChunks original = test::a1111Chunks(QStringLiteral("a cat"), QStringLiteral("m"), 1)
            << TextChunk { QStringLiteral("Software"), QStringLiteral("Easel") };
        ImageMetadata m;
        m.rating = 4;
        m.reject = true;
        m.tags = QStringList { QStringLiteral("portfolio"), QStringLiteral("cats") };
        const TextChunks culled = ImageMetadata::withCulling(original, m);
        QCOMPARE(culled.mid(0, original.size()), original); // everything else kept, in order
        const ImageMetadata back = ImageMetadata::fromChunks(culled);
        QCOMPARE(back.rating, 4);
        QVERIFY(back.reject && !back.pick);
        QCOMPARE(back.tags, m.tags);

        m = ImageMetadata {};
        QCOMPARE(ImageMetadata::withCulling(culled, m), original); // cleared: no chunks left behind
    }

    void qualityRoundTrip()
    {
        // Written as Easel writes a made image: the flags in their own chunk, beside the recipe.
        const TextChunks chunks = test::easelChunks(QStringLiteral("a fox"), QStringLiteral("m"), 5)
            << ImageMetadata::qualityChunk({ QStringLiteral("uniform"), QStringLiteral("broken"), QStringLiteral("odd") },
                   QStringLiteral("/out/easel-5.png"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("retry.png"));
        ImageFile::savePng(path, test::tinyPng(), chunks);
        const ImageMetadata back = ImageMetadata::read(path);
        QVERIFY(back.recipe);
        QVERIFY(back.qualityFlags);
        // Known names only, in the shown order; the retry names the first image's file, not its folder.
        QCOMPARE(*back.qualityFlags, (QStringList { QStringLiteral("broken"), QStringLiteral("uniform") }));
        QCOMPARE(back.retryOf, QStringLiteral("easel-5.png"));

        // Checked and fine: an empty list, which is not "unchecked".
        const ImageMetadata ok = ImageMetadata::fromChunks({ ImageMetadata::qualityChunk({}) });
        QVERIFY(ok.qualityFlags && ok.qualityFlags->isEmpty());
        QVERIFY(ok.retryOf.isEmpty());
        // Other tools' images (and an unreadable chunk) are unchecked.
        QVERIFY(!ImageMetadata::fromChunks(test::a1111Chunks(QStringLiteral("x"), QStringLiteral("m"), 1)).qualityFlags);
        QVERIFY(!ImageMetadata::fromChunks({ { ImageMetadata::qualityKeyword, QStringLiteral("{oops") } }).qualityFlags);

        // Culling keeps the quality chunk.
        ImageMetadata culling;
        culling.rating = 2;
        QCOMPARE(ImageMetadata::fromChunks(ImageMetadata::withCulling(chunks, culling)).qualityFlags, back.qualityFlags);
    }

    void xmpRating()
    {
        const QString xmp = QStringLiteral(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description xmp:Rating=\"3\"/></rdf:RDF></x:xmpmeta>");
        TextChunks chunks { { ImageFile::xmpKeyword, xmp } };
        QCOMPARE(ImageMetadata::fromChunks(chunks).rating, 3);
        // Clearing writes an explicit 0 that hides the XMP rating.
        chunks = ImageMetadata::withCulling(chunks, ImageMetadata {});
        QCOMPARE(ImageMetadata::fromChunks(chunks).rating, 0);
        QCOMPARE(ImageFile::text(chunks, ImageFile::xmpKeyword), xmp);
    }

    void readsFilesWithoutThePixels()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.png"));
        // Text after the pixels too (PNG allows it): read as well.
        QByteArray png = ImageFile::withTextChunks(
            test::tinyPng(300, 200), test::a1111Chunks(QStringLiteral("a cat"), QStringLiteral("m"), 5));
        const QByteArray late
            = ImageFile::withTextChunks(test::tinyPng(1, 1), { { ImageMetadata::ratingKeyword, QStringLiteral("2") } });
        const qsizetype text = late.indexOf("tEXt") - 4;
        png.insert(png.size() - 12, late.mid(text, late.indexOf("IDAT") - 4 - text));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png);
        file.close();
        const ImageMetadata m = ImageMetadata::read(path);
        QCOMPARE(m.recipe->prompt, QStringLiteral("a cat"));
        QCOMPARE(m.rating, 2);
        QCOMPARE(m.pixelWidth, 300);
        QCOMPARE(m.pixelHeight, 200);

        // Truncated in the pixels: an error naming the file.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png.left(png.indexOf("IDAT") + 20));
        file.close();
        try {
            ImageMetadata::read(path);
            QFAIL("no error for a truncated file");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("big.png")), e.what());
        }
    }

    void lorasInPrompt()
    {
        QCOMPARE(ImageMetadata::lorasInPrompt(
                     QStringLiteral("x <lora:a:0.5>, <LORA:b> <lora:a:1> <lora::1> <hypernet:c:1>")),
            (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    }
};

QTEST_GUILESS_MAIN(TestGalleryMetadata)
#include "tst_gallerymetadata.moc"
