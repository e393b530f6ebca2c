// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/tokenizer/cliptokenizer.h"
#include "engine/tokenizer/promptsyntax.h"

#include "support/testdata.h"

#include <QtTest>

#include <memory>

using easel::engine::ClipTokenizer;
using easel::engine::ClipTokenizerOptions;
using easel::engine::PromptSyntax;
using easel::engine::TokenizedPrompt;
using easel::engine::WeightedText;
using Runs = std::vector<WeightedText>;

Q_DECLARE_METATYPE(Runs)

namespace {

const ClipTokenizer& clip()
{
    static const ClipTokenizer t(easel::test::resourceFile("clip"));
    return t;
}

const ClipTokenizer& clipBang()
{
    ClipTokenizerOptions options;
    options.padToken = "!";
    static const ClipTokenizer t(easel::test::resourceFile("clip"), options);
    return t;
}

QString describe(const Runs& runs)
{
    QStringList parts;
    for (const WeightedText& r : runs)
        parts << QStringLiteral("['%1', %2]").arg(QString::fromStdString(r.text)).arg(r.weight, 0, 'g', 17);
    return parts.join(QStringLiteral(", "));
}

std::vector<int64_t> content(const easel::engine::TokenChunk& chunk, int64_t eos)
{
    std::vector<int64_t> ids;
    for (int i = 1; i < easel::engine::kClipContext && chunk.ids[i] != eos; ++i)
        ids.push_back(chunk.ids[i]);
    return ids;
}

std::string repeat(const std::string& word, int times)
{
    std::string s;
    for (int i = 0; i < times; ++i)
        s += (i ? " " : "") + word;
    return s;
}

} // namespace

