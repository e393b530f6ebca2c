// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/job.h"

#include <functional>
#include <mutex>

namespace easel {

/// Runs a job in the calling thread, outside any queue (easel-cli): its events go to plain callbacks.
/// imageSaved may be called from the job's writer thread; the callbacks are never called concurrently.
class DirectContext : public JobContext {
public:
    explicit DirectContext(ModelService& models);

    std::function<void(const JobProgress&)> onProgress;
    std::function<void(int imageIndex, int step, const Preview&)> onPreview;
    std::function<void(const SavedImage&)> onImageSaved;

    /// The job's cancel flag (a signal handler may set it).
    CancelToken& cancel() { return m_cancel; }

    ModelService& models() override { return m_models; }
    const CancelToken& cancelToken() const override { return m_cancel; }
    void progress(const JobProgress& progress) override;
    void preview(int imageIndex, int step, const Preview& image) override;
    void imageSaved(const SavedImage& image) override;

private:
    ModelService& m_models;
    CancelToken m_cancel;
    std::mutex m_mutex;
};

} // namespace easel
