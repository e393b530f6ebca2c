// SPDX-License-Identifier: MIT
// easel-cli info, end to end: the real executable on the fixtures and on every kind of bad input.

#include "support/badmodels.h"
#include "support/clirunner.h"
#include "support/testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>


class TestCliInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testReportsFixtures_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QStringList>("components");
        const QStringList sd15 { QStringLiteral("unet"), QStringLiteral("vae"), QStringLiteral("text_encoder") };
        const QStringList sdxl = sd15 + QStringList { QStringLiteral("text_encoder_2") };
        QTest::newRow("sd15") << "tiny-sd15" << "SD 1.x" << sd15;
        QTest::newRow("sdxl") << "tiny-sdxl" << "SDXL base" << sdxl;
    }

    void testReportsFixtures()
    {
        QFETCH(QString, model);
        QFETCH(QString, architecture);
        QFETCH(QStringList, components);
        QMap<QString, qint64> firstCounts;
        for (const char* layout : { "single-file", "diffusers" }) {
            const QString path = QString::fromStdString(easel::test::tinyModelPath(model.toStdString(), layout));
            const easel::test::CliRun text = easel::test::runCli({ QStringLiteral("info"), path });
            QCOMPARE(text.status, QProcess::NormalExit);
            QCOMPARE(text.exitCode, 0);
            QVERIFY(text.out.contains(QStringLiteral("Architecture: ") + architecture));
            QVERIFY(text.out.contains(QStringLiteral("Licence:")));

            const easel::test::CliRun json = easel::test::runCli({ QStringLiteral("info"), QStringLiteral("--json"), path });
            QCOMPARE(json.exitCode, 0);
            const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
            QCOMPARE(o[QStringLiteral("architecture")].toString(), architecture);
            QStringList names;
            for (const QJsonValue& c : o[QStringLiteral("components")].toArray()) {
                const QJsonObject co = c.toObject();
                const QString name = co[QStringLiteral("name")].toString();
                names << name;
                const qint64 params = co[QStringLiteral("parameters")].toInteger();
                QVERIFY(params > 0);
                QVERIFY(co[QStringLiteral("dtypes")].toObject().contains(QStringLiteral("F16")));
                // Both layouts of one model hold the same weights.
                if (firstCounts.contains(name))
                    QCOMPARE(params, firstCounts[name]);
                firstCounts[name] = params;
            }
            QCOMPARE(names, components);
        }
    }

    void testBadInputs_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        static QTemporaryDir dir;
        for (const easel::test::BadModel& bad : easel::test::writeBadModels(dir.path()))
            QTest::newRow(qPrintable(bad.name)) << bad.path << bad.expected;
    }

    void testBadInputs()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const easel::test::CliRun r = easel::test::runCli({ QStringLiteral("info"), path });
        QCOMPARE(r.status, QProcess::NormalExit); // no crash
        QCOMPARE(r.exitCode, 1);
        const QString line = r.err.trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(r.err)); // one line
        QVERIFY2(line.contains(path), qPrintable(line));
        QVERIFY2(line.contains(expected), qPrintable(line));
        QVERIFY(r.out.isEmpty());
    }

    void testUsage()
    {
        QCOMPARE(easel::test::runCli({ QStringLiteral("info") }).exitCode, 2);
        QCOMPARE(easel::test::runCli({ QStringLiteral("no-such-command") }).exitCode, 2);
        const easel::test::CliRun help = easel::test::runCli({ QStringLiteral("info"), QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("diffusers folder")));
    }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_cli_info.moc"
