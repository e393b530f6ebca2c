// SPDX-License-Identifier: MIT
#include "imaging/merge.h"

#include "common/error.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace easel::imaging {

namespace {

    [[noreturn]] void fail(const std::string& message) { throw Error(message); }

    constexpr int kWorkingSide = 320;

    /// BGR copy of an 8-bit grey/BGR/BGRA image; \a alpha receives a BGRA image's alpha when it is
    /// not fully opaque.
    cv::Mat toBgr(const cv::Mat& image, const char* what, cv::Mat* alpha = nullptr)
    {
        if (image.empty())
            fail(std::string(what) + ": the image is empty");
        if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4))
            fail(std::string(what) + ": needs an 8-bit grey, BGR or BGRA image");
        cv::Mat bgr;
        if (image.channels() == 1) {
            cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
        } else if (image.channels() == 4) {
            cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
            if (alpha) {
                cv::Mat a;
                cv::extractChannel(image, a, 3);
                double lowest = 255.0;
                cv::minMaxLoc(a, &lowest);
                if (lowest < 255.0)
                    *alpha = a;
            }
        } else {
            bgr = image;
        }
        return bgr;
    }

    cv::Mat toLab(const cv::Mat& bgr8)
    {
        cv::Mat f;
        bgr8.convertTo(f, CV_32F, 1.0 / 255.0);
        cv::Mat lab;
        cv::cvtColor(f, lab, cv::COLOR_BGR2Lab);
        return lab;
    }

    /// A smooth model of the backdrop: a quadratic surface per Lab channel fitted to the border, so
    /// vignettes and gradients typical of generated backdrops are followed.
    struct BackdropModel {
        cv::Mat coefficients; // 6 x 3, CV_64F
        double noise = 0.0; // typical distance of border pixels from the model (Lab units)

        static void terms(double u, double v, double* t)
        {
            t[0] = 1.0;
            t[1] = u;
            t[2] = v;
            t[3] = u * u;
            t[4] = u * v;
            t[5] = v * v;
        }

        /// The modelled backdrop colour (Lab) for every pixel of a \a size image.
        cv::Mat render(cv::Size size) const
        {
            cv::Mat out(size, CV_32FC3);
            double t[6];
            for (int y = 0; y < size.height; ++y) {
                auto* row = out.ptr<cv::Vec3f>(y);
                const double v = (y + 0.5) / size.height - 0.5;
                for (int x = 0; x < size.width; ++x) {
                    terms((x + 0.5) / size.width - 0.5, v, t);
                    for (int c = 0; c < 3; ++c) {
                        double s = 0.0;
                        for (int i = 0; i < 6; ++i)
                            s += t[i] * coefficients.at<double>(i, c);
                        row[x][c] = float(s);
                    }
                }
            }
            return out;
        }
    };

    double percentile(std::vector<double> values, double p)
    {
        if (values.empty())
            return 0.0;
        const auto k = size_t(std::clamp(p, 0.0, 1.0) * double(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
        return values[k];
    }

    /// Fits the backdrop model to a \a ring pixels wide border of \a lab, twice: the second fit drops the
    /// border pixels far from the first (a subject touching the edge).
    BackdropModel fitBackdrop(const cv::Mat& lab, int ring)
    {
        std::vector<cv::Point> points;
        for (int y = 0; y < lab.rows; ++y) {
            for (int x = 0; x < lab.cols; ++x) {
                if (x < ring || y < ring || x >= lab.cols - ring || y >= lab.rows - ring)
                    points.emplace_back(x, y);
            }
        }
        std::vector<char> use(points.size(), 1);
        BackdropModel model;
        for (int round = 0; round < 3; ++round) {
            int n = 0;
            for (char u : use)
                n += u;
            if (n < 12)
                break;
            cv::Mat a(n, 6, CV_64F);
            cv::Mat b(n, 3, CV_64F);
            int row = 0;
            for (size_t i = 0; i < points.size(); ++i) {
                if (!use[i])
                    continue;
                const cv::Point p = points[i];
                BackdropModel::terms((p.x + 0.5) / lab.cols - 0.5, (p.y + 0.5) / lab.rows - 0.5, a.ptr<double>(row));
                const cv::Vec3f c = lab.at<cv::Vec3f>(p);
                for (int k = 0; k < 3; ++k)
                    b.at<double>(row, k) = c[k];
                ++row;
            }
            cv::solve(a, b, model.coefficients, cv::DECOMP_SVD);

            std::vector<double> residuals(points.size());
            double t[6];
            for (size_t i = 0; i < points.size(); ++i) {
                const cv::Point p = points[i];
                BackdropModel::terms((p.x + 0.5) / lab.cols - 0.5, (p.y + 0.5) / lab.rows - 0.5, t);
                const cv::Vec3f c = lab.at<cv::Vec3f>(p);
                double d2 = 0.0;
                for (int k = 0; k < 3; ++k) {
                    double m = 0.0;
                    for (int j = 0; j < 6; ++j)
                        m += t[j] * model.coefficients.at<double>(j, k);
                    d2 += (c[k] - m) * (c[k] - m);
                }
                residuals[i] = std::sqrt(d2);
            }
            model.noise = percentile(residuals, 0.6);
            const double keep = std::max(3.0 * model.noise, 4.0);
            for (size_t i = 0; i < points.size(); ++i)
                use[i] = residuals[i] <= keep;
        }
        return model;
    }

    cv::Mat distanceTo(const cv::Mat& lab, const cv::Mat& backdrop)
    {
        cv::Mat diff = lab - backdrop;
        std::vector<cv::Mat> planes;
        cv::split(diff, planes);
        cv::Mat d = planes[0].mul(planes[0]) + planes[1].mul(planes[1]) + planes[2].mul(planes[2]);
        cv::sqrt(d, d);
        return d;
    }

    /// Keeps the components of \a mask of at least \a minArea pixels.
    cv::Mat keepLarge(const cv::Mat& mask, int minArea)
    {
        cv::Mat labels;
        cv::Mat stats;
        cv::Mat centroids;
        const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
        std::vector<std::uint8_t> keep(size_t(n), 0);
        for (int i = 1; i < n; ++i)
            keep[size_t(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= minArea ? 255 : 0;
        cv::Mat out(mask.size(), CV_8UC1);
        for (int y = 0; y < mask.rows; ++y) {
            const int* l = labels.ptr<int>(y);
            auto* o = out.ptr<std::uint8_t>(y);
            for (int x = 0; x < mask.cols; ++x)
                o[x] = keep[size_t(l[x])];
        }
        return out;
    }

    /// Fills holes of \a mask (background regions not touching the border) smaller than \a maxArea.
    cv::Mat fillSmallHoles(const cv::Mat& mask, int maxArea)
    {
        cv::Mat inverse = 255 - mask;
        cv::Mat labels;
        cv::Mat stats;
        cv::Mat centroids;
        const int n = cv::connectedComponentsWithStats(inverse, labels, stats, centroids, 4, CV_32S);
        std::vector<std::uint8_t> fill(size_t(n), 0);
        for (int i = 1; i < n; ++i) {
            const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
            const int y = stats.at<int>(i, cv::CC_STAT_TOP);
            const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
            const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
            const bool touches = x == 0 || y == 0 || x + w == mask.cols || y + h == mask.rows;
            fill[size_t(i)] = (!touches && stats.at<int>(i, cv::CC_STAT_AREA) < maxArea) ? 255 : 0;
        }
        cv::Mat out = mask.clone();
        for (int y = 0; y < mask.rows; ++y) {
            const int* l = labels.ptr<int>(y);
            auto* o = out.ptr<std::uint8_t>(y);
            for (int x = 0; x < mask.cols; ++x)
                o[x] = std::max(o[x], fill[size_t(l[x])]);
        }
        return out;
    }

    cv::Mat disk(int radius)
    {
        return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * radius + 1, 2 * radius + 1));
    }

    /// GrabCut on the working copy; returns the subject mask (0/255) at working size.
    cv::Mat segment(const cv::Mat& small, const cv::Mat& lab, const BackdropModel* model, int iterations,
        const cv::Mat& keep, const cv::Mat& remove)
    {
        const int area = small.rows * small.cols;
        cv::Mat mask(small.size(), CV_8UC1, cv::Scalar(cv::GC_PR_BGD));
        if (model) {
            const cv::Mat distance = distanceTo(lab, model->render(small.size()));
            const double low = std::max(6.0, 2.5 * model->noise);
            const double high = std::max(16.0, 4.0 * model->noise);
            mask.setTo(cv::GC_PR_FGD, distance >= low);

            cv::Mat distinct = distance >= high;
            cv::morphologyEx(distinct, distinct, cv::MORPH_OPEN, disk(1));
            distinct = keepLarge(distinct, std::max(4, area / 2000));
            const std::vector<cv::Point> found = [&] {
                std::vector<cv::Point> p;
                cv::findNonZero(distinct, p);
                return p;
            }();
            if (found.empty())
                fail("no subject found: the character image is all backdrop");
            cv::Rect box = cv::boundingRect(found);
            const int margin = std::max(2, int(0.03 * std::max(small.cols, small.rows)));
            box.x -= margin;
            box.y -= margin;
            box.width += 2 * margin;
            box.height += 2 * margin;
            box &= cv::Rect(0, 0, small.cols, small.rows);

            cv::Mat outside(small.size(), CV_8UC1, cv::Scalar(255));
            outside(box).setTo(0);
            mask.setTo(cv::GC_BGD, outside);
            const int ring = std::max(2, int(std::lround(0.02 * std::min(small.cols, small.rows))));
            cv::Mat border(small.size(), CV_8UC1, cv::Scalar(255));
            border(cv::Rect(ring, ring, small.cols - 2 * ring, small.rows - 2 * ring)).setTo(0);
            mask.setTo(cv::GC_BGD, border & (distance < high));
            cv::Mat sure;
            cv::erode(distinct, sure, disk(2));
            mask.setTo(cv::GC_FGD, sure);
        } else {
            const int insetX = std::max(1, small.cols * 4 / 100);
            const int insetY = std::max(1, small.rows * 4 / 100);
            mask.setTo(cv::GC_BGD);
            mask(cv::Rect(insetX, insetY, small.cols - 2 * insetX, small.rows - 2 * insetY)).setTo(cv::GC_PR_FGD);
        }
        // The user's strokes (working size) are sure marks, over the estimate.
        if (!keep.empty()) {
            mask.setTo(cv::GC_FGD, keep);
            mask.setTo(cv::GC_BGD, remove);
        }
        cv::Mat bgdModel;
        cv::Mat fgdModel;
        {
            // GrabCut seeds its colour models with k-means++ from the thread's RNG: a fixed seed makes the
            // same inputs give the same matte on every call and thread (a preview equals the applied result).
            cv::RNG& rng = cv::theRNG();
            const cv::RNG saved = rng;
            rng.state = 0x4561736c; // arbitrary but fixed
            cv::grabCut(small, mask, cv::Rect(), bgdModel, fgdModel, iterations, cv::GC_INIT_WITH_MASK);
            rng = saved;
        }

        cv::Mat subject = (mask & 1) * 255;
        cv::morphologyEx(subject, subject, cv::MORPH_OPEN, disk(1));
        cv::Mat largest = keepLarge(subject, std::max(4, area / 500));
        if (cv::countNonZero(largest) == 0 && !model) {
            // A busy image in which GrabCut separates nothing (noise, a texture): an artist would
            // still get a result, so cut the central oval rather than refuse.
            largest = cv::Mat::zeros(small.size(), CV_8UC1);
            cv::ellipse(largest, cv::Point(small.cols / 2, small.rows / 2),
                cv::Size(std::max(1, small.cols * 46 / 100), std::max(1, small.rows * 46 / 100)), 0, 0, 360,
                cv::Scalar(255), cv::FILLED);
        }
        if (!keep.empty())
            largest.setTo(255, keep); // a kept part stays even where it is apart from the rest
        if (cv::countNonZero(largest) == 0)
            fail("no subject found: nothing stands out from the character's backdrop");
        cv::Mat filled = fillSmallHoles(largest, area / 500);
        if (!remove.empty())
            filled.setTo(0, remove); // a removed hole is not filled again
        return filled;
    }

    cv::Mat boxMean(const cv::Mat& value, int radius)
    {
        cv::Mat out;
        cv::boxFilter(
            value, out, -1, cv::Size(2 * radius + 1, 2 * radius + 1), cv::Point(-1, -1), false, cv::BORDER_REFLECT);
        return out;
    }

    cv::Vec3b toVec3b(const cv::Vec3f& v)
    {
        return cv::Vec3b(cv::saturate_cast<std::uint8_t>(v[0]), cv::saturate_cast<std::uint8_t>(v[1]),
            cv::saturate_cast<std::uint8_t>(v[2]));
    }

    /// The working copy GrabCut runs on: \a bgr with its longer side reduced to kWorkingSide (never
    /// enlarged); \a scale receives working pixels per image pixel.
    cv::Mat reducedCopy(const cv::Mat& bgr, double& scale)
    {
        scale = std::min(1.0, double(kWorkingSide) / std::max(bgr.cols, bgr.rows));
        if (scale >= 1.0)
            return bgr;
        cv::Mat small;
        cv::resize(bgr, small,
            cv::Size(std::max(8, int(std::lround(bgr.cols * scale))), std::max(8, int(std::lround(bgr.rows * scale)))),
            0, 0, cv::INTER_AREA);
        return small;
    }

    /// The backdrop as seen on the working copy.
    struct BackdropEstimate {
        cv::Mat lab; ///< the working copy in Lab, lightly smoothed
        BackdropModel model; ///< fitted to its border
        bool plain = false; ///< a plain generated backdrop, not a scene
    };

    BackdropEstimate estimateBackdrop(const cv::Mat& small)
    {
        BackdropEstimate estimate;
        estimate.lab = toLab(small);
        cv::GaussianBlur(estimate.lab, estimate.lab, cv::Size(3, 3), 0);
        const int ring = std::max(2, int(std::lround(0.02 * std::min(small.cols, small.rows))));
        estimate.model = fitBackdrop(estimate.lab, ring);
        // A generated backdrop is plain to a few Lab units; a busy one (a scene) needs the box seeding.
        estimate.plain = estimate.model.noise < 8.0;
        return estimate;
    }

    /// The working-size subject mask (0/255) scaled back to \a size and thresholded at one half.
    cv::Mat fullSizeMask(const cv::Mat& smallMask, cv::Size size)
    {
        cv::Mat maskF;
        smallMask.convertTo(maskF, CV_32F, 1.0 / 255.0);
        cv::Mat upMask;
        cv::resize(maskF, upMask, size, 0, 0, cv::INTER_LINEAR);
        return upMask >= 0.5f;
    }

    /// The subject's own colour around its edge.
    struct SubjectColours {
        cv::Mat core; ///< CV_8UC1, 0/255: the subject eroded by the edge band (its whole mask if that is empty)
        cv::Mat distance; ///< CV_32FC1: every pixel's distance to the core
        cv::Mat bgr; ///< CV_32FC3: the lightly smoothed colour of every pixel's nearest core pixel
    };

    /// The subject colour next to every pixel: the lightly smoothed colour of its nearest pixel well
    /// inside the subject (\a band pixels in from the edge of \a binary), so the edge of a many-coloured
    /// subject is compared with its own neighbour.
    SubjectColours subjectColours(const cv::Mat& bgr, const cv::Mat& binary, int band)
    {
        SubjectColours subject;
        cv::erode(binary, subject.core, disk(band));
        if (cv::countNonZero(subject.core) == 0)
            subject.core = binary;
        cv::Mat coreF;
        subject.core.convertTo(coreF, CV_32F, 1.0 / 255.0);
        cv::Mat coreWeight = boxMean(coreF, 2);
        cv::cvtColor(coreF, coreF, cv::COLOR_GRAY2BGR);
        cv::cvtColor(coreWeight, coreWeight, cv::COLOR_GRAY2BGR);
        cv::Mat bgrF;
        bgr.convertTo(bgrF, CV_32F);
        cv::Mat smoothCore;
        cv::divide(boxMean(bgrF.mul(coreF), 2), cv::max(coreWeight, 1e-6), smoothCore);
        cv::Mat labels;
        cv::distanceTransform(
            subject.core == 0, subject.distance, labels, cv::DIST_L2, cv::DIST_MASK_5, cv::DIST_LABEL_PIXEL);
        std::vector<cv::Point> nearest(size_t(bgr.rows) * size_t(bgr.cols) + 1);
        for (int y = 0; y < bgr.rows; ++y) {
            const auto* c = subject.core.ptr<std::uint8_t>(y);
            const auto* l = labels.ptr<int>(y);
            for (int x = 0; x < bgr.cols; ++x) {
                if (c[x])
                    nearest[size_t(l[x])] = cv::Point(x, y);
            }
        }
        subject.bgr.create(bgr.size(), CV_32FC3);
        for (int y = 0; y < bgr.rows; ++y) {
            const auto* l = labels.ptr<int>(y);
            auto* out = subject.bgr.ptr<cv::Vec3f>(y);
            for (int x = 0; x < bgr.cols; ++x)
                out[x] = smoothCore.at<cv::Vec3f>(nearest[size_t(l[x])]);
        }
        return subject;
    }

    /// Re-estimates the edge band of a subject on a plain backdrop at full resolution: each pixel within
    /// \a reach of the core is a mix of the backdrop colour B and the local subject colour F; its alpha
    /// is its projection on the segment B-F. Updates \a alpha and, where the subject dominates, unmixes
    /// the subject's own colour into \a colour.
    void edgeMatte(const cv::Mat& bgr, const cv::Mat& binary, const BackdropModel& model, const SubjectColours& subject,
        int band, float reach, cv::Mat& alpha, cv::Mat& colour)
    {
        cv::Mat outer;
        cv::dilate(binary, outer, disk(band));
        const cv::Mat lab = toLab(bgr);
        const cv::Mat backLab = model.render(bgr.size());
        cv::Mat backBgr;
        cv::cvtColor(backLab, backBgr, cv::COLOR_Lab2BGR);
        backBgr *= 255.0;
        cv::Mat subjectLab;
        cv::cvtColor(subject.bgr / 255.0, subjectLab, cv::COLOR_BGR2Lab);
        const double tolerance = std::max(12.0, 3.0 * model.noise);

        for (int y = 0; y < bgr.rows; ++y) {
            const auto* in = outer.ptr<std::uint8_t>(y);
            const auto* c = subject.core.ptr<std::uint8_t>(y);
            const auto* l = lab.ptr<cv::Vec3f>(y);
            const auto* b = backLab.ptr<cv::Vec3f>(y);
            const auto* d = subject.distance.ptr<float>(y);
            const auto* f = subjectLab.ptr<cv::Vec3f>(y);
            const auto* bin = binary.ptr<std::uint8_t>(y);
            auto* a = alpha.ptr<float>(y);
            auto* out = colour.ptr<cv::Vec3b>(y);
            const auto* original = bgr.ptr<cv::Vec3b>(y);
            const auto* back = backBgr.ptr<cv::Vec3f>(y);
            for (int x = 0; x < bgr.cols; ++x) {
                if (!in[x] || c[x] || d[x] > reach)
                    continue;
                const cv::Vec3f span = f[x] - b[x];
                const float span2 = span.dot(span);
                if (span2 < 64.0f)
                    continue; // subject and backdrop alike here: keep the segmentation
                const cv::Vec3f offset = l[x] - b[x];
                const float t = std::clamp(offset.dot(span) / span2, 0.0f, 1.0f);
                const cv::Vec3f off = offset - t * span;
                if (std::sqrt(off.dot(off)) > tolerance) {
                    if (!bin[x])
                        a[x] = 0.0f;
                    continue; // not a mix of these two colours (texture): keep the segmentation
                }
                // Backdrop noise projects to small alphas: ramp them to zero.
                a[x] = std::clamp((t - 0.1f) / 0.8f, 0.0f, 1.0f);
                // Where the subject dominates, unmix its own colour from the backdrop's.
                if (t >= 0.5f)
                    out[x] = toVec3b(back[x] + (cv::Vec3f(original[x]) - back[x]) / t);
            }
        }
    }

    /// Feathering spreads alpha over pixels that hold backdrop colour: give those (soft alpha above 0,
    /// sharp alpha below one half, within \a reach of the core) the local subject colour, so no backdrop
    /// tint (a light halo) survives compositing.
    void decontaminate(const cv::Mat& sharpAlpha, const cv::Mat& softAlpha, const SubjectColours& subject, float reach,
        cv::Mat& colour)
    {
        for (int y = 0; y < colour.rows; ++y) {
            const auto* sharp = sharpAlpha.ptr<float>(y);
            const auto* soft = softAlpha.ptr<float>(y);
            const auto* d = subject.distance.ptr<float>(y);
            const auto* fb = subject.bgr.ptr<cv::Vec3f>(y);
            auto* out = colour.ptr<cv::Vec3b>(y);
            for (int x = 0; x < colour.cols; ++x) {
                if (soft[x] <= 0.0f || sharp[x] >= 0.5f || d[x] > reach)
                    continue;
                out[x] = toVec3b(fb[x]);
            }
        }
    }

    /// The matte of \a bgr (no transparency of its own): GrabCut on a reduced copy seeded from the
    /// backdrop estimate, scaled back, the edge re-estimated (plain backdrop), feathered and
    /// decontaminated. Fills \a result's alpha and plainBackdrop and edits its colour.
    /// \a mask (0/255, full size) reduced to \a size: a working pixel is marked when a quarter of it is.
    cv::Mat reducedMarks(const cv::Mat& mask, cv::Size size)
    {
        if (mask.size() == size)
            return mask.clone();
        cv::Mat reduced;
        cv::resize(mask, reduced, size, 0, 0, cv::INTER_AREA);
        return reduced >= 64;
    }

    void matte(const cv::Mat& bgr, const CutoutOptions& options, const cv::Mat& seeds, Cutout& result)
    {
        if (bgr.cols < 16 || bgr.rows < 16)
            fail("character: the image is too small to cut out (16x16 at least)");
        double s = 1.0;
        const cv::Mat small = reducedCopy(bgr, s);
        const BackdropEstimate backdrop = estimateBackdrop(small);
        result.plainBackdrop = backdrop.plain;
        cv::Mat keep;
        cv::Mat remove;
        cv::Mat keepSmall;
        cv::Mat removeSmall;
        if (!seeds.empty()) {
            keep = seeds == kSeedKeep;
            remove = seeds == kSeedRemove;
            keepSmall = reducedMarks(keep, small.size());
            removeSmall = reducedMarks(remove, small.size());
        }
        const cv::Mat smallMask = segment(small, backdrop.lab, backdrop.plain ? &backdrop.model : nullptr,
            options.iterations, keepSmall, removeSmall);

        cv::Mat binary = fullSizeMask(smallMask, bgr.size());
        if (!seeds.empty()) {
            binary.setTo(255, keep);
            binary.setTo(0, remove);
        }
        const double featherPx
            = options.featherPx > 0.0 ? options.featherPx : std::max(0.7, 0.002 * std::max(bgr.cols, bgr.rows));
        cv::Mat alpha;
        binary.convertTo(alpha, CV_32F, 1.0 / 255.0);

        const int band = int(std::ceil(1.5 / s)) + 1;
        const SubjectColours subject = subjectColours(bgr, binary, band);
        const float reach = float(band + 3.0 * featherPx + 2.0);
        if (backdrop.plain)
            edgeMatte(bgr, binary, backdrop.model, subject, band, reach, alpha, result.colour);
        if (!seeds.empty()) {
            alpha.setTo(1.0f, keep);
            alpha.setTo(0.0f, remove);
        }
        cv::GaussianBlur(alpha, result.alpha, cv::Size(0, 0), featherPx);
        decontaminate(alpha, result.alpha, subject, reach, result.colour);
    }

} // namespace

cv::Mat strokeSeeds(const std::vector<MatteStroke>& strokes, cv::Size size)
{
    if (size.width <= 0 || size.height <= 0)
        fail("strokes: the image is empty");
    size_t total = 0;
    for (const MatteStroke& stroke : strokes)
        total += stroke.points.size();
    if (total > 10000)
        fail("strokes: too many points (10000 at most)");
    cv::Mat seeds = cv::Mat::zeros(size, CV_8UC1);
    constexpr int kShift = 4; // sub-pixel positions, 1/16 px
    auto fixed = [](const cv::Point2d& p) {
        return cv::Point(int(std::lround(p.x * (1 << kShift))), int(std::lround(p.y * (1 << kShift))));
    };
    for (size_t i = 0; i < strokes.size(); ++i) {
        const MatteStroke& stroke = strokes[i];
        const std::string which = "stroke " + std::to_string(i + 1);
        if (stroke.points.empty())
            fail(which + ": it has no points");
        if (!std::isfinite(stroke.radius) || stroke.radius < 0.5 || stroke.radius > 2000.0)
            fail(which + ": the radius must be between 0.5 and 2000 pixels");
        for (const cv::Point2d& p : stroke.points) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e6 || std::abs(p.y) > 1e6)
                fail(which + ": a point is not a finite position");
        }
        const cv::Scalar value(stroke.mode == MatteStroke::Mode::Keep ? kSeedKeep : kSeedRemove);
        const int radius = std::max(1, int(std::lround(stroke.radius)));
        cv::circle(seeds, fixed(stroke.points.front()), radius << kShift, value, cv::FILLED, cv::LINE_8, kShift);
        for (size_t k = 1; k < stroke.points.size(); ++k) {
            cv::line(
                seeds, fixed(stroke.points[k - 1]), fixed(stroke.points[k]), value, 2 * radius, cv::LINE_8, kShift);
            cv::circle(seeds, fixed(stroke.points[k]), radius << kShift, value, cv::FILLED, cv::LINE_8, kShift);
        }
    }
    return seeds;
}

