// SPDX-License-Identifier: MIT
#include "engine/weights/modelfiles.h"

#include "engine/common/error.h"
#include "engine/weights/keyparsing.h"

#include <ATen/ATen.h>
#include <torch/nn/module.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <sys/mman.h>
#include <sys/stat.h>

namespace easel::engine {

namespace {

using keys::endsWith;
using keys::startsWith;

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
    throw EngineError(fileError(path, message));
}



bool isDirectory(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool isFile(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string joinPath(const std::string& dir, const std::string& name)
{
    return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

nlohmann::json readJsonFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, std::string("cannot read: ") + std::strerror(errno));
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        fail(path, "is not a valid JSON object");
    return json;
}

// Tensors that are stored in some checkpoints but are not weights of any component.
bool isNonWeight(const std::string& key)
{
    return endsWith(key, "position_ids") || endsWith(key, "logit_scale") || endsWith(key, "attn_mask");
}

void addToSummary(ComponentSummary& summary, const TensorEntry& entry)
{
    summary.parameters += entry.numel();
    summary.tensors += 1;
    summary.bytes += entry.byteSize();
    summary.dtypes[dtypeName(entry.dtype)] += 1;
}

// The text-encoder prefixes of single-file checkpoints, most specific first.
struct TextPrefix {
    const char* prefix;
    Component component;
    TextEncoderNaming naming;
};

constexpr TextPrefix kTextPrefixes[] = {
    { "conditioner.embedders.0.transformer.", Component::TextEncoder, TextEncoderNaming::HfClip }, // SDXL base
    { "conditioner.embedders.1.model.", Component::TextEncoder2, TextEncoderNaming::OpenClip }, // SDXL base
    { "conditioner.embedders.0.model.", Component::TextEncoder2, TextEncoderNaming::OpenClip }, // SDXL refiner
    { "cond_stage_model.transformer.", Component::TextEncoder, TextEncoderNaming::HfClip }, // SD 1.x
    { "cond_stage_model.model.", Component::TextEncoder, TextEncoderNaming::OpenClip }, // SD 2.x
};

constexpr const char* kUnetPrefix = "model.diffusion_model.";
constexpr const char* kVaePrefix = "first_stage_model.";

ModelFamily familyFromContextDim(int64_t contextDim, bool hasLabelEmbedding)
{
    if (hasLabelEmbedding)
        return contextDim == 1280 ? ModelFamily::SDXLRefiner : ModelFamily::SDXLBase;
    switch (contextDim) {
    case 768: return ModelFamily::SD1;
    case 1024: return ModelFamily::SD2;
    default: return ModelFamily::Unknown;
    }
}

std::string firstKeys(const std::vector<TensorEntry>& tensors, size_t n)
{
    std::string s;
    for (size_t i = 0; i < tensors.size() && i < n; ++i)
        s += (i ? ", " : "") + tensors[i].name;
    return s.empty() ? "no tensors at all" : s;
}

bool looksLikeLora(const std::vector<TensorEntry>& tensors)
{
    for (const TensorEntry& e : tensors) {
        if (startsWith(e.name, "lora_unet_") || startsWith(e.name, "lora_te") || e.name.find(".lora_down.") != std::string::npos
            || e.name.find(".lora_A.") != std::string::npos)
            return true;
    }
    return false;
}

// A1111 reads "<stem>.yaml" (the original LDM config) next to a checkpoint; the only thing Easel
// takes from it is whether the model predicts v.
std::optional<bool> yamlSaysVPrediction(const std::string& yamlPath)
{
    std::ifstream in(yamlPath);
    if (!in)
        return std::nullopt;
    static const std::regex parameterization(R"(^\s*parameterization:\s*["']?(\w+))");
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, parameterization))
            return m[1] == "v";
    }
    return std::nullopt;
}

std::string stemPath(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    const size_t dot = path.find_last_of('.');
    return dot != std::string::npos && (slash == std::string::npos || dot > slash) ? path.substr(0, dot) : path;
}

} // namespace

const char* layoutName(ModelLayout layout)
{
    switch (layout) {
    case ModelLayout::SingleFile: return "single-file (original LDM keys)";
    case ModelLayout::Diffusers: return "diffusers folder";
    case ModelLayout::StandaloneVae: return "standalone VAE";
    }
    return "unknown";
}

const char* familyName(ModelFamily family)
{
    switch (family) {
    case ModelFamily::SD1: return "SD 1.x";
    case ModelFamily::SD2: return "SD 2.x";
    case ModelFamily::SDXLBase: return "SDXL base";
    case ModelFamily::SDXLRefiner: return "SDXL refiner";
    case ModelFamily::Unknown: break;
    }
    return "unknown";
}

