// SPDX-License-Identifier: MIT
#include "gallery/filehash.h"
#include "recipe/imagerecipe.h"

#include "support/testdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace easel;

Q_DECLARE_METATYPE(easel::ImageRecipe)

namespace {

// The example of the A1111 text format: img2img, Karras, clip skip 2.
ImageRecipe exampleParams()
{
    ImageRecipe p;
    p.prompt = QStringLiteral("a cat on a sofa, oil painting");
    p.negativePrompt = QStringLiteral("blurry");
    p.steps = 20;
    p.sampler = *samplerFromName(QStringLiteral("euler_a"));
    p.schedule = *scheduleFromName(QStringLiteral("karras"));
    p.guidance = 7.5;
    p.seed = 42;
    p.width = 512;
    p.height = 768;
    p.modelName = QStringLiteral("dreamshaper_8");
    p.modelSha256 = QStringLiteral("879db523c30d3b9017143d56705015e15a2cb5628762c11d086fed9538abd7fd");
    p.strength = 0.6;
    p.initImage = QStringLiteral("/tmp/init.png");
    p.clipSkip = 2;
    p.rng = QStringLiteral("gpu");
    p.easelVersion = QStringLiteral("0.1.0");
    return p;
}

// What fromA1111Parameters() leaves in the fields A1111 text does not carry.
ImageRecipe parsedDefaults()
{
    ImageRecipe p;
    p.spacing = TimestepSpacing::Auto;
    p.device = Device::Auto;
    p.precision = Precision::Auto;
    p.rng = QStringLiteral("gpu");
    return p;
}

// The part of p that survives A1111 text.
ImageRecipe a1111View(const ImageRecipe& p)
{
    ImageRecipe v = p;
    v.spacing = TimestepSpacing::Auto;
    v.device = Device::Auto;
    v.precision = Precision::Auto;
    v.elapsedSeconds = 0.0;
    v.initImage.clear();
    v.modelHashShort = p.shortModelHash();
    v.modelSha256.clear();
    if (p.batchSize <= 1)
        v.batchIndex = 0;
    v.promptSyntax = PromptSyntax::A1111;
    v.rng = p.rng.isEmpty() ? QStringLiteral("gpu") : p.rng.toLower();
    return v;
}

QString describe(const ImageRecipe& p)
{
    return QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Indented));
}

QByteArray bytes(qint64 size, char seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = static_cast<char>((i * 131 + seed) & 0xff);
    return data;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString sha256Hex(const QByteArray& content)
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString sha256OfFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

class TestImageRecipe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testSamplerNames_data();
    void testSamplerNames();
    void testToA1111_data();
    void testToA1111();
    void testFromA1111_data();
    void testFromA1111();
    void testFromA1111Errors_data();
    void testFromA1111Errors();
    void testA1111RoundTrip_data();
    void testA1111RoundTrip();
    void testJsonRoundTrip_data();
    void testJsonRoundTrip();
    void testJsonDefaults();
    void testJsonErrors_data();
    void testJsonErrors();
    void testVersion1Record();
    void testChoiceNames();
    void testValidate_data();
    void testValidate();
    void testDifferingFields();
    void testMaskOptionsAndLoraHashes();
    void testLoraHashNameOfSeparatorsOnly();
    void testQuoteInValue();
    void testStepCache();
    void testTokenMerge();

    void testHashFile_data();
    void testHashFile();
    void testHashProgressAndCancel();
    void testHashCache();
    void testHashCacheDamaged();
    void testFolderHash();
    void testFixtureHashes_data();
    void testFixtureHashes();
    void testHashErrors();
};

void TestImageRecipe::testSamplerNames_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("a1111");

    QTest::newRow("euler") << QStringLiteral("euler") << QStringLiteral("Euler");
    QTest::newRow("euler_a") << QStringLiteral("euler_a") << QStringLiteral("Euler a");
    QTest::newRow("heun") << QStringLiteral("heun") << QStringLiteral("Heun");
    QTest::newRow("dpmpp_2m") << QStringLiteral("dpmpp_2m") << QStringLiteral("DPM++ 2M");
    QTest::newRow("ddim") << QStringLiteral("ddim") << QStringLiteral("DDIM");
    QTest::newRow("pndm") << QStringLiteral("pndm") << QStringLiteral("PLMS");
    QTest::newRow("lcm") << QStringLiteral("lcm") << QStringLiteral("LCM");
    QTest::newRow("unipc") << QStringLiteral("unipc") << QStringLiteral("UniPC");
}

void TestImageRecipe::testSamplerNames()
{
    QFETCH(QString, engine);
    QFETCH(QString, a1111);

    const std::optional<Sampler> sampler = samplerFromName(engine);
    QVERIFY(sampler);
    QCOMPARE(samplerName(*sampler), engine);
    QCOMPARE(ImageRecipe::a1111SamplerName(*sampler), a1111);
    QCOMPARE(ImageRecipe::samplerFromA1111Name(a1111), sampler);
    QVERIFY(!samplerFromName(engine.toUpper() + QStringLiteral("_x")));
    QVERIFY(!ImageRecipe::samplerFromA1111Name(a1111.toLower() + QStringLiteral(" x")));

    ImageRecipe p = exampleParams();
    p.sampler = *sampler;
    QVERIFY(p.toA1111Parameters().contains(QStringLiteral(", Sampler: ") + a1111 + QStringLiteral(", ")));
}

