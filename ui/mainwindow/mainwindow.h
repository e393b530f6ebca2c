// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

namespace easel {

/// The studio window. For now a shell with the menus and status bar the studio grows into.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace easel
