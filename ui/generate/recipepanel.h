// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace easel {

class ImageDropArea;
class PromptEditor;

/// A model the picker offers.
struct ModelChoice {
    QString path; ///< empty: the bundled demo model
    QString label;
    QString toolTip;
};

/**
 * The left panel of the studio: the model, the prompts and every setting of an ImageRecipe that a person
 * edits (sampler, schedule, spacing, steps, guidance, size with aspect presets, seed with a lock, batch
 * size and count, img2img source and strength). recipe() reads the widgets; setRecipe() fills them.
 */
class RecipePanel : public QWidget {
    Q_OBJECT
public:
    explicit RecipePanel(QWidget* parent = nullptr);

    ImageRecipe recipe() const;
    /// Fills every widget from `recipe`; a model not among the choices is added to them.
    void setRecipe(const ImageRecipe& recipe);

    void setModelChoices(const QList<ModelChoice>& models);
    QString currentModel() const;
    void setCurrentModel(const QString& path);

    /// The native size of the selected model (for the aspect presets when the size is the model's own).
    void setNativeSize(int size);

    bool isSeedLocked() const;
    void setSeedLocked(bool locked);
    /// Draws a new random seed and shows it.
    qint64 randomizeSeed();

    PromptEditor* promptEditor() const { return m_prompt; }
    PromptEditor* negativePromptEditor() const { return m_negative; }

    /// The aspect presets' (width, height) for `ratio` (w:h) at about `base` x `base` pixels, multiples of 8.
    static QSize sizeForAspect(int ratioW, int ratioH, int base);

Q_SIGNALS:
    void recipeChanged();
    void modelChanged(const QString& path);
    void addModelRequested();

private:
    QWidget* buildModelRow();
    QWidget* buildSamplingGroup();
    QWidget* buildSizeGroup();
    QWidget* buildSeedGroup();
    QWidget* buildImageToImageGroup();
    void applyAspectPreset(int index);

    QComboBox* m_model = nullptr;
    PromptEditor* m_prompt = nullptr;
    PromptEditor* m_negative = nullptr;
    QComboBox* m_sampler = nullptr;
    QComboBox* m_schedule = nullptr;
    QComboBox* m_spacing = nullptr;
    QSpinBox* m_steps = nullptr;
    QDoubleSpinBox* m_guidance = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QComboBox* m_aspect = nullptr;
    QLineEdit* m_seed = nullptr;
    QToolButton* m_seedLock = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_batchCount = nullptr;
    ImageDropArea* m_initImage = nullptr;
    QDoubleSpinBox* m_strength = nullptr;
    int m_nativeSize = 512;
    ImageRecipe m_base; ///< fields the panel does not edit (clip skip, syntax, device...) are kept from here
};

} // namespace easel
