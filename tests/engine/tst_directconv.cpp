// SPDX-License-Identifier: MIT
// The direct oneDNN paths of bf16 convolutions and linear layers (models/directconv.h): the UNet's and VAE's kinds of
// convolution (3x3, stride 2, 1x1 without bias, 4 and 3 channels, odd sizes) against an fp32 reference;
// weights changed in place or replaced are packed again; packed weights give the plain tensor's pages back and
// restore them bit for bit; everything it does not take (fp32, contiguous
// inputs, switched off) comes back undefined and Conv2d runs libtorch's path.

#include "engine/models/directconv.h"
#include "engine/models/layers.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <cmath>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

using namespace easel::engine;

namespace {

struct Case {
    int64_t in, out, kernel, stride, padding, height, width;
    bool bias;
};

// Largest |direct - reference| over the largest |reference|.
double relativeError(const at::Tensor& direct, const at::Tensor& reference)
{
    const at::Tensor d = direct.to(at::kFloat), r = reference.to(at::kFloat);
    return (d - r).abs().max().item<double>() / std::max(r.abs().max().item<double>(), 1e-12);
}

at::Tensor reference(const at::Tensor& x, const Conv2d& conv)
{
    const at::Tensor bias = conv->bias.defined() ? conv->bias.to(at::kFloat) : at::Tensor();
    return at::conv2d(x.to(at::kFloat).contiguous(), conv->weight.to(at::kFloat), bias, { conv->stride, conv->stride },
        { conv->padding, conv->padding });
}

Conv2d makeConv(const Case& c)
{
    Conv2d conv(c.in, c.out, c.kernel, c.stride, c.padding, at::TensorOptions().dtype(at::kBFloat16), c.bias);
    randomWeights(*conv, 11);
    return conv;
}

at::Tensor input(const Case& c, int64_t batch = 2)
{
    return at::randn({ batch, c.in, c.height, c.width }).to(at::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast);
}

// Mean |direct - reference| over mean |reference|.
double meanRelativeError(const at::Tensor& direct, const at::Tensor& reference)
{
    const at::Tensor d = direct.to(at::kFloat), r = reference.to(at::kFloat);
    return (d - r).abs().mean().item<double>() / std::max(r.abs().mean().item<double>(), 1e-12);
}

// How many of the whole pages inside a tensor's bytes are resident.
size_t residentPages(const at::Tensor& t)
{
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<uintptr_t>(t.data_ptr()) + page - 1) / page * page;
    const auto end = (reinterpret_cast<uintptr_t>(t.data_ptr()) + uintptr_t(t.nbytes())) / page * page;
    if (end <= begin)
        return 0;
    std::vector<unsigned char> resident((end - begin) / page);
    if (::mincore(reinterpret_cast<void*>(begin), end - begin, resident.data()) != 0)
        return size_t(-1);
    return size_t(std::count_if(resident.begin(), resident.end(), [](unsigned char r) { return r & 1; }));
}

} // namespace

