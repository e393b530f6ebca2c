// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QList>

namespace easel {

/// "Vary" in the gallery: recipes around an image's own, to queue.
class Variations {
public:
    enum class Kind {
        Seeds, ///< seed + 1 ... seed + count, everything else the same
        Guidance, ///< guidance around the recipe's, step apart (count values, the recipe's own left out)
        Steps, ///< steps around the recipe's, step apart
    };

    /**
     * The recipes of a variation of \a base, each a single image (batch of one, batch index 0). A sweep takes
     * count / 2 values below and the rest above the recipe's own value (so count 4, step 1 around guidance 7
     * gives 5, 6, 8, 9), leaves out values outside the limits (recipelimits.h) and never repeats a value or the
     * recipe's own. count < 1 gives none.
     */
    static QList<ImageRecipe> of(const ImageRecipe& base, Kind kind, int count, double step = 1.0);
};

} // namespace easel
