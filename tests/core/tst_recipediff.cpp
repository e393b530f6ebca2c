// SPDX-License-Identifier: MIT
// RecipeDiff (word-level prompt diff, differing recipe fields) and Variations (Vary: seeds, guidance and steps
// sweeps), table-tested.

#include "gallery/recipediff.h"
#include "gallery/variations.h"

#include <QtTest>

using namespace easel;

namespace {

/// The diff written compactly: "=same", "-removed", "+added" pieces joined by '|'.
QString spelled(const QList<WordDiff>& diff)
{
    QStringList parts;
    for (const WordDiff& d : diff) {
        const QChar mark = d.kind == WordDiff::Kind::Same ? QLatin1Char('=')
            : d.kind == WordDiff::Kind::Removed           ? QLatin1Char('-')
                                                          : QLatin1Char('+');
        parts << mark + d.text;
    }
    return parts.join(QLatin1Char('|'));
}

QString side(const QList<WordDiff>& diff, WordDiff::Kind other)
{
    QString text;
    for (const WordDiff& d : diff) {
        if (d.kind != other)
            text += d.text;
    }
    return text;
}

} // namespace

class TestRecipeDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void words_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same") << "a red fox"
                              << "a red fox"
                              << "=a red fox";
        QTest::newRow("one word replaced") << "a red fox in snow"
                                           << "a blue fox in snow"
                                           << "=a |-red |+blue |=fox in snow";
        QTest::newRow("word added") << "a fox"
                                    << "a small fox"
                                    << "=a |+small |=fox";
        QTest::newRow("word removed at the end") << "a fox, detailed"
                                                 << "a fox"
                                                 << "=a fox|-, detailed";
        QTest::newRow("weight changed") << "(fox:1.2), night"
                                        << "(fox:1.3), night"
                                        << "=(fox:1.|-2|+3|=), night";
        QTest::newRow("from empty") << ""
                                    << "a fox"
                                    << "+a fox";
        QTest::newRow("to empty") << "a fox"
                                  << ""
                                  << "-a fox";
        QTest::newRow("both empty") << ""
                                    << ""
                                    << "";
        QTest::newRow("moved word") << "red fox"
                                    << "fox red"
                                    << "-red |=fox|+ red";
        QTest::newRow("spacing only") << "a  fox"
                                      << "a fox"
                                      << "=a|-  |+ |=fox";
        QTest::newRow("lines") << "a fox\nsnow"
                               << "a fox\nrain"
                               << "=a fox\n|-snow|+rain";
        QTest::newRow("unicode") << "ein Fuchs über Schnee"
                                 << "ein Fuchs unter Schnee"
                                 << "=ein Fuchs |-über |+unter |=Schnee";
    }

    void words()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QString, expected);
        const QList<WordDiff> diff = RecipeDiff::words(a, b);
        QCOMPARE(spelled(diff), expected);
        // Each side is the text it came from.
        QCOMPARE(side(diff, WordDiff::Kind::Added), a);
        QCOMPARE(side(diff, WordDiff::Kind::Removed), b);
    }

    void longPromptsStayCheap()
    {
        QStringList words;
        for (int i = 0; i < 3000; ++i)
            words << QStringLiteral("word%1").arg(i);
        const QString a = words.join(QLatin1Char(' '));
        words[1500] = QStringLiteral("changed");
        const QList<WordDiff> diff = RecipeDiff::words(a, words.join(QLatin1Char(' ')));
        QCOMPARE(diff.size(), 4); // same, removed, added, same
        QCOMPARE(diff[1].text, QStringLiteral("word1500 "));
        QCOMPARE(diff[2].text, QStringLiteral("changed "));
    }

    void fieldsNameOnlyWhatDiffers()
    {
        ImageRecipe a;
        a.prompt = QStringLiteral("a red fox");
        a.seed = 99;
        a.elapsedSeconds = 3.5;
        ImageRecipe b = a;
        b.seed = 100;
        b.elapsedSeconds = 4.0; // timing is not part of the recipe
        QCOMPARE(RecipeDiff::fieldNames(a, b), QStringList { QStringLiteral("seed") });
        const QList<FieldDiff> fields = RecipeDiff::fields(a, b);
        QCOMPARE(fields.size(), 1);
        QCOMPARE(fields[0].a, QStringLiteral("99"));
        QCOMPARE(fields[0].b, QStringLiteral("100"));
        b.prompt = QStringLiteral("a blue fox");
        b.guidance = 5.5;
        QCOMPARE(RecipeDiff::fieldNames(a, b),
            (QStringList { QStringLiteral("guidance_scale"), QStringLiteral("prompt"), QStringLiteral("seed") }));
        QCOMPARE(RecipeDiff::fields(a, b).at(0).b, QStringLiteral("5.5"));
        QVERIFY(RecipeDiff::fields(a, a).isEmpty());
    }

    void variations_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("seeds") << int(Variations::Kind::Seeds) << 3 << 1.0 << "seed 1001, seed 1002, seed 1003";
        QTest::newRow("no seeds") << int(Variations::Kind::Seeds) << 0 << 1.0 << "";
        QTest::newRow("guidance around 7")
            << int(Variations::Kind::Guidance) << 4 << 1.0 << "cfg 5, cfg 6, cfg 8, cfg 9";
        QTest::newRow("guidance odd count") << int(Variations::Kind::Guidance) << 3 << 0.5 << "cfg 6.5, cfg 7.5, cfg 8";
        QTest::newRow("guidance fine step") << int(Variations::Kind::Guidance) << 2 << 0.1 << "cfg 6.9, cfg 7.1";
        QTest::newRow("guidance clipped at 0") << int(Variations::Kind::Guidance) << 20 << 1.0
                                               << "cfg 0, cfg 1, cfg 2, cfg 3, cfg 4, cfg 5, cfg 6, cfg 8, cfg 9, "
                                                  "cfg 10, cfg 11, cfg 12, cfg 13, cfg 14, cfg 15, cfg 16, cfg 17";
        QTest::newRow("steps") << int(Variations::Kind::Steps) << 4 << 5.0 << "steps 10, steps 15, steps 25, steps 30";
        QTest::newRow("steps clipped at 1")
            << int(Variations::Kind::Steps) << 6 << 10.0 << "steps 10, steps 30, steps 40, steps 50";
        QTest::newRow("bad step") << int(Variations::Kind::Steps) << 4 << 0.0 << "";
    }

    void variations()
    {
        QFETCH(int, kind);
        QFETCH(int, count);
        QFETCH(double, step);
        QFETCH(QString, expected);
        ImageRecipe base;
        base.prompt = QStringLiteral("a fox");
        base.seed = 1000;
        base.guidance = 7.0;
        base.steps = 20;
        base.batchSize = 2;
        base.batchCount = 3;
        base.batchIndex = 1;
        QStringList made;
        for (const ImageRecipe& r : Variations::of(base, Variations::Kind(kind), count, step)) {
            QCOMPARE(r.imageCount(), 1);
            QCOMPARE(r.batchIndex, 0);
            QCOMPARE(r.prompt, base.prompt);
            QStringList differing = ImageRecipe::differingFields(base, r);
            differing.removeAll(QStringLiteral("batch_size"));
            differing.removeAll(QStringLiteral("batch_count"));
            differing.removeAll(QStringLiteral("batch_index"));
            QCOMPARE(differing.size(), 1); // one value varies
            if (Variations::Kind(kind) == Variations::Kind::Seeds)
                made << QStringLiteral("seed %1").arg(r.seed);
            else if (Variations::Kind(kind) == Variations::Kind::Guidance)
                made << QStringLiteral("cfg %1").arg(r.guidance);
            else
                made << QStringLiteral("steps %1").arg(r.steps);
        }
        QCOMPARE(made.join(QStringLiteral(", ")), expected);
    }
};

QTEST_GUILESS_MAIN(TestRecipeDiff)
#include "tst_recipediff.moc"
