// SPDX-License-Identifier: MIT
// The fused bf16 attention of the CPU path (engine/models/fusedattention.h) against the fp32 reference on the same
// bf16 values: the UNet's head sizes (40, 64, 80, 160) and the VAE's (512, one head), key counts that are not a
// multiple of the kernels' 32 columns (77 text tokens), query counts that are not a multiple of their 8 rows,
// strided rows (a view), NaN carried through, the same bits with one thread or two; and multiHeadAttention's
// choice (Auto takes it for bf16 where the CPU has it, never for the text encoder's causal attention).

#include "engine/models/attention.h"
#include "engine/models/fusedattention.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <QtTest>

#include <cmath>

using namespace easel::engine;

namespace {

double scaleFor(int64_t channels, int64_t heads) { return 1.0 / std::sqrt(double(channels / heads)); }

// The reference: fp32 attention (every head with bmm and softmax) of the bf16 inputs' exact values.
at::Tensor reference(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads)
{
    return multiHeadAttention(q.to(at::kFloat), k.to(at::kFloat), v.to(at::kFloat), heads, false, AttentionMode::Matmul);
}

at::Tensor randomBf16(at::IntArrayRef sizes, at::Generator& gen)
{
    return at::randn(sizes, gen, at::kFloat).to(at::kBFloat16);
}

} // namespace

