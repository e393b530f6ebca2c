// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QCommandLineParser;

namespace easel::cli {

/// Writes one line to stdout / stderr (UTF-8).
void out(const QString& line);
void err(const QString& line);

/// Parses args with the parser; on --help prints help and returns 0 through exitCode,
/// on an error prints it and returns 2. Returns true when the command should run.
bool parseOrExit(QCommandLineParser& parser, const QStringList& args, int& exitCode);

} // namespace easel::cli
