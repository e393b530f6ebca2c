// SPDX-License-Identifier: MIT
#include "engine/bench/opprofile.h"

#include "engine/common/error.h"

#include <ATen/record_function.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <sstream>

namespace easel::engine {

namespace {

    using Clock = std::chrono::steady_clock;

    double now() { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); }

    int64_t product(const std::vector<int64_t>& shape, size_t from = 0, size_t to = size_t(-1))
    {
        int64_t p = 1;
        for (size_t i = from; i < std::min(to, shape.size()); ++i)
            p *= shape[i];
        return p;
    }

    bool endsWith(const std::string& s, const char* tail)
    {
        const std::string t(tail);
        return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
    }

    // The operator's name without its namespace: "aten::conv2d" -> "conv2d".
    std::string baseName(const std::string& name)
    {
        const size_t colon = name.rfind("::");
        return colon == std::string::npos ? name : name.substr(colon + 2);
    }

    // 2*m*k*n for a [..., m, k] x [..., k, n] product, broadcasting the batch dimensions.
    double productFlops(const std::vector<int64_t>& a, const std::vector<int64_t>& b)
    {
        if (a.size() < 2 || b.size() < 2)
            return 0;
        const int64_t m = a[a.size() - 2], k = a.back(), n = b.back();
        const int64_t batch = std::max(product(a, 0, a.size() - 2), product(b, 0, b.size() - 2));
        return 2.0 * double(batch) * double(m) * double(k) * double(n);
    }

    const std::vector<int64_t>& shapeAt(const OpCall& call, size_t i)
    {
        static const std::vector<int64_t> none;
        return i < call.shapes.size() ? call.shapes[i] : none;
    }

    int64_t listAt(const std::vector<int64_t>& list, size_t i, int64_t fallback)
    {
        if (list.empty())
            return fallback;
        return i < list.size() ? list[i] : list.back();
    }

    // What one profiler run adds up (the profiler is one per process; callbacks are thread-local).
    struct Accumulator {
        OpProfileResult result;
    };
    Accumulator* g_active = nullptr;

    thread_local int t_atenDepth = 0; // ATen operators open on this thread
    thread_local int t_attentionScopes = 0; // "easel::attention" scopes open on this thread

    constexpr const char* kAttentionScope = "easel::attention";

    struct OpContext : at::ObserverContext {
        bool user = false;
        bool attentionScope = false;
        bool top = false; // the outermost ATen operator: timed
        OpKind kind = OpKind::Elementwise;
        OpCall call; // for operators whose FLOPs count
        bool countsFlops = false;
        double start = 0;
    };

    bool isProduct(const std::string& base)
    {
        return base == "conv2d" || base == "convolution" || base == "_convolution" || base == "mkldnn_convolution"
            || base == "linear" || base == "addmm" || base == "mm" || base == "bmm" || base == "baddbmm"
            || base == "matmul" || base == "scaled_dot_product_attention";
    }

    std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction& fn)
    {
        auto ctx = std::make_unique<OpContext>();
        const std::string name = fn.name();
        if (fn.scope() == at::RecordScope::USER_SCOPE) {
            ctx->user = true;
            ctx->attentionScope = name == kAttentionScope;
            if (ctx->attentionScope)
                ++t_attentionScopes;
            return ctx;
        }
        ctx->top = t_atenDepth == 0;
        ++t_atenDepth;
        if (!ctx->top)
            return ctx;
        ctx->kind = t_attentionScopes > 0 ? OpKind::Attention : classifyOp(name);
        const std::string base = baseName(name);
        if (isProduct(base)) {
            ctx->countsFlops = true;
            ctx->call.name = name;
            std::vector<std::vector<int64_t>> lists;
            for (const c10::IValue& v : fn.inputs()) {
                if (v.isTensor() && v.toTensor().defined())
                    ctx->call.shapes.push_back(v.toTensor().sizes().vec());
                else if (v.isIntList())
                    lists.push_back(v.toIntVector());
                else if (v.isInt())
                    ctx->call.groups = v.toInt();
                else
                    ctx->call.shapes.emplace_back();
            }
            if (lists.size() >= 3) {
                ctx->call.stride = lists[0];
                ctx->call.padding = lists[1];
                ctx->call.dilation = lists[2];
            }
        }
        ctx->start = now();
        return ctx;
    }

    void onEnd(const at::RecordFunction& fn, at::ObserverContext* base)
    {
        auto* ctx = static_cast<OpContext*>(base);
        if (ctx->user) {
            if (ctx->attentionScope)
                --t_attentionScopes;
            return;
        }
        --t_atenDepth;
        if (!ctx->top || !g_active)
            return;
        OpProfileResult::Kind& kind = g_active->result.kinds[size_t(ctx->kind)];
        kind.seconds += now() - ctx->start;
        ++kind.calls;
        if (ctx->countsFlops) {
            const std::vector<c10::IValue>& outputs = fn.outputs();
            if (!outputs.empty() && outputs.front().isTensor() && outputs.front().toTensor().defined())
                ctx->call.output = outputs.front().toTensor().sizes().vec();
            kind.flops += opFlops(ctx->call);
        }
    }

} // namespace

