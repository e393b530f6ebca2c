// SPDX-License-Identifier: MIT
#include "jobs/modeldescription.h"

#include "common/error.h"
#include "jobs/modelservice.h"
#include "jobs/resources.h"

#include "engine/common/error.h"
#include "engine/weights/modelfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace easel {

namespace {

    QString qs(const std::string& s) { return QString::fromStdString(s); }

    // The keys ModelSummary::family uses (jobs/enginebridge.cpp), without the engine's pipeline headers.
    QString familyKey(engine::ModelFamily family)
    {
        switch (family) {
        case engine::ModelFamily::SD1:
            return QStringLiteral("sd1");
        case engine::ModelFamily::SD2:
            return QStringLiteral("sd2");
        case engine::ModelFamily::SDXLBase:
        case engine::ModelFamily::SDXLRefiner:
            return QStringLiteral("sdxl");
        case engine::ModelFamily::Unknown:
            break;
        }
        return {};
    }

    // (int8 keeps bf16 weights beside the quantized copies of the UNet's convolutions and linear layers.)
    qint64 bytesPerElement(Precision precision) { return precision == Precision::Fp32 ? 4 : 2; }

    qint64 diskBytes(const QFileInfo& info)
    {
        if (!info.isDir())
            return info.size();
        qint64 total = 0;
        QDirIterator it(info.filePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            total += it.fileInfo().size();
        }
        return total;
    }

    bool isDemo(const QString& path)
    {
        const QString canonical = QFileInfo(path).canonicalFilePath();
        return !canonical.isEmpty() && canonical == QFileInfo(demoModelPath()).canonicalFilePath();
    }

    bool isDiffusersFolder(const QString& dir) { return QFileInfo::exists(dir + QStringLiteral("/model_index.json")); }

    // TAESD decoders are .safetensors files too, but previews' helpers, not models (the downloads' names).
    bool isPreviewDecoder(const QString& fileName)
    {
        return fileName.startsWith(QLatin1String("taesd"), Qt::CaseInsensitive);
    }

    // The models directly in `dir`: checkpoint files and diffusers folders; other folders are returned in
    // `subfolders` for the caller to look into.
    /// `<models>/Lora` holds the LoRAs (lorainfo.h: loraFolders), and A1111's `LyCORIS` folder the same kind of
    /// file: neither is a model to load.
    bool isLoraFolder(const QString& name)
    {
        return name.compare(QLatin1String("Lora"), Qt::CaseInsensitive) == 0
            || name.compare(QLatin1String("LyCORIS"), Qt::CaseInsensitive) == 0;
    }

    void collectModels(const QString& dir, QStringList& models, QStringList* subfolders)
    {
        const QFileInfoList entries = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QFileInfo& entry : entries) {
            if (entry.isDir()) {
                if (isDiffusersFolder(entry.filePath()))
                    models << entry.filePath();
                else if (subfolders && !isLoraFolder(entry.fileName()))
                    *subfolders << entry.filePath();
            } else if (entry.suffix().compare(QLatin1String("safetensors"), Qt::CaseInsensitive) == 0
                && !isPreviewDecoder(entry.fileName())) {
                models << entry.filePath();
            }
        }
    }

} // namespace

qint64 ModelDescription::weightBytesAt(Precision precision) const
{
    const bool xl = family == QLatin1String("sdxl");
    qint64 bytes = 0;
    for (const ModelComponentDescription& c : components) {
        // SDXL's VAE overflows in fp16, so the engine runs it in fp32 (StableDiffusion::loadModules).
        const Precision own
            = xl && precision == Precision::Fp16 && c.name == QLatin1String("vae") ? Precision::Fp32 : precision;
        bytes += c.parameters * bytesPerElement(own);
    }
    return bytes;
}

ModelDescription describeModel(const QString& path, Device device, Precision precision)
{
    std::shared_ptr<engine::ModelFiles> files;
    try {
        files = engine::ModelFiles::open(path.toStdString());
    } catch (const engine::EngineError& e) {
        throw Error(e.what());
    }
    const engine::ModelInfo& info = files->info();
    const engine::ModelLicence licence = engine::modelLicence(info);

    ModelDescription d;
    d.path = qs(info.path);
    const QFileInfo file(path);
    d.name = file.isDir() ? QDir(file.absoluteFilePath()).dirName() : file.completeBaseName();
    d.demo = isDemo(path);
    d.layout = QLatin1String(engine::layoutName(info.layout));
    d.standaloneVae = info.layout == engine::ModelLayout::StandaloneVae;
    d.architecture = QLatin1String(engine::familyName(info.family));
    d.family = familyKey(info.family);
    d.inpainting = info.inpainting;
    d.unetInChannels = info.unetInChannels;
    d.contextDim = info.contextDim;
    d.vPrediction = info.prediction == engine::Prediction::VPrediction;
    d.predictionSource = qs(info.predictionSource);

    QMap<QString, qint64> dtypeCounts;
    for (const engine::ComponentSummary& c : info.components) {
        ModelComponentDescription component;
        component.name = QLatin1String(engine::componentName(c.component));
        component.source = qs(c.source);
        component.parameters = c.parameters;
        component.tensors = c.tensors;
        component.bytes = qint64(c.bytes);
        for (const auto& [dtype, count] : c.dtypes) {
            component.dtypes.insert(qs(dtype), count);
            dtypeCounts[qs(dtype)] += count;
        }
        d.parameters += c.parameters;
        d.components.append(component);
    }
    d.dtypes = dtypeCounts.keys();
    std::stable_sort(d.dtypes.begin(), d.dtypes.end(),
        [&](const QString& a, const QString& b) { return dtypeCounts.value(a) > dtypeCounts.value(b); });
    for (const auto& [key, value] : info.metadata)
        d.metadata.append({ qs(key), qs(value) });
    for (const std::string& note : info.notes)
        d.notes << qs(note);

    d.licenceName = qs(licence.name);
    d.licenceUrl = qs(licence.url);
    d.licenceRestrictions = qs(licence.restrictions);
    d.licenceSource = qs(licence.source);

    d.diskBytes = diskBytes(file);
    d.runDevice = ModelService::resolveDevice(device);
    d.runPrecision = ModelService::resolvePrecision(precision, d.runDevice);
    d.runBytes = d.weightBytesAt(d.runPrecision);
    return d;
}

ModelDescription describeFamilyLicence(const QString& family)
{
    engine::ModelInfo info;
    if (family == QLatin1String("sd1"))
        info.family = engine::ModelFamily::SD1;
    else if (family == QLatin1String("sd2"))
        info.family = engine::ModelFamily::SD2;
    else if (family == QLatin1String("sdxl"))
        info.family = engine::ModelFamily::SDXLBase;
    const engine::ModelLicence licence = engine::modelLicence(info);
    ModelDescription d;
    d.family = familyKey(info.family);
    d.licenceName = qs(licence.name);
    d.licenceUrl = qs(licence.url);
    d.licenceRestrictions = qs(licence.restrictions);
    d.licenceSource = qs(licence.source);
    return d;
}

QStringList findModels(const QString& folder)
{
    QStringList models;
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return models;
    if (isDiffusersFolder(folder))
        return { QDir(folder).absolutePath() };
    QStringList subfolders;
    collectModels(folder, models, &subfolders);
    for (const QString& sub : subfolders)
        collectModels(sub, models, nullptr);
    std::sort(models.begin(), models.end(),
        [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return models;
}

} // namespace easel