void TestImageRecipe::testToA1111_data()
{
    QTest::addColumn<ImageRecipe>("params");
    QTest::addColumn<QString>("text");

    const QString exampleTail
        = QStringLiteral("Steps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 7.5, Seed: 42, Size: 512x768, "
                         "Model hash: 879db523c3, Model: dreamshaper_8, Denoising strength: 0.6, Clip skip: 2, ");

    ImageRecipe p = exampleParams();
    QTest::newRow("img2img example") << p
                                     << QStringLiteral("a cat on a sofa, oil painting\nNegative prompt: blurry\n")
            + exampleTail + QStringLiteral("Version: Easel 0.1.0");

    p.rng = QStringLiteral("cpu");
    QTest::newRow("cpu rng is recorded") << p
                                         << QStringLiteral("a cat on a sofa, oil painting\nNegative prompt: blurry\n")
            + exampleTail + QStringLiteral("RNG: CPU, Version: Easel 0.1.0");

    p = exampleParams();
    p.negativePrompt.clear();
    QTest::newRow("no negative prompt line")
        << p
        << QStringLiteral("a cat on a sofa, oil painting\n") + exampleTail + QStringLiteral("Version: Easel 0.1.0");

    p = exampleParams();
    p.batchSize = 4;
    p.batchIndex = 1;
    QTest::newRow("batch of four")
        << p
        << QStringLiteral("a cat on a sofa, oil painting\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, "
                          "Schedule type: Karras, CFG scale: 7.5, Seed: 42, Size: 512x768, Model hash: 879db523c3, "
                          "Model: dreamshaper_8, Batch size: 4, Batch pos: 1, Denoising strength: 0.6, Clip skip: 2, "
                          "Version: Easel 0.1.0");

    ImageRecipe t;
    t.prompt = QStringLiteral("a dog");
    t.steps = 4;
    t.sampler = *samplerFromName(QStringLiteral("euler"));
    t.schedule = SigmaSchedule::Default;
    t.guidance = 7.0;
    t.width = 64;
    t.height = 64;
    t.rng = QStringLiteral("gpu");
    QTest::newRow("txt2img, nothing optional")
        << t
        << QStringLiteral(
               "a dog\nSteps: 4, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 0, Size: 64x64");

    t.modelName = QStringLiteral("my,model: v2");
    t.modelHashShort = QStringLiteral("45dee52b");
    t.seed = 4294967295;
    t.clipSkip = 1;
    t.extras.insert(QStringLiteral("Template"), QStringLiteral("say \"hi\"\nback\\slash, x"));
    t.extras.insert(QStringLiteral("Hires upscale"), QStringLiteral("2"));
    t.easelVersion = QStringLiteral("0.2.0");
    QTest::newRow("quoted values, extras before Version")
        << t
        << QStringLiteral("a dog\nSteps: 4, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, "
                          "Seed: 4294967295, Size: 64x64, Model hash: 45dee52b, Model: \"my,model: v2\", "
                          "Hires upscale: 2, Template: \"say \\\"hi\\\"\\nback\\\\slash, x\", Version: Easel 0.2.0");

    ImageRecipe m;
    m.prompt = QStringLiteral("first line\nsecond line");
    m.negativePrompt = QStringLiteral("bad\nworse");
    m.sampler = *samplerFromName(QStringLiteral("dpmpp_2m"));
    m.schedule = SigmaSchedule::Default;
    m.guidance = 5.25;
    m.seed = 7;
    m.width = 512;
    m.height = 512;
    m.rng = QStringLiteral("gpu");
    QTest::newRow("multi-line prompts") << m
                                        << QStringLiteral("first line\nsecond line\nNegative prompt: bad\nworse\n"
                                                          "Steps: 20, Sampler: DPM++ 2M, Schedule type: Automatic, "
                                                          "CFG scale: 5.25, Seed: 7, Size: 512x512");

    ImageRecipe a;
    a.prompt = QStringLiteral("a");
    a.rng = QStringLiteral("gpu");
    QTest::newRow("auto choices and the native size are left out")
        << a << QStringLiteral("a\nSteps: 20, CFG scale: 7.5, Seed: 0");

    m.prompt.clear();
    QTest::newRow("negative only")
        << m
        << QStringLiteral("Negative prompt: bad\nworse\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Automatic, "
                          "CFG scale: 5.25, Seed: 7, Size: 512x512");
}

void TestImageRecipe::testToA1111()
{
    QFETCH(ImageRecipe, params);
    QFETCH(QString, text);

    QCOMPARE(params.toA1111Parameters(), text);
}

void TestImageRecipe::testFromA1111_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ImageRecipe>("expected");

    ImageRecipe e = parsedDefaults();
    e.prompt = QStringLiteral("girl with an artist's beret, determined, blue eyes");
    e.negativePrompt = QStringLiteral("ugly, fat, (((deformed))), [blurry]");
    e.steps = 20;
    e.sampler = *samplerFromName(QStringLiteral("euler_a"));
    e.guidance = 7;
    e.seed = 965400086;
    e.width = 512;
    e.height = 512;
    e.modelHashShort = QStringLiteral("45dee52b");
    QTest::newRow("old A1111") << QStringLiteral(
        "girl with an artist's beret, determined, blue eyes\n"
        "Negative prompt: ugly, fat, (((deformed))), [blurry]\n"
        "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, "
        "Model hash: 45dee52b") << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("masterpiece, a castle on a hill,\nat sunset");
    e.negativePrompt = QStringLiteral("lowres,\nwatermark");
    e.steps = 30;
    e.sampler = *samplerFromName(QStringLiteral("dpmpp_2m"));
    e.schedule = *scheduleFromName(QStringLiteral("karras"));
    e.guidance = 5.5;
    e.seed = 3141592653;
    e.width = 1024;
    e.height = 1024;
    e.modelHashShort = QStringLiteral("31e35c80fc");
    e.modelName = QStringLiteral("sd_xl_base_1.0");
    e.strength = 0.35;
    e.clipSkip = 2;
    e.rng = QStringLiteral("cpu");
    e.extras = { { QStringLiteral("VAE hash"), QStringLiteral("235745af8d") },
        { QStringLiteral("Hires upscale"), QStringLiteral("1.5") }, { QStringLiteral("Version"), QStringLiteral("v1.9.4") } };
    e.loraHashes = { { QStringLiteral("detail"), QStringLiteral("0123abcd") },
        { QStringLiteral("style"), QStringLiteral("4567ef01") } };
    QTest::newRow("A1111 1.9, quoted list, unknown keys")
        << QStringLiteral("masterpiece, a castle on a hill,\nat sunset\nNegative prompt: lowres,\nwatermark\n"
                          "Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 5.5, Seed: 3141592653, "
                          "Size: 1024x1024, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, VAE hash: 235745af8d, "
                          "Denoising strength: 0.35, Clip skip: 2, RNG: CPU, Hires upscale: 1.5, "
                          "Lora hashes: \"detail: 0123abcd, style: 4567ef01\", Version: v1.9.4")
        << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("a");
    e.steps = 25;
    e.sampler = *samplerFromName(QStringLiteral("dpmpp_2m"));
    e.schedule = *scheduleFromName(QStringLiteral("karras"));
    e.guidance = 7;
    e.seed = 1;
    e.width = 512;
    e.height = 512;
    QTest::newRow("schedule folded into sampler")
        << QStringLiteral("a\nSteps: 25, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1, Size: 512x512") << e;

    e.sampler = Sampler::Auto;
    e.schedule = SigmaSchedule::Auto;
    e.extras = { { QStringLiteral("Sampler"), QStringLiteral("DPM++ SDE") },
        { QStringLiteral("Schedule type"), QStringLiteral("Exponential") } };
    QTest::newRow("unknown sampler and schedule") << QStringLiteral(
        "a\nSteps: 25, Sampler: DPM++ SDE, Schedule type: Exponential, CFG scale: 7, Seed: 1, "
        "Size: 512x512") << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("just a prompt\nwith two lines");
    QTest::newRow("no parameter line") << QStringLiteral("  just a prompt\nwith two lines\n\n") << e;

    e.prompt = QStringLiteral("a photo\nSteps: 20, Seed: 5");
    QTest::newRow("two fields are still prompt") << QStringLiteral("a photo\nSteps: 20, Seed: 5") << e;

    e = parsedDefaults();
    e.negativePrompt = QStringLiteral("ugly");
    e.steps = 10;
    e.sampler = *samplerFromName(QStringLiteral("ddim"));
    e.guidance = 3;
    e.seed = 9;
    e.width = 256;
    e.height = 384;
    QTest::newRow("negative prompt only")
        << QStringLiteral("Negative prompt: ugly\nSteps: 10, Sampler: DDIM, CFG scale: 3, Seed: 9, Size: 256x384") << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("a cat");
    e.negativePrompt = QStringLiteral("dog");
    e.sampler = *samplerFromName(QStringLiteral("euler"));
    e.guidance = 7;
    e.seed = 1;
    e.width = 64;
    e.height = 64;
    QTest::newRow("CRLF line ends") << QStringLiteral(
        "a cat\r\nNegative prompt: dog\r\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, "
        "Size: 64x64\r\n") << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("x");
    e.sampler = *samplerFromName(QStringLiteral("pndm"));
    e.guidance = 7;
    e.seed = 1;
    e.width = 64;
    e.height = 64;
    e.batchSize = 4;
    e.batchIndex = 2;
    e.extras = { { QStringLiteral("Hires upscaler"), QStringLiteral("Latent") } };
    QTest::newRow("batch fields, empty value skipped")
        << QStringLiteral("x\nSteps: 20, Sampler: PLMS, CFG scale: 7, Seed: 1, Size: 64x64, Model: , "
                          "Batch size: 4, Batch pos: 2, Hires upscaler: Latent")
        << e;

    e = parsedDefaults();
    e.prompt = QStringLiteral("Ölgemälde: 夕日");
    e.steps = 4;
    e.sampler = *samplerFromName(QStringLiteral("lcm"));
    e.guidance = 1.5;
    e.seed = 3;
    e.schedule = SigmaSchedule::Default;
    e.width = 512;
    e.height = 512;
    e.easelVersion = QStringLiteral("0.1.0");
    e.modelName = QStringLiteral("a \"quoted\", name");
    QTest::newRow("Easel text, unicode, escaped quotes")
        << QStringLiteral("Ölgemälde: 夕日\nSteps: 4, Sampler: LCM, Schedule type: Automatic, CFG scale: 1.5, "
                          "Seed: 3, Size: 512x512, Model: \"a \\\"quoted\\\", name\", Version: Easel 0.1.0")
        << e;
}

