// SPDX-License-Identifier: MIT
// The German and French interface. The .ts files are complete (no unfinished or vanished entry, plural
// forms, the source's placeholders and one accelerator where the source has one); the real MainWindow,
// built under each compiled translation loaded as easel loads it (EASEL_RESOURCE_DIR is the build's
// share/easel), shows no text of the English window; LANG alone chooses the language.
#include "common/translations.h"
#include "generate/recipepanel.h"
#include "jobs/jobtypes.h"
#include "mainwindow/mainwindow.h"
#include "recipe/imagerecipe.h"
#include "settings/settings.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QToolButton>
#include <QXmlStreamReader>
#include <QtTest>

#include <cstdio>

using namespace easel;

namespace {

/// Texts that are the same in English and in the translations: the name, units, technical identifiers.
/// (And the samplers' names, as A1111 writes them: sameInBoth().)
const QStringList kSameInBoth = { QStringLiteral("Easel"), QStringLiteral("px"), QStringLiteral("Karras"),
    QStringLiteral("Leading"), QStringLiteral("Trailing"), QStringLiteral("Linspace"), QStringLiteral("TAESD"),
    QStringLiteral("A1111"), QStringLiteral("CPU"), QStringLiteral("CUDA"), QStringLiteral("BREAK") };

/// Words a language shares with English for the same thing (what artists' tools in that language say).
QStringList sameWords(const QString& language)
{
    // "Storyboard": German and French film crews say it too (le storyboard, das Storyboard).
    if (language == QLatin1String("de"))
        return { QStringLiteral("Prompt"), QStringLiteral("Sampler"), QStringLiteral("Seed"),
            QStringLiteral("Sampling"), QStringLiteral("Radius"), QStringLiteral("Storyboard") };
    return { QStringLiteral("Prompt"), QStringLiteral("Storyboard") };
}

struct Text {
    QString where; ///< the widget, action or menu, for the failure message
    QString text;
};

QString plain(const QString& text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

/// The text a person reads: without the accelerator's '&' and surrounding blanks.
QString shown(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    return text.remove(mnemonic).replace(QLatin1String("&&"), QLatin1String("&")).trimmed();
}

QString nameOf(const QObject* o)
{
    QString name = QLatin1String(o->metaObject()->className());
    if (!o->objectName().isEmpty())
        name += QLatin1Char('#') + o->objectName();
    return name;
}

/// Adds a text, and the parts of a composed one ("prompt\nDone · 2 images"), each compared on its own.
void add(QList<Text>& texts, const QString& where, const QString& text)
{
    const QString s = shown(plain(text));
    if (s.isEmpty())
        return;
    texts.append({ where, s });
    static const QRegularExpression separators(QStringLiteral("\n| · "));
    const QStringList parts = s.split(separators, Qt::SkipEmptyParts);
    if (parts.size() > 1)
        for (const QString& part : parts)
            texts.append({ where + QStringLiteral(" (part)"), part.trimmed() });
}

void collectAction(QList<Text>& texts, const QAction* action, const QString& where)
{
    if (action->isSeparator())
        return;
    const QString w = where + QStringLiteral(" > ") + shown(action->text());
    add(texts, w, action->text());
    add(texts, w + QStringLiteral(" (tooltip)"), action->toolTip());
    add(texts, w + QStringLiteral(" (status tip)"), action->statusTip());
    if (QMenu* menu = action->menu()) {
        add(texts, w + QStringLiteral(" (menu)"), menu->title());
        for (const QAction* a : menu->actions())
            collectAction(texts, a, w);
    }
}

/// Every text of the window a person can read: its title, menus and their actions, and, for each widget
/// visible in it, labels, buttons, group boxes, dock titles, combo items, placeholders, spin box affixes,
/// tabs, header sections, tooltips and the status bar.
QList<Text> collectTexts(QMainWindow& window)
{
    QList<Text> texts;
    add(texts, QStringLiteral("window title"), window.windowTitle());
    add(texts, QStringLiteral("status bar"), window.statusBar()->currentMessage());
    for (const QAction* top : window.menuBar()->actions())
        collectAction(texts, top, QStringLiteral("menu bar"));
    for (const QAction* action : window.actions())
        collectAction(texts, action, QStringLiteral("window action"));
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisibleTo(&window) || qobject_cast<QMenu*>(w))
            continue;
        const QString where = nameOf(w);
        add(texts, where + QStringLiteral(" (tooltip)"), w->toolTip());
        add(texts, where + QStringLiteral(" (status tip)"), w->statusTip());
        add(texts, where + QStringLiteral(" (what's this)"), w->whatsThis());
        if (auto* label = qobject_cast<QLabel*>(w))
            add(texts, where, label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(texts, where, button->text());
        else if (auto* group = qobject_cast<QGroupBox*>(w))
            add(texts, where, group->title());
        else if (auto* dock = qobject_cast<QDockWidget*>(w))
            add(texts, where, dock->windowTitle());
        else if (auto* edit = qobject_cast<QLineEdit*>(w))
            add(texts, where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        else if (auto* edit = qobject_cast<QPlainTextEdit*>(w))
            add(texts, where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        else if (auto* edit = qobject_cast<QTextEdit*>(w))
            add(texts, where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                add(texts, where + QStringLiteral(" tab"), tabs->tabText(i));
                add(texts, where + QStringLiteral(" tab (tooltip)"), tabs->tabToolTip(i));
            }
        } else if (auto* header = qobject_cast<QHeaderView*>(w)) {
            if (QAbstractItemModel* model = header->model())
                for (int i = 0; i < header->count(); ++i)
                    add(texts, where + QStringLiteral(" section"),
                        model->headerData(i, header->orientation()).toString());
        } else if (auto* view = qobject_cast<QAbstractItemView*>(w)) {
            if (QAbstractItemModel* model = view->model())
                for (int r = 0; r < model->rowCount(); ++r)
                    add(texts, where + QStringLiteral(" row"), model->index(r, 0).data().toString());
        }
        if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                add(texts, where + QStringLiteral(" item"), combo->itemText(i));
            if (combo->lineEdit())
                add(texts, where + QStringLiteral(" (placeholder)"), combo->lineEdit()->placeholderText());
        }
        if (auto* spin = qobject_cast<QSpinBox*>(w)) {
            add(texts, where + QStringLiteral(" (prefix)"), spin->prefix());
            add(texts, where + QStringLiteral(" (suffix)"), spin->suffix());
        } else if (auto* spin = qobject_cast<QDoubleSpinBox*>(w)) {
            add(texts, where + QStringLiteral(" (prefix)"), spin->prefix());
            add(texts, where + QStringLiteral(" (suffix)"), spin->suffix());
        }
        if (auto* spin = qobject_cast<QAbstractSpinBox*>(w))
            add(texts, where + QStringLiteral(" (special value)"), spin->specialValueText());
    }
    return texts;
}

/// A text that may read the same in both languages: no letters, or only shared words and identifiers.
bool sameInBoth(const QString& text, const QString& language)
{
    static const QRegularExpression letters(QStringLiteral("\\p{L}"));
    if (!text.contains(letters))
        return true;
    // A file's name (the gallery's row of the image the run made, "easel-1234.png") is not a text to translate.
    static const QRegularExpression fileName(
        QStringLiteral("^[^\\s/]+\\.(png|jpe?g|webp)$"), QRegularExpression::CaseInsensitiveOption);
    if (fileName.match(text).hasMatch())
        return true;
    QStringList same = kSameInBoth + sameWords(language);
    for (const QString& name : samplerNames())
        same << ImageRecipe::a1111SamplerName(*samplerFromName(name));
    if (same.contains(text))
        return true;
    // Several shared words, numbers and signs ("Euler a", "DPM++ 2M Karras", "512 px").
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\d+]+"));
    auto it = words.globalMatch(text);
    while (it.hasNext()) {
        const QString word = it.next().captured();
        if (!word.contains(letters))
            continue;
        if (!std::any_of(
                same.begin(), same.end(), [&](const QString& s) { return s.split(QLatin1Char(' ')).contains(word); }))
            return false;
    }
    return true;
}

