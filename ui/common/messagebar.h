// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

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
    QString text() const;
    Level level() const { return m_level; }

private:
    void applyLevel();

    QLabel* m_icon = nullptr;
    QLabel* m_label = nullptr;
    QToolButton* m_close = nullptr;
    Level m_level = Level::Information;
};

} // namespace easel
