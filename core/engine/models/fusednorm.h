// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/Tensor.h>

namespace easel::engine {

/// Whether fusedGroupNorm() takes `x`: a bf16 tensor on the CPU, [N, C, ...] with C a multiple of `groups`,
/// contiguous or (4-D) channels_last.
bool fusedGroupNormApplies(const at::Tensor& x, int64_t groups);

/// GroupNorm of a CPU bf16 tensor, optionally followed by SiLU, in one pass over the input for the statistics
/// and one that writes the result in the input's layout. libtorch 1.13 has no fast bf16 GroupNorm on the CPU:
/// there a bf16 GroupNorm + SiLU is a copy to float, the norm, a copy back and a SiLU, four passes and two
/// temporaries (about 30% of a bf16 VAE decode). Statistics are summed in float over short runs and in double
/// across them; the result is rounded to bf16 once, to nearest even, as libtorch rounds. `weight` and `bias`
/// have C elements in any floating type.
at::Tensor fusedGroupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias,
    double eps, bool silu);

} // namespace easel::engine
