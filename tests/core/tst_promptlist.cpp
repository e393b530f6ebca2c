// SPDX-License-Identifier: MIT
#include "batch/batchmetadata.h"
#include "batch/outputplan.h"
#include "batch/promptlist.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace easel;

namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestPromptList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testParse_data();
    void testParse();
    void testErrors_data();
    void testErrors();
    void testFromFile();
    void testFrameNames_data();
    void testFrameNames();
    void testSanitize_data();
    void testSanitize();
    void testOutputPlan();
    void testMetadata();
    void testMetadataWriteError();
};

void TestPromptList::testParse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("videoName");
    // One row per entry: "timestamp|prompt|negative|seed or -"
    QTest::addColumn<QStringList>("entries");

    QTest::newRow("object") << QByteArray(R"({"video_name": "intro", "prompts": [
            {"timestamp": 0, "prompt": "a sunrise", "negative_prompt": "blurry", "seed": 7},
            {"timestamp": 3.5, "prompt": "a forest"}]})")
                            << QStringLiteral("prompts.json") << QStringLiteral("intro")
                            << QStringList { QStringLiteral("0|a sunrise|blurry|7"),
                                   QStringLiteral("3.5|a forest||-") };
    QTest::newRow("bare array, name from stem")
        << QByteArray(R"([{"timestamp": 1.25, "prompt": "x", "seed": 4294967295}])")
        << QStringLiteral("/some/where/my.clip.json") << QStringLiteral("my.clip")
        << QStringList { QStringLiteral("1.25|x||4294967295") };
    QTest::newRow("empty video_name uses stem") << QByteArray(R"({"video_name": "  ", "prompts": [
            {"timestamp": 2, "prompt": "y"}]})") << QStringLiteral("clip.json")
                                                << QStringLiteral("clip") << QStringList { QStringLiteral("2|y||-") };
    QTest::newRow("video_name sanitised")
        << QByteArray(R"({"video_name": "../../etc/passwd", "prompts": [
            {"timestamp": 2, "prompt": "y"}]})")
        << QStringLiteral("clip.json") << QStringLiteral("_._etc_passwd") << QStringList { QStringLiteral("2|y||-") };
    QTest::newRow("nulls for optional fields, unknown keys ignored")
        << QByteArray(R"({"prompts": [{"timestamp": 9.75, "prompt": "z", "negative_prompt": null, "seed": null,
            "comment": "ignored"}], "fps": 24})")
        << QStringLiteral("prompts.json") << QStringLiteral("prompts") << QStringList { QStringLiteral("9.75|z||-") };
    QTest::newRow("unicode, not in time order")
        << QByteArray(R"({"video_name": "Café ☕", "prompts": [{"timestamp": 5, "prompt": "Ölgemälde, 夕日"},
            {"timestamp": 1, "prompt": "b", "seed": 0}]})")
        << QStringLiteral("p.json") << QStringLiteral("Café ☕")
        << QStringList { QStringLiteral("5|Ölgemälde, 夕日||-"), QStringLiteral("1|b||0") };
}

void TestPromptList::testParse()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, fileName);
    QFETCH(QString, videoName);
    QFETCH(QStringList, entries);

    QString error;
    const std::optional<PromptList> list = PromptList::fromJson(json, fileName, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->videoName(), videoName);
    QCOMPARE(list->sourceFile(), fileName);
    QCOMPARE(list->entries().size(), entries.size());
    for (int i = 0; i < entries.size(); ++i) {
        const PromptEntry& e = list->entries().at(i);
        const QStringList expected = entries.at(i).split(QLatin1Char('|'));
        QCOMPARE(e.index, i);
        QCOMPARE(e.timestamp, expected.at(0).toDouble());
        QCOMPARE(e.prompt, expected.at(1));
        QCOMPARE(e.negativePrompt, expected.at(2));
        if (expected.at(3) == QLatin1String("-"))
            QVERIFY(!e.seed.has_value());
        else
            QCOMPARE(e.seed.value(), expected.at(3).toLongLong());
    }
}

