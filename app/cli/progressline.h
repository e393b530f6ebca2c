// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace easel::cli {

/// A one-line progress bar on a terminal, redrawn in place; nothing when stderr is not a terminal
/// (logs, pipes, CI).
class ProgressLine {
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();
    /// `fraction` in 0..1 fills the bar; `text` follows it.
    void show(double fraction, const QString& text);
    /// Ends the line (once something was drawn).
    void finish();

private:
    QString m_label;
    bool m_tty;
    bool m_dirty = false;
};

} // namespace easel::cli
