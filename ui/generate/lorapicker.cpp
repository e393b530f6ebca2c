// SPDX-License-Identifier: MIT
#include "generate/lorapicker.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSet>
#include <QSlider>
#include <QStandardItemModel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace easel {

namespace {

    constexpr double kMaxWeight = 2.0;
    constexpr double kWeightStep = 0.05;
    constexpr int kSliderSteps = int(kMaxWeight / kWeightStep + 0.5); // the slider counts in steps of 0.05

    struct ScanResult {
        bool isScan = false;
        QStringList files;
        QList<LoraDescription> descriptions;
    };

} // namespace

struct LoraPicker::Row {
    LoraRef lora;
    QWidget* widget = nullptr;
    QLabel* name = nullptr;
    QSlider* slider = nullptr;
    QDoubleSpinBox* weight = nullptr;
    QToolButton* remove = nullptr;
    QString unfit; ///< why it is left out of the recipe; empty when it fits
};

LoraPicker::LoraPicker(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("loraPicker"));
    m_list = new QComboBox(this);
    m_list->setObjectName(QStringLiteral("loraCombo"));
    m_list->setPlaceholderText(tr("Choose a LoRA to add"));
    m_list->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_list->setMinimumContentsLength(12);
    m_list->setToolTip(tr("LoRA files of the LoRA folders; those made for another kind of model are greyed"));
    m_add = new QToolButton(this);
    m_add->setObjectName(QStringLiteral("loraAddButton"));
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Put the chosen LoRA on the stack"));
    m_add->setEnabled(false);
    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("loraRefreshButton"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolTip(tr("Look for LoRA files again"));
    connect(m_add, &QToolButton::clicked, this, &LoraPicker::addChosen);
    connect(m_refresh, &QToolButton::clicked, this, [this] {
        m_known.clear(); // files may have been replaced: read every header again
        rescan();
    });
    connect(m_list, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        const auto* model = qobject_cast<QStandardItemModel*>(m_list->model());
        m_add->setEnabled(index >= 0 && model->item(index) && model->item(index)->isEnabled());
    });
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("loraEmptyLabel"));
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addWidget(m_add);
    top->addWidget(m_refresh);
    m_stack = new QVBoxLayout;
    m_stack->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_empty);
    layout->addLayout(m_stack);
}

LoraPicker::~LoraPicker() { qDeleteAll(m_rows); }

void LoraPicker::setFolders(const QStringList& folders)
{
    if (folders == m_folders && m_scan > 0)
        return;
    m_folders = folders;
    rescan();
}

void LoraPicker::rescan() { describe({}, true); }

void LoraPicker::describe(const QStringList& paths, bool isScan)
{
    QSet<QString> known;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
        known.insert(it.key());
    QStringList toRead;
    for (const QString& p : paths)
        if (!known.contains(p) && !toRead.contains(p))
            toRead << p;
    if (!isScan && toRead.isEmpty())
        return;
    const quint64 scan = isScan ? ++m_scan : m_scan;
    if (isScan)
        m_scanning = true;
    auto* watcher = new QFutureWatcher<ScanResult>(this);
    connect(watcher, &QFutureWatcher<ScanResult>::finished, this, [this, watcher, scan] {
        const ScanResult result = watcher->result();
        watcher->deleteLater();
        for (const LoraDescription& d : result.descriptions)
            m_known.insert(d.path, d);
        if (result.isScan) {
            if (scan != m_scan)
                return; // a newer scan is under way
            m_files = result.files;
            m_scanning = false;
        }
        refreshList();
        refreshRows();
        Q_EMIT scanFinished();
    });
    const QStringList folders = m_folders;
    watcher->setFuture(QtConcurrent::run([folders, toRead, known, isScan] {
        ScanResult r;
        r.isScan = isScan;
        QStringList read = toRead;
        if (isScan) {
            r.files = findLoras(folders);
            for (const QString& f : std::as_const(r.files))
                if (!known.contains(f) && !read.contains(f))
                    read << f;
        }
        for (const QString& p : std::as_const(read))
            r.descriptions << describeLora(p);
        return r;
    }));
}

void LoraPicker::setModelFamily(const QString& family)
{
    if (family == m_family)
        return;
    m_family = family;
    refreshList();
    refreshRows();
    Q_EMIT lorasChanged();
}

