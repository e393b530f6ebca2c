// SPDX-License-Identifier: MIT
// libFuzzer target for batch prompt lists (PromptList::fromJson): any bytes are a list of valid entries or
// refused with one line naming the file. Accepted entries keep their documented bounds, and the video name
// is a safe folder name that sanitising again leaves alone.

#include "fuzzsupport.h"

#include "batch/promptlist.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    // The sanitiser also takes the raw text, as it gets a file's stem when the list names no video.
    const QString raw = QString::fromUtf8(json);
    const QString safe = PromptList::sanitizeVideoName(raw);
    FUZZ_CHECK(!safe.isEmpty() && safe.size() <= 120 && PromptList::sanitizeVideoName(safe) == safe);
    FUZZ_CHECK(!safe.contains(QLatin1Char('/')) && !safe.contains(QLatin1Char('\\')) && safe != QLatin1String(".."));

    QString error;
    const std::optional<PromptList> list = PromptList::fromJson(json, QStringLiteral("/lists/fuzz.json"), &error);
    if (!list) {
        FUZZ_CHECK(error.startsWith(QLatin1String("fuzz.json: ")));
        return 0;
    }
    FUZZ_CHECK(!list->entries().isEmpty());
    FUZZ_CHECK(PromptList::sanitizeVideoName(list->videoName()) == list->videoName());
    QSet<QString> frames;
    for (const PromptEntry& e : list->entries()) {
        FUZZ_CHECK(e.timestampMs() >= 0 && e.timestampMs() <= PromptList::MaxTimestampMs);
        FUZZ_CHECK(!e.prompt.trimmed().isEmpty());
        FUZZ_CHECK(!e.seed || (*e.seed >= 0 && *e.seed <= PromptList::MaxSeed));
        const QString frame = e.frameFileName();
        FUZZ_CHECK(frame.size() == int(sizeof "frame_00000000.png") - 1);
        FUZZ_CHECK(!frames.contains(frame));
        frames.insert(frame);
    }
    return 0;
}
