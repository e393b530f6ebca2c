// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/prompttokens.h"
#include "recipe/imagerecipe.h"

#include <QPlainTextEdit>

class QLabel;

namespace easel {

class PromptHighlighter;

/**
 * The prompt box of the studio window: a plain-text editor for a (negative) prompt that
 * - highlights the A1111 syntax (PromptHighlighter),
 * - raises / lowers the weight of the word, group or selection under the cursor with Ctrl+Up / Ctrl+Down
 *   (adjustPromptWeight(), one undoable edit; also Cmd on macOS),
 * - shows the exact CLIP token count under the text ("23 / 75", "98 / 150 · 2 chunks: 75 + 23") and a thin
 *   line where each 75-token chunk ends (Plain syntax: where the text encoder stops reading).
 * The vocabulary loads on Qt's thread pool; until it is there the counter says so, then counts on every edit
 * (well under a millisecond). Tab moves the focus. Only text is accepted from drops and pastes: files and
 * images are left to the parent (the window decides what a dropped image means).
 *
 * Object names: the counter label is objectName() + "TokenCount" (it follows setObjectName()).
 */
class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
    Q_PROPERTY(QString prompt READ prompt WRITE setPrompt NOTIFY promptChanged USER true)

public:
    explicit PromptEditor(QWidget* parent = nullptr);
    ~PromptEditor() override;

    /// The text as the recipe stores it (toPlainText()).
    QString prompt() const;
    /// Replaces the text as one undoable edit (the cursor goes to the end); nothing happens when equal.
    void setPrompt(const QString& prompt);

    /// How the engine will read the prompt: highlighting, Ctrl+Up/Down (A1111 only) and the count follow it.
    PromptSyntax promptSyntax() const { return m_syntax; }
    void setPromptSyntax(PromptSyntax syntax);

    /// The count of the current text; valid is false until the vocabulary has loaded.
    const PromptTokenCount& tokenCount() const { return m_count; }
    QLabel* tokenCountLabel() const { return m_countLabel; }
    PromptHighlighter* highlighter() const { return m_highlighter; }

    /// Ctrl+Up (direction 1) / Ctrl+Down (-1), for menu actions. False when nothing changed (Plain syntax,
    /// no word at the cursor).
    bool adjustWeight(int direction);

Q_SIGNALS:
    /// The text changed (typing, setPrompt, undo, a weight change).
    void promptChanged(const QString& prompt);
    /// A new count is shown (after each edit, and once the vocabulary has loaded).
    void tokenCountChanged(const easel::PromptTokenCount& count);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    int weightDirection(const QKeyEvent* event) const; ///< 1, -1, or 0 for other keys
    void onTextChanged();
    void recount();
    void updateCountLabel();
    void layoutCountLabel();
    void applyPalette();
    QVector<int> chunkMarks() const;

    PromptTokenCounter m_counter;
    PromptSyntax m_syntax = PromptSyntax::A1111;
    PromptTokenCount m_count;
    PromptHighlighter* m_highlighter = nullptr;
    QLabel* m_countLabel = nullptr;
};

} // namespace easel
