// SPDX-License-Identifier: MIT
#include "engine/models/vae.h"

#include "engine/common/error.h"
#include "engine/models/attention.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <functional>
#include <sstream>

namespace easel::engine {

namespace {

constexpr double kVaeEps = 1e-6;

// diffusers Attention in the VAE mid block: one head over all positions, biased projections,
// GroupNorm first and a residual connection.
class VaeAttentionImpl : public torch::nn::Module, public AttentionLayer {
public:
    VaeAttentionImpl(int64_t channels, int64_t groups, const at::TensorOptions& options)
    {
        m_norm = register_module("group_norm", GroupNorm(groups, channels, kVaeEps, options));
        m_toQ = register_module("to_q", Linear(channels, channels, true, options));
        m_toK = register_module("to_k", Linear(channels, channels, true, options));
        m_toV = register_module("to_v", Linear(channels, channels, true, options));
        m_toOut = addContainer(*this, "to_out")->register_module("0", Linear(channels, channels, true, options));
    }

    at::Tensor forward(const at::Tensor& x)
    {
        const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        const at::Tensor tokens = m_norm->forward(x).reshape({ b, c, h * w }).transpose(1, 2);
        const at::Tensor q = m_toQ->forward(tokens), k = m_toK->forward(tokens), v = m_toV->forward(tokens);
        // The [N, N] scores of a large latent do not fit in memory at once on the CPU path: there
        // the unsliced modes (Auto in fp32, Matmul) are sliced.
        AttentionMode mode = attentionMode();
        if (h * w > 4096 && !x.is_cuda() && (mode == AttentionMode::Auto || mode == AttentionMode::Matmul))
            mode = AttentionMode::Sliced;
        const at::Tensor out = m_toOut->forward(multiHeadAttention(q, k, v, 1, false, mode));
        return out.transpose(1, 2).reshape({ b, c, h, w }).add_(x);
    }

private:
    GroupNorm m_norm { nullptr };
    Linear m_toQ { nullptr }, m_toK { nullptr }, m_toV { nullptr }, m_toOut { nullptr };
};
TORCH_MODULE(VaeAttention);

// UNetMidBlock2D without time embedding: resnet, (attention), resnet.
class VaeMidBlockImpl : public torch::nn::Module {
public:
    VaeMidBlockImpl(int64_t channels, int64_t groups, bool attention, const at::TensorOptions& options)
    {
        auto resnets = addContainer(*this, "resnets");
        m_resnet1 = resnets->register_module("0", ResnetBlock(channels, channels, 0, groups, kVaeEps, options));
        if (attention)
            m_attention
                = addContainer(*this, "attentions")->register_module("0", VaeAttention(channels, groups, options));
        m_resnet2 = resnets->register_module("1", ResnetBlock(channels, channels, 0, groups, kVaeEps, options));
    }

