// SPDX-License-Identifier: MIT
#include "engine/bench/procstats.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unistd.h>
#include <vector>

namespace easel::engine {

namespace {

namespace fs = std::filesystem;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

double procStatusMiB(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) == 0)
            return std::strtod(line.c_str() + key.size(), nullptr) / 1024.0;
    }
    return kNone;
}

} // namespace

double peakRssMiB()
{
    return procStatusMiB("VmHWM");
}

double currentRssMiB()
{
    return procStatusMiB("VmRSS");
}

bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return bool(out);
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one.empty() ? "unknown" : one + " " + five + " " + fifteen;
}

void evictFromPageCache(const std::string& path)
{
    const fs::path root(path);
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
        for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
            if (entry.is_regular_file(ec) && entry.path().extension() == ".safetensors")
                files.push_back(entry.path());
        }
    } else {
        files.push_back(root);
    }
    for (const fs::path& file : files) {
        const int fd = ::open(file.c_str(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

} // namespace easel::engine
