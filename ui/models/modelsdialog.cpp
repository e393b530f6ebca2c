// SPDX-License-Identifier: MIT
#include "models/modelsdialog.h"

#include "models/downloadspanel.h"

#include "common/error.h"
#include "jobs/resources.h"
#include "settings/settings.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace easel {

namespace {

    constexpr int PathRole = Qt::UserRole;
    constexpr int OriginRole = Qt::UserRole + 1;

    QString absolute(const QString& path) { return QFileInfo(path).absoluteFilePath(); }

    QString displayName(const QString& path)
    {
        const QFileInfo info(path);
        return info.isDir() ? QDir(info.absoluteFilePath()).dirName() : info.completeBaseName();
    }

    QString row(const QString& label, const QString& value)
    {
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(label, value);
    }

} // namespace

ModelsDialog::ModelsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("modelsDialog"));
    setWindowTitle(tr("Models"));
    resize(920, 600);

    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("modelsTabs"));
    layout->addWidget(m_tabs, 1);

    auto* modelsTab = new QWidget(m_tabs);
    modelsTab->setObjectName(QStringLiteral("modelsTab"));
    auto* modelsLayout = new QVBoxLayout(modelsTab);
    m_folderLabel = new QLabel(modelsTab);
    m_folderLabel->setObjectName(QStringLiteral("modelsFolderLabel"));
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    modelsLayout->addWidget(m_folderLabel);

    auto* columns = new QHBoxLayout;
    m_list = new QListWidget(modelsTab);
    m_list->setObjectName(QStringLiteral("modelsList"));
    m_list->setMinimumWidth(280);
    columns->addWidget(m_list, 2);
    m_details = new QTextBrowser(modelsTab);
    m_details->setObjectName(QStringLiteral("modelDetails"));
    m_details->setOpenExternalLinks(true);
    columns->addWidget(m_details, 3);
    modelsLayout->addLayout(columns, 1);

    auto* buttons = new QHBoxLayout;
    m_addFile = new QPushButton(tr("Add file..."), modelsTab);
    m_addFile->setObjectName(QStringLiteral("addModelFileButton"));
    m_addFolder = new QPushButton(tr("Add diffusers folder..."), modelsTab);
    m_addFolder->setObjectName(QStringLiteral("addModelFolderButton"));
    m_remove = new QPushButton(tr("Remove from list"), modelsTab);
    m_remove->setObjectName(QStringLiteral("removeModelButton"));
    m_remove->setToolTip(tr("Removes the model from Easel's list; its files stay where they are."));
    m_openFolder = new QPushButton(tr("Open models folder"), modelsTab);
    m_openFolder->setObjectName(QStringLiteral("openModelsFolderButton"));
    m_use = new QPushButton(tr("Use this model"), modelsTab);
    m_use->setObjectName(QStringLiteral("useModelButton"));
    m_use->setDefault(true);
    for (QPushButton* b : { m_addFile, m_addFolder, m_remove, m_openFolder })
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_use);
    modelsLayout->addLayout(buttons);
    m_tabs->addTab(modelsTab, tr("Models"));

    m_downloads = new DownloadsPanel(settings, m_tabs);
    m_tabs->addTab(m_downloads, tr("Downloads"));

    auto* box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    box->setObjectName(QStringLiteral("modelsButtons"));
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(box);

    connect(m_list, &QListWidget::currentItemChanged, this, &ModelsDialog::onSelectionChanged);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (m_use->isEnabled())
            useSelected();
    });
    connect(m_addFile, &QPushButton::clicked, this, &ModelsDialog::chooseFile);
    connect(m_addFolder, &QPushButton::clicked, this, &ModelsDialog::chooseFolder);
    connect(m_remove, &QPushButton::clicked, this, &ModelsDialog::removeSelected);
    connect(m_openFolder, &QPushButton::clicked, this, &ModelsDialog::openModelsFolder);
    connect(m_use, &QPushButton::clicked, this, &ModelsDialog::useSelected);
    connect(m_downloads, &DownloadsPanel::downloaded, this, [this](const QString& path, CatalogueEntry::Kind kind) {
        if (kind == CatalogueEntry::Kind::Model)
            onDownloaded(path);
    });

    refresh();
    selectModel(m_settings.currentModel());
}

ModelsDialog::~ModelsDialog() = default;

void ModelsDialog::addHeader(const QString& text)
{
    auto* item = new QListWidgetItem(text, m_list);
    item->setFlags(Qt::NoItemFlags);
    // Not selectable, but not greyed out either: a heading.
    item->setForeground(palette().brush(QPalette::Active, QPalette::WindowText));
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
}

void ModelsDialog::addEntry(const QString& path, const QString& label, Origin origin)
{
    auto* item = new QListWidgetItem(label, m_list);
    item->setData(PathRole, path);
    item->setData(OriginRole, int(origin));
    item->setToolTip(QDir::toNativeSeparators(path));
}

