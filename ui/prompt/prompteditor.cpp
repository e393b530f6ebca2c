// SPDX-License-Identifier: MIT
#include "prompt/prompteditor.h"

#include "prompt/prompthighlighter.h"
#include "recipe/promptedit.h"

#include <QContextMenuEvent>
#include <QFutureWatcher>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QUrl>

#include <algorithm>

namespace easel {

namespace {

    QColor mix(const QColor& a, const QColor& b, double t)
    {
        return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
            float(a.blueF() * (1 - t) + b.blueF() * t));
    }

    QColor warningColour(const QPalette& palette)
    {
        return palette.color(QPalette::Base).lightnessF() < 0.5 ? QColor::fromHsl(0, 170, 180)
                                                                : QColor::fromHsl(0, 200, 85);
    }

} // namespace

PromptEditor::PromptEditor(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("promptEditor"));
    setTabChangesFocus(true);
    m_highlighter = new PromptHighlighter(document());

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(objectName() + QStringLiteral("TokenCount"));
    m_countLabel->setTextFormat(Qt::PlainText);
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_countLabel->setContentsMargins(6, 1, 6, 2);
    m_countLabel->setAutoFillBackground(true);
    m_countLabel->setCursor(Qt::ArrowCursor);
    connect(this, &QObject::objectNameChanged, this,
        [this](const QString& name) { m_countLabel->setObjectName(name + QStringLiteral("TokenCount")); });
    connect(this, &QPlainTextEdit::textChanged, this, &PromptEditor::onTextChanged);

    applyPalette();
    layoutCountLabel();
    if (!m_counter.isLoaded()) {
        auto* watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            recount();
        });
        watcher->setFuture(m_counter.startLoading());
    }
    recount();
}

PromptEditor::~PromptEditor() = default;

QString PromptEditor::prompt() const { return toPlainText(); }

void PromptEditor::setPrompt(const QString& prompt)
{
    if (prompt == this->prompt())
        return;
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(prompt);
    cursor.endEditBlock();
    setTextCursor(cursor);
}

void PromptEditor::setPromptSyntax(PromptSyntax syntax)
{
    if (m_syntax == syntax)
        return;
    m_syntax = syntax;
    m_highlighter->setPromptSyntax(syntax);
    recount();
}

bool PromptEditor::adjustWeight(int direction)
{
    if (m_syntax != PromptSyntax::A1111 || isReadOnly())
        return false;
    const QTextCursor cursor = textCursor();
    const QString before = prompt();
    const PromptEdit edit = adjustPromptWeight(before, cursor.selectionStart(), cursor.selectionEnd(), direction);
    if (!edit.changed)
        return false;

    // Replace only what changed, as one undo step, so the rest of the text (and its undo history) stays.
    const int common = int(std::min(before.size(), edit.text.size()));
    int prefix = 0;
    while (prefix < common && before.at(prefix) == edit.text.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < common - prefix
        && before.at(before.size() - 1 - suffix) == edit.text.at(edit.text.size() - 1 - suffix))
        ++suffix;
    QTextCursor change(document());
    change.beginEditBlock();
    change.setPosition(prefix);
    change.setPosition(int(before.size()) - suffix, QTextCursor::KeepAnchor);
    change.insertText(edit.text.mid(prefix, edit.text.size() - suffix - prefix));
    change.endEditBlock();

    QTextCursor selection(document());
    selection.setPosition(edit.selectionStart);
    selection.setPosition(edit.selectionEnd, QTextCursor::KeepAnchor);
    setTextCursor(selection);
    return true;
}

int PromptEditor::weightDirection(const QKeyEvent* event) const
{
    if (m_syntax != PromptSyntax::A1111 || isReadOnly())
        return 0;
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (modifiers != Qt::ControlModifier && modifiers != Qt::MetaModifier)
        return 0;
    return event->key() == Qt::Key_Up ? 1 : event->key() == Qt::Key_Down ? -1 : 0;
}

bool PromptEditor::event(QEvent* event)
{
    // Ctrl+Up/Down belong to the editor while it has the focus, whatever shortcuts the window has.
    if (event->type() == QEvent::ShortcutOverride && weightDirection(static_cast<QKeyEvent*>(event)) != 0) {
        event->accept();
        return true;
    }
    return QPlainTextEdit::event(event);
}

