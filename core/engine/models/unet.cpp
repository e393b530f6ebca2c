// SPDX-License-Identifier: MIT
#include "engine/models/unet.h"

#include "engine/common/error.h"
#include "engine/models/attention.h"
#include "engine/models/tokenmerge.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

namespace easel::engine {

namespace {

// diffusers Attention as used by BasicTransformerBlock: unbiased q/k/v, biased output projection.
class CrossAttentionImpl : public torch::nn::Module, public AttentionLayer {
public:
    CrossAttentionImpl(int64_t dim, int64_t contextDim, int64_t heads, bool upcast, const at::TensorOptions& options)
        : m_heads(heads)
        , m_upcast(upcast)
    {
        m_toQ = register_module("to_q", Linear(dim, dim, false, options));
        m_toK = register_module("to_k", Linear(contextDim, dim, false, options));
        m_toV = register_module("to_v", Linear(contextDim, dim, false, options));
        m_toOut = addContainer(*this, "to_out")->register_module("0", Linear(dim, dim, true, options));
    }

    at::Tensor forward(const at::Tensor& x, const at::Tensor& context)
    {
        at::Tensor q = m_toQ->forward(x), k = m_toK->forward(context), v = m_toV->forward(context);
        at::Tensor out;
        if (m_upcast && x.scalar_type() != at::kFloat && x.scalar_type() != at::kDouble)
            out = multiHeadAttention(q.to(at::kFloat), k.to(at::kFloat), v.to(at::kFloat), m_heads, false,
                attentionMode())
                      .to(x.scalar_type());
        else
            out = multiHeadAttention(q, k, v, m_heads, false, attentionMode());
        return m_toOut->forward(out);
    }

private:
    int64_t m_heads;
    bool m_upcast;
    Linear m_toQ { nullptr }, m_toK { nullptr }, m_toV { nullptr }, m_toOut { nullptr };
};
TORCH_MODULE(CrossAttention);

// diffusers FeedForward with GEGLU: net.0.proj doubles the inner width, net.2 projects back.
class GegluFeedForwardImpl : public torch::nn::Module {
public:
    GegluFeedForwardImpl(int64_t dim, const at::TensorOptions& options)
    {
        const int64_t inner = 4 * dim;
        auto net = addContainer(*this, "net");
        m_proj = addContainer(*net, "0")->register_module("proj", Linear(dim, 2 * inner, true, options));
        m_out = net->register_module("2", Linear(inner, dim, true, options));
    }

    at::Tensor forward(const at::Tensor& x)
    {
        const at::Tensor projected = m_proj->forward(x);
        const int64_t inner = projected.size(-1) / 2;
        return m_out->forward(projected.narrow(-1, 0, inner) * at::gelu(projected.narrow(-1, inner, inner)));
    }

private:
    Linear m_proj { nullptr }, m_out { nullptr };
};
TORCH_MODULE(GegluFeedForward);

class BasicTransformerBlockImpl : public torch::nn::Module {
public:
    BasicTransformerBlockImpl(
        int64_t dim, int64_t contextDim, int64_t heads, bool upcast, const at::TensorOptions& options)
    {
        m_norm1 = register_module("norm1", LayerNorm(dim, 1e-5, options));
        m_attn1 = register_module("attn1", CrossAttention(dim, dim, heads, upcast, options));
        m_norm2 = register_module("norm2", LayerNorm(dim, 1e-5, options));
        m_attn2 = register_module("attn2", CrossAttention(dim, contextDim, heads, upcast, options));
        m_norm3 = register_module("norm3", LayerNorm(dim, 1e-5, options));
        m_ff = register_module("ff", GegluFeedForward(dim, options));
    }

