// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/jobqueue.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QProgressBar;
class QToolButton;

namespace easel {

class CanvasView;
class AttributePanel;
class ComposePanel;
class EnhancePanel;
class GalleryPanel;
class MaskLayer;
class MaskToolBar;
class MergePanel;
class MessageBar;
class QueuePanel;
class QueueStore;
class RecipePanel;
class StoryboardPanel;
class Settings;
struct ImageRecipe;

/// What the window starts with (its command line).
struct StartOptions {
    QString model; ///< select this model (added to the user's list)
    QString image; ///< fill the recipe in from this PNG's metadata
    QString story; ///< open this story board (.json) in the storyboard
};

/**
 * The studio: the recipe panel (model, prompts, settings) on the left, the canvas with the live preview in
 * the middle, the queue on the right. Generate queues a job; the queue runs it on a worker thread and the
 * window only reacts to the queue's signals, so the GUI thread never waits on the engine.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const StartOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The finished jobs the queue panel keeps (the oldest completed ones go first; see JobQueue::setEndedLimit).
    static constexpr int KeptEndedJobs = 100;

    JobQueue& queue() { return *m_queue; }
    Settings& settings() { return *m_settings; }
    RecipePanel* recipePanel() const { return m_recipePanel; }
    StoryboardPanel* storyboardPanel() const { return m_storyboardPanel; }

    /// Queues the recipe in the panel (a new random seed unless the seed is locked); the job's id, 0 when the
    /// recipe cannot run (the message bar says why).
    quint64 generate(JobQueue::Position position = JobQueue::Position::Back);
    /// Queues `recipe` as it is (device and precision from the settings); 0 when it cannot run.
    quint64 queueRecipe(ImageRecipe recipe, JobQueue::Position position = JobQueue::Position::Back);
    /// Fills the recipe panel from a PNG's metadata; false (message bar) when it has none.
    bool loadRecipeFrom(const QString& imagePath);

    /// The inpainting mask painted on the canvas over the start image.
    MaskLayer& maskLayer() const { return *m_mask; }
    /// Writes the painted mask (white = repaint, the start image's size) as a PNG into the cache, atomically,
    /// and returns its path; empty when there is no start image or nothing is painted. Throws easel::Error.
    QString saveMask();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    QWidget* createCentralArea();
    void createDocks();
    void createGalleryDock();
    void createFinishingDock();
    void createStoryboardDock();
    void finishImage(const QString& path);
    void exportImages();
    void connectQueue();
    void openQueueStore();
    /// Keeps the panel's recipe and seed lock in the settings for the next start.
    void rememberRecipe(const ImageRecipe& recipe);
    /// Fills the recipe panel from `recipe` (a restored, reused or opened one), its mask included.
    void applyRecipe(const ImageRecipe& recipe);
    /// Reads the start image (and a mask file for it) on the pool, then shows them for mask painting.
    void loadMaskBase(const QString& imagePath, const QString& maskPath);
    /// Reads the selected model's header on the pool for its family (the LoRA picker greys what does not fit).
    void updateModelFamily();
    void updateLoraFolders();
    /// Reads the built-in and the user's styles on the pool into the style picker.
    void loadStyles();
    void refreshModelChoices();
    void addModel(const QString& path);
    void openModelsDialog();
    void openSettingsDialog();
    void chooseImageToLoad();
    void cancelRunning();
    void showError(const QString& message);

    void onJobStarted(quint64 id);
    void onJobProgress(quint64 id, const JobProgress& progress);
    void onJobPreview(quint64 id, int imageIndex, int step, const Preview& preview);
    void onImageSaved(quint64 id, const SavedImage& image);
    void onJobFinished(quint64 id, const JobResult& result);
    void showImageFile(const QString& path);
    void updateActions();
    void updatePlaceholder();

    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<QueueStore> m_store; ///< destroyed before the queue: it records a job closed mid-run

    RecipePanel* m_recipePanel = nullptr;
    QueuePanel* m_queuePanel = nullptr;
    GalleryPanel* m_galleryPanel = nullptr;
    EnhancePanel* m_enhancePanel = nullptr;
    AttributePanel* m_attributePanel = nullptr;
    MergePanel* m_mergePanel = nullptr;
    StoryboardPanel* m_storyboardPanel = nullptr;
    ComposePanel* m_composePanel = nullptr;
    CanvasView* m_canvas = nullptr;
    MessageBar* m_messageBar = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QToolButton* m_cancelButton = nullptr;
    MaskLayer* m_mask = nullptr;
    MaskToolBar* m_maskBar = nullptr;

    QAction* m_generateAction = nullptr;
    QAction* m_generateFirstAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_addModelAction = nullptr;
    QAction* m_openImageAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_unloadModelsAction = nullptr;
    QAction* m_undoTrashAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_composeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_actualSizeAction = nullptr;

    quint64 m_shownJob = 0; ///< the job whose previews the canvas shows
    QSize m_shownSize; ///< the size its images will have (0x0: unknown)
    QString m_shownFile; ///< the file the canvas shows (empty while it shows a preview)
    quint64 m_imageLoads = 0; ///< latest background image load, so an older one never replaces a newer image
    quint64 m_maskLoads = 0; ///< latest start image load for the mask
    quint64 m_familyLoads = 0; ///< latest model family read
    QString m_maskFile; ///< where the mask as painted was saved last; empty after any change
};

} // namespace easel
