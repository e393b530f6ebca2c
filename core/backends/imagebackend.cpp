// SPDX-License-Identifier: MIT
#include "backends/imagebackend.h"

namespace easel {

QString backendErrorKindName(BackendErrorKind kind)
{
    switch (kind) {
    case BackendErrorKind::None:
        return QStringLiteral("none");
    case BackendErrorKind::BadRequest:
        return QStringLiteral("bad-request");
    case BackendErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case BackendErrorKind::NoCredit:
        return QStringLiteral("no-credit");
    case BackendErrorKind::RateLimited:
        return QStringLiteral("rate-limited");
    case BackendErrorKind::Refused:
        return QStringLiteral("refused");
    case BackendErrorKind::Timeout:
        return QStringLiteral("timeout");
    case BackendErrorKind::Server:
        return QStringLiteral("server");
    case BackendErrorKind::Network:
        return QStringLiteral("network");
    case BackendErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case BackendErrorKind::Budget:
        return QStringLiteral("budget");
    }
    return {};
}

} // namespace easel
