// SPDX-License-Identifier: MIT
#include "gallery/galleryquery.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace easel {

namespace {

    // tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
    // namespace, and the translation would not be found).
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(easel::GalleryQuery)
    };

    struct Term {
        bool negated = false;
        QString field; // empty: prompt text
        QString value;
    };

    /// Splits the query into terms; returns an error message for an unclosed quote.
    QString tokenize(const QString& text, QList<Term>& terms)
    {
        static const QRegularExpression fieldName(QStringLiteral("^[A-Za-z]+$"));
        const qsizetype n = text.size();
        qsizetype i = 0;
        while (i < n) {
            while (i < n && text[i].isSpace())
                ++i;
            if (i >= n)
                break;
            Term term;
            if (text[i] == QLatin1Char('-') && i + 1 < n && !text[i + 1].isSpace()) {
                term.negated = true;
                ++i;
            }
            bool sawQuote = false;
            QString raw;
            while (i < n && !text[i].isSpace()) {
                const QChar c = text[i];
                if (c == QLatin1Char('"')) {
                    const qsizetype close = text.indexOf(QLatin1Char('"'), i + 1);
                    if (close < 0)
                        return Tr::tr("unclosed quote in the search \"%1\"").arg(text);
                    raw += text.mid(i + 1, close - i - 1);
                    i = close + 1;
                    sawQuote = true;
                    continue;
                }
                if (c == QLatin1Char(':') && !sawQuote && term.field.isEmpty() && fieldName.match(raw).hasMatch()) {
                    term.field = raw.toLower();
                    raw.clear();
                    ++i;
                    continue;
                }
                raw += c;
                ++i;
            }
            term.value = raw;
            if (term.field.isEmpty() && term.value.isEmpty())
                continue; // "" or a lone '-'
            terms << term;
        }
        return {};
    }

    QString likeEscaped(QString value)
    {
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        value.replace(QLatin1Char('%'), QLatin1String("\\%"));
        value.replace(QLatin1Char('_'), QLatin1String("\\_"));
        return value;
    }

    class Compiler {
    public:
        QStringList parts;
        QVariantList bindings;
        QString error;

        void add(const Term& t)
        {
            QString sql = condition(t);
            if (!error.isEmpty())
                return;
            parts << (t.negated ? QStringLiteral("NOT COALESCE((%1), 0)").arg(sql) : QStringLiteral("(%1)").arg(sql));
        }

    private:
        QString bind(const QVariant& v)
        {
            bindings << v;
            return QStringLiteral("?");
        }

        QString like(const QString& column, const QString& value)
        {
            return QStringLiteral("%1 LIKE %2 ESCAPE '\\'")
                .arg(column, bind(QString(QLatin1Char('%') + likeEscaped(value) + QLatin1Char('%'))));
        }

        QString fail(const QString& message)
        {
            error = message;
            return {};
        }

        std::optional<QVariant> parseNumber(const QString& text, bool integer)
        {
            bool ok = false;
            if (integer) {
                const qlonglong v = text.trimmed().toLongLong(&ok);
                return ok ? std::optional<QVariant>(QVariant(v)) : std::nullopt;
            }
            const double v = text.trimmed().toDouble(&ok);
            return ok && std::isfinite(v) ? std::optional<QVariant>(QVariant(v)) : std::nullopt;
        }

        /// N, =N, >N, >=N, <N, <=N, A..B
        QString numeric(const Term& t, const QString& column, bool integer)
        {
            const QString bad = Tr::tr("%1: expects a number, a comparison (>7, <=20) or a range (5..8), got \"%2\"")
                                    .arg(t.field, t.value);
            const qsizetype dots = t.value.indexOf(QLatin1String(".."));
            if (dots >= 0) {
                const auto a = parseNumber(t.value.left(dots), integer);
                const auto b = parseNumber(t.value.mid(dots + 2), integer);
                if (!a || !b)
                    return fail(bad);
                const QString lo = bind(*a);
                return QStringLiteral("%1 BETWEEN %2 AND %3").arg(column, lo, bind(*b));
            }
            static const QStringList ops = { QStringLiteral(">="), QStringLiteral("<="), QStringLiteral(">"),
                QStringLiteral("<"), QStringLiteral("=") };
            QString op = QStringLiteral("=");
            QString rest = t.value;
            for (const QString& candidate : ops) {
                if (rest.startsWith(candidate)) {
                    op = candidate;
                    rest = rest.mid(candidate.size());
                    break;
                }
            }
            const auto v = parseNumber(rest, integer);
            if (!v)
                return fail(bad);
            if (op == QLatin1String("=") && !integer) // cfg:7 matches 7.0; guard against float noise
                return QStringLiteral("abs(%1 - %2) < 1e-6").arg(column, bind(*v));
            return QStringLiteral("%1 %2 %3").arg(column, op, bind(*v));
        }

        QString date(const Term& t)
        {
            static const QRegularExpression dateRe(QStringLiteral(R"(^\d{4}(-\d{2}(-\d{2})?)?$)"));
            const QString bad = Tr::tr("date: expects YYYY, YYYY-MM or YYYY-MM-DD, optionally with >, >=, <, <= or "
                                       "A..B, got \"%1\"")
                                    .arg(t.value);
            auto prefix = [&](const QString& d) { return QStringLiteral("substr(date, 1, %1)").arg(d.size()); };
            const qsizetype dots = t.value.indexOf(QLatin1String(".."));
            if (dots >= 0) {
                const QString a = t.value.left(dots);
                const QString b = t.value.mid(dots + 2);
                if (!dateRe.match(a).hasMatch() || !dateRe.match(b).hasMatch())
                    return fail(bad);
                const QString lo = QStringLiteral("%1 >= %2").arg(prefix(a), bind(a));
                return QStringLiteral("%1 AND %2 <= %3").arg(lo, prefix(b), bind(b));
            }
            static const QStringList ops = { QStringLiteral(">="), QStringLiteral("<="), QStringLiteral(">"),
                QStringLiteral("<"), QStringLiteral("=") };
            QString op = QStringLiteral("=");
            QString rest = t.value;
            for (const QString& candidate : ops) {
                if (rest.startsWith(candidate)) {
                    op = candidate;
                    rest = rest.mid(candidate.size());
                    break;
                }
            }
            if (!dateRe.match(rest).hasMatch())
                return fail(bad);
            return QStringLiteral("%1 %2 %3").arg(prefix(rest), op, bind(rest));
        }

        QString boolean(const Term& t, const QString& column)
        {
            const QString v = t.value.toLower();
            if (v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1"))
                return QStringLiteral("%1 = 1").arg(column);
            if (v == QLatin1String("no") || v == QLatin1String("false") || v == QLatin1String("0"))
                return QStringLiteral("%1 = 0").arg(column);
            return fail(Tr::tr("%1: expects yes or no, got \"%2\"").arg(t.field, t.value));
        }

        /// The quality column: NULL unchecked, "ok", or the flags as "|nearly-black|uniform|".
        QString flag(const Term& t)
        {
            const QString v = t.value.toLower();
            if (v == QLatin1String("any"))
                return QStringLiteral("instr(quality, %1) > 0").arg(bind(QStringLiteral("|")));
            if (v == QLatin1String("ok") || v == QLatin1String("none"))
                return QStringLiteral("quality = %1").arg(bind(QStringLiteral("ok")));
            if (v == QLatin1String("unchecked"))
                return QStringLiteral("quality IS NULL");
            static const QHash<QString, QString> names { { QStringLiteral("black"), QStringLiteral("nearly-black") },
                { QStringLiteral("nearly-black"), QStringLiteral("nearly-black") },
                { QStringLiteral("white"), QStringLiteral("nearly-white") },
                { QStringLiteral("nearly-white"), QStringLiteral("nearly-white") },
                { QStringLiteral("uniform"), QStringLiteral("uniform") },
                { QStringLiteral("nan"), QStringLiteral("broken") },
                { QStringLiteral("broken"), QStringLiteral("broken") } };
            const auto it = names.constFind(v);
            if (it == names.constEnd())
                return fail(
                    Tr::tr("flag: expects black, white, uniform, nan, any, ok or unchecked, got \"%1\"").arg(t.value));
            return QStringLiteral("instr(quality, %1) > 0")
                .arg(bind(QString(QLatin1Char('|') + *it + QLatin1Char('|'))));
        }

        QString condition(const Term& t)
        {
            static const QStringList known = { QStringLiteral("model"), QStringLiteral("sampler"),
                QStringLiteral("seed"), QStringLiteral("steps"), QStringLiteral("cfg"), QStringLiteral("size"),
                QStringLiteral("date"), QStringLiteral("rating"), QStringLiteral("lora"), QStringLiteral("pick"),
                QStringLiteral("reject"), QStringLiteral("tag"), QStringLiteral("width"), QStringLiteral("height"),
                QStringLiteral("board"), QStringLiteral("recipe"), QStringLiteral("story"), QStringLiteral("shot"),
                QStringLiteral("flag") };
            if (t.field.isEmpty() || !known.contains(t.field)) {
                const QString text = t.field.isEmpty() ? t.value : t.field + QLatin1Char(':') + t.value;
                return like(QStringLiteral("prompt"), text);
            }
            if (t.value.isEmpty())
                return fail(Tr::tr("%1: needs a value").arg(t.field));
            if (t.field == QLatin1String("model"))
                return like(QStringLiteral("model"), t.value);
            if (t.field == QLatin1String("lora"))
                return like(QStringLiteral("loras"), t.value);
            if (t.field == QLatin1String("sampler"))
                return QStringLiteral("sampler = %1 COLLATE NOCASE").arg(bind(t.value));
            if (t.field == QLatin1String("tag"))
                return QStringLiteral("instr(tags, %1) > 0")
                    .arg(bind(QString(QLatin1Char('|') + t.value + QLatin1Char('|'))));
            if (t.field == QLatin1String("board"))
                return QStringLiteral("instr(boards, %1) > 0")
                    .arg(bind(QString(QLatin1Char('|') + t.value + QLatin1Char('|'))));
            if (t.field == QLatin1String("recipe"))
                return QStringLiteral("recipe_key = %1").arg(bind(t.value.toLower()));
            if (t.field == QLatin1String("story") || t.field == QLatin1String("shot")) {
                // story boards put their ids in the recipe's extras ("Story", "Shot"): exact match in its JSON text
                const QString key
                    = t.field == QLatin1String("story") ? QStringLiteral("Story") : QStringLiteral("Shot");
                const QJsonObject extra { { key, t.value } };
                QString pair = QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Compact));
                pair = pair.mid(1, pair.size() - 2); // "Story":"harbour"
                return QStringLiteral("path IN (SELECT path FROM recipes WHERE instr(recipe, %1) > 0)").arg(bind(pair));
            }
            if (t.field == QLatin1String("seed") || t.field == QLatin1String("steps")
                || t.field == QLatin1String("rating") || t.field == QLatin1String("width")
                || t.field == QLatin1String("height"))
                return numeric(t, t.field, true);
            if (t.field == QLatin1String("cfg"))
                return numeric(t, QStringLiteral("cfg"), false);
            if (t.field == QLatin1String("size")) {
                static const QRegularExpression sizeRe(QStringLiteral(R"(^(\d{1,6})[xX](\d{1,6})$)"));
                const QRegularExpressionMatch m = sizeRe.match(t.value);
                if (!m.hasMatch())
                    return fail(Tr::tr("size: expects WIDTHxHEIGHT, got \"%1\"").arg(t.value));
                const QString w = bind(m.captured(1).toInt());
                return QStringLiteral("width = %1 AND height = %2").arg(w, bind(m.captured(2).toInt()));
            }
            if (t.field == QLatin1String("date"))
                return date(t);
            if (t.field == QLatin1String("flag"))
                return flag(t);
            return boolean(t, t.field); // pick, reject
        }
    };

} // namespace

GalleryQuery GalleryQuery::compile(const QString& text)
{
    GalleryQuery q;
    QList<Term> terms;
    q.error = tokenize(text, terms);
    if (!q.error.isEmpty())
        return q;
    Compiler c;
    for (const Term& t : std::as_const(terms)) {
        c.add(t);
        if (!c.error.isEmpty()) {
            q.error = c.error;
            return q;
        }
    }
    q.where = c.parts.isEmpty() ? QStringLiteral("1") : c.parts.join(QLatin1String(" AND "));
    q.bindings = c.bindings;
    return q;
}

} // namespace easel
