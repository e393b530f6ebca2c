// SPDX-License-Identifier: MIT
#include "story/storyboardpanel.h"

#include "gallery/thumbnailcache.h"
#include "jobs/jobqueue.h"
#include "story/shotcarddelegate.h"
#include "story/shoteditor.h"
#include "story/shotlistmodel.h"
#include "story/storycontactsheet.h"
#include "story/storyexport.h"
#include "story/storyprompt.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace easel {

namespace {

    constexpr int kCastIcon = 36;

    ThumbnailCache::Key keyOf(const QString& path)
    {
        const QFileInfo info(path);
        return { info.absoluteFilePath(), info.size(), info.lastModified().toMSecsSinceEpoch() };
    }

    /// A card without a reference image: the name's initial on a tinted square.
    QIcon initialIcon(const QString& name, const QPalette& palette)
    {
        QPixmap pixmap(kCastIcon, kCastIcon);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor fill = palette.color(QPalette::Highlight);
        fill.setAlpha(90);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(QRectF(2, 2, kCastIcon - 4, kCastIcon - 4), 8, 8);
        QFont font = painter.font();
        font.setPixelSize(kCastIcon / 2);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(palette.color(QPalette::Text));
        painter.drawText(pixmap.rect(), Qt::AlignCenter, name.left(1).toUpper());
        return QIcon(pixmap);
    }

    QListWidget* castList(const char* name)
    {
        auto* list = new QListWidget;
        list->setObjectName(QLatin1String(name));
        list->setViewMode(QListView::ListMode);
        list->setIconSize(QSize(kCastIcon, kCastIcon));
        list->setUniformItemSizes(true);
        list->setSpacing(1);
        return list;
    }

} // namespace

StoryboardPanel::StoryboardPanel(JobQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_thumbnails(std::make_unique<ThumbnailCache>())
{
    setObjectName(QStringLiteral("storyboardPanel"));
    StoryTemplateLibrary library;
    QStringList errors;
    library.loadDefault(&errors);
    m_builder = std::make_unique<StoryPromptBuilder>(library);
    if (!errors.isEmpty()) // after the window has connected message()
        QTimer::singleShot(0, this, [this, errors] { Q_EMIT message(errors.first(), true); });

    m_model = new ShotListModel(*m_thumbnails, this);
    m_model->setObjectName(QStringLiteral("storyShotModel"));
    connect(m_model, &ShotListModel::orderChanged, this, [this] { setModified(true); });
    connect(m_thumbnails.get(), &ThumbnailCache::ready, this, &StoryboardPanel::updateCastIcons);
    connect(&m_queue, &JobQueue::imageSaved, this, &StoryboardPanel::onImageSaved);
    connect(&m_queue, &JobQueue::jobFinished, this, &StoryboardPanel::onJobFinished);
    createActions();
    createLayout();
    updateTitle();
    updateActions();
}

StoryboardPanel::~StoryboardPanel() = default;

void StoryboardPanel::createActions()
{
    auto action = [this](const char* name, const QString& text, const QKeySequence& shortcut = {}) {
        auto* a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty()) {
            a->setShortcut(shortcut);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            addAction(a);
        }
        return a;
    };
    m_newAction = action("actionNewStory", tr("&New Story"));
    m_newAction->setToolTip(tr("Start an empty story board"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (confirmDiscardChanges())
            newStory();
    });
    m_openAction = action("actionOpenStory", tr("Open S&tory..."));
    m_openAction->setToolTip(tr("Open a story board file (.json)"));
    connect(m_openAction, &QAction::triggered, this, &StoryboardPanel::chooseAndOpen);
    m_saveAction = action("actionSaveStory", tr("Sa&ve Story"), QKeySequence::Save);
    m_saveAction->setToolTip(tr("Save the story (Ctrl+S in the storyboard)"));
    connect(m_saveAction, &QAction::triggered, this, &StoryboardPanel::saveStory);
    m_saveAsAction = action("actionSaveStoryAs", tr("Save Story &As..."));
    connect(m_saveAsAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Story"),
            m_story && !m_story->filePath().isEmpty() ? m_story->filePath() : QDir::homePath(),
            tr("Story boards (*.json)"));
        if (!path.isEmpty())
            saveStoryAs(path);
    });
    m_exportAction = action("actionExportStory", tr("E&xport Story..."));
    m_exportAction->setToolTip(tr("Write the keyframes, metadata.json, a contact sheet PDF and a shot list CSV"));
    connect(m_exportAction, &QAction::triggered, this, &StoryboardPanel::chooseAndExport);

    m_renderAllAction = action("actionRenderAllShots", tr("Render &All"));
    m_renderAllAction->setToolTip(tr("Queue every shot, with the number of takes beside"));
    connect(m_renderAllAction, &QAction::triggered, this, [this] { renderShots({}, m_takes->value()); });
    m_renderStaleAction = action("actionRenderStaleShots", tr("Render S&tale"));
    m_renderStaleAction->setToolTip(tr("Queue the shots whose characters, location or fields changed"));
    connect(m_renderStaleAction, &QAction::triggered, this, [this] { renderShots({}, m_takes->value(), true); });
    m_renderSelectedAction
        = action("actionRenderSelectedShots", tr("Render &Selected"), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_renderSelectedAction->setToolTip(tr("Queue the selected shots (Ctrl+R)"));
    connect(m_renderSelectedAction, &QAction::triggered, this, [this] {
        if (!selectedShots().isEmpty())
            renderShots(selectedShots(), m_takes->value());
    });
    m_rerenderAction = action("actionRerenderShot", tr("&Re-render Shot"));
    m_rerenderAction->setToolTip(tr("Queue the current shot again, with one take"));
    connect(m_rerenderAction, &QAction::triggered, this, [this] {
        const QString id = m_model->idAt(m_shots->currentIndex().row());
        if (!id.isEmpty())
            renderShots({ id }, 1);
    });
    m_pickKeyframeAction = action("actionPickKeyframe", tr("&Pick Keyframe..."), QKeySequence(Qt::CTRL | Qt::Key_K));
    m_pickKeyframeAction->setToolTip(tr("Choose the current shot's keyframe among its takes (Ctrl+K)"));
    connect(m_pickKeyframeAction, &QAction::triggered, this, &StoryboardPanel::pickKeyframe);
    m_editAction = action("actionEditShot", tr("&Edit Shot..."));
    m_editAction->setToolTip(tr("Edit the current shot (double-click or Enter on a card)"));
    connect(
        m_editAction, &QAction::triggered, this, [this] { editShot(m_model->idAt(m_shots->currentIndex().row())); });
    m_earlierAction
        = action("actionShotEarlier", tr("Move Shot &Earlier"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left));
    connect(m_earlierAction, &QAction::triggered, this, [this] { moveSelected(-1); });
    m_laterAction
        = action("actionShotLater", tr("Move Shot &Later"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right));
    connect(m_laterAction, &QAction::triggered, this, [this] { moveSelected(+1); });
}

