// SPDX-License-Identifier: MIT
#include "mainwindow/mainwindow.h"

#include "canvas/canvasview.h"
#include "canvas/masklayer.h"
#include "canvas/masktoolbar.h"
#include "common/messagebar.h"
#include "common/theme.h"
#include "common/wheelguard.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/settingsdialog.h"
#include "finishing/attributepanel.h"
#include "finishing/composepanel.h"
#include "finishing/enhancepanel.h"
#include "finishing/exportdialog.h"
#include "finishing/mergepanel.h"
#include "gallery/gallerypanel.h"
#include "generate/backendpicker.h"
#include "generate/lorapicker.h"
#include "generate/recipepanel.h"
#include "generate/stylepicker.h"
#include "models/modelsdialog.h"
#include "prompt/prompteditor.h"
#include "queue/queuepanel.h"
#include "story/storyboardpanel.h"

#include "common/error.h"
#include "gallery/atomicfile.h"
#include "gallery/imagemetadata.h"
#include "jobs/generationjob.h"
#include "jobs/lorainfo.h"
#include "jobs/modeldescription.h"
#include "jobs/modelservice.h"
#include "jobs/queuestore.h"
#include "jobs/resources.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace easel {

namespace {

QString durationText(double seconds)
{
    const int s = int(seconds + 0.5);
    if (s < 60)
        return MainWindow::tr("%n s", nullptr, s);
    return MainWindow::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QImage previewImage(const Preview& preview)
{
    return QImage(reinterpret_cast<const uchar*>(preview.rgb.constData()), preview.width, preview.height,
        preview.width * 3, QImage::Format_RGB888)
        .copy();
}

} // namespace

MainWindow::MainWindow(const StartOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(std::make_unique<Settings>())
    , m_queue(std::make_unique<JobQueue>())
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Easel"));
    setAcceptDrops(true);
    resize(1280, 820);
    ModelService::configureThreads(m_settings->threads());
    WheelGuard::install(this);

    createActions();
    setCentralWidget(createCentralArea());
    createDocks();
    createMenus();
    connectQueue();
    openQueueStore();
    // A long session keeps the last KeptEndedJobs finished jobs in the queue panel (their images stay in the
    // gallery): memory stays flat over thousands of generations.
    m_queue->setEndedLimit(KeptEndedJobs);
    connect(m_settings.get(), &Settings::changed, this, [this](const QString& key) {
        if (key == QLatin1String("models/list") || key == QLatin1String("folders/models"))
            refreshModelChoices();
        if (key == QLatin1String("folders/models"))
            updateLoraFolders();
        if (key == QLatin1String("folders/styles"))
            loadStyles();
        else if (key == QLatin1String("ui/theme"))
            applyTheme(m_settings->theme());
        else if (key == QLatin1String("engine/threads"))
            ModelService::configureThreads(m_settings->threads());
    });

    refreshModelChoices();
    updateLoraFolders();
    loadStyles();
    applyRecipe(m_settings->lastRecipe());
    m_recipePanel->setCurrentModel(m_settings->currentModel());
    updateModelFamily();
    m_recipePanel->setSeedLocked(m_settings->seedLocked());
    if (!options.image.isEmpty())
        loadRecipeFrom(options.image);
    if (!options.model.isEmpty()) // after the image: the model asked for wins over the one it was made with
        addModel(options.model);
    restoreGeometry(m_settings->windowState(QStringLiteral("geometry")));
    restoreState(m_settings->windowState(QStringLiteral("docks")));
    if (!options.story.isEmpty()) // after the docks' state: opening it raises the storyboard
        m_storyboardPanel->openStory(options.story);

    auto* costTotals = new CostTotalsLabel(this);
    statusBar()->addPermanentWidget(costTotals);
    connect(m_queue.get(), &JobQueue::jobFinished, costTotals, &CostTotalsLabel::refresh);
    m_recipePanel->backendPicker()->setLaneLoad([this](const QString& lane) {
        int load = 0;
        for (const QList<quint64>& ids : { m_queue->runningJobs(), m_queue->queuedJobs() })
            for (quint64 id : ids)
                if (const Job* job = m_queue->job(id); job && job->lanes().contains(lane))
                    ++load;
        return load;
    });
    statusBar()->showMessage(tr("Ready"));
    updatePlaceholder();
    updateActions();
    m_recipePanel->promptEditor()->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto action = [this](const char* name, const QString& text, const QKeySequence& key = {}) {
        auto* a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setShortcutContext(Qt::ApplicationShortcut);
        addAction(a);
        return a;
    };
    m_generateAction = action("actionGenerate", tr("&Generate"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_generateAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_generateAction->setToolTip(tr("Queue this recipe at the back of the queue"));
    connect(m_generateAction, &QAction::triggered, this, [this] { generate(JobQueue::Position::Back); });
    m_generateFirstAction = action("actionGenerateFirst", tr("Generate &Next"));
    m_generateFirstAction->setShortcuts({ QKeySequence(Qt::SHIFT | Qt::CTRL | Qt::Key_Return),
        QKeySequence(Qt::SHIFT | Qt::CTRL | Qt::Key_Enter) });
    m_generateFirstAction->setToolTip(tr("Queue this recipe at the front, before the waiting jobs"));
    connect(m_generateFirstAction, &QAction::triggered, this, [this] { generate(JobQueue::Position::Front); });
    m_cancelAction = action("actionCancel", tr("&Cancel"), QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelRunning);
    m_pauseAction = action("actionPauseAfterCurrent", tr("&Pause After Current Job"));
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, m_queue.get(), &JobQueue::setPaused);

    m_addModelAction = action("actionModels", tr("&Models..."), QKeySequence(Qt::CTRL | Qt::Key_M));
    m_addModelAction->setToolTip(tr("Add, describe, download and choose models"));
    connect(m_addModelAction, &QAction::triggered, this, &MainWindow::openModelsDialog);
    m_openImageAction = action("actionOpenImage", tr("&Open Image Recipe..."), QKeySequence::Open);
    connect(m_openImageAction, &QAction::triggered, this, &MainWindow::chooseImageToLoad);
    m_unloadModelsAction = action("actionUnloadModels", tr("&Free Model Memory"));
    m_unloadModelsAction->setToolTip(tr("Unload the models kept in memory (the next generation loads its model again)"));
    connect(m_unloadModelsAction, &QAction::triggered, this, [this] {
        const double gib = m_queue->models().usedBytes() / double(1 << 30);
        m_queue->models().clear();
        statusBar()->showMessage(tr("Freed %1 GiB of model memory").arg(gib, 0, 'f', 1), 4000);
    });
    m_exportAction = action("actionExport", tr("&Export Images..."), QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Save the selected gallery images (or the one shown) as PNG, JPEG or WebP"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportImages);
    m_settingsAction = action("actionSettings", tr("&Settings..."), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettingsDialog);
    m_quitAction = action("actionQuit", tr("&Quit"), QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_zoomInAction = action("actionZoomIn", tr("Zoom &In"), QKeySequence::ZoomIn);
    m_zoomOutAction = action("actionZoomOut", tr("Zoom &Out"), QKeySequence::ZoomOut);
    m_fitAction = action("actionFit", tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0));
    m_actualSizeAction = action("actionActualSize", tr("&Actual Size (1:1)"), QKeySequence(Qt::CTRL | Qt::Key_1));
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addModelAction);
    file->addAction(m_openImageAction);
    file->addSeparator();
    file->addActions(m_storyboardPanel->fileActions());
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_unloadModelsAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoTrashAction);

    QMenu* generate = menuBar()->addMenu(tr("&Generate"));
    generate->addAction(m_generateAction);
    generate->addAction(m_generateFirstAction);
    generate->addAction(m_cancelAction);
    generate->addAction(m_composeAction);
    generate->addSeparator();
    generate->addAction(m_pauseAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addAction(m_actualSizeAction);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Easel"), this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
}

QWidget* MainWindow::createCentralArea()
{
    auto* area = new QWidget(this);
    m_messageBar = new MessageBar(area);
    m_canvas = new CanvasView(area);
    m_mask = new MaskLayer(this);
    m_canvas->setMaskLayer(m_mask);
    m_maskBar = new MaskToolBar(*m_canvas, *m_mask, area);
    m_maskBar->hide(); // shown while there is a start image
    connect(m_mask, &MaskLayer::changed, this, [this] { m_maskFile.clear(); });
    connect(m_zoomInAction, &QAction::triggered, m_canvas, &CanvasView::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_canvas, &CanvasView::zoomOut);
    connect(m_fitAction, &QAction::triggered, m_canvas, &CanvasView::fitToView);
    connect(m_actualSizeAction, &QAction::triggered, m_canvas, &CanvasView::actualSize);

    m_progress = new QProgressBar(area);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progressLabel = new QLabel(tr("Idle"), area);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    // Long phase texts must not widen the window: the label takes the room it is given.
    m_progressLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progressLabel->setMinimumWidth(120);
    m_cancelButton = new QToolButton(area);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setDefaultAction(m_cancelAction);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressLabel, 3);
    progressRow->addWidget(m_progress, 2);
    progressRow->addWidget(m_cancelButton);

    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_maskBar);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(progressRow);
    return area;
}

