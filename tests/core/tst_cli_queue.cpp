// SPDX-License-Identifier: MIT
// easel-cli queue list end to end, through the built executable, on a queue database written in-process:
// the table, --json, a missing database (empty, exit 0, nothing created), a corrupt one (one line, exit 1),
// usage errors (exit 2) and --help.

#include "jobs/generationjob.h"
#include "jobs/imagetooljob.h"
#include "jobs/jobqueue.h"
#include "jobs/queuestore.h"

#include "support/clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

class TestCliQueue : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    test::CliRun queue(QStringList args) const
    {
        args.prepend(QStringLiteral("queue"));
        return test::runCli(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("queue.sqlite"));
        JobQueue jobs;
        QueueStore store(jobs, m_db);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        jobs.setPaused(true); // nothing runs: the rows are what was submitted
        ImageRecipe recipe;
        recipe.prompt = QStringLiteral("a lighthouse on a cliff");
        recipe.model = QStringLiteral("/models/dreamshaper_8.safetensors");
        GenerationOptions options;
        options.outputPath = m_dir.filePath(QStringLiteral("a.png"));
        jobs.submit(std::make_unique<GenerationJob>(recipe, options));
        recipe.prompt = QStringLiteral("a fox in snow");
        recipe.model.clear();
        jobs.submit(std::make_unique<GenerationJob>(recipe, options));
        ImageToolRequest tool;
        tool.output = m_dir.filePath(QStringLiteral("sharp.png"));
        QVERIFY(jobs.cancel(jobs.submit(std::make_unique<ImageToolJob>(tool))));
    }

    void listsTheTable()
    {
        const test::CliRun run = queue({ QStringLiteral("list"), QStringLiteral("--db"), m_db });
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // header, three jobs, the pause note
        QVERIFY2(lines[0].startsWith(QStringLiteral("ID")) && lines[0].endsWith(QStringLiteral("PROMPT")),
            qPrintable(lines[0]));
        // Ended first, then the queue in order.
        QVERIFY2(lines[1].startsWith(QStringLiteral("3 ")) && lines[1].contains(QStringLiteral("cancelled"))
                && lines[1].endsWith(QStringLiteral("Enhance sharp.png")),
            qPrintable(lines[1]));
        QVERIFY2(lines[2].contains(QStringLiteral("queued"))
                && lines[2].contains(QStringLiteral("dreamshaper_8.safetensors"))
                && lines[2].endsWith(QStringLiteral("a lighthouse on a cliff")),
            qPrintable(lines[2]));
        QVERIFY2(lines[3].contains(QStringLiteral(" demo ")), qPrintable(lines[3]));
        QVERIFY(lines[4].contains(QStringLiteral("paused")));
    }

    void listsJson()
    {
        const test::CliRun run
            = queue({ QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--db=") + m_db });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(doc.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(doc.value(QStringLiteral("path")).toString(), m_db);
        const QJsonArray jobs = doc.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 3);
        const QJsonObject first = jobs[0].toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toInt(), 3);
        QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("image-tool"));
        QCOMPARE(first.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
        QVERIFY(first.value(QStringLiteral("model")).isNull());
        QVERIFY(!first.value(QStringLiteral("message")).toString().isEmpty());
        const QJsonObject second = jobs[1].toObject();
        QCOMPARE(second.value(QStringLiteral("title")).toString(), QStringLiteral("a lighthouse on a cliff"));
        QCOMPARE(second.value(QStringLiteral("model")).toString(), QStringLiteral("/models/dreamshaper_8.safetensors"));
        QVERIFY(QDateTime::fromString(second.value(QStringLiteral("created")).toString(), Qt::ISODate).isValid());
        QCOMPARE(jobs[2].toObject().value(QStringLiteral("model")).toString(), QString());
    }

    void missingDatabaseIsAnEmptyQueue()
    {
        const QString missing = m_dir.filePath(QStringLiteral("none/queue.sqlite"));
        const test::CliRun run = queue({ QStringLiteral("list"), QStringLiteral("--db"), missing });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("empty")), qPrintable(run.out));
        QVERIFY(!QFileInfo::exists(missing));
        // The default database, in the test's own home: none yet, none made.
        const test::CliRun defaults = queue({ QStringLiteral("list") });
        QCOMPARE(defaults.exitCode, 0);
        QVERIFY2(defaults.out.contains(QStringLiteral("queue.sqlite")), qPrintable(defaults.out));
        QVERIFY(!QFileInfo::exists(defaults.out.section(QLatin1Char('('), 1).section(QLatin1Char(')'), 0, 0)));
    }

    void corruptDatabaseIsOneLine()
    {
        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const test::CliRun run = queue({ QStringLiteral("list"), QStringLiteral("--db"), corrupt });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(run.err.contains(corrupt), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("help") << QStringList { QStringLiteral("--help") } << 0 << "--db PATH";
        QTest::newRow("list help") << QStringList { QStringLiteral("list"), QStringLiteral("-h") } << 0 << "--json";
        QTest::newRow("no subcommand") << QStringList {} << 2 << "Usage: easel-cli queue";
        QTest::newRow("unknown subcommand") << QStringList { QStringLiteral("clear") } << 2 << "unknown subcommand";
        QTest::newRow("unknown option") << QStringList { QStringLiteral("list"), QStringLiteral("--all") } << 2
                                        << "unknown option '--all'";
        QTest::newRow("db without value")
            << QStringList { QStringLiteral("list"), QStringLiteral("--db") } << 2 << "--db needs a value";
        QTest::newRow("extra argument") << QStringList { QStringLiteral("list"), QStringLiteral("x") } << 2
                                        << "usage: easel-cli queue list";
    }

    void usage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const test::CliRun run = queue(args);
        QCOMPARE(run.exitCode, exitCode);
        const QString text = run.out + run.err;
        QVERIFY2(text.contains(expected), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestCliQueue)
#include "tst_cli_queue.moc"
