// SPDX-License-Identifier: MIT
#include "common/wheelguard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QPointer>
#include <QWidget>

namespace easel {

namespace {

    QPointer<WheelGuard> g_installed;

    /// The value control a wheel event over `object` would change: the object itself, or the spin box whose
    /// line edit the pointer is over.
    QWidget* valueControl(QObject* object)
    {
        auto* widget = qobject_cast<QWidget*>(object);
        for (int depth = 0; widget && depth < 2; ++depth, widget = widget->parentWidget()) {
            if (qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QComboBox*>(widget)
                || qobject_cast<QAbstractSlider*>(widget))
                return widget;
        }
        return nullptr;
    }

} // namespace

WheelGuard::WheelGuard(QObject* parent)
    : QObject(parent)
{
}

void WheelGuard::install(QObject* owner)
{
    if (g_installed || !qApp)
        return;
    g_installed = new WheelGuard(owner);
    qApp->installEventFilter(g_installed);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Polish) {
        // Spin boxes and combo boxes take focus from the wheel (Qt::WheelFocus), which would let a wheel
        // passing over them edit them after all: they take it from a click or Tab only.
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && widget->focusPolicy() == Qt::WheelFocus && valueControl(widget) == widget)
            widget->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (event->type() != QEvent::Wheel)
        return false;
    QWidget* control = valueControl(watched);
    // A scroll bar is a slider too, but scrolling is what it is for.
    if (!control || control->hasFocus() || control->inherits("QScrollBar"))
        return false;
    // Ignored and filtered: QApplication hands the event on to the parent widgets, so the panel scrolls.
    event->ignore();
    return true;
}

} // namespace easel
