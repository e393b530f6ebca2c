// SPDX-License-Identifier: MIT
#include "engine/common/precisionchoice.h"

#include "engine/common/runtime.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/version.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace easel::engine {

namespace {

    namespace fs = std::filesystem;
    using nlohmann::json;

    // 2: the fused bf16 GroupNorm and the direct oneDNN convolutions changed which format is fastest, so
    // choices measured before them are measured again.
    constexpr int kCacheVersion = 2;

    bool valid(double seconds) { return std::isfinite(seconds) && seconds > 0; }

    // The whole file, or nullopt (missing: no warning; unreadable or not an object: a warning).
    std::optional<json> readJson(const std::string& file, std::string* warning)
    {
        std::error_code ec;
        if (!fs::exists(file, ec))
            return std::nullopt;
        std::ifstream in(file, std::ios::binary);
        json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
        if (!in.good() && !in.eof())
            doc = json::value_t::discarded;
        // An older Easel's cache is measured again without a word: its kernels were other ones.
        if (doc.is_object() && doc.contains("version") && doc["version"].is_number_integer()
            && doc["version"].get<int64_t>() >= 1 && doc["version"].get<int64_t>() < kCacheVersion)
            return std::nullopt;
        if (doc.is_discarded() || !doc.is_object() || doc.value("version", 0) != kCacheVersion) {
            if (warning)
                *warning = file + ": not a precision cache Easel can read; ignored (measuring again)";
            return std::nullopt;
        }
        return doc;
    }

} // namespace

const char* componentKey(EngineComponent component)
{
    switch (component) {
    case EngineComponent::TextEncoder:
        return "text_encoder";
    case EngineComponent::Unet:
        return "unet";
    case EngineComponent::VaeDecoder:
        return "vae_decoder";
    case EngineComponent::VaeEncoder:
        return "vae_encoder";
    case EngineComponent::Count:
        break;
    }
    return "unknown";
}

std::string ComputeFormat::name() const
{
    return std::string(dtype == at::kBFloat16 ? "bf16"
                   : dtype == at::kHalf       ? "fp16"
                                              : "fp32")
        + (channelsLast ? "-cl" : "");
}

std::optional<ComputeFormat> ComputeFormat::parse(const std::string& name)
{
    ComputeFormat f;
    std::string base = name;
    const std::string cl = "-cl";
    if (base.size() > cl.size() && base.compare(base.size() - cl.size(), cl.size(), cl) == 0) {
        f.channelsLast = true;
        base.resize(base.size() - cl.size());
    }
    if (base == "fp32")
        f.dtype = at::kFloat;
    else if (base == "bf16")
        f.dtype = at::kBFloat16;
    else
        return std::nullopt;
    return f;
}

void applyComputeFormat(torch::nn::Module& module, const ComputeFormat& format)
{
    at::NoGradGuard noGrad;
    const at::MemoryFormat layout = format.channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
    for (at::Tensor& p : module.parameters()) {
        at::Tensor t = p.scalar_type() == format.dtype ? p : p.to(format.dtype);
        if (t.dim() == 4)
            t = t.contiguous(layout);
        if (!t.is_same(p))
            p.set_data(t);
    }
}

void prepareComputeFormat(torch::nn::Module& module, const ComputeFormat& format)
{
    const at::MemoryFormat layout = format.channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
    for (at::Tensor& p : module.parameters()) {
        // channels_last is a 4-d layout: biases, norms and linear weights stay contiguous
        const at::MemoryFormat own = p.dim() == 4 ? layout : at::MemoryFormat::Contiguous;
        if (p.scalar_type() != format.dtype || !p.is_contiguous(own))
            p.set_data(at::empty(p.sizes(), p.options().dtype(format.dtype).memory_format(own)));
    }
}

CpuFacts currentCpuFacts()
{
    CpuFacts cpu;
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.compare(0, 10, "model name") == 0) {
            const size_t colon = line.find(':');
            if (colon != std::string::npos)
                cpu.model = line.substr(line.find_first_not_of(" \t", colon + 1));
            break;
        }
    }
    if (cpu.model.empty())
        cpu.model = "unknown CPU";
    cpu.fastBf16 = cpuHasFastBf16();
    cpu.threads = at::get_num_threads();
    return cpu;
}

