// SPDX-License-Identifier: MIT
#include "backendoptions.h"

#include "cliutil.h"

#include "backends/backendregistry.h"
#include "backends/cloudsettings.h"
#include "backends/costledger.h"
#include "backends/pricetable.h"

#include <QCommandLineParser>

namespace easel::cli {

namespace {

    const QString kLocal = QStringLiteral("local");

    QString backendNames() { return (QStringList { kLocal } + BackendRegistry::remoteIds()).join(QLatin1Char('|')); }

} // namespace

BackendOptions::BackendOptions()
    : m_backend(QStringLiteral("backend"),
        QStringLiteral(
            "Where the images are made: %1 (default local, this machine's engine). openai: OpenAI Images "
            "(key from the system keychain or OPENAI_API_KEY); stability: Stability AI (STABILITY_API_KEY); "
            "comfyui: a ComfyUI server (optional token COMFYUI_API_KEY). Remote images are PNGs with the same "
            "metadata, plus the backend, remote model and revised prompt. Without --backend, a --style that names an "
            "engine (its \"backend\" and \"fallback\") decides.")
            .arg(backendNames()),
        QStringLiteral("NAME"), kLocal)
    , m_fallback(QStringLiteral("fallback"),
          QStringLiteral(
              "Backends tried in order when --backend fails for a reason a retry cannot fix (key refused, no "
              "credit, content refused) or does not answer, e.g. stability,local (local only last)."),
          QStringLiteral("B1,B2"))
    , m_backendUrl(QStringLiteral("backend-url"),
          QStringLiteral("Base URL of --backend (a proxy, a compatible server, a test server), e.g. "
                         "https://api.openai.com/v1. Default: the settings, then OPENAI_BASE_URL for openai, then the "
                         "service's own."),
          QStringLiteral("URL"))
    , m_remoteModel(QStringLiteral("remote-model"),
          QStringLiteral(
              "The model of --backend: gpt-image-1, dall-e-3, dall-e-2 (openai); stable-image-core, "
              "stable-image-ultra, sd3.5-large, sd3.5-large-turbo, sd3.5-medium (stability); a checkpoint of the "
              "server (comfyui, when --model names none). Default: the settings' or the service's default. "
              "--model stays the local checkpoint (of a local fallback; comfyui matches it by file name)."),
          QStringLiteral("NAME"))
    , m_quality(QStringLiteral("quality"),
          QStringLiteral("OpenAI's quality: low, medium, high (gpt-image-1; default medium), standard, hd (dall-e-3)."),
          QStringLiteral("LEVEL"))
    , m_budget(QStringLiteral("budget"),
          QStringLiteral(
              "Monthly cloud budget in US dollars for this run (default: the settings'; 0: none). A job whose "
              "estimated cost would pass it stops before anything is sent."),
          QStringLiteral("USD"))
    , m_workflow(QStringLiteral("workflow"),
          QStringLiteral(
              "comfyui: run this workflow template (ComfyUI's \"Save (API Format)\" JSON) instead of Easel's own "
              "graph, its {{prompt}} {{negative}} {{model}} {{seed}} {{steps}} {{cfg}} {{sampler}} {{scheduler}} "
              "{{width}} {{height}} {{batch_size}} {{denoise}} {{image}} slots filled from the recipe. Default: "
              "the settings' template, if any."),
          QStringLiteral("FILE.json"))
{
}

void BackendOptions::addTo(QCommandLineParser& parser) const
{
    for (const QCommandLineOption* o :
        { &m_backend, &m_fallback, &m_backendUrl, &m_remoteModel, &m_quality, &m_budget, &m_workflow })
        parser.addOption(*o);
}

namespace {

