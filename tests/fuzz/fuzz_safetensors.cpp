// SPDX-License-Identifier: MIT
// libFuzzer target for the safetensors header parser: any byte string must either parse or be
// rejected with an EngineError, without reading outside the buffer, hanging or crashing.

#include "engine/common/error.h"
#include "engine/weights/safetensorsheader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const easel::engine::SafetensorsHeader header = easel::engine::parseSafetensors(data, size, "fuzz");
        // Every accepted span lies inside the buffer.
        for (const auto& t : header.tensors) {
            if (header.dataOffset + t.end > size || t.begin > t.end)
                __builtin_trap();
        }
    } catch (const easel::engine::EngineError&) {
    }
    return 0;
}