const ComponentSummary* ModelInfo::component(Component c) const
{
    for (const ComponentSummary& s : components) {
        if (s.component == c)
            return &s;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// ComponentWeights

ComponentWeights::ComponentWeights(Component component, std::map<std::string, Source> tensors)
    : m_component(component)
    , m_tensors(std::move(tensors))
{
}

std::vector<std::string> ComponentWeights::names() const
{
    std::vector<std::string> names;
    names.reserve(m_tensors.size());
    for (const auto& [name, source] : m_tensors)
        names.push_back(name);
    return names;
}

const ComponentWeights::Source& ComponentWeights::source(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end()) {
        const std::string file = m_tensors.empty() ? std::string("model") : m_tensors.begin()->second.file->path();
        throw EngineError(tensorError(file, name, std::string("missing from the ") + componentName(m_component)
                + " weights (incomplete file or a different architecture)"));
    }
    return it->second;
}

std::vector<int64_t> ComponentWeights::shape(const std::string& name) const
{
    const Source& s = source(name);
    std::vector<int64_t> shape = s.entry->shape;
    switch (s.op) {
    case KeyOp::Identity: break;
    case KeyOp::ChunkQ:
    case KeyOp::ChunkK:
    case KeyOp::ChunkV:
        if (!shape.empty())
            shape[0] /= 3;
        break;
    case KeyOp::Transpose:
        if (shape.size() == 2)
            std::swap(shape[0], shape[1]);
        break;
    case KeyOp::Conv1x1ToLinear:
        if (shape.size() == 4)
            shape.resize(2);
        break;
    }
    return shape;
}

std::map<std::string, std::vector<int64_t>> ComponentWeights::shapes() const
{
    std::map<std::string, std::vector<int64_t>> result;
    for (const auto& [name, source] : m_tensors)
        result[name] = shape(name);
    return result;
}

at::Tensor ComponentWeights::get(const std::string& name) const
{
    const Source& s = source(name);
    return applyOp(s, s.file->tensor(*s.entry));
}

at::Tensor ComponentWeights::read(const std::string& name, at::Tensor& buffer) const
{
    const Source& s = source(name);
    return applyOp(s, s.file->read(*s.entry, buffer));
}

bool ComponentWeights::maps(const std::string& name, const at::Tensor& t) const
{
    return source(name).file->maps(t);
}

at::Tensor ComponentWeights::applyOp(const Source& s, const at::Tensor& stored) const
{
    auto bad = [&](const char* what) {
        throw EngineError(tensorError(s.file->path(), s.entry->name, what));
    };
    switch (s.op) {
    case KeyOp::Identity: return stored;
    case KeyOp::ChunkQ:
    case KeyOp::ChunkK:
    case KeyOp::ChunkV: {
        if (stored.dim() < 1 || stored.size(0) % 3 != 0)
            bad("fused q/k/v tensor's first dimension is not a multiple of 3");
        const int64_t third = stored.size(0) / 3;
        const int64_t index = s.op == KeyOp::ChunkQ ? 0 : s.op == KeyOp::ChunkK ? 1 : 2;
        return stored.narrow(0, index * third, third);
    }
    case KeyOp::Transpose:
        if (stored.dim() != 2)
            bad("expected a 2-D tensor to transpose");
        return stored.t();
    case KeyOp::Conv1x1ToLinear:
        if (stored.dim() == 2)
            return stored;
        if (stored.dim() != 4 || stored.size(2) != 1 || stored.size(3) != 1)
            bad("expected a 1x1 convolution weight");
        return stored.reshape({ stored.size(0), stored.size(1) });
    }
    return stored;
}

DType ComponentWeights::storedDType(const std::string& name) const { return source(name).entry->dtype; }

void ComponentWeights::release(const std::string& name) const
{
    const Source& s = source(name);
    s.file->release(*s.entry);
}

std::string ComponentWeights::describe(const std::string& name) const
{
    const Source& s = source(name);
    return s.file->path() + ": tensor '" + s.entry->name + "'";
}

namespace {
std::string shapeText(at::IntArrayRef shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

// The tensors loadModule() fills: every parameter, and the buffers the weights hold.
std::vector<std::pair<std::string, at::Tensor>> loadTargets(torch::nn::Module& module, const ComponentWeights& weights)
{
    std::vector<std::pair<std::string, at::Tensor>> targets;
    for (const auto& item : module.named_parameters(/*recurse=*/true))
        targets.emplace_back(item.key(), item.value());
    for (const auto& item : module.named_buffers(/*recurse=*/true)) {
        if (weights.contains(item.key()))
            targets.emplace_back(item.key(), item.value());
    }
    return targets;
}

// One reduction over the loaded copy, in its own dtype: a NaN or an infinity carries into the sum, and weights
// cannot add up beyond float's or bf16's range. On the full-size SD 1.5 UNet (fp16 file, 2 loaded cores) it
// costs 0.7 s (fp32) / 0.9 s (bf16) against 14 s for isfinite(stored).all(), which builds a bool tensor.
// fp16 sums in float (65504 is within reach of a sum).
bool hasNonFinite(const at::Tensor& t)
{
    if (!t.is_floating_point() || t.numel() == 0)
        return false;
    const at::Tensor sum = t.scalar_type() == at::kHalf ? t.sum(at::kFloat) : t.sum();
    return !std::isfinite(sum.item<double>());
}

size_t tensorBytes(const at::Tensor& t)
{
    return size_t(t.numel()) * t.element_size();
}
} // namespace

size_t loadBytes(torch::nn::Module& module, const ComponentWeights& weights)
{
    size_t bytes = 0;
    for (const auto& [name, target] : loadTargets(module, weights))
        bytes += tensorBytes(target);
    return bytes;
}

namespace {

// The memory loadModule() converts weights into: one anonymous mapping per module, asked for in
// transparent huge pages. Faulting in a model 4 KiB at a time costs more than converting it (in a
// virtual machine, seconds for a full-size UNet); 2 MiB pages take 512 times fewer faults.
class WeightBlock {
public:
    explicit WeightBlock(size_t bytes)
        : m_length(bytes)
    {
        void* address = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (address == MAP_FAILED)
            throw EngineError(std::string("not enough memory for the model's weights: ") + std::strerror(errno));
        m_address = static_cast<uint8_t*>(address);
#ifdef MADV_HUGEPAGE
        ::madvise(address, bytes, MADV_HUGEPAGE); // advice only: without huge pages it works as well
#endif
    }
    ~WeightBlock() { ::munmap(m_address, m_length); }
    WeightBlock(const WeightBlock&) = delete;
    WeightBlock& operator=(const WeightBlock&) = delete;
    uint8_t* at(size_t offset) const { return m_address + offset; }

private:
    uint8_t* m_address = nullptr;
    size_t m_length = 0;
};

constexpr size_t kBlockAlignment = 64; // what libtorch's CPU allocator gives every tensor

size_t alignedBytes(const at::Tensor& t)
{
    return (tensorBytes(t) + kBlockAlignment - 1) / kBlockAlignment * kBlockAlignment;
}

// The layout the target was allocated in (contiguous or channels_last; both dense).
at::MemoryFormat layoutOf(const at::Tensor& t)
{
    return t.dim() == 4 && !t.is_contiguous() && t.is_contiguous(at::MemoryFormat::ChannelsLast)
        ? at::MemoryFormat::ChannelsLast
        : at::MemoryFormat::Contiguous;
}

// The target's strides for its sizes in `layout`.
std::vector<int64_t> stridesFor(at::IntArrayRef sizes, at::MemoryFormat layout)
{
    std::vector<int64_t> strides(sizes.size());
    if (layout == at::MemoryFormat::ChannelsLast && sizes.size() == 4) {
        // N, C, H, W stored as N, H, W, C
        strides[1] = 1;
        strides[3] = std::max<int64_t>(sizes[1], 1);
        strides[2] = strides[3] * std::max<int64_t>(sizes[3], 1);
        strides[0] = strides[2] * std::max<int64_t>(sizes[2], 1);
        return strides;
    }
    int64_t stride = 1;
    for (size_t i = sizes.size(); i-- > 0;) {
        strides[i] = stride;
        stride *= std::max<int64_t>(sizes[i], 1);
    }
    return strides;
}

} // namespace

void loadModule(torch::nn::Module& module, const ComponentWeights& weights, const LoadProgress& progress)
{
    at::NoGradGuard noGrad;
    std::vector<std::pair<std::string, at::Tensor>> targets = loadTargets(module, weights);
    size_t total = 0;
    for (const auto& [name, target] : targets)
        total += tensorBytes(target);

    // First the checks that need no data, and which tensors can view the file as they are.
    std::vector<at::Tensor> views(targets.size());
    size_t blockBytes = 0;
    for (size_t i = 0; i < targets.size(); ++i) {
        const auto& [name, target] = targets[i];
        const std::vector<int64_t> shape = weights.shape(name); // throws, naming the tensor, when missing
        if (at::IntArrayRef(shape) != target.sizes()) {
            throw EngineError(weights.describe(name) + ": shape " + shapeText(shape) + " does not match the model's "
                + shapeText(target.sizes()) + " (wrong architecture or config?)");
        }
        const DType stored = weights.storedDType(name);
        if (target.is_floating_point() && !(stored == DType::F64 || stored == DType::F32 || stored == DType::F16
                || stored == DType::BF16 || stored == DType::F8_E4M3 || stored == DType::F8_E5M2)) {
            // copy_() would turn integers or booleans into weights without a word: a corrupt header.
            throw EngineError(weights.describe(name) + ": stored as " + dtypeName(stored) + ", but a weight of the "
                + componentName(weights.component())
                + " must be a floating-point type (F32, F16 or BF16; corrupt file?)");
        }
        if (!target.device().is_cpu())
            continue;
        if (scalarTypeOf(stored) == target.scalar_type()) {
            at::Tensor view = weights.get(name); // no data read yet: a view of the mapping
            if (weights.maps(name, view) && view.is_contiguous(layoutOf(target))) {
                views[i] = view;
                continue;
            }
        }
        blockBytes += alignedBytes(target);
    }

    std::shared_ptr<WeightBlock> block = blockBytes > 0 ? std::make_shared<WeightBlock>(blockBytes) : nullptr;
    size_t blockOffset = 0;
    at::Tensor buffer; // pread() bounce buffer, reused
    size_t done = 0;
    for (size_t i = 0; i < targets.size(); ++i) {
        auto& [name, target] = targets[i];
        if (progress && !progress(done, total))
            throw EngineError("loading cancelled", EngineError::Kind::Cancelled);
        if (views[i].defined()) {
            if (hasNonFinite(views[i]))
                throw EngineError(weights.describe(name) + ": contains NaN or infinite values (corrupt file?)");
            target.set_data(views[i]);
        } else if (target.device().is_cpu()) {
            const at::MemoryFormat layout = layoutOf(target);
            at::Tensor converted = at::from_blob(block->at(blockOffset), target.sizes(),
                stridesFor(target.sizes(), layout), [block](void*) {}, target.options());
            blockOffset += alignedBytes(target);
            converted.copy_(weights.read(name, buffer));
            if (hasNonFinite(converted))
                throw EngineError(weights.describe(name) + ": contains NaN or infinite values (corrupt file?)");
            target.set_data(converted);
        } else {
            // Another device: copied there from the mapping, whose pages are dropped again.
            target.copy_(weights.get(name));
            if (hasNonFinite(target))
                throw EngineError(weights.describe(name) + ": contains NaN or infinite values (corrupt file?)");
            weights.release(name);
        }
        done += tensorBytes(target);
    }
    if (progress)
        progress(done, total);
}

// ---------------------------------------------------------------------------------------------
// ModelFiles

bool ModelFiles::has(Component c) const
{
    return m_weights.count(c) != 0 || m_pending.count(c) != 0;
}

const ComponentWeights& ModelFiles::weights(Component c) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const auto it = m_weights.find(c); it != m_weights.end())
        return it->second;
    const auto pending = m_pending.find(c);
    if (pending == m_pending.end())
        fail(m_info.path, std::string("this model has no ") + componentName(c));
    const PendingComponent& p = pending->second;
    std::vector<KeyMapping> mapping;
    if (c == Component::Unet)
        mapping = mapUnetKeys(p.originalKeys);
    else if (c == Component::Vae)
        mapping = mapVaeKeys(p.originalKeys);
    else
        mapping = mapTextEncoderKeys(p.originalKeys, p.naming.value_or(TextEncoderNaming::HfClip));
    std::map<std::string, ComponentWeights::Source> sources;
    for (const KeyMapping& m : mapping) {
        const TensorEntry* entry = p.file->find(p.prefix + m.originalKey);
        if (!entry)
            throw EngineError(tensorError(p.file->path(), p.prefix + m.originalKey, "mapped key not found"),
                EngineError::Kind::Internal);
        sources[m.engineName] = { p.file, entry, m.op };
    }
    return m_weights.emplace(c, ComponentWeights(c, std::move(sources))).first->second;
}

