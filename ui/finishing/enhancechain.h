// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/enhance.h"

#include <QImage>

#include <opencv2/core.hpp>

#include <array>
#include <mutex>

namespace easel {

/**
 * imaging::enhance() for a live preview: the same steps in the same order with the same skips, but each
 * step's result is kept, so a change to one setting recomputes only the steps from it on (moving the unsharp
 * mask's radius costs the unsharp mask alone). A step made again writes into the image it kept, so a preview
 * allocates nothing once its size is set. The result equals imaging::enhance(source, settings). Calls are
 * serialised.
 */
class EnhanceChain {
public:
    /// The result, shared with the cache: valid (and to be left unwritten) until the next call.
    cv::Mat run(const cv::Mat& source, const imaging::EnhanceSettings& settings);
    /// run() converted for display, under the same lock.
    QImage image(const cv::Mat& source, const imaging::EnhanceSettings& settings);

private:
    cv::Mat runLocked(const cv::Mat& source, const imaging::EnhanceSettings& settings);

    struct Step {
        bool valid = false;
        double factor = 1.0; ///< the factor, or the unsharp radius
        int percent = 0;
        int threshold = 0;
        bool on = false;
        cv::Mat out; ///< the step's result: its own pixels when on, the previous result when off
        cv::Mat pixels; ///< the step's own image, written again when it is made again
    };
    std::mutex m_mutex;
    cv::Mat m_source;
    std::array<Step, 5> m_steps;
    imaging::EnhanceScratch m_scratch;
};

} // namespace easel
