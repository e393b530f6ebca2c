// SPDX-License-Identifier: MIT
#include "jobs/imagetooljob.h"

#include "imaging/mergefile.h"
#include "imaging/toolfiles.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <iterator>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::ImageToolJob", text); }

const char* const kToolNames[] = { "enhance", "merge", "attribute", "chain" };

QJsonObject enhanceJson(const imaging::EnhanceSettings& s)
{
    QJsonObject o { { QStringLiteral("sharpness"), s.sharpness }, { QStringLiteral("contrast"), s.contrast },
        { QStringLiteral("color"), s.color }, { QStringLiteral("brightness"), s.brightness } };
    if (s.unsharp)
        o.insert(QStringLiteral("unsharp"),
            QJsonArray { s.unsharp->radius, s.unsharp->percent, s.unsharp->threshold });
    return o;
}

imaging::EnhanceSettings enhanceFromJson(const QJsonObject& o)
{
    imaging::EnhanceSettings s;
    s.sharpness = o.value(QStringLiteral("sharpness")).toDouble(1.0);
    s.contrast = o.value(QStringLiteral("contrast")).toDouble(1.0);
    s.color = o.value(QStringLiteral("color")).toDouble(1.0);
    s.brightness = o.value(QStringLiteral("brightness")).toDouble(1.0);
    const QJsonArray u = o.value(QStringLiteral("unsharp")).toArray();
    if (u.size() == 3)
        s.unsharp = imaging::UnsharpMaskParams { u[0].toDouble(), u[1].toInt(), u[2].toInt() };
    return s;
}

} // namespace

ImageToolJob::ImageToolJob(ImageToolRequest request)
    : m_request(std::move(request))
{
}

QString ImageToolJob::title() const
{
    const QString file = QFileInfo(m_request.output).fileName();
    switch (m_request.tool) {
    case ImageToolRequest::Tool::Enhance: return tr("Enhance %1").arg(file);
    case ImageToolRequest::Tool::Merge: return tr("Merge %1").arg(file);
    case ImageToolRequest::Tool::Attribute: return tr("Attribute %1").arg(file);
    case ImageToolRequest::Tool::Chain: return tr("Apply chain %1").arg(file);
    }
    return file;
}

JobResult ImageToolJob::run(JobContext& context)
{
    JobResult result;
    const qsizetype needed = m_request.tool == ImageToolRequest::Tool::Merge ? 2 : 1;
    if (m_request.inputs.size() != needed) {
        result.state = JobState::Failed;
        result.message = tr("%1 needs %2 input image(s)").arg(title()).arg(needed);
        return result;
    }
    JobProgress progress;
    progress.phase = JobPhase::Processing;
    context.progress(progress);
    const QString software = QStringLiteral("Easel " EASEL_VERSION);
    const auto existing = m_request.overwrite ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse;
    try {
        switch (m_request.tool) {
        case ImageToolRequest::Tool::Enhance:
            imaging::enhanceFile(m_request.inputs[0], m_request.output, m_request.enhance, software, existing);
            break;
        case ImageToolRequest::Tool::Merge:
            imaging::mergeFiles(
                m_request.inputs[0], m_request.inputs[1], m_request.output, m_request.merge, software, existing);
            break;
        case ImageToolRequest::Tool::Attribute:
            imaging::attributeFile(
                m_request.inputs[0], m_request.output, m_request.watermark, m_request.model, software, existing);
            break;
        case ImageToolRequest::Tool::Chain:
            imaging::applyChainFile(m_request.inputs[0], m_request.output, m_request.operations, software, existing);
            break;
        }
    } catch (const std::exception& e) {
        result.state = JobState::Failed;
        result.message = QString::fromUtf8(e.what());
        return result;
    }
    SavedImage saved;
    saved.path = m_request.output;
    result.saved << saved;
    context.imageSaved(saved);
    return result;
}

