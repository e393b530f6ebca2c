// SPDX-License-Identifier: MIT
#include "dialogs/settingsdialog.h"

#include "dialogs/backendsettingspage.h"

#include "jobs/modelservice.h"
#include "settings/paths.h"
#include "settings/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QTabWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace easel {

namespace {

    /// A line edit with a Browse... button after it.
    QWidget* pathRow(
        QWidget* parent, QLineEdit*& edit, const QString& editName, QPushButton*& button, const QString& buttonName)
    {
        auto* row = new QWidget(parent);
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        edit = new QLineEdit(row);
        edit->setObjectName(editName);
        edit->setMinimumWidth(360);
        button = new QPushButton(SettingsDialog::tr("Browse..."), row);
        button->setObjectName(buttonName);
        layout->addWidget(edit, 1);
        layout->addWidget(button);
        return row;
    }

    void selectData(QComboBox* combo, const QString& name)
    {
        const int index = combo->findData(name);
        combo->setCurrentIndex(index >= 0 ? index : 0);
    }

} // namespace

SettingsDialog::SettingsDialog(Settings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    // Two pages: this studio's own settings, and the other engines (a page of its own that grows with the engine
    // chosen); one page above the other made a dialog taller than a laptop's screen.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("settingsPages"));
    auto* general = new QWidget(m_pages);
    general->setObjectName(QStringLiteral("generalSettingsPage"));
    auto* generalLayout = new QVBoxLayout(general);
    layout->addWidget(m_pages);

    auto* folders = new QGroupBox(tr("Folders"), this);
    auto* foldersForm = new QFormLayout(folders);
    QPushButton* modelsBrowse = nullptr;
    QPushButton* outputBrowse = nullptr;
    foldersForm->addRow(tr("Models:"),
        pathRow(folders, m_modelsDir, QStringLiteral("modelsDirEdit"), modelsBrowse,
            QStringLiteral("modelsDirBrowseButton")));
    foldersForm->addRow(tr("Images:"),
        pathRow(folders, m_outputDir, QStringLiteral("outputDirEdit"), outputBrowse,
            QStringLiteral("outputDirBrowseButton")));
    m_modelsDir->setPlaceholderText(QDir::toNativeSeparators(paths::defaultModelsDir()));
    m_modelsDir->setToolTip(tr("Where Easel looks for models and saves the ones it downloads."));
    m_outputDir->setPlaceholderText(QDir::toNativeSeparators(paths::defaultOutputDir()));
    m_outputDir->setToolTip(tr("Where the images you make are saved."));
    generalLayout->addWidget(folders);

    auto* engine = new QGroupBox(tr("Engine"), this);
    auto* engineForm = new QFormLayout(engine);
    const Device autoDevice = ModelService::resolveDevice(Device::Auto);
    m_device = new QComboBox(engine);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItem(autoDevice == Device::Cuda ? tr("Automatic (the GPU here)") : tr("Automatic (the CPU here)"),
        deviceName(Device::Auto));
    m_device->addItem(tr("CPU"), deviceName(Device::Cpu));
    m_device->addItem(tr("GPU (CUDA)"), deviceName(Device::Cuda));
    engineForm->addRow(tr("Device:"), m_device);
    m_deviceNote = new QLabel(engine);
    m_deviceNote->setObjectName(QStringLiteral("deviceNote"));
    m_deviceNote->setWordWrap(true);
    engineForm->addRow(QString(), m_deviceNote);
    m_threads = new QSpinBox(engine);
    m_threads->setObjectName(QStringLiteral("threadsSpin"));
    m_threads->setRange(limits::Threads.min, limits::Threads.max);
    m_threads->setSpecialValueText(tr("One per core (%1)").arg(QThread::idealThreadCount()));
    m_threads->setToolTip(tr("CPU threads the engine computes with."));
    engineForm->addRow(tr("CPU threads:"), m_threads);
    m_precision = new QComboBox(engine);
    m_precision->setObjectName(QStringLiteral("precisionCombo"));
    const Precision autoPrecision = ModelService::resolvePrecision(Precision::Auto, autoDevice);
    m_precision->addItem(tr("Automatic (%1 here)").arg(precisionName(autoPrecision)), precisionName(Precision::Auto));
    m_precision->addItem(tr("fp32: exact, slowest"), precisionName(Precision::Fp32));
    m_precision->addItem(tr("fp16: for GPUs"), precisionName(Precision::Fp16));
    m_precision->addItem(tr("bf16: for GPUs and CPUs with native bf16"), precisionName(Precision::Bf16));
    engineForm->addRow(tr("Precision:"), m_precision);
    m_retryFlagged = new QCheckBox(tr("Retry a flagged image once with a new seed"), engine);
    m_retryFlagged->setObjectName(QStringLiteral("retryFlaggedCheck"));
    m_retryFlagged->setToolTip(tr("An image that comes out broken, nearly black, nearly white or uniform is made once "
                                  "more with the next unused seed (the run's last seed + 1, then + 2...). The flagged "
                                  "image is kept; the new one records which image it retries. A retry is never "
                                  "retried."));
    engineForm->addRow(QString(), m_retryFlagged);
    generalLayout->addWidget(engine);

    auto* previews = new QGroupBox(tr("Live previews"), this);
    auto* previewForm = new QFormLayout(previews);
    m_previewMode = new QComboBox(previews);
    m_previewMode->setObjectName(QStringLiteral("previewModeCombo"));
    m_previewMode->addItem(tr("None"), previewModeName(PreviewMode::None));
    m_previewMode->addItem(tr("Approximate: nearly free, small"), previewModeName(PreviewMode::Approx));
    m_previewMode->addItem(tr("TAESD: full size, needs its decoder"), previewModeName(PreviewMode::Taesd));
    previewForm->addRow(tr("Previews:"), m_previewMode);
    m_previewInterval = new QSpinBox(previews);
    m_previewInterval->setObjectName(QStringLiteral("previewIntervalSpin"));
    m_previewInterval->setRange(limits::PreviewInterval.min, limits::PreviewInterval.max);
    m_previewInterval->setSuffix(tr(" step(s)"));
    previewForm->addRow(tr("Every:"), m_previewInterval);
    QPushButton* taesdBrowse = nullptr;
    previewForm->addRow(tr("TAESD decoder:"),
        pathRow(
            previews, m_taesdPath, QStringLiteral("taesdPathEdit"), taesdBrowse, QStringLiteral("taesdBrowseButton")));
    m_taesdPath->setPlaceholderText(tr("the downloaded decoder for the model's family"));
    generalLayout->addWidget(previews);

    auto* appearance = new QGroupBox(tr("Appearance"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    m_theme = new QComboBox(appearance);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("System"), themeName(Theme::System));
    m_theme->addItem(tr("Light"), themeName(Theme::Light));
    m_theme->addItem(tr("Dark"), themeName(Theme::Dark));
    appearanceForm->addRow(tr("Theme:"), m_theme);
    generalLayout->addWidget(appearance);

    generalLayout->addStretch(1);
    m_pages->addTab(general, tr("General"));

    auto* others = new QWidget(m_pages);
    others->setObjectName(QStringLiteral("enginesSettingsPage"));
    auto* othersLayout = new QVBoxLayout(others);
    m_backends = new BackendSettingsPage(m_settings.fileName(), others);
    m_backends->setTitle(QString()); // the tab says it
    m_backends->setFlat(true);
    othersLayout->addWidget(m_backends);
    othersLayout->addStretch(1);
    m_pages->addTab(others, tr("Other engines"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(modelsBrowse, &QPushButton::clicked, this, [this] { browse(m_modelsDir, tr("Models folder"), true); });
    connect(outputBrowse, &QPushButton::clicked, this, [this] { browse(m_outputDir, tr("Images folder"), true); });
    connect(taesdBrowse, &QPushButton::clicked, this, [this] { browse(m_taesdPath, tr("TAESD decoder"), false); });
    connect(m_device, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_previewMode, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);

    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    m_modelsDir->setText(QDir::toNativeSeparators(m_settings.modelsDir()));
    m_outputDir->setText(QDir::toNativeSeparators(m_settings.outputDir()));
    selectData(m_device, deviceName(m_settings.device()));
    m_threads->setValue(m_settings.threads());
    selectData(m_precision, precisionName(m_settings.precision()));
    selectData(m_previewMode, previewModeName(m_settings.previewMode()));
    m_previewInterval->setValue(m_settings.previewInterval());
    m_taesdPath->setText(QDir::toNativeSeparators(m_settings.taesdPath()));
    m_retryFlagged->setChecked(m_settings.retryFlagged());
    selectData(m_theme, themeName(m_settings.theme()));
    updateEnabled();
}

void SettingsDialog::updateEnabled()
{
    const PreviewMode mode = previewModeFromName(m_previewMode->currentData().toString()).value_or(PreviewMode::Approx);
    m_previewInterval->setEnabled(mode != PreviewMode::None);
    m_taesdPath->setEnabled(mode == PreviewMode::Taesd);
    const Device device = deviceFromName(m_device->currentData().toString()).value_or(Device::Auto);
    const QString problem = ModelService::checkDevice(device);
    m_deviceNote->setText(problem);
    m_deviceNote->setVisible(!problem.isEmpty());
}

void SettingsDialog::browse(QLineEdit* edit, const QString& title, bool folder)
{
    const QString start = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
    QString path;
    if (m_chooser)
        path = m_chooser(this, title, start, folder);
    else if (folder)
        path = QFileDialog::getExistingDirectory(this, title, start);
    else
        path = QFileDialog::getOpenFileName(this, title, start, tr("TAESD decoders (*.safetensors)"));
    if (!path.isEmpty())
        edit->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::apply()
{
    // Only what changed is written, so Settings::changed() names only those keys.
    const QString models = QDir::fromNativeSeparators(m_modelsDir->text().trimmed());
    if ((models.isEmpty() ? paths::defaultModelsDir() : models) != m_settings.modelsDir())
        m_settings.setModelsDir(models);
    const QString output = QDir::fromNativeSeparators(m_outputDir->text().trimmed());
    if ((output.isEmpty() ? paths::defaultOutputDir() : output) != m_settings.outputDir())
        m_settings.setOutputDir(output);
    if (const auto device = deviceFromName(m_device->currentData().toString());
        device && *device != m_settings.device())
        m_settings.setDevice(*device);
    if (m_threads->value() != m_settings.threads())
        m_settings.setThreads(m_threads->value());
    if (const auto precision = precisionFromName(m_precision->currentData().toString());
        precision && *precision != m_settings.precision())
        m_settings.setPrecision(*precision);
    if (const auto mode = previewModeFromName(m_previewMode->currentData().toString());
        mode && *mode != m_settings.previewMode())
        m_settings.setPreviewMode(*mode);
    if (m_previewInterval->value() != m_settings.previewInterval())
        m_settings.setPreviewInterval(m_previewInterval->value());
    const QString taesd = QDir::fromNativeSeparators(m_taesdPath->text().trimmed());
    if (taesd != m_settings.taesdPath())
        m_settings.setTaesdPath(taesd);
    if (m_retryFlagged->isChecked() != m_settings.retryFlagged())
        m_settings.setRetryFlagged(m_retryFlagged->isChecked());
    if (const auto theme = themeFromName(m_theme->currentData().toString()); theme && *theme != m_settings.theme())
        m_settings.setTheme(*theme);
    m_backends->apply();
}

void SettingsDialog::accept()
{
    apply();
    if (!m_backends->error().isEmpty()) { // said on the page, in one line; the dialog stays open on it
        m_pages->setCurrentWidget(m_backends->parentWidget());
        return;
    }
    QDialog::accept();
}

} // namespace easel
