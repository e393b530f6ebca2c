// SPDX-License-Identifier: MIT
// The queue job of the remote backends: PNGs with Easel's metadata in the output folder (read back by the
// gallery), the persisted record without a key, the budget, fallback notes, cancel, and the key kept out of
// settings, logs, PNGs and messages.

#include "support/cloudfakes.h"

#include "backends/apikeys.h"
#include "backends/cloudsettings.h"
#include "backends/costledger.h"
#include "gallery/galleryindex.h"
#include "gallery/imagemetadata.h"
#include "jobs/directcontext.h"
#include "jobs/modelservice.h"
#include "jobs/remotegenerationjob.h"
#include "settings/settings.h"

#include <QDir>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>

using namespace easel;
using easel::test::FakeCloud;

namespace {

const QByteArray kOpenAiPath = "/v1/images/generations";
const QByteArray kCorePath = "/v2beta/stable-image/generate/core";
const QString kOpenAiKey = QStringLiteral("sk-remotejob-openai-0123456789abcdef");
const QString kStabilityKey = QStringLiteral("stability-remotejob-key-5566778899");

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext&, const QString& message)
{
    QMutexLocker lock(&g_logMutex);
    g_log << message;
}

/// Runs the job on a worker thread (as the queue does) while this thread serves the fakes.
JobResult runOnWorker(Job& job, DirectContext& context, QStringList* saved = nullptr)
{
    QMutex mutex;
    QStringList files;
    context.onImageSaved = [&](const SavedImage& image) {
        QMutexLocker lock(&mutex);
        files << image.path;
    };
    std::optional<JobResult> result;
    std::atomic<bool> done { false };
    QThread* thread = QThread::create([&] {
        result = job.run(context);
        done = true;
    });
    thread->start();
    while (!done)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    thread->wait();
    delete thread;
    if (saved)
        *saved = files;
    return *result;
}

ImageRecipe recipe(int batch = 1)
{
    ImageRecipe r;
    r.prompt = QStringLiteral("a lighthouse at dusk, oil painting");
    r.width = 1024;
    r.height = 1024;
    r.seed = 42;
    r.batchSize = batch;
    return r;
}

} // namespace

