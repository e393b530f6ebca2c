// SPDX-License-Identifier: MIT
#pragma once

// Where the time of a forward pass goes, by kind of operation, with the FLOPs each kind did (counted
// from the operands' shapes) and so its achieved GFLOP/s. Built on libtorch's RecordFunction
// callbacks (1.13 and 2.x): only the outermost ATen operator of each call is timed, so nothing is
// counted twice; everything under Easel's "easel::attention" scope counts as attention.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace easel::engine {

enum class OpKind { Convolution, Linear, Attention, Normalisation, Elementwise, Layout, Count };

const char* opKindName(OpKind kind); ///< "convolution", "linear", "attention", ...

/// The kind of a top-level ATen operator ("aten::conv2d" -> Convolution) outside an attention scope.
OpKind classifyOp(const std::string& name);

/// Floating-point operations (a multiply-add counts 2) of one operator call from the shapes of its
/// tensor arguments in call order (an empty shape for a non-tensor argument) and, for
/// convolutions, the stride, padding, dilation and groups (defaults when absent). 0 for operators
/// whose cost is not a product (element-wise, normalisation, layout).
struct OpCall {
    std::string name;
    std::vector<std::vector<int64_t>> shapes;
    std::vector<int64_t> output; ///< the result's shape where known (conv: preferred to stride/padding)
    std::vector<int64_t> stride, padding, dilation;
    int64_t groups = 1;
};
double opFlops(const OpCall& call);

/// The figures of one profiled pass.
struct OpProfileResult {
    struct Kind {
        double seconds = 0;
        double flops = 0;
        int64_t calls = 0;
    };
    std::array<Kind, size_t(OpKind::Count)> kinds {};
    double wallSeconds = 0; ///< the whole pass, callbacks included

    double opSeconds() const; ///< sum over the kinds
    double flops() const;
};

/// Profiles what the calling thread runs between start() and stop(). One at a time per process.
class OpProfiler {
public:
    OpProfiler();
    ~OpProfiler(); ///< stops if running
    OpProfiler(const OpProfiler&) = delete;
    OpProfiler& operator=(const OpProfiler&) = delete;

    void start();
    OpProfileResult stop();

private:
    uint64_t m_handle = 0;
    bool m_running = false;
    double m_startSeconds = 0;
};

/// A Markdown table of one profile: kind, time, share, GFLOP, GFLOP/s, and the share of the
/// machine's peak (`peakGflops`, <= 0: no column values).
std::string formatOpProfile(const std::string& title, const OpProfileResult& result, double peakGflops);

} // namespace easel::engine
