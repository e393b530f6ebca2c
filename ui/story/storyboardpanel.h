// SPDX-License-Identifier: MIT
#pragma once

#include "story/storydocument.h"
#include "story/storyrender.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListView;
class QListWidget;
class QListWidgetItem;
class QSpinBox;
class QToolBar;

namespace easel {

class JobQueue;
class ShotListModel;
class StoryPromptBuilder;
class ThumbnailCache;

/**
 * The storyboard of the studio: a story's shots in order as cards (keyframe, number, type, timing, stale badge;
 * drag a card, or Ctrl+Shift+Left/Right, to reorder), its characters and locations with their reference images,
 * and the story's actions: new, open, save (atomic, through StoryDocument), render all / stale / selected shots
 * with a number of takes into the window's queue, pick a shot's keyframe among its takes, re-render a shot, and
 * export (frames, metadata.json, contact sheet PDF, shot list CSV). Double-click (or Enter on) a card to edit
 * the shot, with its built prompt shown live.
 *
 * As a take's image is saved, it joins its shot (applyStoryRender()) and the card shows it as the keyframe
 * when the shot had none, or had this take as its keyframe. Errors go out as one line through message().
 */
class StoryboardPanel : public QWidget {
    Q_OBJECT
public:
    /// Fills the model, sampler, device... of the recipe every shot starts from, and where images go.
    using RenderSetup = std::function<void(ImageRecipe& base, GenerationOptions& generation)>;

    explicit StoryboardPanel(JobQueue& queue, QWidget* parent = nullptr);
    ~StoryboardPanel() override;

    void setRenderSetup(RenderSetup setup) { m_renderSetup = std::move(setup); }

    /// The story shown; nullptr when none is open.
    const StoryDocument* story() const { return m_story.get(); }
    bool isModified() const { return m_modified; }
    ShotListModel* shotModel() const { return m_model; }
    const StoryPromptBuilder& promptBuilder() const { return *m_builder; }

    /// Opens a story file. A file that cannot be read leaves the story shown as it was (message()); false.
    bool openStory(const QString& path);
    /// Saves to the story's file (asks for one when it has none); false (message()) when it could not.
    bool saveStory();
    bool saveStoryAs(const QString& path);
    /// Starts an empty story (not saved yet).
    void newStory();
    /// Before the story shown is replaced or the window closes: with unsaved changes, asks Save / Discard / Cancel
    /// (a QMessageBox named "unsavedStoryBox"). True when it may go on (nothing unsaved, saved, or discarded).
    bool confirmDiscardChanges();
    /// Queues the takes of these shots (empty: every shot); the job ids, none when nothing could be queued.
    QList<quint64> renderShots(const QStringList& shotIds, int takes, bool staleOnly = false);
    /// Exports the story into `dir`; false (message()) when it could not.
    bool exportTo(const QString& dir);
    /// Opens the shot editor for `shotId` (modeless; its OK applies the edit). Returns it, nullptr when unknown.
    QDialog* editShot(const QString& shotId);
    /// The ids of the selected shots, in story order.
    QStringList selectedShots() const;

    /// The File menu's story actions: New, Open, Save, Save As, Export.
    QList<QAction*> fileActions() const;

Q_SIGNALS:
    /// One line for the message bar (`error`: an error, else a note).
    void message(const QString& text, bool error);
    /// A story was opened, made or saved (the window raises the storyboard).
    void storyShown();

private:
    void createActions();
    void createLayout();
    void setStory(std::unique_ptr<StoryDocument> story);
    void setModified(bool modified);
    void updateTitle();
    void updateActions();
    void fillCast();
    void updateCastIcons(const QString& path);
    QListWidgetItem* castItem(const QString& title, const QString& tooltip, const QStringList& references);
    void chooseAndOpen();
    void chooseAndExport();
    void pickKeyframe();
    void moveSelected(int delta);
    void onImageSaved(quint64 id, const SavedImage& image);
    void onJobFinished(quint64 id, const JobResult& result);

    JobQueue& m_queue;
    RenderSetup m_renderSetup;
    std::unique_ptr<StoryDocument> m_story;
    std::unique_ptr<StoryPromptBuilder> m_builder;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    bool m_modified = false;
    /// The story's queued takes by job id, and each shot's takes of its latest render.
    QHash<quint64, StoryRenderItem> m_jobs;
    QHash<QString, QList<StoryRenderItem>> m_renders;

    ShotListModel* m_model = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_title = nullptr;
    QListView* m_shots = nullptr;
    QListWidget* m_characters = nullptr;
    QListWidget* m_locations = nullptr;
    QSpinBox* m_takes = nullptr;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_renderAllAction = nullptr;
    QAction* m_renderStaleAction = nullptr;
    QAction* m_renderSelectedAction = nullptr;
    QAction* m_rerenderAction = nullptr;
    QAction* m_pickKeyframeAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_earlierAction = nullptr;
    QAction* m_laterAction = nullptr;
};

} // namespace easel
