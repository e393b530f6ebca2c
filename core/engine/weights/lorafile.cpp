// SPDX-License-Identifier: MIT
#include "engine/weights/lorafile.h"

#include "engine/common/error.h"
#include "engine/weights/keyparsing.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace easel::engine {

namespace {

using keys::endsWith;
using keys::startsWith;

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

bool contains(const std::string& s, const char* part)
{
    return s.find(part) != std::string::npos;
}

LoraModuleKind kindOf(const std::string& name)
{
    if (startsWith(name, "lora_te2_"))
        return LoraModuleKind::TextEncoder2;
    if (startsWith(name, "lora_te"))
        return LoraModuleKind::TextEncoder1;
    if (contains(name, "_attn1_") || contains(name, "_attn2_"))
        return LoraModuleKind::Attention;
    if (contains(name, "_ff_net_"))
        return LoraModuleKind::FeedForward;
    if (endsWith(name, "_proj_in") || endsWith(name, "_proj_out"))
        return LoraModuleKind::Projection;
    for (const char* conv : { "_conv1", "_conv2", "_in_layers_2", "_out_layers_3", "_conv_shortcut", "_skip_connection",
             "_op", "_conv" }) {
        if (endsWith(name, conv))
            return LoraModuleKind::Convolution;
    }
    return LoraModuleKind::Other;
}

// The network types Easel does not apply, by a tensor name suffix they use.
const char* unsupportedType(const std::string& name)
{
    static const std::pair<const char*, const char*> table[] = {
        { ".hada_", "LoHa" },
        { ".lokr_", "LoKr" },
        { ".dora_scale", "DoRA" },
        { ".lora_mid.", "LoCon with CP decomposition" },
        { ".lora_A.", "diffusers/peft-named LoRA (lora_A/lora_B)" },
        { ".lora_B.", "diffusers/peft-named LoRA (lora_A/lora_B)" },
        { ".lora.down.", "diffusers attention-processor LoRA" },
        { ".diff", "full-weight difference (LyCORIS 'full')" },
        { ".oft_", "OFT" },
        { ".ia3_", "IA3" },
        { ".glora_", "GLoRA" },
    };
    for (const auto& [suffix, type] : table) {
        if (contains(name, suffix))
            return type;
    }
    return nullptr;
}

} // namespace

const char* loraBaseName(LoraBase base)
{
    switch (base) {
    case LoraBase::SD1: return "SD 1.x";
    case LoraBase::SD2: return "SD 2.x";
    case LoraBase::SDXL: return "SDXL";
    case LoraBase::Unknown: break;
    }
    return "unknown";
}

const char* loraModuleKindName(LoraModuleKind kind)
{
    switch (kind) {
    case LoraModuleKind::Attention: return "UNet attention";
    case LoraModuleKind::FeedForward: return "UNet feed-forward";
    case LoraModuleKind::Projection: return "UNet proj_in/out";
    case LoraModuleKind::Convolution: return "UNet convolution (LoCon)";
    case LoraModuleKind::TextEncoder1: return "text encoder";
    case LoraModuleKind::TextEncoder2: return "text encoder 2";
    case LoraModuleKind::Other: break;
    }
    return "other";
}

LoraFile::LoraFile(const std::string& path)
    : m_file(std::make_shared<const SafetensorsFile>(path))
{
    const std::string& p = m_file->path();
    std::map<std::string, LoraModule> modules;
    for (const TensorEntry& e : m_file->tensors()) {
        if (startsWith(e.name, "model.diffusion_model.") || startsWith(e.name, "first_stage_model.")
            || startsWith(e.name, "conditioner.") || startsWith(e.name, "cond_stage_model."))
            throw EngineError(fileError(p, "is a checkpoint, not a LoRA"));
        if (const char* type = unsupportedType(e.name))
            throw EngineError(tensorError(p, e.name,
                                  std::string("is a ") + type + ": only kohya/A1111 LoRA (LoCon) files are supported"),
                EngineError::Kind::Unsupported);
        std::string prefix;
        for (const char* suffix : { ".lora_down.weight", ".lora_up.weight", ".alpha" }) {
            if (endsWith(e.name, suffix)) {
                prefix = e.name.substr(0, e.name.size() - std::char_traits<char>::length(suffix));
                LoraModule& m = modules[prefix];
                m.name = prefix;
                if (endsWith(suffix, ".lora_down.weight"))
                    m.down = &e;
                else if (endsWith(suffix, ".lora_up.weight"))
                    m.up = &e;
                else if (e.numel() != 1)
                    throw EngineError(tensorError(p, e.name, "alpha must be a single number"));
                else
                    m.alpha = m_file->tensor(e).to(at::kDouble).item<double>();
                break;
            }
        }
        if (prefix.empty())
            throw EngineError(tensorError(p, e.name, "is not part of a kohya/A1111 LoRA (unsupported network type?)"),
                EngineError::Kind::Unsupported);
    }
    if (modules.empty())
        throw EngineError(fileError(p, "is not a LoRA: it has no lora_down/lora_up tensors"));
    for (auto& [name, m] : modules) {
        if (!m.down || !m.up)
            throw EngineError(tensorError(p, name + (m.down ? ".lora_up.weight" : ".lora_down.weight"),
                "is missing: the file is a LoRA, but this module has only one half"));
        const std::vector<int64_t>& down = m.down->shape;
        const std::vector<int64_t>& up = m.up->shape;
        const bool linear = down.size() == 2 && up.size() == 2;
        const bool conv = down.size() == 4 && up.size() == 4 && up[2] == 1 && up[3] == 1;
        if ((!linear && !conv) || up[1] != down[0] || down[0] < 1)
            throw EngineError(tensorError(p, m.up->name,
                "shape " + shapeText(up) + " does not pair with lora_down " + shapeText(down)));
        if (m.alpha && !(std::abs(*m.alpha) < 1e6))
            throw EngineError(tensorError(p, name + ".alpha", "is not a usable number"));
        m.rank = down[0];
        m.kind = kindOf(name);
        m_modules.push_back(m);
    }
}

