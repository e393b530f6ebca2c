// SPDX-License-Identifier: MIT
// The other engines in the window, driven by objectName against loopback fakes of OpenAI Images and Stability
// AI (support/cloudfakes.h): the backend picker greys what the engine ignores and shows the cost before it runs;
// Generate queues a remote job that reaches the fake and lands in the gallery; the cost totals update; the
// budget stops the next cloud job in one line; Cancel stops the selected running job, else every running one;
// the settings page saves URLs to the settings file and the key only through the keychain seam, and tests the
// connection.

#include "mainwindow/mainwindow.h"

#include "backends/cloudsettings.h"
#include "backends/costledger.h"
#include "dialogs/backendsettingspage.h"
#include "dialogs/settingsdialog.h"
#include "gallery/gallerypanel.h"
#include "gallery/imagemetadata.h"
#include "generate/backendpicker.h"
#include "generate/recipepanel.h"
#include "queue/queuepanel.h"
#include "settings/paths.h"
#include "settings/settings.h"
#include "support/cloudfakes.h"
#include "support/widgettest.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTabBar>
#include <QtTest>

using namespace easel;
using easel::test::child;
using easel::test::FakeCloud;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 60000;
const QByteArray kOpenAiPath = "/v1/images/generations";
const QByteArray kModelsPath = "/v1/models";
const QByteArray kCorePath = "/v2beta/stable-image/generate/core";
const QString kKey = QStringLiteral("sk-window-test-key-0123456789abcdef");

void choose(QComboBox* combo, const QString& data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

struct Finished {
    QHash<quint64, JobResult> results;
    QHash<quint64, QStringList> saved;
    QObject context;
    explicit Finished(JobQueue& queue)
    {
        QObject::connect(&queue, &JobQueue::jobFinished, &context,
            [this](quint64 id, const JobResult& result) { results.insert(id, result); });
        QObject::connect(&queue, &JobQueue::imageSaved, &context,
            [this](quint64 id, const SavedImage& image) { saved[id].append(image.path); });
    }
};

} // namespace