void MainWindow::createDocks()
{
    m_recipePanel = new RecipePanel;
    connect(m_recipePanel, &RecipePanel::addModelRequested, this, &MainWindow::openModelsDialog);
    connect(m_recipePanel, &RecipePanel::modelChanged, this, [this](const QString& path) {
        m_settings->setCurrentModel(path);
        updatePlaceholder();
        updateModelFamily();
    });
    connect(m_recipePanel, &RecipePanel::initImageChanged, this,
        [this](const QString& path) { loadMaskBase(path, QString()); });
    connect(m_recipePanel, &RecipePanel::initImageRejected, this, &MainWindow::showError);
    connect(m_recipePanel, &RecipePanel::fastPresetApplied, this, [this](const QString& summary) {
        if (!m_recipePanel->canUndoFastPreset()) {
            m_messageBar->showMessage(summary, MessageBar::Level::Information);
            return;
        }
        m_messageBar->showMessage(summary, MessageBar::Level::Information, tr("Undo"), [this] {
            m_recipePanel->undoFastPreset();
            statusBar()->showMessage(tr("Fast preset undone: the sampling settings are back"), 4000);
        });
    });
    auto* generateButton = new QPushButton(tr("Generate"));
    generateButton->setObjectName(QStringLiteral("generateButton"));
    generateButton->setDefault(true);
    generateButton->setToolTip(tr("Queue this recipe (Ctrl+Enter; Shift+Ctrl+Enter queues it first)"));
    connect(generateButton, &QPushButton::clicked, m_generateAction, &QAction::trigger);
    auto* panel = new QWidget;
    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_recipePanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_recipePanel->minimumSizeHint().width()
        + scroll->verticalScrollBar()->sizeHint().width());
    panelLayout->addWidget(scroll, 1);
    panelLayout->addWidget(generateButton);
    auto* recipeDock = new QDockWidget(tr("Recipe"), this);
    recipeDock->setObjectName(QStringLiteral("recipeDock"));
    recipeDock->setWidget(panel);
    recipeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, recipeDock);

    m_queuePanel = new QueuePanel(*m_queue);
    connect(m_queuePanel, &QueuePanel::jobActivated, this, [this](quint64 id) {
        const auto info = m_queue->info(id);
        if (info && !info->files.isEmpty())
            showImageFile(info->files.constLast());
    });
    auto* queueDock = new QDockWidget(tr("Queue"), this);
    queueDock->setObjectName(QStringLiteral("queueDock"));
    queueDock->setWidget(m_queuePanel);
    addDockWidget(Qt::RightDockWidgetArea, queueDock);
    resizeDocks({ recipeDock, queueDock }, { 380, 300 }, Qt::Horizontal);
    createGalleryDock();
    tabifyDockWidget(queueDock, findChild<QDockWidget*>(QStringLiteral("galleryDock")));
    createFinishingDock();
    tabifyDockWidget(queueDock, findChild<QDockWidget*>(QStringLiteral("finishingDock")));
    queueDock->raise();
    createStoryboardDock();
}