nlohmann::json ModelFiles::config(Component c) const
{
    const auto it = m_configs.find(c);
    return it != m_configs.end() ? it->second : nlohmann::json::object();
}

nlohmann::json ModelFiles::schedulerConfig() const
{
    return m_scheduler;
}

std::string ModelFiles::tokenizerDir(int index) const
{
    return index >= 0 && size_t(index) < m_tokenizerDirs.size() ? m_tokenizerDirs[size_t(index)] : std::string();
}

namespace {

// Opens the weight files of one diffusers component folder (single, fp16 variant, or sharded).
std::vector<std::shared_ptr<const SafetensorsFile>> openComponentFiles(const std::string& dir, const std::string& name)
{
    const std::string base = name == "text_encoder" || name == "text_encoder_2" ? "model" : "diffusion_pytorch_model";
    for (const std::string& candidate : { base + ".safetensors", base + ".fp16.safetensors" }) {
        const std::string path = joinPath(dir, candidate);
        if (isFile(path))
            return { std::make_shared<const SafetensorsFile>(path) };
    }
    for (const std::string& indexName : { base + ".safetensors.index.json", base + ".safetensors.index.fp16.json" }) {
        const std::string indexPath = joinPath(dir, indexName);
        if (!isFile(indexPath))
            continue;
        const nlohmann::json index = readJsonFile(indexPath);
        if (!index.contains("weight_map") || !index["weight_map"].is_object())
            fail(indexPath, "has no weight_map");
        std::set<std::string> shards;
        for (const auto& item : index["weight_map"].items()) {
            if (!item.value().is_string())
                fail(indexPath, "weight_map entry '" + item.key() + "' is not a file name");
            const std::string shard = item.value().get<std::string>();
            if (shard.find('/') != std::string::npos || shard == "..")
                fail(indexPath, "weight_map names a file outside the folder: " + shard);
            shards.insert(shard);
        }
        std::vector<std::shared_ptr<const SafetensorsFile>> files;
        for (const std::string& shard : shards)
            files.push_back(std::make_shared<const SafetensorsFile>(joinPath(dir, shard)));
        return files;
    }
    for (const std::string& pickle : { base + ".bin", base + ".fp16.bin", base + ".ckpt" }) {
        if (isFile(joinPath(dir, pickle)))
            fail(joinPath(dir, pickle),
                "is a PyTorch pickle, which Easel does not load: unpickling can run arbitrary code. "
                "Use the .safetensors files of this model");
    }
    fail(dir, "the '" + name + "' component has no " + base + ".safetensors");
}

} // namespace

