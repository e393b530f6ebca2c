// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/enhance.h"

#include <opencv2/core.hpp>

#include <array>
#include <mutex>

namespace easel {

/**
 * imaging::enhance() for a live preview: the same steps in the same order with the same skips, but each
 * step's result is kept, so a change to one setting recomputes only the steps from it on (moving the unsharp
 * mask's radius costs the unsharp mask alone). The result equals imaging::enhance(source, settings). The
 * returned image shares memory with the cache: do not write to it. Calls are serialised.
 */
class EnhanceChain {
public:
    cv::Mat run(const cv::Mat& source, const imaging::EnhanceSettings& settings);

private:
    struct Step {
        bool valid = false;
        double factor = 1.0; ///< the factor, or the unsharp radius
        int percent = 0;
        int threshold = 0;
        bool on = false;
        cv::Mat out;
    };
    std::mutex m_mutex;
    cv::Mat m_source;
    std::array<Step, 5> m_steps;
};

} // namespace easel
