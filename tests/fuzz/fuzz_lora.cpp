// SPDX-License-Identifier: MIT
// libFuzzer target for LoRA files and their key mapping: the input is a safetensors header (JSON, up to the
// first NUL byte) and the tensor bytes after it; the target frames them as a .safetensors file, opens it as a
// LoraFile (kohya module names, shapes, alphas, metadata: base model, trigger words) and applies it to a
// small model of the SD 1.x layout (the demo model's sizes: 32/64 channels) through LoraPatcher, which maps
// kohya names (diffusers and sgm/LDM UNet names, CLIP text-encoder names) onto the model's weights, checks
// the shapes and fuses; taking it off must restore every weight exactly. Bad files throw EngineError only.

#include "fuzzsupport.h"

#include "engine/common/error.h"
#include "engine/models/cliptextmodel.h"
#include "engine/models/unet.h"
#include "engine/pipeline/lorapatcher.h"
#include "engine/weights/lorafile.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>

using namespace easel::engine;

namespace {

struct Model {
    Model()
    {
        std::ifstream in(EASEL_FUZZ_RESOURCE_DIR "/models/tiny-sd15.json");
        std::stringstream text;
        text << in.rdbuf();
        const nlohmann::json config = nlohmann::json::parse(text.str());
        const at::TensorOptions options = at::TensorOptions().dtype(at::kFloat);
        unet = UNet(UNetConfig::fromJson(config.at("unet")), options);
        textEncoder = ClipTextModel(ClipTextConfig::fromJson(config.at("text_encoder")), options);
        patcher = std::make_unique<LoraPatcher>(unet, textEncoder, ClipTextModel(nullptr), ModelFamily::SD1);
        for (torch::nn::Module* module :
            { static_cast<torch::nn::Module*>(unet.get()), static_cast<torch::nn::Module*>(textEncoder.get()) }) {
            for (const auto& p : module->named_parameters())
                originals.emplace_back(p.value(), p.value().clone());
        }
    }

    UNet unet { nullptr };
    ClipTextModel textEncoder { nullptr };
    std::unique_ptr<LoraPatcher> patcher;
    std::vector<std::pair<at::Tensor, at::Tensor>> originals; ///< (parameter, its value before any LoRA)
};

Model& model()
{
    static Model instance;
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Model& m = model();
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t nul = input.find('\0');
    const std::string header = input.substr(0, nul);
    const std::string tensors = nul == std::string::npos ? std::string() : input.substr(nul + 1);
    const std::string path = easel::fuzz::scratchDir() + "/lora.safetensors";
    easel::fuzz::writeFile(path, easel::fuzz::safetensorsBytes(header, tensors));

    std::shared_ptr<const LoraFile> lora;
    try {
        lora = std::make_shared<const LoraFile>(path);
    } catch (const EngineError&) {
        return 0;
    }
    FUZZ_CHECK(!lora->modules().empty());
    for (const LoraModule& module : lora->modules()) {
        FUZZ_CHECK(module.down && module.up && module.rank >= 1);
        FUZZ_CHECK(std::isfinite(module.scale()));
    }
    std::string source;
    (void)lora->base(&source);
    (void)lora->ranks();
    (void)lora->alphas();
    (void)lora->moduleCounts();
    for (const auto& [word, count] : lora->triggerWords())
        FUZZ_CHECK(!word.empty());

    try {
        (void)m.patcher->apply({ LoraApplication { lora, 0.75 } });
    } catch (const EngineError&) {
    }
    (void)m.patcher->apply({});
    FUZZ_CHECK(m.patcher->patchedTensors() == 0);
    for (const auto& [param, original] : m.originals)
        FUZZ_CHECK(at::equal(param, original));
    return 0;
}
