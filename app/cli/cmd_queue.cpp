// SPDX-License-Identifier: MIT
// easel-cli queue list: the studio's persisted job queue, read-only.

#include "cliutil.h"
#include "commands.h"

#include "jobs/queuestore.h"
#include "settings/paths.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace easel::cli {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel-cli queue", text); }

    /// A bad command line: one line, exit status 2.
    struct UsageError {
        QString message;
    };

    const char* const kHelp = R"(Usage: easel-cli queue list [--json] [--db PATH]
The job queue of the studio, as it was last saved: finished jobs, the running one, the waiting ones in order.
Read-only: the file is never changed.

Subcommands:
  list        list the jobs: id, state, created, model, prompt (or what the job does)

Options:
  --json      print the queue as JSON (path, paused, jobs with kind, message and files)
  --db PATH   the queue database (default: the one the window uses, <data folder>/Easel/queue.sqlite)
  -h, --help  show this help)";

    struct Options {
        QString db;
        bool json = false;
        bool help = false;
        QStringList positional;
    };

    Options parse(const QStringList& args)
    {
        Options o;
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString& a = args[i];
            if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
                o.help = true;
            } else if (a == QLatin1String("--json")) {
                o.json = true;
            } else if (a == QLatin1String("--db")) {
                if (i + 1 >= args.size())
                    throw UsageError { tr("--db needs a value") };
                o.db = args[++i];
            } else if (a.startsWith(QLatin1String("--db="))) {
                o.db = a.mid(5);
            } else if (a.startsWith(QLatin1Char('-'))) {
                throw UsageError { tr("unknown option '%1' (see easel-cli queue --help)").arg(a) };
            } else {
                o.positional << a;
            }
        }
        return o;
    }

    /// The model as the table shows it: the file's name, "demo" for the bundled one, "-" for none.
    QString modelText(const QueueRow& row)
    {
        if (!row.model)
            return QStringLiteral("-");
        if (row.model->isEmpty())
            return tr("demo");
        return QFileInfo(*row.model).fileName();
    }

    QJsonObject toJson(const QueueRow& row)
    {
        QJsonObject o;
        o[QStringLiteral("id")] = double(row.id);
        o[QStringLiteral("kind")] = row.kind;
        o[QStringLiteral("state")] = row.state;
        o[QStringLiteral("title")] = row.title;
        o[QStringLiteral("model")] = row.model ? QJsonValue(*row.model) : QJsonValue();
        o[QStringLiteral("created")] = row.created.toOffsetFromUtc(row.created.offsetFromUtc()).toString(Qt::ISODate);
        o[QStringLiteral("message")] = row.message;
        o[QStringLiteral("files")] = QJsonArray::fromStringList(row.files);
        return o;
    }

    int list(const Options& o)
    {
        if (o.positional.size() != 1)
            throw UsageError { tr("usage: easel-cli queue list [--json] [--db PATH]") };
        const QString path = o.db.isEmpty() ? paths::queueDatabase() : o.db;
        QString error;
        bool paused = false;
        const std::optional<QList<QueueRow>> rows = QueueStore::read(path, &error, &paused);
        if (!rows) {
            err(QStringLiteral("easel-cli queue: ") + error);
            return 1;
        }
        if (o.json) {
            QJsonArray jobs;
            for (const QueueRow& row : *rows)
                jobs << toJson(row);
            const QJsonObject doc { { QStringLiteral("path"), QFileInfo(path).absoluteFilePath() },
                { QStringLiteral("paused"), paused }, { QStringLiteral("jobs"), jobs } };
            out(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)).trimmed());
            return 0;
        }
        if (rows->isEmpty()) {
            out(tr("The queue is empty (%1)").arg(QFileInfo(path).absoluteFilePath()));
            return 0;
        }
        // Aligned columns; the prompt last, since it is the long one.
        const QStringList header { tr("ID"), tr("STATE"), tr("CREATED"), tr("MODEL"), tr("PROMPT") };
        QList<QStringList> table { header };
        for (const QueueRow& row : *rows) {
            table << QStringList { QString::number(row.id), row.state,
                row.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), modelText(row), row.title };
        }
        QList<qsizetype> widths(header.size() - 1, 0);
        for (const QStringList& line : std::as_const(table)) {
            for (qsizetype c = 0; c < widths.size(); ++c)
                widths[c] = std::max(widths[c], line[c].size());
        }
        for (const QStringList& line : std::as_const(table)) {
            QString text;
            for (qsizetype c = 0; c < widths.size(); ++c)
                text += line[c].leftJustified(widths[c]) + QStringLiteral("  ");
            out(text + line.last());
        }
        if (paused)
            out(tr("The queue is paused: waiting jobs start once it is resumed in the studio."));
        return 0;
    }

} // namespace

int runQueue(const QStringList& args)
{
    try {
        const Options o = parse(args);
        const QString sub = o.positional.value(0);
        if (o.help || sub.isEmpty()) {
            out(QString::fromUtf8(kHelp));
            return o.help ? 0 : 2;
        }
        if (sub == QLatin1String("list"))
            return list(o);
        throw UsageError { tr("unknown subcommand '%1' (list)").arg(sub) };
    } catch (const UsageError& e) {
        err(QStringLiteral("easel-cli queue: ") + e.message);
        return 2;
    }
}

} // namespace easel::cli
