// SPDX-License-Identifier: MIT
#include "finishing/valueslider.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSlider>

#include <cmath>

namespace easel {

ValueSlider::ValueSlider(
    const QString& name, double minimum, double sliderMax, double spinMax, int decimals, double value, QWidget* parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QDoubleSpinBox(this))
    , m_value(value)
    , m_default(value)
    , m_scale(std::pow(10.0, decimals))
{
    setObjectName(name);
    m_slider->setObjectName(name + QStringLiteral("Slider"));
    m_spin->setObjectName(name + QStringLiteral("Spin"));
    m_slider->setRange(toSlider(minimum), toSlider(sliderMax));
    m_slider->setValue(toSlider(value));
    m_slider->setPageStep(std::max(1, (m_slider->maximum() - m_slider->minimum()) / 10));
    m_slider->installEventFilter(this);
    m_spin->setDecimals(decimals);
    m_spin->setRange(minimum, spinMax);
    m_spin->setSingleStep(1.0 / m_scale * (decimals > 0 ? 5 : 1));
    m_spin->setValue(value);
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing)
            setValue(v / m_scale);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_syncing)
            setValue(v);
    });
}

int ValueSlider::toSlider(double value) const { return int(std::lround(value * m_scale)); }

void ValueSlider::setValue(double value)
{
    value = std::clamp(value, m_spin->minimum(), m_spin->maximum());
    value = std::round(value * m_scale) / m_scale;
    const bool changed = value != m_value;
    m_value = value;
    m_syncing = true;
    m_slider->setValue(toSlider(value));
    m_spin->setValue(value);
    m_syncing = false;
    if (changed)
        Q_EMIT valueChanged(m_value);
}

void ValueSlider::setSuffix(const QString& suffix) { m_spin->setSuffix(suffix); }

bool ValueSlider::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_slider && event->type() == QEvent::MouseButtonDblClick) {
        setValue(m_default);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace easel
