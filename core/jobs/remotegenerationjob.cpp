// SPDX-License-Identifier: MIT
#include "jobs/remotegenerationjob.h"

#include "jobs/imagewriter.h"

#include "backends/apikeys.h"
#include "backends/backendregistry.h"
#include "backends/backendrouter.h"
#include "backends/cloudsettings.h"
#include "backends/comfyuibackend.h"
#include "backends/costledger.h"
#include "backends/pricetable.h"
#include "imaging/attribution.h"
#include "imaging/quality.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::RemoteGenerationJob", text); }

    const QString kSoftware = QStringLiteral("Easel " EASEL_VERSION);
    const QString kLocal = QStringLiteral("local");

    JobResult failed(const QString& message, JobState state = JobState::Failed)
    {
        JobResult result;
        result.state = state;
        result.message = message;
        return result;
    }

    /// The remote backends of the chain (the chosen one and its fallbacks before "local"), without repeats.
    QStringList remoteChain(const RemoteOptions& remote)
    {
        QStringList ids;
        for (const QString& id : QStringList { remote.backend } + remote.fallback) {
            if (id != kLocal && !ids.contains(id))
                ids << id;
        }
        return ids;
    }

    /// Where and how to reach `id`: the settings, with the options' overrides for the chosen backend.
    BackendEndpoint endpointFor(const QString& id, const RemoteOptions& remote, const CloudSettings& settings)
    {
        BackendEndpoint e = settings.endpoint(id);
        if (id == remote.backend) {
            if (!remote.baseUrl.isEmpty())
                e.baseUrl = remote.baseUrl;
            if (!remote.model.isEmpty())
                e.defaultModel = remote.model;
        }
        if (remote.timeoutSec > 0)
            e.timeoutSec = remote.timeoutSec;
        return e;
    }

    /// Decodes what the service sent to RGB888 rows; a null preview when it cannot be read.
    Preview decode(const QByteArray& encoded, ImageFlags& flags)
    {
        const cv::Mat bytes(1, int(encoded.size()), CV_8UC1, const_cast<char*>(encoded.constData()));
        const cv::Mat bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
        Preview p;
        if (bgr.empty())
            return p;
        try {
            const imaging::QualityReport q = imaging::checkQuality(bgr);
            flags.nearlyBlack = q.nearlyBlack;
            flags.nearlyWhite = q.nearlyWhite;
            flags.uniform = q.uniform;
        } catch (const std::exception&) {
        }
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        p.width = rgb.cols;
        p.height = rgb.rows;
        p.rgb = QByteArray(reinterpret_cast<const char*>(rgb.data), qsizetype(rgb.total() * rgb.elemSize()));
        return p;
    }

    TextChunks chunksFor(const ImageRecipe& record)
    {
        imaging::ModelInfo model;
        model.name = record.modelName;
        TextChunks chunks { { QStringLiteral("parameters"), record.toA1111Parameters() },
            { QStringLiteral("easel"), QString::fromUtf8(record.toJsonText()) },
            { QStringLiteral("Software"), kSoftware } };
        for (const TextChunk& c : imaging::provenanceChunks(model, kSoftware)) {
            if (c.keyword != QLatin1String("Software"))
                chunks.push_back(c);
        }
        return chunks;
    }

} // namespace

QJsonObject RemoteOptions::toJson() const
{
    return QJsonObject { { QStringLiteral("backend"), backend },
        { QStringLiteral("fallback"), QJsonArray::fromStringList(fallback) }, { QStringLiteral("model"), model },
        { QStringLiteral("quality"), quality }, { QStringLiteral("base_url"), baseUrl.toString() },
        { QStringLiteral("budget_usd"), budgetUsd }, { QStringLiteral("max_retry_wait"), maxRetryWaitSec },
        { QStringLiteral("timeout"), timeoutSec }, { QStringLiteral("settings_file"), settingsFile },
        { QStringLiteral("cost_file"), costFile }, { QStringLiteral("workflow"), workflowFile } };
}

