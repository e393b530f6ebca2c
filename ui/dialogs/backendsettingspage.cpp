// SPDX-License-Identifier: MIT
#include "dialogs/backendsettingspage.h"

#include "backends/apikeys.h"
#include "backends/cloudsettings.h"
#include "backends/comfyworkflow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace easel {

namespace {

    const QString kComfy = QStringLiteral("comfyui");
    const QString kOpenAi = QStringLiteral("openai");
    const QString kStability = QStringLiteral("stability");

    bool isHttpUrl(const QUrl& url)
    {
        return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
    }

    /// `base` with `path` appended to its own path ("https://api.openai.com/v1" + "/models").
    QUrl join(QUrl base, const QString& path)
    {
        QString p = base.path();
        while (p.endsWith(QLatin1Char('/')))
            p.chop(1);
        base.setPath(p + path);
        return base;
    }

} // namespace

BackendSettingsPage::BackendSettingsPage(const QString& settingsFile, QWidget* parent)
    : QGroupBox(tr("Other engines"), parent)
    , m_settingsFile(settingsFile)
    , m_store([](const QString& id, const QString& key, QString* error) { return ApiKeys::store(id, key, error); })
    , m_network(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("backendSettingsPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    m_which = new QComboBox(this);
    m_which->setObjectName(QStringLiteral("backendSettingsCombo"));
    m_which->addItem(tr("ComfyUI servers"), kComfy);
    m_which->addItem(tr("OpenAI Images"), kOpenAi);
    m_which->addItem(tr("Stability AI"), kStability);
    top->addRow(tr("Engine:"), m_which);
    layout->addLayout(top);
    m_stack = new QStackedWidget(this);
    for (const QString& id : { kComfy, kOpenAi, kStability })
        m_stack->addWidget(buildForm(id));
    layout->addWidget(m_stack);
    auto* bottom = new QFormLayout;
    m_budget = new QDoubleSpinBox(this);
    m_budget->setObjectName(QStringLiteral("budgetSpin"));
    m_budget->setRange(0.0, 100000.0);
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setSpecialValueText(tr("No limit"));
    m_budget->setToolTip(tr("A cloud job that would pass this month's budget is not sent (Easel's estimates)."));
    bottom->addRow(tr("Monthly cloud budget:"), m_budget);
    layout->addLayout(bottom);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("backendSettingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);
    connect(m_which, qOverload<int>(&QComboBox::currentIndexChanged), m_stack, &QStackedWidget::setCurrentIndex);
    load();
}

BackendSettingsPage::~BackendSettingsPage() = default;

QWidget* BackendSettingsPage::buildForm(const QString& id)
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    Fields& f = m_fields[id];
    const auto named = [&id](QWidget* w, const char* suffix) {
        w->setObjectName(id + QLatin1String(suffix));
        return w;
    };
    if (id == kComfy) {
        f.servers = new QPlainTextEdit(page);
        named(f.servers, "ServersEdit");
        f.servers->setPlaceholderText(CloudSettings::defaultBaseUrl(id).toString());
        f.servers->setToolTip(tr("One server per line, e.g. http://gpu-box:8188; the queue runs one job per "
                                 "server at once, on the least busy one."));
        f.servers->setMaximumHeight(f.servers->fontMetrics().lineSpacing() * 3 + 14);
        form->addRow(tr("Servers:"), f.servers);
    } else {
        f.url = new QLineEdit(page);
        named(f.url, "UrlEdit");
        f.url->setPlaceholderText(CloudSettings::defaultBaseUrl(id).toString());
        f.url->setToolTip(tr("Leave empty for the service itself; a proxy or a compatible server otherwise."));
        form->addRow(tr("URL:"), f.url);
    }
    auto* keyRow = new QWidget(page);
    auto* keyLayout = new QHBoxLayout(keyRow);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    f.key = new QLineEdit(keyRow);
    named(f.key, "KeyEdit");
    f.key->setEchoMode(QLineEdit::Password);
    f.key->setToolTip(tr("Kept in the system keychain, never in the settings file."));
    f.forgetKey = new QToolButton(keyRow);
    named(f.forgetKey, "ForgetKeyButton");
    f.forgetKey->setText(tr("Remove"));
    f.forgetKey->setToolTip(tr("Remove the stored key from the system keychain"));
    keyLayout->addWidget(f.key, 1);
    keyLayout->addWidget(f.forgetKey);
    form->addRow(id == kComfy ? tr("Token:") : tr("API key:"), keyRow);
    f.keySource = new QLabel(page);
    named(f.keySource, "KeySource");
    f.keySource->setWordWrap(true);
    form->addRow(QString(), f.keySource);
    f.model = new QLineEdit(page);
    named(f.model, "ModelEdit");
    f.model->setPlaceholderText(
        id == kComfy ? tr("the recipe's model, matched by file name") : CloudSettings::builtInModel(id));
    form->addRow(tr("Default model:"), f.model);
    if (id == kComfy) {
        auto* row = new QWidget(page);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        f.workflow = new QLineEdit(row);
        named(f.workflow, "WorkflowEdit");
        f.workflow->setPlaceholderText(tr("Easel's own graph"));
        f.workflow->setToolTip(tr("A workflow saved with ComfyUI's \"Save (API Format)\" whose {{prompt}}, "
                                  "{{seed}}, {{model}}... slots Easel fills in."));
        auto* browse = new QPushButton(tr("Browse..."), row);
        browse->setObjectName(QStringLiteral("comfyuiWorkflowBrowseButton"));
        connect(browse, &QPushButton::clicked, this, [this, edit = f.workflow] {
            const QString file = QFileDialog::getOpenFileName(
                this, tr("ComfyUI workflow template"), edit->text(), tr("ComfyUI API workflows (*.json)"));
            if (!file.isEmpty())
                edit->setText(file);
        });
        rowLayout->addWidget(f.workflow, 1);
        rowLayout->addWidget(browse);
        form->addRow(tr("Workflow:"), row);
    }
    auto* testRow = new QWidget(page);
    auto* testLayout = new QHBoxLayout(testRow);
    testLayout->setContentsMargins(0, 0, 0, 0);
    f.test = new QPushButton(tr("Test connection"), testRow);
    named(f.test, "TestButton");
    f.testResult = new QLabel(testRow);
    named(f.testResult, "TestResult");
    f.testResult->setWordWrap(true);
    testLayout->addWidget(f.test);
    testLayout->addWidget(f.testResult, 1);
    form->addRow(QString(), testRow);
    connect(f.test, &QPushButton::clicked, this, [this, id] { testConnection(id); });
    connect(f.forgetKey, &QToolButton::clicked, this, [this, id] {
        Fields& fields = m_fields[id];
        fields.forget = true;
        fields.key->clear();
        fields.keySource->setText(tr("The stored key is removed when you press OK."));
    });
    return page;
}

void BackendSettingsPage::load()
{
    const CloudSettings settings(m_settingsFile);
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QString& id = it.key();
        Fields& f = it.value();
        if (f.servers) {
            QStringList lines { settings.baseUrl(id).toString() };
            for (const QUrl& url : settings.comfyServers())
                lines << url.toString();
            f.servers->setPlainText(lines.join(QLatin1Char('\n')));
        } else {
            const QUrl url = settings.baseUrl(id);
            f.url->setText(url == CloudSettings::defaultBaseUrl(id) ? QString() : url.toString());
        }
        const QString model = settings.defaultModel(id);
        f.model->setText(model == CloudSettings::builtInModel(id) ? QString() : model);
        if (f.workflow)
            f.workflow->setText(settings.workflowFile());
        const ApiKeys::Lookup found = ApiKeys::find(id, 2000);
        f.storedKey = found.key;
        showKeySource(id, int(found.source));
    }
    m_budget->setValue(settings.budgetUsd());
}

