// SPDX-License-Identifier: MIT
#include "engine/models/cliptextmodel.h"

#include "engine/common/error.h"
#include "engine/models/attention.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <set>

namespace easel::engine {

namespace {

constexpr int64_t kClipBos = 49406;
constexpr int64_t kClipEos = 49407;
// transformers' CLIPTextConfig default eos, kept by configs written before it was fixed (SD 2.x).
constexpr int64_t kPlaceholderEos = 2;

ClipActivation parseActivation(const std::string& name)
{
    if (name == "quick_gelu")
        return ClipActivation::QuickGelu;
    if (name == "gelu")
        return ClipActivation::Gelu;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
        return ClipActivation::GeluTanh;
    throw EngineError("text encoder config: unsupported hidden_act '" + name + "'", EngineError::Kind::Unsupported);
}

int64_t positiveInt(const nlohmann::json& config, const char* key)
{
    const auto it = config.find(key);
    if (it == config.end() || !it->is_number_integer() || it->get<int64_t>() <= 0)
        throw EngineError(std::string("text encoder config: '") + key + "' is missing or not a positive integer");
    return it->get<int64_t>();
}

const std::vector<int64_t>& shapeOf(
    const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& name, size_t dims)
{
    const auto it = shapes.find(name);
    if (it == shapes.end())
        throw EngineError("text encoder: tensor '" + name + "' is missing");
    if (it->second.size() != dims)
        throw EngineError("text encoder: tensor '" + name + "' has " + std::to_string(it->second.size())
            + " dimensions, expected " + std::to_string(dims));
    return it->second;
}

void setLegacyIds(ClipTextConfig& c)
{
    c.legacyPooling = true;
    c.bosId = kClipBos;
    c.eosId = kClipEos;
    c.padId = c.activation == ClipActivation::QuickGelu ? kClipEos : 0;
}

} // namespace

ClipTextConfig ClipTextConfig::fromJson(const nlohmann::json& config)
{
    if (!config.is_object())
        throw EngineError("text encoder config is not a JSON object");
    ClipTextConfig c;
    c.hidden = positiveInt(config, "hidden_size");
    c.intermediate = positiveInt(config, "intermediate_size");
    c.layers = positiveInt(config, "num_hidden_layers");
    c.heads = positiveInt(config, "num_attention_heads");
    if (c.hidden % c.heads != 0)
        throw EngineError("text encoder config: hidden_size " + std::to_string(c.hidden)
            + " is not a multiple of num_attention_heads " + std::to_string(c.heads));
    c.activation = parseActivation(config.value("hidden_act", std::string("quick_gelu")));
    c.eps = config.value("layer_norm_eps", 1e-5);
    c.maxPositions = config.contains("max_position_embeddings") ? positiveInt(config, "max_position_embeddings") : 77;
    c.vocab = config.contains("vocab_size") ? positiveInt(config, "vocab_size") : 49408;
    c.projectionDim = config.contains("projection_dim") ? positiveInt(config, "projection_dim") : c.hidden;
    if (const auto it = config.find("architectures"); it != config.end() && it->is_array()) {
        for (const auto& a : *it)
            c.withProjection
                = c.withProjection || (a.is_string() && a.get<std::string>() == "CLIPTextModelWithProjection");
    }
    auto id = [&](const char* key, int64_t fallback) {
        const auto it = config.find(key);
        return it != config.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
    };
    c.bosId = id("bos_token_id", kClipBos);
    c.eosId = id("eos_token_id", kClipEos);
    c.padId = id("pad_token_id", kClipEos);
    if (c.eosId == kPlaceholderEos)
        setLegacyIds(c);
    for (int64_t v : { c.bosId, c.eosId, c.padId }) {
        if (v < 0 || v >= c.vocab)
            throw EngineError("text encoder config: token id " + std::to_string(v) + " is outside the vocabulary");
    }
    return c;
}

ClipTextConfig ClipTextConfig::resolve(
    const nlohmann::json& config, const std::map<std::string, std::vector<int64_t>>& shapes)
{
    const bool hasProjection = shapes.count("text_projection.weight") != 0;
    if (config.is_object() && config.contains("hidden_size")) {
        ClipTextConfig c = fromJson(config);
        // A sidecar written for CLIPTextModel may sit next to weights that carry a projection; the
        // weights decide whether text_embeds can be computed.
        if (hasProjection && !c.withProjection && !config.contains("architectures"))
            c.withProjection = true;
        return c;
    }

    const auto& token = shapeOf(shapes, "text_model.embeddings.token_embedding.weight", 2);
    const auto& position = shapeOf(shapes, "text_model.embeddings.position_embedding.weight", 2);
    const auto& fc1 = shapeOf(shapes, "text_model.encoder.layers.0.mlp.fc1.weight", 2);
    ClipTextConfig c;
    c.vocab = token[0];
    c.hidden = token[1];
    c.maxPositions = position[0];
    c.intermediate = fc1[0];
    if (position[1] != c.hidden || fc1[1] != c.hidden)
        throw EngineError("text encoder: embedding and layer widths disagree");
    std::set<int64_t> layerIds;
    const std::string layerPrefix = "text_model.encoder.layers.";
    for (const auto& entry : shapes) {
        if (entry.first.compare(0, layerPrefix.size(), layerPrefix) == 0)
            layerIds.insert(std::stoll(entry.first.substr(layerPrefix.size())));
    }
    c.layers = static_cast<int64_t>(layerIds.size());
    if (c.layers == 0 || *layerIds.rbegin() != c.layers - 1)
        throw EngineError("text encoder: its layers are not numbered 0.." + std::to_string(c.layers - 1));
    if (c.hidden % 64 != 0)
        throw EngineError("text encoder: cannot infer the attention heads of a " + std::to_string(c.hidden)
            + "-wide encoder; put its config.json values in a sidecar file next to the checkpoint");
    c.heads = c.hidden / 64;
    c.activation = c.hidden == 768 ? ClipActivation::QuickGelu : ClipActivation::Gelu;
    c.padId = c.activation == ClipActivation::QuickGelu ? kClipEos : 0;
    c.withProjection = hasProjection;
    c.projectionDim = hasProjection ? shapeOf(shapes, "text_projection.weight", 2)[0] : c.hidden;
    if (c.hidden == 1024 && c.layers == 24)
        c.layers = 23;
    return c;
}

const at::Tensor& ClipTextOutput::hiddenState(int64_t index) const
{
    const int64_t n = static_cast<int64_t>(hiddenStates.size());
    const int64_t i = index < 0 ? n + index : index;
    if (i < 0 || i >= n)
        throw EngineError("text encoder: hidden state " + std::to_string(index) + " does not exist (the encoder has "
            + std::to_string(n - 1) + " layers)");
    return hiddenStates[static_cast<size_t>(i)];
}

ClipAttentionImpl::ClipAttentionImpl(const ClipTextConfig& config, const at::TensorOptions& options)
    : heads(config.heads)
{
    q_proj = register_module("q_proj", Linear(config.hidden, config.hidden, true, options));
    k_proj = register_module("k_proj", Linear(config.hidden, config.hidden, true, options));
    v_proj = register_module("v_proj", Linear(config.hidden, config.hidden, true, options));
    out_proj = register_module("out_proj", Linear(config.hidden, config.hidden, true, options));
}

at::Tensor ClipAttentionImpl::forward(const at::Tensor& x)
{
    return out_proj(multiHeadAttention(q_proj(x), k_proj(x), v_proj(x), heads, /*causal=*/true, attentionMode()));
}

ClipMlpImpl::ClipMlpImpl(const ClipTextConfig& config, const at::TensorOptions& options)
    : activation(config.activation)
{
    fc1 = register_module("fc1", Linear(config.hidden, config.intermediate, true, options));
    fc2 = register_module("fc2", Linear(config.intermediate, config.hidden, true, options));
}

at::Tensor ClipMlpImpl::forward(const at::Tensor& x)
{
    at::Tensor h = fc1(x);
    switch (activation) {
    case ClipActivation::QuickGelu:
        h = h * at::sigmoid(1.702 * h);
        break;
    case ClipActivation::Gelu:
        h = at::gelu(h);
        break;
    case ClipActivation::GeluTanh:
        h = at::gelu(h, "tanh");
        break;
    }
    return fc2(h);
}

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const ClipTextConfig& config, const at::TensorOptions& options)
{
    self_attn = register_module("self_attn", ClipAttention(config, options));
    layer_norm1 = register_module("layer_norm1", LayerNorm(config.hidden, config.eps, options));
    mlp = register_module("mlp", ClipMlp(config, options));
    layer_norm2 = register_module("layer_norm2", LayerNorm(config.hidden, config.eps, options));
}

