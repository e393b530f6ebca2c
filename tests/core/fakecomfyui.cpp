// SPDX-License-Identifier: MIT
#include "fakecomfyui.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>
#include <QtEndian>

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <vector>

namespace fake {

qint64 nextSequence()
{
    static std::atomic<qint64> counter { 0 };
    return ++counter;
}

namespace {

    using Status = QHttpServerResponder::StatusCode;

    struct InputSpec {
        QString name;
        QString type; ///< "MODEL", "INT", "FLOAT", "STRING", "COMBO"...
        QJsonObject options;
        QStringList choices;
    };

    struct NodeSpec {
        QList<InputSpec> required;
        QStringList outputs;
        bool outputNode = false;
    };

    InputSpec link(const char* name, const char* type) { return { QLatin1String(name), QLatin1String(type), {}, {} }; }
    InputSpec integer(const char* name, double def, double min, double max)
    {
        return { QLatin1String(name), QStringLiteral("INT"),
            { { QStringLiteral("default"), def }, { QStringLiteral("min"), min }, { QStringLiteral("max"), max } },
            {} };
    }
    InputSpec number(const char* name, double def, double min, double max)
    {
        return { QLatin1String(name), QStringLiteral("FLOAT"),
            { { QStringLiteral("default"), def }, { QStringLiteral("min"), min }, { QStringLiteral("max"), max },
                { QStringLiteral("step"), 0.01 } },
            {} };
    }
    InputSpec text(const char* name)
    {
        return { QLatin1String(name), QStringLiteral("STRING"), { { QStringLiteral("multiline"), true } }, {} };
    }
    InputSpec combo(const char* name, const QStringList& choices)
    {
        return { QLatin1String(name), QStringLiteral("COMBO"), {}, choices };
    }

    QJsonObject error(
        const QString& type, const QString& message, const QString& details, const QJsonObject& extra = {})
    {
        return { { QStringLiteral("type"), type }, { QStringLiteral("message"), message },
            { QStringLiteral("details"), details }, { QStringLiteral("extra_info"), extra } };
    }

    QByteArray encode(const cv::Mat& image, const char* ext)
    {
        std::vector<uchar> bytes;
        cv::imencode(ext, image, bytes);
        return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    }

    /// The parts of a multipart/form-data body: name -> (filename, bytes).
    QMap<QString, std::pair<QString, QByteArray>> parseMultipart(const QByteArray& contentType, const QByteArray& body)
    {
        QMap<QString, std::pair<QString, QByteArray>> parts;
        const int b = contentType.indexOf("boundary=");
        if (b < 0)
            return parts;
        QByteArray boundary = contentType.mid(b + 9).trimmed();
        if (boundary.startsWith('"'))
            boundary = boundary.mid(1, boundary.size() - 2);
        const QByteArray delimiter = "--" + boundary;
        qsizetype pos = body.indexOf(delimiter);
        while (pos >= 0) {
            pos += delimiter.size();
            if (body.mid(pos, 2) == "--")
                break;
            pos += 2; // CRLF
            const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
            const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
            if (headersEnd < 0 || next < 0)
                break;
            const QByteArray headers = body.mid(pos, headersEnd - pos);
            const QByteArray content = body.mid(headersEnd + 4, next - headersEnd - 4);
            QString name;
            QString filename;
            for (const QByteArray& field : headers.split(';')) {
                const QByteArray f = field.trimmed();
                if (f.startsWith("name="))
                    name = QString::fromUtf8(f.mid(5)).remove(QLatin1Char('"'));
                else if (f.startsWith("filename="))
                    filename = QString::fromUtf8(f.mid(9)).remove(QLatin1Char('"'));
            }
            parts.insert(name, { filename, content });
            pos = next + 2;
        }
        return parts;
    }

} // namespace

class Server : public QAbstractHttpServer {
public:
    explicit Server(FakeComfyUI* owner)
        : m_owner(owner)
    {
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] { acceptWebSocket(); });
        m_tick.setInterval(2);
        connect(&m_tick, &QTimer::timeout, this, [this] { step(); });
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        // A WebSocket handshake: Qt 6.4 hands it to newWebSocketConnection when this returns true without answering.
        if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
            return true;
        Request r;
        r.method
            = request.method() == QHttpServerRequest::Method::Post ? QStringLiteral("POST") : QStringLiteral("GET");
        r.path = request.url().path();
        r.query = request.url().query();
        r.body = request.body();
        r.authorization = request.value("authorization");
        {
            std::lock_guard lock(m_owner->m_mutex);
            m_owner->m_requests << r;
        }
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        if (!m_owner->token.isEmpty() && r.authorization != "Bearer " + m_owner->token) {
            responder->write(QJsonDocument(QJsonObject { { QStringLiteral("error"), QStringLiteral("Unauthorized") } }),
                Status::Unauthorized);
            return true;
        }
        const std::function<void()> answer = [this, r, responder, contentType = request.value("content-type"),
                                                 query = request.query()] { route(r, contentType, query, *responder); };
        if (!m_owner->slowPath.isEmpty() && r.path == m_owner->slowPath)
            QTimer::singleShot(m_owner->slowMs, this, answer);
        else
            answer();
        return true;
    }

    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override { }

