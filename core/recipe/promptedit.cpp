// SPDX-License-Identifier: MIT
#include "recipe/promptedit.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace easel {

namespace {

    constexpr double kRoundMultiplier = 1.1;
    constexpr double kSquareMultiplier = 1 / 1.1;

    // Whether the character at i is escaped by an odd run of backslashes before it.
    bool isEscaped(const QString& text, int i)
    {
        int backslashes = 0;
        while (i - backslashes - 1 >= 0 && text.at(i - backslashes - 1) == QLatin1Char('\\'))
            ++backslashes;
        return backslashes % 2 == 1;
    }

    bool isBracket(const QString& text, int i, QChar c)
    {
        return i >= 0 && i < text.size() && text.at(i) == c && !isEscaped(text, i);
    }

    int lastBracketBefore(const QString& text, QChar c, int before)
    {
        for (int i = before - 1; i >= 0; --i)
            if (isBracket(text, i, c))
                return i;
        return -1;
    }

    int firstBracketFrom(const QString& text, QChar c, int from)
    {
        for (int i = from; i < text.size(); ++i)
            if (isBracket(text, i, c))
                return i;
        return -1;
    }

    QChar charAt(const QString& text, int i) { return i >= 0 && i < text.size() ? text.at(i) : QChar(); }

    // "text:1.2": the text before the last colon of a weighted group's contents.
    const QRegularExpression& weightedContent()
    {
        static const QRegularExpression re(
            QStringLiteral(R"(^(.*):\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$)"), QRegularExpression::DotMatchesEverythingOption);
        return re;
    }

    // edit-attention.js' selectCurrentParenthesisBlock(): the inside of the (unescaped) open/close pair
    // around the cursor, without a trailing ":weight".
    bool selectBlock(const QString& text, QChar open, QChar close, int& start, int& end)
    {
        const int cursor = start;
        const int before = lastBracketBefore(text, open, cursor);
        if (before < 0 || lastBracketBefore(text, close, cursor) > before)
            return false;
        const int after = firstBracketFrom(text, close, cursor);
        if (after < 0)
            return false;
        const int nextOpen = firstBracketFrom(text, open, cursor);
        if (nextOpen >= 0 && nextOpen < after)
            return false;
        const QString content = text.mid(before + 1, after - before - 1);
        const QRegularExpressionMatch m = weightedContent().match(content);
        start = before + 1;
        end = m.hasMatch() ? start + int(m.capturedLength(1)) : after;
        return true;
    }

    // edit-attention.js' selectCurrentWord() with A1111's default keyedit_delimiters and whitespace.
    void selectWord(const QString& text, int& start, int& end)
    {
        static const QString delimiters = QStringLiteral(".,\\/!?%^*;:{}=`~() \t\r\n\u2028\u2029");
        while (start > 0 && !delimiters.contains(text.at(start - 1)))
            --start;
        while (end < text.size() && !delimiters.contains(text.at(end)))
            ++end;
        while (start < end && text.at(start) == QLatin1Char(' '))
            ++start;
        while (end > start && text.at(end - 1) == QLatin1Char(' '))
            --end;
    }

    struct WeightText {
        double value = 0;
        int length = 0; ///< characters of the number (with spaces before it)
        int close = -1; ///< index of the closing character
    };

