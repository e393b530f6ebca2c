// SPDX-License-Identifier: MIT
#pragma once
// What the window tests share to drive real widgets as a person would.

#include <QLatin1String>
#include <QWidget>
#include <QtTest>

namespace easel::test {

/// The child widget named `name` (objectName), or nullptr and a warning naming it.
template <typename T> T* child(QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QLatin1String(name));
    if (!widget)
        qWarning("no widget named %s", name);
    return widget;
}

/// Replaces a line edit's or spin box's text as a person would: select all, type, Tab away.
inline void typeInto(QWidget* widget, const QString& text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(widget, text);
    QTest::keyClick(widget, Qt::Key_Tab);
}

} // namespace easel::test
