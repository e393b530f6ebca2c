// SPDX-License-Identifier: MIT
#include "prompt/prompteditor.h"
#include "prompt/prompthighlighter.h"

#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextLayout>
#include <QUrl>
#include <QtTest>

using easel::PromptEditor;
using easel::PromptSpanKind;
using easel::PromptSyntax;
using easel::PromptTokenCount;
using easel::PromptTokenCounter;

namespace {

// The format the highlighter gave the character at a document position (an empty format where none).
QTextCharFormat formatAt(const QTextDocument* document, int position)
{
    const QTextBlock block = document->findBlock(position);
    const int inBlock = position - block.position();
    for (const QTextLayout::FormatRange& range : block.layout()->formats())
        if (inBlock >= range.start && inBlock < range.start + range.length)
            return range.format;
    return {};
}

QString selected(const PromptEditor& editor) { return editor.textCursor().selectedText(); }

QVector<int> ends(const PromptTokenCount& count)
{
    QVector<int> result;
    for (const auto& chunk : count.chunks)
        result << chunk.endOffset;
    return result;
}

QString repeated(const QString& text, int times)
{
    QString s;
    for (int i = 0; i < times; ++i)
        s += text;
    return s;
}

} // namespace

class TestPromptEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The vocabulary loads on the thread pool; the tests start with it loaded.
        const PromptTokenCounter counter;
        counter.startLoading().waitForFinished();
        QVERIFY2(counter.isLoaded() && counter.loadError().isEmpty(), qPrintable(counter.loadError()));
    }

    void testTypingUpdatesCount()
    {
        PromptEditor editor;
        editor.setObjectName(QStringLiteral("promptEdit"));
        editor.resize(400, 150);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto* label = editor.findChild<QLabel*>(QStringLiteral("promptEditTokenCount"));
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("0 / 75"));

        QSignalSpy counts(&editor, &PromptEditor::tokenCountChanged);
        QSignalSpy prompts(&editor, &PromptEditor::promptChanged);
        QTest::keyClicks(&editor, QStringLiteral("a photo of a cat"));
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a cat"));
        QCOMPARE(editor.tokenCount().tokens, 5);
        QCOMPARE(label->text(), QStringLiteral("5 / 75"));
        QCOMPARE(counts.count(), 16);
        QCOMPARE(prompts.count(), 16);
        QCOMPARE(prompts.last().first().toString(), editor.prompt());
        QTest::keyClicks(&editor, QStringLiteral(", oil painting"));
        QCOMPARE(label->text(), QStringLiteral("8 / 75"));
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QCOMPARE(editor.tokenCount().tokens, 9); // "paintin" is two tokens
        QCOMPARE(editor.tokenCount().tokens, PromptTokenCounter().count(editor.prompt(), PromptSyntax::A1111).tokens);

        // The label follows the editor's name.
        editor.setObjectName(QStringLiteral("negativePromptEdit"));
        QCOMPARE(label->objectName(), QStringLiteral("negativePromptEditTokenCount"));
        // It sits under the text, inside the frame.
        QVERIFY(label->geometry().top() >= editor.viewport()->geometry().bottom());
        QVERIFY(editor.rect().contains(label->geometry()));
    }

    void testCtrlUpDownAndUndo()
    {
        PromptEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::keyClicks(&editor, QStringLiteral("a photo of a cat"));
        QTest::keyClick(&editor, Qt::Key_Left);

        QTest::keyClick(&editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a (cat:1.1)"));
        QCOMPARE(selected(editor), QStringLiteral("cat"));
        QTest::keyClick(&editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a (cat:1.2)"));
        QCOMPARE(selected(editor), QStringLiteral("cat"));
        QCOMPARE(editor.tokenCount().tokens,
            PromptTokenCounter().count(editor.prompt(), PromptSyntax::A1111).tokens); // 5: weights are not tokens
        QCOMPARE(editor.tokenCount().tokens, 5);

        // Each change is one undo step.
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a (cat:1.1)"));
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a cat"));
        QTest::keyClick(&editor, Qt::Key_Z, Qt::ShiftModifier | Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a (cat:1.1)"));

        // Down back to 1.0 removes the parentheses; a selection is weighted as a whole.
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(15);
        editor.setTextCursor(cursor);
        QTest::keyClick(&editor, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a cat"));
        QCOMPARE(selected(editor), QStringLiteral("cat"));
        cursor.setPosition(2);
        cursor.setPosition(7, QTextCursor::KeepAnchor);
        editor.setTextCursor(cursor);
        QTest::keyClick(&editor, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a (photo:0.9) of a cat"));
        QCOMPARE(selected(editor), QStringLiteral("photo"));

        // Plain prompts take brackets literally: no weights there.
        editor.setPromptSyntax(PromptSyntax::Plain);
        QTest::keyClick(&editor, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(editor.prompt(), QStringLiteral("a (photo:0.9) of a cat"));
        QVERIFY(!editor.adjustWeight(1));
        editor.setPromptSyntax(PromptSyntax::A1111);
        QVERIFY(editor.adjustWeight(1));
        QCOMPARE(editor.prompt(), QStringLiteral("a photo of a cat"));
    }

    void testSetPromptIsUndoable()
    {
        PromptEditor editor;
        editor.setPrompt(QStringLiteral("first"));
        editor.setPrompt(QStringLiteral("second prompt"));
        QCOMPARE(editor.prompt(), QStringLiteral("second prompt"));
        QCOMPARE(editor.tokenCount().tokens, 2);
        editor.undo();
        QCOMPARE(editor.prompt(), QStringLiteral("first"));
        QCOMPARE(editor.tokenCount().tokens, 1);
    }

    void testHighlighting()
    {
        PromptEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QString prompt = QStringLiteral("(cat:1.2) BREAK [dog] \\( <lora:x:0.5> (oops");
        editor.setPrompt(prompt);
        const easel::PromptHighlighter* h = editor.highlighter();
        QVERIFY(h);
        const QTextDocument* doc = editor.document();
        auto at = [&](const char* piece) { return int(prompt.indexOf(QLatin1String(piece))); };

        QCOMPARE(formatAt(doc, 0).foreground(), h->format(PromptSpanKind::Paren).foreground());
        QCOMPARE(formatAt(doc, 0).fontWeight(), int(QFont::Bold));
        QCOMPARE(formatAt(doc, at(")")).foreground(), h->format(PromptSpanKind::Paren).foreground());
        QCOMPARE(formatAt(doc, at("cat")).background(), h->format(PromptSpanKind::Text, 1.2).background());
        QVERIFY(formatAt(doc, at("cat")).background().style() != Qt::NoBrush);
        for (int i = at(":1.2"); i < at(")"); ++i)
            QCOMPARE(formatAt(doc, i).foreground(), h->format(PromptSpanKind::Weight).foreground());
        QCOMPARE(formatAt(doc, at("BREAK") + 2).foreground(), h->format(PromptSpanKind::Break).foreground());
        QCOMPARE(formatAt(doc, at("BREAK")).fontWeight(), int(QFont::Bold));
        QCOMPARE(formatAt(doc, at("[")).foreground(), h->format(PromptSpanKind::Bracket).foreground());
        QCOMPARE(formatAt(doc, at("dog")).foreground(), h->format(PromptSpanKind::Text, 1 / 1.1).foreground());
        QCOMPARE(formatAt(doc, at("\\(") + 1).foreground(), h->format(PromptSpanKind::Escape).foreground());
        QCOMPARE(formatAt(doc, at("<lora") + 3).foreground(), h->format(PromptSpanKind::ExtraNetwork).foreground());
        QCOMPARE(formatAt(doc, at("(oops")).underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(formatAt(doc, at(" BREAK")).properties().isEmpty(), true); // plain text keeps the default

        // The colours differ from each other and from the text.
        const QColor text = editor.palette().color(QPalette::Text);
        QSet<QRgb> colours { text.rgb() };
        for (PromptSpanKind kind : { PromptSpanKind::Paren, PromptSpanKind::Weight, PromptSpanKind::Break,
                 PromptSpanKind::ExtraNetwork, PromptSpanKind::Unmatched, PromptSpanKind::Bracket })
            colours.insert(h->format(kind).foreground().color().rgb());
        QCOMPARE(colours.size(), 7);

        // Plain syntax: no highlighting.
        editor.setPromptSyntax(PromptSyntax::Plain);
        QVERIFY(doc->firstBlock().layout()->formats().isEmpty());
        editor.setPromptSyntax(PromptSyntax::A1111);
        QVERIFY(!doc->firstBlock().layout()->formats().isEmpty());
    }

    // A bracket closed in a later paragraph: the opening one is highlighted as paired once it is.
    void testHighlightingAcrossLines()
    {
        PromptEditor editor;
        QTest::keyClicks(&editor, QStringLiteral("(a"));
        const QTextDocument* doc = editor.document();
        QCOMPARE(formatAt(doc, 0).underlineStyle(), QTextCharFormat::WaveUnderline);
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("b:1.3)"));
        QCOMPARE(editor.prompt(), QStringLiteral("(a\nb:1.3)"));
        QCoreApplication::processEvents(); // the other paragraphs are highlighted again after the edit
        QCOMPARE(formatAt(doc, 0).foreground(), editor.highlighter()->format(PromptSpanKind::Paren).foreground());
        QCOMPARE(formatAt(doc, 0).underlineStyle(), QTextCharFormat::NoUnderline);
    }

    void testLongPromptChunks()
    {
        PromptEditor editor;
        editor.resize(500, 300);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QString prompt = repeated(QStringLiteral("cat "), 80).trimmed();
        editor.setPrompt(prompt);
        const PromptTokenCount expected = PromptTokenCounter().count(prompt, PromptSyntax::A1111);
        QCOMPARE(editor.tokenCount().tokens, expected.tokens);
        QCOMPARE(ends(editor.tokenCount()), ends(expected));
        QCOMPARE(ends(editor.tokenCount()), (QVector<int> { 299, 319 }));
        QCOMPARE(editor.tokenCountLabel()->text(), QStringLiteral("80 / 150 · 2 chunks: 75 + 5"));

        // The chunk's end is marked in the text: a bar in the highlight colour where the 75th "cat" ends.
        QTextCursor cursor(editor.document());
        cursor.setPosition(299);
        const QRect r = editor.cursorRect(cursor);
        const QImage image = editor.viewport()->grab().toImage();
        const QColor mark = image.pixelColor(r.left(), r.center().y());
        const QColor highlight = editor.palette().color(QPalette::Highlight);
        QVERIFY2(std::abs(mark.red() - highlight.red()) + std::abs(mark.green() - highlight.green())
                    + std::abs(mark.blue() - highlight.blue())
                < 60,
            qPrintable(mark.name() + QLatin1Char(' ') + highlight.name()));

        editor.setPrompt(prompt + QStringLiteral(" BREAK dog"));
        QCOMPARE(editor.tokenCountLabel()->text(), QStringLiteral("81 / 225 · 3 chunks: 75 + 5 + 1"));

        editor.setPromptSyntax(PromptSyntax::Plain);
        editor.setPrompt(prompt);
        QCOMPARE(editor.tokenCount().droppedTokens, 5);
        QCOMPARE(editor.tokenCountLabel()->text(), QStringLiteral("80 / 75 · 5 tokens ignored"));
        QCOMPARE(ends(editor.tokenCount()), ends(PromptTokenCounter().count(prompt, PromptSyntax::Plain)));
    }

    void testInvalidWeightIsShown()
    {
        PromptEditor editor;
        editor.setPrompt(QStringLiteral("(cat:1.2.3)"));
        QVERIFY(editor.tokenCountLabel()->text().contains(QStringLiteral("1.2.3")));
        QCOMPARE(editor.tokenCountLabel()->toolTip(), editor.tokenCount().error);
    }

    // Text is inserted; files and images are left to the window.
    void testDrops()
    {
        PromptEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto dragEnter = [&](QMimeData* mime) {
            QDragEnterEvent event(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(editor.viewport(), &event);
            return event.isAccepted();
        };
        QMimeData text;
        text.setText(QStringLiteral("a dropped prompt"));
        QVERIFY(dragEnter(&text));
        QMimeData file;
        file.setUrls({ QUrl::fromLocalFile(QStringLiteral("/tmp/image.png")) });
        QVERIFY(!dragEnter(&file));
        QMimeData image;
        image.setImageData(QImage(4, 4, QImage::Format_RGB32));
        QVERIFY(!dragEnter(&image));
        QMimeData link;
        link.setUrls({ QUrl(QStringLiteral("https://example.org/a")) });
        link.setText(QStringLiteral("https://example.org/a"));
        QVERIFY(dragEnter(&link));
    }
};

QTEST_MAIN(TestPromptEditor)
#include "tst_prompteditor.moc"
