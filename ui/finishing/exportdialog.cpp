// SPDX-License-Identifier: MIT
#include "finishing/exportdialog.h"

#include "finishing/attributepanel.h"
#include "finishing/finishingutil.h"
#include "finishing/valueslider.h"
#include "imaging/imageio.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>

namespace easel {

ExportDialog::ExportDialog(const QStringList& sources, QWidget* parent)
    : QDialog(parent)
    , m_sources(new QListWidget(this))
    , m_add(new QPushButton(tr("Add..."), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_format(new QComboBox(this))
    , m_quality(new ValueSlider(QStringLiteral("exportQuality"), 1.0, 100.0, 100.0, 0, 92.0, this))
    , m_lossless(new QCheckBox(tr("Lossless"), this))
    , m_folder(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse..."), this))
    , m_note(new QLabel(this))
    , m_licence(new QLabel(this))
    , m_licenceWatcher(new QFutureWatcher<QStringList>(this))
    , m_progress(new QProgressBar(this))
    , m_export(new QPushButton(tr("Export"), this))
    , m_status(new QLabel(this))
    , m_watcher(new QFutureWatcher<Outcome>(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export images"));
    m_sources->setObjectName(QStringLiteral("exportSources"));
    m_sources->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_add->setObjectName(QStringLiteral("exportAdd"));
    m_remove->setObjectName(QStringLiteral("exportRemove"));
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG (lossless, every metadata chunk kept)"), int(imaging::ExportFormat::Png));
    m_format->addItem(tr("JPEG"), int(imaging::ExportFormat::Jpeg));
    m_format->addItem(tr("WebP"), int(imaging::ExportFormat::Webp));
    m_lossless->setObjectName(QStringLiteral("exportLossless"));
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setPlaceholderText(tr("Beside each image"));
    m_folder->setClearButtonEnabled(true);
    m_browse->setObjectName(QStringLiteral("exportBrowse"));
    m_note->setObjectName(QStringLiteral("exportNote"));
    m_note->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setVisible(false);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* listButtons = new QVBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto* list = new QHBoxLayout;
    list->addWidget(m_sources, 1);
    list->addLayout(listButtons);

    auto* qualityRow = new QHBoxLayout;
    qualityRow->addWidget(m_quality, 1);
    qualityRow->addWidget(m_lossless);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Quality"), qualityRow);
    form->addRow(tr("Folder"), folderRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(list, 1);
    layout->addLayout(form);
    layout->addWidget(m_note);
    m_licence->setObjectName(QStringLiteral("exportLicence"));
    m_licence->setWordWrap(true);
    m_licence->setTextFormat(Qt::PlainText);
    layout->addWidget(m_licence);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Add images"), QDir::homePath(), imageFileFilter());
        setSources(this->sources() + files);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_sources->selectedItems());
        updateControls();
        lookUpLicences();
    });
    connect(m_sources, &QListWidget::itemSelectionChanged, this, &ExportDialog::updateControls);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::updateControls);
    connect(m_lossless, &QCheckBox::toggled, this, &ExportDialog::updateControls);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_licenceWatcher, &QFutureWatcher<QStringList>::finished, this, [this] {
        if (m_licenceSources != this->sources()) {
            lookUpLicences(); // the list changed meanwhile
            return;
        }
        m_licence->setText(m_licenceWatcher->result().join(QLatin1Char('\n')));
        Q_EMIT licencesShown();
    });
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_watcher->result();
        if (outcome.error.isEmpty())
            m_written << outcome.output;
        else
            m_errors << outcome.error;
        m_notes << outcome.notes;
        m_progress->setValue(m_total - int(m_todo.size()));
        exportNext();
    });
    setSources(sources);
    resize(560, 480);
}

ExportDialog::~ExportDialog()
{
    m_todo.clear();
    m_watcher->waitForFinished();
    m_licenceWatcher->waitForFinished();
}

QString ExportDialog::licenceText() const { return m_licence->text(); }

void ExportDialog::lookUpLicences()
{
    if (m_licenceWatcher->isRunning())
        return; // its end looks again
    m_licenceSources = sources();
    m_licence->setText(m_licenceSources.isEmpty() ? QString() : tr("Reading the models' licences..."));
    const QStringList files = m_licenceSources;
    m_licenceWatcher->setFuture(QtConcurrent::run([files] {
        QStringList lines;
        for (const QString& file : files) {
            QString line;
            try {
                const ModelLicenceInfo info = ModelLicenceInfo::lookUp(imaging::readImage(file));
                if (info.model.name.isEmpty())
                    line = tr("No model recorded. %1").arg(info.restrictions);
                else
                    line = tr("%1 - licence: %2. %3")
                               .arg(info.model.name,
                                   info.model.licence.isEmpty() ? tr("not recorded") : info.model.licence,
                                   info.restrictions);
            } catch (const std::exception& e) {
                line = QString::fromUtf8(e.what());
            }
            if (!lines.contains(line))
                lines << line;
        }
        return lines;
    }));
}