void ModelsDialog::refresh()
{
    const std::optional<QString> selected = selectedModel();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString modelsDir = m_settings.modelsDir();
    m_folderLabel->setText(tr("Models folder: %1").arg(QDir::toNativeSeparators(modelsDir)));

    addHeader(tr("Bundled"));
    addEntry(demoModelPath(), tr("Demo model (random weights: abstract noise)"), Origin::Demo);

    QStringList listed;
    const QStringList added = m_settings.models();
    if (!added.isEmpty())
        addHeader(tr("Your models"));
    for (const QString& path : added) {
        const QString label = QFileInfo::exists(path) ? displayName(path) : tr("%1 (missing)").arg(displayName(path));
        addEntry(path, label, Origin::Added);
        listed << absolute(path);
    }
    QStringList found;
    for (const QString& path : findModels(modelsDir)) {
        if (!listed.contains(absolute(path)))
            found << path;
    }
    if (!found.isEmpty())
        addHeader(tr("In the models folder"));
    for (const QString& path : found) {
        // One level down, the subfolder says which model it is ("sdxl/model.safetensors").
        const QString relative = QDir(modelsDir).relativeFilePath(path);
        const QFileInfo info(relative);
        const QString label = info.path() == QLatin1String(".") ? displayName(path)
                                                                : info.path() + QLatin1Char('/') + displayName(path);
        addEntry(path, label, Origin::Found);
    }
    blocker.unblock();
    if (!selected || !selectModel(*selected))
        onSelectionChanged();
}

QStringList ModelsDialog::listedModels() const
{
    QStringList paths;
    for (int i = 0; i < m_list->count(); ++i) {
        const QVariant path = m_list->item(i)->data(PathRole);
        if (path.isValid())
            paths << path.toString();
    }
    return paths;
}

std::optional<QString> ModelsDialog::selectedModel() const
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item || !item->data(PathRole).isValid())
        return std::nullopt;
    if (Origin(item->data(OriginRole).toInt()) == Origin::Demo)
        return QString();
    return item->data(PathRole).toString();
}

bool ModelsDialog::selectModel(const QString& path)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        if (!item->data(PathRole).isValid())
            continue;
        const bool demo = Origin(item->data(OriginRole).toInt()) == Origin::Demo;
        if (path.isEmpty() ? demo : (!demo && absolute(item->data(PathRole).toString()) == absolute(path))) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void ModelsDialog::addModel(const QString& path)
{
    const QString model = absolute(path);
    QStringList models = m_settings.models();
    models.removeAll(model);
    models.prepend(model);
    m_settings.setModels(models);
    refresh();
    selectModel(model);
}

void ModelsDialog::onSelectionChanged()
{
    const QListWidgetItem* item = m_list->currentItem();
    const bool entry = item && item->data(PathRole).isValid();
    m_remove->setEnabled(entry && Origin(item->data(OriginRole).toInt()) == Origin::Added);
    m_use->setEnabled(false);
    if (!entry) {
        m_details->clear();
        return;
    }
    const QString path = item->data(PathRole).toString();
    const auto cached = m_described.constFind(path);
    if (cached != m_described.constEnd()) {
        showDescription(path, *cached);
        return;
    }
    m_details->setPlainText(tr("Reading %1...").arg(QDir::toNativeSeparators(path)));
    describe(path);
}

void ModelsDialog::describe(const QString& path)
{
    const Device device = m_settings.device();
    const Precision precision = m_settings.precision();
    auto* watcher = new QFutureWatcher<Described>(this);
    connect(watcher, &QFutureWatcher<Described>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Described result = watcher->result();
        m_described.insert(path, result);
        const QListWidgetItem* item = m_list->currentItem();
        if (item && item->data(PathRole).toString() == path)
            showDescription(path, result);
    });
    // Opening a model maps its files and reads their headers: off the GUI thread, so a slow disk never
    // freezes the window.
    watcher->setFuture(QtConcurrent::run([path, device, precision]() -> Described {
        try {
            return { describeModel(path, device, precision), {} };
        } catch (const std::exception& e) {
            return { std::nullopt, QString::fromUtf8(e.what()) };
        }
    }));
}

void ModelsDialog::showDescription(const QString& path, const Described& result)
{
    const QListWidgetItem* item = m_list->currentItem();
    const bool demo = item && Origin(item->data(OriginRole).toInt()) == Origin::Demo;
    if (!result.description) {
        m_details->setHtml(QStringLiteral("<h3>%1</h3><p>%2</p>")
                               .arg(displayName(path).toHtmlEscaped(),
                                   tr("Easel cannot use this model: %1").arg(result.error.toHtmlEscaped())));
        m_use->setEnabled(false);
        return;
    }
    QString html = descriptionHtml(*result.description);
    if (demo) {
        html.prepend(QStringLiteral("<p><i>%1</i></p>")
                         .arg(tr("Easel's bundled demo model: the real Stable Diffusion 1.5 architecture with tiny "
                                 "random weights, for trying every part of Easel on any machine. Its pictures are "
                                 "abstract noise; for real pictures, add or download a model.")
                                  .toHtmlEscaped()));
    }
    m_details->setHtml(html);
    m_use->setEnabled(result.description->usable());
}

