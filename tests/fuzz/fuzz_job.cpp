// SPDX-License-Identifier: MIT
// libFuzzer target for the queue's job records (Job::fromJson: generate, batch, compose and image-tool jobs,
// as the persisted queue stores them): any bytes are a job or refused with a one-line message. A job that
// was read must describe itself (kind, title, lanes) and write a record that reads back to the same record.

#include "fuzzsupport.h"

#include "jobs/job.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace easel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    QString error;
    const std::unique_ptr<Job> job = Job::fromJson(doc.object(), &error);
    if (!job) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(!job->kind().isEmpty());
    (void)job->title();
    FUZZ_CHECK(!job->lanes().isEmpty());
    (void)job->expectedImages();
    const QJsonObject record = job->toJson();
    const std::unique_ptr<Job> again = Job::fromJson(record, &error);
    FUZZ_CHECK(again && again->toJson() == record);
    FUZZ_CHECK(job->clone()->toJson() == record);
    return 0;
}
