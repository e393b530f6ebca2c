// SPDX-License-Identifier: MIT
#include "engine/bench/randommodel.h"

#include "engine/common/error.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/layers.h"
#include "engine/models/taesd.h"
#include "engine/models/unet.h"
#include "engine/models/vae.h"
#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

namespace easel::engine {

namespace {

namespace fs = std::filesystem;

// The released models' diffusers configs (runwayml/stable-diffusion-v1-5 and
// stabilityai/stable-diffusion-xl-base-1.0), without the keys Easel ignores.
const char* const kSd15Unet = R"({
  "_class_name": "UNet2DConditionModel", "act_fn": "silu", "attention_head_dim": 8,
  "block_out_channels": [320, 640, 1280, 1280], "center_input_sample": false, "cross_attention_dim": 768,
  "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
  "downsample_padding": 1, "flip_sin_to_cos": true, "freq_shift": 0, "in_channels": 4, "layers_per_block": 2,
  "mid_block_scale_factor": 1, "norm_eps": 1e-05, "norm_num_groups": 32, "out_channels": 4, "sample_size": 64,
  "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]
})";

const char* const kSdxlUnet = R"({
  "_class_name": "UNet2DConditionModel", "act_fn": "silu", "addition_embed_type": "text_time",
  "addition_embed_type_num_heads": 64, "addition_time_embed_dim": 256, "attention_head_dim": [5, 10, 20],
  "block_out_channels": [320, 640, 1280], "center_input_sample": false, "cross_attention_dim": 2048,
  "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"], "downsample_padding": 1,
  "flip_sin_to_cos": true, "freq_shift": 0, "in_channels": 4, "layers_per_block": 2, "mid_block_scale_factor": 1,
  "norm_eps": 1e-05, "norm_num_groups": 32, "out_channels": 4, "projection_class_embeddings_input_dim": 2816,
  "sample_size": 128, "transformer_layers_per_block": [1, 2, 10],
  "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"], "upcast_attention": null,
  "use_linear_projection": true
})";

const char* const kVae = R"({
  "_class_name": "AutoencoderKL", "act_fn": "silu", "block_out_channels": [128, 256, 512, 512],
  "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
  "in_channels": 3, "latent_channels": 4, "layers_per_block": 2, "norm_num_groups": 32, "out_channels": 3,
  "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"]
})";

const char* const kClipL = R"({
  "architectures": ["CLIPTextModel"], "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": 2,
  "hidden_act": "quick_gelu", "hidden_size": 768, "initializer_factor": 1.0, "initializer_range": 0.02,
  "intermediate_size": 3072, "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
  "num_attention_heads": 12, "num_hidden_layers": 12, "pad_token_id": 1, "projection_dim": 768, "vocab_size": 49408
})";

const char* const kClipBigG = R"({
  "architectures": ["CLIPTextModelWithProjection"], "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": 2,
  "hidden_act": "gelu", "hidden_size": 1280, "initializer_factor": 1.0, "initializer_range": 0.02,
  "intermediate_size": 5120, "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
  "num_attention_heads": 20, "num_hidden_layers": 32, "pad_token_id": 1, "projection_dim": 1280, "vocab_size": 49408
})";

const char* const kPndm = R"({
  "_class_name": "PNDMScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085,
  "clip_sample": false, "num_train_timesteps": 1000, "prediction_type": "epsilon", "set_alpha_to_one": false,
  "skip_prk_steps": true, "steps_offset": 1, "timestep_spacing": "leading", "trained_betas": null
})";

const char* const kEuler = R"({
  "_class_name": "EulerDiscreteScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear",
  "beta_start": 0.00085, "clip_sample": false, "interpolation_type": "linear", "num_train_timesteps": 1000,
  "prediction_type": "epsilon", "sample_max_value": 1.0, "set_alpha_to_one": false, "skip_prk_steps": true,
  "steps_offset": 1, "timestep_spacing": "leading", "trained_betas": null, "use_karras_sigmas": false
})";

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw EngineError(fileError(path.string(), "cannot be written"));
}

void writeJson(const fs::path& path, const nlohmann::json& value)
{
    writeText(path, value.dump(2) + "\n");
}

void writeModule(torch::nn::Module& module, const fs::path& path)
{
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (const auto& item : module.named_parameters(/*recurse=*/true))
        tensors.emplace_back(item.key(), item.value());
    writeSafetensors(path.string(), tensors, { { "format", "pt" } });
}

// model_index.json and the scheduler's config.
void writeIndex(const fs::path& dir, bool xl)
{
    nlohmann::json index = { { "_class_name", xl ? "StableDiffusionXLPipeline" : "StableDiffusionPipeline" },
        { "_diffusers_version", "0.27.2" }, { "scheduler", { "diffusers", xl ? "EulerDiscreteScheduler" : "PNDMScheduler" } },
        { "text_encoder", { "transformers", "CLIPTextModel" } }, { "tokenizer", { "transformers", "CLIPTokenizer" } },
        { "unet", { "diffusers", "UNet2DConditionModel" } }, { "vae", { "diffusers", "AutoencoderKL" } } };
    if (xl) {
        index["text_encoder_2"] = { "transformers", "CLIPTextModelWithProjection" };
        index["tokenizer_2"] = { "transformers", "CLIPTokenizer" };
        index["force_zeros_for_empty_prompt"] = true;
    } else {
        index["requires_safety_checker"] = false;
    }
    writeJson(dir / "model_index.json", index);
    fs::create_directories(dir / "scheduler");
    writeJson(dir / "scheduler" / "scheduler_config.json", nlohmann::json::parse(xl ? kEuler : kPndm));
}