class TestRemoteJob : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    ModelService m_models;

    RemoteOptions remote(const FakeCloud& fake, const QString& backend = QStringLiteral("openai"))
    {
        RemoteOptions o;
        o.backend = backend;
        o.baseUrl = backend == QLatin1String("openai") ? fake.url("/v1") : fake.url();
        o.settingsFile = m_dir.filePath(QStringLiteral("easel.conf"));
        o.costFile = m_dir.filePath(QStringLiteral("costs-%1.json").arg(QLatin1String(QTest::currentTestFunction())));
        o.budgetUsd = 0;
        o.timeoutSec = 30;
        return o;
    }

    GenerationOptions output(const QString& name)
    {
        GenerationOptions o;
        o.outputDir = m_dir.filePath(name);
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("EASEL_KEYCHAIN", "off");
        qputenv("OPENAI_API_KEY", kOpenAiKey.toUtf8());
        qputenv("STABILITY_API_KEY", kStabilityKey.toUtf8());
        qunsetenv("OPENAI_BASE_URL");
    }

    void imagesLandInTheGalleryWithTheirRecipe()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.enqueue(kOpenAiPath,
            FakeCloud::openAiImages({ easel::test::pngBytes(32, 32), easel::test::pngBytes(32, 32, 10, 200, 30) },
                QStringLiteral("A lighthouse, revised.")));
        RemoteGenerationJob job(recipe(2), remote(fake), output(QStringLiteral("gallery")));
        QCOMPARE(job.kind(), QStringLiteral("remote"));
        QCOMPARE(job.lane(), QStringLiteral("openai"));
        QCOMPARE(job.estimatedCost(), 2 * 0.042);
        DirectContext context(m_models);
        QStringList saved;
        const JobResult result = runOnWorker(job, context, &saved);
        QCOMPARE(result.state, JobState::Completed);
        QCOMPARE(result.saved.size(), 2);
        QCOMPARE(saved.size(), 2);
        QVERIFY(result.notes.join(QLatin1Char('\n')).contains(QStringLiteral("estimated cost $0.084")));

        for (const SavedImage& image : result.saved) {
            QVERIFY(QFileInfo::exists(image.path));
            QVERIFY(image.path.endsWith(QLatin1String(".png")));
            const ImageMetadata meta = ImageMetadata::read(image.path);
            QCOMPARE(meta.source, ImageMetadata::Source::Easel);
            QVERIFY(meta.recipe.has_value());
            QCOMPARE(meta.recipe->prompt, recipe().prompt);
            QCOMPARE(meta.recipe->extras.value(QStringLiteral("Backend")), QStringLiteral("openai"));
            QCOMPARE(meta.recipe->extras.value(QStringLiteral("Remote model")), QStringLiteral("gpt-image-1"));
            QCOMPARE(
                meta.recipe->extras.value(QStringLiteral("Revised prompt")), QStringLiteral("A lighthouse, revised."));
            QCOMPARE(meta.recipe->modelName, QStringLiteral("gpt-image-1"));
            QCOMPARE(meta.pixelWidth, 32);
            // The A1111 text carries the extras too, for other tools.
            const TextChunks chunks = ImageFile::readTextChunks(image.path);
            const auto a1111 = ImageRecipe::fromA1111Parameters(ImageFile::text(chunks, QStringLiteral("parameters")));
            QVERIFY(a1111.has_value());
            QCOMPARE(a1111->extras.value(QStringLiteral("Revised prompt")), QStringLiteral("A lighthouse, revised."));
            QCOMPARE(ImageFile::text(chunks, QStringLiteral("AI-generated")), QStringLiteral("true"));
        }
        QCOMPARE(result.saved[0].recipe.seed, qint64(42));
        QCOMPARE(result.saved[1].recipe.seed, qint64(43));

        GalleryIndex index(m_dir.filePath(QStringLiteral("gallery.sqlite")));
        QVERIFY(index.addFolder(m_dir.filePath(QStringLiteral("gallery"))));
        index.rescan();
        QCOMPARE(index.count(), 2);
        const QList<GalleryEntry> found = index.search(QStringLiteral("lighthouse"));
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[0].model, QStringLiteral("gpt-image-1"));

        const CostLedger ledger(remote(fake).costFile);
        QCOMPARE(ledger.month().images, 2);
        QVERIFY(qAbs(ledger.month().usd - 0.084) < 1e-9);
    }

    void stabilityMakesOneImagePerRequest()
    {
        FakeCloud fake({ kCorePath });
        QVERIFY(fake.listen());
        fake.enqueue(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(16, 16), 42));
        fake.enqueue(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(16, 16), 43));
        RemoteGenerationJob job(
            recipe(2), remote(fake, QStringLiteral("stability")), output(QStringLiteral("stability")));
        DirectContext context(m_models);
        const JobResult result = runOnWorker(job, context);
        QCOMPARE(result.state, JobState::Completed);
        QCOMPARE(result.saved.size(), 2);
        QCOMPARE(fake.count(), 2);
        QCOMPARE(fake.requests()[0].formFields().value("seed"), QByteArray("42"));
        QCOMPARE(fake.requests()[1].formFields().value("seed"), QByteArray("43"));
        QCOMPARE(result.saved[1].recipe.seed, qint64(43));
        QCOMPARE(result.saved[0].recipe.extras.value(QStringLiteral("Backend")), QStringLiteral("stability"));
    }

    void theRecordRoundTripsWithoutAKey()
    {
        FakeCloud fake({ kOpenAiPath });
        RemoteOptions o = remote(fake);
        o.fallback = { QStringLiteral("stability"), QStringLiteral("local") };
        o.model = QStringLiteral("dall-e-3");
        o.quality = QStringLiteral("hd");
        o.budgetUsd = 3.5;
        const RemoteGenerationJob job(recipe(), o, output(QStringLiteral("record")));
        const QJsonObject json = job.toJson();
        const QByteArray text = QJsonDocument(json).toJson();
        QVERIFY(!text.contains(kOpenAiKey.toUtf8()));
        QVERIFY(!text.contains(kStabilityKey.toUtf8()));
        QVERIFY(!text.toLower().contains("api_key"));
        QString error;
        const std::unique_ptr<Job> back = Job::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->kind(), QStringLiteral("remote"));
        QCOMPARE(back->toJson(), json);
        QCOMPARE(back->lane(), QStringLiteral("local")); // the local engine is in its chain
        const auto* remoteJob = dynamic_cast<const RemoteGenerationJob*>(back.get());
        QVERIFY(remoteJob);
        QCOMPARE(remoteJob->remote().fallback, o.fallback);
        QCOMPARE(remoteJob->remote().budgetUsd, 3.5);
        QCOMPARE(remoteJob->clone()->toJson(), json);
    }

    void unknownBackendsAreRefused()
    {
        FakeCloud fake({ kOpenAiPath });
        RemoteOptions o = remote(fake);
        o.fallback = { QStringLiteral("local"), QStringLiteral("stability") };
        o.backend = QStringLiteral("midjourney");
        const RemoteGenerationJob job(recipe(), o, output(QStringLiteral("unknown")));
        const QStringList problems = job.validate();
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("midjourney")));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("last fallback")));
    }

    void theBudgetStopsTheJobBeforeAnythingIsSent()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(16, 16) }));
        RemoteOptions o = remote(fake);
        o.budgetUsd = 0.05; // one medium 1024x1024 image is $0.042
        QVERIFY(CostLedger(o.costFile).record(QStringLiteral("openai"), 0.02, 1));
        RemoteGenerationJob job(recipe(), o, output(QStringLiteral("budget")));
        DirectContext context(m_models);
        const JobResult result = runOnWorker(job, context);
        QCOMPARE(result.state, JobState::Failed);
        QVERIFY2(result.message.contains(QStringLiteral("budget")), qPrintable(result.message));
        QCOMPARE(fake.count(), 0);
        QVERIFY(result.saved.isEmpty());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("budget")))
            || QDir(m_dir.filePath(QStringLiteral("budget"))).isEmpty());

        // The settings' budget applies when the job names none.
        CloudSettings settings(o.settingsFile);
        settings.setBudgetUsd(0.01);
        settings.sync();
        o.budgetUsd = -1;
        RemoteGenerationJob fromSettings(recipe(), o, output(QStringLiteral("budget")));
        const JobResult second = runOnWorker(fromSettings, context);
        QCOMPARE(second.state, JobState::Failed);
        QCOMPARE(fake.count(), 0);
        settings.setBudgetUsd(0);
        settings.sync();
    }

    void anUnauthorizedBackendFallsBackWithANote()
    {
        FakeCloud fake({ kOpenAiPath, kCorePath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath,
            FakeCloud::openAiError(401, QStringLiteral("Incorrect API key provided."),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        fake.setDefault(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(16, 16), 42));
        RemoteOptions o = remote(fake);
        o.fallback = { QStringLiteral("stability") };
        CloudSettings settings(o.settingsFile);
        settings.setBaseUrl(QStringLiteral("stability"), fake.url());
        settings.sync();
        RemoteGenerationJob job(recipe(2), o, output(QStringLiteral("fallback")));
        DirectContext context(m_models);
        const JobResult result = runOnWorker(job, context);
        settings.setBaseUrl(QStringLiteral("stability"), QUrl());
        settings.sync();
        QCOMPARE(result.state, JobState::Completed);
        QCOMPARE(result.saved.size(), 2);
        const QString notes = result.notes.join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(QStringLiteral("falling back from OpenAI Images to Stability AI")), qPrintable(notes));
        QCOMPARE(fake.count(kOpenAiPath), 1); // skipped for the rest of the job
        QCOMPARE(fake.count(kCorePath), 2);
        QCOMPARE(result.saved[0].recipe.extras.value(QStringLiteral("Backend")), QStringLiteral("stability"));
    }

    void cancelStopsTheRequestInFlight()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply slow = FakeCloud::openAiImages({ easel::test::pngBytes(16, 16) });
        slow.never = true;
        fake.setDefault(kOpenAiPath, slow);
        RemoteGenerationJob job(recipe(), remote(fake), output(QStringLiteral("cancel")));
        DirectContext context(m_models);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, [&] {
            if (fake.count() > 0)
                context.cancel().cancel(CancelMode::Now);
        });
        poll.start(10);
        const JobResult result = runOnWorker(job, context);
        QCOMPARE(result.state, JobState::Cancelled);
        QVERIFY(result.saved.isEmpty());
    }

    void theKeyNeverLeaks()
    {
        g_log.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        const QString settingsFile = m_dir.filePath(QStringLiteral("leak.conf"));
        {
            // Everything the settings hold about the cloud, and a key stored the way the window would.
            CloudSettings cloud(settingsFile);
            cloud.setBaseUrl(QStringLiteral("openai"), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
            cloud.setDefaultModel(QStringLiteral("openai"), QStringLiteral("gpt-image-1"));
            cloud.setBudgetUsd(12);
            cloud.setBackend(QStringLiteral("openai"));
            cloud.setFallback({ QStringLiteral("stability") });
            QString error;
            QVERIFY(!ApiKeys::store(QStringLiteral("openai"), kOpenAiKey, &error)); // keychain off here
            QVERIFY(!error.contains(kOpenAiKey));
            Settings settings(settingsFile);
            settings.setOutputDir(m_dir.filePath(QStringLiteral("leak")));
            settings.sync();
            cloud.sync();
        }

        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        // A success (the PNG), then a 401 that echoes the key back (the message).
        fake.enqueue(
            kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(16, 16) }, QStringLiteral("revised")));
        fake.enqueue(kOpenAiPath,
            FakeCloud::openAiError(401,
                QStringLiteral("Incorrect API key provided: %1. Authorization: Bearer %1").arg(kOpenAiKey),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        RemoteOptions o = remote(fake);
        o.settingsFile = settingsFile;
        DirectContext context(m_models);
        RemoteGenerationJob good(recipe(), o, output(QStringLiteral("leak")));
        const JobResult made = runOnWorker(good, context);
        QCOMPARE(made.state, JobState::Completed);
        RemoteGenerationJob bad(recipe(), o, output(QStringLiteral("leak")));
        const JobResult refused = runOnWorker(bad, context);
        QCOMPARE(refused.state, JobState::Failed);
        QVERIFY(refused.message.contains(QStringLiteral("check the key")));
        qInstallMessageHandler(previous);

        // The request carried it (that is its job) ...
        QCOMPARE(fake.requests().first().header("authorization"), "Bearer " + kOpenAiKey.toUtf8());
        // ... and nothing else did.
        QFile conf(settingsFile);
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QByteArray confText = conf.readAll();
        QVERIFY(confText.contains("127.0.0.1:9"));
        QVERIFY(!confText.contains(kOpenAiKey.toUtf8()));
        QFile png(made.saved.value(0).path);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(!png.readAll().contains(kOpenAiKey.toUtf8()));
        const QString everything = refused.message + made.message + (made.notes + refused.notes).join(QLatin1Char('\n'))
            + QString::fromUtf8(QJsonDocument(bad.toJson()).toJson()) + g_log.join(QLatin1Char('\n'));
        QVERIFY2(!everything.contains(kOpenAiKey), qPrintable(everything));
        QVERIFY(!everything.contains(QStringLiteral("0123456789abcdef")));
    }
};

QTEST_GUILESS_MAIN(TestRemoteJob)
#include "tst_remotejob.moc"
