// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace easel {

class BackendPicker;
struct BackendCapabilities;
class ImageDropArea;
class LoraPicker;
class PromptEditor;
class StylePicker;

/// A model the picker offers.
struct ModelChoice {
    QString path; ///< empty: the bundled demo model
    QString label;
    QString toolTip;
};

/**
 * The left panel of the studio: the model, the prompts and every setting of an ImageRecipe that a person
 * edits (sampler, schedule, spacing, steps, guidance, size with aspect presets, seed with a lock, batch
 * size and count, img2img source and strength), the LoRA stack and the Fast preset. recipe() reads the
 * widgets; setRecipe() fills them.
 */
class RecipePanel : public QWidget {
    Q_OBJECT
public:
    explicit RecipePanel(QWidget* parent = nullptr);

    /// The recipe as the panel shows it: the user's own prompts, the chosen style's id in extras["Style"].
    ImageRecipe recipe() const;
    /// What Generate makes: recipe() with the chosen style applied (its prompt template, negative prompt and
    /// LoRAs; the panel's sampler, steps, guidance and size stay, the style put its own there when chosen).
    ImageRecipe effectiveRecipe() const;
    /// Fills every widget from `recipe`; a model not among the choices is added to them. A recipe made with a
    /// style (extras["Style"]) selects it and, when its prompts show the style applied, gets the user's own back.
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
    LoraPicker* loraPicker() const { return m_loras; }
    StylePicker* stylePicker() const { return m_style; }
    /// Where Generate makes the images (this computer, a ComfyUI server, a cloud API) and what it would cost.
    BackendPicker* backendPicker() const { return m_backendPicker; }
    /// The img2img source image; empty for text to image.
    QString initImagePath() const;

    /// The selected model's family ("sd1", "sd2", "sdxl"; empty while unknown): LoRAs for another are greyed.
    void setModelFamily(const QString& family);
    QString modelFamily() const { return m_family; }

    /// The Fast button: applyFastPreset() (core/recipe/fastpreset.h, as `easel-cli --preset fast`) on the
    /// panel's recipe; fastPresetApplied() says what changed. undoFastPreset() puts the four fields back.
    void applyFastPreset();
    bool canUndoFastPreset() const { return m_beforeFast.has_value(); }
    void undoFastPreset();

    /// The aspect presets' (width, height) for `ratio` (w:h) at about `base` x `base` pixels, multiples of 8.
    static QSize sizeForAspect(int ratioW, int ratioH, int base);

Q_SIGNALS:
    void recipeChanged();
    void modelChanged(const QString& path);
    void addModelRequested();
    void initImageChanged(const QString& path);
    /// A start image dropped or chosen is not a readable image: one line naming it.
    void initImageRejected(const QString& message);
    /// The Fast preset changed the recipe: `summary` is one translated line saying what (and from what).
    void fastPresetApplied(const QString& summary);

private:
    QWidget* buildModelRow();
    QWidget* buildSamplingGroup();
    QWidget* buildSizeGroup();
    QWidget* buildSeedGroup();
    QWidget* buildImageToImageGroup();
    QWidget* buildLoraGroup();
    QWidget* buildStyleRow();
    /// A style the user picked puts its sampler, steps, guidance and size in the widgets.
    void applyStyleSettings();
    void updateEffectivePrompt();
    void applyAspectPreset(int index);
    /// Greys what the chosen engine ignores (OpenAI: negative prompt, seed, steps...), saying so in the tooltip.
    void applyBackendCapabilities(const BackendCapabilities& capabilities);

    QComboBox* m_model = nullptr;
    PromptEditor* m_prompt = nullptr;
    PromptEditor* m_negative = nullptr;
    QComboBox* m_sampler = nullptr;
    QComboBox* m_schedule = nullptr;
    QComboBox* m_spacing = nullptr;
    QSpinBox* m_steps = nullptr;
    QSpinBox* m_stepCache = nullptr; ///< ImageRecipe::stepCache; 1 shows "Off"
    QDoubleSpinBox* m_tokenMerge = nullptr; ///< ImageRecipe::tokenMerge; 0 shows "Off"
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
    QSpinBox* m_maskBlur = nullptr;
    QSpinBox* m_maskGrow = nullptr;
    QPushButton* m_fast = nullptr;
    LoraPicker* m_loras = nullptr;
    StylePicker* m_style = nullptr;
    BackendPicker* m_backendPicker = nullptr;
    QString m_family;
    /// Sampler, spacing, steps and guidance before the last Fast, while none of them changed since.
    struct FastFields {
        Sampler sampler;
        TimestepSpacing spacing;
        int steps;
        double guidance;
        bool operator==(const FastFields& o) const
        {
            return sampler == o.sampler && spacing == o.spacing && steps == o.steps && guidance == o.guidance;
        }
    };
    FastFields fastFields() const;
    void setFastFields(const FastFields& fields);
    std::optional<FastFields> m_beforeFast;
    FastFields m_afterFast {};
    int m_nativeSize = 512;
    ImageRecipe m_base; ///< fields the panel does not edit (clip skip, syntax, device...) are kept from here
};

} // namespace easel
