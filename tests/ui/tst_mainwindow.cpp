// SPDX-License-Identifier: MIT
#include "mainwindow/mainwindow.h"

#include <QMenuBar>
#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testShowsAndHasFileMenu()
    {
        easel::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Easel"));
        const auto menus = window.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        QVERIFY(menus.first()->text().contains(QStringLiteral("File")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
