// SPDX-License-Identifier: MIT
#include "recipe/lorastack.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace easel {

namespace {

    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::LoraStack)
    };

    void append(LoraStack& stack, QStringList& dropped, const LoraSpec& spec, double automaticWeight)
    {
        if (stack.loras.size() < MaxStackedLoras)
            stack.loras.append({ spec.path, spec.weight.value_or(automaticWeight) });
        else
            dropped << QFileInfo(spec.path).completeBaseName();
    }

} // namespace

double automaticCharacterLoraWeight(int characterCount)
{
    if (characterCount <= 1)
        return 0.85;
    return characterCount == 2 ? 0.75 : 0.65;
}

double automaticCinematicLoraWeight(int characterCount)
{
    switch (characterCount) {
    case 0:
        return 1.0;
    case 1:
        return 0.95;
    case 2:
        return 0.85;
    default:
        return characterCount < 0 ? 1.0 : 0.75;
    }
}

double automaticStyleLoraWeight() { return 1.0; }

LoraStack composeLoraStack(
    const QList<LoraSpec>& style, const QList<LoraSpec>& characters, const std::optional<LoraSpec>& cinematic)
{
    LoraStack stack;
    QStringList dropped;
    const int characterCount = int(characters.size());
    for (const LoraSpec& spec : style)
        append(stack, dropped, spec, automaticStyleLoraWeight());
    for (const LoraSpec& spec : characters)
        append(stack, dropped, spec, automaticCharacterLoraWeight(characterCount));
    if (cinematic)
        append(stack, dropped, *cinematic, automaticCinematicLoraWeight(characterCount));
    if (!dropped.isEmpty())
        stack.notes << Tr::tr("LoRA stack: at most %1 LoRAs; left out: %2")
                           .arg(MaxStackedLoras)
                           .arg(dropped.join(QStringLiteral(", ")));
    return stack;
}

} // namespace easel