void TestPromptList::testErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    auto entry = [](const char* fields) -> QByteArray {
        return QByteArray(R"({"prompts": [{"timestamp": 0, "prompt": "ok"}, {"timestamp": 1, "prompt": "ok"},
            {"timestamp": 2, "prompt": "ok"}, {)")
            + QByteArray(fields) + QByteArray("}]}");
    };

    QTest::newRow("not JSON") << QByteArray(R"({"prompts": [)")
                              << QStringLiteral("prompts.json: not valid JSON at offset 13: unterminated array");
    QTest::newRow("trailing garbage") << QByteArray(
        R"([] x)") << QStringLiteral("prompts.json: not valid JSON at offset 3: garbage at the end of the document");
    QTest::newRow("not JSON at all") << QByteArray("timestamp,prompt\n1,a")
                                     << QStringLiteral("prompts.json: not valid JSON at offset 1: illegal value");
    QTest::newRow("top level number")
        << QByteArray(" 42 ")
        << QStringLiteral(
               "prompts.json: the top level must be an object with a 'prompts' array or an array of prompt entries");
    QTest::newRow("top level string")
        << QByteArray(R"("hello")")
        << QStringLiteral(
               "prompts.json: the top level must be an object with a 'prompts' array or an array of prompt entries");
    QTest::newRow("prompts missing") << QByteArray(R"({"video_name": "a"})")
                                     << QStringLiteral("prompts.json: 'prompts' is missing");
    QTest::newRow("prompts not array") << QByteArray(R"({"prompts": {"timestamp": 1}})")
                                       << QStringLiteral("prompts.json: 'prompts' must be an array");
    QTest::newRow("video_name not string") << QByteArray(R"({"video_name": 3, "prompts": []})")
                                           << QStringLiteral("prompts.json: 'video_name' must be a string");
    QTest::newRow("empty list") << QByteArray(R"({"prompts": []})")
                                << QStringLiteral("prompts.json: the prompt list is empty");
    QTest::newRow("empty bare array") << QByteArray("[]") << QStringLiteral("prompts.json: the prompt list is empty");
    QTest::newRow("entry not object") << QByteArray(R"([{"timestamp": 0, "prompt": "a"}, "b"])")
                                      << QStringLiteral("prompts.json: entry 1: must be an object");
    QTest::newRow("prompt missing") << entry(R"("timestamp": 3)")
                                    << QStringLiteral("prompts.json: entry 3: 'prompt' is missing");
    QTest::newRow("prompt not string") << entry(R"("timestamp": 3, "prompt": 5)")
                                       << QStringLiteral("prompts.json: entry 3: 'prompt' must be a string");
    QTest::newRow("prompt null") << entry(R"("timestamp": 3, "prompt": null)")
                                 << QStringLiteral("prompts.json: entry 3: 'prompt' must be a string");
    QTest::newRow("prompt empty") << entry(R"("timestamp": 3, "prompt": " \n ")")
                                  << QStringLiteral("prompts.json: entry 3: 'prompt' is empty");
    QTest::newRow("timestamp missing") << entry(R"("prompt": "a")")
                                       << QStringLiteral("prompts.json: entry 3: 'timestamp' is missing");
    QTest::newRow("timestamp negative") << entry(R"("timestamp": -0.5, "prompt": "a")")
                                        << QStringLiteral(
                                               "prompts.json: entry 3: 'timestamp' must be a non-negative number");
    QTest::newRow("timestamp string") << entry(R"("timestamp": "3.5", "prompt": "a")")
                                      << QStringLiteral(
                                             "prompts.json: entry 3: 'timestamp' must be a non-negative number");
    QTest::newRow("timestamp too large") << entry(R"("timestamp": 100000, "prompt": "a")")
                                         << QStringLiteral(
                                                "prompts.json: entry 3: 'timestamp' must be at most 99999.999 seconds");
    QTest::newRow("duplicate timestamp")
        << entry(R"("timestamp": 1.0, "prompt": "a")")
        << QStringLiteral("prompts.json: entry 3: 'timestamp' 1 duplicates entry 1 (both are frame_00001000.png)");
    QTest::newRow("same millisecond")
        << entry(R"("timestamp": 2.0004, "prompt": "a")")
        << QStringLiteral("prompts.json: entry 3: 'timestamp' 2.0004 duplicates entry 2 (both are frame_00002000.png)");
    QTest::newRow("negative_prompt not string")
        << entry(R"("timestamp": 3, "prompt": "a", "negative_prompt": ["x"])")
        << QStringLiteral("prompts.json: entry 3: 'negative_prompt' must be a string");
    QTest::newRow("seed string") << entry(R"("timestamp": 3, "prompt": "a", "seed": "7")")
                                 << QStringLiteral("prompts.json: entry 3: 'seed' must be an integer");
    QTest::newRow("seed fraction") << entry(R"("timestamp": 3, "prompt": "a", "seed": 7.5)")
                                   << QStringLiteral("prompts.json: entry 3: 'seed' must be an integer");
    QTest::newRow("seed negative") << entry(R"("timestamp": 3, "prompt": "a", "seed": -1)")
                                   << QStringLiteral("prompts.json: entry 3: 'seed' must be from 0 to 4294967295");
    QTest::newRow("seed too large") << entry(R"("timestamp": 3, "prompt": "a", "seed": 4294967296)")
                                    << QStringLiteral("prompts.json: entry 3: 'seed' must be from 0 to 4294967295");
}

