// SPDX-License-Identifier: MIT
#include "gallery/gallerydetail.h"

#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"
#include "imaging/imageio.h"
#include "imaging/quality.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace easel {

namespace {

    const QString kLinkScheme = QStringLiteral("easel-lineage");

    QString html(const QString& text)
    {
        return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    }

    QString number(double v) { return QLocale::c().toString(v, 'g', 6); }

} // namespace

/// What is read from the file, off the GUI thread: label/value rows in sections.
struct GalleryDetail::Facts {
    struct Row {
        QString label;
        QString value;
        QString link; ///< a lineage target, or empty
    };
    struct Section {
        QString title;
        QList<Row> rows;
    };
    QString path;
    QString prompt;
    QString seed;
    QList<Section> sections;
    QString problem;
};

GalleryDetail::GalleryDetail(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("galleryDetail"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("galleryDetailTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("galleryDetailText"));
    m_text->setOpenLinks(false);
    m_text->setOpenExternalLinks(false);
    m_copyPrompt = new QPushButton(tr("Copy Prompt"), this);
    m_copyPrompt->setObjectName(QStringLiteral("galleryDetailCopyPrompt"));
    m_copySeed = new QPushButton(tr("Copy Seed"), this);
    m_copySeed->setObjectName(QStringLiteral("galleryDetailCopySeed"));
    m_copyAll = new QPushButton(tr("Copy All"), this);
    m_copyAll->setObjectName(QStringLiteral("galleryDetailCopyAll"));
    m_copyAll->setToolTip(tr("Copy every fact shown here as text"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_copyPrompt);
    buttons->addWidget(m_copySeed);
    buttons->addWidget(m_copyAll);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    connect(m_copyPrompt, &QPushButton::clicked, this, &GalleryDetail::copyPrompt);
    connect(m_copySeed, &QPushButton::clicked, this, &GalleryDetail::copySeed);
    connect(m_copyAll, &QPushButton::clicked, this, &GalleryDetail::copyAll);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == kLinkScheme)
            Q_EMIT lineageRequested(url.path());
    });
    showImage({});
}

GalleryDetail::~GalleryDetail() = default;

void GalleryDetail::showImage(const QString& path)
{
    if (path == m_path && (m_loaded || !path.isEmpty()))
        return;
    const quint64 serial = ++m_serial;
    m_path = path;
    m_loaded = false;
    m_plain.clear();
    m_prompt.clear();
    m_seed.clear();
    m_copyPrompt->setEnabled(false);
    m_copySeed->setEnabled(false);
    m_copyAll->setEnabled(false);
    if (path.isEmpty()) {
        m_title->setText(tr("No image selected"));
        m_text->clear();
        m_loaded = true;
        return;
    }
    m_title->setText(QFileInfo(path).fileName());
    auto* watcher = new QFutureWatcher<Facts>(this);
    connect(watcher, &QFutureWatcher<Facts>::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        if (serial == m_serial)
            show(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&GalleryDetail::read, path));
}