    // The number after the ':' at colon, up to the closing character (')' or '>').
    std::optional<WeightText> weightAfter(const QString& text, int colon, QChar close)
    {
        if (charAt(text, colon) != QLatin1Char(':'))
            return std::nullopt;
        static const QRegularExpression number(QStringLiteral(R"(\s*[+-]?(?:\d+\.?\d*|\.\d+))"));
        const QRegularExpressionMatch m = number.match(
            text, colon + 1, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            return std::nullopt;
        WeightText weight;
        bool ok = false;
        weight.value = m.captured().trimmed().toDouble(&ok);
        weight.length = int(m.capturedLength());
        weight.close = text.indexOf(close, colon + 1 + weight.length);
        if (!ok || weight.close < 0)
            return std::nullopt;
        // A group's weight is all there is before its ')': "(cat:1.2)", not "(cat:1.2 dog)".
        if (close == QLatin1Char(')')
            && !text.mid(colon + 1 + weight.length, weight.close - colon - 1 - weight.length).trimmed().isEmpty())
            return std::nullopt;
        return weight;
    }

    QString formatWeight(double value)
    {
        if (std::abs(value) < 5e-7)
            value = 0;
        QString s = QString::number(value, 'f', 6);
        while (s.endsWith(QLatin1Char('0')) && !s.endsWith(QLatin1String(".0")))
            s.chop(1);
        return s;
    }

    double roundWeight(double value) { return std::round(value * 1e6) / 1e6; }

} // namespace

PromptEdit adjustPromptWeight(
    const QString& text, int selectionStart, int selectionEnd, int direction, const PromptWeightSteps& steps)
{
    PromptEdit unchanged { text, selectionStart, selectionEnd, false };
    int start = std::clamp(std::min(selectionStart, selectionEnd), 0, int(text.size()));
    int end = std::clamp(std::max(selectionStart, selectionEnd), 0, int(text.size()));
    unchanged.selectionStart = start;
    unchanged.selectionEnd = end;
    if (direction == 0)
        return unchanged;

    if (start == end) {
        if (!selectBlock(text, QLatin1Char('<'), QLatin1Char('>'), start, end)
            && !selectBlock(text, QLatin1Char('('), QLatin1Char(')'), start, end)
            && !selectBlock(text, QLatin1Char('['), QLatin1Char(']'), start, end))
            selectWord(text, start, end);
    } else {
        // A selection of a whole "(text:1.2)" or "<lora:name:0.8>" weights that group, not a group around it.
        for (const auto& [open, close] : { std::pair { '(', ')' }, std::pair { '<', '>' } }) {
            if (end - start >= 2 && isBracket(text, start, QLatin1Char(open)) && text.at(end - 1) == QLatin1Char(close)
                && !isEscaped(text, end - 1)) {
                const QRegularExpressionMatch m = weightedContent().match(text.mid(start + 1, end - start - 2));
                if (m.hasMatch()) {
                    ++start;
                    end = start + int(m.capturedLength(1));
                    break;
                }
            }
        }
    }

    QString t = text;
    QChar close = QLatin1Char(')');
    double step = steps.attention;
    const QChar before = isEscaped(t, start - 1) ? QChar() : charAt(t, start - 1);
    const QChar after = isEscaped(t, end) ? QChar() : charAt(t, end);
    if (before == QLatin1Char('<')) {
        close = QLatin1Char('>');
        step = steps.extraNetwork;
    } else if (before == QLatin1Char('(') && weightAfter(t, end, close)) {
        // Inside a weighted group already.
    } else if ((before == QLatin1Char('(') && after == QLatin1Char(')'))
        || (before == QLatin1Char('[') && after == QLatin1Char(']'))) {
        // Old-style emphasis, ((text)) or [text]: the weight it has, rounded to the step.
        int brackets = 0;
        while (isBracket(t, start - brackets - 1, before) && isBracket(t, end + brackets, after))
            ++brackets;
        const double weight = std::pow(before == QLatin1Char('[') ? kSquareMultiplier : kRoundMultiplier, brackets);
        const double rounded = roundWeight(std::round(weight / steps.attention) * steps.attention);
        t = t.left(start - brackets) + QLatin1Char('(') + t.mid(start, end - start) + QLatin1Char(':')
            + formatWeight(rounded) + QLatin1Char(')') + t.mid(end + brackets);
        start -= brackets - 1;
        end -= brackets - 1;
    } else {
        while (start < end && t.at(start).isSpace())
            ++start;
        while (end > start && t.at(end - 1).isSpace())
            --end;
        if (start == end)
            return unchanged;
        t = t.left(start) + QLatin1Char('(') + t.mid(start, end - start) + QStringLiteral(":1.0)") + t.mid(end);
        ++start;
        ++end;
    }

    const std::optional<WeightText> weight = weightAfter(t, end, close);
    if (!weight)
        return unchanged;
    const double value = roundWeight(weight->value + (direction > 0 ? step : -step));
    if (close == QLatin1Char(')') && std::abs(value - 1.0) < 1e-9) {
        t = t.left(start - 1) + t.mid(start, end - start) + t.mid(weight->close + 1);
        --start;
        --end;
    } else {
        t = t.left(end + 1) + formatWeight(value) + t.mid(end + 1 + weight->length);
    }
    return { t, start, end, t != text };
}

namespace {

    bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c.isMark(); }

    // Text between the syntax's special characters: Text, with BREAK keywords (as the engine's re.split on
    // \s*\bBREAK\b\s*) as Break spans.
    void addText(QVector<PromptSpan>& spans, const QString& text, int start, int end)
    {
        int from = start;
        for (int i = text.indexOf(QLatin1String("BREAK"), start); i >= 0 && i + 5 <= end;
             i = text.indexOf(QLatin1String("BREAK"), i + 1)) {
            if ((i > start && isWordChar(text.at(i - 1))) || (i + 5 < end && isWordChar(text.at(i + 5))))
                continue;
            if (i > from)
                spans.push_back({ PromptSpanKind::Text, from, i - from });
            spans.push_back({ PromptSpanKind::Break, i, 5 });
            from = i + 5;
        }
        if (end > from)
            spans.push_back({ PromptSpanKind::Text, from, end - from });
    }

} // namespace

