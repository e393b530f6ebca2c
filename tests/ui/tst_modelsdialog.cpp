// SPDX-License-Identifier: MIT
// The Models dialog, driven through its widgets: the list (demo, the user's, the models folder's), the
// description read off the GUI thread, adding and removing, "Use this model", and the Downloads tab
// against a loopback HTTP server (download, cancel, resume, discard).

#include "backends/modeldownloader.h"
#include "jobs/resources.h"
#include "models/downloadspanel.h"
#include "models/modelsdialog.h"
#include "settings/settings.h"
#include "support/httpserver.h"
#include "support/safetensorsbytes.h"
#include "support/testdata.h"

#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using easel::CatalogueEntry;
using easel::DownloadsPanel;
using easel::ModelDownloader;
using easel::ModelsDialog;
using easel::Settings;
using easel::test::HttpServer;

namespace {

constexpr int kWaitMs = 20000; // an upper bound for a loaded machine, not a speed requirement

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QLatin1String(name));
    if (!widget)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return widget;
}

QString tinyModel(const char* model, const char* layout)
{
    return QString::fromStdString(easel::test::tinyModelPath(model, layout));
}

QStringList itemTexts(QListWidget* list)
{
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts << list->item(i)->text();
    return texts;
}

void click(QWidget& parent, const char* button)
{
    QPushButton* b = child<QPushButton>(parent, button);
    QVERIFY(b);
    QVERIFY2(b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void saveScreenshot(QWidget& widget, const QString& name)
{
    const QString shots = qEnvironmentVariable("EASEL_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        widget.grab().save(QDir(shots).filePath(name));
}

/// A folder of models with its own settings file.
struct Fixture {
    QTemporaryDir dir;
    Settings settings { dir.filePath(QStringLiteral("Easel.conf")) };
    QString modelsDir = dir.filePath(QStringLiteral("models"));

    Fixture() { settings.setModelsDir(modelsDir); }
};

} // namespace

/// Stands in for the desktop's file manager (QDesktopServices::setUrlHandler).
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl& url) { urls << url; }
};