void TestPromptList::testErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!PromptList::fromJson(json, QStringLiteral("/data/prompts.json"), &error));
    QCOMPARE(error, message);
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestPromptList::testFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("scenes.json"));
    QVERIFY(writeFile(path, R"([{"timestamp": 0.5, "prompt": "a"}, {"timestamp": 1.5, "prompt": "b"}])"));

    QString error;
    const std::optional<PromptList> list = PromptList::fromFile(path, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->videoName(), QStringLiteral("scenes"));
    QCOMPARE(list->sourceFile(), path);
    QCOMPARE(list->entries().size(), 2);

    QVERIFY(writeFile(path, R"({"prompts": [{"timestamp": 1, "prompt": ""}]})"));
    QVERIFY(!PromptList::fromFile(path, &error));
    QCOMPARE(error, QStringLiteral("scenes.json: entry 0: 'prompt' is empty"));

    QVERIFY(!PromptList::fromFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.startsWith(QLatin1String("missing.json: cannot read: ")), qPrintable(error));
}

void TestPromptList::testFrameNames_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("fileName");

    QTest::newRow("zero") << 0.0 << qint64(0) << QStringLiteral("frame_00000000.png");
    QTest::newRow("3.5 s") << 3.5 << qint64(3500) << QStringLiteral("frame_00003500.png");
    QTest::newRow("half ms rounds up") << 1.2345 << qint64(1235) << QStringLiteral("frame_00001235.png");
    QTest::newRow("0.0015 is 1.5 ms in doubles") << 0.0015 << qint64(2) << QStringLiteral("frame_00000002.png");
    QTest::newRow("0.5005 is below half in doubles") << 0.5005 << qint64(500) << QStringLiteral("frame_00000500.png");
    QTest::newRow("sub-ms rounds down") << 12.3454 << qint64(12345) << QStringLiteral("frame_00012345.png");
    QTest::newRow("largest") << 99999.999 << qint64(99999999) << QStringLiteral("frame_99999999.png");
}

void TestPromptList::testFrameNames()
{
    QFETCH(double, seconds);
    QFETCH(qint64, milliseconds);
    QFETCH(QString, fileName);

    QCOMPARE(PromptList::timestampToMilliseconds(seconds), milliseconds);
    QCOMPARE(PromptList::frameFileName(milliseconds), fileName);
    PromptEntry entry;
    entry.timestamp = seconds;
    QCOMPARE(entry.frameFileName(), fileName);
}

void TestPromptList::testSanitize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("My Video 01") << QStringLiteral("My Video 01");
    QTest::newRow("slashes") << QStringLiteral("a/b\\c") << QStringLiteral("a_b_c");
    QTest::newRow("parent dir") << QStringLiteral("..") << QStringLiteral("video");
    QTest::newRow("traversal") << QStringLiteral("../x") << QStringLiteral("_x");
    QTest::newRow("dots inside") << QStringLiteral("a..b...c") << QStringLiteral("a.b.c");
    QTest::newRow("leading and trailing") << QStringLiteral("  .hidden. ") << QStringLiteral("hidden");
    QTest::newRow("windows characters") << QStringLiteral("a:b*c?d\"e<f>g|h") << QStringLiteral("a_b_c_d_e_f_g_h");
    QTest::newRow("control characters") << QStringLiteral("a\tb\nc") << QStringLiteral("a_b_c");
    QTest::newRow("reserved device") << QStringLiteral("con") << QStringLiteral("_con");
    QTest::newRow("reserved with suffix") << QStringLiteral("NUL.txt") << QStringLiteral("_NUL.txt");
    QTest::newRow("empty") << QString() << QStringLiteral("video");
    QTest::newRow("long") << QString(200, QLatin1Char('x')) << QString(120, QLatin1Char('x'));
    QTest::newRow("unicode kept") << QStringLiteral("Fête ☕") << QStringLiteral("Fête ☕");
    // Found by fuzzing (tests/fuzz, fuzz_promptlist): the '_' of a reserved name came after the length cap.
    QTest::newRow("long reserved") << QStringLiteral("CON.") + QString(200, QLatin1Char('x'))
                                   << QStringLiteral("_CON.") + QString(115, QLatin1Char('x'));
}

