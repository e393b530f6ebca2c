// SPDX-License-Identifier: MIT
#include "backends/cloudsettings.h"

#include "backends/comfyuibackend.h"
#include "settings/paths.h"

#include <QSettings>

namespace easel {

namespace {

    QString key(const QString& backendId, const char* name)
    {
        return QStringLiteral("backends/%1/%2").arg(backendId.section(QLatin1Char('@'), 0, 0), QLatin1String(name));
    }

} // namespace

CloudSettings::CloudSettings(const QString& file)
    : m_settings(std::make_unique<QSettings>(file.isEmpty() ? paths::settingsFile() : file, QSettings::IniFormat))
{
}

CloudSettings::~CloudSettings() = default;

QUrl CloudSettings::defaultBaseUrl(const QString& backendId)
{
    const QString base = backendId.section(QLatin1Char('@'), 0, 0);
    if (base == QLatin1String("openai"))
        return QUrl(QStringLiteral("https://api.openai.com/v1"));
    if (base == QLatin1String("stability"))
        return QUrl(QStringLiteral("https://api.stability.ai"));
    if (base == QLatin1String("comfyui"))
        return QUrl(QStringLiteral("http://127.0.0.1:8188"));
    return {};
}

QString CloudSettings::builtInModel(const QString& backendId)
{
    const QString base = backendId.section(QLatin1Char('@'), 0, 0);
    if (base == QLatin1String("openai"))
        return QStringLiteral("gpt-image-1");
    if (base == QLatin1String("stability"))
        return QStringLiteral("stable-image-core");
    return {};
}

QUrl CloudSettings::baseUrl(const QString& backendId) const
{
    if (backendId.startsWith(QLatin1String("comfyui@"))) {
        // One ComfyUI server by its lane name: the configured server of that host and port (its scheme and
        // path kept), else http(s)://host:port as named.
        QList<QUrl> servers { baseUrl(QStringLiteral("comfyui")) };
        servers += comfyServers();
        for (const QUrl& url : std::as_const(servers))
            if (ComfyUIBackend::laneFor(url) == backendId)
                return url;
        const QUrl named(QStringLiteral("http://") + backendId.mid(8));
        if (named.isValid() && !named.host().isEmpty()) {
            QUrl url = named;
            if (url.port() == 443)
                url.setScheme(QStringLiteral("https"));
            return url;
        }
        return {};
    }
    const QUrl stored(m_settings->value(key(backendId, "url")).toString());
    if (stored.isValid() && !stored.isEmpty())
        return stored;
    if (backendId == QLatin1String("openai")) {
        const QUrl env(qEnvironmentVariable("OPENAI_BASE_URL").trimmed());
        if (env.isValid() && !env.isEmpty())
            return env;
    }
    return defaultBaseUrl(backendId);
}

void CloudSettings::setBaseUrl(const QString& backendId, const QUrl& url)
{
    if (url.isEmpty())
        m_settings->remove(key(backendId, "url"));
    else
        m_settings->setValue(key(backendId, "url"), url.toString());
}

QString CloudSettings::defaultModel(const QString& backendId) const
{
    const QString model = m_settings->value(key(backendId, "model")).toString().trimmed();
    return model.isEmpty() ? builtInModel(backendId) : model;
}

void CloudSettings::setDefaultModel(const QString& backendId, const QString& model)
{
    m_settings->setValue(key(backendId, "model"), model);
}

double CloudSettings::timeoutSec(const QString& backendId) const
{
    bool ok = false;
    const double t = m_settings->value(key(backendId, "timeout")).toDouble(&ok);
    return ok && t > 0 ? t : 300.0;
}

void CloudSettings::setTimeoutSec(const QString& backendId, double seconds)
{
    m_settings->setValue(key(backendId, "timeout"), seconds);
}

QString CloudSettings::backend() const
{
    const QString id = m_settings->value(QStringLiteral("cloud/backend")).toString().trimmed();
    return id.isEmpty() ? QStringLiteral("local") : id;
}

void CloudSettings::setBackend(const QString& backendId)
{
    m_settings->setValue(QStringLiteral("cloud/backend"), backendId);
}

QStringList CloudSettings::fallback() const
{
    return m_settings->value(QStringLiteral("cloud/fallback")).toStringList();
}

void CloudSettings::setFallback(const QStringList& backendIds)
{
    m_settings->setValue(QStringLiteral("cloud/fallback"), backendIds);
}

QList<QUrl> CloudSettings::comfyServers() const
{
    QList<QUrl> urls;
    for (const QString& text : m_settings->value(QStringLiteral("backends/comfyui/servers")).toStringList()) {
        const QUrl url(text.trimmed());
        if (url.isValid() && !url.host().isEmpty() && !urls.contains(url))
            urls << url;
    }
    return urls;
}

void CloudSettings::setComfyServers(const QList<QUrl>& urls)
{
    QStringList texts;
    for (const QUrl& url : urls)
        texts << url.toString();
    if (texts.isEmpty())
        m_settings->remove(QStringLiteral("backends/comfyui/servers"));
    else
        m_settings->setValue(QStringLiteral("backends/comfyui/servers"), texts);
}

QString CloudSettings::workflowFile() const
{
    return m_settings->value(QStringLiteral("backends/comfyui/workflow")).toString().trimmed();
}

void CloudSettings::setWorkflowFile(const QString& path)
{
    if (path.trimmed().isEmpty())
        m_settings->remove(QStringLiteral("backends/comfyui/workflow"));
    else
        m_settings->setValue(QStringLiteral("backends/comfyui/workflow"), path.trimmed());
}

double CloudSettings::budgetUsd() const
{
    bool ok = false;
    const double usd = m_settings->value(QStringLiteral("cloud/budgetUsd")).toDouble(&ok);
    return ok && usd > 0 ? usd : 0.0;
}

void CloudSettings::setBudgetUsd(double usd) { m_settings->setValue(QStringLiteral("cloud/budgetUsd"), usd); }

BackendEndpoint CloudSettings::endpoint(const QString& backendId) const
{
    BackendEndpoint e;
    e.baseUrl = baseUrl(backendId);
    e.defaultModel = defaultModel(backendId);
    e.timeoutSec = timeoutSec(backendId);
    return e;
}

void CloudSettings::sync() { m_settings->sync(); }

} // namespace easel
