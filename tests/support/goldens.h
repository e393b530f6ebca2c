// SPDX-License-Identifier: MIT
#pragma once

// Access to the diffusers/transformers goldens in tests/data/goldens (see tests/data/FIXTURES.md).

#include <ATen/Tensor.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <string>

namespace easel::test {

// `set` is the folder under tests/data: "goldens" (SD 1.5 / SDXL modules, schedulers, pipelines) or
// "goldens-next" (LoRA, SD 2.x v-prediction, inpainting, turbo / LCM; its README.md tells the maths).

/// <set>/manifest.json, parsed once.
const nlohmann::json& goldenManifest(const std::string& set = "goldens");
/// The case with this id; throws std::runtime_error when absent.
const nlohmann::json& goldenCase(const std::string& id, const std::string& set = "goldens");
/// Every case of a component ("scheduler", "pipeline", ...).
std::vector<nlohmann::json> goldenCases(const std::string& component, const std::string& set = "goldens");
/// A tensor from <set>/<file> (a copy, so it outlives the mapping and may be modified).
at::Tensor goldenTensor(const std::string& file, const std::string& key, const std::string& set = "goldens");

/// Empty when |actual - expected| <= atol + rtol * |expected| everywhere (and shapes match, no
/// NaN); otherwise a one-line description of the worst element.
std::string compareTensors(const at::Tensor& actual, const at::Tensor& expected, double rtol, double atol);

} // namespace easel::test

/// QVERIFY2 over compareTensors, with a label for the message.
#define EASEL_COMPARE_TENSORS(actual, expected, rtol, atol, label)                                          \
    do {                                                                                                   \
        const std::string easelCmp_ = easel::test::compareTensors((actual), (expected), (rtol), (atol));   \
        QVERIFY2(easelCmp_.empty(), (std::string(label) + ": " + easelCmp_).c_str());                      \
    } while (false)
