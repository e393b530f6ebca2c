// SPDX-License-Identifier: MIT
#include "jobs/generationjob.h"

#include "jobs/enginebridge.h"
#include "jobs/imagewriter.h"
#include "jobs/lorahash.h"
#include "jobs/modelservice.h"

#include "backends/modeldownloader.h"
#include "common/error.h"
#include "imaging/attribution.h"
#include "imaging/imageio.h"
#include "imaging/inpaintmask.h"

#include "engine/common/error.h"
#include "engine/pipeline/lorapatcher.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::GenerationJob", text); }

const QString kSoftware = QStringLiteral("Easel " EASEL_VERSION);

QString modelDisplayName(const QString& path)
{
    const QFileInfo info(path);
    return info.isDir() ? info.fileName() : info.completeBaseName();
}

/// The source image as float [1, 3, H, W] in [0, 1], resized to the recipe's size (which it sets from the
/// image, rounded down to 8 pixels, when the recipe leaves it to the model).
at::Tensor loadInitImage(const QString& path, engine::GenerationParams& p)
{
    const imaging::ImageData source = imaging::readImage(path);
    cv::Mat rgb;
    const cv::Mat& in = source.pixels;
    const int code = in.channels() == 1 ? cv::COLOR_GRAY2RGB : in.channels() == 4 ? cv::COLOR_BGRA2RGB : cv::COLOR_BGR2RGB;
    cv::cvtColor(in, rgb, code);
    if (p.width <= 0)
        p.width = limits::roundedSize(rgb.cols);
    if (p.height <= 0)
        p.height = limits::roundedSize(rgb.rows);
    if (rgb.cols != p.width || rgb.rows != p.height)
        cv::resize(rgb, rgb, cv::Size(p.width, p.height), 0, 0, cv::INTER_AREA);
    const at::Tensor pixels = at::from_blob(rgb.data, { rgb.rows, rgb.cols, 3 }, at::kByte).clone();
    return pixels.permute({ 2, 0, 1 }).unsqueeze(0).to(at::kFloat) / 255.0;
}

