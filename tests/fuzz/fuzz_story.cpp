// SPDX-License-Identifier: MIT
// libFuzzer target for story documents (StoryDocument::load): any bytes in a story file are a story or refused
// with one line naming the file, never a crash. An accepted story refers only to its own characters, locations
// and variants, has unique ids, survives toJson()/fromJson() unchanged, and answers a shot selection.

#include "fuzzsupport.h"

#include "story/storydocument.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace easel;

namespace {

const QString& storyFile()
{
    static const QString file = QString::fromStdString(fuzz::scratchDir()) + QStringLiteral("/fuzz.story.json");
    return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::writeFile(storyFile().toStdString(), data, size);

    QString error;
    const std::optional<StoryDocument> story = StoryDocument::load(storyFile(), &error);
    if (!story) {
        FUZZ_CHECK(!error.isEmpty() && !error.contains(QLatin1Char('\n')));
        FUZZ_CHECK(error.contains(QLatin1String("fuzz.story.json")));
        return 0;
    }

    QSet<QString> characters;
    for (const StoryCharacter& c : story->characters()) {
        FUZZ_CHECK(!c.id.isEmpty() && !characters.contains(c.id));
        characters.insert(c.id);
        FUZZ_CHECK(story->character(c.id) != nullptr);
    }
    QSet<QString> locations;
    for (const StoryLocation& l : story->locations()) {
        FUZZ_CHECK(!l.id.isEmpty() && !locations.contains(l.id));
        locations.insert(l.id);
    }
    QSet<QString> shots;
    for (const StoryShot& s : story->shots()) {
        FUZZ_CHECK(!s.id.isEmpty() && !shots.contains(s.id));
        shots.insert(s.id);
        for (const ShotCharacter& c : s.characters)
            FUZZ_CHECK(characters.contains(c.characterId));
        if (!s.locationId.isEmpty()) {
            const StoryLocation* location = story->location(s.locationId);
            FUZZ_CHECK(location != nullptr);
            FUZZ_CHECK(s.variantId.isEmpty() || location->variant(s.variantId) != nullptr);
        }
        FUZZ_CHECK(story->shotIndex(s.id) >= 0);
        FUZZ_CHECK(s.keyframe.isEmpty() || s.takes.contains(s.keyframe));
    }

    // What is written back reads the same.
    const std::optional<StoryDocument> again
        = StoryDocument::fromJson(story->toJson(), QFileInfo(storyFile()).absolutePath(), &error);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(*again == *story);

    // A selection of its shots: ids of its own, in story order, or one line.
    for (const QString& selection : { QStringLiteral("1-3,2"), QStringLiteral("1"), QStringLiteral("2-1") }) {
        QString message;
        if (const std::optional<QStringList> ids = story->selectShots(selection, &message)) {
            int previous = -1;
            for (const QString& id : *ids) {
                FUZZ_CHECK(story->shotIndex(id) > previous);
                previous = story->shotIndex(id);
            }
        } else {
            FUZZ_CHECK(!message.isEmpty() && !message.contains(QLatin1Char('\n')));
        }
    }
    return 0;
}
