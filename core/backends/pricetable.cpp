// SPDX-License-Identifier: MIT
#include "backends/pricetable.h"

#include <algorithm>

namespace easel {

// Estimates, read from https://openai.com/api/pricing and https://platform.stability.ai/pricing.
const char* const PriceTable::asOf = "2025-06";

double PriceTable::openAi(const QString& model, const QString& quality, int width, int height)
{
    const bool square = width == height;
    if (model == QLatin1String("gpt-image-1")) {
        // Per image, 1024x1024 / 1024x1536 or 1536x1024.
        if (quality == QLatin1String("low"))
            return square ? 0.011 : 0.016;
        if (quality == QLatin1String("high") || quality == QLatin1String("auto") || quality.isEmpty())
            return square ? 0.167 : 0.25; // "auto" may pick high: estimate the most
        return square ? 0.042 : 0.063; // medium
    }
    if (model == QLatin1String("dall-e-3")) {
        if (quality == QLatin1String("hd"))
            return square ? 0.08 : 0.12;
        return square ? 0.04 : 0.08;
    }
    if (model == QLatin1String("dall-e-2")) {
        const int side = std::max(width, height);
        return side <= 256 ? 0.016 : side <= 512 ? 0.018 : 0.02;
    }
    return -1.0;
}

double PriceTable::stability(const QString& model)
{
    constexpr double credit = 0.01;
    if (model == QLatin1String("stable-image-ultra"))
        return 8 * credit;
    if (model == QLatin1String("stable-image-core"))
        return 3 * credit;
    if (model == QLatin1String("sd3.5-large"))
        return 6.5 * credit;
    if (model == QLatin1String("sd3.5-large-turbo"))
        return 4 * credit;
    if (model == QLatin1String("sd3.5-medium"))
        return 3.5 * credit;
    return -1.0;
}

} // namespace easel
