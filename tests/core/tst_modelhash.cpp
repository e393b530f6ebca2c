// SPDX-License-Identifier: MIT
// No image waits for the model's hash (issue 14): ModelService::sha256Async() reads the model on a thread of its
// own, cached by path, size and mtime; an image written before the hash is ready is written again with it.

#include "jobs/directcontext.h"
#include "jobs/generationjob.h"
#include "jobs/imagewriter.h"
#include "jobs/modelservice.h"

#include "gallery/filehash.h"
#include "gallery/imagefile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <future>

using namespace easel;

namespace {

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.flush();
}

bool anyChunkHas(const QString& png, const QString& text)
{
    const TextChunks chunks = ImageFile::readTextChunks(png);
    return std::any_of(chunks.cbegin(), chunks.cend(), [&](const TextChunk& c) { return c.text.contains(text); });
}

} // namespace

class TestModelHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void asyncHashIsCachedByPathSizeAndMtime()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("model.safetensors"));
        const QString cache = dir.filePath(QStringLiteral("cache"));
        QVERIFY(writeFile(model, QByteArray(3 << 20, 'a')));
        const QString real = *FileHash::hashFile(model);
        {
            ModelService models(cache);
            const std::shared_future<QString> first = models.sha256Async(model);
            QCOMPARE(first.get(), real);
            QCOMPARE(models.sha256Async(model).get(), real);
        }
        // The cache is what a later process uses while path, size and mtime are unchanged: a planted value shows it.
        const QString cacheFile = QDir(cache).filePath(FileHash::cacheFileName());
        QFile in(cacheFile);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
        in.close();
        QJsonObject files = root.value(QStringLiteral("files")).toObject();
        QCOMPARE(files.size(), 1);
        const QString key = files.keys().first();
        QJsonObject entry = files.value(key).toObject();
        const QString planted(64, QLatin1Char('b'));
        entry.insert(QStringLiteral("sha256"), planted);
        files.insert(key, entry);
        root.insert(QStringLiteral("files"), files);
        QVERIFY(writeFile(cacheFile, QJsonDocument(root).toJson()));
        {
            ModelService models(cache);
            QCOMPARE(models.sha256Async(model).get(), planted);
        }
        // A changed file is read again.
        QVERIFY(writeFile(model, QByteArray(3 << 20, 'c')));
        {
            ModelService models(cache);
            QCOMPARE(models.sha256Async(model).get(), *FileHash::hashFile(model));
        }
    }

    void imageIsWrittenAtOnceAndAgainWithTheHash()
    {
        QTemporaryDir dir;
        std::promise<QString> hash;
        std::promise<void> written;
        ImageWriter writer([&written](const SavedImage&) { written.set_value(); });
        ImageWriter::Item item;
        item.path = dir.filePath(QStringLiteral("a.png"));
        item.pixels.width = item.pixels.height = 8;
        item.pixels.rgb = QByteArray(8 * 8 * 3, char(100));
        item.saved.recipe.prompt = QStringLiteral("a cat");
        item.chunksFor = [](const ImageRecipe& r) {
            return TextChunks { { QStringLiteral("test"), QStringLiteral("hash=") + r.modelSha256 } };
        };
        item.chunks = item.chunksFor(item.saved.recipe);
        item.modelSha256 = hash.get_future().share();
        writer.write(item);
        written.get_future().wait(); // written while the hash is still being computed
        QVERIFY(anyChunkHas(item.path, QStringLiteral("hash=")));
        const QString hex(64, QLatin1Char('e'));
        QVERIFY(!anyChunkHas(item.path, hex));
        hash.set_value(hex);
        writer.finish();
        QVERIFY(anyChunkHas(item.path, QStringLiteral("hash=") + hex));
        QCOMPARE(writer.saved().size(), 1);
        QCOMPARE(writer.saved().first().recipe.modelSha256, hex);
        QVERIFY(writer.error().isEmpty());
    }

    void generatedImageCarriesTheModelHash()
    {
        QTemporaryDir dir;
        ModelService models(dir.filePath(QStringLiteral("cache")));
        DirectContext context(models);
        ImageRecipe recipe;
        recipe.prompt = QStringLiteral("a lighthouse");
        recipe.seed = 7;
        recipe.steps = 1;
        recipe.precision = Precision::Fp32;
        recipe.device = Device::Cpu;
        GenerationOptions options;
        options.outputPath = dir.filePath(QStringLiteral("out.png"));
        GenerationJob job(recipe, options);
        const JobResult result = job.run(context);
        QVERIFY2(result.state == JobState::Completed, qPrintable(result.message));
        const QString real = *FileHash::hashFile(ModelService::modelPathFor(recipe));
        QVERIFY(anyChunkHas(options.outputPath, real));
        QCOMPARE(result.saved.size(), 1);
        QCOMPARE(result.saved.first().recipe.modelSha256, real);
    }
};

QTEST_GUILESS_MAIN(TestModelHash)
#include "tst_modelhash.moc"