// tokenizer/ (and tokenizer_2/ for SDXL): the bundled CLIP vocabulary with each encoder's padding.
void writeTokenizers(const fs::path& dir, const fs::path& vocab, bool xl)
{
    for (int t = 0; t < (xl ? 2 : 1); ++t) {
        const fs::path folder = dir / (t == 0 ? "tokenizer" : "tokenizer_2");
        fs::create_directories(folder);
        fs::copy_file(vocab / "vocab.json", folder / "vocab.json", fs::copy_options::overwrite_existing);
        fs::copy_file(vocab / "merges.txt", folder / "merges.txt", fs::copy_options::overwrite_existing);
        const std::string pad = t == 0 ? "<|endoftext|>" : "!"; // OpenCLIP bigG pads with "!"
        writeJson(folder / "tokenizer_config.json",
            { { "bos_token", "<|startoftext|>" }, { "eos_token", "<|endoftext|>" }, { "pad_token", pad },
                { "unk_token", "<|endoftext|>" }, { "model_max_length", 77 }, { "tokenizer_class", "CLIPTokenizer" } });
        writeJson(folder / "special_tokens_map.json",
            { { "bos_token", "<|startoftext|>" }, { "eos_token", "<|endoftext|>" }, { "pad_token", pad },
                { "unk_token", "<|endoftext|>" } });
    }
}

// One component folder: config.json and the module's random weights.
void writeComponent(const fs::path& folder, const nlohmann::json& config, torch::nn::Module& module, uint64_t seed,
    const std::string& weightsFile)
{
    randomWeights(module, seed);
    fs::create_directories(folder);
    writeJson(folder / "config.json", config);
    writeModule(module, folder / weightsFile);
}

nlohmann::json vaeConfig(bool xl)
{
    nlohmann::json json = nlohmann::json::parse(kVae);
    json["scaling_factor"] = xl ? 0.13025 : 0.18215;
    json["sample_size"] = xl ? 1024 : 512;
    if (xl)
        json["force_upcast"] = true;
    return json;
}

} // namespace

void writeRandomModel(const std::string& dirPath, BenchArch arch, const std::string& vocabularyDir, uint64_t seed,
    const std::function<void(const std::string&)>& log)
{
    at::NoGradGuard noGrad;
    const fs::path dir(dirPath);
    const bool xl = arch == BenchArch::SDXL;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw EngineError(fileError(dirPath, "cannot be created: " + ec.message()));
    const fs::path vocab(vocabularyDir);
    if (!fs::exists(vocab / "vocab.json") || !fs::exists(vocab / "merges.txt"))
        throw EngineError(fileError(vocabularyDir, "has no CLIP vocab.json and merges.txt"));
    auto say = [&](const std::string& line) {
        if (log)
            log("writing random " + line);
    };
    writeIndex(dir, xl);
    writeTokenizers(dir, vocab, xl);

    // Stored in fp16, as the released models are usually downloaded; loading converts. Each
    // component is built, written and freed before the next one.
    const at::TensorOptions stored = at::TensorOptions().dtype(at::kHalf);
    uint64_t componentSeed = seed;
    for (const auto& [folder, config] : { std::make_pair("text_encoder", kClipL), std::make_pair("text_encoder_2", kClipBigG) }) {
        if (std::string(folder) == "text_encoder_2" && !xl)
            continue;
        say(folder);
        const nlohmann::json json = nlohmann::json::parse(config);
        ClipTextModel model(ClipTextConfig::fromJson(json), stored);
        writeComponent(dir / folder, json, *model, componentSeed++, "model.safetensors");
    }
    {
        say("unet");
        const nlohmann::json json = nlohmann::json::parse(xl ? kSdxlUnet : kSd15Unet);
        UNet unet(UNetConfig::fromJson(json), stored);
        writeComponent(dir / "unet", json, *unet, componentSeed++, "diffusion_pytorch_model.safetensors");
    }
    {
        say("vae");
        const nlohmann::json json = vaeConfig(xl);
        Vae vae(VaeConfig::fromJson(json, xl ? ModelFamily::SDXLBase : ModelFamily::SD1), stored);
        writeComponent(dir / "vae", json, *vae, componentSeed++, "diffusion_pytorch_model.safetensors");
    }
    {
        say("taesd decoder");
        Taesd taesd(TaesdImpl::Kind::Decoder, 4, stored);
        randomWeights(*taesd, componentSeed++);
        writeModule(*taesd, dir / "taesd_decoder.safetensors");
    }
}

} // namespace easel::engine
