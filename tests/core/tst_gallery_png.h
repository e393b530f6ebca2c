// SPDX-License-Identifier: MIT
#pragma once
// A small grey PNG without QtGui or OpenCV, for the gallery's tests and benchmark.

#include "gallery/imagefile.h"
#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace easel::test {

inline quint32 pngCrc(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline QByteArray tinyPng(int width = 8, int height = 8, unsigned char grey = 128)
{
    auto be32 = [](QByteArray& out, quint32 v) {
        out.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    };
    auto chunk = [&](QByteArray& out, const char* type, const QByteArray& data) {
        be32(out, quint32(data.size()));
        const QByteArray typed = QByteArray(type, 4) + data;
        out += typed;
        be32(out, pngCrc(typed));
    };
    QByteArray ihdr;
    be32(ihdr, quint32(width));
    be32(ihdr, quint32(height));
    ihdr.append(char(8)).append(char(0)).append(char(0)).append(char(0)).append(char(0)); // 8-bit grey
    QByteArray raw;
    for (int y = 0; y < height; ++y)
        raw += char(0) + QByteArray(width, char(grey));
    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", qCompress(raw).mid(4)); // qCompress: 4-byte length + zlib stream
    chunk(out, "IEND", {});
    return out;
}

/// Chunks as each tool writes them (real key names), one image per tool.
inline TextChunks easelChunks(const QString& prompt, const QString& model, qint64 seed)
{
    ImageRecipe r;
    r.prompt = prompt;
    r.negativePrompt = QStringLiteral("blurry");
    r.modelName = model;
    r.model = QStringLiteral("/models/") + model + QStringLiteral(".safetensors");
    r.sampler = Sampler::EulerA;
    r.steps = 12;
    r.guidance = 6.5;
    r.seed = seed;
    r.width = 64;
    r.height = 96;
    r.easelVersion = QStringLiteral("0.1.0");
    return { { QStringLiteral("parameters"), r.toA1111Parameters() },
        { QStringLiteral("easel"), QString::fromUtf8(r.toJsonText()) } };
}

inline TextChunks a1111Chunks(const QString& prompt, const QString& model, qint64 seed)
{
    return { { QStringLiteral("parameters"),
        prompt
            + QStringLiteral("\nNegative prompt: lowres, bad hands\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, "
                             "Seed: %1, Size: 512x768, Model hash: 0123456789, Model: %2, Lora hashes: \"detail: "
                             "abcdef012345\", Version: v1.9.4")
                  .arg(seed)
                  .arg(model) } };
}

inline TextChunks comfyChunks(const QString& prompt, const QString& model, qint64 seed)
{
    const QString graph
        = QStringLiteral(R"({
      "3": {"class_type": "KSampler", "inputs": {"seed": %1, "steps": 25, "cfg": 8.0, "sampler_name": "euler_ancestral",
            "scheduler": "karras", "denoise": 1.0, "model": ["10", 0], "positive": ["6", 0], "negative": ["7", 0],
            "latent_image": ["5", 0]}},
      "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "%2.safetensors"}},
      "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "film_grain.safetensors", "strength_model": 0.8,
             "strength_clip": 0.8, "model": ["4", 0], "clip": ["4", 1]}},
      "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 832, "height": 1216, "batch_size": 1}},
      "6": {"class_type": "CLIPTextEncode", "inputs": {"text": %3, "clip": ["10", 1]}},
      "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "watermark, text", "clip": ["10", 1]}},
      "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
      "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}}})")
              .arg(seed)
              .arg(model,
                  QString::fromUtf8(
                      QJsonDocument(QJsonObject { { QStringLiteral("t"), prompt } }).toJson(QJsonDocument::Compact))
                      .mid(5)
                      .chopped(1));
    return { { QStringLiteral("prompt"), graph }, { QStringLiteral("workflow"), QStringLiteral("{\"nodes\": []}") } };
}