Cutout cutOut(const cv::Mat& character, const CutoutOptions& options)
{
    if (!std::isfinite(options.featherPx) || options.featherPx < 0.0 || options.featherPx > 100.0)
        fail("cutout: feather must be between 0 and 100 pixels");
    if (options.iterations < 1 || options.iterations > 20)
        fail("cutout: iterations must be between 1 and 20");
    cv::Mat givenAlpha;
    const cv::Mat bgr = toBgr(character, "character", &givenAlpha);
    const cv::Mat seeds = options.strokes.empty() ? cv::Mat() : strokeSeeds(options.strokes, bgr.size());
    Cutout result;
    result.colour = bgr.clone();
    if (!givenAlpha.empty()) {
        givenAlpha.convertTo(result.alpha, CV_32F, 1.0 / 255.0);
        if (!seeds.empty()) {
            result.alpha.setTo(1.0f, seeds == kSeedKeep);
            result.alpha.setTo(0.0f, seeds == kSeedRemove);
        }
    } else {
        matte(bgr, options, seeds, result);
    }
    std::vector<cv::Point> inside;
    cv::findNonZero(result.alpha >= 0.5f, inside);
    if (inside.empty())
        fail("no subject found in the character image");
    result.subject = cv::boundingRect(inside);
    return result;
}

