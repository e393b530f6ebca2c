// SPDX-License-Identifier: MIT
#include "jobs/directcontext.h"

namespace easel {

DirectContext::DirectContext(ModelService& models)
    : m_models(models)
{
}

void DirectContext::progress(const JobProgress& progress)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (onProgress)
        onProgress(progress);
}

void DirectContext::preview(int imageIndex, int step, const Preview& image)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (onPreview)
        onPreview(imageIndex, step, image);
}

void DirectContext::imageSaved(const SavedImage& image)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (onImageSaved)
        onImageSaved(image);
}

} // namespace easel
