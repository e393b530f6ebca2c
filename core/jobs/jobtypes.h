// SPDX-License-Identifier: MIT
#pragma once

// What every job reports while it runs and when it ends. Plain values (no libtorch, no QtGui), so the
// window, the CLI and the tests use them as they are.

#include "recipe/imagerecipe.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>

namespace easel {

/// What a running job is doing.
enum class JobPhase {
    Queued,
    LoadingModel, ///< phaseFraction: share of the model's weights loaded
    Encoding, ///< the prompts through the text encoders
    Sampling, ///< phaseFraction: step / steps of the current batch
    Decoding, ///< latents through the VAE
    Processing, ///< image tools: cut-out, merge, enhancement...
    Saving, ///< writing files
};

/// A phase for people ("Loading the model"...), translated.
QString jobPhaseText(JobPhase phase);

/// Where a job is in its life. Interrupted: it was running when the process died.
enum class JobState { Queued, Running, Completed, Failed, Cancelled, Interrupted };

/// Stable names ("queued", "running"...) for storage, and translated text for people.
QString jobStateName(JobState state);
std::optional<JobState> jobStateFromName(const QString& name);
QString jobStateText(JobState state);

enum class CancelMode {
    None,
    Now, ///< stop at the next step; images not finished are dropped
    AfterCurrentBatch, ///< finish the batch (or prompt-list entry) in progress, start no other
};

/// A job's cancel flag: set from any thread, read by the job between steps.
class CancelToken {
public:
    void cancel(CancelMode mode = CancelMode::Now) { m_mode.store(mode); }
    CancelMode mode() const { return m_mode.load(); }
    bool isCancelled() const { return mode() != CancelMode::None; }
    bool isCancelledNow() const { return mode() == CancelMode::Now; }

private:
    std::atomic<CancelMode> m_mode { CancelMode::None };
};

/// Progress of a running job. `step`/`steps` and `batch`/`batches` are set while sampling.
struct JobProgress {
    JobPhase phase = JobPhase::Queued;
    double phaseFraction = 0.0; ///< 0..1 within the phase, where the phase can tell
    int step = 0; ///< 1-based step within the current batch
    int steps = 0;
    int batch = 0; ///< 0-based batch (or prompt-list entry) index
    int batches = 0;
    double elapsedSec = 0.0; ///< since the job started
    double etaSec = 0.0; ///< estimated time left for the whole job; 0 when unknown
};

/// An image as plain bytes so that core needs no QtGui: RGB888 rows of 3 * width bytes, top to bottom.
/// The UI wraps it in a QImage (Format_RGB888, bytesPerLine 3 * width).
struct Preview {
    int width = 0;
    int height = 0;
    QByteArray rgb;

    bool isNull() const { return width <= 0 || height <= 0 || rgb.size() != qsizetype(width) * height * 3; }
};

/// The automatic quality checks of a made image (see imaging::QualityReport for the thresholds).
struct ImageFlags {
    bool nearlyBlack = false;
    bool nearlyWhite = false;
    bool uniform = false;
    bool nonFinite = false; ///< the latents had NaN/inf: the image is unusable
    bool any() const { return nearlyBlack || nearlyWhite || uniform || nonFinite; }
    /// The set flags as words: "broken", "nearly-black", "nearly-white", "uniform".
    QStringList names() const;
};

/// A file a job wrote, with the recipe that made it (for a generated image) and its quality flags.
struct SavedImage {
    QString path;
    ImageRecipe recipe;
    ImageFlags quality;
    /// For an automatic retry (GenerationOptions::retryFlagged): the path of the flagged image it was made again for.
    QString retryOf;
};

/// An image a job made but could not write (a full disk, a read-only folder): kept so nothing is lost.
struct UnsavedImage {
    QString path; ///< where it should have gone
    Preview pixels;
    ImageRecipe recipe;
};

/// How a job ended.
struct JobResult {
    JobState state = JobState::Completed; ///< Completed, Failed or Cancelled
    QString message; ///< one line for Failed, a short note for Cancelled, empty for Completed
    QList<SavedImage> saved; ///< in the order they were written
    QList<UnsavedImage> unsaved;
    QStringList notes; ///< fallbacks taken (tiled VAE, fp32 decode...), warnings
};

} // namespace easel

Q_DECLARE_METATYPE(easel::JobProgress)
Q_DECLARE_METATYPE(easel::Preview)
Q_DECLARE_METATYPE(easel::SavedImage)
Q_DECLARE_METATYPE(easel::JobResult)