QString ModelsDialog::descriptionHtml(const ModelDescription& d) const
{
    const QLocale locale = this->locale();
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(d.name.toHtmlEscaped());
    html += row(tr("Location"), QDir::toNativeSeparators(d.path).toHtmlEscaped());
    html += row(tr("Layout"), d.layout.toHtmlEscaped());
    if (d.standaloneVae) {
        html += row(tr("Kind"), tr("a standalone VAE, not a whole model: Easel cannot generate with it alone"));
    } else {
        html += row(tr("Architecture"),
            (d.inpainting ? tr("%1, inpainting").arg(d.architecture) : d.architecture).toHtmlEscaped());
        html += row(tr("Prediction"),
            tr("%1 (%2)").arg(d.vPrediction ? tr("v-prediction") : tr("epsilon"), d.predictionSource).toHtmlEscaped());
    }
    html += row(tr("Weights"),
        tr("%1 parameters, stored as %2")
            .arg(locale.toString(d.parameters), d.dtypes.join(QStringLiteral(", ")))
            .toHtmlEscaped());
    html += row(tr("Size on disk"), locale.formattedDataSize(d.diskBytes, 1));
    const QString device = d.runDevice == Device::Cuda ? tr("the GPU (CUDA)") : tr("the CPU");
    html += row(tr("Memory to run"),
        tr("about %1 for the weights in %2 on %3, plus working memory that grows with the image size")
            .arg(locale.formattedDataSize(d.runBytes, 1), precisionName(d.runPrecision), device)
            .toHtmlEscaped());
    if (d.demo) {
        html += row(tr("Licence"), tr("MIT: random weights made for Easel, no use restrictions").toHtmlEscaped());
    } else {
        const QString name = d.licenceUrl.isEmpty()
            ? d.licenceName.toHtmlEscaped()
            : QStringLiteral("<a href=\"%1\">%2</a>").arg(d.licenceUrl.toHtmlEscaped(), d.licenceName.toHtmlEscaped());
        html += row(tr("Licence"), tr("%1 (%2)").arg(name, d.licenceSource.toHtmlEscaped()));
        html += row(tr("Use"), d.licenceRestrictions.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<p><b>%1</b></p><table>").arg(tr("Components"));
    for (const ModelComponentDescription& c : d.components) {
        QStringList dtypes;
        for (auto it = c.dtypes.begin(); it != c.dtypes.end(); ++it)
            dtypes << it.key();
        html += QStringLiteral("<tr><td style=\"padding-right:12px\">%1</td><td align=\"right\" "
                               "style=\"padding-right:12px\">%2</td><td align=\"right\" "
                               "style=\"padding-right:12px\">%3</td><td>%4</td></tr>")
                    .arg(c.name.toHtmlEscaped(), tr("%1 parameters").arg(locale.toString(c.parameters)),
                        locale.formattedDataSize(c.bytes, 1), dtypes.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    for (const QString& note : d.notes)
        html += QStringLiteral("<p>%1</p>").arg(tr("Note: %1").arg(note).toHtmlEscaped());
    return html;
}

QString ModelsDialog::choose(const QString& title, bool folder)
{
    if (m_chooser)
        return m_chooser(this, title, m_settings.modelsDir(), folder);
    if (folder)
        return QFileDialog::getExistingDirectory(this, title, m_settings.modelsDir());
    return QFileDialog::getOpenFileName(
        this, title, m_settings.modelsDir(), tr("Stable Diffusion checkpoints (*.safetensors)"));
}

void ModelsDialog::chooseFile()
{
    const QString file = choose(tr("Add a model file"), false);
    if (!file.isEmpty())
        addModel(file);
}

void ModelsDialog::chooseFolder()
{
    const QString folder = choose(tr("Add a diffusers folder"), true);
    if (folder.isEmpty())
        return;
    if (!QFileInfo::exists(folder + QStringLiteral("/model_index.json"))) {
        m_details->setPlainText(
            tr("%1 is not a diffusers folder: it has no model_index.json.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    addModel(folder);
}

void ModelsDialog::removeSelected()
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item || Origin(item->data(OriginRole).toInt()) != Origin::Added)
        return;
    const QString path = item->data(PathRole).toString();
    QStringList models = m_settings.models();
    models.removeAll(path);
    m_settings.setModels(models);
    refresh();
}

void ModelsDialog::openModelsFolder()
{
    const QString dir = m_settings.modelsDir();
    QDir().mkpath(dir);
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

void ModelsDialog::useSelected()
{
    const std::optional<QString> path = selectedModel();
    if (!path)
        return;
    Q_EMIT modelChosen(*path);
    accept();
}

void ModelsDialog::onDownloaded(const QString& path)
{
    // A new download may replace an older file of the same name.
    m_described.remove(path);
    addModel(path);
}

} // namespace easel