QJsonObject ImageToolJob::toJson() const
{
    const imaging::MergeOptions& m = m_request.merge;
    const imaging::WatermarkOptions& w = m_request.watermark;
    QJsonObject merge { { QStringLiteral("size"), QJsonArray { m.size.width, m.size.height } },
        { QStringLiteral("scale"), m.scale }, { QStringLiteral("harmonize"), m.harmonize },
        { QStringLiteral("feather"), m.cutout.featherPx } };
    if (m.position)
        merge.insert(QStringLiteral("position"), QJsonArray { m.position->x, m.position->y });
    if (!m.cutout.strokes.empty())
        merge.insert(QStringLiteral("strokes"), imaging::strokesToJson(m.cutout.strokes));
    QJsonObject json { { QStringLiteral("kind"), kind() },
        { QStringLiteral("tool"), QLatin1String(kToolNames[int(m_request.tool)]) },
        { QStringLiteral("inputs"), QJsonArray::fromStringList(m_request.inputs) },
        { QStringLiteral("output"), m_request.output }, { QStringLiteral("overwrite"), m_request.overwrite },
        { QStringLiteral("enhance"), enhanceJson(m_request.enhance) },
        { QStringLiteral("merge"), merge },
        { QStringLiteral("watermark"),
            QJsonObject { { QStringLiteral("text"), w.text },
                { QStringLiteral("corner"), imaging::cornerName(w.corner) }, { QStringLiteral("opacity"), w.opacity },
                { QStringLiteral("size"), w.size } } } };
    if (!m_request.operations.isEmpty())
        json.insert(QStringLiteral("operations"), m_request.operations);
    if (m_request.model)
        json.insert(QStringLiteral("model"),
            QJsonObject { { QStringLiteral("name"), m_request.model->name },
                { QStringLiteral("family"), m_request.model->family },
                { QStringLiteral("licence"), m_request.model->licence } });
    return json;
}

std::unique_ptr<Job> ImageToolJob::fromJson(const QJsonObject& json, QString* errorMessage)
{
    ImageToolRequest r;
    const QString tool = json.value(QStringLiteral("tool")).toString();
    int index = -1;
    for (int i = 0; i < int(std::size(kToolNames)); ++i) {
        if (tool == QLatin1String(kToolNames[i]))
            index = i;
    }
    if (index < 0) {
        if (errorMessage)
            *errorMessage = tr("unknown image tool '%1'").arg(tool);
        return nullptr;
    }
    r.tool = ImageToolRequest::Tool(index);
    for (const QJsonValue& v : json.value(QStringLiteral("inputs")).toArray())
        r.inputs << v.toString();
    r.output = json.value(QStringLiteral("output")).toString();
    r.operations = json.value(QStringLiteral("operations")).toArray();
    r.overwrite = json.value(QStringLiteral("overwrite")).toBool();
    r.enhance = enhanceFromJson(json.value(QStringLiteral("enhance")).toObject());
    const QJsonObject m = json.value(QStringLiteral("merge")).toObject();
    const QJsonArray size = m.value(QStringLiteral("size")).toArray();
    if (size.size() == 2)
        r.merge.size = cv::Size(size[0].toInt(1024), size[1].toInt(512));
    r.merge.scale = m.value(QStringLiteral("scale")).toDouble(1.0);
    r.merge.harmonize = m.value(QStringLiteral("harmonize")).toDouble(0.2);
    r.merge.cutout.featherPx = m.value(QStringLiteral("feather")).toDouble(0.0);
    const QJsonArray position = m.value(QStringLiteral("position")).toArray();
    if (position.size() == 2)
        r.merge.position = cv::Point2d(position[0].toDouble(), position[1].toDouble());
    try {
        r.merge.cutout.strokes = imaging::strokesFromJson(m.value(QStringLiteral("strokes")));
    } catch (const std::exception& e) {
        if (errorMessage)
            *errorMessage = tr("merge: %1").arg(QString::fromUtf8(e.what()));
        return nullptr;
    }
    const QJsonObject w = json.value(QStringLiteral("watermark")).toObject();
    r.watermark.text = w.value(QStringLiteral("text")).toString(r.watermark.text);
    r.watermark.corner = imaging::cornerFromString(w.value(QStringLiteral("corner")).toString()).value_or(r.watermark.corner);
    r.watermark.opacity = w.value(QStringLiteral("opacity")).toDouble(r.watermark.opacity);
    r.watermark.size = w.value(QStringLiteral("size")).toDouble(r.watermark.size);
    if (json.value(QStringLiteral("model")).isObject()) {
        const QJsonObject model = json.value(QStringLiteral("model")).toObject();
        r.model = imaging::ModelInfo { model.value(QStringLiteral("name")).toString(),
            model.value(QStringLiteral("family")).toString(), model.value(QStringLiteral("licence")).toString() };
    }
    return std::make_unique<ImageToolJob>(r);
}

std::unique_ptr<Job> ImageToolJob::clone() const { return std::make_unique<ImageToolJob>(m_request); }

} // namespace easel
