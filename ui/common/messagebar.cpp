// SPDX-License-Identifier: MIT
#include "common/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace easel {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("messageText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Hide this message"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_action = new QToolButton(this);
    m_action->setObjectName(QStringLiteral("messageAction"));
    m_action->hide();
    connect(m_action, &QToolButton::clicked, this, [this] {
        const std::function<void()> run = std::move(m_run);
        m_run = nullptr;
        hide();
        if (run)
            run();
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showMessage(const QString& text, Level level, const QString& actionText, std::function<void()> action)
{
    showMessage(text, level);
    m_run = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(bool(m_run));
}

void MessageBar::showMessage(const QString& text, Level level)
{
    m_run = nullptr;
    m_action->hide();
    m_label->setText(text);
    m_level = level;
    applyLevel();
    show();
}

QString MessageBar::text() const { return m_label->text(); }

void MessageBar::applyLevel()
{
    // Tints that keep the palette's text colour readable in light and dark themes.
    QColor tint;
    switch (m_level) {
    case Level::Information: tint = QColor(60, 120, 220); break;
    case Level::Warning: tint = QColor(230, 160, 20); break;
    case Level::Error: tint = QColor(220, 50, 50); break;
    }
    QPalette p = palette();
    const QColor base = parentWidget() ? parentWidget()->palette().color(QPalette::Window) : p.color(QPalette::Window);
    QColor mixed;
    mixed.setRgbF(base.redF() * 0.75 + tint.redF() * 0.25, base.greenF() * 0.75 + tint.greenF() * 0.25,
        base.blueF() * 0.75 + tint.blueF() * 0.25);
    p.setColor(QPalette::Window, mixed);
    setPalette(p);
    const QStyle::StandardPixmap icon = m_level == Level::Error ? QStyle::SP_MessageBoxCritical
        : m_level == Level::Warning                              ? QStyle::SP_MessageBoxWarning
                                                                 : QStyle::SP_MessageBoxInformation;
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(side, side));
}

} // namespace easel
