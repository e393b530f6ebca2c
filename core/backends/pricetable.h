// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace easel {

/**
 * What a cloud image costs, in US dollars: the one table of prices, used for the estimates shown before a
 * job runs and for the budget. These are ESTIMATES copied from the providers' published price lists as of
 * PriceTable::asOf; the bill is what the provider charges (OpenAI's gpt-image models bill by tokens, so a long
 * prompt costs slightly more). Update the table and asOf together.
 */
class PriceTable {
public:
    /// When the prices below were read from the providers' price pages (YYYY-MM).
    static const char* const asOf;

    /// OpenAI Images: `model` "gpt-image-1", "dall-e-3", "dall-e-2"; `quality` as sent ("low", "medium",
    /// "high", "standard", "hd"; empty: the backend's default); `width` x `height` as sent. -1 for an
    /// unknown model.
    static double openAi(const QString& model, const QString& quality, int width, int height);

    /// Stability AI (credits at $0.01): "stable-image-ultra", "stable-image-core", "sd3.5-large",
    /// "sd3.5-large-turbo", "sd3.5-medium". -1 for an unknown model.
    static double stability(const QString& model);
};

} // namespace easel
