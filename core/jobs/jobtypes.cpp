// SPDX-License-Identifier: MIT
#include "jobs/jobtypes.h"

#include <QCoreApplication>

namespace easel {

namespace {

// tr() with this file's context; lupdate files Tr::tr("...") under it (a free tr() would go under the
// namespace, and the translation would not be found).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(easel::Job)
};

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
    case JobPhase::Queued: return Tr::tr("Waiting");
    case JobPhase::LoadingModel: return Tr::tr("Loading the model");
    case JobPhase::Encoding: return Tr::tr("Encoding the prompt");
    case JobPhase::Sampling: return Tr::tr("Sampling");
    case JobPhase::Decoding: return Tr::tr("Decoding");
    case JobPhase::Processing: return Tr::tr("Processing");
    case JobPhase::Saving: return Tr::tr("Saving");
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
    case JobState::Queued: return Tr::tr("Queued");
    case JobState::Running: return Tr::tr("Running");
    case JobState::Completed: return Tr::tr("Done");
    case JobState::Failed: return Tr::tr("Failed");
    case JobState::Cancelled: return Tr::tr("Cancelled");
    case JobState::Interrupted: return Tr::tr("Interrupted");
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