const char* opKindName(OpKind kind)
{
    switch (kind) {
    case OpKind::Convolution:
        return "convolution";
    case OpKind::Linear:
        return "linear";
    case OpKind::Attention:
        return "attention";
    case OpKind::Normalisation:
        return "normalisation";
    case OpKind::Elementwise:
        return "element-wise";
    case OpKind::Layout:
        return "layout / reorder / copy";
    case OpKind::Count:
        break;
    }
    return "other";
}

OpKind classifyOp(const std::string& name)
{
    const std::string base = baseName(name);
    if (base.find("conv") != std::string::npos)
        return OpKind::Convolution;
    if (base == "linear" || base == "addmm" || base == "mm" || base == "matmul" || base == "bmm" || base == "baddbmm")
        return OpKind::Linear;
    if (base == "scaled_dot_product_attention" || base == "softmax" || base == "_softmax")
        return OpKind::Attention;
    if (endsWith(base, "group_norm") || endsWith(base, "layer_norm") || endsWith(base, "batch_norm"))
        return OpKind::Normalisation;
    static const char* const layout[] = { "contiguous", "clone", "copy_", "to", "_to_copy", "cat", "stack", "permute",
        "transpose", "t", "reshape", "view", "flatten", "unflatten", "narrow", "slice", "select", "expand", "unsqueeze",
        "squeeze", "split", "chunk", "as_strided", "upsample_nearest2d", "constant_pad_nd", "pad", "empty",
        "empty_like", "zeros", "zeros_like", "ones", "resize_", "index_select", "embedding", "repeat", "type_as" };
    for (const char* l : layout) {
        if (base == l)
            return OpKind::Layout;
    }
    return OpKind::Elementwise;
}

double opFlops(const OpCall& call)
{
    const std::string base = baseName(call.name);
    const std::vector<int64_t>& in0 = shapeAt(call, 0);
    if (base.find("conv") != std::string::npos) {
        const std::vector<int64_t>& w = shapeAt(call, 1);
        if (w.size() != 4 || in0.size() != 4)
            return 0;
        int64_t outPixels = 0;
        if (call.output.size() == 4) {
            outPixels = call.output[0] * call.output[2] * call.output[3];
        } else {
            int64_t dims[2];
            for (size_t i = 0; i < 2; ++i) {
                const int64_t s = listAt(call.stride, i, 1), p = listAt(call.padding, i, 0);
                const int64_t d = listAt(call.dilation, i, 1);
                dims[i] = (in0[2 + i] + 2 * p - d * (w[2 + i] - 1) - 1) / std::max<int64_t>(s, 1) + 1;
            }
            outPixels = in0[0] * dims[0] * dims[1];
        }
        // w = [out, in/groups, kh, kw]: each output element is in/groups*kh*kw multiply-adds.
        return 2.0 * double(outPixels) * double(w[0]) * double(w[1] * w[2] * w[3]);
    }
    if (base == "linear") {
        const std::vector<int64_t>& w = shapeAt(call, 1);
        if (in0.empty() || w.size() != 2)
            return 0;
        return 2.0 * double(product(in0)) * double(w[0]);
    }
    if (base == "mm" || base == "bmm" || base == "matmul")
        return productFlops(in0, shapeAt(call, 1));
    if (base == "addmm" || base == "baddbmm")
        return productFlops(shapeAt(call, 1), shapeAt(call, 2));
    if (base == "scaled_dot_product_attention") {
        const std::vector<int64_t>& k = shapeAt(call, 1);
        const std::vector<int64_t>& v = shapeAt(call, 2);
        if (in0.size() < 2 || k.size() < 2 || v.size() < 2)
            return 0;
        const double rows = double(product(in0, 0, in0.size() - 1)); // batch * heads * L
        const double keys = double(k[k.size() - 2]);
        return 2.0 * rows * keys * double(in0.back()) + 2.0 * rows * keys * double(v.back());
    }
    return 0;
}