class TestModelsDialog : public QObject {
    Q_OBJECT

private:
    HttpServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.listen());
    }

    void testLists()
    {
        Fixture f;
        // The models folder: a single file one level down, a diffusers folder, a partial download (not listed).
        QVERIFY(QDir().mkpath(f.modelsDir + QStringLiteral("/sd15")));
        QVERIFY(QFile::copy(
            tinyModel("tiny-sd15", "single-file"), f.modelsDir + QStringLiteral("/sd15/tiny-sd15.safetensors")));
        QVERIFY(QFile(f.modelsDir + QStringLiteral("/.big.safetensors.part")).open(QIODevice::WriteOnly));
        const QString xl = tinyModel("tiny-sdxl", "single-file");
        const QString missing = f.dir.filePath(QStringLiteral("gone.safetensors"));
        f.settings.setModels({ xl, missing });

        ModelsDialog dialog(f.settings);
        QCOMPARE(dialog.objectName(), QStringLiteral("modelsDialog"));
        QListWidget* list = child<QListWidget>(dialog, "modelsList");
        QCOMPARE(itemTexts(list),
            QStringList({ QStringLiteral("Bundled"), QStringLiteral("Demo model (random weights: abstract noise)"),
                QStringLiteral("Your models"), QStringLiteral("tiny-sdxl"), QStringLiteral("gone (missing)"),
                QStringLiteral("In the models folder"), QStringLiteral("sd15/tiny-sd15") }));
        QCOMPARE(dialog.listedModels(),
            QStringList(
                { easel::demoModelPath(), xl, missing, f.modelsDir + QStringLiteral("/sd15/tiny-sd15.safetensors") }));
        QVERIFY(child<QLabel>(dialog, "modelsFolderLabel")->text().contains(QDir::toNativeSeparators(f.modelsDir)));
        // Headers cannot be selected; with no current model, the demo model is selected.
        QCOMPARE(list->item(0)->flags(), Qt::NoItemFlags);
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(QString()));

        // An added model that is also in the folder is listed once, as the user's.
        f.settings.setModels({ f.modelsDir + QStringLiteral("/sd15/tiny-sd15.safetensors") });
        dialog.refresh();
        QCOMPARE(itemTexts(list),
            QStringList({ QStringLiteral("Bundled"), QStringLiteral("Demo model (random weights: abstract noise)"),
                QStringLiteral("Your models"), QStringLiteral("tiny-sd15") }));
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(QString())); // kept across the refresh
    }

    void testDescribes()
    {
        Fixture f;
        const QString xl = tinyModel("tiny-sdxl", "diffusers");
        QTemporaryDir junk;
        const QString bad = junk.filePath(QStringLiteral("notes.safetensors"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a model");
        }
        f.settings.setModels({ xl, bad });
        f.settings.setCurrentModel(xl);
        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTextBrowser* details = child<QTextBrowser>(dialog, "modelDetails");
        QPushButton* use = child<QPushButton>(dialog, "useModelButton");
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(xl)); // the current model is selected

        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("SDXL base")), kWaitMs);
        const QString text = details->toPlainText();
        for (const char* expected : { "diffusers folder", "epsilon", "Size on disk", "Memory to run",
                 "for the weights in", "CreativeML OpenRAIL++-M", "text_encoder_2", "F16" })
            QVERIFY2(text.contains(QLatin1String(expected)), expected);
        QVERIFY(details->toHtml().contains(QStringLiteral("https://github.com/Stability-AI/generative-models")));
        QVERIFY(use->isEnabled());
        QVERIFY(child<QPushButton>(dialog, "removeModelButton")->isEnabled());
        saveScreenshot(dialog, QStringLiteral("modelsdialog.png"));

        // The demo model, said honestly.
        QVERIFY(dialog.selectModel(QString()));
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("SD 1.x")), kWaitMs);
        QVERIFY(details->toPlainText().contains(QStringLiteral("abstract noise")));
        QVERIFY(details->toPlainText().contains(QStringLiteral("MIT")));
        QVERIFY(use->isEnabled());
        QVERIFY(!child<QPushButton>(dialog, "removeModelButton")->isEnabled()); // bundled: not removable
        saveScreenshot(dialog, QStringLiteral("modelsdialog-demo.png"));

        // A file that is not a model: one line naming it, and it cannot be used.
        QVERIFY(dialog.selectModel(bad));
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("cannot use")), kWaitMs);
        QVERIFY2(details->toPlainText().contains(bad), qPrintable(details->toPlainText()));
        QVERIFY(!use->isEnabled());
        saveScreenshot(dialog, QStringLiteral("modelsdialog-error.png"));

        // Back to one already read: shown from what was read.
        QVERIFY(dialog.selectModel(xl));
        QVERIFY(details->toPlainText().contains(QStringLiteral("SDXL base")));
        QVERIFY(use->isEnabled());
    }

    void testAddAndRemove()
    {
        Fixture f;
        ModelsDialog dialog(f.settings);
        QString answer;
        QStringList asked;
        dialog.setPathChooser([&](QWidget*, const QString& title, const QString& start, bool folder) {
            asked << QStringLiteral("%1|%2|%3")
                         .arg(title, start, folder ? QStringLiteral("folder") : QStringLiteral("file"));
            return answer;
        });

        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        answer = tinyModel("tiny-sd15", "single-file");
        click(dialog, "addModelFileButton");
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.last(), QStringLiteral("Add a model file|%1|file").arg(f.modelsDir));
        QCOMPARE(f.settings.models(), QStringList { answer });
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(answer));

        answer = tinyModel("tiny-sdxl", "diffusers");
        click(dialog, "addModelFolderButton");
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked.last().endsWith(QStringLiteral("|folder")));
        QCOMPARE(f.settings.models(), QStringList({ answer, tinyModel("tiny-sd15", "single-file") }));
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(answer));

        // A folder that is not a diffusers model is refused, with the reason.
        answer = f.dir.path();
        click(dialog, "addModelFolderButton");
        QCOMPARE(f.settings.models().size(), 2);
        QVERIFY(
            child<QTextBrowser>(dialog, "modelDetails")->toPlainText().contains(QStringLiteral("model_index.json")));

        // Cancelled: nothing changes.
        answer.clear();
        click(dialog, "addModelFileButton");
        QCOMPARE(f.settings.models().size(), 2);

        // Remove the selected one from the list (its files stay).
        QVERIFY(dialog.selectModel(tinyModel("tiny-sdxl", "diffusers")));
        click(dialog, "removeModelButton");
        QCOMPARE(f.settings.models(), QStringList { tinyModel("tiny-sd15", "single-file") });
        QVERIFY(QFileInfo::exists(tinyModel("tiny-sdxl", "diffusers")));
        QVERIFY(!dialog.listedModels().contains(tinyModel("tiny-sdxl", "diffusers")));
    }

    void testUseModel()
    {
        Fixture f;
        const QString sd15 = tinyModel("tiny-sd15", "diffusers");
        f.settings.setModels({ sd15 });
        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy chosen(&dialog, &ModelsDialog::modelChosen);
        QVERIFY(dialog.selectModel(sd15));
        QPushButton* use = child<QPushButton>(dialog, "useModelButton");
        QTRY_VERIFY_WITH_TIMEOUT(use->isEnabled(), kWaitMs); // once the model is known to be usable
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toString(), sd15);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // The demo model: empty, as Settings::currentModel() names it.
        dialog.show();
        QVERIFY(dialog.selectModel(QString()));
        QTRY_VERIFY_WITH_TIMEOUT(use->isEnabled(), kWaitMs);
        QListWidget* list = child<QListWidget>(dialog, "modelsList");
        const QPoint demo = list->visualItemRect(list->currentItem()).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, demo); // a double click is a press, then this
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, demo);
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(chosen.last().at(0).toString(), QString());
    }

    void testOpenModelsFolder()
    {
        Fixture f;
        UrlCatcher opener;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &opener, "open");
        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!QFileInfo::exists(f.modelsDir));
        click(dialog, "openModelsFolderButton");
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(opener.urls, QList<QUrl> { QUrl::fromLocalFile(f.modelsDir) });
        QVERIFY(QFileInfo(f.modelsDir).isDir()); // made, so there is something to open
    }

    // The Downloads tab: a download that stalls is cancelled (what arrived is kept), resumed from there
    // once the server answers again, checked, and appears in the models list and the user's list.
    void testDownloadCancelResume()
    {
        Fixture f;
        const QString source = tinyModel("tiny-sd15", "single-file");
        const QByteArray bytes = readAll(source);
        QVERIFY(bytes.size() > 1000000);
        CatalogueEntry entry;
        entry.id = QStringLiteral("tiny");
        entry.name = QStringLiteral("Tiny SD 1.5");
        entry.description = QStringLiteral("Random weights for tests");
        entry.repository = QStringLiteral("test/tiny");
        entry.file = QStringLiteral("tiny-sd15.safetensors");
        entry.fileName = QStringLiteral("tiny-sd15.safetensors");
        entry.requiredTensors = { QStringLiteral("model.diffusion_model.input_blocks.0.0.weight") };
        entry.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        entry.size = bytes.size();
        entry.sidecar = readAll(QFileInfo(source).path() + QStringLiteral("/tiny-sd15.json"));
        entry.licence = QStringLiteral("MIT");
        entry.licenceUrl = QStringLiteral("https://example.org/licence");
        const QByteArray route = "/test/tiny/resolve/main/tiny-sd15.safetensors";
        m_server.route(route, { HttpServer::Kind::Stall, bytes, {} });

        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DownloadsPanel* downloads = dialog.downloads();
        downloads->setCatalogue({ entry });
        downloads->downloader().setHubUrl(m_server.url());
        child<QTabWidget>(dialog, "modelsTabs")->setCurrentWidget(downloads);
        QTreeWidget* list = child<QTreeWidget>(dialog, "downloadsList");
        QPushButton* download = child<QPushButton>(dialog, "downloadButton");
        QLabel* status = child<QLabel>(dialog, "downloadStatus");
        const QString target = f.modelsDir + QStringLiteral("/tiny-sd15.safetensors");
        QCOMPARE(downloads->destination(entry), target);
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("Not downloaded"));
        QVERIFY(child<QLabel>(dialog, "downloadInfo")->text().contains(QStringLiteral("https://example.org/licence")));
        QCOMPARE(download->text(), QStringLiteral("Download"));
        QVERIFY(!child<QPushButton>(dialog, "cancelDownloadButton")->isEnabled());

        QSignalSpy progress(&downloads->downloader(), &ModelDownloader::progress);
        click(dialog, "downloadButton");
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), kWaitMs);
        QVERIFY(!download->isEnabled()); // one download at a time
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("Downloading"));
        saveScreenshot(dialog, QStringLiteral("modelsdialog-downloading.png"));
        click(dialog, "cancelDownloadButton");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Resume continues from there")), kWaitMs);
        QVERIFY2(status->text().contains(QStringLiteral("download cancelled")), qPrintable(status->text()));
        QVERIFY(ModelDownloader::partialSize(target) > 0);
        QCOMPARE(download->text(), QStringLiteral("Resume"));
        QVERIFY(list->topLevelItem(0)->text(3).startsWith(QStringLiteral("Paused at")));
        QVERIFY(child<QPushButton>(dialog, "discardDownloadButton")->isEnabled());
        QVERIFY(!QFileInfo::exists(target));

        const qint64 kept = ModelDownloader::partialSize(target);
        m_server.route(route, { HttpServer::Kind::File, bytes, {} });
        QSignalSpy downloaded(downloads, &DownloadsPanel::downloaded);
        click(dialog, "downloadButton");
        QTRY_VERIFY_WITH_TIMEOUT(downloaded.size() == 1, kWaitMs);
        QCOMPARE(m_server.lastRange(route), "bytes=" + QByteArray::number(kept) + '-');
        QCOMPARE(downloads->downloader().resumedFrom(), kept);
        QCOMPARE(downloaded.first().at(0).toString(), target);
        QCOMPARE(readAll(target), bytes);
        QVERIFY(status->text().startsWith(QStringLiteral("Saved")));
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("Downloaded"));
        QCOMPARE(download->text(), QStringLiteral("Downloaded"));
        QVERIFY(!download->isEnabled());
        QCOMPARE(child<QProgressBar>(dialog, "downloadProgress")->value(), 1000);

        // It is in the list, selected, and described with its sidecar (the tiny sizes need it).
        QCOMPARE(f.settings.models(), QStringList { target });
        QVERIFY(dialog.listedModels().contains(target));
        QCOMPARE(dialog.selectedModel(), std::optional<QString>(target));
        child<QTabWidget>(dialog, "modelsTabs")->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QTextBrowser>(dialog, "modelDetails")->toPlainText().contains(QStringLiteral("sidecar")), kWaitMs);
    }

    void testDiscardPartial()
    {
        Fixture f;
        CatalogueEntry entry = *ModelDownloader::catalogueEntry(QStringLiteral("sd15"));
        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DownloadsPanel* downloads = dialog.downloads();
        child<QTabWidget>(dialog, "modelsTabs")->setCurrentWidget(downloads);
        QCOMPARE(downloads->catalogue().size(), ModelDownloader::catalogue().size());
        const QString target = downloads->destination(entry);
        QCOMPARE(target, f.modelsDir + QStringLiteral("/v1-5-pruned-emaonly.safetensors"));
        QVERIFY(QDir().mkpath(f.modelsDir));
        {
            QFile partial(ModelDownloader::partialPath(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(QByteArray(4096, 'x'));
        }
        downloads->setCatalogue(ModelDownloader::catalogue()); // re-reads the states
        downloads->selectEntry(QStringLiteral("sd15"));
        QTreeWidget* list = child<QTreeWidget>(dialog, "downloadsList");
        QVERIFY(list->currentItem()->text(3).startsWith(QStringLiteral("Paused at")));
        QCOMPARE(child<QPushButton>(dialog, "downloadButton")->text(), QStringLiteral("Resume"));
        QVERIFY(child<QLabel>(dialog, "downloadInfo")->text().contains(QStringLiteral("CreativeML OpenRAIL-M")));
        click(dialog, "discardDownloadButton");
        QCOMPARE(ModelDownloader::partialSize(target), qint64(0));
        QCOMPARE(list->currentItem()->text(3), QStringLiteral("Not downloaded"));
        QCOMPARE(child<QPushButton>(dialog, "downloadButton")->text(), QStringLiteral("Download"));
        QVERIFY(!child<QPushButton>(dialog, "discardDownloadButton")->isEnabled());

        // Preview decoders go where generation looks for them, whatever the models folder.
        const CatalogueEntry taesd = *ModelDownloader::catalogueEntry(QStringLiteral("taesd"));
        QCOMPARE(downloads->destination(taesd), ModelDownloader::cachedPath(taesd));
        downloads->selectEntry(QStringLiteral("taesd"));
        QVERIFY(child<QLabel>(dialog, "downloadInfo")->text().contains(QStringLiteral("Preview decoder")));
        downloads->selectEntry(QStringLiteral("sdxl"));
        saveScreenshot(dialog, QStringLiteral("modelsdialog-downloads.png"));
    }

    // A preview decoder downloaded from the Downloads tab is not a model: it does not join the list.
    void testDownloadPreviewDecoder()
    {
        Fixture f;
        using easel::test::RawTensor;
        const QByteArray taesd = easel::test::makeSafetensors(
            { { QStringLiteral("encoder.layers.0.weight"), QStringLiteral("F32"), { 1 }, QByteArray(4, '\0') },
                { QStringLiteral("decoder.layers.0.weight"), QStringLiteral("F32"), { 1 }, QByteArray(4, '\0') } });
        m_server.route("/madebyollin/taesd/resolve/main/diffusion_pytorch_model.safetensors",
            { HttpServer::Kind::File, taesd, {} });
        ModelsDialog dialog(f.settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        DownloadsPanel* downloads = dialog.downloads();
        child<QTabWidget>(dialog, "modelsTabs")->setCurrentWidget(downloads);
        downloads->downloader().setHubUrl(m_server.url());
        downloads->selectEntry(QStringLiteral("taesd"));
        const QStringList before = dialog.listedModels();
        QSignalSpy downloaded(downloads, &DownloadsPanel::downloaded);
        click(dialog, "downloadButton");
        QTRY_VERIFY_WITH_TIMEOUT(downloaded.size() == 1, kWaitMs);
        const CatalogueEntry entry = *ModelDownloader::catalogueEntry(QStringLiteral("taesd"));
        QCOMPARE(readAll(ModelDownloader::cachedPath(entry)), taesd);
        QCOMPARE(dialog.listedModels(), before);
        QVERIFY(f.settings.models().isEmpty());
        QFile::remove(ModelDownloader::cachedPath(entry));
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_modelsdialog.moc"
