// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/stylelibrary.h"

#include <QComboBox>
#include <QHash>

#include <optional>

namespace easel {

/**
 * The style of the next images: "No style", then every style of the library, each with a thumbnail: the style's
 * own picture (thumbnailPath, read on the pool), else the newest image made with it that the window was told of
 * (setStyleImage()), else a swatch with the style's initials in a colour of its own.
 */
class StylePicker : public QComboBox {
    Q_OBJECT
public:
    explicit StylePicker(QWidget* parent = nullptr);

    /// Replaces the styles offered; the current one stays selected when it is still there.
    void setStyles(const QList<Style>& styles);
    const QList<Style>& styles() const { return m_styles; }
    bool hasStyles() const { return m_loaded; }

    /// The chosen style; nullopt for "No style".
    std::optional<Style> currentStyle() const;
    QString currentStyleId() const;
    /// Selects the style of `id` ("": none); an id not (yet) known is selected once setStyles() brings it.
    void setCurrentStyleId(const QString& id);

    /// `imagePath` was made with style `id`: it becomes the style's thumbnail unless the style has its own.
    void setStyleImage(const QString& id, const QString& imagePath);

    /// The title shown: a built-in style's translated, a user's as written.
    static QString displayTitle(const Style& style);

    /// The drawn thumbnail of a style without a picture: its initials on a colour of its own.
    static QPixmap swatch(const Style& style, int side);

    /**
     * Takes `style` back out of a recipe it was applied to (an image's, read back): the user's own prompt and
     * negative prompt, and the LoRA stack without the style's files. Only when applying the style again gives
     * exactly the recipe's prompts and LoRAs; false (the recipe untouched) otherwise.
     */
    static bool unapply(const Style& style, ImageRecipe& recipe);

private:
    void loadThumbnail(const QString& id, const QString& path);
    void applyIcon(const QString& id, const QPixmap& pixmap);

    QList<Style> m_styles;
    QString m_pendingId;
    bool m_loaded = false;
    QHash<QString, QString> m_thumbnailSources; ///< style id -> the picture shown
};

} // namespace easel
