// SPDX-License-Identifier: MIT
// easel-cli story: prompts of the example story, render of a selection with takes on the tiny model (recorded in the
// story, --stale afterwards), export, and one line with exit 1 for a malformed story (nothing written), exit 2 for bad
// usage.

#include "support/clirunner.h"

#include "gallery/imagefile.h"
#include "recipe/imagerecipe.h"
#include "story/storydocument.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using easel::test::runCli;

namespace {

QString examplePath()
{
    return qEnvironmentVariable("EASEL_RESOURCE_DIR") + QStringLiteral("/examples/harbour-story.json");
}

const QStringList kTiny = { QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--width"),
    QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--sampler"),
    QStringLiteral("euler"), QStringLiteral("--device"), QStringLiteral("cpu"), QStringLiteral("--dtype"),
    QStringLiteral("fp32"), QStringLiteral("--preview"), QStringLiteral("none") };

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliStory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::copy(examplePath(), path(QStringLiteral("story.json"))));
        QFile::setPermissions(path(QStringLiteral("story.json")), QFile::ReadOwner | QFile::WriteOwner);
    }

    void prompts()
    {
        const auto run
            = runCli({ QStringLiteral("story"), QStringLiteral("prompts"), path(QStringLiteral("story.json")) });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count(QStringLiteral("  prompt: ")), 8);
        QVERIFY(run.out.contains(QStringLiteral("shot 5 (s05)  over-the-shoulder")));
        QVERIFY(run.out.contains(QStringLiteral("over the shoulder shot, foreground shoulder out of focus")));
        QVERIFY(run.out.contains(QStringLiteral(" BREAK Tomas, deep wrinkles")));
        QVERIFY(run.out.contains(QStringLiteral("  negative: blurry, deformed hands")));
        QVERIFY(run.err.isEmpty());
        // deterministic
        QCOMPARE(runCli({ QStringLiteral("story"), QStringLiteral("prompts"), path(QStringLiteral("story.json")) }).out,
            run.out);
    }

    void renderSelectionWithTakesAndRecordIt()
    {
        const QString story = path(QStringLiteral("story.json"));
        const auto run
            = runCli(QStringList { QStringLiteral("story"), QStringLiteral("render"), story, QStringLiteral("--shots"),
                         QStringLiteral("2,5"), QStringLiteral("--takes"), QStringLiteral("2") }
                + kTiny);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.count(QStringLiteral("saved ")), 4);
        const QString take = path(QStringLiteral("renders/harbour-letter/shot-005-s05-take-2.png"));
        QVERIFY(QFileInfo::exists(take));
        const auto recipe = easel::ImageRecipe::fromJsonText(
            easel::ImageFile::text(easel::ImageFile::readTextChunks(take), QStringLiteral("easel")).toUtf8());
        QVERIFY(recipe);
        QCOMPARE(recipe->extras.value(QStringLiteral("Story")), QStringLiteral("harbour-letter"));
        QCOMPARE(recipe->extras.value(QStringLiteral("Shot")), QStringLiteral("s05"));
        QCOMPARE(recipe->width, 128);
        QCOMPARE(recipe->height, 64);

        const easel::StoryDocument doc = easel::StoryDocument::load(story).value();
        QCOMPARE(doc.shot(QStringLiteral("s05"))->takes,
            (QStringList { QStringLiteral("renders/harbour-letter/shot-005-s05-take-1.png"),
                QStringLiteral("renders/harbour-letter/shot-005-s05-take-2.png") }));
        QCOMPARE(doc.shot(QStringLiteral("s05"))->keyframe,
            QStringLiteral("renders/harbour-letter/shot-005-s05-take-1.png"));
        QVERIFY(doc.shot(QStringLiteral("s01"))->takes.isEmpty());
        QCOMPARE(doc.settings().baseSize, 512); // the flags are not written into the story
    }

    void renderStaleOnlyAndExport()
    {
        const QString story = path(QStringLiteral("story.json"));
        easel::StoryDocument doc = easel::StoryDocument::load(story).value();
        // everything but shots 2 and 5 was never rendered: --stale renders those 6
        const auto run
            = runCli(QStringList { QStringLiteral("story"), QStringLiteral("render"), story, QStringLiteral("--stale") }
                + kTiny);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.count(QStringLiteral("saved ")), 6);
        QVERIFY(!run.out.contains(QStringLiteral("shot-002")));
        const auto nothing
            = runCli(QStringList { QStringLiteral("story"), QStringLiteral("render"), story, QStringLiteral("--stale") }
                + kTiny);
        QCOMPARE(nothing.exitCode, 0);
        QVERIFY(nothing.out.contains(QStringLiteral("nothing to render")));

        const auto exported
            = runCli({ QStringLiteral("story"), QStringLiteral("export"), story, path(QStringLiteral("out")) });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QCOMPARE(QDir(path(QStringLiteral("out/frames"))).entryList(QDir::Files).size(), 8);
        QVERIFY(QFileInfo::exists(path(QStringLiteral("out/frames/00-00-28.000_shot-008.png"))));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("out/metadata.json"))));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("out/shot-list.csv"))));
    }

    void malformedStoryIsOneLineAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown character") << QByteArray(R"("id": "tomas", "action": "looking-away")")
                                           << QByteArray(R"("id": "bob", "action": "looking-away")")
                                           << QStringLiteral("shots[3].characters[0].id: unknown character 'bob'");
        QTest::newRow("missing field") << QByteArray(R"("id": "s02",)") << QByteArray()
                                       << QStringLiteral("shots[1]: missing 'id'");
        QTest::newRow("wrong type") << QByteArray(R"("locked_seed": 41027)") << QByteArray(R"("locked_seed": "41027")")
                                    << QStringLiteral("characters[0].locked_seed: must be a number");
    }

    void malformedStoryIsOneLineAndChangesNothing()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, field);
        QByteArray text = bytesOf(examplePath());
        QVERIFY(text.contains(from));
        text.replace(from, to);
        QTemporaryDir dir;
        const QString story = dir.filePath(QStringLiteral("bad.json"));
        QFile file(story);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        for (const QString& action :
            { QStringLiteral("prompts"), QStringLiteral("render"), QStringLiteral("export") }) {
            QStringList args = { QStringLiteral("story"), action, story };
            if (action == QLatin1String("export"))
                args.append(dir.filePath(QStringLiteral("out")));
            if (action == QLatin1String("render"))
                args += kTiny;
            const auto run = runCli(args);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(field) && run.err.contains(QStringLiteral("bad.json")), qPrintable(run.err));
            QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
            QVERIFY(run.out.isEmpty());
        }
        QCOMPARE(bytesOf(story), text);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("bad.json") });
    }

    void badUsageExitsWith2_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString story = path(QStringLiteral("story.json"));
        QTest::newRow("no action") << QStringList { QStringLiteral("story") };
        QTest::newRow("unknown action") << QStringList { QStringLiteral("story"), QStringLiteral("draw"), story };
        QTest::newRow("no story") << QStringList { QStringLiteral("story"), QStringLiteral("prompts") };
        QTest::newRow("export without dir") << QStringList { QStringLiteral("story"), QStringLiteral("export"), story };
        QTest::newRow("zero takes") << QStringList { QStringLiteral("story"), QStringLiteral("render"), story,
            QStringLiteral("--takes"), QStringLiteral("0") };
        QTest::newRow("no such shot") << QStringList { QStringLiteral("story"), QStringLiteral("render"), story,
            QStringLiteral("--shots"), QStringLiteral("3-9") };
        QTest::newRow("bad selection") << QStringList { QStringLiteral("story"), QStringLiteral("render"), story,
            QStringLiteral("--shots"), QStringLiteral("two") };
    }

    void badUsageExitsWith2()
    {
        QFETCH(QStringList, args);
        const QByteArray before = bytesOf(path(QStringLiteral("story.json")));
        const auto run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(bytesOf(path(QStringLiteral("story.json"))), before);
    }

    void helpListsTheCommand()
    {
        const auto run = runCli({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("  story ")));
        const auto help = runCli({ QStringLiteral("story"), QStringLiteral("render"), QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--takes")) && help.out.contains(QStringLiteral("--stale")));
    }
};

QTEST_GUILESS_MAIN(TestCliStory)
#include "tst_cli_story.moc"