void BackendSettingsPage::showKeySource(const QString& id, int source)
{
    Fields& f = m_fields[id];
    const QString variable = ApiKeys::environmentVariable(id);
    switch (ApiKeys::Source(source)) {
    case ApiKeys::Source::Keychain:
        f.keySource->setText(tr("A key is stored in the system keychain; type a new one to replace it."));
        break;
    case ApiKeys::Source::Environment:
        f.keySource->setText(tr("From the environment (%1); type a key to keep one in the keychain.").arg(variable));
        break;
    case ApiKeys::Source::None:
        f.keySource->setText(id == kComfy ? tr("No token: fine for a server on your own network.")
                                          : tr("No key yet: paste one, or set %1.").arg(variable));
        break;
    }
    f.key->setPlaceholderText(
        ApiKeys::Source(source) == ApiKeys::Source::None ? QString() : QStringLiteral("••••••••"));
    f.forgetKey->setEnabled(ApiKeys::Source(source) == ApiKeys::Source::Keychain);
}

QList<QUrl> BackendSettingsPage::typedUrls(const QString& id, QString* error) const
{
    const Fields& f = m_fields[id];
    const QStringList texts = f.servers ? f.servers->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                        : QStringList { f.url->text() };
    QList<QUrl> urls;
    for (const QString& text : texts) {
        if (text.trimmed().isEmpty())
            continue;
        const QUrl url(text.trimmed(), QUrl::StrictMode);
        if (!isHttpUrl(url)) {
            *error
                = tr("%1: '%2' is not an http(s) URL.").arg(m_which->itemText(m_which->findData(id)), text.trimmed());
            return {};
        }
        if (!urls.contains(url))
            urls << url;
    }
    return urls;
}

