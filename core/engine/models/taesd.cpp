// SPDX-License-Identifier: MIT
#include "engine/models/taesd.h"

#include "engine/common/error.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>

#include <set>

namespace easel::engine {

namespace {

constexpr int64_t kWidth = 64;

const char* kindName(TaesdImpl::Kind kind)
{
    return kind == TaesdImpl::Kind::Encoder ? "encoder" : "decoder";
}

/// Where a parameter of TaesdImpl (named as taesd.py's nn.Sequential: "<index>.<rest>") lives in a file.
/// diffusers' AutoencoderTiny nests the halves as "encoder.layers.<index>" / "decoder.layers.<index>"; its
/// DecoderTiny applies the tanh clamp in forward() rather than as layer 0, so decoder indices are one less.
/// The encoders number alike (EncoderTiny and taesd.py both start with the first conv).
std::string fileKey(const std::string& name, TaesdImpl::Kind kind, bool diffusers)
{
    if (!diffusers)
        return name;
    const size_t dot = name.find('.');
    const int shift = kind == TaesdImpl::Kind::Decoder ? 1 : 0;
    const int index = std::stoi(name.substr(0, dot)) - shift;
    return std::string(kindName(kind)) + ".layers." + std::to_string(index) + name.substr(dot);
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

TaesdBlockImpl::TaesdBlockImpl(int64_t in, int64_t out, const at::TensorOptions& options)
{
    auto conv = register_module("conv", std::make_shared<torch::nn::Module>());
    m_conv0 = conv->register_module("0", Conv2d(in, out, 3, 1, 1, options));
    m_conv2 = conv->register_module("2", Conv2d(out, out, 3, 1, 1, options));
    m_conv4 = conv->register_module("4", Conv2d(out, out, 3, 1, 1, options));
    if (in != out)
        m_skip = register_module("skip", Conv2d(in, out, 1, 1, 0, options, /*bias=*/false));
}

at::Tensor TaesdBlockImpl::forward(const at::Tensor& x)
{
    const at::Tensor h = m_conv4(at::relu(m_conv2(at::relu(m_conv0(x)))));
    return at::relu(h + (m_skip ? m_skip(x) : x));
}

TaesdImpl::TaesdImpl(Kind kind, int64_t latentChannels, const at::TensorOptions& options)
    : m_kind(kind)
    , m_latentChannels(latentChannels)
{
    if (latentChannels <= 0)
        throw EngineError("TAESD: invalid latent channel count " + std::to_string(latentChannels));
    auto add = [&](Op op, std::shared_ptr<torch::nn::Module> module = nullptr) {
        if (module)
            register_module(std::to_string(m_steps.size()), module);
        m_steps.push_back({ op, std::move(module) });
    };
    auto conv = [&](int64_t in, int64_t out, int64_t stride = 1, bool bias = true) {
        add(Op::Conv, Conv2d(in, out, 3, stride, 1, options, bias).ptr());
    };
    auto block = [&]() { add(Op::Block, TaesdBlock(kWidth, kWidth, options).ptr()); };

    if (kind == Kind::Encoder) {
        conv(3, kWidth);
        block();
        for (int stage = 0; stage < 3; ++stage) {
            conv(kWidth, kWidth, 2, false);
            block();
            block();
            block();
        }
        conv(kWidth, latentChannels);
    } else {
        add(Op::Clamp);
        conv(latentChannels, kWidth);
        add(Op::Relu);
        for (int stage = 0; stage < 3; ++stage) {
            block();
            block();
            block();
            add(Op::Upsample);
            conv(kWidth, kWidth, 1, false);
        }
        block();
        conv(kWidth, 3);
    }
}

at::Tensor TaesdImpl::forward(const at::Tensor& input)
{
    const int64_t channels = m_kind == Kind::Encoder ? 3 : m_latentChannels;
    if (!input.defined() || input.dim() != 4 || input.size(1) != channels)
        throw EngineError(std::string("TAESD ") + (m_kind == Kind::Encoder ? "encoder" : "decoder") + " expects a [B, "
            + std::to_string(channels) + ", H, W] tensor");
    if (m_kind == Kind::Encoder && (input.size(2) % 8 != 0 || input.size(3) % 8 != 0))
        throw EngineError("TAESD encoder: image sides must be multiples of 8");
    at::NoGradGuard noGrad;
    const at::Tensor reference = parameters().front();
    at::Tensor x = input.to(reference.device(), reference.scalar_type());
    for (const Step& step : m_steps) {
        switch (step.op) {
        case Op::Clamp:
            x = at::tanh(x / 3) * 3;
            break;
        case Op::Relu:
            x = at::relu(x);
            break;
        case Op::Upsample:
            x = at::upsample_nearest2d(x, { x.size(2) * 2, x.size(3) * 2 });
            break;
        case Op::Conv:
            x = std::static_pointer_cast<Conv2dImpl>(step.module)->forward(x);
            break;
        case Op::Block:
            x = std::static_pointer_cast<TaesdBlockImpl>(step.module)->forward(x);
            break;
        }
    }
    return x;
}

Taesd loadTaesd(const std::string& path, TaesdImpl::Kind kind, const at::TensorOptions& options)
{
    const SafetensorsFile file(path);
    bool diffusers = false;
    for (const TensorEntry& entry : file.tensors())
        diffusers = diffusers || startsWith(entry.name, "encoder.layers.") || startsWith(entry.name, "decoder.layers.");
    // Only the asked-for half of a diffusers file is read; every tensor of it must be used.
    const std::string scope = diffusers ? std::string(kindName(kind)) + ".layers." : std::string();

    // The latent width is the one non-64 side of the latent-facing conv.
    const std::string latentConv
        = fileKey(kind == TaesdImpl::Kind::Encoder ? "14.weight" : "1.weight", kind, diffusers);
    const TensorEntry* entry = file.find(latentConv);
    if (!entry || entry->shape.size() != 4)
        throw EngineError(fileError(path,
            std::string("not a TAESD ") + kindName(kind) + " (no 4-D tensor '" + latentConv + "')"));
    const int64_t latentChannels = kind == TaesdImpl::Kind::Encoder ? entry->shape[0] : entry->shape[1];
    Taesd model(kind, latentChannels, options);

    at::NoGradGuard noGrad;
    std::set<std::string> used;
    for (auto& item : model->named_parameters(/*recurse=*/true)) {
        const std::string key = fileKey(item.key(), kind, diffusers);
        const TensorEntry* source = file.find(key);
        if (!source)
            throw EngineError(tensorError(path, key, "missing from this TAESD file"));
        if (source->shape != item.value().sizes().vec())
            throw EngineError(tensorError(path, key, "has an unexpected shape"));
        const at::Tensor stored = file.tensor(*source);
        if (!stored.is_floating_point())
            throw EngineError(tensorError(path, key,
                std::string("stored as ") + dtypeName(source->dtype) + ", not a floating-point type (corrupt file?)"));
        if (!at::isfinite(stored).all().item<bool>())
            throw EngineError(tensorError(path, key, "contains NaN or infinite values (corrupt file?)"));
        item.value().copy_(stored);
        file.release(*source);
        used.insert(key);
    }
    // A leftover tensor means another architecture (more blocks, other widths): refuse rather than
    // load part of it.
    for (const TensorEntry& e : file.tensors()) {
        if (startsWith(e.name, scope) && used.count(e.name) == 0)
            throw EngineError(tensorError(path, e.name, std::string("is not part of a TAESD ") + kindName(kind)));
    }
    return model;
}

at::Tensor latentPreview(const at::Tensor& latents, ModelFamily family)
{
    if (!latents.defined() || latents.dim() != 4 || latents.size(1) != 4)
        throw EngineError("latent preview expects [B, 4, h, w] latents");
    // Rows: latent channels; columns: R, G, B (ComfyUI's latent_rgb_factors).
    static const float sd1[4][3] = {
        { 0.3512f, 0.2297f, 0.3227f },
        { 0.3250f, 0.4974f, 0.2350f },
        { -0.2829f, 0.1762f, 0.2721f },
        { -0.2120f, -0.2616f, -0.7177f },
    };
    static const float sdxl[4][3] = {
        { 0.3651f, 0.4232f, 0.4341f },
        { -0.2533f, -0.0042f, 0.1068f },
        { 0.1076f, 0.1111f, -0.0362f },
        { -0.3165f, -0.2492f, -0.2188f },
    };
    static const float sd1Bias[3] = { 0.0f, 0.0f, 0.0f };
    static const float sdxlBias[3] = { 0.1084f, -0.0175f, -0.0011f };

    const float(*factors)[3] = nullptr;
    const float* bias = nullptr;
    switch (family) {
    case ModelFamily::SD1:
    case ModelFamily::SD2:
        factors = sd1;
        bias = sd1Bias;
        break;
    case ModelFamily::SDXLBase:
    case ModelFamily::SDXLRefiner:
        factors = sdxl;
        bias = sdxlBias;
        break;
    case ModelFamily::Unknown:
        throw EngineError("latent preview: unknown model family", EngineError::Kind::Unsupported);
    }
    at::NoGradGuard noGrad;
    const auto opts = at::TensorOptions().dtype(at::kFloat);
    const at::Tensor matrix = at::from_blob(const_cast<float*>(&factors[0][0]), { 4, 3 }, opts).to(latents.device());
    const at::Tensor offset = at::from_blob(const_cast<float*>(bias), { 3 }, opts).to(latents.device());
    const at::Tensor rgb = at::matmul(latents.to(at::kFloat).permute({ 0, 2, 3, 1 }), matrix) + offset;
    return ((rgb + 1.0) * 0.5).clamp(0.0, 1.0).permute({ 0, 3, 1, 2 }).contiguous();
}

} // namespace easel::engine
