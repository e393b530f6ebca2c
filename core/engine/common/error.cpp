// SPDX-License-Identifier: MIT
#include "engine/common/error.h"

namespace easel::engine {

std::string fileError(const std::string& path, const std::string& message)
{
    return path + ": " + message;
}

std::string tensorError(const std::string& path, const std::string& tensor, const std::string& message)
{
    return path + ": tensor '" + tensor + "': " + message;
}

} // namespace easel::engine
