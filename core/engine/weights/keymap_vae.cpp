// SPDX-License-Identifier: MIT
// Original LDM VAE keys ("first_stage_model." removed, or a standalone VAE file) -> diffusers AutoencoderKL names.
#include "engine/common/error.h"
#include "engine/weights/keymap.h"
#include "engine/weights/keyparsing.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

namespace easel::engine {

namespace {

using keys::startsWith;
using keys::takeIndex;

[[noreturn]] void unmappable(const std::string& key)
{
    throw EngineError("unrecognised VAE tensor '" + key + "'", EngineError::Kind::Unsupported);
}

// ResnetBlock members keep their names except the 1x1 shortcut.
std::string resnetName(const std::string& key, const std::string& rest)
{
    if (startsWith(rest, "nin_shortcut."))
        return "conv_shortcut." + rest.substr(13);
    if (startsWith(rest, "norm1.") || startsWith(rest, "norm2.") || startsWith(rest, "conv1.")
        || startsWith(rest, "conv2."))
        return rest;
    unmappable(key);
}

// "mid.<rest>" of the encoder or decoder.
KeyMapping mapMid(const std::string& key, const std::string& side, const std::string& rest)
{
    if (startsWith(rest, "block_1."))
        return { side + "mid_block.resnets.0." + resnetName(key, rest.substr(8)), key, KeyOp::Identity };
    if (startsWith(rest, "block_2."))
        return { side + "mid_block.resnets.1." + resnetName(key, rest.substr(8)), key, KeyOp::Identity };
    if (!startsWith(rest, "attn_1."))
        unmappable(key);
    const std::string member = rest.substr(7);
    static const std::pair<const char*, const char*> table[] = {
        { "norm.", "group_norm." },
        { "q.", "to_q." },
        { "k.", "to_k." },
        { "v.", "to_v." },
        { "proj_out.", "to_out.0." },
    };
    for (const auto& [from, to] : table) {
        if (!startsWith(member, from))
            continue;
        const std::string param = member.substr(std::char_traits<char>::length(from));
        // The LDM attention is made of 1x1 convolutions; diffusers uses Linear layers.
        const bool convWeight = param == "weight" && std::string(from) != "norm.";
        return { side + "mid_block.attentions.0." + to + param, key,
            convWeight ? KeyOp::Conv1x1ToLinear : KeyOp::Identity };
    }
    unmappable(key);
}

} // namespace

std::vector<KeyMapping> mapVaeKeys(const std::vector<std::string>& originalKeys)
{
    // Decoder levels are stored deepest-first in LDM ("up.0" is the full-resolution level).
    int decoderLevels = 0;
    for (const std::string& key : originalKeys) {
        size_t pos = 11; // "decoder.up."
        int index = 0;
        if (startsWith(key, "decoder.up.") && takeIndex(key, pos, index))
            decoderLevels = std::max(decoderLevels, index + 1);
    }

    std::vector<KeyMapping> map;
    map.reserve(originalKeys.size());
    for (const std::string& key : originalKeys) {
        if (startsWith(key, "loss.") || startsWith(key, "model_ema."))
            continue; // training-only tensors of some VAE checkpoints
        if (startsWith(key, "quant_conv.") || startsWith(key, "post_quant_conv.")) {
            map.push_back({ key, key, KeyOp::Identity });
            continue;
        }
        std::string side;
        if (startsWith(key, "encoder."))
            side = "encoder.";
        else if (startsWith(key, "decoder."))
            side = "decoder.";
        else
            unmappable(key);
        const std::string rest = key.substr(side.size());

        if (startsWith(rest, "conv_in.") || startsWith(rest, "conv_out.")) {
            map.push_back({ key, key, KeyOp::Identity });
        } else if (startsWith(rest, "norm_out.")) {
            map.push_back({ side + "conv_norm_out." + rest.substr(9), key, KeyOp::Identity });
        } else if (startsWith(rest, "mid.")) {
            map.push_back(mapMid(key, side, rest.substr(4)));
        } else if (side == "encoder." && startsWith(rest, "down.")) {
            size_t pos = 5;
            int level = 0, layer = 0;
            if (!takeIndex(rest, pos, level))
                unmappable(key);
            const std::string prefix = "encoder.down_blocks." + std::to_string(level) + ".";
            if (startsWith(rest.substr(pos), "downsample.conv."))
                map.push_back({ prefix + "downsamplers.0.conv." + rest.substr(pos + 16), key, KeyOp::Identity });
            else if (startsWith(rest.substr(pos), "block.") && takeIndex(rest, pos += 6, layer))
                map.push_back({ prefix + "resnets." + std::to_string(layer) + "." + resnetName(key, rest.substr(pos)),
                    key, KeyOp::Identity });
            else
                unmappable(key);
        } else if (side == "decoder." && startsWith(rest, "up.")) {
            size_t pos = 3;
            int level = 0, layer = 0;
            if (!takeIndex(rest, pos, level))
                unmappable(key);
            const std::string prefix = "decoder.up_blocks." + std::to_string(decoderLevels - 1 - level) + ".";
            if (startsWith(rest.substr(pos), "upsample.conv."))
                map.push_back({ prefix + "upsamplers.0.conv." + rest.substr(pos + 14), key, KeyOp::Identity });
            else if (startsWith(rest.substr(pos), "block.") && takeIndex(rest, pos += 6, layer))
                map.push_back({ prefix + "resnets." + std::to_string(layer) + "." + resnetName(key, rest.substr(pos)),
                    key, KeyOp::Identity });
            else
                unmappable(key);
        } else {
            unmappable(key);
        }
    }
    return map;
}

} // namespace easel::engine
