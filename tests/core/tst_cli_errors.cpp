// SPDX-License-Identifier: MIT
// Errors for people: every kind of bad input given to easel-cli (an unknown command or flag, a bad value, a
// missing file, an unreadable or damaged PNG, a truncated safetensors file, a corrupt JSON prompt list or
// model config, a LoRA or checkpoint where the other is expected, a model of another family, an unknown
// <lora:name>, a folder that cannot be written) is answered with exactly one line on stderr that names the
// file or the value, with no exception text of libtorch, OpenCV or Qt, and exit status 1 for bad input,
// 2 for bad usage. The built executable runs through QProcess; the broken files are made in a temporary
// folder from the tiny fixtures.

#include "support/clirunner.h"
#include "support/testdata.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace easel;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// What no message for people may carry: exception text and backtraces of the libraries underneath.
const char* const kInternals[] = { "c10::", "c10/", "Exception raised from", "frame #", "at::", "cv::", "OpenCV(",
    "libpng", "terminate called", "what():", "std::", "QSql", "Q_ASSERT", "ASSERT failure", "Segmentation" };

} // namespace

class TestCliErrors : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QByteArray model
            = test::readFile(QString::fromStdString(test::tinyModelPath("tiny-sd15", "single-file")));
        QVERIFY(!model.isEmpty());
        writeFile(path(QStringLiteral("truncated.safetensors")), model.left(model.size() / 2));
        writeFile(path(QStringLiteral("header-only.safetensors")), model.left(5000));
        // A whole model with a sidecar config that is not JSON.
        writeFile(path(QStringLiteral("sidecar.safetensors")), model);
        writeFile(path(QStringLiteral("sidecar.json")), "{ \"unet\": { nope");
        writeFile(path(QStringLiteral("text.png")), "this is not a PNG");
        const QByteArray png = test::readFile(test::testDataPath(QStringLiteral("imaging/input_photo.png")));
        QVERIFY(png.size() > 1000);
        writeFile(path(QStringLiteral("photo.png")), png);
        writeFile(path(QStringLiteral("truncated.png")), png.left(png.size() / 2));
        QByteArray flipped = png;
        flipped[png.size() / 2] = char(flipped[png.size() / 2] ^ 0x40);
        writeFile(path(QStringLiteral("flipped.png")), flipped);
        writeFile(path(QStringLiteral("signature-only.png")), png.left(8) + QByteArray(" garbage"));
        writeFile(path(QStringLiteral("prompts.json")), "{\"video_name\": \"v\", \"prompts\": [{\"prompt\": ");
        writeFile(path(QStringLiteral("prompts-not-a-list.json")), "{\"video_name\": \"v\", \"prompts\": 7}");
        QVERIFY(QDir().mkpath(path(QStringLiteral("folder.png"))));
        QVERIFY(QDir().mkpath(path(QStringLiteral("loras"))));
        writeFile(path(QStringLiteral("read-only")), "a file where a folder should be");
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args"); // "@/" is replaced by the temporary folder
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("names"); // the file or value the line must name ("@/" as above)

        const QStringList quick { QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--width"),
            QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--preview"),
            QStringLiteral("none"), QStringLiteral("--output"), QStringLiteral("@/out.png"),
            QStringLiteral("--overwrite") };
        auto generate = [&](QStringList args) {
            // The row's own flags last: the last value of a flag wins.
            return QStringList { QStringLiteral("generate"), QStringLiteral("--prompt"), QStringLiteral("a cat") }
            + quick + args;
        };
        const QString sd15Lora = test::testDataPath(QStringLiteral("lora/tiny-sd15-lora-a.safetensors"));
        const QString sdxlLora = test::testDataPath(QStringLiteral("lora/tiny-sdxl-lora-a.safetensors"));
        const QString sdxl = QString::fromStdString(test::tinyModelPath("tiny-sdxl", "single-file"));

        // Bad usage: 2.
        QTest::newRow("no command") << QStringList {} << 2 << QStringLiteral("Usage");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("generat") } << 2
                                         << QStringLiteral("'generat'");
        QTest::newRow("unknown flag") << QStringList { QStringLiteral("generate"), QStringLiteral("--frobnicate") } << 2
                                      << QStringLiteral("frobnicate");
        QTest::newRow("flag without its value")
            << QStringList { QStringLiteral("generate"), QStringLiteral("--prompt") } << 2 << QStringLiteral("prompt");
        QTest::newRow("missing required flag")
            << QStringList { QStringLiteral("generate") } << 2 << QStringLiteral("--prompt");
        QTest::newRow("not a number") << generate({ QStringLiteral("--steps"), QStringLiteral("many") }) << 2
                                      << QStringLiteral("--steps");
        QTest::newRow("number out of range")
            << generate({ QStringLiteral("--guidance"), QStringLiteral("1000") }) << 2 << QStringLiteral("--guidance");
        QTest::newRow("size not a multiple of 8")
            << generate({ QStringLiteral("--width"), QStringLiteral("65") }) << 2 << QStringLiteral("65");
        QTest::newRow("unknown sampler") << generate({ QStringLiteral("--sampler"), QStringLiteral("warp") }) << 2
                                         << QStringLiteral("'warp'");
        QTest::newRow("unknown dtype") << generate({ QStringLiteral("--dtype"), QStringLiteral("fp64") }) << 2
                                       << QStringLiteral("'fp64'");
        QTest::newRow("extra argument") << QStringList { QStringLiteral("check"), QStringLiteral("@/photo.png"),
            QStringLiteral("@/photo.png"), QStringLiteral("surplus") }
                                        << 2 << QStringLiteral("'@/photo.png'");
        QTest::newRow("unknown gallery subcommand")
            << QStringList { QStringLiteral("gallery"), QStringLiteral("polish") } << 2 << QStringLiteral("'polish'");
        QTest::newRow("unknown queue subcommand")
            << QStringList { QStringLiteral("queue"), QStringLiteral("shuffle") } << 2 << QStringLiteral("'shuffle'");
        QTest::newRow("LoRA that does not exist")
            << generate({ QStringLiteral("--lora"), QStringLiteral("@/none.safetensors") }) << 2
            << QStringLiteral("@/none.safetensors");

        // Bad input: 1.
        QTest::newRow("missing model") << QStringList { QStringLiteral("info"), QStringLiteral("@/none.safetensors") }
                                       << 1 << QStringLiteral("@/none.safetensors");
        QTest::newRow("truncated safetensors")
            << QStringList { QStringLiteral("info"), QStringLiteral("@/truncated.safetensors") } << 1
            << QStringLiteral("@/truncated.safetensors");
        QTest::newRow("truncated safetensors as model")
            << generate({ QStringLiteral("--model"), QStringLiteral("@/header-only.safetensors") }) << 1
            << QStringLiteral("@/header-only.safetensors");
        QTest::newRow("model config not JSON")
            << generate({ QStringLiteral("--model"), QStringLiteral("@/sidecar.safetensors") }) << 1
            << QStringLiteral("@/sidecar.json");
        QTest::newRow("LoRA given as the model") << generate({ QStringLiteral("--model"), sd15Lora }) << 1 << sd15Lora;
        QTest::newRow("checkpoint given as a LoRA") << generate(
            { QStringLiteral("--lora"), QString::fromStdString(test::tinyModelPath("tiny-sd15", "single-file")) })
                                                    << 1 << QStringLiteral("not a LoRA");
        QTest::newRow("LoRA of another family") << generate({ QStringLiteral("--lora"), sdxlLora }) << 1 << sdxlLora;
        QTest::newRow("SD 1.x LoRA on SDXL")
            << generate({ QStringLiteral("--model"), sdxl, QStringLiteral("--lora"), sd15Lora }) << 1 << sd15Lora;
        QTest::newRow("unknown <lora:name>") << QStringList { QStringLiteral("generate"), QStringLiteral("--prompt"),
            QStringLiteral("a cat <lora:nowhere:0.8>"), QStringLiteral("--lora-dir"), QStringLiteral("@/loras") }
                + quick << 1 << QStringLiteral("'nowhere'");
        QTest::newRow("text as a PNG") << QStringList { QStringLiteral("check"), QStringLiteral("@/text.png") } << 1
                                       << QStringLiteral("@/text.png");
        QTest::newRow("truncated PNG") << QStringList { QStringLiteral("check"), QStringLiteral("@/truncated.png") }
                                       << 1 << QStringLiteral("@/truncated.png");
        QTest::newRow("PNG with a flipped bit")
            << QStringList { QStringLiteral("check"), QStringLiteral("@/flipped.png") } << 1
            << QStringLiteral("@/flipped.png");
        QTest::newRow("PNG signature then garbage")
            << QStringList { QStringLiteral("check"), QStringLiteral("@/signature-only.png") } << 1
            << QStringLiteral("@/signature-only.png");
        QTest::newRow("missing PNG") << QStringList { QStringLiteral("check"), QStringLiteral("@/none.png") } << 1
                                     << QStringLiteral("@/none.png");
        QTest::newRow("folder as a PNG") << QStringList { QStringLiteral("check"), QStringLiteral("@/folder.png") } << 1
                                         << QStringLiteral("@/folder.png");
        QTest::newRow("damaged init image")
            << generate({ QStringLiteral("--init-image"), QStringLiteral("@/truncated.png") }) << 1
            << QStringLiteral("@/truncated.png");
        QTest::newRow("prompt list not JSON")
            << QStringList { QStringLiteral("batch"), QStringLiteral("@/prompts.json") } << 1
            << QStringLiteral("prompts.json"); // the list's own name
        QTest::newRow("prompt list of the wrong shape")
            << QStringList { QStringLiteral("batch"), QStringLiteral("@/prompts-not-a-list.json") } << 1
            << QStringLiteral("prompts-not-a-list.json");
        QTest::newRow("missing prompt list") << QStringList { QStringLiteral("batch"), QStringLiteral("@/none.json") }
                                             << 1 << QStringLiteral("none.json");
        QTest::newRow("output in a folder that cannot be made") << QStringList { QStringLiteral("generate"),
            QStringLiteral("--prompt"), QStringLiteral("a cat"), QStringLiteral("--steps"), QStringLiteral("1"),
            QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
            QStringLiteral("--output"), QStringLiteral("@/read-only/out.png") }
                                                                << 1 << QStringLiteral("@/read-only");
        QTest::newRow("gallery folder that does not exist") << QStringList { QStringLiteral("gallery"),
            QStringLiteral("add"), QStringLiteral("@/no-such-folder"), QStringLiteral("--db"),
            QStringLiteral("@/gallery.sqlite") } << 1 << QStringLiteral("@/no-such-folder");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, names);
        const QString root = m_dir.path() + QLatin1Char('/');
        for (QString& a : args)
            a.replace(QStringLiteral("@/"), root);
        names.replace(QStringLiteral("@/"), root);

        const test::CliRun run = test::runCli(args);
        const QString context = QStringLiteral("easel-cli %1\nstatus %2\nstderr:\n%3")
                                    .arg(args.join(QLatin1Char(' ')))
                                    .arg(run.exitCode)
                                    .arg(run.err);
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == status, qPrintable(context));
        if (args.isEmpty()) {
            // Bare easel-cli: the usage text, as asked for help.
            QVERIFY2(run.out.contains(names), qPrintable(run.out));
            return;
        }
        const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 1, qPrintable(context));
        QVERIFY2(lines.first().startsWith(QLatin1String("easel-cli")), qPrintable(context));
        QVERIFY2(lines.first().contains(names), qPrintable(context));
        for (const char* internal : kInternals)
            QVERIFY2(!lines.first().contains(QLatin1String(internal)), qPrintable(context));
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
