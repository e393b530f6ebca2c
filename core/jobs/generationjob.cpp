// SPDX-License-Identifier: MIT
#include "jobs/generationjob.h"

#include "gallery/filehash.h"
#include "imaging/attribution.h"
#include "imaging/imageio.h"
#include "jobs/resources.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>
#include <torch/cuda.h>

#include <QDir>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

namespace easel {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

at::ScalarType scalarType(const QString& dtype)
{
    if (dtype == QLatin1String("fp16"))
        return at::kHalf;
    if (dtype == QLatin1String("bf16"))
        return at::kBFloat16;
    return at::kFloat;
}

QString familyKey(engine::ModelFamily family)
{
    switch (family) {
    case engine::ModelFamily::SD1: return QStringLiteral("sd1");
    case engine::ModelFamily::SD2: return QStringLiteral("sd2");
    case engine::ModelFamily::SDXLBase:
    case engine::ModelFamily::SDXLRefiner: return QStringLiteral("sdxl");
    case engine::ModelFamily::Unknown: break;
    }
    return {};
}

QString modelName(const QString& path)
{
    const QFileInfo info(path);
    return info.isDir() ? info.fileName() : info.completeBaseName();
}

} // namespace

GenerationJob::GenerationJob(engine::ModelCache& cache, QString hashCacheDir)
    : m_cache(cache)
    , m_hashCacheDir(std::move(hashCacheDir))
{
}

QString GenerationJob::resolveDevice(const QString& device)
{
    if (device == QLatin1String("auto"))
        return torch::cuda::is_available() ? QStringLiteral("cuda") : QStringLiteral("cpu");
    return device;
}

QString GenerationJob::resolveDtype(const QString& dtype, const QString& device)
{
    if (dtype == QLatin1String("auto")) {
        if (device == QLatin1String("cuda"))
            return QStringLiteral("fp16");
        return engine::cpuHasFastBf16() ? QStringLiteral("bf16") : QStringLiteral("fp32");
    }
    return dtype;
}