/// An inpainting mask as float [1, 1, H, W] in [0, 1] (white = repaint), resized to the source image's size, then
/// grown and blurred as the recipe asks.
at::Tensor loadMaskImage(const QString& path, const engine::GenerationParams& p, const ImageRecipe& recipe)
{
    const imaging::ImageData source = imaging::readImage(path);
    cv::Mat gray;
    const cv::Mat& in = source.pixels;
    if (in.channels() == 1)
        gray = in;
    else
        cv::cvtColor(in, gray, in.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    if (gray.cols != p.width || gray.rows != p.height)
        cv::resize(gray, gray, cv::Size(p.width, p.height), 0, 0, cv::INTER_AREA);
    if (recipe.maskGrow != 0 || recipe.maskBlur != 0)
        gray = imaging::adjustInpaintMask(gray, recipe.maskGrow, recipe.maskBlur);
    const at::Tensor pixels = at::from_blob(gray.data, { gray.rows, gray.cols }, at::kByte).clone();
    return pixels.unsqueeze(0).unsqueeze(0).to(at::kFloat) / 255.0;
}

/// A1111's "Lora hashes" of what the engine applies: the explicit LoRAs, then the prompt's tags (each name once).
/// Throws EngineError for a tag naming no file, as the engine would.
QList<LoraHash> loraHashesFor(const ImageRecipe& recipe, const engine::GenerationParams& params)
{
    QList<LoraHash> hashes;
    const auto add = [&hashes](const QString& name, const QString& path) {
        const std::optional<QString> hash = loraShortHash(path);
        const bool known = std::any_of(hashes.cbegin(), hashes.cend(), [&](const LoraHash& h) { return h.name == name; });
        if (hash && !known)
            hashes.append({ name, *hash });
    };
    for (const LoraRef& lora : recipe.loras)
        add(QFileInfo(lora.path).completeBaseName(), lora.path);
    if (params.promptSyntax == engine::PromptSyntax::A1111) {
        std::string prompt = params.prompt;
        for (const engine::LoraTag& tag : engine::takeLoraTags(prompt))
            add(QString::fromStdString(tag.name), QString::fromStdString(engine::findLoraFile(tag, params.loraDirs)));
    }
    return hashes;
}

at::Tensor loadInitLatents(const QString& path)
{
    const engine::SafetensorsFile file(path.toStdString());
    if (!file.contains("latents"))
        throw Error(QCoreApplication::translate("easel::GenerationJob", "%1: has no tensor named 'latents'")
                        .arg(path)
                        .toStdString());
    const at::Tensor latents = file.tensor("latents");
    if (latents.dim() != 4 || !latents.is_floating_point())
        throw Error(QCoreApplication::translate("easel::GenerationJob", "%1: 'latents' must be a float NCHW tensor")
                        .arg(path)
                        .toStdString());
    return latents.to(at::kFloat).clone();
}

/// The TAESD decoder for the model's family: the options' file, else the one `easel-cli fetch` cached.
QString taesdFor(const GenerationOptions& options, engine::ModelFamily family)
{
    if (!options.taesdPath.isEmpty())
        return options.taesdPath;
    const bool sdxl = family == engine::ModelFamily::SDXLBase || family == engine::ModelFamily::SDXLRefiner;
    const QString id = sdxl ? QStringLiteral("taesdxl") : QStringLiteral("taesd");
    const QString path = ModelDownloader::cachedPath(*ModelDownloader::catalogueEntry(id));
    if (!QFileInfo::exists(path))
        throw Error(QCoreApplication::translate("easel::GenerationJob",
            "TAESD previews need the %1 decoder: fetch it once (easel-cli fetch %1) or choose its file")
                        .arg(id)
                        .toStdString());
    return path;
}

TextChunks imageChunks(const ImageRecipe& record, const engine::ModelInfo& info)
{
    imaging::ModelInfo model;
    model.name = record.modelName;
    model.family = bridge::familyKey(info.family);
    model.licence = QString::fromStdString(engine::modelLicence(info).name);
    TextChunks chunks { { QStringLiteral("parameters"), record.toA1111Parameters() },
        { QStringLiteral("easel"), QString::fromUtf8(record.toJsonText()) },
        { QStringLiteral("Software"), kSoftware } };
    for (const TextChunk& c : imaging::provenanceChunks(model, kSoftware)) {
        if (c.keyword != QLatin1String("Software"))
            chunks.push_back(c);
    }
    return chunks;
}

/// Forwards the engine's events to the job's context and hands finished images to the writer.
class Forwarder : public engine::GenerationObserver {
public:
    Forwarder(JobContext& context, engine::CancelToken& engineCancel, ImageWriter& writer, const ImageRecipe& base,
        const GenerationOptions& options, const engine::ModelInfo& info, const QElapsedTimer& clock)
        : m_context(context)
        , m_cancel(engineCancel)
        , m_writer(writer)
        , m_base(base)
        , m_options(options)
        , m_info(info)
        , m_clock(clock)
    {
    }

    void onPhase(engine::GenerationPhase phase, int batch) override
    {
        syncCancel();
        JobProgress p = m_last;
        p.phase = phase == engine::GenerationPhase::Encoding ? JobPhase::Encoding
            : phase == engine::GenerationPhase::Sampling     ? JobPhase::Sampling
                                                             : JobPhase::Decoding;
        p.phaseFraction = 0.0;
        p.batch = batch;
        p.batches = m_base.batchCount;
        p.elapsedSec = m_clock.elapsed() / 1000.0;
        if (p.phase != JobPhase::Sampling)
            p.step = 0;
        m_last = p;
        m_context.progress(p);
    }

    void onStep(const engine::StepInfo& s) override
    {
        syncCancel();
        JobProgress p;
        p.phase = JobPhase::Sampling;
        p.step = s.step;
        p.steps = s.steps;
        p.batch = s.batch;
        p.batches = s.batches;
        p.phaseFraction = s.steps > 0 ? double(s.step) / s.steps : 0.0;
        p.elapsedSec = s.elapsedSec;
        p.etaSec = s.etaSec;
        m_last = p;
        m_context.progress(p);
    }

    void onPreview(int index, int step, const at::Tensor& rgb) override
    {
        m_context.preview(index, step, bridge::toPreview(rgb));
    }

    void onImage(const engine::GeneratedImage& image) override
    {
        ImageWriter::Item item;
        item.saved.recipe = m_base;
        ImageRecipe& r = item.saved.recipe;
        r.seed = qint64(image.seed);
        r.batchIndex = image.index % std::max(1, m_base.batchSize);
        r.batchCount = 1;
        r.elapsedSeconds = m_clock.elapsed() / 1000.0;
        item.saved.quality = bridge::imageFlags(image.quality);
        item.saved.retryOf = m_retryOf;
        // A retry never takes its first image's file: with one output file it goes beside it as <stem>-<seed>.png.
        item.path = GenerationJob::outputPathFor(
            m_options, r.seed, m_retryOf.isEmpty() ? m_base.imageCount() : std::max(2, m_base.imageCount()));
        item.pixels = bridge::toPreview(image.rgb);
        item.chunks = imageChunks(r, m_info);
        item.overwrite = m_options.overwrite;
        if (r.modelSha256.isEmpty()) {
            item.modelSha256 = m_context.models().sha256Async(m_base.model);
            item.chunksFor = [info = &m_info](const ImageRecipe& recipe) { return imageChunks(recipe, *info); };
        }
        if (item.saved.quality.any())
            m_flagged << std::pair<QString, qint64> { item.path, r.seed };
        m_writer.write(std::move(item));
        syncCancel();
    }

    /// The images made flagged so far (path and seed), in order.
    const QList<std::pair<QString, qint64>>& flagged() const { return m_flagged; }
    /// The images that follow are the automatic retry of the flagged image \a path.
    void setRetryOf(const QString& path) { m_retryOf = path; }

private:
    void syncCancel()
    {
        const CancelMode mode = m_context.cancelToken().mode();
        if (mode != CancelMode::None)
            m_cancel.cancel(bridge::cancelMode(mode));
    }

    JobContext& m_context;
    engine::CancelToken& m_cancel;
    ImageWriter& m_writer;
    const ImageRecipe& m_base;
    const GenerationOptions& m_options;
    const engine::ModelInfo& m_info;
    const QElapsedTimer& m_clock;
    JobProgress m_last;
    QString m_retryOf;
    QList<std::pair<QString, qint64>> m_flagged;
};

JobResult failed(const QString& message, JobState state = JobState::Failed)
{
    JobResult result;
    result.state = state;
    result.message = message;
    return result;
}

void writeLatents(const QString& path, const engine::GenerationResult& result)
{
    std::vector<at::Tensor> rows;
    for (const engine::GeneratedImage& image : result.images)
        rows.push_back(image.latents);
    if (!rows.empty())
        engine::writeSafetensors(path.toStdString(), { { "latents", at::stack(rows) } }, { { "format", "pt" } });
}

} // namespace

