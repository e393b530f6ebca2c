// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel {

/// A LoRA of a stack before its strength is settled: a .safetensors file (absolute path) or a NAME looked up
/// in the LoRA folders as the prompt's <lora:NAME> is; no weight = the automatic strength of its slot.
struct LoraSpec {
    QString path;
    std::optional<double> weight;

    bool operator==(const LoraSpec& other) const { return path == other.path && weight == other.weight; }
};

/// The most LoRAs a composed stack holds.
inline constexpr int MaxStackedLoras = 10;

/// Automatic strength of each character LoRA: 0.85 for one character, 0.75 for two, 0.65 for three or more.
double automaticCharacterLoraWeight(int characterCount);
/// Automatic strength of the cinematic LoRA: 1.0 with no character, 0.95 / 0.85 / 0.75 with one / two / three or
/// more.
double automaticCinematicLoraWeight(int characterCount);
/// Automatic strength of a style LoRA: 1.0.
double automaticStyleLoraWeight();

/// A composed stack: the LoRAs in the order they are applied, and translated one-line notes for the user (LoRAs
/// dropped beyond MaxStackedLoras).
struct LoraStack {
    QList<LoraRef> loras;
    QStringList notes;
};

/**
 * The LoRA stack of an image (story boards, styles): style LoRAs first, then the character LoRAs (one per
 * character), then the optional cinematic LoRA; at most MaxStackedLoras, the rest dropped (lowest priority
 * first) with a note naming them. Weights not given take the automatic strengths above, the character count
 * being characters.size(). Pure: reads no file.
 */
LoraStack composeLoraStack(const QList<LoraSpec>& style, const QList<LoraSpec>& characters,
    const std::optional<LoraSpec>& cinematic = std::nullopt);

} // namespace easel