cv::Mat fitBackground(const cv::Mat& background, cv::Size size)
{
    const cv::Mat bgr = toBgr(background, "background");
    if (size.width < 16 || size.height < 16 || size.width > 16384 || size.height > 16384)
        fail("output size must be between 16x16 and 16384x16384");
    const double scale = std::max(double(size.width) / bgr.cols, double(size.height) / bgr.rows);
    const cv::Size scaled(std::max(size.width, int(std::ceil(bgr.cols * scale - 1e-6))),
        std::max(size.height, int(std::ceil(bgr.rows * scale - 1e-6))));
    cv::Mat resized;
    cv::resize(bgr, resized, scaled, 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
    const cv::Rect crop((scaled.width - size.width) / 2, (scaled.height - size.height) / 2, size.width, size.height);
    return resized(crop).clone();
}

namespace {

    void checkStrength(double strength)
    {
        if (!std::isfinite(strength) || strength < 0.0 || strength > 1.0)
            fail("harmonize: strength must be between 0 and 1");
    }

    /// The Lab image of \a bgr split into planes, and its statistics where \a mask is set (everywhere when
    /// empty). One conversion to float serves both.
    void labPlanes(const cv::Mat& bgr, const cv::Mat& mask, cv::Mat* planes, cv::Scalar& mean, cv::Scalar& dev)
    {
        const cv::Mat lab = toLab(bgr);
        cv::meanStdDev(lab, mean, dev, mask);
        if (planes)
            cv::split(lab, planes);
    }

} // namespace

HarmonizeSubject harmonizeSubject(const cv::Mat& colour, const cv::Mat& alpha)
{
    HarmonizeSubject subject;
    subject.bgr = toBgr(colour, "harmonize");
    if (alpha.type() != CV_32FC1 || alpha.size() != subject.bgr.size())
        fail("harmonize: the alpha must be a float image of the colour's size");
    const cv::Mat mask = alpha >= 0.5f;
    if (cv::countNonZero(mask) == 0)
        return subject;
    labPlanes(subject.bgr, mask, subject.lab, subject.mean, subject.dev);
    return subject;
}

LabStatistics labStatistics(const cv::Mat& reference)
{
    LabStatistics stats;
    labPlanes(toBgr(reference, "harmonize reference"), cv::Mat(), nullptr, stats.mean, stats.dev);
    return stats;
}

void harmonizeColours(const HarmonizeSubject& subject, const LabStatistics& referenceStats, double strength,
    cv::Mat& out, HarmonizeScratch* scratch)
{
    checkStrength(strength);
    if (subject.bgr.empty() || subject.bgr.type() != CV_8UC3)
        fail("harmonize: the subject is empty or malformed");
    if (strength == 0.0 || subject.lab[0].empty()) {
        subject.bgr.copyTo(out);
        return;
    }
    HarmonizeScratch local;
    HarmonizeScratch& s = scratch ? *scratch : local;
    for (int c = 0; c < 3; ++c) {
        // Lightness takes mean and contrast; colour only the cast (mean), so a subject keeps its own palette.
        const double ratio
            = c == 0 ? std::clamp(referenceStats.dev[c] / std::max(subject.dev[c], 1e-3), 0.5, 2.0) : 1.0;
        // x + s * ((x - m) * r + m' - x), as one affine map.
        const double gain = 1.0 + strength * (ratio - 1.0);
        const double shift = strength * (referenceStats.mean[c] - subject.mean[c] * ratio);
        subject.lab[c].convertTo(s.planes[c], CV_32F, gain, shift);
    }
    cv::merge(s.planes, 3, s.merged);
    cv::cvtColor(s.merged, s.bgr, cv::COLOR_Lab2BGR);
    s.bgr.convertTo(out, CV_8U, 255.0);
}

cv::Mat harmonizeColours(const cv::Mat& colour, const cv::Mat& alpha, const cv::Mat& reference, double strength)
{
    checkStrength(strength);
    const cv::Mat bgr = toBgr(colour, "harmonize");
    if (strength == 0.0)
        return bgr.clone();
    const HarmonizeSubject subject = harmonizeSubject(bgr, alpha);
    if (subject.lab[0].empty())
        return bgr.clone();
    cv::Mat out;
    harmonizeColours(subject, labStatistics(reference), strength, out);
    return out;
}

namespace {

    void checkMergeOptions(const MergeOptions& options)
    {
        if (!std::isfinite(options.scale) || options.scale <= 0.0 || options.scale > 20.0)
            fail("merge: scale must be above 0 and at most 20");
        if (!std::isfinite(options.harmonize) || options.harmonize < 0.0 || options.harmonize > 1.0)
            fail("merge: harmonize must be between 0 and 1");
        if (options.position && (!std::isfinite(options.position->x) || !std::isfinite(options.position->y)))
            fail("merge: position must be finite");
    }

    void checkCutout(const Cutout& cut)
    {
        if (cut.colour.empty() || cut.colour.type() != CV_8UC3 || cut.alpha.type() != CV_32FC1
            || cut.alpha.size() != cut.colour.size() || cut.subject.empty())
            fail("merge: the cutout is empty or malformed");
    }

    void checkFitted(const cv::Mat& fitted, const MergeOptions& options)
    {
        if (fitted.type() != CV_8UC3 || fitted.size() != options.size)
            fail("merge: the background is not fitted to the output size");
    }

    ScaledFigure resizeCutout(const Cutout& cut, const MergeOptions& options)
    {
        ScaledFigure figure;
        const double k = options.scale * options.size.height / double(cut.colour.rows);
        const cv::Size scaled(
            std::max(1, int(std::lround(cut.colour.cols * k))), std::max(1, int(std::lround(cut.colour.rows * k))));
        if (double(scaled.width) * scaled.height > 400e6)
            fail("merge: the scaled character would be too large");
        figure.scale = k;
        const int interpolation = k < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR;
        cv::resize(cut.colour, figure.colour, scaled, 0, 0, interpolation);
        cv::resize(cut.alpha, figure.alpha, scaled, 0, 0, interpolation);
        figure.feet
            = cv::Point2d((cut.subject.x + cut.subject.width / 2.0) * k, (cut.subject.y + cut.subject.height) * k);
        return figure;
    }

    ScaledFigure scaleFitted(const Cutout& cut, const cv::Mat& fittedBackground, const MergeOptions& options)
    {
        ScaledFigure figure = resizeCutout(cut, options);
        figure.colour = harmonizeColours(figure.colour, figure.alpha, fittedBackground, options.harmonize);
        return figure;
    }

    /// Blends \a figure onto a copy of \a fitted in \a image (reused when it has the size); the placement.
    cv::Rect blendFigure(const ScaledFigure& figure, const cv::Mat& fitted, const MergeOptions& options, cv::Mat& image)
    {
        const cv::Point2d target
            = options.position.value_or(cv::Point2d(0.75 * options.size.width, double(options.size.height)));
        const cv::Point offset(int(std::lround(target.x - figure.feet.x)), int(std::lround(target.y - figure.feet.y)));
        const cv::Rect placement(offset, figure.colour.size());
        const cv::Rect visible = placement & cv::Rect(cv::Point(0, 0), options.size);
        if (visible.empty())
            fail("merge: the character lies outside the output; check --position and --scale");
        fitted.copyTo(image);
        const cv::Rect source(visible.tl() - offset, visible.size());
        cv::parallel_for_(cv::Range(0, visible.height), [&](const cv::Range& rows) {
            for (int y = rows.start; y < rows.end; ++y) {
                const auto* c = figure.colour.ptr<cv::Vec3b>(source.y + y) + source.x;
                const auto* a = figure.alpha.ptr<float>(source.y + y) + source.x;
                auto* o = image.ptr<cv::Vec3b>(visible.y + y) + visible.x;
                for (int x = 0; x < visible.width; ++x) {
                    const float w = std::clamp(a[x], 0.0f, 1.0f);
                    for (int ch = 0; ch < 3; ++ch)
                        o[x][ch] = cv::saturate_cast<std::uint8_t>(w * c[x][ch] + (1.0f - w) * o[x][ch]);
                }
            }
        });
        return placement;
    }

    MergeResult placeFitted(const ScaledFigure& figure, cv::Mat fittedBackground, const MergeOptions& options)
    {
        MergeResult result;
        result.background = std::move(fittedBackground);
        result.characterScale = figure.scale;
        result.placement = blendFigure(figure, result.background, options, result.image);
        return result;
    }

    void checkFigure(const ScaledFigure& figure)
    {
        if (figure.colour.empty() || figure.colour.type() != CV_8UC3 || figure.alpha.type() != CV_32FC1
            || figure.alpha.size() != figure.colour.size())
            fail("merge: the scaled figure is empty or malformed");
    }

} // namespace

ScaledFigure scaleFigure(const Cutout& cutout, const cv::Mat& fittedBackground, const MergeOptions& options)
{
    checkMergeOptions(options);
    checkCutout(cutout);
    checkFitted(fittedBackground, options);
    return scaleFitted(cutout, fittedBackground, options);
}

ScaledFigure resizeFigure(const Cutout& cutout, const MergeOptions& options)
{
    checkMergeOptions(options);
    checkCutout(cutout);
    return resizeCutout(cutout, options);
}

MergeResult placeFigure(const ScaledFigure& figure, const cv::Mat& fittedBackground, const MergeOptions& options)
{
    checkMergeOptions(options);
    checkFitted(fittedBackground, options);
    checkFigure(figure);
    return placeFitted(figure, fittedBackground.clone(), options);
}

cv::Rect placeFigure(
    const ScaledFigure& figure, const cv::Mat& fittedBackground, const MergeOptions& options, cv::Mat& image)
{
    checkMergeOptions(options);
    checkFitted(fittedBackground, options);
    checkFigure(figure);
    return blendFigure(figure, fittedBackground, options, image);
}

MergeResult composite(const Cutout& cut, const cv::Mat& background, const MergeOptions& options)
{
    checkMergeOptions(options);
    checkCutout(cut);
    cv::Mat fitted = fitBackground(background, options.size);
    MergeResult result = placeFitted(scaleFitted(cut, fitted, options), fitted, options);
    result.cutout = cut;
    return result;
}

MergeResult merge(const cv::Mat& character, const cv::Mat& background, const MergeOptions& options)
{
    checkMergeOptions(options);
    cv::Mat fitted = fitBackground(background, options.size);
    const Cutout cut = cutOut(character, options.cutout);
    MergeResult result = placeFitted(scaleFitted(cut, fitted, options), fitted, options);
    result.cutout = cut;
    return result;
}

} // namespace easel::imaging
