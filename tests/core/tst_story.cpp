// SPDX-License-Identifier: MIT
// Story boards (issue 16), the document and the prompt builder: the example story loads and round-trips; a malformed
// story gives one line naming the field; character and location edits mark exactly the shots that show them stale;
// every template kind expands in its part of the prompt; parts stay whole within their 75-token chunk, and what a
// long part loses is said in a note.

#include "story/storydocument.h"
#include "story/storyprompt.h"
#include "story/storyrender.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

QString examplePath()
{
    return qEnvironmentVariable("EASEL_RESOURCE_DIR") + QStringLiteral("/examples/harbour-story.json");
}

QJsonObject exampleJson()
{
    QFile file(examplePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

StoryTemplateLibrary builtInLibrary()
{
    StoryTemplateLibrary library;
    QStringList errors;
    library.load(StoryTemplateLibrary::builtInDir(), {}, &errors);
    return library;
}

/// A library whose prompts are easy to spot: each template's prompt is its id in capitals.
StoryTemplateLibrary markerLibrary()
{
    StoryTemplateLibrary library;
    const QList<QPair<StoryTemplateKind, QString>> entries = { { StoryTemplateKind::ShotType, QStringLiteral("wide") },
        { StoryTemplateKind::CameraAngle, QStringLiteral("low") },
        { StoryTemplateKind::Action, QStringLiteral("walk") },
        { StoryTemplateKind::LocationType, QStringLiteral("street") },
        { StoryTemplateKind::Style, QStringLiteral("style") }, { StoryTemplateKind::Lighting, QStringLiteral("light") },
        { StoryTemplateKind::Mood, QStringLiteral("mood") } };
    for (const auto& entry : entries) {
        StoryTemplate t;
        t.id = entry.second;
        t.title = entry.second;
        t.prompt = entry.second.toUpper();
        t.negative = QStringLiteral("not ") + entry.second;
        library.add(entry.first, t);
    }
    return library;
}

StoryDocument markerStory()
{
    StoryDocument doc;
    doc.setId(QStringLiteral("t"));
    StorySettings settings;
    settings.negativePrompt = QStringLiteral("blurry, not low");
    doc.setSettings(settings);
    StoryCharacter ann;
    ann.id = QStringLiteral("ann");
    ann.name = QStringLiteral("Ann");
    ann.promptSnippet = QStringLiteral("snip");
    ann.appearance = { { QStringLiteral("hair"), QStringLiteral("red hair") },
        { QStringLiteral("eyes"), QStringLiteral("blue eyes") } };
    ann.attireStyle = QStringLiteral("coat");
    ann.attireColours = { QStringLiteral("red"), QStringLiteral("blue") };
    ann.description = QStringLiteral("brave");
    ann.lora = StoryLora { QStringLiteral("ann-lora"), { QStringLiteral("ann_sd") }, std::nullopt };
    doc.setCharacter(ann);
    StoryLocation street;
    street.id = QStringLiteral("main-street");
    street.name = QStringLiteral("Main street");
    street.type = QStringLiteral("street");
    street.promptSnippet = QStringLiteral("lsnip");
    street.description = QStringLiteral("ldesc");
    street.variants = { LocationVariant {
        QStringLiteral("dusk"), QStringLiteral("dusk"), QStringLiteral("rain"), QStringLiteral("vsnip") } };
    doc.setLocation(street);
    StoryShot shot;
    shot.id = QStringLiteral("a");
    shot.shotType = QStringLiteral("wide");
    shot.cameraAngle = QStringLiteral("low");
    shot.description = QStringLiteral("desc");
    shot.style = QStringLiteral("style");
    shot.lighting = QStringLiteral("light");
    shot.mood = QStringLiteral("mood");
    shot.characters = { ShotCharacter { QStringLiteral("ann"), QStringLiteral("walk") } };
    shot.locationId = QStringLiteral("main-street");
    shot.variantId = QStringLiteral("dusk");
    doc.setShot(shot);
    return doc;
}

} // namespace

class TestStory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exampleLoadsAndRoundTrips()
    {
        QString error;
        const std::optional<StoryDocument> doc = StoryDocument::load(examplePath(), &error);
        QVERIFY2(doc, qPrintable(error));
        QCOMPARE(doc->characters().size(), 2);
        QCOMPARE(doc->locations().size(), 2);
        for (const StoryLocation& l : doc->locations())
            QVERIFY(l.variants.size() >= 2);
        QCOMPARE(doc->shots().size(), 8);
        QCOMPARE(doc->shots().at(4).characters.size(), 2);

        StoryDocument copy = *doc;
        const QString saved = m_dir.filePath(QStringLiteral("copy.json"));
        QVERIFY2(copy.save(saved, &error), qPrintable(error));
        const std::optional<StoryDocument> again = StoryDocument::load(saved, &error);
        QVERIFY2(again, qPrintable(error));
        QVERIFY(*again == *doc);
        QCOMPARE(QJsonDocument::fromJson([&] {
            QFile f(saved);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }())
                     .object()
                     .value(QStringLiteral("format"))
                     .toString(),
            QStringLiteral("easel-story"));
    }

    void saveFailsWithOneLineAndKeepsTheOldFile()
    {
        StoryDocument doc = StoryDocument::load(examplePath()).value();
        QString error;
        QVERIFY(!doc.save(m_dir.filePath(QStringLiteral("no/such/folder/story.json")), &error));
        QVERIFY(error.contains(QStringLiteral("story.json")));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void malformedStoryNamesTheField_data()
    {
        QTest::addColumn<QString>("pointer"); // where to change the example: "shots/1/characters/0/id"
        QTest::addColumn<QJsonValue>("value"); // undefined: remove the key
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown character")
            << QStringLiteral("shots/1/characters/0/id") << QJsonValue(QStringLiteral("bob"))
            << QStringLiteral("shots[1].characters[0].id: unknown character 'bob'");
        QTest::newRow("missing shot id") << QStringLiteral("shots/0/id") << QJsonValue(QJsonValue::Undefined)
                                         << QStringLiteral("shots[0]: missing 'id'");
        QTest::newRow("seed of wrong type")
            << QStringLiteral("characters/1/locked_seed") << QJsonValue(QStringLiteral("x"))
            << QStringLiteral("characters[1].locked_seed: must be a number");
        QTest::newRow("unknown location") << QStringLiteral("shots/3/location") << QJsonValue(QStringLiteral("moon"))
                                          << QStringLiteral("shots[3].location: unknown location 'moon'");
        QTest::newRow("unknown variant") << QStringLiteral("shots/3/variant") << QJsonValue(QStringLiteral("noon"))
                                         << QStringLiteral("shots[3].variant: unknown variant 'noon'");
        QTest::newRow("interior not a bool") << QStringLiteral("locations/0/interior") << QJsonValue(1)
                                             << QStringLiteral("locations[0].interior: must be true or false");
        QTest::newRow("shots not a list")
            << QStringLiteral("shots") << QJsonValue(QStringLiteral("many")) << QStringLiteral("shots: must be a list");
        QTest::newRow("bad aspect ratio")
            << QStringLiteral("shots/2/aspect_ratio") << QJsonValue(QStringLiteral("wide"))
            << QStringLiteral("shots[2].aspect_ratio: must be W:H");
        QTest::newRow("wrong format") << QStringLiteral("format") << QJsonValue(QStringLiteral("other"))
                                      << QStringLiteral("format: must be \"easel-story\"");
        QTest::newRow("future version") << QStringLiteral("version") << QJsonValue(2)
                                        << QStringLiteral("version: version 2 is not supported");
    }

    void malformedStoryNamesTheField()
    {
        QFETCH(QString, pointer);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        // change one value deep in the example's JSON
        const std::function<QJsonValue(QJsonValue, QStringList)> change
            = [&](QJsonValue node, QStringList keys) -> QJsonValue {
            const QString key = keys.takeFirst();
            if (node.isArray()) {
                QJsonArray array = node.toArray();
                array.replace(key.toInt(), keys.isEmpty() ? value : change(array.at(key.toInt()), keys));
                return array;
            }
            QJsonObject object = node.toObject();
            if (keys.isEmpty() && value.isUndefined())
                object.remove(key);
            else
                object.insert(key, keys.isEmpty() ? value : change(object.value(key), keys));
            return object;
        };
        const QByteArray bytes
            = QJsonDocument(change(exampleJson(), pointer.split(QLatin1Char('/'))).toObject()).toJson();
        const QString file = m_dir.filePath(QStringLiteral("bad.json"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        QString error;
        QVERIFY(!StoryDocument::load(file, &error));
        QVERIFY2(error.contains(field), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("bad.json")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), bytes); // nothing written
    }

    void characterEditMarksExactlyItsShots()
    {
        StoryDocument doc = StoryDocument::load(examplePath()).value();
        for (const StoryShot& s : doc.shots())
            QVERIFY(doc.setTakes(s.id, { QStringLiteral("take.png") }));
        QVERIFY(doc.staleShots().isEmpty());

        StoryCharacter mara = *doc.character(QStringLiteral("mara"));
        mara.referenceImages = { QStringLiteral("refs/mara.png") }; // for people only: nothing renders differently
        QVERIFY(doc.setCharacter(mara).isEmpty());
        QVERIFY(doc.staleShots().isEmpty());

        mara.appearance.insert(QStringLiteral("hair"), QStringLiteral("long black hair"));
        const QStringList expected = { QStringLiteral("s02"), QStringLiteral("s03"), QStringLiteral("s05"),
            QStringLiteral("s07"), QStringLiteral("s08") };
        QCOMPARE(doc.setCharacter(mara), expected);
        QCOMPARE(doc.staleShots(), expected);

        for (const StoryShot& s : doc.shots())
            doc.setTakes(s.id, { QStringLiteral("take.png") });
        StoryCharacter tomas = *doc.character(QStringLiteral("tomas"));
        tomas.lockedSeed += 1;
        QCOMPARE(doc.setCharacter(tomas),
            (QStringList { QStringLiteral("s04"), QStringLiteral("s05"), QStringLiteral("s06"), QStringLiteral("s07"),
                QStringLiteral("s08") }));
    }

    void locationAndShotEditsMarkTheirShots()
    {
        StoryDocument doc = StoryDocument::load(examplePath()).value();
        for (const StoryShot& s : doc.shots())
            doc.setTakes(s.id, { QStringLiteral("take.png") });
        StoryLocation pier = *doc.location(QStringLiteral("pier"));
        pier.variants[1].weather = QStringLiteral("snow");
        const QStringList pierShots
            = { QStringLiteral("s01"), QStringLiteral("s02"), QStringLiteral("s03"), QStringLiteral("s08") };
        QCOMPARE(doc.setLocation(pier), pierShots);
        QCOMPARE(doc.staleShots(), pierShots);

        for (const StoryShot& s : doc.shots())
            doc.setTakes(s.id, { QStringLiteral("take.png") });
        StoryShot shot = *doc.shot(QStringLiteral("s06"));
        shot.duration = 9.0; // timing only: the image stays
        QVERIFY(doc.setShot(shot));
        QVERIFY(doc.staleShots().isEmpty());
        shot.lighting = QStringLiteral("noir");
        QVERIFY(doc.setShot(shot));
        QCOMPARE(doc.staleShots(), QStringList { QStringLiteral("s06") });

        shot.characters.append(ShotCharacter { QStringLiteral("nobody"), QString() });
        QString error;
        QVERIFY(!doc.setShot(shot, &error));
        QVERIFY2(error.contains(QStringLiteral("characters[1].id")), qPrintable(error));
    }

    void keyframesAndOrder()
    {
        StoryDocument doc = StoryDocument::load(examplePath()).value();
        QVERIFY(doc.setTakes(QStringLiteral("s01"), { QStringLiteral("a.png"), QStringLiteral("b.png") }));
        QCOMPARE(doc.shot(QStringLiteral("s01"))->keyframe, QStringLiteral("a.png"));
        QVERIFY(doc.setKeyframe(QStringLiteral("s01"), QStringLiteral("b.png")));
        QVERIFY(!doc.setKeyframe(QStringLiteral("s01"), QStringLiteral("c.png")));
        QVERIFY(doc.setTakes(QStringLiteral("s01"), { QStringLiteral("a.png"), QStringLiteral("b.png") }));
        QCOMPARE(doc.shot(QStringLiteral("s01"))->keyframe, QStringLiteral("b.png")); // the choice is kept
        QVERIFY(doc.moveShot(QStringLiteral("s08"), 0));
        QCOMPARE(doc.shots().first().id, QStringLiteral("s08"));
        QCOMPARE(doc.shots().first().number, 1);
        QCOMPARE(doc.shots().last().number, 8);
    }

    void selectShots()
    {
        const StoryDocument doc = StoryDocument::load(examplePath()).value();
        QCOMPARE(doc.selectShots(QStringLiteral("1-3, 8")).value(),
            (QStringList {
                QStringLiteral("s01"), QStringLiteral("s02"), QStringLiteral("s03"), QStringLiteral("s08") }));
        QString error;
        QVERIFY(!doc.selectShots(QStringLiteral("2-x"), &error));
        QVERIFY(error.contains(QStringLiteral("2-x")));
        QVERIFY(!doc.selectShots(QStringLiteral("9"), &error));
        QVERIFY(error.contains(QLatin1Char('9')));
    }

    void promptAssemblesEveryPart()
    {
        const StoryPromptBuilder builder(markerLibrary());
        const StoryDocument doc = markerStory();
        const StoryPrompt prompt = builder.build(doc, doc.shots().first());
        QCOMPARE(prompt.prompt,
            QStringLiteral(
                "WIDE, LOW, desc BREAK ann_sd, Ann, snip, WALK, blue eyes, red hair, wearing coat in red and "
                "blue, brave BREAK STREET, exterior, lsnip, dusk, rain, vsnip, ldesc BREAK STYLE, LIGHT, MOOD"));
        QCOMPARE(prompt.negative,
            QStringLiteral("blurry, not low, not wide, not walk, not street, not style, not light, not mood"));
        QCOMPARE(prompt.parts.size(), 4);
        QCOMPARE(prompt.chunks, 4);
        for (int i = 0; i < prompt.parts.size(); ++i) {
            QCOMPARE(prompt.parts.at(i).firstChunk, i);
            QVERIFY(prompt.parts.at(i).tokens > 0 && prompt.parts.at(i).tokens <= 75);
        }
        QVERIFY(prompt.notes.isEmpty());
        // deterministic
        QCOMPARE(builder.build(doc, doc.shots().first()).prompt, prompt.prompt);
    }

    void everyTemplateKindExpands_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("part"); // which part of the prompt holds it
        const StoryTemplateLibrary library = builtInLibrary();
        for (const StoryTemplateKind kind : storyTemplateKinds()) {
            const QStringList ids = library.ids(kind);
            QVERIFY2(ids.size() >= 3, qPrintable(storyTemplateKindKey(kind)));
            for (const QString& id : ids) {
                const int part = kind == StoryTemplateKind::ShotType || kind == StoryTemplateKind::CameraAngle ? 0
                    : kind == StoryTemplateKind::Action                                                        ? 1
                    : kind == StoryTemplateKind::LocationType                                                  ? 2
                                                                                                               : 3;
                QTest::newRow(qPrintable(storyTemplateKindKey(kind) + QLatin1Char('/') + id))
                    << storyTemplateKindKey(kind) << id << part;
            }
        }
    }

    void everyTemplateKindExpands()
    {
        QFETCH(QString, kind);
        QFETCH(QString, id);
        QFETCH(int, part);
        const StoryPromptBuilder builder(builtInLibrary());
        const StoryTemplateKind k = storyTemplateKindFromKey(kind).value();
        const StoryTemplate t = builder.library().find(k, id).value();
        QVERIFY(!t.prompt.isEmpty());

        StoryDocument doc = markerStory();
        StoryShot shot = doc.shots().first();
        StoryLocation street = *doc.location(QStringLiteral("main-street"));
        // every other template field holds free text, so each part is there
        shot.shotType = QStringLiteral("x1");
        shot.cameraAngle = QStringLiteral("x2");
        shot.style = QStringLiteral("x3");
        shot.lighting = QStringLiteral("x4");
        shot.mood = QStringLiteral("x5");
        shot.characters[0].action = QStringLiteral("x6");
        street.type = QStringLiteral("x7");
        switch (k) {
        case StoryTemplateKind::ShotType:
            shot.shotType = id;
            break;
        case StoryTemplateKind::CameraAngle:
            shot.cameraAngle = id;
            break;
        case StoryTemplateKind::Style:
            shot.style = id;
            break;
        case StoryTemplateKind::Lighting:
            shot.lighting = id;
            break;
        case StoryTemplateKind::Mood:
            shot.mood = id;
            break;
        case StoryTemplateKind::Action:
            shot.characters[0].action = id;
            break;
        case StoryTemplateKind::LocationType:
            street.type = id;
            break;
        }
        doc.setLocation(street);
        QVERIFY(doc.setShot(shot));
        const StoryPrompt prompt = builder.build(doc, *doc.shot(shot.id));
        const QStringList parts = prompt.prompt.split(QStringLiteral(" BREAK "));
        QCOMPARE(parts.size(), 4);
        QVERIFY2(parts.at(part).contains(t.prompt), qPrintable(parts.at(part)));
        // only in its own part
        for (int i = 0; i < parts.size(); ++i) {
            if (i != part)
                QVERIFY(!parts.at(i).contains(t.prompt));
        }
        for (const QString& negative : t.negative.split(QStringLiteral(", "), Qt::SkipEmptyParts))
            QVERIFY2(prompt.negative.contains(negative), qPrintable(prompt.negative));
        // the same field with free text is used as it is
        QCOMPARE(builder.expand(k, QStringLiteral("my own words")), QStringLiteral("my own words"));
        QCOMPARE(builder.expand(k, id), t.prompt);
    }

    void longPartsStayWholeAndSayWhatTheyLost()
    {
        const StoryPromptBuilder builder(markerLibrary());
        StoryDocument doc = markerStory();
        StoryCharacter ann = *doc.character(QStringLiteral("ann"));
        QStringList many;
        for (int i = 0; i < 40; ++i)
            many.append(QStringLiteral("detail number %1").arg(i));
        ann.description = many.join(QStringLiteral(", "));
        doc.setCharacter(ann);
        const StoryPrompt prompt = builder.build(doc, doc.shots().first());
        QCOMPARE(prompt.parts.size(), 4);
        QCOMPARE(prompt.chunks, 4);
        const StoryPromptPart& part = prompt.parts.at(1);
        QCOMPARE(part.label, QStringLiteral("Ann"));
        QVERIFY(part.tokens <= 75);
        QVERIFY(part.text.startsWith(QStringLiteral("ann_sd, Ann, snip, WALK"))); // trigger words and identity first
        QCOMPARE(prompt.notes.size(), 1);
        QVERIFY2(prompt.notes.first().startsWith(QStringLiteral("Ann:")), qPrintable(prompt.notes.first()));
        QVERIFY(prompt.notes.first().contains(QStringLiteral("detail number 39")));
        QVERIFY(!part.text.contains(QStringLiteral("detail number 39")));
        // the location and the look are still there, whole, in chunks of their own
        QCOMPARE(prompt.parts.at(2).text, QStringLiteral("STREET, exterior, lsnip, dusk, rain, vsnip, ldesc"));
        QCOMPARE(prompt.parts.at(3).firstChunk, 3);
    }

    void userTemplatesReplaceBuiltIns()
    {
        const QString dir = m_dir.filePath(QStringLiteral("templates"));
        QDir().mkpath(dir);
        QFile mine(dir + QStringLiteral("/mine.json"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write(
            R"({"lighting": [{"id": "noir", "prompt": "my noir"}], "moods": [{"id": "giddy", "prompt": "giddy"}]})");
        mine.close();
        QFile broken(dir + QStringLiteral("/broken.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"moods": [{"title": "no id"}]})");
        broken.close();
        StoryTemplateLibrary library;
        QStringList errors;
        QVERIFY(!library.load(StoryTemplateLibrary::builtInDir(), { dir }, &errors));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("broken.json"))
                && errors.first().contains(QStringLiteral("moods[0]")),
            qPrintable(errors.first()));
        QCOMPARE(library.find(StoryTemplateKind::Lighting, QStringLiteral("noir"))->prompt, QStringLiteral("my noir"));
        QVERIFY(library.find(StoryTemplateKind::Mood, QStringLiteral("giddy")));
        QVERIFY(library.find(StoryTemplateKind::Mood, QStringLiteral("calm"))); // built-ins stay
    }

    void seedsAndSizesAreLockedAndDeterministic()
    {
        const StoryDocument doc = StoryDocument::load(examplePath()).value();
        const StoryShot& s5 = *doc.shot(QStringLiteral("s05"));
        QCOMPARE(storyShotSeed(doc, s5, 1), storyShotSeed(doc, s5, 1));
        QVERIFY(storyShotSeed(doc, s5, 1) != storyShotSeed(doc, s5, 2));
        QVERIFY(storyShotSeed(doc, s5, 1) != storyShotSeed(doc, *doc.shot(QStringLiteral("s06")), 1));
        // changing another character keeps this shot's seed; changing one of its own changes it
        StoryDocument edited = doc;
        StoryCharacter tomas = *edited.character(QStringLiteral("tomas"));
        tomas.lockedSeed = 7;
        edited.setCharacter(tomas);
        QCOMPARE(storyShotSeed(edited, *edited.shot(QStringLiteral("s02")), 1),
            storyShotSeed(doc, *doc.shot(QStringLiteral("s02")), 1));
        QVERIFY(storyShotSeed(edited, s5, 1) != storyShotSeed(doc, s5, 1));

        QCOMPARE(storyShotSize(QStringLiteral("1:1"), 512).value(), (QPair<int, int> { 512, 512 }));
        QCOMPARE(storyShotSize(QStringLiteral("16:9"), 512).value(), (QPair<int, int> { 704, 384 }));
        QVERIFY(!storyShotSize(QStringLiteral("16"), 512));

        // the recipe: story and shot ids, LoRA by name as a tag with the automatic strength, the built prompt
        const StoryPromptBuilder builder(markerLibrary());
        const StoryDocument marker = markerStory();
        QStringList notes;
        const ImageRecipe r = storyShotRecipe(marker, builder, marker.shots().first(), 2, ImageRecipe(), &notes);
        QCOMPARE(r.extras.value(QLatin1String(StoryExtrasKey)), QStringLiteral("t"));
        QCOMPARE(r.extras.value(QLatin1String(ShotExtrasKey)), QStringLiteral("a"));
        QCOMPARE(r.extras.value(QLatin1String(TakeExtrasKey)), QStringLiteral("2"));
        QVERIFY2(r.prompt.endsWith(QStringLiteral(" <lora:ann-lora:0.85>")), qPrintable(r.prompt));
        QCOMPARE(r.seed, storyShotSeed(marker, marker.shots().first(), 2));
        QVERIFY(r.validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStory)
#include "tst_story.moc"
