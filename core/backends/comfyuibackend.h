// SPDX-License-Identifier: MIT
#pragma once

#include "backends/comfyworkflow.h"
#include "backends/imagebackend.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace easel {

/**
 * A ComfyUI server (a GPU box, a rented serverless GPU, a hosted endpoint) as an ImageBackend, through its
 * HTTP and WebSocket API:
 *
 * - capabilities(): GET /object_info (checkpoints, LoRAs, samplers), cached per server for a few minutes.
 * - run(): the recipe becomes an API-format workflow (comfy::buildWorkflow, or the workflow template set with
 *   setWorkflowTemplate()); an img2img source is sent first with POST /upload/image; then POST /prompt
 *   {prompt, client_id} while /ws?clientId= reports progress ("progress" value/max), previews (binary frames)
 *   and the end ("executing" with node null, "execution_error"); the images come from GET /history/{id} and
 *   GET /view. Without a WebSocket (a proxy that does not pass it) the history is polled instead.
 * - cancel: the prompt is taken off the server's queue (POST /queue delete) and, once it runs, stopped with
 *   POST /interrupt {prompt_id}; run() returns Cancelled at once.
 * - A bearer token (BackendEndpoint::apiKey) goes in the Authorization header of every request and of the
 *   WebSocket handshake, and never into a message.
 *
 * Errors: a refused workflow (HTTP 400 with node_errors) is BadRequest with the node and ComfyUI's message on
 * one line; 401/403 Unauthorized; no answer within BackendEndpoint::timeoutSec (no request answered, no
 * message on the WebSocket while waiting) Timeout; a server that cannot be reached Network, naming its URL.
 *
 * A batch of n images is n prompts of one image each, seeds seed ... seed + n - 1 as Easel's own images have
 * them (ComfyUI would draw a whole batch's noise from one seed, and no image could be made again alone); the
 * server keeps the model and every unchanged node cached between them. A template without {{seed}} reports
 * seed -1 (unknown).
 */
class ComfyUIBackend : public ImageBackend {
public:
    /// `id`: "comfyui", or "comfyui@host:port" for a second server.
    explicit ComfyUIBackend(BackendEndpoint endpoint, QString id = QStringLiteral("comfyui"));

    QString id() const override { return m_id; }
    QString displayName() const override; ///< "ComfyUI (gpu-box:8188)"
    bool isCloud() const override { return false; }
    BackendCapabilities capabilities() override;
    double costPerImage(const ImageRecipe&) const override { return 0.0; }
    BackendResult run(const ImageRecipe& recipe, const BackendCallbacks& callbacks) override;

    /// Runs this workflow instead of the built-in graph; nullopt goes back to the built-in one.
    void setWorkflowTemplate(std::optional<comfy::WorkflowTemplate> workflow) { m_template = std::move(workflow); }
    const std::optional<comfy::WorkflowTemplate>& workflowTemplate() const { return m_template; }

    const BackendEndpoint& endpoint() const { return m_endpoint; }
    /// The job queue's lane of this server: laneFor(endpoint().baseUrl).
    QString lane() const { return laneFor(m_endpoint.baseUrl); }
    /// "comfyui@host:port" (the scheme's default port when the URL has none).
    static QString laneFor(const QUrl& baseUrl);

    /// Why the last capabilities() came back empty; kind None when it succeeded.
    const BackendError& capabilitiesError() const { return m_capabilitiesError; }
    /// Forgets every server's cached /object_info (tests, "refresh" in settings).
    static void clearCapabilityCache();

    /// The pixels of a binary /ws frame: PREVIEW_IMAGE (event 1: 4 bytes image type, 1 JPEG / 2 PNG, then the
    /// image) or PREVIEW_IMAGE_WITH_METADATA (event 4: 4 bytes length, JSON, then the image), all big-endian;
    /// nullopt for another event or bytes that do not decode.
    static std::optional<Preview> decodePreviewFrame(const QByteArray& frame);

private:
    BackendEndpoint m_endpoint;
    QString m_id;
    std::optional<comfy::WorkflowTemplate> m_template;
    BackendError m_capabilitiesError;
};

} // namespace easel
