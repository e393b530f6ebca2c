// SPDX-License-Identifier: MIT
#pragma once

// LoRAs fused into a loaded model's weights, and taken out again exactly.

#include "engine/models/cliptextmodel.h"
#include "engine/models/unet.h"
#include "engine/pipeline/generation.h"
#include "engine/weights/lorafile.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace easel::engine {

/// An A1111 extra-network tag of a prompt: <lora:NAME> or <lora:NAME:WEIGHT> (<lyco:...> alike).
struct LoraTag {
    std::string name;
    double weight = 1.0;
    std::string text; ///< the tag as written
};

/// Removes every <lora:...> / <lyco:...> tag from `prompt` (leaving the text around it as it was, as
/// A1111 does) and returns them in order. Throws EngineError for a weight that is not a number and for
/// separate UNet / text-encoder weights (<lora:NAME:0.8:0.5>, te=, unet=), which Easel does not apply.
std::vector<LoraTag> takeLoraTags(std::string& prompt);

/// The file of <lora:NAME>: NAME.safetensors (or NAME itself when it ends so) in the first of `dirs` that
/// has it, subfolders included. Throws EngineError naming the tag and the folders when there is none.
std::string findLoraFile(const LoraTag& tag, const std::vector<std::string>& dirs);

/// One LoRA of a stack: its file and its multiplier (the same for the UNet and the text encoders).
struct LoraApplication {
    std::shared_ptr<const LoraFile> file;
    double weight = 1.0;
};

/**
 * Applies LoRA stacks to a model in place: W' = W + sum_i w_i * (alpha_i / rank_i) * up_i @ down_i for
 * every weight a LoRA adapts (diffusers/peft's fused weights), computed in fp32 from the original weight,
 * and keeps the original of every weight it changed, so that the next stack (or none) starts again from
 * the exact original: taking LoRAs out restores the weights bit for bit, and a switch costs only the
 * adapted tensors, never a reload. The originals are kept with the model until it is unloaded.
 *
 * Modules are found by their kohya names: diffusers UNet names ("lora_unet_down_blocks_0_..."), the
 * original sgm/LDM block names sd-scripts writes for SDXL ("lora_unet_input_blocks_4_1_..."), the HF CLIP
 * names of the text encoders ("lora_te_" for SD 1.x/2.x, "lora_te1_"/"lora_te2_" for SDXL) and OpenCLIP
 * names, whose fused attention in_proj is split by rows into q, k and v.
 */
class LoraPatcher {
public:
    /// The model's modules (text encoders may be empty holders).
    LoraPatcher(UNet unet, ClipTextModel textEncoder1, ClipTextModel textEncoder2, ModelFamily family);

    /// Makes `stack` the applied one (an empty stack restores the original weights). Throws EngineError,
    /// leaving the weights as they were, when a LoRA is for another model family, when a module's shape
    /// does not fit the model, or when none of a LoRA's modules exists in the model. Returns notes for
    /// people (a LoRA some of whose modules match nothing).
    std::vector<std::string> apply(const std::vector<LoraApplication>& stack);

    /// Weights currently changed by LoRAs.
    size_t patchedTensors() const { return m_modified.size(); }
    /// Bytes held by the originals kept for restoring: every weight a LoRA has touched so far (they stay
    /// after the LoRAs are taken out, so that putting them on again allocates nothing).
    int64_t originalBytes() const;

private:
    struct Target {
        std::string key; ///< "<component>/<parameter name>"
        at::Tensor param;
        int64_t rowStart = 0; ///< a fused OpenCLIP in_proj feeds q, k, v by rows
        int64_t rows = 0;
    };
    void index(torch::nn::Module& module, const std::string& component, const std::vector<std::string>& prefixes);
    void addTarget(const std::string& loraName, Target target);

    ModelFamily m_family;
    UNetConfig m_unetConfig;
    std::unordered_map<std::string, std::vector<Target>> m_targets; ///< kohya module name -> weights
    std::map<std::string, std::pair<at::Tensor, at::Tensor>> m_originals; ///< key -> (parameter, original)
    std::set<std::string> m_modified; ///< keys whose parameter differs from its original now
};

} // namespace easel::engine
