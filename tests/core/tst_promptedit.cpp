// SPDX-License-Identifier: MIT
#include "recipe/promptedit.h"

#include <QRandomGenerator>
#include <QtTest>

using easel::adjustPromptWeight;
using easel::PromptEdit;
using easel::PromptSpan;
using easel::PromptSpanKind;
using easel::promptSpans;

namespace {

// Text with the selection marked: "|" a cursor, "«...»" a selection.
struct Marked {
    QString text;
    int start = 0;
    int end = 0;
};

Marked unmark(const QString& marked)
{
    Marked m;
    m.text = marked;
    const int cursor = int(marked.indexOf(QLatin1Char('|')));
    if (cursor >= 0) {
        m.text.remove(cursor, 1);
        m.start = m.end = cursor;
        return m;
    }
    m.start = int(m.text.indexOf(QChar(0x00AB)));
    m.text.remove(m.start, 1);
    m.end = int(m.text.indexOf(QChar(0x00BB)));
    m.text.remove(m.end, 1);
    return m;
}

QString mark(const QString& text, int start, int end)
{
    if (start == end)
        return text.left(start) + QLatin1Char('|') + text.mid(start);
    return text.left(start) + QChar(0x00AB) + text.mid(start, end - start) + QChar(0x00BB) + text.mid(end);
}

QString describe(const QString& text, const QVector<PromptSpan>& spans)
{
    QStringList parts;
    for (const PromptSpan& s : spans) {
        QString kind;
        switch (s.kind) {
        case PromptSpanKind::Text:
            kind = QStringLiteral("T");
            break;
        case PromptSpanKind::Paren:
            kind = QStringLiteral("P");
            break;
        case PromptSpanKind::Weight:
            kind = QStringLiteral("W");
            break;
        case PromptSpanKind::BadWeight:
            kind = QStringLiteral("X");
            break;
        case PromptSpanKind::Bracket:
            kind = QStringLiteral("B");
            break;
        case PromptSpanKind::Break:
            kind = QStringLiteral("K");
            break;
        case PromptSpanKind::Escape:
            kind = QStringLiteral("E");
            break;
        case PromptSpanKind::ExtraNetwork:
            kind = QStringLiteral("L");
            break;
        case PromptSpanKind::Unmatched:
            kind = QStringLiteral("U");
            break;
        }
        if (s.depth > 0)
            kind += QString::number(s.depth);
        QString part = kind + QLatin1Char('\'') + text.mid(s.start, s.length) + QLatin1Char('\'');
        if (s.kind == PromptSpanKind::Text && s.weight != 1.0)
            part += QLatin1Char('@') + QString::number(s.weight, 'g', 4);
        parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestPromptEdit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testAdjustWeight_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<int>("direction");
        QTest::addColumn<QString>("after");

        // A word under the cursor.
        QTest::newRow("word up") << QStringLiteral("a c|at") << 1 << QStringLiteral("a («cat»:1.1)");
        QTest::newRow("word down") << QStringLiteral("c|at") << -1 << QStringLiteral("(«cat»:0.9)");
        QTest::newRow("cursor at word start") << QStringLiteral("a |cat") << 1 << QStringLiteral("a («cat»:1.1)");
        QTest::newRow("cursor at text end") << QStringLiteral("a cat|") << 1 << QStringLiteral("a («cat»:1.1)");
        QTest::newRow("word among commas") << QStringLiteral("(masterpiece:1.2), best qu|ality, 8k") << 1
                                           << QStringLiteral("(masterpiece:1.2), best («quality»:1.1), 8k");
        QTest::newRow("word after a group")
            << QStringLiteral("(red:1.1) c|at") << 1 << QStringLiteral("(red:1.1) («cat»:1.1)");
        QTest::newRow("second line") << QStringLiteral("a cat\nd|og") << 1 << QStringLiteral("a cat\n(«dog»:1.1)");
        QTest::newRow("hyphenated word") << QStringLiteral("a well-l|it room") << 1
                                         << QStringLiteral("a («well-lit»:1.1) room");
        QTest::newRow("unicode word") << QStringLiteral("日本 猫|") << 1 << QStringLiteral("日本 («猫»:1.1)");

        // Inside a weighted group: the weight changes, the group's text stays selected.
        QTest::newRow("group up") << QStringLiteral("a (c|at:1.1)") << 1 << QStringLiteral("a («cat»:1.2)");
        QTest::newRow("group down") << QStringLiteral("a (c|at:1.2)") << -1 << QStringLiteral("a («cat»:1.1)");
        QTest::newRow("back to 1 drops the parens")
            << QStringLiteral("a (c|at:1.1) b") << -1 << QStringLiteral("a «cat» b");
        QTest::newRow("group of words") << QStringLiteral("(a c|at, dog:1.5)") << 1
                                        << QStringLiteral("(«a cat, dog»:1.6)");
        QTest::newRow("selected group text") << QStringLiteral("a («cat»:1.1)") << 1 << QStringLiteral("a («cat»:1.2)");
        QTest::newRow("selected whole group")
            << QStringLiteral("a «(cat:1.2)»") << 1 << QStringLiteral("a («cat»:1.3)");
        QTest::newRow("two decimals") << QStringLiteral("(c|at:1.15)") << 1 << QStringLiteral("(«cat»:1.25)");
        QTest::newRow("down to zero") << QStringLiteral("(c|at:0.1)") << -1 << QStringLiteral("(«cat»:0.0)");
        QTest::newRow("below zero") << QStringLiteral("(c|at:0.0)") << -1 << QStringLiteral("(«cat»:-0.1)");
        QTest::newRow("up to 2") << QStringLiteral("(c|at:1.9)") << 1 << QStringLiteral("(«cat»:2.0)");
        QTest::newRow("plus sign") << QStringLiteral("(c|at:+1.5)") << 1 << QStringLiteral("(«cat»:1.6)");
        QTest::newRow("float noise") << QStringLiteral("(c|at:0.7)") << 1 << QStringLiteral("(«cat»:0.8)");

        // Old-style emphasis becomes a weight.
        QTest::newRow("(cat)") << QStringLiteral("(c|at)") << 1 << QStringLiteral("(«cat»:1.2)");
        QTest::newRow("((cat))") << QStringLiteral("((c|at))") << 1 << QStringLiteral("(«cat»:1.3)");
        QTest::newRow("(((cat))) down") << QStringLiteral("(((c|at))) dog") << -1 << QStringLiteral("(«cat»:1.2) dog");
        QTest::newRow("[cat] up") << QStringLiteral("[c|at]") << 1 << QStringLiteral("«cat»");
        QTest::newRow("[cat] down") << QStringLiteral("[c|at]") << -1 << QStringLiteral("(«cat»:0.8)");
        QTest::newRow("[[cat]] down") << QStringLiteral("[[c|at]]") << -1 << QStringLiteral("(«cat»:0.7)");

        // Selections.
        QTest::newRow("selection") << QStringLiteral("«a red cat», dog") << 1
                                   << QStringLiteral("(«a red cat»:1.1), dog");
        QTest::newRow("selection with spaces")
            << QStringLiteral("x« a red cat », dog") << 1 << QStringLiteral("x («a red cat»:1.1) , dog");
        QTest::newRow("selection inside a word")
            << QStringLiteral("«photo»realistic") << 1 << QStringLiteral("(«photo»:1.1)realistic");
        QTest::newRow("selection after an open paren")
            << QStringLiteral("(«a cat», dog)") << 1 << QStringLiteral("((«a cat»:1.1), dog)");

        // Extra networks: their own step.
        QTest::newRow("lora up") << QStringLiteral("<lora:de|tail:0.8> cat") << 1
                                 << QStringLiteral("<«lora:detail»:0.85> cat");
        QTest::newRow("lora down") << QStringLiteral("<lora:detail:0.8|>") << -1
                                   << QStringLiteral("<«lora:detail»:0.75>");
        QTest::newRow("lora to 1") << QStringLiteral("<lora:de|tail:0.95>") << 1
                                   << QStringLiteral("<«lora:detail»:1.0>");
        QTest::newRow("lora without weight")
            << QStringLiteral("<lora:de|tail>") << 1 << QStringLiteral("<lora:de|tail>");

        // Escaped brackets are text, not groups.
        QTest::newRow("escaped parens") << QStringLiteral("\\(c|at\\)") << 1 << QStringLiteral("\\((«cat»:1.1)\\)");
        QTest::newRow("escaped then group")
            << QStringLiteral("\\((c|at:1.3)") << -1 << QStringLiteral("\\((«cat»:1.2)");

        // Nothing to weight.
        QTest::newRow("empty") << QStringLiteral("|") << 1 << QStringLiteral("|");
        QTest::newRow("between commas") << QStringLiteral("a, |, b") << 1 << QStringLiteral("a, |, b");
        QTest::newRow("only spaces selected") << QStringLiteral("a«   »b") << 1 << QStringLiteral("a«   »b");
        QTest::newRow("direction 0") << QStringLiteral("c|at") << 0 << QStringLiteral("c|at");

        // Unbalanced or odd input stays well-formed enough and never crashes.
        QTest::newRow("unclosed weighted") << QStringLiteral("(c|at:1.1") << 1 << QStringLiteral("((«cat»:1.1):1.1");
        QTest::newRow("stray close") << QStringLiteral("c|at) dog") << 1 << QStringLiteral("(«cat»:1.1)) dog");
        QTest::newRow("not a weight") << QStringLiteral("(c|at:abc)") << 1 << QStringLiteral("(«cat:abc»:1.2)");
        QTest::newRow("weight then text")
            << QStringLiteral("(c|at:1.2 dog)") << 1 << QStringLiteral("(«cat:1.2 dog»:1.2)");
    }

    void testAdjustWeight()
    {
        QFETCH(QString, before);
        QFETCH(int, direction);
        QFETCH(QString, after);
        const Marked in = unmark(before);
        const PromptEdit edit = adjustPromptWeight(in.text, in.start, in.end, direction);
        QCOMPARE(mark(edit.text, edit.selectionStart, edit.selectionEnd), after);
        QCOMPARE(edit.changed, unmark(after).text != in.text);
        // The reversed selection is the same selection.
        const PromptEdit reversed = adjustPromptWeight(in.text, in.end, in.start, direction);
        QCOMPARE(mark(reversed.text, reversed.selectionStart, reversed.selectionEnd), after);
    }

    // Up, up, up then down, down, down: back where it started, selection on the word throughout.
    void testRoundTrip()
    {
        const QString prompt = QStringLiteral("a lighthouse on a cliff at dusk, oil painting, (dramatic:1.2) light");
        for (int cursor = 0; cursor <= prompt.size(); ++cursor) {
            PromptEdit edit { prompt, cursor, cursor, false };
            QStringList history { prompt };
            for (int direction : { 1, 1, 1, -1, -1, -1 }) {
                edit = adjustPromptWeight(edit.text, edit.selectionStart, edit.selectionEnd, direction);
                history << edit.text;
                QVERIFY(edit.selectionStart >= 0 && edit.selectionStart <= edit.selectionEnd);
                QVERIFY(edit.selectionEnd <= edit.text.size());
            }
            // A word or group: the text comes back (the cursor may sit between words, where nothing changes).
            QVERIFY2(edit.text == prompt || history.at(1) == prompt, qPrintable(history.join(QStringLiteral(" -> "))));
        }
        PromptEdit edit { QStringLiteral("a cat"), 3, 3, false };
        for (const char* expected : { "a (cat:1.1)", "a (cat:1.2)", "a (cat:1.3)" }) {
            edit = adjustPromptWeight(edit.text, edit.selectionStart, edit.selectionEnd, 1);
            QCOMPARE(edit.text, QString::fromLatin1(expected));
            QCOMPARE(
                edit.text.mid(edit.selectionStart, edit.selectionEnd - edit.selectionStart), QStringLiteral("cat"));
        }
        for (const char* expected : { "a (cat:1.2)", "a (cat:1.1)", "a cat", "a (cat:0.9)" }) {
            edit = adjustPromptWeight(edit.text, edit.selectionStart, edit.selectionEnd, -1);
            QCOMPARE(edit.text, QString::fromLatin1(expected));
        }
    }

    void testSpans_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("spans");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("text") << QStringLiteral("a cat, 8k") << QStringLiteral("T'a cat, 8k'");
        QTest::newRow("weighted") << QStringLiteral("(cat:1.2)") << QStringLiteral("P'(' T'cat'@1.2 W':1.2' P')'");
        QTest::newRow("emphasis") << QStringLiteral("(cat)") << QStringLiteral("P'(' T'cat'@1.1 P')'");
        QTest::newRow("double emphasis") << QStringLiteral("((cat))")
                                         << QStringLiteral("P'(' P1'(' T'cat'@1.21 P1')' P')'");
        QTest::newRow("de-emphasis") << QStringLiteral("[cat]") << QStringLiteral("B'[' T'cat'@0.9091 B']'");
        QTest::newRow("nested") << QStringLiteral("((cat:1.2), dog:0.5)")
                                << QStringLiteral("P'(' P1'(' T'cat'@0.6 W1':1.2' P1')' T', dog'@0.5 W':0.5' P')'");
        QTest::newRow("crossed") << QStringLiteral("(a [b:1.2) c]")
                                 << QStringLiteral("P'(' T'a '@1.2 B1'[' T'b'@1.091 W':1.2' P')' T' c'@0.9091 B1']'");
        QTest::newRow("negative") << QStringLiteral("(cat:-1)") << QStringLiteral("P'(' T'cat'@-1 W':-1' P')'");
        QTest::newRow("break") << QStringLiteral("a BREAK b") << QStringLiteral("T'a ' K'BREAK' T' b'");
        QTest::newRow("break alone") << QStringLiteral("BREAK") << QStringLiteral("K'BREAK'");
        QTest::newRow("break next to comma") << QStringLiteral("a,BREAK,b") << QStringLiteral("T'a,' K'BREAK' T',b'");
        QTest::newRow("breakfast") << QStringLiteral("BREAKFAST a_BREAK") << QStringLiteral("T'BREAKFAST a_BREAK'");
        QTest::newRow("lowercase break") << QStringLiteral("a break b") << QStringLiteral("T'a break b'");
        QTest::newRow("break in parens is text")
            << QStringLiteral("(a BREAK b)") << QStringLiteral("P'(' T'a BREAK b'@1.1 P')'");
        QTest::newRow("break after group")
            << QStringLiteral("(a:1.2) BREAK b") << QStringLiteral("P'(' T'a'@1.2 W':1.2' P')' T' ' K'BREAK' T' b'");
        QTest::newRow("escapes") << QStringLiteral("\\(cat\\) \\[x\\]")
                                 << QStringLiteral("E'\\(' T'cat' E'\\)' T' ' E'\\[' T'x' E'\\]'");
        QTest::newRow("escaped backslash")
            << QStringLiteral("\\\\(cat)") << QStringLiteral("E'\\\\' P'(' T'cat'@1.1 P')'");
        QTest::newRow("lone backslash") << QStringLiteral("a\\b") << QStringLiteral("T'a' E'\\' T'b'");
        QTest::newRow("lora") << QStringLiteral("<lora:detail:0.8> cat")
                              << QStringLiteral("L'<lora:detail:0.8>' T' cat'");
        QTest::newRow("lora without weight") << QStringLiteral("<lora:detail>") << QStringLiteral("L'<lora:detail>'");
        QTest::newRow("hypernet in group")
            << QStringLiteral("(<hypernet:a:1>:1.2)") << QStringLiteral("P'(' L'<hypernet:a:1>' W':1.2' P')'");
        QTest::newRow("not a tag") << QStringLiteral("a <b c> <d") << QStringLiteral("T'a <b c> <d'");
        QTest::newRow("unclosed paren") << QStringLiteral("(cat") << QStringLiteral("U'(' T'cat'@1.1");
        QTest::newRow("unclosed bracket") << QStringLiteral("a [cat") << QStringLiteral("T'a ' U'[' T'cat'@0.9091");
        QTest::newRow("stray close") << QStringLiteral("cat) dog]") << QStringLiteral("T'cat' U')' T' dog' U']'");
        QTest::newRow("weight without group") << QStringLiteral("cat:1.2)") << QStringLiteral("T'cat:1.2)'");
        QTest::newRow("colon text") << QStringLiteral("(a:b)") << QStringLiteral("P'(' T'a:b'@1.1 P')'");
        QTest::newRow("bad weight") << QStringLiteral("(cat:1.2.3)") << QStringLiteral("P'(' T'cat' X':1.2.3' P')'");
        QTest::newRow("weight with space")
            << QStringLiteral("(cat: 1.2)") << QStringLiteral("P'(' T'cat: 1.2'@1.1 P')'");
        QTest::newRow("unicode") << QStringLiteral("日本 (猫:1.2) 🐱")
                                 << QStringLiteral("T'日本 ' P'(' T'猫'@1.2 W':1.2' P')' T' 🐱'");
        QTest::newRow("multiline") << QStringLiteral("(a\nb:1.2)\nBREAK\nc")
                                   << QStringLiteral("P'(' T'a\nb'@1.2 W':1.2' P')' T'\n' K'BREAK' T'\nc'");
    }

