// SPDX-License-Identifier: MIT
#include "generate/backendpicker.h"

#include "backends/backendregistry.h"
#include "backends/cloudsettings.h"
#include "backends/comfyuibackend.h"
#include "backends/costledger.h"
#include "backends/pricetable.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace easel {

namespace {

    const QString kLocal = QStringLiteral("local");

    /// The ids typed in the fallback field: lower case, in order, without blanks or repeats.
    QStringList parseChain(const QString& text)
    {
        QStringList ids;
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString id = part.trimmed().toLower();
            if (!id.isEmpty() && !ids.contains(id))
                ids << id;
        }
        return ids;
    }

} // namespace

BackendPicker::BackendPicker(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("backendPicker"));
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_backend = new QComboBox(this);
    m_backend->setObjectName(QStringLiteral("backendCombo"));
    m_backend->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // no wider in German
    m_backend->setMinimumContentsLength(14);
    m_backend->addItem(tr("This computer"), kLocal);
    m_backend->addItem(tr("ComfyUI server"), QStringLiteral("comfyui"));
    m_backend->setItemData(1, tr("The ComfyUI server of Settings, Other engines; with several, the least busy one"),
        Qt::ToolTipRole);
    m_backend->addItem(tr("OpenAI Images (paid)"), QStringLiteral("openai"));
    m_backend->addItem(tr("Stability AI (paid)"), QStringLiteral("stability"));
    m_backend->setToolTip(tr("Where Generate makes the images. Servers and keys: Settings, Other engines."));
    form->addRow(tr("Eng&ine:"), m_backend);
    m_fallback = new QLineEdit(this);
    m_fallback->setObjectName(QStringLiteral("fallbackEdit"));
    m_fallback->setPlaceholderText(tr("none; e.g. stability, local"));
    m_fallback->setToolTip(tr("Engines tried in order when the chosen one refuses (key, credit, content) or does "
                              "not answer: comfyui, openai, stability, local (local only last)."));
    form->addRow(tr("Fallbac&k:"), m_fallback);
    m_capabilities = new QLabel(this);
    m_capabilities->setObjectName(QStringLiteral("backendCapabilitiesLabel"));
    m_capabilities->setWordWrap(true);
    form->addRow(m_capabilities);
    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("costEstimateLabel"));
    m_estimate->setWordWrap(true);
    form->addRow(m_estimate);

    connect(m_backend, qOverload<int>(&QComboBox::currentIndexChanged), this, &BackendPicker::onBackendChosen);
    connect(m_fallback, &QLineEdit::editingFinished, this, &BackendPicker::remember);
    setSettingsFile({});
}

void BackendPicker::setSettingsFile(const QString& file)
{
    m_settingsFile = file;
    const CloudSettings settings(m_settingsFile);
    m_loading = true;
    // With several ComfyUI servers, each one can be chosen by itself ("comfyui@host:port"), beside "comfyui":
    // the least busy of them.
    for (int i = m_backend->count() - 1; i >= 0; --i)
        if (m_backend->itemData(i).toString().startsWith(QLatin1String("comfyui@")))
            m_backend->removeItem(i);
    QList<QUrl> servers { settings.baseUrl(QStringLiteral("comfyui")) };
    for (const QUrl& url : settings.comfyServers())
        if (!servers.contains(url))
            servers << url;
    if (servers.size() > 1) {
        int at = m_backend->findData(QStringLiteral("comfyui")) + 1;
        for (const QUrl& url : std::as_const(servers)) {
            const QString lane = ComfyUIBackend::laneFor(url);
            m_backend->insertItem(at++, tr("ComfyUI at %1").arg(lane.mid(8)), lane);
        }
    }
    const int index = m_backend->findData(settings.backend());
    m_backend->setCurrentIndex(index >= 0 ? index : 0);
    m_fallback->setText(settings.fallback().join(QStringLiteral(", ")));
    onBackendChosen(); // nothing written back while loading
    m_loading = false;
}

QString BackendPicker::backend() const { return m_backend->currentData().toString(); }

void BackendPicker::setBackend(const QString& backendId)
{
    const int index = m_backend->findData(backendId);
    if (index >= 0)
        m_backend->setCurrentIndex(index);
}

QStringList BackendPicker::fallback() const { return parseChain(m_fallback->text()); }

void BackendPicker::setFallback(const QStringList& backendIds)
{
    m_fallback->setText(backendIds.join(QStringLiteral(", ")));
    remember();
}

BackendCapabilities BackendPicker::capabilitiesOf(const QString& backendId)
{
    if (backendId == QLatin1String("openai") || backendId == QLatin1String("stability")) {
        // These two answer from tables: nothing is asked over the network.
        const auto backend = BackendRegistry::create(backendId, CloudSettings().endpoint(backendId));
        return backend ? backend->capabilities() : BackendCapabilities {};
    }
    BackendCapabilities all; // the local engine, and a ComfyUI server (its own models are asked when it runs)
    all.negativePrompt = all.seed = all.steps = all.guidance = all.imageToImage = all.lora = true;
    all.maxImagesPerRequest = 8;
    return all;
}