void MainWindow::createStoryboardDock()
{
    // The storyboard spans the bottom of the window; hidden until a story is opened or made.
    m_storyboardPanel = new StoryboardPanel(*m_queue);
    m_storyboardPanel->setRenderSetup([this](ImageRecipe& base, GenerationOptions& generation) {
        base = m_recipePanel->recipe();
        base.device = m_settings->device();
        base.precision = m_settings->precision();
        generation.outputDir = m_settings->outputDir();
        generation.preview = m_settings->previewMode();
        generation.previewInterval = m_settings->previewInterval();
        generation.taesdPath = m_settings->taesdPath();
        generation.taesdFallback = true;
        generation.loraDirs = loraFolders(m_settings->modelsDir());
    });
    connect(m_storyboardPanel, &StoryboardPanel::message, this, [this](const QString& text, bool error) {
        m_messageBar->showMessage(text, error ? MessageBar::Level::Error : MessageBar::Level::Information);
    });
    auto* dock = new QDockWidget(tr("Storyboard"), this);
    dock->setObjectName(QStringLiteral("storyboardDock"));
    dock->setWidget(m_storyboardPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    connect(m_storyboardPanel, &StoryboardPanel::storyShown, dock, [dock] {
        dock->show();
        dock->raise();
    });
}

void MainWindow::createFinishingDock()
{
    m_enhancePanel = new EnhancePanel(*m_queue);
    m_attributePanel = new AttributePanel(*m_queue);
    m_mergePanel = new MergePanel(*m_queue);
    m_composePanel = new ComposePanel(*m_queue, *m_settings);
    auto* tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("finishingTabs"));
    // Four tools' names side by side would set the dock's narrowest width (wider than the window in German):
    // arrows reach the tabs that do not fit.
    tabs->setUsesScrollButtons(true);
    tabs->addTab(m_enhancePanel, tr("Enhance"));
    tabs->addTab(m_mergePanel, tr("Merge"));
    tabs->addTab(m_composePanel, tr("Compose"));
    tabs->addTab(m_attributePanel, tr("Attribute"));
    // Compose makes its two parts with the recipe panel's model and settings (a fresh seed unless locked).
    m_composePanel->setRecipeSource([this](QString* error) -> std::optional<ImageRecipe> {
        if (!m_recipePanel->isSeedLocked())
            m_recipePanel->randomizeSeed();
        ImageRecipe recipe = m_recipePanel->effectiveRecipe();
        recipe.device = m_settings->device();
        recipe.precision = m_settings->precision();
        recipe.initImage.clear();
        recipe.maskImage.clear();
        ImageRecipe check = recipe; // the prompts are the panel's own
        check.prompt = QStringLiteral("compose");
        GenerationOptions options;
        options.outputDir = m_settings->outputDir();
        const QStringList problems = GenerationJob(check, options).validate();
        if (!problems.isEmpty()) {
            *error = problems.first();
            return std::nullopt;
        }
        return recipe;
    });
    connect(m_composePanel, &ComposePanel::errorOccurred, this, &MainWindow::showError);
    // Every panel reports a one-line error and the file it saved (which joins the gallery).
    auto follow = [this](auto* panel) {
        using Panel = std::remove_pointer_t<decltype(panel)>;
        connect(panel, &Panel::errorOccurred, this, &MainWindow::showError);
        connect(panel, &Panel::resultSaved, m_galleryPanel, &GalleryPanel::addImage);
    };
    follow(m_enhancePanel);
    follow(m_attributePanel);
    follow(m_mergePanel);
    auto* dock = new QDockWidget(tr("Finishing"), this);
    dock->setObjectName(QStringLiteral("finishingDock"));
    dock->setWidget(tabs);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    m_composeAction = new QAction(tr("&Compose Character and Background..."), this);
    m_composeAction->setObjectName(QStringLiteral("actionCompose"));
    m_composeAction->setToolTip(tr("Two prompts, one job: a character, a background and the two merged"));
    connect(m_composeAction, &QAction::triggered, this, [this, dock, tabs] {
        dock->show();
        dock->raise();
        tabs->setCurrentWidget(m_composePanel);
        m_composePanel->findChild<QLineEdit*>(QStringLiteral("composeCharacterPrompt"))->setFocus();
    });
}

