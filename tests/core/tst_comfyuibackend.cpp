// SPDX-License-Identifier: MIT
// The ComfyUI backend against a fake ComfyUI on loopback (fakecomfyui.h) that validates every graph as the
// real server does: the recipe's graph with a LoRA stack, img2img through /upload/image, a workflow template's
// slots, progress and preview frames, cancel (/interrupt), the bearer token, refused workflows and failures as
// one line, a slow server, a refused connection, no WebSocket; and two servers running two queued jobs at once
// (from the fakes' recorded order of events, never from clocks).

#include "backends/cloudsettings.h"
#include "backends/comfyuibackend.h"
#include "backends/comfyworkflow.h"
#include "gallery/imagefile.h"
#include "jobs/jobqueue.h"
#include "jobs/remotegenerationjob.h"

#include "fakecomfyui.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <vector>

using namespace easel;

namespace {

constexpr int RunTimeoutMs = 60000;

QStringList nodesOf(const QJsonObject& graph, const QString& classType)
{
    QStringList ids;
    for (auto it = graph.begin(); it != graph.end(); ++it) {
        if (it->toObject().value(QStringLiteral("class_type")).toString() == classType)
            ids << it.key();
    }
    std::sort(ids.begin(), ids.end(), [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    return ids;
}

QJsonObject inputsOf(const QJsonObject& graph, const QString& id)
{
    return graph.value(id).toObject().value(QStringLiteral("inputs")).toObject();
}

QJsonArray linkTo(const QString& id, int output) { return QJsonArray { id, output }; }

cv::Mat decode(const QByteArray& bytes)
{
    return cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData())), cv::IMREAD_COLOR);
}

ImageRecipe smallRecipe()
{
    ImageRecipe r;
    r.prompt = QStringLiteral("a lighthouse at dusk");
    r.negativePrompt = QStringLiteral("blurry");
    r.model = QStringLiteral("v1-5-pruned-emaonly.safetensors");
    r.steps = 3;
    r.guidance = 6.5;
    r.width = 64;
    r.height = 48;
    r.seed = 1234;
    return r;
}

BackendEndpoint endpointOf(const fake::FakeComfyUI& server)
{
    BackendEndpoint e;
    e.baseUrl = server.url();
    e.timeoutSec = 30;
    return e;
}

const char* fluxTemplate = R"({
 "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors", "weight_dtype": "default"}},
 "2": {"class_type": "DualCLIPLoader", "inputs": {"clip_name1": "t5xxl_fp16.safetensors", "clip_name2": "clip_l.safetensors", "type": "flux"}},
 "3": {"class_type": "VAELoader", "inputs": {"vae_name": "ae.safetensors"}},
 "4": {"class_type": "CLIPTextEncode", "inputs": {"text": "cinematic photo, {{prompt}}", "clip": ["2", 0]}},
 "5": {"class_type": "FluxGuidance", "inputs": {"conditioning": ["4", 0], "guidance": "{{cfg}}"}},
 "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["2", 0]}},
 "7": {"class_type": "EmptySD3LatentImage", "inputs": {"width": "{{width}}", "height": "{{height}}", "batch_size": "{{batch_size}}"}},
 "8": {"class_type": "KSampler", "inputs": {"model": ["1", 0], "seed": "{{ seed }}", "steps": "{{steps}}", "cfg": 1.0,
       "sampler_name": "{{sampler}}", "scheduler": "simple", "positive": ["5", 0], "negative": ["6", 0],
       "latent_image": ["7", 0], "denoise": 1.0}},
 "9": {"class_type": "VAEDecode", "inputs": {"samples": ["8", 0], "vae": ["3", 0]}},
 "10": {"class_type": "SaveImage", "inputs": {"images": ["9", 0], "filename_prefix": "flux"}}
})";

/// Test-only remote job: one recipe on one ComfyUI server (its lane), each image written as a PNG with the
/// recipe in Easel's chunks.
class ComfyTestJob : public Job {
public:
    ComfyTestJob(QUrl server, ImageRecipe recipe, QString outputDir)
        : m_server(std::move(server))
        , m_recipe(std::move(recipe))
        , m_outputDir(std::move(outputDir))
    {
    }

    QString kind() const override { return QStringLiteral("comfyui-test"); }
    QString title() const override { return m_recipe.prompt; }
    QString lane() const override { return ComfyUIBackend::laneFor(m_server); }
    const ImageRecipe* recipe() const override { return &m_recipe; }

    JobResult run(JobContext& context) override
    {
        BackendEndpoint endpoint;
        endpoint.baseUrl = m_server;
        ComfyUIBackend backend(endpoint);
        BackendCallbacks callbacks;
        callbacks.cancelled = [&] { return context.cancelToken().isCancelled(); };
        callbacks.progress = [&](int step, int steps) {
            JobProgress p;
            p.phase = JobPhase::Sampling;
            p.step = step;
            p.steps = steps;
            context.progress(p);
        };
        callbacks.preview = [&](const Preview& image) { context.preview(0, 0, image); };
        const BackendResult out = backend.run(m_recipe, callbacks);
        JobResult result;
        if (out.error.isError()) {
            result.state = out.error.kind == BackendErrorKind::Cancelled ? JobState::Cancelled : JobState::Failed;
            result.message = out.error.message;
            return result;
        }
        for (const BackendImage& image : out.images) {
            ImageRecipe r = m_recipe;
            r.seed = image.seed;
            r.modelName = image.remoteModel;
            for (auto it = image.extras.begin(); it != image.extras.end(); ++it)
                r.extras.insert(it.key(), it.value());
            const QString path
                = QDir(m_outputDir)
                      .filePath(
                          QStringLiteral("comfy-%1.png").arg(image.extras.value(QStringLiteral("comfyui_prompt_id"))));
            ImageFile::savePng(path, image.encoded,
                { { QStringLiteral("parameters"), r.toA1111Parameters() },
                    { QStringLiteral("easel"), QString::fromUtf8(r.toJsonText()) } });
            SavedImage saved { path, r, {}, {} };
            context.imageSaved(saved);
            result.saved << saved;
        }
        return result;
    }

