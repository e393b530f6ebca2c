// SPDX-License-Identifier: MIT
#pragma once

#include "engine/pipeline/stablediffusion.h"
#include "support/testdata.h"

#include <map>
#include <memory>
#include <string>

namespace easel::test {

/// A tiny model of the fixtures (tinyModelPath()) with the CLIP vocabulary of the resources, loaded once per test
/// program, name and layout.
inline std::shared_ptr<engine::StableDiffusion> tinyModel(
    const std::string& name, const std::string& layout = "diffusers")
{
    static std::map<std::string, std::shared_ptr<engine::StableDiffusion>> cache;
    std::shared_ptr<engine::StableDiffusion>& sd = cache[name + "/" + layout];
    if (!sd) {
        engine::LoadOptions options;
        options.vocabularyDir = resourceFile("clip");
        sd = engine::StableDiffusion::load(tinyModelPath(name, layout), options);
    }
    return sd;
}

} // namespace easel::test