    // `x` [B, h * w, C]; tokenMerge > 0 reduces the tokens of the self-attention (TokenMerge on x).
    at::Tensor forward(at::Tensor x, const at::Tensor& context, int64_t h = 0, int64_t w = 0, double tokenMerge = 0)
    {
        at::Tensor n = m_norm1->forward(x);
        std::optional<TokenMerge> merge;
        if (tokenMerge > 0)
            merge.emplace(x, h, w, tokenMerge);
        if (merge && merge->merged() > 0) {
            const at::Tensor fewer = merge->merge(n);
            x = merge->unmerge(m_attn1->forward(fewer, fewer)).add_(x);
        } else {
            x = m_attn1->forward(n, n).add_(x);
        }
        x = m_attn2->forward(m_norm2->forward(x), context).add_(x);
        return m_ff->forward(m_norm3->forward(x)).add_(x);
    }

private:
    LayerNorm m_norm1 { nullptr }, m_norm2 { nullptr }, m_norm3 { nullptr };
    CrossAttention m_attn1 { nullptr }, m_attn2 { nullptr };
    GegluFeedForward m_ff { nullptr };
};
TORCH_MODULE(BasicTransformerBlock);

int64_t jsonInt(const nlohmann::json& config, const char* key, int64_t fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (!it->is_number_integer())
        throw EngineError(std::string("UNet config: '") + key + "' is not an integer");
    return it->get<int64_t>();
}

// An int or a flat list of ints, expanded to one value per level.
std::vector<int64_t> perLevel(const nlohmann::json& value, const char* key, size_t levels)
{
    if (value.is_number_integer())
        return std::vector<int64_t>(levels, value.get<int64_t>());
    if (value.is_array() && value.size() == levels) {
        std::vector<int64_t> out;
        for (const nlohmann::json& v : value) {
            if (!v.is_number_integer())
                throw EngineError(std::string("UNet config: '") + key + "' per-layer lists are not supported",
                    EngineError::Kind::Unsupported);
            out.push_back(v.get<int64_t>());
        }
        return out;
    }
    throw EngineError(std::string("UNet config: '") + key + "' must be an integer or one integer per block");
}

double numberOr(const nlohmann::json& config, const char* key, double fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (!it->is_number())
        throw EngineError(std::string("UNet config: '") + key + "' is not a number");
    return it->get<double>();
}

bool boolOr(const nlohmann::json& config, const char* key, bool fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    if (it->is_array()) // per-block flags: true when any block sets it
        return std::any_of(
            it->begin(), it->end(), [](const nlohmann::json& v) { return v.is_boolean() && v.get<bool>(); });
    if (!it->is_boolean())
        throw EngineError(std::string("UNet config: '") + key + "' is not a boolean");
    return it->get<bool>();
}

std::vector<int64_t> shapeOf(const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& name)
{
    const auto it = shapes.find(name);
    return it == shapes.end() ? std::vector<int64_t> {} : it->second;
}

int64_t countIndexed(
    const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& prefix, const std::string& suffix)
{
    int64_t n = 0;
    while (shapes.count(prefix + std::to_string(n) + suffix))
        ++n;
    return n;
}

} // namespace

// Transformer2DModel: GroupNorm, proj_in, BasicTransformerBlocks over H*W tokens, proj_out, residual.
class UNetTransformerImpl : public torch::nn::Module {
public:
    UNetTransformerImpl(
        int64_t channels, int64_t heads, int64_t layers, const UNetConfig& config, const at::TensorOptions& options)
        : m_linear(config.useLinearProjection)
    {
        m_norm = register_module("norm", GroupNorm(config.normGroups, channels, 1e-6, options));
        if (m_linear) {
            m_projInLinear = register_module("proj_in", Linear(channels, channels, true, options));
        } else {
            m_projInConv = register_module("proj_in", Conv2d(channels, channels, 1, 1, 0, options));
        }
        auto blocks = addContainer(*this, "transformer_blocks");
        for (int64_t i = 0; i < layers; ++i) {
            m_blocks.push_back(blocks->register_module(std::to_string(i),
                BasicTransformerBlock(channels, config.crossAttentionDim, heads, config.upcastAttention, options)));
        }
        if (m_linear) {
            m_projOutLinear = register_module("proj_out", Linear(channels, channels, true, options));
        } else {
            m_projOutConv = register_module("proj_out", Conv2d(channels, channels, 1, 1, 0, options));
        }
    }

