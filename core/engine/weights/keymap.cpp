// SPDX-License-Identifier: MIT
#include "engine/weights/keymap.h"

namespace easel::engine {

const char* componentName(Component c)
{
    switch (c) {
    case Component::Unet: return "unet";
    case Component::Vae: return "vae";
    case Component::TextEncoder: return "text_encoder";
    case Component::TextEncoder2: return "text_encoder_2";
    }
    return "unknown";
}

std::optional<KeyMapping> findByEngineName(const std::vector<KeyMapping>& map, const std::string& engineName)
{
    for (const KeyMapping& m : map) {
        if (m.engineName == engineName)
            return m;
    }
    return std::nullopt;
}

std::vector<KeyMapping> findByOriginalKey(const std::vector<KeyMapping>& map, const std::string& originalKey)
{
    std::vector<KeyMapping> found;
    for (const KeyMapping& m : map) {
        if (m.originalKey == originalKey)
            found.push_back(m);
    }
    return found;
}

} // namespace easel::engine
