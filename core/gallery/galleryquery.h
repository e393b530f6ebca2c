// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVariantList>

namespace easel {

/**
 * The gallery's search language, compiled to a parameterised SQL condition over the index's `images` table.
 * Values are never pasted into the SQL text: every value is a bound '?' parameter.
 *
 * Terms are separated by spaces and all must hold (AND); a leading '-' negates a term. Double quotes group
 * words ("red fox", model:"dream shaper"). A bare word or quoted phrase matches the prompt (case-insensitive,
 * substring). Fields:
 * - model:NAME, lora:NAME     substring of the model name / of a LoRA name
 * - sampler:NAME              Easel's sampler name (euler_a) or the foreign tool's name, exact, any case
 * - tag:NAME, board:NAME      exact tag / board (user collection) name
 * - recipe:KEY                the images of one recipe, any seed (GalleryEntry::recipeKey)
 * - story:ID, shot:ID         the images rendered for a story board / one of its shots (exact id, as the
 *                             recipe's "Story" / "Shot" extras hold it)
 * - seed:, steps:, cfg:, rating:, width:, height:   N, =N, >N, >=N, <N, <=N or A..B (inclusive);
 *                             rating:0 means unrated
 * - size:WxH                  exact pixel size
 * - date:2026, date:2026-11, date:2026-11-05   the file's date (local time) starts with it; also >, >=, <,
 *                             <= and A..B on that precision
 * - pick:yes|no, reject:yes|no (also true/false/1/0)
 * - flag:black|white|uniform|nan   the quality checks Easel recorded when it made the image (nearly black, nearly
 *                             white, uniform, broken: NaN/inf; nearly-black, nearly-white and broken work too);
 *                             flag:any (any of them), flag:ok (checked, none found), flag:unchecked (no record:
 *                             other tools' images); -flag:any is every image not flagged
 * A word with an unknown field name ("masterpiece:1.2") is prompt text.
 */
struct GalleryQuery {
    /// SQL boolean expression ("1" for the empty query).
    QString where;
    /// Values of the '?' placeholders in \a where, in order.
    QVariantList bindings;
    /// One translated line when the text could not be read; then where is empty.
    QString error;

    bool isValid() const { return error.isEmpty(); }

    static GalleryQuery compile(const QString& text);
};

} // namespace easel