void TestPromptList::testSanitize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);

    const QString sanitized = PromptList::sanitizeVideoName(name);
    QCOMPARE(sanitized, expected);
    QVERIFY(!sanitized.contains(QLatin1Char('/')));
    QVERIFY(!sanitized.contains(QLatin1String("..")));
    QVERIFY(sanitized.size() <= 120);
    QCOMPARE(PromptList::sanitizeVideoName(sanitized), sanitized);
}

void TestPromptList::testOutputPlan()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const std::optional<PromptList> list = PromptList::fromJson(R"({"video_name": "clip", "prompts": [
        {"timestamp": 0, "prompt": "a"}, {"timestamp": 3.5, "prompt": "b"}, {"timestamp": 7.25, "prompt": "c"}]})",
        QStringLiteral("p.json"));
    QVERIFY(list);

    OutputPlan plan(*list, root.path());
    const QString dir = QDir(root.path()).filePath(QStringLiteral("clip"));
    QCOMPARE(plan.outputDir(), dir);
    QCOMPARE(plan.metadataPath(), dir + QStringLiteral("/metadata.json"));
    QCOMPARE(plan.frames().size(), 3);
    QCOMPARE(plan.frames().at(1).path, dir + QStringLiteral("/frame_00003500.png"));
    QCOMPARE(plan.frames().at(2).path, dir + QStringLiteral("/frame_00007250.png"));
    QCOMPARE(plan.pendingFrames().size(), 3);
    QVERIFY(plan.completedFrames().isEmpty());

    QString error;
    QVERIFY2(plan.createOutputDir(&error), qPrintable(error));
    QVERIFY(QFileInfo(dir).isDir());
    // A frame written earlier, and an unrelated leftover temp file that must not count.
    QVERIFY(writeFile(dir + QStringLiteral("/frame_00003500.png"), "png"));
    QVERIFY(writeFile(dir + QStringLiteral("/frame_00007250.png.AbCdEf"), "partial"));

    // A fresh plan (resume after restart) and refresh() both see it.
    const OutputPlan resumed(*list, root.path());
    QCOMPARE(resumed.pendingFrames().size(), 2);
    QCOMPARE(resumed.pendingFrames().at(0).entry.index, 0);
    QCOMPARE(resumed.pendingFrames().at(1).entry.index, 2);
    QCOMPARE(resumed.completedFrames().size(), 1);
    QCOMPARE(resumed.completedFrames().at(0).entry.prompt, QStringLiteral("b"));

    QCOMPARE(plan.pendingFrames().size(), 3);
    plan.refresh();
    QCOMPARE(plan.pendingFrames().size(), 2);
    QVERIFY(plan.frames().at(1).exists);

    // A folder where a file should be cannot be created.
    QVERIFY(writeFile(root.filePath(QStringLiteral("blocked")), "x"));
    const std::optional<PromptList> blocked
        = PromptList::fromJson(R"([{"timestamp": 0, "prompt": "a"}])", QStringLiteral("blocked.json"));
    QVERIFY(blocked);
    QVERIFY(!OutputPlan(*blocked, root.path()).createOutputDir(&error));
    QVERIFY2(error.startsWith(QLatin1String("Cannot create the folder")), qPrintable(error));
}

