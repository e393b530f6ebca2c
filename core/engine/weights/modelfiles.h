// SPDX-License-Identifier: MIT
#pragma once

#include "engine/weights/keymap.h"
#include "engine/weights/safetensors.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace easel::engine {

enum class ModelLayout { SingleFile, Diffusers, StandaloneVae };
enum class ModelFamily { Unknown, SD1, SD2, SDXLBase, SDXLRefiner };
enum class Prediction { Epsilon, VPrediction };

const char* layoutName(ModelLayout layout); ///< "single-file (LDM)", "diffusers folder", "standalone VAE"
const char* familyName(ModelFamily family); ///< "SD 1.x", "SD 2.x", "SDXL base", "SDXL refiner", "unknown"

/// What a component holds, as stored.
struct ComponentSummary {
    Component component = Component::Unet;
    std::string source; ///< the file (and key prefix) it was read from
    int64_t parameters = 0; ///< elements, summed over its tensors
    int64_t tensors = 0;
    uint64_t bytes = 0;
    std::map<std::string, int64_t> dtypes; ///< dtype name -> tensor count
};

/// Everything Easel can tell about a model without loading it.
struct ModelInfo {
    std::string path;
    ModelLayout layout = ModelLayout::SingleFile;
    ModelFamily family = ModelFamily::Unknown;
    bool inpainting = false; ///< 9-channel UNet input
    int64_t unetInChannels = 0;
    int64_t contextDim = 0; ///< UNet cross-attention width
    Prediction prediction = Prediction::Epsilon;
    std::string predictionSource; ///< where `prediction` came from ("scheduler config", "assumed", ...)
    std::vector<ComponentSummary> components;
    std::map<std::string, std::string> metadata; ///< single-file __metadata__
    std::vector<std::string> notes; ///< things a user may want to know (ignored EMA weights...)

    const ComponentSummary* component(Component c) const;
};

/// One component's tensors under engine (diffusers/transformers) names, whatever the layout.
class ComponentWeights {
public:
    struct Source {
        std::shared_ptr<const SafetensorsFile> file;
        const TensorEntry* entry = nullptr;
        KeyOp op = KeyOp::Identity;
    };

    ComponentWeights(Component component, std::map<std::string, Source> tensors);

    Component component() const { return m_component; }
    std::vector<std::string> names() const;
    bool contains(const std::string& name) const { return m_tensors.count(name) != 0; }
    /// Shape after the op (a fused qkv chunk has a third of the rows).
    std::vector<int64_t> shape(const std::string& name) const;
    /// Every tensor's shape by engine name (what config inference reads).
    std::map<std::string, std::vector<int64_t>> shapes() const;
    /// The tensor in its stored dtype, op applied; a view over the mapped file where possible.
    at::Tensor get(const std::string& name) const;
    /// The same, read into `buffer` (SafetensorsFile::read()) instead of viewing the mapping.
    at::Tensor read(const std::string& name, at::Tensor& buffer) const;
    /// Whether `t` views this tensor's file mapping (loaded without a copy).
    bool maps(const std::string& name, const at::Tensor& t) const;
    /// The dtype the tensor is stored in.
    DType storedDType(const std::string& name) const;
    /// Drops the source pages from resident memory once the tensor has been copied.
    void release(const std::string& name) const;
    /// "file: tensor 'original.key'" for messages.
    std::string describe(const std::string& name) const;

private:
    const Source& source(const std::string& name) const;
    at::Tensor applyOp(const Source& s, const at::Tensor& stored) const;
    Component m_component;
    std::map<std::string, Source> m_tensors;
};

/// Reports loading progress in bytes of weights; return false to abort (the load then throws a
/// Cancelled EngineError).
using LoadProgress = std::function<bool(size_t done, size_t total)>;

/// Bytes loadModule() copies into `module` (its parameters, and the buffers `weights` holds), in
/// the module's own dtype: what its progress counts up to.
size_t loadBytes(torch::nn::Module& module, const ComponentWeights& weights);

