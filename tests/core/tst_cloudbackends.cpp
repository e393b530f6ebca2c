// SPDX-License-Identifier: MIT
// OpenAI Images and Stability AI against loopback fakes of their APIs, the router's retries and fallbacks,
// API keys and their redaction, cost estimates and the ledger, the backends' settings.

#include "support/cloudfakes.h"

#include "backends/apikeys.h"
#include "backends/backendregistry.h"
#include "backends/backendrouter.h"
#include "backends/cloudhttp.h"
#include "backends/cloudsettings.h"
#include "backends/costledger.h"
#include "backends/openaibackend.h"
#include "backends/pricetable.h"
#include "backends/stabilitybackend.h"

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
const QByteArray kUltraPath = "/v2beta/stable-image/generate/ultra";
const QByteArray kSd3Path = "/v2beta/stable-image/generate/sd3";
const QString kOpenAiKey = QStringLiteral("sk-test-openai-0123456789abcdef");
const QString kStabilityKey = QStringLiteral("sk-test-stability-fedcba9876543210");

/// Runs `f` on a worker thread (as the queue does) while this thread serves the fakes.
template <typename F> auto onWorker(F f) -> decltype(f())
{
    std::optional<decltype(f())> out;
    std::atomic<bool> done { false };
    QThread* thread = QThread::create([&] {
        out = f();
        done = true;
    });
    thread->start();
    while (!done)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    thread->wait();
    delete thread;
    return *out;
}

BackendEndpoint endpoint(const QUrl& base, const QString& key, const QString& model = {}, double timeout = 30.0)
{
    BackendEndpoint e;
    e.baseUrl = base;
    e.apiKey = key;
    e.defaultModel = model;
    e.timeoutSec = timeout;
    return e;
}

ImageRecipe recipe(int width = 512, int height = 512, int batch = 1)
{
    ImageRecipe r;
    r.prompt = QStringLiteral("a lighthouse at dusk, oil painting");
    r.negativePrompt = QStringLiteral("blurry");
    r.width = width;
    r.height = height;
    r.seed = 1234;
    r.batchSize = batch;
    return r;
}

/// A backend that answers from a script, for router tests that need no HTTP.
class ScriptedBackend : public ImageBackend {
public:
    ScriptedBackend(QString id, QList<BackendErrorKind> answers, bool cloud = true)
        : m_id(std::move(id))
        , m_answers(std::move(answers))
        , m_cloud(cloud)
    {
    }
    QString id() const override { return m_id; }
    QString displayName() const override { return m_id; }
    bool isCloud() const override { return m_cloud; }
    BackendCapabilities capabilities() override { return {}; }
    double costPerImage(const ImageRecipe&) const override { return 0.05; }
    BackendResult run(const ImageRecipe&, const BackendCallbacks&) override
    {
        ++calls;
        BackendResult r;
        const BackendErrorKind kind = m_answers.isEmpty() ? BackendErrorKind::None : m_answers.takeFirst();
        if (kind == BackendErrorKind::None) {
            BackendImage image;
            image.encoded = easel::test::pngBytes(8, 8);
            r.images << image;
        } else {
            r.error.kind = kind;
            r.error.message = m_id + QStringLiteral(" failed");
        }
        return r;
    }
    int calls = 0;

private:
    QString m_id;
    QList<BackendErrorKind> m_answers;
    bool m_cloud;
};

} // namespace