QString previewModeName(PreviewMode mode)
{
    switch (mode) {
    case PreviewMode::None: return QStringLiteral("none");
    case PreviewMode::Approx: return QStringLiteral("approx");
    case PreviewMode::Taesd: return QStringLiteral("taesd");
    }
    return {};
}

std::optional<PreviewMode> previewModeFromName(const QString& name)
{
    for (PreviewMode mode : { PreviewMode::None, PreviewMode::Approx, PreviewMode::Taesd }) {
        if (name == previewModeName(mode))
            return mode;
    }
    return std::nullopt;
}

QJsonObject GenerationOptions::toJson() const
{
    return QJsonObject { { QStringLiteral("output_path"), outputPath }, { QStringLiteral("output_dir"), outputDir },
        { QStringLiteral("overwrite"), overwrite }, { QStringLiteral("preview"), previewModeName(preview) },
        { QStringLiteral("preview_interval"), previewInterval }, { QStringLiteral("taesd"), taesdPath },
        { QStringLiteral("taesd_fallback"), taesdFallback },
        { QStringLiteral("init_latents"), initLatentsPath }, { QStringLiteral("save_latents"), saveLatentsPath },
        { QStringLiteral("lora_dirs"), QJsonArray::fromStringList(loraDirs) },
        { QStringLiteral("style_folder"), styleFolder }, { QStringLiteral("retry_flagged"), retryFlagged } };
}

