// SPDX-License-Identifier: MIT
#include "canvas/masktoolbar.h"

#include "canvas/canvasview.h"
#include "canvas/masklayer.h"

#include <QAction>
#include <QButtonGroup>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>

namespace easel {

namespace {

    QToolButton* toolButton(const char* name, const QString& text, const QString& toolTip, QWidget* parent)
    {
        auto* b = new QToolButton(parent);
        b->setObjectName(QLatin1String(name));
        b->setText(text);
        b->setToolTip(toolTip);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    }

} // namespace

MaskToolBar::MaskToolBar(CanvasView& canvas, MaskLayer& layer, QWidget* parent)
    : QToolBar(parent)
    , m_canvas(canvas)
    , m_layer(layer)
{
    setObjectName(QStringLiteral("maskToolBar"));
    m_mode = toolButton("maskModeButton", tr("Paint Mask"),
        tr("Paint over the start image what to redraw (inpainting); the rest is kept. Off: the canvas shows the "
           "results again"),
        this);
    m_mode->setCheckable(true);
    m_brush = toolButton("maskBrushButton", tr("Brush"), tr("Paint the area to redraw"), this);
    m_eraser = toolButton("maskEraserButton", tr("Eraser"), tr("Erase from the mask: keep that area"), this);
    for (QToolButton* b : { m_brush, m_eraser })
        b->setCheckable(true);
    auto* tools = new QButtonGroup(this);
    tools->setExclusive(true);
    tools->addButton(m_brush);
    tools->addButton(m_eraser);
    m_brush->setChecked(layer.tool() == MaskLayer::Tool::Brush);
    m_eraser->setChecked(layer.tool() == MaskLayer::Tool::Eraser);
    connect(m_brush, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_layer.setTool(MaskLayer::Tool::Brush);
    });
    connect(m_eraser, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_layer.setTool(MaskLayer::Tool::Eraser);
    });
    connect(&layer, &MaskLayer::toolChanged, this,
        [this](MaskLayer::Tool tool) { (tool == MaskLayer::Tool::Eraser ? m_eraser : m_brush)->setChecked(true); });

    m_size = new QSpinBox(this);
    m_size->setObjectName(QStringLiteral("maskBrushSize"));
    m_size->setRange(1, 1024);
    m_size->setValue(layer.brushSize());
    m_size->setSuffix(tr(" px"));
    m_size->setToolTip(tr("Brush diameter in pixels of the start image"));
    connect(m_size, qOverload<int>(&QSpinBox::valueChanged), &layer, &MaskLayer::setBrushSize);
    connect(&layer, &MaskLayer::brushSizeChanged, m_size, &QSpinBox::setValue);

    m_undo = new QAction(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("actionMaskUndo"));
    m_undo->setToolTip(tr("Undo the last mask stroke (Ctrl+Z on the canvas)"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = new QAction(tr("Redo"), this);
    m_redo->setObjectName(QStringLiteral("actionMaskRedo"));
    m_redo->setToolTip(tr("Redo the mask stroke undone last (Ctrl+Shift+Z on the canvas)"));
    m_redo->setShortcut(QKeySequence::Redo);
    QUndoStack* stack = layer.undoStack();
    for (QAction* a : { m_undo, m_redo })
        a->setShortcutContext(Qt::WidgetShortcut); // the canvas's: Ctrl+Z elsewhere is the prompt's or the gallery's
    connect(m_undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canUndoChanged, m_undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, m_redo, &QAction::setEnabled);
    m_undo->setEnabled(stack->canUndo());
    m_redo->setEnabled(stack->canRedo());
    canvas.addAction(m_undo);
    canvas.addAction(m_redo);
    auto* undo = toolButton("maskUndoButton", QString(), QString(), this);
    undo->setDefaultAction(m_undo);
    auto* redo = toolButton("maskRedoButton", QString(), QString(), this);
    redo->setDefaultAction(m_redo);

    m_clear = toolButton("maskClearButton", tr("Clear"), tr("Remove the mask: the whole image is redrawn"), this);
    connect(m_clear, &QToolButton::clicked, &layer, &MaskLayer::clear);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("maskStateLabel"));
    m_state->setContentsMargins(6, 0, 0, 0);

    setFloatable(false);
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    addWidget(m_mode);
    addSeparator();
    for (QWidget* w : { static_cast<QWidget*>(m_brush), static_cast<QWidget*>(m_eraser), static_cast<QWidget*>(m_size),
             static_cast<QWidget*>(undo), static_cast<QWidget*>(redo), static_cast<QWidget*>(m_clear) })
        addWidget(w);
    addSeparator();
    addWidget(m_state);

    connect(m_mode, &QToolButton::toggled, this, [this](bool on) {
        m_canvas.setMaskEditing(on);
        m_mode->setChecked(m_canvas.isMaskEditing()); // off when there is nothing to paint on
    });
    connect(&canvas, &CanvasView::maskEditingChanged, this, [this](bool editing) {
        m_mode->setChecked(editing);
        updateState();
    });
    connect(&layer, &MaskLayer::changed, this, [this](const QRect&) {
        if (!m_layer.isStroking())
            updateState();
    });
    connect(stack, &QUndoStack::indexChanged, this, &MaskToolBar::updateState);
    updateState();
}

void MaskToolBar::updateState()
{
    const bool editing = m_canvas.isMaskEditing();
    const bool empty = m_layer.isEmpty();
    for (QWidget* w :
        { static_cast<QWidget*>(m_brush), static_cast<QWidget*>(m_eraser), static_cast<QWidget*>(m_size) })
        w->setEnabled(editing);
    m_clear->setEnabled(!empty);
    m_state->setText(
        empty ? tr("No mask: the whole start image is redrawn") : tr("Mask: only the painted area is redrawn"));
}

} // namespace easel
