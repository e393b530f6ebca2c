// SPDX-License-Identifier: MIT
#pragma once

#include "engine/models/attention.h"
#include "engine/models/layers.h"

#include <ATen/Tensor.h>
#include <nlohmann/json_fwd.hpp>
#include <torch/nn/modules/container/modulelist.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace easel::engine {

/// The feed-forward activation of a CLIP text encoder.
enum class ClipActivation {
    QuickGelu, ///< x * sigmoid(1.702 x): OpenAI CLIP (SD 1.x, SDXL's first encoder)
    Gelu, ///< exact erf GELU: OpenCLIP ViT-H / bigG (SD 2.x, SDXL's second encoder)
    GeluTanh, ///< tanh-approximated GELU ("gelu_new", "gelu_pytorch_tanh")
};

/// The shape of a transformers CLIPTextModel / CLIPTextModelWithProjection.
struct ClipTextConfig {
    int64_t hidden = 768;
    int64_t intermediate = 3072;
    int64_t layers = 12;
    int64_t heads = 12;
    ClipActivation activation = ClipActivation::QuickGelu;
    double eps = 1e-5;
    int64_t maxPositions = 77;
    int64_t vocab = 49408;
    int64_t projectionDim = 768;
    bool withProjection = false; ///< CLIPTextModelWithProjection (has text_projection)
    int64_t bosId = 49406;
    int64_t eosId = 49407;
    int64_t padId = 49407; ///< what the matching tokenizer pads with (empty-prompt chunks)
    /// Pooled output at argmax(ids) rather than at the first eosId: transformers' rule for configs
    /// whose eos_token_id is the placeholder 2 (SD 2.x text encoders). Same position for CLIP tokens.
    bool legacyPooling = false;

    /// Reads a transformers config.json object. Throws EngineError when a required value is
    /// missing or invalid.
    static ClipTextConfig fromJson(const nlohmann::json& config);

    /// Uses `config` when it has "hidden_size" (a diffusers folder or a single file's sidecar),
    /// else infers everything from tensor shapes (engine names -> shape) and the conventions of
    /// the released models: 64-wide heads, quick_gelu only for the 768-wide OpenAI CLIP-L, and
    /// for OpenCLIP ViT-H with 24 blocks (SD 2.x) 23 layers, because SD 2.x conditions on its
    /// penultimate block (as diffusers' conversion does). Throws EngineError when the shapes are
    /// not a CLIP text encoder's or contradict the config.
    static ClipTextConfig resolve(
        const nlohmann::json& config, const std::map<std::string, std::vector<int64_t>>& shapes);
};

/// Everything one forward pass yields.
struct ClipTextOutput {
    at::Tensor lastHiddenState; ///< [B, L, hidden], after the final LayerNorm
    std::vector<at::Tensor> hiddenStates; ///< layers + 1 entries: embeddings, then each layer's output (no final LN)
    at::Tensor pooled; ///< [B, hidden]: last_hidden_state at the first eos
    at::Tensor textEmbeds; ///< [B, projectionDim] = pooled @ projection; undefined without projection

    /// hidden_states[index] with Python's negative indexing (-1 = last layer, -2 = penultimate).
    const at::Tensor& hiddenState(int64_t index) const;
};

class ClipAttentionImpl : public torch::nn::Module, public AttentionLayer {
public:
    ClipAttentionImpl(const ClipTextConfig& config, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);
    Linear q_proj { nullptr }, k_proj { nullptr }, v_proj { nullptr }, out_proj { nullptr };
    int64_t heads;
};
TORCH_MODULE(ClipAttention);

class ClipMlpImpl : public torch::nn::Module {
public:
    ClipMlpImpl(const ClipTextConfig& config, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);
    Linear fc1 { nullptr }, fc2 { nullptr };
    ClipActivation activation;
};
TORCH_MODULE(ClipMlp);

class ClipEncoderLayerImpl : public torch::nn::Module {
public:
    ClipEncoderLayerImpl(const ClipTextConfig& config, const at::TensorOptions& options);
    at::Tensor forward(const at::Tensor& x);
    ClipAttention self_attn { nullptr };
    LayerNorm layer_norm1 { nullptr };
    ClipMlp mlp { nullptr };
    LayerNorm layer_norm2 { nullptr };
};
TORCH_MODULE(ClipEncoderLayer);

/// transformers' CLIPTextModel (and ...WithProjection) with the same parameter names
/// ("text_model.encoder.layers.0.self_attn.q_proj.weight", "text_projection.weight"), so
/// loadModule() fills it from a diffusers folder or a mapped single file alike. Parameters
/// are allocated uninitialised in `options`' dtype and device.
class ClipTextModelImpl : public torch::nn::Module {
public:
    ClipTextModelImpl(const ClipTextConfig& config, const at::TensorOptions& options);

    const ClipTextConfig& config() const { return m_config; }

    /// Runs the encoder on token ids [B, L] (L <= maxPositions; int64 or any integer type) with a
    /// causal mask only, as the pipelines do. `stopAfter` (1..layers, 0 = all) ends the pass after
    /// that many layers: lastHiddenState, pooled and textEmbeds then come from that layer's
    /// output (after the final LayerNorm), as clip-skip does. Throws EngineError for bad ids.
    ClipTextOutput forward(const at::Tensor& ids, int64_t stopAfter = 0);

    /// The final LayerNorm on its own (for callers that pick a hidden state themselves).
    at::Tensor finalLayerNorm(const at::Tensor& hidden);

private:
    ClipTextConfig m_config;
    Embedding m_tokenEmbedding { nullptr };
    Embedding m_positionEmbedding { nullptr };
    torch::nn::ModuleList m_layers { nullptr };
    LayerNorm m_finalLayerNorm { nullptr };
    Linear m_textProjection { nullptr };
};
TORCH_MODULE(ClipTextModel);

} // namespace easel::engine
