// SPDX-License-Identifier: MIT
#include "engine/common/blockcache.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace easel::engine {

namespace {

constexpr size_t kMinBytes = size_t(4) << 20; // smaller blocks: libtorch's allocator (glibc keeps most of them)
constexpr size_t kGranule = size_t(2) << 20; // one huge page

class BlockCache final : public c10::Allocator {
public:
    BlockCache(c10::Allocator* fallback, size_t capBytes)
        : m_fallback(fallback)
        , m_cap(capBytes)
    {
    }

    c10::DataPtr allocate(size_t bytes) const override
    {
        if (bytes < kMinBytes || !enabled.load(std::memory_order_relaxed))
            return m_fallback->allocate(bytes);
        const size_t size = (bytes + kGranule - 1) / kGranule * kGranule;
        void* block = const_cast<BlockCache*>(this)->take(size);
        return { block, block, &BlockCache::release, c10::Device(c10::DeviceType::CPU) };
    }

    c10::DeleterFnPtr raw_deleter() const override { return &BlockCache::release; }

    static BlockCache* instance;
    static std::atomic<bool> enabled;

    static void release(void* block)
    {
        if (!instance->give(block)) // not one of ours: a small block from the fallback's raw_allocate()
            instance->m_fallback->raw_deleter()(block);
    }

    BlockCacheStats stats()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stats;
    }

    void clear()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        while (!m_free.empty())
            unmapOldest();
    }

private:
    void* take(size_t size)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            // The most recently freed block of this size: its pages are the likeliest to be in cache.
            for (auto it = m_free.rbegin(); it != m_free.rend(); ++it) {
                if (it->first == size) {
                    void* block = it->second;
                    m_free.erase(std::next(it).base());
                    m_stats.cachedBytes -= size;
                    m_live.emplace(block, size);
                    m_stats.liveBytes += size;
                    ++m_stats.reused;
                    return block;
                }
            }
            // No block of this size: a cached one of another size is resized to it rather than new memory
            // mapped beside it (the pages it keeps are already there), and as many bytes as it grows by are
            // given back from the oldest cached blocks. What the cache maps then never grows while blocks
            // sit in it unused: a new phase (a VAE decode after the UNet) takes the last one's blocks
            // instead of adding its own to the peak.
            size_t reusedBytes = 0;
            void* block = resizeCached(size, reusedBytes);
            for (size_t more = size - std::min(size, reusedBytes); more > 0 && !m_free.empty();) {
                more -= std::min(more, m_free.front().first);
                unmapOldest();
            }
            if (block) {
                m_live.emplace(block, size);
                m_stats.liveBytes += size;
                ++m_stats.resized;
                return block;
            }
        }
        void* block = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (block == MAP_FAILED) {
            clear(); // what is cached may be what the kernel is short of
            block = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        }
        TORCH_CHECK(block != MAP_FAILED, "not enough memory: ", size >> 20, " MiB asked for (", std::strerror(errno), ")");
#ifdef MADV_HUGEPAGE
        ::madvise(block, size, MADV_HUGEPAGE); // advice only
#endif
        std::lock_guard<std::mutex> lock(m_mutex);
        m_live.emplace(block, size);
        m_stats.liveBytes += size;
        ++m_stats.mapped;
        return block;
    }

    bool give(void* block)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_live.find(block);
        if (it == m_live.end())
            return false;
        const size_t size = it->second;
        m_live.erase(it);
        m_stats.liveBytes -= size;
        if (size > m_cap) {
            ::munmap(block, size);
            return true;
        }
        m_free.emplace_back(size, block);
        m_stats.cachedBytes += size;
        while (m_stats.cachedBytes > m_cap)
            unmapOldest();
        return true;
    }

    // The cached block nearest in size (the smallest at least `size`, else the largest), remapped to `size`
    // (`reusedBytes`: its size before); null when nothing is cached or the kernel refuses. With m_mutex held.
    void* resizeCached(size_t size, size_t& reusedBytes)
    {
        const auto better = [size](size_t a, size_t b) { // whether a cached block of a bytes beats one of b
            const bool aFits = a >= size, bFits = b >= size;
            if (aFits != bFits)
                return aFits;
            return aFits ? a < b : a > b;
        };
        auto best = m_free.end();
        for (auto it = m_free.begin(); it != m_free.end(); ++it) {
            if (best == m_free.end() || better(it->first, best->first))
                best = it;
        }
        if (best == m_free.end())
            return nullptr;
        const auto [oldSize, oldBlock] = *best;
        void* block = ::mremap(oldBlock, oldSize, size, MREMAP_MAYMOVE);
        if (block == MAP_FAILED)
            return nullptr; // the old block stays cached
        m_free.erase(best);
        m_stats.cachedBytes -= oldSize;
        reusedBytes = oldSize;
#ifdef MADV_HUGEPAGE
        if (size > oldSize)
            ::madvise(block, size, MADV_HUGEPAGE); // advice only
#endif
        return block;
    }

    void unmapOldest() // with m_mutex held
    {
        const auto [size, block] = m_free.front();
        m_free.pop_front();
        m_stats.cachedBytes -= size;
        ::munmap(block, size);
    }

    c10::Allocator* m_fallback;
    const size_t m_cap;
    std::mutex m_mutex;
    std::deque<std::pair<size_t, void*>> m_free; // oldest first
    std::unordered_map<void*, size_t> m_live;
    BlockCacheStats m_stats;
};

BlockCache* BlockCache::instance = nullptr;
std::atomic<bool> BlockCache::enabled { true };

size_t capFromEnvironment()
{
    constexpr size_t kDefaultMiB = 1024;
    const char* env = std::getenv("EASEL_CPU_BLOCK_CACHE_MB");
    if (!env || !*env)
        return kDefaultMiB << 20;
    char* end = nullptr;
    const unsigned long long mib = std::strtoull(env, &end, 10);
    return end && *end == '\0' ? size_t(mib) << 20 : kDefaultMiB << 20;
}

} // namespace

void installBlockCache()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const size_t cap = capFromEnvironment();
        if (cap == 0)
            return;
        // Never destroyed: tensors may outlive every static object.
        BlockCache::instance = new BlockCache(c10::GetDefaultCPUAllocator(), cap);
        c10::SetAllocator(c10::DeviceType::CPU, BlockCache::instance, /*priority=*/1);
    });
}

BlockCacheStats blockCacheStats() { return BlockCache::instance ? BlockCache::instance->stats() : BlockCacheStats {}; }

void setBlockCacheEnabled(bool on)
{
    BlockCache::enabled.store(on, std::memory_order_relaxed);
    if (!on)
        releaseBlockCache();
}

void releaseBlockCache()
{
    if (BlockCache::instance)
        BlockCache::instance->clear();
}

} // namespace easel::engine
