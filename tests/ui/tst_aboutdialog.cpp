// SPDX-License-Identifier: MIT
#include "dialogs/aboutdialog.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QTextBrowser>
#include <QtTest>

using easel::AboutDialog;

class TestAboutDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void testShowsVersionAndLicences()
    {
        AboutDialog dialog;
        QCOMPARE(dialog.objectName(), QStringLiteral("aboutDialog"));
        auto* title = dialog.findChild<QLabel*>(QStringLiteral("aboutTitle"));
        QVERIFY(title);
        QVERIFY2(title->text().contains(QStringLiteral("Easel " EASEL_VERSION)), qPrintable(title->text()));

        const QString html = dialog.licenceHtml();
        for (const AboutDialog::Component& c : AboutDialog::components()) {
            QVERIFY2(html.contains(c.name.toHtmlEscaped()), qPrintable(c.name));
            QVERIFY2(html.contains(c.licence), qPrintable(c.licence));
        }
        // Easel itself, its bundled data (CLIP vocabulary, demo model) and the libraries.
        const auto components = AboutDialog::components();
        QCOMPARE(components.first().name, QStringLiteral("Easel"));
        QCOMPARE(components.first().licence, QStringLiteral("MIT"));
        QStringList names;
        for (const auto& c : components)
            names << c.name;
        for (const char* expected : { "CLIP", "demo model", "Qt 6", "libtorch", "OpenCV", "OpenBLAS", "nlohmann/json" })
            QVERIFY2(names.join(QLatin1Char('|')).contains(QLatin1String(expected)), expected);
        QVERIFY(html.contains(QStringLiteral("WITHOUT WARRANTY OF ANY KIND")));
        // Where Easel's own data was found (EASEL_RESOURCE_DIR in tests).
        QVERIFY(html.contains(QDir::toNativeSeparators(qEnvironmentVariable("EASEL_RESOURCE_DIR")).toHtmlEscaped()));
    }

    void testHelpMenuOpensIt()
    {
        easel::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto menus = window.menuBar()->actions();
        QVERIFY(menus.last()->text().contains(QStringLiteral("Help")));
        auto* about = window.findChild<QAction*>(QStringLiteral("actionAbout"));
        QVERIFY(about);
        QVERIFY(menus.last()->menu()->actions().contains(about));
        QVERIFY(!window.findChild<AboutDialog*>(QStringLiteral("aboutDialog")));
        about->trigger();
        auto* dialog = window.findChild<AboutDialog*>(QStringLiteral("aboutDialog"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->close();
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
