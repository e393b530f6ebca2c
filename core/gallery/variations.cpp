// SPDX-License-Identifier: MIT
#include "gallery/variations.h"

#include <cmath>

namespace easel {

QList<ImageRecipe> Variations::of(const ImageRecipe& base, Kind kind, int count, double step)
{
    QList<ImageRecipe> out;
    if (count < 1)
        return out;
    ImageRecipe single = base;
    single.batchSize = 1;
    single.batchCount = 1;
    single.batchIndex = 0;
    single.elapsedSeconds = 0.0;
    if (kind == Kind::Seeds) {
        for (int k = 1; k <= count; ++k) {
            ImageRecipe r = single;
            r.seed = base.seed + k;
            out << r;
        }
        return out;
    }
    if (!(step > 0.0) || !std::isfinite(step))
        return out;
    const int below = count / 2;
    QList<double> seen { kind == Kind::Guidance ? base.guidance : double(base.steps) };
    for (int k = -below; k <= count - below; ++k) {
        if (k == 0 || out.size() == count)
            continue;
        ImageRecipe r = single;
        if (kind == Kind::Guidance) {
            // Rounded to the step's own precision so 7.5 - 3 * 0.1 is 7.2, not 7.199999.
            const double value = std::round((base.guidance + k * step) * 1e6) / 1e6;
            if (value < limits::Guidance.min || value > limits::Guidance.max || seen.contains(value))
                continue;
            seen << value;
            r.guidance = value;
        } else {
            const int value = int(std::lround(base.steps + k * step));
            if (value < limits::Steps.min || value > limits::Steps.max || seen.contains(double(value)))
                continue;
            seen << double(value);
            r.steps = value;
        }
        out << r;
    }
    return out;
}

} // namespace easel
