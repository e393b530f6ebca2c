// SPDX-License-Identifier: MIT
#pragma once

// Small helpers the key maps share for reading checkpoint key names.

#include <cstdlib>
#include <string>

namespace easel::engine::keys {

inline bool startsWith(const std::string& s, const std::string& prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

inline bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Parses "<number>.<rest>" at `pos` (advancing past the dot); false when there is no number there.
inline bool takeIndex(const std::string& key, size_t& pos, int& index)
{
    size_t end = pos;
    while (end < key.size() && key[end] >= '0' && key[end] <= '9')
        ++end;
    if (end == pos || end >= key.size() || key[end] != '.' || end - pos > 6)
        return false;
    index = std::atoi(key.c_str() + pos);
    pos = end + 1;
    return true;
}

} // namespace easel::engine::keys