    /// --backend, else the style's engine, else local.
    QString chosenBackend(const QCommandLineParser& parser, const QCommandLineOption& option, const Style* style)
    {
        if (!parser.isSet(option) && style && !style->backend.isEmpty())
            return style->backend;
        return parser.value(option).trimmed().toLower();
    }

} // namespace

bool BackendOptions::isRemote(const QCommandLineParser& parser, const Style* style) const
{
    return chosenBackend(parser, m_backend, style) != kLocal;
}

QString BackendOptions::read(
    const QCommandLineParser& parser, const ImageRecipe& recipe, RemoteOptions& remote, const Style* style) const
{
    const QString backend = chosenBackend(parser, m_backend, style);
    if (!BackendRegistry::isKnown(backend))
        return QStringLiteral("--backend: unknown backend '%1' (use %2)").arg(backend, backendNames());
    remote.backend = backend;
    remote.fallback.clear();
    if (parser.isSet(m_fallback)) {
        for (const QString& part : parser.value(m_fallback).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString id = part.trimmed().toLower();
            if (!BackendRegistry::isKnown(id))
                return QStringLiteral("--fallback: unknown backend '%1' (use %2)").arg(id, backendNames());
            remote.fallback << id;
        }
        const int local = remote.fallback.indexOf(kLocal);
        if (local >= 0 && local != remote.fallback.size() - 1)
            return QStringLiteral("--fallback: local can only come last");
    } else if (!parser.isSet(m_backend) && style && !style->backend.isEmpty()) {
        remote.fallback = style->fallback; // checked when the style was read
    }
    if (parser.isSet(m_backendUrl)) {
        const QUrl url(parser.value(m_backendUrl), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return QStringLiteral("--backend-url: '%1' is not an http(s) URL").arg(parser.value(m_backendUrl));
        remote.baseUrl = url;
    }
    remote.model = parser.value(m_remoteModel).trimmed();
    remote.quality = parser.value(m_quality).trimmed().toLower();
    if (!remote.quality.isEmpty()
        && !QStringList { QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
            QStringLiteral("auto"), QStringLiteral("standard"), QStringLiteral("hd") }
                .contains(remote.quality))
        return QStringLiteral("--quality: unknown level '%1' (use low, medium, high, standard or hd)")
            .arg(remote.quality);
    if (parser.isSet(m_budget)) {
        bool ok = false;
        remote.budgetUsd = parser.value(m_budget).toDouble(&ok);
        if (!ok || remote.budgetUsd < 0)
            return QStringLiteral("--budget: expected an amount of US dollars, 0 or more");
    }
    if (parser.isSet(m_workflow)) {
        if (!backend.startsWith(QLatin1String("comfyui")))
            return QStringLiteral("--workflow: a workflow template is for --backend comfyui, not %1").arg(backend);
        remote.workflowFile = parser.value(m_workflow);
    } else if (backend.startsWith(QLatin1String("comfyui"))) {
        remote.workflowFile = CloudSettings().workflowFile();
    }
    if (recipe.isImageToImage() && (backend == QLatin1String("openai") || backend == QLatin1String("stability")))
        return QStringLiteral("--backend %1 makes images from a prompt only: leave out --init-image").arg(backend);
    return {};
}

void BackendOptions::printEstimate(const RemoteGenerationJob& job)
{
    const double perImage = job.estimatedCostPerImage();
    if (perImage <= 0)
        return;
    out(QStringLiteral("estimate: $%1 for %2 image(s) at $%3 on %4 (Easel's price table of %5; the bill may differ)")
            .arg(job.estimatedCost(), 0, 'f', 3)
            .arg(job.expectedImages())
            .arg(perImage, 0, 'f', 3)
            .arg(job.remote().backend, QLatin1String(PriceTable::asOf)));
}

void BackendOptions::printTotals(const RemoteGenerationJob& job)
{
    const CostLedger ledger(job.remote().costFile);
    const CostLedger::Totals session = ledger.session();
    if (session.images == 0)
        return;
    out(QStringLiteral("cloud spending (estimates): $%1 in this run, $%2 this month")
            .arg(session.usd, 0, 'f', 3)
            .arg(ledger.month().usd, 0, 'f', 3));
}

} // namespace easel::cli