ComputeFormat chooseFormat(const ComponentTimings& timings, const CpuFacts& cpu, double margin)
{
    const ComputeFormat fp32;
    const auto reference = timings.find(fp32.name());
    if (reference == timings.end() || !valid(reference->second))
        return fp32;
    ComputeFormat best = fp32;
    double bestSeconds = reference->second;
    const double limit = reference->second * (1.0 - margin);
    for (const auto& [name, seconds] : timings) {
        const std::optional<ComputeFormat> f = ComputeFormat::parse(name);
        if (!f || !valid(seconds) || seconds > limit || seconds >= bestSeconds)
            continue;
        if (f->dtype == at::kBFloat16 && !cpu.fastBf16)
            continue;
        best = *f;
        bestSeconds = seconds;
    }
    // bf16: channels_last within 15% of the plain layout is taken. The probe runs the UNet's first two levels
    // at a small size, where the direct oneDNN convolutions (models/directconv.h, channels_last only) gain
    // least; over a whole step channels_last measured 1.9x faster at 256x256 and 9% at 512x512 on a machine
    // whose probe put it 11% behind.
    constexpr double kChannelsLastTolerance = 0.15;
    if (best.dtype == at::kBFloat16 && !best.channelsLast) {
        ComputeFormat cl = best;
        cl.channelsLast = true;
        const auto it = timings.find(cl.name());
        if (it != timings.end() && valid(it->second) && it->second <= limit
            && it->second <= bestSeconds * (1.0 + kChannelsLastTolerance))
            best = cl;
    }
    return best;
}

ComputePlan choosePlan(const PlanTimings& timings, const CpuFacts& cpu, double margin)
{
    ComputePlan plan;
    for (size_t i = 0; i < kEngineComponents; ++i)
        plan[i] = chooseFormat(timings[i], cpu, margin);
    return plan;
}

std::string planCacheKey(const CpuFacts& cpu, const std::string& architecture)
{
    return cpu.model + " | " + std::to_string(cpu.threads) + (cpu.threads == 1 ? " thread" : " threads")
        + " | libtorch " TORCH_VERSION + (architecture.empty() ? "" : " | " + architecture);
}

std::optional<PlanCacheEntry> readPlanCache(const std::string& file, const std::string& key, std::string* warning)
{
    const std::optional<json> doc = readJson(file, warning);
    if (!doc)
        return std::nullopt;
    const json machines = doc->value("machines", json::object());
    if (!machines.is_object() || !machines.contains(key))
        return std::nullopt;
    const json& entry = machines.at(key);
    PlanCacheEntry out;
    try {
        for (size_t i = 0; i < kEngineComponents; ++i) {
            const json& component = entry.at(componentKey(EngineComponent(i)));
            const std::optional<ComputeFormat> f = ComputeFormat::parse(component.at("format").get<std::string>());
            if (!f)
                throw std::runtime_error("format");
            out.plan[i] = *f;
            const json seconds = component.value("seconds", json::object());
            for (auto it = seconds.begin(); it != seconds.end(); ++it)
                out.timings[i][it.key()] = it.value().get<double>();
        }
    } catch (const std::exception&) {
        if (warning)
            *warning = file + ": the entry for '" + key + "' is not a precision plan; ignored (measuring again)";
        return std::nullopt;
    }
    return out;
}

bool writePlanCache(const std::string& file, const std::string& key, const PlanCacheEntry& entry, std::string* error)
{
    json doc = readJson(file, nullptr).value_or(json::object());
    doc["version"] = kCacheVersion;
    if (!doc.contains("machines") || !doc["machines"].is_object())
        doc["machines"] = json::object();
    json machine = json::object();
    for (size_t i = 0; i < kEngineComponents; ++i) {
        json seconds = json::object();
        for (const auto& [name, s] : entry.timings[i]) {
            if (valid(s))
                seconds[name] = s;
        }
        machine[componentKey(EngineComponent(i))] = { { "format", entry.plan[i].name() }, { "seconds", seconds } };
    }
    doc["machines"][key] = machine;

    // Atomic: a temporary file beside the target, flushed and renamed over it.
    std::error_code ec;
    const fs::path target(file);
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    const std::string temporary = file + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << doc.dump(2) << "\n";
        out.flush();
        if (!out.good()) {
            fs::remove(temporary, ec);
            if (error)
                *error = file + ": cannot write the precision cache";
            return false;
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        if (error)
            *error = file + ": cannot write the precision cache";
        return false;
    }
    return true;
}

ComputePlan resolveComputePlan(const std::string& cacheFile, const CpuFacts& cpu, const std::string& architecture,
    std::optional<at::ScalarType> forced, const std::function<PlanTimings()>& measure, std::string* warning)
{
    if (forced) {
        ComputePlan plan;
        for (ComputeFormat& f : plan)
            f.dtype = *forced;
        return plan;
    }
    const std::string key = planCacheKey(cpu, architecture);
    if (!cacheFile.empty()) {
        if (std::optional<PlanCacheEntry> cached = readPlanCache(cacheFile, key, warning))
            return cached->plan;
    }
    PlanCacheEntry entry;
    if (measure)
        entry.timings = measure();
    entry.plan = choosePlan(entry.timings, cpu);
    if (!cacheFile.empty()) {
        std::string error;
        if (!writePlanCache(cacheFile, key, entry, &error) && warning)
            *warning = error;
    }
    return entry.plan;
}

} // namespace easel::engine