void MainWindow::finishImage(const QString& path)
{
    // An image opened in the gallery is shown, and is what the enhance and attribute panels work on.
    showImageFile(path);
    m_enhancePanel->setSource(path);
    m_attributePanel->setSource(path);
}

void MainWindow::exportImages()
{
    QStringList sources = m_galleryPanel->selectedPaths();
    if (sources.isEmpty() && !m_shownFile.isEmpty())
        sources = { m_shownFile };
    auto* dialog = new ExportDialog(sources, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::createGalleryDock()
{
    m_galleryPanel = new GalleryPanel(*m_settings);
    connect(m_galleryPanel, &GalleryPanel::reuseRequested, this, [this](const ImageRecipe& recipe) {
        applyRecipe(recipe);
        m_recipePanel->setSeedLocked(true);
    });
    connect(m_galleryPanel, &GalleryPanel::regenerateRequested, this, [this](ImageRecipe recipe, bool sameSeed) {
        if (!sameSeed)
            recipe.seed = qint64(QRandomGenerator::global()->bounded(quint64(4294967296ULL)));
        queueRecipe(recipe);
    });
    connect(m_galleryPanel, &GalleryPanel::imageActivated, this, &MainWindow::finishImage);
    connect(m_galleryPanel, &GalleryPanel::message, this,
        [this](const QString& text) { m_messageBar->showMessage(text, MessageBar::Level::Warning); });
    connect(m_queue.get(), &JobQueue::imageSaved, m_galleryPanel,
        [this](quint64, const SavedImage& image) { m_galleryPanel->addImage(image.path); });
    auto* dock = new QDockWidget(tr("Gallery"), this);
    dock->setObjectName(QStringLiteral("galleryDock"));
    dock->setWidget(m_galleryPanel);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    // Ctrl+Z in the gallery brings back the last image moved to the trash (in the prompt it undoes typing).
    m_undoTrashAction = new QAction(tr("&Undo Move to Trash"), m_galleryPanel);
    m_undoTrashAction->setObjectName(QStringLiteral("actionUndoTrash"));
    m_undoTrashAction->setShortcut(QKeySequence::Undo);
    m_undoTrashAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_undoTrashAction->setEnabled(m_galleryPanel->canUndoTrash());
    m_galleryPanel->addAction(m_undoTrashAction);
    connect(m_undoTrashAction, &QAction::triggered, m_galleryPanel, &GalleryPanel::undoTrash);
    connect(m_galleryPanel, &GalleryPanel::undoTrashAvailable, m_undoTrashAction, &QAction::setEnabled);
}

void MainWindow::connectQueue()
{
    JobQueue* q = m_queue.get();
    connect(q, &JobQueue::jobStarted, this, &MainWindow::onJobStarted);
    connect(q, &JobQueue::jobProgress, this, &MainWindow::onJobProgress);
    connect(q, &JobQueue::jobPreview, this, &MainWindow::onJobPreview);
    connect(q, &JobQueue::imageSaved, this, &MainWindow::onImageSaved);
    connect(q, &JobQueue::jobFinished, this, &MainWindow::onJobFinished);
    connect(q, &JobQueue::queueChanged, this, [this] {
        const QSignalBlocker block(m_pauseAction);
        m_pauseAction->setChecked(m_queue->isPaused());
        updateActions();
    });
}

void MainWindow::openQueueStore()
{
    // The queue lives in the user's data folder, shared with easel-cli; every change is written at once.
    m_store = std::make_unique<QueueStore>(*m_queue);
    connect(m_store.get(), &QueueStore::error, this,
        [this](const QString& message) { m_messageBar->showMessage(message, MessageBar::Level::Warning); });
    QString error;
    if (!m_store->open(&error)) {
        m_messageBar->showMessage(
            tr("The queue will not be kept after Easel closes: %1").arg(error), MessageBar::Level::Warning);
        return;
    }
    if (m_store->recoveredFromCrash()) {
        m_messageBar->showMessage(tr("Easel stopped while a job was running: that job is marked interrupted and the "
                                     "queue is paused. Retry it or resume the queue when you are ready."),
            MessageBar::Level::Warning);
    } else if (!m_store->warnings().isEmpty()) {
        m_messageBar->showMessage(m_store->warnings().first(), MessageBar::Level::Warning);
    }
}

quint64 MainWindow::generate(JobQueue::Position position)
{
    if (!m_recipePanel->isSeedLocked())
        m_recipePanel->randomizeSeed();
    ImageRecipe recipe = m_recipePanel->effectiveRecipe(); // the style applied
    try {
        recipe.maskImage = saveMask(); // the mask painted now, or none
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return 0;
    }
    const quint64 id = queueRecipe(recipe, position);
    if (id) {
        ImageRecipe own = m_recipePanel->recipe(); // the prompts as typed, for the next start
        own.maskImage = recipe.maskImage;
        rememberRecipe(own);
        if (const QStringList leftOut = m_recipePanel->loraPicker()->leftOut(); !leftOut.isEmpty())
            m_messageBar->showMessage(leftOut.join(QLatin1Char(' ')), MessageBar::Level::Warning);
    }
    return id;
}

QString MainWindow::saveMask()
{
    if (m_recipePanel->initImagePath().isEmpty() || m_mask->size().isEmpty() || m_mask->isEmpty())
        return {};
    if (!m_maskFile.isEmpty() && QFileInfo::exists(m_maskFile))
        return m_maskFile;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    m_mask->toMask().save(&buffer, "PNG");
    buffer.close();
    // Named by its content: the same mask is one file, and a queued job's mask never changes under it.
    const QString name
        = QStringLiteral("mask-%1.png")
              .arg(QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex().left(20)));
    const QString dir = paths::cacheDir() + QStringLiteral("/masks");
    const QString path = QDir(dir).filePath(name);
    if (!QFileInfo::exists(path)) {
        if (!QDir().mkpath(dir))
            throw Error(tr("Cannot make the folder %1 for the mask.").arg(QDir::toNativeSeparators(dir)).toStdString());
        AtomicFile::write(path, png, {}, AtomicFile::Existing::Replace);
    }
    m_maskFile = path;
    return path;
}

void MainWindow::applyRecipe(const ImageRecipe& recipe)
{
    m_recipePanel->setRecipe(recipe);
    // After the panel: its new start image (if any) starts a load without a mask, which this one replaces.
    loadMaskBase(recipe.initImage, recipe.maskImage);
}

void MainWindow::loadMaskBase(const QString& imagePath, const QString& maskPath)
{
    const quint64 load = ++m_maskLoads;
    if (imagePath.isEmpty()) {
        m_canvas->setMaskBase(QImage());
        m_mask->reset(QSize());
        m_maskBar->hide();
        return;
    }
    struct Loaded {
        QImage base;
        QImage mask;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, load, maskPath] {
        const Loaded loaded = watcher->result();
        watcher->deleteLater();
        if (load != m_maskLoads)
            return;
        m_canvas->setMaskBase(loaded.base);
        m_mask->reset(loaded.base.size());
        if (!loaded.mask.isNull())
            m_mask->setMask(loaded.mask);
        else if (!maskPath.isEmpty())
            m_messageBar->showMessage(tr("The recipe's mask %1 is not there any more: paint it again.")
                                          .arg(QDir::toNativeSeparators(maskPath)),
                MessageBar::Level::Warning);
        m_maskBar->setVisible(!loaded.base.isNull());
    });
    watcher->setFuture(QtConcurrent::run([imagePath, maskPath] {
        Loaded loaded;
        QImageReader reader(imagePath);
        reader.setAutoTransform(true);
        loaded.base = reader.read();
        if (!loaded.base.isNull() && !maskPath.isEmpty())
            loaded.mask = QImageReader(maskPath).read();
        return loaded;
    }));
}

