// SPDX-License-Identifier: MIT
#include "gallery/recipediff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <vector>

namespace easel {

namespace {

    struct Token {
        QString text; ///< the word (or sign)
        QString after; ///< the white space after it
    };

    bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-'); }

    /// Leading white space goes into \a lead.
    QList<Token> tokenize(const QString& text, QString* lead)
    {
        QList<Token> tokens;
        const qsizetype n = text.size();
        qsizetype i = 0;
        while (i < n && text[i].isSpace())
            ++i;
        *lead = text.left(i);
        while (i < n) {
            const qsizetype start = i;
            if (isWordChar(text[i])) {
                while (i < n && isWordChar(text[i]))
                    ++i;
            } else {
                ++i;
            }
            Token t { text.mid(start, i - start), {} };
            const qsizetype space = i;
            while (i < n && text[i].isSpace())
                ++i;
            t.after = text.mid(space, i - space);
            tokens << t;
        }
        return tokens;
    }

    void push(QList<WordDiff>& out, WordDiff::Kind kind, const QString& text)
    {
        if (text.isEmpty())
            return;
        if (!out.isEmpty() && out.last().kind == kind)
            out.last().text += text;
        else
            out << WordDiff { kind, text };
    }

    QString valueText(const QJsonValue& v)
    {
        switch (v.type()) {
        case QJsonValue::Undefined:
        case QJsonValue::Null:
            return {};
        case QJsonValue::String:
            return v.toString();
        case QJsonValue::Bool:
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double: {
            const double d = v.toDouble();
            return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
        }
        case QJsonValue::Array:
            return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        case QJsonValue::Object:
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        }
        return {};
    }

} // namespace

QList<WordDiff> RecipeDiff::words(const QString& a, const QString& b)
{
    QString leadA;
    QString leadB;
    const QList<Token> x = tokenize(a, &leadA);
    const QList<Token> y = tokenize(b, &leadB);
    QList<WordDiff> out;
    if (leadA == leadB) {
        push(out, WordDiff::Kind::Same, leadA);
    } else {
        push(out, WordDiff::Kind::Removed, leadA);
        push(out, WordDiff::Kind::Added, leadB);
    }
    // Common prefix and suffix first: prompts that differ in a word or two stay cheap however long they are.
    qsizetype start = 0;
    while (start < x.size() && start < y.size() && x[start].text == y[start].text)
        ++start;
    qsizetype endX = x.size();
    qsizetype endY = y.size();
    while (endX > start && endY > start && x[endX - 1].text == y[endY - 1].text) {
        --endX;
        --endY;
    }
    // The white space after a shared word is shared when both sides have the same.
    auto same = [&](const Token& tx, const Token& ty) {
        push(out, WordDiff::Kind::Same, tx.text);
        if (tx.after == ty.after) {
            push(out, WordDiff::Kind::Same, tx.after);
        } else {
            push(out, WordDiff::Kind::Removed, tx.after);
            push(out, WordDiff::Kind::Added, ty.after);
        }
    };
    for (qsizetype i = 0; i < start; ++i)
        same(x[i], y[i]);

    const qsizetype n = endX - start;
    const qsizetype m = endY - start;
    // lcs[i][j]: length of the LCS of x[start+i..endX) and y[start+j..endY).
    std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
    auto at = [&](qsizetype i, qsizetype j) -> int& { return lcs[size_t(i * (m + 1) + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            at(i, j)
                = x[start + i].text == y[start + j].text ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && x[start + i].text == y[start + j].text) {
            same(x[start + i], y[start + j]);
            ++i;
            ++j;
        } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
            push(out, WordDiff::Kind::Removed, x[start + i].text + x[start + i].after);
            ++i;
        } else {
            push(out, WordDiff::Kind::Added, y[start + j].text + y[start + j].after);
            ++j;
        }
    }
    for (qsizetype k = 0; k < x.size() - endX; ++k)
        same(x[endX + k], y[endY + k]);
    // Removals before additions in each changed stretch read best ("red" struck out, then "blue").
    for (qsizetype k = 1; k < out.size(); ++k) {
        if (out[k].kind == WordDiff::Kind::Removed && out[k - 1].kind == WordDiff::Kind::Added) {
            std::swap(out[k], out[k - 1]);
            if (k >= 2)
                k -= 2;
        }
    }
    // Swapping may have put pieces of one kind side by side.
    QList<WordDiff> merged;
    for (const WordDiff& d : std::as_const(out))
        push(merged, d.kind, d.text);
    return merged;
}

QList<FieldDiff> RecipeDiff::fields(const ImageRecipe& a, const ImageRecipe& b)
{
    const QJsonObject ja = a.toJson();
    const QJsonObject jb = b.toJson();
    QList<FieldDiff> out;
    for (const QString& field : ImageRecipe::differingFields(a, b)) {
        if (field == QLatin1String("elapsed_seconds") || field == QLatin1String("format_version"))
            continue;
        out << FieldDiff { field, valueText(ja.value(field)), valueText(jb.value(field)) };
    }
    return out;
}

QStringList RecipeDiff::fieldNames(const ImageRecipe& a, const ImageRecipe& b)
{
    QStringList names;
    for (const FieldDiff& d : fields(a, b))
        names << d.field;
    return names;
}

} // namespace easel