void TestImageRecipe::testFromA1111()
{
    QFETCH(QString, text);
    QFETCH(ImageRecipe, expected);

    QString error;
    const std::optional<ImageRecipe> parsed = ImageRecipe::fromA1111Parameters(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY2(*parsed == expected, qPrintable(describe(*parsed) + QStringLiteral(" != ") + describe(expected)));

    // Writing and reading again changes nothing.
    QString againError;
    const std::optional<ImageRecipe> again = ImageRecipe::fromA1111Parameters(parsed->toA1111Parameters(), &againError);
    QVERIFY2(again, qPrintable(againError + QStringLiteral(" in ") + parsed->toA1111Parameters()));
    QVERIFY2(*again == *parsed, qPrintable(parsed->toA1111Parameters()));
}

void TestImageRecipe::testFromA1111Errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString tail = QStringLiteral(", Sampler: Euler, CFG scale: 7");
    QTest::newRow("empty") << QStringLiteral(" \n ") << QStringLiteral("A1111 parameters: the text is empty");
    QTest::newRow("steps word") << QStringLiteral("x\nSteps: many")
            + tail << QStringLiteral("A1111 parameters: 'Steps' must be a whole number from 1 to 10000, got 'many'");
    QTest::newRow("steps zero") << QStringLiteral("x\nSteps: 0")
            + tail << QStringLiteral("A1111 parameters: 'Steps' must be a whole number from 1 to 10000, got '0'");
    QTest::newRow("size") << QStringLiteral("x\nSteps: 20") + tail + QStringLiteral(", Size: 512 by 512")
                          << QStringLiteral("A1111 parameters: 'Size' must be WIDTHxHEIGHT, got '512 by 512'");
    QTest::newRow("cfg") << QStringLiteral("x\nSteps: 20, Sampler: Euler, CFG scale: high")
                         << QStringLiteral("A1111 parameters: 'CFG scale' must be a number, got 'high'");
    QTest::newRow("seed") << QStringLiteral("x\nSteps: 20") + tail + QStringLiteral(", Seed: 12ab")
                          << QStringLiteral("A1111 parameters: 'Seed' must be a whole number, got '12ab'");
    QTest::newRow("strength") << QStringLiteral("x\nSteps: 20") + tail + QStringLiteral(", Denoising strength: 1.5")
                              << QStringLiteral(
                                     "A1111 parameters: 'Denoising strength' must be a number from 0 to 1, got '1.5'");
    QTest::newRow("clip skip") << QStringLiteral("x\nSteps: 20") + tail + QStringLiteral(", Clip skip: 0")
                               << QStringLiteral(
                                      "A1111 parameters: 'Clip skip' must be a whole number from 1 to 12, got '0'");
}

void TestImageRecipe::testFromA1111Errors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!ImageRecipe::fromA1111Parameters(text, &error));
    QCOMPARE(error, message);
}

void TestImageRecipe::testA1111RoundTrip_data()
{
    QTest::addColumn<ImageRecipe>("params");

    ImageRecipe p = exampleParams();
    p.device = Device::Cuda;
    p.precision = Precision::Fp16;
    p.elapsedSeconds = 3.25;
    p.batchIndex = 1;
    p.batchSize = 2;
    QTest::newRow("example") << p;

    p.rng = QStringLiteral("cpu");
    p.strength.reset();
    p.clipSkip = 1;
    p.schedule = *scheduleFromName(QStringLiteral("default"));
    QTest::newRow("txt2img cpu rng") << p;

    for (const char* sampler : { "euler", "heun", "dpmpp_2m", "ddim", "pndm", "lcm", "unipc" }) {
        ImageRecipe s = exampleParams();
        s.sampler = *samplerFromName(QLatin1String(sampler));
        QTest::newRow(sampler) << s;
    }

    ImageRecipe q = exampleParams();
    q.prompt = QStringLiteral("(masterpiece:1.2), a \"red\" car,\nNegative prompt inside? no: line two");
    q.negativePrompt = QStringLiteral("a\n\nb");
    q.modelName = QStringLiteral("name, with: punctuation");
    q.modelSha256.clear();
    q.modelHashShort = QStringLiteral("abcdef0123");
    q.guidance = 0.1 + 0.2;
    q.seed = 123456789012345;
    q.extras = { { QStringLiteral("VAE"), QStringLiteral("vae-ft-mse, \"840000\"") },
        { QStringLiteral("ENSD"), QStringLiteral("31337") } };
    q.tokenMerge = 0.5; // A1111's "Token merging ratio", modelled
    QTest::newRow("awkward values") << q;

    ImageRecipe m = exampleParams();
    m.maskBlur = 4;
    m.maskGrow = -3;
    m.loraHashes = { { QStringLiteral("add_detail"), QStringLiteral("0123456789ab") },
        { QStringLiteral("lcm-lora"), QStringLiteral("fedcba987654") } };
    QTest::newRow("mask options and LoRA hashes") << m;
}