void PromptEditor::keyPressEvent(QKeyEvent* event)
{
    if (const int direction = weightDirection(event)) {
        adjustWeight(direction);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void PromptEditor::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu* menu = createStandardContextMenu(event->pos());
    if (m_syntax == PromptSyntax::A1111 && !isReadOnly()) {
        menu->addSeparator();
        QAction* up = menu->addAction(tr("Increase Weight"), this, [this] { adjustWeight(1); });
        up->setObjectName(QStringLiteral("increaseWeightAction"));
        up->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
        QAction* down = menu->addAction(tr("Decrease Weight"), this, [this] { adjustWeight(-1); });
        down->setObjectName(QStringLiteral("decreaseWeightAction"));
        down->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QVector<int> PromptEditor::chunkMarks() const
{
    QVector<int> marks;
    if (!m_count.valid)
        return marks;
    if (m_syntax == PromptSyntax::Plain) {
        if (m_count.droppedTokens > 0 && !m_count.chunks.isEmpty())
            marks << m_count.chunks.first().endOffset;
        return marks;
    }
    for (int i = 0; i + 1 < m_count.chunkCount(); ++i)
        marks << m_count.chunks[i].endOffset;
    return marks;
}

void PromptEditor::paintEvent(QPaintEvent* event)
{
    QPlainTextEdit::paintEvent(event);
    const QVector<int> marks = chunkMarks();
    if (marks.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor colour
        = m_syntax == PromptSyntax::Plain ? warningColour(palette()) : palette().color(QPalette::Highlight);
    const int last = std::max(0, document()->characterCount() - 1);
    for (int offset : marks) {
        QTextCursor cursor(document());
        cursor.setPosition(std::clamp(offset, 0, last));
        const QRect r = cursorRect(cursor);
        if (!r.intersects(event->rect().adjusted(-4, -4, 4, 4)))
            continue;
        // A thin bar with a small flag on top: "the chunk ends here".
        const qreal x = r.left() + 0.5;
        painter.setPen(QPen(colour, 2));
        painter.drawLine(QPointF(x, r.top() + 1), QPointF(x, r.bottom()));
        QPainterPath flag;
        flag.moveTo(x, r.top());
        flag.lineTo(x + 5, r.top());
        flag.lineTo(x, r.top() + 5);
        flag.closeSubpath();
        painter.fillPath(flag, colour);
    }
}

bool PromptEditor::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::Resize)
        layoutCountLabel();
    return QPlainTextEdit::viewportEvent(event);
}

void PromptEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    layoutCountLabel();
}

void PromptEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
    } else if (event->type() == QEvent::FontChange) {
        QFont small = font();
        if (small.pointSizeF() > 0)
            small.setPointSizeF(small.pointSizeF() * 0.9);
        m_countLabel->setFont(small);
        layoutCountLabel();
    }
}

bool PromptEditor::canInsertFromMimeData(const QMimeData* source) const
{
    // Image files and images are the window's to handle (a dropped PNG may carry a recipe); text is ours.
    if (source->hasImage())
        return false;
    const QList<QUrl> urls = source->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl& url) { return url.isLocalFile(); }))
        return false;
    return source->hasText();
}

void PromptEditor::insertFromMimeData(const QMimeData* source)
{
    if (canInsertFromMimeData(source))
        insertPlainText(source->text());
}

void PromptEditor::onTextChanged()
{
    recount();
    Q_EMIT promptChanged(prompt());
}

void PromptEditor::recount()
{
    if (!m_counter.isLoaded()) {
        m_count = {};
        updateCountLabel();
        return;
    }
    m_count = m_counter.count(prompt(), m_syntax);
    updateCountLabel();
    viewport()->update();
    Q_EMIT tokenCountChanged(m_count);
}

void PromptEditor::updateCountLabel()
{
    QString text;
    QString toolTip = tr("CLIP reads a prompt in chunks of 75 tokens. A mark in the text shows where each "
                         "chunk ends; BREAK starts a new one.");
    bool warning = false;
    if (!m_counter.isLoaded()) {
        text = tr("Counting tokens…");
    } else if (!m_count.valid) {
        text = tr("No token count");
        toolTip = m_count.error;
        warning = true;
    } else if (m_syntax == PromptSyntax::Plain) {
        text = tr("%1 / %2").arg(m_count.tokens).arg(75);
        toolTip = tr("Plain prompts are one chunk of 75 tokens: the text encoder ignores the rest.");
        if (m_count.droppedTokens > 0) {
            text += QStringLiteral(" · ")
                + (m_count.droppedTokens == 1 ? tr("1 token ignored")
                                              : tr("%n tokens ignored", nullptr, m_count.droppedTokens));
            warning = true;
        }
    } else if (m_count.chunkCount() <= 1) {
        text = tr("%1 / %2").arg(m_count.tokens).arg(m_count.capacity());
    } else {
        QStringList sizes;
        for (const PromptTokenChunk& chunk : m_count.chunks)
            sizes << QString::number(chunk.tokens);
        text = tr("%1 / %2 · %n chunks: %3", nullptr, m_count.chunkCount())
                   .arg(m_count.tokens)
                   .arg(m_count.capacity())
                   .arg(sizes.join(QStringLiteral(" + ")));
    }
    if (m_count.valid && !m_count.error.isEmpty()) {
        text += QStringLiteral(" · ") + m_count.error;
        toolTip = m_count.error;
        warning = true;
    }
    m_countLabel->setText(text);
    m_countLabel->setToolTip(toolTip);
    QPalette p = m_countLabel->palette();
    p.setColor(QPalette::Window, palette().color(QPalette::Base));
    p.setColor(QPalette::WindowText,
        warning ? warningColour(palette())
                : mix(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.4));
    m_countLabel->setPalette(p);
}

void PromptEditor::layoutCountLabel()
{
    const int height = m_countLabel->sizeHint().height();
    if (viewportMargins().bottom() != height)
        setViewportMargins(0, 0, 0, height);
    const QRect view = viewport()->geometry();
    m_countLabel->setGeometry(view.left(), view.bottom() + 1, view.width(), height);
}

void PromptEditor::applyPalette()
{
    m_highlighter->setPalette(palette());
    updateCountLabel();
    viewport()->update();
}

} // namespace easel