double OpProfileResult::opSeconds() const
{
    return std::accumulate(kinds.begin(), kinds.end(), 0.0, [](double s, const Kind& k) { return s + k.seconds; });
}

double OpProfileResult::flops() const
{
    return std::accumulate(kinds.begin(), kinds.end(), 0.0, [](double s, const Kind& k) { return s + k.flops; });
}

OpProfiler::OpProfiler() = default;

OpProfiler::~OpProfiler()
{
    if (m_running)
        stop();
}

void OpProfiler::start()
{
    if (g_active)
        throw EngineError("profiler: another profile is running in this process");
    g_active = new Accumulator;
    t_atenDepth = 0;
    t_attentionScopes = 0;
    m_handle = at::addThreadLocalCallback(at::RecordFunctionCallback(&onStart, &onEnd)
                                              .needsInputs(true)
                                              .needsOutputs(true)
                                              .scopes({ at::RecordScope::FUNCTION, at::RecordScope::USER_SCOPE }));
    m_running = true;
    m_startSeconds = now();
}

OpProfileResult OpProfiler::stop()
{
    if (!m_running)
        return {};
    const double end = now();
    at::removeCallback(m_handle);
    m_running = false;
    std::unique_ptr<Accumulator> acc(g_active);
    g_active = nullptr;
    acc->result.wallSeconds = end - m_startSeconds;
    return acc->result;
}

std::string formatOpProfile(const std::string& title, const OpProfileResult& r, double peakGflops)
{
    std::ostringstream out;
    char line[256];
    std::snprintf(line, sizeof line,
        "%s: %.2f s wall with the profiler on (%.0f%% of it in ATen operators), %.1f GFLOP, %.1f GFLOP/s overall",
        title.c_str(), r.wallSeconds, r.wallSeconds > 0 ? 100.0 * r.opSeconds() / r.wallSeconds : 0.0, r.flops() / 1e9,
        r.wallSeconds > 0 ? r.flops() / 1e9 / r.wallSeconds : 0.0);
    out << line
        << "\n\n| kind | s | share | calls | GFLOP | GFLOP/s | of peak |\n|---|---:|---:|---:|---:|---:|---:|\n";
    const double total = r.opSeconds();
    for (size_t i = 0; i < size_t(OpKind::Count); ++i) {
        const OpProfileResult::Kind& k = r.kinds[i];
        if (k.calls == 0)
            continue;
        const double gflops = k.seconds > 0 ? k.flops / 1e9 / k.seconds : 0;
        char peak[32] = "—";
        char rate[32] = "—";
        if (k.flops > 0) {
            std::snprintf(rate, sizeof rate, "%.1f", gflops);
            if (peakGflops > 0)
                std::snprintf(peak, sizeof peak, "%.0f%%", 100.0 * gflops / peakGflops);
        }
        std::snprintf(line, sizeof line, "| %s | %.3f | %.1f%% | %lld | %.2f | %s | %s |\n", opKindName(OpKind(i)),
            k.seconds, total > 0 ? 100.0 * k.seconds / total : 0.0, static_cast<long long>(k.calls), k.flops / 1e9,
            rate, peak);
        out << line;
    }
    return out.str();
}

} // namespace easel::engine
