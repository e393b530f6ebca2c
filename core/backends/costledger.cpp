// SPDX-License-Identifier: MIT
#include "backends/costledger.h"

#include "settings/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::CostLedger", text); }

    QMutex& sessionMutex()
    {
        static QMutex mutex;
        return mutex;
    }

    QHash<QString, CostLedger::Totals>& sessions()
    {
        static QHash<QString, CostLedger::Totals> totals;
        return totals;
    }

    QString monthKey(const QDate& day) { return day.toString(QStringLiteral("yyyy-MM")); }

    QJsonObject readFile(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

} // namespace

CostLedger::CostLedger(const QString& file)
    : m_file(file.isEmpty() ? defaultFile() : file)
{
}

QString CostLedger::defaultFile() { return QDir(paths::dataDir()).filePath(QStringLiteral("cloud-costs.json")); }

CostLedger::Totals CostLedger::month(const QDate& day) const
{
    const QJsonObject m = readFile(m_file).value(QStringLiteral("months")).toObject().value(monthKey(day)).toObject();
    Totals t;
    t.usd = m.value(QStringLiteral("usd")).toDouble();
    t.images = m.value(QStringLiteral("images")).toInt();
    return t;
}

CostLedger::Totals CostLedger::session() const
{
    QMutexLocker lock(&sessionMutex());
    return sessions().value(m_file);
}

bool CostLedger::record(const QString& backendId, double usd, int images, QString* error)
{
    {
        QMutexLocker lock(&sessionMutex());
        Totals& s = sessions()[m_file];
        s.usd += usd;
        s.images += images;
    }
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QLockFile lock(m_file + QStringLiteral(".lock"));
    lock.setStaleLockTime(10000);
    if (!lock.tryLock(10000)) {
        if (error)
            *error = tr("%1: cannot lock the cost record").arg(QDir::toNativeSeparators(m_file));
        return false;
    }
    QJsonObject root = readFile(m_file);
    QJsonObject months = root.value(QStringLiteral("months")).toObject();
    const QString key = monthKey(QDate::currentDate());
    QJsonObject m = months.value(key).toObject();
    m.insert(QStringLiteral("usd"), m.value(QStringLiteral("usd")).toDouble() + usd);
    m.insert(QStringLiteral("images"), m.value(QStringLiteral("images")).toInt() + images);
    QJsonObject byBackend = m.value(QStringLiteral("by_backend")).toObject();
    byBackend.insert(backendId, byBackend.value(backendId).toDouble() + usd);
    m.insert(QStringLiteral("by_backend"), byBackend);
    months.insert(key, m);
    root.insert(QStringLiteral("format"), 1);
    root.insert(QStringLiteral("note"), QStringLiteral("estimates from Easel's price table, not the providers' bills"));
    root.insert(QStringLiteral("months"), months);

    QSaveFile file(m_file);
    // flush first: Qt 6.4 commits a short file on a full disk (see AtomicFile).
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.flush()
        || !file.commit()) {
        if (error)
            *error
                = tr("%1: cannot write the cost record: %2").arg(QDir::toNativeSeparators(m_file), file.errorString());
        return false;
    }
    return true;
}

BackendError CostLedger::checkBudget(double budgetUsd, double estimateUsd) const
{
    BackendError e;
    if (budgetUsd <= 0.0)
        return e;
    const double spent = month().usd;
    if (spent + estimateUsd > budgetUsd + 1e-9) {
        e.kind = BackendErrorKind::Budget;
        e.message = tr("the cloud budget of $%1 this month would be passed: $%2 spent, this needs about $%3")
                        .arg(budgetUsd, 0, 'f', 2)
                        .arg(spent, 0, 'f', 2)
                        .arg(estimateUsd, 0, 'f', 3);
    }
    return e;
}

} // namespace easel
