// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace easel::engine {

/// The parts of a Stable Diffusion model that are stored and loaded separately.
enum class Component { Unet, Vae, TextEncoder, TextEncoder2 };

const char* componentName(Component c); ///< "unet", "vae", "text_encoder", "text_encoder_2"

/// How an engine tensor is made from an original (LDM/Stability) tensor.
enum class KeyOp {
    Identity,
    ChunkQ, ///< first third along dim 0 of a fused qkv (OpenCLIP attn.in_proj_weight/bias)
    ChunkK, ///< second third
    ChunkV, ///< last third
    Transpose, ///< 2-D transpose (OpenCLIP text_projection is stored [hidden, proj])
    Conv1x1ToLinear, ///< [C, C, 1, 1] -> [C, C] (LDM VAE mid-block attention q/k/v/proj_out)
};

/// One engine tensor's source in an original single-file checkpoint. Engine names are the
/// diffusers/transformers module names (a diffusers folder maps by identity); original keys
/// are given without the component prefix (e.g. "input_blocks.1.0.in_layers.0.weight" for
/// the UNet, under "model.diffusion_model.").
struct KeyMapping {
    std::string engineName;
    std::string originalKey;
    KeyOp op = KeyOp::Identity;
};

/// The text-encoder flavour of an original checkpoint: HF CLIP names (SD1.x, SDXL's first
/// encoder) or OpenCLIP names (SD2.x, SDXL's second encoder / the refiner's only one).
enum class TextEncoderNaming { HfClip, OpenClip };

/// Maps the original keys present in a checkpoint (prefix already removed) to engine names.
/// Keys that are not weights of the component (EMA copies, position_ids buffers, logit_scale)
/// are left out. Throws EngineError when a key has a recognised prefix but cannot be mapped.
std::vector<KeyMapping> mapUnetKeys(const std::vector<std::string>& originalKeys);
std::vector<KeyMapping> mapVaeKeys(const std::vector<std::string>& originalKeys);
std::vector<KeyMapping> mapTextEncoderKeys(const std::vector<std::string>& originalKeys, TextEncoderNaming naming);

/// The reverse direction: the original key (and op) an engine tensor comes from.
std::optional<KeyMapping> findByEngineName(const std::vector<KeyMapping>& map, const std::string& engineName);
/// The engine tensors (one, or three for a fused qkv) an original key feeds.
std::vector<KeyMapping> findByOriginalKey(const std::vector<KeyMapping>& map, const std::string& originalKey);

} // namespace easel::engine