namespace {

// What the keys of a single-file checkpoint say it holds.
struct SingleFileKeys {
    bool hasUnet = false;
    std::map<Component, std::pair<std::string, TextEncoderNaming>> textPrefixes; ///< prefix and key naming
    std::string vaePrefix;
};

SingleFileKeys classifyKeys(const std::vector<TensorEntry>& tensors)
{
    SingleFileKeys keys;
    for (const TensorEntry& e : tensors) {
        if (startsWith(e.name, kUnetPrefix))
            keys.hasUnet = true;
        else if (startsWith(e.name, kVaePrefix))
            keys.vaePrefix = kVaePrefix;
        for (const TextPrefix& p : kTextPrefixes) {
            if (startsWith(e.name, p.prefix)) {
                keys.textPrefixes.emplace(p.component, std::make_pair(std::string(p.prefix), p.naming));
                break;
            }
        }
    }
    return keys;
}

// A whole checkpoint or a standalone VAE; anything else throws.
ModelLayout singleFileLayout(const std::string& path, const std::vector<TensorEntry>& tensors, const SingleFileKeys& keys)
{
    const bool bareVae = !keys.hasUnet && keys.vaePrefix.empty()
        && std::any_of(tensors.begin(), tensors.end(), [](const TensorEntry& e) {
               return startsWith(e.name, "decoder.conv_in.") || startsWith(e.name, "encoder.conv_in.");
           });
    if (!keys.hasUnet && (bareVae || (!keys.vaePrefix.empty() && keys.textPrefixes.empty())))
        return ModelLayout::StandaloneVae;
    if (!keys.hasUnet) {
        fail(path, "unknown architecture: none of the UNet, VAE or text-encoder keys of SD 1.x, 2.x or XL were "
                   "found (first keys: "
                + firstKeys(tensors, 3) + ")");
    }
    return ModelLayout::SingleFile;
}

// One component of a single file: the tensors under its key prefix.
struct KeyGroup {
    Component component;
    std::string prefix;
    std::optional<TextEncoderNaming> naming;
};

std::vector<KeyGroup> keyGroups(ModelLayout layout, const SingleFileKeys& keys)
{
    std::vector<KeyGroup> groups;
    if (layout == ModelLayout::StandaloneVae) {
        groups.push_back({ Component::Vae, keys.vaePrefix, std::nullopt });
        return groups;
    }
    groups.push_back({ Component::Unet, kUnetPrefix, std::nullopt });
    if (!keys.vaePrefix.empty())
        groups.push_back({ Component::Vae, keys.vaePrefix, std::nullopt });
    for (const auto& [component, prefixNaming] : keys.textPrefixes)
        groups.push_back({ component, prefixNaming.first, prefixNaming.second });
    return groups;
}

// "N tensors that belong to no component were ignored (EMA weights)", or "" when none was.
std::string ignoredTensorsNote(const std::vector<TensorEntry>& tensors, const std::vector<KeyGroup>& groups)
{
    int64_t ignored = 0;
    for (const TensorEntry& e : tensors) {
        const bool claimed = std::any_of(groups.begin(), groups.end(), [&](const KeyGroup& g) {
            return (g.prefix.empty() || startsWith(e.name, g.prefix)) && !isNonWeight(e.name);
        });
        if (!claimed)
            ++ignored;
    }
    if (ignored == 0)
        return std::string();
    const bool ema = std::any_of(
        tensors.begin(), tensors.end(), [](const TensorEntry& e) { return startsWith(e.name, "model_ema."); });
    return std::to_string(ignored) + " tensors that belong to no component were ignored" + (ema ? " (EMA weights)" : "");
}

// The family from the text encoders present, else from the UNet's cross-attention width.
ModelFamily singleFileFamily(
    const std::string& path, const SafetensorsFile& file, const SingleFileKeys& keys, int64_t contextDim)
{
    const auto& text = keys.textPrefixes;
    if (text.count(Component::TextEncoder2))
        return text.count(Component::TextEncoder) ? ModelFamily::SDXLBase : ModelFamily::SDXLRefiner;
    if (text.count(Component::TextEncoder))
        return text.at(Component::TextEncoder).second == TextEncoderNaming::OpenClip ? ModelFamily::SD2 : ModelFamily::SD1;
    if (!keys.hasUnet)
        return ModelFamily::Unknown;
    const bool hasLabelEmbedding = file.contains(std::string(kUnetPrefix) + "label_emb.0.0.weight");
    const ModelFamily family = familyFromContextDim(contextDim, hasLabelEmbedding);
    if (family == ModelFamily::Unknown)
        fail(path, "unknown architecture: a UNet with " + std::to_string(contextDim)
                + "-wide cross-attention and no text encoder matches no SD 1.x, 2.x or XL model");
    return family;
}

// Epsilon or v, and where that came from, most explicit source first: the file's v_pred key, its
// modelspec metadata, the sidecar JSON's scheduler, the A1111 sidecar YAML; else assumed.
void detectSingleFilePrediction(
    ModelInfo& info, const SafetensorsFile& file, const nlohmann::json& scheduler, const std::string& stem)
{
    if (file.contains("v_pred")) {
        info.prediction = Prediction::VPrediction;
        info.predictionSource = "v_pred key in the file";
    } else if (const auto it = info.metadata.find("modelspec.prediction_type"); it != info.metadata.end()) {
        info.prediction = it->second.rfind("v", 0) == 0 ? Prediction::VPrediction : Prediction::Epsilon;
        info.predictionSource = "modelspec metadata";
    } else if (scheduler.contains("prediction_type")) {
        info.prediction = scheduler["prediction_type"] == "v_prediction" ? Prediction::VPrediction : Prediction::Epsilon;
        info.predictionSource = "sidecar " + stem + ".json";
    } else if (const std::optional<bool> v = yamlSaysVPrediction(stem + ".yaml")) {
        info.prediction = *v ? Prediction::VPrediction : Prediction::Epsilon;
        info.predictionSource = "sidecar " + stem + ".yaml";
    } else {
        info.predictionSource = "assumed";
        if (info.family == ModelFamily::SD2)
            info.notes.push_back("SD 2.x 768-v checkpoints predict v: if images come out grey or burnt, put "
                                 "{\"scheduler\": {\"prediction_type\": \"v_prediction\"}} in "
                + stem + ".json");
    }
}

// A config's integer or string, or the fallback when it is missing or of another JSON type (the model's
// own config reader then names the bad value): open() must not throw nlohmann's type errors.
int64_t configInt(const nlohmann::json& config, const char* key, int64_t fallback)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

std::string configString(const nlohmann::json& config, const char* key)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t contextDimOf(const nlohmann::json& unetConfig)
{
    const auto cross = unetConfig.find("cross_attention_dim");
    if (cross == unetConfig.end())
        return 768;
    const nlohmann::json& first = cross->is_array() && !cross->empty() ? (*cross)[0] : *cross;
    return first.is_number_integer() ? first.get<int64_t>() : 0;
}

// A transformers CLIP text encoder's token embedding: its width is the encoder's.
const char* const kTokenEmbedding = "text_model.embeddings.token_embedding.weight";

} // namespace

