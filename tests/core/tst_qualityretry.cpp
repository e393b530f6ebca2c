// SPDX-License-Identifier: MIT
// Retry once (GenerationOptions::retryFlagged) on the bundled tiny model: an image that comes out flagged is made
// once more with the first seed after the run's own; the flagged file stays, the retry's quality chunk names it,
// and nothing is retried twice. The seam that makes the tiny model's image flagged: NaN initial latents
// (--init-latents), which give a broken (NaN), nearly black, uniform image on any model. The retry draws its own
// noise from its seed.

#include "jobs/generationjob.h"
#include "jobs/jobqueue.h"

#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"
#include "support/clirunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace easel;

namespace {

constexpr int JobTimeoutMs = 300000;

ImageRecipe tinyRecipe(qint64 seed, int batch)
{
    ImageRecipe r;
    r.prompt = QStringLiteral("a lighthouse");
    r.seed = seed;
    r.steps = 2;
    r.batchSize = batch;
    r.sampler = Sampler::Euler;
    r.precision = Precision::Fp32;
    r.device = Device::Cpu;
    return r;
}

/// A safetensors file with one float32 tensor "latents" of shape [count, 4, 8, 8] (the tiny model's 64x64), all NaN.
bool writeNanLatents(const QString& path, int count)
{
    const int n = count * 4 * 8 * 8;
    QByteArray data(n * int(sizeof(float)), Qt::Uninitialized);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int i = 0; i < n; ++i)
        std::memcpy(data.data() + i * sizeof(float), &nan, sizeof(float));
    QByteArray header = QStringLiteral(R"({"latents":{"dtype":"F32","shape":[%1,4,8,8],"data_offsets":[0,%2]}})")
                            .arg(count)
                            .arg(data.size())
                            .toUtf8();
    while (header.size() % 8 != 0)
        header += ' ';
    QByteArray size(8, '\0');
    const quint64 length = quint64(header.size());
    for (int k = 0; k < 8; ++k)
        size[k] = char((length >> (8 * k)) & 0xff);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(size + header + data) == 8 + header.size() + data.size();
}

struct Run {
    JobResult result;
    QList<SavedImage> saved; ///< as imageSaved reported them, in order
};

Run run(std::unique_ptr<Job> job)
{
    JobQueue queue;
    Run out;
    bool done = false;
    QObject::connect(
        &queue, &JobQueue::imageSaved, &queue, [&](quint64, const SavedImage& image) { out.saved << image; });
    QObject::connect(&queue, &JobQueue::jobFinished, &queue, [&](quint64, const JobResult& result) {
        out.result = result;
        done = true;
    });
    queue.submit(std::move(job));
    if (!QTest::qWaitFor([&] { return done; }, JobTimeoutMs))
        out.result.message = QStringLiteral("the job did not finish");
    return out;
}

ImageMetadata metadataOf(const QString& path) { return ImageMetadata::read(path); }

} // namespace