    at::Tensor forward(at::Tensor x)
    {
        x = m_resnet1->forward(x);
        if (m_attention)
            x = m_attention->forward(x);
        return m_resnet2->forward(x);
    }

private:
    ResnetBlock m_resnet1 { nullptr }, m_resnet2 { nullptr };
    VaeAttention m_attention { nullptr };
};
TORCH_MODULE(VaeMidBlock);

std::vector<int64_t> tileStarts(int64_t size, int64_t tile, int64_t overlap)
{
    if (size <= tile)
        return { 0 };
    std::vector<int64_t> starts;
    for (int64_t s = 0;; s += tile - overlap) {
        if (s + tile >= size) {
            starts.push_back(size - tile);
            return starts;
        }
        starts.push_back(s);
    }
}

// Linear ramps over the parts of tile `k` (output units) that neighbouring tiles also cover.
at::Tensor rampWeights(const std::vector<int64_t>& starts, size_t k, int64_t tile, int64_t scaleNum, int64_t scaleDen)
{
    const int64_t length = tile * scaleNum / scaleDen;
    const double left = k > 0 ? double((starts[k - 1] + tile - starts[k]) * scaleNum / scaleDen) : 0.0;
    const double right = k + 1 < starts.size() ? double((starts[k] + tile - starts[k + 1]) * scaleNum / scaleDen) : 0.0;
    const at::Tensor i = at::arange(length, at::kFloat) + 0.5;
    at::Tensor w = at::ones({ length }, at::kFloat);
    if (left > 0)
        w = w * at::clamp_max(i / left, 1.0);
    if (right > 0)
        w = w * at::clamp_max((double(length) - i) / right, 1.0);
    return w;
}

// Runs `fn` over overlapping tiles of `input` [B, C, H, W] and blends the results, whose spatial
// size is the tile's times scaleNum / scaleDen.
at::Tensor runTiled(const at::Tensor& input, int64_t tile, int64_t overlap, int64_t scaleNum, int64_t scaleDen,
    const std::function<at::Tensor(const at::Tensor&)>& fn)
{
    const int64_t height = input.size(2), width = input.size(3);
    const int64_t tileH = std::min(tile, height), tileW = std::min(tile, width);
    const std::vector<int64_t> ys = tileStarts(height, tile, overlap), xs = tileStarts(width, tile, overlap);
    at::Tensor out, weightSum;
    at::ScalarType dtype = at::kFloat;
    for (size_t yi = 0; yi < ys.size(); ++yi) {
        const at::Tensor wy = rampWeights(ys, yi, tileH, scaleNum, scaleDen);
        for (size_t xi = 0; xi < xs.size(); ++xi) {
            const at::Tensor wx = rampWeights(xs, xi, tileW, scaleNum, scaleDen);
            const at::Tensor piece = fn(input.narrow(2, ys[yi], tileH).narrow(3, xs[xi], tileW));
            if (!out.defined()) {
                dtype = piece.scalar_type();
                out = at::zeros(
                    { piece.size(0), piece.size(1), height * scaleNum / scaleDen, width * scaleNum / scaleDen },
                    piece.options().dtype(at::kFloat));
                weightSum = at::zeros({ 1, 1, out.size(2), out.size(3) }, out.options());
            }
            const at::Tensor mask = (wy.reshape({ -1, 1 }) * wx.reshape({ 1, -1 })).to(out.device());
            const int64_t oy = ys[yi] * scaleNum / scaleDen, ox = xs[xi] * scaleNum / scaleDen;
            out.narrow(2, oy, mask.size(0)).narrow(3, ox, mask.size(1)).add_(piece.to(at::kFloat) * mask);
            weightSum.narrow(2, oy, mask.size(0)).narrow(3, ox, mask.size(1)).add_(mask);
        }
    }
    return out.div_(weightSum).to(dtype);
}

int64_t shapeDim(const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& name, size_t dim)
{
    const auto it = shapes.find(name);
    if (it == shapes.end() || it->second.size() <= dim)
        throw EngineError("the VAE has no tensor '" + name + "'");
    return it->second[dim];
}

} // namespace

class VaeEncoderImpl : public torch::nn::Module {
public:
    VaeEncoderImpl(const VaeConfig& c, const at::TensorOptions& options)
    {
        const std::vector<int64_t>& ch = c.blockOutChannels;
        m_convIn = register_module("conv_in", Conv2d(c.inChannels, ch[0], 3, 1, 1, options));
        auto downBlocks = addContainer(*this, "down_blocks");
        for (size_t i = 0; i < ch.size(); ++i) {
            auto block = addContainer(*downBlocks, std::to_string(i));
            auto resnets = addContainer(*block, "resnets");
            for (int64_t j = 0; j < c.layersPerBlock; ++j) {
                const int64_t in = j == 0 ? ch[i == 0 ? 0 : i - 1] : ch[i];
                m_resnets.push_back(resnets->register_module(
                    std::to_string(j), ResnetBlock(in, ch[i], 0, c.normGroups, kVaeEps, options)));
            }
            m_levelEnds.push_back(m_resnets.size());
            if (i + 1 < ch.size()) {
                m_downsamplers.push_back(
                    addContainer(*block, "downsamplers")
                        ->register_module("0", Downsample(ch[i], /*asymmetricPad=*/true, options)));
            }
        }
        m_mid = register_module("mid_block", VaeMidBlock(ch.back(), c.normGroups, c.midAttention, options));
        m_normOut = register_module("conv_norm_out", GroupNorm(c.normGroups, ch.back(), kVaeEps, options));
        m_convOut = register_module("conv_out", Conv2d(ch.back(), 2 * c.latentChannels, 3, 1, 1, options));
    }

