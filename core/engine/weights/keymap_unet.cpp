// SPDX-License-Identifier: MIT
// Original LDM/sgm UNet keys ("model.diffusion_model." removed) -> diffusers UNet2DConditionModel names.
#include "engine/common/error.h"
#include "engine/weights/keymap.h"
#include "engine/weights/keyparsing.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <string>
#include <utility>

namespace easel::engine {

namespace {

using keys::startsWith;
using keys::takeIndex;

// LDM ResBlock member names -> diffusers ResnetBlock2D names; "" when `rest` is not a resnet tensor.
std::string resnetName(const std::string& rest)
{
    static const std::pair<const char*, const char*> table[] = {
        { "in_layers.0.", "norm1." },
        { "in_layers.2.", "conv1." },
        { "emb_layers.1.", "time_emb_proj." },
        { "out_layers.0.", "norm2." },
        { "out_layers.3.", "conv2." },
        { "skip_connection.", "conv_shortcut." },
    };
    for (const auto& [from, to] : table) {
        if (startsWith(rest, from))
            return to + rest.substr(std::char_traits<char>::length(from));
    }
    return {};
}

bool isTransformerTensor(const std::string& rest)
{
    return startsWith(rest, "norm.") || startsWith(rest, "proj_in.") || startsWith(rest, "proj_out.")
        || startsWith(rest, "transformer_blocks.");
}

[[noreturn]] void unmappable(const std::string& key)
{
    throw EngineError("unrecognised UNet tensor 'model.diffusion_model." + key + "'", EngineError::Kind::Unsupported);
}

// Layers per down level: input block 0 is conv_in, then each level holds its resnet(+attention)
// blocks followed by one downsampler block ("op"), so the first "op" sits at 1 + layers.
int layersPerBlock(const std::vector<std::string>& keys)
{
    int firstOp = INT_MAX, lastInput = 0;
    for (const std::string& key : keys) {
        size_t pos = 13; // "input_blocks."
        int index = 0;
        if (!startsWith(key, "input_blocks.") || !takeIndex(key, pos, index))
            continue;
        lastInput = std::max(lastInput, index);
        if (key.compare(pos, 5, "0.op.") == 0)
            firstOp = std::min(firstOp, index);
    }
    const int layers = firstOp != INT_MAX ? firstOp - 1 : lastInput; // a single level has no downsampler
    if (layers < 1)
        throw EngineError(
            "the UNet tensors of this checkpoint have no recognisable block layout", EngineError::Kind::Unsupported);
    return layers;
}

std::string mapOne(const std::string& key, int layers)
{
    static const std::pair<const char*, const char*> fixed[] = {
        { "time_embed.0.", "time_embedding.linear_1." },
        { "time_embed.2.", "time_embedding.linear_2." },
        { "label_emb.0.0.", "add_embedding.linear_1." },
        { "label_emb.0.2.", "add_embedding.linear_2." },
        { "input_blocks.0.0.", "conv_in." },
        { "out.0.", "conv_norm_out." },
        { "out.2.", "conv_out." },
    };
    for (const auto& [from, to] : fixed) {
        if (startsWith(key, from))
            return to + key.substr(std::char_traits<char>::length(from));
    }

    const int perLevel = layers + 1;
    int block = 0, member = 0;
    if (startsWith(key, "input_blocks.")) {
        size_t pos = 13;
        if (!takeIndex(key, pos, block) || !takeIndex(key, pos, member) || block < 1)
            unmappable(key);
        const std::string rest = key.substr(pos);
        const std::string level = std::to_string((block - 1) / perLevel);
        const int layer = (block - 1) % perLevel;
        if (layer == layers) {
            if (member != 0 || !startsWith(rest, "op."))
                unmappable(key);
            return "down_blocks." + level + ".downsamplers.0.conv." + rest.substr(3);
        }
        if (member == 0) {
            const std::string name = resnetName(rest);
            if (name.empty())
                unmappable(key);
            return "down_blocks." + level + ".resnets." + std::to_string(layer) + "." + name;
        }
        if (member == 1 && isTransformerTensor(rest))
            return "down_blocks." + level + ".attentions." + std::to_string(layer) + "." + rest;
        unmappable(key);
    }
    if (startsWith(key, "middle_block.")) {
        size_t pos = 13;
        if (!takeIndex(key, pos, member))
            unmappable(key);
        const std::string rest = key.substr(pos);
        const std::string name = resnetName(rest);
        if (!name.empty() && (member == 0 || member == 1 || member == 2))
            return "mid_block.resnets." + std::to_string(member == 0 ? 0 : 1) + "." + name;
        if (member == 1 && isTransformerTensor(rest))
            return "mid_block.attentions.0." + rest;
        unmappable(key);
    }
    if (startsWith(key, "output_blocks.")) {
        size_t pos = 14;
        if (!takeIndex(key, pos, block) || !takeIndex(key, pos, member))
            unmappable(key);
        const std::string rest = key.substr(pos);
        const std::string level = std::to_string(block / perLevel);
        const std::string layer = std::to_string(block % perLevel);
        if (member == 0) {
            const std::string name = resnetName(rest);
            if (name.empty())
                unmappable(key);
            return "up_blocks." + level + ".resnets." + layer + "." + name;
        }
        if ((member == 1 || member == 2) && startsWith(rest, "conv."))
            return "up_blocks." + level + ".upsamplers.0." + rest;
        if (member == 1 && isTransformerTensor(rest))
            return "up_blocks." + level + ".attentions." + layer + "." + rest;
        unmappable(key);
    }
    unmappable(key);
}

} // namespace

std::vector<KeyMapping> mapUnetKeys(const std::vector<std::string>& originalKeys)
{
    std::vector<KeyMapping> map;
    if (originalKeys.empty())
        return map;
    const int layers = layersPerBlock(originalKeys);
    map.reserve(originalKeys.size());
    for (const std::string& key : originalKeys)
        map.push_back({ mapOne(key, layers), key, KeyOp::Identity });
    return map;
}

} // namespace easel::engine