class TestDirectConv : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        at::manual_seed(3);
        if (!DirectConv::enabled())
            QSKIP("this build has no oneDNN (libdnnl-dev): every convolution goes through libtorch");
    }

    void matchesTheReference()
    {
        at::NoGradGuard noGrad;
        const std::vector<Case> cases = {
            { 320, 320, 3, 1, 1, 16, 16, true }, // a UNet resnet convolution
            { 320, 320, 3, 2, 1, 16, 16, true }, // a downsample
            { 640, 320, 1, 1, 0, 8, 8, false }, // a shortcut without bias
            { 4, 32, 3, 1, 1, 9, 7, true }, // conv_in: four latent channels, odd sizes
            { 32, 3, 3, 1, 1, 13, 11, true }, // conv_out of a VAE: three channels
        };
        for (const Case& c : cases) {
            const Conv2d conv = makeConv(c);
            DirectConv direct(c.stride, c.padding);
            const at::Tensor x = input(c);
            const at::Tensor x1 = input(c, 1);
            // (before the weights are packed and their pages given back)
            const at::Tensor ref = reference(x, conv), ref1 = reference(x1, conv);
            const at::Tensor y = direct.forward(x, conv->weight, conv->bias);
            QVERIFY2(y.defined(), qPrintable(QStringLiteral("%1 -> %2, %3x%3").arg(c.in).arg(c.out).arg(c.kernel)));
            QCOMPARE(y.scalar_type(), at::kBFloat16);
            QVERIFY(y.is_contiguous(at::MemoryFormat::ChannelsLast));
            QCOMPARE(y.sizes(), ref.sizes());
            const double error = relativeError(y, ref);
            QVERIFY2(error < 0.01, qPrintable(QStringLiteral("%1 -> %2: relative error %3").arg(c.in).arg(c.out).arg(error)));
            // A second batch size gets its own primitive; the packed weights are shared.
            QVERIFY(relativeError(direct.forward(x1, conv->weight, conv->bias), ref1) < 0.01);
        }
    }

    void changedWeightsArePackedAgain()
    {
        at::NoGradGuard noGrad;
        const Case c { 64, 64, 3, 1, 1, 8, 8, true };
        Conv2d conv = makeConv(c);
        const at::Tensor x = input(c);
        const at::Tensor before = conv->forward(x);
        // In place, as a LoRA is applied (the version counter moves).
        restorePackedWeights(*conv);
        conv->weight.add_(at::randn(conv->weight.sizes()).to(at::kBFloat16) * 0.05);
        const at::Tensor expected = reference(x, conv);
        const at::Tensor patched = conv->forward(x);
        QVERIFY(!at::equal(before, patched));
        QVERIFY(relativeError(patched, expected) < 0.01);
        // A new tensor in its place (set_data).
        conv->weight.set_data(at::randn(conv->weight.sizes()).to(at::kBFloat16) * 0.02);
        const at::Tensor replaced = reference(x, conv);
        QVERIFY(relativeError(conv->forward(x), replaced) < 0.01);
    }

    // Once packed, a large weight's pages go back to the system (mincore: none resident) and come back,
    // bit for bit, when restored; a new shape is packed from the packed copy; the layer's fallback to
    // libtorch and an in-place change after restorePackedWeights() see the true values.
    void packedWeightsReplaceThePlainOnes()
    {
        at::NoGradGuard noGrad;
        for (const bool channelsLast : { false, true }) {
            const Case c { 320, 320, 3, 1, 1, 8, 8, true }; // 1.8 MB of weights
            Conv2d conv = makeConv(c);
            if (channelsLast)
                conv->weight.set_data(conv->weight.contiguous(at::MemoryFormat::ChannelsLast));
            const at::Tensor original = conv->weight.clone();
            const at::Tensor x = input(c), x1 = input(c, 1);
            const at::Tensor ref = reference(x, conv), ref1 = reference(x1, conv);

            DirectConv direct(1, 1);
            QVERIFY(!direct.released());
            QVERIFY(relativeError(direct.forward(x, conv->weight, conv->bias), ref) < 0.01);
            QVERIFY(direct.released());
            QCOMPARE(residentPages(conv->weight), size_t(0));
            QVERIFY(relativeError(direct.forward(x1, conv->weight, conv->bias), ref1) < 0.01);
            direct.restore(conv->weight);
            QVERIFY(!direct.released());
            QVERIFY(at::equal(conv->weight, original));
            QVERIFY(residentPages(conv->weight) > 0);

            // The layer itself: packed and given back, then a contiguous input (libtorch's path) restores first.
            QVERIFY(relativeError(conv->forward(x), ref) < 0.01);
            QCOMPARE(residentPages(conv->weight), size_t(0));
            QVERIFY(relativeError(conv->forward(x.contiguous()), ref) < 0.01);
            QVERIFY(at::equal(conv->weight, original));

            // Given back again, restored for a LoRA-like change in place, packed again from the new values.
            (void)conv->forward(x);
            restorePackedWeights(*conv);
            QVERIFY(at::equal(conv->weight, original));
            conv->weight.mul_(0.5);
            const at::Tensor halved = reference(x, conv);
            QVERIFY(relativeError(conv->forward(x), halved) < 0.01);
            restorePackedWeights(*conv);
            QVERIFY(at::equal(conv->weight, original.mul(0.5)));
        }
        // Kept (the benchmark's baseline): nothing given back.
        DirectConv::setReleasesWeights(false);
        const Case c { 320, 320, 3, 1, 1, 8, 8, true };
        const Conv2d conv = makeConv(c);
        DirectConv direct(1, 1);
        (void)direct.forward(input(c), conv->weight, conv->bias);
        DirectConv::setReleasesWeights(true);
        QVERIFY(!direct.released());
        QVERIFY(residentPages(conv->weight) > 0);
    }

    // int8 (opt-in): per-channel weights, per-tensor inputs; within quantisation error of the fp32 reference,
    // not bf16's result; the plain weights kept; a changed weight quantized again; few channels stay bf16.
    void int8IsCloseToTheReference()
    {
        at::NoGradGuard noGrad;
        const std::vector<Case> cases = {
            { 320, 320, 3, 1, 1, 16, 16, true },
            { 320, 320, 3, 2, 1, 16, 16, true },
            { 640, 320, 1, 1, 0, 8, 8, false },
            { 64, 32, 3, 1, 1, 9, 7, true },
        };
        for (const Case& c : cases) {
            Conv2d conv = makeConv(c);
            const at::Tensor original = conv->weight.clone();
            const at::Tensor x = input(c);
            const at::Tensor ref = reference(x, conv);
            DirectConv bf16(c.stride, c.padding);
            const at::Tensor viaBf16 = bf16.forward(x, original.clone(), conv->bias); // (its pages go back)
            DirectConv direct(c.stride, c.padding);
            direct.setQuantized(true);
            QVERIFY(direct.quantized());
            const at::Tensor y = direct.forward(x, conv->weight, conv->bias);
            QVERIFY(y.defined());
            QCOMPARE(y.scalar_type(), at::kBFloat16);
            QVERIFY(y.is_contiguous(at::MemoryFormat::ChannelsLast));
            const double error = meanRelativeError(y, ref);
            QVERIFY2(error < 0.02, qPrintable(QStringLiteral("%1 -> %2: mean relative error %3").arg(c.in).arg(c.out).arg(error)));
            QVERIFY(meanRelativeError(viaBf16, ref) < error); // it did go through int8
            QVERIFY(!direct.released());
            QVERIFY(at::equal(conv->weight, original));
            // A slightly narrower range (the primitive made for the coarser scale serves), another input scale
            // (another primitive), then a LoRA-like change: quantized again.
            const at::Tensor narrower = x * 0.85;
            QVERIFY(meanRelativeError(direct.forward(narrower, conv->weight, conv->bias), reference(narrower, conv)) < 0.02);
            const at::Tensor x4 = x * 4;
            QVERIFY(meanRelativeError(direct.forward(x4, conv->weight, conv->bias), reference(x4, conv)) < 0.02);
            conv->weight.mul_(-0.5);
            const at::Tensor changed = reference(x, conv);
            QVERIFY(meanRelativeError(direct.forward(x, conv->weight, conv->bias), changed) < 0.02);
        }
        // Four input channels (conv_in) stay bf16; all-zero input too.
        const Case few { 4, 32, 3, 1, 1, 9, 7, true };
        const Conv2d conv = makeConv(few);
        DirectConv direct(1, 1);
        direct.setQuantized(true);
        const at::Tensor x = input(few);
        QVERIFY(relativeError(direct.forward(x, conv->weight, conv->bias), reference(x, conv)) < 0.01);
        const Case c { 64, 64, 3, 1, 1, 8, 8, true };
        const Conv2d wide = makeConv(c);
        DirectConv zeros(1, 1);
        zeros.setQuantized(true);
        const at::Tensor z = at::zeros_like(input(c));
        QVERIFY(relativeError(zeros.forward(z, wide->weight, wide->bias), reference(z, wide)) < 0.01);
        // A NaN in the input has no range to quantize by: the bf16 path runs and carries it.
        at::Tensor withNan = input(c);
        withNan[0][3][2][5] = std::nan("");
        DirectConv nanInput(1, 1);
        nanInput.setQuantized(true);
        const at::Tensor y = nanInput.forward(withNan, wide->weight, wide->bias);
        QVERIFY(y.defined());
        QVERIFY(at::isnan(y).any().item<bool>());
    }

    // Linear layers: against an fp32 reference for 2-D and 3-D inputs, with and without bias; the weight's pages
    // given back and restored bit for bit; a change after restorePackedWeights() packed again; fp32 refused.
    void linearLayers()
    {
        at::NoGradGuard noGrad;
        for (const bool hasBias : { true, false }) {
            Linear linear(320, 640, hasBias, at::TensorOptions().dtype(at::kBFloat16)); // 400 KB of weights
            randomWeights(*linear, 5);
            const at::Tensor original = linear->weight.clone();
            auto referenceOf = [&](const at::Tensor& x) {
                return at::linear(x.to(at::kFloat), linear->weight.to(at::kFloat),
                    hasBias ? linear->bias.to(at::kFloat) : at::Tensor());
            };
            const at::Tensor x3 = at::randn({ 2, 77, 320 }).to(at::kBFloat16), x2 = at::randn({ 9, 320 }).to(at::kBFloat16);
            const at::Tensor ref3 = referenceOf(x3), ref2 = referenceOf(x2);
            DirectLinear direct;
            const at::Tensor y3 = direct.forward(x3, linear->weight, linear->bias);
            QVERIFY(y3.defined());
            QCOMPARE(y3.sizes(), ref3.sizes());
            QCOMPARE(y3.scalar_type(), at::kBFloat16);
            QVERIFY(relativeError(y3, ref3) < 0.01);
            QVERIFY(direct.released());
            QCOMPARE(residentPages(linear->weight), size_t(0));
            QVERIFY(relativeError(direct.forward(x2, linear->weight, linear->bias), ref2) < 0.01); // another row count
            direct.restore(linear->weight);
            QVERIFY(at::equal(linear->weight, original));
            QVERIFY(!direct.forward(x3.to(at::kFloat), linear->weight.to(at::kFloat), at::Tensor()).defined());

            // The layer's own path, then a LoRA-like change in place.
            QVERIFY(relativeError(linear->forward(x3), ref3) < 0.01);
            restorePackedWeights(*linear);
            QVERIFY(at::equal(linear->weight, original));
            linear->weight.mul_(-2);
            const at::Tensor changed = referenceOf(x3);
            QVERIFY(relativeError(linear->forward(x3), changed) < 0.01);
            // A non-contiguous input goes through libtorch, after the weights are written back.
            const at::Tensor strided = x3.transpose(0, 1).contiguous().transpose(0, 1);
            QVERIFY(!strided.is_contiguous());
            QVERIFY(relativeError(linear->forward(strided), changed) < 0.01);
        }
    }

    // int8 linear layers: close to the fp32 reference (and further from it than bf16: int8 did run), with and
    // without bias; the plain weights kept; a LoRA-like change quantized again; few rows, NaN and zeros stay bf16.
    void int8LinearLayers()
    {
        at::NoGradGuard noGrad;
        for (const bool hasBias : { true, false }) {
            Linear linear(320, 640, hasBias, at::TensorOptions().dtype(at::kBFloat16));
            randomWeights(*linear, 6);
            const at::Tensor original = linear->weight.clone();
            auto referenceOf = [&](const at::Tensor& x) {
                return at::linear(x.to(at::kFloat), linear->weight.to(at::kFloat),
                    hasBias ? linear->bias.to(at::kFloat) : at::Tensor());
            };
            const at::Tensor x = at::randn({ 2, 77, 320 }).to(at::kBFloat16);
            const at::Tensor ref = referenceOf(x);
            DirectLinear bf16;
            const at::Tensor viaBf16 = bf16.forward(x, original.clone(), linear->bias);
            DirectLinear direct;
            direct.setQuantized(true);
            QVERIFY(direct.quantized());
            const at::Tensor y = direct.forward(x, linear->weight, linear->bias);
            QVERIFY(y.defined());
            QCOMPARE(y.sizes(), ref.sizes());
            QCOMPARE(y.scalar_type(), at::kBFloat16);
            const double error = meanRelativeError(y, ref);
            QVERIFY2(error < 0.02, qPrintable(QStringLiteral("mean relative error %1").arg(error)));
            QVERIFY(meanRelativeError(viaBf16, ref) < error); // it did go through int8
            QVERIFY(!direct.released());
            QVERIFY(at::equal(linear->weight, original));
            // A slightly narrower range (served by the coarser primitive), another input scale, then a LoRA-like
            // change: quantized again.
            const at::Tensor narrower = x * 0.85;
            QVERIFY(meanRelativeError(direct.forward(narrower, linear->weight, linear->bias), referenceOf(narrower)) < 0.02);
            const at::Tensor x8 = x * 8;
            QVERIFY(meanRelativeError(direct.forward(x8, linear->weight, linear->bias), referenceOf(x8)) < 0.02);
            linear->weight.mul_(-0.5);
            QVERIFY(meanRelativeError(direct.forward(x, linear->weight, linear->bias), referenceOf(x)) < 0.02);
            // Few rows stay bf16 (the same values as the bf16 path); so do all-zero and NaN inputs.
            const at::Tensor few = at::randn({ 2, 3, 320 }).to(at::kBFloat16);
            DirectLinear plain;
            QVERIFY(at::equal(direct.forward(few, linear->weight, linear->bias), plain.forward(few, linear->weight.clone(), linear->bias)));
            const at::Tensor zeros = at::zeros_like(x);
            QVERIFY(relativeError(direct.forward(zeros, linear->weight, linear->bias), referenceOf(zeros)) < 0.01);
            at::Tensor withNan = x.clone();
            withNan[1][5][7] = std::nan("");
            QVERIFY(at::isnan(direct.forward(withNan, linear->weight, linear->bias)).any().item<bool>());
            // The layer's switch.
            linear->setQuantized(true);
            QVERIFY(meanRelativeError(linear->forward(x), referenceOf(x)) < 0.02);
            quantizeLayers(*linear, false);
            QVERIFY(relativeError(linear->forward(x), referenceOf(x)) < 0.01);
        }
    }

    void othersGoThroughLibtorch()
    {
        at::NoGradGuard noGrad;
        const Case c { 32, 32, 3, 1, 1, 8, 8, true };
        Conv2d conv = makeConv(c);
        DirectConv direct(1, 1);
        const at::Tensor x = input(c);
        QVERIFY(!direct.forward(x.contiguous(), conv->weight, conv->bias).defined()); // NCHW
        QVERIFY(!direct.forward(x.to(at::kFloat), conv->weight.to(at::kFloat), conv->bias.to(at::kFloat)).defined());
        // The module still computes the contiguous case, through libtorch.
        QVERIFY(relativeError(conv->forward(x.contiguous()), reference(x, conv)) < 0.01);
        DirectConv::setEnabled(false);
        QVERIFY(!direct.forward(x, conv->weight, conv->bias).defined());
        const at::Tensor viaLibtorch = conv->forward(x);
        DirectConv::setEnabled(true);
        QVERIFY(direct.forward(x, conv->weight, conv->bias).defined());
        // Both paths agree within bf16 rounding.
        QVERIFY(relativeError(conv->forward(x), viaLibtorch) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestDirectConv)
#include "tst_directconv.moc"
