// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <string>

namespace easel::test {

/// Absolute path of a file under tests/data.
QString testDataPath(const QString& relative);
std::string testDataFile(const std::string& relative);

/// The bytes of the file at \a path; empty when it is missing or cannot be read.
QByteArray readFile(const QString& path);

/// The tiny fixture models: model "tiny-sd15", "tiny-sdxl", "tiny-sd2v" or "tiny-sd15-inpaint", layout
/// "single-file" or "diffusers" (for the last two, a folder of links completed from REFERENCES.json).
std::string tinyModelPath(const std::string& model, const std::string& layout);

/// Absolute path of a file under resources/ (CLIP vocabulary, demo model).
std::string resourceFile(const std::string& relative);

} // namespace easel::test
