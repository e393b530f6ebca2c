// SPDX-License-Identifier: MIT
#include "finishing/enhancechain.h"

#include "finishing/finishingutil.h"

namespace easel {

cv::Mat EnhanceChain::run(const cv::Mat& source, const imaging::EnhanceSettings& settings)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return runLocked(source, settings);
}

QImage EnhanceChain::image(const cv::Mat& source, const imaging::EnhanceSettings& settings)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return matToImage(runLocked(source, settings));
}

cv::Mat EnhanceChain::runLocked(const cv::Mat& source, const imaging::EnhanceSettings& settings)
{
    if (source.data != m_source.data || source.size() != m_source.size() || source.type() != m_source.type()) {
        m_source = source;
        for (Step& step : m_steps)
            step.valid = false;
    }
    const double factors[4] = { settings.sharpness, settings.contrast, settings.color, settings.brightness };
    cv::Mat current = source;
    bool upstreamKept = true;
    for (int i = 0; i < 5; ++i) {
        Step wanted;
        if (i < 4) {
            wanted.factor = factors[i];
            wanted.on = wanted.factor != 1.0;
        } else if (settings.unsharp) {
            wanted.on = true;
            wanted.factor = settings.unsharp->radius;
            wanted.percent = settings.unsharp->percent;
            wanted.threshold = settings.unsharp->threshold;
        }
        Step& step = m_steps[size_t(i)];
        const bool same = step.valid && step.on == wanted.on
            && (!wanted.on
                || (step.factor == wanted.factor && step.percent == wanted.percent
                    && step.threshold == wanted.threshold));
        if (upstreamKept && same) {
            current = step.out;
            continue;
        }
        upstreamKept = false;
        wanted.pixels = step.pixels; // reused: each step writes only its own image, never one it reads
        if (wanted.on) {
            cv::Mat& out = wanted.pixels;
            switch (i) {
            case 0:
                imaging::adjustSharpness(current, wanted.factor, out);
                break;
            case 1:
                imaging::adjustContrast(current, wanted.factor, out, &m_scratch);
                break;
            case 2:
                imaging::adjustColor(current, wanted.factor, out);
                break;
            case 3:
                imaging::adjustBrightness(current, wanted.factor, out);
                break;
            default:
                imaging::unsharpMask(current, { wanted.factor, wanted.percent, wanted.threshold }, out, &m_scratch);
                break;
            }
            current = out;
        }
        wanted.valid = true;
        wanted.out = current;
        step = wanted;
    }
    return current;
}

} // namespace easel
