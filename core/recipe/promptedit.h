// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVector>

namespace easel {

/// A prompt after an edit: the whole new text and the selection to show (QString indices, start <= end).
struct PromptEdit {
    QString text;
    int selectionStart = 0;
    int selectionEnd = 0;
    bool changed = false; ///< false when there was nothing to weight; text and selection are then the input's
};

/// How much one Ctrl+Up / Ctrl+Down changes a weight (AUTOMATIC1111's keyedit_precision_* defaults).
struct PromptWeightSteps {
    double attention = 0.1; ///< (text:1.1)
    double extraNetwork = 0.05; ///< <lora:name:0.8>
};

/**
 * Ctrl+Up / Ctrl+Down of AUTOMATIC1111's prompt box (edit-attention.js), which ComfyUI copies: raises
 * (\a direction > 0) or lowers the weight of the selection, or with no selection of the weighted group,
 * <lora:...> tag or word under the cursor. `cat` -> `(cat:1.1)` -> `(cat:1.2)`; back at 1.0 the parentheses
 * go; old-style `((cat))` and `[cat]` become `(cat:1.3)` / `(cat:0.9)` (their weight, rounded, then the
 * step). The selection ends up on the weighted text, without the brackets, so the keys can be repeated.
 * Differences from A1111, all where it would make a mess: escaped brackets `\(` are not groups, a
 * selection that is a whole `(text:1.2)` group weights that group, leading spaces of a selection stay
 * outside, a selection right after an unweighted `(` is wrapped rather than ignored.
 */
PromptEdit adjustPromptWeight(
    const QString& text, int selectionStart, int selectionEnd, int direction, const PromptWeightSteps& steps = {});

/// What a piece of A1111 prompt syntax is, for highlighting.
enum class PromptSpanKind {
    Text, ///< prompt text (weight: its attention weight as the engine computes it)
    Paren, ///< ( or ) of an emphasis group, closed
    Weight, ///< the ":1.2" that ends a weighted group (weight: the number)
    BadWeight, ///< a ":1.2.3" that ends a group but is not a number: the engine refuses the prompt
    Bracket, ///< [ or ] of a de-emphasis group, closed
    Break, ///< the BREAK keyword
    Escape, ///< \( \) \[ \] \\, or a lone backslash (which the engine drops)
    ExtraNetwork, ///< <lora:name:0.8> and other <kind:...> tags, as a whole
    Unmatched, ///< a bracket with no partner: literal text (a closing one) or up to the end (an opening one)
};

/// A run of prompt text of one kind. Spans cover the text in order, without gaps or overlaps.
struct PromptSpan {
    PromptSpanKind kind = PromptSpanKind::Text;
    int start = 0;
    int length = 0;
    double weight = 1.0; ///< Text: the effective attention weight; Weight: its value; else 1
    int depth = 0; ///< Paren, Bracket, Weight: how many groups enclose this one (0 for the outermost)

    int end() const { return start + length; }
    bool operator==(const PromptSpan& other) const
    {
        return kind == other.kind && start == other.start && length == other.length && weight == other.weight
            && depth == other.depth;
    }
};

/// The A1111 syntax of a prompt, read as engine/tokenizer/promptsyntax.cpp reads it (which brackets pair,
/// which ":1.2)" is a weight, where BREAK is a keyword), for a highlighter. Never fails: unbalanced input
/// gives Unmatched spans. Adjacent Text of equal weight is one span.
QVector<PromptSpan> promptSpans(const QString& text);

} // namespace easel