QString LoraPicker::familyLabel(const QString& family) const
{
    if (family == QLatin1String("sd1"))
        return QStringLiteral("SD 1.x");
    if (family == QLatin1String("sd2"))
        return QStringLiteral("SD 2.x");
    if (family == QLatin1String("sdxl"))
        return QStringLiteral("SDXL");
    return tr("unknown");
}

QString LoraPicker::unfitReason(const LoraDescription& d) const
{
    if (!d.usable())
        return d.error;
    if (!d.fitsFamily(m_family))
        return tr("Made for %1 models; the selected model is %2.").arg(familyLabel(d.family), familyLabel(m_family));
    return {};
}

LoraDescription LoraPicker::description(const QString& path) const
{
    const auto it = m_known.constFind(path);
    if (it != m_known.cend())
        return *it;
    LoraDescription d;
    d.path = path;
    d.name = QFileInfo(path).completeBaseName();
    return d;
}

QStringList LoraPicker::available() const { return m_files; }

void LoraPicker::refreshList()
{
    const QString current = m_list->currentData().toString();
    const QSignalBlocker block(m_list);
    m_list->clear();
    auto* model = qobject_cast<QStandardItemModel*>(m_list->model());
    for (const QString& path : std::as_const(m_files)) {
        const LoraDescription d = description(path);
        auto* item = new QStandardItem(
            d.family.isEmpty() ? d.name : QStringLiteral("%1 · %2").arg(d.name, familyLabel(d.family)));
        item->setData(path, Qt::UserRole);
        QStringList tip { QDir::toNativeSeparators(path) };
        const QString reason = unfitReason(d);
        if (!reason.isEmpty()) {
            item->setEnabled(false);
            tip << reason;
        }
        if (!d.triggerWords.isEmpty())
            tip << tr("Trigger words: %1").arg(d.triggerWords.join(QStringLiteral(", ")));
        item->setData(tip.join(QLatin1Char('\n')), Qt::ToolTipRole);
        model->appendRow(item);
    }
    m_list->setCurrentIndex(m_list->findData(current));
    const auto* item = model->item(m_list->currentIndex());
    m_add->setEnabled(item && item->isEnabled());
    const bool none = m_files.isEmpty() && !m_scanning;
    m_empty->setVisible(none);
    m_list->setEnabled(!m_files.isEmpty());
    if (none) {
        m_empty->setText(m_folders.isEmpty() ? tr("No LoRA folder is set.")
                                             : tr("No LoRA files in %1 yet: put kohya/A1111 LoRAs (.safetensors) "
                                                  "there, then press the reload button beside Add.")
                                                   .arg(QDir::toNativeSeparators(m_folders.constFirst())));
    }
}

void LoraPicker::addChosen()
{
    const QString path = m_list->currentData().toString();
    if (path.isEmpty())
        return;
    for (Row* row : std::as_const(m_rows)) {
        if (row->lora.path == path) { // already on the stack: its weight is what to change
            row->weight->setFocus();
            return;
        }
    }
    addRow({ path, 1.0 });
    Q_EMIT lorasChanged();
}