void StoryboardPanel::createLayout()
{
    m_toolBar = new QToolBar(tr("Storyboard"));
    m_toolBar->setObjectName(QStringLiteral("storyToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    auto button = [this](QAction* action, const char* name) {
        m_toolBar->addAction(action);
        m_toolBar->widgetForAction(action)->setObjectName(QLatin1String(name));
    };
    button(m_renderAllAction, "renderAllButton");
    button(m_renderStaleAction, "renderStaleButton");
    button(m_renderSelectedAction, "renderSelectedButton");
    auto* takesLabel = new QLabel(tr("Ta&kes:"));
    takesLabel->setObjectName(QStringLiteral("storyTakesLabel"));
    m_takes = new QSpinBox;
    m_takes->setObjectName(QStringLiteral("storyTakesSpin"));
    m_takes->setRange(1, 16);
    m_takes->setToolTip(tr("Images to make of each shot; pick the keyframe among them"));
    takesLabel->setBuddy(m_takes);
    m_toolBar->addWidget(takesLabel);
    m_toolBar->addWidget(m_takes);
    m_toolBar->addSeparator();
    button(m_rerenderAction, "rerenderButton");
    button(m_pickKeyframeAction, "pickKeyframeButton");
    button(m_editAction, "editShotButton");
    m_toolBar->addSeparator();
    button(m_exportAction, "exportStoryButton");
    for (QToolButton* b : m_toolBar->findChildren<QToolButton*>())
        b->setFocusPolicy(Qt::TabFocus);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("storyTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true); // a long title or path wraps instead of widening the window
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_shots = new QListView;
    m_shots->setObjectName(QStringLiteral("storyShots"));
    m_shots->setModel(m_model);
    auto* delegate = new ShotCardDelegate(m_shots);
    m_shots->setItemDelegate(delegate);
    m_shots->setViewMode(QListView::ListMode);
    m_shots->setFlow(QListView::LeftToRight);
    m_shots->setWrapping(true);
    m_shots->setResizeMode(QListView::Adjust);
    m_shots->setUniformItemSizes(true);
    m_shots->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_shots->setDragEnabled(true);
    m_shots->setAcceptDrops(true);
    m_shots->setDropIndicatorShown(true);
    m_shots->setDragDropMode(QAbstractItemView::InternalMove);
    m_shots->setDefaultDropAction(Qt::MoveAction);
    m_shots->setMouseTracking(true);
    m_shots->setMinimumHeight(delegate->cardSize().height() + 8);
    m_shots->setToolTip(tr("Drag a card (or Ctrl+Shift+Left/Right) to reorder; double-click to edit"));
    connect(m_shots, &QListView::activated, this,
        [this](const QModelIndex& index) { editShot(m_model->idAt(index.row())); });
    connect(m_shots->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StoryboardPanel::updateActions);
    connect(m_shots->selectionModel(), &QItemSelectionModel::currentChanged, this, &StoryboardPanel::updateActions);

    m_characters = castList("storyCharacters");
    m_locations = castList("storyLocations");
    auto* cast = new QWidget;
    cast->setObjectName(QStringLiteral("storyCast"));
    auto* castLayout = new QVBoxLayout(cast);
    castLayout->setContentsMargins(0, 0, 0, 0);
    auto* charactersLabel = new QLabel(tr("C&haracters"));
    charactersLabel->setBuddy(m_characters);
    auto* locationsLabel = new QLabel(tr("L&ocations"));
    locationsLabel->setBuddy(m_locations);
    castLayout->addWidget(charactersLabel);
    castLayout->addWidget(m_characters, 1);
    castLayout->addWidget(locationsLabel);
    castLayout->addWidget(m_locations, 1);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("storySplitter"));
    splitter->addWidget(m_shots);
    splitter->addWidget(cast);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
}

QList<QAction*> StoryboardPanel::fileActions() const
{
    return { m_newAction, m_openAction, m_saveAction, m_saveAsAction, m_exportAction };
}

void StoryboardPanel::setStory(std::unique_ptr<StoryDocument> story)
{
    // Editors read the story they were opened on: they go with it.
    for (ShotEditor* editor : findChildren<ShotEditor*>())
        delete editor;
    m_jobs.clear();
    m_renders.clear();
    m_model->setStory(nullptr);
    m_story = std::move(story);
    m_model->setStory(m_story.get());
    m_modified = false;
    fillCast();
    updateTitle();
    updateActions();
    if (m_model->rowCount() > 0)
        m_shots->setCurrentIndex(m_model->index(0));
    Q_EMIT storyShown();
}

bool StoryboardPanel::openStory(const QString& path)
{
    QString error;
    std::optional<StoryDocument> loaded = StoryDocument::load(path, &error);
    if (!loaded) {
        Q_EMIT message(error, true);
        return false;
    }
    setStory(std::make_unique<StoryDocument>(std::move(*loaded)));
    Q_EMIT message(
        tr("Opened the story %1: %n shot(s)", nullptr, int(m_story->shots().size())).arg(QFileInfo(path).fileName()),
        false);
    return true;
}

void StoryboardPanel::newStory()
{
    auto story = std::make_unique<StoryDocument>();
    story->setId(QStringLiteral("story"));
    story->setTitle(tr("Untitled story"));
    setStory(std::move(story));
    setModified(true);
}

bool StoryboardPanel::saveStory()
{
    if (!m_story)
        return false;
    if (m_story->filePath().isEmpty()) {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Save Story"), QDir::homePath(), tr("Story boards (*.json)"));
        return !path.isEmpty() && saveStoryAs(path);
    }
    return saveStoryAs(m_story->filePath());
}

bool StoryboardPanel::saveStoryAs(const QString& path)
{
    if (!m_story)
        return false;
    QString error;
    if (!m_story->save(path, &error)) {
        Q_EMIT message(error, true);
        return false;
    }
    setModified(false);
    Q_EMIT message(tr("Saved the story to %1").arg(QDir::toNativeSeparators(path)), false);
    return true;
}

void StoryboardPanel::setModified(bool modified)
{
    m_modified = modified;
    updateTitle();
    updateActions();
}

void StoryboardPanel::updateTitle()
{
    if (!m_story) {
        m_title->setText(tr("No story open: File > New Story or Open Story..."));
        return;
    }
    const QString file = m_story->filePath().isEmpty() ? tr("not saved") : QFileInfo(m_story->filePath()).fileName();
    const QString title = m_story->title().isEmpty() ? m_story->id() : m_story->title();
    m_title->setText(tr("%1 (%2)%3").arg(title, file, m_modified ? QStringLiteral(" *") : QString()));
}

void StoryboardPanel::updateActions()
{
    const bool open = m_story != nullptr;
    const bool hasShots = open && !m_story->shots().isEmpty();
    const QString current = m_model->idAt(m_shots->currentIndex().row());
    const StoryShot* shot = open ? m_story->shot(current) : nullptr;
    m_saveAction->setEnabled(open);
    m_saveAsAction->setEnabled(open);
    m_exportAction->setEnabled(hasShots);
    m_renderAllAction->setEnabled(hasShots);
    m_renderStaleAction->setEnabled(open && !m_story->staleShots().isEmpty());
    m_renderSelectedAction->setEnabled(!selectedShots().isEmpty());
    m_rerenderAction->setEnabled(shot != nullptr);
    m_editAction->setEnabled(shot != nullptr);
    m_pickKeyframeAction->setEnabled(shot && shot->takes.size() > 1);
    const int row = m_shots->currentIndex().row();
    m_earlierAction->setEnabled(shot && row > 0);
    m_laterAction->setEnabled(shot && row + 1 < m_model->rowCount());
}

QListWidgetItem* StoryboardPanel::castItem(const QString& title, const QString& tooltip, const QStringList& references)
{
    auto* item = new QListWidgetItem(title);
    item->setToolTip(tooltip);
    item->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter); // the name beside its picture
    QIcon icon = initialIcon(title, palette());
    if (!references.isEmpty()) {
        const QString path = QFileInfo(m_story->resolvePath(references.first())).absoluteFilePath();
        item->setData(Qt::UserRole, path);
        const QPixmap pixmap = m_thumbnails->thumbnail(keyOf(path));
        if (!pixmap.isNull())
            icon = QIcon(pixmap);
    }
    item->setIcon(icon);
    return item;
}

