// SPDX-License-Identifier: MIT
// TEMPORARY: replaced by the real mapping (owned by the text-encoder work).
#include "engine/common/error.h"
#include "engine/weights/keymap.h"

namespace easel::engine {

std::vector<KeyMapping> mapTextEncoderKeys(const std::vector<std::string>&, TextEncoderNaming)
{
    throw EngineError("text encoder key mapping is not implemented yet", EngineError::Kind::Internal);
}

} // namespace easel::engine