void LoraFile::checkValues() const
{
    std::lock_guard<std::mutex> lock(m_checkMutex);
    if (m_checked)
        return;
    at::NoGradGuard noGrad;
    for (const LoraModule& m : m_modules) {
        for (const TensorEntry* e : { m.down, m.up }) {
            const at::Tensor t = m_file->tensor(*e);
            if (!t.is_floating_point())
                throw EngineError(tensorError(path(), e->name,
                    std::string("stored as ") + dtypeName(e->dtype) + ", not a floating-point type (corrupt file?)"));
            if (!at::isfinite(t).all().item<bool>())
                throw EngineError(tensorError(path(), e->name, "contains NaN or infinite values (corrupt file?)"));
        }
    }
    m_checked = true;
}

at::Tensor LoraFile::down(const LoraModule& module) const
{
    return m_file->tensor(*module.down).to(at::kFloat);
}

at::Tensor LoraFile::up(const LoraModule& module) const
{
    return m_file->tensor(*module.up).to(at::kFloat);
}

LoraBase LoraFile::base(std::string* source) const
{
    auto found = [&](LoraBase base, const char* from) {
        if (source)
            *source = from;
        return base;
    };
    const auto& meta = metadata();
    if (const auto it = meta.find("ss_base_model_version"); it != meta.end()) {
        if (startsWith(it->second, "sdxl"))
            return found(LoraBase::SDXL, "ss_base_model_version");
        if (startsWith(it->second, "sd_v2"))
            return found(LoraBase::SD2, "ss_base_model_version");
        if (startsWith(it->second, "sd_v1"))
            return found(LoraBase::SD1, "ss_base_model_version");
    }
    if (const auto it = meta.find("modelspec.architecture"); it != meta.end()) {
        if (startsWith(it->second, "stable-diffusion-xl"))
            return found(LoraBase::SDXL, "modelspec.architecture");
        if (startsWith(it->second, "stable-diffusion-v2"))
            return found(LoraBase::SD2, "modelspec.architecture");
        if (startsWith(it->second, "stable-diffusion-v1"))
            return found(LoraBase::SD1, "modelspec.architecture");
    }
    if (const auto it = meta.find("ss_v2"); it != meta.end() && it->second == "True")
        return found(LoraBase::SD2, "ss_v2");
    for (const LoraModule& m : m_modules) {
        if (startsWith(m.name, "lora_te1_") || startsWith(m.name, "lora_te2_"))
            return found(LoraBase::SDXL, "its text-encoder key names");
    }
    for (const LoraModule& m : m_modules) {
        if (m.kind == LoraModuleKind::TextEncoder1 && endsWith(m.name, "_q_proj")) {
            if (m.down->shape[1] == 768)
                return found(LoraBase::SD1, "its text-encoder width");
            if (m.down->shape[1] == 1024)
                return found(LoraBase::SD2, "its text-encoder width");
        }
    }
    return found(LoraBase::Unknown, "");
}

std::vector<int64_t> LoraFile::ranks() const
{
    std::set<int64_t> ranks;
    for (const LoraModule& m : m_modules)
        ranks.insert(m.rank);
    return { ranks.begin(), ranks.end() };
}

std::vector<double> LoraFile::alphas() const
{
    std::set<double> alphas;
    for (const LoraModule& m : m_modules)
        alphas.insert(m.alpha.value_or(double(m.rank)));
    return { alphas.begin(), alphas.end() };
}

std::map<LoraModuleKind, int> LoraFile::moduleCounts() const
{
    std::map<LoraModuleKind, int> counts;
    for (const LoraModule& m : m_modules)
        ++counts[m.kind];
    return counts;
}

std::vector<std::pair<std::string, int64_t>> LoraFile::triggerWords(size_t max) const
{
    std::vector<std::pair<std::string, int64_t>> words;
    const auto& meta = metadata();
    if (const auto it = meta.find("modelspec.trigger_phrase"); it != meta.end() && !it->second.empty())
        words.emplace_back(it->second, 0);
    const auto it = meta.find("ss_tag_frequency");
    if (it == meta.end())
        return words;
    // {"<dataset folder>": {"<tag>": count, ...}, ...}; unreadable JSON gives no words, not an error.
    const nlohmann::json json = nlohmann::json::parse(it->second, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object())
        return words;
    std::map<std::string, int64_t> counts;
    for (const auto& [dataset, tags] : json.items()) {
        if (!tags.is_object())
            continue;
        for (const auto& [tag, count] : tags.items()) {
            std::string t = tag;
            t.erase(0, t.find_first_not_of(' '));
            t.erase(t.find_last_not_of(' ') + 1);
            if (!t.empty() && count.is_number())
                counts[t] += count.get<int64_t>();
        }
    }
    std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& w : sorted) {
        if (words.size() >= max)
            break;
        words.push_back(w);
    }
    return words;
}

} // namespace easel::engine
