// SPDX-License-Identifier: MIT
#pragma once

#include "story/storydocument.h"

#include <QString>

namespace easel {

/**
 * Writes a story's contact sheet as a PDF (QPdfWriter, A4 landscape, six shots a page): per shot its keyframe (or
 * "no keyframe yet"), number, type, duration and description. Written atomically; false with one translated line
 * naming the file on failure. Needs a QGuiApplication (fonts): it lives in easel_core_storyexport, the one part of
 * core/story that links Qt6::Gui (the window and the tests use it; easel-cli stays QtCore only).
 */
bool writeStoryContactSheet(const StoryDocument& document, const QString& path, QString* errorMessage = nullptr);

} // namespace easel
