// SPDX-License-Identifier: MIT
// Corrupt weights at load time: a tensor whose shape does not match the config, a tensor missing from a
// component, NaN / infinite weights, a dtype a weight cannot take, in a checkpoint, a LoRA and a TAESD
// decoder. Each is refused with one line naming the file and the tensor (never a crash, never libtorch's
// text). The broken files are copies of the tiny fixtures with one tensor or the sidecar config rewritten,
// made in a temporary folder. (Headers that are not valid safetensors: tst_modelfiles; LoRAs whose shapes
// do not fit the model: tst_lora.)

#include "engine/common/error.h"
#include "engine/models/taesd.h"
#include "engine/pipeline/stablediffusion.h"

#include "support/safetensorsbytes.h"
#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <functional>

using namespace easel::engine;
using easel::test::RawTensor;
using Edit = std::function<void(QList<RawTensor>&)>;
Q_DECLARE_METATYPE(Edit)

namespace {

// fp16 bit patterns.
constexpr quint16 kHalfNaN = 0x7e00;
constexpr quint16 kHalfInf = 0x7c00;

RawTensor* find(QList<RawTensor>& tensors, const QString& name)
{
    for (RawTensor& t : tensors) {
        if (t.name == name)
            return &t;
    }
    qFatal("fixture has no tensor %s", qPrintable(name));
    return nullptr;
}

Edit setHalf(const QString& name, quint16 bits, int index = 0)
{
    return [=](QList<RawTensor>& tensors) {
        RawTensor* t = find(tensors, name);
        if (t->dtype != QLatin1String("F16"))
            qFatal("%s is not fp16", qPrintable(name));
        qToLittleEndian<quint16>(bits, t->data.data() + 2 * index);
    };
}

Edit retype(const QString& name, const QString& dtype)
{
    return [=](QList<RawTensor>& tensors) { find(tensors, name)->dtype = dtype; };
}

Edit reshape(const QString& name, const QJsonArray& shape)
{
    return [=](QList<RawTensor>& tensors) { find(tensors, name)->shape = shape; };
}

Edit remove(const QString& name)
{
    return [=](QList<RawTensor>& tensors) { tensors.removeIf([&](const RawTensor& t) { return t.name == name; }); };
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size(), qPrintable(path));
}

// A copy of `fixture` with `edit` applied, written to `path`.
void writeEdited(const QString& fixture, const QString& path, const Edit& edit)
{
    QList<RawTensor> tensors = easel::test::readSafetensors(fixture);
    QVERIFY2(!tensors.isEmpty(), qPrintable(fixture));
    if (edit)
        edit(tensors);
    writeFile(path, easel::test::makeSafetensors(tensors));
}

void checkLine(const QString& message, const QString& path, const QString& tensor, const QString& phrase)
{
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(tensor), qPrintable(message));
    QVERIFY2(message.contains(phrase), qPrintable(message));
    for (const char* internal : { "c10::", "Exception raised from", "at::", "what():", "frame #" })
        QVERIFY2(!message.contains(QLatin1String(internal)), qPrintable(message));
}

QString singleFile() { return QString::fromStdString(easel::test::tinyModelPath("tiny-sd15", "single-file")); }

} // namespace