private:
    using Action = std::function<bool()>; ///< true: done, next; false: ask again on the next tick

    std::map<QString, NodeSpec> specs() const
    {
        const QStringList samplers { QStringLiteral("euler"), QStringLiteral("euler_ancestral"), QStringLiteral("heun"),
            QStringLiteral("dpm_2"), QStringLiteral("lms"), QStringLiteral("dpmpp_2m"), QStringLiteral("dpmpp_sde"),
            QStringLiteral("ddim"), QStringLiteral("lcm"), QStringLiteral("ipndm"), QStringLiteral("uni_pc"),
            QStringLiteral("uni_pc_bh2") };
        const QStringList schedulers { QStringLiteral("normal"), QStringLiteral("karras"),
            QStringLiteral("exponential"), QStringLiteral("sgm_uniform"), QStringLiteral("simple"),
            QStringLiteral("ddim_uniform"), QStringLiteral("beta") };
        QStringList inputs = m_uploadNames;
        inputs.prepend(QStringLiteral("example.png"));
        const double maxSeed = 18446744073709551615.0;
        const double maxRes = 16384;
        std::map<QString, NodeSpec> s;
        s[QStringLiteral("CheckpointLoaderSimple")] = { { combo("ckpt_name", m_owner->checkpoints) },
            { QStringLiteral("MODEL"), QStringLiteral("CLIP"), QStringLiteral("VAE") } };
        s[QStringLiteral("LoraLoader")]
            = { { link("model", "MODEL"), link("clip", "CLIP"), combo("lora_name", m_owner->loras),
                    number("strength_model", 1.0, -100, 100), number("strength_clip", 1.0, -100, 100) },
                  { QStringLiteral("MODEL"), QStringLiteral("CLIP") } };
        s[QStringLiteral("CLIPSetLastLayer")]
            = { { link("clip", "CLIP"), integer("stop_at_clip_layer", -1, -24, -1) }, { QStringLiteral("CLIP") } };
        s[QStringLiteral("CLIPTextEncode")]
            = { { text("text"), link("clip", "CLIP") }, { QStringLiteral("CONDITIONING") } };
        s[QStringLiteral("EmptyLatentImage")]
            = { { integer("width", 512, 16, maxRes), integer("height", 512, 16, maxRes),
                    integer("batch_size", 1, 1, 4096) },
                  { QStringLiteral("LATENT") } };
        s[QStringLiteral("EmptySD3LatentImage")]
            = { { integer("width", 1024, 16, maxRes), integer("height", 1024, 16, maxRes),
                    integer("batch_size", 1, 1, 4096) },
                  { QStringLiteral("LATENT") } };
        s[QStringLiteral("KSampler")]
            = { { link("model", "MODEL"), integer("seed", 0, 0, maxSeed), integer("steps", 20, 1, 10000),
                    number("cfg", 8.0, 0.0, 100.0), combo("sampler_name", samplers), combo("scheduler", schedulers),
                    link("positive", "CONDITIONING"), link("negative", "CONDITIONING"), link("latent_image", "LATENT"),
                    number("denoise", 1.0, 0.0, 1.0) },
                  { QStringLiteral("LATENT") } };
        s[QStringLiteral("VAEDecode")]
            = { { link("samples", "LATENT"), link("vae", "VAE") }, { QStringLiteral("IMAGE") } };
        s[QStringLiteral("VAEEncode")]
            = { { link("pixels", "IMAGE"), link("vae", "VAE") }, { QStringLiteral("LATENT") } };
        s[QStringLiteral("RepeatLatentBatch")]
            = { { link("samples", "LATENT"), integer("amount", 1, 1, 64) }, { QStringLiteral("LATENT") } };
        s[QStringLiteral("LoadImage")]
            = { { combo("image", inputs) }, { QStringLiteral("IMAGE"), QStringLiteral("MASK") } };
        s[QStringLiteral("SaveImage")] = { { link("images", "IMAGE"), text("filename_prefix") }, {}, true };
        // FLUX, as its example workflows load it.
        s[QStringLiteral("UNETLoader")]
            = { { combo("unet_name", { QStringLiteral("flux1-dev.safetensors") }),
                    combo("weight_dtype", { QStringLiteral("default"), QStringLiteral("fp8_e4m3fn") }) },
                  { QStringLiteral("MODEL") } };
        s[QStringLiteral("DualCLIPLoader")] = {
            { combo("clip_name1", { QStringLiteral("t5xxl_fp16.safetensors"), QStringLiteral("clip_l.safetensors") }),
                combo("clip_name2", { QStringLiteral("t5xxl_fp16.safetensors"), QStringLiteral("clip_l.safetensors") }),
                combo("type", { QStringLiteral("sdxl"), QStringLiteral("sd3"), QStringLiteral("flux") }) },
            { QStringLiteral("CLIP") }
        };
        s[QStringLiteral("VAELoader")]
            = { { combo("vae_name", { QStringLiteral("ae.safetensors") }) }, { QStringLiteral("VAE") } };
        s[QStringLiteral("FluxGuidance")]
            = { { link("conditioning", "CONDITIONING"), number("guidance", 3.5, 0.0, 100.0) },
                  { QStringLiteral("CONDITIONING") } };
        return s;
    }

    QJsonObject objectInfo() const
    {
        QJsonObject info;
        for (const auto& [name, spec] : specs()) {
            QJsonObject required;
            QJsonArray order;
            for (const InputSpec& in : spec.required) {
                required.insert(in.name,
                    in.type == QLatin1String("COMBO")
                        ? QJsonArray { QJsonArray::fromStringList(in.choices), in.options }
                        : QJsonArray { in.type, in.options });
                order.append(in.name);
            }
            QJsonObject input { { QStringLiteral("required"), required } };
            if (spec.outputNode)
                input.insert(QStringLiteral("hidden"),
                    QJsonObject { { QStringLiteral("prompt"), QStringLiteral("PROMPT") },
                        { QStringLiteral("extra_pnginfo"), QStringLiteral("EXTRA_PNGINFO") } });
            QJsonArray outputs = QJsonArray::fromStringList(spec.outputs);
            QJsonArray isList;
            for (qsizetype i = 0; i < spec.outputs.size(); ++i)
                isList.append(false);
            info.insert(name,
                QJsonObject { { QStringLiteral("input"), input },
                    { QStringLiteral("input_order"), QJsonObject { { QStringLiteral("required"), order } } },
                    { QStringLiteral("output"), outputs }, { QStringLiteral("output_is_list"), isList },
                    { QStringLiteral("output_name"), outputs }, { QStringLiteral("name"), name },
                    { QStringLiteral("display_name"), name }, { QStringLiteral("description"), QString() },
                    { QStringLiteral("python_module"), QStringLiteral("nodes") },
                    { QStringLiteral("category"), QStringLiteral("sd") },
                    { QStringLiteral("output_node"), spec.outputNode } });
        }
        return info;
    }

    /// ComfyUI's validate_prompt: the error body of a refused graph, or an empty object.
    QJsonObject validate(const QJsonValue& prompt) const
    {
        const auto refuse = [](const QJsonObject& e) {
            return QJsonObject { { QStringLiteral("error"), e }, { QStringLiteral("node_errors"), QJsonArray() } };
        };
        if (!prompt.isObject())
            return refuse(error(QStringLiteral("invalid_prompt"), QStringLiteral("Prompt is not an object"), {}));
        const QJsonObject graph = prompt.toObject();
        const std::map<QString, NodeSpec> s = specs();
        QStringList outputs;
        for (auto it = graph.begin(); it != graph.end(); ++it) {
            const QJsonObject node = it->toObject();
            if (!node.value(QStringLiteral("class_type")).isString())
                return refuse(error(QStringLiteral("invalid_prompt"),
                    QStringLiteral("Cannot execute because a node is missing the class_type property."),
                    QStringLiteral("Node ID '#%1'").arg(it.key())));
            const QString type = node.value(QStringLiteral("class_type")).toString();
            if (!s.count(type))
                return refuse(error(QStringLiteral("invalid_prompt"),
                    QStringLiteral("Cannot execute because node %1 does not exist.").arg(type),
                    QStringLiteral("Node ID '#%1'").arg(it.key())));
            if (s.at(type).outputNode)
                outputs << it.key();
        }
        if (outputs.isEmpty())
            return refuse(error(QStringLiteral("prompt_no_outputs"), QStringLiteral("Prompt has no outputs"), {}));

        QJsonObject nodeErrors;
        QSet<QString> done;
        std::function<void(const QString&, const QString&)> check = [&](const QString& id, const QString& output) {
            if (done.contains(id))
                return;
            done.insert(id);
            const QJsonObject node = graph.value(id).toObject();
            const QString type = node.value(QStringLiteral("class_type")).toString();
            const QJsonObject inputs = node.value(QStringLiteral("inputs")).toObject();
            QJsonArray errors;
            for (const InputSpec& in : s.at(type).required) {
                if (!inputs.contains(in.name)) {
                    errors.append(
                        error(QStringLiteral("required_input_missing"), QStringLiteral("Required input is missing"),
                            in.name, { { QStringLiteral("input_name"), in.name } }));
                    continue;
                }
                const QJsonValue v = inputs.value(in.name);
                const QJsonObject extra { { QStringLiteral("input_name"), in.name },
                    { QStringLiteral("received_value"), v } };
                if (v.isArray()) {
                    const QJsonArray a = v.toArray();
                    if (a.size() != 2 || !a.at(0).isString() || !a.at(1).isDouble()
                        || !graph.contains(a.at(0).toString())) {
                        errors.append(error(QStringLiteral("bad_linked_input"),
                            QStringLiteral("Bad linked input, must be a length-2 list of [node_id, slot_index]"),
                            in.name, extra));
                        continue;
                    }
                    const QString source = a.at(0).toString();
                    const QStringList out
                        = s.at(graph.value(source).toObject().value(QStringLiteral("class_type")).toString()).outputs;
                    const int index = a.at(1).toInt();
                    const QString received
                        = index >= 0 && index < out.size() ? out.at(index) : QStringLiteral("*none*");
                    if (received != in.type) {
                        errors.append(error(QStringLiteral("return_type_mismatch"),
                            QStringLiteral("Return type mismatch between linked nodes"),
                            QStringLiteral("%1, received_type(%2) mismatch input_type(%3)")
                                .arg(in.name, received, in.type),
                            extra));
                        continue;
                    }
                    check(source, output);
                    continue;
                }
                if (in.type == QLatin1String("INT") || in.type == QLatin1String("FLOAT")) {
                    const bool isInt = in.type == QLatin1String("INT");
                    if (!v.isDouble() || (isInt && v.toDouble() != std::floor(v.toDouble()))) {
                        errors.append(error(QStringLiteral("invalid_input_type"),
                            QStringLiteral("Failed to convert an input value to a %1 value").arg(in.type),
                            QStringLiteral("%1, %2").arg(in.name,
                                QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact))),
                            extra));
                        continue;
                    }
                    const double d = v.toDouble();
                    if (d < in.options.value(QStringLiteral("min")).toDouble())
                        errors.append(error(QStringLiteral("value_smaller_than_min"),
                            QStringLiteral("Value %1 smaller than min of %2")
                                .arg(d)
                                .arg(in.options.value(QStringLiteral("min")).toDouble()),
                            in.name, extra));
                    else if (d > in.options.value(QStringLiteral("max")).toDouble())
                        errors.append(error(QStringLiteral("value_bigger_than_max"),
                            QStringLiteral("Value %1 bigger than max of %2")
                                .arg(d)
                                .arg(in.options.value(QStringLiteral("max")).toDouble()),
                            in.name, extra));
                } else if (in.type == QLatin1String("STRING")) {
                    if (!v.isString())
                        errors.append(error(QStringLiteral("invalid_input_type"),
                            QStringLiteral("Failed to convert an input value to a STRING value"), in.name, extra));
                } else if (in.type == QLatin1String("COMBO")) {
                    if (!in.choices.contains(v.toString()) || !v.isString())
                        errors.append(error(QStringLiteral("value_not_in_list"), QStringLiteral("Value not in list"),
                            QStringLiteral("%1: '%2' not in ['%3']")
                                .arg(in.name, v.toVariant().toString(), in.choices.join(QStringLiteral("', '"))),
                            extra));
                } else {
                    errors.append(error(QStringLiteral("bad_linked_input"),
                        QStringLiteral("Bad linked input, must be a length-2 list of [node_id, slot_index]"), in.name,
                        extra));
                }
            }
            if (!errors.isEmpty())
                nodeErrors.insert(id,
                    QJsonObject { { QStringLiteral("errors"), errors },
                        { QStringLiteral("dependent_outputs"), QJsonArray { output } },
                        { QStringLiteral("class_type"), type } });
        };
        for (const QString& id : std::as_const(outputs))
            check(id, id);
        if (nodeErrors.isEmpty())
            return {};
        return { { QStringLiteral("error"),
                     error(QStringLiteral("prompt_outputs_failed_validation"),
                         QStringLiteral("Prompt outputs failed validation"), {}) },
            { QStringLiteral("node_errors"), nodeErrors } };
    }

    void route(const Request& r, const QByteArray& contentType, const QUrlQuery& query, QHttpServerResponder& responder)
    {
        const auto json
            = [&](const QJsonObject& o, Status status = Status::Ok) { responder.write(QJsonDocument(o), status); };
        if (r.method == QLatin1String("GET") && r.path == QLatin1String("/object_info"))
            return json(objectInfo());
        if (r.method == QLatin1String("POST") && r.path == QLatin1String("/prompt")) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (!body.contains(QStringLiteral("prompt")))
                return json({ { QStringLiteral("error"), QStringLiteral("no prompt") },
                                { QStringLiteral("node_errors"), QJsonArray() } },
                    Status::BadRequest);
            const QJsonObject refused = validate(body.value(QStringLiteral("prompt")));
            if (!refused.isEmpty())
                return json(refused, Status::BadRequest);
            Run run;
            run.promptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            run.graph = body.value(QStringLiteral("prompt")).toObject();
            run.clientId = body.value(QStringLiteral("client_id")).toString();
            run.acceptedAt = nextSequence();
            {
                std::lock_guard lock(m_owner->m_mutex);
                m_owner->m_runs << run;
            }
            if (m_owner->gate)
                ++m_owner->gate->arrived;
            m_waiting << run.promptId;
            json({ { QStringLiteral("prompt_id"), run.promptId }, { QStringLiteral("number"), m_number++ },
                { QStringLiteral("node_errors"), QJsonObject() } });
            startNext();
            return;
        }
        if (r.method == QLatin1String("GET") && r.path.startsWith(QLatin1String("/history/"))) {
            const QString id = r.path.mid(9);
            if (!m_history.contains(id) || m_historyLag.value(id) > 0) {
                if (m_history.contains(id))
                    --m_historyLag[id];
                return json({});
            }
            return json({ { id, m_history.value(id) } });
        }
        if (r.method == QLatin1String("GET") && r.path == QLatin1String("/view")) {
            const QString key = query.queryItemValue(QStringLiteral("type")) + QLatin1Char('/')
                + query.queryItemValue(QStringLiteral("subfolder")) + QLatin1Char('/')
                + query.queryItemValue(QStringLiteral("filename"));
            if (!m_files.contains(key))
                return responder.write(Status::NotFound);
            return responder.write(m_files.value(key), QByteArrayLiteral("image/png"));
        }
        if (r.method == QLatin1String("POST") && r.path == QLatin1String("/interrupt")) {
            {
                std::lock_guard lock(m_owner->m_mutex);
                m_owner->m_interrupts << r.body;
            }
            const QString id = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("prompt_id")).toString();
            if (id.isEmpty() || id == m_running)
                m_interruptRequested = true;
            return responder.write(Status::Ok);
        }
        if (r.method == QLatin1String("POST") && r.path == QLatin1String("/queue")) {
            {
                std::lock_guard lock(m_owner->m_mutex);
                m_owner->m_queueChanges << r.body;
            }
            for (const QJsonValue& id :
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("delete")).toArray())
                m_waiting.removeAll(id.toString());
            return responder.write(Status::Ok);
        }
        if (r.method == QLatin1String("POST") && r.path == QLatin1String("/upload/image")) {
            const auto parts = parseMultipart(contentType, r.body);
            const auto image = parts.value(QStringLiteral("image"));
            if (image.first.isEmpty())
                return responder.write(Status::BadRequest);
            {
                std::lock_guard lock(m_owner->m_mutex);
                m_owner->m_uploads.insert(image.first, image.second);
            }
            if (!m_uploadNames.contains(image.first))
                m_uploadNames << image.first;
            m_uploadBytes.insert(image.first, image.second);
            return json({ { QStringLiteral("name"), image.first }, { QStringLiteral("subfolder"), QString() },
                { QStringLiteral("type"), QStringLiteral("input") } });
        }
        responder.write(Status::NotFound);
    }

    void acceptWebSocket()
    {
        while (hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> owned = nextPendingWebSocketConnection();
            QWebSocket* ws = owned.release();
            ws->setParent(this);
            const QByteArray authorization = ws->request().rawHeader("Authorization");
            {
                std::lock_guard lock(m_owner->m_mutex);
                m_owner->m_wsAuthorizations << QString::fromUtf8(authorization);
            }
            connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
            if (m_owner->refuseWebSocket
                || (!m_owner->token.isEmpty() && authorization != "Bearer " + m_owner->token)) {
                ws->close(QWebSocketProtocol::CloseCodePolicyViolated);
                continue;
            }
            const QString sid = QUrlQuery(ws->requestUrl()).queryItemValue(QStringLiteral("clientId"));
            m_clients.insert(sid, ws);
            connect(ws, &QObject::destroyed, this, [this, sid] { m_clients.remove(sid); });
            send(sid, QStringLiteral("status"),
                { { QStringLiteral("status"),
                      QJsonObject {
                          { QStringLiteral("exec_info"), QJsonObject { { QStringLiteral("queue_remaining"), 0 } } } } },
                    { QStringLiteral("sid"), sid } });
        }
    }

    void send(const QString& sid, const QString& type, const QJsonObject& data)
    {
        if (QWebSocket* ws = m_clients.value(sid))
            ws->sendTextMessage(QString::fromUtf8(
                QJsonDocument(QJsonObject { { QStringLiteral("type"), type }, { QStringLiteral("data"), data } })
                    .toJson(QJsonDocument::Compact)));
    }

    Run runOf(const QString& id) const
    {
        std::lock_guard lock(m_owner->m_mutex);
        for (const Run& r : m_owner->m_runs) {
            if (r.promptId == id)
                return r;
        }
        return {};
    }

    void endRun(const QString& id, bool interrupted)
    {
        {
            std::lock_guard lock(m_owner->m_mutex);
            for (Run& r : m_owner->m_runs) {
                if (r.promptId == id) {
                    r.endedAt = nextSequence();
                    r.interrupted = interrupted;
                }
            }
        }
        m_running.clear();
        m_interruptRequested = false;
        startNext();
    }

    /// The latent a node's output comes from: width, height and batch.
    std::tuple<int, int, int> latentOf(const QJsonObject& graph, const QString& id) const
    {
        const QJsonObject node = graph.value(id).toObject();
        const QString type = node.value(QStringLiteral("class_type")).toString();
        const QJsonObject in = node.value(QStringLiteral("inputs")).toObject();
        const auto from = [&](const char* input) {
            return latentOf(graph, in.value(QLatin1String(input)).toArray().at(0).toString());
        };
        if (type == QLatin1String("EmptyLatentImage") || type == QLatin1String("EmptySD3LatentImage"))
            return { in.value(QStringLiteral("width")).toInt(), in.value(QStringLiteral("height")).toInt(),
                in.value(QStringLiteral("batch_size")).toInt() };
        if (type == QLatin1String("VAEDecode") || type == QLatin1String("RepeatLatentBatch")) {
            auto [w, h, b] = from("samples");
            return { w, h,
                b * (type == QLatin1String("RepeatLatentBatch") ? in.value(QStringLiteral("amount")).toInt() : 1) };
        }
        if (type == QLatin1String("KSampler"))
            return from("latent_image");
        if (type == QLatin1String("SaveImage"))
            return from("images");
        if (type == QLatin1String("VAEEncode"))
            return from("pixels");
        if (type == QLatin1String("LoadImage")) {
            const QByteArray bytes = m_uploadBytes.value(in.value(QStringLiteral("image")).toString());
            const cv::Mat image = cv::imdecode(
                cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.constData())), cv::IMREAD_COLOR);
            return { image.empty() ? 64 : image.cols, image.empty() ? 64 : image.rows, 1 };
        }
        return { 64, 64, 1 };
    }

    void startNext()
    {
        if (!m_running.isEmpty() || m_waiting.isEmpty())
            return;
        m_running = m_waiting.takeFirst();
        const Run run = runOf(m_running);
        const QString id = run.promptId;
        const QString sid = run.clientId;
        const auto with = [id](QJsonObject o) {
            o.insert(QStringLiteral("prompt_id"), id);
            return o;
        };
        auto outputs = std::make_shared<QJsonObject>();
        const auto say = [this, sid](const QString& type, const QJsonObject& data) {
            return Action([this, sid, type, data] {
                send(sid, type, data);
                return true;
            });
        };
        m_actions.push_back(say(QStringLiteral("execution_start"), with({ { QStringLiteral("timestamp"), 1 } })));
        m_actions.push_back(
            say(QStringLiteral("execution_cached"), with({ { QStringLiteral("nodes"), QJsonArray() } })));
        QStringList ids = run.graph.keys();
        std::sort(ids.begin(), ids.end(), [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
        for (const QString& node : std::as_const(ids)) {
            const QJsonObject n = run.graph.value(node).toObject();
            const QString type = n.value(QStringLiteral("class_type")).toString();
            m_actions.push_back(say(QStringLiteral("executing"),
                with({ { QStringLiteral("node"), node }, { QStringLiteral("display_node"), node } })));
            if (type == m_owner->failInNode) {
                m_actions.push_back([this, sid, id, node, type, with] {
                    const QJsonObject data = with({ { QStringLiteral("node_id"), node },
                        { QStringLiteral("node_type"), type }, { QStringLiteral("executed"), QJsonArray() },
                        { QStringLiteral("exception_message"),
                            QStringLiteral("Allocation on device would exceed allowed memory.\nTraceback...") },
                        { QStringLiteral("exception_type"), QStringLiteral("torch.OutOfMemoryError") },
                        { QStringLiteral("traceback"), QJsonArray() } });
                    send(sid, QStringLiteral("execution_error"), data);
                    m_history.insert(id,
                        QJsonObject { { QStringLiteral("outputs"), QJsonObject() },
                            { QStringLiteral("status"),
                                QJsonObject { { QStringLiteral("status_str"), QStringLiteral("error") },
                                    { QStringLiteral("completed"), false },
                                    { QStringLiteral("messages"),
                                        QJsonArray { QJsonArray { QStringLiteral("execution_error"), data } } } } } });
                    send(sid, QStringLiteral("executing"), with({ { QStringLiteral("node"), QJsonValue::Null } }));
                    m_actions.clear();
                    endRun(id, false);
                    return false; // the queue was cleared: nothing to pop
                });
                break;
            }
            if (type == QLatin1String("KSampler")) {
                const int steps = n.value(QStringLiteral("inputs")).toObject().value(QStringLiteral("steps")).toInt();
                for (int s = 1; s <= steps; ++s) {
                    m_actions.push_back(say(QStringLiteral("progress"),
                        with({ { QStringLiteral("value"), s }, { QStringLiteral("max"), steps },
                            { QStringLiteral("node"), node } })));
                    if (s == 1) {
                        m_actions.push_back([this, sid] {
                            const cv::Mat image(m_owner->previewSize.height(), m_owner->previewSize.width(), CV_8UC3,
                                cv::Scalar(40, 120, 200));
                            QByteArray frame(8, '\0');
                            qToBigEndian<quint32>(1, frame.data()); // PREVIEW_IMAGE
                            qToBigEndian<quint32>(1, frame.data() + 4); // JPEG
                            frame += encode(image, ".jpg");
                            if (QWebSocket* ws = m_clients.value(sid))
                                ws->sendBinaryMessage(frame);
                            return true;
                        });
                    }
                    if (s == m_owner->holdAtStep) {
                        m_actions.push_back([this, sid, id, node, with] {
                            if (!m_interruptRequested)
                                return false;
                            send(sid, QStringLiteral("execution_interrupted"),
                                with({ { QStringLiteral("node_id"), node },
                                    { QStringLiteral("node_type"), QStringLiteral("KSampler") },
                                    { QStringLiteral("executed"), QJsonArray() } }));
                            send(sid, QStringLiteral("executing"),
                                with({ { QStringLiteral("node"), QJsonValue::Null } }));
                            m_actions.clear();
                            endRun(id, true);
                            return false;
                        });
                    }
                }
            }
            if (type == QLatin1String("SaveImage")) {
                m_actions.push_back([this, sid, id, node, run, outputs, with] {
                    const auto [w, h, batch] = latentOf(run.graph, node);
                    const QString prefix = run.graph.value(node)
                                               .toObject()
                                               .value(QStringLiteral("inputs"))
                                               .toObject()
                                               .value(QStringLiteral("filename_prefix"))
                                               .toString();
                    QJsonArray images;
                    for (int k = 0; k < batch; ++k) {
                        const QString name
                            = QStringLiteral("%1_%2_.png").arg(prefix).arg(++m_saved, 5, 10, QLatin1Char('0'));
                        const cv::Mat image(h, w, CV_8UC3, cv::Scalar(10 * k, 100, 200));
                        m_files.insert(QStringLiteral("output//") + name, encode(image, ".png"));
                        images.append(QJsonObject { { QStringLiteral("filename"), name },
                            { QStringLiteral("subfolder"), QString() },
                            { QStringLiteral("type"), QStringLiteral("output") } });
                    }
                    const QJsonObject output { { QStringLiteral("images"), images } };
                    outputs->insert(node, output);
                    send(sid, QStringLiteral("executed"),
                        with({ { QStringLiteral("node"), node }, { QStringLiteral("display_node"), node },
                            { QStringLiteral("output"), output } }));
                    return true;
                });
            }
        }
        if (m_owner->gate) {
            auto gate = m_owner->gate;
            auto since = std::make_shared<QElapsedTimer>();
            m_actions.push_back([gate, since] {
                if (!since->isValid())
                    since->start();
                return gate->arrived.load() >= gate->needed || since->elapsed() > gate->fallbackMs;
            });
        }
        m_actions.push_back([this, sid, id, outputs, with] {
            m_history.insert(id,
                QJsonObject {
                    { QStringLiteral("prompt"), QJsonArray { 0, id, runOf(id).graph, QJsonObject(), QJsonArray() } },
                    { QStringLiteral("outputs"), *outputs },
                    { QStringLiteral("status"),
                        QJsonObject { { QStringLiteral("status_str"), QStringLiteral("success") },
                            { QStringLiteral("completed"), true }, { QStringLiteral("messages"), QJsonArray() } } },
                    { QStringLiteral("meta"), QJsonObject() } });
            m_historyLag.insert(id, m_owner->historyLag);
            send(sid, QStringLiteral("executing"), with({ { QStringLiteral("node"), QJsonValue::Null } }));
            send(sid, QStringLiteral("execution_success"), with({ { QStringLiteral("timestamp"), 2 } }));
            m_actions.pop_front();
            endRun(id, false);
            return false;
        });
        m_tick.start();
    }

    void step()
    {
        while (!m_actions.empty()) {
            Action action = m_actions.front();
            if (!action())
                return;
            if (!m_actions.empty())
                m_actions.pop_front();
        }
        if (m_running.isEmpty() && m_waiting.isEmpty())
            m_tick.stop();
    }

    FakeComfyUI* m_owner;
    QMap<QString, QWebSocket*> m_clients;
    QMap<QString, QJsonObject> m_history;
    QMap<QString, int> m_historyLag;
    QMap<QString, QByteArray> m_files; ///< "type/subfolder/filename" -> bytes
    QStringList m_uploadNames;
    QMap<QString, QByteArray> m_uploadBytes;
    QStringList m_waiting;
    QString m_running;
    bool m_interruptRequested = false;
    int m_number = 0;
    int m_saved = 0;
    std::deque<Action> m_actions;
    QTimer m_tick;
};

FakeComfyUI::FakeComfyUI()
    : m_thread(new QThread)
    , m_context(new QObject)
{
    m_context->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server = new Server(this);
            m_port = m_server->listen(QHostAddress::LocalHost, 0);
        },
        Qt::BlockingQueuedConnection);
}

FakeComfyUI::~FakeComfyUI()
{
    QMetaObject::invokeMethod(
        m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context;
    delete m_thread;
}

QUrl FakeComfyUI::url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

QList<Request> FakeComfyUI::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

QList<Run> FakeComfyUI::runs() const
{
    std::lock_guard lock(m_mutex);
    return m_runs;
}

QStringList FakeComfyUI::wsAuthorizations() const
{
    std::lock_guard lock(m_mutex);
    return m_wsAuthorizations;
}

QList<QByteArray> FakeComfyUI::interrupts() const
{
    std::lock_guard lock(m_mutex);
    return m_interrupts;
}

QList<QByteArray> FakeComfyUI::queueChanges() const
{
    std::lock_guard lock(m_mutex);
    return m_queueChanges;
}

QMap<QString, QByteArray> FakeComfyUI::uploads() const
{
    std::lock_guard lock(m_mutex);
    return m_uploads;
}

int FakeComfyUI::count(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    return int(std::count_if(m_requests.begin(), m_requests.end(), [&](const Request& r) { return r.path == path; }));
}

} // namespace fake