bool BackendSettingsPage::apply()
{
    QString problem;
    QHash<QString, QList<QUrl>> urls;
    for (auto it = m_fields.cbegin(); it != m_fields.cend() && problem.isEmpty(); ++it)
        urls.insert(it.key(), typedUrls(it.key(), &problem));
    const QString workflow = m_fields[kComfy].workflow->text().trimmed();
    if (problem.isEmpty() && !workflow.isEmpty())
        comfy::WorkflowTemplate::load(workflow, &problem); // one line naming the file
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return false;
    }

    CloudSettings settings(m_settingsFile);
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QString& id = it.key();
        Fields& f = it.value();
        const QList<QUrl>& typed = urls.value(id);
        const QUrl first = typed.isEmpty() ? QUrl() : typed.first();
        if ((first.isEmpty() ? CloudSettings::defaultBaseUrl(id) : first) != settings.baseUrl(id))
            settings.setBaseUrl(id, first == CloudSettings::defaultBaseUrl(id) ? QUrl() : first);
        if (f.servers)
            settings.setComfyServers(typed.mid(1));
        const QString model = f.model->text().trimmed();
        if ((model.isEmpty() ? CloudSettings::builtInModel(id) : model) != settings.defaultModel(id))
            settings.setDefaultModel(id, model);
        const QString key = f.key->text().trimmed();
        if (!key.isEmpty() || f.forget) {
            QString storeError;
            if (!m_store(id, key, &storeError)) { // the key goes to the keychain only, never to `settings`
                problem = redactSecrets(storeError);
                continue;
            }
            ApiKeys::remember(key);
            f.storedKey = key;
            f.forget = false;
            f.key->clear();
            showKeySource(id, int(key.isEmpty() ? ApiKeys::Source::None : ApiKeys::Source::Keychain));
        }
    }
    settings.setWorkflowFile(workflow);
    if (m_budget->value() != settings.budgetUsd())
        settings.setBudgetUsd(m_budget->value());
    settings.sync();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    return problem.isEmpty();
}

QString BackendSettingsPage::error() const { return m_error->isHidden() ? QString() : m_error->text(); }

void BackendSettingsPage::testConnection(const QString& id)
{
    Fields& f = m_fields[id];
    QString problem;
    const QList<QUrl> urls = typedUrls(id, &problem);
    if (!problem.isEmpty()) {
        f.testResult->setText(problem);
        return;
    }
    const QUrl base = urls.isEmpty() ? CloudSettings(m_settingsFile).baseUrl(id) : urls.first();
    const QString key = f.key->text().trimmed().isEmpty() ? f.storedKey : f.key->text().trimmed();
    if (id != kComfy && key.isEmpty()) {
        f.testResult->setText(tr("Not checked: there is no key to check yet."));
        return;
    }
    // Each call is free: ComfyUI's node list, OpenAI's model list, Stability AI's account.
    const QUrl url = join(base,
        id == kComfy ? QStringLiteral("/object_info")
                     : (id == kOpenAi ? QStringLiteral("/models") : QStringLiteral("/v1/user/account")));
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    ApiKeys::remember(key);
    f.test->setEnabled(false);
    f.testResult->setText(tr("Asking %1...").arg(base.host()));
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, base] {
        reply->deleteLater();
        Fields& fields = m_fields[id];
        fields.test->setEnabled(true);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString text;
        if (status == 401 || status == 403) {
            text = tr("Refused: %1 does not accept this key (HTTP %2).").arg(base.host()).arg(status);
        } else if (status >= 200 && status < 300) {
            if (id == kComfy) {
                const int nodes = int(QJsonDocument::fromJson(reply->readAll()).object().size());
                text = tr("Connected: ComfyUI at %1 offers %n node type(s).", nullptr, nodes).arg(base.authority());
            } else {
                text = tr("Connected: %1 accepted the key.").arg(base.host());
            }
        } else if (status > 0) {
            text = tr("%1 answered HTTP %2.").arg(base.authority()).arg(status);
        } else {
            text = tr("No connection to %1: %2").arg(base.authority(), reply->errorString());
        }
        fields.testResult->setText(redactSecrets(text));
    });
}

} // namespace easel
