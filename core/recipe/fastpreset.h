// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

namespace easel {

/// Which few-step recipe the "fast" preset chose.
enum class FastPresetKind {
    Turbo, ///< SDXL-Turbo's: Euler a, trailing spacing, 1 step, guidance 0 (no negative pass)
    Lcm, ///< an LCM LoRA is in use: the LCM sampler, 4 steps, guidance 1
};

/// The fields a caller sets itself and the preset must leave alone (the CLI's flags given beside --preset).
struct FastPresetKeep {
    bool sampler = false;
    bool spacing = false;
    bool steps = false;
    bool guidance = false;
};

/// Whether the recipe uses an LCM LoRA: one of its LoRAs, or a <lora:...>/<lyco:...> tag of its prompt, whose
/// file name has "lcm" (any case).
bool usesLcmLora(const ImageRecipe& recipe);

/**
 * The "fast" preset, the one definition behind `easel-cli --preset fast` and the window's Fast button: with
 * an LCM LoRA (usesLcmLora()) the LCM sampler, 4 steps and guidance 1 (spacing untouched); otherwise
 * SDXL-Turbo's Euler a, trailing spacing, 1 step and guidance 0. Fields in `keep` are left as they are.
 */
FastPresetKind applyFastPreset(ImageRecipe& recipe, FastPresetKeep keep = {});

} // namespace easel