    at::Tensor forward(const at::Tensor& image)
    {
        at::Tensor h = m_convIn->forward(image);
        size_t r = 0;
        for (size_t level = 0; level < m_levelEnds.size(); ++level) {
            for (; r < m_levelEnds[level]; ++r)
                h = m_resnets[r]->forward(h);
            if (level < m_downsamplers.size())
                h = m_downsamplers[level]->forward(h);
        }
        h = m_normOut->forward(m_mid->forward(h), /*silu=*/true);
        return m_convOut->forward(h);
    }

private:
    Conv2d m_convIn { nullptr }, m_convOut { nullptr };
    std::vector<ResnetBlock> m_resnets;
    std::vector<size_t> m_levelEnds;
    std::vector<Downsample> m_downsamplers;
    VaeMidBlock m_mid { nullptr };
    GroupNorm m_normOut { nullptr };
};

class VaeDecoderImpl : public torch::nn::Module {
public:
    VaeDecoderImpl(const VaeConfig& c, const at::TensorOptions& options)
    {
        const std::vector<int64_t>& ch = c.blockOutChannels;
        const size_t levels = ch.size();
        m_convIn = register_module("conv_in", Conv2d(c.latentChannels, ch.back(), 3, 1, 1, options));
        m_mid = register_module("mid_block", VaeMidBlock(ch.back(), c.normGroups, c.midAttention, options));
        auto upBlocks = addContainer(*this, "up_blocks");
        for (size_t i = 0; i < levels; ++i) {
            const int64_t out = ch[levels - 1 - i];
            const int64_t prevOut = ch[levels - 1 - (i == 0 ? 0 : i - 1)];
            auto block = addContainer(*upBlocks, std::to_string(i));
            auto resnets = addContainer(*block, "resnets");
            for (int64_t j = 0; j < c.layersPerBlock + 1; ++j) {
                m_resnets.push_back(resnets->register_module(
                    std::to_string(j), ResnetBlock(j == 0 ? prevOut : out, out, 0, c.normGroups, kVaeEps, options)));
            }
            m_levelEnds.push_back(m_resnets.size());
            if (i + 1 < levels)
                m_upsamplers.push_back(
                    addContainer(*block, "upsamplers")->register_module("0", Upsample(out, options)));
        }
        m_normOut = register_module("conv_norm_out", GroupNorm(c.normGroups, ch[0], kVaeEps, options));
        m_convOut = register_module("conv_out", Conv2d(ch[0], c.outChannels, 3, 1, 1, options));
    }

