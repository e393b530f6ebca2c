// SPDX-License-Identifier: MIT
#include "jobs/modelservice.h"
#include "settings/paths.h"

#include "jobs/enginebridge.h"
#include "jobs/resources.h"

#include "common/error.h"
#include "gallery/filehash.h"

#include "engine/common/error.h"
#include "engine/common/runtime.h"
#include "engine/pipeline/precisionprobe.h"

#include <torch/cuda.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

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

void ModelService::stopBackgroundMeasuring() { engine::abandonBackgroundProbe(); }

namespace {
    std::atomic<bool> g_measureInBackground { false };
}

void ModelService::setMeasureInBackground(bool background) { g_measureInBackground = background; }

bool ModelService::measuresInBackground() { return g_measureInBackground; }

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

namespace {

// What a cached hash stays valid for: each hashed file's size and mtime.
QString hashStamp(const QString& modelPath)
{
    const QFileInfo info(modelPath);
    const QStringList files = info.isDir() ? FileHash::weightFiles(info.absoluteFilePath()) : QStringList { modelPath };
    QString stamp;
    for (const QString& file : files) {
        const QFileInfo f(file);
        stamp += QStringLiteral("%1:%2:%3;").arg(file).arg(f.size()).arg(f.lastModified().toMSecsSinceEpoch());
    }
    return stamp;
}

} // namespace

std::shared_future<QString> ModelService::sha256Async(const QString& modelPath)
{
    const QString stamp = hashStamp(modelPath);
    std::lock_guard<std::mutex> lock(m_engine->asyncMutex);
    Engine::PendingHash& pending = m_engine->asyncHashes[modelPath];
    if (pending.hash.valid() && pending.stamp == stamp)
        return pending.hash;
    pending.stamp = stamp;
    pending.hash = std::async(std::launch::async, [this, modelPath] {
#ifdef __linux__
                       // Below the engine's threads: reading a large model must not slow the denoising.
                       ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
#endif
                       return sha256(modelPath);
                   }).share();
    return pending.hash;
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
