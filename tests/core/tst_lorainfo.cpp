// SPDX-License-Identifier: MIT
// LoRA files for the window's picker: the family each is for, one line for a broken file, the folders' files.
#include "jobs/lorainfo.h"

#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

QString lora(const char* name)
{
    return easel::test::testDataPath(QStringLiteral("lora/%1.safetensors").arg(QLatin1String(name)));
}

} // namespace

class TestLoraInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void familyOfEachFixture_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("base");
        QTest::newRow("sd15 a") << lora("tiny-sd15-lora-a") << QStringLiteral("sd1") << QStringLiteral("SD 1.x");
        QTest::newRow("sd15 lcm") << lora("tiny-sd15-lcm-lora") << QStringLiteral("sd1") << QStringLiteral("SD 1.x");
        QTest::newRow("sdxl a") << lora("tiny-sdxl-lora-a") << QStringLiteral("sdxl") << QStringLiteral("SDXL");
    }
    void familyOfEachFixture()
    {
        QFETCH(QString, file);
        QFETCH(QString, family);
        QFETCH(QString, base);
        const LoraDescription d = describeLora(file);
        QVERIFY2(d.usable(), qPrintable(d.error));
        QCOMPARE(d.family, family);
        QCOMPARE(d.baseName, base);
        QVERIFY(d.modules > 0);
        QVERIFY(!d.ranks.isEmpty());
        QCOMPARE(d.name, QFileInfo(file).completeBaseName());
        QVERIFY(d.fitsFamily(family));
        QVERIFY(d.fitsFamily(QString()));
        QVERIFY(!d.fitsFamily(family == QLatin1String("sdxl") ? QStringLiteral("sd1") : QStringLiteral("sdxl")));
    }

    void brokenFilesSayWhyInOneLine()
    {
        QTemporaryDir dir;
        const QString truncated = dir.filePath(QStringLiteral("cut.safetensors"));
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(easel::test::readFile(lora("tiny-sd15-lora-a")).left(600));
        f.close();
        for (const QString& path : { truncated, dir.filePath(QStringLiteral("missing.safetensors")),
                 easel::test::testDataPath(QStringLiteral("models/tiny-sd15/single-file/tiny-sd15.safetensors")) }) {
            const LoraDescription d = describeLora(path);
            QVERIFY2(!d.usable(), qPrintable(path));
            QVERIFY(!d.error.contains(QLatin1Char('\n')));
            QVERIFY(d.family.isEmpty());
            QVERIFY(d.fitsFamily(QStringLiteral("sd1"))); // unknown family: the error is what keeps it out
        }
    }

    void findsFilesInFoldersAndSubfolders()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/styles")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("b")));
        for (const char* name : { "a/zeta.safetensors", "a/styles/Alpha.safetensors", "a/.partial.safetensors",
                 "a/notes.txt", "b/mid.safetensors" }) {
            QFile f(dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const QString a = dir.filePath(QStringLiteral("a"));
        const QString b = dir.filePath(QStringLiteral("b"));
        const QStringList found = findLoras({ a, b, a, dir.filePath(QStringLiteral("none")) });
        QCOMPARE(found,
            (QStringList { dir.filePath(QStringLiteral("a/styles/Alpha.safetensors")),
                dir.filePath(QStringLiteral("b/mid.safetensors")),
                dir.filePath(QStringLiteral("a/zeta.safetensors")) }));
    }

    void foldersAreTheGivenOnesThenModelsLora()
    {
        QTemporaryDir dir;
        const QString models = dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models));
        QCOMPARE(loraFolders(models), QStringList());
        QVERIFY(QDir().mkpath(models + QStringLiteral("/Lora")));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("mine"))));
        QCOMPARE(loraFolders(models, { dir.filePath(QStringLiteral("mine")), dir.filePath(QStringLiteral("gone")) }),
            (QStringList { dir.filePath(QStringLiteral("mine")), models + QStringLiteral("/Lora") }));
    }
};

QTEST_GUILESS_MAIN(TestLoraInfo)
#include "tst_lorainfo.moc"
