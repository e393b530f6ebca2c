// SPDX-License-Identifier: MIT
#include "engine/common/error.h"
#include "engine/tokenizer/cliptokenizer.h"

#include "support/goldens.h"
#include "support/testdata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

using easel::engine::ClipTokenizer;
using easel::engine::ClipTokenizerOptions;
using easel::engine::EngineError;

class TestTokenizer : public QObject {
    Q_OBJECT

private:
    static ClipTokenizerOptions bangOptions()
    {
        ClipTokenizerOptions options;
        options.padToken = "!";
        return options;
    }

    static const ClipTokenizer& tokenizer(const QString& source)
    {
        // Loading the vocabulary takes a while; each source is loaded once for all rows.
        static std::map<QString, std::unique_ptr<ClipTokenizer>> cache;
        auto& t = cache[source];
        if (!t) {
            if (source == QLatin1String("resources"))
                t = std::make_unique<ClipTokenizer>(easel::test::resourceFile("clip"));
            else if (source == QLatin1String("resources-bang"))
                t = std::make_unique<ClipTokenizer>(easel::test::resourceFile("clip"), bangOptions());
            else if (source == QLatin1String("sd15-tokenizer"))
                t = std::make_unique<ClipTokenizer>(ClipTokenizer::fromDiffusersFolder(
                    easel::test::tinyModelPath("tiny-sd15", "diffusers") + "/tokenizer"));
            else if (source == QLatin1String("sdxl-tokenizer"))
                t = std::make_unique<ClipTokenizer>(ClipTokenizer::fromDiffusersFolder(
                    easel::test::tinyModelPath("tiny-sdxl", "diffusers") + "/tokenizer"));
            else
                t = std::make_unique<ClipTokenizer>(ClipTokenizer::fromDiffusersFolder(
                    easel::test::tinyModelPath("tiny-sdxl", "diffusers") + "/tokenizer_2"));
        }
        return *t;
    }

    static QString describe(const std::vector<int64_t>& values)
    {
        QStringList parts;
        for (int64_t v : values)
            parts << QString::number(v);
        return parts.join(QLatin1Char(' '));
    }

    static std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& contents)
    {
        const std::string path = dir.filePath(QLatin1String(name)).toStdString();
        std::ofstream(path, std::ios::binary) << contents;
        return path;
    }