    at::Tensor forward(const at::Tensor& x, const at::Tensor& context, double tokenMerge = 0)
    {
        const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        at::Tensor t = m_norm->forward(x);
        if (m_linear) {
            t = m_projInLinear->forward(t.permute({ 0, 2, 3, 1 }).reshape({ b, h * w, c }));
        } else {
            t = m_projInConv->forward(t).permute({ 0, 2, 3, 1 }).reshape({ b, h * w, c });
        }
        for (BasicTransformerBlock& block : m_blocks)
            t = block->forward(t, context, h, w, tokenMerge);
        // Back to the input's memory format, as diffusers' .contiguous(): a channels-last result would send
        // every later GroupNorm and conv through other kernels (other rounding), which the tiny SD 2.x net's
        // GroupNorms over two values per group amplify beyond the goldens' tolerance.
        const at::MemoryFormat format = x.suggest_memory_format();
        if (m_linear) {
            t = m_projOutLinear->forward(t).reshape({ b, h, w, c }).permute({ 0, 3, 1, 2 }).contiguous(format);
        } else {
            t = m_projOutConv->forward(t.reshape({ b, h, w, c }).permute({ 0, 3, 1, 2 }).contiguous(format));
        }
        return t.add_(x);
    }

private:
    bool m_linear;
    GroupNorm m_norm { nullptr };
    Linear m_projInLinear { nullptr }, m_projOutLinear { nullptr };
    Conv2d m_projInConv { nullptr }, m_projOutConv { nullptr };
    std::vector<BasicTransformerBlock> m_blocks;
};

void UNetConfig::validate() const
{
    const size_t n = blockOutChannels.size();
    auto fail = [](const std::string& what) { throw EngineError("invalid UNet configuration: " + what); };
    if (n == 0)
        fail("no blocks");
    if (downCrossAttention.size() != n || upCrossAttention.size() != n || layersPerBlock.size() != n
        || attentionHeads.size() != n || transformerLayers.size() != n
        || (!upTransformerLayers.empty() && upTransformerLayers.size() != n))
        fail("per-block settings do not match the " + std::to_string(n) + " blocks");
    if (inChannels <= 0 || outChannels <= 0 || crossAttentionDim <= 0 || normGroups <= 0)
        fail("non-positive channel counts");
    for (size_t i = 0; i < n; ++i) {
        if (blockOutChannels[i] <= 0 || blockOutChannels[i] % normGroups != 0)
            fail("block channels " + std::to_string(blockOutChannels[i]) + " not a multiple of "
                + std::to_string(normGroups) + " groups");
        if (layersPerBlock[i] <= 0 || transformerLayers[i] <= 0)
            fail("non-positive layer counts");
        if (attentionHeads[i] <= 0 || blockOutChannels[i] % attentionHeads[i] != 0)
            fail(std::to_string(attentionHeads[i]) + " heads do not divide " + std::to_string(blockOutChannels[i])
                + " channels");
        if (!upTransformerLayers.empty() && upTransformerLayers[i] <= 0)
            fail("non-positive layer counts");
    }
    if (blockOutChannels[0] % 2 != 0)
        fail("odd timestep embedding width");
    if (textTimeEmbedding
        && (projectionClassEmbeddingsInputDim <= 0 || additionTimeEmbedDim <= 0 || additionTimeEmbedDim % 2 != 0))
        fail("text_time embedding without valid projection sizes");
}

namespace {

[[noreturn]] void unsupported(const std::string& what)
{
    throw EngineError("this UNet uses " + what + ", which Easel does not support", EngineError::Kind::Unsupported);
}

std::string stringOr(const nlohmann::json& j, const char* key, const std::string& fallback)
{
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? fallback : it->get<std::string>();
}

// diffusers features this port does not implement, other than block types.
void checkSupportedFeatures(const nlohmann::json& j)
{
    const std::string midType = stringOr(j, "mid_block_type", "UNetMidBlock2DCrossAttn");
    if (midType != "UNetMidBlock2DCrossAttn")
        unsupported("a " + midType);
    if (!j.value("class_embed_type", nlohmann::json()).is_null())
        unsupported("class embeddings");
    if (!j.value("time_cond_proj_dim", nlohmann::json()).is_null())
        unsupported("a guidance (time_cond_proj) embedding");
    if (!j.value("encoder_hid_dim_type", nlohmann::json()).is_null())
        unsupported("an encoder_hid_dim projection");
    if (stringOr(j, "resnet_time_scale_shift", "default") != "default")
        unsupported("scale-shift time embeddings");
    if (stringOr(j, "act_fn", "silu") != "silu")
        unsupported("the activation " + stringOr(j, "act_fn", ""));
    if (stringOr(j, "time_embedding_type", "positional") != "positional")
        unsupported("Fourier time embeddings");
    if (boolOr(j, "dual_cross_attention", false) || boolOr(j, "only_cross_attention", false))
        unsupported("dual or cross-only attention");
    if (jsonInt(j, "conv_in_kernel", 3) != 3 || jsonInt(j, "conv_out_kernel", 3) != 3)
        unsupported("non-3x3 input/output convolutions");
    if (j.value("num_class_embeds", nlohmann::json()).is_number())
        unsupported("class embeddings");
}

// down_block_types / up_block_types as "has cross-attention" per level.
std::vector<bool> crossAttentionBlocks(const nlohmann::json& j, const char* key, size_t levels, const char* crossType,
    const char* plainType)
{
    const auto types = j.value(key, std::vector<std::string> {});
    if (types.size() != levels)
        throw EngineError("UNet config: block types do not match block_out_channels");
    std::vector<bool> cross;
    for (const std::string& t : types) {
        if (t != crossType && t != plainType)
            unsupported("a " + t);
        cross.push_back(t == crossType);
    }
    return cross;
}

} // namespace

UNetConfig UNetConfig::fromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw EngineError("UNet config is not a JSON object");
    try {
        UNetConfig c;
        const auto channels = j.find("block_out_channels");
        if (channels == j.end() || !channels->is_array() || channels->empty())
            throw EngineError("UNet config has no block_out_channels");
        c.blockOutChannels = channels->get<std::vector<int64_t>>();
        const size_t n = c.blockOutChannels.size();
        c.downCrossAttention = crossAttentionBlocks(j, "down_block_types", n, "CrossAttnDownBlock2D", "DownBlock2D");
        c.upCrossAttention = crossAttentionBlocks(j, "up_block_types", n, "CrossAttnUpBlock2D", "UpBlock2D");
        checkSupportedFeatures(j);

        c.layersPerBlock = perLevel(j.value("layers_per_block", nlohmann::json(2)), "layers_per_block", n);
        // diffusers' legacy naming: attention_head_dim holds the number of heads unless
        // num_attention_heads is given.
        nlohmann::json heads = j.value("num_attention_heads", nlohmann::json());
        if (heads.is_null())
            heads = j.value("attention_head_dim", nlohmann::json(8));
        c.attentionHeads = perLevel(heads, "attention_head_dim", n);
        c.transformerLayers
            = perLevel(j.value("transformer_layers_per_block", nlohmann::json(1)), "transformer_layers_per_block", n);
        const nlohmann::json reverseLayers = j.value("reverse_transformer_layers_per_block", nlohmann::json());
        if (!reverseLayers.is_null())
            c.upTransformerLayers = perLevel(reverseLayers, "reverse_transformer_layers_per_block", n);

        const nlohmann::json cross = j.value("cross_attention_dim", nlohmann::json(1280));
        if (!cross.is_number_integer())
            unsupported("per-block cross-attention widths");
        c.crossAttentionDim = cross.get<int64_t>();
        c.inChannels = jsonInt(j, "in_channels", 4);
        c.outChannels = jsonInt(j, "out_channels", 4);
        c.useLinearProjection = boolOr(j, "use_linear_projection", false);
        c.upcastAttention = boolOr(j, "upcast_attention", false);
        c.flipSinToCos = boolOr(j, "flip_sin_to_cos", true);
        c.freqShift = numberOr(j, "freq_shift", 0.0);
        c.normGroups = jsonInt(j, "norm_num_groups", 32);
        c.normEps = numberOr(j, "norm_eps", 1e-5);
        c.timeEmbedDim = jsonInt(j, "time_embedding_dim", 0);

        const std::string addition = stringOr(j, "addition_embed_type", "");
        if (!addition.empty() && addition != "text_time")
            unsupported("the addition embedding '" + addition + "'");
        c.textTimeEmbedding = addition == "text_time";
        c.additionTimeEmbedDim = jsonInt(j, "addition_time_embed_dim", 256);
        c.projectionClassEmbeddingsInputDim = jsonInt(j, "projection_class_embeddings_input_dim", 0);
        c.validate();
        return c;
    } catch (const nlohmann::json::exception& e) {
        throw EngineError(std::string("UNet config: ") + e.what());
    }
}

