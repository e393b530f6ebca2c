// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QList>
#include <QString>

namespace easel {

/// One piece of a word-level diff: text both sides share, or text only the first (Removed) or only the second
/// (Added) has. Pieces keep the whitespace and punctuation between words, so joining the Same and Removed pieces
/// gives the first text back and joining the Same and Added pieces the second.
struct WordDiff {
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;

    bool operator==(const WordDiff& other) const { return kind == other.kind && text == other.text; }
};

/// One field that differs between two recipes, by the JSON key of ImageRecipe::toJson() ("seed", "prompt"...),
/// with each side's value as text (empty when a side does not have it).
struct FieldDiff {
    QString field;
    QString a;
    QString b;
};

/// What changed between two images' recipes (the gallery's compare view).
class RecipeDiff {
public:
    /// The word-level diff of two texts (a longest common subsequence of their words; a word is a run of letters,
    /// digits, '_' and '-', every other character but white space is a word of its own, so "(fox:1.2)" and
    /// "(fox:1.3)" differ in "2"/"3" only). Adjacent pieces of one kind are merged.
    static QList<WordDiff> words(const QString& a, const QString& b);

    /// The fields of the recipes that differ (ImageRecipe::differingFields), leaving out what is not part of how
    /// the image was made: elapsed_seconds and format_version.
    static QList<FieldDiff> fields(const ImageRecipe& a, const ImageRecipe& b);

    /// The same names as fields(), in order.
    static QStringList fieldNames(const ImageRecipe& a, const ImageRecipe& b);
};

} // namespace easel
