// SPDX-License-Identifier: MIT
#include "engine/models/resnet.h"

#include <ATen/ATen.h>

namespace easel::engine {

std::shared_ptr<torch::nn::Module> addContainer(torch::nn::Module& parent, const std::string& name)
{
    return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

ResnetBlockImpl::ResnetBlockImpl(
    int64_t in, int64_t out, int64_t tembChannels, int64_t groups, double eps, const at::TensorOptions& options)
{
    m_norm1 = register_module("norm1", GroupNorm(groups, in, eps, options));
    m_conv1 = register_module("conv1", Conv2d(in, out, 3, 1, 1, options));
    if (tembChannels > 0)
        m_timeProj = register_module("time_emb_proj", Linear(tembChannels, out, true, options));
    m_norm2 = register_module("norm2", GroupNorm(groups, out, eps, options));
    m_conv2 = register_module("conv2", Conv2d(out, out, 3, 1, 1, options));
    if (in != out)
        m_shortcut = register_module("conv_shortcut", Conv2d(in, out, 1, 1, 0, options));
}

at::Tensor ResnetBlockImpl::forward(const at::Tensor& x, const at::Tensor& tembActivated)
{
    at::Tensor h = m_norm1->forward(x, /*silu=*/true);
    h = m_conv1->forward(h);
    if (m_timeProj && tembActivated.defined()) {
        const at::Tensor t = m_timeProj->forward(tembActivated);
        h.add_(t.reshape({ t.size(0), t.size(1), 1, 1 }));
    }
    h = m_norm2->forward(h, /*silu=*/true);
    h = m_conv2->forward(h);
    if (m_shortcut)
        return h.add_(m_shortcut->forward(x));
    return h.add_(x);
}

DownsampleImpl::DownsampleImpl(int64_t channels, bool asymmetricPad, const at::TensorOptions& options)
    : m_asymmetricPad(asymmetricPad)
{
    m_conv = register_module("conv", Conv2d(channels, channels, 3, 2, asymmetricPad ? 0 : 1, options));
}

at::Tensor DownsampleImpl::forward(const at::Tensor& x)
{
    if (m_asymmetricPad)
        return m_conv->forward(at::constant_pad_nd(x, { 0, 1, 0, 1 }, 0));
    return m_conv->forward(x);
}

UpsampleImpl::UpsampleImpl(int64_t channels, const at::TensorOptions& options)
{
    m_conv = register_module("conv", Conv2d(channels, channels, 3, 1, 1, options));
}

at::Tensor UpsampleImpl::forward(const at::Tensor& x, int64_t height, int64_t width)
{
    if (height <= 0 || width <= 0) {
        height = x.size(2) * 2;
        width = x.size(3) * 2;
    }
    return m_conv->forward(at::upsample_nearest2d(x, at::IntArrayRef { height, width }, c10::nullopt, c10::nullopt));
}

} // namespace easel::engine
