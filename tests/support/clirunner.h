// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

namespace easel::test {

/// What one run of easel-cli did.
struct CliRun {
    int exitCode = -1; ///< the exit code; -1 when it crashed, did not start or timed out
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

/// Runs the built easel-cli (its path comes from the test target's EASEL_CLI definition) in
/// \a environment and waits for it in an event loop, so objects of the test's thread (a local server)
/// keep working meanwhile. A run that outlasts \a timeoutMs is killed and reported with err
/// "timed out"; one that cannot start with err "cannot start".
inline CliRun runCli(const QStringList& args, const QProcessEnvironment& environment, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(EASEL_CLI), args);
    CliRun run;
    if (!process.waitForStarted()) {
        run.err = QStringLiteral("cannot start");
        return run;
    }
    if (finished.isEmpty() && !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.status = process.exitStatus();
    run.exitCode = run.status == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// The same in the test's own environment.
inline CliRun runCli(const QStringList& args, int timeoutMs = 120000)
{
    return runCli(args, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

} // namespace easel::test