void MainWindow::updateModelFamily()
{
    const quint64 load = ++m_familyLoads;
    const QString model = m_recipePanel->currentModel();
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, load] {
        const QString family = watcher->result();
        watcher->deleteLater();
        if (load == m_familyLoads)
            m_recipePanel->setModelFamily(family);
    });
    watcher->setFuture(QtConcurrent::run([model] {
        try {
            return describeModel(model.isEmpty() ? demoModelPath() : model).family;
        } catch (const std::exception&) {
            return QString(); // unknown: nothing is greyed; generating says what is wrong with the model
        }
    }));
}

void MainWindow::loadStyles()
{
    struct Loaded {
        QList<Style> styles;
        QStringList errors;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        const Loaded loaded = watcher->result();
        watcher->deleteLater();
        m_recipePanel->stylePicker()->setStyles(loaded.styles);
        if (!loaded.errors.isEmpty())
            m_messageBar->showMessage(loaded.errors.join(QLatin1Char(' ')), MessageBar::Level::Warning);
    });
    const QString builtIn = builtInStylesPath();
    const QString userDir = m_settings->stylesDir();
    watcher->setFuture(QtConcurrent::run([builtIn, userDir] {
        Loaded loaded;
        StyleLibrary library;
        library.load(builtIn, { userDir }, &loaded.errors);
        loaded.styles = library.styles();
        return loaded;
    }));
}