UNetConfig UNetConfig::infer(const std::map<std::string, std::vector<int64_t>>& shapes, ModelFamily family)
{
    auto need = [&](const std::string& name) {
        std::vector<int64_t> s = shapeOf(shapes, name);
        if (s.empty())
            throw EngineError("the UNet has no tensor '" + name + "'");
        return s;
    };
    UNetConfig c;
    c.inChannels = need("conv_in.weight").at(1);
    c.outChannels = need("conv_out.weight").at(0);
    c.timeEmbedDim = need("time_embedding.linear_1.weight").at(0);
    const int64_t levels = countIndexed(shapes, "down_blocks.", ".resnets.0.conv1.weight");
    if (levels == 0)
        throw EngineError("the UNet has no down blocks");
    c.blockOutChannels.clear();
    c.downCrossAttention.clear();
    c.upCrossAttention.clear();
    c.layersPerBlock.clear();
    c.transformerLayers.clear();
    c.upTransformerLayers.clear();
    for (int64_t i = 0; i < levels; ++i) {
        const std::string down = "down_blocks." + std::to_string(i) + ".";
        const std::string up = "up_blocks." + std::to_string(i) + ".";
        c.blockOutChannels.push_back(need(down + "resnets.0.conv1.weight").at(0));
        c.layersPerBlock.push_back(countIndexed(shapes, down + "resnets.", ".conv1.weight"));
        c.downCrossAttention.push_back(shapes.count(down + "attentions.0.norm.weight") != 0);
        c.upCrossAttention.push_back(shapes.count(up + "attentions.0.norm.weight") != 0);
        const int64_t layers = countIndexed(shapes, down + "attentions.0.transformer_blocks.", ".norm1.weight");
        const int64_t upLayers = countIndexed(shapes, up + "attentions.0.transformer_blocks.", ".norm1.weight");
        c.transformerLayers.push_back(std::max<int64_t>(layers, 1));
        c.upTransformerLayers.push_back(std::max<int64_t>(upLayers, 1));
    }
    const int64_t midLayers = countIndexed(shapes, "mid_block.attentions.0.transformer_blocks.", ".norm1.weight");
    if (midLayers == 0)
        throw EngineError("the UNet has no mid-block attention", EngineError::Kind::Unsupported);
    c.transformerLayers.back() = midLayers;

    for (const auto& [name, shape] : shapes) {
        if (name.size() > 18 && name.compare(name.size() - 18, 18, ".attn2.to_k.weight") == 0) {
            c.crossAttentionDim = shape.at(1);
            break;
        }
    }
    c.useLinearProjection = need("mid_block.attentions.0.proj_in.weight").size() == 2;
    c.textTimeEmbedding = shapes.count("add_embedding.linear_1.weight") != 0;
    if (c.textTimeEmbedding) {
        c.projectionClassEmbeddingsInputDim = need("add_embedding.linear_1.weight").at(1);
        c.additionTimeEmbedDim = 256; // the sgm/SDXL convention for base and refiner
    }
    // SD 1.x: 8 heads everywhere; SD 2.x and SDXL: 64-wide heads.
    const bool eightHeads
        = family == ModelFamily::SD1 || (family == ModelFamily::Unknown && c.crossAttentionDim == 768);
    c.attentionHeads.clear();
    for (int64_t ch : c.blockOutChannels)
        c.attentionHeads.push_back(eightHeads || ch % 64 != 0 ? 8 : ch / 64);
    c.upcastAttention = family == ModelFamily::SD2;
    c.validate();
    return c;
}