void TestImageRecipe::testA1111RoundTrip()
{
    QFETCH(ImageRecipe, params);

    const QString text = params.toA1111Parameters();
    QString error;
    const std::optional<ImageRecipe> parsed = ImageRecipe::fromA1111Parameters(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    const ImageRecipe expected = a1111View(params);
    QVERIFY2(*parsed == expected, qPrintable(text + QStringLiteral("\n") + describe(*parsed)));
    QCOMPARE(parsed->toA1111Parameters(), text);
}

void TestImageRecipe::testJsonRoundTrip_data()
{
    QTest::addColumn<ImageRecipe>("params");

    ImageRecipe p = exampleParams();
    p.spacing = *spacingFromName(QStringLiteral("trailing"));
    p.seed = (qint64(1) << 40) + 3;
    p.batchIndex = 3;
    p.batchSize = 4;
    p.promptSyntax = PromptSyntax::Plain;
    p.device = Device::Cuda;
    p.precision = Precision::Bf16;
    p.rng = QStringLiteral("cpu");
    p.elapsedSeconds = 12.345;
    p.extras.insert(QStringLiteral("VAE hash"), QStringLiteral("235745af8d"));
    QTest::newRow("everything set") << p;

    ImageRecipe inpaint = exampleParams();
    inpaint.initImage = QStringLiteral("/images/photo.png");
    inpaint.maskImage = QStringLiteral("/images/mask.png");
    inpaint.strength = 0.75;
    inpaint.loras = { { QStringLiteral("/loras/style.safetensors"), 0.8 }, { QStringLiteral("/loras/lcm.safetensors"), 1.0 } };
    inpaint.loraHashes = { { QStringLiteral("style"), QStringLiteral("0123456789ab") } };
    inpaint.maskBlur = 8;
    inpaint.maskGrow = 5;
    QTest::newRow("mask and LoRAs") << inpaint;

    QTest::newRow("defaults") << ImageRecipe();

    ImageRecipe f = parsedDefaults();
    f.prompt = QStringLiteral("from another tool\nline 2");
    f.sampler = Sampler::Auto;
    f.modelHashShort = QStringLiteral("45dee52b");
    f.seed = -5;
    f.extras.insert(QStringLiteral("Sampler"), QStringLiteral("DPM++ SDE"));
    QTest::newRow("foreign record") << f;
}

void TestImageRecipe::testJsonRoundTrip()
{
    QFETCH(ImageRecipe, params);

    const QJsonObject json = params.toJson();
    QCOMPARE(json.value(QStringLiteral("format_version")).toInt(), ImageRecipe::FormatVersion);
    QCOMPARE(json.value(QStringLiteral("model_sha256")).toString(), params.modelSha256);
    QCOMPARE(json.value(QStringLiteral("rng")).toString(), params.rng);
    QCOMPARE(json.value(QStringLiteral("easel_version")).toString(), params.easelVersion);
    QCOMPARE(json.contains(QStringLiteral("strength")), params.strength.has_value());

    QString error;
    std::optional<ImageRecipe> back = ImageRecipe::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY2(*back == params, qPrintable(describe(*back)));

    const QByteArray text = params.toJsonText();
    QVERIFY(!text.contains('\n'));
    back = ImageRecipe::fromJsonText(text, &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY2(*back == params, qPrintable(describe(*back)));
}

void TestImageRecipe::testJsonDefaults()
{
    QString error;
    const std::optional<ImageRecipe> p
        = ImageRecipe::fromJsonText(R"({"format_version": 1, "prompt": "x", "future_key": [1, 2]})", &error);
    QVERIFY2(p, qPrintable(error));
    ImageRecipe expected;
    expected.prompt = QStringLiteral("x");
    QVERIFY(*p == expected);
}

void TestImageRecipe::testJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    auto with = [](const char* fields) -> QByteArray {
        return QByteArray(R"({"format_version": 1, "prompt": "x", )") + QByteArray(fields) + QByteArray("}");
    };

    QTest::newRow("not JSON") << QByteArray("{\"format_version\": 1,")
                              << QStringLiteral("Easel metadata: not valid JSON at offset 21: unterminated object");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("Easel metadata: the top level must be an object");
    QTest::newRow("no version") << QByteArray(R"({"prompt": "x"})")
                                << QStringLiteral("Easel metadata: 'format_version' is missing");
    QTest::newRow("version string") << QByteArray(R"({"format_version": "1", "prompt": "x"})")
                                    << QStringLiteral("Easel metadata: 'format_version' must be a positive integer");
    QTest::newRow("newer version") << QByteArray(R"({"format_version": 3, "prompt": "x"})")
                                   << QStringLiteral(
                                          "Easel metadata: format_version 3 is newer than this Easel reads (2)");
    QTest::newRow("no prompt") << QByteArray(R"({"format_version": 1})")
                               << QStringLiteral("Easel metadata: 'prompt' must be a string");
    QTest::newRow("steps string") << with(R"("steps": "20")")
                                  << QStringLiteral("Easel metadata: 'steps' must be an integer from 1 to 10000");
    QTest::newRow("width negative") << with(R"("width": -8)")
                                    << QStringLiteral("Easel metadata: 'width' must be an integer from 0 to 65536");
    QTest::newRow("loras not a list") << with(R"("loras": {"path": "a.safetensors"})")
                                      << QStringLiteral("Easel metadata: 'loras' must be a list of {path, weight} objects");
    QTest::newRow("lora without path") << with(R"("loras": [{"weight": 0.5}])")
                                       << QStringLiteral("Easel metadata: 'loras' must be a list of {path, weight} objects");
    QTest::newRow("lora weight string") << with(R"("loras": [{"path": "a.safetensors", "weight": "0.5"}])")
                                        << QStringLiteral("Easel metadata: 'loras' must be a list of {path, weight} objects");
    QTest::newRow("unknown sampler") << with(R"("sampler": "euler_z")")
                                     << QStringLiteral("Easel metadata: 'sampler' has an unknown value 'euler_z'");
    QTest::newRow("seed fraction")
        << with(R"("seed": 1.5)")
        << QStringLiteral("Easel metadata: 'seed' must be an integer from -9007199254740992 to 9007199254740992");
    QTest::newRow("guidance string") << with(R"("guidance_scale": "7")")
                                     << QStringLiteral("Easel metadata: 'guidance_scale' must be a number");
    QTest::newRow("strength range") << with(R"("strength": 2)")
                                    << QStringLiteral("Easel metadata: 'strength' must be from 0 to 1");
    QTest::newRow("rng number") << with(R"("rng": 5)") << QStringLiteral("Easel metadata: 'rng' must be a string");
    QTest::newRow("bad sha256") << with(R"("model_sha256": "ABC")")
                                << QStringLiteral("Easel metadata: 'model_sha256' must be 64 lowercase hex digits");
    QTest::newRow("extras not object") << with(R"("extras": [])")
                                       << QStringLiteral("Easel metadata: 'extras' must be an object");
    QTest::newRow("extras value") << with(R"("extras": {"a": 1})")
                                  << QStringLiteral("Easel metadata: 'extras' values must be strings");
}

void TestImageRecipe::testJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!ImageRecipe::fromJsonText(json, &error));
    QCOMPARE(error, message);
}

