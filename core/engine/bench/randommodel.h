// SPDX-License-Identifier: MIT
#pragma once

// Full-size models with random weights, for benchmarks: the real SD 1.5 / SDXL shapes (the
// released diffusers configs), written as a diffusers folder so that loading is timed exactly as a
// real checkpoint's would be.

#include <cstdint>
#include <functional>
#include <string>

namespace easel::engine {

enum class BenchArch { SD15, SDXL };

/// Writes a full-size model of `arch` with random weights as a diffusers folder (model_index.json,
/// scheduler, tokenizer(s) copied from `vocabularyDir`, unet/vae/text_encoder(s) in fp16
/// safetensors with their config.json), plus "taesd_decoder.safetensors" with a random TAESD
/// decoder. Throws EngineError.
void writeRandomModel(const std::string& dir, BenchArch arch, const std::string& vocabularyDir, uint64_t seed,
    const std::function<void(const std::string&)>& log = {});

} // namespace easel::engine