void MainWindow::updateLoraFolders()
{
    // The picker lists <models folder>/Lora (made or not: its hint names it); generating also searches it for
    // the prompt's <lora:NAME> tags.
    m_recipePanel->loraPicker()->setFolders({ QDir(m_settings->modelsDir()).filePath(QStringLiteral("Lora")) });
}

void MainWindow::rememberRecipe(const ImageRecipe& recipe)
{
    m_settings->setLastRecipe(recipe);
    m_settings->setSeedLocked(m_recipePanel->isSeedLocked());
}

quint64 MainWindow::queueRecipe(ImageRecipe recipe, JobQueue::Position position)
{
    recipe.device = m_settings->device();
    recipe.precision = m_settings->precision();
    GenerationOptions options;
    options.outputDir = m_settings->outputDir();
    options.preview = m_settings->previewMode();
    options.previewInterval = m_settings->previewInterval();
    options.taesdPath = m_settings->taesdPath();
    options.taesdFallback = true; // TAESD when its decoder is here, else the approximate preview
    options.loraDirs = loraFolders(m_settings->modelsDir());
    options.retryFlagged = m_settings->retryFlagged();
    std::unique_ptr<Job> job;
    if (BackendPicker* picker = m_recipePanel->backendPicker(); picker->isRemote()) {
        QString problem; // the engine chosen in the picker; the budget stops a cloud job here, in one line
        if (!(job = picker->makeJob(recipe, options, &problem))) {
            showError(problem);
            return 0;
        }
    } else if (auto local = std::make_unique<GenerationJob>(recipe, options); !local->validate().isEmpty()) {
        showError(local->validate().first());
        return 0;
    } else {
        job = std::move(local);
    }
    m_messageBar->hide();
    const quint64 id = m_queue->submit(std::move(job), position);
    statusBar()->showMessage(m_queue->runningJob() && m_queue->runningJob() != id
            ? tr("Queued: %n job(s) waiting", nullptr, int(m_queue->queuedJobs().size()))
            : tr("Starting"),
        4000);
    return id;
}