void TestImageRecipe::testVersion1Record()
{
    // A record as Easel 0.1 wrote it: string choices, torch dtype and device names.
    const QByteArray v1 = R"({"format_version":1,"prompt":"fox","negative_prompt":"","steps":4,"guidance_scale":7.5,)"
                          R"("sampler":"euler_a","schedule":"karras","timestep_spacing":"trailing","width":64,)"
                          R"("height":64,"seed":7,"batch_index":0,"batch_size":1,"model":"tiny","model_sha256":"",)"
                          R"("clip_skip":1,"prompt_syntax":"plain","device":"cuda:0","dtype":"bfloat16","rng":"cpu"})";
    QString error;
    const std::optional<ImageRecipe> r = ImageRecipe::fromJsonText(v1, &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(r->sampler, Sampler::EulerA);
    QCOMPARE(r->schedule, SigmaSchedule::Karras);
    QCOMPARE(r->spacing, TimestepSpacing::Trailing);
    QCOMPARE(r->promptSyntax, PromptSyntax::Plain);
    QCOMPARE(r->device, Device::Cuda);
    QCOMPARE(r->precision, Precision::Bf16);
    QCOMPARE(r->batchCount, 1);
    QCOMPARE(r->toJson().value(QStringLiteral("format_version")).toInt(), ImageRecipe::FormatVersion);
}

void TestImageRecipe::testChoiceNames()
{
    for (Sampler v : { Sampler::Auto, Sampler::Euler, Sampler::EulerA, Sampler::Heun, Sampler::DpmPP2M, Sampler::Ddim,
             Sampler::Pndm, Sampler::Lcm, Sampler::UniPC })
        QCOMPARE(samplerFromName(samplerName(v)), v);
    for (SigmaSchedule v : { SigmaSchedule::Auto, SigmaSchedule::Default, SigmaSchedule::Karras })
        QCOMPARE(scheduleFromName(scheduleName(v)), v);
    for (TimestepSpacing v :
        { TimestepSpacing::Auto, TimestepSpacing::Leading, TimestepSpacing::Trailing, TimestepSpacing::Linspace })
        QCOMPARE(spacingFromName(spacingName(v)), v);
    for (Device v : { Device::Auto, Device::Cpu, Device::Cuda })
        QCOMPARE(deviceFromName(deviceName(v)), v);
    for (Precision v : { Precision::Auto, Precision::Fp32, Precision::Fp16, Precision::Bf16, Precision::Int8 })
        QCOMPARE(precisionFromName(precisionName(v)), v);
    for (PromptSyntax v : { PromptSyntax::A1111, PromptSyntax::Plain })
        QCOMPARE(promptSyntaxFromName(promptSyntaxName(v)), v);
    QCOMPARE(samplerNames().size(), 8);
    QVERIFY(!samplerNames().contains(QStringLiteral("auto")));
    QVERIFY(!samplerFromName(QStringLiteral("Euler")));
    QVERIFY(!precisionFromName(QStringLiteral("int4")));
}

void TestImageRecipe::testValidate_data()
{
    QTest::addColumn<ImageRecipe>("recipe");
    QTest::addColumn<QString>("problem"); // empty: valid

    const ImageRecipe ok;
    QTest::newRow("defaults") << ok << QString();
    ImageRecipe r = ok;
    r.width = 512;
    r.height = 768;
    QTest::newRow("512x768") << r << QString();
    r = ok;
    r.steps = 0;
    QTest::newRow("steps 0") << r << QStringLiteral("Steps must be from 1 to 1000, not 0");
    r.steps = 1001;
    QTest::newRow("steps 1001") << r << QStringLiteral("Steps must be from 1 to 1000, not 1001");
    r = ok;
    r.guidance = -1;
    QTest::newRow("guidance -1") << r << QStringLiteral("Guidance must be from 0 to 100, not -1");
    r.guidance = std::nan("");
    QTest::newRow("guidance NaN") << r << QStringLiteral("Guidance must be from 0 to 100, not nan");
    r = ok;
    r.width = 500;
    QTest::newRow("width 500") << r << QStringLiteral("Width must be a multiple of 8 from 8 to 8192, not 500");
    r = ok;
    r.height = 8200;
    QTest::newRow("height 8200") << r << QStringLiteral("Height must be a multiple of 8 from 8 to 8192, not 8200");
    r = ok;
    r.seed = -5;
    QTest::newRow("negative seed") << r << QStringLiteral("The seed must not be negative");
    r = ok;
    r.batchSize = 65;
    QTest::newRow("batch size 65") << r << QStringLiteral("Batch size must be from 1 to 64, not 65");
    r = ok;
    r.batchCount = 0;
    QTest::newRow("batch count 0") << r << QStringLiteral("Batch count must be from 1 to 10000, not 0");
    r = ok;
    r.clipSkip = 13;
    QTest::newRow("clip skip 13") << r << QStringLiteral("Clip skip must be from 1 to 12, not 13");
    r = ok;
    r.initImage = QStringLiteral("in.png");
    QTest::newRow("img2img default strength") << r << QString();
    r.strength = 0.0;
    QTest::newRow("strength 0") << r << QStringLiteral("The img2img strength must be above 0 and at most 1, not 0");
    r.strength = 1.5;
    QTest::newRow("strength 1.5") << r << QStringLiteral("The img2img strength must be above 0 and at most 1, not 1.5");
}

void TestImageRecipe::testValidate()
{
    QFETCH(ImageRecipe, recipe);
    QFETCH(QString, problem);
    const QStringList problems = recipe.validate();
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        return;
    }
    QCOMPARE(problems, QStringList { problem });
    QVERIFY(!problem.contains(QLatin1String("--"))); // messages for people, not flags
}

void TestImageRecipe::testDifferingFields()
{
    ImageRecipe a = exampleParams();
    ImageRecipe b = a;
    QCOMPARE(ImageRecipe::differingFields(a, b), QStringList());
    b.seed = a.seed + 1;
    QCOMPARE(ImageRecipe::differingFields(a, b), QStringList { QStringLiteral("seed") });
    b.prompt += QStringLiteral(", night");
    QCOMPARE(ImageRecipe::differingFields(a, b), (QStringList { QStringLiteral("prompt"), QStringLiteral("seed") }));
    b = a;
    b.loras = { { QStringLiteral("/loras/style.safetensors"), 0.8 } };
    QCOMPARE(ImageRecipe::differingFields(a, b), QStringList { QStringLiteral("loras") });
    QVERIFY(a != b);
    // A LoRA's weight given or left out (1).
    const auto weightless = ImageRecipe::fromJsonText(R"({"format_version": 2, "prompt": "x", "loras": [{"path": "a.safetensors"}]})");
    QVERIFY(weightless);
    QCOMPARE(weightless->loras.size(), qsizetype(1));
    QCOMPARE(weightless->loras[0].weight, 1.0);
}

