// SPDX-License-Identifier: MIT
#include "engine/pipeline/lorapatcher.h"

#include "engine/common/error.h"
#include "engine/weights/keyparsing.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

namespace easel::engine {

namespace {

using keys::endsWith;
using keys::startsWith;

std::string underscored(std::string name)
{
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
}

std::string shapeText(at::IntArrayRef shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t end = s.find(sep, start);
        parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

std::string trimmed(const std::string& s)
{
    const size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// "<number>." at `pos` of a dotted module name.
bool takeIndex(const std::string& name, size_t& pos, int& index)
{
    return keys::takeIndex(name + ".", pos, index);
}

// diffusers ResnetBlock2D member -> LDM ResBlock member.
std::string ldmResnetMember(const std::string& member)
{
    static const std::pair<const char*, const char*> table[] = {
        { "norm1", "in_layers.0" },
        { "conv1", "in_layers.2" },
        { "time_emb_proj", "emb_layers.1" },
        { "norm2", "out_layers.0" },
        { "conv2", "out_layers.3" },
        { "conv_shortcut", "skip_connection" },
    };
    for (const auto& [from, to] : table) {
        if (member == from)
            return to;
    }
    return {};
}

// The original (sgm/LDM) name of a diffusers UNet module ("down_blocks.1.attentions.0.proj_in" ->
// "input_blocks.4.1.proj_in" for 2 layers per block), the names sd-scripts gives SDXL LoRAs; "" when
// it has none. The inverse of keymap_unet.cpp's table, for any number of layers per level.
std::string sgmModuleName(const std::string& module, const UNetConfig& c)
{
    static const std::pair<const char*, const char*> fixed[] = {
        { "time_embedding.linear_1", "time_embed.0" },
        { "time_embedding.linear_2", "time_embed.2" },
        { "add_embedding.linear_1", "label_emb.0.0" },
        { "add_embedding.linear_2", "label_emb.0.2" },
        { "conv_in", "input_blocks.0.0" },
        { "conv_norm_out", "out.0" },
        { "conv_out", "out.2" },
    };
    for (const auto& [from, to] : fixed) {
        if (module == from)
            return to;
    }
    const int64_t levels = c.levels();
    auto member = [](const std::string& kind, const std::string& rest) -> std::string {
        if (kind == "resnets") {
            const std::string m = ldmResnetMember(rest);
            return m.empty() ? std::string() : "0." + m;
        }
        return "1." + rest; // attentions
    };
    size_t pos = 0;
    int level = 0, layer = 0;
    if (startsWith(module, "down_blocks.")) {
        pos = 12;
        if (!takeIndex(module, pos, level) || level >= levels)
            return {};
        int64_t block = 1; // input block 0 is conv_in
        for (int l = 0; l < level; ++l)
            block += c.layersPerBlock.at(size_t(l)) + (l + 1 < levels ? 1 : 0);
        const std::string rest = module.substr(pos);
        if (startsWith(rest, "downsamplers.0.conv") && rest.size() == 19)
            return "input_blocks." + std::to_string(block + c.layersPerBlock.at(size_t(level))) + ".0.op";
        for (const char* kind : { "resnets", "attentions" }) {
            size_t p = std::char_traits<char>::length(kind) + 1;
            if (startsWith(rest, std::string(kind) + ".") && takeIndex(rest, p, layer)) {
                const std::string m = member(kind, rest.substr(p));
                return m.empty() ? m : "input_blocks." + std::to_string(block + layer) + "." + m;
            }
        }
        return {};
    }
    if (startsWith(module, "mid_block.")) {
        const std::string rest = module.substr(10);
        if (startsWith(rest, "attentions.0."))
            return "middle_block.1." + rest.substr(13);
        for (const char* r : { "resnets.0.", "resnets.1." }) {
            if (startsWith(rest, r)) {
                const std::string m = ldmResnetMember(rest.substr(10));
                return m.empty() ? m : std::string("middle_block.") + (r[8] == '0' ? "0." : "2.") + m;
            }
        }
        return {};
    }
    if (startsWith(module, "up_blocks.")) {
        pos = 10;
        if (!takeIndex(module, pos, level) || level >= levels)
            return {};
        auto upLayers = [&](int u) { return c.layersPerBlock.at(size_t(levels - 1 - u)) + 1; };
        int64_t block = 0;
        for (int u = 0; u < level; ++u)
            block += upLayers(u);
        const std::string rest = module.substr(pos);
        if (startsWith(rest, "upsamplers.0.conv") && rest.size() == 17) {
            const bool attention = c.upCrossAttention.at(size_t(level));
            return "output_blocks." + std::to_string(block + upLayers(level) - 1) + (attention ? ".2.conv" : ".1.conv");
        }
        for (const char* kind : { "resnets", "attentions" }) {
            size_t p = std::char_traits<char>::length(kind) + 1;
            if (startsWith(rest, std::string(kind) + ".") && takeIndex(rest, p, layer)) {
                const std::string m = member(kind, rest.substr(p));
                return m.empty() ? m : "output_blocks." + std::to_string(block + layer) + "." + m;
            }
        }
    }
    return {};
}

// The OpenCLIP name of an HF CLIP text-encoder module ("text_model.encoder.layers.3.mlp.fc1" ->
// "model.transformer.resblocks.3.mlp.c_fc"), with q/k/v all naming the fused in_proj; "" when none.
std::string openClipModuleName(const std::string& module)
{
    const std::string layers = "text_model.encoder.layers.";
    size_t pos = layers.size();
    int layer = 0;
    if (!startsWith(module, layers) || !takeIndex(module, pos, layer))
        return {};
    const std::string rest = module.substr(pos);
    static const std::pair<const char*, const char*> table[] = {
        { "self_attn.q_proj", "attn.in_proj" },
        { "self_attn.k_proj", "attn.in_proj" },
        { "self_attn.v_proj", "attn.in_proj" },
        { "self_attn.out_proj", "attn.out_proj" },
        { "mlp.fc1", "mlp.c_fc" },
        { "mlp.fc2", "mlp.c_proj" },
    };
    for (const auto& [from, to] : table) {
        if (rest == from)
            return "model.transformer.resblocks." + std::to_string(layer) + "." + to;
    }
    return {};
}

bool isSdxl(ModelFamily family)
{
    return family == ModelFamily::SDXLBase || family == ModelFamily::SDXLRefiner;
}

const char* modelFamilyText(ModelFamily family)
{
    return familyName(family);
}

} // namespace

std::vector<LoraTag> takeLoraTags(std::string& prompt)
{
    // A1111's extra-network syntax: <kind:arg:arg...>; only the LoRA kinds are taken out.
    static const std::regex tag(R"(<(\w+):([^>]+)>)");
    std::vector<LoraTag> tags;
    std::string rest;
    auto begin = std::sregex_iterator(prompt.begin(), prompt.end(), tag);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        if (m[1] != "lora" && m[1] != "lyco")
            continue;
        LoraTag t;
        t.text = m[0];
        const std::vector<std::string> args = split(m[2], ':');
        t.name = trimmed(args[0]);
        if (t.name.empty())
            throw EngineError(t.text + ": the LoRA has no name");
        if (args.size() > 2 || args.back().find('=') != std::string::npos)
            throw EngineError(t.text + ": separate UNet and text-encoder weights are not supported: give one weight");
        if (args.size() == 2) {
            const std::string w = trimmed(args[1]);
            char* end = nullptr;
            t.weight = std::strtod(w.c_str(), &end);
            if (w.empty() || end != w.c_str() + w.size() || !std::isfinite(t.weight))
                throw EngineError(t.text + ": the weight '" + w + "' is not a number");
        }
        rest += prompt.substr(last, size_t(m.position(0)) - last);
        last = size_t(m.position(0) + m.length(0));
        tags.push_back(std::move(t));
    }
    if (!tags.empty())
        prompt = rest + prompt.substr(last);
    return tags;
}

std::string findLoraFile(const LoraTag& tag, const std::vector<std::string>& dirs)
{
    namespace fs = std::filesystem;
    const std::string file = endsWith(tag.name, ".safetensors") ? tag.name : tag.name + ".safetensors";
    if (dirs.empty())
        throw EngineError(tag.text + ": no LoRA folder is set to look '" + tag.name + "' up in");
    for (const std::string& dir : dirs) {
        std::error_code ec;
        const fs::path direct = fs::path(dir) / file;
        if (fs::is_regular_file(direct, ec))
            return direct.string();
        for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            if (it->path().filename() == fs::path(file).filename() && it->is_regular_file(ec))
                return it->path().string();
        }
    }
    std::string folders;
    for (const std::string& dir : dirs)
        folders += (folders.empty() ? "" : ", ") + dir;
    throw EngineError(tag.text + ": no LoRA named '" + tag.name + "' in " + folders);
}

LoraPatcher::LoraPatcher(UNet unet, ClipTextModel textEncoder1, ClipTextModel textEncoder2, ModelFamily family)
    : m_family(family)
    , m_unetConfig(unet->config())
{
    index(*unet, "unet", { "lora_unet_" });
    const bool xl = isSdxl(family);
    if (!textEncoder1.is_empty())
        index(*textEncoder1, "text_encoder", { xl ? "lora_te1_" : "lora_te_" });
    if (!textEncoder2.is_empty())
        index(*textEncoder2, "text_encoder_2", { "lora_te2_" });
}

void LoraPatcher::addTarget(const std::string& loraName, Target target)
{
    m_targets[loraName].push_back(std::move(target));
}

void LoraPatcher::index(
    torch::nn::Module& module, const std::string& component, const std::vector<std::string>& prefixes)
{
    for (const auto& item : module.named_parameters(/*recurse=*/true)) {
        const std::string& name = item.key();
        const at::Tensor& param = item.value();
        if (!endsWith(name, ".weight") || param.dim() < 2)
            continue;
        const std::string moduleName = name.substr(0, name.size() - 7);
        Target target { component + "/" + name, param, 0, param.size(0) };
        for (const std::string& prefix : prefixes) {
            addTarget(prefix + underscored(moduleName), target);
            if (component == "unet") {
                const std::string sgm = sgmModuleName(moduleName, m_unetConfig);
                if (!sgm.empty() && sgm != moduleName)
                    addTarget(prefix + underscored(sgm), target);
                continue;
            }
            const std::string openClip = openClipModuleName(moduleName);
            if (openClip.empty())
                continue;
            Target fused = target;
            if (endsWith(openClip, "in_proj")) {
                // The fused [q; k; v] rows, in that order, whatever order the parameters come in.
                const char which = moduleName[moduleName.size() - 6];
                fused.rowStart = (which == 'q' ? 0 : which == 'k' ? 1 : 2) * param.size(0);
            }
            addTarget(prefix + underscored(openClip), fused);
        }
    }
    for (auto& [name, targets] : m_targets)
        std::sort(targets.begin(), targets.end(),
            [](const Target& a, const Target& b) { return a.rowStart < b.rowStart; });
}

int64_t LoraPatcher::originalBytes() const
{
    int64_t bytes = 0;
    for (const auto& [key, pair] : m_originals)
        bytes += pair.second.numel() * int64_t(pair.second.element_size());
    return bytes;
}

std::vector<std::string> LoraPatcher::apply(const std::vector<LoraApplication>& stack)
{
    at::NoGradGuard noGrad;
    std::vector<std::string> notes;
    // What each weight gets, in stack order. Everything is checked first: a LoRA that does not fit
    // changes nothing.
    struct Use {
        const LoraFile* file;
        const LoraModule* module;
        const Target* target;
        double scale; ///< multiplier * alpha / rank
    };
    std::map<std::string, std::vector<Use>> uses;
    for (const LoraApplication& lora : stack) {
        const LoraFile& file = *lora.file;
        const LoraBase base = file.base();
        const std::string what = "LoRA " + file.path()
            + (base == LoraBase::Unknown ? std::string() : std::string(" (") + loraBaseName(base) + ")");
        const bool otherFamily = base != LoraBase::Unknown && m_family != ModelFamily::Unknown
            && (base == LoraBase::SDXL) != isSdxl(m_family);
        if (otherFamily)
            throw EngineError(what + " is for " + loraBaseName(base) + ", not for this " + modelFamilyText(m_family)
                + " model");
        file.checkValues();
        std::vector<std::string> unmatched;
        for (const LoraModule& m : file.modules()) {
            const auto found = m_targets.find(m.name);
            if (found == m_targets.end()) {
                unmatched.push_back(m.name);
                continue;
            }
            const std::vector<Target>& targets = found->second;
            int64_t rows = 0;
            for (const Target& t : targets)
                rows += t.rows;
            const at::Tensor& first = targets.front().param;
            const int64_t columns = first.numel() / first.size(0);
            int64_t downColumns = 1;
            for (size_t i = 1; i < m.down->shape.size(); ++i)
                downColumns *= m.down->shape[i];
            // A 1x1 LoRA fits a Linear and a 1x1 conv alike (SD 1.x convolves proj_in/out, SD 2.x/SDXL don't).
            const bool pointwise = first.dim() == 2 || columns == first.size(1);
            const bool kernelFits = m.down->shape.size() == 2
                ? pointwise
                : (first.dim() == 4 && at::IntArrayRef(m.down->shape).slice(2) == first.sizes().slice(2))
                    || (pointwise && downColumns == m.down->shape[1]);
            if (m.up->shape[0] != rows || downColumns != columns || !kernelFits) {
                std::vector<int64_t> loraShape { m.up->shape[0], m.down->shape[1] };
                loraShape.insert(loraShape.end(), m.down->shape.begin() + 2, m.down->shape.end());
                throw EngineError(what + " does not fit this " + modelFamilyText(m_family) + " model: module '" + m.name
                    + "' is " + shapeText(loraShape) + " but the model's '" + targets.front().key + "' is "
                    + shapeText(first.sizes()) + (targets.size() > 1 ? " (x3, fused)" : ""));
            }
            for (const Target& t : targets)
                uses[t.key].push_back({ &file, &m, &t, lora.weight * m.scale() });
        }
        if (unmatched.size() == file.modules().size())
            throw EngineError(what + ": none of its " + std::to_string(unmatched.size()) + " modules is in this "
                + modelFamilyText(m_family) + " model (first: '" + unmatched.front() + "')");
        if (!unmatched.empty())
            notes.push_back(what + ": " + std::to_string(unmatched.size()) + " of its "
                + std::to_string(file.modules().size()) + " modules match nothing in this model (first: '"
                + unmatched.front() + "'); applied the others");
    }
    // Weights no LoRA of the new stack touches get their originals back. The originals stay: taking
    // LoRAs off and putting them on again then allocates nothing.
    for (auto it = m_modified.begin(); it != m_modified.end();) {
        if (uses.count(*it) == 0) {
            const auto& [param, original] = m_originals.at(*it);
            param.copy_(original);
            it = m_modified.erase(it);
        } else {
            ++it;
        }
    }
    // The others are written from their original, one weight at a time (no stack-sized temporaries):
    // W' = W + sum scale_i * up_i @ down_i as fused GEMMs, in fp32 (in place for fp32 weights).
    for (const auto& [key, list] : uses) {
        const at::Tensor& param = list.front().target->param;
        auto it = m_originals.find(key);
        if (it == m_originals.end())
            it = m_originals.emplace(key, std::make_pair(param, param.clone())).first;
        const at::Tensor& original = it->second.second;
        const bool inPlace = param.scalar_type() == at::kFloat && param.is_contiguous();
        at::Tensor w = inPlace ? param : at::empty(param.sizes(), param.options().dtype(at::kFloat));
        at::Tensor w2d = w.view({ w.size(0), -1 });
        const at::Tensor original2d = original.reshape({ original.size(0), -1 }).to(at::kFloat);
        bool first = true;
        for (const Use& u : list) {
            const at::Tensor up = u.file->up(*u.module).flatten(1).narrow(0, u.target->rowStart, u.target->rows);
            const at::Tensor down = u.file->down(*u.module).flatten(1);
            const c10::Device device = param.device();
            if (first)
                at::addmm_out(w2d, original2d, up.to(device), down.to(device), 1.0, u.scale);
            else
                w2d.addmm_(up.to(device), down.to(device), 1.0, u.scale);
            first = false;
        }
        if (!inPlace)
            param.copy_(w);
        m_modified.insert(key);
    }
    return notes;
}

} // namespace easel::engine