class TestCloudBackends : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("EASEL_KEYCHAIN", "off");
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("STABILITY_API_KEY");
        qunsetenv("OPENAI_BASE_URL");
    }

    void openAiSendsTheDocumentedRequest()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        const QByteArray png = easel::test::pngBytes();
        fake.enqueue(kOpenAiPath, FakeCloud::openAiImages({ png, png }));
        OpenAiBackend backend(endpoint(fake.url("/v1"), kOpenAiKey, QStringLiteral("gpt-image-1")));
        const BackendResult result = onWorker([&] { return backend.run(recipe(512, 768, 2), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.images.size(), 2);
        QCOMPARE(result.images[0].encoded, png);
        QCOMPARE(result.images[0].mimeType, QStringLiteral("image/png"));
        QCOMPARE(result.images[0].remoteModel, QStringLiteral("gpt-image-1"));

        QCOMPARE(fake.count(kOpenAiPath), 1);
        const FakeCloud::Request sent = fake.requests(kOpenAiPath).first();
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer ") + kOpenAiKey.toUtf8());
        QVERIFY(sent.header("content-type").startsWith("application/json"));
        const QJsonObject body = sent.json();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-image-1"));
        QCOMPARE(body.value(QStringLiteral("prompt")).toString(), recipe().prompt);
        QCOMPARE(body.value(QStringLiteral("size")).toString(), QStringLiteral("1024x1536")); // nearest 2:3
        QCOMPARE(body.value(QStringLiteral("quality")).toString(), QStringLiteral("medium"));
        QCOMPARE(body.value(QStringLiteral("n")).toInt(), 2);
        QVERIFY(!body.contains(QStringLiteral("response_format"))); // gpt-image-1 always answers base64
        QVERIFY(!body.contains(QStringLiteral("negative_prompt")));
        QVERIFY(result.notes.join(QLatin1Char('\n')).contains(QStringLiteral("negative prompt")));
    }

    void dallE3AsksForBase64AndKeepsTheRevisedPrompt()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.enqueue(
            kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes() }, QStringLiteral("A tall lighthouse.")));
        OpenAiBackend backend(endpoint(fake.url("/v1"), kOpenAiKey, QStringLiteral("dall-e-3")), QStringLiteral("hd"));
        const BackendResult result = onWorker([&] { return backend.run(recipe(1024, 576, 3), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.images.size(), 1);
        QCOMPARE(result.images[0].revisedPrompt, QStringLiteral("A tall lighthouse."));
        const QJsonObject body = fake.requests().first().json();
        QCOMPARE(body.value(QStringLiteral("response_format")).toString(), QStringLiteral("b64_json"));
        QCOMPARE(body.value(QStringLiteral("n")).toInt(), 1); // DALL-E 3 makes one per request
        QCOMPARE(body.value(QStringLiteral("size")).toString(), QStringLiteral("1792x1024"));
        QCOMPARE(body.value(QStringLiteral("quality")).toString(), QStringLiteral("hd"));
    }

    void openAiErrorsAreMapped_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("skips");
        QTest::newRow("401 key") << 401 << "invalid_request_error"
                                 << "invalid_api_key" << int(BackendErrorKind::Unauthorized) << true;
        QTest::newRow("429 quota") << 429 << "insufficient_quota"
                                   << "insufficient_quota" << int(BackendErrorKind::NoCredit) << true;
        QTest::newRow("400 billing") << 400 << "billing_hard_limit_reached"
                                     << "billing_hard_limit_reached" << int(BackendErrorKind::NoCredit) << true;
        QTest::newRow("400 policy") << 400 << "invalid_request_error"
                                    << "content_policy_violation" << int(BackendErrorKind::Refused) << true;
        QTest::newRow("400 moderation") << 400 << "image_generation_user_error"
                                        << "moderation_blocked" << int(BackendErrorKind::Refused) << true;
        QTest::newRow("400 bad") << 400 << "invalid_request_error"
                                 << "invalid_value" << int(BackendErrorKind::BadRequest) << false;
        QTest::newRow("429 rate") << 429 << "requests"
                                  << "rate_limit_exceeded" << int(BackendErrorKind::RateLimited) << false;
        QTest::newRow("500") << 500 << "server_error"
                             << "" << int(BackendErrorKind::Server) << false;
        QTest::newRow("503") << 503 << "server_error"
                             << "" << int(BackendErrorKind::Server) << false;
    }

    void openAiErrorsAreMapped()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, code);
        QFETCH(int, kind);
        QFETCH(bool, skips);
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply reply = FakeCloud::openAiError(status, QStringLiteral("The service says no."), type, code);
        if (status == 429)
            reply.headers = { { "Retry-After", "7" } };
        fake.enqueue(kOpenAiPath, reply);
        OpenAiBackend backend(endpoint(fake.url("/v1"), kOpenAiKey));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(int(result.error.kind), kind);
        QCOMPARE(result.error.skipsBackend(), skips);
        QCOMPARE(result.error.httpStatus, status);
        QVERIFY(result.images.isEmpty());
        QVERIFY2(
            result.error.message.contains(QStringLiteral("The service says no.")), qPrintable(result.error.message));
        QVERIFY(!result.error.message.contains(QLatin1Char('\n')));
        if (kind == int(BackendErrorKind::RateLimited))
            QCOMPARE(result.error.retryAfterSec, 7.0);
    }

    void aSlowServerTimesOut()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply slow = FakeCloud::openAiImages({ easel::test::pngBytes() });
        slow.never = true;
        fake.enqueue(kOpenAiPath, slow);
        OpenAiBackend backend(endpoint(fake.url("/v1"), kOpenAiKey, {}, 0.5));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(result.error.kind, BackendErrorKind::Timeout);
        QVERIFY(!result.error.skipsBackend());
        QCOMPARE(fake.count(), 1);
    }

    void aCancelStopsTheRequestInFlight()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply slow = FakeCloud::openAiImages({ easel::test::pngBytes() });
        slow.never = true;
        fake.enqueue(kOpenAiPath, slow);
        OpenAiBackend backend(endpoint(fake.url("/v1"), kOpenAiKey));
        BackendCallbacks callbacks;
        callbacks.cancelled = [&fake] { return fake.arrived() > 0; }; // cancel once the request arrived
        const BackendResult result = onWorker([&] { return backend.run(recipe(), callbacks); });
        QCOMPARE(result.error.kind, BackendErrorKind::Cancelled);
    }

    void noServerIsANetworkError()
    {
        OpenAiBackend backend(endpoint(QUrl(QStringLiteral("http://127.0.0.1:1/v1")), kOpenAiKey));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(result.error.kind, BackendErrorKind::Network);
    }

    void noKeyMeansNothingIsSent()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        OpenAiBackend backend(endpoint(fake.url("/v1"), QString()));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(result.error.kind, BackendErrorKind::Unauthorized);
        QVERIFY(result.error.message.contains(QStringLiteral("OPENAI_API_KEY")));
        QCOMPARE(fake.count(), 0);
    }

    void stabilitySendsTheDocumentedForm_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("modelField");
        QTest::newRow("core") << "stable-image-core" << kCorePath << false;
        QTest::newRow("ultra") << "stable-image-ultra" << kUltraPath << false;
        QTest::newRow("sd3.5-large") << "sd3.5-large" << kSd3Path << true;
    }

    void stabilitySendsTheDocumentedForm()
    {
        QFETCH(QString, model);
        QFETCH(QByteArray, path);
        QFETCH(bool, modelField);
        FakeCloud fake({ kCorePath, kUltraPath, kSd3Path });
        QVERIFY(fake.listen());
        const QByteArray png = easel::test::pngBytes();
        fake.enqueue(path, FakeCloud::stabilityImage(png, 1234));
        StabilityBackend backend(endpoint(fake.url(), kStabilityKey, model));
        const BackendResult result = onWorker([&] { return backend.run(recipe(1024, 576), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.images.size(), 1);
        QCOMPARE(result.images[0].encoded, png);
        QCOMPARE(result.images[0].seed, qint64(1234));
        QCOMPARE(result.images[0].remoteModel, model);

        QCOMPARE(fake.count(path), 1);
        const FakeCloud::Request sent = fake.requests(path).first();
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer ") + kStabilityKey.toUtf8());
        QCOMPARE(sent.header("accept"), QByteArray("application/json"));
        QVERIFY(sent.header("content-type").startsWith("multipart/form-data"));
        const QHash<QByteArray, QByteArray> form = sent.formFields();
        QCOMPARE(form.value("prompt"), recipe().prompt.toUtf8());
        QCOMPARE(form.value("negative_prompt"), QByteArray("blurry"));
        QCOMPARE(form.value("aspect_ratio"), QByteArray("16:9"));
        QCOMPARE(form.value("seed"), QByteArray("1234"));
        QCOMPARE(form.value("output_format"), QByteArray("png"));
        QCOMPARE(form.contains("model"), modelField);
        if (modelField)
            QCOMPARE(form.value("model"), model.toUtf8());
    }

    void stabilityReadsAnImageAnswer()
    {
        FakeCloud fake({ kCorePath });
        QVERIFY(fake.listen());
        const QByteArray png = easel::test::pngBytes();
        fake.enqueue(kCorePath, FakeCloud::stabilityRawImage(png, 99));
        StabilityBackend backend(endpoint(fake.url(), kStabilityKey));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.images.value(0).encoded, png);
        QCOMPARE(result.images.value(0).seed, qint64(99));
    }

    void stabilityErrorsAreMapped_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::newRow("400") << 400 << "bad_request" << int(BackendErrorKind::BadRequest);
        QTest::newRow("401") << 401 << "unauthorized" << int(BackendErrorKind::Unauthorized);
        QTest::newRow("402") << 402 << "payment_required" << int(BackendErrorKind::NoCredit);
        QTest::newRow("403 moderation") << 403 << "content_moderation" << int(BackendErrorKind::Refused);
        QTest::newRow("429") << 429 << "rate_limit_exceeded" << int(BackendErrorKind::RateLimited);
        QTest::newRow("500") << 500 << "internal_error" << int(BackendErrorKind::Server);
    }

    void stabilityErrorsAreMapped()
    {
        QFETCH(int, status);
        QFETCH(QString, name);
        QFETCH(int, kind);
        FakeCloud fake({ kCorePath });
        QVERIFY(fake.listen());
        fake.enqueue(kCorePath, FakeCloud::stabilityError(status, name, QStringLiteral("Stability explains.")));
        StabilityBackend backend(endpoint(fake.url(), kStabilityKey));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(int(result.error.kind), kind);
        QVERIFY2(
            result.error.message.contains(QStringLiteral("Stability explains.")), qPrintable(result.error.message));
    }

    void contentFilteredIsARefusal()
    {
        FakeCloud fake({ kCorePath });
        QVERIFY(fake.listen());
        fake.enqueue(
            kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(), 5, QStringLiteral("CONTENT_FILTERED")));
        StabilityBackend backend(endpoint(fake.url(), kStabilityKey));
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(result.error.kind, BackendErrorKind::Refused);
        QVERIFY(result.error.skipsBackend());
        QVERIFY(result.images.isEmpty());
    }

    void rateLimitIsRetriedAfterRetryAfter()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply limited
            = FakeCloud::openAiError(429, QStringLiteral("Rate limit reached for images per minute."),
                QStringLiteral("requests"), QStringLiteral("rate_limit_exceeded"));
        limited.headers = { { "Retry-After", "1" } };
        fake.enqueue(kOpenAiPath, limited);
        fake.enqueue(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes() }));
        BackendRouter router;
        router.add(std::make_shared<OpenAiBackend>(endpoint(fake.url("/v1"), kOpenAiKey)));
        const BackendResult result = onWorker([&] { return router.run(recipe(), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.backendId, QStringLiteral("openai"));
        QCOMPARE(fake.count(), 2);
        const QList<FakeCloud::Request> seen = fake.requests();
        // The second request came no earlier than the server asked (by the server's own clock).
        QVERIFY2(seen[1].atMs - seen[0].atMs >= 1000 - 5, qPrintable(QString::number(seen[1].atMs - seen[0].atMs)));
        QVERIFY(result.notes.join(QLatin1Char('\n')).contains(QStringLiteral("retrying in 1.0 s")));
    }

    void aRetryAfterBeyondTheLimitFallsBack()
    {
        FakeCloud fake({ kOpenAiPath, kCorePath });
        QVERIFY(fake.listen());
        FakeCloud::Reply limited = FakeCloud::openAiError(
            429, QStringLiteral("Slow down."), QStringLiteral("requests"), QStringLiteral("rate_limit_exceeded"));
        limited.headers = { { "Retry-After", "3600" } };
        fake.enqueue(kOpenAiPath, limited);
        fake.enqueue(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(), 1));
        RouterOptions options;
        options.maxRetryWaitSec = 30;
        BackendRouter router(options);
        router.add(std::make_shared<OpenAiBackend>(endpoint(fake.url("/v1"), kOpenAiKey)));
        router.add(std::make_shared<StabilityBackend>(endpoint(fake.url(), kStabilityKey)));
        const BackendResult result = onWorker([&] { return router.run(recipe(), {}); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.backendId, QStringLiteral("stability"));
        QCOMPARE(fake.count(kOpenAiPath), 1);
        QVERIFY(!router.isSkipped(QStringLiteral("openai"))); // a rate limit does not put it out of the run
    }

    void unauthorizedFallsBackAndIsSkippedForTheRun()
    {
        FakeCloud fake({ kOpenAiPath, kCorePath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath,
            FakeCloud::openAiError(401, QStringLiteral("Incorrect API key provided."),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        fake.setDefault(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(), 1));
        BackendRouter router;
        router.add(std::make_shared<OpenAiBackend>(endpoint(fake.url("/v1"), kOpenAiKey)));
        router.add(std::make_shared<StabilityBackend>(endpoint(fake.url(), kStabilityKey)));
        for (int run = 0; run < 2; ++run) {
            const BackendResult result = onWorker([&] { return router.run(recipe(), {}); });
            QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
            QCOMPARE(result.backendId, QStringLiteral("stability"));
            const QString notes = result.notes.join(QLatin1Char('\n'));
            QVERIFY2(
                notes.contains(QStringLiteral("falling back from OpenAI Images to Stability AI")), qPrintable(notes));
            QVERIFY2(notes.contains(QStringLiteral("check the key")), qPrintable(notes));
        }
        QVERIFY(router.isSkipped(QStringLiteral("openai")));
        QCOMPARE(fake.count(kOpenAiPath), 1); // not asked again in this run
        QCOMPARE(fake.count(kCorePath), 2);
    }

    void aBadRequestDoesNotFallBack()
    {
        auto first = std::make_shared<ScriptedBackend>(
            QStringLiteral("a"), QList<BackendErrorKind> { BackendErrorKind::BadRequest });
        auto second = std::make_shared<ScriptedBackend>(QStringLiteral("b"), QList<BackendErrorKind> {});
        BackendRouter router;
        router.add(first);
        router.add(second);
        const BackendResult result = router.run(recipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::BadRequest);
        QCOMPARE(second->calls, 0);
    }

    void serverErrorsAreRetriedThenFallBack()
    {
        auto first = std::make_shared<ScriptedBackend>(QStringLiteral("a"),
            QList<BackendErrorKind> { BackendErrorKind::Server, BackendErrorKind::Server, BackendErrorKind::Server });
        auto second = std::make_shared<ScriptedBackend>(QStringLiteral("b"), QList<BackendErrorKind> {});
        RouterOptions options;
        options.maxRetries = 2;
        options.backoffSec = 0.01;
        BackendRouter router(options);
        router.add(first);
        router.add(second);
        const BackendResult result = router.run(recipe(), {});
        QVERIFY(!result.error.isError());
        QCOMPARE(first->calls, 3);
        QCOMPARE(second->calls, 1);
        QCOMPARE(result.backendId, QStringLiteral("b"));
    }

    void theBudgetHookSendsNothing()
    {
        auto cloud = std::make_shared<ScriptedBackend>(QStringLiteral("cloud"), QList<BackendErrorKind> {});
        BackendRouter router;
        router.add(cloud);
        router.beforeRequest = [](ImageBackend&, const ImageRecipe&) {
            BackendError e;
            e.kind = BackendErrorKind::Budget;
            e.message = QStringLiteral("over budget");
            return e;
        };
        const BackendResult result = router.run(recipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::Budget);
        QCOMPARE(cloud->calls, 0);
    }

    void capabilitiesAndSizes()
    {
        QCOMPARE(OpenAiBackend::sizesFor(QStringLiteral("dall-e-2")).size(), 3);
        QCOMPARE(OpenAiBackend::nearestSize(OpenAiBackend::sizesFor(QStringLiteral("gpt-image-1")), 768, 512),
            QSize(1536, 1024));
        QCOMPARE(
            OpenAiBackend::nearestSize(OpenAiBackend::sizesFor(QStringLiteral("dall-e-2")), 512, 512), QSize(512, 512));
        QCOMPARE(StabilityBackend::nearestAspectRatio(1024, 1024), QStringLiteral("1:1"));
        QCOMPARE(StabilityBackend::nearestAspectRatio(512, 768), QStringLiteral("2:3"));
        QCOMPARE(StabilityBackend::nearestAspectRatio(2100, 900), QStringLiteral("21:9"));
        OpenAiBackend dalle3(endpoint({}, {}, QStringLiteral("dall-e-3")));
        QCOMPARE(dalle3.capabilities().maxImagesPerRequest, 1);
        QVERIFY(!dalle3.capabilities().negativePrompt);
        StabilityBackend core(endpoint({}, {}));
        QVERIFY(core.capabilities().seed);
        QVERIFY(core.capabilities().negativePrompt);
        QCOMPARE(core.capabilities().aspectRatios.size(), 9);
        QVERIFY(BackendRegistry::create(QStringLiteral("openai"), {}));
        QVERIFY(!BackendRegistry::create(QStringLiteral("nope"), {}));
    }

    void pricesAreEstimatedFromOneTable()
    {
        QCOMPARE(PriceTable::openAi(QStringLiteral("gpt-image-1"), QStringLiteral("medium"), 1024, 1024), 0.042);
        QCOMPARE(PriceTable::openAi(QStringLiteral("dall-e-3"), QStringLiteral("hd"), 1792, 1024), 0.12);
        QCOMPARE(PriceTable::stability(QStringLiteral("stable-image-core")), 0.03);
        QCOMPARE(PriceTable::stability(QStringLiteral("nope")), -1.0);
        OpenAiBackend openai(endpoint({}, {}, QStringLiteral("gpt-image-1")), QStringLiteral("low"));
        QCOMPARE(openai.costPerImage(recipe(512, 512)), 0.011);
        StabilityBackend ultra(endpoint({}, {}, QStringLiteral("stable-image-ultra")));
        QCOMPARE(ultra.costPerImage(recipe()), 0.08);
        QVERIFY(QByteArray(PriceTable::asOf).size() == 7);
    }

    void theLedgerKeepsMonthAndSession()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("costs.json"));
        CostLedger ledger(file);
        QCOMPARE(ledger.month().usd, 0.0);
        QVERIFY(ledger.record(QStringLiteral("openai"), 0.042, 1));
        QVERIFY(ledger.record(QStringLiteral("stability"), 0.06, 2));
        QCOMPARE(CostLedger(file).month().images, 3);
        QVERIFY(qAbs(CostLedger(file).month().usd - 0.102) < 1e-9);
        QVERIFY(qAbs(ledger.session().usd - 0.102) < 1e-9);
        QVERIFY(!ledger.checkBudget(0.0, 100.0).isError()); // no budget
        QVERIFY(!ledger.checkBudget(1.0, 0.5).isError());
        const BackendError over = ledger.checkBudget(0.12, 0.042);
        QCOMPARE(over.kind, BackendErrorKind::Budget);
        QVERIFY(over.message.contains(QStringLiteral("0.12")));
        QVERIFY(!QFileInfo::exists(file + QStringLiteral(".lock")));
    }

    void settingsUrlsAndEnvironment()
    {
        QTemporaryDir dir;
        CloudSettings settings(dir.filePath(QStringLiteral("easel.conf")));
        QCOMPARE(settings.baseUrl(QStringLiteral("openai")), QUrl(QStringLiteral("https://api.openai.com/v1")));
        QCOMPARE(settings.baseUrl(QStringLiteral("stability")), QUrl(QStringLiteral("https://api.stability.ai")));
        qputenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
        QCOMPARE(settings.baseUrl(QStringLiteral("openai")), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        settings.setBaseUrl(QStringLiteral("openai"), QUrl(QStringLiteral("http://proxy.local/v1")));
        QCOMPARE(settings.baseUrl(QStringLiteral("openai")), QUrl(QStringLiteral("http://proxy.local/v1")));
        qunsetenv("OPENAI_BASE_URL");
        QCOMPARE(settings.defaultModel(QStringLiteral("openai")), QStringLiteral("gpt-image-1"));
        settings.setDefaultModel(QStringLiteral("stability"), QStringLiteral("sd3.5-large"));
        QCOMPARE(settings.endpoint(QStringLiteral("stability")).defaultModel, QStringLiteral("sd3.5-large"));
        QVERIFY(settings.endpoint(QStringLiteral("stability")).apiKey.isEmpty());
        QCOMPARE(settings.budgetUsd(), 0.0);
        settings.setBudgetUsd(5);
        QCOMPARE(settings.budgetUsd(), 5.0);
        QCOMPARE(settings.backend(), QStringLiteral("local"));
    }

    void keysComeFromTheEnvironmentWithoutAKeychain()
    {
        qputenv("OPENAI_API_KEY", kOpenAiKey.toUtf8());
        const ApiKeys::Lookup off = ApiKeys::find(QStringLiteral("openai"));
        QCOMPARE(off.key, kOpenAiKey);
        QCOMPARE(off.source, ApiKeys::Source::Environment);
        QVERIFY(off.note.isEmpty()); // switched off: nothing to say
        const ApiKeys::Lookup none = ApiKeys::find(QStringLiteral("stability"));
        QVERIFY(none.key.isEmpty());
        QCOMPARE(none.source, ApiKeys::Source::None);

        // With the keychain asked: wherever no keychain service runs (CI), one line and the environment.
        qputenv("EASEL_KEYCHAIN", "on");
        const ApiKeys::Lookup asked = ApiKeys::find(QStringLiteral("openai"), 3000);
        qputenv("EASEL_KEYCHAIN", "off");
        QVERIFY(!asked.key.isEmpty());
        QVERIFY(!asked.note.contains(QLatin1Char('\n')));
        if (asked.source == ApiKeys::Source::Environment && !asked.note.isEmpty())
            qInfo("keychain: %s", qPrintable(asked.note));
        QVERIFY(!asked.note.contains(kOpenAiKey));
        qunsetenv("OPENAI_API_KEY");
    }

    void secretsAreRedacted()
    {
        ApiKeys::remember(QStringLiteral("plain-key-without-prefix-42"));
        const QString text = QStringLiteral(
            "Incorrect API key provided: sk-abcdefghijklmnop1234. Authorization: Bearer plain-key-without-prefix-42; "
            "x-api-key=abc123secret, api_key: 'zzz999'");
        const QString clean = redactSecrets(text);
        QVERIFY2(!clean.contains(QStringLiteral("sk-abcdefghijklmnop1234")), qPrintable(clean));
        QVERIFY2(!clean.contains(QStringLiteral("plain-key-without-prefix-42")), qPrintable(clean));
        QVERIFY2(!clean.contains(QStringLiteral("abc123secret")), qPrintable(clean));
        QVERIFY2(!clean.contains(QStringLiteral("zzz999")), qPrintable(clean));
        QVERIFY(clean.contains(QStringLiteral("Incorrect API key provided")));
        QCOMPARE(redactSecrets(QStringLiteral("a lighthouse at dusk")), QStringLiteral("a lighthouse at dusk"));
    }

    void anEchoedKeyNeverReachesTheMessage()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        const QString key = QStringLiteral("echoed-secret-key-77");
        fake.enqueue(kOpenAiPath,
            FakeCloud::openAiError(401, QStringLiteral("Incorrect API key provided: %1.").arg(key),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        OpenAiBackend backend(endpoint(fake.url("/v1"), key));
        ApiKeys::remember(key); // as ApiKeys::find() does for every key it hands out
        const BackendResult result = onWorker([&] { return backend.run(recipe(), {}); });
        QCOMPARE(result.error.kind, BackendErrorKind::Unauthorized);
        QVERIFY2(!result.error.message.contains(key), qPrintable(result.error.message));
        QVERIFY(result.error.message.contains(QStringLiteral("[redacted]")));
    }

    void retryAfterForms()
    {
        HttpReply reply;
        reply.headers = { { "retry-after", "2.5" } };
        QCOMPARE(reply.retryAfterSec(), 2.5);
        reply.headers = { { "retry-after-ms", "1500" } };
        QCOMPARE(reply.retryAfterSec(), 1.5);
        reply.headers
            = { { "retry-after", QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::RFC2822Date).toLatin1() } };
        QVERIFY(reply.retryAfterSec() > 25 && reply.retryAfterSec() <= 31);
        reply.headers = {};
        QCOMPARE(reply.retryAfterSec(), 0.0);
        QCOMPARE(
            CloudHttp::join(QUrl(QStringLiteral("http://h/v1/")), QStringLiteral("/images/generations")).toString(),
            QStringLiteral("http://h/v1/images/generations"));
    }
};

QTEST_GUILESS_MAIN(TestCloudBackends)
#include "tst_cloudbackends.moc"
