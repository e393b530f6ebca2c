// SPDX-License-Identifier: MIT
#include "jobs/batchjob.h"

#include "jobs/modelservice.h"
#include "jobs/remotegenerationjob.h"

#include "batch/batchmetadata.h"
#include "batch/outputplan.h"
#include "batch/promptlist.h"
#include "imaging/imageio.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSize>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::BatchJob", text); }

/// The batch's context for one frame: progress says which frame of how many.
class FrameContext : public JobContext {
public:
    FrameContext(JobContext& outer, int frame, int frames)
        : m_outer(outer)
        , m_frame(frame)
        , m_frames(frames)
    {
    }
    ModelService& models() override { return m_outer.models(); }
    const CancelToken& cancelToken() const override { return m_outer.cancelToken(); }
    void progress(const JobProgress& progress) override
    {
        JobProgress p = progress;
        p.batch = m_frame;
        p.batches = m_frames;
        m_outer.progress(p);
    }
    void preview(int imageIndex, int step, const Preview& image) override { m_outer.preview(imageIndex, step, image); }
    void imageSaved(const SavedImage& image) override { m_outer.imageSaved(image); }

private:
    JobContext& m_outer;
    int m_frame;
    int m_frames;
};

BatchMetadata metadataFor(const PromptList& list, const OutputPlan& plan, const BatchRequest& request, QSize size)
{
    BatchMetadata metadata = BatchMetadata::fromPlan(list, plan);
    metadata.model = request.base.model.isEmpty() ? QStringLiteral("tiny-sd15 (bundled demo)")
                                                  : QFileInfo(request.base.model).fileName();
    metadata.backend = QStringLiteral("local (libtorch %1)")
                           .arg(deviceName(ModelService::resolveDevice(request.base.device)));
    metadata.steps = request.base.steps;
    metadata.guidance = request.base.guidance;
    metadata.width = size.width();
    metadata.height = size.height();
    metadata.negativePrompt = request.base.negativePrompt;
    return metadata;
}

/// The frames' size: what this run made, else (all frames existed) the first frame's own.
QSize frameSize(const JobResult& result, const OutputPlan& plan)
{
    if (!result.saved.isEmpty())
        return QSize(result.saved.first().recipe.width, result.saved.first().recipe.height);
    if (plan.completedFrames().isEmpty())
        return {};
    const cv::Mat first = imaging::readImage(plan.completedFrames().first().path).pixels;
    return QSize(first.cols, first.rows);
}

} // namespace

BatchJob::BatchJob(BatchRequest request)
    : m_request(std::move(request))
{
}

QString BatchJob::title() const { return tr("Prompt list %1").arg(QFileInfo(m_request.promptsFile).fileName()); }

JobResult BatchJob::run(JobContext& context)
{
    JobResult result;
    auto fail = [&](const QString& message) {
        result.state = JobState::Failed;
        result.message = message;
        return result;
    };
    QString error;
    const std::optional<PromptList> list = PromptList::fromFile(m_request.promptsFile, &error);
    if (!list)
        return fail(error);
    OutputPlan plan(*list, m_request.outputRoot);
    if (!plan.createOutputDir(&error))
        return fail(error);

    const QList<PlannedFrame> pending = plan.pendingFrames();
    const int skipped = int(plan.frames().size() - pending.size());
    if (skipped > 0)
        result.notes << tr("%1 of %2 frames already written: resuming").arg(skipped).arg(plan.frames().size());
    for (int i = 0; i < pending.size() && !context.cancelToken().isCancelled(); ++i) {
        const PlannedFrame& frame = pending[i];
        ImageRecipe recipe = m_request.base;
        recipe.prompt = frame.entry.prompt;
        if (!frame.entry.negativePrompt.isEmpty())
            recipe.negativePrompt = frame.entry.negativePrompt;
        recipe.batchSize = 1;
        recipe.batchCount = 1;
        recipe.seed = frame.entry.seed ? *frame.entry.seed : m_request.base.seed + frame.entry.index;
        GenerationOptions options;
        options.outputPath = frame.path;
        options.preview = m_request.preview;
        options.taesdPath = m_request.taesdPath;
        FrameContext frameContext(context, i, int(pending.size()));
        JobResult made;
        if (!frame.entry.backend.isEmpty() && frame.entry.backend != QLatin1String("local")) {
            RemoteOptions remote; // the entry's engine, with the settings' URL, model and key
            remote.backend = frame.entry.backend;
            remote.fallback = frame.entry.fallback;
            made = RemoteGenerationJob(recipe, remote, options).run(frameContext);
        } else {
            made = GenerationJob(recipe, options).run(frameContext);
        }
        result.saved << made.saved;
        result.unsaved << made.unsaved;
        result.notes << made.notes;
        if (made.state != JobState::Completed) {
            result.state = made.state;
            result.message = made.message;
            break;
        }
    }
    if (result.state == JobState::Completed && context.cancelToken().isCancelled()) {
        result.state = JobState::Cancelled;
        result.message = tr("cancelled; run it again to resume");
    }
    plan.refresh();
    if (!metadataFor(*list, plan, m_request, frameSize(result, plan)).write(plan.metadataPath(), &error))
        return fail(error);
    return result;
}

QJsonObject BatchJob::toJson() const
{
    return QJsonObject { { QStringLiteral("kind"), kind() }, { QStringLiteral("prompts"), m_request.promptsFile },
        { QStringLiteral("output_root"), m_request.outputRoot }, { QStringLiteral("recipe"), m_request.base.toJson() },
        { QStringLiteral("preview"), previewModeName(m_request.preview) },
        { QStringLiteral("taesd"), m_request.taesdPath } };
}

std::unique_ptr<Job> BatchJob::fromJson(const QJsonObject& json, QString* errorMessage)
{
    const std::optional<ImageRecipe> recipe
        = ImageRecipe::fromJson(json.value(QStringLiteral("recipe")).toObject(), errorMessage);
    if (!recipe)
        return nullptr;
    BatchRequest r;
    r.base = *recipe;
    r.promptsFile = json.value(QStringLiteral("prompts")).toString();
    r.outputRoot = json.value(QStringLiteral("output_root")).toString();
    r.preview = previewModeFromName(json.value(QStringLiteral("preview")).toString()).value_or(PreviewMode::Approx);
    r.taesdPath = json.value(QStringLiteral("taesd")).toString();
    return std::make_unique<BatchJob>(r);
}

std::unique_ptr<Job> BatchJob::clone() const { return std::make_unique<BatchJob>(m_request); }

} // namespace easel