class TestCorruptWeights : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::shared_ptr<StableDiffusion> load(const QString& path)
    {
        LoadOptions options;
        options.vocabularyDir = easel::test::resourceFile("clip");
        return StableDiffusion::load(path.toStdString(), options);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void checkpoint_data()
    {
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<QString>("sidecarKey"); // a UNet config value to change in the sidecar, "" for none
        QTest::addColumn<QString>("tensor"); // what the message must name
        QTest::addColumn<QString>("phrase");
        const QString unet = QStringLiteral("model.diffusion_model.");
        QTest::newRow("UNet tensor of another shape")
            << reshape(unet + QStringLiteral("time_embed.0.weight"), { 32, 128 }) << QString()
            << QStringLiteral("time_embed.0.weight")
            << QStringLiteral("shape [32, 128] does not match the model's [128, 32]");
        QTest::newRow("config not the tensors'")
            << Edit() << QStringLiteral("cross_attention_dim") << QStringLiteral("attn2.to_k.weight")
            << QStringLiteral("does not match");
        QTest::newRow("VAE tensor missing")
            << remove(QStringLiteral("first_stage_model.decoder.conv_out.bias")) << QString()
            << QStringLiteral("decoder.conv_out.bias") << QStringLiteral("missing from the vae weights");
        QTest::newRow("UNet tensor missing") << remove(unet + QStringLiteral("out.2.weight")) << QString()
                                             << QStringLiteral("conv_out.weight") << QStringLiteral("missing");
        QTest::newRow("NaN in the UNet") << setHalf(unet + QStringLiteral("input_blocks.0.0.weight"), kHalfNaN, 17)
                                         << QString() << unet + QStringLiteral("input_blocks.0.0.weight")
                                         << QStringLiteral("NaN or infinite");
        QTest::newRow("infinity in the text encoder")
            << setHalf(QStringLiteral("cond_stage_model.transformer.text_model.final_layer_norm.weight"), kHalfInf, 3)
            << QString() << QStringLiteral("cond_stage_model.transformer.text_model.final_layer_norm.weight")
            << QStringLiteral("NaN or infinite");
        QTest::newRow("integer weights in the VAE")
            << retype(QStringLiteral("first_stage_model.decoder.conv_out.weight"), QStringLiteral("I16")) << QString()
            << QStringLiteral("first_stage_model.decoder.conv_out.weight") << QStringLiteral("stored as I16");
        QTest::newRow("boolean weights in the UNet") << Edit([](QList<RawTensor>& tensors) {
            RawTensor* t = find(tensors, QStringLiteral("model.diffusion_model.time_embed.0.bias"));
            t->dtype = QStringLiteral("BOOL");
            t->data.truncate(128); // one byte per element
        }) << QString() << QStringLiteral("time_embed.0.bias")
                                                     << QStringLiteral("stored as BOOL");
    }

    void checkpoint()
    {
        QFETCH(Edit, edit);
        QFETCH(QString, sidecarKey);
        QFETCH(QString, tensor);
        QFETCH(QString, phrase);
        const QString dir
            = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/model.safetensors");
        writeEdited(singleFile(), path, edit);
        QFile sidecar(QString(singleFile()).replace(QStringLiteral(".safetensors"), QStringLiteral(".json")));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        QJsonObject config = QJsonDocument::fromJson(sidecar.readAll()).object();
        if (!sidecarKey.isEmpty()) {
            QJsonObject unet = config.value(QStringLiteral("unet")).toObject();
            unet.insert(sidecarKey, unet.value(sidecarKey).toInt() + 16);
            config.insert(QStringLiteral("unet"), unet);
        }
        writeFile(dir + QStringLiteral("/model.json"), QJsonDocument(config).toJson());

        try {
            load(path);
            QFAIL("the broken checkpoint loaded");
        } catch (const EngineError& e) {
            checkLine(QString::fromUtf8(e.what()), path, tensor, phrase);
        }
    }

    void unchangedCopyLoads()
    {
        // The rewriting itself keeps a model whole.
        const QString path = m_dir.filePath(QStringLiteral("copy.safetensors"));
        writeEdited(singleFile(), path, {});
        QVERIFY(QFile::copy(QString(singleFile()).replace(QStringLiteral(".safetensors"), QStringLiteral(".json")),
            m_dir.filePath(QStringLiteral("copy.json"))));
        QVERIFY(load(path) != nullptr);
    }

    void lora_data()
    {
        QTest::addColumn<QString>("dtype"); // "" keeps it
        QTest::addColumn<quint16>("bits"); // written into element 0 when dtype is ""
        QTest::addColumn<QString>("phrase");
        QTest::newRow("NaN") << QString() << kHalfNaN << QStringLiteral("NaN or infinite");
        QTest::newRow("infinity") << QString() << kHalfInf << QStringLiteral("NaN or infinite");
        QTest::newRow("integers") << QStringLiteral("I16") << quint16(0) << QStringLiteral("stored as I16");
    }

    void lora()
    {
        QFETCH(QString, dtype);
        QFETCH(quint16, bits);
        QFETCH(QString, phrase);
        static const std::shared_ptr<StableDiffusion> sd
            = load(QString::fromStdString(easel::test::tinyModelPath("tiny-sd15", "single-file")));
        const QString fixture = QString::fromStdString(easel::test::testDataFile("lora/tiny-sd15-lora-a.safetensors"));
        QList<RawTensor> tensors = easel::test::readSafetensors(fixture);
        QString tensor;
        for (const RawTensor& t : std::as_const(tensors)) {
            if (t.name.endsWith(QLatin1String(".lora_up.weight")) && t.name.contains(QLatin1String("attn2")))
                tensor = t.name;
        }
        QVERIFY(!tensor.isEmpty());
        RawTensor* t = find(tensors, tensor);
        if (t->dtype != QLatin1String("F16"))
            QSKIP("the LoRA fixture is not fp16");
        if (dtype.isEmpty())
            qToLittleEndian<quint16>(bits, t->data.data());
        else
            t->dtype = dtype;
        const QString path
            = m_dir.filePath(QStringLiteral("lora-%1.safetensors").arg(QLatin1String(QTest::currentDataTag())));
        writeFile(path, easel::test::makeSafetensors(tensors));

        // Refused before any weight changes.
        std::map<std::string, at::Tensor> before;
        for (const auto& item : sd->unet()->named_parameters(true))
            before[item.key()] = item.value().clone();
        GenerationParams params;
        params.prompt = "a cat";
        params.steps = 1;
        params.width = params.height = 64;
        params.preview = PreviewMode::None;
        params.loras = { { path.toStdString(), 1.0 } };
        const GenerationResult result = sd->generate(params);
        QCOMPARE(int(result.outcome), int(Outcome::Failed));
        checkLine(QString::fromStdString(result.error), path, tensor, phrase);
        for (const auto& item : sd->unet()->named_parameters(true))
            QVERIFY2(at::equal(item.value(), before.at(item.key())), item.key().c_str());
    }

    void taesd()
    {
        const QString fixture
            = QString::fromStdString(easel::test::testDataFile("taesd/random-taesd_decoder.safetensors"));
        QList<RawTensor> tensors = easel::test::readSafetensors(fixture);
        QVERIFY(!tensors.isEmpty());
        RawTensor& t = tensors.last();
        if (t.dtype == QLatin1String("F32"))
            qToLittleEndian<float>(std::numeric_limits<float>::quiet_NaN(), t.data.data());
        else
            qToLittleEndian<quint16>(kHalfNaN, t.data.data());
        const QString path = m_dir.filePath(QStringLiteral("taesd_decoder.safetensors"));
        writeFile(path, easel::test::makeSafetensors(tensors));
        try {
            loadTaesd(path.toStdString(), TaesdImpl::Kind::Decoder);
            QFAIL("the broken TAESD loaded");
        } catch (const EngineError& e) {
            checkLine(QString::fromUtf8(e.what()), path, t.name, QStringLiteral("NaN or infinite"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCorruptWeights)
#include "tst_corruptweights.moc"
