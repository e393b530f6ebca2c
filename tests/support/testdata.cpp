// SPDX-License-Identifier: MIT
#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <map>

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

namespace {

// The diffusers folders of the newer fixtures (tiny-sd2v, tiny-sd15-inpaint) hold only their own
// components; REFERENCES.json names the ones they share with the older models ("vae":
// "shared/fixtures/tiny-sd15/diffusers/vae"). A complete folder of links is assembled once per process.
std::string assembledFolder(const std::string& model, const QString& folder)
{
    static QTemporaryDir root;
    static std::map<std::string, std::string> assembled;
    if (const auto it = assembled.find(model); it != assembled.end())
        return it->second;
    const QString target = root.filePath(QString::fromStdString(model));
    QDir().mkpath(target);
    const QDir source(folder);
    for (const QString& entry : source.entryList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        if (entry != QLatin1String("REFERENCES.json"))
            QFile::link(source.absoluteFilePath(entry), target + QLatin1Char('/') + entry);
    }
    const QJsonObject references = QJsonDocument::fromJson(readFile(source.filePath(QStringLiteral("REFERENCES.json")))).object();
    for (auto it = references.begin(); it != references.end(); ++it) {
        QString shared = it.value().toString();
        shared.replace(QLatin1String("shared/fixtures/"), QLatin1String("models/"));
        QFile::link(testDataPath(shared), target + QLatin1Char('/') + it.key());
    }
    return assembled[model] = target.toStdString();
}

} // namespace

std::string tinyModelPath(const std::string& model, const std::string& layout)
{
    if (layout == "single-file")
        return testDataFile("models/" + model + "/single-file/" + model + ".safetensors");
    const QString folder = QString::fromStdString(testDataFile("models/" + model + "/diffusers"));
    if (QFileInfo::exists(folder + QStringLiteral("/REFERENCES.json")))
        return assembledFolder(model, folder);
    return folder.toStdString();
}

std::string resourceFile(const std::string& relative)
{
    return std::string(EASEL_TEST_DATA "/../../resources/") + relative;
}

} // namespace easel::test
