// SPDX-License-Identifier: MIT
#include "cliutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace easel::cli {

void out(const QString& line)
{
    const QByteArray utf8 = line.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString& line)
{
    const QByteArray utf8 = line.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

bool parseOrExit(QCommandLineParser& parser, const QStringList& args, int& exitCode)
{
    const QCommandLineOption help(QStringList { QStringLiteral("h"), QStringLiteral("help") },
        QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        err(QStringLiteral("easel-cli: ") + parser.errorText());
        exitCode = 2;
        return false;
    }
    if (parser.isSet(help)) {
        // helpText() names the binary's path; show the command as typed ("easel-cli info").
        QString text = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (!program.isEmpty() && text.startsWith(QStringLiteral("Usage: ") + program))
            text.replace(7, program.size(), args.value(0));
        out(text);
        exitCode = 0;
        return false;
    }
    return true;
}

} // namespace easel::cli
