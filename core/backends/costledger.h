// SPDX-License-Identifier: MIT
#pragma once

#include "backends/imagebackend.h"

#include <QDate>
#include <QString>

namespace easel {

/**
 * What the cloud backends have cost: running totals per month, kept in a small JSON file in the data folder
 * (written atomically under a lock file, so the studio and easel-cli can add at the same time), and per session
 * (this process). The amounts are PriceTable's estimates, not the providers' bills.
 */
class CostLedger {
public:
    struct Totals {
        double usd = 0.0;
        int images = 0;
    };

    /// `file` empty: defaultFile().
    explicit CostLedger(const QString& file = {});

    /// paths::dataDir()/cloud-costs.json
    static QString defaultFile();
    QString fileName() const { return m_file; }

    /// The month of `day` as stored (0 when nothing was spent or the file cannot be read).
    Totals month(const QDate& day = QDate::currentDate()) const;
    /// What this process added to this file.
    Totals session() const;

    /// Adds `usd` for `images` images made by `backendId` to this month and this session. False and a one-line
    /// `error` when the file cannot be written (the session total still counts it).
    bool record(const QString& backendId, double usd, int images, QString* error = nullptr);

    /// A Budget error when this month's spending plus `estimateUsd` would pass `budgetUsd` (0 or less: no
    /// budget), else no error.
    BackendError checkBudget(double budgetUsd, double estimateUsd) const;

private:
    QString m_file;
};

} // namespace easel