    at::Tensor forward(const at::Tensor& latents)
    {
        at::Tensor h = m_mid->forward(m_convIn->forward(latents));
        size_t r = 0;
        for (size_t level = 0; level < m_levelEnds.size(); ++level) {
            for (; r < m_levelEnds[level]; ++r)
                h = m_resnets[r]->forward(h);
            if (level < m_upsamplers.size())
                h = m_upsamplers[level]->forward(h);
        }
        h = m_normOut->forward(h, /*silu=*/true);
        return m_convOut->forward(h);
    }

private:
    Conv2d m_convIn { nullptr }, m_convOut { nullptr };
    VaeMidBlock m_mid { nullptr };
    std::vector<ResnetBlock> m_resnets;
    std::vector<size_t> m_levelEnds;
    std::vector<Upsample> m_upsamplers;
    GroupNorm m_normOut { nullptr };
};

void VaeConfig::validate() const
{
    auto fail = [](const std::string& what) { throw EngineError("invalid VAE configuration: " + what); };
    if (blockOutChannels.empty() || blockOutChannels.size() > 8)
        fail("unsupported number of blocks");
    if (inChannels <= 0 || outChannels <= 0 || latentChannels <= 0 || layersPerBlock <= 0 || normGroups <= 0)
        fail("non-positive sizes");
    for (int64_t ch : blockOutChannels) {
        if (ch <= 0 || ch % normGroups != 0)
            fail("block channels " + std::to_string(ch) + " not a multiple of " + std::to_string(normGroups)
                + " groups");
    }
    if (!(scalingFactor > 0))
        fail("non-positive scaling factor");
}

double VaeConfig::familyScalingFactor(ModelFamily family)
{
    return family == ModelFamily::SDXLBase || family == ModelFamily::SDXLRefiner ? 0.13025 : 0.18215;
}

VaeConfig VaeConfig::fromJson(const nlohmann::json& j, ModelFamily family)
{
    if (!j.is_object())
        throw EngineError("VAE config is not a JSON object");
    try {
        VaeConfig c;
        auto intOr = [&](const char* key, int64_t fallback) {
            const auto it = j.find(key);
            return it == j.end() || it->is_null() ? fallback : it->get<int64_t>();
        };
        const auto channels = j.find("block_out_channels");
        if (channels == j.end() || !channels->is_array() || channels->empty())
            throw EngineError("VAE config has no block_out_channels");
        c.blockOutChannels = channels->get<std::vector<int64_t>>();
        for (const char* key : { "down_block_types", "up_block_types" }) {
            const auto types = j.value(key, std::vector<std::string> {});
            for (const std::string& t : types) {
                if (t != "DownEncoderBlock2D" && t != "UpDecoderBlock2D")
                    throw EngineError(
                        "this VAE uses a " + t + ", which Easel does not support", EngineError::Kind::Unsupported);
            }
            if (!types.empty() && types.size() != c.blockOutChannels.size())
                throw EngineError("VAE config: block types do not match block_out_channels");
        }
        const auto act = j.find("act_fn");
        if (act != j.end() && act->is_string() && *act != "silu")
            throw EngineError(
                "this VAE uses the activation " + act->get<std::string>() + ", which Easel does not support",
                EngineError::Kind::Unsupported);
        c.inChannels = intOr("in_channels", 3);
        c.outChannels = intOr("out_channels", 3);
        c.latentChannels = intOr("latent_channels", 4);
        c.layersPerBlock = intOr("layers_per_block", 2);
        c.normGroups = intOr("norm_num_groups", 32);
        const auto midAttention = j.find("mid_block_add_attention");
        c.midAttention = midAttention == j.end() || midAttention->is_null() || midAttention->get<bool>();
        const auto scaling = j.find("scaling_factor");
        c.scalingFactor
            = scaling != j.end() && scaling->is_number() ? scaling->get<double>() : familyScalingFactor(family);
        c.validate();
        return c;
    } catch (const nlohmann::json::exception& e) {
        throw EngineError(std::string("VAE config: ") + e.what());
    }
}

VaeConfig VaeConfig::infer(const std::map<std::string, std::vector<int64_t>>& shapes, ModelFamily family)
{
    VaeConfig c;
    c.inChannels = shapeDim(shapes, "encoder.conv_in.weight", 1);
    c.outChannels = shapeDim(shapes, "decoder.conv_out.weight", 0);
    c.latentChannels = shapeDim(shapes, "decoder.conv_in.weight", 1);
    c.blockOutChannels.clear();
    while (
        shapes.count("encoder.down_blocks." + std::to_string(c.blockOutChannels.size()) + ".resnets.0.conv1.weight")) {
        c.blockOutChannels.push_back(shapeDim(
            shapes, "encoder.down_blocks." + std::to_string(c.blockOutChannels.size()) + ".resnets.0.conv1.weight", 0));
    }
    if (c.blockOutChannels.empty())
        throw EngineError("the VAE has no encoder blocks");
    c.layersPerBlock = 0;
    while (shapes.count("encoder.down_blocks.0.resnets." + std::to_string(c.layersPerBlock) + ".conv1.weight"))
        ++c.layersPerBlock;
    c.midAttention = shapes.count("decoder.mid_block.attentions.0.to_q.weight") != 0;
    c.scalingFactor = familyScalingFactor(family);
    c.validate();
    return c;
}

VaeConfig VaeConfig::forModel(const ModelFiles& files)
{
    const nlohmann::json config = files.config(Component::Vae);
    if (config.is_object() && !config.empty())
        return fromJson(config, files.info().family);
    const ComponentWeights& weights = files.weights(Component::Vae);
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const std::string& name : weights.names())
        shapes.emplace(name, weights.shape(name));
    return infer(shapes, files.info().family);
}

VaeImpl::VaeImpl(const VaeConfig& config, const at::TensorOptions& options)
    : m_config(config)
{
    m_config.validate();
    const int64_t latent = m_config.latentChannels;
    m_encoder = register_module("encoder", std::make_shared<VaeEncoderImpl>(m_config, options));
    m_decoder = register_module("decoder", std::make_shared<VaeDecoderImpl>(m_config, options));
    m_quantConv = register_module("quant_conv", Conv2d(2 * latent, 2 * latent, 1, 1, 0, options));
    m_postQuantConv = register_module("post_quant_conv", Conv2d(latent, latent, 1, 1, 0, options));
}

at::Tensor VaeImpl::decodeWhole(const at::Tensor& latents)
{
    return m_decoder->forward(m_postQuantConv->forward(latents));
}