bool MainWindow::loadRecipeFrom(const QString& imagePath)
{
    try {
        const ImageMetadata metadata = ImageMetadata::read(imagePath);
        if (!metadata.recipe) {
            showError(tr("%1 holds no recipe Easel can read (no Easel or A1111 parameters).")
                          .arg(QDir::toNativeSeparators(imagePath)));
            return false;
        }
        ImageRecipe recipe = *metadata.recipe;
        // Made elsewhere (the model is not here) or with the demo model: the picker's own entries.
        if (!recipe.model.isEmpty()
            && (!QFileInfo::exists(recipe.model)
                || QFileInfo(recipe.model).canonicalFilePath() == QFileInfo(demoModelPath()).canonicalFilePath()))
            recipe.model.clear();
        applyRecipe(recipe);
        m_recipePanel->setSeedLocked(true); // to make this image again, its own seed
        statusBar()->showMessage(tr("Recipe of %1 loaded").arg(QFileInfo(imagePath).fileName()), 4000);
        return true;
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return false;
    }
}

void MainWindow::refreshModelChoices()
{
    QList<ModelChoice> choices;
    choices.append({ QString(), tr("Demo model (random weights: abstract noise)"),
        tr("Easel's tiny bundled model. Its weights are random, so it makes coloured noise: add a real model "
           "to make pictures.") });
    QStringList paths = m_settings->models();
    for (const QString& found : findModels(m_settings->modelsDir())) // a listing: no file is opened
        if (!paths.contains(found))
            paths.append(found);
    for (const QString& path : paths)
        choices.append({ path, QFileInfo(path).completeBaseName(), QDir::toNativeSeparators(path) });
    m_recipePanel->setModelChoices(choices);
}

void MainWindow::addModel(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(absolute)) {
        showError(tr("%1 does not exist.").arg(QDir::toNativeSeparators(absolute)));
        return;
    }
    QStringList models = m_settings->models();
    models.removeAll(absolute);
    models.prepend(absolute);
    m_settings->setModels(models);
    refreshModelChoices();
    m_recipePanel->setCurrentModel(absolute);
}

void MainWindow::openModelsDialog()
{
    auto* dialog = new ModelsDialog(*m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->selectModel(m_recipePanel->currentModel());
    connect(dialog, &ModelsDialog::modelChosen, this, [this](const QString& path) {
        refreshModelChoices();
        m_recipePanel->setCurrentModel(path);
    });
    dialog->open();
}

void MainWindow::openSettingsDialog()
{
    auto* dialog = new SettingsDialog(*m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { // the engines' URLs, models and budget may have changed
        m_recipePanel->backendPicker()->setSettingsFile(m_settings->fileName());
        m_recipePanel->backendPicker()->updateEstimate(m_recipePanel->effectiveRecipe());
    });
    dialog->open();
}

void MainWindow::chooseImageToLoad()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open an image's recipe"), m_settings->outputDir(), tr("PNG images (*.png)"));
    if (!file.isEmpty())
        loadRecipeFrom(file);
}

void MainWindow::cancelRunning()
{
    // Several lanes run at once: the running job selected in the queue, else every running job.
    const QList<quint64> running = m_queue->runningJobs();
    const quint64 selected = m_queuePanel->selectedJob();
    for (quint64 id : running.contains(selected) ? QList<quint64> { selected } : running)
        m_queue->cancel(id);
    if (!running.isEmpty())
        m_progressLabel->setText(tr("Cancelling..."));
}

void MainWindow::showError(const QString& message) { m_messageBar->showMessage(message, MessageBar::Level::Error); }

void MainWindow::onJobStarted(quint64 id)
{
    m_canvas->setMaskEditing(false); // the canvas shows the job's previews
    m_shownJob = id;
    const Job* job = m_queue->job(id);
    const ImageRecipe* recipe = job ? job->recipe() : nullptr;
    m_shownSize = recipe && recipe->width > 0 && recipe->height > 0 ? QSize(recipe->width, recipe->height) : QSize();
    m_progress->setValue(0);
    m_progressLabel->setText(tr("Starting: %1").arg(job ? job->title() : QString()));
    updateActions();
}