class TestPromptSyntax : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(clip().encode("cat").size(), std::size_t(1));
        QCOMPARE(clip().encode("dog").size(), std::size_t(1));
        QCOMPARE(clip().tokenId(",</w>"), int64_t(267));
    }

    // Expected values are what A1111's parse_prompt_attention returns (its doctests and more).
    void testParse_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<Runs>("expected");
        const double up = 1.1;
        const double down = 1 / 1.1;
        QTest::newRow("plain") << QStringLiteral("normal text") << Runs { { "normal text", 1.0 } };
        QTest::newRow("empty") << QString() << Runs { { "", 1.0 } };
        QTest::newRow("round") << QStringLiteral("an (important) word")
                               << Runs { { "an ", 1.0 }, { "important", up }, { " word", 1.0 } };
        QTest::newRow("unclosed round") << QStringLiteral("(unbalanced") << Runs { { "unbalanced", up } };
        QTest::newRow("unclosed square") << QStringLiteral("a [b") << Runs { { "a ", 1.0 }, { "b", down } };
        QTest::newRow("escapes") << QStringLiteral("\\(literal\\]") << Runs { { "(literal]", 1.0 } };
        QTest::newRow("escaped backslash") << QStringLiteral("a\\\\b") << Runs { { "a\\b", 1.0 } };
        QTest::newRow("lone backslash dropped") << QStringLiteral("a\\b") << Runs { { "ab", 1.0 } };
        QTest::newRow("merged neighbours")
            << QStringLiteral("(unnecessary)(parens)") << Runs { { "unnecessaryparens", up } };
        QTest::newRow("doctest nesting") << QStringLiteral("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).")
                                         << Runs { { "a ", 1.0 }, { "house", 1.5730000000000004 }, { " ", up },
                                                { "on", 1.0 }, { " a ", up }, { "hill", 0.55 }, { ", sun, ", up },
                                                { "sky", 1.4641000000000006 }, { ".", up } };
        QTest::newRow("explicit weight") << QStringLiteral("(masterpiece:1.2), a cat")
                                         << Runs { { "masterpiece", 1.2 }, { ", a cat", 1.0 } };
        QTest::newRow("square weight is literal") << QStringLiteral("[ugly:0.5]") << Runs { { "ugly:0.5", down } };
        QTest::newRow("double round") << QStringLiteral("((best quality))") << Runs { { "best quality", up * up } };
        QTest::newRow("stray closers") << QStringLiteral("a) b] c") << Runs { { "a) b] c", 1.0 } };
        QTest::newRow("weight without bracket") << QStringLiteral("x:1.2) y") << Runs { { "x:1.2) y", 1.0 } };
        QTest::newRow("colon text") << QStringLiteral("(x:abc)") << Runs { { "x:abc", up } };
        QTest::newRow("unclosed weight") << QStringLiteral("(x:1.5") << Runs { { "x:1.5", up } };
        QTest::newRow("signed weight") << QStringLiteral("(x:-.5)") << Runs { { "x", -0.5 } };
        QTest::newRow("zero weight") << QStringLiteral("a (x:0) b")
                                     << Runs { { "a ", 1.0 }, { "x", 0.0 }, { " b", 1.0 } };
        QTest::newRow("break") << QStringLiteral("a cat BREAK a dog")
                               << Runs { { "a cat", 1.0 }, { "BREAK", -1 }, { "a dog", 1.0 } };
        QTest::newRow("break alone") << QStringLiteral("BREAK") << Runs { { "", 1.0 }, { "BREAK", -1 }, { "", 1.0 } };
        QTest::newRow("break inside word")
            << QStringLiteral("aBREAK BREAKfast") << Runs { { "aBREAK BREAKfast", 1.0 } };
        QTest::newRow("break in brackets")
            << QStringLiteral("(a BREAK b)") << Runs { { "a", up }, { "BREAK", -up }, { "b", up } };
        QTest::newRow("unicode") << QStringLiteral("(caf\u00e9:1.5) \u65e5\u672c")
                                 << Runs { { "caf\xc3\xa9", 1.5 }, { " \xe6\x97\xa5\xe6\x9c\xac", 1.0 } };
    }

    void testParse()
    {
        QFETCH(QString, prompt);
        QFETCH(Runs, expected);
        const Runs actual = easel::engine::parsePromptAttention(prompt.toStdString());
        QVERIFY2(actual == expected,
            qPrintable(QStringLiteral("\n  actual:   %1\n  expected: %2").arg(describe(actual), describe(expected))));
    }

    void testInvalidWeight()
    {
        QVERIFY_THROWS_EXCEPTION(easel::engine::EngineError, easel::engine::parsePromptAttention("(x:1.2.3)"));
        QVERIFY_THROWS_EXCEPTION(easel::engine::EngineError, easel::engine::parsePromptAttention("(x:.)"));
        // Without an open bracket the same text is literal.
        QCOMPARE(easel::engine::parsePromptAttention("x:1.2.3)").size(), std::size_t(1));
    }

    // Found by fuzzing (tests/fuzz, fuzz_prompt): weights past a float's range gave infinite token weights.
    void testWeightTooLarge()
    {
        using easel::engine::parsePromptAttention;
        QVERIFY_THROWS_EXCEPTION(easel::engine::EngineError, parsePromptAttention("(x:" + std::string(400, '9') + ")"));
        const std::string big(20, '9'); // about 1e20; two nested make 1e40, past a float's 3.4e38
        QVERIFY_THROWS_EXCEPTION(easel::engine::EngineError, parsePromptAttention("((x:" + big + "):" + big + ")"));
        QVERIFY_THROWS_EXCEPTION(easel::engine::EngineError, parsePromptAttention(std::string(1000, '(') + "x"));
        QVERIFY(qFuzzyCompare(parsePromptAttention("((x:" + big + "):1000000000000000)").front().weight, 1e35));
    }

    void testEmptyPrompt()
    {
        for (const ClipTokenizer* t : { &clip(), &clipBang() }) {
            for (PromptSyntax syntax : { PromptSyntax::A1111, PromptSyntax::Plain }) {
                const TokenizedPrompt p = easel::engine::tokenizePrompt(*t, "", syntax);
                QCOMPARE(p.size(), std::size_t(1));
                QCOMPARE(p[0].ids[0], int64_t(49406));
                QCOMPARE(p[0].ids[1], int64_t(49407));
                for (int i = 2; i < easel::engine::kClipContext; ++i)
                    QCOMPARE(p[0].ids[i], t->padId());
                for (float w : p[0].weights)
                    QCOMPARE(w, 1.0f);
            }
        }
    }

    // A1111 on a prompt without emphasis and at most 75 tokens gives exactly the diffusers ids.
    void testShortPromptMatchesPadded_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<bool>("bang");
        const QStringList prompts = { QStringLiteral("a photo of a cat"),
            QStringLiteral("Hello, world! How are you? fine; thanks yes/no - ok..."),
            QStringLiteral("1girl, 2 cats, 3.14159, 1024x768, year 1999"),
            QStringLiteral("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade \U0001F431\U0001F525 "
                           "\u65e5\u672c\u8a9e\u306e\u732b"),
            QString::fromStdString(repeat("cat", 75)) };
        for (int i = 0; i < prompts.size(); ++i) {
            QTest::addRow("%d eos", i) << prompts[i] << false;
            QTest::addRow("%d bang", i) << prompts[i] << true;
        }
    }

    void testShortPromptMatchesPadded()
    {
        QFETCH(QString, prompt);
        QFETCH(bool, bang);
        const ClipTokenizer& t = bang ? clipBang() : clip();
        const TokenizedPrompt p = easel::engine::tokenizePrompt(t, prompt.toStdString(), PromptSyntax::A1111);
        QCOMPARE(p.size(), std::size_t(1));
        const auto padded = t.tokenizePadded(prompt.toStdString());
        QCOMPARE(std::vector<int64_t>(p[0].ids.begin(), p[0].ids.end()),
            std::vector<int64_t>(padded.ids.begin(), padded.ids.end()));
        for (float w : p[0].weights)
            QCOMPARE(w, 1.0f);
    }

    void testLongPromptChunks()
    {
        const std::string prompt = repeat("cat", 200);
        QCOMPARE(clip().encode(prompt).size(), std::size_t(200));
        for (const ClipTokenizer* t : { &clip(), &clipBang() }) {
            const TokenizedPrompt p = easel::engine::tokenizePrompt(*t, prompt, PromptSyntax::A1111);
            QCOMPARE(p.size(), std::size_t(3));
            std::vector<int64_t> all;
            for (const auto& chunk : p) {
                QCOMPARE(chunk.ids[0], int64_t(49406));
                QCOMPARE(chunk.weights[0], 1.0f);
                const auto ids = content(chunk, t->eosId());
                all.insert(all.end(), ids.begin(), ids.end());
            }
            QCOMPARE(p[0].ids[76], int64_t(49407));
            QCOMPARE(p[1].ids[76], int64_t(49407));
            QCOMPARE(p[2].ids[51], int64_t(49407));
            QCOMPARE(p[2].ids[52], t->padId());
            QCOMPARE(all, t->encode(prompt));
        }
        // Plain truncates to one chunk, as diffusers does.
        const TokenizedPrompt plain = easel::engine::tokenizePrompt(clip(), prompt, PromptSyntax::Plain);
        QCOMPARE(plain.size(), std::size_t(1));
        QCOMPARE(plain[0].ids[76], int64_t(49407));
    }

    void testCommaBacktrack()
    {
        // 70 cats, a comma, 10 dogs: the chunk would end after 4 dogs; the comma is 5 tokens back, so the dogs
        // move to the next chunk.
        const std::string near = repeat("cat", 70) + ", " + repeat("dog", 10);
        const TokenizedPrompt p = easel::engine::tokenizePrompt(clip(), near, PromptSyntax::A1111);
        QCOMPARE(p.size(), std::size_t(2));
        const auto first = content(p[0], 49407);
        QCOMPARE(first.size(), std::size_t(71));
        QCOMPARE(first.back(), int64_t(267));
        QCOMPARE(content(p[1], 49407), std::vector<int64_t>(10, clip().encode("dog")[0]));

        // A comma 25 tokens back is too far: the chunk is cut at 75 tokens.
        const std::string far = repeat("cat", 50) + ", " + repeat("dog", 40);
        const TokenizedPrompt q = easel::engine::tokenizePrompt(clip(), far, PromptSyntax::A1111);
        QCOMPARE(q.size(), std::size_t(2));
        QCOMPARE(content(q[0], 49407).size(), std::size_t(75));
        QCOMPARE(content(q[1], 49407).size(), std::size_t(16));
    }

    void testBreak()
    {
        const TokenizedPrompt p = easel::engine::tokenizePrompt(clip(), "a cat BREAK a dog", PromptSyntax::A1111);
        QCOMPARE(p.size(), std::size_t(2));
        QCOMPARE(content(p[0], 49407), clip().encode("a cat"));
        QCOMPARE(content(p[1], 49407), clip().encode("a dog"));
        // Plain reads BREAK as a word.
        const TokenizedPrompt plain = easel::engine::tokenizePrompt(clip(), "a cat BREAK a dog", PromptSyntax::Plain);
        QCOMPARE(plain.size(), std::size_t(1));
        QCOMPARE(content(plain[0], 49407), clip().encode("a cat BREAK a dog"));
    }

    void testPlainVersusA1111()
    {
        const std::string prompt = "a (cat:1.5) in a [hat]";
        const TokenizedPrompt a1111 = easel::engine::tokenizePrompt(clip(), prompt, PromptSyntax::A1111);
        const TokenizedPrompt plain = easel::engine::tokenizePrompt(clip(), prompt, PromptSyntax::Plain);
        QCOMPARE(a1111.size(), std::size_t(1));
        QCOMPARE(plain.size(), std::size_t(1));

        const auto padded = clip().tokenizePadded(prompt);
        QCOMPARE(std::vector<int64_t>(plain[0].ids.begin(), plain[0].ids.end()),
            std::vector<int64_t>(padded.ids.begin(), padded.ids.end()));
        for (float w : plain[0].weights)
            QCOMPARE(w, 1.0f);

        const int64_t cat = clip().encode("cat")[0];
        const int64_t hat = clip().encode("hat")[0];
        QCOMPARE(content(a1111[0], 49407), clip().encode("a cat in a hat"));
        QVERIFY(content(plain[0], 49407) != content(a1111[0], 49407));
        for (int i = 0; i < easel::engine::kClipContext; ++i) {
            const float expected = a1111[0].ids[i] == cat ? 1.5f : a1111[0].ids[i] == hat ? float(1 / 1.1) : 1.0f;
            QCOMPARE(a1111[0].weights[i], expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestPromptSyntax)
#include "tst_promptsyntax.moc"