class TestQualityRetry : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeNanLatents(path(QStringLiteral("nan1.safetensors")), 1));
        QVERIFY(writeNanLatents(path(QStringLiteral("nan2.safetensors")), 2));
    }

    void offByDefaultKeepsTheFlaggedImageAlone()
    {
        QVERIFY(!GenerationOptions().retryFlagged);
        GenerationOptions o;
        o.outputPath = path(QStringLiteral("off.png"));
        o.initLatentsPath = path(QStringLiteral("nan1.safetensors"));
        const Run r = run(std::make_unique<GenerationJob>(tinyRecipe(300, 1), o));
        QVERIFY2(r.result.state == JobState::Completed, qPrintable(r.result.message));
        QCOMPARE(r.saved.size(), 1);
        QVERIFY(r.saved.first().quality.nonFinite);
        // The flags are in the file, for the gallery.
        const ImageMetadata m = metadataOf(o.outputPath);
        QVERIFY(m.qualityFlags);
        QVERIFY(m.qualityFlags->contains(QStringLiteral("broken")));
        QVERIFY(m.qualityFlags->contains(QStringLiteral("uniform")));
        QVERIFY(m.retryOf.isEmpty());
        QCOMPARE(
            QDir(m_dir.path()).entryList({ QStringLiteral("off*.png") }), QStringList { QStringLiteral("off.png") });
    }

    void flaggedImageIsRetriedOnceWithTheNextSeed()
    {
        GenerationOptions o;
        o.outputPath = path(QStringLiteral("one.png"));
        o.initLatentsPath = path(QStringLiteral("nan1.safetensors"));
        o.retryFlagged = true;
        QVERIFY(GenerationOptions::fromJson(o.toJson()).retryFlagged); // survives the persisted queue
        const Run r = run(std::make_unique<GenerationJob>(tinyRecipe(300, 1), o));
        QVERIFY2(r.result.state == JobState::Completed, qPrintable(r.result.message));

        // Exactly one retry: the flagged file stays where it was asked for, the retry goes beside it.
        QCOMPARE(r.saved.size(), 2);
        QCOMPARE(r.result.saved.size(), 2);
        QCOMPARE(QFileInfo(r.saved[0].path).fileName(), QStringLiteral("one.png"));
        QCOMPARE(QFileInfo(r.saved[1].path).fileName(), QStringLiteral("one-301.png"));
        QVERIFY(QFileInfo::exists(r.saved[0].path) && QFileInfo::exists(r.saved[1].path));
        QVERIFY(r.saved[0].quality.any());
        QVERIFY(r.saved[0].retryOf.isEmpty());
        QCOMPARE(r.saved[1].retryOf, r.saved[0].path);
        QCOMPARE(r.saved[1].recipe.seed, qint64(301));

        // The retry's file links the first; its recipe is the first's with the new seed.
        const ImageMetadata first = metadataOf(r.saved[0].path);
        const ImageMetadata retry = metadataOf(r.saved[1].path);
        QVERIFY(first.qualityFlags && first.qualityFlags->contains(QStringLiteral("broken")));
        QVERIFY(retry.qualityFlags);
        QCOMPARE(*retry.qualityFlags, r.saved[1].quality.names());
        QCOMPARE(retry.retryOf, QStringLiteral("one.png"));
        QVERIFY(retry.recipe && first.recipe);
        QCOMPARE(retry.recipe->seed, qint64(301));
        QCOMPARE(retry.recipe->prompt, first.recipe->prompt);
        QVERIFY(r.result.notes.join(QLatin1Char('\n')).contains(QStringLiteral("one.png")));
    }

    void eachFlaggedImageOfABatchIsRetriedOnce()
    {
        GenerationOptions o;
        o.outputPath = path(QStringLiteral("batch.png"));
        o.initLatentsPath = path(QStringLiteral("nan2.safetensors"));
        o.retryFlagged = true;
        const Run r = run(std::make_unique<GenerationJob>(tinyRecipe(200, 2), o));
        QVERIFY2(r.result.state == JobState::Completed, qPrintable(r.result.message));
        QStringList names;
        for (const SavedImage& s : r.saved)
            names << QFileInfo(s.path).fileName();
        // Both images of the batch are flagged; each gets one retry, from the seeds after the run's own (200, 201).
        QCOMPARE(names,
            (QStringList { QStringLiteral("batch-200.png"), QStringLiteral("batch-201.png"),
                QStringLiteral("batch-202.png"), QStringLiteral("batch-203.png") }));
        QCOMPARE(metadataOf(r.saved[2].path).retryOf, QStringLiteral("batch-200.png"));
        QCOMPARE(metadataOf(r.saved[3].path).retryOf, QStringLiteral("batch-201.png"));
        QCOMPARE(metadataOf(r.saved[3].path).recipe->batchSize, 1);
        for (const SavedImage& s : r.saved)
            QVERIFY(QFileInfo::exists(s.path));
    }

    /// easel-cli generate --retry-flagged: the same retry, headless; without the flag, the flagged image alone.
    void theCliRetriesWithTheFlag()
    {
        const QStringList base { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a lighthouse"),
            QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--sampler"), QStringLiteral("euler"),
            QStringLiteral("--dtype"), QStringLiteral("fp32"), QStringLiteral("--seed"), QStringLiteral("300"),
            QStringLiteral("--init-latents"), path(QStringLiteral("nan1.safetensors")) };
        test::CliRun r = test::runCli(base + QStringList { QStringLiteral("--output"), path(QStringLiteral("cli-off.png")) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("cli-off*.png") }),
            QStringList { QStringLiteral("cli-off.png") });

        r = test::runCli(base
            + QStringList { QStringLiteral("--retry-flagged"), QStringLiteral("--output"), path(QStringLiteral("cli.png")) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("cli*.png") }, QDir::Files, QDir::Name),
            (QStringList { QStringLiteral("cli-301.png"), QStringLiteral("cli-off.png"), QStringLiteral("cli.png") }));
        const ImageMetadata retry = metadataOf(path(QStringLiteral("cli-301.png")));
        QCOMPARE(retry.retryOf, QStringLiteral("cli.png"));
        QVERIFY(retry.recipe && retry.recipe->seed == 301);
        QVERIFY2(r.out.contains(QStringLiteral("cli-301.png")), qPrintable(r.out));

        // Remote engines do not retry: the flag is refused in one line, as a usage error.
        r = test::runCli({ QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a lighthouse"),
            QStringLiteral("--backend"), QStringLiteral("stability"), QStringLiteral("--retry-flagged") });
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(r.err.contains(QStringLiteral("--retry-flagged")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestQualityRetry)
#include "tst_qualityretry.moc"
