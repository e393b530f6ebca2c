// SPDX-License-Identifier: MIT
// The settings dialog, driven through its widgets: it shows the Settings, OK writes only what changed,
// Cancel writes nothing, Browse buttons fill the paths.

#include "dialogs/settingsdialog.h"
#include "jobs/modelservice.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using easel::Device;
using easel::Precision;
using easel::PreviewMode;
using easel::Settings;
using easel::SettingsDialog;
using easel::Theme;

namespace {

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QLatin1String(name));
    if (!widget)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return widget;
}

void chooseData(QComboBox* combo, const QString& data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

/// Types into a line edit as a person would: select everything, then type.
void retype(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QStringList keys(const QSignalSpy& spy)
{
    QStringList names;
    for (const QList<QVariant>& args : spy)
        names << args.at(0).toString();
    names.sort();
    return names;
}

} // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testShowsSettings()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        settings.setModelsDir(dir.filePath(QStringLiteral("models")));
        settings.setOutputDir(dir.filePath(QStringLiteral("images")));
        settings.setDevice(Device::Cpu);
        settings.setThreads(3);
        settings.setPrecision(Precision::Bf16);
        settings.setPreviewMode(PreviewMode::Taesd);
        settings.setPreviewInterval(4);
        settings.setTaesdPath(dir.filePath(QStringLiteral("taesd.safetensors")));
        settings.setTheme(Theme::Dark);

        SettingsDialog dialog(settings);
        QCOMPARE(dialog.objectName(), QStringLiteral("settingsDialog"));
        QCOMPARE(child<QLineEdit>(dialog, "modelsDirEdit")->text(),
            QDir::toNativeSeparators(dir.filePath(QStringLiteral("models"))));
        QCOMPARE(child<QLineEdit>(dialog, "outputDirEdit")->text(),
            QDir::toNativeSeparators(dir.filePath(QStringLiteral("images"))));
        QCOMPARE(child<QComboBox>(dialog, "deviceCombo")->currentData().toString(), QStringLiteral("cpu"));
        QCOMPARE(child<QSpinBox>(dialog, "threadsSpin")->value(), 3);
        QCOMPARE(child<QComboBox>(dialog, "precisionCombo")->currentData().toString(), QStringLiteral("bf16"));
        QCOMPARE(child<QComboBox>(dialog, "previewModeCombo")->currentData().toString(), QStringLiteral("taesd"));
        QCOMPARE(child<QSpinBox>(dialog, "previewIntervalSpin")->value(), 4);
        QCOMPARE(child<QLineEdit>(dialog, "taesdPathEdit")->text(),
            QDir::toNativeSeparators(dir.filePath(QStringLiteral("taesd.safetensors"))));
        QCOMPARE(child<QComboBox>(dialog, "themeCombo")->currentData().toString(), QStringLiteral("dark"));
        QVERIFY(child<QLineEdit>(dialog, "taesdPathEdit")->isEnabled());

        // The choices each combo offers, by their stored names.
        QCOMPARE(child<QComboBox>(dialog, "deviceCombo")->count(), 3);
        QCOMPARE(child<QComboBox>(dialog, "precisionCombo")->count(), 4);
        QCOMPARE(child<QComboBox>(dialog, "previewModeCombo")->count(), 3);
        QCOMPARE(child<QComboBox>(dialog, "themeCombo")->count(), 3);

        if (const QString shots = qEnvironmentVariable("EASEL_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(QDir(shots).filePath(QStringLiteral("settingsdialog.png")));
        }
    }

    void testDefaults()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        SettingsDialog dialog(settings);
        QCOMPARE(child<QLineEdit>(dialog, "modelsDirEdit")->text(),
            QDir::toNativeSeparators(easel::paths::defaultModelsDir()));
        QCOMPARE(child<QComboBox>(dialog, "deviceCombo")->currentData().toString(), QStringLiteral("auto"));
        QSpinBox* threads = child<QSpinBox>(dialog, "threadsSpin");
        QCOMPARE(threads->value(), 0);
        QVERIFY(threads->text().startsWith(QStringLiteral("One per core"))); // 0 = one per core
        QCOMPARE(child<QComboBox>(dialog, "previewModeCombo")->currentData().toString(), QStringLiteral("approx"));
        QVERIFY(!child<QLineEdit>(dialog, "taesdPathEdit")->isEnabled()); // only for TAESD previews
        QCOMPARE(child<QComboBox>(dialog, "themeCombo")->currentData().toString(), QStringLiteral("system"));

        // OK without a change writes nothing.
        QSignalSpy changed(&settings, &Settings::changed);
        QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(keys(changed), QStringList());
    }

    void testOkApplies()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        SettingsDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString models = dir.filePath(QStringLiteral("my models"));
        const QString images = dir.filePath(QStringLiteral("pictures"));
        const QString taesd = dir.filePath(QStringLiteral("decoders/taesd.safetensors"));
        retype(child<QLineEdit>(dialog, "modelsDirEdit"), QDir::toNativeSeparators(models));
        retype(child<QLineEdit>(dialog, "outputDirEdit"), QDir::toNativeSeparators(images));
        chooseData(child<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cpu"));
        child<QSpinBox>(dialog, "threadsSpin")->setValue(2);
        chooseData(child<QComboBox>(dialog, "precisionCombo"), QStringLiteral("fp32"));
        chooseData(child<QComboBox>(dialog, "previewModeCombo"), QStringLiteral("taesd"));
        child<QSpinBox>(dialog, "previewIntervalSpin")->setValue(5);
        QVERIFY(child<QLineEdit>(dialog, "taesdPathEdit")->isEnabled());
        retype(child<QLineEdit>(dialog, "taesdPathEdit"), QDir::toNativeSeparators(taesd));
        chooseData(child<QComboBox>(dialog, "themeCombo"), QStringLiteral("light"));
        // Nothing is written before OK.
        QCOMPARE(settings.device(), Device::Auto);

        QSignalSpy changed(&settings, &Settings::changed);
        QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QCOMPARE(settings.modelsDir(), models);
        QCOMPARE(settings.outputDir(), images);
        QCOMPARE(settings.device(), Device::Cpu);
        QCOMPARE(settings.threads(), 2);
        QCOMPARE(settings.precision(), Precision::Fp32);
        QCOMPARE(settings.previewMode(), PreviewMode::Taesd);
        QCOMPARE(settings.previewInterval(), 5);
        QCOMPARE(settings.taesdPath(), taesd);
        QCOMPARE(settings.theme(), Theme::Light);
        QCOMPARE(keys(changed),
            QStringList({ QStringLiteral("engine/device"), QStringLiteral("engine/precision"),
                QStringLiteral("engine/threads"), QStringLiteral("folders/models"), QStringLiteral("folders/output"),
                QStringLiteral("preview/interval"), QStringLiteral("preview/mode"), QStringLiteral("preview/taesd"),
                QStringLiteral("ui/theme") }));

        // Only what changed the second time.
        SettingsDialog again(settings);
        chooseData(child<QComboBox>(again, "themeCombo"), QStringLiteral("dark"));
        changed.clear();
        again.accept();
        QCOMPARE(keys(changed), QStringList { QStringLiteral("ui/theme") });
    }

    void testCancelChangesNothing()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        settings.setThreads(4);
        SettingsDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        retype(child<QLineEdit>(dialog, "modelsDirEdit"), dir.filePath(QStringLiteral("elsewhere")));
        chooseData(child<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cuda"));
        child<QSpinBox>(dialog, "threadsSpin")->setValue(0);
        chooseData(child<QComboBox>(dialog, "themeCombo"), QStringLiteral("dark"));
        QSignalSpy changed(&settings, &Settings::changed);
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(settings.modelsDir(), easel::paths::defaultModelsDir());
        QCOMPARE(settings.device(), Device::Auto);
        QCOMPARE(settings.threads(), 4);
        QCOMPARE(settings.theme(), Theme::System);
    }

    void testBrowse()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        SettingsDialog dialog(settings);
        QStringList asked;
        QString answer;
        dialog.setPathChooser([&](QWidget*, const QString& title, const QString& start, bool folder) {
            asked << QStringLiteral("%1|%2|%3")
                         .arg(title, start, folder ? QStringLiteral("folder") : QStringLiteral("file"));
            return answer;
        });
        answer = dir.filePath(QStringLiteral("chosen models"));
        QTest::mouseClick(child<QPushButton>(dialog, "modelsDirBrowseButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(dialog, "modelsDirEdit")->text(), QDir::toNativeSeparators(answer));
        QVERIFY(asked.last().endsWith(QStringLiteral("|folder")));
        QVERIFY(asked.last().contains(QDir::toNativeSeparators(easel::paths::defaultModelsDir())));

        answer = dir.filePath(QStringLiteral("out"));
        QTest::mouseClick(child<QPushButton>(dialog, "outputDirBrowseButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(dialog, "outputDirEdit")->text(), QDir::toNativeSeparators(answer));

        answer = dir.filePath(QStringLiteral("taesd.safetensors"));
        QTest::mouseClick(child<QPushButton>(dialog, "taesdBrowseButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(dialog, "taesdPathEdit")->text(), QDir::toNativeSeparators(answer));
        QVERIFY(asked.last().endsWith(QStringLiteral("|file")));

        // A cancelled choice keeps the text.
        answer.clear();
        QTest::mouseClick(child<QPushButton>(dialog, "outputDirBrowseButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(dialog, "outputDirEdit")->text(),
            QDir::toNativeSeparators(dir.filePath(QStringLiteral("out"))));
        QCOMPARE(asked.size(), 4);

        dialog.accept();
        QCOMPARE(settings.modelsDir(), dir.filePath(QStringLiteral("chosen models")));
        QCOMPARE(settings.taesdPath(), dir.filePath(QStringLiteral("taesd.safetensors")));
    }

    void testDependentWidgets()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("Easel.conf")));
        SettingsDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QComboBox* mode = child<QComboBox>(dialog, "previewModeCombo");
        chooseData(mode, QStringLiteral("none"));
        QVERIFY(!child<QSpinBox>(dialog, "previewIntervalSpin")->isEnabled());
        QVERIFY(!child<QLineEdit>(dialog, "taesdPathEdit")->isEnabled());
        chooseData(mode, QStringLiteral("approx"));
        QVERIFY(child<QSpinBox>(dialog, "previewIntervalSpin")->isEnabled());

        // CUDA on a build without it: said at once, not at the first Generate.
        chooseData(child<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cuda"));
        QLabel* note = child<QLabel>(dialog, "deviceNote");
        const QString problem = easel::ModelService::checkDevice(Device::Cuda);
        QCOMPARE(note->isVisible(), !problem.isEmpty());
        QCOMPARE(note->text(), problem);
        chooseData(child<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cpu"));
        QVERIFY(!note->isVisible());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
