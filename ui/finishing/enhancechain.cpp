// SPDX-License-Identifier: MIT
#include "finishing/enhancechain.h"

namespace easel {

cv::Mat EnhanceChain::run(const cv::Mat& source, const imaging::EnhanceSettings& settings)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
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
        if (wanted.on) {
            switch (i) {
            case 0:
                current = imaging::adjustSharpness(current, wanted.factor);
                break;
            case 1:
                current = imaging::adjustContrast(current, wanted.factor);
                break;
            case 2:
                current = imaging::adjustColor(current, wanted.factor);
                break;
            case 3:
                current = imaging::adjustBrightness(current, wanted.factor);
                break;
            default:
                current = imaging::unsharpMask(current, { wanted.factor, wanted.percent, wanted.threshold });
                break;
            }
        }
        wanted.valid = true;
        wanted.out = current;
        step = wanted;
    }
    return current;
}

} // namespace easel
