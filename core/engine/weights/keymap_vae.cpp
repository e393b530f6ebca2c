// SPDX-License-Identifier: MIT
// TEMPORARY: replaced by the real mapping (owned by the UNet/VAE work).
#include "engine/common/error.h"
#include "engine/weights/keymap.h"

namespace easel::engine {

std::vector<KeyMapping> mapVaeKeys(const std::vector<std::string>&)
{
    throw EngineError("vae key mapping is not implemented yet", EngineError::Kind::Internal);
}

} // namespace easel::engine