// Found by fuzzing (tests/fuzz, fuzz_a1111): "Lora hashes: ::: 4" read a LoRA named "::", which was written
// back as ": 4", which no reader takes. Such an entry is left out; the text reads again.
void TestImageRecipe::testLoraHashNameOfSeparatorsOnly()
{
    QString error;
    const std::optional<ImageRecipe> read = ImageRecipe::fromA1111Parameters(
        QStringLiteral("p\nSteps: 20, Seed: 1, Lora hashes: \"::: 4, a: 5\""), &error);
    QVERIFY2(read, qPrintable(error));
    const QString text = read->toA1111Parameters();
    QVERIFY2(text.contains(QStringLiteral("Lora hashes: \"a: 5\"")), qPrintable(text));
    QVERIFY2(ImageRecipe::fromA1111Parameters(text, &error), qPrintable(error));
}

// Found by fuzzing (tests/fuzz, fuzz_a1111): a value with a '"' but no ',', ':' or newline was written as it is
// (A1111's rule), and read back as another value or as the start of a quoted one running into the next field.
void TestImageRecipe::testQuoteInValue()
{
    ImageRecipe p = exampleParams();
    p.extras = { { QStringLiteral("Hires prompt"), QStringLiteral("\"x") },
        { QStringLiteral("Style"), QStringLiteral("\"quoted\"") } };
    const QString text = p.toA1111Parameters();
    QString error;
    const std::optional<ImageRecipe> read = ImageRecipe::fromA1111Parameters(text, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->extras.value(QStringLiteral("Hires prompt")), QStringLiteral("\"x"));
    QCOMPARE(read->extras.value(QStringLiteral("Style")), QStringLiteral("\"quoted\""));
    QCOMPARE(read->seed, p.seed);
}

void TestImageRecipe::testStepCache()
{
    // Off (1): in neither the record nor the infotext, as before the option existed.
    ImageRecipe p = exampleParams();
    QVERIFY(!p.toJson().contains(QStringLiteral("step_cache")));
    QVERIFY(!p.toA1111Parameters().contains(QStringLiteral("Step cache")));

    p.stepCache = 3;
    QCOMPARE(p.toJson().value(QStringLiteral("step_cache")).toInt(), 3);
    QString error;
    const std::optional<ImageRecipe> fromJson = ImageRecipe::fromJson(p.toJson(), &error);
    QVERIFY2(fromJson, qPrintable(error));
    QCOMPARE(fromJson->stepCache, 3);
    QCOMPARE(*fromJson, p);
    const QString text = p.toA1111Parameters();
    QVERIFY2(text.contains(QStringLiteral(", Step cache: 3")), qPrintable(text));
    const std::optional<ImageRecipe> fromText = ImageRecipe::fromA1111Parameters(text, &error);
    QVERIFY2(fromText, qPrintable(error));
    QCOMPARE(fromText->stepCache, 3);
    QVERIFY(!fromText->extras.contains(QStringLiteral("Step cache")));
    QVERIFY(p.validate().isEmpty());

    // Out of range: one message naming the field, in each form.
    for (const QString& bad : { QStringLiteral("Step cache: 0"), QStringLiteral("Step cache: 11"),
             QStringLiteral("Step cache: often") }) {
        const QString t = QStringLiteral("p\nSteps: 20, Seed: 1, ") + bad;
        QVERIFY2(!ImageRecipe::fromA1111Parameters(t, &error), qPrintable(t));
        QVERIFY2(error.contains(QStringLiteral("Step cache")), qPrintable(error));
    }
    QJsonObject json = p.toJson();
    json.insert(QStringLiteral("step_cache"), 0);
    QVERIFY(!ImageRecipe::fromJson(json, &error));
    QVERIFY2(error.contains(QStringLiteral("step_cache")), qPrintable(error));
    p.stepCache = 11;
    QCOMPARE(p.validate().size(), 1);
    QVERIFY2(p.validate().constFirst().contains(QStringLiteral("Step cache")), qPrintable(p.validate().join(u'|')));
}

void TestImageRecipe::testTokenMerge()
{
    // Off (0): in neither the record nor the infotext, as before the option existed.
    ImageRecipe p = exampleParams();
    QVERIFY(!p.toJson().contains(QStringLiteral("token_merge")));
    QVERIFY(!p.toA1111Parameters().contains(QStringLiteral("Token merging")));

    p.tokenMerge = 0.5;
    QCOMPARE(p.toJson().value(QStringLiteral("token_merge")).toDouble(), 0.5);
    QString error;
    const std::optional<ImageRecipe> fromJson = ImageRecipe::fromJson(p.toJson(), &error);
    QVERIFY2(fromJson, qPrintable(error));
    QCOMPARE(fromJson->tokenMerge, 0.5);
    QCOMPARE(*fromJson, p);
    // A1111's own key for its built-in token merging, so its images bring the ratio along.
    const QString text = p.toA1111Parameters();
    QVERIFY2(text.contains(QStringLiteral(", Token merging ratio: 0.5")), qPrintable(text));
    const std::optional<ImageRecipe> fromText = ImageRecipe::fromA1111Parameters(text, &error);
    QVERIFY2(fromText, qPrintable(error));
    QCOMPARE(fromText->tokenMerge, 0.5);
    QVERIFY(!fromText->extras.contains(QStringLiteral("Token merging ratio")));
    QVERIFY(p.validate().isEmpty());
    // Together with the step cache: both kept.
    p.stepCache = 3;
    const std::optional<ImageRecipe> both = ImageRecipe::fromA1111Parameters(p.toA1111Parameters(), &error);
    QVERIFY2(both, qPrintable(error));
    QCOMPARE(both->stepCache, 3);
    QCOMPARE(both->tokenMerge, 0.5);

    // Out of range or not a number: one message naming the field, in each form.
    for (const QString& bad : { QStringLiteral("Token merging ratio: -0.1"), QStringLiteral("Token merging ratio: 0.8"),
             QStringLiteral("Token merging ratio: half") }) {
        const QString t = QStringLiteral("p\nSteps: 20, Seed: 1, ") + bad;
        QVERIFY2(!ImageRecipe::fromA1111Parameters(t, &error), qPrintable(t));
        QVERIFY2(error.contains(QStringLiteral("Token merging ratio")), qPrintable(error));
    }
    for (const QJsonValue& bad : { QJsonValue(0.9), QJsonValue(-0.25), QJsonValue(QStringLiteral("0.5")) }) {
        QJsonObject json = p.toJson();
        json.insert(QStringLiteral("token_merge"), bad);
        QVERIFY(!ImageRecipe::fromJson(json, &error));
        QVERIFY2(error.contains(QStringLiteral("token_merge")), qPrintable(error));
    }
    p.tokenMerge = 0.76;
    QCOMPARE(p.validate().size(), 1);
    QVERIFY2(p.validate().constFirst().contains(QStringLiteral("Token merging")), qPrintable(p.validate().join(u'|')));
}