UNetConfig UNetConfig::forModel(const ModelFiles& files)
{
    const nlohmann::json config = files.config(Component::Unet);
    if (config.is_object() && !config.empty())
        return fromJson(config);
    const ComponentWeights& weights = files.weights(Component::Unet);
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const std::string& name : weights.names())
        shapes.emplace(name, weights.shape(name));
    return infer(shapes, files.info().family);
}

UNetImpl::UNetImpl(const UNetConfig& config, const at::TensorOptions& options)
    : m_config(config)
{
    m_config.validate();
    const UNetConfig& c = m_config;
    const int64_t temb = c.timeEmbedChannels();
    const std::vector<int64_t>& ch = c.blockOutChannels;

    m_convIn = register_module("conv_in", Conv2d(c.inChannels, ch[0], 3, 1, 1, options));
    auto timeEmbedding = addContainer(*this, "time_embedding");
    m_timeLinear1 = timeEmbedding->register_module("linear_1", Linear(ch[0], temb, true, options));
    m_timeLinear2 = timeEmbedding->register_module("linear_2", Linear(temb, temb, true, options));
    if (c.textTimeEmbedding) {
        auto add = addContainer(*this, "add_embedding");
        m_addLinear1
            = add->register_module("linear_1", Linear(c.projectionClassEmbeddingsInputDim, temb, true, options));
        m_addLinear2 = add->register_module("linear_2", Linear(temb, temb, true, options));
    }
    buildDownBlocks(options);
    buildMidBlock(options);
    buildUpBlocks(options);
    m_normOut = register_module("conv_norm_out", GroupNorm(c.normGroups, ch[0], c.normEps, options));
    m_convOut = register_module("conv_out", Conv2d(ch[0], c.outChannels, 3, 1, 1, options));
}

