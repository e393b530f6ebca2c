// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/jobtypes.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace easel {

class ModelService;

/// What a job sees while it runs: its models, its cancel flag, and where its events go. The queue's
/// context posts events to the GUI thread; the CLI's prints them. Called on the job's thread.
class JobContext {
public:
    virtual ~JobContext() = default;
    virtual ModelService& models() = 0;
    virtual const CancelToken& cancelToken() const = 0;
    virtual void progress(const JobProgress& progress) = 0;
    /// `imageIndex`: the image's k in the run; `step` as in JobProgress.
    virtual void preview(int imageIndex, int step, const Preview& image) = 0;
    /// A file was written (it exists now, whatever happens to the rest of the job).
    virtual void imageSaved(const SavedImage& image) = 0;
    /// The lane the queue started the job on (one of Job::lanes()); empty outside a queue (the job
    /// then takes the first of its lanes).
    virtual QString lane() const { return {}; }
};

/**
 * One unit of work for the queue: a generation, a prompt list, a composition, an image-tool operation.
 * A job is a value: it holds what to do, not how far it got, so it can be stored, shown, retried and
 * duplicated. run() is called on a worker thread, never throws, and returns how it ended.
 */
class Job {
public:
    virtual ~Job() = default;

    /// Stable kind name, stored with the job: "generate", "batch", "compose", "image-tool".
    virtual QString kind() const = 0;
    /// The resource the job runs on: "local" (this machine's engine, the default) or one remote server
    /// ("comfyui@host:port"). The queue runs at most one job per lane at once, in queue order within a
    /// lane, and jobs of different lanes side by side. Derived from what the job holds, never stored.
    virtual QString lane() const { return QStringLiteral("local"); }
    /// The lanes the job may run on, in order of preference (a job dispatched over several servers): it
    /// starts on the first one that is free, and JobContext::lane() tells it which. Default: { lane() }.
    virtual QStringList lanes() const { return { lane() }; }
    /// One line for the queue panel (the prompt, or the operation and its file).
    virtual QString title() const = 0;
    /// The recipe the job makes images from; nullptr for jobs that only process files.
    virtual const ImageRecipe* recipe() const { return nullptr; }
    /// The number of images the job should write (for progress), 0 when unknown.
    virtual int expectedImages() const { return 0; }

    virtual JobResult run(JobContext& context) = 0;

    /// Everything needed to make the job again ("kind" included), for the persisted queue.
    virtual QJsonObject toJson() const = 0;
    virtual std::unique_ptr<Job> clone() const = 0;

    /// A job from toJson()'s object; nullptr and a one-line message for an unknown kind or bad fields.
    static std::unique_ptr<Job> fromJson(const QJsonObject& json, QString* errorMessage = nullptr);
};

} // namespace easel