RemoteOptions RemoteOptions::fromJson(const QJsonObject& json)
{
    RemoteOptions o;
    o.backend = json.value(QStringLiteral("backend")).toString(o.backend);
    for (const QJsonValue& id : json.value(QStringLiteral("fallback")).toArray())
        o.fallback << id.toString();
    o.model = json.value(QStringLiteral("model")).toString();
    o.quality = json.value(QStringLiteral("quality")).toString();
    o.baseUrl = QUrl(json.value(QStringLiteral("base_url")).toString());
    o.budgetUsd = json.value(QStringLiteral("budget_usd")).toDouble(-1.0);
    o.maxRetryWaitSec = json.value(QStringLiteral("max_retry_wait")).toDouble(120.0);
    o.timeoutSec = json.value(QStringLiteral("timeout")).toDouble(0.0);
    o.settingsFile = json.value(QStringLiteral("settings_file")).toString();
    o.costFile = json.value(QStringLiteral("cost_file")).toString();
    o.workflowFile = json.value(QStringLiteral("workflow")).toString();
    return o;
}

RemoteGenerationJob::RemoteGenerationJob(ImageRecipe recipe, RemoteOptions remote, GenerationOptions options)
    : m_recipe(std::move(recipe))
    , m_remote(std::move(remote))
    , m_options(std::move(options))
{
}

QString RemoteGenerationJob::lane() const
{
    if (m_remote.fallback.contains(kLocal))
        return kLocal;
    if (m_remote.backend == QLatin1String("comfyui")) // the server's own lane, as ComfyUIBackend names it
        return ComfyUIBackend::laneFor(m_remote.baseUrl.isEmpty()
                ? CloudSettings(m_remote.settingsFile).baseUrl(m_remote.backend)
                : m_remote.baseUrl);
    return m_remote.backend;
}

QString RemoteGenerationJob::title() const
{
    QString line = m_recipe.prompt.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > 70)
        line = line.left(69) + QChar(0x2026);
    return QStringLiteral("[%1] %2").arg(m_remote.backend, line);
}

QStringList RemoteGenerationJob::validate() const
{
    QStringList problems = m_recipe.validate();
    for (const QString& id : QStringList { m_remote.backend } + m_remote.fallback) {
        if (!BackendRegistry::isKnown(id))
            problems << tr("unknown backend '%1' (known: %2)")
                            .arg(
                                id, (BackendRegistry::remoteIds() + QStringList { kLocal }).join(QStringLiteral(", ")));
    }
    if (m_remote.backend == kLocal)
        problems << tr("the local engine runs generation jobs, not remote ones");
    const int localAt = m_remote.fallback.indexOf(kLocal);
    if (localAt >= 0 && localAt != m_remote.fallback.size() - 1)
        problems << tr("the local engine can only be the last fallback");
    if (m_options.outputPath.isEmpty() && m_options.outputDir.isEmpty())
        problems << tr("no output file or folder given");
    if (!m_remote.workflowFile.isEmpty()) {
        QString error;
        if (!m_remote.backend.startsWith(QLatin1String("comfyui")))
            problems << tr("a workflow template is for ComfyUI, not %1").arg(m_remote.backend);
        else if (const auto workflow = comfy::WorkflowTemplate::load(m_remote.workflowFile, &error); !workflow)
            problems << error;
        else if (m_recipe.isImageToImage() && !workflow->uses(QStringLiteral("image")))
            problems << tr("the workflow template %1 has no {{image}} slot for the start image")
                            .arg(QFileInfo(m_remote.workflowFile).fileName());
    }
    return problems;
}

double RemoteGenerationJob::estimatedCostPerImage() const
{
    const CloudSettings settings(m_remote.settingsFile);
    const auto backend = BackendRegistry::create(
        m_remote.backend, endpointFor(m_remote.backend, m_remote, settings), m_remote.quality);
    return backend ? backend->costPerImage(m_recipe) : 0.0;
}

