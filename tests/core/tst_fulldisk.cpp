// SPDX-License-Identifier: MIT
// A full disk: saving an image (GenerationJob's writer), the gallery index, the queue database, an atomic
// file (AtomicFile: the gallery's folder list, PNG culling, exports) and the settings file fail with one line
// naming the folder or file, keep what was there, and the next save after space is freed succeeds.
//
// The seam: this executable defines write(), writev(), pwrite() and pwrite64() itself (exported with
// -rdynamic), so every library in the process (Qt's QSaveFile, SQLite's pager and WAL) calls them. While a
// folder is "full", a write that would make a regular file under it grow fails with ENOSPC, as the kernel
// answers on a full file system; writes within a file's size go through. No root, no mount, no quota: it
// works the same as root in CI and unprivileged on a laptop. SQLite answers ENOSPC with SQLITE_FULL
// ("database or disk is full"). The files written through QSaveFile (batch metadata, the hash cache, a
// downloaded model's sidecar) must flush() before commit(): Qt 6.4 otherwise commits a short file.

#include "backends/modeldownloader.h"
#include "batch/batchmetadata.h"
#include "gallery/atomicfile.h"
#include "gallery/filehash.h"
#include "gallery/galleryindex.h"
#include "gallery/imagemetadata.h"
#include "imaging/imageio.h"
#include "jobs/directcontext.h"
#include "jobs/generationjob.h"
#include "jobs/jobqueue.h"
#include "jobs/modelservice.h"
#include "jobs/queuestore.h"
#include "recipe/stylelibrary.h"
#include "support/httpserver.h"
#include "support/safetensorsbytes.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

using namespace easel;

namespace {

// ----------------------------------------------------------------------------------------------------------
// The full-disk seam.

std::atomic<bool> g_full { false };
char g_folder[4096]; // canonical, with a trailing '/'
char g_spared[256]; // when set, files whose path contains it still have room
std::atomic<int> g_refused { 0 };

/// True when writing `count` bytes at `offset` (-1: the file position) to `fd` would grow a regular file
/// under the full folder.
bool refuses(int fd, off_t offset, size_t count)
{
    if (!g_full.load() || count == 0)
        return false;
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[4096];
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = '\0';
    if (std::strncmp(target, g_folder, std::strlen(g_folder)) != 0)
        return false;
    if (g_spared[0] && std::strstr(target + std::strlen(g_folder), g_spared))
        return false;
    struct stat st { };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    if (offset < 0)
        offset = (::fcntl(fd, F_GETFL) & O_APPEND) ? st.st_size : ::lseek(fd, 0, SEEK_CUR);
    if (offset < 0 || offset + off_t(count) <= st.st_size)
        return false;
    ++g_refused;
    return true;
}

template <typename F> F real(const char* name) { return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name)); }

/// Makes `folder` full (or frees it again with an empty string) for every write of this process; with
/// `spared`, the files whose name contains it still have room.
void setFull(const QString& folder, const QByteArray& spared = {})
{
    if (folder.isEmpty()) {
        g_full = false;
        return;
    }
    Q_ASSERT(size_t(spared.size()) < sizeof g_spared);
    std::memcpy(g_spared, spared.constData(), size_t(spared.size()) + 1);
    const QByteArray path = QFile::encodeName(QDir(folder).canonicalPath()) + '/';
    Q_ASSERT(size_t(path.size()) < sizeof g_folder);
    std::memcpy(g_folder, path.constData(), size_t(path.size()) + 1);
    g_full = true;
}

struct FullDisk {
    explicit FullDisk(const QString& folder, const QByteArray& spared = {}) { setFull(folder, spared); }
    ~FullDisk() { setFull(QString()); }
};

} // namespace

extern "C" {

ssize_t write(int fd, const void* buffer, size_t count)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t)>("write");
    if (refuses(fd, -1, count)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, buffer, count);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt)
{
    static const auto next = real<ssize_t (*)(int, const struct iovec*, int)>("writev");
    size_t count = 0;
    for (int i = 0; i < iovcnt; ++i)
        count += iov[i].iov_len;
    if (refuses(fd, -1, count)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, iov, iovcnt);
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
    if (refuses(fd, offset, count)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
    if (refuses(fd, off_t(offset), count)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, buffer, count, offset);
}

} // extern "C"

