// SPDX-License-Identifier: MIT
// libFuzzer target for what Easel reads from ComfyUI: a user's workflow template (WorkflowTemplate::fromJson,
// fill), /object_info (capabilitiesFromObjectInfo, comboOptions), a refused /prompt and an execution_error
// (promptErrorText, executionErrorText) and the binary preview frames of /ws (decodePreviewFrame). The first
// byte picks the reader, the rest is its input. Bad input is refused with one line naming the file or the
// slot, never a crash; the error texts are one line; a preview that decodes has its pixels.

#include "fuzzsupport.h"

#include "backends/comfyuibackend.h"
#include "backends/comfyworkflow.h"
#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

namespace {

bool oneLine(const QString& text) { return !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')); }

void workflowTemplate(const QByteArray& json)
{
    QString error;
    const std::optional<comfy::WorkflowTemplate> workflow
        = comfy::WorkflowTemplate::fromJson(json, QStringLiteral("/workflows/fuzz.json"), &error);
    if (!workflow) {
        FUZZ_CHECK(!error.isEmpty() && oneLine(error) && error.contains(QLatin1String("fuzz.json")));
        return;
    }
    const QStringList known = comfy::WorkflowTemplate::knownSlots();
    for (const QString& slot : workflow->slotNames())
        FUZZ_CHECK(known.contains(slot));

    // Every slot with a value: the graph is filled. A txt2img run has no {{image}}: a template that uses it
    // is refused with one line.
    ImageRecipe recipe;
    recipe.prompt = QStringLiteral("a lighthouse at dusk");
    recipe.seed = 1234;
    comfy::GraphInputs inputs;
    inputs.checkpoint = QStringLiteral("sd15.safetensors");
    QMap<QString, QJsonValue> values = comfy::slotValues(recipe, inputs);
    const std::optional<QJsonObject> txt2img = workflow->fill(values, &error);
    FUZZ_CHECK(txt2img.has_value() == !workflow->uses(QStringLiteral("image")));
    if (!txt2img)
        FUZZ_CHECK(oneLine(error) && error.contains(QLatin1String("fuzz.json")));
    values.insert(QStringLiteral("image"), QStringLiteral("init.png"));
    const std::optional<QJsonObject> filled = workflow->fill(values, &error);
    FUZZ_CHECK(filled.has_value());
    (void)QJsonDocument(*filled).toJson(QJsonDocument::Compact);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    switch (data[0] % 4) {
    case 0:
        workflowTemplate(input);
        break;
    case 1: {
        const QJsonObject info = QJsonDocument::fromJson(input).object();
        const BackendCapabilities capabilities = comfy::capabilitiesFromObjectInfo(info);
        (void)capabilities;
        for (const QString& option :
            comfy::comboOptions(info, QStringLiteral("KSampler"), QStringLiteral("sampler_name")))
            (void)comfy::matchServerName(option, { QStringLiteral("euler"), QStringLiteral("sub/dpmpp_2m.bin") });
        break;
    }
    case 2: {
        const QJsonObject body = QJsonDocument::fromJson(input).object();
        const QString prompt = comfy::promptErrorText(body);
        FUZZ_CHECK(oneLine(prompt));
        const QString execution = comfy::executionErrorText(body);
        FUZZ_CHECK(oneLine(execution));
        QList<LoraRef> loras;
        const QString rest = comfy::takeLoraTags(QString::fromUtf8(input), &loras);
        FUZZ_CHECK(rest.size() <= QString::fromUtf8(input).size());
        break;
    }
    default:
        if (const std::optional<Preview> preview = ComfyUIBackend::decodePreviewFrame(input))
            FUZZ_CHECK(!preview->isNull());
        break;
    }
    return 0;
}