GenerationOptions GenerationOptions::fromJson(const QJsonObject& json)
{
    GenerationOptions o;
    o.outputPath = json.value(QStringLiteral("output_path")).toString();
    o.outputDir = json.value(QStringLiteral("output_dir")).toString();
    o.overwrite = json.value(QStringLiteral("overwrite")).toBool();
    o.preview = previewModeFromName(json.value(QStringLiteral("preview")).toString()).value_or(PreviewMode::Approx);
    o.previewInterval = std::clamp(json.value(QStringLiteral("preview_interval")).toInt(1),
        limits::PreviewInterval.min, limits::PreviewInterval.max);
    o.taesdPath = json.value(QStringLiteral("taesd")).toString();
    o.taesdFallback = json.value(QStringLiteral("taesd_fallback")).toBool();
    o.initLatentsPath = json.value(QStringLiteral("init_latents")).toString();
    o.saveLatentsPath = json.value(QStringLiteral("save_latents")).toString();
    for (const QJsonValue& dir : json.value(QStringLiteral("lora_dirs")).toArray())
        o.loraDirs << dir.toString();
    o.styleFolder = json.value(QStringLiteral("style_folder")).toString();
    o.retryFlagged = json.value(QStringLiteral("retry_flagged")).toBool();
    return o;
}

GenerationJob::GenerationJob(ImageRecipe recipe, GenerationOptions options)
    : m_recipe(std::move(recipe))
    , m_options(std::move(options))
{
}

QString GenerationJob::title() const
{
    const QString line = m_recipe.prompt.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.isEmpty())
        return tr("(no prompt)");
    return line.size() > 80 ? line.left(79) + QChar(0x2026) : line;
}

