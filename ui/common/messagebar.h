// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QToolButton;

namespace easel {

/// An inline bar above the canvas for one-line messages (errors, notes): no modal box, nothing to click
/// away unless the user wants to. A new message replaces the old one.
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Level { Information, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Level level = Level::Error);
    /// A message with a button (e.g. Undo) that runs `action` and hides the bar.
    void showMessage(const QString& text, Level level, const QString& actionText, std::function<void()> action);
    QString text() const;
    Level level() const { return m_level; }

private:
    void applyLevel();

    QLabel* m_icon = nullptr;
    QLabel* m_label = nullptr;
    QToolButton* m_close = nullptr;
    QToolButton* m_action = nullptr;
    std::function<void()> m_run;
    Level m_level = Level::Information;
};

} // namespace easel