void StoryboardPanel::fillCast()
{
    m_characters->clear();
    m_locations->clear();
    if (!m_story)
        return;
    for (const StoryCharacter& character : m_story->characters()) {
        QStringList lines { character.description };
        for (auto it = character.appearance.cbegin(); it != character.appearance.cend(); ++it)
            lines << it.value();
        if (!character.attireStyle.isEmpty())
            lines << character.attireStyle;
        lines.removeAll(QString());
        m_characters->addItem(castItem(character.name.isEmpty() ? character.id : character.name,
            lines.join(QLatin1Char('\n')), character.referenceImages));
    }
    for (const StoryLocation& location : m_story->locations()) {
        QStringList variants;
        for (const LocationVariant& variant : location.variants)
            variants << variant.id;
        QString tooltip = location.description;
        if (!variants.isEmpty())
            tooltip += QLatin1Char('\n') + tr("Variants: %1").arg(variants.join(QStringLiteral(", ")));
        m_locations->addItem(castItem(
            location.name.isEmpty() ? location.id : location.name, tooltip.trimmed(), location.referenceImages));
    }
}

void StoryboardPanel::updateCastIcons(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (QListWidget* list : { m_characters, m_locations }) {
        for (int i = 0; i < list->count(); ++i) {
            QListWidgetItem* item = list->item(i);
            if (item->data(Qt::UserRole).toString() != absolute)
                continue;
            const QPixmap pixmap = m_thumbnails->cached(keyOf(absolute));
            if (!pixmap.isNull())
                item->setIcon(QIcon(pixmap));
        }
    }
}

