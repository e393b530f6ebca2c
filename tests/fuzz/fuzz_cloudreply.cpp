// SPDX-License-Identifier: MIT
// libFuzzer target for the cloud services' answers: OpenAI's /images/generations (OpenAiBackend::readReply)
// and Stability AI's generate endpoints, as JSON or as a raw image with its headers
// (StabilityBackend::readReply). Byte 0 picks the service and the content type, byte 1 the HTTP status, the
// rest is the body. An answer gives images (each with its bytes and type) and no error, or no image and an
// error of a kind with a one-line message; never a crash.

#include "fuzzsupport.h"

#include "backends/cloudhttp.h"
#include "backends/openaibackend.h"
#include "backends/stabilitybackend.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    static const int statuses[] = { 200, 200, 200, 200, 400, 401, 402, 403, 408, 429, 500, 502, 503, 504, 404, 0 };
    HttpReply reply;
    reply.status = statuses[data[1] % 16];
    reply.body = QByteArray(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));
    reply.networkErrorText = QStringLiteral("Connection refused");
    reply.timedOut = (data[1] & 0x40) != 0;
    reply.cancelled = (data[1] & 0x80) != 0 && !reply.timedOut;
    if (data[1] & 0x10)
        reply.headers << qMakePair(QByteArray("retry-after"), QByteArray("7"));

    BackendResult result;
    switch (data[0] % 3) {
    case 0:
        reply.headers << qMakePair(QByteArray("content-type"), QByteArray("application/json"));
        OpenAiBackend::readReply(reply, QStringLiteral("dall-e-3"), QStringLiteral("standard"), 60, result);
        break;
    case 1:
        reply.headers << qMakePair(QByteArray("content-type"), QByteArray("application/json; charset=utf-8"));
        StabilityBackend::readReply(reply, QStringLiteral("sd3.5-large"), QStringLiteral("1:1"), 60, result);
        break;
    default:
        reply.headers << qMakePair(QByteArray("content-type"), QByteArray("image/png"))
                      << qMakePair(
                             QByteArray("finish-reason"), QByteArray(data[0] & 0x80 ? "CONTENT_FILTERED" : "SUCCESS"))
                      << qMakePair(QByteArray("seed"), QByteArray("42"));
        StabilityBackend::readReply(reply, QStringLiteral("stable-image-core"), QStringLiteral("16:9"), 60, result);
        break;
    }
    if (result.images.isEmpty()) {
        FUZZ_CHECK(result.error.kind != BackendErrorKind::None);
        FUZZ_CHECK(!result.error.message.isEmpty());
        FUZZ_CHECK(!result.error.message.contains(QLatin1Char('\n')));
    } else {
        FUZZ_CHECK(reply.status == 200 && !reply.timedOut && !reply.cancelled);
        FUZZ_CHECK(result.error.kind == BackendErrorKind::None);
        for (const BackendImage& image : std::as_const(result.images))
            FUZZ_CHECK(!image.encoded.isEmpty() && !image.mimeType.isEmpty());
    }
    return 0;
}