private Q_SLOTS:
    void testGolden_data()
    {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("index");
        const QList<QPair<QString, QStringList>> cases = {
            { QStringLiteral("clip_pad_eos"),
                { QStringLiteral("resources"), QStringLiteral("sd15-tokenizer"), QStringLiteral("sdxl-tokenizer") } },
            { QStringLiteral("clip_pad_bang"),
                { QStringLiteral("sdxl-tokenizer_2"), QStringLiteral("resources-bang") } },
        };
        for (const auto& [caseId, sources] : cases) {
            const auto& c = easel::test::goldenCase("tokenizer." + caseId.toStdString());
            const int count = int(c["inputs"]["prompts"].size());
            for (const QString& source : sources)
                for (int i = 0; i < count; ++i)
                    QTest::addRow("%s/%s/%d", qPrintable(caseId), qPrintable(source), i) << caseId << source << i;
        }
    }

    void testGolden()
    {
        QFETCH(QString, caseId);
        QFETCH(QString, source);
        QFETCH(int, index);
        const auto& c = easel::test::goldenCase("tokenizer." + caseId.toStdString());
        const std::string prompt = c["inputs"]["prompts"][size_t(index)].get<std::string>();
        const at::Tensor ids = easel::test::goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["input_ids"]);
        const at::Tensor mask = easel::test::goldenTensor(c["outputs"]["file"], c["outputs"]["keys"]["attention_mask"]);
        QCOMPARE(ids.size(1), int64_t(easel::engine::kClipContext));

        const ClipTokenizer& t = tokenizer(source);
        const auto padded = t.tokenizePadded(prompt);
        std::vector<int64_t> expectedIds, expectedMask;
        for (int64_t k = 0; k < ids.size(1); ++k) {
            expectedIds.push_back(ids[index][k].item<int64_t>());
            expectedMask.push_back(mask[index][k].item<int64_t>());
        }
        const std::vector<int64_t> actualIds(padded.ids.begin(), padded.ids.end());
        const std::vector<int64_t> actualMask(padded.attentionMask.begin(), padded.attentionMask.end());
        QVERIFY2(actualIds == expectedIds,
            qPrintable(
                QStringLiteral("ids\n  actual:   %1\n  expected: %2").arg(describe(actualIds), describe(expectedIds))));
        QCOMPARE(actualMask, expectedMask);

        // encode() is the untruncated text part.
        const auto lengths = c["outputs"]["untruncated_lengths_incl_bos_eos"];
        QCOMPARE(int64_t(t.encode(prompt).size()) + 2, lengths[size_t(index)].get<int64_t>());
    }

    void testDiffusersFolderPadding()
    {
        const ClipTokenizer& t2 = tokenizer(QStringLiteral("sdxl-tokenizer_2"));
        QCOMPARE(t2.padId(), int64_t(0));
        QCOMPARE(t2.bosId(), int64_t(49406));
        QCOMPARE(t2.eosId(), int64_t(49407));
        const auto padded = t2.tokenizePadded("world!");
        // "!" is an added special token of tokenizer_2: split out, not merged into "!</w>" (256).
        QCOMPARE(padded.ids[1], int64_t(1002));
        QCOMPARE(padded.ids[2], int64_t(0));
        QCOMPARE(padded.ids[3], int64_t(49407));
        QCOMPARE(padded.ids[4], int64_t(0));
        QCOMPARE(padded.attentionMask[3], int64_t(1));
        QCOMPARE(padded.attentionMask[4], int64_t(0));

        const ClipTokenizer& t1 = tokenizer(QStringLiteral("sdxl-tokenizer"));
        QCOMPARE(t1.padId(), int64_t(49407));
        const auto padded1 = t1.tokenizePadded("world!");
        QCOMPARE(padded1.ids[2], int64_t(256));
        QCOMPARE(padded1.ids[76], int64_t(49407));
    }

    void testTextNormalisation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("equivalent");
        QTest::newRow("case") << QStringLiteral("A Photo OF a CAT") << QStringLiteral("a photo of a cat");
        QTest::newRow("whitespace") << QStringLiteral(" \t a \n\n photo  ") << QStringLiteral("a photo");
        QTest::newRow("nfc") << QStringLiteral("cafe\u0301") << QStringLiteral("caf\u00e9");
        QTest::newRow("curly quotes") << QStringLiteral("\u201cit\u2019s\u201d") << QStringLiteral("\"it's\"");
        QTest::newRow("fullwidth") << QStringLiteral("\uff21\uff22\uff23") << QStringLiteral("abc");
        QTest::newRow("ligature") << QStringLiteral("\ufb02ower") << QStringLiteral("flower");
        QTest::newRow("entity") << QStringLiteral("salt &amp; pepper &#233;") << QStringLiteral("salt & pepper \u00e9");
        QTest::newRow("mojibake") << QStringLiteral("caf\u00c3\u00a9") << QStringLiteral("caf\u00e9");
        QTest::newRow("control chars") << QStringLiteral("a\u0001b\u200b") << QStringLiteral("ab\u200b");
        QTest::newRow("greek final sigma")
            << QStringLiteral("\u039f\u0394\u039f\u03a3") << QStringLiteral("\u03bf\u03b4\u03bf\u03c2");
        QTest::newRow("dotted capital I") << QStringLiteral("\u0130stanbul") << QStringLiteral("i\u0307stanbul");
    }

    void testTextNormalisation()
    {
        QFETCH(QString, input);
        QFETCH(QString, equivalent);
        const ClipTokenizer& t = tokenizer(QStringLiteral("resources"));
        QCOMPARE(t.encode(input.toStdString()), t.encode(equivalent.toStdString()));
    }

    void testPieces()
    {
        const ClipTokenizer& t = tokenizer(QStringLiteral("resources"));
        // Each digit is a word of its own; words end in </w>.
        QCOMPARE(t.encode("1999"),
            (std::vector<int64_t> { t.tokenId("1</w>"), t.tokenId("9</w>"), t.tokenId("9</w>"), t.tokenId("9</w>") }));
        QCOMPARE(t.encode("a photo"), (std::vector<int64_t> { t.tokenId("a</w>"), t.tokenId("photo</w>") }));
        QCOMPARE(t.encode(""), std::vector<int64_t> {});
        QCOMPARE(t.tokenId("not a token"), int64_t(-1));
        // ftfy leaves entities alone on a line that contains '<'.
        QVERIFY(t.encode("<b> &amp;") != t.encode("<b> &"));
        QVERIFY(t.encode("<b>\n&amp;") != t.encode("<b>\n&"));
        QCOMPARE(t.encode("x &amp;\n<b>"), t.encode("x &\n<b>"));
        const auto empty = t.tokenizePadded("");
        QCOMPARE(empty.ids[0], int64_t(49406));
        QCOMPARE(empty.ids[1], int64_t(49407));
        QCOMPARE(empty.attentionMask[1], int64_t(1));
        QCOMPARE(empty.attentionMask[2], int64_t(0));
    }

    void testLoadErrors_data()
    {
        QTest::addColumn<QString>("vocab");
        QTest::addColumn<QString>("merges");
        QTest::addColumn<QString>("messagePart");
        const QString good
            = QStringLiteral("{\"a\": 0, \"b\": 1, \"ab</w>\": 2, \"<|startoftext|>\": 3, \"<|endoftext|>\": 4}");
        const QString goodMerges = QStringLiteral("#version: 0.2\na b</w>\n");
        QTest::newRow("missing vocab") << QString() << goodMerges << QStringLiteral("vocab.json: cannot open");
        QTest::newRow("missing merges") << good << QString() << QStringLiteral("merges.txt: cannot open");
        QTest::newRow("corrupt vocab") << QStringLiteral("{\"a\": 0,") << goodMerges
                                       << QStringLiteral("not a valid CLIP vocabulary");
        QTest::newRow("vocab not an object")
            << QStringLiteral("[1, 2]") << goodMerges << QStringLiteral("not a valid CLIP vocabulary");
        QTest::newRow("vocab ids not integers")
            << QStringLiteral("{\"a\": \"x\"}") << goodMerges << QStringLiteral("is not an integer");
        QTest::newRow("no specials") << QStringLiteral("{\"a\": 0}") << goodMerges
                                     << QStringLiteral("lacks the start token");
        QTest::newRow("bad merge line") << good << QStringLiteral("#version: 0.2\na b c\n")
                                        << QStringLiteral("not a pair");
        QTest::newRow("no merges") << good << QStringLiteral("#version: 0.2\n") << QStringLiteral("no merges");
    }

    void testLoadErrors()
    {
        QFETCH(QString, vocab);
        QFETCH(QString, merges);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        if (!vocab.isNull())
            writeFile(dir, "vocab.json", vocab.toStdString());
        if (!merges.isNull())
            writeFile(dir, "merges.txt", merges.toStdString());
        try {
            ClipTokenizer t(dir.path().toStdString());
            QFAIL("no EngineError");
        } catch (const EngineError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(messagePart), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        }
    }

    void testDiffusersFolderMissing()
    {
        QVERIFY_THROWS_EXCEPTION(EngineError, ClipTokenizer::fromDiffusersFolder("/nonexistent/tokenizer"));
    }

    // Timings for the report: vocabulary load, then the 16 golden prompts cold (empty BPE cache) and warm.
    void testTimings()
    {
        const auto& c = easel::test::goldenCase("tokenizer.clip_pad_eos");
        std::vector<std::string> prompts;
        for (const auto& p : c["inputs"]["prompts"])
            prompts.push_back(p.get<std::string>());

        QElapsedTimer timer;
        timer.start();
        const ClipTokenizer t(easel::test::resourceFile("clip"));
        const qint64 loadNs = timer.nsecsElapsed();

        timer.restart();
        std::size_t tokens = 0;
        for (const std::string& p : prompts)
            tokens += t.encode(p).size();
        const qint64 coldNs = timer.nsecsElapsed();

        timer.restart();
        for (const std::string& p : prompts)
            t.tokenizePadded(p);
        const qint64 warmNs = timer.nsecsElapsed();

        qInfo("vocabulary load %.1f ms; 16 golden prompts (%zu tokens): %.2f ms cold, %.2f ms warm", loadNs / 1e6,
            tokens, coldNs / 1e6, warmNs / 1e6);
        QCOMPARE(tokens + 2 * prompts.size(),
            std::size_t(2 + 7 + 21 + 12 + 30 + 34 + 20 + 9 + 175 + 11 + 31 + 29 + 8 + 27 + 8 + 23));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
