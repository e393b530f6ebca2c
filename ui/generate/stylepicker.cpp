// SPDX-License-Identifier: MIT
#include "generate/stylepicker.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QPainter>
#include <QtConcurrent>

namespace easel {

namespace {

    constexpr int kThumbnail = 32;

    // The titles of the built-in styles (resources/styles/styles.json), for translation; a user's style shows its
    // own title as written.
    [[maybe_unused]] const char* const kBuiltInTitles[] = {
        QT_TRANSLATE_NOOP("easel::StylePicker", "Cinematic"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Photographic"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Anime"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Watercolor"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Comic book"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Pixel art"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Storyboard sketch"),
        QT_TRANSLATE_NOOP("easel::StylePicker", "Fantasy illustration"),
    };

} // namespace

QString StylePicker::displayTitle(const Style& style)
{
    return style.builtIn ? tr(style.title.toUtf8().constData()) : style.title;
}

StylePicker::StylePicker(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("stylePicker"));
    setIconSize(QSize(kThumbnail, kThumbnail));
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
    addItem(tr("No style"), QString());
}

std::optional<Style> StylePicker::currentStyle() const
{
    const QString id = currentStyleId();
    for (const Style& s : m_styles)
        if (!id.isEmpty() && s.id == id)
            return s;
    return std::nullopt;
}

QString StylePicker::currentStyleId() const { return m_pendingId.isEmpty() ? currentData().toString() : m_pendingId; }

void StylePicker::setCurrentStyleId(const QString& id)
{
    const int index = findData(id);
    if (index >= 0 || id.isEmpty()) {
        m_pendingId.clear();
        setCurrentIndex(std::max(index, 0));
    } else {
        m_pendingId = m_loaded ? QString() : id; // an unknown style, once the library is read: none
        setCurrentIndex(0);
    }
}

void StylePicker::setStyles(const QList<Style>& styles)
{
    const QString current = currentStyleId();
    {
        const QSignalBlocker block(this);
        m_styles = styles;
        m_loaded = true;
        clear();
        addItem(tr("No style"), QString());
        for (const Style& s : std::as_const(m_styles)) {
            addItem(QIcon(swatch(s, kThumbnail)), displayTitle(s), s.id);
            QStringList tip;
            if (!s.promptTemplate.isEmpty())
                tip << s.promptTemplate;
            if (!s.negativePrompt.isEmpty())
                tip << tr("Negative: %1").arg(s.negativePrompt);
            setItemData(count() - 1, tip.join(QLatin1Char('\n')), Qt::ToolTipRole);
            if (!s.thumbnailPath.isEmpty())
                loadThumbnail(s.id, s.thumbnailPath);
            else if (m_thumbnailSources.contains(s.id))
                loadThumbnail(s.id, m_thumbnailSources.value(s.id));
        }
        m_pendingId.clear();
        setCurrentIndex(std::max(findData(current), 0));
    }
    Q_EMIT currentIndexChanged(currentIndex());
}

void StylePicker::setStyleImage(const QString& id, const QString& imagePath)
{
    for (const Style& s : std::as_const(m_styles))
        if (s.id == id && !s.thumbnailPath.isEmpty())
            return; // its own picture stays
    m_thumbnailSources.insert(id, imagePath);
    if (findData(id) > 0)
        loadThumbnail(id, imagePath);
}

void StylePicker::loadThumbnail(const QString& id, const QString& path)
{
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, id] {
        const QImage image = watcher->result();
        watcher->deleteLater();
        if (!image.isNull())
            applyIcon(id, QPixmap::fromImage(image));
    });
    const int side = kThumbnail * 2; // sharp on high-density screens
    watcher->setFuture(QtConcurrent::run([path, side] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid()) // the middle square, as the thumbnail is square
            reader.setScaledSize(size.scaled(side, side, Qt::KeepAspectRatioByExpanding));
        QImage image = reader.read();
        if (image.isNull())
            return image;
        return image.copy(
            QRect((image.width() - side) / 2, (image.height() - side) / 2, side, side).intersected(image.rect()));
    }));
}

void StylePicker::applyIcon(const QString& id, const QPixmap& pixmap)
{
    const int index = findData(id);
    if (index > 0)
        setItemIcon(index, QIcon(pixmap));
}

QPixmap StylePicker::swatch(const Style& style, int side)
{
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    // A colour of its own: one of 12 well-apart hues, from the id, so a style keeps its colour from run to run.
    uint hash = 2166136261u; // FNV-1a: the same on every platform and run
    for (const QChar c : style.id)
        hash = (hash ^ c.unicode()) * 16777619u;
    painter.setBrush(QColor::fromHsv(int(hash % 12) * 30, 110, 200));
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRectF(0, 0, side, side), side / 6.0, side / 6.0);
    QString initials;
    for (const QString& word : displayTitle(style).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (initials.size() == 2)
            break;
        initials += word.at(0).toUpper();
    }
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(side * 2 / 5);
    painter.setFont(font);
    painter.setPen(QColor(30, 30, 30));
    painter.drawText(QRectF(0, 0, side, side), Qt::AlignCenter, initials);
    return pixmap;
}

namespace {

    /// The user's text that `combine(styleText, user)` (stylelibrary.cpp) turned into `text`; nullopt when it cannot
    /// be told. Checked by applying the style again.
    std::optional<QString> userTextOf(const QString& styleText, const QString& text)
    {
        static const QString placeholder = QStringLiteral("{prompt}");
        if (styleText.isEmpty())
            return text;
        const int at = styleText.indexOf(placeholder);
        if (at >= 0) {
            const QString prefix = styleText.left(at);
            const QString suffix = styleText.mid(at + placeholder.size());
            if (text.size() < prefix.size() + suffix.size() || !text.startsWith(prefix) || !text.endsWith(suffix))
                return std::nullopt;
            return text.mid(prefix.size(), text.size() - prefix.size() - suffix.size());
        }
        if (text == styleText)
            return QString();
        const QString tail = QStringLiteral(", ") + styleText;
        if (text.endsWith(tail))
            return text.left(text.size() - tail.size());
        return std::nullopt;
    }

} // namespace

bool StylePicker::unapply(const Style& style, ImageRecipe& recipe)
{
    QString prompt = recipe.prompt;
    QList<LoraRef> loras = recipe.loras;
    // Named LoRAs were appended to the prompt as tags, files put first on the stack, in the style's order.
    QString tags;
    int files = 0;
    for (const LoraSpec& spec : style.loras) {
        const double weight = spec.weight.value_or(automaticStyleLoraWeight());
        if (QFileInfo(spec.path).isAbsolute())
            ++files;
        else
            tags += QStringLiteral(" <lora:%1:%2>").arg(spec.path, QString::number(weight));
    }
    if (!prompt.endsWith(tags) || loras.size() < files)
        return false;
    prompt.chop(tags.size());
    loras = loras.mid(files);
    const std::optional<QString> user = userTextOf(style.promptTemplate, prompt);
    const std::optional<QString> negative = userTextOf(style.negativePrompt, recipe.negativePrompt);
    if (!user || !negative)
        return false;
    ImageRecipe check = recipe;
    check.prompt = *user;
    check.negativePrompt = *negative;
    check.loras = loras;
    const ImageRecipe unstyled = check;
    style.apply(check);
    if (check.prompt != recipe.prompt || check.negativePrompt != recipe.negativePrompt || check.loras != recipe.loras)
        return false;
    recipe.prompt = unstyled.prompt;
    recipe.negativePrompt = unstyled.negativePrompt;
    recipe.loras = unstyled.loras;
    return true;
}

} // namespace easel
