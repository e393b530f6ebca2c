// SPDX-License-Identifier: MIT
#include "jobs/lorainfo.h"

#include "engine/common/error.h"
#include "engine/weights/lorafile.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace easel {

namespace {

    QString familyKey(engine::LoraBase base)
    {
        switch (base) {
        case engine::LoraBase::SD1:
            return QStringLiteral("sd1");
        case engine::LoraBase::SD2:
            return QStringLiteral("sd2");
        case engine::LoraBase::SDXL:
            return QStringLiteral("sdxl");
        case engine::LoraBase::Unknown:
            break;
        }
        return {};
    }

} // namespace

LoraDescription describeLora(const QString& path)
{
    LoraDescription d;
    d.path = path;
    d.name = QFileInfo(path).completeBaseName();
    try {
        const engine::LoraFile lora(path.toStdString());
        const engine::LoraBase base = lora.base();
        d.family = familyKey(base);
        d.baseName = QString::fromUtf8(engine::loraBaseName(base));
        for (const int64_t r : lora.ranks())
            d.ranks << qint64(r);
        d.modules = int(lora.modules().size());
        for (const auto& [word, count] : lora.triggerWords())
            d.triggerWords << QString::fromStdString(word);
    } catch (const std::exception& e) {
        d.error = QString::fromUtf8(e.what());
        d.baseName = QString::fromUtf8(engine::loraBaseName(engine::LoraBase::Unknown));
    }
    return d;
}

QStringList loraFolders(const QString& modelsDir, const QStringList& extra)
{
    QStringList folders;
    for (const QString& dir : extra)
        if (QFileInfo(dir).isDir())
            folders << QFileInfo(dir).absoluteFilePath();
    const QString lora = QDir(modelsDir).filePath(QStringLiteral("Lora"));
    if (!modelsDir.isEmpty() && QFileInfo(lora).isDir())
        folders << QFileInfo(lora).absoluteFilePath();
    folders.removeDuplicates();
    return folders;
}

QStringList findLoras(const QStringList& folders)
{
    QStringList files;
    QSet<QString> seen;
    for (const QString& folder : folders) {
        QDirIterator it(folder, { QStringLiteral("*.safetensors") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info(it.next());
            if (info.fileName().startsWith(QLatin1Char('.')))
                continue;
            const QString canonical = info.canonicalFilePath();
            if (seen.contains(canonical))
                continue;
            seen.insert(canonical);
            files << info.absoluteFilePath();
        }
    }
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return QFileInfo(a).fileName().compare(QFileInfo(b).fileName(), Qt::CaseInsensitive) < 0;
    });
    return files;
}

} // namespace easel