at::Tensor ClipEncoderLayerImpl::forward(const at::Tensor& x)
{
    at::Tensor h = x + self_attn(layer_norm1(x));
    return h + mlp(layer_norm2(h));
}

ClipTextModelImpl::ClipTextModelImpl(const ClipTextConfig& config, const at::TensorOptions& options)
    : m_config(config)
{
    auto textModel = register_module("text_model", std::make_shared<torch::nn::Module>());
    auto embeddings = textModel->register_module("embeddings", std::make_shared<torch::nn::Module>());
    m_tokenEmbedding = embeddings->register_module("token_embedding", Embedding(config.vocab, config.hidden, options));
    m_positionEmbedding
        = embeddings->register_module("position_embedding", Embedding(config.maxPositions, config.hidden, options));
    auto encoder = textModel->register_module("encoder", std::make_shared<torch::nn::Module>());
    m_layers = encoder->register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < config.layers; ++i)
        m_layers->push_back(ClipEncoderLayer(config, options));
    m_finalLayerNorm = textModel->register_module("final_layer_norm", LayerNorm(config.hidden, config.eps, options));
    if (config.withProjection)
        m_textProjection
            = register_module("text_projection", Linear(config.hidden, config.projectionDim, false, options));
}

at::Tensor ClipTextModelImpl::finalLayerNorm(const at::Tensor& hidden) { return m_finalLayerNorm(hidden); }

