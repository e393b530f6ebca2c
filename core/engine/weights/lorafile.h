// SPDX-License-Identifier: MIT
#pragma once

// A kohya-ss / A1111 LoRA file (.safetensors): "<module>.lora_down.weight" [r, in(, kh, kw)],
// "<module>.lora_up.weight" [out, r(, 1, 1)] and an optional 0-d "<module>.alpha" per module, with the
// module named by its kohya prefix ("lora_unet_...", "lora_te_...", "lora_te1_...", "lora_te2_...").

#include "engine/weights/safetensors.h"

#include <ATen/Tensor.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace easel::engine {

/// The model family a LoRA was trained for, as far as its file tells.
enum class LoraBase { Unknown, SD1, SD2, SDXL };
const char* loraBaseName(LoraBase base); ///< "SD 1.x", "SD 2.x", "SDXL", "unknown"

/// What a LoRA module adapts, from its name (for `info` and messages).
enum class LoraModuleKind { Attention, FeedForward, Projection, Convolution, TextEncoder1, TextEncoder2, Other };
const char* loraModuleKindName(LoraModuleKind kind);

/// One adapted module of the file.
struct LoraModule {
    std::string name; ///< kohya prefix, e.g. "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q"
    const TensorEntry* down = nullptr;
    const TensorEntry* up = nullptr;
    std::optional<double> alpha; ///< absent: alpha = rank (scale 1)
    int64_t rank = 0; ///< lora_down's first dimension
    LoraModuleKind kind = LoraModuleKind::Other;

    /// alpha / rank: what the multiplier is scaled by (diffusers/peft `scaling`).
    double scale() const { return alpha ? *alpha / double(rank) : 1.0; }
};

/// A LoRA file, mapped, with every module checked to be a plain LoRA pair of consistent shapes.
class LoraFile {
public:
    /// Opens and checks the file. Throws EngineError with one line naming the file: missing,
    /// truncated or not safetensors, not a LoRA (a checkpoint), an unsupported network type
    /// (LoHa, LoKr, DoRA, CP-decomposed LoCon, diffusers/peft key names), or inconsistent shapes.
    explicit LoraFile(const std::string& path);

    const std::string& path() const { return m_file->path(); }
    const std::vector<LoraModule>& modules() const { return m_modules; }
    const std::map<std::string, std::string>& metadata() const { return m_file->metadata(); }

    /// Checks that every lora_down / lora_up is a floating-point tensor without NaN or infinite values (once;
    /// later calls return at once). Throws EngineError naming the file and the tensor.
    void checkValues() const;

    /// lora_down / lora_up of a module as float32 on the CPU (fp16/bf16 files are upcast).
    at::Tensor down(const LoraModule& module) const;
    at::Tensor up(const LoraModule& module) const;

    /// The family it was made for: kohya's ss_base_model_version / ss_v2, modelspec.architecture,
    /// else the key names (lora_te1_/lora_te2_: SDXL) and the text encoder's width (768: SD 1.x,
    /// 1024: SD 2.x). `source` says which.
    LoraBase base(std::string* source = nullptr) const;
    /// The ranks and alphas that occur (alpha = rank where the file has none).
    std::vector<int64_t> ranks() const;
    std::vector<double> alphas() const;
    /// Modules per kind.
    std::map<LoraModuleKind, int> moduleCounts() const;
    /// The training captions' most frequent tags (kohya ss_tag_frequency, summed over its datasets;
    /// A1111 shows these as the LoRA's trigger words), most frequent first, at most `max`; plus
    /// modelspec.trigger_phrase first when present.
    std::vector<std::pair<std::string, int64_t>> triggerWords(size_t max = 10) const;

private:
    std::shared_ptr<const SafetensorsFile> m_file;
    std::vector<LoraModule> m_modules;
    mutable std::mutex m_checkMutex;
    mutable bool m_checked = false;
};

} // namespace easel::engine