void TestImageRecipe::testMaskOptionsAndLoraHashes()
{
    // Easel's text: the mask options after RNG, the hashes as A1111 quotes them (':' and ',' out of names).
    ImageRecipe p = exampleParams();
    p.maskBlur = 4;
    p.loraHashes = { { QStringLiteral("add:detail, v2"), QStringLiteral("0123456789ab") },
        { QStringLiteral("lcm"), QStringLiteral("fedcba987654") } };
    const QString text = p.toA1111Parameters();
    QVERIFY2(text.contains(QStringLiteral("Clip skip: 2, Mask blur: 4, Lora hashes: \"adddetail v2: 0123456789ab, "
                                          "lcm: fedcba987654\", Version: Easel 0.1.0")),
        qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("Mask grow")), qPrintable(text)); // 0: left out
    QVERIFY(!p.toJson().contains(QStringLiteral("mask_grow")));

    // A1111's own text (v1.10 inpainting with two LoRAs).
    const QString a1111 = QStringLiteral(
        "a cat <lora:add_detail:0.6> <lora:more_details:1>\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, "
        "CFG scale: 7, Seed: 1, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising "
        "strength: 0.75, Mask blur: 4, Lora hashes: \"add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef\", "
        "Version: v1.10.1");
    QString error;
    const std::optional<ImageRecipe> parsed = ImageRecipe::fromA1111Parameters(a1111, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->maskBlur, 4);
    QCOMPARE(parsed->maskGrow, 0);
    QCOMPARE(parsed->loraHashes,
        QList<LoraHash>({ { QStringLiteral("add_detail"), QStringLiteral("7c6bad76eb54") },
            { QStringLiteral("more_details"), QStringLiteral("3b8aa1d351ef") } }));
    QVERIFY(!parsed->extras.contains(QStringLiteral("Lora hashes")));
    QVERIFY(!parsed->extras.contains(QStringLiteral("Mask blur")));
    QVERIFY2(parsed->toA1111Parameters().contains(
                 QStringLiteral("Lora hashes: \"add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef\"")),
        qPrintable(parsed->toA1111Parameters()));

    // Unreadable values are errors naming the field.
    for (const QString& bad : { QStringLiteral("Lora hashes: \"nohash\""), QStringLiteral("Mask blur: soft"),
             QStringLiteral("Mask blur: 999") }) {
        const QString t = QStringLiteral("p\nSteps: 20, Seed: 1, ") + bad;
        QVERIFY2(!ImageRecipe::fromA1111Parameters(t, &error), qPrintable(t));
        QVERIFY2(error.contains(bad.section(QLatin1Char(':'), 0, 0)), qPrintable(error));
    }
    ImageRecipe wrong;
    wrong.maskBlur = limits::MaskBlur.max + 1;
    wrong.maskGrow = limits::MaskGrow.min - 1;
    QCOMPARE(wrong.validate().size(), 2);
}

void TestImageRecipe::testHashFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");

    // FIPS 180-2 test vectors, then sizes around the 1 MiB read block checked against a one-shot hash.
    QTest::newRow("empty") << QByteArray()
                           << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const qint64 size : { (qint64(1) << 20) - 1, qint64(1) << 20, (qint64(3) << 20) + 5 }) {
        const QByteArray data = bytes(size, 7);
        QTest::addRow("%lld bytes", static_cast<long long>(size)) << data << sha256Hex(data);
    }
}

void TestImageRecipe::testHashFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("model.safetensors"));
    QVERIFY(writeFile(path, content));

    QString error;
    QCOMPARE(FileHash::hashFile(path, &error).value_or(error), expected);
    FileHash hasher(dir.filePath(QStringLiteral("cache")));
    QCOMPARE(hasher.sha256(path, &error).value_or(error), expected);
    QCOMPARE(FileHash::shortHash(expected), expected.left(10));
    QCOMPARE(FileHash::shortHash(expected).size(), 10);
}

void TestImageRecipe::testHashProgressAndCancel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.safetensors"));
    const qint64 size = (qint64(3) << 20) + 5;
    QVERIFY(writeFile(path, bytes(size, 1)));

    QList<qint64> seen;
    const auto hash = FileHash::hashFile(path, nullptr, [&](qint64 done, qint64 total) {
        if (total != size)
            return false;
        seen.append(done);
        return true;
    });
    QVERIFY(hash);
    QCOMPARE(seen, (QList<qint64> { 1 << 20, 2 << 20, 3 << 20, size }));

    QString error;
    int calls = 0;
    FileHash hasher(dir.filePath(QStringLiteral("cache")));
    QVERIFY(!hasher.sha256(path, &error, [&](qint64, qint64) { return ++calls < 2; }));
    QCOMPARE(calls, 2);
    QCOMPARE(error, QStringLiteral("Hashing '%1' was cancelled").arg(QDir::toNativeSeparators(path)));
    // A cancelled hash is not cached.
    QVERIFY(!QFileInfo::exists(hasher.cacheFilePath()));
}