QString GenerationJob::prepare(GenerationRequest& request) const
{
    if (request.modelPath.isEmpty())
        request.modelPath = demoModelPath();
    const QString device = resolveDevice(request.device);
    if (device != QLatin1String("cpu") && device != QLatin1String("cuda"))
        return QStringLiteral("unknown device '%1' (use auto, cpu or cuda)").arg(request.device);
    if (device == QLatin1String("cuda") && !torch::cuda::is_available())
        return QStringLiteral("--device cuda: this build of libtorch has no usable CUDA device");
    const QString dtype = resolveDtype(request.dtype, device);
    if (dtype != QLatin1String("fp32") && dtype != QLatin1String("fp16") && dtype != QLatin1String("bf16"))
        return QStringLiteral("unknown dtype '%1' (use auto, fp32, fp16 or bf16)").arg(request.dtype);
    if (request.outputPath.isEmpty())
        return QStringLiteral("no output file given");
    if (!request.outputPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return QStringLiteral("%1: the output must be a .png file (it carries the parameters)").arg(request.outputPath);
    engine::GenerationParams& p = request.params;
    if ((p.width > 0 && p.width % 8 != 0) || (p.height > 0 && p.height % 8 != 0))
        return QStringLiteral("size %1x%2 is not a multiple of 8").arg(p.width).arg(p.height);

    try {
        if (!request.initImagePath.isEmpty()) {
            const imaging::ImageData source = imaging::readImage(request.initImagePath);
            cv::Mat rgb;
            const cv::Mat& in = source.pixels;
            if (in.channels() == 1)
                cv::cvtColor(in, rgb, cv::COLOR_GRAY2RGB);
            else if (in.channels() == 4)
                cv::cvtColor(in, rgb, cv::COLOR_BGRA2RGB);
            else
                cv::cvtColor(in, rgb, cv::COLOR_BGR2RGB);
            // Without an explicit size, img2img keeps the image's size (rounded down to 8 pixels).
            if (p.width <= 0)
                p.width = std::max(8, rgb.cols / 8 * 8);
            if (p.height <= 0)
                p.height = std::max(8, rgb.rows / 8 * 8);
            if (rgb.cols != p.width || rgb.rows != p.height)
                cv::resize(rgb, rgb, cv::Size(p.width, p.height), 0, 0, cv::INTER_AREA);
            const at::Tensor pixels = at::from_blob(rgb.data, { rgb.rows, rgb.cols, 3 }, at::kByte).clone();
            p.initImage = pixels.permute({ 2, 0, 1 }).unsqueeze(0).to(at::kFloat) / 255.0;
            if (!(p.strength > 0.0 && p.strength <= 1.0))
                return QStringLiteral("--strength must be in (0, 1]");
        }
        if (!request.initLatentsPath.isEmpty()) {
            const engine::SafetensorsFile file(request.initLatentsPath.toStdString());
            if (!file.contains("latents"))
                return QStringLiteral("%1: has no tensor named 'latents'").arg(request.initLatentsPath);
            const at::Tensor latents = file.tensor("latents");
            if (latents.dim() != 4 || !latents.is_floating_point())
                return QStringLiteral("%1: 'latents' must be a float NCHW tensor").arg(request.initLatentsPath);
            p.initLatents = latents.to(at::kFloat).clone();
        }
    } catch (const engine::EngineError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString GenerationJob::outputPathFor(const GenerationRequest& request, const engine::GeneratedImage& image, int total)
{
    if (total <= 1)
        return request.outputPath;
    const QFileInfo info(request.outputPath);
    return info.dir().filePath(QStringLiteral("%1-%2.png").arg(info.completeBaseName()).arg(image.seed));
}

GenerationParams GenerationJob::recordFor(const GenerationRequest& request, const engine::GenerationParams& p,
    const engine::GeneratedImage& image, const QString& modelSha256, const QString& device, const QString& dtype)
{
    GenerationParams record;
    record.prompt = qs(p.prompt);
    record.negativePrompt = p.hasNegativePrompt ? qs(p.negativePrompt) : QString();
    record.steps = p.steps;
    record.guidance = p.guidance;
    record.sampler = qs(engine::samplerCliName(p.sampler.value_or(engine::SamplerKind::Euler)));
    record.schedule = qs(engine::sigmaScheduleName(p.schedule.value_or(engine::SigmaSchedule::Default)));
    record.timestepSpacing = qs(engine::timestepSpacingName(p.spacing.value_or(engine::TimestepSpacing::Leading)));
    record.width = p.width;
    record.height = p.height;
    record.seed = qint64(image.seed);
    record.batchSize = p.batchSize;
    record.batchIndex = image.index % std::max(1, p.batchSize);
    if (p.initImage.defined()) {
        record.strength = p.strength;
        record.initImage = request.initImagePath;
    }
    record.modelName = modelName(request.modelPath);
    record.modelSha256 = modelSha256;
    record.clipSkip = p.clipSkip + 1;
    record.promptSyntax = p.promptSyntax == engine::PromptSyntax::Plain ? QStringLiteral("plain") : QStringLiteral("a1111");
    record.device = device;
    record.dtype = dtype == QLatin1String("fp16") ? QStringLiteral("float16")
        : dtype == QLatin1String("bf16")          ? QStringLiteral("bfloat16")
                                                  : QStringLiteral("float32");
    record.rng = QStringLiteral("cpu");
    record.easelVersion = QStringLiteral(EASEL_VERSION);
    return record;
}

std::shared_ptr<engine::StableDiffusion> GenerationJob::model(
    const GenerationRequest& request, const engine::CancelToken* cancel)
{
    const QString device = resolveDevice(request.device);
    engine::LoadOptions options;
    options.device = c10::Device(device.toStdString());
    options.dtype = scalarType(resolveDtype(request.dtype, device));
    options.vocabularyDir = resourcePath(QStringLiteral("clip")).toStdString();
    if (cancel)
        options.progress = [cancel](size_t, size_t) { return !cancel->cancelledNow(); };
    return m_cache.get((request.modelPath.isEmpty() ? demoModelPath() : request.modelPath).toStdString(), options);
}

GenerationOutput GenerationJob::run(const GenerationRequest& request, engine::GenerationObserver* observer,
    const engine::CancelToken* cancel)
{
    GenerationOutput output;
    const QString device = resolveDevice(request.device);
    const QString dtype = resolveDtype(request.dtype, device);
    std::shared_ptr<engine::StableDiffusion> model;
    try {
        model = this->model(request, cancel);
        if (request.params.preview == engine::PreviewMode::Taesd) {
            if (request.taesdPath.isEmpty())
                throw engine::EngineError("--preview taesd needs a TAESD decoder file (--taesd FILE)");
            model->setPreviewDecoder(request.taesdPath.toStdString());
        }
    } catch (const engine::EngineError& e) {
        output.outcome = e.kind() == engine::EngineError::Kind::Cancelled ? engine::Outcome::Cancelled
                                                                           : engine::Outcome::Failed;
        output.error = QString::fromUtf8(e.what());
        return output;
    } catch (const std::exception& e) {
        output.outcome = engine::Outcome::Failed;
        output.error = QString::fromUtf8(e.what());
        return output;
    }

    QString sha256;
    {
        FileHash hashes(m_hashCacheDir);
        QString hashError;
        sha256 = hashes.sha256(request.modelPath, &hashError).value_or(QString());
    }

    // Writes each image as soon as it is finished, so a cancel after it keeps it.
    class SavingObserver : public engine::GenerationObserver {
    public:
        SavingObserver(const GenerationRequest& request, const engine::GenerationParams& resolved,
            engine::GenerationObserver* next, GenerationOutput& output, const QString& sha256, const QString& device,
            const QString& dtype, const engine::ModelInfo& info)
            : m_request(request)
            , m_resolved(resolved)
            , m_next(next)
            , m_output(output)
            , m_sha256(sha256)
            , m_device(device)
            , m_dtype(dtype)
            , m_info(info)
        {
        }
        void onStep(const engine::StepInfo& step) override
        {
            if (m_next)
                m_next->onStep(step);
        }
        void onPreview(int index, int step, const at::Tensor& rgb) override
        {
            if (m_next)
                m_next->onPreview(index, step, rgb);
        }
        void onImage(const engine::GeneratedImage& image) override
        {
            const int total = m_request.params.batchSize * m_request.params.batchCount;
            const QString path = outputPathFor(m_request, image, total);
            const GenerationParams record = recordFor(m_request, m_resolved, image, m_sha256, m_device, m_dtype);
            imaging::ModelInfo model;
            model.name = record.modelName;
            model.family = familyKey(m_info.family);
            model.licence = qs(engine::modelLicence(m_info).name);
            TextChunks chunks { { QStringLiteral("parameters"), record.toA1111Parameters() },
                { QStringLiteral("easel"), QString::fromUtf8(record.toJsonText()) },
                { QStringLiteral("Software"), QStringLiteral("Easel " EASEL_VERSION) } };
            const TextChunks provenance = imaging::provenanceChunks(model, QStringLiteral("Easel " EASEL_VERSION));
            for (const TextChunk& c : provenance) {
                if (c.keyword != QLatin1String("Software"))
                    chunks.push_back(c);
            }
            const at::Tensor rgb = image.rgb.contiguous();
            cv::Mat bgr;
            cv::cvtColor(cv::Mat(int(rgb.size(0)), int(rgb.size(1)), CV_8UC3, rgb.data_ptr()), bgr, cv::COLOR_RGB2BGR);
            imaging::writeResult(path, bgr, chunks, {},
                m_request.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse);
            m_output.files << path;
            if (m_next)
                m_next->onImage(image);
        }
    private:
        const GenerationRequest& m_request;
        const engine::GenerationParams& m_resolved;
        engine::GenerationObserver* m_next;
        GenerationOutput& m_output;
        QString m_sha256, m_device, m_dtype;
        const engine::ModelInfo& m_info;
    };
    const engine::GenerationParams resolved = model->resolve(request.params);
    SavingObserver saver(request, resolved, observer, output, sha256, device, dtype, model->info());
    output.result = model->generate(request.params, &saver, cancel);
    output.outcome = output.result.outcome;
    output.error = qs(output.result.error);
    return output;
}

} // namespace easel