void BackendPicker::onBackendChosen()
{
    const QString id = backend();
    const BackendCapabilities caps = capabilitiesOf(id);
    QStringList ignored;
    if (!caps.negativePrompt)
        ignored << tr("negative prompt");
    if (!caps.seed)
        ignored << tr("seed");
    if (!caps.steps)
        ignored << tr("steps");
    if (!caps.guidance)
        ignored << tr("guidance");
    if (!caps.lora)
        ignored << tr("LoRAs");
    if (!caps.imageToImage)
        ignored << tr("start image");
    QString text;
    if (id == kLocal)
        text.clear();
    else if (ignored.isEmpty())
        text = tr("Runs every setting of the recipe on the server's own models.");
    else
        text = tr("Ignores: %1.").arg(ignored.join(QStringLiteral(", ")));
    if (!caps.models.isEmpty())
        text += QLatin1Char(' ') + tr("Models: %1.").arg(caps.models.join(QStringLiteral(", ")));
    m_capabilities->setText(text.trimmed());
    m_capabilities->setVisible(!text.isEmpty());
    m_fallback->setEnabled(id != kLocal);
    if (!m_loading)
        remember();
    Q_EMIT backendChanged(id);
    Q_EMIT capabilitiesChanged(caps);
}

void BackendPicker::remember() const
{
    if (m_loading)
        return;
    CloudSettings settings(m_settingsFile);
    settings.setBackend(backend());
    settings.setFallback(fallback());
    settings.sync();
}

RemoteOptions BackendPicker::remoteOptions() const
{
    RemoteOptions remote;
    remote.backend = backend();
    remote.fallback = fallback();
    remote.settingsFile = m_settingsFile;
    remote.costFile = m_costFile;
    if (remote.backend.startsWith(QLatin1String("comfyui"))) // "comfyui", or one server as chosen
        remote.workflowFile = CloudSettings(m_settingsFile).workflowFile();
    if (remote.backend == QLatin1String("comfyui")) {
        const CloudSettings settings(m_settingsFile);
        // Several servers: the least busy one (one job per server runs at once; the others wait in its lane).
        QList<QUrl> servers { settings.baseUrl(remote.backend) };
        for (const QUrl& url : settings.comfyServers())
            if (!servers.contains(url))
                servers << url;
        if (servers.size() > 1 && m_laneLoad) {
            QUrl best = servers.first();
            int bestLoad = m_laneLoad(ComfyUIBackend::laneFor(best));
            for (const QUrl& url : servers.mid(1)) {
                const int load = m_laneLoad(ComfyUIBackend::laneFor(url));
                if (load < bestLoad) {
                    best = url;
                    bestLoad = load;
                }
            }
            remote.baseUrl = best;
        }
    }
    return remote;
}

void BackendPicker::updateEstimate(const ImageRecipe& recipe)
{
    const QString id = backend();
    if (id == kLocal) {
        m_estimate->clear();
        m_estimate->hide();
        return;
    }
    m_estimate->show();
    GenerationOptions options;
    options.outputDir = QStringLiteral(".");
    RemoteOptions remote = remoteOptions();
    remote.workflowFile.clear(); // the estimate needs no template
    const RemoteGenerationJob job(recipe, remote, options);
    const double perImage = job.estimatedCostPerImage();
    if (perImage <= 0) {
        m_estimate->setText(tr("No charge per image: your own server."));
        return;
    }
    m_estimate->setText(
        tr("Estimated cost: $%1 per image, $%2 for %n image(s) (price table of %3).", nullptr, job.expectedImages())
            .arg(perImage, 0, 'f', 3)
            .arg(job.estimatedCost(), 0, 'f', 3)
            .arg(QLatin1String(PriceTable::asOf)));
}

QString BackendPicker::estimateText() const { return m_estimate->isHidden() ? QString() : m_estimate->text(); }

std::unique_ptr<RemoteGenerationJob> BackendPicker::makeJob(
    const ImageRecipe& recipe, const GenerationOptions& options, QString* problem) const
{
    const RemoteOptions remote = remoteOptions();
    for (const QString& id : remote.fallback) {
        if (!BackendRegistry::isKnown(id)) {
            *problem = tr("Unknown fallback engine '%1': use comfyui, openai, stability or local.").arg(id);
            return nullptr;
        }
    }
    auto job = std::make_unique<RemoteGenerationJob>(recipe, remote, options);
    if (const QStringList problems = job->validate(); !problems.isEmpty()) {
        *problem = problems.first();
        return nullptr;
    }
    const auto cloud = BackendRegistry::create(remote.backend, CloudSettings(m_settingsFile).endpoint(remote.backend));
    if (cloud && cloud->isCloud()) {
        const double budget = CloudSettings(m_settingsFile).budgetUsd();
        const BackendError stop = CostLedger(m_costFile).checkBudget(budget, job->estimatedCost());
        if (stop.isError()) {
            *problem = tr("Not queued: %1. Raise the budget in Settings, Other engines.").arg(stop.message);
            return nullptr;
        }
    }
    return job;
}

CostTotalsLabel::CostTotalsLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("costTotalsLabel"));
    setToolTip(tr("Easel's estimates of what the cloud engines cost (its price table of %1); the bill is the "
                  "provider's.")
                   .arg(QLatin1String(PriceTable::asOf)));
    refresh();
}

void CostTotalsLabel::setCostFile(const QString& file)
{
    m_costFile = file;
    refresh();
}

void CostTotalsLabel::refresh()
{
    const CostLedger ledger(m_costFile);
    const CostLedger::Totals session = ledger.session();
    const CostLedger::Totals month = ledger.month();
    setText(tr("Cloud: $%1 this session, $%2 this month").arg(session.usd, 0, 'f', 3).arg(month.usd, 0, 'f', 3));
    setVisible(session.images > 0 || month.images > 0);
}

} // namespace easel