ClipTextOutput ClipTextModelImpl::forward(const at::Tensor& idsIn, int64_t stopAfter)
{
    if (!idsIn.defined() || idsIn.dim() != 2 || idsIn.size(1) == 0 || idsIn.size(0) == 0)
        throw EngineError("text encoder: token ids must be a non-empty [batch, length] tensor");
    if (idsIn.size(1) > m_config.maxPositions)
        throw EngineError("text encoder: " + std::to_string(idsIn.size(1)) + " tokens exceed its "
            + std::to_string(m_config.maxPositions) + " positions");
    if (at::isFloatingType(idsIn.scalar_type()) || idsIn.scalar_type() == at::kBool)
        throw EngineError("text encoder: token ids must be integers");
    if (stopAfter < 0 || stopAfter > m_config.layers)
        throw EngineError("text encoder: cannot stop after layer " + std::to_string(stopAfter) + " of "
            + std::to_string(m_config.layers));
    const at::Device device = m_tokenEmbedding->weight.device();
    const at::Tensor ids = idsIn.to(device, at::kLong);
    const int64_t minId = ids.min().item<int64_t>(), maxId = ids.max().item<int64_t>();
    if (minId < 0 || maxId >= m_config.vocab)
        throw EngineError("text encoder: token id " + std::to_string(minId < 0 ? minId : maxId)
            + " is outside its vocabulary of " + std::to_string(m_config.vocab));

    const int64_t length = ids.size(1);
    const at::Tensor positions = at::arange(length, ids.options());
    at::Tensor h = m_tokenEmbedding(ids) + m_positionEmbedding(positions).unsqueeze(0);

    ClipTextOutput out;
    const int64_t layers = stopAfter == 0 ? m_config.layers : stopAfter;
    out.hiddenStates.reserve(static_cast<size_t>(layers) + 1);
    out.hiddenStates.push_back(h);
    for (int64_t i = 0; i < layers; ++i) {
        h = m_layers[static_cast<size_t>(i)]->as<ClipEncoderLayer>()->forward(h);
        out.hiddenStates.push_back(h);
    }
    out.lastHiddenState = m_finalLayerNorm(h);

    const at::Tensor eosPosition
        = m_config.legacyPooling ? ids.argmax(-1) : ids.eq(m_config.eosId).to(at::kInt).argmax(-1);
    const int64_t batch = ids.size(0);
    const at::Tensor rows = at::arange(batch, ids.options()) * length + eosPosition;
    out.pooled = out.lastHiddenState.reshape({ batch * length, m_config.hidden }).index_select(0, rows);
    if (m_textProjection)
        out.textEmbeds = m_textProjection(out.pooled);
    return out;
}

} // namespace easel::engine
