// SPDX-License-Identifier: MIT
// Story boards (issue 16) on the bundled tiny model: rendering the example story puts one job per shot and take in
// the queue, every take lands in the gallery with its story and shot ids, the same shot and take give the identical
// image, and the export writes the frames, metadata.json, the shot list and the contact sheet PDF.

#include "gallery/galleryindex.h"
#include "jobs/jobqueue.h"
#include "jobs/remotegenerationjob.h"
#include "story/storycontactsheet.h"
#include "story/storyexport.h"
#include "story/storyrender.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

constexpr int kJobsTimeoutMs = 600000; // a generous bound, not a timing assertion

ImageRecipe tinyBase()
{
    ImageRecipe r;
    r.steps = 2;
    r.sampler = Sampler::Euler;
    r.precision = Precision::Fp32;
    r.device = Device::Cpu;
    return r;
}

StoryPromptBuilder builder()
{
    StoryTemplateLibrary library;
    library.load(StoryTemplateLibrary::builtInDir(), {});
    return StoryPromptBuilder(library);
}

/// Runs the items through a queue; every job must complete.
bool renderAll(const QList<StoryRenderItem>& items, const GenerationOptions& generation, int* queued = nullptr)
{
    JobQueue queue;
    QHash<quint64, JobResult> finished;
    QObject::connect(&queue, &JobQueue::jobFinished, [&](quint64 id, const JobResult& r) { finished.insert(id, r); });
    const QList<quint64> ids = submitStoryRender(queue, items, generation);
    if (queued)
        *queued = int(queue.jobs().size());
    if (!QTest::qWaitFor([&] { return finished.size() == ids.size(); }, kJobsTimeoutMs))
        return false;
    for (const quint64 id : ids) {
        if (finished.value(id).state != JobState::Completed) {
            qWarning("%s", qPrintable(finished.value(id).message));
            return false;
        }
    }
    return true;
}

} // namespace

