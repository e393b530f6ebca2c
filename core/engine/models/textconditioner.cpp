// SPDX-License-Identifier: MIT
#include "engine/models/textconditioner.h"

#include "engine/common/error.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace easel::engine {

namespace {

bool usesFirst(ModelFamily f) { return f == ModelFamily::SD1 || f == ModelFamily::SD2 || f == ModelFamily::SDXLBase; }

bool usesSecond(ModelFamily f) { return f == ModelFamily::SDXLBase || f == ModelFamily::SDXLRefiner; }

bool isSdxl(ModelFamily f) { return f == ModelFamily::SDXLBase || f == ModelFamily::SDXLRefiner; }

int64_t chunkCount(const TokenizedPrompt& p) { return std::max<int64_t>(1, static_cast<int64_t>(p.size())); }

// A1111's emphasis, per prompt (row) and chunk, in float32. Rows whose weights are all 1 are
// returned untouched so that plain prompts stay bit-identical to diffusers.
at::Tensor applyEmphasis(const at::Tensor& z, const at::Tensor& weights)
{
    const at::Tensor weighted = weights.ne(1.0f).any(1);
    if (!weighted.any().item<bool>())
        return z;
    if (!at::isfinite(weights).all().item<bool>())
        throw EngineError("prompt emphasis weights must be finite numbers");
    const at::Tensor z32 = z.to(at::kFloat);
    const at::Tensor w = weights.to(z.device()).unsqueeze(-1);
    const at::Tensor before = z32.mean({ 1, 2 }, /*keepdim=*/true);
    at::Tensor scaled = z32 * w;
    const at::Tensor after = scaled.mean({ 1, 2 }, true);
    // All-zero weights leave nothing to rescale (and would divide by zero).
    const at::Tensor ratio = at::where(after.eq(0), at::ones_like(after), before / after);
    scaled = (scaled * ratio).to(z.scalar_type());
    return at::where(weighted.to(z.device()).view({ -1, 1, 1 }), scaled, z);
}

} // namespace

TextConditioner::TextConditioner(
    ModelFamily family, ClipTextModel first, ClipTextModel second, TextConditionerOptions options)
    : m_family(family)
    , m_first(std::move(first))
    , m_second(std::move(second))
    , m_options(options)
{
    if (family == ModelFamily::Unknown)
        throw EngineError("cannot condition prompts for a model of unknown family", EngineError::Kind::Unsupported);
    if (usesFirst(family) && m_first.is_empty())
        throw EngineError(std::string(familyName(family)) + " needs its text encoder, which is not loaded");
    if (usesSecond(family) && m_second.is_empty())
        throw EngineError(std::string(familyName(family)) + " needs its second text encoder, which is not loaded");
    if (isSdxl(family) && !m_second->config().withProjection)
        throw EngineError("the SDXL second text encoder has no text projection for the pooled embedding");
    if (options.clipSkip < 0)
        throw EngineError("clip skip cannot be negative");
    // SDXL already starts from the penultimate layer.
    const int64_t minLayers = options.clipSkip + (isSdxl(family) ? 2 : 1);
    for (const ClipTextModel* m : { &m_first, &m_second }) {
        if (!m->is_empty() && (*m)->config().layers < minLayers)
            throw EngineError("clip skip " + std::to_string(options.clipSkip) + " needs a text encoder with at least "
                + std::to_string(minLayers) + " layers; it has " + std::to_string((*m)->config().layers));
    }
}

TokenChunk TextConditioner::emptyChunk(const ClipTextConfig& config)
{
    TokenChunk chunk;
    chunk.ids.fill(config.padId);
    chunk.ids[0] = config.bosId;
    chunk.ids[1] = config.eosId;
    chunk.weights.fill(1.0f);
    return chunk;
}