/// The accelerator letter of a text ('&F' in "&File": 'f'), or a null QChar.
QChar mnemonic(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

/// Accelerators used twice in one menu (or in the menu bar): "menu: letter (text, text)".
QStringList clashingMnemonics(const QList<QAction*>& actions, const QString& menuName)
{
    QStringList clashes;
    QHash<QChar, QStringList> byLetter;
    for (const QAction* a : actions) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        const QChar c = mnemonic(a->text());
        if (!c.isNull())
            byLetter[c].append(a->text());
        if (a->menu())
            clashes += clashingMnemonics(a->menu()->actions(), shown(a->text()));
    }
    for (auto it = byLetter.cbegin(); it != byLetter.cend(); ++it)
        if (it.value().size() > 1)
            clashes << QStringLiteral("%1: '%2' (%3)").arg(menuName, it.key(), it.value().join(QStringLiteral(", ")));
    return clashes;
}

/// Accelerators used twice in the window itself (Alt+letter): the menu bar's titles and the visible labels,
/// buttons, group boxes and tabs; "letter (text, text)".
QStringList clashingWindowMnemonics(QMainWindow& window)
{
    QHash<QChar, QStringList> byLetter;
    auto note = [&](const QString& text) {
        const QChar c = mnemonic(text);
        if (!c.isNull())
            byLetter[c].append(text);
    };
    for (const QAction* top : window.menuBar()->actions())
        note(top->text());
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisibleTo(&window) || qobject_cast<QMenu*>(w))
            continue;
        if (auto* label = qobject_cast<QLabel*>(w); label && label->buddy())
            note(label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            note(button->text());
        else if (auto* group = qobject_cast<QGroupBox*>(w))
            note(group->title());
        else if (auto* tabs = qobject_cast<QTabBar*>(w))
            for (int i = 0; i < tabs->count(); ++i)
                note(tabs->tabText(i));
    }
    QStringList clashes;
    for (auto it = byLetter.cbegin(); it != byLetter.cend(); ++it)
        if (it.value().size() > 1)
            clashes << QStringLiteral("'%1' (%2)").arg(it.key(), it.value().join(QStringLiteral(", ")));
    return clashes;
}