QStringList GenerationJob::validate() const
{
    QStringList problems = m_recipe.validate();
    if (m_options.outputPath.isEmpty() && m_options.outputDir.isEmpty())
        problems << tr("no output file or folder given");
    if (!m_options.outputPath.isEmpty() && !m_options.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        problems << tr("%1: the output must be a .png file (it carries the recipe)").arg(m_options.outputPath);
    const QString device = ModelService::checkDevice(ModelService::resolveDevice(m_recipe.device));
    if (!device.isEmpty())
        problems << device;
    return problems;
}

QString GenerationJob::outputPathFor(const GenerationOptions& options, qint64 seed, int total)
{
    if (!options.outputPath.isEmpty()) {
        if (total <= 1)
            return options.outputPath;
        const QFileInfo info(options.outputPath);
        return info.dir().filePath(QStringLiteral("%1-%2.png").arg(info.completeBaseName()).arg(seed));
    }
    if (!options.styleFolder.isEmpty()) {
        // Filed by style: a new name each time (a random part, drawn again in the unlikely case it is taken).
        const QDir dir(QDir(options.outputDir).filePath(QStringLiteral("style_images/") + options.styleFolder));
        const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss"));
        QString path;
        do {
            const QString random = QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
            path = dir.filePath(QStringLiteral("generated_%1_%2.png").arg(stamp, random));
        } while (QFileInfo::exists(path));
        return path;
    }
    const QDir dir(options.outputDir);
    QString path = dir.filePath(QStringLiteral("easel-%1.png").arg(seed));
    // A folder collects images over time: the same seed again gets a new name instead of an error.
    for (int n = 2; !options.overwrite && QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("easel-%1-%2.png").arg(seed).arg(n));
    return path;
}

/// What each image's PNG records: the recipe with what the model resolved and what really ran.
ImageRecipe GenerationJob::recordedRecipe(JobContext& context, engine::StableDiffusion& model,
    const engine::GenerationParams& params, const QString& modelPath) const
{
    ImageRecipe base = m_recipe;
    bridge::applyResolved(base, model.resolve(params));
    base.model = modelPath;
    base.modelName = modelDisplayName(modelPath);
    // The hash of a large model is read on its own thread (started with the job): in the record when it is
    // ready, else each image gets it when it is (ImageWriter::Item::modelSha256). No image waits for it.
    const std::shared_future<QString> hash = context.models().sha256Async(modelPath);
    if (hash.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        base.modelSha256 = hash.get();
    base.device = ModelService::resolveDevice(m_recipe.device);
    // What ran: "auto" on the CPU is chosen per component; the UNet's dtype is the one recorded.
    base.precision = model.quantized()          ? Precision::Int8
        : model.dtype() == at::kBFloat16 ? Precision::Bf16
        : model.dtype() == at::kHalf     ? Precision::Fp16
                                         : Precision::Fp32;
    base.rng = QStringLiteral("cpu");
    base.easelVersion = QStringLiteral(EASEL_VERSION);
    if (!base.isImageToImage())
        base.strength.reset();
    else
        base.strength = m_recipe.effectiveStrength();
    return base;
}

JobResult GenerationJob::run(JobContext& context)
{
    QElapsedTimer clock;
    clock.start();
    if (const QStringList problems = validate(); !problems.isEmpty())
        return failed(problems.first());

    // Loading: one growing fraction over every component; a cancel aborts it between two tensors.
    const QString modelPath = ModelService::modelPathFor(m_recipe);
    context.models().sha256Async(modelPath); // read beside the load, not before it
    JobProgress loading;
    loading.phase = JobPhase::LoadingModel;
    context.progress(loading);
    std::shared_ptr<engine::StableDiffusion> model;
    engine::GenerationParams params = bridge::toEngine(m_recipe);
    for (const QString& dir : m_options.loraDirs)
        params.loraDirs.push_back(dir.toStdString());
    QList<LoraHash> loraHashes;
    PreviewMode preview = m_options.preview;
    QString previewNote;
    try {
        const engine::LoadOptions options = bridge::loadOptions(m_recipe, [&](size_t done, size_t total) {
            loading.phaseFraction = total > 0 ? double(done) / double(total) : 1.0;
            loading.elapsedSec = clock.elapsed() / 1000.0;
            context.progress(loading);
            return !context.cancelToken().isCancelledNow();
        });
        model = context.models().engine().cache.get(modelPath.toStdString(), options);
        if (preview == PreviewMode::Taesd) {
            try {
                model->setPreviewDecoder(taesdFor(m_options, model->family()).toStdString());
            } catch (const Error& e) {
                if (!m_options.taesdFallback)
                    throw;
                preview = PreviewMode::Approx; // TAESD when available: this model's decoder is not here
                previewNote = QString::fromUtf8(e.what());
            }
        }
        if (m_recipe.isImageToImage())
            params.initImage = loadInitImage(m_recipe.initImage, params);
        if (!m_recipe.maskImage.isEmpty())
            params.mask = loadMaskImage(m_recipe.maskImage, params, m_recipe);
        if (!m_options.initLatentsPath.isEmpty())
            params.initLatents = loadInitLatents(m_options.initLatentsPath);
        loraHashes = loraHashesFor(m_recipe, params);
    } catch (const engine::EngineError& e) {
        const bool cancelled = e.kind() == engine::EngineError::Kind::Cancelled;
        return failed(cancelled ? tr("cancelled") : QString::fromUtf8(e.what()),
            cancelled ? JobState::Cancelled : JobState::Failed);
    } catch (const std::exception& e) {
        return failed(QString::fromUtf8(e.what()));
    }
    params.preview = bridge::previewMode(preview);
    params.previewInterval = m_options.previewInterval;

    ImageRecipe base = recordedRecipe(context, *model, params, modelPath);
    base.loraHashes = loraHashes;
    engine::CancelToken engineCancel;
    ImageWriter writer([&context](const SavedImage& saved) { context.imageSaved(saved); });
    Forwarder forwarder(context, engineCancel, writer, base, m_options, model->info(), clock);
    const engine::GenerationResult generated = model->generate(params, &forwarder, &engineCancel);
    // Retry once: each image that came out flagged is made again, once, from the first seeds after the run's own
    // (never a retry of a retry). The flagged image stays; the retry's quality chunk names it.
    QStringList retryNotes;
    engine::Outcome retryOutcome = engine::Outcome::Completed;
    std::string retryError;
    if (m_options.retryFlagged && generated.outcome == engine::Outcome::Completed) {
        ImageRecipe retryBase = base;
        retryBase.batchSize = 1;
        retryBase.batchCount = 1;
        qint64 nextSeed = m_recipe.seed + m_recipe.imageCount();
        const QList<std::pair<QString, qint64>> flagged = forwarder.flagged();
        for (const auto& [path, seed] : flagged) {
            if (context.cancelToken().mode() != CancelMode::None || retryOutcome != engine::Outcome::Completed)
                break;
            engine::GenerationParams again = params;
            again.seed = uint64_t(nextSeed);
            again.batchSize = 1;
            again.batchCount = 1;
            again.initLatents = at::Tensor(); // a new seed: its own noise
            Forwarder retry(context, engineCancel, writer, retryBase, m_options, model->info(), clock);
            retry.setRetryOf(path);
            const engine::GenerationResult made = model->generate(again, &retry, &engineCancel);
            retryOutcome = made.outcome;
            retryError = made.error;
            if (made.outcome == engine::Outcome::Completed)
                retryNotes << tr("%1 was flagged; made again with seed %2")
                                  .arg(QFileInfo(path).fileName())
                                  .arg(nextSeed);
            ++nextSeed;
        }
    }
    JobProgress saving;
    saving.phase = JobPhase::Saving;
    saving.elapsedSec = clock.elapsed() / 1000.0;
    context.progress(saving);
    writer.finish();

    JobResult result;
    result.saved = writer.saved();
    result.unsaved = writer.unsaved();
    for (const std::string& note : generated.notes)
        result.notes << QString::fromStdString(note);
    if (!previewNote.isEmpty())
        result.notes << tr("Previews were approximate: %1").arg(previewNote);
    result.notes << retryNotes;
    switch (generated.outcome == engine::Outcome::Completed ? retryOutcome : generated.outcome) {
    case engine::Outcome::Completed: result.state = JobState::Completed; break;
    case engine::Outcome::Cancelled: result.state = JobState::Cancelled; result.message = tr("cancelled"); break;
    case engine::Outcome::Failed:
        result.state = JobState::Failed;
        result.message = QString::fromStdString(generated.outcome == engine::Outcome::Failed ? generated.error : retryError);
        break;
    }
    if (!writer.error().isEmpty() && result.state != JobState::Failed) {
        result.state = JobState::Failed;
        result.message = writer.error();
    }
    if (result.state == JobState::Completed && !m_options.saveLatentsPath.isEmpty()) {
        try {
            writeLatents(m_options.saveLatentsPath, generated);
        } catch (const std::exception& e) {
            return failed(QString::fromUtf8(e.what()));
        }
    }
    return result;
}

QJsonObject GenerationJob::toJson() const
{
    return QJsonObject { { QStringLiteral("kind"), kind() }, { QStringLiteral("recipe"), m_recipe.toJson() },
        { QStringLiteral("options"), m_options.toJson() } };
}

std::unique_ptr<Job> GenerationJob::clone() const { return std::make_unique<GenerationJob>(m_recipe, m_options); }

} // namespace easel
