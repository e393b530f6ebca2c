// SPDX-License-Identifier: MIT
#include "gallery/gallerycollections.h"

#include "gallery/atomicfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace easel {

GalleryCollections::GalleryCollections(const QString& databasePath)
    : m_file(databasePath + QStringLiteral(".collections"))
{
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue& v : root.value(QStringLiteral("searches")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString().trimmed();
        if (!name.isEmpty())
            m_searches << SavedSearch { name, o.value(QStringLiteral("query")).toString() };
    }
    for (const QJsonValue& v : root.value(QStringLiteral("boards")).toArray()) {
        const QString name = v.toString().trimmed();
        if (!name.isEmpty() && !m_boards.contains(name))
            m_boards << name;
    }
}

void GalleryCollections::write()
{
    QJsonArray searches;
    for (const SavedSearch& s : std::as_const(m_searches))
        searches << QJsonObject { { QStringLiteral("name"), s.name }, { QStringLiteral("query"), s.query } };
    const QJsonObject root { { QStringLiteral("searches"), searches },
        { QStringLiteral("boards"), QJsonArray::fromStringList(m_boards) } };
    AtomicFile::write(m_file, QJsonDocument(root).toJson(QJsonDocument::Indented), {}, AtomicFile::Existing::Replace);
}

void GalleryCollections::saveSearch(const QString& name, const QString& query)
{
    const QString clean = name.trimmed();
    if (clean.isEmpty())
        return;
    for (SavedSearch& s : m_searches) {
        if (s.name == clean) {
            s.query = query.trimmed();
            write();
            return;
        }
    }
    m_searches << SavedSearch { clean, query.trimmed() };
    write();
}

bool GalleryCollections::removeSearch(const QString& name)
{
    for (qsizetype i = 0; i < m_searches.size(); ++i) {
        if (m_searches[i].name == name) {
            m_searches.removeAt(i);
            write();
            return true;
        }
    }
    return false;
}

bool GalleryCollections::addBoards(const QStringList& names)
{
    bool added = false;
    for (const QString& name : names) {
        const QString clean = name.trimmed();
        if (!clean.isEmpty() && !clean.contains(QLatin1Char('|')) && !m_boards.contains(clean)) {
            m_boards << clean;
            added = true;
        }
    }
    if (added)
        write();
    return added;
}

bool GalleryCollections::removeBoard(const QString& name)
{
    if (!m_boards.removeOne(name))
        return false;
    write();
    return true;
}

QString GalleryCollections::boardQuery(const QString& name)
{
    QString quoted = name;
    quoted.remove(QLatin1Char('"'));
    return QStringLiteral("board:\"%1\"").arg(quoted);
}

} // namespace easel