at::Tensor TextConditioner::encodeWith(ClipTextModel& model, bool second,
    const std::vector<const TokenizedPrompt*>& prompts, int64_t chunks, at::Tensor* pooled) const
{
    const ClipTextConfig& config = model->config();
    const TokenChunk empty = emptyChunk(config);
    const int64_t batch = static_cast<int64_t>(prompts.size());
    const bool sdxl = isSdxl(m_family);
    // The pooled embedding needs the full pass; everything else stops at the layer it uses.
    const int64_t stopAfter = (sdxl && second) ? 0 : config.layers - m_options.clipSkip - (sdxl ? 1 : 0);

    std::vector<at::Tensor> parts;
    for (int64_t c = 0; c < chunks; ++c) {
        at::Tensor ids = at::empty({ batch, kClipContext }, at::kLong);
        at::Tensor weights = at::empty({ batch, kClipContext }, at::kFloat);
        for (int64_t b = 0; b < batch; ++b) {
            const TokenizedPrompt& p = *prompts[static_cast<size_t>(b)];
            const TokenChunk& chunk = c < static_cast<int64_t>(p.size()) ? p[static_cast<size_t>(c)] : empty;
            std::copy(chunk.ids.begin(), chunk.ids.end(), ids.data_ptr<int64_t>() + b * kClipContext);
            std::copy(chunk.weights.begin(), chunk.weights.end(), weights.data_ptr<float>() + b * kClipContext);
        }
        ClipTextOutput out = model->forward(ids, stopAfter);
        at::Tensor z;
        if (!sdxl)
            z = out.lastHiddenState;
        else if (second)
            z = out.hiddenState(-2 - m_options.clipSkip);
        else
            z = out.hiddenStates.back();
        if (m_options.emphasis)
            z = applyEmphasis(z, weights);
        parts.push_back(z);
        if (pooled && c == 0)
            *pooled = out.textEmbeds;
    }
    return parts.size() == 1 ? parts.front() : at::cat(parts, 1);
}

Conditioning TextConditioner::encode(const std::vector<PromptTokens>& prompts) const
{
    if (prompts.empty())
        throw EngineError("no prompt to encode");
    at::NoGradGuard noGrad;
    int64_t chunks = 1;
    for (const PromptTokens& p : prompts) {
        if (usesFirst(m_family))
            chunks = std::max(chunks, chunkCount(p.first));
        if (usesSecond(m_family))
            chunks = std::max(chunks, chunkCount(p.second));
    }
    std::vector<const TokenizedPrompt*> firsts, seconds;
    for (const PromptTokens& p : prompts) {
        firsts.push_back(&p.first);
        seconds.push_back(&p.second);
    }

    Conditioning result;
    at::Tensor contextFirst, contextSecond;
    if (usesFirst(m_family))
        contextFirst = encodeWith(m_first, false, firsts, chunks, nullptr);
    if (usesSecond(m_family))
        contextSecond = encodeWith(m_second, true, seconds, chunks, &result.pooled);
    if (contextFirst.defined() && contextSecond.defined())
        result.context = at::cat({ contextFirst, contextSecond.to(contextFirst.options()) }, -1);
    else
        result.context = contextFirst.defined() ? contextFirst : contextSecond;
    return result;
}

TextConditioner::Pair TextConditioner::encodePair(const PromptTokens& positive, const PromptTokens* negative) const
{
    Pair pair;
    if (negative == nullptr && m_options.zerosForEmptyNegative) {
        pair.positive = encode({ positive });
        pair.negative.context = at::zeros_like(pair.positive.context);
        if (pair.positive.pooled.defined())
            pair.negative.pooled = at::zeros_like(pair.positive.pooled);
        return pair;
    }
    const PromptTokens emptyPrompt;
    Conditioning both = encode({ negative ? *negative : emptyPrompt, positive });
    pair.negative.context = both.context.narrow(0, 0, 1);
    pair.positive.context = both.context.narrow(0, 1, 1);
    if (both.pooled.defined()) {
        pair.negative.pooled = both.pooled.narrow(0, 0, 1);
        pair.positive.pooled = both.pooled.narrow(0, 1, 1);
    }
    return pair;
}

} // namespace easel::engine
