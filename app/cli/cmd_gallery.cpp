// SPDX-License-Identifier: MIT
// easel-cli gallery list|rebuild|add|rate|export|boards|board|searches|search: the gallery's index and its
// collections (the side bar's boards and saved searches), headless.

#include "cliutil.h"
#include "commands.h"

#include "common/error.h"
#include "gallery/atomicfile.h"
#include "gallery/gallerycollections.h"
#include "gallery/galleryindex.h"
#include "gallery/galleryquery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace easel::cli {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel-cli gallery", text); }

    /// A bad command line: one line, exit status 2.
    struct UsageError {
        QString message;
    };

    const char* const kHelp = R"(Usage: easel-cli gallery <subcommand> [--db PATH] ...
The gallery index of the images in your gallery folders (Easel, A1111, ComfyUI, InvokeAI, Fooocus PNGs).

Subcommands:
  list [--json] [--limit N] [--no-scan] [QUERY...]  rescan, then list the images matching QUERY, newest first
  rebuild                                           read every image in the gallery folders again
  add DIR                                           index another folder (and everything under it)
  rate FILE N                                       rate an image 0-5 (0 clears), in the index and the PNG
  export QUERY DIR                                  copy the images matching QUERY (metadata included) to DIR
  boards [--json]                                   the boards (the window's side bar) and how many images each has
  board add NAME FILE...                            put images on a board (in the PNG and the index)
  board remove NAME [FILE...]                       take images off a board; without FILE: take it off every
                                                    image and out of the side bar
  searches [--json]                                 the saved searches and how many images each matches now
  search save NAME QUERY...                         save (or replace) a search as a live collection
  search remove NAME                                forget a saved search

Boards and saved searches are shared with the window's side bar (<database>.collections).

Options:
  --db PATH   the index database (default: the one the window uses, <data folder>/Easel/gallery.sqlite)
  -h, --help  show this help

Search: words match the prompt; model:, sampler:, seed:, steps:, cfg:>7, size:512x768, date:2026-11,
rating:>=4, lora:, tag:, pick:yes, reject:no, flag:black|white|uniform|nan|any|ok|unchecked (the quality
checks Easel recorded when it made the image); terms are ANDed, -term negates, "quotes" group words;
numbers take =, >, >=, <, <= and A..B. Put -- before a query that starts with '-' if in doubt.)";

    struct Options {
        QString db;
        bool json = false;
        bool scan = true;
        int limit = -1;
        bool help = false;
        QStringList positional;
    };

    Options parse(const QStringList& args)
    {
        Options o;
        bool optionsDone = false;
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString& a = args[i];
            auto value = [&](const QString& name) {
                if (a.startsWith(name + QLatin1Char('=')))
                    return a.mid(name.size() + 1);
                if (i + 1 >= args.size())
                    throw UsageError { tr("%1 needs a value").arg(name) };
                return args[++i];
            };
            if (optionsDone || (!a.startsWith(QLatin1String("--")) && a != QLatin1String("-h"))) {
                o.positional << a;
            } else if (a == QLatin1String("--")) {
                optionsDone = true;
            } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
                o.help = true;
            } else if (a == QLatin1String("--json")) {
                o.json = true;
            } else if (a == QLatin1String("--no-scan")) {
                o.scan = false;
            } else if (a == QLatin1String("--db") || a.startsWith(QLatin1String("--db="))) {
                o.db = value(QStringLiteral("--db"));
            } else if (a == QLatin1String("--limit") || a.startsWith(QLatin1String("--limit="))) {
                bool ok = false;
                const QString text = value(QStringLiteral("--limit"));
                o.limit = text.toInt(&ok);
                if (!ok || o.limit < 0)
                    throw UsageError { tr("--limit expects a whole number of 0 or more, got '%1'").arg(text) };
            } else {
                throw UsageError { tr("unknown option '%1' (see easel-cli gallery --help)").arg(a) };
            }
        }
        return o;
    }

    void expectArguments(const Options& o, int count, const QString& usage)
    {
        if (o.positional.size() - 1 != count)
            throw UsageError { tr("usage: easel-cli gallery %1").arg(usage) };
    }

    /// Files that are no readable PNG: one line each, on stderr (they stay indexed, without a recipe).
    void warnProblems(const GalleryIndex::ScanStats& stats)
    {
        for (const QString& problem : stats.problems)
            err(tr("easel-cli gallery: warning: %1").arg(problem));
    }

    void report(const GalleryIndex::ScanStats& stats)
    {
        warnProblems(stats);
        err(tr("Indexed: %1 new, %2 changed, %3 removed, %4 unchanged")
                .arg(stats.added)
                .arg(stats.updated)
                .arg(stats.removed)
                .arg(stats.unchanged));
    }

    /// A query that cannot be read is a usage error.
    QString checkedQuery(const QString& query)
    {
        const GalleryQuery compiled = GalleryQuery::compile(query);
        if (!compiled.isValid())
            throw UsageError { compiled.error };
        return query;
    }

    std::unique_ptr<GalleryIndex> openIndex(const Options& o)
    {
        auto index = std::make_unique<GalleryIndex>(o.db.isEmpty() ? GalleryIndex::defaultPath() : o.db);
        if (!index->movedAsidePath().isEmpty())
            err(tr("easel-cli gallery: the index %1 was damaged; moved to %2 and rebuilt from the images")
                    .arg(index->databasePath(), index->movedAsidePath()));
        // The files are the truth: a new (or recreated) index is filled before it is used.
        if (index->isFresh() && !index->folders().isEmpty())
            report(index->rescan());
        return index;
    }

    QJsonObject toJson(const GalleryEntry& e)
    {
        QJsonObject o;
        o[QStringLiteral("path")] = e.path;
        o[QStringLiteral("size")] = double(e.size);
        o[QStringLiteral("date")] = e.date;
        o[QStringLiteral("source")] = e.source;
        o[QStringLiteral("prompt")] = e.prompt;
        o[QStringLiteral("negative_prompt")] = e.negativePrompt;
        o[QStringLiteral("model")] = e.model;
        o[QStringLiteral("sampler")] = e.sampler;
        o[QStringLiteral("seed")] = e.seed ? QJsonValue(double(*e.seed)) : QJsonValue();
        o[QStringLiteral("steps")] = e.steps ? QJsonValue(*e.steps) : QJsonValue();
        o[QStringLiteral("cfg")] = e.cfg ? QJsonValue(*e.cfg) : QJsonValue();
        o[QStringLiteral("width")] = e.width;
        o[QStringLiteral("height")] = e.height;
        o[QStringLiteral("loras")] = QJsonArray::fromStringList(e.loras);
        o[QStringLiteral("rating")] = e.rating;
        o[QStringLiteral("pick")] = e.pick;
        o[QStringLiteral("reject")] = e.reject;
        o[QStringLiteral("tags")] = QJsonArray::fromStringList(e.tags);
        o[QStringLiteral("recipe")] = e.recipeJson.isEmpty()
            ? QJsonValue()
            : QJsonValue(QJsonDocument::fromJson(e.recipeJson.toUtf8()).object());
        return o;
    }

    int list(const Options& o)
    {
        const QString query = checkedQuery(o.positional.mid(1).join(QLatin1Char(' ')));
        auto index = openIndex(o);
        if (o.scan && !index->isFresh())
            warnProblems(index->rescan());
        const QList<GalleryEntry> entries = index->search(query, o.limit, o.json);
        if (o.json) {
            QJsonArray array;
            for (const GalleryEntry& e : entries)
                array << toJson(e);
            out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
            return 0;
        }
        for (const GalleryEntry& e : entries) {
            QString prompt = e.prompt.section(QLatin1Char('\n'), 0, 0);
            if (prompt.size() > 80)
                prompt = prompt.left(79) + QChar(0x2026);
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                    .arg(e.path, e.date, e.model, e.seed ? QString::number(*e.seed) : QStringLiteral("-"))
                    .arg(e.rating)
                    .arg(prompt));
        }
        return 0;
    }

    int exportImages(const Options& o)
    {
        expectArguments(o, 2, QStringLiteral("export QUERY DIR"));
        const QString query = checkedQuery(o.positional[1]);
        const QString target = o.positional[2];
        auto index = openIndex(o);
        if (o.scan && !index->isFresh())
            warnProblems(index->rescan());
        const QList<GalleryEntry> entries = index->search(query);
        if (!QDir().mkpath(target))
            throw Error(tr("Cannot create the folder %1").arg(target).toStdString());
        int copied = 0;
        for (const GalleryEntry& e : entries) {
            QFile source(e.path);
            if (!source.open(QIODevice::ReadOnly)) {
                err(tr("easel-cli gallery: cannot read %1: %2").arg(e.path, source.errorString()));
                continue;
            }
            const QByteArray bytes = source.readAll();
            const QFileInfo info(e.path);
            QString name = info.fileName();
            for (int n = 2; QFileInfo::exists(QDir(target).filePath(name)); ++n)
                name = QStringLiteral("%1-%2.%3").arg(info.completeBaseName()).arg(n).arg(info.suffix());
            // A byte copy: every chunk (recipe, rating, XMP) goes with it.
            AtomicFile::write(QDir(target).filePath(name), bytes, { e.path });
            ++copied;
        }
        out(QCoreApplication::translate("easel-cli gallery", "Exported %n image(s) to %1", nullptr, copied)
                .arg(QDir::cleanPath(target)));
        return copied == entries.size() ? 0 : 1;
    }

    int rebuild(const Options& o)
    {
        expectArguments(o, 0, QStringLiteral("rebuild"));
        auto index = openIndex(o);
        if (index->folders().isEmpty())
            err(tr("easel-cli gallery: no gallery folders yet (add one with 'easel-cli gallery add DIR')"));
        if (!index->isFresh())
            report(index->rebuild());
        out(QCoreApplication::translate("easel-cli gallery", "%n image(s) in %1", nullptr, index->count())
                .arg(index->databasePath()));
        return 0;
    }

    int add(const Options& o)
    {
        expectArguments(o, 1, QStringLiteral("add DIR"));
        const QString folder = o.positional[1];
        if (!QFileInfo(folder).isDir())
            throw Error(tr("%1: no such folder").arg(folder).toStdString());
        auto index = openIndex(o);
        if (!index->addFolder(folder))
            err(tr("easel-cli gallery: %1 is already a gallery folder").arg(folder));
        report(index->rescan());
        out(QCoreApplication::translate("easel-cli gallery", "%n image(s) in %1", nullptr, index->count())
                .arg(index->databasePath()));
        return 0;
    }

    int rate(const Options& o)
    {
        expectArguments(o, 2, QStringLiteral("rate FILE N"));
        const QString file = o.positional[1];
        bool ok = false;
        const int rating = o.positional[2].toInt(&ok);
        if (!ok || rating < 0 || rating > 5)
            throw UsageError { tr("a rating is a whole number from 0 to 5, got '%1'").arg(o.positional[2]) };
        if (!QFileInfo(file).isFile())
            throw Error(tr("%1: no such file").arg(file).toStdString());
        auto index = openIndex(o);
        index->setRating(file, rating);
        out(tr("%1: rating %2").arg(QFileInfo(file).absoluteFilePath()).arg(rating));
        return 0;
    }

    std::unique_ptr<GalleryIndex> openScanned(const Options& o)
    {
        auto index = openIndex(o);
        if (o.scan && !index->isFresh())
            warnProblems(index->rescan());
        return index;
    }

    /// A board's name as the side bar takes it: not empty, no '|' (the index's separator) and no '"'.
    QString boardName(const QString& name)
    {
        const QString clean = name.trimmed();
        if (clean.isEmpty() || clean.contains(QLatin1Char('|')) || clean.contains(QLatin1Char('"')))
            throw UsageError { tr("a board's name cannot be empty or contain '|' or '\"', got '%1'").arg(name) };
        return clean;
    }

    int boards(const Options& o)
    {
        expectArguments(o, 0, QStringLiteral("boards [--json]"));
        auto index = openScanned(o);
        GalleryCollections collections(index->databasePath());
        // Boards found on images (set by the window, easel-cli or another copy of the file) join the list.
        collections.addBoards(index->boards());
        const QStringList names = collections.boards();
        QStringList queries;
        for (const QString& name : names)
            queries << GalleryCollections::boardQuery(name);
        const QList<int> counts = index->counts(queries);
        if (o.json) {
            QJsonArray array;
            for (qsizetype i = 0; i < names.size(); ++i)
                array << QJsonObject { { QStringLiteral("name"), names[i] },
                    { QStringLiteral("images"), counts.value(i) }, { QStringLiteral("query"), queries[i] } };
            out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
            return 0;
        }
        for (qsizetype i = 0; i < names.size(); ++i)
            out(QStringLiteral("%1\t%2").arg(names[i]).arg(counts.value(i)));
        return 0;
    }

    int board(const Options& o)
    {
        const QString action = o.positional.value(1);
        const bool adding = action == QLatin1String("add");
        if ((!adding && action != QLatin1String("remove")) || o.positional.size() < (adding ? 4 : 3))
            throw UsageError { tr("usage: easel-cli gallery board add NAME FILE... | board remove NAME [FILE...]") };
        const QString name = boardName(o.positional[2]);
        const QStringList files = o.positional.mid(3);
        for (const QString& file : files) {
            if (!QFileInfo(file).isFile())
                throw Error(tr("%1: no such file").arg(file).toStdString());
        }
        auto index = openIndex(o);
        GalleryCollections collections(index->databasePath());
        QStringList paths;
        for (const QString& file : files)
            paths << QFileInfo(file).absoluteFilePath();
        if (!adding && paths.isEmpty()) {
            // The whole board: off every image first (each file written atomically), then out of the list.
            for (const GalleryEntry& e : index->search(GalleryCollections::boardQuery(name)))
                paths << e.path;
        }
        int changed = 0;
        for (const QString& path : std::as_const(paths)) {
            const std::optional<GalleryEntry> e = index->entry(path);
            QStringList boards = e ? e->boards : QStringList();
            if (adding == boards.contains(name))
                continue;
            if (adding)
                boards << name;
            else
                boards.removeAll(name);
            index->setBoards(path, boards);
            ++changed;
        }
        if (adding) {
            collections.addBoards({ name });
            out(QCoreApplication::translate("easel-cli gallery", "Board %1: %n image(s) added", nullptr, changed)
                    .arg(name));
        } else if (files.isEmpty()) {
            const bool listed = collections.removeBoard(name);
            if (!listed && changed == 0)
                throw Error(tr("no board named %1").arg(name).toStdString());
            out(QCoreApplication::translate("easel-cli gallery", "Board %1 removed from %n image(s)", nullptr, changed)
                    .arg(name));
        } else {
            out(QCoreApplication::translate("easel-cli gallery", "Board %1: %n image(s) taken off", nullptr, changed)
                    .arg(name));
        }
        return 0;
    }

    int searches(const Options& o)
    {
        expectArguments(o, 0, QStringLiteral("searches [--json]"));
        auto index = openScanned(o);
        const GalleryCollections collections(index->databasePath());
        const QList<GalleryCollections::SavedSearch> saved = collections.searches();
        QStringList queries;
        for (const GalleryCollections::SavedSearch& s : saved)
            queries << s.query;
        const QList<int> counts = index->counts(queries);
        if (o.json) {
            QJsonArray array;
            for (qsizetype i = 0; i < saved.size(); ++i)
                array << QJsonObject { { QStringLiteral("name"), saved[i].name },
                    { QStringLiteral("query"), saved[i].query }, { QStringLiteral("images"), counts.value(i) } };
            out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
            return 0;
        }
        // -1: a query that cannot be read (saved by hand in the file); shown as "?".
        for (qsizetype i = 0; i < saved.size(); ++i)
            out(QStringLiteral("%1\t%2\t%3")
                    .arg(saved[i].name, counts.value(i) < 0 ? QStringLiteral("?") : QString::number(counts.value(i)),
                        saved[i].query));
        return 0;
    }

    int search(const Options& o)
    {
        const QString action = o.positional.value(1);
        if (action == QLatin1String("save") && o.positional.size() >= 4) {
            const QString name = o.positional[2].trimmed();
            if (name.isEmpty())
                throw UsageError { tr("a saved search needs a name") };
            const QString query = checkedQuery(o.positional.mid(3).join(QLatin1Char(' ')));
            const auto index = openIndex(o); // creates the data folder; the collections file sits beside it
            GalleryCollections collections(index->databasePath());
            collections.saveSearch(name, query);
            out(tr("Saved search %1: %2").arg(name, query.trimmed()));
            return 0;
        }
        if (action == QLatin1String("remove") && o.positional.size() == 3) {
            const auto index = openIndex(o); // creates the data folder; the collections file sits beside it
            GalleryCollections collections(index->databasePath());
            if (!collections.removeSearch(o.positional[2].trimmed()))
                throw Error(tr("no saved search named %1").arg(o.positional[2]).toStdString());
            out(tr("Removed saved search %1").arg(o.positional[2].trimmed()));
            return 0;
        }
        throw UsageError { tr("usage: easel-cli gallery search save NAME QUERY... | search remove NAME") };
    }

} // namespace

int runGallery(const QStringList& args)
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
        if (sub == QLatin1String("rebuild"))
            return rebuild(o);
        if (sub == QLatin1String("add"))
            return add(o);
        if (sub == QLatin1String("rate"))
            return rate(o);
        if (sub == QLatin1String("export"))
            return exportImages(o);
        if (sub == QLatin1String("boards"))
            return boards(o);
        if (sub == QLatin1String("board"))
            return board(o);
        if (sub == QLatin1String("searches"))
            return searches(o);
        if (sub == QLatin1String("search"))
            return search(o);
        throw UsageError {
            tr("unknown subcommand '%1' (list, rebuild, add, rate, export, boards, board, searches, search)").arg(sub)
        };
    } catch (const UsageError& e) {
        err(QStringLiteral("easel-cli gallery: ") + e.message);
        return 2;
    } catch (const std::runtime_error& e) { // easel::Error
        err(QStringLiteral("easel-cli gallery: ") + QString::fromUtf8(e.what()));
        return 1;
    }
}

} // namespace easel::cli