void UNetImpl::buildDownBlocks(const at::TensorOptions& options)
{
    const UNetConfig& c = m_config;
    const int64_t levels = c.levels();
    const int64_t temb = c.timeEmbedChannels();
    const std::vector<int64_t>& ch = c.blockOutChannels;
    auto downBlocks = addContainer(*this, "down_blocks");
    m_down.resize(levels);
    for (int64_t i = 0; i < levels; ++i) {
        auto block = addContainer(*downBlocks, std::to_string(i));
        auto resnets = addContainer(*block, "resnets");
        std::shared_ptr<torch::nn::Module> attentions;
        if (c.downCrossAttention[i])
            attentions = addContainer(*block, "attentions");
        for (int64_t j = 0; j < c.layersPerBlock[i]; ++j) {
            const int64_t in = j == 0 ? (i == 0 ? ch[0] : ch[i - 1]) : ch[i];
            m_down[i].resnets.push_back(resnets->register_module(
                std::to_string(j), ResnetBlock(in, ch[i], temb, c.normGroups, c.normEps, options)));
            if (attentions) {
                m_down[i].attentions.push_back(attentions->register_module(std::to_string(j),
                    std::make_shared<UNetTransformerImpl>(
                        ch[i], c.attentionHeads[i], c.transformerLayers[i], c, options)));
            }
        }
        if (i + 1 < levels) {
            m_down[i].downsampler = addContainer(*block, "downsamplers")
                                        ->register_module("0", Downsample(ch[i], /*asymmetricPad=*/false, options));
        }
    }
}

void UNetImpl::buildMidBlock(const at::TensorOptions& options)
{
    const UNetConfig& c = m_config;
    const int64_t temb = c.timeEmbedChannels();
    const int64_t groups = c.normGroups;
    const double eps = c.normEps;
    const std::vector<int64_t>& ch = c.blockOutChannels;
    auto mid = addContainer(*this, "mid_block");
    auto midResnets = addContainer(*mid, "resnets");
    m_midResnet1 = midResnets->register_module("0", ResnetBlock(ch.back(), ch.back(), temb, groups, eps, options));
    m_midResnet2 = midResnets->register_module("1", ResnetBlock(ch.back(), ch.back(), temb, groups, eps, options));
    m_midAttention = addContainer(*mid, "attentions")
                         ->register_module("0",
                             std::make_shared<UNetTransformerImpl>(
                                 ch.back(), c.attentionHeads.back(), c.transformerLayers.back(), c, options));
}

void UNetImpl::buildUpBlocks(const at::TensorOptions& options)
{
    const UNetConfig& c = m_config;
    const int64_t levels = c.levels();
    const int64_t temb = c.timeEmbedChannels();
    const std::vector<int64_t>& ch = c.blockOutChannels;
    auto upBlocks = addContainer(*this, "up_blocks");
    m_up.resize(levels);
    for (int64_t i = 0; i < levels; ++i) {
        const int64_t level = levels - 1 - i; // the down level this up block mirrors
        const int64_t out = ch[level];
        const int64_t prevOut = i == 0 ? ch.back() : ch[level + 1];
        const int64_t skipIn = ch[std::max<int64_t>(level - 1, 0)];
        const int64_t layers = c.layersPerBlock[level] + 1;
        const int64_t transformerLayers
            = c.upTransformerLayers.empty() ? c.transformerLayers[level] : c.upTransformerLayers[i];
        auto block = addContainer(*upBlocks, std::to_string(i));
        auto resnets = addContainer(*block, "resnets");
        std::shared_ptr<torch::nn::Module> attentions;
        if (c.upCrossAttention[i])
            attentions = addContainer(*block, "attentions");
        for (int64_t j = 0; j < layers; ++j) {
            const int64_t skip = j == layers - 1 ? skipIn : out;
            const int64_t in = j == 0 ? prevOut : out;
            m_up[i].resnets.push_back(resnets->register_module(
                std::to_string(j), ResnetBlock(in + skip, out, temb, c.normGroups, c.normEps, options)));
            if (attentions) {
                m_up[i].attentions.push_back(attentions->register_module(std::to_string(j),
                    std::make_shared<UNetTransformerImpl>(
                        out, c.attentionHeads[level], transformerLayers, c, options)));
            }
        }
        if (i + 1 < levels)
            m_up[i].upsampler = addContainer(*block, "upsamplers")->register_module("0", Upsample(out, options));
    }
}

at::Tensor sinusoidalEmbedding(const at::Tensor& values, int64_t channels, bool flipSinToCos, double freqShift)
{
    const int64_t half = channels / 2;
    const at::TensorOptions f32 = values.options().dtype(at::kFloat);
    const at::Tensor exponent = (at::arange(half, f32) * (-std::log(10000.0))) / (double(half) - freqShift);
    const at::Tensor args = values.to(at::kFloat).reshape({ -1, 1 }) * at::exp(exponent).reshape({ 1, -1 });
    at::Tensor emb
        = flipSinToCos ? at::cat({ at::cos(args), at::sin(args) }, -1) : at::cat({ at::sin(args), at::cos(args) }, -1);
    if (channels % 2 != 0)
        emb = at::constant_pad_nd(emb, { 0, 1 }, 0);
    return emb;
}

