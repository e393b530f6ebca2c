// SPDX-License-Identifier: MIT
#pragma once

// The one table of defaults and bounds of a recipe. The CLI's option defaults, help texts and range
// checks, the window's widgets and ImageRecipe::validate() all read these, so a default or a bound is
// written once.

#include <QtGlobal>

namespace easel::limits {

struct IntLimit {
    int min;
    int max;
    int def;
};

struct RealLimit {
    double min;
    double max;
    double def;
};

inline constexpr IntLimit Steps { 1, 1000, 20 };
/// Classifier-free guidance; values <= 1 skip the unconditional pass.
inline constexpr RealLimit Guidance { 0.0, 100.0, 7.5 };
/// Width and height in pixels; 0 (the default) means the model's native size.
inline constexpr IntLimit Size { 8, 8192, 0 };
/// Width and height are multiples of this (the VAE's downscale factor).
inline constexpr int SizeMultiple = 8;
inline constexpr IntLimit BatchSize { 1, 64, 1 };
inline constexpr IntLimit BatchCount { 1, 10000, 1 };
/// A1111 numbering: 1 = the last text-encoder layer.
inline constexpr IntLimit ClipSkip { 1, 12, 1 };
/// img2img denoising strength, in (min, max]: 0 would keep the source unchanged.
inline constexpr RealLimit Strength { 0.0, 1.0, 0.75 };
/// Inpainting mask preprocessing in pixels: Gaussian blur (sigma) and grow (negative: shrink); 0 = off.
inline constexpr IntLimit MaskBlur { 0, 256, 0 };
inline constexpr IntLimit MaskGrow { -256, 256, 0 };
inline constexpr IntLimit PreviewInterval { 1, 1000, 1 };
/// Step caching (DeepCache): every Nth UNet evaluation runs the whole network, the others reuse its deep
/// features; 1 = off.
inline constexpr IntLimit StepCache { 1, 10, 1 };
/// Token merging (ToMe for SD): the share of the tokens of the UNet's highest-resolution transformer blocks
/// merged before their self-attention; 0 = off, at most 0.75 (tomesd's bound).
inline constexpr RealLimit TokenMerge { 0.0, 0.75, 0.0 };
inline constexpr IntLimit Threads { 0, 1024, 0 }; ///< 0 = one per core
/// Memory the model cache may hold before it evicts the least recently used model.
inline constexpr qint64 ModelCacheBytes = qint64(16) << 30;

/// `value` rounded down to a multiple of SizeMultiple, at least SizeMultiple.
constexpr int roundedSize(int value)
{
    return value < SizeMultiple ? SizeMultiple : value / SizeMultiple * SizeMultiple;
}

} // namespace easel::limits
