// SPDX-License-Identifier: MIT
#include "recipe/lorastack.h"

#include <QtTest>

using easel::composeLoraStack;
using easel::LoraRef;
using easel::LoraSpec;
using easel::LoraStack;

namespace {

QList<LoraSpec> specs(const QString& prefix, int count)
{
    QList<LoraSpec> list;
    for (int i = 0; i < count; ++i)
        list.append({ QStringLiteral("/loras/%1%2.safetensors").arg(prefix).arg(i), std::nullopt });
    return list;
}

QList<double> weights(const LoraStack& stack)
{
    QList<double> w;
    for (const LoraRef& l : stack.loras)
        w << l.weight;
    return w;
}

const LoraSpec kCinematic { QStringLiteral("/loras/cine.safetensors"), std::nullopt };

} // namespace

class TestLoraStack : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void automaticWeights_data()
    {
        QTest::addColumn<int>("characters");
        QTest::addColumn<double>("character");
        QTest::addColumn<double>("cinematic");
        QTest::newRow("none") << 0 << 0.85 << 1.0;
        QTest::newRow("one") << 1 << 0.85 << 0.95;
        QTest::newRow("two") << 2 << 0.75 << 0.85;
        QTest::newRow("three") << 3 << 0.65 << 0.75;
        QTest::newRow("five") << 5 << 0.65 << 0.75;
    }

    void automaticWeights()
    {
        QFETCH(int, characters);
        QFETCH(double, character);
        QFETCH(double, cinematic);
        QCOMPARE(easel::automaticCharacterLoraWeight(characters), character);
        QCOMPARE(easel::automaticCinematicLoraWeight(characters), cinematic);

        // The same through composition: style LoRAs at 1, every character at the character strength.
        const LoraStack stack = composeLoraStack(
            specs(QStringLiteral("style"), 1), specs(QStringLiteral("char"), characters), kCinematic);
        QList<double> expected { 1.0 };
        for (int i = 0; i < characters; ++i)
            expected << character;
        expected << cinematic;
        QCOMPARE(weights(stack), expected);
        QVERIFY(stack.notes.isEmpty());
    }

    void priorityOrder()
    {
        const LoraStack stack
            = composeLoraStack(specs(QStringLiteral("style"), 2), specs(QStringLiteral("char"), 2), kCinematic);
        QStringList paths;
        for (const LoraRef& l : stack.loras)
            paths << QFileInfo(l.path).completeBaseName();
        QCOMPARE(paths,
            QStringList({ QStringLiteral("style0"), QStringLiteral("style1"), QStringLiteral("char0"),
                QStringLiteral("char1"), QStringLiteral("cine") }));
    }

    void explicitWeightsWin()
    {
        QList<LoraSpec> characters = specs(QStringLiteral("char"), 2);
        characters[1].weight = 0.3;
        LoraSpec cinematic = kCinematic;
        cinematic.weight = 0.0;
        QList<LoraSpec> style = specs(QStringLiteral("style"), 1);
        style[0].weight = -0.5;
        const LoraStack stack = composeLoraStack(style, characters, cinematic);
        QCOMPARE(weights(stack), QList<double>({ -0.5, 0.75, 0.3, 0.0 }));
    }

    void noCinematic()
    {
        const LoraStack stack = composeLoraStack({}, specs(QStringLiteral("char"), 1));
        QCOMPARE(weights(stack), QList<double>({ 0.85 }));
        QVERIFY(composeLoraStack({}, {}).loras.isEmpty());
    }

    void atMostTen()
    {
        // 3 style + 8 characters + cinematic = 12: the cinematic and the last character are dropped.
        const LoraStack stack
            = composeLoraStack(specs(QStringLiteral("style"), 3), specs(QStringLiteral("char"), 8), kCinematic);
        QCOMPARE(stack.loras.size(), easel::MaxStackedLoras);
        QCOMPARE(QFileInfo(stack.loras.last().path).completeBaseName(), QStringLiteral("char6"));
        // Character strengths follow the number of characters asked for, not the number kept.
        QCOMPARE(stack.loras.last().weight, 0.65);
        QCOMPARE(stack.notes.size(), 1);
        QVERIFY2(stack.notes.first().contains(QStringLiteral("char7, cine")), qPrintable(stack.notes.first()));
        QVERIFY(!stack.notes.first().contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(TestLoraStack)
#include "tst_lorastack.moc"
