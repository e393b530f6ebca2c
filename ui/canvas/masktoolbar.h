// SPDX-License-Identifier: MIT
#pragma once

#include <QToolBar>

class QAction;
class QLabel;
class QSpinBox;
class QToolButton;

namespace easel {

class CanvasView;
class MaskLayer;

/**
 * The tools for painting an inpainting mask on the canvas: Paint Mask (switches the canvas to the start image
 * with the mask over it), brush and eraser, brush size, undo and redo per stroke (also Ctrl+Z / Ctrl+Shift+Z on
 * the canvas), Clear, and a line saying what the mask does. Shown while there is a start image. A tool bar, so
 * what does not fit a narrow canvas goes behind its extension button instead of widening the window.
 */
class MaskToolBar : public QToolBar {
    Q_OBJECT
public:
    MaskToolBar(CanvasView& canvas, MaskLayer& layer, QWidget* parent = nullptr);

    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }

private:
    void updateState();

    CanvasView& m_canvas;
    MaskLayer& m_layer;
    QToolButton* m_mode = nullptr;
    QToolButton* m_brush = nullptr;
    QToolButton* m_eraser = nullptr;
    QSpinBox* m_size = nullptr;
    QToolButton* m_clear = nullptr;
    QLabel* m_state = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
};

} // namespace easel
