// SPDX-License-Identifier: MIT
#include "jobs/prompttokens.h"

#include "engine/common/error.h"
#include "engine/tokenizer/cliptokenizer.h"
#include "engine/tokenizer/promptsyntax.h"

#include "support/goldens.h"
#include "support/testdata.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using easel::PromptSyntax;
using easel::PromptTokenCount;
using easel::PromptTokenCounter;

Q_DECLARE_METATYPE(easel::PromptSyntax)

namespace {

// The engine's tokenizer, padding with "!" (id 0) so that a chunk's text ends at its last non-zero id (EOS).
const easel::engine::ClipTokenizer& engineTokenizer()
{
    static const easel::engine::ClipTokenizer t = [] {
        easel::engine::ClipTokenizerOptions options;
        options.padToken = "!";
        return easel::engine::ClipTokenizer(easel::test::resourceFile("clip"), options);
    }();
    return t;
}

// Tokens per chunk as the engine makes them; empty when the engine refuses the prompt.
QVector<int> engineChunks(const QString& prompt, PromptSyntax syntax)
{
    QVector<int> tokens;
    try {
        const auto chunks = easel::engine::tokenizePrompt(engineTokenizer(), prompt.toStdString(),
            syntax == PromptSyntax::Plain ? easel::engine::PromptSyntax::Plain : easel::engine::PromptSyntax::A1111);
        for (const auto& chunk : chunks) {
            int last = easel::engine::kClipContext - 1;
            while (last > 0 && chunk.ids[std::size_t(last)] == 0)
                --last;
            tokens << last - 1;
        }
    } catch (const easel::engine::EngineError&) {
        tokens.clear();
    }
    return tokens;
}

QVector<int> chunkTokens(const PromptTokenCount& count)
{
    QVector<int> tokens;
    for (const auto& chunk : count.chunks)
        tokens << chunk.tokens;
    return tokens;
}

QVector<int> chunkEnds(const PromptTokenCount& count)
{
    QVector<int> ends;
    for (const auto& chunk : count.chunks)
        ends << chunk.endOffset;
    return ends;
}

QString repeated(const QString& group, int times)
{
    QString s;
    for (int i = 0; i < times; ++i)
        s += group;
    return s;
}

// The prompts of the tokenizer goldens and transformers' untruncated lengths (with BOS and EOS).
QVector<QPair<QString, int>> goldenPrompts()
{
    const auto& golden = easel::test::goldenCase("tokenizer.clip_pad_eos");
    const auto& prompts = golden["inputs"]["prompts"];
    const auto& lengths = golden["outputs"]["untruncated_lengths_incl_bos_eos"];
    QVector<QPair<QString, int>> rows;
    for (std::size_t i = 0; i < prompts.size() && i < lengths.size(); ++i)
        rows.append({ QString::fromStdString(prompts[i].get<std::string>()), lengths[i].get<int>() });
    return rows;
}

} // namespace

