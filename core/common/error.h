// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace easel {

/// The exception of core's domain code (image tools, image files, gallery, downloads) for problems a
/// person can act on: a bad file, a bad value. Its message is one line that names the file. Like the
/// engine's EngineError, it is caught once, at the job or command boundary.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

} // namespace easel