void TestPromptList::testMetadata()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString promptsPath = root.filePath(QStringLiteral("prompts.json"));
    QVERIFY(writeFile(promptsPath, R"({"video_name": "clip", "prompts": [
        {"timestamp": 0, "prompt": "a"}, {"timestamp": 3.5, "prompt": "b, c"}, {"timestamp": 7.25, "prompt": "d"}]})"));
    const std::optional<PromptList> list = PromptList::fromFile(promptsPath);
    QVERIFY(list);
    OutputPlan plan(*list, root.path());
    QVERIFY(plan.createOutputDir());
    QVERIFY(writeFile(plan.frames().at(0).path, "png"));
    QVERIFY(writeFile(plan.frames().at(1).path, "png"));
    plan.refresh();

    BatchMetadata meta = BatchMetadata::fromPlan(*list, plan);
    meta.model = QStringLiteral("tiny-sd15");
    meta.backend = QStringLiteral("libtorch-cpu");
    // 14:30 at UTC+02:00 is 12:30 UTC.
    meta.generatedAt = QDateTime(QDate(2024, 5, 1), QTime(14, 30, 5), QTimeZone(2 * 3600));
    meta.steps = 25;
    meta.guidance = 6.5;
    meta.width = 512;
    meta.height = 768;
    meta.negativePrompt = QStringLiteral("blurry");

    QString error;
    QVERIFY2(meta.write(plan.metadataPath(), &error), qPrintable(error));
    // Atomic write: only the frames and metadata.json remain, no temporary file.
    QCOMPARE(QDir(plan.outputDir()).entryList(QDir::Files, QDir::Name),
        (QStringList { QStringLiteral("frame_00000000.png"), QStringLiteral("frame_00003500.png"),
            QStringLiteral("metadata.json") }));

    QFile file(plan.metadataPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QStringList keys = json.keys();
    keys.sort();
    QCOMPARE(keys,
        (QStringList { QStringLiteral("backend"), QStringLiteral("generated_at"), QStringLiteral("images"),
            QStringLiteral("model"), QStringLiteral("num_images"), QStringLiteral("output_dir"),
            QStringLiteral("prompts_file"), QStringLiteral("settings"), QStringLiteral("video_name") }));
    QCOMPARE(json.value(QStringLiteral("video_name")).toString(), QStringLiteral("clip"));
    QCOMPARE(json.value(QStringLiteral("prompts_file")).toString(), promptsPath);
    QCOMPARE(json.value(QStringLiteral("output_dir")).toString(), plan.outputDir());
    QCOMPARE(json.value(QStringLiteral("model")).toString(), QStringLiteral("tiny-sd15"));
    QCOMPARE(json.value(QStringLiteral("backend")).toString(), QStringLiteral("libtorch-cpu"));
    QCOMPARE(json.value(QStringLiteral("num_images")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("generated_at")).toString(), QStringLiteral("2024-05-01T12:30:05Z"));

    const QJsonObject settings = json.value(QStringLiteral("settings")).toObject();
    keys = settings.keys();
    keys.sort();
    QCOMPARE(keys,
        (QStringList { QStringLiteral("guidance_scale"), QStringLiteral("image_size"),
            QStringLiteral("negative_prompt"), QStringLiteral("num_inference_steps") }));
    QCOMPARE(settings.value(QStringLiteral("num_inference_steps")).toInt(), 25);
    QCOMPARE(settings.value(QStringLiteral("guidance_scale")).toDouble(), 6.5);
    QCOMPARE(settings.value(QStringLiteral("image_size")).toString(), QStringLiteral("512x768"));
    QCOMPARE(settings.value(QStringLiteral("negative_prompt")).toString(), QStringLiteral("blurry"));

    const QJsonArray images = json.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 2);
    const QJsonObject second = images.at(1).toObject();
    keys = second.keys();
    keys.sort();
    QCOMPARE(keys,
        (QStringList { QStringLiteral("image_path"), QStringLiteral("prompt"), QStringLiteral("section_index"),
            QStringLiteral("timestamp") }));
    QCOMPARE(second.value(QStringLiteral("image_path")).toString(), plan.frames().at(1).path);
    QCOMPARE(second.value(QStringLiteral("timestamp")).toDouble(), 3.5);
    QCOMPARE(second.value(QStringLiteral("prompt")).toString(), QStringLiteral("b, c"));
    QCOMPARE(second.value(QStringLiteral("section_index")).toInt(), 1);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("section_index")).toInt(), 0);

    // Without a time the writer stamps the current UTC time.
    meta.generatedAt = QDateTime();
    const QString now = meta.toJson().value(QStringLiteral("generated_at")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)")).match(now).hasMatch(),
        qPrintable(now));
    QVERIFY(qAbs(QDateTime::fromString(now, Qt::ISODate).secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void TestPromptList::testMetadataWriteError()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    BatchMetadata meta;
    QString error;
    const QString path = root.filePath(QStringLiteral("no/such/dir/metadata.json"));
    QVERIFY(!meta.write(path, &error));
    QVERIFY2(
        error.startsWith(QStringLiteral("Cannot write '%1': ").arg(QDir::toNativeSeparators(path))), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_GUILESS_MAIN(TestPromptList)
#include "tst_promptlist.moc"
