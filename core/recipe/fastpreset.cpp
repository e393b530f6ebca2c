// SPDX-License-Identifier: MIT
#include "recipe/fastpreset.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace easel {

bool usesLcmLora(const ImageRecipe& recipe)
{
    static const QRegularExpression lcmTag(
        QStringLiteral("<(lora|lyco):[^>:]*lcm"), QRegularExpression::CaseInsensitiveOption);
    if (lcmTag.match(recipe.prompt).hasMatch())
        return true;
    for (const LoraRef& lora : recipe.loras)
        if (QFileInfo(lora.path).fileName().contains(QLatin1String("lcm"), Qt::CaseInsensitive))
            return true;
    return false;
}

FastPresetKind applyFastPreset(ImageRecipe& recipe, FastPresetKeep keep)
{
    const bool lcm = usesLcmLora(recipe);
    if (!keep.sampler)
        recipe.sampler = lcm ? Sampler::Lcm : Sampler::EulerA;
    if (!keep.spacing && !lcm)
        recipe.spacing = TimestepSpacing::Trailing;
    if (!keep.steps)
        recipe.steps = lcm ? 4 : 1;
    if (!keep.guidance)
        recipe.guidance = lcm ? 1.0 : 0.0;
    return lcm ? FastPresetKind::Lcm : FastPresetKind::Turbo;
}

} // namespace easel