/// Buttons and one-line labels narrower than their text needs: "widget: text (width < needed)".
QStringList truncatedTexts(QMainWindow& window)
{
    QStringList cut;
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisible() || w->visibleRegion().isEmpty()) // on screen now (not in a dock behind another's tab)
            continue;
        QString text;
        if (auto* button = qobject_cast<QAbstractButton*>(w))
            text = button->text();
        else if (auto* label = qobject_cast<QLabel*>(w); label && !label->wordWrap() && label->pixmap().isNull())
            text = label->text();
        if (text.isEmpty() || w->width() >= w->sizeHint().width())
            continue;
        cut << QStringLiteral("%1: \"%2\" (%3 < %4 px)")
                   .arg(nameOf(w), shown(text))
                   .arg(w->width())
                   .arg(w->sizeHint().width());
    }
    return cut;
}

/// Placeholders %1..%99 of a text, in order of number.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression arg(QStringLiteral("%(\\d{1,2})"));
    QStringList found;
    auto it = arg.globalMatch(text);
    while (it.hasNext())
        found << it.next().captured(1);
    found.sort();
    found.removeDuplicates();
    return found;
}

int countMnemonics(const QString& text)
{
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    return int(QString(text).replace(QLatin1String("&&"), QString()).count(mnemonic));
}

struct TsMessage {
    QString context;
    QString source;
    bool numerus = false;
    QString type; ///< the translation's type attribute: unfinished, vanished, obsolete; empty when done
    QStringList forms; ///< the translation, or its plural forms
};

QList<TsMessage> readTs(const QString& path, QString* language, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == QLatin1String("message"))
                messages.append(message);
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage { context, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                {}, {} };
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus)
                message.forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            message.forms << xml.readElementText();
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