QStringList StoryboardPanel::selectedShots() const
{
    QStringList ids;
    if (!m_story)
        return ids;
    QSet<int> rows;
    for (const QModelIndex& index : m_shots->selectionModel()->selectedIndexes())
        rows.insert(index.row());
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (rows.contains(row))
            ids << m_model->idAt(row);
    return ids;
}

QList<quint64> StoryboardPanel::renderShots(const QStringList& shotIds, int takes, bool staleOnly)
{
    if (!m_story)
        return {};
    StoryRenderOptions options;
    if (m_renderSetup)
        m_renderSetup(options.base, options.generation);
    options.takes = takes;
    options.shotIds = shotIds;
    options.staleOnly = staleOnly;
    QStringList notes;
    QString error;
    const std::optional<QList<StoryRenderItem>> items = planStoryRender(*m_story, *m_builder, options, &notes, &error);
    if (!items) {
        Q_EMIT message(error, true);
        return {};
    }
    if (items->isEmpty()) {
        Q_EMIT message(tr("No shot to render: every shot is up to date."), false);
        return {};
    }
    const QList<quint64> ids = submitStoryRender(m_queue, *items, options.generation);
    QHash<QString, QList<StoryRenderItem>> renders;
    for (int i = 0; i < ids.size() && i < items->size(); ++i) {
        if (!ids.at(i))
            continue;
        m_jobs.insert(ids.at(i), items->at(i));
        renders[items->at(i).shotId].append(items->at(i));
    }
    for (auto it = renders.cbegin(); it != renders.cend(); ++it)
        m_renders.insert(it.key(), it.value());
    if (!notes.isEmpty())
        Q_EMIT message(notes.first(), false);
    return ids;
}