void LoraPicker::addRow(const LoraRef& lora)
{
    auto* row = new Row;
    row->lora = lora;
    row->widget = new QWidget(this);
    row->widget->setObjectName(QStringLiteral("loraRow"));
    row->widget->setProperty("loraPath", lora.path);
    row->name = new QLabel(row->widget);
    row->name->setObjectName(QStringLiteral("loraName"));
    row->name->setMinimumWidth(60);
    row->name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row->slider = new QSlider(Qt::Horizontal, row->widget);
    row->slider->setObjectName(QStringLiteral("loraWeightSlider"));
    row->slider->setRange(0, kSliderSteps);
    row->slider->setPageStep(4);
    row->weight = new QDoubleSpinBox(row->widget);
    row->weight->setObjectName(QStringLiteral("loraWeight"));
    row->weight->setDecimals(2);
    row->weight->setSingleStep(kWeightStep);
    // 0 to 2; a recipe read back may carry a weight outside (the CLI takes -10 to 10): it is kept as it is.
    row->weight->setRange(std::min(0.0, lora.weight), std::max(kMaxWeight, lora.weight));
    row->weight->setValue(lora.weight);
    row->weight->setToolTip(tr("Strength of this LoRA on the model and its text encoder (1: as trained)"));
    row->slider->setValue(int(std::lround(std::clamp(lora.weight, 0.0, kMaxWeight) / kWeightStep)));
    row->slider->setToolTip(row->weight->toolTip());
    row->remove = new QToolButton(row->widget);
    row->remove->setObjectName(QStringLiteral("loraRemoveButton"));
    row->remove->setAutoRaise(true);
    row->remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
    row->remove->setToolTip(tr("Take this LoRA off the stack"));
    auto* layout = new QHBoxLayout(row->widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row->name, 3);
    layout->addWidget(row->slider, 2);
    layout->addWidget(row->weight);
    layout->addWidget(row->remove);
    connect(row->slider, &QSlider::valueChanged, this, [this, row](int v) {
        if (std::lround(row->weight->value() / kWeightStep) != v)
            row->weight->setValue(v * kWeightStep);
    });
    connect(row->weight, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this, row](double w) {
        row->lora.weight = w;
        const QSignalBlocker block(row->slider);
        row->slider->setValue(int(std::lround(std::clamp(w, 0.0, kMaxWeight) / kWeightStep)));
        Q_EMIT lorasChanged();
    });
    QWidget* widget = row->widget;
    connect(row->remove, &QToolButton::clicked, this, [this, widget] {
        removeRow(widget);
        Q_EMIT lorasChanged();
    });
    m_rows.append(row);
    m_stack->addWidget(row->widget);
    refreshRows();
    if (!m_known.contains(lora.path))
        describe({ lora.path }, false);
}

void LoraPicker::removeRow(QWidget* rowWidget)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i]->widget == rowWidget) {
            Row* row = m_rows.takeAt(i);
            for (QObject* o : { static_cast<QObject*>(row->slider), static_cast<QObject*>(row->weight),
                     static_cast<QObject*>(row->remove) })
                o->disconnect(this); // the lambdas hold `row`, deleted now; the widget goes later
            row->widget->hide();
            row->widget->deleteLater();
            delete row;
            return;
        }
    }
}

void LoraPicker::refreshRows()
{
    for (Row* row : std::as_const(m_rows)) {
        const LoraDescription d = description(row->lora.path);
        QString reason = unfitReason(d);
        if (m_known.contains(row->lora.path) && !QFileInfo::exists(row->lora.path))
            reason = tr("%1 is not there any more.").arg(QDir::toNativeSeparators(row->lora.path));
        row->unfit = reason;
        const bool fits = reason.isEmpty();
        row->name->setText(d.family.isEmpty() ? d.name : QStringLiteral("%1 · %2").arg(d.name, familyLabel(d.family)));
        for (QWidget* w : { static_cast<QWidget*>(row->name), static_cast<QWidget*>(row->slider),
                 static_cast<QWidget*>(row->weight) })
            w->setEnabled(fits);
        QStringList tip { QDir::toNativeSeparators(row->lora.path) };
        if (!fits)
            tip << reason << tr("Left out of the image while it does not fit.");
        if (!d.triggerWords.isEmpty())
            tip << tr("Trigger words: %1").arg(d.triggerWords.join(QStringLiteral(", ")));
        row->name->setToolTip(tip.join(QLatin1Char('\n')));
        row->widget->setToolTip(row->name->toolTip());
    }
}

QList<LoraRef> LoraPicker::loras() const
{
    QList<LoraRef> out;
    for (const Row* row : m_rows)
        if (row->unfit.isEmpty())
            out << row->lora;
    return out;
}

QStringList LoraPicker::leftOut() const
{
    QStringList out;
    for (const Row* row : m_rows)
        if (!row->unfit.isEmpty())
            out << tr("LoRA %1 left out: %2").arg(description(row->lora.path).name, row->unfit);
    return out;
}

void LoraPicker::setLoras(const QList<LoraRef>& loras)
{
    QList<LoraRef> current;
    for (const Row* row : std::as_const(m_rows))
        current << row->lora;
    if (current == loras)
        return;
    while (!m_rows.isEmpty())
        removeRow(m_rows.constFirst()->widget);
    for (const LoraRef& lora : loras)
        addRow(lora);
    Q_EMIT lorasChanged();
}

} // namespace easel
