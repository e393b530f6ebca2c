// SPDX-License-Identifier: MIT
#include "support/badmodels.h"

#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QtEndian>

namespace easel::test {

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write test file %s", qPrintable(path));
}

// A safetensors file from a JSON header text and a data area.
QByteArray safetensors(const QByteArray& header, const QByteArray& data)
{
    QByteArray bytes(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), bytes.data());
    return bytes + header + data;
}

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    const QDir src(from);
    for (const QString& name : src.entryList(QDir::Files))
        QFile::copy(src.filePath(name), to + QLatin1Char('/') + name);
    for (const QString& name : src.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        copyTree(src.filePath(name), to + QLatin1Char('/') + name);
    return true;
}

} // namespace

QVector<BadModel> writeBadModels(const QString& dir)
{
    QVector<BadModel> bad;
    auto add = [&](const char* name, const QString& file, const char* expected) {
        bad.push_back({ QLatin1String(name), dir + QLatin1Char('/') + file, QLatin1String(expected) });
    };
    const QByteArray tensor = R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";

    add("missing file", QStringLiteral("missing.safetensors"), "no such file");

    writeFile(dir + QStringLiteral("/empty.safetensors"), {});
    add("empty file", QStringLiteral("empty.safetensors"), "empty");

    QDir().mkpath(dir + QStringLiteral("/not-a-model"));
    writeFile(dir + QStringLiteral("/not-a-model/readme.txt"), "hello");
    add("directory without model_index.json", QStringLiteral("not-a-model"), "without model_index.json");

    const QString tiny = QString::fromStdString(tinyModelPath("tiny-sd15", "single-file"));
    const QByteArray good = readFile(tiny);
    if (good.isEmpty())
        qFatal("cannot read fixture %s", qPrintable(tiny));
    writeFile(dir + QStringLiteral("/truncated.safetensors"), good.left(good.size() - 1000));
    add("truncated data", QStringLiteral("truncated.safetensors"), "truncated");

    writeFile(dir + QStringLiteral("/header-too-long.safetensors"), good.left(4000));
    add("header length beyond the file", QStringLiteral("header-too-long.safetensors"), "exceeds");

    QByteArray huge(8, '\0');
    qToLittleEndian<quint64>(quint64(1) << 40, huge.data());
    writeFile(dir + QStringLiteral("/header-huge.safetensors"), huge + QByteArray(64, ' '));
    add("header length beyond the limit", QStringLiteral("header-huge.safetensors"), "100 MB");

    writeFile(dir + QStringLiteral("/not-json.safetensors"), safetensors("{this is not json}", QByteArray(16, '\0')));
    add("header not JSON", QStringLiteral("not-json.safetensors"), "not valid JSON");

    writeFile(dir + QStringLiteral("/dtype.safetensors"),
        safetensors(R"({"w":{"dtype":"F12","shape":[2,2],"data_offsets":[0,16]}})", QByteArray(16, '\0')));
    add("unknown dtype", QStringLiteral("dtype.safetensors"), "tensor 'w': unknown dtype 'F12'");

    writeFile(dir + QStringLiteral("/span.safetensors"),
        safetensors(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}})", QByteArray(16, '\0')));
    add("shape/span mismatch", QStringLiteral("span.safetensors"), "tensor 'w': shape and dtype need 24 bytes");

    writeFile(dir + QStringLiteral("/overlap.safetensors"),
        safetensors(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                    R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
            QByteArray(24, '\0')));
    add("overlapping spans", QStringLiteral("overlap.safetensors"), "tensor 'b': data overlaps tensor 'a'");

    writeFile(dir + QStringLiteral("/unknown-arch.safetensors"), safetensors(tensor, QByteArray(16, '\0')));
    add("unknown architecture", QStringLiteral("unknown-arch.safetensors"), "unknown architecture");

    writeFile(dir + QStringLiteral("/lora.safetensors"),
        safetensors(R"({"lora_unet_down_blocks_0.lora_down.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})",
            QByteArray(16, '\0')));
    add("a LoRA instead of a checkpoint", QStringLiteral("lora.safetensors"), "is a LoRA");

    writeFile(dir + QStringLiteral("/model.ckpt"), QByteArray("\x80\x02}q\x00(X\x05\x00\x00\x00state", 18) + QByteArray(64, 'x'));
    add("pickle checkpoint", QStringLiteral("model.ckpt"), "pickle");

    writeFile(dir + QStringLiteral("/model-zip.ckpt"), QByteArray("PK\x03\x04", 4) + QByteArray(64, 'x'));
    add("zip checkpoint", QStringLiteral("model-zip.ckpt"), "zip checkpoint");

    const QString diffusers = QString::fromStdString(tinyModelPath("tiny-sd15", "diffusers"));
    copyTree(diffusers, dir + QStringLiteral("/no-vae"));
    QDir(dir + QStringLiteral("/no-vae/vae")).removeRecursively();
    add("diffusers folder missing a component", QStringLiteral("no-vae"), "missing its 'vae' component");

    copyTree(diffusers, dir + QStringLiteral("/bad-index"));
    writeFile(dir + QStringLiteral("/bad-index/model_index.json"), "{ not json");
    add("diffusers model_index.json not JSON", QStringLiteral("bad-index/model_index.json"), "not a valid JSON object");
    bad.back().path = dir + QStringLiteral("/bad-index");

    copyTree(diffusers, dir + QStringLiteral("/pickle-unet"));
    QFile::remove(dir + QStringLiteral("/pickle-unet/unet/diffusion_pytorch_model.safetensors"));
    writeFile(dir + QStringLiteral("/pickle-unet/unet/diffusion_pytorch_model.bin"), "PK\x03\x04");
    add("diffusers folder with pickle weights", QStringLiteral("pickle-unet"), "pickle");

    return bad;
}

} // namespace easel::test