QVector<PromptSpan> promptSpans(const QString& text)
{
    static const QRegularExpression extraNetwork(QStringLiteral(R"(<[A-Za-z_][\w-]*:[^<>]+>)"));
    static const QRegularExpression weightNumber(QStringLiteral(R"(:([+-]?[\d.]+)\))"));
    static const QString special = QStringLiteral("\\()[]:<");

    // A bracket pair (or an unclosed bracket) and how it multiplies the weight of what it holds. Closed
    // groups are listed in the order the engine multiplies them: as they close, then the unclosed ones.
    struct Group {
        int open; // index of its opening span
        int close; // index of its closing span; -1 while open
        double multiplier;
    };
    QVector<PromptSpan> spans;
    std::vector<Group> groups;
    std::vector<int> round; // spans of the open '(' and '['
    std::vector<int> square;
    auto depth = [&] { return int(round.size() + square.size()); };
    auto closeGroup = [&](std::vector<int>& open, double multiplier) {
        groups.push_back({ open.back(), int(spans.size()) - 1, multiplier });
        spans.back().depth = spans[open.back()].depth;
        open.pop_back();
    };

    const int n = int(text.size());
    for (int i = 0; i < n;) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\')) {
            const bool escaped = i + 1 < n && QStringLiteral("()[]\\").contains(text.at(i + 1));
            spans.push_back({ PromptSpanKind::Escape, i, escaped ? 2 : 1 });
            i += escaped ? 2 : 1;
        } else if (c == QLatin1Char('<')) {
            const QRegularExpressionMatch m = extraNetwork.match(
                text, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            const int length = m.hasMatch() ? int(m.capturedLength()) : 1;
            if (m.hasMatch())
                spans.push_back({ PromptSpanKind::ExtraNetwork, i, length });
            else
                addText(spans, text, i, i + 1);
            i += length;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[')) {
            const bool isRound = c == QLatin1Char('(');
            spans.push_back({ isRound ? PromptSpanKind::Paren : PromptSpanKind::Bracket, i, 1, 1.0, depth() });
            (isRound ? round : square).push_back(int(spans.size()) - 1);
            ++i;
        } else if (c == QLatin1Char(':')) {
            const QRegularExpressionMatch m = weightNumber.match(
                text, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            if (!m.hasMatch()) {
                addText(spans, text, i, i + 1);
                ++i;
                continue;
            }
            const int length = int(m.capturedLength());
            if (round.empty()) { // the engine reads ":1.2)" with no '(' open as text
                addText(spans, text, i, i + length);
                i += length;
                continue;
            }
            // The engine's check: one sign at most, some digit, one dot at most.
            const QString number = m.captured(1);
            const QStringView digits = QStringView(number).mid(
                number.startsWith(QLatin1Char('+')) || number.startsWith(QLatin1Char('-')) ? 1 : 0);
            const bool valid = std::any_of(digits.begin(), digits.end(), [](QChar d) { return d.isDigit(); })
                && digits.count(QLatin1Char('.')) <= 1;
            const double value = valid ? number.toDouble() : 1.0;
            spans.push_back({ valid ? PromptSpanKind::Weight : PromptSpanKind::BadWeight, i, length - 1,
                valid ? value : 1.0, spans[round.back()].depth });
            spans.push_back({ PromptSpanKind::Paren, i + length - 1, 1 });
            closeGroup(round, value);
            i += length;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']')) {
            const bool isRound = c == QLatin1Char(')');
            std::vector<int>& open = isRound ? round : square;
            if (open.empty()) {
                spans.push_back({ PromptSpanKind::Unmatched, i, 1 });
            } else {
                spans.push_back({ isRound ? PromptSpanKind::Paren : PromptSpanKind::Bracket, i, 1 });
                closeGroup(open, isRound ? kRoundMultiplier : kSquareMultiplier);
            }
            ++i;
        } else {
            int j = i + 1;
            while (j < n && !special.contains(text.at(j)))
                ++j;
            addText(spans, text, i, j);
            i = j;
        }
    }
    for (int open : round) {
        groups.push_back({ open, -1, kRoundMultiplier });
        spans[open].kind = PromptSpanKind::Unmatched;
    }
    for (int open : square) {
        groups.push_back({ open, -1, kSquareMultiplier });
        spans[open].kind = PromptSpanKind::Unmatched;
    }

    // Weights as the engine multiplies them; a BREAK that ends up weighted is text to the engine (A1111 too).
    for (int s = 0; s < int(spans.size()); ++s) {
        PromptSpan& span = spans[s];
        if (span.kind != PromptSpanKind::Text && span.kind != PromptSpanKind::Break)
            continue;
        double weight = span.kind == PromptSpanKind::Break ? -1.0 : 1.0;
        for (const Group& g : groups)
            if (g.open < s && (g.close < 0 || g.close > s))
                weight *= g.multiplier;
        if (span.kind == PromptSpanKind::Break && weight != -1.0) {
            span.kind = PromptSpanKind::Text;
            weight = -weight;
        }
        span.weight = span.kind == PromptSpanKind::Break ? 1.0 : weight;
    }

    QVector<PromptSpan> merged;
    merged.reserve(spans.size());
    for (const PromptSpan& span : spans) {
        if (!merged.isEmpty() && span.kind == PromptSpanKind::Text && merged.back().kind == PromptSpanKind::Text
            && merged.back().weight == span.weight)
            merged.back().length += span.length;
        else
            merged.push_back(span);
    }
    return merged;
}

} // namespace easel