JobResult RemoteGenerationJob::run(JobContext& context)
{
    QElapsedTimer clock;
    clock.start();
    if (const QStringList problems = validate(); !problems.isEmpty())
        return failed(problems.first());

    const CloudSettings settings(m_remote.settingsFile);
    const double budget = m_remote.budgetUsd >= 0 ? m_remote.budgetUsd : settings.budgetUsd();
    CostLedger ledger(m_remote.costFile);
    RouterOptions routerOptions;
    routerOptions.maxRetryWaitSec = m_remote.maxRetryWaitSec;
    BackendRouter router(routerOptions);
    QHash<QString, std::shared_ptr<ImageBackend>> backends;
    JobResult result;
    for (const QString& id : remoteChain(m_remote)) {
        BackendEndpoint endpoint = endpointFor(id, m_remote, settings);
        const ApiKeys::Lookup key = ApiKeys::find(id);
        endpoint.apiKey = key.key;
        if (!key.note.isEmpty() && !result.notes.contains(key.note))
            result.notes << key.note;
        auto backend = BackendRegistry::create(id, endpoint, m_remote.quality);
        if (auto* comfy = dynamic_cast<ComfyUIBackend*>(backend.get()); comfy && !m_remote.workflowFile.isEmpty()) {
            QString error;
            auto workflow = comfy::WorkflowTemplate::load(m_remote.workflowFile, &error);
            if (!workflow)
                return failed(error);
            comfy->setWorkflowTemplate(std::move(workflow));
        }
        backends.insert(id, backend);
        router.add(backend);
    }
    router.beforeRequest = [&](ImageBackend& backend, const ImageRecipe& request) {
        if (!backend.isCloud())
            return BackendError {};
        const int perRequest = std::max(1, std::min(request.batchSize, backend.capabilities().maxImagesPerRequest));
        return ledger.checkBudget(budget, backend.costPerImage(request) * perRequest);
    };

    const int total = m_recipe.imageCount();
    int made = 0;
    JobProgress progress;
    progress.phase = JobPhase::Sampling;
    progress.batches = total;
    BackendCallbacks callbacks;
    callbacks.cancelled = [&context] { return context.cancelToken().isCancelledNow(); };
    callbacks.progress = [&](int step, int steps) {
        progress.step = step;
        progress.steps = steps;
        progress.phaseFraction = steps > 0 ? double(step) / steps : 0.0;
        progress.elapsedSec = clock.elapsed() / 1000.0;
        context.progress(progress);
    };
    callbacks.preview = [&](const Preview& image) { context.preview(made, progress.step, image); };

    ImageWriter writer([&context](const SavedImage& saved) { context.imageSaved(saved); });
    BackendError error;
    double spent = 0.0;
    while (made < total) {
        if (context.cancelToken().isCancelled()) {
            error.kind = BackendErrorKind::Cancelled;
            break;
        }
        ImageRecipe request = m_recipe;
        request.seed = m_recipe.seed + made;
        request.batchSize = std::min(total - made, std::max(1, m_recipe.batchSize)); // a batch per request
        request.batchCount = 1;
        progress.batch = made;
        progress.step = 0;
        progress.phaseFraction = 0.0;
        progress.elapsedSec = clock.elapsed() / 1000.0;
        context.progress(progress);

        BackendResult answer = router.run(request, callbacks);
        for (const QString& note : std::as_const(answer.notes)) {
            if (!result.notes.contains(note))
                result.notes << note;
        }
        if (answer.error.isError()) {
            error = answer.error;
            break;
        }
        const auto backend = backends.value(answer.backendId);
        const double perImage = backend ? backend->costPerImage(request) : 0.0;
        int written = 0;
        for (const BackendImage& image : std::as_const(answer.images)) {
            if (made >= total)
                break;
            ImageWriter::Item item;
            item.pixels = decode(image.encoded, item.saved.quality);
            if (item.pixels.isNull()) {
                result.notes << tr("%1 sent an image Easel cannot read (%2)").arg(answer.backendId, image.mimeType);
                continue;
            }
            ImageRecipe& r = item.saved.recipe;
            r = m_recipe;
            r.seed = image.seed >= 0 ? image.seed : m_recipe.seed + made;
            r.width = item.pixels.width;
            r.height = item.pixels.height;
            r.batchIndex = made % std::max(1, m_recipe.batchSize);
            r.batchCount = 1;
            r.model = image.remoteModel;
            r.modelName = image.remoteModel;
            r.modelSha256.clear();
            r.modelHashShort.clear();
            r.rng.clear();
            r.easelVersion = QStringLiteral(EASEL_VERSION);
            r.elapsedSeconds = clock.elapsed() / 1000.0;
            r.extras.insert(QStringLiteral("Backend"), answer.backendId);
            r.extras.insert(QStringLiteral("Remote model"), image.remoteModel);
            if (!image.revisedPrompt.isEmpty())
                r.extras.insert(QStringLiteral("Revised prompt"), image.revisedPrompt);
            for (auto it = image.extras.cbegin(); it != image.extras.cend(); ++it) {
                if (!it.value().isEmpty())
                    r.extras.insert(it.key(), it.value());
            }
            if (backend && backend->isCloud())
                r.extras.insert(QStringLiteral("Cost estimate"), QStringLiteral("$%1").arg(perImage, 0, 'f', 3));
            item.path = GenerationJob::outputPathFor(m_options, r.seed, total);
            item.chunks = chunksFor(r);
            item.overwrite = m_options.overwrite;
            writer.write(std::move(item));
            ++made;
            ++written;
        }
        if (backend && backend->isCloud() && written > 0) {
            spent += perImage * written;
            QString ledgerError;
            if (!ledger.record(answer.backendId, perImage * written, written, &ledgerError))
                result.notes << ledgerError;
        }
        if (written == 0) {
            error.kind = BackendErrorKind::Server;
            error.message = tr("the backend sent no image Easel can read");
            break;
        }
    }

    const bool localFallback = m_remote.fallback.contains(kLocal) && error.isError()
        && error.kind != BackendErrorKind::Cancelled && error.kind != BackendErrorKind::BadRequest;
    JobProgress saving;
    saving.phase = JobPhase::Saving;
    saving.elapsedSec = clock.elapsed() / 1000.0;
    context.progress(saving);
    writer.finish();
    result.saved = writer.saved();
    result.unsaved = writer.unsaved();
    if (spent > 0)
        result.notes
            << tr("estimated cost $%1 (price table of %2)").arg(spent, 0, 'f', 3).arg(QLatin1String(PriceTable::asOf));

    if (localFallback) {
        result.notes << tr("falling back to the local engine: %1").arg(error.message);
        ImageRecipe rest = m_recipe;
        rest.seed = m_recipe.seed + made;
        rest.batchSize = 1;
        rest.batchCount = total - made;
        GenerationJob local(rest, m_options);
        JobResult localResult = local.run(context);
        localResult.saved = result.saved + localResult.saved;
        localResult.unsaved = result.unsaved + localResult.unsaved;
        localResult.notes = result.notes + localResult.notes;
        return localResult;
    }
    if (!writer.error().isEmpty()) {
        result.state = JobState::Failed;
        result.message = writer.error();
    } else if (error.kind == BackendErrorKind::Cancelled) {
        result.state = JobState::Cancelled;
        result.message = tr("cancelled");
    } else if (error.isError()) {
        result.state = JobState::Failed;
        result.message = redactSecrets(error.message);
    }
    for (QString& note : result.notes)
        note = redactSecrets(note);
    return result;
}

QJsonObject RemoteGenerationJob::toJson() const
{
    return QJsonObject { { QStringLiteral("kind"), kind() }, { QStringLiteral("recipe"), m_recipe.toJson() },
        { QStringLiteral("remote"), m_remote.toJson() }, { QStringLiteral("options"), m_options.toJson() } };
}

std::unique_ptr<Job> RemoteGenerationJob::clone() const
{
    return std::make_unique<RemoteGenerationJob>(m_recipe, m_remote, m_options);
}

std::unique_ptr<Job> RemoteGenerationJob::fromJson(const QJsonObject& json, QString* errorMessage)
{
    const std::optional<ImageRecipe> recipe
        = ImageRecipe::fromJson(json.value(QStringLiteral("recipe")).toObject(), errorMessage);
    if (!recipe)
        return nullptr;
    return std::make_unique<RemoteGenerationJob>(*recipe,
        RemoteOptions::fromJson(json.value(QStringLiteral("remote")).toObject()),
        GenerationOptions::fromJson(json.value(QStringLiteral("options")).toObject()));
}

} // namespace easel
