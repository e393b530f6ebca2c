// SPDX-License-Identifier: MIT
// The "fast" preset: one definition for easel-cli --preset fast and the window's Fast button.
#include "recipe/fastpreset.h"

#include <QtTest>

using namespace easel;

class TestFastPreset : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void turboWithoutLcmLora()
    {
        ImageRecipe r;
        r.sampler = Sampler::DpmPP2M;
        r.steps = 30;
        r.guidance = 7.5;
        r.loras = { { QStringLiteral("/loras/style.safetensors"), 0.8 } };
        QCOMPARE(applyFastPreset(r), FastPresetKind::Turbo);
        QCOMPARE(r.sampler, Sampler::EulerA);
        QCOMPARE(r.spacing, TimestepSpacing::Trailing);
        QCOMPARE(r.steps, 1);
        QCOMPARE(r.guidance, 0.0);
    }

    void lcmFromTheStackOrThePrompt_data()
    {
        QTest::addColumn<QString>("lora");
        QTest::addColumn<QString>("prompt");
        QTest::newRow("stack") << QStringLiteral("/loras/LCM-lora-sdv1-5.safetensors") << QStringLiteral("a cat");
        QTest::newRow("lora tag") << QString() << QStringLiteral("a cat <lora:lcm_sd15:1>");
        QTest::newRow("lyco tag") << QString() << QStringLiteral("a cat <LYCO:my-LCM>");
    }
    void lcmFromTheStackOrThePrompt()
    {
        QFETCH(QString, lora);
        QFETCH(QString, prompt);
        ImageRecipe r;
        r.prompt = prompt;
        if (!lora.isEmpty())
            r.loras = { { lora, 1.0 } };
        r.spacing = TimestepSpacing::Leading;
        QVERIFY(usesLcmLora(r));
        QCOMPARE(applyFastPreset(r), FastPresetKind::Lcm);
        QCOMPARE(r.sampler, Sampler::Lcm);
        QCOMPARE(r.steps, 4);
        QCOMPARE(r.guidance, 1.0);
        QCOMPARE(r.spacing, TimestepSpacing::Leading); // LCM keeps the spacing
    }

    void notLcm()
    {
        ImageRecipe r;
        r.prompt = QStringLiteral("lcm in the prompt text is not a LoRA, <lora:style:0.5>");
        r.loras = { { QStringLiteral("/loras/lcm/style.safetensors"), 1.0 } }; // the folder's name does not count
        QVERIFY(!usesLcmLora(r));
    }

    void keptFieldsStay()
    {
        ImageRecipe r;
        r.sampler = Sampler::Heun;
        r.steps = 3;
        r.guidance = 2.0;
        r.spacing = TimestepSpacing::Linspace;
        applyFastPreset(r, { true, true, true, true });
        QCOMPARE(r.sampler, Sampler::Heun);
        QCOMPARE(r.spacing, TimestepSpacing::Linspace);
        QCOMPARE(r.steps, 3);
        QCOMPARE(r.guidance, 2.0);
        applyFastPreset(r, { false, true, false, true });
        QCOMPARE(r.sampler, Sampler::EulerA);
        QCOMPARE(r.spacing, TimestepSpacing::Linspace);
        QCOMPARE(r.steps, 1);
        QCOMPARE(r.guidance, 2.0);
    }
};

QTEST_GUILESS_MAIN(TestFastPreset)
#include "tst_fastpreset.moc"
