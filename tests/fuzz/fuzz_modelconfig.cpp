// SPDX-License-Identifier: MIT
// libFuzzer target for model configuration files: diffusers/transformers config.json objects (UNet, VAE,
// CLIP text encoder, scheduler), a single-file checkpoint's sidecar "<stem>.json" and A1111 "<stem>.yaml",
// and a diffusers folder's model_index.json, component config.json, scheduler_config.json and sharded
// weights index. The first input byte picks the file, the second a variant, the rest is its text. Small
// fixed checkpoints around the fuzzed file are written once; ModelFiles::open and the config readers must
// refuse bad files with EngineError only (no nlohmann or std exception escapes, no crash).

#include "fuzzsupport.h"

#include "engine/common/error.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"
#include "engine/samplers/schedulerconfig.h"
#include "engine/weights/modelfiles.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

using namespace easel::engine;
namespace fs = std::filesystem;

namespace {

// {"name": [dtype, shape]} as a safetensors file of zeros.
std::string zeroTensors(const std::vector<std::pair<std::string, std::vector<int64_t>>>& tensors)
{
    nlohmann::json header = nlohmann::json::object();
    uint64_t offset = 0;
    for (const auto& [name, shape] : tensors) {
        uint64_t bytes = 2;
        for (int64_t d : shape)
            bytes *= uint64_t(d);
        header[name] = { { "dtype", "F16" }, { "shape", shape }, { "data_offsets", { offset, offset + bytes } } };
        offset += bytes;
    }
    return easel::fuzz::safetensorsBytes(header.dump(), std::string(offset, '\0'));
}

const char* const kUnetConfig = R"({"block_out_channels": [32, 64], "down_block_types": ["CrossAttnDownBlock2D",
    "DownBlock2D"], "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D"], "cross_attention_dim": 32,
    "attention_head_dim": 8, "layers_per_block": 1, "norm_num_groups": 32, "in_channels": 4, "out_channels": 4})";
const char* const kVaeConfig = R"({"block_out_channels": [32, 64], "down_block_types": ["DownEncoderBlock2D",
    "DownEncoderBlock2D"], "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D"], "latent_channels": 4,
    "layers_per_block": 1, "norm_num_groups": 32, "scaling_factor": 0.18215})";
const char* const kTextConfig = R"({"hidden_size": 32, "intermediate_size": 37, "num_attention_heads": 4,
    "num_hidden_layers": 2, "hidden_act": "quick_gelu", "max_position_embeddings": 77, "vocab_size": 49408})";
const char* const kIndex = R"({"_class_name": "StableDiffusionPipeline", "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"], "text_encoder": ["transformers", "CLIPTextModel"]})";

/// The fixed files: a single-file checkpoint (single/m.safetensors) and two diffusers folders, one with a
/// sharded UNet (sharded/unet: index + shard).
struct Files {
    Files()
    {
        const std::string root = easel::fuzz::scratchDir();
        single = root + "/single";
        diffusers = root + "/diffusers";
        sharded = root + "/sharded";
        for (const std::string& dir : { single, diffusers + "/unet", diffusers + "/vae", diffusers + "/text_encoder",
                 diffusers + "/scheduler", sharded + "/unet", sharded + "/vae", sharded + "/text_encoder" })
            fs::create_directories(dir);
        using easel::fuzz::writeFile;
        writeFile(single + "/m.safetensors",
            zeroTensors({ { "model.diffusion_model.input_blocks.0.0.weight", { 32, 4, 3, 3 } },
                { "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", { 32, 32 } },
                { "first_stage_model.decoder.conv_in.weight", { 64, 4, 3, 3 } },
                { "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight", { 1, 32 } } }));
        for (const std::string& dir : { diffusers, sharded }) {
            writeFile(dir + "/model_index.json", kIndex);
            writeFile(dir + "/unet/config.json", kUnetConfig);
            writeFile(dir + "/vae/config.json", kVaeConfig);
            writeFile(dir + "/vae/diffusion_pytorch_model.safetensors",
                zeroTensors({ { "decoder.conv_in.weight", { 64, 4, 3, 3 } } }));
            writeFile(dir + "/text_encoder/config.json", kTextConfig);
            writeFile(dir + "/text_encoder/model.safetensors",
                zeroTensors({ { "text_model.embeddings.token_embedding.weight", { 1, 32 } } }));
        }
        writeFile(diffusers + "/unet/diffusion_pytorch_model.safetensors",
            zeroTensors({ { "conv_in.weight", { 32, 4, 3, 3 } } }));
        writeFile(diffusers + "/scheduler/scheduler_config.json", R"({"_class_name": "PNDMScheduler"})");
        writeFile(sharded + "/unet/shard-1.safetensors", zeroTensors({ { "conv_in.weight", { 32, 4, 3, 3 } } }));
    }