at::Tensor UNetImpl::timeEmbedding(const at::Tensor& timestep, int64_t batch, const UNetAddedConditioning* added)
{
    at::Tensor t = timestep.reshape({ -1 });
    if (t.numel() == 1)
        t = t.expand({ batch });
    else if (t.numel() != batch)
        throw EngineError("UNet: " + std::to_string(t.numel()) + " timesteps for a batch of " + std::to_string(batch));

    const int64_t channels = m_config.blockOutChannels[0];
    const at::ScalarType dtype = m_timeLinear1->weight.scalar_type();
    at::Tensor emb = sinusoidalEmbedding(t, channels, m_config.flipSinToCos, m_config.freqShift).to(dtype);
    emb = m_timeLinear1->forward(emb);
    at::silu_(emb);
    emb = m_timeLinear2->forward(emb);

    if (m_config.textTimeEmbedding) {
        if (!added || !added->textEmbeds.defined() || !added->timeIds.defined())
            throw EngineError("this SDXL UNet needs pooled text embeddings and time ids");
        const at::Tensor& text = added->textEmbeds;
        const at::Tensor& ids = added->timeIds;
        const int64_t expected = m_config.projectionClassEmbeddingsInputDim;
        if (text.dim() != 2 || ids.dim() != 2 || text.size(0) != batch || ids.size(0) != batch
            || text.size(1) + ids.size(1) * m_config.additionTimeEmbedDim != expected) {
            std::ostringstream s;
            s << "UNet: pooled text " << text.sizes() << " and time ids " << ids.sizes() << " do not make the "
              << expected << "-wide added conditioning for a batch of " << batch;
            throw EngineError(s.str());
        }
        const at::Tensor timeEmbeds = sinusoidalEmbedding(
            ids.reshape({ -1 }), m_config.additionTimeEmbedDim, m_config.flipSinToCos, m_config.freqShift)
                                          .reshape({ batch, -1 });
        at::Tensor aug = at::cat({ text.to(at::kFloat), timeEmbeds }, -1).to(dtype);
        aug = m_addLinear1->forward(aug);
        at::silu_(aug);
        emb.add_(m_addLinear2->forward(aug));
    }
    return emb;
}

at::Tensor UNetImpl::forward(const at::Tensor& sampleIn, const at::Tensor& timestep, const at::Tensor& contextIn,
    const UNetAddedConditioning* added)
{
    return run(sampleIn, timestep, contextIn, added, nullptr, false, 0);
}

at::Tensor UNetImpl::forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
    const UNetAddedConditioning* added, UNetStepCache& cache, bool reuse)
{
    return forward(sample, timestep, context, added, 0.0, &cache, reuse);
}

at::Tensor UNetImpl::forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
    const UNetAddedConditioning* added, double tokenMerge, UNetStepCache* cache, bool reuse)
{
    if (!(tokenMerge >= 0 && tokenMerge <= kMaxTokenMerge)) {
        std::ostringstream s;
        s << "UNet: the token merging ratio " << tokenMerge << " is not from 0 to " << kMaxTokenMerge;
        throw EngineError(s.str());
    }
    if (!cache)
        return run(sample, timestep, context, added, nullptr, false, tokenMerge);
    if (cache->branch < 0 || cache->branch >= skipBranches())
        throw EngineError("UNet: step-cache branch " + std::to_string(cache->branch) + " is not one of its "
            + std::to_string(skipBranches()) + " skip branches");
    // The kept feature fits when it came from the same batch and latent size (its own size follows from them).
    const bool fits = cache->feature.defined() && sample.dim() == 4 && cache->feature.size(0) == sample.size(0)
        && cache->featureSize == std::vector<int64_t> { sample.size(2), sample.size(3) };
    return run(sample, timestep, context, added, cache, reuse && fits, tokenMerge);
}

int64_t UNetImpl::tokenMergeLevel() const
{
    for (size_t i = 0; i < m_down.size(); ++i) {
        if (!m_down[i].attentions.empty())
            return int64_t(i);
    }
    return -1;
}

int64_t UNetImpl::skipBranches() const
{
    int64_t n = 1; // conv_in
    for (const Level& level : m_down)
        n += int64_t(level.resnets.size()) + (level.downsampler ? 1 : 0);
    return n;
}

