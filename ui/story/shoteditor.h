// SPDX-License-Identifier: MIT
#pragma once

#include "story/storydocument.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;

namespace easel {

class StoryPromptBuilder;
enum class StoryTemplateKind;

/**
 * Edits one shot's fields: shot type, description, style, lighting, camera angle, mood (each a template of the
 * story's library or free text), the characters in it and what they do, the location and its variant, the aspect
 * ratio, the timestamp and duration, the keyframe among its takes, and the engine that renders it with its fallbacks
 * (empty: the story's; an engine id the story could not load keeps OK disabled). The prompt and negative prompt the shot
 * will be rendered with (StoryPromptBuilder) are shown live as the fields change, with the builder's notes.
 * The story is only read: accepting the dialog hands shot() to the caller.
 */
class ShotEditor : public QDialog {
    Q_OBJECT
public:
    ShotEditor(const StoryDocument& story, const StoryPromptBuilder& builder, const StoryShot& shot,
        QWidget* parent = nullptr);

    /// The shot as edited.
    StoryShot shot() const;

private:
    QComboBox* templateCombo(StoryTemplateKind kind, const QString& value, const char* name);
    static QString templateValue(const QComboBox* combo);
    void fillVariants(const QString& variantId);
    void updatePrompt();

    const StoryDocument& m_story;
    const StoryPromptBuilder& m_builder;
    StoryShot m_shot;

    QComboBox* m_type = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QComboBox* m_style = nullptr;
    QComboBox* m_lighting = nullptr;
    QComboBox* m_camera = nullptr;
    QComboBox* m_mood = nullptr;
    QTableWidget* m_characters = nullptr;
    QComboBox* m_location = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_aspect = nullptr;
    QDoubleSpinBox* m_timestamp = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QListWidget* m_takes = nullptr;
    QComboBox* m_engine = nullptr;
    QLineEdit* m_fallback = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QPlainTextEdit* m_negative = nullptr;
    QLabel* m_notes = nullptr;
};

} // namespace easel
