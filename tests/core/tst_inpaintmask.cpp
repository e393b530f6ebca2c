// SPDX-License-Identifier: MIT
#include "common/error.h"
#include "imaging/inpaintmask.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

using easel::imaging::adjustInpaintMask;

namespace {

/// 64x64 black with a white square [20, 40) x [20, 40).
cv::Mat squareMask()
{
    cv::Mat mask = cv::Mat::zeros(64, 64, CV_8UC1);
    mask(cv::Rect(20, 20, 20, 20)).setTo(255);
    return mask;
}

bool sameBytes(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::countNonZero(a != b) == 0;
}

} // namespace

class TestInpaintMask : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void offKeepsBytes()
    {
        cv::Mat soft(37, 53, CV_8UC1);
        cv::randu(soft, 0, 256);
        QVERIFY(sameBytes(adjustInpaintMask(soft, 0, 0), soft));
        QVERIFY(sameBytes(adjustInpaintMask(squareMask(), 0, 0), squareMask()));
    }

    void grow()
    {
        const cv::Mat grown = adjustInpaintMask(squareMask(), 3, 0);
        // Along the square's middle row the edge moves out by exactly 3 pixels on both sides.
        QCOMPARE(int(grown.at<uchar>(30, 17)), 255);
        QCOMPARE(int(grown.at<uchar>(30, 16)), 0);
        QCOMPARE(int(grown.at<uchar>(30, 42)), 255);
        QCOMPARE(int(grown.at<uchar>(30, 43)), 0);
        // A disc, not a box: the corners round off.
        QCOMPARE(int(grown.at<uchar>(17, 17)), 0);
        QCOMPARE(cv::countNonZero(grown), cv::countNonZero(grown == 255)); // still binary
        QVERIFY(cv::countNonZero(grown) > 20 * 20 + 4 * 20 * 3);
    }

    void shrink()
    {
        const cv::Mat shrunk = adjustInpaintMask(squareMask(), -3, 0);
        QCOMPARE(cv::countNonZero(shrunk), 14 * 14);
        QCOMPARE(int(shrunk.at<uchar>(23, 23)), 255);
        QCOMPARE(int(shrunk.at<uchar>(22, 30)), 0);
        // Shrinking by more than half the square leaves nothing to repaint.
        QCOMPARE(cv::countNonZero(adjustInpaintMask(squareMask(), -10, 0)), 0);
    }

    void blur()
    {
        const cv::Mat mask = squareMask();
        const cv::Mat blurred = adjustInpaintMask(mask, 0, 2);
        // Soft edges: the centre stays white, far pixels black, the edge in between, symmetric.
        QCOMPARE(int(blurred.at<uchar>(30, 30)), 255);
        QCOMPARE(int(blurred.at<uchar>(30, 5)), 0);
        const int inside = blurred.at<uchar>(30, 20);
        const int outside = blurred.at<uchar>(30, 19);
        QVERIFY2(inside > 128 && inside < 255 && outside > 0 && outside < 128,
            qPrintable(QStringLiteral("%1 %2").arg(inside).arg(outside)));
        QCOMPARE(int(blurred.at<uchar>(30, 39)), inside);
        QCOMPARE(int(blurred.at<uchar>(20, 30)), inside);
        // A Gaussian keeps the mass (within rounding).
        QVERIFY(std::abs(cv::sum(blurred)[0] - cv::sum(mask)[0]) < 0.01 * cv::sum(mask)[0]);
        // The same kernel and sigma as A1111's cv2.GaussianBlur call.
        cv::Mat expected;
        cv::GaussianBlur(mask, expected, cv::Size(11, 11), 2, 2);
        QVERIFY(sameBytes(blurred, expected));
    }

    void growThenBlur()
    {
        cv::Mat expected;
        cv::GaussianBlur(adjustInpaintMask(squareMask(), 4, 0), expected, cv::Size(17, 17), 3, 3);
        QVERIFY(sameBytes(adjustInpaintMask(squareMask(), 4, 3), expected));
    }

    void notGrey()
    {
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustInpaintMask(cv::Mat::zeros(8, 8, CV_8UC3), 1, 0));
        QVERIFY_THROWS_EXCEPTION(easel::Error, adjustInpaintMask(cv::Mat(), 0, 1));
    }
};

QTEST_GUILESS_MAIN(TestInpaintMask)
#include "tst_inpaintmask.moc"
