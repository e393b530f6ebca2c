// SPDX-License-Identifier: MIT
#include "support/testdata.h"

#include <QFile>

namespace easel::test {

QString testDataPath(const QString& relative)
{
    return QStringLiteral(EASEL_TEST_DATA "/") + relative;
}

std::string testDataFile(const std::string& relative)
{
    return std::string(EASEL_TEST_DATA "/") + relative;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::string tinyModelPath(const std::string& model, const std::string& layout)
{
    if (layout == "single-file")
        return testDataFile("models/" + model + "/single-file/" + model + ".safetensors");
    return testDataFile("models/" + model + "/diffusers");
}

std::string resourceFile(const std::string& relative)
{
    return std::string(EASEL_TEST_DATA "/../../resources/") + relative;
}

} // namespace easel::test
