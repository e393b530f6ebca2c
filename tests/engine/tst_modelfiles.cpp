// SPDX-License-Identifier: MIT
#include <QtTest>
class Placeholder : public QObject { Q_OBJECT };
QTEST_MAIN(Placeholder)
#include "tst_modelfiles.moc"
