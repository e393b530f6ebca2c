// SPDX-License-Identifier: MIT
#include "fuzzsupport.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace easel::fuzz {

namespace {

    struct Scratch {
        Scratch()
        {
            const char* tmp = std::getenv("TMPDIR");
            std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/easel-fuzz-XXXXXX";
            if (!mkdtemp(pattern.data())) {
                std::perror("easel fuzz: mkdtemp");
                std::abort();
            }
            path = pattern;
        }
        ~Scratch()
        {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
        std::string path;
    };

} // namespace

const std::string& scratchDir()
{
    static const Scratch scratch;
    return scratch.path;
}

void writeFile(const std::string& path, const void* data, size_t size)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), std::streamsize(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "easel fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
}

std::string safetensorsBytes(const std::string& header, const std::string& data)
{
    std::string bytes(8, '\0');
    uint64_t length = header.size();
    for (int i = 0; i < 8; ++i)
        bytes[size_t(i)] = char((length >> (8 * i)) & 0xff);
    return bytes + header + data;
}

} // namespace easel::fuzz