class TestBackendsUi : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> makeWindow(const QString& outDir)
    {
        auto window = std::make_unique<MainWindow>();
        window->settings().setOutputDir(outDir);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("EASEL_KEYCHAIN", "off"); // never the real keychain: keys come from the environment here
        qputenv("OPENAI_API_KEY", kKey.toUtf8());
        qputenv("STABILITY_API_KEY", (kKey + QStringLiteral("-stability")).toUtf8());
        qunsetenv("OPENAI_BASE_URL");
    }

    void pickingABackendRunsARemoteJobIntoTheGallery()
    {
        FakeCloud fake({ kOpenAiPath });
        QVERIFY(fake.listen());
        fake.setDefault(
            kOpenAiPath, FakeCloud::openAiImages({ easel::test::pngBytes(32, 32) }, QStringLiteral("a kite, red")));
        {
            CloudSettings settings;
            settings.setBaseUrl(QStringLiteral("openai"), fake.url("/v1"));
            settings.setBudgetUsd(0);
            settings.sync();
        }
        const QString out = m_dir.filePath(QStringLiteral("remote"));
        auto window = makeWindow(out);
        QVERIFY(window);
        auto* costTotals = child<QLabel>(*window, "costTotalsLabel");
        QVERIFY(costTotals);
        QVERIFY(costTotals->isHidden()); // nothing spent yet
        auto* negative = child<QPlainTextEdit>(*window, "negativePromptEdit");
        QVERIFY(negative->isEnabled());

        choose(child<QComboBox>(*window, "backendCombo"), QStringLiteral("openai"));
        QVERIFY(!negative->isEnabled()); // OpenAI Images takes no negative prompt
        QVERIFY(!child<QWidget>(*window, "stepsSpin")->isEnabled());
        QVERIFY(child<QLabel>(*window, "backendCapabilitiesLabel")->text().contains(QStringLiteral("negative prompt")));
        QTest::keyClicks(child<QPlainTextEdit>(*window, "promptEdit"), QStringLiteral("a red kite"));
        BackendPicker* picker = window->recipePanel()->backendPicker();
        const QString estimate = child<QLabel>(*window, "costEstimateLabel")->text();
        QVERIFY2(estimate.contains(QStringLiteral("per image")) && estimate.contains(QStringLiteral("$0.")),
            qPrintable(estimate));
        QCOMPARE(picker->estimateText(), estimate);
        QCOMPARE(CloudSettings().backend(), QStringLiteral("openai")); // the choice is kept for the next start

        Finished finished(window->queue());
        const quint64 id = window->generate();
        QVERIFY(id != 0);
        QCOMPARE(window->queue().job(id)->kind(), QStringLiteral("remote"));
        QTRY_VERIFY_WITH_TIMEOUT(finished.results.contains(id), kJobTimeoutMs);
        QVERIFY2(
            finished.results.value(id).state == JobState::Completed, qPrintable(finished.results.value(id).message));
        QCOMPARE(fake.count(kOpenAiPath), 1);
        QCOMPARE(fake.requests().first().header("authorization"), "Bearer " + kKey.toUtf8());
        const QString png = finished.saved.value(id).value(0);
        QVERIFY(png.startsWith(out));
        const ImageMetadata meta = ImageMetadata::read(png);
        QVERIFY(meta.recipe.has_value());
        QCOMPARE(meta.recipe->extras.value(QStringLiteral("Backend")), QStringLiteral("openai"));
        QCOMPARE(meta.recipe->extras.value(QStringLiteral("Revised prompt")), QStringLiteral("a kite, red"));
        auto* gallery = window->findChild<GalleryPanel*>(QStringLiteral("galleryPanel"));
        QTRY_VERIFY_WITH_TIMEOUT(gallery->setCurrentPath(png), 20000);

        // The totals: this session's and this month's estimates, after the job.
        QTRY_VERIFY(!costTotals->isHidden());
        const CostLedger ledger;
        QVERIFY(ledger.session().usd > 0);
        QCOMPARE(costTotals->text(),
            QStringLiteral("Cloud: $%1 this session, $%2 this month")
                .arg(ledger.session().usd, 0, 'f', 3)
                .arg(ledger.month().usd, 0, 'f', 3));

        // A budget already spent stops the next cloud job before anything is sent, in one line.
        {
            CloudSettings settings;
            settings.setBudgetUsd(ledger.month().usd + 0.001);
            settings.sync();
        }
        QCOMPARE(window->generate(), quint64(0));
        auto* message = child<QLabel>(*window, "messageText");
        QVERIFY(message->text().contains(QStringLiteral("budget")));
        QVERIFY(!message->text().contains(QLatin1Char('\n')));
        QCOMPARE(fake.count(kOpenAiPath), 1);
        {
            CloudSettings settings;
            settings.setBudgetUsd(0);
            settings.setBackend(QStringLiteral("local"));
            settings.sync();
        }
    }

    /// Two remote jobs run at once (each engine its lane): Cancel stops the one selected in the queue, then,
    /// with nothing selected, every running one.
    void cancelStopsTheSelectedJob()
    {
        FakeCloud fake({ kOpenAiPath, kCorePath });
        QVERIFY(fake.listen());
        FakeCloud::Reply never;
        never.never = true;
        fake.setDefault(kOpenAiPath, never);
        fake.setDefault(kCorePath, never);
        {
            CloudSettings settings;
            settings.setBaseUrl(QStringLiteral("openai"), fake.url("/v1"));
            settings.setBaseUrl(QStringLiteral("stability"), fake.url());
            settings.sync();
        }
        auto window = makeWindow(m_dir.filePath(QStringLiteral("cancel")));
        QVERIFY(window);
        QTest::keyClicks(child<QPlainTextEdit>(*window, "promptEdit"), QStringLiteral("a held kite"));
        auto* combo = child<QComboBox>(*window, "backendCombo");
        Finished finished(window->queue());
        choose(combo, QStringLiteral("openai"));
        const quint64 openAi = window->generate();
        choose(combo, QStringLiteral("stability"));
        const quint64 stability = window->generate();
        QVERIFY(openAi && stability);
        QTRY_COMPARE_WITH_TIMEOUT(fake.arrived(), 2, kJobTimeoutMs); // both requests are in flight
        QCOMPARE(window->queue().runningJobs().size(), 2);

        auto* queuePanel = window->findChild<QueuePanel*>();
        queuePanel->selectJob(stability);
        child<QAction>(*window, "actionCancel")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished.results.contains(stability), kJobTimeoutMs);
        QCOMPARE(finished.results.value(stability).state, JobState::Cancelled);
        QVERIFY(!finished.results.contains(openAi));
        QVERIFY(window->queue().runningJobs().contains(openAi));

        queuePanel->view()->clearSelection();
        child<QAction>(*window, "actionCancel")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished.results.contains(openAi), kJobTimeoutMs);
        QCOMPARE(finished.results.value(openAi).state, JobState::Cancelled);
        CloudSettings settings;
        settings.setBackend(QStringLiteral("local"));
        settings.sync();
    }

    void settingsPageSavesUrlsAndKeepsTheKeyOutOfTheFile()
    {
        FakeCloud fake({ kModelsPath });
        QVERIFY(fake.listen());
        FakeCloud::Reply models;
        models.body = R"({"object": "list", "data": []})";
        fake.enqueue(kModelsPath, models);
        FakeCloud::Reply refused = FakeCloud::openAiError(401, QStringLiteral("Incorrect API key"),
            QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"));
        fake.enqueue(kModelsPath, refused);

        const QString file = m_dir.filePath(QStringLiteral("settings-page.conf"));
        Settings settings(file);
        SettingsDialog dialog(settings);
        QList<QPair<QString, QString>> stored;
        dialog.backendsPage()->setKeyStore([&stored](const QString& id, const QString& key, QString*) {
            stored.append({ id, key });
            return true;
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // The other engines have a page of their own, behind the General one.
        auto* pages = child<QTabWidget>(dialog, "settingsPages");
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("generalSettingsPage"));
        QVERIFY(!child<QComboBox>(dialog, "backendSettingsCombo")->isVisible());
        QTest::mouseClick(pages->tabBar(), Qt::LeftButton, {}, pages->tabBar()->tabRect(1).center());
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("enginesSettingsPage"));
        QVERIFY(child<QComboBox>(dialog, "backendSettingsCombo")->isVisible());
        choose(child<QComboBox>(dialog, "backendSettingsCombo"), QStringLiteral("openai"));
        // The key in the environment is named, never shown.
        QVERIFY(child<QLabel>(dialog, "openaiKeySource")->text().contains(QStringLiteral("OPENAI_API_KEY")));
        QVERIFY(child<QLineEdit>(dialog, "openaiKeyEdit")->text().isEmpty());
        QCOMPARE(child<QLineEdit>(dialog, "openaiKeyEdit")->echoMode(), QLineEdit::Password);

        typeInto(child<QLineEdit>(dialog, "openaiUrlEdit"), fake.url("/v1").toString());
        const QString typedKey = QStringLiteral("sk-typed-in-the-dialog-0123456789");
        typeInto(child<QLineEdit>(dialog, "openaiKeyEdit"), typedKey);
        QTest::mouseClick(child<QPushButton>(dialog, "openaiTestButton"), Qt::LeftButton);
        auto* result = child<QLabel>(dialog, "openaiTestResult");
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("Connected")), 20000);
        QCOMPARE(fake.requests().first().header("authorization"), "Bearer " + typedKey.toUtf8());
        QTest::mouseClick(child<QPushButton>(dialog, "openaiTestButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("Refused")), 20000);
        QVERIFY(!result->text().contains(typedKey));

        choose(child<QComboBox>(dialog, "backendSettingsCombo"), QStringLiteral("comfyui"));
        auto* servers = child<QPlainTextEdit>(dialog, "comfyuiServersEdit");
        servers->setPlainText(QStringLiteral("http://gpu-a:8188\nhttp://gpu-b:8188"));
        child<QDoubleSpinBox>(dialog, "budgetSpin")->setValue(12.5);

        // A bad URL keeps the dialog open with one line naming it, and saves nothing; OK pressed on the General page
        // brings the page with the line forward.
        choose(child<QComboBox>(dialog, "backendSettingsCombo"), QStringLiteral("stability"));
        typeInto(child<QLineEdit>(dialog, "stabilityUrlEdit"), QStringLiteral("ftp://nowhere"));
        QTest::mouseClick(pages->tabBar(), Qt::LeftButton, {}, pages->tabBar()->tabRect(0).center());
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("generalSettingsPage"));
        QTest::mouseClick(
            child<QDialogButtonBox>(dialog, "settingsButtons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("enginesSettingsPage"));
        QVERIFY(child<QLabel>(dialog, "backendSettingsError")->isVisible());
        const QString error = child<QLabel>(dialog, "backendSettingsError")->text();
        QVERIFY2(
            error.contains(QStringLiteral("ftp://nowhere")) && !error.contains(QLatin1Char('\n')), qPrintable(error));
        QVERIFY(stored.isEmpty());

        auto* stabilityUrl = child<QLineEdit>(dialog, "stabilityUrlEdit");
        stabilityUrl->setFocus();
        QTest::keyClick(stabilityUrl, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(stabilityUrl, Qt::Key_Backspace);
        QVERIFY(stabilityUrl->text().isEmpty());
        QTest::mouseClick(
            child<QDialogButtonBox>(dialog, "settingsButtons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(stored, (QList<QPair<QString, QString>> { { QStringLiteral("openai"), typedKey } }));
        const CloudSettings saved(file);
        QCOMPARE(saved.baseUrl(QStringLiteral("openai")), fake.url("/v1"));
        QCOMPARE(saved.baseUrl(QStringLiteral("comfyui")), QUrl(QStringLiteral("http://gpu-a:8188")));
        QCOMPARE(saved.comfyServers(), QList<QUrl> { QUrl(QStringLiteral("http://gpu-b:8188")) });
        QCOMPARE(saved.budgetUsd(), 12.5);
        settings.sync();
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QVERIFY(bytes.contains("gpu-b"));
        QVERIFY(!bytes.contains(typedKey.toUtf8()));
        QVERIFY(!bytes.contains(kKey.toUtf8()));

        // Two ComfyUI servers: the picker offers each by itself beside the least busy one, and keeps the choice.
        BackendPicker picker;
        picker.setSettingsFile(file);
        auto* combo = child<QComboBox>(picker, "backendCombo");
        QVERIFY(combo->findData(QStringLiteral("comfyui")) >= 0);
        QVERIFY(combo->findData(QStringLiteral("comfyui@gpu-a:8188")) >= 0);
        choose(combo, QStringLiteral("comfyui@gpu-b:8188"));
        QCOMPARE(picker.backend(), QStringLiteral("comfyui@gpu-b:8188"));
        QVERIFY(picker.isRemote());
        QCOMPARE(picker.remoteOptions().backend, QStringLiteral("comfyui@gpu-b:8188"));
        QCOMPARE(CloudSettings(file).baseUrl(picker.backend()), QUrl(QStringLiteral("http://gpu-b:8188")));
        BackendPicker again;
        again.setSettingsFile(file);
        QCOMPARE(again.backend(), QStringLiteral("comfyui@gpu-b:8188"));
        // one server again: the per-server entries go
        CloudSettings one(file);
        one.setComfyServers({});
        one.sync();
        again.setSettingsFile(file);
        QCOMPARE(child<QComboBox>(again, "backendCombo")->findData(QStringLiteral("comfyui@gpu-a:8188")), -1);
    }
};

QTEST_MAIN(TestBackendsUi)
#include "tst_backendsui.moc"