class TestStoryRender : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    StoryDocument m_story;
    QList<StoryRenderItem> m_items;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString copy = m_dir.filePath(QStringLiteral("story.json"));
        QVERIFY(QFile::copy(
            qEnvironmentVariable("EASEL_RESOURCE_DIR") + QStringLiteral("/examples/harbour-story.json"), copy));
        QString error;
        std::optional<StoryDocument> story = StoryDocument::load(copy, &error);
        QVERIFY2(story, qPrintable(error));
        m_story = *story;
        StorySettings settings = m_story.settings();
        settings.baseSize = 64; // tiny images: 2.39:1 at 128x64
        settings.steps = 2;
        m_story.setSettings(settings);
    }

    void renderQueuesOneJobPerShotAndTake()
    {
        StoryRenderOptions options;
        options.base = tinyBase();
        options.takes = 2;
        options.generation.outputDir = m_dir.filePath(QStringLiteral("renders"));
        options.generation.preview = PreviewMode::None;
        QString error;
        const std::optional<QList<StoryRenderItem>> items
            = planStoryRender(m_story, builder(), options, nullptr, &error);
        QVERIFY2(items, qPrintable(error));
        QCOMPARE(items->size(), 16);
        QSet<QString> outputs;
        for (const StoryRenderItem& item : *items) {
            QCOMPARE(item.recipe.width, 128);
            QCOMPARE(item.recipe.height, 64);
            QCOMPARE(item.recipe.extras.value(QLatin1String(ShotExtrasKey)), item.shotId);
            outputs.insert(item.outputPath);
        }
        QCOMPARE(outputs.size(), 16);
        int queued = 0;
        QVERIFY(renderAll(*items, options.generation, &queued));
        QCOMPARE(queued, 16);
        m_items = *items;
        for (const StoryRenderItem& item : m_items)
            QVERIFY2(QFileInfo::exists(item.outputPath), qPrintable(item.outputPath));

        QCOMPARE(applyStoryRender(m_story, m_items).size(), 8);
        for (const StoryShot& shot : m_story.shots()) {
            QCOMPARE(shot.takes.size(), 2);
            QCOMPARE(shot.keyframe, shot.takes.first());
            QVERIFY(shot.takes.first().startsWith(QStringLiteral("renders/"))); // relative to the story
            QVERIFY(!shot.stale);
        }
        QVERIFY(m_story.setKeyframe(QStringLiteral("s03"), m_story.shot(QStringLiteral("s03"))->takes.at(1)));
    }

    void shotsGoToTheirEngines()
    {
        // The story's engine for every shot, one shot on another with its fallback, one back on this machine.
        StoryDocument story = m_story;
        StorySettings settings = story.settings();
        settings.backend = QStringLiteral("comfyui");
        settings.fallback = { QStringLiteral("local") };
        story.setSettings(settings);
        QList<StoryShot> shots = story.shots();
        QVERIFY(shots.size() >= 3);
        StoryShot first = shots.at(0);
        first.backend = QStringLiteral("stability");
        first.fallback = { QStringLiteral("openai"), QStringLiteral("local") };
        QVERIFY(story.setShot(first));
        StoryShot second = shots.at(1);
        second.backend = QStringLiteral("local");
        QVERIFY(story.setShot(second));
        QVERIFY(story.shot(second.id)->stale); // another engine renders it differently

        // Saved and loaded again, the routes are kept.
        const QString path = m_dir.filePath(QStringLiteral("engines.json"));
        QString error;
        QVERIFY2(story.save(path, &error), qPrintable(error));
        const std::optional<StoryDocument> loaded = StoryDocument::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->settings().backend, QStringLiteral("comfyui"));
        QCOMPARE(loaded->shot(first.id)->fallback, first.fallback);

        StoryRenderOptions options;
        options.base = tinyBase();
        options.shotIds = { first.id, second.id, shots.at(2).id };
        options.generation.outputDir = m_dir.filePath(QStringLiteral("engines"));
        const std::optional<QList<StoryRenderItem>> items = planStoryRender(*loaded, builder(), options);
        QVERIFY(items && items->size() == 3);
        JobQueue queue;
        queue.setPaused(true); // nothing is sent anywhere: what is queued is what this test checks
        const QList<quint64> ids = submitStoryRender(queue, *items, options.generation);
        QCOMPARE(ids.size(), 3);
        const auto* stability = dynamic_cast<const RemoteGenerationJob*>(queue.job(ids[0]));
        QVERIFY(stability);
        QCOMPARE(stability->remote().backend, QStringLiteral("stability"));
        QCOMPARE(stability->remote().fallback, first.fallback);
        QCOMPARE(stability->options().outputPath, items->at(0).outputPath);
        QCOMPARE(stability->recipe()->extras.value(QLatin1String(ShotExtrasKey)), first.id);
        QCOMPARE(queue.job(ids[1])->kind(), QStringLiteral("generate"));
        const auto* comfy = dynamic_cast<const RemoteGenerationJob*>(queue.job(ids[2]));
        QVERIFY(comfy);
        QCOMPARE(comfy->remote().backend, QStringLiteral("comfyui"));
        QCOMPARE(comfy->remote().fallback, QStringList { QStringLiteral("local") });
        queue.cancelAll();
    }

    void anUnknownEngineIsOneLineNamingTheField()
    {
        QJsonObject json = m_story.toJson();
        QJsonArray shots = json.value(QStringLiteral("shots")).toArray();
        QJsonObject shot = shots.at(1).toObject();
        shot.insert(QStringLiteral("backend"), QStringLiteral("midjourney"));
        shots.replace(1, shot);
        json.insert(QStringLiteral("shots"), shots);
        const QString path = m_dir.filePath(QStringLiteral("bad-engine.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(json).toJson());
        file.close();
        QString error;
        QVERIFY(!StoryDocument::load(path, &error));
        QVERIFY2(error.contains(QLatin1String("shots[1].backend")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));

        shot.insert(QStringLiteral("backend"), QStringLiteral("openai"));
        shot.insert(QStringLiteral("fallback"), QJsonArray { QStringLiteral("local"), QStringLiteral("stability") });
        shots.replace(1, shot);
        json.insert(QStringLiteral("shots"), shots);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson());
        file.close();
        QVERIFY(!StoryDocument::load(path, &error));
        QVERIFY2(error.contains(QLatin1String("shots[1].fallback")), qPrintable(error));
    }

    void everyKeyframeIsInTheGalleryWithItsIds()
    {
        QVERIFY(!m_items.isEmpty());
        GalleryIndex index(m_dir.filePath(QStringLiteral("gallery.sqlite")));
        QVERIFY(index.addFolder(m_dir.filePath(QStringLiteral("renders"))));
        index.rescan();
        QCOMPARE(index.search(QStringLiteral("story:harbour-letter")).size(), 16);
        QCOMPARE(index.search(QStringLiteral("story:other")).size(), 0);
        for (const StoryShot& shot : m_story.shots()) {
            const QList<GalleryEntry> found = index.search(QStringLiteral("story:harbour-letter shot:%1").arg(shot.id));
            QCOMPARE(found.size(), 2);
            QStringList paths;
            for (const GalleryEntry& e : found)
                paths.append(e.path);
            QVERIFY(paths.contains(QDir::cleanPath(m_story.resolvePath(shot.keyframe))));
        }
    }

    void sameShotRendersTheIdenticalImage()
    {
        QVERIFY(!m_items.isEmpty());
        StoryRenderOptions options;
        options.base = tinyBase();
        options.shotIds = { QStringLiteral("s05") };
        options.generation.outputDir = m_dir.filePath(QStringLiteral("again"));
        options.generation.preview = PreviewMode::None;
        const QList<StoryRenderItem> again = planStoryRender(m_story, builder(), options).value();
        QCOMPARE(again.size(), 1);
        QVERIFY(renderAll(again, options.generation));
        const QImage first(m_story.resolvePath(m_story.shot(QStringLiteral("s05"))->takes.at(0)));
        const QImage second(again.first().outputPath);
        QVERIFY(!first.isNull());
        QCOMPARE(second.convertToFormat(QImage::Format_RGB888), first.convertToFormat(QImage::Format_RGB888));
        const QImage otherTake(m_story.resolvePath(m_story.shot(QStringLiteral("s05"))->takes.at(1)));
        QVERIFY(otherTake.convertToFormat(QImage::Format_RGB888) != first.convertToFormat(QImage::Format_RGB888));
    }

    void exportWritesFramesMetadataPdfAndCsv()
    {
        QVERIFY(!m_items.isEmpty());
        const QString dir = m_dir.filePath(QStringLiteral("export"));
        const StoryPromptBuilder prompts = builder();
        QString error;
        const std::optional<StoryExportResult> result = exportStory(m_story, dir, &error, &prompts);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->frames.size(), 8);
        QVERIFY(result->notes.isEmpty());
        QCOMPARE(QFileInfo(result->frames.at(2)).fileName(), QStringLiteral("00-00-09.000_shot-003.png"));
        QCOMPARE(QFileInfo(result->frames.at(3)).fileName(), QStringLiteral("00-00-11.500_shot-004.png"));
        // the chosen keyframe of shot 3 (its second take) is the frame
        QFile chosen(m_story.resolvePath(m_story.shot(QStringLiteral("s03"))->keyframe));
        QFile frame(result->frames.at(2));
        QVERIFY(chosen.open(QIODevice::ReadOnly) && frame.open(QIODevice::ReadOnly));
        QCOMPARE(frame.readAll(), chosen.readAll());

        QFile metadataFile(result->metadataPath);
        QVERIFY(metadataFile.open(QIODevice::ReadOnly));
        const QJsonObject metadata = QJsonDocument::fromJson(metadataFile.readAll()).object();
        QCOMPARE(metadata.value(QStringLiteral("num_images")).toInt(), 8);
        const QJsonArray images = metadata.value(QStringLiteral("images")).toArray();
        QCOMPARE(images.size(), 8);
        QCOMPARE(images.at(3).toObject().value(QStringLiteral("timestamp")).toDouble(), 11.5);
        QCOMPARE(images.at(3).toObject().value(QStringLiteral("shot_id")).toString(), QStringLiteral("s04"));
        QVERIFY(images.at(3).toObject().value(QStringLiteral("prompt")).toString().contains(QStringLiteral("BREAK")));

        QFile csv(result->shotListPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 9);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("number,id,scene,timestamp")));
        QVERIFY2(
            lines.at(5).startsWith(QStringLiteral("5,s05,2,15.500,3.500,over-the-shoulder")), qPrintable(lines.at(5)));
        QVERIFY(lines.at(5).contains(QStringLiteral("Tomas; Mara")));
        QVERIFY(lines.at(5).contains(
            QStringLiteral("\"over Tomas' shoulder: Mara in the doorway, soaked, holding out the letter\"")));

        const QString pdf = dir + QStringLiteral("/contact-sheet.pdf");
        QVERIFY2(writeStoryContactSheet(m_story, pdf, &error), qPrintable(error));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdfFile.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(bytes.count("/Type /Page") - bytes.count("/Type /Pages"), 2); // 8 shots, 6 a page
    }

    void reexportRemovesOnlyTheEarlierExportsStaleFrames()
    {
        QVERIFY(!m_items.isEmpty());
        const QString dir = m_dir.filePath(QStringLiteral("reexport"));
        QString error;
        const std::optional<StoryExportResult> first = exportStory(m_story, dir, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(first->frames.size(), 8);
        QVERIFY(first->removedFrames.isEmpty());
        const QString moved = dir + QStringLiteral("/frames/00-00-11.500_shot-004.png");
        QVERIFY(QFileInfo::exists(moved));
        // a file the export did not write, in the same folder, with a name like a frame's
        const QString mine = dir + QStringLiteral("/frames/00-00-00.000_shot-099.png");
        QFile own(mine);
        QVERIFY(own.open(QIODevice::WriteOnly) && own.write("mine") == 4);
        own.close();

        StoryDocument story = m_story;
        StoryShot shot = *story.shot(QStringLiteral("s04"));
        shot.timestamp = 12.0;
        QVERIFY(story.setShot(shot));
        const std::optional<StoryExportResult> second = exportStory(story, dir, &error);
        QVERIFY2(second, qPrintable(error));
        QCOMPARE(second->frames.size(), 8);
        QCOMPARE(second->removedFrames, QStringList { moved });
        QVERIFY(!QFileInfo::exists(moved));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/frames/00-00-12.000_shot-004.png")));
        QVERIFY(QFileInfo::exists(mine));
        const QStringList onDisk = QDir(dir + QStringLiteral("/frames")).entryList(QDir::Files);
        QCOMPARE(onDisk.size(), 9); // the eight frames and the file that was not the export's

        // the same export again removes nothing
        const std::optional<StoryExportResult> third = exportStory(story, dir, &error);
        QVERIFY2(third, qPrintable(error));
        QVERIFY(third->removedFrames.isEmpty());
    }

    void exportNamesShotsWithoutKeyframeAndFailsInOneLine()
    {
        StoryDocument story = m_story;
        StoryShot shot = *story.shot(QStringLiteral("s08"));
        shot.takes.clear();
        shot.keyframe.clear();
        QVERIFY(story.setShot(shot));
        QString error;
        const std::optional<StoryExportResult> result
            = exportStory(story, m_dir.filePath(QStringLiteral("export2")), &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->frames.size(), 7);
        QCOMPARE(result->notes.size(), 1);
        QVERIFY(result->notes.first().contains(QLatin1Char('8')));

        QFile blocker(m_dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(!exportStory(story, m_dir.filePath(QStringLiteral("blocker/sub")), &error));
        QVERIFY2(error.contains(QStringLiteral("blocker")) && !error.contains(QLatin1Char('\n')), qPrintable(error));
    }
};

QTEST_MAIN(TestStoryRender)
#include "tst_storyrender.moc"