    void testSpans()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, spans);
        QCOMPARE(describe(prompt, promptSpans(prompt)), spans);
    }

    // Any text: spans cover it in order, without gaps, never empty.
    void testSpansCoverAnyText()
    {
        const QString alphabet = QStringLiteral("()[]<>:\\.,1 aBREAK\n:0.5)日🐱");
        QRandomGenerator random(7);
        for (int n = 0; n < 2000; ++n) {
            QString text;
            const int length = int(random.bounded(40));
            for (int i = 0; i < length; ++i)
                text += alphabet.at(int(random.bounded(int(alphabet.size()))));
            int at = 0;
            for (const PromptSpan& span : promptSpans(text)) {
                QVERIFY2(span.start == at && span.length > 0, qPrintable(text));
                at = span.end();
            }
            QVERIFY2(at == text.size(), qPrintable(text));
            const int a = int(random.bounded(text.size() + 1));
            const int b = int(random.bounded(text.size() + 1));
            const PromptEdit edit = adjustPromptWeight(text, a, b, random.bounded(2) ? 1 : -1);
            QVERIFY(edit.selectionStart >= 0 && edit.selectionStart <= edit.selectionEnd
                && edit.selectionEnd <= edit.text.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestPromptEdit)
#include "tst_promptedit.moc"