void TestImageRecipe::testHashCache()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cacheDir = dir.filePath(QStringLiteral("cache"));
    const QString path = dir.filePath(QStringLiteral("model.safetensors"));
    const QByteArray first = bytes((qint64(2) << 20) + 1, 3);
    const QByteArray second = bytes(first.size(), 4);
    QVERIFY(writeFile(path, first));

    FileHash hasher(cacheDir);
    QCOMPARE(hasher.cacheFilePath(), QDir(cacheDir).filePath(QStringLiteral("hashes.json")));
    QCOMPARE(hasher.sha256(path).value_or(QString()), sha256Hex(first));

    QFile cacheFile(hasher.cacheFilePath());
    QVERIFY(cacheFile.open(QIODevice::ReadOnly));
    const QJsonObject files
        = QJsonDocument::fromJson(cacheFile.readAll()).object().value(QStringLiteral("files")).toObject();
    cacheFile.close();
    const QJsonObject entry = files.value(QFileInfo(path).canonicalFilePath()).toObject();
    QCOMPARE(entry.value(QStringLiteral("sha256")).toString(), sha256Hex(first));
    QCOMPARE(entry.value(QStringLiteral("size")).toDouble(), double(first.size()));

    // Same size and mtime: the cache answers without reading the file, so the (now stale) hash comes back.
    const QDateTime mtime = QFileInfo(path).lastModified();
    QVERIFY(writeFile(path, second));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(mtime, QFileDevice::FileModificationTime));
    }
    QCOMPARE(hasher.sha256(path).value_or(QString()), sha256Hex(first));
    QCOMPARE(FileHash(cacheDir).sha256(path).value_or(QString()), sha256Hex(first));
    QCOMPARE(FileHash(QString()).sha256(path).value_or(QString()), sha256Hex(second));
    QVERIFY(FileHash(QString()).cacheFilePath().isEmpty());

    // A new mtime invalidates the entry.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(mtime.addSecs(10), QFileDevice::FileModificationTime));
    }
    QCOMPARE(hasher.sha256(path).value_or(QString()), sha256Hex(second));
    QCOMPARE(FileHash(cacheDir).sha256(path).value_or(QString()), sha256Hex(second));

    // So does a new size.
    QVERIFY(writeFile(path, "abc"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(mtime.addSecs(10), QFileDevice::FileModificationTime));
    }
    QCOMPARE(hasher.sha256(path).value_or(QString()),
        QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestImageRecipe::testHashCacheDamaged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("m.safetensors"));
    QVERIFY(writeFile(path, "abc"));
    FileHash hasher(dir.path());
    QVERIFY(writeFile(hasher.cacheFilePath(), "{ not json"));

    QCOMPARE(hasher.sha256(path).value_or(QString()),
        QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QFile cacheFile(hasher.cacheFilePath());
    QVERIFY(cacheFile.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(cacheFile.readAll()).object();
    QCOMPARE(root.value(QStringLiteral("format_version")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("files")).toObject().size(), 1);
}

void TestImageRecipe::testFolderHash()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString model = dir.filePath(QStringLiteral("model"));
    const QByteArray unet = bytes((qint64(1) << 20) + 9, 1);
    const QByteArray vae = bytes(1000, 2);
    const QByteArray te = bytes(77, 3);
    QVERIFY(writeFile(model + QStringLiteral("/unet/diffusion_pytorch_model.safetensors"), unet));
    QVERIFY(writeFile(model + QStringLiteral("/vae/diffusion_pytorch_model.safetensors"), vae));
    QVERIFY(writeFile(model + QStringLiteral("/text_encoder/model.safetensors"), te));
    QVERIFY(writeFile(model + QStringLiteral("/unet/config.json"), "{}"));
    QVERIFY(writeFile(model + QStringLiteral("/model_index.json"), "{}"));
    QVERIFY(writeFile(model + QStringLiteral("/text_encoder/pytorch_model.bin"), "ignored"));

    QCOMPARE(FileHash::weightFiles(model),
        (QStringList { model + QStringLiteral("/text_encoder/model.safetensors"),
            model + QStringLiteral("/unet/diffusion_pytorch_model.safetensors"),
            model + QStringLiteral("/vae/diffusion_pytorch_model.safetensors") }));

    auto expectedFolderHash = [&]() {
        QStringList hashes = { sha256Hex(unet), sha256Hex(vae), sha256Hex(te) };
        hashes.sort();
        return sha256Hex(hashes.join(QLatin1Char('\n')).toLatin1() + '\n');
    };

    FileHash hasher(dir.filePath(QStringLiteral("cache")));
    qint64 lastDone = 0;
    qint64 lastTotal = 0;
    QString error;
    const auto hash = hasher.sha256(model, &error, [&](qint64 done, qint64 total) {
        if (done < lastDone)
            return false;
        lastDone = done;
        lastTotal = total;
        return true;
    });
    QCOMPARE(hash.value_or(error), expectedFolderHash());
    QCOMPARE(lastTotal, qint64(unet.size() + vae.size() + te.size()));
    QCOMPARE(lastDone, lastTotal);

    // Configs and other formats do not count; the weights do.
    QVERIFY(writeFile(model + QStringLiteral("/unet/config.json"), R"({"changed": true})"));
    QCOMPARE(hasher.sha256(model).value_or(QString()), expectedFolderHash());
    QVERIFY(writeFile(model + QStringLiteral("/vae/diffusion_pytorch_model.safetensors"), te + te));
    QVERIFY(QFile::remove(model + QStringLiteral("/text_encoder/model.safetensors")));
    QCOMPARE(
        hasher.sha256(model).value_or(QString()), FileHash::combineHashes({ sha256Hex(unet), sha256Hex(te + te) }));
    QVERIFY(hasher.sha256(model).value_or(QString()) != expectedFolderHash());
}

void TestImageRecipe::testFixtureHashes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("weightFiles");

    for (const char* model : { "tiny-sd15", "tiny-sdxl" }) {
        QTest::addRow("%s single file", model)
            << QString::fromStdString(easel::test::tinyModelPath(model, "single-file")) << 0;
        QTest::addRow("%s diffusers", model) << QString::fromStdString(easel::test::tinyModelPath(model, "diffusers"))
                                             << (QByteArray(model) == "tiny-sdxl" ? 4 : 3);
    }
}

void TestImageRecipe::testFixtureHashes()
{
    QFETCH(QString, path);
    QFETCH(int, weightFiles);

    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    FileHash hasher(cache.path());
    QString error;
    const std::optional<QString> hash = hasher.sha256(path, &error);
    QVERIFY2(hash, qPrintable(error));
    QCOMPARE(hash->size(), 64);

    QString expected;
    if (weightFiles == 0) {
        expected = sha256OfFile(path);
    } else {
        const QStringList files = FileHash::weightFiles(path);
        QCOMPARE(files.size(), weightFiles);
        QStringList hashes;
        for (const QString& f : files) {
            QVERIFY(f.endsWith(QLatin1String(".safetensors")));
            hashes.append(sha256OfFile(f));
        }
        expected = FileHash::combineHashes(hashes);
    }
    QCOMPARE(*hash, expected);
    // The second call is served from the cache.
    QCOMPARE(FileHash(cache.path()).sha256(path).value_or(QString()), expected);

    ImageRecipe p;
    p.modelSha256 = *hash;
    QCOMPARE(p.shortModelHash(), hash->left(10));
    QVERIFY(p.toA1111Parameters().contains(QStringLiteral("Model hash: ") + hash->left(10) + QLatin1Char(',')));
}

void TestImageRecipe::testHashErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FileHash hasher(dir.path());
    QString error;

    const QString missing = dir.filePath(QStringLiteral("missing.safetensors"));
    QVERIFY(!hasher.sha256(missing, &error));
    QCOMPARE(error, QStringLiteral("'%1' does not exist").arg(QDir::toNativeSeparators(missing)));

    const QString empty = dir.filePath(QStringLiteral("empty-model"));
    QVERIFY(QDir().mkpath(empty + QStringLiteral("/unet")));
    QVERIFY(writeFile(empty + QStringLiteral("/unet/config.json"), "{}"));
    QVERIFY(!hasher.sha256(empty, &error));
    QCOMPARE(error, QStringLiteral("'%1' holds no .safetensors weight files").arg(QDir::toNativeSeparators(empty)));

    QVERIFY(!FileHash::hashFile(missing, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot read '%1': ").arg(QDir::toNativeSeparators(missing))),
        qPrintable(error));
}

QTEST_GUILESS_MAIN(TestImageRecipe)
#include "tst_imagerecipe.moc"
