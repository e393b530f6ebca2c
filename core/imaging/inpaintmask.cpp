// SPDX-License-Identifier: MIT
#include "imaging/inpaintmask.h"

#include "common/error.h"

#include <QCoreApplication>

#include <opencv2/imgproc.hpp>

#include <cstdlib>

namespace easel::imaging {

cv::Mat adjustInpaintMask(const cv::Mat& mask, int grow, int blur)
{
    if (mask.empty() || mask.type() != CV_8UC1)
        throw Error(QCoreApplication::translate("easel::imaging", "The inpainting mask must be an 8-bit grey image")
                        .toStdString());
    cv::Mat out = mask.clone();
    if (grow != 0) {
        const int r = std::abs(grow);
        const cv::Mat disc = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1));
        if (grow > 0)
            cv::dilate(out, out, disc);
        else
            cv::erode(out, out, disc);
    }
    if (blur > 0) {
        const int kernel = 2 * int(2.5 * blur + 0.5) + 1;
        cv::GaussianBlur(out, out, cv::Size(kernel, kernel), blur, blur);
    }
    return out;
}

} // namespace easel::imaging
