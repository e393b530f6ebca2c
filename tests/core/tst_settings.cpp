// SPDX-License-Identifier: MIT
#include "settings/paths.h"
#include "settings/settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsWhenEmpty()
    {
        QTemporaryDir dir;
        Settings s(dir.filePath(QStringLiteral("e.conf")));
        QCOMPARE(s.modelsDir(), paths::defaultModelsDir());
        QCOMPARE(s.outputDir(), paths::defaultOutputDir());
        QCOMPARE(s.device(), Device::Auto);
        QCOMPARE(s.precision(), Precision::Auto);
        QCOMPARE(s.threads(), 0);
        QCOMPARE(s.previewMode(), PreviewMode::Approx);
        QCOMPARE(s.previewInterval(), 1);
        QCOMPARE(s.theme(), Theme::System);
        QVERIFY(s.currentModel().isEmpty());
        QCOMPARE(s.lastRecipe().prompt, ImageRecipe {}.prompt);
        QVERIFY(!s.seedLocked());
    }

    void valuesSurviveAndSignal()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("e.conf"));
        {
            Settings s(file);
            QSignalSpy changed(&s, &Settings::changed);
            s.setOutputDir(QStringLiteral("/tmp/out"));
            s.setDevice(Device::Cpu);
            s.setPrecision(Precision::Bf16);
            s.setThreads(3);
            s.setPreviewMode(PreviewMode::None);
            s.setPreviewInterval(4);
            s.setTheme(Theme::Dark);
            s.setModels({ QStringLiteral("/m/a.safetensors"), QStringLiteral("/m/b") });
            s.setCurrentModel(QStringLiteral("/m/b"));
            ImageRecipe r;
            r.prompt = QStringLiteral("a lighthouse, (storm:1.2)");
            r.steps = 7;
            r.seed = 42;
            s.setLastRecipe(r);
            s.setSeedLocked(true);
            QCOMPARE(changed.count(), 11);
            s.setThreads(3); // unchanged: no signal
            QCOMPARE(changed.count(), 11);
            QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("engine/device"));
        }
        Settings s(file);
        QCOMPARE(s.outputDir(), QStringLiteral("/tmp/out"));
        QCOMPARE(s.device(), Device::Cpu);
        QCOMPARE(s.precision(), Precision::Bf16);
        QCOMPARE(s.threads(), 3);
        QCOMPARE(s.previewMode(), PreviewMode::None);
        QCOMPARE(s.previewInterval(), 4);
        QCOMPARE(s.theme(), Theme::Dark);
        QCOMPARE(s.models().size(), 2);
        QCOMPARE(s.currentModel(), QStringLiteral("/m/b"));
        QCOMPARE(s.lastRecipe().prompt, QStringLiteral("a lighthouse, (storm:1.2)"));
        QCOMPARE(s.lastRecipe().steps, 7);
        QCOMPARE(s.lastRecipe().seed, 42);
        QVERIFY(s.seedLocked());
    }

    void handEditedNonsenseFallsBack()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("e.conf"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[engine]\ndevice=tpu\nprecision=fp8\nthreads=-4\n[preview]\nmode=holo\ninterval=0\n[ui]\ntheme=neon\n"
                "recipe={not json\n");
        f.close();
        Settings s(file);
        QCOMPARE(s.device(), Device::Auto);
        QCOMPARE(s.precision(), Precision::Auto);
        QCOMPARE(s.threads(), 0);
        QCOMPARE(s.previewMode(), PreviewMode::Approx);
        QCOMPARE(s.previewInterval(), 1);
        QCOMPARE(s.theme(), Theme::System);
        QCOMPARE(s.lastRecipe().steps, ImageRecipe {}.steps);
    }

    void pathsShareOneFolder()
    {
        QVERIFY(paths::dataDir().endsWith(QStringLiteral("/Easel")));
        QCOMPARE(paths::queueDatabase(), paths::dataDir() + QStringLiteral("/queue.sqlite"));
        QCOMPARE(paths::galleryDatabase(), paths::dataDir() + QStringLiteral("/gallery.sqlite"));
        QVERIFY(paths::defaultOutputDir().endsWith(QStringLiteral("/Easel")));
        QVERIFY(paths::settingsFile().endsWith(QStringLiteral("/Easel/Easel.conf")));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
