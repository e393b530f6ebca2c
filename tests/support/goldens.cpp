// SPDX-License-Identifier: MIT
#include "support/goldens.h"

#include "support/testdata.h"

#include "engine/weights/safetensors.h"

#include <ATen/ATen.h>

#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

namespace easel::test {

const nlohmann::json& goldenManifest(const std::string& set)
{
    static std::map<std::string, nlohmann::json> manifests;
    auto& manifest = manifests[set];
    if (manifest.is_null()) {
        std::ifstream in(testDataFile(set + "/manifest.json"));
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Python's json writes bare NaN / Infinity / -Infinity (unused scheduler fields); JSON has none.
        std::string clean;
        clean.reserve(text.size());
        bool inString = false;
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (inString) {
                clean += c;
                if (c == '\\' && i + 1 < text.size())
                    clean += text[++i];
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            bool replaced = false;
            for (const char* word : { "-Infinity", "Infinity", "NaN" }) {
                const size_t n = std::char_traits<char>::length(word);
                if (text.compare(i, n, word) == 0) {
                    clean += "null";
                    i += n - 1;
                    replaced = true;
                    break;
                }
            }
            if (!replaced)
                clean += c;
        }
        manifest = nlohmann::json::parse(clean);
    }
    return manifest;
}

const nlohmann::json& goldenCase(const std::string& id, const std::string& set)
{
    for (const nlohmann::json& c : goldenManifest(set)["cases"]) {
        if (c["id"] == id)
            return c;
    }
    throw std::runtime_error("no golden case " + id);
}

std::vector<nlohmann::json> goldenCases(const std::string& component, const std::string& set)
{
    std::vector<nlohmann::json> cases;
    for (const nlohmann::json& c : goldenManifest(set)["cases"]) {
        if (c["component"] == component)
            cases.push_back(c);
    }
    return cases;
}

at::Tensor goldenTensor(const std::string& file, const std::string& key, const std::string& set)
{
    static std::map<std::string, std::shared_ptr<engine::SafetensorsFile>> files;
    auto& f = files[set + "/" + file];
    if (!f)
        f = std::make_shared<engine::SafetensorsFile>(testDataFile(set + "/" + file));
    return f->tensor(key).clone();
}

std::string compareTensors(const at::Tensor& actualIn, const at::Tensor& expectedIn, double rtol, double atol)
{
    if (!actualIn.defined())
        return "actual tensor is undefined";
    if (actualIn.sizes() != expectedIn.sizes()) {
        std::ostringstream s;
        s << "shape " << actualIn.sizes() << " != expected " << expectedIn.sizes();
        return s.str();
    }
    const at::Tensor actual = actualIn.detach().to(at::kCPU, at::kDouble);
    const at::Tensor expected = expectedIn.detach().to(at::kCPU, at::kDouble);
    if (!at::isfinite(actual).all().item<bool>())
        return "actual has NaN or inf";
    const at::Tensor diff = (actual - expected).abs();
    const at::Tensor excess = diff - (atol + rtol * expected.abs());
    const int64_t worst = excess.flatten().argmax().item<int64_t>();
    if (excess.flatten()[worst].item<double>() <= 0)
        return {};
    std::ostringstream s;
    s << "max |diff| " << diff.max().item<double>() << "; worst at flat index " << worst << ": actual "
      << actual.flatten()[worst].item<double>() << " expected " << expected.flatten()[worst].item<double>()
      << " (rtol " << rtol << ", atol " << atol << ")";
    return s.str();
}

} // namespace easel::test