namespace {

QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void checkLine(const QString& message, const QString& names)
{
    QVERIFY2(!message.isEmpty(), "no message");
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    QVERIFY2(message.contains(names), qPrintable(message));
}

std::unique_ptr<GenerationJob> generation(qint64 seed, const QString& output, bool overwrite)
{
    ImageRecipe r;
    r.prompt = QStringLiteral("a full disk");
    r.seed = seed;
    r.steps = 1;
    r.width = 64;
    r.height = 64;
    r.sampler = Sampler::Euler;
    r.precision = Precision::Fp32;
    r.device = Device::Cpu;
    GenerationOptions o;
    o.outputPath = output;
    o.overwrite = overwrite;
    o.preview = PreviewMode::None;
    return std::make_unique<GenerationJob>(r, o);
}

void writePng(const QString& path, int rating = 0)
{
    const cv::Mat pixels(64, 64, CV_8UC3, cv::Scalar(10, 20, 30));
    ImageRecipe r;
    r.prompt = QStringLiteral("indexed");
    r.seed = 5;
    TextChunks chunks { { QStringLiteral("parameters"), r.toA1111Parameters() } };
    if (rating > 0)
        chunks.push_back({ ImageMetadata::ratingKeyword, QString::number(rating) });
    imaging::writeResult(path, pixels, chunks, {});
}

} // namespace