class TestPromptTokens : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        PromptTokenCounter counter;
        QVERIFY(QFileInfo(counter.vocabularyDir() + QStringLiteral("/vocab.json")).isFile());
        counter.startLoading().waitForFinished();
        QVERIFY(counter.isLoaded());
        QVERIFY2(counter.loadError().isEmpty(), qPrintable(counter.loadError()));
        QCOMPARE(goldenPrompts().size(), 16);
    }

    // The transformers goldens: CLIPTokenizer's untruncated lengths, and the engine's chunks.
    void testGoldenPrompts_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<int>("untruncated");
        const auto prompts = goldenPrompts();
        for (int i = 0; i < prompts.size(); ++i)
            QTest::addRow("%d", i) << prompts[i].first << prompts[i].second - 2;
    }

    void testGoldenPrompts()
    {
        QFETCH(QString, prompt);
        QFETCH(int, untruncated);
        const PromptTokenCounter counter;

        const PromptTokenCount plain = counter.count(prompt, PromptSyntax::Plain);
        QVERIFY(plain.valid);
        QCOMPARE(plain.tokens, untruncated);
        QCOMPARE(plain.chunkCount(), 1);
        QCOMPARE(plain.chunks[0].tokens, std::min(untruncated, 75));
        QCOMPARE(plain.droppedTokens, std::max(0, untruncated - 75));
        QCOMPARE(chunkTokens(plain), engineChunks(prompt, PromptSyntax::Plain));

        const PromptTokenCount a1111 = counter.count(prompt, PromptSyntax::A1111);
        QVERIFY(a1111.valid);
        QVERIFY2(a1111.error.isEmpty(), qPrintable(a1111.error));
        QCOMPARE(chunkTokens(a1111), engineChunks(prompt, PromptSyntax::A1111));
        int sum = 0;
        for (int t : chunkTokens(a1111))
            sum += t;
        QCOMPARE(a1111.tokens, sum);
        QCOMPARE(a1111.droppedTokens, 0);
        // Without attention syntax both readings see the same text.
        if (!prompt.contains(QLatin1Char('(')) && !prompt.contains(QLatin1Char('['))
            && !prompt.contains(QLatin1Char(':')) && !prompt.contains(QLatin1Char('\\')))
            QCOMPARE(a1111.tokens, untruncated);
        int previous = 0;
        for (int end : chunkEnds(a1111)) {
            QVERIFY(end >= previous && end <= prompt.size());
            previous = end;
        }
    }

    void testChunks_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<PromptSyntax>("syntax");
        QTest::addColumn<QVector<int>>("tokens");
        QTest::addColumn<QVector<int>>("ends");
        const auto a1111 = PromptSyntax::A1111;
        const auto plain = PromptSyntax::Plain;

        QTest::newRow("empty") << QString() << a1111 << QVector<int> { 0 } << QVector<int> { 0 };
        QTest::newRow("empty plain") << QString() << plain << QVector<int> { 0 } << QVector<int> { 0 };
        QTest::newRow("spaces") << QStringLiteral("   ") << a1111 << QVector<int> { 0 } << QVector<int> { 0 };
        QTest::newRow("short") << QStringLiteral("a photo of a cat") << a1111 << QVector<int> { 5 }
                               << QVector<int> { 16 };
        QTest::newRow("trailing space") << QStringLiteral("a cat  ") << a1111 << QVector<int> { 2 }
                                        << QVector<int> { 5 };
        QTest::newRow("weight") << QStringLiteral("(masterpiece:1.2), a cat") << a1111 << QVector<int> { 4 }
                                << QVector<int> { 24 };
        QTest::newRow("weight plain") << QStringLiteral("(masterpiece:1.2), a cat") << plain << QVector<int> { 9 }
                                      << QVector<int> { 24 };
        QTest::newRow("break") << QStringLiteral("a cat BREAK a dog") << a1111 << QVector<int> { 2, 2 }
                               << QVector<int> { 5, 17 };
        QTest::newRow("break plain") << QStringLiteral("a cat BREAK a dog") << plain << QVector<int> { 5 }
                                     << QVector<int> { 17 };
        QTest::newRow("weighted then break")
            << QStringLiteral("(a cat:1.2) BREAK dog") << a1111 << QVector<int> { 2, 1 } << QVector<int> { 6, 21 };
        QTest::newRow("break first") << QStringLiteral("BREAK a") << a1111 << QVector<int> { 0, 1 }
                                     << QVector<int> { 0, 7 };
        QTest::newRow("break last") << QStringLiteral("a BREAK") << a1111 << QVector<int> { 1 } << QVector<int> { 1 };
        QTest::newRow("two breaks") << QStringLiteral("a BREAK BREAK b") << a1111 << QVector<int> { 1, 0, 1 }
                                    << QVector<int> { 1, 8, 15 };
        QTest::newRow("breakfast is a word")
            << QStringLiteral("BREAKFAST BREAK") << a1111 << QVector<int> { 1 } << QVector<int> { 9 };
        // A1111's quirk, kept by the engine: a BREAK inside brackets is weighted, so it is text.
        QTest::newRow("break in brackets")
            << QStringLiteral("(a BREAK b)") << a1111 << QVector<int> { 3 } << QVector<int> { 10 };
        QTest::newRow("escapes") << QStringLiteral("\\(a\\) BREAK b") << a1111 << QVector<int> { 3, 1 }
                                 << QVector<int> { 5, 13 };
        QTest::newRow("lone backslash") << QStringLiteral("a\\b BREAK c") << a1111 << QVector<int> { 1, 1 }
                                        << QVector<int> { 3, 11 };
        QTest::newRow("cjk") << QStringLiteral("日本語の猫 BREAK 東京") << a1111 << QVector<int> { 8, 3 }
                             << QVector<int> { 5, 14 };
        QTest::newRow("emoji") << QStringLiteral("🐱🔥 BREAK cat") << a1111 << QVector<int> { 2, 1 }
                               << QVector<int> { 4, 14 };

        // 80 one-token words: the first chunk ends after the 75th.
        const QString cats = repeated(QStringLiteral("cat "), 80).trimmed();
        QTest::newRow("80 words") << cats << a1111 << QVector<int> { 75, 5 } << QVector<int> { 75 * 4 - 1, 319 };
        QTest::newRow("80 words plain") << cats << plain << QVector<int> { 75 } << QVector<int> { 75 * 4 - 1 };
        // 12 groups of 7 tokens: the 11th group does not fit, so the first chunk ends at the 10th comma
        // (comma backtracking) and the 11th group starts the second chunk.
        const QString group = QStringLiteral("one two three four five six, ");
        const QString groups = repeated(group, 12).trimmed();
        QTest::newRow("comma backtrack") << groups << a1111 << QVector<int> { 70, 14 }
                                         << QVector<int> { 9 * int(group.size()) + 27 + 1, int(groups.size()) };
        // The same groups in brackets: the chunk still ends at the 10th comma, inside the weighted text.
        const QString weighted = QStringLiteral("(") + groups + QStringLiteral(":1.2)");
        QTest::newRow("comma backtrack weighted")
            << weighted << a1111 << QVector<int> { 70, 14 }
            << QVector<int> { 1 + 9 * int(group.size()) + 27 + 1, int(weighted.size()) - 5 };
        // 75 "cat" then ", dog": the comma is the 76th token and starts the second chunk.
        const QString commaAfter = repeated(QStringLiteral("cat "), 75).trimmed() + QStringLiteral(", dog");
        QTest::newRow("comma after 75") << commaAfter << a1111 << QVector<int> { 75, 2 }
                                        << QVector<int> { 75 * 4 - 1, int(commaAfter.size()) };
        // "cat," words: the 38th comma would be the 76th token.
        const QString catCommas = repeated(QStringLiteral("cat, "), 40).trimmed();
        QTest::newRow("cat commas") << catCommas << a1111 << QVector<int> { 75, 5 }
                                    << QVector<int> { 37 * 5 + 3, int(catCommas.size()) };
        // Three chunks, BREAK after a long part.
        const QString three = cats + QStringLiteral(" BREAK dog");
        QTest::newRow("three chunks") << three << a1111 << QVector<int> { 75, 5, 1 }
                                      << QVector<int> { 75 * 4 - 1, 319, int(three.size()) };
    }

    void testChunks()
    {
        QFETCH(QString, prompt);
        QFETCH(PromptSyntax, syntax);
        QFETCH(QVector<int>, tokens);
        QFETCH(QVector<int>, ends);
        const PromptTokenCount count = PromptTokenCounter().count(prompt, syntax);
        QVERIFY(count.valid);
        QVERIFY2(count.error.isEmpty(), qPrintable(count.error));
        QCOMPARE(chunkTokens(count), engineChunks(prompt, syntax));
        QCOMPARE(chunkTokens(count), tokens);
        QCOMPARE(chunkEnds(count), ends);
        QCOMPARE(count.capacity(), 75 * int(tokens.size()));
    }

    void testPlainDropped()
    {
        const QString cats = repeated(QStringLiteral("cat "), 80).trimmed();
        const PromptTokenCount count = PromptTokenCounter().count(cats, PromptSyntax::Plain);
        QCOMPARE(count.tokens, 80);
        QCOMPARE(count.droppedTokens, 5);
        QCOMPARE(count.capacity(), 75);
    }

    // A chunk that ends inside a word that BPE splits: the mark is inside that word.
    void testChunkEndInsideWord()
    {
        const QString prompt = repeated(QStringLiteral("cat "), 74) + QStringLiteral("photorealistic");
        const PromptTokenCount count = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QCOMPARE(chunkTokens(count), engineChunks(prompt, PromptSyntax::A1111));
        QCOMPARE(count.chunkCount(), 2);
        QVERIFY(count.chunks[0].endOffset > 74 * 4);
        QVERIFY(count.chunks[0].endOffset < prompt.size());
    }

    void testInvalidWeight()
    {
        const QString prompt = QStringLiteral("(cat:1.2.3), dog");
        QVERIFY(engineChunks(prompt, PromptSyntax::A1111).isEmpty()); // the engine refuses it
        const PromptTokenCount count = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QVERIFY(count.valid);
        QVERIFY(count.error.contains(QStringLiteral("1.2.3")));
        QCOMPARE(count.tokens, 3);
        QVERIFY(PromptTokenCounter().count(prompt, PromptSyntax::Plain).error.isEmpty());
    }

    // Found by fuzzing (tests/fuzz, fuzz_prompt): the engine refuses weights past a float's range; so does the count.
    void testWeightTooLarge()
    {
        const QString prompt = QStringLiteral("(cat:%1), dog").arg(QString(400, QLatin1Char('9')));
        QVERIFY(engineChunks(prompt, PromptSyntax::A1111).isEmpty()); // the engine refuses it
        const PromptTokenCount count = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QVERIFY(count.valid);
        QVERIFY(!count.error.isEmpty());
        QVERIFY(!PromptTokenCounter()
                     .count(QString(1000, QLatin1Char('(')) + QStringLiteral("x"), PromptSyntax::A1111)
                     .error.isEmpty());
    }

    // Found by fuzzing (tests/fuzz, fuzz_prompt): a chunk ending inside a very long word (pasted data, no spaces)
    // encoded every prefix of the word, seconds per count. Such a word's ends are placed proportionally.
    void testLongWord()
    {
        QString word;
        for (int i = 0; i < 600; ++i)
            word += QChar(u'a' + (i * 7) % 26);
        const QString prompt = QStringLiteral("a photo of ") + word;
        const PromptTokenCount count = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QCOMPARE(chunkTokens(count), engineChunks(prompt, PromptSyntax::A1111));
        QVERIFY(count.chunkCount() > 1);
        int previous = 0;
        for (int end : chunkEnds(count)) {
            QVERIFY(end >= previous && end <= prompt.size());
            previous = end;
        }
    }

    // Found by fuzzing (tests/fuzz/corpus/prompt/regress_counter_chunk_ends_in_order): where a run's words do not
    // encode as the whole run does (bytes that are not UTF-8, text the tokenizer fixes), a chunk's end was a
    // proportional guess that fell before the end of the chunk before it. Ends stay in order.
    void testChunkEndsStayInOrder()
    {
        const QString prompt = QString::fromUtf8(QByteArray::fromBase64(
            "KGNhdDo5OTk5OTk5OTk5OTk5OTk5OQAMOTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQEAAjA5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5EBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
            "EBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDk5OTk5OTk5OTk4EBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
            "EBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDk5OTk5OTk5OTk5OTk5DDk5OTk5OTk5OTk5OTk5OTk5"
            "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTkHHjxsb3JhcmE6IDoxPiA8bG/e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t7e"
            "3t7e3t7e3t7e3t7e3t7e3t7e3t7e3t6Mq+OBrue1tSwgY2Fmw6nwkGUsOTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"
            "OTk5OTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"
            "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAqMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"
            "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwWDAwMDAwMDAwMDAwMDAw"
            "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"
            "MDAwMDAwMDAwMDAwMDAwMDkyMjMzNzIwMzY4NTQ3NzU4MDcp"));
        const PromptTokenCount count = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QCOMPARE(chunkTokens(count), engineChunks(prompt, PromptSyntax::A1111));
        QVERIFY(count.chunkCount() > 1);
        int previous = 0;
        for (int end : chunkEnds(count)) {
            QVERIFY2(end >= previous && end <= prompt.size(),
                qPrintable(QStringLiteral("%1 after %2").arg(end).arg(previous)));
            previous = end;
        }
    }

    // Random prompts made of the syntax's pieces: the same chunks as the engine, ends in order.
    void testRandomPrompts()
    {
        const QStringList pieces
            = { QStringLiteral("("), QStringLiteral(")"), QStringLiteral("["), QStringLiteral("]"), QStringLiteral(":"),
                  QStringLiteral(":1.2)"), QStringLiteral(":0.5"), QStringLiteral("\\"), QStringLiteral("\\("),
                  QStringLiteral(" BREAK "), QStringLiteral("BREAK"), QStringLiteral("cat"), QStringLiteral(" "),
                  QStringLiteral(", "), QStringLiteral("photorealistic"), QStringLiteral("日本"), QStringLiteral("🐱"),
                  QStringLiteral("&amp;"), QStringLiteral("<"), QStringLiteral("don't"), QStringLiteral("1024x768") };
        QRandomGenerator random(42);
        int compared = 0;
        for (int n = 0; n < 400; ++n) {
            QString prompt;
            const int length = int(random.bounded(1, n < 300 ? 30 : 200));
            for (int i = 0; i < length; ++i)
                prompt += pieces[int(random.bounded(int(pieces.size())))];
            for (PromptSyntax syntax : { PromptSyntax::A1111, PromptSyntax::Plain }) {
                const PromptTokenCount count = PromptTokenCounter().count(prompt, syntax);
                const QVector<int> expected = engineChunks(prompt, syntax);
                QCOMPARE(count.error.isEmpty(), !expected.isEmpty());
                if (expected.isEmpty())
                    continue;
                QVERIFY2(chunkTokens(count) == expected, qPrintable(prompt));
                int previous = 0;
                for (int end : chunkEnds(count)) {
                    QVERIFY2(end >= previous && end <= prompt.size(), qPrintable(prompt));
                    previous = end;
                }
                ++compared;
            }
        }
        QVERIFY(compared > 600);
    }

    void testMissingVocabulary()
    {
        QTemporaryDir dir;
        const PromptTokenCounter counter(dir.path());
        counter.startLoading().waitForFinished();
        QVERIFY(counter.isLoaded());
        QVERIFY(counter.loadError().contains(QStringLiteral("vocab.json")));
        const PromptTokenCount count = counter.count(QStringLiteral("a cat"), PromptSyntax::A1111);
        QVERIFY(!count.valid);
        QCOMPARE(count.error, counter.loadError());
    }

    void testSharedAndConcurrent()
    {
        const PromptTokenCounter a;
        const PromptTokenCounter b(a.vocabularyDir() + QStringLiteral("/"));
        QVERIFY(b.isLoaded()); // the same shared vocabulary
        const QString prompt = repeated(QStringLiteral("a red cat, "), 30);
        const PromptTokenCount expected = a.count(prompt, PromptSyntax::A1111);
        QVector<QFuture<PromptTokenCount>> futures;
        for (int i = 0; i < 4; ++i)
            futures << QtConcurrent::run([b, prompt] { return b.count(prompt, PromptSyntax::A1111); });
        for (auto& future : futures) {
            QCOMPARE(future.result().tokens, expected.tokens);
            QCOMPARE(chunkEnds(future.result()), chunkEnds(expected));
        }
    }
};

QTEST_GUILESS_MAIN(TestPromptTokens)
#include "tst_prompttokens.moc"