void StoryboardPanel::onImageSaved(quint64 id, const SavedImage&)
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.constEnd() || !m_story)
        return;
    QList<StoryRenderItem> items = m_renders.value(it->shotId);
    bool listed = false;
    for (const StoryRenderItem& item : items)
        listed = listed || item.outputPath == it->outputPath;
    if (!listed)
        items.append(*it);
    // The takes of the shot are the files of its render that exist now: the card shows the keyframe at once.
    applyStoryRender(*m_story, items);
    m_model->refresh();
    setModified(true);
}

void StoryboardPanel::onJobFinished(quint64 id, const JobResult& result)
{
    const StoryRenderItem item = m_jobs.take(id);
    if (item.shotId.isEmpty() || !m_story)
        return;
    if (result.state == JobState::Failed) {
        const StoryShot* shot = m_story->shot(item.shotId);
        Q_EMIT message(
            tr("Shot %1, take %2: %3").arg(shot ? shot->number : 0).arg(item.take).arg(result.message), true);
    }
    updateActions();
}

bool StoryboardPanel::exportTo(const QString& dir)
{
    if (!m_story)
        return false;
    QString error;
    const std::optional<StoryExportResult> result = exportStory(*m_story, dir, &error, m_builder.get());
    if (!result) {
        Q_EMIT message(error, true);
        return false;
    }
    if (!writeStoryContactSheet(*m_story, QDir(dir).filePath(QStringLiteral("contact-sheet.pdf")), &error)) {
        Q_EMIT message(error, true);
        return false;
    }
    QString text
        = tr("Exported %n keyframe(s), the contact sheet and the shot list to %1", nullptr, int(result->frames.size()))
              .arg(QDir::toNativeSeparators(dir));
    if (!result->removedFrames.isEmpty())
        text += QStringLiteral(" ")
            + tr("Removed %n frame(s) of the earlier export that the story no longer has.", nullptr,
                int(result->removedFrames.size()));
    if (!result->notes.isEmpty())
        text += QStringLiteral(" ") + result->notes.first();
    Q_EMIT message(text, false);
    return true;
}

bool StoryboardPanel::confirmDiscardChanges()
{
    if (!m_story || !m_modified)
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Story"),
        tr("The story \"%1\" has changes that are not saved.").arg(m_story->title()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedStoryBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return saveStory();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void StoryboardPanel::chooseAndOpen()
{
    if (!confirmDiscardChanges())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Story"),
        m_story && !m_story->filePath().isEmpty() ? QFileInfo(m_story->filePath()).absolutePath() : QDir::homePath(),
        tr("Story boards (*.json)"));
    if (!path.isEmpty())
        openStory(path);
}

void StoryboardPanel::chooseAndExport()
{
    if (!m_story)
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Story To"),
        m_story->filePath().isEmpty() ? QDir::homePath() : QFileInfo(m_story->filePath()).absolutePath());
    if (!dir.isEmpty())
        exportTo(dir);
}

QDialog* StoryboardPanel::editShot(const QString& shotId)
{
    const StoryShot* shot = m_story ? m_story->shot(shotId) : nullptr;
    if (!shot)
        return nullptr;
    auto* editor = new ShotEditor(*m_story, *m_builder, *shot, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        QString error;
        const StoryShot edited = editor->shot();
        if (!m_story->setShot(edited, &error)) {
            Q_EMIT message(error, true);
            return;
        }
        m_model->refresh();
        setModified(true);
    });
    editor->open();
    return editor;
}

void StoryboardPanel::pickKeyframe()
{
    QDialog* editor = editShot(m_model->idAt(m_shots->currentIndex().row()));
    if (auto* takes = editor ? editor->findChild<QListWidget*>(QStringLiteral("shotTakesList")) : nullptr)
        takes->setFocus();
}

void StoryboardPanel::moveSelected(int delta)
{
    const int row = m_shots->currentIndex().row();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_model->rowCount())
        return;
    // moveRows() counts the destination before the move: one further when moving later.
    if (m_model->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target)) {
        m_shots->setCurrentIndex(m_model->index(target));
        updateActions();
    }
}

} // namespace easel
