// SPDX-License-Identifier: MIT
#include "prompt/prompthighlighter.h"

#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace easel {

namespace {

    bool isDark(const QPalette& palette) { return palette.color(QPalette::Base).lightnessF() < 0.5; }

    // A colour of this hue that reads on the palette's base: light on dark bases, dark on light ones.
    QColor accent(const QPalette& palette, int hue)
    {
        return isDark(palette) ? QColor::fromHsl(hue, 170, 180) : QColor::fromHsl(hue, 200, 85);
    }

    QColor mix(const QColor& a, const QColor& b, double t)
    {
        return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
            float(a.blueF() * (1 - t) + b.blueF() * t));
    }

    // The palette's text, faded towards its base: for brackets and escapes, which matter less than words.
    QColor faded(const QPalette& palette)
    {
        return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
    }

    // WCAG's relative luminance and contrast ratio.
    double luminance(const QColor& c)
    {
        auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
    }

    double contrast(const QColor& a, const QColor& b)
    {
        const double la = luminance(a);
        const double lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    }

    // The palette's link colour where it reads on the base (a dark palette often keeps the light one's blue).
    QColor linkColour(const QPalette& palette)
    {
        const QColor link = palette.color(QPalette::Link);
        return contrast(link, palette.color(QPalette::Base)) >= 3.0 ? link : accent(palette, 215);
    }

} // namespace

PromptHighlighter::PromptHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
}

void PromptHighlighter::setPromptSyntax(PromptSyntax syntax)
{
    if (m_syntax == syntax)
        return;
    m_syntax = syntax;
    rehighlight();
}

void PromptHighlighter::setPalette(const QPalette& palette)
{
    m_palette = palette;
    rehighlight();
}

QTextCharFormat PromptHighlighter::format(PromptSpanKind kind, double weight, int depth) const
{
    QTextCharFormat f;
    switch (kind) {
    case PromptSpanKind::Text:
        if (weight > 1.0) {
            // A warm tint, stronger with the weight: (x:1.1) faint, (x:1.5) clear.
            QColor tint = accent(m_palette, 40);
            tint.setAlphaF(float(std::min(0.5, 0.12 + (weight - 1.0) * 0.6)));
            f.setBackground(tint);
        } else if (weight < 1.0) {
            f.setForeground(mix(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.3));
        }
        break;
    case PromptSpanKind::Paren:
        // Nested groups take turns between three hues, so their pairs can be told apart.
        f.setForeground(depth % 3 == 0 ? linkColour(m_palette) : accent(m_palette, depth % 3 == 1 ? 170 : 260));
        f.setFontWeight(QFont::Bold);
        break;
    case PromptSpanKind::Weight:
        f.setForeground(accent(m_palette, 28));
        break;
    case PromptSpanKind::Bracket:
    case PromptSpanKind::Escape:
        f.setForeground(faded(m_palette));
        if (kind == PromptSpanKind::Bracket)
            f.setFontWeight(QFont::Bold);
        break;
    case PromptSpanKind::Break:
        f.setForeground(accent(m_palette, 290));
        f.setFontWeight(QFont::Bold);
        break;
    case PromptSpanKind::ExtraNetwork:
        f.setForeground(accent(m_palette, 140));
        break;
    case PromptSpanKind::Unmatched:
    case PromptSpanKind::BadWeight:
        f.setForeground(accent(m_palette, 0));
        f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        f.setUnderlineColor(accent(m_palette, 0));
        break;
    }
    return f;
}

void PromptHighlighter::updateSpans()
{
    const QString text = document()->toPlainText();
    if (text == m_text && !m_spans.isEmpty())
        return;
    m_text = text;
    m_spans = promptSpans(text);
    // An edit in one paragraph can pair a bracket in another: highlight them all again, once, after this pass.
    if (document()->blockCount() > 1 && !m_rehighlightQueued) {
        m_rehighlightQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_rehighlightQueued = false;
                rehighlight();
            },
            Qt::QueuedConnection);
    }
}

void PromptHighlighter::highlightBlock(const QString& text)
{
    if (m_syntax == PromptSyntax::Plain || text.isEmpty())
        return;
    updateSpans();
    const int blockStart = currentBlock().position();
    const int blockEnd = blockStart + int(text.size());
    auto span = std::lower_bound(m_spans.cbegin(), m_spans.cend(), blockStart,
        [](const PromptSpan& s, int position) { return s.end() <= position; });
    for (; span != m_spans.cend() && span->start < blockEnd; ++span) {
        const QTextCharFormat f = format(span->kind, span->weight, span->depth);
        if (f.properties().isEmpty())
            continue;
        const int from = std::max(span->start, blockStart);
        const int to = std::min(span->end(), blockEnd);
        setFormat(from - blockStart, to - from, f);
    }
}

} // namespace easel