inline TextChunks comfyWorkflowChunks(const QString& prompt, const QString& model, qint64 seed)
{
    QJsonObject workflow = QJsonDocument::fromJson(QStringLiteral(R"({
      "nodes": [
        {"id": 3, "type": "KSampler", "inputs": [{"name": "model", "link": 1}, {"name": "positive", "link": 4},
            {"name": "negative", "link": 6}, {"name": "latent_image", "link": 2}],
         "widgets_values": [%1, "randomize", 30, 5.5, "dpmpp_2m", "normal", 1]},
        {"id": 4, "type": "CheckpointLoaderSimple", "inputs": [], "widgets_values": ["%2.ckpt"]},
        {"id": 5, "type": "EmptyLatentImage", "inputs": [], "widgets_values": [512, 640, 1]},
        {"id": 6, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 3}], "widgets_values": ["PROMPT"]},
        {"id": 7, "type": "CLIPTextEncode", "inputs": [{"name": "clip", "link": 5}], "widgets_values": ["ugly"]}
      ],
      "links": [[1, 4, 0, 3, 0, "MODEL"], [2, 5, 0, 3, 3, "LATENT"], [3, 4, 1, 6, 0, "CLIP"], [4, 6, 0, 3, 1, "CONDITIONING"],
                [5, 4, 1, 7, 0, "CLIP"], [6, 7, 0, 3, 2, "CONDITIONING"]]})")
                                                       .arg(seed)
                                                       .arg(model)
                                                       .toUtf8())
                               .object();
    QJsonArray nodes = workflow.value(QStringLiteral("nodes")).toArray();
    QJsonObject encode = nodes.at(3).toObject();
    encode.insert(QStringLiteral("widgets_values"), QJsonArray { prompt });
    nodes.replace(3, encode);
    workflow.insert(QStringLiteral("nodes"), nodes);
    return { { QStringLiteral("workflow"),
        QString::fromUtf8(QJsonDocument(workflow).toJson(QJsonDocument::Compact)) } };
}

inline TextChunks invokeChunks(const QString& prompt, const QString& model, qint64 seed)
{
    const QJsonObject meta {
        { QStringLiteral("generation_mode"), QStringLiteral("txt2img") },
        { QStringLiteral("positive_prompt"), prompt },
        { QStringLiteral("negative_prompt"), QStringLiteral("deformed") },
        { QStringLiteral("width"), 768 },
        { QStringLiteral("height"), 512 },
        { QStringLiteral("seed"), double(seed) },
        { QStringLiteral("rand_device"), QStringLiteral("cpu") },
        { QStringLiteral("cfg_scale"), 7.5 },
        { QStringLiteral("steps"), 30 },
        { QStringLiteral("scheduler"), QStringLiteral("dpmpp_2m_k") },
        { QStringLiteral("model"),
            QJsonObject { { QStringLiteral("key"), QStringLiteral("2f1c") },
                { QStringLiteral("hash"), QStringLiteral("blake3:00") }, { QStringLiteral("name"), model },
                { QStringLiteral("base"), QStringLiteral("sd-1") },
                { QStringLiteral("type"), QStringLiteral("main") } } },
        { QStringLiteral("loras"),
            QJsonArray { QJsonObject {
                { QStringLiteral("model"), QJsonObject { { QStringLiteral("name"), QStringLiteral("inkpen") } } },
                { QStringLiteral("weight"), 0.75 } } } },
    };
    return { { QStringLiteral("invokeai_metadata"),
        QString::fromUtf8(QJsonDocument(meta).toJson(QJsonDocument::Compact)) } };
}

inline TextChunks fooocusChunks(const QString& prompt, const QString& model, qint64 seed)
{
    const QJsonObject meta {
        { QStringLiteral("prompt"), prompt },
        { QStringLiteral("negative_prompt"), QStringLiteral("") },
        { QStringLiteral("styles"), QStringLiteral("['Fooocus V2', 'Fooocus Enhance']") },
        { QStringLiteral("performance"), QStringLiteral("Speed") },
        { QStringLiteral("steps"), 30 },
        { QStringLiteral("resolution"), QStringLiteral("(1152, 896)") },
        { QStringLiteral("guidance_scale"), 4 },
        { QStringLiteral("sharpness"), 2 },
        { QStringLiteral("sampler"), QStringLiteral("dpmpp_2m_sde_gpu") },
        { QStringLiteral("scheduler"), QStringLiteral("karras") },
        { QStringLiteral("seed"), QString::number(seed) },
        { QStringLiteral("base_model"), QString(model + QStringLiteral(".safetensors")) },
        { QStringLiteral("lora_combined_1"), QStringLiteral("sd_xl_offset_example-lora_1.0.safetensors : 0.1") },
        { QStringLiteral("version"), QStringLiteral("Fooocus v2.5.5") },
    };
    return { { QStringLiteral("parameters"), QString::fromUtf8(QJsonDocument(meta).toJson(QJsonDocument::Compact)) },
        { QStringLiteral("fooocus_scheme"), QStringLiteral("fooocus") } };
}

} // namespace easel::test