/// Fills every parameter and buffer of `module` from `weights` in the module's own dtype, device
/// and memory layout (as its tensors are allocated: prepare channels_last or another dtype before,
/// with prepareComputeFormat()). On the CPU, a tensor stored in that dtype and layout becomes a view
/// of the file's mapping (no copy; the mapping is private, so writing into it, as LoRAs do, copies
/// only the pages written and never changes the file). The others are read with pread() and
/// converted into one block of memory for the module (in transparent huge pages where the kernel
/// offers them: far fewer page faults than one allocation per tensor). Every tensor is checked for
/// NaN and infinities. `progress` gets (bytes done, loadBytes()) before each tensor and once at the
/// end. A missing tensor or a shape mismatch throws an EngineError naming the file and tensor.
void loadModule(torch::nn::Module& module, const ComponentWeights& weights, const LoadProgress& progress = {});

/// An opened model: inspected, with its files mapped, ready for the models to load from.
class ModelFiles {
public:
    /// Detects the layout and architecture of a .safetensors file or a diffusers folder.
    /// Throws EngineError with a one-line message naming the file for every kind of bad input.
    static std::shared_ptr<ModelFiles> open(const std::string& path);

    const ModelInfo& info() const { return m_info; }
    bool has(Component c) const;
    /// Throws EngineError when the model has no such component.
    const ComponentWeights& weights(Component c) const;

    /// The component's configuration as a diffusers/transformers config.json object: the file's
    /// own for a diffusers folder; for a single file, the values in a sidecar "<stem>.json" next
    /// to it ({"unet": {...}, "vae": {...}, "text_encoder": {...}, ...}) or an empty object —
    /// the models infer the rest from tensor shapes and the family's conventions.
    nlohmann::json config(Component c) const;
    /// scheduler/scheduler_config.json of a diffusers folder, the sidecar's "scheduler", or {}.
    nlohmann::json schedulerConfig() const;
    /// model_index.json of a diffusers folder, or {}.
    const nlohmann::json& pipelineIndex() const { return m_index; }
    /// tokenizer/ or tokenizer_2/ of a diffusers folder (index 0 or 1), or "" when absent.
    std::string tokenizerDir(int index) const;

private:
    ModelFiles() = default;
    // open()'s parts: a diffusers folder (each listed component), a single file (its components
    // by key prefix, its sidecars), then the checks common to both.
    void openFolder(const std::string& path);
    void addFolderComponent(const std::string& path, const char* folder, Component component);
    void openSingleFile(const std::string& path);
    void readSidecar(const std::string& jsonPath);
    void checkUnetAndTextEncoders();

    struct PendingComponent {
        std::shared_ptr<const SafetensorsFile> file;
        std::string prefix;
        std::optional<TextEncoderNaming> naming;
        std::vector<std::string> originalKeys;
    };
    ModelInfo m_info;
    mutable std::mutex m_mutex;
    mutable std::map<Component, ComponentWeights> m_weights;
    std::map<Component, PendingComponent> m_pending; ///< single-file components not yet key-mapped
    std::map<Component, nlohmann::json> m_configs;
    nlohmann::json m_scheduler = nlohmann::json::object();
    nlohmann::json m_index = nlohmann::json::object();
    std::vector<std::string> m_tokenizerDirs;
};

} // namespace easel::engine

namespace easel::engine {

/// The licence a model is distributed under, for `easel-cli info` and image attribution.
struct ModelLicence {
    std::string name; ///< e.g. "CreativeML OpenRAIL-M"
    std::string url;
    std::string restrictions; ///< a short summary of the use restrictions, for display
    std::string source; ///< "file metadata" or "family default"
};

/// The licence named in the file's metadata (modelspec.license / license), or the family's.
ModelLicence modelLicence(const ModelInfo& info);

} // namespace easel::engine