    QJsonObject toJson() const override
    {
        return { { QStringLiteral("kind"), kind() }, { QStringLiteral("server"), m_server.toString() },
            { QStringLiteral("recipe"), m_recipe.toJson() } };
    }
    std::unique_ptr<Job> clone() const override { return std::make_unique<ComfyTestJob>(*this); }

private:
    QUrl m_server;
    ImageRecipe m_recipe;
    QString m_outputDir;
};

} // namespace

class TestComfyUIBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { ComfyUIBackend::clearCapabilityCache(); }

    void samplerTable_data()
    {
        QTest::addColumn<int>("sampler");
        QTest::addColumn<int>("schedule");
        QTest::addColumn<QString>("comfySampler");
        QTest::addColumn<QString>("comfyScheduler");
        QTest::newRow("auto") << int(Sampler::Auto) << int(SigmaSchedule::Auto) << QStringLiteral("euler")
                              << QStringLiteral("normal");
        QTest::newRow("euler a") << int(Sampler::EulerA) << int(SigmaSchedule::Auto)
                                 << QStringLiteral("euler_ancestral") << QStringLiteral("normal");
        QTest::newRow("dpm++ 2m karras") << int(Sampler::DpmPP2M) << int(SigmaSchedule::Karras)
                                         << QStringLiteral("dpmpp_2m") << QStringLiteral("karras");
        QTest::newRow("ddim") << int(Sampler::Ddim) << int(SigmaSchedule::Auto) << QStringLiteral("ddim")
                              << QStringLiteral("ddim_uniform");
        QTest::newRow("ddim default") << int(Sampler::Ddim) << int(SigmaSchedule::Default) << QStringLiteral("ddim")
                                      << QStringLiteral("normal");
        QTest::newRow("lcm") << int(Sampler::Lcm) << int(SigmaSchedule::Auto) << QStringLiteral("lcm")
                             << QStringLiteral("sgm_uniform");
        QTest::newRow("pndm") << int(Sampler::Pndm) << int(SigmaSchedule::Auto) << QStringLiteral("ipndm")
                              << QStringLiteral("normal");
        QTest::newRow("unipc") << int(Sampler::UniPC) << int(SigmaSchedule::Karras) << QStringLiteral("uni_pc")
                               << QStringLiteral("karras");
        QTest::newRow("heun") << int(Sampler::Heun) << int(SigmaSchedule::Default) << QStringLiteral("heun")
                              << QStringLiteral("normal");
    }

    void samplerTable()
    {
        QFETCH(int, sampler);
        QFETCH(int, schedule);
        const comfy::SamplerNames names = comfy::samplerNames(Sampler(sampler), SigmaSchedule(schedule));
        QTEST(names.sampler, "comfySampler");
        QTEST(names.scheduler, "comfyScheduler");
    }

    void serverNamesAndLoraTags()
    {
        const QStringList names { QStringLiteral("SD1.5/v1-5-pruned-emaonly.safetensors"),
            QStringLiteral("sdxl.ckpt") };
        QCOMPARE(
            comfy::matchServerName(QStringLiteral("/home/me/models/v1-5-pruned-emaonly.safetensors"), names), names[0]);
        QCOMPARE(comfy::matchServerName(QStringLiteral("C:\\models\\SDXL.safetensors"), names), names[1]);
        QCOMPARE(comfy::matchServerName(QStringLiteral("sdxl.ckpt"), names), names[1]);
        QCOMPARE(comfy::matchServerName(QStringLiteral("other.safetensors"), names), QString());
        QList<LoraRef> loras;
        QCOMPARE(comfy::takeLoraTags(QStringLiteral("a cat <lora:pixel:0.5>, cute <lora:detail>"), &loras),
            QStringLiteral("a cat , cute"));
        QCOMPARE(loras.size(), 2);
        QCOMPARE(loras[0].path, QStringLiteral("pixel"));
        QCOMPARE(loras[0].weight, 0.5);
        QCOMPARE(loras[1].weight, 1.0);
        QCOMPARE(comfy::takeLoraTags(QStringLiteral("no tags"), &loras), QStringLiteral("no tags"));
        QCOMPARE(ComfyUIBackend::laneFor(QUrl(QStringLiteral("http://GPU-Box:8188/"))),
            QStringLiteral("comfyui@gpu-box:8188"));
        QCOMPARE(ComfyUIBackend::laneFor(QUrl(QStringLiteral("https://comfy.example.com/api"))),
            QStringLiteral("comfyui@comfy.example.com:443"));
    }

    void builtGraphOfABatch()
    {
        ImageRecipe recipe = smallRecipe();
        recipe.initImage = QStringLiteral("source.png");
        recipe.batchSize = 3;
        comfy::GraphInputs in;
        in.checkpoint = QStringLiteral("a.safetensors");
        in.initImage = QStringLiteral("easel-1.png");
        const QJsonObject graph = comfy::buildWorkflow(recipe, in);
        const QStringList repeat = nodesOf(graph, QStringLiteral("RepeatLatentBatch"));
        QCOMPARE(repeat.size(), 1);
        QCOMPARE(inputsOf(graph, repeat[0]).value(QStringLiteral("amount")).toInt(), 3);
        QCOMPARE(inputsOf(graph, repeat[0]).value(QStringLiteral("samples")).toArray(),
            linkTo(nodesOf(graph, QStringLiteral("VAEEncode")).first(), 0));
        QCOMPARE(graph.keys().size(), 9); // loader, 2 text encodes, load, VAE encode, repeat, sampler, decode, save
        QCOMPARE(comfy::nativeSizeFor(QStringLiteral("SDXL/sd_xl_base_1.0.safetensors")), 1024);
        QCOMPARE(comfy::nativeSizeFor(QStringLiteral("v1-5-pruned-emaonly.safetensors")), 512);
    }

    void previewFramesDecode()
    {
        const cv::Mat image(6, 10, CV_8UC3, cv::Scalar(0, 0, 255)); // BGR: red
        std::vector<uchar> png;
        cv::imencode(".png", image, png);
        const QByteArray encoded(reinterpret_cast<const char*>(png.data()), qsizetype(png.size()));
        QByteArray frame(8, '\0');
        qToBigEndian<quint32>(1, frame.data());
        qToBigEndian<quint32>(2, frame.data() + 4);
        std::optional<Preview> preview = ComfyUIBackend::decodePreviewFrame(frame + encoded);
        QVERIFY(preview);
        QCOMPARE(preview->width, 10);
        QCOMPARE(preview->height, 6);
        QVERIFY(!preview->isNull());
        QCOMPARE(quint8(preview->rgb[0]), quint8(255)); // RGB order
        QCOMPARE(quint8(preview->rgb[2]), quint8(0));
        const QByteArray meta = R"({"node_id":"3","prompt_id":"x","image_type":"image/png"})";
        QByteArray withMeta(8, '\0');
        qToBigEndian<quint32>(4, withMeta.data());
        qToBigEndian<quint32>(quint32(meta.size()), withMeta.data() + 4);
        preview = ComfyUIBackend::decodePreviewFrame(withMeta + meta + encoded);
        QVERIFY(preview);
        QCOMPARE(preview->width, 10);
        QVERIFY(!ComfyUIBackend::decodePreviewFrame(frame + "not an image"));
        QByteArray text(8, '\0');
        qToBigEndian<quint32>(3, text.data());
        QVERIFY(!ComfyUIBackend::decodePreviewFrame(text + encoded));
        QVERIFY(!ComfyUIBackend::decodePreviewFrame(QByteArray("\0\0", 2)));
    }

    void capabilitiesAreReadAndCached()
    {
        fake::FakeComfyUI server;
        ComfyUIBackend backend(endpointOf(server));
        const BackendCapabilities caps = backend.capabilities();
        QCOMPARE(backend.capabilitiesError().kind, BackendErrorKind::None);
        QCOMPARE(caps.models, server.checkpoints);
        QCOMPARE(caps.loras, server.loras);
        QVERIFY(caps.samplers.contains(QStringLiteral("dpmpp_2m")));
        QVERIFY(caps.lora && caps.imageToImage && caps.negativePrompt && caps.seed);
        QCOMPARE(caps.maxImagesPerRequest, 64);
        ComfyUIBackend second(endpointOf(server));
        QCOMPARE(second.capabilities().models, server.checkpoints);
        QCOMPARE(server.count(QStringLiteral("/object_info")), 1);
        QCOMPARE(backend.displayName(), QStringLiteral("ComfyUI (127.0.0.1:%1)").arg(server.url().port()));
    }

    void txt2imgWithTwoLoras()
    {
        fake::FakeComfyUI server;
        server.historyLag = 2;
        ComfyUIBackend backend(endpointOf(server));
        ImageRecipe recipe = smallRecipe();
        recipe.prompt = QStringLiteral("a lighthouse at dusk <lora:pixel:0.5>");
        recipe.model = QStringLiteral("/home/me/models/v1-5-pruned-emaonly.safetensors");
        recipe.loras = { LoraRef { QStringLiteral("/home/me/loras/detail-tweaker.safetensors"), 0.8 } };
        recipe.sampler = Sampler::DpmPP2M;
        recipe.schedule = SigmaSchedule::Karras;
        recipe.batchSize = 2;
        recipe.clipSkip = 2;
        QList<std::pair<int, int>> steps;
        BackendCallbacks callbacks;
        callbacks.progress = [&](int step, int total) { steps.append({ step, total }); };
        const BackendResult result = backend.run(recipe, callbacks);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));

        QCOMPARE(server.runs().size(), 2); // one prompt per image, seed + k
        const QJsonObject graph = server.runs().first().graph;
        const QStringList loader = nodesOf(graph, QStringLiteral("CheckpointLoaderSimple"));
        const QStringList loras = nodesOf(graph, QStringLiteral("LoraLoader"));
        const QStringList lastLayer = nodesOf(graph, QStringLiteral("CLIPSetLastLayer"));
        const QStringList encodes = nodesOf(graph, QStringLiteral("CLIPTextEncode"));
        const QStringList sampler = nodesOf(graph, QStringLiteral("KSampler"));
        const QStringList latent = nodesOf(graph, QStringLiteral("EmptyLatentImage"));
        QCOMPARE(loader.size(), 1);
        QCOMPARE(loras.size(), 2);
        QCOMPARE(lastLayer.size(), 1);
        QCOMPARE(encodes.size(), 2);
        QCOMPARE(sampler.size(), 1);
        QCOMPARE(latent.size(), 1);
        QCOMPARE(nodesOf(graph, QStringLiteral("SaveImage")).size(), 1);
        QCOMPARE(inputsOf(graph, loader[0]).value(QStringLiteral("ckpt_name")).toString(),
            QStringLiteral("v1-5-pruned-emaonly.safetensors"));
        // The stack: recipe's LoRA first (subfolder name on the server), then the prompt's tag, chained.
        const QJsonObject first = inputsOf(graph, loras[0]);
        const QJsonObject second = inputsOf(graph, loras[1]);
        QCOMPARE(
            first.value(QStringLiteral("lora_name")).toString(), QStringLiteral("styles/detail-tweaker.safetensors"));
        QCOMPARE(first.value(QStringLiteral("model")).toArray(), linkTo(loader[0], 0));
        QCOMPARE(first.value(QStringLiteral("clip")).toArray(), linkTo(loader[0], 1));
        QCOMPARE(first.value(QStringLiteral("strength_model")).toDouble(), 0.8);
        QCOMPARE(first.value(QStringLiteral("strength_clip")).toDouble(), 0.8);
        QCOMPARE(second.value(QStringLiteral("lora_name")).toString(), QStringLiteral("pixel.safetensors"));
        QCOMPARE(second.value(QStringLiteral("model")).toArray(), linkTo(loras[0], 0));
        QCOMPARE(second.value(QStringLiteral("clip")).toArray(), linkTo(loras[0], 1));
        QCOMPARE(second.value(QStringLiteral("strength_clip")).toDouble(), 0.5);
        QCOMPARE(inputsOf(graph, lastLayer[0]).value(QStringLiteral("clip")).toArray(), linkTo(loras[1], 1));
        QCOMPARE(inputsOf(graph, lastLayer[0]).value(QStringLiteral("stop_at_clip_layer")).toInt(), -2);
        QCOMPARE(inputsOf(graph, encodes[0]).value(QStringLiteral("text")).toString(),
            QStringLiteral("a lighthouse at dusk"));
        QCOMPARE(inputsOf(graph, encodes[1]).value(QStringLiteral("text")).toString(), QStringLiteral("blurry"));
        QCOMPARE(inputsOf(graph, encodes[0]).value(QStringLiteral("clip")).toArray(), linkTo(lastLayer[0], 0));
        const QJsonObject ks = inputsOf(graph, sampler[0]);
        QCOMPARE(ks.value(QStringLiteral("model")).toArray(), linkTo(loras[1], 0));
        QCOMPARE(ks.value(QStringLiteral("positive")).toArray(), linkTo(encodes[0], 0));
        QCOMPARE(ks.value(QStringLiteral("negative")).toArray(), linkTo(encodes[1], 0));
        QCOMPARE(ks.value(QStringLiteral("latent_image")).toArray(), linkTo(latent[0], 0));
        QCOMPARE(ks.value(QStringLiteral("sampler_name")).toString(), QStringLiteral("dpmpp_2m"));
        QCOMPARE(ks.value(QStringLiteral("scheduler")).toString(), QStringLiteral("karras"));
        QCOMPARE(ks.value(QStringLiteral("seed")).toInteger(), 1234);
        QCOMPARE(ks.value(QStringLiteral("steps")).toInt(), 3);
        QCOMPARE(ks.value(QStringLiteral("cfg")).toDouble(), 6.5);
        QCOMPARE(ks.value(QStringLiteral("denoise")).toDouble(), 1.0);
        QCOMPARE(inputsOf(graph, latent[0]).value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(inputsOf(graph, latent[0]).value(QStringLiteral("height")).toInt(), 48);
        QCOMPARE(inputsOf(graph, latent[0]).value(QStringLiteral("batch_size")).toInt(), 1);
        const QJsonObject secondGraph = server.runs().at(1).graph;
        QCOMPARE(inputsOf(secondGraph, nodesOf(secondGraph, QStringLiteral("KSampler")).first())
                     .value(QStringLiteral("seed"))
                     .toInteger(),
            1235);

        QCOMPARE(result.images.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const BackendImage& image = result.images[k];
            QCOMPARE(image.mimeType, QStringLiteral("image/png"));
            const cv::Mat pixels = decode(image.encoded);
            QCOMPARE(pixels.cols, 64);
            QCOMPARE(pixels.rows, 48);
            QCOMPARE(image.seed, qint64(1234 + k));
            QCOMPARE(image.remoteModel, QStringLiteral("v1-5-pruned-emaonly.safetensors"));
            QCOMPARE(image.extras.value(QStringLiteral("comfyui_prompt_id")), server.runs().at(k).promptId);
        }
        QVERIFY(!steps.isEmpty());
        QCOMPARE(steps.last(), std::make_pair(3, 3));
        const QList<fake::Request> requests = server.requests();
        QCOMPARE(requests.first().path, QStringLiteral("/object_info"));
        QVERIFY(server.count(QStringLiteral("/history/") + server.runs().first().promptId) >= 3); // waited out the lag
        QCOMPARE(server.count(QStringLiteral("/view")), 2);
        QCOMPARE(server.count(QStringLiteral("/object_info")), 1);
        QCOMPARE(server.wsAuthorizations().size(), 1); // one WebSocket for the whole batch
    }

    void img2imgUploadsTheSource()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("source.png"));
        QVERIFY(cv::imwrite(source.toStdString(), cv::Mat(56, 80, CV_8UC4, cv::Scalar(20, 40, 60, 255))));
        fake::FakeComfyUI server;
        ComfyUIBackend backend(endpointOf(server));
        ImageRecipe recipe = smallRecipe();
        recipe.initImage = source;
        recipe.strength = 0.6;
        recipe.batchSize = 2;
        const BackendResult result = backend.run(recipe, {});
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));

        const QMap<QString, QByteArray> uploads = server.uploads();
        QCOMPARE(uploads.size(), 1);
        const cv::Mat sent = decode(uploads.first());
        QCOMPARE(sent.cols, 64); // the recipe's size, as the local engine reads the source
        QCOMPARE(sent.rows, 48);
        const QJsonObject graph = server.runs().first().graph;
        const QStringList load = nodesOf(graph, QStringLiteral("LoadImage"));
        const QStringList encode = nodesOf(graph, QStringLiteral("VAEEncode"));
        const QStringList loader = nodesOf(graph, QStringLiteral("CheckpointLoaderSimple"));
        QCOMPARE(load.size(), 1);
        QCOMPARE(encode.size(), 1);
        QVERIFY(nodesOf(graph, QStringLiteral("RepeatLatentBatch")).isEmpty());
        QCOMPARE(server.runs().size(), 2);
        QVERIFY(nodesOf(graph, QStringLiteral("EmptyLatentImage")).isEmpty());
        QCOMPARE(inputsOf(graph, load[0]).value(QStringLiteral("image")).toString(), uploads.firstKey());
        QCOMPARE(inputsOf(graph, encode[0]).value(QStringLiteral("pixels")).toArray(), linkTo(load[0], 0));
        QCOMPARE(inputsOf(graph, encode[0]).value(QStringLiteral("vae")).toArray(), linkTo(loader[0], 2));
        const QJsonObject ks = inputsOf(graph, nodesOf(graph, QStringLiteral("KSampler")).first());
        QCOMPARE(ks.value(QStringLiteral("latent_image")).toArray(), linkTo(encode[0], 0));
        QCOMPARE(ks.value(QStringLiteral("denoise")).toDouble(), 0.6);
        QCOMPARE(result.images.size(), 2);
        QCOMPARE(decode(result.images.first().encoded).cols, 64);
    }

    void templateSlotsAreFilledTyped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flux.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(fluxTemplate);
        file.close();
        QString error;
        const std::optional<comfy::WorkflowTemplate> workflow = comfy::WorkflowTemplate::load(path, &error);
        QVERIFY2(workflow, qPrintable(error));
        QCOMPARE(workflow->slotNames(),
            QStringList({ QStringLiteral("prompt"), QStringLiteral("negative"), QStringLiteral("seed"),
                QStringLiteral("steps"), QStringLiteral("cfg"), QStringLiteral("width"), QStringLiteral("height"),
                QStringLiteral("batch_size"), QStringLiteral("sampler") }));

        fake::FakeComfyUI server;
        ComfyUIBackend backend(endpointOf(server));
        backend.setWorkflowTemplate(workflow);
        ImageRecipe recipe = smallRecipe();
        recipe.prompt = QStringLiteral("a fox");
        recipe.seed = 77;
        recipe.guidance = 3.5;
        const BackendResult result = backend.run(recipe, {});
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(server.count(QStringLiteral("/object_info")), 0); // no {{model}}: nothing to look up
        const QJsonObject graph = server.runs().first().graph;
        QCOMPARE(inputsOf(graph, QStringLiteral("4")).value(QStringLiteral("text")).toString(),
            QStringLiteral("cinematic photo, a fox"));
        QVERIFY(inputsOf(graph, QStringLiteral("8")).value(QStringLiteral("seed")).isDouble()); // typed, not "77"
        QCOMPARE(inputsOf(graph, QStringLiteral("8")).value(QStringLiteral("seed")).toInteger(), 77);
        QCOMPARE(inputsOf(graph, QStringLiteral("8")).value(QStringLiteral("steps")).toInt(), 3);
        QCOMPARE(inputsOf(graph, QStringLiteral("8")).value(QStringLiteral("sampler_name")).toString(),
            QStringLiteral("euler"));
        QCOMPARE(inputsOf(graph, QStringLiteral("5")).value(QStringLiteral("guidance")).toDouble(), 3.5);
        QCOMPARE(inputsOf(graph, QStringLiteral("7")).value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(
            inputsOf(graph, QStringLiteral("6")).value(QStringLiteral("text")).toString(), QStringLiteral("blurry"));
        QCOMPARE(result.images.size(), 1);
        QCOMPARE(result.images.first().remoteModel, QStringLiteral("flux.json"));
        QCOMPARE(result.images.first().extras.value(QStringLiteral("comfyui_workflow")), QStringLiteral("flux.json"));

        // Mistakes are named before anything is sent.
        QVERIFY(
            !comfy::WorkflowTemplate::fromJson(R"({"1": {"class_type": "KSampler", "inputs": {"seed": "{{seeed}}"}}})",
                QStringLiteral("typo.json"), &error));
        QVERIFY2(error.contains(QLatin1String("{{seeed}}")) && error.contains(QLatin1String("typo.json")),
            qPrintable(error));
        QVERIFY(!comfy::WorkflowTemplate::fromJson(R"({"nodes": [], "links": []})", QStringLiteral("ui.json"), &error));
        QVERIFY2(error.contains(QLatin1String("API Format")), qPrintable(error));
        // Found by fuzzing (tests/fuzz, fuzz_comfyworkflow): a node id is any text, line breaks included.
        QVERIFY(!comfy::WorkflowTemplate::fromJson(
            R"({"node\r\nfour": {"inputs": {}}})", QStringLiteral("lines.json"), &error));
        QVERIFY2(error.contains(QLatin1String("node four")) && !error.contains(QLatin1Char('\n'))
                && !error.contains(QLatin1Char('\r')),
            qPrintable(error));
        const auto needsImage = comfy::WorkflowTemplate::fromJson(
            R"({"1": {"class_type": "LoadImage", "inputs": {"image": "{{image}}"}}})", QStringLiteral("i2i.json"));
        QVERIFY(needsImage);
        backend.setWorkflowTemplate(needsImage);
        const BackendResult refused = backend.run(recipe, {});
        QCOMPARE(refused.error.kind, BackendErrorKind::BadRequest);
        QVERIFY2(refused.error.message.contains(QLatin1String("init image")), qPrintable(refused.error.message));
    }

    void previewFramesReachTheCallback()
    {
        fake::FakeComfyUI server;
        ComfyUIBackend backend(endpointOf(server));
        QList<Preview> previews;
        BackendCallbacks callbacks;
        callbacks.preview = [&](const Preview& p) { previews << p; };
        const BackendResult result = backend.run(smallRecipe(), callbacks);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(previews.size(), 1);
        QCOMPARE(previews[0].width, 32);
        QCOMPARE(previews[0].height, 24);
        QVERIFY(!previews[0].isNull());
        QVERIFY(qAbs(int(quint8(previews[0].rgb[0])) - 200) < 12); // the fake's JPEG is BGR (40, 120, 200)
        QVERIFY(qAbs(int(quint8(previews[0].rgb[2])) - 40) < 12);
    }

    void cancelSendsInterrupt()
    {
        fake::FakeComfyUI server;
        server.holdAtStep = 2;
        ComfyUIBackend backend(endpointOf(server));
        bool cancel = false;
        BackendCallbacks callbacks;
        callbacks.cancelled = [&] { return cancel; };
        callbacks.progress = [&](int step, int) { cancel = cancel || step >= 2; };
        const BackendResult result = backend.run(smallRecipe(), callbacks);
        QCOMPARE(result.error.kind, BackendErrorKind::Cancelled);
        QVERIFY(result.images.isEmpty());
        const QList<QByteArray> interrupts = server.interrupts();
        QCOMPARE(interrupts.size(), 1);
        const QString promptId = server.runs().first().promptId;
        QCOMPARE(QJsonDocument::fromJson(interrupts.first()).object().value(QStringLiteral("prompt_id")).toString(),
            promptId);
        QTRY_VERIFY_WITH_TIMEOUT(server.runs().first().interrupted, RunTimeoutMs);
    }

    void tokenGoesWithEveryRequestAndNeverIntoMessages()
    {
        const QByteArray token = "s3cret-token-42";
        fake::FakeComfyUI server;
        server.token = token;
        BackendEndpoint endpoint = endpointOf(server);
        endpoint.apiKey = QString::fromLatin1(token);
        ComfyUIBackend backend(endpoint);
        ImageRecipe recipe = smallRecipe();
        const BackendResult result = backend.run(recipe, {});
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        for (const fake::Request& r : server.requests())
            QCOMPARE(r.authorization, QByteArray("Bearer " + token));
        QCOMPARE(server.wsAuthorizations(), QStringList { QString::fromLatin1("Bearer " + token) });
        QVERIFY(!result.notes.join(QLatin1Char(' ')).contains(QString::fromLatin1(token)));

        ComfyUIBackend::clearCapabilityCache();
        endpoint.apiKey = QStringLiteral("wrong-key-99");
        ComfyUIBackend wrong(endpoint);
        const BackendResult refused = wrong.run(recipe, {});
        QCOMPARE(refused.error.kind, BackendErrorKind::Unauthorized);
        QCOMPARE(refused.error.httpStatus, 401);
        QVERIFY(refused.error.skipsBackend());
        QVERIFY(!refused.error.message.contains(QLatin1String("wrong-key-99")));
        QVERIFY(refused.error.message.contains(server.url().toString()));
        QVERIFY(wrong.capabilities().models.isEmpty());
        QCOMPARE(wrong.capabilitiesError().kind, BackendErrorKind::Unauthorized);
    }

    void refusedWorkflowIsOneClearLine()
    {
        fake::FakeComfyUI server;
        ComfyUIBackend backend(endpointOf(server));
        QString text = QString::fromUtf8(fluxTemplate);
        text.replace(QStringLiteral("\"UNETLoader\", \"inputs\": {\"unet_name\": \"flux1-dev.safetensors\""),
            QStringLiteral("\"UNETLoader\", \"inputs\": {\"unet_name\": \"flux1-schnell.safetensors\""));
        backend.setWorkflowTemplate(comfy::WorkflowTemplate::fromJson(text.toUtf8(), QStringLiteral("flux.json")));
        const BackendResult result = backend.run(smallRecipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::BadRequest);
        QCOMPARE(result.error.httpStatus, 400);
        const QString& message = result.error.message;
        QVERIFY2(message.contains(QLatin1String("node 1 (UNETLoader)")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("Value not in list")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("flux1-schnell.safetensors")), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QVERIFY(message.size() <= 400);
        QVERIFY(server.runs().isEmpty());

        // The built-in graph names an unknown checkpoint before sending anything.
        backend.setWorkflowTemplate(std::nullopt);
        ImageRecipe recipe = smallRecipe();
        recipe.model = QStringLiteral("/models/dreamshaper_8.safetensors");
        const BackendResult unknown = backend.run(recipe, {});
        QCOMPARE(unknown.error.kind, BackendErrorKind::BadRequest);
        QVERIFY2(unknown.error.message.contains(QLatin1String("dreamshaper_8.safetensors")),
            qPrintable(unknown.error.message));
        QCOMPARE(server.count(QStringLiteral("/prompt")), 1);
    }

    void failureWhileRunningIsOneLine()
    {
        fake::FakeComfyUI server;
        server.failInNode = QStringLiteral("KSampler");
        ComfyUIBackend backend(endpointOf(server));
        const BackendResult result = backend.run(smallRecipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::Server);
        QVERIFY2(result.error.message.contains(QLatin1String("(KSampler)")), qPrintable(result.error.message));
        QVERIFY2(
            result.error.message.contains(QLatin1String("Allocation on device")), qPrintable(result.error.message));
        QVERIFY(!result.error.message.contains(QLatin1Char('\n')));
    }

    void slowServerTimesOut()
    {
        fake::FakeComfyUI server;
        server.slowPath = QStringLiteral("/object_info");
        server.slowMs = 5000;
        BackendEndpoint endpoint = endpointOf(server);
        endpoint.timeoutSec = 0.3;
        ComfyUIBackend backend(endpoint);
        const BackendResult result = backend.run(smallRecipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::Timeout);
        QVERIFY2(result.error.message.contains(server.url().toString()), qPrintable(result.error.message));
    }

    void refusedConnectionNamesTheUrl()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        BackendEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        endpoint.timeoutSec = 10;
        ComfyUIBackend backend(endpoint);
        const BackendResult result = backend.run(smallRecipe(), {});
        QCOMPARE(result.error.kind, BackendErrorKind::Network);
        QVERIFY2(
            result.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result.error.message));
        QVERIFY(!result.error.skipsBackend());
    }

    void withoutWebSocketTheHistoryIsPolled()
    {
        fake::FakeComfyUI server;
        server.refuseWebSocket = true;
        ComfyUIBackend backend(endpointOf(server));
        const BackendResult result = backend.run(smallRecipe(), {});
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.images.size(), 1);
        QCOMPARE(result.notes.size(), 1);
        QVERIFY(result.notes.first().contains(QLatin1String("WebSocket")));
    }

    void twoServersRunTwoJobsAtOnce()
    {
        QTemporaryDir dir;
        auto gate = std::make_shared<fake::Gate>();
        fake::FakeComfyUI a;
        fake::FakeComfyUI b;
        a.gate = gate;
        b.gate = gate;
        JobQueue queue;
        QMap<quint64, JobResult> finished;
        QObject::connect(
            &queue, &JobQueue::jobFinished, &queue, [&](quint64 id, const JobResult& r) { finished.insert(id, r); });
        ImageRecipe first = smallRecipe();
        ImageRecipe second = smallRecipe();
        second.seed = 99;
        ImageRecipe third = smallRecipe();
        third.seed = 7;
        const quint64 idA = queue.submit(std::make_unique<ComfyTestJob>(a.url(), first, dir.path()));
        const quint64 idB = queue.submit(std::make_unique<ComfyTestJob>(b.url(), second, dir.path()));
        const quint64 idA2 = queue.submit(std::make_unique<ComfyTestJob>(a.url(), third, dir.path()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, RunTimeoutMs);
        for (quint64 id : { idA, idB, idA2 })
            QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));

        // Both servers had a prompt accepted before either ended; on one server, one after the other.
        QCOMPARE(a.runs().size(), 2);
        QCOMPARE(b.runs().size(), 1);
        const fake::Run ra = a.runs().at(0);
        const fake::Run ra2 = a.runs().at(1);
        const fake::Run rb = b.runs().at(0);
        QVERIFY(ra.acceptedAt < rb.endedAt && rb.acceptedAt < ra.endedAt);
        QVERIFY(ra2.acceptedAt > ra.endedAt);
        QCOMPARE(inputsOf(ra2.graph, nodesOf(ra2.graph, QStringLiteral("KSampler")).first())
                     .value(QStringLiteral("seed"))
                     .toInteger(),
            7);

        // The results are PNGs with the recipe and the server in Easel's chunks.
        const SavedImage saved = finished.value(idB).saved.value(0);
        const TextChunks chunks = ImageFile::readTextChunks(saved.path);
        const std::optional<ImageRecipe> stored
            = ImageRecipe::fromJsonText(ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
        QVERIFY(stored);
        QCOMPARE(stored->seed, qint64(99));
        QCOMPARE(stored->modelName, QStringLiteral("v1-5-pruned-emaonly.safetensors"));
        QCOMPARE(
            stored->extras.value(QStringLiteral("comfyui_server")), QStringLiteral("127.0.0.1:%1").arg(b.url().port()));
        QVERIFY(ImageFile::text(chunks, QStringLiteral("parameters")).contains(QLatin1String("Seed: 99")));
    }

    /// The same through the studio's own remote job (RemoteGenerationJob, backend "comfyui"): each server its
    /// lane, the images written as PNGs with the recipe, the backend and the server in Easel's chunks.
    void remoteGenerationJobsRunOnTwoServersAtOnce()
    {
        qputenv("EASEL_KEYCHAIN", "off");
        QTemporaryDir dir;
        auto gate = std::make_shared<fake::Gate>();
        fake::FakeComfyUI a;
        fake::FakeComfyUI b;
        a.gate = gate;
        b.gate = gate;
        const auto jobFor = [&](const fake::FakeComfyUI& server, qint64 seed) {
            RemoteOptions remote;
            remote.backend = QStringLiteral("comfyui");
            remote.baseUrl = server.url();
            remote.settingsFile = dir.filePath(QStringLiteral("easel.conf"));
            remote.costFile = dir.filePath(QStringLiteral("costs-%1.json").arg(server.url().port()));
            GenerationOptions options;
            options.outputDir = dir.filePath(QStringLiteral("out-%1").arg(server.url().port()));
            ImageRecipe recipe = smallRecipe();
            recipe.seed = seed;
            recipe.batchSize = 2;
            return std::make_unique<RemoteGenerationJob>(recipe, remote, options);
        };
        JobQueue queue;
        QMap<quint64, JobResult> finished;
        QObject::connect(
            &queue, &JobQueue::jobFinished, &queue, [&](quint64 id, const JobResult& r) { finished.insert(id, r); });
        const quint64 idA = queue.submit(jobFor(a, 5));
        const quint64 idB = queue.submit(jobFor(b, 50));
        QCOMPARE(queue.job(idA)->lane(), ComfyUIBackend::laneFor(a.url()));
        QCOMPARE(queue.job(idB)->lane(), ComfyUIBackend::laneFor(b.url()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, RunTimeoutMs);
        for (quint64 id : { idA, idB })
            QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));
        QCOMPARE(a.runs().size(), 2);
        QCOMPARE(b.runs().size(), 2);
        QVERIFY(
            a.runs().at(0).acceptedAt < b.runs().at(0).endedAt && b.runs().at(0).acceptedAt < a.runs().at(0).endedAt);

        const QList<SavedImage> saved = finished.value(idB).saved;
        QCOMPARE(saved.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const TextChunks chunks = ImageFile::readTextChunks(saved[k].path);
            const std::optional<ImageRecipe> stored
                = ImageRecipe::fromJsonText(ImageFile::text(chunks, QStringLiteral("easel")).toUtf8());
            QVERIFY(stored);
            QCOMPARE(stored->seed, qint64(50 + k));
            QCOMPARE(stored->width, 64);
            QCOMPARE(stored->extras.value(QStringLiteral("Backend")), QStringLiteral("comfyui"));
            QCOMPARE(stored->extras.value(QStringLiteral("comfyui_server")),
                QStringLiteral("127.0.0.1:%1").arg(b.url().port()));
            QVERIFY(
                ImageFile::text(chunks, QStringLiteral("parameters")).contains(QStringLiteral("Seed: %1").arg(50 + k)));
        }
        QVERIFY(saved[0].path != saved[1].path);
    }

    /// A style, prompt-list entry or story shot names one server as "comfyui@host:port": the job goes to that
    /// server (its lane), not to the server configured for "comfyui"; a configured server of that host and port
    /// keeps its scheme and path.
    void aServerNamedByItsLaneIsTheOneAsked()
    {
        qputenv("EASEL_KEYCHAIN", "off");
        QTemporaryDir dir;
        fake::FakeComfyUI named;
        fake::FakeComfyUI configured;
        const QString settingsFile = dir.filePath(QStringLiteral("easel.conf"));
        {
            CloudSettings settings(settingsFile);
            settings.setBaseUrl(QStringLiteral("comfyui"), configured.url());
            settings.setComfyServers({ QUrl(QStringLiteral("https://farm.example.com:8443/comfy")) });
            settings.sync();
        }
        const CloudSettings settings(settingsFile);
        const QString lane = ComfyUIBackend::laneFor(named.url());
        QCOMPARE(settings.baseUrl(lane).port(), named.url().port());
        QCOMPARE(settings.baseUrl(lane).host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(settings.baseUrl(QStringLiteral("comfyui@farm.example.com:8443")),
            QUrl(QStringLiteral("https://farm.example.com:8443/comfy")));
        QCOMPARE(settings.baseUrl(QStringLiteral("comfyui@comfy.example.com:443")),
            QUrl(QStringLiteral("https://comfy.example.com:443")));

        RemoteOptions remote;
        remote.backend = lane;
        remote.settingsFile = settingsFile;
        remote.costFile = dir.filePath(QStringLiteral("costs.json"));
        GenerationOptions options;
        options.outputDir = dir.filePath(QStringLiteral("out"));
        JobQueue queue;
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const quint64 id = queue.submit(std::make_unique<RemoteGenerationJob>(smallRecipe(), remote, options));
        QCOMPARE(queue.job(id)->lane(), lane);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, RunTimeoutMs);
        const JobResult result = finished.first().at(1).value<JobResult>();
        QVERIFY2(result.state == JobState::Completed, qPrintable(result.message));
        QCOMPARE(named.runs().size(), 1);
        QCOMPARE(configured.runs().size(), 0);
    }

    /// The user's workflow template through the remote job (RemoteOptions::workflowFile, as `easel-cli generate
    /// --workflow` and the studio's setting give it): the slots reach the server filled; a template without
    /// {{image}} for an img2img recipe, or a file that is no template, is one line before anything is sent.
    void remoteJobRunsTheUsersWorkflow()
    {
        qputenv("EASEL_KEYCHAIN", "off");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flux.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(fluxTemplate);
        file.close();
        fake::FakeComfyUI server;
        RemoteOptions remote;
        remote.backend = QStringLiteral("comfyui");
        remote.baseUrl = server.url();
        remote.settingsFile = dir.filePath(QStringLiteral("easel.conf"));
        remote.costFile = dir.filePath(QStringLiteral("costs.json"));
        remote.workflowFile = path;
        QCOMPARE(RemoteOptions::fromJson(remote.toJson()).workflowFile, path); // kept in the queue
        GenerationOptions options;
        options.outputDir = dir.filePath(QStringLiteral("out"));
        ImageRecipe recipe = smallRecipe();
        recipe.prompt = QStringLiteral("a heron");
        recipe.seed = 31;
        auto job = std::make_unique<RemoteGenerationJob>(recipe, remote, options);
        QVERIFY(job->validate().isEmpty());
        JobQueue queue;
        std::optional<JobResult> finished;
        QObject::connect(&queue, &JobQueue::jobFinished, &queue, [&](quint64, const JobResult& r) { finished = r; });
        queue.submit(std::move(job));
        QTRY_VERIFY_WITH_TIMEOUT(finished.has_value(), RunTimeoutMs);
        const JobResult result = *finished;
        QVERIFY2(result.state == JobState::Completed, qPrintable(result.message));
        QCOMPARE(server.runs().size(), 1);
        const QJsonObject graph = server.runs().first().graph;
        QCOMPARE(inputsOf(graph, QStringLiteral("4")).value(QStringLiteral("text")).toString(),
            QStringLiteral("cinematic photo, a heron"));
        QCOMPARE(inputsOf(graph, QStringLiteral("8")).value(QStringLiteral("seed")).toInteger(), 31);

        ImageRecipe img2img = recipe;
        img2img.initImage = dir.filePath(QStringLiteral("start.png"));
        const QStringList problems = RemoteGenerationJob(img2img, remote, options).validate();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(
            problems.first().contains(QStringLiteral("flux.json has no {{image}} slot")), qPrintable(problems.first()));

        QFile broken(dir.filePath(QStringLiteral("ui.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"nodes": [], "links": []})");
        broken.close();
        remote.workflowFile = broken.fileName();
        const QStringList brokenProblems = RemoteGenerationJob(recipe, remote, options).validate();
        QCOMPARE(brokenProblems.size(), 1);
        QVERIFY2(brokenProblems.first().contains(QStringLiteral("ui.json")), qPrintable(brokenProblems.first()));
        finished.reset();
        queue.submit(std::make_unique<RemoteGenerationJob>(recipe, remote, options));
        QTRY_VERIFY_WITH_TIMEOUT(finished.has_value(), RunTimeoutMs);
        QCOMPARE(finished->state, JobState::Failed);
        QVERIFY(finished->message.contains(QStringLiteral("ui.json")));
        QCOMPARE(server.runs().size(), 1); // nothing more was sent
    }
};

QTEST_GUILESS_MAIN(TestComfyUIBackend)
#include "tst_comfyuibackend.moc"