class TestFullDisk : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString folder(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The seam is in place: a file under a full folder cannot grow, one elsewhere can.
        const QString full = folder(QStringLiteral("seam"));
        QFile file(full + QStringLiteral("/f"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        QCOMPARE(file.write("abc", 3), qint64(3));
        {
            FullDisk disk(full);
            QCOMPARE(file.write("def", 3), qint64(-1));
            QVERIFY(file.seek(0));
            QCOMPARE(file.write("xy", 2), qint64(2)); // within its size: the blocks are there
        }
        QCOMPARE(file.write("z", 1), qint64(1));
        file.close();
        QCOMPARE(bytesOf(full + QStringLiteral("/f")), QByteArray("xyz"));
    }

    void atomicFile()
    {
        const QString dir = folder(QStringLiteral("atomic"));
        const QString path = dir + QStringLiteral("/list.txt");
        AtomicFile::write(path, "before\n", {}, AtomicFile::Existing::Replace);
        {
            FullDisk disk(dir);
            try {
                AtomicFile::write(path, QByteArray(100000, 'x'), {}, AtomicFile::Existing::Replace);
                QFAIL("wrote to a full disk");
            } catch (const std::exception& e) {
                checkLine(QString::fromUtf8(e.what()), path);
                QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), e.what());
            }
        }
        QCOMPARE(bytesOf(path), QByteArray("before\n"));
        QCOMPARE(entries(dir), QStringList { QStringLiteral("list.txt") }); // no temporary file left
        AtomicFile::write(path, "after\n", {}, AtomicFile::Existing::Replace);
        QCOMPARE(bytesOf(path), QByteArray("after\n"));
    }

    void styleFile()
    {
        const QString dir = folder(QStringLiteral("styles"));
        Style style;
        style.id = QStringLiteral("ink");
        style.title = QStringLiteral("Ink");
        style.promptTemplate = QStringLiteral("{prompt}, ink");
        QString message;
        QVERIFY2(StyleLibrary::saveUserStyle(style, dir, &message), qPrintable(message));
        const QString path = dir + QStringLiteral("/ink.json");
        const QByteArray before = bytesOf(path);
        style.promptTemplate = QStringLiteral("{prompt}, ink and wash"); // small: it stays in QSaveFile's buffer
        {
            FullDisk disk(dir);
            QVERIFY(!StyleLibrary::saveUserStyle(style, dir, &message));
            checkLine(message, path);
        }
        QCOMPARE(bytesOf(path), before); // never replaced by a short file
        QCOMPARE(entries(dir), QStringList { QStringLiteral("ink.json") });
        QVERIFY2(StyleLibrary::saveUserStyle(style, dir, &message), qPrintable(message));
        QVERIFY(bytesOf(path).contains("ink and wash"));
    }

    void batchMetadata()
    {
        const QString dir = folder(QStringLiteral("batch"));
        const QString path = dir + QStringLiteral("/video.json");
        BatchMetadata metadata;
        metadata.videoName = QStringLiteral("video");
        metadata.outputDir = dir;
        QString message;
        QVERIFY2(metadata.write(path, &message), qPrintable(message));
        const QByteArray before = bytesOf(path);
        metadata.videoName = QStringLiteral("video, second take"); // small: it stays in QSaveFile's buffer
        {
            FullDisk disk(dir);
            QVERIFY(!metadata.write(path, &message));
            checkLine(message, QDir::toNativeSeparators(path));
        }
        QCOMPARE(bytesOf(path), before); // never replaced by a short file
        QCOMPARE(entries(dir), QStringList { QStringLiteral("video.json") });
        QVERIFY2(metadata.write(path, &message), qPrintable(message));
        QVERIFY(bytesOf(path).contains("second take"));
    }

    void hashCache()
    {
        const QString cache = folder(QStringLiteral("hashes"));
        const QString models = folder(QStringLiteral("hashed-models"));
        QFile one(models + QStringLiteral("/one.safetensors"));
        QFile two(models + QStringLiteral("/two.safetensors"));
        QVERIFY(one.open(QIODevice::WriteOnly) && one.write("one") == 3);
        QVERIFY(two.open(QIODevice::WriteOnly) && two.write("two") == 3);
        one.close();
        two.close();
        QString message;
        QVERIFY2(FileHash(cache).sha256(one.fileName(), &message), qPrintable(message));
        const QString cacheFile = FileHash(cache).cacheFilePath();
        const QByteArray before = bytesOf(cacheFile);
        QVERIFY(before.contains("one.safetensors"));
        {
            // The hash is still given; the cache keeps what it had.
            FullDisk disk(cache);
            QCOMPARE(FileHash(cache).sha256(two.fileName(), &message), FileHash::hashFile(two.fileName()));
        }
        QCOMPARE(bytesOf(cacheFile), before);
        QCOMPARE(entries(cache), QStringList { FileHash::cacheFileName() });
        QVERIFY2(FileHash(cache).sha256(two.fileName(), &message), qPrintable(message));
        QVERIFY(bytesOf(cacheFile).contains("two.safetensors"));
    }

    void downloadSidecar()
    {
        const QByteArray model = test::makeSafetensors(
            { { QStringLiteral("w"), QStringLiteral("F32"), QJsonArray { 2 }, QByteArray(8, '\0') } });
        test::HttpServer server;
        QVERIFY(server.listen());
        server.route("/model.safetensors", { test::HttpServer::Kind::File, model, {} });
        const QString dir = folder(QStringLiteral("downloads"));
        const QString sidecar = dir + QStringLiteral("/v2.json");
        {
            QFile old(sidecar);
            QVERIFY(old.open(QIODevice::WriteOnly) && old.write("{}\n") == 3);
        }
        ModelDownloader::Request request;
        request.url = server.url("/model.safetensors");
        request.destination = dir + QStringLiteral("/v2.safetensors");
        request.sidecar = "{\"scheduler\": {\"prediction_type\": \"v_prediction\"}}\n";
        auto download = [&] {
            ModelDownloader downloader;
            QSignalSpy finished(&downloader, &ModelDownloader::finished);
            downloader.start(request);
            if (finished.isEmpty())
                finished.wait(60000);
            return finished.isEmpty() ? QStringLiteral("no answer") : finished.first().value(1).toString();
        };
        {
            // Room for the model (the partial download), none for its sidecar.
            FullDisk disk(dir, ".part");
            const QString error = download();
            checkLine(error, sidecar);
        }
        QCOMPARE(bytesOf(sidecar), QByteArray("{}\n")); // never replaced by a short file
        QVERIFY(!QFile::exists(request.destination));
        const QString error = download();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(bytesOf(sidecar), request.sidecar);
        QCOMPARE(bytesOf(request.destination), model);
    }

    void settingsFile()
    {
        const QString dir = folder(QStringLiteral("settings"));
        const QString path = dir + QStringLiteral("/easel.conf");
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("threads"), 2);
        }
        const QByteArray before = bytesOf(path);
        QVERIFY(before.contains("threads=2"));
        {
            FullDisk disk(dir);
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("lora/folder"), QString(5000, QLatin1Char('l')));
            settings.sync();
            QCOMPARE(settings.status(), QSettings::AccessError);
        }
        QCOMPARE(bytesOf(path), before);
        QCOMPARE(entries(dir), QStringList { QStringLiteral("easel.conf") });
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("threads"), 3);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    void savingImages()
    {
        const QString dir = folder(QStringLiteral("images"));
        const QString path = dir + QStringLiteral("/picture.png");
        ModelService models;
        {
            DirectContext context(models);
            const JobResult first = generation(1, path, false)->run(context);
            QVERIFY2(first.state == JobState::Completed, qPrintable(first.message));
        }
        const QByteArray before = bytesOf(path);
        QVERIFY(!before.isEmpty());

        JobResult result;
        {
            FullDisk disk(dir);
            DirectContext context(models);
            result = generation(2, path, true)->run(context);
        }
        QVERIFY2(result.state == JobState::Failed,
            qPrintable(QStringLiteral("state %1, %2 saved, %3 writes refused")
                           .arg(int(result.state))
                           .arg(result.saved.size())
                           .arg(g_refused.load())));
        checkLine(result.message, QDir::toNativeSeparators(dir));
        QVERIFY2(result.message.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(result.message));
        QCOMPARE(result.unsaved.size(), 1); // the pixels are kept for the caller
        QCOMPARE(bytesOf(path), before); // the old picture is whole
        QCOMPARE(entries(dir), QStringList { QStringLiteral("picture.png") });

        DirectContext context(models);
        const JobResult after = generation(2, path, true)->run(context);
        QVERIFY2(after.state == JobState::Completed, qPrintable(after.message));
        QCOMPARE(ImageMetadata::read(path).recipe->seed, qint64(2));
    }

    void galleryIndex()
    {
        const QString images = folder(QStringLiteral("gallery/images"));
        const QString data = folder(QStringLiteral("gallery/data"));
        const QString db = data + QStringLiteral("/gallery.sqlite");
        for (int i = 0; i < 3; ++i)
            writePng(images + QStringLiteral("/%1.png").arg(i));
        {
            GalleryIndex index(db);
            index.addFolder(images);
            QCOMPARE(index.rescan().added, 3);
        }
        writePng(images + QStringLiteral("/new.png"), 4);

        // The database's folder is full: SQLite answers SQLITE_FULL.
        QString message;
        {
            FullDisk disk(data);
            try {
                GalleryIndex index(db);
                for (int i = 0; i < 20; ++i) // until a page is added (the WAL grows)
                    index.indexFile(images + QStringLiteral("/new.png"));
                index.rescan();
                index.setRating(images + QStringLiteral("/0.png"), 5);
                QFAIL("the index was written to a full disk");
            } catch (const std::exception& e) {
                message = QString::fromUtf8(e.what());
            }
            QVERIFY(g_refused > 0);
        }
        checkLine(message, data);
        QVERIFY2(
            message.contains(QLatin1String("full")), qPrintable(message)); // SQLITE_FULL's "database or disk is full"
        {
            GalleryIndex index(db);
            QVERIFY(index.movedAsidePath().isEmpty());
            QVERIFY2(index.count() >= 3, qPrintable(message + QLatin1Char(' ') + entries(data).join(QLatin1Char(','))));
            QVERIFY(index.entry(images + QStringLiteral("/1.png")));
            const GalleryIndex::ScanStats stats = index.rescan();
            QVERIFY(stats.problems.isEmpty());
            QCOMPARE(index.count(), 4);
            QCOMPARE(index.entry(images + QStringLiteral("/new.png"))->rating, 4);
        }

        // The images' folder is full: rating an image keeps the file and the index as they were.
        const QString image = images + QStringLiteral("/1.png");
        const QByteArray before = bytesOf(image);
        {
            GalleryIndex index(db);
            FullDisk disk(images);
            try {
                index.setRating(image, 3);
                QFAIL("rated on a full disk");
            } catch (const std::exception& e) {
                checkLine(QString::fromUtf8(e.what()), image);
            }
            QCOMPARE(index.entry(image)->rating, 0);
        }
        QCOMPARE(bytesOf(image), before);
        GalleryIndex index(db);
        index.setRating(image, 3);
        QCOMPARE(ImageMetadata::read(image).rating, 3);
        QCOMPARE(index.entry(image)->rating, 3);
    }

    void queueDatabase()
    {
        const QString dir = folder(QStringLiteral("queue"));
        const QString db = dir + QStringLiteral("/queue.sqlite");
        const QString out = folder(QStringLiteral("queue-out"));
        JobQueue queue;
        queue.setPaused(true);
        QueueStore store(queue, db);
        QSignalSpy errors(&store, &QueueStore::error);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QList<quint64> ids;
        for (int i = 0; i < 3; ++i)
            ids << queue.submit(generation(i, out + QStringLiteral("/%1.png").arg(i), false));
        QVERIFY(errors.isEmpty());
        {
            FullDisk disk(dir);
            for (int i = 3; i < 40 && errors.isEmpty(); ++i) // until the WAL must grow
                ids << queue.submit(generation(i, out + QStringLiteral("/%1.png").arg(i), false));
        }
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        checkLine(message, db);
        QVERIFY2(message.contains(QLatin1String("full")), qPrintable(message));
        QCOMPARE(store.lastError(), message);
        QCOMPARE(queue.queuedJobs(), ids); // the queue in memory is whole

        // What the database had is still there.
        std::optional<QList<QueueRow>> rows = QueueStore::read(db, &error);
        QVERIFY2(rows, qPrintable(error));
        QVERIFY(rows->size() >= 3);

        // Space again: the next change writes everything, the job added on the full disk included.
        ids << queue.submit(generation(99, out + QStringLiteral("/99.png"), false));
        QVERIFY2(store.lastError().isEmpty(), qPrintable(store.lastError()));
        QCOMPARE(errors.size(), 1);
        rows = QueueStore::read(db, &error);
        QVERIFY2(rows, qPrintable(error));
        QList<quint64> persisted;
        for (const QueueRow& row : *rows)
            persisted << row.id;
        QCOMPARE(persisted, ids);
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