GalleryDetail::Facts GalleryDetail::read(const QString& path)
{
    Facts f;
    f.path = path;
    const QFileInfo info(path);
    TextChunks chunks;
    ImageMetadata m;
    try {
        chunks = ImageFile::readTextChunks(path);
        m = ImageMetadata::fromChunks(chunks);
    } catch (const std::exception& e) {
        f.problem = QString::fromUtf8(e.what());
    }

    Facts::Section recipe { tr("Recipe"), {} };
    auto add = [](Facts::Section& s, const QString& label, const QString& value, const QString& link = {}) {
        if (!value.isEmpty())
            s.rows << Facts::Row { label, value, link };
    };
    if (m.recipe) {
        const ImageRecipe& r = *m.recipe;
        f.prompt = r.prompt;
        f.seed = QString::number(r.seed);
        add(recipe, tr("Prompt"), r.prompt);
        add(recipe, tr("Negative prompt"), r.negativePrompt);
        add(recipe, tr("Model"), m.modelName());
        add(recipe, tr("Model file"), r.model);
        add(recipe, tr("Model hash"), r.modelSha256.isEmpty() ? r.modelHashShort : r.modelSha256);
        add(recipe, tr("Seed"), f.seed);
        add(recipe, tr("Steps"), QString::number(r.steps));
        add(recipe, tr("Guidance"), number(r.guidance));
        add(recipe, tr("Sampler"), m.samplerText());
        if (r.schedule != SigmaSchedule::Auto)
            add(recipe, tr("Schedule"), scheduleName(r.schedule));
        if (r.width > 0 && r.height > 0)
            add(recipe, tr("Size"), QStringLiteral("%1\u00d7%2").arg(r.width).arg(r.height));
        if (r.clipSkip > 1)
            add(recipe, tr("Clip skip"), QString::number(r.clipSkip));
        QStringList loras = m.loras;
        for (const LoraRef& l : r.loras)
            loras << QStringLiteral("%1 (%2)").arg(QFileInfo(l.path).completeBaseName(), number(l.weight));
        loras.removeDuplicates();
        add(recipe, tr("LoRAs"), loras.join(QStringLiteral(", ")));
        if (r.isImageToImage() || r.strength)
            add(recipe, tr("Strength"), number(r.effectiveStrength()));
        if (r.batchSize > 1)
            add(recipe, tr("Batch position"), QString::number(r.batchIndex + 1));
        add(recipe, tr("Precision"), r.precision == Precision::Auto ? QString() : precisionName(r.precision));
        if (r.elapsedSeconds > 0)
            add(recipe, tr("Time"), tr("%1 s").arg(number(r.elapsedSeconds)));
        add(recipe, tr("Made by"), r.easelVersion.isEmpty() ? QString() : QStringLiteral("Easel ") + r.easelVersion);
        for (auto it = r.extras.cbegin(); it != r.extras.cend(); ++it)
            add(recipe, it.key(), it.value());
    } else if (f.problem.isEmpty()) {
        recipe.rows << Facts::Row { tr("Recipe"), tr("none that Easel can read"), {} };
    }
    f.sections << recipe;

    Facts::Section lineage { tr("Lineage"), {} };
    if (m.recipe && m.recipe->isImageToImage()) {
        add(lineage, tr("Source image"), QDir::toNativeSeparators(m.recipe->initImage), m.recipe->initImage);
        if (!m.recipe->maskImage.isEmpty())
            add(lineage, tr("Mask"), QDir::toNativeSeparators(m.recipe->maskImage), m.recipe->maskImage);
    }
    const QJsonArray sources
        = QJsonDocument::fromJson(ImageFile::text(chunks, imaging::chunk::sources).toUtf8()).array();
    const QJsonArray operations
        = QJsonDocument::fromJson(ImageFile::text(chunks, imaging::chunk::operations).toUtf8()).array();
    QStringList ops;
    for (const QJsonValue& v : operations)
        ops << v.toObject().value(QStringLiteral("op")).toString();
    ops.removeAll(QString());
    const bool merge = ops.contains(QStringLiteral("merge"));
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QJsonObject s = sources.at(i).toObject();
        const QString name = s.value(QStringLiteral("file")).toString();
        const QString sha = s.value(QStringLiteral("sha256")).toString();
        // A merge records the character first, then the background.
        const QString label = merge && sources.size() == 2 ? (i == 0 ? tr("Merged character") : tr("Merged background"))
                                                           : tr("Made from");
        add(lineage, label, sha.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, sha.left(12)), name);
    }
    add(lineage, tr("Operations"), ops.join(QStringLiteral(", ")));
    if (!lineage.rows.isEmpty())
        f.sections << lineage;

    Facts::Section quality { tr("Quality"), {} };
    Facts::Section file { tr("File"), {} };
    add(file, tr("Path"), QDir::toNativeSeparators(info.absoluteFilePath()));
    add(file, tr("File size"), QLocale().formattedDataSize(info.size()));
    add(file, tr("Modified"), info.lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    add(file, tr("Written by"), ImageMetadata::sourceName(m.source));
    try {
        const imaging::ImageData image = imaging::readImage(path);
        add(file, tr("Pixels"), QStringLiteral("%1\u00d7%2").arg(image.pixels.cols).arg(image.pixels.rows));
        add(file, tr("SHA-256"), image.sha256);
        const imaging::QualityReport report = imaging::checkQuality(image.pixels);
        QStringList flags;
        if (report.nearlyBlack)
            flags << tr("nearly black");
        if (report.nearlyWhite)
            flags << tr("nearly white");
        if (report.uniform)
            flags << tr("uniform");
        add(quality, tr("Flags"), flags.isEmpty() ? tr("none") : flags.join(QStringLiteral(", ")));
        add(quality, tr("Mean level"), number(std::round(report.mean * 10) / 10));
        add(quality, tr("Deviation"), number(std::round(report.stddev * 10) / 10));
    } catch (const std::exception& e) {
        add(quality, tr("Flags"), QString::fromUtf8(e.what()));
    }
    f.sections << quality;
    if (m.rating > 0)
        add(file, tr("Rating"), QString(m.rating, QChar(0x2605)));
    if (m.pick)
        add(file, tr("Flag"), tr("picked"));
    if (m.reject)
        add(file, tr("Flag"), tr("rejected"));
    add(file, tr("Tags"), m.tags.join(QStringLiteral(", ")));
    add(file, tr("Boards"), m.boards.join(QStringLiteral(", ")));
    f.sections << file;
    return f;
}

void GalleryDetail::show(const Facts& f)
{
    QString body;
    QStringList plain;
    if (!f.problem.isEmpty()) {
        body += QStringLiteral("<p style='color:#d64545'>%1</p>").arg(html(f.problem));
        plain << f.problem;
    }
    for (const Facts::Section& s : f.sections) {
        if (s.rows.isEmpty())
            continue;
        body += QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4><table cellspacing='0' cellpadding='2'>")
                    .arg(html(s.title));
        plain << QStringLiteral("[%1]").arg(s.title);
        for (const Facts::Row& r : s.rows) {
            QString value = html(r.value);
            if (!r.link.isEmpty()) {
                QUrl url;
                url.setScheme(kLinkScheme);
                url.setPath(r.link);
                value = QStringLiteral("<a href='%1'>%2</a>")
                            .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), value);
            }
            body += QStringLiteral("<tr><td valign='top' style='color:gray; padding-right:8px'>%1</td><td>%2</td></tr>")
                        .arg(html(r.label), value);
            plain << QStringLiteral("%1: %2").arg(r.label, r.value);
        }
        body += QStringLiteral("</table>");
    }
    m_text->setHtml(body);
    m_plain = plain.join(QLatin1Char('\n'));
    m_prompt = f.prompt;
    m_seed = f.seed;
    m_copyPrompt->setEnabled(!m_prompt.isEmpty());
    m_copySeed->setEnabled(!m_seed.isEmpty());
    m_copyAll->setEnabled(!m_plain.isEmpty());
    m_loaded = true;
    Q_EMIT loaded(f.path);
}

void GalleryDetail::copyPrompt()
{
    if (!m_prompt.isEmpty())
        QGuiApplication::clipboard()->setText(m_prompt);
}

void GalleryDetail::copySeed()
{
    if (!m_seed.isEmpty())
        QGuiApplication::clipboard()->setText(m_seed);
}

void GalleryDetail::copyAll()
{
    if (!m_plain.isEmpty())
        QGuiApplication::clipboard()->setText(m_plain);
}

} // namespace easel
