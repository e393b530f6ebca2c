// SPDX-License-Identifier: MIT
#pragma once

// Access to the diffusers/transformers goldens in tests/data/goldens (see tests/data/FIXTURES.md).

#include <ATen/Tensor.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <string>

namespace easel::test {

/// goldens/manifest.json, parsed once.
const nlohmann::json& goldenManifest();
/// The case with this id; throws std::runtime_error when absent.
const nlohmann::json& goldenCase(const std::string& id);
/// Every case of a component ("scheduler", "pipeline", ...).
std::vector<nlohmann::json> goldenCases(const std::string& component);
/// A tensor from goldens/<file> (a copy, so it outlives the mapping and may be modified).
at::Tensor goldenTensor(const std::string& file, const std::string& key);

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