class TestAttention : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    void fusedMatchesReference_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("queries");
        QTest::addColumn<int>("keys");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("headSize");
        QTest::newRow("SD 1.5 level 1, self") << 2 << 1024 << 1024 << 8 << 40;
        QTest::newRow("SD 1.5 level 1, text") << 2 << 1024 << 77 << 8 << 40;
        QTest::newRow("SD 1.5 level 2, text") << 2 << 256 << 77 << 8 << 80;
        QTest::newRow("SD 1.5 level 3, self, odd rows") << 1 << 37 << 37 << 8 << 160;
        QTest::newRow("SDXL head size") << 2 << 100 << 100 << 10 << 64;
        QTest::newRow("VAE, one head") << 1 << 64 << 64 << 1 << 512;
        QTest::newRow("few keys") << 2 << 9 << 3 << 4 << 64;
        QTest::newRow("one key") << 1 << 5 << 1 << 2 << 16;
        QTest::newRow("tiny heads") << 1 << 33 << 65 << 3 << 2;
    }

    void fusedMatchesReference()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this CPU has no AVX512-BF16: the blocked path runs instead");
        QFETCH(int, batch);
        QFETCH(int, queries);
        QFETCH(int, keys);
        QFETCH(int, heads);
        QFETCH(int, headSize);
        at::Generator gen = at::detail::createCPUGenerator(42);
        const int64_t channels = int64_t(heads) * headSize;
        const at::Tensor q = randomBf16({ batch, queries, channels }, gen);
        const at::Tensor k = randomBf16({ batch, keys, channels }, gen);
        const at::Tensor v = randomBf16({ batch, keys, channels }, gen);
        const at::Tensor out = fusedAttention(q, k, v, heads, scaleFor(channels, heads));
        QVERIFY(out.defined());
        QCOMPARE(out.scalar_type(), at::kBFloat16);
        QCOMPARE(out.sizes(), q.sizes());
        const at::Tensor error = (out.to(at::kFloat) - reference(q, k, v, heads)).abs();
        // The weights are rounded to bf16 once and the output once: a few bf16 steps at most, on average far less.
        QVERIFY2(error.max().item<double>() < 0.02, qPrintable(QString::number(error.max().item<double>())));
        QVERIFY2(error.mean().item<double>() < 2e-3, qPrintable(QString::number(error.mean().item<double>())));
    }

    void stridedRowsAndThreadCounts()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this CPU has no AVX512-BF16");
        at::Generator gen = at::detail::createCPUGenerator(7);
        // q, k and v as views of one [B, N, 3C] projection: rows 3C apart.
        const at::Tensor qkv = randomBf16({ 2, 70, 3 * 320 }, gen);
        const at::Tensor q = qkv.narrow(2, 0, 320), k = qkv.narrow(2, 320, 320), v = qkv.narrow(2, 640, 320);
        QVERIFY(!q.is_contiguous());
        const double scale = scaleFor(320, 8);
        const at::Tensor strided = fusedAttention(q, k, v, 8, scale);
        QVERIFY(at::equal(strided, fusedAttention(q.contiguous(), k.contiguous(), v.contiguous(), 8, scale)));
        QVERIFY((strided.to(at::kFloat) - reference(q, k, v, 8)).abs().max().item<double>() < 0.02);
        // Each row is computed the same way whichever thread takes it.
        at::set_num_threads(1);
        const at::Tensor one = fusedAttention(q, k, v, 8, scale);
        at::set_num_threads(2);
        QVERIFY(at::equal(one, strided));
    }

    void nanIsCarriedThrough()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this CPU has no AVX512-BF16");
        at::Generator gen = at::detail::createCPUGenerator(3);
        const at::Tensor q = randomBf16({ 1, 20, 64 }, gen), v = randomBf16({ 1, 50, 64 }, gen);
        at::Tensor k = randomBf16({ 1, 50, 64 }, gen);
        k[0][17][5] = std::nan(""); // one key of head 0 (channels 0-31)
        const at::Tensor out = fusedAttention(q, k, v, 2, scaleFor(64, 2));
        QVERIFY(at::isnan(out.narrow(2, 0, 32)).all().item<bool>()); // as the reference: every row of head 0
        QVERIFY(!at::isnan(out.narrow(2, 32, 32)).any().item<bool>()); // head 1 never reads it
    }

    void declinesWhatItCannotRun()
    {
        at::Generator gen = at::detail::createCPUGenerator(1);
        const at::Tensor q = randomBf16({ 1, 8, 30 }, gen);
        QVERIFY(!fusedAttention(q.to(at::kFloat), q.to(at::kFloat), q.to(at::kFloat), 2, 0.25).defined()); // fp32
        QVERIFY(!fusedAttention(q, q, q, 2, 0.25).defined()); // head size 15: odd
        QVERIFY(!fusedAttention(q, q, q, 7, 0.25).defined()); // 30 channels do not split into 7 heads
    }

    void autoTakesItForBf16Only()
    {
        at::Generator gen = at::detail::createCPUGenerator(5);
        const at::Tensor q = randomBf16({ 2, 40, 128 }, gen), k = randomBf16({ 2, 77, 128 }, gen),
                         v = randomBf16({ 2, 77, 128 }, gen);
        const at::Tensor automatic = multiHeadAttention(q, k, v, 4, false, AttentionMode::Auto);
        const at::Tensor blocked = multiHeadAttention(q, k, v, 4, false, AttentionMode::Blocked);
        QVERIFY((automatic.to(at::kFloat) - reference(q, k, v, 4)).abs().max().item<double>() < 0.02);
        if (fusedAttentionAvailable()) {
            QVERIFY(at::equal(automatic, fusedAttention(q, k, v, 4, scaleFor(128, 4))));
            QVERIFY(at::equal(multiHeadAttention(q, k, v, 4, false, AttentionMode::Fused), automatic));
            QVERIFY(!at::equal(automatic, blocked)); // another path (fp32 scores: not bit for bit)
        } else {
            QVERIFY(at::equal(automatic, blocked));
        }
        // The text encoder's causal attention keeps the blocked path.
        const at::Tensor t = randomBf16({ 1, 77, 128 }, gen);
        QVERIFY(at::equal(multiHeadAttention(t, t, t, 4, true, AttentionMode::Auto),
            multiHeadAttention(t, t, t, 4, true, AttentionMode::Blocked)));
        QCOMPARE(parseAttentionMode("fused"), AttentionMode::Fused);
        QCOMPARE(QString::fromLatin1(attentionModeName(AttentionMode::Fused)), QStringLiteral("fused"));
    }
};

QTEST_GUILESS_MAIN(TestAttention)
#include "tst_attention.moc"
