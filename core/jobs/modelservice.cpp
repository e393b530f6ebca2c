// SPDX-License-Identifier: MIT
#include "jobs/modelservice.h"
#include "settings/paths.h"

#include "jobs/enginebridge.h"
#include "jobs/resources.h"

#include "common/error.h"
#include "gallery/filehash.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"

#include <torch/cuda.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace easel {

namespace {

QString defaultHashCacheDir()
{
    return paths::cacheDir();
}

} // namespace

ModelService::ModelService(QString hashCacheDir, qint64 cacheBudgetBytes)
    : m_engine(std::make_unique<Engine>(cacheBudgetBytes))
{
    m_engine->hashCacheDir = hashCacheDir.isEmpty() ? defaultHashCacheDir() : std::move(hashCacheDir);
}

ModelService::~ModelService() = default;

Device ModelService::resolveDevice(Device device)
{
    if (device == Device::Auto)
        return torch::cuda::is_available() ? Device::Cuda : Device::Cpu;
    return device;
}

Precision ModelService::resolvePrecision(Precision precision, Device resolvedDevice)
{
    if (precision != Precision::Auto)
        return precision;
    if (resolvedDevice == Device::Cuda)
        return Precision::Fp16;
    return engine::cpuHasFastBf16() ? Precision::Bf16 : Precision::Fp32;
}

int ModelService::configureThreads(int threads) { return engine::configureThreads(threads); }

QString ModelService::checkDevice(Device device)
{
    if (device == Device::Cuda && !torch::cuda::is_available())
        return QCoreApplication::translate("easel::ModelService", "this build of libtorch has no usable CUDA device");
    return {};
}

QString ModelService::modelPathFor(const ImageRecipe& recipe)
{
    return recipe.model.isEmpty() ? demoModelPath() : recipe.model;
}

QString ModelService::sha256(const QString& modelPath, QString* errorMessage)
{
    std::lock_guard<std::mutex> lock(m_engine->hashMutex);
    QDir().mkpath(m_engine->hashCacheDir);
    FileHash hashes(m_engine->hashCacheDir);
    return hashes.sha256(modelPath, errorMessage).value_or(QString());
}

ModelSummary ModelService::summary(const ImageRecipe& recipe)
{
    const QString path = modelPathFor(recipe);
    std::shared_ptr<engine::StableDiffusion> model;
    try {
        model = m_engine->cache.get(path.toStdString(), bridge::loadOptions(recipe));
    } catch (const engine::EngineError& e) {
        throw Error(e.what());
    }
    ModelSummary s;
    s.path = path;
    const QFileInfo info(path);
    s.name = info.isDir() ? info.fileName() : info.completeBaseName();
    s.family = bridge::familyKey(model->family());
    s.nativeSize = model->nativeSize();
    s.weightBytes = model->weightBytes();
    s.licence = QString::fromStdString(engine::modelLicence(model->info()).name);
    return s;
}

bool ModelService::unload(const QString& modelPath) { return m_engine->cache.unload(modelPath.toStdString()); }

void ModelService::clear() { m_engine->cache.clear(); }

qint64 ModelService::usedBytes() const { return m_engine->cache.usedBytes(); }

void ModelService::setBudget(qint64 bytes) { m_engine->cache.setBudget(bytes); }

ModelService::Engine& ModelService::engine() { return *m_engine; }

} // namespace easel
