// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSlider;

namespace easel {

/**
 * A slider and a spin box for one value, kept in step. The slider covers the usual range, the spin box
 * may go further. Children are named "<name>Slider" and "<name>Spin" so tests and the window find them.
 */
class ValueSlider : public QWidget {
    Q_OBJECT
public:
    /// \a decimals places, \a sliderMax the slider's end (the spin box goes to \a spinMax).
    ValueSlider(const QString& name, double minimum, double sliderMax, double spinMax, int decimals, double value,
        QWidget* parent = nullptr);

    double value() const { return m_value; }
    void setValue(double value);
    /// The value the control started with (double-click on the slider returns to it).
    double defaultValue() const { return m_default; }
    void setSuffix(const QString& suffix);

    QSlider* slider() const { return m_slider; }
    QDoubleSpinBox* spin() const { return m_spin; }

Q_SIGNALS:
    void valueChanged(double value);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int toSlider(double value) const;

    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    double m_value = 0.0;
    double m_default = 0.0;
    double m_scale = 1.0;
    bool m_syncing = false;
};

} // namespace easel