/// The menu bar's titles, in a process of its own started with LANG (see systemLocaleChoosesTheLanguage()).
int printMenuTitles(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList loaded = installTranslations();
    MainWindow window;
    QStringList titles;
    for (const QAction* top : window.menuBar()->actions())
        titles << top->text();
    std::printf("locale=%s loaded=%d menus=%s\n", qPrintable(QLocale().name()), int(loaded.size()),
        qPrintable(titles.join(QLatin1Char('|'))));
    return 0;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private:
    QStringList m_englishTexts;
    QStringList m_englishCore;
    int m_englishWidth = 0;

    static QStringList coreTexts()
    {
        QStringList texts;
        for (JobPhase phase : { JobPhase::Queued, JobPhase::LoadingModel, JobPhase::Encoding, JobPhase::Sampling,
                 JobPhase::Decoding, JobPhase::Processing, JobPhase::Saving })
            texts << jobPhaseText(phase);
        for (JobState state : { JobState::Queued, JobState::Running, JobState::Completed, JobState::Failed,
                 JobState::Cancelled, JobState::Interrupted })
            texts << jobStateText(state);
        return texts;
    }

    /// The window in the current language as a person sees it: as it opens, while the demo model makes a small
    /// image (two steps, 64 px) and once it is done. Its texts, its width as it opens, the texts that do not
    /// fit; a screenshot of each end under EASEL_SCREENSHOT_DIR/mainwindow-<name>[-done].png.
    struct Run {
        QList<Text> texts;
        int width = 0; ///< as it opens
        QStringList truncated; ///< buttons and labels too narrow for their text
        QStringList clashes; ///< accelerators used twice in a menu or in the window
    };
    static bool runWindow(const QString& name, Run& run)
    {
        MainWindow window;
        window.settings().setDevice(Device::Cpu);
        window.settings().setPrecision(Precision::Fp32);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        const QString shots = qEnvironmentVariable("EASEL_SCREENSHOT_DIR");
        auto screenshot = [&](const QString& suffix) {
            if (!shots.isEmpty())
                window.grab().save(QDir(shots).filePath(QStringLiteral("mainwindow-%1%2.png").arg(name, suffix)));
        };
        run.texts = collectTexts(window);
        run.width = window.width();
        run.truncated = truncatedTexts(window);
        run.clashes = clashingMnemonics(window.menuBar()->actions(), QStringLiteral("menu bar"))
            + clashingWindowMnemonics(window);
        screenshot(QString());

        ImageRecipe recipe = window.recipePanel()->recipe();
        recipe.prompt = QStringLiteral("42");
        recipe.steps = 2;
        recipe.width = recipe.height = 64;
        window.recipePanel()->setRecipe(recipe);
        bool finished = false;
        QObject context;
        QObject::connect(&window.queue(), &JobQueue::jobProgress, &context, [&] { run.texts += collectTexts(window); });
        QObject::connect(&window.queue(), &JobQueue::jobFinished, &context, [&] {
            finished = true;
            run.texts += collectTexts(window);
        });
        if (!window.generate() || !QTest::qWaitFor([&] { return finished; }, 120000))
            return false;
        run.truncated += truncatedTexts(window);
        screenshot(QStringLiteral("-done"));
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The English texts, to compare the translated windows with: no translation installed.
        QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates))
                    .filter(QStringLiteral("easel"))
                    .isEmpty());
        m_englishCore = coreTexts();
        Run run;
        QVERIFY(runWindow(QStringLiteral("en"), run));
        QVERIFY2(run.truncated.isEmpty(), qPrintable(run.truncated.join(QLatin1Char('\n'))));
        m_englishWidth = run.width;
        for (const Text& t : run.texts)
            m_englishTexts << t.text;
        m_englishTexts.removeDuplicates();
        QVERIFY2(m_englishTexts.size() > 40, qPrintable(m_englishTexts.join(QLatin1Char('\n'))));
        QVERIFY(m_englishTexts.contains(QStringLiteral("File")));
        QVERIFY(m_englishTexts.contains(jobStateText(JobState::Completed))); // the generation was seen
        if (qEnvironmentVariableIsSet("EASEL_TR_DUMP"))
            for (const Text& t : run.texts)
                std::printf("en\t%s\t%s\n", qPrintable(t.where), qPrintable(t.text));
    }

    void cleanupTestCase() { installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("easel_de.ts") << QStringLiteral("de_DE");
        QTest::newRow("fr") << QStringLiteral("easel_fr.ts") << QStringLiteral("fr_FR");
    }

    void tsFilesAreComplete()
    {
        QFETCH(QString, file);
        QFETCH(QString, language);
        QString error, tsLanguage;
        const QList<TsMessage> messages
            = readTs(QDir(QStringLiteral(EASEL_TS_DIR)).filePath(file), &tsLanguage, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(tsLanguage, language);
        QVERIFY(messages.size() > 100);
        QStringList problems;
        for (const TsMessage& m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) {
                problems << where + QStringLiteral(" is ") + m.type;
                continue;
            }
            if (m.forms.isEmpty())
                problems << where + QStringLiteral(" has no translation");
            if (m.numerus && m.forms.size() != 2)
                problems << where + QStringLiteral(": %1 plural forms, not 2").arg(m.forms.size());
            for (const QString& form : m.forms) {
                if (form.trimmed().isEmpty()) {
                    problems << where + QStringLiteral(": an empty translation");
                    continue;
                }
                if (placeholders(form) != placeholders(m.source))
                    problems << where + QStringLiteral(": \"%1\" has other placeholders").arg(form);
                if (m.numerus && !form.contains(QLatin1String("%n")))
                    problems << where + QStringLiteral(": \"%1\" lacks %n").arg(form);
                if (countMnemonics(form) != countMnemonics(m.source))
                    problems << where + QStringLiteral(": \"%1\" has another number of accelerators (&)").arg(form);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void windowIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("fileMenu");
        QTest::newRow("de") << QStringLiteral("de_DE") << QStringLiteral("Datei");
        QTest::newRow("fr") << QStringLiteral("fr_FR") << QStringLiteral("Fichier");
    }

    void windowIsTranslated()
    {
        QFETCH(QString, language);
        QFETCH(QString, fileMenu);
        const QLocale locale(language);
        const QStringList loaded = installTranslations(locale);
        QVERIFY2(loaded.filter(QStringLiteral("easel_")).size() == 1, qPrintable(loaded.join(QLatin1Char(' '))));
        QCOMPARE(QLocale().language(), locale.language());
        Run run;
        QVERIFY(runWindow(language, run));
        const QList<Text>& texts = run.texts;
        if (qEnvironmentVariableIsSet("EASEL_TR_DUMP"))
            for (const Text& t : texts)
                std::printf("%s\t%s\t%s\n", qPrintable(language), qPrintable(t.where), qPrintable(t.text));
        QVERIFY(std::any_of(texts.begin(), texts.end(), [&](const Text& t) { return t.text == fileMenu; }));
        // The longer words fit: no button or label cut, and the window needs no more width than in English.
        QVERIFY2(run.truncated.isEmpty(), qPrintable(run.truncated.join(QLatin1Char('\n'))));
        QCOMPARE_LE(run.width, m_englishWidth);
        QStringList english;
        for (const Text& t : texts)
            if (m_englishTexts.contains(t.text) && !sameInBoth(t.text, locale.name().left(2)))
                english << t.where + QStringLiteral(": \"") + t.text + QLatin1Char('"');
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("left in English:\n") + english.join(QLatin1Char('\n'))));
        // Each accelerator once per menu, and once in the window (the menu bar's and the panels' together).
        QVERIFY2(run.clashes.isEmpty(), qPrintable(run.clashes.join(QLatin1Char('\n'))));

        // Core's texts (job phases and states, in core's own contexts) are translated too.
        const QStringList core = coreTexts();
        for (qsizetype i = 0; i < core.size(); ++i)
            QVERIFY2(core[i] != m_englishCore[i], qPrintable(core[i]));
    }

    void systemLocaleChoosesTheLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("menus");
        QTest::newRow("de") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("&Datei|");
        QTest::newRow("fr") << QStringLiteral("fr_FR.UTF-8") << QStringLiteral("&Fichier|");
        QTest::newRow("C") << QStringLiteral("C.UTF-8") << QStringLiteral("&File|");
    }

    /// `LANG=de_DE.UTF-8 easel`: this test in a process of its own with only LANG set, as easel starts.
    void systemLocaleChoosesTheLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(QString, menus);
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : { "LC_ALL", "LC_MESSAGES", "LANGUAGE" })
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("LANG"), lang);
        env.insert(QStringLiteral("EASEL_TR_PRINT_MENUS"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(60000));
        const QString out = QString::fromLocal8Bit(child.readAllStandardOutput());
        QVERIFY2(child.exitCode() == 0, qPrintable(out + QString::fromLocal8Bit(child.readAllStandardError())));
        QVERIFY2(out.contains(QStringLiteral("menus=") + menus), qPrintable(out));
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet("EASEL_TR_PRINT_MENUS"))
        return printMenuTitles(argc, argv);
    QApplication app(argc, argv);
    TestTranslations test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