void ExportDialog::setSources(const QStringList& sources)
{
    m_sources->clear();
    QSet<QString> seen;
    for (const QString& source : sources) {
        if (source.isEmpty() || seen.contains(source))
            continue;
        seen.insert(source);
        auto* item = new QListWidgetItem(QFileInfo(source).fileName(), m_sources);
        item->setData(Qt::UserRole, source);
        item->setToolTip(QDir::toNativeSeparators(source));
    }
    updateControls();
    lookUpLicences();
}

QStringList ExportDialog::sources() const
{
    QStringList out;
    for (int i = 0; i < m_sources->count(); ++i)
        out << m_sources->item(i)->data(Qt::UserRole).toString();
    return out;
}

imaging::ExportOptions ExportDialog::options() const
{
    imaging::ExportOptions o;
    o.format = imaging::ExportFormat(m_format->currentData().toInt());
    o.quality = o.format == imaging::ExportFormat::Webp && m_lossless->isChecked() ? 101 : int(m_quality->value());
    return o;
}

void ExportDialog::setOptions(const imaging::ExportOptions& options)
{
    m_format->setCurrentIndex(m_format->findData(int(options.format)));
    m_lossless->setChecked(options.format == imaging::ExportFormat::Webp && options.quality > 100);
    m_quality->setValue(std::min(options.quality, 100));
    updateControls();
}

QString ExportDialog::folder() const { return m_folder->text().trimmed(); }

void ExportDialog::setFolder(const QString& folder) { m_folder->setText(folder); }

void ExportDialog::updateControls()
{
    const imaging::ExportFormat format = imaging::ExportFormat(m_format->currentData().toInt());
    m_lossless->setVisible(format == imaging::ExportFormat::Webp);
    m_quality->setEnabled(
        format == imaging::ExportFormat::Jpeg || (format == imaging::ExportFormat::Webp && !m_lossless->isChecked()));
    switch (format) {
    case imaging::ExportFormat::Png:
        m_note->setText(tr("A PNG is copied as it is: pixels and every metadata chunk (recipe, sources, operations, "
                           "provenance)."));
        break;
    case imaging::ExportFormat::Jpeg:
    case imaging::ExportFormat::Webp:
        m_note->setText(tr("The recipe, sources, operations and provenance go into XMP, and the generation "
                           "parameters into EXIF (UserComment), where A1111-style readers look for them."));
        break;
    }
    m_remove->setEnabled(!m_running && !m_sources->selectedItems().isEmpty());
    m_add->setEnabled(!m_running);
    m_export->setEnabled(!m_running && m_sources->count() > 0);
    m_format->setEnabled(!m_running);
}

void ExportDialog::startExport()
{
    if (m_running || m_sources->count() == 0)
        return;
    const QString target = folder();
    if (!target.isEmpty() && !QDir().mkpath(target)) {
        m_status->setText(tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(target)));
        return;
    }
    m_runningOptions = options();
    const QString extension = imaging::exportSuffix(m_runningOptions.format);
    QSet<QString> taken;
    m_todo.clear();
    for (const QString& source : sources()) {
        const QFileInfo info(source);
        const QString out
            = freeFilePath(target.isEmpty() ? info.absolutePath() : target, info.completeBaseName(), extension, taken);
        taken.insert(out);
        m_todo.append({ source, out });
    }
    m_written.clear();
    m_errors.clear();
    m_notes.clear();
    m_total = int(m_todo.size());
    m_running = true;
    m_progress->setRange(0, m_total);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Exporting..."));
    updateControls();
    exportNext();
}

void ExportDialog::exportNext()
{
    if (m_todo.isEmpty()) {
        m_running = false;
        m_progress->setVisible(false);
        QStringList lines;
        if (!m_written.isEmpty()) {
            const QString where = folder().isEmpty() ? tr("beside the sources") : QDir::toNativeSeparators(folder());
            lines << tr("Exported %n image(s) %1.", nullptr, int(m_written.size())).arg(where);
        }
        lines << m_errors << m_notes;
        m_status->setText(lines.join(QLatin1Char('\n')));
        updateControls();
        Q_EMIT exportFinished(m_written, m_errors);
        return;
    }
    const auto [source, output] = m_todo.takeFirst();
    const imaging::ExportOptions options = m_runningOptions;
    m_watcher->setFuture(QtConcurrent::run([source = source, output = output, options] {
        Outcome outcome;
        outcome.output = output;
        try {
            outcome.notes = imaging::exportFile(source, output, options);
        } catch (const std::exception& e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

} // namespace easel
