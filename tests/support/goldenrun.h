// SPDX-License-Identifier: MIT
#pragma once

// A diffusers pipeline golden case run through the engine: the call as GenerationParams, and what came
// out (final latents, image, prompt embeddings) against what diffusers saved. Header-only, for the engine
// tests that link the pipeline.

#include "support/goldens.h"
#include "support/testdata.h"

#include "engine/pipeline/stablediffusion.h"

#include <ATen/ATen.h>

#include <string>

namespace easel::test {

/// The pipeline call of case `c` of golden set `set`: prompts (plain syntax, as diffusers reads them),
/// steps, guidance, size, the scheduler as sampler/schedule/spacing, the explicit initial latents or the
/// generator seed, the img2img/inpainting image, mask and strength, and the LoRAs (files under tests/data).
inline engine::GenerationParams pipelineParams(const nlohmann::json& c, const std::string& set)
{
    using namespace engine;
    const nlohmann::json& p = c["params"];
    const SchedulerConfig scheduler = SchedulerConfig::fromJson(p["scheduler"]);
    const SamplerChoice choice = defaultSampler(scheduler);
    GenerationParams params;
    params.prompt = p["prompt"];
    params.hasNegativePrompt = p.contains("negative_prompt") && !p["negative_prompt"].is_null();
    if (params.hasNegativePrompt)
        params.negativePrompt = p["negative_prompt"];
    params.steps = p["num_inference_steps"];
    params.guidance = p["guidance_scale"];
    params.width = p["width"];
    params.height = p["height"];
    params.sampler = choice.kind;
    params.schedule = choice.schedule;
    params.spacing = scheduler.timestepSpacing;
    params.promptSyntax = PromptSyntax::Plain;
    params.preview = PreviewMode::None;
    const nlohmann::json& in = c["inputs"];
    const nlohmann::json keys = in.value("keys", nlohmann::json::object());
    const std::string file = in.value("file", std::string());
    if (keys.contains("latents"))
        params.initLatents = goldenTensor(file, keys["latents"], set);
    if (p.contains("generator_seed"))
        params.seed = p["generator_seed"].get<uint64_t>();
    for (const char* key : { "image", "init_image" }) {
        if (keys.contains(key))
            params.initImage = goldenTensor(file, keys[key], set);
    }
    if (keys.contains("mask_image"))
        params.mask = goldenTensor(file, keys["mask_image"], set);
    if (p.contains("strength"))
        params.strength = p["strength"];
    if (p.contains("lora")) {
        const nlohmann::json& lora = p["lora"];
        for (size_t i = 0; i < lora["loras"].size(); ++i)
            params.loras.push_back(
                { testDataFile(lora["loras"][i]["file"]), lora["effective_multipliers"][i].get<double>() });
    }
    return params;
}

/// Compares a finished generation of case `c` with its outputs within the case's tolerance; with
/// `embeds`, also the conditioning of `prompt` / `negativePrompt` (the model as it is now) where the case
/// saved it (modules' tolerance). Fails the running test on a mismatch.
inline void comparePipelineOutputs(engine::StableDiffusion& sd, const engine::GenerationResult& result,
    const nlohmann::json& c, const std::string& set, const std::string& prompt, const std::string& negativePrompt,
    bool embeds = true)
{
    using namespace engine;
    QVERIFY2(result.outcome == Outcome::Completed, result.error.c_str());
    QCOMPARE(result.images.size(), size_t(1));
    const nlohmann::json& out = c["outputs"];
    const std::string file = out["file"];
    const double rtol = c["tolerance"]["rtol"], atol = c["tolerance"]["atol"];
    const auto golden = [&](const char* key) { return goldenTensor(file, out["keys"][key], set); };
    // The conditioning first: where it differs, the latents do too.
    if (embeds && out["keys"].contains("prompt_embeds")) {
        const PromptTokens pos = sd.tokenize(prompt, PromptSyntax::Plain);
        const PromptTokens neg = sd.tokenize(negativePrompt, PromptSyntax::Plain);
        const TextConditioner::Pair pair = sd.textConditioner().encodePair(pos, &neg);
        EASEL_COMPARE_TENSORS(pair.positive.context, golden("prompt_embeds"), 1e-4, 1e-4, "prompt_embeds");
        EASEL_COMPARE_TENSORS(pair.negative.context, golden("negative_prompt_embeds"), 1e-4, 1e-4, "negative_prompt_embeds");
        if (out["keys"].contains("pooled_prompt_embeds")) {
            EASEL_COMPARE_TENSORS(pair.positive.pooled, golden("pooled_prompt_embeds"), 1e-4, 1e-4, "pooled");
            EASEL_COMPARE_TENSORS(pair.negative.pooled, golden("negative_pooled_prompt_embeds"), 1e-4, 1e-4, "negative pooled");
        }
    }
    const at::Tensor latents = result.images[0].latents.unsqueeze(0);
    EASEL_COMPARE_TENSORS(latents, golden("latents"), rtol, atol, "latents");
    const at::Tensor image = sd.decodeLatents(latents).permute({ 0, 2, 3, 1 });
    EASEL_COMPARE_TENSORS(image, golden("image"), rtol, atol, "image");
    QVERIFY(at::equal(result.images[0].rgb, (image[0] * 255).round().to(at::kByte)));
}

} // namespace easel::test
