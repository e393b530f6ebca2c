// SPDX-License-Identifier: MIT
#pragma once

// ComfyUI's side of a recipe, without the network: the API-format graph Easel builds for a recipe, a
// user's own workflow template with named slots, the names ComfyUI gives samplers and schedules, and what
// ComfyUI's answers (/object_info, a rejected /prompt) mean.

#include "backends/imagebackend.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace easel::comfy {

/// ComfyUI's KSampler names for one of Easel's samplers and schedules.
struct SamplerNames {
    QString sampler; ///< KSampler's sampler_name: "euler", "dpmpp_2m"...
    QString scheduler; ///< KSampler's scheduler: "normal", "karras"...
};

/// The one table from Easel's samplers and sigma schedules to ComfyUI's names. Auto is Euler; PNDM, which
/// ComfyUI lacks, is its improved PNDM (ipndm); a schedule left to the sampler is "normal" (DDIM: "ddim_uniform",
/// LCM: "sgm_uniform", as ComfyUI's own examples pair them); Karras is "karras".
SamplerNames samplerNames(Sampler sampler, SigmaSchedule schedule);

/// The choices of a COMBO input in /object_info, in both of ComfyUI's forms (`[[choices...], {...}]` and
/// `["COMBO", {"options": [...]}]`); empty when the node or the input is not there.
QStringList comboOptions(const QJsonObject& objectInfo, const QString& nodeClass, const QString& input);

/// What /object_info says a server can do: its checkpoints (CheckpointLoaderSimple), LoRAs (LoraLoader),
/// samplers (KSampler), and the batch size EmptyLatentImage takes.
BackendCapabilities capabilitiesFromObjectInfo(const QJsonObject& objectInfo);

/// The server's name of a model or LoRA Easel knows by a local path or a name: the same name, else the same
/// file name in any of the server's subfolders, else the same name without extension (case-insensitive).
/// Empty when none matches.
QString matchServerName(const QString& wanted, const QStringList& serverNames);

/// `prompt` without its A1111 <lora:NAME:WEIGHT> tags, which are appended to `loras` (ComfyUI's text encoder
/// would read them as words).
QString takeLoraTags(const QString& prompt, QList<LoraRef>* loras);

/// The size Easel asks for when the recipe leaves it to the model (0): 1024 for checkpoints whose name says
/// SDXL, SD3 or FLUX, else 512.
int nativeSizeFor(const QString& checkpoint);

/// What the graph needs beyond the recipe: the server's names of things, and the uploaded init image.
struct GraphInputs {
    QString checkpoint; ///< CheckpointLoaderSimple's ckpt_name
    QList<QPair<QString, double>> loras; ///< LoraLoader's lora_name and weight, in stack order
    QString initImage; ///< LoadImage's image (as /upload/image named it); empty for txt2img
    int width = 512; ///< the latent's size in pixels (multiples of 8)
    int height = 512;
    QString filenamePrefix = QStringLiteral("easel");
};

/// The API-format graph of a recipe: CheckpointLoaderSimple, one LoraLoader per LoRA (chained through model
/// and clip, strength_model = strength_clip = weight), CLIPSetLastLayer for a clip skip above 1, CLIPTextEncode
/// for the prompt and the negative prompt, EmptyLatentImage (txt2img) or LoadImage + VAEEncode (img2img,
/// RepeatLatentBatch for a batch), KSampler (denoise 1, or the img2img strength), VAEDecode, SaveImage.
/// Node ids are "1", "2"... in that order.
QJsonObject buildWorkflow(const ImageRecipe& recipe, const GraphInputs& inputs);

/**
 * A user's own workflow, in ComfyUI's API format ("Save (API Format)" in ComfyUI: an object of nodes, each
 * with "class_type" and "inputs"; `{"prompt": {...}}` as posted to /prompt is read too), whose string inputs
 * may hold slots Easel fills in for each run:
 *
 *   {{prompt}} {{negative}} {{model}} {{sampler}} {{scheduler}} {{image}}         text
 *   {{seed}} {{steps}} {{width}} {{height}} {{batch_size}}                       whole numbers
 *   {{cfg}} {{denoise}}                                                           numbers
 *
 * A string that is exactly one slot becomes the slot's value with its type ("{{seed}}" -> 1234, so an INT
 * input gets a number); a slot inside longer text is replaced by its text ("photo of {{prompt}}, 35mm").
 * {{model}} is the recipe's model as the server names it (or the endpoint's default model); {{image}} the
 * uploaded init image, for img2img. A name in double braces that is not a slot is an error, so a typo never
 * reaches the server. FLUX, SD3, upscalers or any custom node graph run this way.
 */
class WorkflowTemplate {
public:
    /// The slots a template can use.
    static QStringList knownSlots();

    /// Reads a template file; nullopt and one line naming the file when it is not an API-format workflow
    /// (a UI workflow, saved with "Save", is named as such).
    static std::optional<WorkflowTemplate> load(const QString& path, QString* errorMessage = nullptr);
    /// The same from JSON text; `source` names it in messages.
    static std::optional<WorkflowTemplate> fromJson(
        const QByteArray& json, const QString& source, QString* errorMessage = nullptr);

    const QJsonObject& graph() const { return m_graph; }
    const QString& source() const { return m_source; }
    /// The slots it uses, each once, in the order of knownSlots().
    QStringList slotNames() const;
    bool uses(const QString& slot) const { return slotNames().contains(slot); }

    /// The graph with its slots filled from `values` (slot name -> typed value); nullopt and one line naming
    /// the slot when one has no value.
    std::optional<QJsonObject> fill(const QMap<QString, QJsonValue>& values, QString* errorMessage = nullptr) const;

private:
    QJsonObject m_graph;
    QString m_source;
};

/// The slot values of a recipe (see WorkflowTemplate); "image" only for img2img.
QMap<QString, QJsonValue> slotValues(const ImageRecipe& recipe, const GraphInputs& inputs);

/// One line for a /prompt that ComfyUI refused (HTTP 400): the failing nodes with their class and ComfyUI's
/// message and details ("node 4 (CheckpointLoaderSimple): Value not in list: ckpt_name: 'x.safetensors' not
/// in [...]"), shortened; ComfyUI's own error when no node is named.
QString promptErrorText(const QJsonObject& body);

/// One line for an execution_error message's data (from /ws or the history's status messages).
QString executionErrorText(const QJsonObject& data);

} // namespace easel::comfy
