// SPDX-License-Identifier: MIT
// Image tools: Pillow-exact enhancements against tests/data/imaging/manifest.json, the merge's cutout
// quality on the fixture character, watermark, provenance, quality flags, and measured timings.

#include "common/error.h"
#include "gallery/imagefile.h"
#include "imaging/attribution.h"
#include "imaging/enhance.h"
#include "imaging/imageio.h"
#include "imaging/merge.h"
#include "imaging/mergefile.h"
#include "imaging/toolfiles.h"
#include "imaging/quality.h"
#include "support/imagingfixtures.h"
#include "support/testdata.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <functional>
#include <vector>

Q_DECLARE_METATYPE(cv::Mat)

using namespace easel;
using namespace easel::imaging;

namespace {

cv::Mat applyCase(const cv::Mat& input, const QString& op, const QJsonObject& params)
{
    if (op == QLatin1String("sharpness"))
        return adjustSharpness(input, params[QStringLiteral("factor")].toDouble());
    if (op == QLatin1String("contrast"))
        return adjustContrast(input, params[QStringLiteral("factor")].toDouble());
    if (op == QLatin1String("color"))
        return adjustColor(input, params[QStringLiteral("factor")].toDouble());
    if (op == QLatin1String("brightness"))
        return adjustBrightness(input, params[QStringLiteral("factor")].toDouble());
    if (op == QLatin1String("gaussian_blur"))
        return gaussianBlur(input, params[QStringLiteral("radius")].toDouble());
    if (op == QLatin1String("unsharp_mask"))
        return unsharpMask(input,
            { params[QStringLiteral("radius")].toDouble(), params[QStringLiteral("percent")].toInt(),
                params[QStringLiteral("threshold")].toInt() });
    qFatal("unknown op %s", qPrintable(op));
}

/// Median time in milliseconds of \a runs calls.
double timeMs(const std::function<void()>& fn, int runs)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        fn();
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// The fixture character's figure: pixels far from its backdrop colour.
cv::Mat figureMask(const cv::Mat& character)
{
    const cv::Vec3b backdrop = character.at<cv::Vec3b>(2, 2);
    cv::Mat diff;
    cv::absdiff(character, cv::Scalar(backdrop[0], backdrop[1], backdrop[2]), diff);
    cv::Mat maxDiff;
    cv::Mat planes[3];
    cv::split(diff, planes);
    maxDiff = cv::max(cv::max(planes[0], planes[1]), planes[2]);
    cv::Mat mask = maxDiff > 40;
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, { 3, 3 }));
    return mask;
}

/// \a mask (character coordinates) in output coordinates for a character placed at \a placement.
cv::Mat toCanvas(const cv::Mat& mask, const cv::Rect& placement, cv::Size canvas)
{
    cv::Mat scaled;
    cv::resize(mask, scaled, placement.size(), 0, 0, cv::INTER_NEAREST);
    cv::Mat out(canvas, CV_8UC1, cv::Scalar(0));
    const cv::Rect visible = placement & cv::Rect(cv::Point(0, 0), canvas);
    scaled(cv::Rect(visible.tl() - placement.tl(), visible.size())).copyTo(out(visible));
    return out;
}

struct BackdropTrace {
    int pixels = 0; ///< backdrop pixels checked
    int far = 0; ///< of which differ from the background by more than 6 levels
    int worst = 0;
};

/// Compares \a output with \a background where the character's backdrop (farther than 4 px from its
/// figure) landed.
BackdropTrace backdropTrace(
    const cv::Mat& output, const cv::Mat& background, const cv::Mat& figureCanvas, const cv::Rect& placement)
{
    cv::Mat near;
    cv::dilate(figureCanvas, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, { 9, 9 }));
    cv::Mat region(output.size(), CV_8UC1, cv::Scalar(0));
    region(placement & cv::Rect(cv::Point(0, 0), output.size())).setTo(255);
    region.setTo(0, near);
    cv::Mat diff;
    cv::absdiff(output, background, diff);
    BackdropTrace trace;
    for (int y = 0; y < output.rows; ++y) {
        for (int x = 0; x < output.cols; ++x) {
            if (!region.at<std::uint8_t>(y, x))
                continue;
            const cv::Vec3b d = diff.at<cv::Vec3b>(y, x);
            const int m = std::max({ d[0], d[1], d[2] });
            ++trace.pixels;
            trace.far += m > 6;
            trace.worst = std::max(trace.worst, m);
        }
    }
    return trace;
}

} // namespace

