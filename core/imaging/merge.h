// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core.hpp>

#include <optional>

namespace easel::imaging {

/// How a subject is cut out of its generated backdrop.
struct CutoutOptions {
    /// Standard deviation of the edge feathering in character pixels; 0 picks about 0.2% of the
    /// larger side (at least 0.7 px), enough to hide aliasing without a visible halo.
    double featherPx = 0.0;
    /// GrabCut iterations on the working copy (the longer side scaled to at most 320 px); the seeds are
    /// good, so a few suffice.
    int iterations = 3;
};

/// A subject cut out of its backdrop.
struct Cutout {
    cv::Mat colour; ///< CV_8UC3 BGR; edge pixels carry the subject's own colour, not the backdrop's
    cv::Mat alpha; ///< CV_32FC1 in [0, 1], soft at the edges
    cv::Rect subject; ///< bounding box of alpha >= 0.5
    cv::Vec3b backdrop; ///< estimated backdrop colour (BGR); meaningful when plainBackdrop
    bool plainBackdrop = false; ///< the border was a plain colour (else GrabCut was seeded from a box)
};

/**
 * Cuts the subject out of \a character (8-bit BGR or grey; BGRA with real transparency is used as is).
 *
 * The backdrop is estimated from the border of a reduced copy: a smooth (quadratic) surface per Lab
 * channel fitted to it, so vignettes and gradients are followed, and its noise level. Pixels far from it
 * seed GrabCut as probable subject, near ones as probable backdrop, the border as sure backdrop (except
 * where the subject touches it) and everything outside the subject box (the bounds of the distinct
 * regions, with a margin) as backdrop. GrabCut runs on that reduced copy; the mask is cleaned (specks
 * removed, small holes filled), scaled back, and its edge band is re-estimated at full resolution by
 * projecting each pixel's colour on the line between the backdrop colour and the local subject colour
 * (a closed-form two-colour matte). The edge colour is replaced by the local subject colour
 * (decontamination, so no backdrop halo survives compositing) and the alpha is feathered.
 * A border that is not a plain colour falls back to GrabCut seeded from a box inset 4% from the edges,
 * and when that separates nothing (noise, a texture) to the central oval of the image.
 *
 * Throws easel::Error when the image is empty or no subject stands out from the backdrop.
 */
Cutout cutOut(const cv::Mat& character, const CutoutOptions& options = {});

/// Parameters of merge().
struct MergeOptions {
    cv::Size size { 1024, 512 }; ///< output size
    /// Where the subject's feet (bottom centre of its box) land, in output pixels; unset: the middle of
    /// the right half, on the bottom edge.
    std::optional<cv::Point2d> position;
    /// Size of the character relative to "its whole frame as tall as the output", > 0.
    double scale = 1.0;
    /// Strength of the colour harmonisation, 0 (none) to 1 (full transfer, see harmonizeColours()).
    double harmonize = 0.2;
    CutoutOptions cutout;
};

/// The result of merge() and where things went.
struct MergeResult {
    cv::Mat image; ///< CV_8UC3 BGR, options.size
    cv::Mat background; ///< the background as fitted to the output (before compositing)
    cv::Rect placement; ///< where the character's whole (scaled) frame lies in the output; may exceed it
    double characterScale = 1.0; ///< character pixels -> output pixels
    Cutout cutout;
};

/// \a background scaled to cover \a size (aspect kept) and centre-cropped.
cv::Mat fitBackground(const cv::Mat& background, cv::Size size);

/**
 * Moves the colour statistics of \a colour (where \a alpha >= 0.5) towards those of \a reference in Lab:
 * result = colour + strength * (transfer - colour). The transfer matches the reference's lightness mean
 * and standard deviation (ratio limited to 0.5..2) and its colour cast (the a/b means) while keeping the
 * subject's own colour contrast, so a red coat stays red in a blue scene, only tinted.
 * Returns a new CV_8UC3 image.
 */
cv::Mat harmonizeColours(const cv::Mat& colour, const cv::Mat& alpha, const cv::Mat& reference, double strength);

/**
 * Places, scales, harmonises and blends an already cut-out subject onto \a background (fitted to
 * options.size): the second half of merge(), so a cutout made once can be composited many times (a live
 * preview). composite(cutOut(c, o.cutout), b, o) equals merge(c, b, o). Throws easel::Error for bad options,
 * a malformed cutout or a placement outside the output.
 */
MergeResult composite(const Cutout& cutout, const cv::Mat& background, const MergeOptions& options);

/// The character scaled to an output and harmonised with its background, before it is placed: what does not
/// change while the figure is moved, so a preview can drag it with placeFigure() alone.
struct ScaledFigure {
    cv::Mat colour; ///< CV_8UC3 BGR, harmonised
    cv::Mat alpha; ///< CV_32FC1
    cv::Point2d feet; ///< bottom centre of the subject's box, in these pixels
    double scale = 1.0; ///< character pixels -> output pixels
};

/// The first step of composite(): \a cutout scaled by options.scale and harmonised towards \a fittedBackground
/// (fitBackground() of the background to options.size). Throws easel::Error for bad options or inputs.
ScaledFigure scaleFigure(const Cutout& cutout, const cv::Mat& fittedBackground, const MergeOptions& options);

/// The second step: \a figure placed at options.position (its feet there) and blended onto a copy of
/// \a fittedBackground. placeFigure(scaleFigure(cut, fit, o), fit, o).image equals composite(cut, b, o).image
/// when fit = fitBackground(b, o.size). Throws easel::Error when the figure lies outside the output.
MergeResult placeFigure(const ScaledFigure& figure, const cv::Mat& fittedBackground, const MergeOptions& options);

/**
 * Composites the subject of \a character onto \a background: cut out (cutOut()), scaled, placed,
 * harmonised and blended with its soft alpha. Both inputs are 8-bit BGR (grey and BGRA accepted).
 * Throws easel::Error for bad input or options.
 */
MergeResult merge(const cv::Mat& character, const cv::Mat& background, const MergeOptions& options = {});

} // namespace easel::imaging
