// SPDX-License-Identifier: MIT
// Replays a fuzz corpus through LLVMFuzzerTestOneInput without libFuzzer, so CI (built with any
// compiler) runs every saved input on each build. Usage: replay DIR_OR_FILE...
// Fails (exit 1) when a path is missing or unreadable, when a folder holds no input, or when no path
// is given: a corpus that went missing must not read as a pass.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

/// The inputs named by \a arg: the regular files of a folder (sorted, so runs are repeatable) or the
/// file itself. Prints why and returns false when there are none.
bool inputsOf(const char* arg, std::vector<std::filesystem::path>& files)
{
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(arg, error);
    if (!std::filesystem::exists(status)) {
        std::fprintf(stderr, "replay: %s: no such file or folder\n", arg);
        return false;
    }
    if (!std::filesystem::is_directory(status)) {
        files.emplace_back(arg);
        return true;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(arg, error)) {
        if (entry.is_regular_file())
            found.push_back(entry.path());
    }
    if (error) {
        std::fprintf(stderr, "replay: %s: cannot list the folder (%s)\n", arg, error.message().c_str());
        return false;
    }
    if (found.empty()) {
        std::fprintf(stderr, "replay: %s: the corpus folder holds no input\n", arg);
        return false;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 1;
    }
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        if (!inputsOf(argv[i], files))
            return 1;
    }
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "replay: %s: cannot open\n", file.string().c_str());
            return 1;
        }
        const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // An exact-size heap copy, so a sanitizer build catches reads past the end.
        std::vector<uint8_t> copy(bytes);
        LLVMFuzzerTestOneInput(copy.data(), copy.size());
    }
    std::printf("replayed %zu inputs\n", files.size());
    return 0;
}
