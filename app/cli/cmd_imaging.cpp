// SPDX-License-Identifier: MIT
// TEMPORARY: the image tools commands land with core/imaging.
#include "cliutil.h"
#include "commands.h"

namespace easel::cli {

static int notYet(const char* name)
{
    err(QStringLiteral("easel-cli %1: not available yet").arg(QLatin1String(name)));
    return 1;
}

int runEnhance(const QStringList&) { return notYet("enhance"); }
int runMerge(const QStringList&) { return notYet("merge"); }
int runAttribute(const QStringList&) { return notYet("attribute"); }
int runCheck(const QStringList&) { return notYet("check"); }

} // namespace easel::cli
