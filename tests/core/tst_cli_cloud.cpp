// SPDX-License-Identifier: MIT
// easel-cli generate --backend openai|stability against loopback fakes: the PNG and its metadata, the estimate,
// the budget stop, a refused key falling back with a note, OPENAI_BASE_URL, and the key kept out of the output.

#include "support/clirunner.h"
#include "support/cloudfakes.h"

#include "backends/cloudsettings.h"
#include "gallery/imagemetadata.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace easel;
using easel::test::FakeCloud;
using easel::test::runCli;

namespace {

const QByteArray kOpenAiPath = "/v1/images/generations";
const QByteArray kCorePath = "/v2beta/stable-image/generate/core";
const QString kKey = QStringLiteral("sk-cli-cloud-key-abcdef0123456789");

QProcessEnvironment environment(bool withKey = true)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("EASEL_KEYCHAIN"), QStringLiteral("off"));
    env.remove(QStringLiteral("OPENAI_BASE_URL"));
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    if (withKey) {
        env.insert(QStringLiteral("OPENAI_API_KEY"), kKey);
        env.insert(QStringLiteral("STABILITY_API_KEY"), kKey + QStringLiteral("-stability"));
    }
    return env;
}

} // namespace

class TestCliCloud : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void helpListsTheBackendFlags()
    {
        const auto run = runCli({ QStringLiteral("generate"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const char* flag : { "--backend <NAME>", "--fallback <B1,B2>", "--budget <USD>", "--backend-url <URL>",
                 "--remote-model <NAME>", "--quality <LEVEL>", "--workflow <FILE.json>", "OPENAI_API_KEY" })
            QVERIFY2(run.out.contains(QLatin1String(flag)), flag);
    }

    void generatesOnOpenAi()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.enqueue(
            kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(24, 24) }, QStringLiteral("revised")));
        const QString png = m_dir.filePath(QStringLiteral("openai.png"));
        const auto run
            = runCli({ QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                         QStringLiteral("--backend-url"), fake.url("/v1").toString(), QStringLiteral("--prompt"),
                         QStringLiteral("a red kite"), QStringLiteral("--seed"), QStringLiteral("7"),
                         QStringLiteral("--quality"), QStringLiteral("low"), QStringLiteral("--output"), png },
                environment());
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("estimate: $0.011 for 1 image(s)")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("saved ") + png));
        QVERIFY(run.out.contains(QStringLiteral("cloud spending (estimates): $0.011 in this run")));
        QCOMPARE(fake.requests().first().json().value(QStringLiteral("quality")).toString(), QStringLiteral("low"));
        const ImageMetadata meta = ImageMetadata::read(png);
        QVERIFY(meta.recipe.has_value());
        QCOMPARE(meta.recipe->extras.value(QStringLiteral("Backend")), QStringLiteral("openai"));
        QCOMPARE(meta.recipe->seed, qint64(7));
        QVERIFY(!QString(run.out + run.err).contains(kKey));
    }

    void openAiBaseUrlFromTheEnvironment()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.enqueue(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(24, 24) }));
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), fake.url("/v1").toString());
        const auto run = runCli({ QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                                    QStringLiteral("--prompt"), QStringLiteral("a kite"), QStringLiteral("--output"),
                                    m_dir.filePath(QStringLiteral("env.png")) },
            env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(fake.count(), 1);
    }

    void theBudgetStopsBeforeSending()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(24, 24) }));
        const auto run
            = runCli({ QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                         QStringLiteral("--backend-url"), fake.url("/v1").toString(), QStringLiteral("--budget"),
                         QStringLiteral("0.001"), QStringLiteral("--prompt"), QStringLiteral("a kite"),
                         QStringLiteral("--output"), m_dir.filePath(QStringLiteral("budget.png")) },
                environment());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("budget")), qPrintable(run.err));
        QCOMPARE(fake.count(), 0);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("budget.png"))));
    }

    void aRefusedKeyFallsBackAndStaysSecret()
    {
        FakeCloud fake({ kOpenAiPath, kCorePath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath,
            FakeCloud::openAiError(401, QStringLiteral("Incorrect API key provided: %1").arg(kKey),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key")));
        fake.setDefault(kCorePath, FakeCloud::stabilityImage(easel::test::pngBytes(24, 24), 5));
        {
            CloudSettings settings; // the test home's settings, which easel-cli reads too
            settings.setBaseUrl(QStringLiteral("stability"), fake.url());
            settings.sync();
        }
        const QString png = m_dir.filePath(QStringLiteral("fallback.png"));
        const auto run
            = runCli({ QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                         QStringLiteral("--backend-url"), fake.url("/v1").toString(), QStringLiteral("--fallback"),
                         QStringLiteral("stability"), QStringLiteral("--prompt"), QStringLiteral("a kite"),
                         QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--output"), png },
                environment());
        {
            CloudSettings settings;
            settings.setBaseUrl(QStringLiteral("stability"), QUrl());
            settings.sync();
        }
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("note: falling back from OpenAI Images to Stability AI")),
            qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("check the key")));
        QCOMPARE(ImageMetadata::read(png).recipe->extras.value(QStringLiteral("Backend")), QStringLiteral("stability"));
        QVERIFY2(!QString(run.out + run.err).contains(kKey), qPrintable(run.out + run.err));
        QVERIFY(!QString(run.out + run.err).contains(QStringLiteral("abcdef0123456789")));
    }

    /// --workflow: for ComfyUI only; a template without the {{image}} slot an img2img run needs is one line
    /// naming the file, before anything is sent.
    void workflowFlagIsCheckedBeforeSending()
    {
        const QString workflow = m_dir.filePath(QStringLiteral("txt2img.json"));
        QFile file(workflow);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"3": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}", "clip": ["4", 1]}}})");
        file.close();
        const QString start = m_dir.filePath(QStringLiteral("start.png"));
        QFile png(start);
        QVERIFY(png.open(QIODevice::WriteOnly));
        png.write(easel::test::pngBytes(16, 16));
        png.close();
        const auto onOpenAi
            = runCli({ QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                         QStringLiteral("--workflow"), workflow, QStringLiteral("--prompt"), QStringLiteral("x"),
                         QStringLiteral("--output"), m_dir.filePath(QStringLiteral("w.png")) },
                environment());
        QCOMPARE(onOpenAi.exitCode, 2);
        QVERIFY2(onOpenAi.err.contains(QStringLiteral("--workflow: a workflow template is for --backend comfyui")),
            qPrintable(onOpenAi.err));
        const auto noSlot = runCli(
            { QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("comfyui"),
                QStringLiteral("--backend-url"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--workflow"),
                workflow, QStringLiteral("--init-image"), start, QStringLiteral("--prompt"), QStringLiteral("x"),
                QStringLiteral("--output"), m_dir.filePath(QStringLiteral("w.png")) },
            environment());
        QCOMPARE(noSlot.exitCode, 2);
        QCOMPARE(noSlot.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(noSlot.err.contains(QStringLiteral("txt2img.json has no {{image}} slot")), qPrintable(noSlot.err));
    }

    /// A style that names an engine sends generate there without --backend; --backend wins over it.
    void aStylesBackendIsHonoured()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(24, 24) }));
        const QString styles = m_dir.filePath(QStringLiteral("cloud-styles"));
        QVERIFY(QDir().mkpath(styles));
        QFile file(styles + QStringLiteral("/cloud.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"id": "cloudy", "prompt": "{prompt}, watercolour", "backend": "openai"})");
        file.close();
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), fake.url("/v1").toString());
        const QString png = m_dir.filePath(QStringLiteral("styled.png"));
        const auto run = runCli({ QStringLiteral("generate"), QStringLiteral("--style"), QStringLiteral("cloudy"),
                                    QStringLiteral("--styles-dir"), styles, QStringLiteral("--prompt"),
                                    QStringLiteral("a kite"), QStringLiteral("--output"), png },
            env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(fake.count(kOpenAiPath), 1);
        QCOMPARE(fake.requests().first().json().value(QStringLiteral("prompt")).toString(),
            QStringLiteral("a kite, watercolour"));
        QCOMPARE(ImageMetadata::read(png).recipe->extras.value(QStringLiteral("Backend")), QStringLiteral("openai"));
    }

    /// A prompt-list entry may name its engine: that frame goes there, the others to the local engine.
    void aPromptListEntrysBackendIsHonoured()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.setDefault(kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(24, 24) }));
        const QString list = m_dir.filePath(QStringLiteral("mixed.json"));
        QFile file(list);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"video_name": "mixed", "prompts": [{"timestamp": 0, "prompt": "a cloud frame", "backend": "openai"},
            {"timestamp": 1, "prompt": "a local frame"}]})");
        file.close();
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_BASE_URL"), fake.url("/v1").toString());
        const QString out = m_dir.filePath(QStringLiteral("batch-out"));
        const auto run = runCli({ QStringLiteral("batch"), list, QStringLiteral("--output-dir"), out,
                                    QStringLiteral("--steps"), QStringLiteral("2") },
            env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(fake.count(kOpenAiPath), 1);
        QCOMPARE(
            fake.requests().first().json().value(QStringLiteral("prompt")).toString(), QStringLiteral("a cloud frame"));
        const auto cloud = ImageMetadata::read(out + QStringLiteral("/mixed/frame_00000000.png")).recipe;
        const auto local = ImageMetadata::read(out + QStringLiteral("/mixed/frame_00001000.png")).recipe;
        QVERIFY(cloud && local);
        QCOMPARE(cloud->extras.value(QStringLiteral("Backend")), QStringLiteral("openai"));
        QVERIFY(!local->extras.contains(QStringLiteral("Backend")));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"([{"timestamp": 0, "prompt": "x", "backend": "dall-e"}])");
        file.close();
        const auto bad = runCli({ QStringLiteral("batch"), list, QStringLiteral("--output-dir"), out }, env);
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains(QStringLiteral("mixed.json"))
                && bad.err.contains(QStringLiteral("'backend' must be one of")),
            qPrintable(bad.err));
        QCOMPARE(bad.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void noKeyIsOneClearLine()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        const auto run = runCli(
            { QStringLiteral("generate"), QStringLiteral("--backend"), QStringLiteral("openai"),
                QStringLiteral("--backend-url"), fake.url("/v1").toString(), QStringLiteral("--prompt"),
                QStringLiteral("a kite"), QStringLiteral("--output"), m_dir.filePath(QStringLiteral("nokey.png")) },
            environment(false));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("OPENAI_API_KEY")), qPrintable(run.err));
        QCOMPARE(fake.count(), 0);
    }

    void badFlagsAreUsageErrors()
    {
        const QStringList base { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("x") };
        QCOMPARE(
            runCli(base + QStringList { QStringLiteral("--backend"), QStringLiteral("dalle") }, environment()).exitCode,
            2);
        QCOMPARE(runCli(base
                         + QStringList { QStringLiteral("--backend"), QStringLiteral("openai"),
                             QStringLiteral("--fallback"), QStringLiteral("local,stability") },
                     environment())
                     .exitCode,
            2);
        QCOMPARE(runCli(base
                         + QStringList { QStringLiteral("--backend"), QStringLiteral("openai"),
                             QStringLiteral("--budget"), QStringLiteral("-1") },
                     environment())
                     .exitCode,
            2);
        QCOMPARE(runCli(base
                         + QStringList { QStringLiteral("--backend"), QStringLiteral("openai"),
                             QStringLiteral("--backend-url"), QStringLiteral("ftp://x") },
                     environment())
                     .exitCode,
            2);
    }
};

QTEST_GUILESS_MAIN(TestCliCloud)
#include "tst_cli_cloud.moc"
