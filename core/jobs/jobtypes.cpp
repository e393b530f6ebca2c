// SPDX-License-Identifier: MIT
#include "jobs/jobtypes.h"

#include <QCoreApplication>

namespace easel {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("easel::Job", text); }

struct StateName {
    JobState state;
    const char* name;
};

constexpr StateName kStates[] = { { JobState::Queued, "queued" }, { JobState::Running, "running" },
    { JobState::Completed, "completed" }, { JobState::Failed, "failed" }, { JobState::Cancelled, "cancelled" },
    { JobState::Interrupted, "interrupted" } };

} // namespace

QString jobPhaseText(JobPhase phase)
{
    switch (phase) {
    case JobPhase::Queued: return tr("Waiting");
    case JobPhase::LoadingModel: return tr("Loading the model");
    case JobPhase::Encoding: return tr("Encoding the prompt");
    case JobPhase::Sampling: return tr("Sampling");
    case JobPhase::Decoding: return tr("Decoding");
    case JobPhase::Processing: return tr("Processing");
    case JobPhase::Saving: return tr("Saving");
    }
    return {};
}

QString jobStateName(JobState state)
{
    for (const StateName& s : kStates) {
        if (s.state == state)
            return QLatin1String(s.name);
    }
    return {};
}

std::optional<JobState> jobStateFromName(const QString& name)
{
    for (const StateName& s : kStates) {
        if (name == QLatin1String(s.name))
            return s.state;
    }
    return std::nullopt;
}

QString jobStateText(JobState state)
{
    switch (state) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return tr("Running");
    case JobState::Completed: return tr("Done");
    case JobState::Failed: return tr("Failed");
    case JobState::Cancelled: return tr("Cancelled");
    case JobState::Interrupted: return tr("Interrupted");
    }
    return {};
}

QStringList ImageFlags::names() const
{
    QStringList names;
    if (nonFinite)
        names << QStringLiteral("broken");
    if (nearlyBlack)
        names << QStringLiteral("nearly-black");
    if (nearlyWhite)
        names << QStringLiteral("nearly-white");
    if (uniform)
        names << QStringLiteral("uniform");
    return names;
}

} // namespace easel
