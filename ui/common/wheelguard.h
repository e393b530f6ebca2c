// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace easel {

/**
 * Keeps the mouse wheel from changing a value the user did not pick. Scrolling a panel full of spin boxes,
 * combo boxes and sliders otherwise changes whichever control passes under the pointer (steps, guidance,
 * seed...). Installed on the application, the guard hands a wheel event over such a control to its parent
 * (the scroll area then scrolls) unless the control has keyboard focus: click it, or Tab to it, and the
 * wheel edits it as before.
 */
class WheelGuard : public QObject {
    Q_OBJECT
public:
    explicit WheelGuard(QObject* parent = nullptr);

    /// Installs one guard on the application (a second call does nothing). The guard lives as long as `owner`.
    static void install(QObject* owner);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace easel
