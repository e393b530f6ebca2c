// SPDX-License-Identifier: MIT
// The fused bf16 GroupNorm (+ SiLU) of the CPU path against a double-precision reference: contiguous and
// channels_last inputs, 3-D and 4-D, odd sizes (vector tails), one channel per group, a large mean beside a
// small spread (no cancellation in the variance), NaN carried through; the same bits with one thread or two;
// and GroupNorm's module path (fp32 stays libtorch's group_norm then silu_, bit for bit).

#include "engine/models/fusednorm.h"
#include "engine/models/layers.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <QtTest>

#include <cmath>
#include <vector>

using namespace easel::engine;

namespace {

at::Tensor reference(const at::Tensor& x, int64_t groups, const at::Tensor& w, const at::Tensor& b, double eps,
    bool silu)
{
    at::Tensor y = at::group_norm(x.to(at::kDouble).contiguous(), groups, w.to(at::kDouble), b.to(at::kDouble), eps);
    return silu ? at::silu(y) : y;
}

// Largest |fused - ref| beyond what one bf16 rounding of the result allows (2^-8 relative), or 0.
double excess(const at::Tensor& fused, const at::Tensor& ref)
{
    const at::Tensor f = fused.to(at::kDouble).contiguous(), r = ref.contiguous();
    const at::Tensor allowed = r.abs() * (1.0 / 256.0) + 1e-3;
    return at::clamp_min((f - r).abs() - allowed, 0.0).max().item<double>();
}

struct Case {
    std::vector<int64_t> shape;
    int64_t groups;
    bool channelsLast;
};

} // namespace

class TestFusedNorm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::manual_seed(7); }

    void matchesTheReference()
    {
        const std::vector<Case> cases = {
            { { 2, 320, 32, 32 }, 32, false },
            { { 2, 320, 32, 32 }, 32, true },
            { { 1, 128, 65, 33 }, 32, true }, // odd pixels, 4 channels per group
            { { 1, 96, 7, 9 }, 32, false },
            { { 3, 40, 5 }, 8, false }, // 3-D
            { { 1, 24, 3, 5 }, 24, true }, // one channel per group
            { { 2, 512, 4, 4 }, 32, true }, // fewer pixels than a chunk
        };
        for (const Case& c : cases) {
            const int64_t channels = c.shape[1];
            at::Tensor x = (at::randn(c.shape) * 2.0 + 0.5).to(at::kBFloat16);
            if (c.channelsLast)
                x = x.contiguous(at::MemoryFormat::ChannelsLast);
            const at::Tensor w = (1.0 + 0.1 * at::randn({ channels })).to(at::kBFloat16);
            const at::Tensor b = (0.1 * at::randn({ channels })).to(at::kBFloat16);
            QVERIFY(fusedGroupNormApplies(x, c.groups));
            for (bool silu : { false, true }) {
                const at::Tensor y = fusedGroupNorm(x, c.groups, w, b, 1e-6, silu);
                QCOMPARE(y.scalar_type(), at::kBFloat16);
                QCOMPARE(y.sizes(), x.sizes());
                QCOMPARE(y.is_contiguous(), x.is_contiguous()); // the input's layout
                const double over = excess(y, reference(x, c.groups, w, b, 1e-6, silu));
                QVERIFY2(over == 0.0,
                    qPrintable(QStringLiteral("shape %1x%2, cl %3, silu %4: %5 over the bf16 rounding")
                                   .arg(c.shape[0]).arg(channels).arg(c.channelsLast).arg(silu).arg(over)));
            }
        }
    }

    void largeMeanSmallSpread()
    {
        // Values near 96 with a spread of a few units: E[x^2] - E[x]^2 in float would lose the variance.
        for (bool channelsLast : { false, true }) {
            at::Tensor x = (96.0 + 3.0 * at::randn({ 1, 64, 16, 16 })).to(at::kBFloat16);
            if (channelsLast)
                x = x.contiguous(at::MemoryFormat::ChannelsLast);
            const at::Tensor w = at::ones({ 64 }), b = at::zeros({ 64 });
            const at::Tensor y = fusedGroupNorm(x, 32, w, b, 1e-6, false);
            QCOMPARE(excess(y, reference(x, 32, w, b, 1e-6, false)), 0.0);
        }
    }

    void nanStaysNan()
    {
        for (bool channelsLast : { false, true }) {
            at::Tensor x = at::randn({ 1, 32, 8, 8 }).to(at::kBFloat16);
            x.index_put_({ 0, 3, 2, 2 }, std::numeric_limits<float>::quiet_NaN());
            if (channelsLast)
                x = x.contiguous(at::MemoryFormat::ChannelsLast);
            const at::Tensor y = fusedGroupNorm(x, 8, at::ones({ 32 }), at::zeros({ 32 }), 1e-6, true).to(at::kFloat);
            // Channel 3 is in group 0 (4 channels per group): that group is NaN, the others are finite.
            QVERIFY(at::isnan(y.narrow(1, 0, 4)).all().item<bool>());
            QVERIFY(at::isfinite(y.narrow(1, 4, 28)).all().item<bool>());
        }
    }

    void sameBitsOnAnyThreadCount()
    {
        const int threads = at::get_num_threads();
        for (bool channelsLast : { false, true }) {
            at::Tensor x = at::randn({ 2, 256, 40, 40 }).to(at::kBFloat16);
            if (channelsLast)
                x = x.contiguous(at::MemoryFormat::ChannelsLast);
            const at::Tensor w = at::randn({ 256 }), b = at::randn({ 256 });
            at::set_num_threads(1);
            const at::Tensor one = fusedGroupNorm(x, 32, w, b, 1e-6, true);
            at::set_num_threads(2);
            const at::Tensor two = fusedGroupNorm(x, 32, w, b, 1e-6, true);
            QVERIFY(at::equal(one, two));
        }
        at::set_num_threads(threads);
    }

    void moduleTakesTheFusedPathOnlyForBf16()
    {
        GroupNorm norm(8, 32, 1e-6, at::TensorOptions().dtype(at::kFloat));
        {
            at::NoGradGuard noGrad;
            norm->weight.copy_(1.0 + 0.1 * at::randn({ 32 }));
            norm->bias.copy_(0.1 * at::randn({ 32 }));
        }
        const at::Tensor x = at::randn({ 2, 32, 6, 6 });
        // fp32: libtorch's group_norm, then silu_, as before.
        QVERIFY(at::equal(norm->forward(x, true), at::silu(at::group_norm(x, 8, norm->weight, norm->bias, 1e-6))));
        QVERIFY(at::equal(norm->forward(x), at::group_norm(x, 8, norm->weight, norm->bias, 1e-6)));
        QVERIFY(!fusedGroupNormApplies(x, 8));
        QVERIFY(!fusedGroupNormApplies(x.to(at::kBFloat16), 5)); // 32 channels are not 5 groups
        QVERIFY(!fusedGroupNormApplies(x.to(at::kBFloat16).transpose(2, 3), 8)); // neither layout
        // bf16: the fused result.
        norm->to(at::kBFloat16);
        const at::Tensor xb = x.to(at::kBFloat16);
        QVERIFY(at::equal(norm->forward(xb, true), fusedGroupNorm(xb, 8, norm->weight, norm->bias, 1e-6, true)));
    }
};

QTEST_GUILESS_MAIN(TestFusedNorm)
#include "tst_fusednorm.moc"