    std::string single, diffusers, sharded;
};

const Files& files()
{
    static const Files instance;
    return instance;
}

void checkScheduler(const nlohmann::json& json)
{
    const SchedulerConfig s = SchedulerConfig::fromJson(json);
    const at::Tensor alphas = s.alphasCumprod();
    FUZZ_CHECK(alphas.numel() == s.numTrainTimesteps);
}

/// What loading the model reads from its configs, without building the modules.
void readModel(const std::string& path)
{
    std::shared_ptr<ModelFiles> model;
    try {
        model = ModelFiles::open(path);
    } catch (const EngineError&) {
        return;
    }
    (void)modelLicence(model->info());
    for (const auto& step : { 0, 1, 2, 3 }) {
        try {
            switch (step) {
            case 0:
                UNetConfig::forModel(*model).validate();
                break;
            case 1:
                VaeConfig::forModel(*model).validate();
                break;
            case 2:
                if (model->has(Component::TextEncoder))
                    (void)ClipTextConfig::resolve(
                        model->config(Component::TextEncoder), model->weights(Component::TextEncoder).shapes());
                break;
            case 3:
                checkScheduler(model->schedulerConfig());
                break;
            }
        } catch (const EngineError&) {
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const Files& f = files();
    const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
    const int variant = data[1];
    using easel::fuzz::writeFile;
    switch (data[0] % 8) {
    case 0:
    case 1:
    case 2:
    case 3: {
        const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (json.is_discarded())
            return 0;
        try {
            switch (data[0] % 8) {
            case 0:
                UNetConfig::fromJson(json).validate();
                break;
            case 1:
                VaeConfig::fromJson(json, ModelFamily(variant % 5)).validate();
                break;
            case 2:
                (void)ClipTextConfig::fromJson(json);
                (void)ClipTextConfig::resolve(json,
                    { { "text_model.embeddings.token_embedding.weight", { 49408, 32 } },
                        { "text_model.encoder.layers.0.self_attn.q_proj.weight", { 32, 32 } } });
                break;
            default:
                checkScheduler(json);
                break;
            }
        } catch (const EngineError&) {
        }
        return 0;
    }
    case 4: // the single file's sidecar JSON
        fs::remove(f.single + "/m.yaml");
        writeFile(f.single + "/m.json", text);
        readModel(f.single + "/m.safetensors");
        return 0;
    case 5: // A1111's sidecar YAML
        fs::remove(f.single + "/m.json");
        writeFile(f.single + "/m.yaml", text);
        readModel(f.single + "/m.safetensors");
        return 0;
    case 6: { // one file of a diffusers folder
        static const char* const names[]
            = { "model_index.json", "unet/config.json", "text_encoder/config.json", "scheduler/scheduler_config.json" };
        const std::string file = f.diffusers + "/" + names[variant % 4];
        writeFile(file, text);
        readModel(f.diffusers);
        writeFile(file,
            variant % 4 == 0       ? kIndex
                : variant % 4 == 1 ? kUnetConfig
                : variant % 4 == 2 ? kTextConfig
                                   : "{}");
        return 0;
    }
    default: // a sharded component's weight index
        writeFile(f.sharded + "/unet/diffusion_pytorch_model.safetensors.index.json", text);
        readModel(f.sharded);
        return 0;
    }
}
