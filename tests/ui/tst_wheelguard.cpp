// SPDX-License-Identifier: MIT
// WheelGuard: the wheel over a value control that has no focus is handed on (the panel scrolls) instead of
// changing the value; with focus it edits the value as before.
#include "common/wheelguard.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QVBoxLayout>
#include <QWheelEvent>

using easel::WheelGuard;

namespace {

/// Sends one notch of the wheel (down) at the centre of `target` and says whether a widget took it. A test
/// cannot send a spontaneous event, so QApplication does not hand an ignored one on to the parents here as it
/// does for the mouse's: "not taken" is what makes it do that (see unfocusedSpinBoxHandsTheWheelOn).
bool wheelDown(QWidget* target)
{
    const QPointF local(target->width() / 2.0, target->height() / 2.0);
    QWheelEvent event(local, target->mapToGlobal(local), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
    return event.isAccepted();
}

} // namespace

class TestWheelGuard : public QObject {
    Q_OBJECT

private:
    QScrollArea* m_area = nullptr;
    QSpinBox* m_spin = nullptr;
    QComboBox* m_combo = nullptr;
    QWidget* m_focusSink = nullptr;

private Q_SLOTS:
    void init()
    {
        m_area = new QScrollArea;
        WheelGuard::install(m_area); // before the controls are polished, as the window does
        auto* panel = new QWidget;
        auto* layout = new QVBoxLayout(panel);
        m_focusSink = new QSpinBox;
        layout->addWidget(m_focusSink);
        m_spin = new QSpinBox;
        m_spin->setObjectName(QStringLiteral("steps"));
        m_spin->setRange(1, 150);
        m_spin->setValue(30);
        layout->addWidget(m_spin);
        m_combo = new QComboBox;
        m_combo->addItems({ QStringLiteral("euler"), QStringLiteral("dpm++ 2m"), QStringLiteral("ddim") });
        layout->addWidget(m_combo);
        panel->setMinimumHeight(2000); // taller than the area: it scrolls
        m_area->setWidget(panel);
        m_area->resize(300, 200);
        m_area->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_area));
    }

    void cleanup()
    {
        delete m_area;
        m_area = nullptr;
    }

    void unfocusedSpinBoxHandsTheWheelOn()
    {
        m_focusSink->setFocus();
        // Over the spin box's line edit, as the pointer usually is, and over its arrows.
        QVERIFY(!wheelDown(m_spin->findChild<QLineEdit*>()));
        QVERIFY(!wheelDown(m_spin));
        QCOMPARE(m_spin->value(), 30);
    }

    void unfocusedComboKeepsItsChoice()
    {
        m_focusSink->setFocus();
        QVERIFY(!wheelDown(m_combo));
        QCOMPARE(m_combo->currentIndex(), 0);
    }

    void theWheelNoLongerFocusesAControl()
    {
        // Qt gives a Qt::WheelFocus widget focus before the wheel reaches it: the guard takes that policy away.
        QCOMPARE(m_spin->focusPolicy(), Qt::StrongFocus);
        QCOMPARE(m_combo->focusPolicy(), Qt::StrongFocus);
    }

    void focusedSpinBoxTakesTheWheel()
    {
        m_spin->setFocus();
        QVERIFY(m_spin->hasFocus());
        QVERIFY(wheelDown(m_spin));
        QCOMPARE(m_spin->value(), 29);
    }

    void theScrollAreaStillScrolls()
    {
        m_spin->setFocus();
        wheelDown(m_area->viewport()); // the scroll bar it hands the wheel to is a slider, and left alone
        QVERIFY(m_area->verticalScrollBar()->value() > 0);
        QCOMPARE(m_spin->value(), 30);
    }
};

QTEST_MAIN(TestWheelGuard)
#include "tst_wheelguard.moc"