void MainWindow::onJobProgress(quint64 id, const JobProgress& p)
{
    if (id != m_shownJob)
        return;
    QString text = jobPhaseText(p.phase);
    if (p.phase == JobPhase::Sampling && p.steps > 0)
        text = tr("Sampling: step %1 of %2").arg(p.step).arg(p.steps);
    if (p.batches > 1)
        text += QStringLiteral(" · ") + tr("batch %1 of %2").arg(p.batch + 1).arg(p.batches);
    if (p.etaSec > 0)
        text += QStringLiteral(" · ") + tr("%1 left").arg(durationText(p.etaSec));
    m_progressLabel->setText(text);
    double fraction = p.phaseFraction;
    if (p.steps > 0 && p.batches > 0)
        fraction = (p.batch + double(p.step) / p.steps) / p.batches;
    m_progress->setValue(int(std::clamp(fraction, 0.0, 1.0) * 1000));
}

void MainWindow::onJobPreview(quint64 id, int, int, const Preview& preview)
{
    if (id != m_shownJob || preview.isNull())
        return;
    // The approx preview is 1/8 of the image: shown at the image's size, so the picture does not jump.
    QSize logical = m_shownSize;
    if (logical.isEmpty() && m_settings->previewMode() == PreviewMode::Approx)
        logical = QSize(preview.width * 8, preview.height * 8);
    m_shownFile.clear();
    m_canvas->setImage(previewImage(preview), logical);
}

void MainWindow::onImageSaved(quint64 id, const SavedImage& image)
{
    // The newest image of a style is its thumbnail in the picker (unless the style has a picture of its own).
    if (const QString style = image.recipe.extras.value(QLatin1String(StyleExtrasKey)); !style.isEmpty())
        m_recipePanel->stylePicker()->setStyleImage(style, image.path);
    if (id == m_shownJob)
        showImageFile(image.path);
}

void MainWindow::showImageFile(const QString& path)
{
    m_shownFile = path;
    // Decoding a large PNG would stall the GUI thread: read it on the pool, show it when it is ready.
    const quint64 load = ++m_imageLoads;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, load] {
        const QImage image = watcher->result();
        watcher->deleteLater();
        if (load == m_imageLoads && !image.isNull())
            m_canvas->setImage(image);
    });
    watcher->setFuture(QtConcurrent::run([path] { return QImageReader(path).read(); }));
}

void MainWindow::onJobFinished(quint64 id, const JobResult& result)
{
    if (id == m_shownJob) {
        m_progress->setValue(result.state == JobState::Completed ? 1000 : 0);
        m_progressLabel->setText(jobStateText(result.state));
    }
    switch (result.state) {
    case JobState::Failed: showError(result.message); break;
    case JobState::Cancelled: statusBar()->showMessage(tr("Cancelled"), 4000); break;
    default:
        if (!result.saved.isEmpty())
            statusBar()->showMessage(tr("Saved %n image(s) to %1", nullptr, int(result.saved.size()))
                                         .arg(QDir::toNativeSeparators(QFileInfo(result.saved.first().path).path())),
                6000);
        break;
    }
    if (!result.notes.isEmpty())
        m_messageBar->showMessage(result.notes.join(QStringLiteral(" ")), MessageBar::Level::Information);
    updateActions();
}

void MainWindow::updatePlaceholder()
{
    QString text = tr("Write a prompt and press Generate (Ctrl+Enter).\nEach step shows here as it forms.");
    if (m_recipePanel->currentModel().isEmpty())
        text += QStringLiteral("\n\n")
            + tr("The demo model is selected: its weights are random, so it makes abstract coloured noise. "
                 "To make pictures, add a real model (File > Models...): a Stable Diffusion 1.x, 2.x or SDXL "
                 ".safetensors checkpoint or a diffusers folder.");
    m_canvas->setPlaceholderText(text);
}

void MainWindow::updateActions() { m_cancelAction->setEnabled(m_queue->runningJob() != 0); }

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && urls.first().toLocalFile().endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    // A PNG dropped on the window: its recipe, ready to make again (the img2img area takes drops itself).
    loadRecipeFrom(event->mimeData()->urls().first().toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_storyboardPanel->confirmDiscardChanges()) {
        event->ignore();
        return;
    }
    ImageRecipe recipe = m_recipePanel->recipe();
    try {
        recipe.maskImage = saveMask(); // the mask painted comes back on the next start
    } catch (const std::exception&) {
        recipe.maskImage.clear();
    }
    rememberRecipe(recipe);
    m_settings->setWindowState(QStringLiteral("geometry"), saveGeometry());
    m_settings->setWindowState(QStringLiteral("docks"), saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

} // namespace easel