class TestImaging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void enhanceMatchesPillow_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QJsonValue>("params");
        QTest::addColumn<QString>("output");
        QFile file(test::imagingFixturePath(QStringLiteral("manifest.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("cases")].toArray();
        int rows = 0;
        for (const QJsonValue& c : cases) {
            const QJsonObject o = c.toObject();
            const QString op = o[QStringLiteral("op")].toString();
            if (op == QLatin1String("merge_naive"))
                continue; // the naive merge is what merge() must not do; see mergeNaiveFixtureShowsTheBackdrop
            const QString output = o[QStringLiteral("output")].toString();
            QTest::newRow(qPrintable(output))
                << o[QStringLiteral("input")].toString() << op << o[QStringLiteral("params")] << output;
            ++rows;
        }
        // Six operations on two inputs and the seed chain: an emptied or shortened manifest must not pass.
        QCOMPARE(rows, 13);
    }

    void enhanceMatchesPillow()
    {
        QFETCH(QString, input);
        QFETCH(QString, op);
        QFETCH(QJsonValue, params);
        QFETCH(QString, output);
        cv::Mat image = test::imagingFixture(input);
        if (op == QLatin1String("chain")) {
            for (const QJsonValue& step : params.toArray())
                image = applyCase(image, step.toObject()[QStringLiteral("op")].toString(), step.toObject());
        } else {
            image = applyCase(image, op, params.toObject());
        }
        const cv::Mat expected = test::imagingFixture(output);
        QCOMPARE(image.size(), expected.size());
        // Exact: the same integer and single-precision arithmetic as Pillow 9.4, so every level matches.
        const int max = test::maxAbsDifference(image, expected);
        QVERIFY2(
            max == 0, qPrintable(QStringLiteral("%1 differs from Pillow by up to %2 levels").arg(output).arg(max)));
    }

    void seedChainPresetIsTheManifestChain()
    {
        const EnhanceSettings chain = EnhanceSettings::seedChain();
        QFile file(test::imagingFixturePath(QStringLiteral("manifest.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonArray expected;
        for (const QJsonValue& c :
            QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("cases")].toArray()) {
            if (c.toObject()[QStringLiteral("op")].toString() == QLatin1String("chain"))
                expected = c.toObject()[QStringLiteral("params")].toArray();
        }
        QCOMPARE(chain.operations(), expected);
        // enhance() with the preset is the manifest's chain output.
        QCOMPARE(test::maxAbsDifference(enhance(test::imagingFixture(QStringLiteral("input_photo.png")), chain),
                     test::imagingFixture(QStringLiteral("out_photo_chain.png"))),
            0);
        QVERIFY(!chain.isIdentity());
        QVERIFY(EnhanceSettings().isIdentity());
        QVERIFY(EnhanceSettings().operations().isEmpty());
    }

    void enhanceKeepsAlphaAndGrey()
    {
        const cv::Mat photo = test::imagingFixture(QStringLiteral("input_photo.png"));
        cv::Mat bgra;
        cv::cvtColor(photo, bgra, cv::COLOR_BGR2BGRA);
        cv::Mat alpha(photo.size(), CV_8UC1);
        cv::randu(alpha, 0, 256);
        cv::insertChannel(alpha, bgra, 3);
        const cv::Mat out = adjustContrast(bgra, 1.3);
        QCOMPARE(out.type(), CV_8UC4);
        cv::Mat outAlpha;
        cv::extractChannel(out, outAlpha, 3);
        QCOMPARE(cv::countNonZero(outAlpha != alpha), 0);
        cv::Mat outColour;
        cv::cvtColor(out, outColour, cv::COLOR_BGRA2BGR);
        QCOMPARE(test::maxAbsDifference(outColour, adjustContrast(photo, 1.3)), 0);

        cv::Mat grey;
        cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
        QCOMPARE(adjustColor(grey, 0.0).type(), CV_8UC1);
        QCOMPARE(adjustBrightness(grey, 2.0).at<std::uint8_t>(0, 0),
            cv::saturate_cast<std::uint8_t>(grey.at<std::uint8_t>(0, 0) * 2));
    }

    void enhanceRejectsBadInput()
    {
        const cv::Mat photo = test::imagingFixture(QStringLiteral("input_photo.png"));
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustSharpness(cv::Mat(), 1.2));
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustContrast(cv::Mat(4, 4, CV_32FC3), 1.2));
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustColor(photo, -1.0));
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustBrightness(photo, std::nan("")));
        QVERIFY_THROWS_EXCEPTION(easel::Error, unsharpMask(photo, { -1.0, 150, 3 }));
        QVERIFY_THROWS_EXCEPTION(easel::Error, unsharpMask(photo, { 2.0, 150, 300 }));
        // Tiny images take the short-line branch of the box blur and the border-only sharpness path.
        const cv::Mat tiny = photo(cv::Rect(0, 0, 2, 3)).clone();
        QCOMPARE(gaussianBlur(tiny, 5.0).size(), tiny.size());
        QCOMPARE(test::maxAbsDifference(adjustSharpness(tiny, 2.0), tiny), 0);
    }

    void quality_data()
    {
        QTest::addColumn<cv::Mat>("image");
        QTest::addColumn<QStringList>("flags");
        cv::Mat noise(64, 64, CV_8UC3);
        cv::randu(noise, 0, 256);
        cv::Mat darkNoise(64, 64, CV_8UC3);
        cv::randu(darkNoise, 0, 12);
        QTest::newRow("black") << cv::Mat(64, 64, CV_8UC3, cv::Scalar::all(0))
                               << QStringList { QStringLiteral("nearly-black"), QStringLiteral("uniform") };
        QTest::newRow("dark noise") << darkNoise
                                    << QStringList { QStringLiteral("nearly-black"), QStringLiteral("uniform") };
        QTest::newRow("white") << cv::Mat(64, 64, CV_8UC3, cv::Scalar::all(250))
                               << QStringList { QStringLiteral("nearly-white"), QStringLiteral("uniform") };
        QTest::newRow("red") << cv::Mat(64, 64, CV_8UC3, cv::Scalar(0, 0, 255))
                             << QStringList { QStringLiteral("uniform") };
        QTest::newRow("noise") << noise << QStringList {};
        QTest::newRow("photo") << test::imagingFixture(QStringLiteral("input_photo.png")) << QStringList {};
        cv::Mat bgra;
        cv::cvtColor(test::imagingFixture(QStringLiteral("input_background.png")), bgra, cv::COLOR_BGR2BGRA);
        QTest::newRow("bgra") << bgra << QStringList {};
    }

    void quality()
    {
        QFETCH(cv::Mat, image);
        QFETCH(QStringList, flags);
        const QualityReport report = checkQuality(image);
        QCOMPARE(report.flags(), flags);
        QCOMPARE(report.ok(), flags.isEmpty());
        QVERIFY(report.summary().contains(QStringLiteral("mean")));
        QVERIFY_THROWS_EXCEPTION(easel::Error, checkQuality(cv::Mat()));
    }

    void mergeRemovesTheBackdrop()
    {
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        MergeOptions options;
        options.harmonize = 0.0;
        QElapsedTimer timer;
        timer.start();
        const MergeResult result = merge(character, background, options);
        qInfo("merge (cutout + composite) of the 384x512 fixture onto 1024x512: %.1f ms", timer.nsecsElapsed() / 1e6);
        QCOMPARE(result.image.size(), cv::Size(1024, 512));
        QVERIFY(result.cutout.plainBackdrop);

        // Default placement: middle of the right half, feet on the bottom edge.
        const cv::Mat figure = figureMask(character);
        const cv::Rect figureBox = cv::boundingRect(figure);
        const cv::Mat figureCanvas = toCanvas(figure, result.placement, result.image.size());
        const cv::Rect placedFigure = cv::boundingRect(figureCanvas);
        qInfo("figure placed at %d,%d %dx%d", placedFigure.x, placedFigure.y, placedFigure.width, placedFigure.height);
        QVERIFY(std::abs(placedFigure.y + placedFigure.height - 512) <= 2);
        QVERIFY(std::abs(placedFigure.x + placedFigure.width / 2 - 768) <= 3);
        QCOMPARE(placedFigure.height, figureBox.height);

        // No trace of the backdrop: outside the figure the output is the background.
        const BackdropTrace trace = backdropTrace(result.image, result.background, figureCanvas, result.placement);
        qInfo(
            "backdrop pixels checked %d, off by more than 6 levels %d, worst %d", trace.pixels, trace.far, trace.worst);
        QVERIFY(trace.pixels > 100000);
        QCOMPARE(trace.far, 0);

        // The figure is intact: its interior is the character's own colour and fully opaque.
        cv::Mat interior;
        cv::erode(figure, interior, cv::getStructuringElement(cv::MORPH_ELLIPSE, { 7, 7 }));
        cv::Mat alphaInside;
        result.cutout.alpha.copyTo(alphaInside);
        int opaque = 0;
        int total = 0;
        for (int y = 0; y < interior.rows; ++y) {
            for (int x = 0; x < interior.cols; ++x) {
                if (!interior.at<std::uint8_t>(y, x))
                    continue;
                ++total;
                opaque += alphaInside.at<float>(y, x) >= 0.98f;
            }
        }
        qInfo("figure interior opaque: %d of %d", opaque, total);
        QCOMPARE(opaque, total);
        const cv::Mat interiorCanvas = toCanvas(interior, result.placement, result.image.size());
        cv::Mat placedCharacter(result.image.size(), CV_8UC3, cv::Scalar::all(0));
        cv::Mat scaledCharacter;
        cv::resize(character, scaledCharacter, result.placement.size(), 0, 0, cv::INTER_AREA);
        const cv::Rect visible = result.placement & cv::Rect(cv::Point(0, 0), result.image.size());
        scaledCharacter(cv::Rect(visible.tl() - result.placement.tl(), visible.size()))
            .copyTo(placedCharacter(visible));
        cv::Mat diff;
        cv::absdiff(result.image, placedCharacter, diff);
        const cv::Scalar interiorError = cv::mean(diff, interiorCanvas);
        qInfo("figure interior vs character: mean abs %.3f %.3f %.3f", interiorError[0], interiorError[1],
            interiorError[2]);
        QVERIFY(interiorError[0] < 1.0 && interiorError[1] < 1.0 && interiorError[2] < 1.0);

        // The backdrop is transparent in the cutout.
        cv::Mat backdrop;
        cv::dilate(figure, backdrop, cv::getStructuringElement(cv::MORPH_ELLIPSE, { 9, 9 }));
        backdrop = 255 - backdrop;
        double maxBackdropAlpha = 0.0;
        cv::minMaxLoc(result.cutout.alpha, nullptr, &maxBackdropAlpha, nullptr, nullptr, backdrop);
        qInfo("largest cutout alpha on the backdrop (4+ px from the figure): %.4f", maxBackdropAlpha);
        QVERIFY(maxBackdropAlpha <= 0.01);

        // No hard seam: across the figure's left and right edges the change is spread over pixels.
        std::vector<double> ratios;
        for (int y = placedFigure.y + placedFigure.height / 2; y < placedFigure.y + placedFigure.height - 10; y += 4) {
            const auto* m = figureCanvas.ptr<std::uint8_t>(y);
            int left = -1;
            int right = -1;
            for (int x = 0; x < figureCanvas.cols; ++x) {
                if (m[x]) {
                    right = x;
                    if (left < 0)
                        left = x;
                }
            }
            if (left < 6 || right > figureCanvas.cols - 7)
                continue;
            for (const auto& [outside, inside] :
                { std::pair { left - 5, left + 4 }, std::pair { right + 5, right - 4 } }) {
                const int dir = inside > outside ? 1 : -1;
                const cv::Vec3b a = result.image.at<cv::Vec3b>(y, outside);
                const cv::Vec3b b = result.image.at<cv::Vec3b>(y, inside);
                double full = 0.0;
                for (int c = 0; c < 3; ++c)
                    full = std::max(full, std::abs(double(a[c]) - b[c]));
                double step = 0.0;
                for (int x = outside; x != inside; x += dir) {
                    const cv::Vec3b p = result.image.at<cv::Vec3b>(y, x);
                    const cv::Vec3b q = result.image.at<cv::Vec3b>(y, x + dir);
                    for (int c = 0; c < 3; ++c)
                        step = std::max(step, std::abs(double(p[c]) - q[c]));
                }
                if (full > 40.0)
                    ratios.push_back(step / full);
            }
        }
        QVERIFY(ratios.size() > 50);
        std::sort(ratios.begin(), ratios.end());
        qInfo("edge sharpness (largest one-pixel step / whole edge step): median %.2f, max %.2f",
            ratios[ratios.size() / 2], ratios.back());
        QVERIFY(ratios.back() < 0.8);
        QVERIFY(ratios[ratios.size() / 2] > 0.15); // soft, not blurred away
    }

    void mergeNaiveFixtureShowsTheBackdrop()
    {
        // The same check catches the naive paste of tests/data/imaging/out_merge_naive.png.
        const cv::Mat naive = test::imagingFixture(QStringLiteral("out_merge_naive.png"));
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        cv::Mat background;
        cv::resize(test::imagingFixture(QStringLiteral("input_background.png")), background, naive.size(), 0, 0,
            cv::INTER_CUBIC);
        const cv::Rect box(512, 0, 512, 512);
        const BackdropTrace trace
            = backdropTrace(naive, background, toCanvas(figureMask(character), box, naive.size()), box);
        qInfo("naive merge: %d of %d backdrop pixels off by more than 6 levels", trace.far, trace.pixels);
        QVERIFY(trace.far > trace.pixels / 2);
    }

    void mergeHarmonizesTowardsTheBackground()
    {
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        MergeOptions options;
        options.harmonize = 0.0;
        const MergeResult plain = merge(character, background, options);
        options.harmonize = 1.0;
        const MergeResult full = merge(character, background, options);
        const cv::Mat figureCanvas = toCanvas(figureMask(character), plain.placement, plain.image.size());
        const cv::Scalar bgMean = cv::mean(plain.background);
        auto distance = [&](const cv::Mat& image) {
            const cv::Scalar m = cv::mean(image, figureCanvas);
            return std::sqrt(
                std::pow(m[0] - bgMean[0], 2) + std::pow(m[1] - bgMean[1], 2) + std::pow(m[2] - bgMean[2], 2));
        };
        qInfo("figure mean distance to background mean: harmonize 0 %.1f, 1 %.1f", distance(plain.image),
            distance(full.image));
        QVERIFY(distance(full.image) < distance(plain.image) * 0.7);

        const cv::Mat same
            = harmonizeColours(character, cv::Mat(character.size(), CV_32F, cv::Scalar(1.0f)), background, 0.0);
        QCOMPARE(test::maxAbsDifference(same, character), 0);
    }

    void mergeOptions()
    {
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        MergeOptions options;
        options.size = cv::Size(640, 480);
        options.position = cv::Point2d(200, 400);
        options.scale = 0.5;
        options.harmonize = 0.0;
        const MergeResult result = merge(character, background, options);
        QCOMPARE(result.image.size(), cv::Size(640, 480));
        const cv::Rect placedFigure
            = cv::boundingRect(toCanvas(figureMask(character), result.placement, result.image.size()));
        QVERIFY(std::abs(placedFigure.y + placedFigure.height - 400) <= 2);
        QVERIFY(std::abs(placedFigure.x + placedFigure.width / 2 - 200) <= 2);
        QVERIFY(std::abs(result.characterScale - 0.5 * 480 / 512.0) < 1e-9);

        options.scale = 0.0;
        QVERIFY_THROWS_EXCEPTION(easel::Error, merge(character, background, options));
        options.scale = 1.0;
        options.position = cv::Point2d(5000, 5000);
        QVERIFY_THROWS_EXCEPTION(easel::Error, merge(character, background, options));
        options.position.reset();
        options.harmonize = 2.0;
        QVERIFY_THROWS_EXCEPTION(easel::Error, merge(character, background, options));
        // An image that is all backdrop has no subject.
        QVERIFY_THROWS_EXCEPTION(easel::Error, cutOut(cv::Mat(256, 256, CV_8UC3, cv::Scalar::all(235))));
        QVERIFY_THROWS_EXCEPTION(easel::Error, merge(cv::Mat(), background));
    }

    void compositeOfACutoutEqualsMerge()
    {
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        MergeOptions options;
        options.position = cv::Point2d(300, 500);
        options.scale = 0.7;
        options.harmonize = 0.4;
        options.cutout.featherPx = 2.0;
        const Cutout cut = cutOut(character, options.cutout);
        const MergeResult once = merge(character, background, options);
        const MergeResult reused = composite(cut, background, options);
        QCOMPARE(test::maxAbsDifference(reused.image, once.image), 0);
        QCOMPARE(reused.placement, once.placement);
        // The same cutout again, elsewhere, without cutting out again.
        options.position = cv::Point2d(700, 512);
        QCOMPARE(test::maxAbsDifference(composite(cut, background, options).image,
                     merge(character, background, options).image),
            0);
        // Scaled once, placed anywhere: the same pixels.
        const cv::Mat fitted = fitBackground(background, options.size);
        const ScaledFigure figure = scaleFigure(cut, fitted, options);
        for (const cv::Point2d& position : { cv::Point2d(700, 512), cv::Point2d(100, 300) }) {
            options.position = position;
            const MergeResult placed = placeFigure(figure, fitted, options);
            const MergeResult direct = merge(character, background, options);
            QCOMPARE(test::maxAbsDifference(placed.image, direct.image), 0);
            QCOMPARE(placed.placement, direct.placement);
        }
        QVERIFY_THROWS_EXCEPTION(easel::Error, composite(Cutout {}, background, options));
        QVERIFY_THROWS_EXCEPTION(easel::Error, scaleFigure(cut, background, options)); // not fitted
    }

    void matteStrokesReseedTheCutout()
    {
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const Cutout plain = cutOut(character);
        // The deepest point of the figure, and a backdrop corner.
        cv::Mat distance;
        cv::distanceTransform(plain.alpha >= 0.5f, distance, cv::DIST_L2, 5);
        cv::Point deep;
        cv::minMaxLoc(distance, nullptr, nullptr, nullptr, &deep);
        QCOMPARE(plain.alpha.at<float>(deep), 1.0f);
        QCOMPARE(plain.alpha.at<float>(20, 20), 0.0f);

        CutoutOptions options;
        MatteStroke remove;
        remove.mode = MatteStroke::Mode::Remove;
        remove.radius = 6;
        remove.points = { cv::Point2d(deep.x - 4, deep.y), cv::Point2d(deep.x + 4, deep.y) };
        MatteStroke keep;
        keep.mode = MatteStroke::Mode::Keep;
        keep.radius = 10;
        keep.points = { cv::Point2d(20, 20) };
        options.strokes = { remove, keep };
        const Cutout corrected = cutOut(character, options);
        QCOMPARE(corrected.alpha.at<float>(deep), 0.0f); // removed: the figure has a hole there
        QCOMPARE(corrected.alpha.at<float>(20, 20), 1.0f); // kept: the backdrop corner stays
        // Away from both strokes the matte is what it was.
        const cv::Point far(deep.x, std::max(0, plain.subject.y + 2));
        QVERIFY(std::abs(corrected.alpha.at<float>(far) - plain.alpha.at<float>(far)) < 0.02f);
        // The merge with the strokes is the composite of that cutout.
        MergeOptions merged;
        merged.cutout = options;
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        QCOMPARE(test::maxAbsDifference(
                     merge(character, background, merged).image, composite(corrected, background, merged).image),
            0);

        // Seeds: the later stroke wins where they overlap; a dab is a disc.
        MatteStroke over = keep;
        over.mode = MatteStroke::Mode::Remove;
        over.radius = 3;
        const cv::Mat seeds = strokeSeeds({ keep, over }, character.size());
        QCOMPARE(int(seeds.at<uchar>(20, 20)), int(kSeedRemove));
        QCOMPARE(int(seeds.at<uchar>(20, 27)), int(kSeedKeep));
        QCOMPARE(int(seeds.at<uchar>(20, 40)), int(kSeedNone));
        MatteStroke bad = keep;
        bad.points.clear();
        QVERIFY_THROWS_EXCEPTION(easel::Error, strokeSeeds({ bad }, character.size()));
        bad = keep;
        bad.radius = 0.0;
        QVERIFY_THROWS_EXCEPTION(easel::Error, cutOut(character, CutoutOptions { 0.0, 3, { bad } }));
        bad = keep;
        bad.points = { cv::Point2d(std::nan(""), 1.0) };
        QVERIFY_THROWS_EXCEPTION(easel::Error, strokeSeeds({ bad }, character.size()));

        // Recorded as JSON and read back the same; a wrong field is named.
        const QJsonArray json = strokesToJson(options.strokes);
        QCOMPARE(json[0].toObject()[QStringLiteral("mode")].toString(), QStringLiteral("remove"));
        QVERIFY(strokesFromJson(json) == options.strokes);
        QJsonArray wrong = json;
        QJsonObject first = wrong[0].toObject();
        first[QStringLiteral("mode")] = QStringLiteral("erase");
        wrong[0] = first;
        try {
            strokesFromJson(wrong);
            QFAIL("a bad mode was accepted");
        } catch (const easel::Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("strokes[0].mode")));
        }

        // mergeFiles() records the strokes with the merge, so it can be made again.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("merged.png"));
        const MergeResult written = mergeFiles(test::imagingFixturePath(QStringLiteral("input_character.png")),
            test::imagingFixturePath(QStringLiteral("input_background.png")), out, merged, QStringLiteral("test"));
        const ImageData result = readImage(out);
        const QJsonObject op
            = QJsonDocument::fromJson(ImageFile::text(result.chunks, chunk::operations).toUtf8()).array()[0].toObject();
        QVERIFY(strokesFromJson(op[QStringLiteral("strokes")]) == options.strokes);
        QCOMPARE(test::maxAbsDifference(result.pixels, written.image), 0);
    }

    void chainReappliesRecordedOperations()
    {
        const cv::Mat photo = test::imagingFixture(QStringLiteral("input_photo.png"));
        const EnhanceSettings chain = EnhanceSettings::seedChain();
        QCOMPARE(test::maxAbsDifference(applyChain(photo, chain.operations()), enhance(photo, chain)), 0);
        WatermarkOptions mark;
        mark.text = QStringLiteral("Easel");
        mark.corner = Corner::TopLeft;
        mark.opacity = 0.5;
        mark.size = 2.0;
        QJsonArray steps = chain.operations();
        steps.append(QJsonObject { { QStringLiteral("op"), QStringLiteral("watermark") },
            { QStringLiteral("text"), mark.text }, { QStringLiteral("corner"), QStringLiteral("tl") },
            { QStringLiteral("opacity"), 0.5 }, { QStringLiteral("size"), 2.0 } });
        steps.append(QJsonObject { { QStringLiteral("op"), QStringLiteral("provenance") } });
        QCOMPARE(test::maxAbsDifference(applyChain(photo, steps), addWatermark(enhance(photo, chain), mark)), 0);

        auto refused = [&](const QJsonArray& ops, const char* named) {
            try {
                applyChain(photo, ops);
            } catch (const easel::Error& e) {
                return QString::fromUtf8(e.what()).contains(QLatin1String(named));
            }
            return false;
        };
        QVERIFY(refused({}, "no operations"));
        QVERIFY(refused({ QJsonObject { { QStringLiteral("op"), QStringLiteral("swirl") } } }, "operations[0].op"));
        QVERIFY(refused({ QJsonObject { { QStringLiteral("op"), QStringLiteral("contrast") } } },
            "operations[0].factor"));
        QVERIFY(refused({ QJsonObject { { QStringLiteral("op"), QStringLiteral("merge") } } }, "second image"));

        // File to file: the source named, the operations recorded, provenance chunks for a provenance step.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("chain.png"));
        QCOMPARE(applyChainFile(test::imagingFixturePath(QStringLiteral("input_photo.png")), out, steps,
                     QStringLiteral("test")),
            int(steps.size()));
        const ImageData written = readImage(out);
        QCOMPARE(QJsonDocument::fromJson(ImageFile::text(written.chunks, chunk::operations).toUtf8()).array(), steps);
        QCOMPARE(ImageFile::text(written.chunks, QStringLiteral("AI-generated")), QStringLiteral("true"));
    }

    void cutoutUsesRealTransparency()
    {
        cv::Mat bgra(100, 80, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        cv::rectangle(bgra, cv::Rect(20, 30, 40, 60), cv::Scalar(10, 200, 30, 255), cv::FILLED);
        const Cutout cut = cutOut(bgra);
        QCOMPARE(cut.subject, cv::Rect(20, 30, 40, 60));
        QCOMPARE(cut.alpha.at<float>(50, 40), 1.0f);
        QCOMPARE(cut.alpha.at<float>(5, 5), 0.0f);
    }

    void watermark()
    {
        const cv::Mat image = test::imagingFixture(QStringLiteral("input_background.png"));
        for (const char* name : { "br", "bl", "tr", "tl" }) {
            WatermarkOptions options;
            options.corner = *cornerFromString(QLatin1String(name));
            options.text = QStringLiteral("Easel test");
            const cv::Rect box = watermarkRect(image.size(), options);
            const cv::Mat marked = addWatermark(image, options);
            QVERIFY(!box.empty());
            QVERIFY((cv::Rect(cv::Point(0, 0), image.size()) & box) == box);
            // Only the box changes; inside, the text is bright and the rest darker.
            cv::Mat outside(image.size(), CV_8UC1, cv::Scalar(255));
            outside(box).setTo(0);
            cv::Mat diff;
            cv::absdiff(marked, image, diff);
            QVERIFY(cv::countNonZero(diff.reshape(1)) > 0);
            double outsideMax = 0.0;
            cv::Mat diffGrey;
            cv::cvtColor(diff, diffGrey, cv::COLOR_BGR2GRAY);
            cv::minMaxLoc(diffGrey, nullptr, &outsideMax, nullptr, nullptr, outside);
            QCOMPARE(outsideMax, 0.0);
            double brightest = 0.0;
            cv::Mat markedGrey;
            cv::cvtColor(marked(box), markedGrey, cv::COLOR_BGR2GRAY);
            cv::minMaxLoc(markedGrey, nullptr, &brightest);
            QVERIFY(brightest >= 0.7 * 255.0 - 1.0); // white text at the default opacity
            const bool right = options.corner == Corner::BottomRight || options.corner == Corner::TopRight;
            const bool bottom = options.corner == Corner::BottomRight || options.corner == Corner::BottomLeft;
            QCOMPARE(box.x + box.width / 2 > image.cols / 2, right);
            QCOMPARE(box.y + box.height / 2 > image.rows / 2, bottom);
        }
        // Font size follows the image.
        WatermarkOptions options;
        const int small = watermarkRect(cv::Size(256, 256), options).height;
        const int large = watermarkRect(cv::Size(1024, 1024), options).height;
        QVERIFY(large > 3 * small);
        // Size scales the text from that default.
        options.size = 2.0;
        QVERIFY(watermarkRect(cv::Size(1024, 1024), options).height > 1.6 * large);
        options.size = 0.1;
        QVERIFY_THROWS_EXCEPTION(easel::Error, addWatermark(image, options));
        options.size = 1.0;
        QVERIFY(!cornerFromString(QStringLiteral("middle")));
        options.opacity = 1.5;
        QVERIFY_THROWS_EXCEPTION(easel::Error, addWatermark(image, options));
        options.opacity = 0.5;
        options.text = QStringLiteral("  ");
        QVERIFY_THROWS_EXCEPTION(easel::Error, addWatermark(image, options));
    }

    void licences_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("licence");
        QTest::newRow("sd15") << QStringLiteral("v1-5-pruned-emaonly") << QStringLiteral("sd1")
                              << QStringLiteral("CreativeML OpenRAIL-M");
        QTest::newRow("sd15 words") << QStringLiteral("Stable Diffusion 1.5") << QStringLiteral("sd1")
                                    << QStringLiteral("CreativeML OpenRAIL-M");
        QTest::newRow("sd21") << QStringLiteral("v2-1_768-ema-pruned") << QStringLiteral("sd2")
                              << QStringLiteral("CreativeML OpenRAIL++-M");
        QTest::newRow("sdxl") << QStringLiteral("sd_xl_base_1.0") << QStringLiteral("sdxl")
                              << QStringLiteral("CreativeML OpenRAIL++-M");
        QTest::newRow("tiny-sdxl") << QStringLiteral("tiny-sdxl") << QStringLiteral("sdxl")
                                   << QStringLiteral("CreativeML OpenRAIL++-M");
        QTest::newRow("unknown") << QStringLiteral("dreamshaper_8") << QString() << QString();
    }

    void licences()
    {
        QFETCH(QString, name);
        QFETCH(QString, family);
        QFETCH(QString, licence);
        QCOMPARE(familyFromName(name), family);
        QCOMPARE(familyLicence(family), licence);
        const ModelInfo info = modelInfoFromChunks({ { QStringLiteral("Model"), name } });
        QCOMPARE(info.licence, licence);
    }

    void provenanceChunksReadBack()
    {
        ModelInfo model;
        model.name = QStringLiteral("v1-5 <pruned> & \"emaonly\"");
        model.family = QStringLiteral("sd1");
        model.licence = familyLicence(model.family);
        const TextChunks chunks = provenanceChunks(model, QStringLiteral("Easel 0.1.0"));
        QCOMPARE(digitalSourceType(chunks), kTrainedAlgorithmicMedia);
        QCOMPARE(ImageFile::text(chunks, QStringLiteral("License")), QStringLiteral("CreativeML OpenRAIL-M"));
        QVERIFY(ImageFile::text(chunks, ImageFile::xmpKeyword).contains(QStringLiteral("&lt;pruned&gt;")));
        const ModelInfo back = modelInfoFromChunks(chunks);
        QCOMPARE(back.name, model.name);
        QCOMPARE(back.licence, model.licence);
        // The element form of the property is read too.
        const TextChunks elementForm { { ImageFile::xmpKeyword,
            QStringLiteral("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                           "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
                           "xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"><Iptc4xmpExt:"
                           "DigitalSourceType>%1</Iptc4xmpExt:DigitalSourceType></rdf:Description></rdf:RDF></"
                           "x:xmpmeta>")
                .arg(kTrainedAlgorithmicMedia) } };
        QCOMPARE(digitalSourceType(elementForm), kTrainedAlgorithmicMedia);
        QVERIFY(digitalSourceType({}).isEmpty());
    }

    void resultFilesKeepSourcesUntouched()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = dir.filePath(QStringLiteral("source.png"));
        QVERIFY(QFile::copy(test::imagingFixturePath(QStringLiteral("input_photo.png")), source));
        const ImageData in = readImage(source);
        const QByteArray before = QCryptographicHash::hash(test::readFile(source), QCryptographicHash::Sha256);
        QCOMPARE(QString::fromLatin1(before.toHex()), in.sha256);

        Provenance provenance;
        provenance.software = QStringLiteral("Easel test");
        provenance.sources = { in };
        provenance.operations = EnhanceSettings::seedChain().operations();
        const cv::Mat out = enhance(in.pixels, EnhanceSettings::seedChain());
        const TextChunks chunks = resultChunks(
            { { QStringLiteral("parameters"), QStringLiteral("a cat") }, { chunk::software, QStringLiteral("old") } },
            provenance);
        QVERIFY_THROWS_EXCEPTION(easel::Error, writeResult(source, out, chunks, { source }));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, writeResult(source, out, chunks, { source }, AtomicFile::Existing::Replace));
        QVERIFY_THROWS_EXCEPTION(
            easel::Error, writeResult(dir.filePath(QStringLiteral("out.jpg")), out, chunks, { source }));
        const QString result = dir.filePath(QStringLiteral("result.png"));
        writeResult(result, out, chunks, { source });
        QCOMPARE(readImage(source).sha256, in.sha256);

        const ImageData written = readImage(result);
        QCOMPARE(test::maxAbsDifference(written.pixels, out), 0);
        QCOMPARE(ImageFile::text(written.chunks, QStringLiteral("parameters")), QStringLiteral("a cat"));
        QCOMPARE(ImageFile::text(written.chunks, chunk::software), QStringLiteral("Easel test"));
        const QJsonArray sources
            = QJsonDocument::fromJson(ImageFile::text(written.chunks, chunk::sources).toUtf8()).array();
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources[0].toObject()[QStringLiteral("file")].toString(), QStringLiteral("source.png"));
        QCOMPARE(sources[0].toObject()[QStringLiteral("sha256")].toString(), in.sha256);
        QCOMPARE(QJsonDocument::fromJson(ImageFile::text(written.chunks, chunk::operations).toUtf8()).array(),
            provenance.operations);
        // Writing again refuses to replace the result unless asked.
        QVERIFY_THROWS_EXCEPTION(easel::Error, writeResult(result, out, chunks, { source }));
        writeResult(result, out, chunks, { source }, AtomicFile::Existing::Replace);

        QVERIFY_THROWS_EXCEPTION(easel::Error, readImage(dir.filePath(QStringLiteral("missing.png"))));
        const QString text = dir.filePath(QStringLiteral("text.png"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not an image");
        f.close();
        QVERIFY_THROWS_EXCEPTION(easel::Error, readImage(text));
    }

    void timings()
    {
        // Measured, not asserted: a live preview needs well under 50 ms on a screen-sized image.
        const cv::Mat photo = test::imagingFixture(QStringLiteral("input_photo.png"));
        struct Op {
            const char* name;
            std::function<cv::Mat(const cv::Mat&)> run;
        };
        const std::vector<Op> ops {
            { "sharpness 1.2", [](const cv::Mat& m) { return adjustSharpness(m, 1.2); } },
            { "contrast 1.1", [](const cv::Mat& m) { return adjustContrast(m, 1.1); } },
            { "color 1.1", [](const cv::Mat& m) { return adjustColor(m, 1.1); } },
            { "brightness 1.15", [](const cv::Mat& m) { return adjustBrightness(m, 1.15); } },
            { "unsharp 1/150/3",
                [](const cv::Mat& m) {
                    return unsharpMask(m, { 1.0, 150, 3 });
                } },
            { "unsharp 2/150/3",
                [](const cv::Mat& m) {
                    return unsharpMask(m, { 2.0, 150, 3 });
                } },
            { "seed-chain", [](const cv::Mat& m) { return enhance(m, EnhanceSettings::seedChain()); } },
        };
        qInfo("OpenCV threads: %d", cv::getNumThreads());
        for (const cv::Size size : { cv::Size(256, 128), cv::Size(1024, 512), cv::Size(1920, 1080) }) {
            cv::Mat image;
            cv::resize(photo, image, size, 0, 0, cv::INTER_CUBIC);
            for (const Op& op : ops) {
                cv::Mat out;
                const double ms = timeMs([&] { out = op.run(image); }, 15);
                QCOMPARE(out.size(), size);
                qInfo("%4dx%-4d %-16s %7.2f ms", size.width, size.height, op.name, ms);
            }
        }
        const cv::Mat character = test::imagingFixture(QStringLiteral("input_character.png"));
        const cv::Mat background = test::imagingFixture(QStringLiteral("input_background.png"));
        MergeResult result;
        const double mergeMs = timeMs([&] { result = merge(character, background); }, 3);
        QCOMPARE(result.image.size(), cv::Size(1024, 512));
        qInfo("merge 384x512 onto 1024x512 %.1f ms", mergeMs);
    }
};

QTEST_GUILESS_MAIN(TestImaging)
#include "tst_imaging.moc"
