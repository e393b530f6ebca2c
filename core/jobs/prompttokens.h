// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QFuture>
#include <QString>
#include <QVector>

#include <algorithm>
#include <memory>

namespace easel {

/// One 75-token window of a prompt as the text encoder receives it.
struct PromptTokenChunk {
    int tokens = 0; ///< text tokens in the chunk (without BOS/EOS), 0..75
    /// Position in the prompt (QString index) just after the last character whose tokens the chunk holds.
    /// A chunk that a BREAK leaves empty ends where that BREAK starts.
    int endOffset = 0;
};

/// The tokens of a prompt, counted as the engine will tokenize it.
struct PromptTokenCount {
    bool valid = false; ///< false while the vocabulary is not loaded, or when it could not be
    /// Text tokens of the whole prompt (without BOS/EOS). Plain syntax: including those past the
    /// 75th, which the engine drops (see droppedTokens).
    int tokens = 0;
    /// A1111: one per 77-token window the engine encodes (at least one); Plain: always one.
    QVector<PromptTokenChunk> chunks;
    int droppedTokens = 0; ///< Plain syntax only: tokens past the 75th, which the text encoder never sees
    /// Why the engine will refuse this prompt (a weight that is not a number), or why the vocabulary could
    /// not be loaded; one line for people. Empty when all is well.
    QString error;

    int chunkCount() const { return int(chunks.size()); }
    /// 75 per chunk: what the editor shows after the slash ("98 / 150").
    int capacity() const { return 75 * std::max(1, chunkCount()); }
};

/**
 * Counts the CLIP tokens of a prompt exactly as the engine's tokenizer and prompt syntax will see them
 * (core/engine/tokenizer: ftfy, BPE, A1111 attention parsing, BREAK, comma backtracking), and where each
 * 75-token chunk ends in the text.
 *
 * Counters are cheap handles on a tokenizer shared by the process per vocabulary folder and loaded once,
 * lazily. Loading reads vocab.json and merges.txt (1.6 MB) and takes a noticeable fraction of a second,
 * so a window calls startLoading() early and counts when the future has finished; count() loads
 * synchronously if needed. A count takes well under a millisecond for a typical prompt. Thread-safe.
 */
class PromptTokenCounter {
public:
    /// Easel's bundled CLIP vocabulary, resourcePath("clip"). SD 1.x, SD 2.x and SDXL (both encoders) all
    /// use this vocabulary, so the count does not depend on the model.
    PromptTokenCounter();
    /// A folder holding vocab.json and merges.txt.
    explicit PromptTokenCounter(const QString& vocabularyDir);

    QString vocabularyDir() const;

    /// Starts loading the vocabulary on Qt's global thread pool, unless it is loaded or loading already.
    /// The future finishes when it is loaded (or failed: see loadError()).
    QFuture<void> startLoading() const;
    /// Whether the vocabulary is loaded, without waiting: count() will not block.
    bool isLoaded() const;
    /// Why the vocabulary could not be loaded (one line naming the file); empty otherwise.
    QString loadError() const;

    /// The tokens of a prompt. Loads the vocabulary first when needed (blocking). Never throws: a
    /// vocabulary that cannot be loaded gives an invalid count with the error.
    PromptTokenCount count(const QString& prompt, PromptSyntax syntax) const;

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace easel
