// SPDX-License-Identifier: MIT
#pragma once

#include "engine/models/cliptextmodel.h"
#include "engine/tokenizer/tokens.h"
#include "engine/weights/modelfiles.h"

#include <ATen/Tensor.h>

#include <vector>

namespace easel::engine {

/// How prompts become conditioning; the defaults reproduce the diffusers pipelines.
struct TextConditionerOptions {
    /// Extra final layers to skip (A1111's "Clip skip" minus one; diffusers' clip_skip). SD 1.x/2.x:
    /// hidden_states[-1 - clipSkip] then the final LayerNorm; SDXL: hidden_states[-2 - clipSkip].
    int clipSkip = 0;
    /// Apply the per-token weights (A1111 emphasis); weights that are all 1 change nothing.
    bool emphasis = true;
    /// An absent negative prompt gives zero embeddings and a zero pooled vector instead of the
    /// encoded empty prompt (SDXL's force_zeros_for_empty_prompt).
    bool zerosForEmptyNegative = false;
};

/// One prompt tokenized for each encoder of the model: SD 1.x/2.x use `first` only, the SDXL
/// refiner `second` only (OpenCLIP bigG, diffusers' text_encoder_2), SDXL base both. A prompt
/// without chunks counts as the empty prompt.
struct PromptTokens {
    TokenizedPrompt first;
    TokenizedPrompt second;
};

/// What the UNet takes for a batch of prompts.
struct Conditioning {
    at::Tensor context; ///< encoder_hidden_states [B, 77 * chunks, C]
    at::Tensor pooled; ///< SDXL text_embeds [B, P] of each prompt's first chunk; undefined for SD 1.x/2.x
};

/// Turns tokenized prompts into UNet conditioning the way the diffusers pipelines do (and, for
/// weighted and long prompts, the way A1111 does):
///  - SD 1.x / 2.x: the encoder's last_hidden_state (an SD 2.x encoder is built without its last
///    OpenCLIP block, see ClipTextConfig::resolve, so this is its penultimate layer + final LN);
///  - SDXL base: concat(first.hidden_states[-2], second.hidden_states[-2]) on the last axis, pooled =
///    second's text_embeds; the refiner: second's hidden_states[-2] and text_embeds.
/// Long prompts are encoded chunk by chunk and concatenated along the sequence axis; prompts of a
/// batch (and the two encoders' tokenizations) with fewer chunks are padded with empty-prompt chunks.
/// Emphasis (per prompt and chunk): z *= w, then z *= mean(z before) / mean(z after).
class TextConditioner {
public:
    /// `first` / `second` may be empty (nullptr holders) where the family has no such encoder.
    /// Throws EngineError for an unknown family, a missing encoder or a clip skip the encoders cannot do.
    TextConditioner(ModelFamily family, ClipTextModel first, ClipTextModel second, TextConditionerOptions options = {});

    ModelFamily family() const { return m_family; }
    const TextConditionerOptions& options() const { return m_options; }

    /// Encodes a batch of prompts (padded to the same chunk count). Throws EngineError for an empty batch.
    Conditioning encode(const std::vector<PromptTokens>& prompts) const;

    struct Pair {
        Conditioning negative;
        Conditioning positive;
    };
    /// The two halves of classifier-free guidance with equal chunk counts. `negative` nullptr means
    /// no negative prompt: zeros with zerosForEmptyNegative, else the encoded empty prompt.
    Pair encodePair(const PromptTokens& positive, const PromptTokens* negative) const;

    /// The empty prompt for an encoder: bos, eos, then its padding token, all weights 1.
    static TokenChunk emptyChunk(const ClipTextConfig& config);

private:
    at::Tensor encodeWith(ClipTextModel& model, bool second, const std::vector<const TokenizedPrompt*>& prompts,
        int64_t chunks, at::Tensor* pooled) const;

    ModelFamily m_family;
    mutable ClipTextModel m_first;
    mutable ClipTextModel m_second;
    TextConditionerOptions m_options;
};

} // namespace easel::engine