std::shared_ptr<ModelFiles> ModelFiles::open(const std::string& path)
{
    std::shared_ptr<ModelFiles> model(new ModelFiles());
    model->m_info.path = path;

    struct stat st {};
    if (path.empty())
        throw EngineError("no model path given");
    if (::stat(path.c_str(), &st) != 0)
        fail(path, errno == ENOENT ? "no such file or directory" : std::string("cannot read: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        model->openFolder(path);
    else
        model->openSingleFile(path);
    if (model->m_info.layout != ModelLayout::StandaloneVae)
        model->checkUnetAndTextEncoders();
    return model;
}

void ModelFiles::openFolder(const std::string& path)
{
    const std::string indexPath = joinPath(path, "model_index.json");
    if (!isFile(indexPath)) {
        fail(path, "is a directory without model_index.json, so not a diffusers model folder "
                   "(give a .safetensors checkpoint or a diffusers folder)");
    }
    m_info.layout = ModelLayout::Diffusers;
    m_index = readJsonFile(indexPath);

    const std::pair<const char*, Component> parts[] = { { "unet", Component::Unet }, { "vae", Component::Vae },
        { "text_encoder", Component::TextEncoder }, { "text_encoder_2", Component::TextEncoder2 } };
    for (const auto& [folder, component] : parts) {
        const auto entry = m_index.find(folder);
        const bool listed = entry != m_index.end() && entry->is_array() && !entry->empty() && !(*entry)[0].is_null();
        if (listed)
            addFolderComponent(path, folder, component);
    }
    for (const char* required : { "unet", "vae" }) {
        if (!m_index.contains(required))
            fail(path, std::string("diffusers folder is missing its '") + required + "' component");
    }
    for (const char* tokenizer : { "tokenizer", "tokenizer_2" }) {
        const std::string dir = joinPath(path, tokenizer);
        m_tokenizerDirs.push_back(isDirectory(dir) ? dir : std::string());
    }
    const std::string schedulerPath = joinPath(path, "scheduler/scheduler_config.json");
    if (isFile(schedulerPath))
        m_scheduler = readJsonFile(schedulerPath);

    // Family from the UNet config and the pipeline class; prediction from the scheduler config.
    const nlohmann::json& unet = m_configs[Component::Unet];
    m_info.unetInChannels = configInt(unet, "in_channels", 4);
    m_info.contextDim = contextDimOf(unet);
    const bool textTime = configString(unet, "addition_embed_type") == "text_time";
    if (textTime || configString(m_index, "_class_name").find("XL") != std::string::npos) {
        m_info.family = has(Component::TextEncoder) ? ModelFamily::SDXLBase : ModelFamily::SDXLRefiner;
    } else {
        const bool openClip = configString(config(Component::TextEncoder), "hidden_act") == "gelu";
        m_info.family = (openClip || m_info.contextDim == 1024) ? ModelFamily::SD2 : ModelFamily::SD1;
    }
    if (m_scheduler.contains("prediction_type")) {
        m_info.prediction
            = m_scheduler["prediction_type"] == "v_prediction" ? Prediction::VPrediction : Prediction::Epsilon;
        m_info.predictionSource = "scheduler config";
    } else {
        m_info.predictionSource = "assumed";
    }
}

void ModelFiles::addFolderComponent(const std::string& path, const char* folder, Component component)
{
    const std::string dir = joinPath(path, folder);
    if (!isDirectory(dir))
        fail(path, std::string("diffusers folder is missing its '") + folder + "' component (model_index.json lists it)");
    const std::string configPath = joinPath(dir, "config.json");
    if (!isFile(configPath))
        fail(dir, "has no config.json");
    m_configs[component] = readJsonFile(configPath);

    ComponentSummary summary;
    summary.component = component;
    summary.source = dir;
    std::map<std::string, ComponentWeights::Source> sources;
    for (const auto& file : openComponentFiles(dir, folder)) {
        for (const TensorEntry& e : file->tensors()) {
            if (isNonWeight(e.name))
                continue;
            addToSummary(summary, e);
            sources[e.name] = { file, &e, KeyOp::Identity };
        }
    }
    m_info.components.push_back(summary);
    m_weights.emplace(component, ComponentWeights(component, std::move(sources)));
}

void ModelFiles::openSingleFile(const std::string& path)
{
    auto file = std::make_shared<const SafetensorsFile>(path);
    m_info.metadata = file->metadata();
    const std::vector<TensorEntry>& tensors = file->tensors();
    if (looksLikeLora(tensors))
        fail(path, "is a LoRA, not a checkpoint: load a base model and apply the LoRA to it");

    const SingleFileKeys keys = classifyKeys(tensors);
    m_info.layout = singleFileLayout(path, tensors, keys);
    const std::vector<KeyGroup> groups = keyGroups(m_info.layout, keys);
    if (std::string note = ignoredTensorsNote(tensors, groups); !note.empty())
        m_info.notes.push_back(std::move(note));

    for (const KeyGroup& g : groups) {
        ComponentSummary summary;
        summary.component = g.component;
        summary.source = path + (g.prefix.empty() ? std::string() : " [" + g.prefix + "*]");
        std::vector<std::string> originalKeys;
        for (const TensorEntry& e : tensors) {
            if (!startsWith(e.name, g.prefix) || isNonWeight(e.name))
                continue;
            addToSummary(summary, e);
            originalKeys.push_back(e.name.substr(g.prefix.size()));
        }
        m_info.components.push_back(summary);

        // Key mapping is deferred to the first weights() call, so that `info` works on any
        // checkpoint whose keys it can classify.
        m_pending[g.component] = { file, g.prefix, g.naming, std::move(originalKeys) };
    }

    if (const TensorEntry* in = file->find(std::string(kUnetPrefix) + "input_blocks.0.0.weight"); in && in->shape.size() == 4)
        m_info.unetInChannels = in->shape[1];
    for (const TensorEntry& e : tensors) {
        if (startsWith(e.name, kUnetPrefix) && endsWith(e.name, "attn2.to_k.weight") && e.shape.size() == 2) {
            m_info.contextDim = e.shape[1];
            break;
        }
    }
    m_info.family = singleFileFamily(path, *file, keys, m_info.contextDim);

    const std::string stem = stemPath(path);
    readSidecar(stem + ".json");
    detectSingleFilePrediction(m_info, *file, m_scheduler, stem);
}

// "<stem>.json" next to a single file (Easel: diffusers configs per component and the scheduler's).
// The A1111 "<stem>.yaml" (the original LDM config) is read for its parameterization only, by
// detectSingleFilePrediction().
void ModelFiles::readSidecar(const std::string& jsonPath)
{
    if (!isFile(jsonPath))
        return;
    const nlohmann::json sidecar = readJsonFile(jsonPath);
    const std::pair<const char*, Component> keys[] = { { "unet", Component::Unet }, { "vae", Component::Vae },
        { "text_encoder", Component::TextEncoder }, { "text_encoder_2", Component::TextEncoder2 } };
    for (const auto& [key, component] : keys) {
        if (sidecar.contains(key) && sidecar[key].is_object())
            m_configs[component] = sidecar[key];
    }
    if (sidecar.contains("scheduler") && sidecar["scheduler"].is_object())
        m_scheduler = sidecar["scheduler"];
}

void ModelFiles::checkUnetAndTextEncoders()
{
    const std::string& path = m_info.path;
    if (!has(Component::Unet))
        fail(path, "has no UNet weights");
    m_info.inpainting = m_info.unetInChannels == 9;
    // The text encoders must produce what the UNet's cross-attention expects.
    int64_t textWidth = 0;
    for (Component c : { Component::TextEncoder, Component::TextEncoder2 }) {
        if (const auto pending = m_pending.find(c); pending != m_pending.end()) {
            const std::string name = pending->second.prefix
                + (pending->second.naming == TextEncoderNaming::OpenClip ? "token_embedding.weight" : kTokenEmbedding);
            if (const TensorEntry* e = pending->second.file->find(name); e && e->shape.size() == 2)
                textWidth += e->shape[1];
        } else if (const auto loaded = m_weights.find(c); loaded != m_weights.end()) {
            if (loaded->second.contains(kTokenEmbedding))
                textWidth += loaded->second.shape(kTokenEmbedding)[1];
        }
    }
    if (textWidth > 0 && m_info.contextDim > 0 && textWidth != m_info.contextDim) {
        fail(path, "the text encoders give " + std::to_string(textWidth) + "-wide embeddings but the UNet expects "
                + std::to_string(m_info.contextDim) + " (mixed or corrupt checkpoint)");
    }
}

} // namespace easel::engine

namespace easel::engine {

ModelLicence modelLicence(const ModelInfo& info)
{
    static const char* kRailRestrictions
        = "You may not use the model or its output: to break the law; to exploit or harm minors; to generate "
          "or spread verifiably false information meant to harm others; to generate personal information "
          "that can harm people; to defame, disparage or harass; for fully automated decisions that "
          "affect legal rights; to discriminate; to give medical advice or interpret medical results. "
          "Pass these restrictions on with the model; you are responsible for what you generate.";
    ModelLicence licence;
    for (const char* key : { "modelspec.license", "license", "licence" }) {
        if (const auto it = info.metadata.find(key); it != info.metadata.end() && !it->second.empty()) {
            licence.name = it->second;
            licence.source = "file metadata";
            licence.restrictions = "See the licence named above.";
            return licence;
        }
    }
    licence.source = "family default";
    licence.restrictions = kRailRestrictions;
    switch (info.family) {
    case ModelFamily::SD1:
        licence.name = "CreativeML OpenRAIL-M";
        licence.url = "https://huggingface.co/spaces/CompVis/stable-diffusion-license";
        break;
    case ModelFamily::SD2:
        licence.name = "CreativeML OpenRAIL++-M";
        licence.url = "https://huggingface.co/stabilityai/stable-diffusion-2/blob/main/LICENSE-MODEL";
        break;
    case ModelFamily::SDXLBase:
    case ModelFamily::SDXLRefiner:
        licence.name = "CreativeML OpenRAIL++-M";
        licence.url = "https://github.com/Stability-AI/generative-models/blob/main/model_licenses/LICENSE-SDXL1.0";
        break;
    case ModelFamily::Unknown:
        licence.name = "unknown";
        licence.restrictions = "The file does not say; check where you got it.";
        break;
    }
    return licence;
}

} // namespace easel::engine
