// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/weights/keymap.h"
#include "engine/weights/keyparsing.h"

#include <cctype>
#include <map>

namespace easel::engine {

namespace {

using keys::endsWith;
using keys::startsWith;

// Splits "N.rest" into the layer index and the rest; false when the key does not start with digits.
bool splitLayer(const std::string& key, std::string& index, std::string& rest)
{
    size_t i = 0;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i])))
        ++i;
    if (i == 0 || i >= key.size() || key[i] != '.')
        return false;
    index = key.substr(0, i);
    rest = key.substr(i + 1);
    return true;
}

[[noreturn]] void unmappable(const std::string& key, const char* naming)
{
    throw EngineError(
        "text encoder tensor '" + key + "' is not a known " + naming + " weight", EngineError::Kind::Unsupported);
}

bool isParamSuffix(const std::string& s) { return s == "weight" || s == "bias"; }

// transformers CLIPEncoderLayer parameter (relative to "layers.N.") accepted as is.
bool isHfLayerParam(const std::string& rest)
{
    static const char* const modules[] = { "self_attn.q_proj.", "self_attn.k_proj.", "self_attn.v_proj.",
        "self_attn.out_proj.", "layer_norm1.", "layer_norm2.", "mlp.fc1.", "mlp.fc2." };
    for (const char* m : modules) {
        const std::string prefix(m);
        if (startsWith(rest, prefix) && isParamSuffix(rest.substr(prefix.size())))
            return true;
    }
    return false;
}

void mapHfClip(const std::string& key, std::vector<KeyMapping>& out)
{
    if (endsWith(key, "position_ids"))
        return; // a buffer, not a weight (persistent in transformers < 4.31)
    std::string name = key;
    // Checkpoints written with old transformers versions lack the "text_model." level.
    if (startsWith(name, "embeddings.") || startsWith(name, "encoder.") || startsWith(name, "final_layer_norm."))
        name = "text_model." + name;
    if (name == "text_projection.weight") {
        out.push_back({ name, key, KeyOp::Identity });
        return;
    }
    if (!startsWith(name, "text_model."))
        return; // not part of the text model (e.g. logit_scale)
    const std::string rest = name.substr(std::string("text_model.").size());
    const bool known = rest == "embeddings.token_embedding.weight" || rest == "embeddings.position_embedding.weight"
        || rest == "final_layer_norm.weight" || rest == "final_layer_norm.bias";
    if (known) {
        out.push_back({ name, key, KeyOp::Identity });
        return;
    }
    std::string index, layerRest;
    if (startsWith(rest, "encoder.layers.") && splitLayer(rest.substr(15), index, layerRest)
        && isHfLayerParam(layerRest)) {
        out.push_back({ name, key, KeyOp::Identity });
        return;
    }
    unmappable(key, "CLIP");
}

void mapOpenClipLayer(
    const std::string& key, const std::string& index, const std::string& rest, std::vector<KeyMapping>& out)
{
    const std::string layer = "text_model.encoder.layers." + index + ".";
    if (rest == "attn.in_proj_weight" || rest == "attn.in_proj_bias") {
        const std::string param = rest == "attn.in_proj_weight" ? "weight" : "bias";
        out.push_back({ layer + "self_attn.q_proj." + param, key, KeyOp::ChunkQ });
        out.push_back({ layer + "self_attn.k_proj." + param, key, KeyOp::ChunkK });
        out.push_back({ layer + "self_attn.v_proj." + param, key, KeyOp::ChunkV });
        return;
    }
    if (rest == "attn.attn_mask" || rest == "attn_mask")
        return;
    static const std::map<std::string, std::string> modules = {
        { "ln_1.", "layer_norm1." },
        { "ln_2.", "layer_norm2." },
        { "attn.out_proj.", "self_attn.out_proj." },
        { "mlp.c_fc.", "mlp.fc1." },
        { "mlp.c_proj.", "mlp.fc2." },
    };
    for (const auto& [from, to] : modules) {
        if (startsWith(rest, from) && isParamSuffix(rest.substr(from.size()))) {
            out.push_back({ layer + to + rest.substr(from.size()), key, KeyOp::Identity });
            return;
        }
    }
    unmappable(key, "OpenCLIP");
}

void mapOpenClip(const std::string& key, std::vector<KeyMapping>& out)
{
    if (key == "token_embedding.weight") {
        out.push_back({ "text_model.embeddings.token_embedding.weight", key, KeyOp::Identity });
    } else if (key == "positional_embedding") {
        out.push_back({ "text_model.embeddings.position_embedding.weight", key, KeyOp::Identity });
    } else if (key == "ln_final.weight" || key == "ln_final.bias") {
        out.push_back({ "text_model.final_layer_norm." + key.substr(9), key, KeyOp::Identity });
    } else if (key == "text_projection") {
        // OpenCLIP computes x @ text_projection; a Linear weight is the transpose.
        out.push_back({ "text_projection.weight", key, KeyOp::Transpose });
    } else if (key == "text_projection.weight") {
        out.push_back({ "text_projection.weight", key, KeyOp::Identity });
    } else if (startsWith(key, "transformer.")) {
        std::string index, rest;
        if (!startsWith(key, "transformer.resblocks.") || !splitLayer(key.substr(22), index, rest))
            unmappable(key, "OpenCLIP");
        mapOpenClipLayer(key, index, rest, out);
    } else if (startsWith(key, "token_embedding.") || startsWith(key, "ln_final.")) {
        unmappable(key, "OpenCLIP");
    }
    // Everything else (logit_scale, attn_mask, a vision tower) is not part of the text encoder.
}

} // namespace

std::vector<KeyMapping> mapTextEncoderKeys(const std::vector<std::string>& originalKeys, TextEncoderNaming naming)
{
    std::vector<KeyMapping> map;
    map.reserve(originalKeys.size() + originalKeys.size() / 4);
    for (const std::string& key : originalKeys) {
        if (naming == TextEncoderNaming::HfClip)
            mapHfClip(key, map);
        else
            mapOpenClip(key, map);
    }
    return map;
}

} // namespace easel::engine
