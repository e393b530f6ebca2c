// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core.hpp>

namespace easel::imaging {

/**
 * The user's inpainting mask options, applied to an 8-bit grey mask (white = repaint) at the size the image is
 * made: first the white part grown by `grow` pixels (a dilation with a disc of that radius; negative: an
 * erosion, shrinking it), then a Gaussian blur of standard deviation `blur` pixels with A1111's kernel
 * (2 * int(2.5 * blur + 0.5) + 1 wide, as its "Mask blur" since 1.6). 0 and 0 return the mask unchanged (the
 * same pixels), so diffusers parity holds by default. Throws easel::Error for a mask that is not 8-bit grey.
 */
cv::Mat adjustInpaintMask(const cv::Mat& mask, int grow, int blur);

} // namespace easel::imaging
