// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"
#include "recipe/promptedit.h"

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace easel {

/// Colours a prompt's A1111 syntax (promptSpans()): emphasis brackets and weights, [de-emphasis], BREAK,
/// escapes, <lora:...> tags, unbalanced brackets; emphasised text gets a tint that grows with its weight.
/// Colours come from the palette (or are derived from its lightness), so they read in light and dark
/// themes. Plain syntax shows no highlighting: the engine takes every character literally there.
class PromptHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PromptHighlighter(QTextDocument* document);

    void setPromptSyntax(PromptSyntax syntax);
    PromptSyntax promptSyntax() const { return m_syntax; }
    /// Derives the formats from a palette (the editor's) and highlights again.
    void setPalette(const QPalette& palette);

    /// The format of a kind of span; for Text, the format of text of that weight; for Paren, of that depth.
    QTextCharFormat format(PromptSpanKind kind, double weight = 1.0, int depth = 0) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    void updateSpans();

    PromptSyntax m_syntax = PromptSyntax::A1111;
    QPalette m_palette;
    QString m_text; // the document's text that m_spans describe
    QVector<PromptSpan> m_spans;
    bool m_rehighlightQueued = false;
};

} // namespace easel
