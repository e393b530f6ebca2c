// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// Every easel-cli subcommand: takes its own arguments (argv[0] = "easel-cli <command>"),
// prints to stdout/stderr and returns the process exit code (0 ok, 1 failure, 2 usage).
namespace easel::cli {

int runInfo(const QStringList& args);
int runGenerate(const QStringList& args);
int runBatch(const QStringList& args);
int runCompose(const QStringList& args);
int runEnhance(const QStringList& args);
int runMerge(const QStringList& args);
int runAttribute(const QStringList& args);
int runCheck(const QStringList& args);
int runBench(const QStringList& args);
int runFetch(const QStringList& args);
int runGallery(const QStringList& args);
int runQueue(const QStringList& args);
int runStyles(const QStringList& args);
int runStory(const QStringList& args);

} // namespace easel::cli
