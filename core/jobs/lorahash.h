// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace easel {

/**
 * A1111's short hash of a LoRA file, as its "Lora hashes" field writes it (see LoraHash): the first 12 hex digits
 * of the "sshs_model_hash" the kohya metadata carries, else of the SHA-256 of everything after the safetensors
 * header (kohya's and the additional-networks extension's "addnet" hash, which A1111 computes for .safetensors).
 * Kept for the process by path, size and modification time; thread-safe. nullopt with a one-line message
 * naming the file when it cannot be read or is not a safetensors file.
 */
std::optional<QString> loraShortHash(const QString& path, QString* errorMessage = nullptr);

} // namespace easel
