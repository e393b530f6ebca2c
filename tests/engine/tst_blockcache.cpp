// SPDX-License-Identifier: MIT
// The CPU block cache (common/blockcache.h): a large tensor's block is reused for the next tensor of its size,
// or resized (the nearest cached one) for a tensor of another size, small tensors stay with libtorch's allocator, the cap holds (least recently freed given back first), raw
// allocations of both kinds come back through the raw deleter, and release empties the cache.

#include "engine/common/blockcache.h"

#include <ATen/ATen.h>
#include <c10/core/Allocator.h>

#include <QtTest>

#include <algorithm>

using namespace easel::engine;

// Without a temporary (a reduction would allocate blocks of its own).
bool allBytesAre(const at::Tensor& t, uint8_t value)
{
    const uint8_t* data = t.data_ptr<uint8_t>();
    return std::all_of(data, data + t.numel(), [value](uint8_t b) { return b == value; });
}

class TestBlockCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("EASEL_CPU_BLOCK_CACHE_MB", "64");
        installBlockCache();
        installBlockCache(); // once only
    }

    void init() { releaseBlockCache(); }

    void largeBlocksAreReused()
    {
        const BlockCacheStats start = blockCacheStats();
        void* first = nullptr;
        {
            const at::Tensor t = at::empty({ 8 << 20 }, at::kByte); // 8 MiB
            first = t.data_ptr();
            QCOMPARE(blockCacheStats().liveBytes, start.liveBytes + (size_t(8) << 20));
        }
        QCOMPARE(blockCacheStats().cachedBytes, size_t(8) << 20);
        const at::Tensor again = at::empty({ (8 << 20) - 1000 }, at::kByte); // rounds to the same 8 MiB
        QCOMPARE(again.data_ptr(), first);
        QCOMPARE(blockCacheStats().reused, start.reused + 1);
        QCOMPARE(blockCacheStats().cachedBytes, size_t(0));
        // The data is usable like any tensor's.
        at::Tensor f = at::ones({ 3 << 20 }, at::kFloat); // 12 MiB
        QCOMPARE(f.sum().item<double>(), double(3 << 20));
    }

    void aCachedBlockOfAnotherSizeIsResized()
    {
        const BlockCacheStats start = blockCacheStats();
        { const at::Tensor a = at::empty({ 16 << 20 }, at::kByte); } // 16 MiB cached
        {
            // 10 MiB: no block of that size, the 16 MiB one shrinks to it; nothing new is mapped.
            at::Tensor b = at::full({ 10 << 20 }, 7, at::kByte);
            QCOMPARE(blockCacheStats().resized, start.resized + 1);
            QCOMPARE(blockCacheStats().mapped, start.mapped + 1); // only the first 16 MiB
            QCOMPARE(blockCacheStats().cachedBytes, size_t(0));
            QCOMPARE(blockCacheStats().liveBytes, start.liveBytes + (size_t(10) << 20));
            QVERIFY(allBytesAre(b, 7));
        }
        // 30 MiB: the 10 MiB block grows to it, usable to its last byte.
        at::Tensor c = at::full({ 30 << 20 }, 3, at::kByte);
        QCOMPARE(blockCacheStats().resized, start.resized + 2);
        QCOMPARE(blockCacheStats().mapped, start.mapped + 1);
        QVERIFY(allBytesAre(c, 3));
        { const at::Tensor d = at::empty({ 12 << 20 }, at::kByte); } // nothing cached: mapped
        QCOMPARE(blockCacheStats().mapped, start.mapped + 2);
        // The nearest fit: 12 and 30 MiB cached, 8 MiB asked for: the 12 MiB block shrinks.
        c = at::Tensor();
        const at::Tensor e = at::empty({ 8 << 20 }, at::kByte);
        QCOMPARE(blockCacheStats().cachedBytes, size_t(30) << 20);
    }

    void growingGivesBackIdleBlocks()
    {
        // Four 6 MiB blocks cached (a phase's leftovers), then a 16 MiB request: one grows to it and the two
        // oldest others go for the 10 MiB it grew by; what is mapped does not grow past the 24 MiB it was.
        {
            std::vector<at::Tensor> blocks;
            for (int i = 0; i < 4; ++i)
                blocks.push_back(at::empty({ 6 << 20 }, at::kByte));
        }
        QCOMPARE(blockCacheStats().cachedBytes, size_t(24) << 20);
        const at::Tensor big = at::empty({ 16 << 20 }, at::kByte);
        const BlockCacheStats s = blockCacheStats();
        QCOMPARE(s.liveBytes, size_t(16) << 20);
        QCOMPARE(s.cachedBytes, size_t(6) << 20); // the last one freed is still there
    }

    void smallTensorsStayWithLibtorch()
    {
        const BlockCacheStats start = blockCacheStats();
        { const at::Tensor t = at::empty({ 1 << 20 }, at::kByte); } // 1 MiB
        QCOMPARE(blockCacheStats().mapped, start.mapped);
        QCOMPARE(blockCacheStats().cachedBytes, size_t(0));
    }

    void theCapHolds()
    {
        std::vector<at::Tensor> tensors;
        for (int i = 0; i < 6; ++i)
            tensors.push_back(at::empty({ (16 << 20) + i * (2 << 20) }, at::kByte)); // 16, 18, ... 26 MiB
        tensors.clear(); // 126 MiB freed; at most 64 kept, the latest freed ones
        QVERIFY(blockCacheStats().cachedBytes <= (size_t(64) << 20));
        QVERIFY(blockCacheStats().cachedBytes >= (size_t(26) << 20));
        const size_t reused = blockCacheStats().reused;
        const at::Tensor last = at::empty({ 26 << 20 }, at::kByte);
        QCOMPARE(blockCacheStats().reused, reused + 1); // the last freed is still there
        // A block larger than the cap is never kept.
        { const at::Tensor huge = at::empty({ 80 << 20 }, at::kByte); }
        QVERIFY(blockCacheStats().cachedBytes <= (size_t(64) << 20));
    }

    void rawAllocationsOfBothKinds()
    {
        c10::Allocator* allocator = c10::GetAllocator(c10::DeviceType::CPU);
        void* small = allocator->raw_allocate(4096);
        void* large = allocator->raw_allocate(size_t(5) << 20);
        QVERIFY(small && large);
        std::memset(small, 1, 4096);
        std::memset(large, 1, size_t(5) << 20);
        allocator->raw_deallocate(small);
        allocator->raw_deallocate(large);
        QCOMPARE(blockCacheStats().cachedBytes, size_t(6) << 20);
    }

    void releaseEmptiesTheCache()
    {
        { const at::Tensor t = at::empty({ 10 << 20 }, at::kByte); }
        QVERIFY(blockCacheStats().cachedBytes > 0);
        releaseBlockCache();
        QCOMPARE(blockCacheStats().cachedBytes, size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestBlockCache)
#include "tst_blockcache.moc"
