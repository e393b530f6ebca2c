// SPDX-License-Identifier: MIT
#include "backends/apikeys.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <memory>

namespace easel {

namespace {

    QString tr(const char* text) { return QCoreApplication::translate("easel::ApiKeys", text); }

    const QString kService = QStringLiteral("Easel");

    QMutex& secretsMutex()
    {
        static QMutex mutex;
        return mutex;
    }

    QSet<QString>& secrets()
    {
        static QSet<QString> set;
        return set;
    }

    /// What a keychain job left: filled on the job's finished signal.
    struct JobOutcome {
        bool finished = false;
        QKeychain::Error error = QKeychain::NoError;
        QString errorText;
        QString text;
    };

    /// Runs a keychain job with a local event loop; false when it did not finish in time (it then deletes itself
    /// whenever it does).
    template <typename MakeJob> bool runKeychainJob(MakeJob makeJob, int timeoutMs, JobOutcome& outcome)
    {
        auto shared = std::make_shared<JobOutcome>();
        QEventLoop loop;
        QKeychain::Job* job = makeJob();
        job->setAutoDelete(true);
        job->setInsecureFallback(false); // never a plain-text copy of the key
        QObject::connect(job, &QKeychain::Job::finished, job, [shared, loopPtr = &loop](QKeychain::Job* done) {
            shared->finished = true;
            shared->error = done->error();
            shared->errorText = done->errorString();
            if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
                shared->text = read->textData();
            loopPtr->quit();
        });
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        job->start();
        if (!shared->finished)
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (!shared->finished) {
            // The loop is going away: the late finished signal must not touch it.
            QObject::disconnect(job, &QKeychain::Job::finished, nullptr, nullptr);
            return false;
        }
        outcome = *shared;
        return true;
    }

} // namespace

QString ApiKeys::environmentVariable(const QString& backendId)
{
    const QString base = backendId.section(QLatin1Char('@'), 0, 0);
    if (base == QLatin1String("openai"))
        return QStringLiteral("OPENAI_API_KEY");
    if (base == QLatin1String("stability"))
        return QStringLiteral("STABILITY_API_KEY");
    if (base == QLatin1String("comfyui"))
        return QStringLiteral("COMFYUI_API_KEY");
    return {};
}

bool ApiKeys::keychainEnabled()
{
    const QByteArray v = qgetenv("EASEL_KEYCHAIN").trimmed().toLower();
    return v != "off" && v != "0" && v != "no";
}

ApiKeys::Lookup ApiKeys::find(const QString& backendId, int keychainTimeoutMs)
{
    Lookup lookup;
    if (keychainEnabled()) {
        JobOutcome outcome;
        const bool done = runKeychainJob(
            [&] {
                auto* job = new QKeychain::ReadPasswordJob(kService);
                job->setKey(backendId);
                return job;
            },
            keychainTimeoutMs, outcome);
        if (done && outcome.error == QKeychain::NoError && !outcome.text.isEmpty()) {
            lookup.key = outcome.text.trimmed();
            lookup.source = Source::Keychain;
        } else if (!done) {
            lookup.note = tr("the system keychain did not answer; API keys come from the environment");
        } else if (outcome.error != QKeychain::EntryNotFound && outcome.error != QKeychain::NoError) {
            lookup.note = tr("no system keychain available (%1); API keys come from the environment")
                              .arg(redactSecrets(outcome.errorText.simplified()));
        }
    }
    if (lookup.key.isEmpty()) {
        const QString variable = environmentVariable(backendId);
        if (!variable.isEmpty()) {
            lookup.key = qEnvironmentVariable(variable.toLatin1().constData()).trimmed();
            if (!lookup.key.isEmpty())
                lookup.source = Source::Environment;
        }
    }
    remember(lookup.key);
    return lookup;
}

bool ApiKeys::store(const QString& backendId, const QString& key, QString* error)
{
    if (!keychainEnabled()) {
        if (error)
            *error = tr("the system keychain is switched off (EASEL_KEYCHAIN)");
        return false;
    }
    remember(key);
    JobOutcome outcome;
    const bool done = runKeychainJob(
        [&]() -> QKeychain::Job* {
            if (key.isEmpty()) {
                auto* job = new QKeychain::DeletePasswordJob(kService);
                job->setKey(backendId);
                return job;
            }
            auto* job = new QKeychain::WritePasswordJob(kService);
            job->setKey(backendId);
            job->setTextData(key);
            return job;
        },
        5000, outcome);
    if (done && (outcome.error == QKeychain::NoError || (key.isEmpty() && outcome.error == QKeychain::EntryNotFound)))
        return true;
    if (error)
        *error = done ? tr("cannot store the key in the system keychain: %1").arg(redactSecrets(outcome.errorText))
                      : tr("the system keychain did not answer");
    return false;
}

void ApiKeys::remember(const QString& secret)
{
    if (secret.trimmed().size() < 4)
        return;
    QMutexLocker lock(&secretsMutex());
    secrets().insert(secret.trimmed());
}

QString redactSecrets(const QString& text)
{
    QString out = text;
    {
        QMutexLocker lock(&secretsMutex());
        for (const QString& secret : std::as_const(secrets()))
            out.replace(secret, QStringLiteral("[redacted]"));
    }
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("\\bsk-[A-Za-z0-9_\\-]{8,}")),
        QRegularExpression(QStringLiteral("(?i)\\b(bearer)\\s+[^\\s\"',;]+")),
        QRegularExpression(
            QStringLiteral("(?i)\\b(authorization|x-api-key|api[_-]?key)([\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;]+")),
    };
    out.replace(patterns[0], QStringLiteral("[redacted]"));
    out.replace(patterns[1], QStringLiteral("\\1 [redacted]"));
    out.replace(patterns[2], QStringLiteral("\\1\\2[redacted]"));
    return out;
}

} // namespace easel
