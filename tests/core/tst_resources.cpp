// SPDX-License-Identifier: MIT
// Where Easel finds its data: $EASEL_RESOURCE_DIR, else next to the executable (<exe>/../share/easel, the
// installed layout, mirrored by the build tree), else the install prefix; never the source tree.
#include "jobs/resources.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestResources : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_wasSet = qEnvironmentVariableIsSet("EASEL_RESOURCE_DIR");
        m_saved = qgetenv("EASEL_RESOURCE_DIR");
    }
    void cleanup()
    {
        if (m_wasSet)
            qputenv("EASEL_RESOURCE_DIR", m_saved);
        else
            qunsetenv("EASEL_RESOURCE_DIR");
        if (!m_layout.isEmpty())
            QDir(m_layout).removeRecursively();
        m_layout.clear();
    }

    void testEnvironmentWins()
    {
        qputenv("EASEL_RESOURCE_DIR", "/opt/easel-data");
        QCOMPARE(easel::resourceDir(), QStringLiteral("/opt/easel-data"));
        QCOMPARE(
            easel::resourcePath(QStringLiteral("clip/vocab.json")), QStringLiteral("/opt/easel-data/clip/vocab.json"));
        QCOMPARE(easel::demoModelPath(), QStringLiteral("/opt/easel-data/models/tiny-sd15.safetensors"));
    }

    void testNextToTheExecutable()
    {
        qunsetenv("EASEL_RESOURCE_DIR");
        // <exe>/../share/easel: here <build>/tests/share/easel, which no one else uses.
        const QString exeDir = QCoreApplication::applicationDirPath();
        m_layout = QDir::cleanPath(exeDir + QStringLiteral("/../share"));
        const QString data = m_layout + QStringLiteral("/easel");
        QVERIFY(QDir().mkpath(data + QStringLiteral("/clip")));
        QFile vocab(data + QStringLiteral("/clip/vocab.json"));
        QVERIFY(vocab.open(QIODevice::WriteOnly));
        vocab.write("{}\n");
        vocab.close();
        QCOMPARE(easel::resourceDir(), data);
        QCOMPARE(easel::demoModelPath(), data + QStringLiteral("/models/tiny-sd15.safetensors"));
    }

    void testNeverTheSourceTree()
    {
        qunsetenv("EASEL_RESOURCE_DIR");
        const QString dir = easel::resourceDir();
        QVERIFY2(!dir.startsWith(QStringLiteral(EASEL_SOURCE_DIR "/resources")), qPrintable(dir));
        // Nothing next to the executable: the install prefix if Easel is installed there, else the first
        // place searched, so that errors about a missing file name where it belongs.
        const QString exeRelative
            = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/easel"));
        QVERIFY2(dir == exeRelative || dir.endsWith(QStringLiteral("/share/easel")), qPrintable(dir));
    }

private:
    bool m_wasSet = false;
    QByteArray m_saved;
    QString m_layout;
};

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