at::Tensor VaeImpl::encodeMoments(const at::Tensor& image) { return m_quantConv->forward(m_encoder->forward(image)); }

at::Tensor VaeImpl::decode(const at::Tensor& latentsIn, const VaeTiling& tiling)
{
    if (latentsIn.dim() != 4 || latentsIn.size(1) != m_config.latentChannels || latentsIn.size(2) < 1
        || latentsIn.size(3) < 1) {
        std::ostringstream s;
        s << "VAE: latents of shape " << latentsIn.sizes() << " are not [B, " << m_config.latentChannels << ", h, w]";
        throw EngineError(s.str());
    }
    if (tiling.decodeTile < 1 || tiling.decodeOverlap < 0 || tiling.decodeOverlap >= tiling.decodeTile)
        throw EngineError("VAE: the decode tile overlap must be smaller than the tile");
    const at::Tensor latents = latentsIn.to(m_postQuantConv->weight.scalar_type()); // to() may have changed it
    const bool tiled = tiling.mode == VaeTiling::Mode::Always
        || (tiling.mode == VaeTiling::Mode::Auto && latents.size(2) * latents.size(3) > tiling.autoLatentArea);
    if (!tiled || (latents.size(2) <= tiling.decodeTile && latents.size(3) <= tiling.decodeTile))
        return decodeWhole(latents);
    return runTiled(latents, tiling.decodeTile, tiling.decodeOverlap, m_config.downscale(), 1,
        [this](const at::Tensor& tile) { return decodeWhole(tile); });
}

void VaeImpl::setFormats(const ComputeFormat& decoder, const ComputeFormat& encoder)
{
    restorePackedWeights(*this);
    applyComputeFormat(*m_decoder, decoder);
    applyComputeFormat(*m_postQuantConv, decoder);
    applyComputeFormat(*m_encoder, encoder);
    applyComputeFormat(*m_quantConv, encoder);
}

void VaeImpl::prepareFormats(const ComputeFormat& decoder, const ComputeFormat& encoder)
{
    prepareComputeFormat(*m_decoder, decoder);
    prepareComputeFormat(*m_postQuantConv, decoder);
    prepareComputeFormat(*m_encoder, encoder);
    prepareComputeFormat(*m_quantConv, encoder);
}

LatentDistribution VaeImpl::encode(const at::Tensor& imageIn, const VaeTiling& tiling)
{
    if (imageIn.dim() != 4 || imageIn.size(1) != m_config.inChannels || imageIn.size(2) < 2 || imageIn.size(3) < 2) {
        std::ostringstream s;
        s << "VAE: image of shape " << imageIn.sizes() << " is not [B, " << m_config.inChannels << ", H, W]";
        throw EngineError(s.str());
    }
    const int64_t f = m_config.downscale();
    const at::Tensor image = imageIn.to(m_quantConv->weight.scalar_type());
    const int64_t height = image.size(2), width = image.size(3);
    const bool divisible = height % f == 0 && width % f == 0;
    bool tiled = tiling.mode == VaeTiling::Mode::Always
        || (tiling.mode == VaeTiling::Mode::Auto && divisible && (height / f) * (width / f) > tiling.autoLatentArea);
    if (tiled
        && (!divisible || tiling.encodeTile % f != 0 || tiling.encodeOverlap % f != 0 || tiling.encodeTile <= 0
            || tiling.encodeOverlap < 0 || tiling.encodeOverlap >= tiling.encodeTile))
        throw EngineError("VAE: tiled encoding needs image and tile sizes that are multiples of " + std::to_string(f)
            + " and an overlap smaller than the tile");
    if (height <= tiling.encodeTile && width <= tiling.encodeTile)
        tiled = false;

    const at::Tensor moments = tiled ? runTiled(image, tiling.encodeTile, tiling.encodeOverlap, 1, f,
                                   [this](const at::Tensor& tile) { return encodeMoments(tile); })
                                     : encodeMoments(image);
    const int64_t latent = m_config.latentChannels;
    LatentDistribution dist;
    dist.mean = moments.narrow(1, 0, latent);
    dist.std = at::exp(moments.narrow(1, latent, latent).clamp(-30.0, 20.0) * 0.5);
    return dist;
}

Vae loadVae(const ModelFiles& files, const at::TensorOptions& options, const LoadProgress& progress)
{
    Vae vae(VaeConfig::forModel(files), options);
    loadModule(*vae, files.weights(Component::Vae), progress);
    return vae;
}

} // namespace easel::engine