at::Tensor UNetImpl::run(const at::Tensor& sampleIn, const at::Tensor& timestep, const at::Tensor& contextIn,
    const UNetAddedConditioning* added, UNetStepCache* cache, bool shallow, double tokenMerge)
{
    if (sampleIn.dim() != 4 || sampleIn.size(1) != m_config.inChannels || sampleIn.size(2) < 1
        || sampleIn.size(3) < 1) {
        std::ostringstream s;
        s << "UNet: sample of shape " << sampleIn.sizes() << " is not [B, " << m_config.inChannels << ", H, W]";
        throw EngineError(s.str());
    }
    const int64_t batch = sampleIn.size(0);
    if (contextIn.dim() != 3 || contextIn.size(0) != batch || contextIn.size(2) != m_config.crossAttentionDim
        || contextIn.size(1) < 1) {
        std::ostringstream s;
        s << "UNet: text conditioning of shape " << contextIn.sizes() << " is not [" << batch << ", L, "
          << m_config.crossAttentionDim << "]";
        throw EngineError(s.str());
    }
    if (!timestep.defined() || (timestep.numel() != 1 && timestep.numel() != batch))
        throw EngineError("UNet: the timestep must be a scalar or one value per batch item");

    // The module's own dtype, which to() may have changed since construction.
    const at::ScalarType dtype = m_convIn->weight.scalar_type();
    const at::Tensor sample = sampleIn.to(dtype);
    const at::Tensor context = contextIn.to(dtype);
    at::Tensor temb = timeEmbedding(timestep, batch, added);
    at::silu_(temb); // every resnet applies SiLU before its projection

    // Step caching: the shallow path stops the down path once it has pushed skip `branch`, and starts the
    // up path at the resnet that takes that skip (up resnet k takes skip total - 1 - k), on the kept feature.
    const int64_t total = skipBranches();
    const int64_t branch = cache ? cache->branch : -1;
    const int64_t enter = cache ? total - 1 - branch : -1; // the up resnet of the branch
    std::vector<at::Tensor> skips;
    at::Tensor h = m_convIn->forward(sample);
    skips.push_back(h);
    const auto downDone = [&] { return shallow && int64_t(skips.size()) > branch; };
    // Token merging: in the transformers of one level (down and up), the highest resolution that has them.
    const int64_t mergeLevel = tokenMerge > 0 ? tokenMergeLevel() : -1;
    const int64_t levels = int64_t(m_down.size());
    for (int64_t i = 0; i < levels; ++i) {
        Level& level = m_down[size_t(i)];
        const double merge = i == mergeLevel ? tokenMerge : 0.0;
        for (size_t j = 0; j < level.resnets.size() && !downDone(); ++j) {
            h = level.resnets[j]->forward(h, temb);
            if (!level.attentions.empty())
                h = level.attentions[j]->forward(h, context, merge);
            skips.push_back(h);
        }
        if (level.downsampler && !downDone()) {
            h = level.downsampler->forward(h);
            skips.push_back(h);
        }
    }

    if (shallow) {
        h = cache->feature;
        ++cache->cachedCalls;
    } else {
        h = m_midResnet1->forward(h, temb);
        h = m_midAttention->forward(h, context);
        h = m_midResnet2->forward(h, temb);
        if (cache)
            ++cache->fullCalls;
    }

    int64_t k = 0; // up resnets so far
    for (int64_t i = 0; i < levels; ++i) {
        Level& level = m_up[size_t(i)];
        const double merge = mergeLevel >= 0 && i == levels - 1 - mergeLevel ? tokenMerge : 0.0;
        bool ran = false;
        for (size_t j = 0; j < level.resnets.size(); ++j, ++k) {
            if (shallow && k < enter)
                continue;
            if (cache && !shallow && k == enter) {
                cache->feature = h;
                cache->featureSize = { sample.size(2), sample.size(3) };
            }
            h = at::cat({ h, skips.back() }, 1);
            skips.pop_back();
            h = level.resnets[j]->forward(h, temb);
            if (!level.attentions.empty())
                h = level.attentions[j]->forward(h, context, merge);
            ran = true;
        }
        // To the skip's size rather than x2: latents whose size is not a multiple of 2^(levels-1).
        if (level.upsampler && ran)
            h = level.upsampler->forward(h, skips.back().size(2), skips.back().size(3));
    }

    h = m_normOut->forward(h, /*silu=*/true);
    return m_convOut->forward(h);
}

UNet loadUNet(const ModelFiles& files, const at::TensorOptions& options, const LoadProgress& progress)
{
    UNet unet(UNetConfig::forModel(files), options);
    loadModule(*unet, files.weights(Component::Unet), progress);
    return unet;
}

} // namespace easel::engine
