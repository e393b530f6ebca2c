// SPDX-License-Identifier: MIT
#include "engine/models/layers.h"

#include "engine/models/directconv.h"
#include "engine/models/fusednorm.h"

#include <ATen/ATen.h>
#include <torch/nn/modules/container/modulelist.h>

namespace easel::engine {

void randomWeights(torch::nn::Module& module, uint64_t seed)
{
    at::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& item : module.named_parameters(/*recurse=*/true)) {
        at::Tensor& p = item.value();
        const std::string& name = item.key();
        const bool isNormScale = name.find("norm") != std::string::npos && name.size() > 7
            && name.compare(name.size() - 7, 7, ".weight") == 0 && p.dim() == 1;
        at::Tensor value;
        if (p.dim() >= 2) {
            const int64_t fanIn = p.numel() / p.size(0);
            value = at::randn(p.sizes(), generator, at::kFloat) / std::sqrt(double(std::max<int64_t>(fanIn, 1)));
        } else if (isNormScale) {
            value = 1.0 + 0.1 * at::randn(p.sizes(), generator, at::kFloat);
        } else {
            value = 0.05 * at::randn(p.sizes(), generator, at::kFloat);
        }
        p.copy_(value);
    }
}

LinearImpl::LinearImpl(int64_t in, int64_t out, bool hasBias, const at::TensorOptions& options)
    : m_direct(std::make_shared<DirectLinear>())
{
    weight = register_parameter("weight", at::empty({ out, in }, options), false);
    if (hasBias)
        bias = register_parameter("bias", at::empty({ out }, options), false);
}

at::Tensor LinearImpl::forward(const at::Tensor& x)
{
    if (at::Tensor y = m_direct->forward(x, weight, bias); y.defined())
        return y;
    m_direct->restore(weight);
    return at::linear(x, weight, bias);
}

void LinearImpl::restoreWeight() { m_direct->restore(weight); }

void LinearImpl::setQuantized(bool on) { m_direct->setQuantized(on); }

Conv2dImpl::Conv2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride_, int64_t padding_,
    const at::TensorOptions& options, bool hasBias)
    : stride(stride_)
    , padding(padding_)
{
    weight = register_parameter("weight", at::empty({ out, in, kernel, kernel }, options), false);
    if (hasBias)
        bias = register_parameter("bias", at::empty({ out }, options), false);
    m_direct = std::make_shared<DirectConv>(stride, padding);
}

at::Tensor Conv2dImpl::forward(const at::Tensor& x)
{
    if (at::Tensor y = m_direct->forward(x, weight, bias); y.defined())
        return y;
    m_direct->restore(weight);
    return at::conv2d(x, weight, bias, { stride, stride }, { padding, padding });
}

void Conv2dImpl::restoreWeight() { m_direct->restore(weight); }

void Conv2dImpl::setQuantized(bool on) { m_direct->setQuantized(on); }

void quantizeLayers(torch::nn::Module& module, bool on)
{
    for (const std::shared_ptr<torch::nn::Module>& m : module.modules(/*include_self=*/true)) {
        if (auto* conv = dynamic_cast<Conv2dImpl*>(m.get()))
            conv->setQuantized(on);
        else if (auto* linear = dynamic_cast<LinearImpl*>(m.get()))
            linear->setQuantized(on);
    }
}

void restorePackedWeights(torch::nn::Module& module)
{
    for (const std::shared_ptr<torch::nn::Module>& m : module.modules(/*include_self=*/true)) {
        if (auto* conv = dynamic_cast<Conv2dImpl*>(m.get()))
            conv->restoreWeight();
        else if (auto* linear = dynamic_cast<LinearImpl*>(m.get()))
            linear->restoreWeight();
    }
}

GroupNormImpl::GroupNormImpl(int64_t groups_, int64_t channels, double eps_, const at::TensorOptions& options)
    : groups(groups_)
    , eps(eps_)
{
    weight = register_parameter("weight", at::empty({ channels }, options), false);
    bias = register_parameter("bias", at::empty({ channels }, options), false);
}

namespace {
// libtorch's CPU norm kernels are scalar and slower in bf16/fp16 than in fp32, and fp32 statistics
// are also the more accurate: reduced-precision CPU compute normalises in fp32.
bool normInFloat(const at::Tensor& x)
{
    return x.device().is_cpu() && (x.scalar_type() == at::kBFloat16 || x.scalar_type() == at::kHalf);
}
} // namespace

at::Tensor GroupNormImpl::forward(const at::Tensor& x, bool silu)
{
    if (fusedGroupNormApplies(x, groups))
        return fusedGroupNorm(x, groups, weight, bias, eps, silu);
    at::Tensor y = normInFloat(x)
        ? at::group_norm(x.to(at::kFloat), groups, weight.to(at::kFloat), bias.to(at::kFloat), eps).to(x.scalar_type())
        : at::group_norm(x, groups, weight, bias, eps);
    return silu ? at::silu_(y) : y;
}

LayerNormImpl::LayerNormImpl(int64_t dim, double eps_, const at::TensorOptions& options)
    : eps(eps_)
{
    weight = register_parameter("weight", at::empty({ dim }, options), false);
    bias = register_parameter("bias", at::empty({ dim }, options), false);
}

at::Tensor LayerNormImpl::forward(const at::Tensor& x)
{
    if (normInFloat(x))
        return at::layer_norm(x.to(at::kFloat), { weight.size(0) }, weight.to(at::kFloat), bias.to(at::kFloat), eps)
            .to(x.scalar_type());
    return at::layer_norm(x, { weight.size(0) }, weight, bias, eps);
}

EmbeddingImpl::EmbeddingImpl(int64_t count, int64_t dim, const at::TensorOptions& options)
{
    weight = register_parameter("weight", at::empty({ count, dim }, options), false);
}

at::Tensor EmbeddingImpl::forward(const at::Tensor& ids)
{
    return at::embedding(weight, ids);
}

} // namespace easel::engine
