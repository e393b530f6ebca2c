// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace easel::engine {

/// The one exception type the engine throws for problems a user can act on
/// (bad model file, unsupported architecture, invalid parameters). Its message is a
/// single line meant for people: it names the file and, where there is one, the tensor.
/// Everything else (c10::Error, std::bad_alloc) is caught at the job boundary.
class EngineError : public std::runtime_error {
public:
    enum class Kind {
        InvalidInput, ///< a file or parameter is wrong; fixing the input fixes it
        Unsupported, ///< a valid thing Easel cannot use (pickle checkpoints, unknown architecture)
        OutOfMemory, ///< an allocation failed after every fallback
        Cancelled, ///< the job's cancel token was set
        Internal, ///< a bug
    };

    explicit EngineError(const std::string& message, Kind kind = Kind::InvalidInput)
        : std::runtime_error(message)
        , m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

/// "file: message" or "file: tensor 'name': message".
std::string fileError(const std::string& path, const std::string& message);
std::string tensorError(const std::string& path, const std::string& tensor, const std::string& message);

} // namespace easel::engine
