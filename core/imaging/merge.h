// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace easel::imaging {

/// A brush stroke on the character that corrects its cut-out: the pixels it covers are sure subject (Keep) or
/// sure backdrop (Remove). They re-seed the segmentation (GrabCut's GC_FGD / GC_BGD marks) and hold in the
/// final matte. Recorded in a merge's operations so the merge can be made again.
struct MatteStroke {
    enum class Mode { Keep, Remove };
    Mode mode = Mode::Remove;
    double radius = 8.0; ///< brush radius in character pixels, 0.5..2000
    std::vector<cv::Point2d> points; ///< the brush path in character pixels (one point: a dab)

    bool operator==(const MatteStroke& o) const { return mode == o.mode && radius == o.radius && points == o.points; }
};

/// Values of strokeSeeds().
enum StrokeSeed : unsigned char { kSeedNone = 0, kSeedKeep = 1, kSeedRemove = 2 };

/// The strokes painted, in order (a later stroke wins where they overlap), into a CV_8UC1 map of \a size:
/// kSeedNone, kSeedKeep or kSeedRemove per pixel. Throws easel::Error for a bad stroke (no points, a radius
/// out of range, a coordinate that is not finite) or too many (at most 10000 points in all).
cv::Mat strokeSeeds(const std::vector<MatteStroke>& strokes, cv::Size size);

/// How a subject is cut out of its generated backdrop.
struct CutoutOptions {
    /// Standard deviation of the edge feathering in character pixels; 0 picks about 0.2% of the
    /// larger side (at least 0.7 px), enough to hide aliasing without a visible halo.
    double featherPx = 0.0;
    /// GrabCut iterations on the working copy (the longer side scaled to at most 320 px); the seeds are
    /// good, so a few suffice.
    int iterations = 3;
    /// Corrections painted on the character (keep / remove), applied in order; see MatteStroke.
    std::vector<MatteStroke> strokes;
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
 * options.strokes mark sure subject / sure backdrop for GrabCut and are forced in the matte before it is
 * feathered (also over an image's own transparency), so a stroke is what the user sees where it was painted.
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

/// The subject's side of harmonizeColours(), which does not depend on the strength: made once per figure, so a
/// preview whose strength slider moves only redoes the transfer (see the overload below).
struct HarmonizeSubject {
    cv::Mat bgr; ///< CV_8UC3, the colours as given
    cv::Mat lab[3]; ///< its Lab planes (CV_32FC1); empty when no pixel has alpha >= 0.5
    cv::Scalar mean; ///< Lab mean where alpha >= 0.5
    cv::Scalar dev; ///< Lab standard deviation there
};

/// The Lab mean and standard deviation of a whole image: the reference's side of harmonizeColours().
struct LabStatistics {
    cv::Scalar mean;
    cv::Scalar dev;
};

/// Scratch images of harmonizeColours(), kept by a caller that harmonises again and again at one size.
struct HarmonizeScratch {
    cv::Mat planes[3];
    cv::Mat merged;
    cv::Mat bgr;
};

/// harmonizeSubject(colour, alpha): the statistics of \a colour (8-bit grey/BGR/BGRA) where \a alpha >= 0.5.
HarmonizeSubject harmonizeSubject(const cv::Mat& colour, const cv::Mat& alpha);
/// The Lab statistics of \a reference (8-bit grey/BGR/BGRA).
LabStatistics labStatistics(const cv::Mat& reference);

/// harmonizeColours() from statistics made before: the same pixels as
/// harmonizeColours(colour, alpha, reference, strength) for subject = harmonizeSubject(colour, alpha) and
/// referenceStats = labStatistics(reference). \a out (and \a scratch when given) are reused when they already have
/// the size and type, so a repeated call allocates nothing.
void harmonizeColours(const HarmonizeSubject& subject, const LabStatistics& referenceStats, double strength,
    cv::Mat& out, HarmonizeScratch* scratch = nullptr);

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

/// scaleFigure() without the harmonisation (options.harmonize is not used): a preview keeps this, with
/// harmonizeSubject() of it, while the strength changes. Harmonising its colour with
/// harmonizeColours(harmonizeSubject(f.colour, f.alpha), labStatistics(fittedBackground), options.harmonize, ...)
/// gives scaleFigure()'s colour. Throws easel::Error for bad options or a malformed cutout.
ScaledFigure resizeFigure(const Cutout& cutout, const MergeOptions& options);

/// The second step: \a figure placed at options.position (its feet there) and blended onto a copy of
/// \a fittedBackground. placeFigure(scaleFigure(cut, fit, o), fit, o).image equals composite(cut, b, o).image
/// when fit = fitBackground(b, o.size). Throws easel::Error when the figure lies outside the output.
MergeResult placeFigure(const ScaledFigure& figure, const cv::Mat& fittedBackground, const MergeOptions& options);

/// placeFigure() into \a image, reused when it already has the output's size and type (a preview's buffer); returns
/// the placement. The same pixels as placeFigure(figure, fittedBackground, options).image.
cv::Rect placeFigure(
    const ScaledFigure& figure, const cv::Mat& fittedBackground, const MergeOptions& options, cv::Mat& image);

/**
 * Composites the subject of \a character onto \a background: cut out (cutOut()), scaled, placed,
 * harmonised and blended with its soft alpha. Both inputs are 8-bit BGR (grey and BGRA accepted).
 * Throws easel::Error for bad input or options.
 */
MergeResult merge(const cv::Mat& character, const cv::Mat& background, const MergeOptions& options = {});

} // namespace easel::imaging
