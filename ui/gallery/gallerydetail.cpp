// SPDX-License-Identifier: MIT
#include "gallery/gallerydetail.h"

#include "gallery/imagefile.h"
#include "gallery/imagemetadata.h"
#include "gallery/qualitybadge.h"
#include "imaging/imageio.h"
#include "imaging/quality.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
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
#include <QSet>
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

    constexpr int kMaxLineageSteps = 64;
    constexpr int kMaxLineageDepth = 16;

    QString sha256Of(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        return QString::fromLatin1(hash.result().toHex());
    }

    /// A recorded operation with its values: "sharpness (factor 1.2)", "merge (harmonize 0.5, size 1024, 512, ...)".
    QString operationText(const QJsonObject& op)
    {
        const QString name = op.value(QStringLiteral("op")).toString();
        if (name.isEmpty())
            return {};
        QStringList values;
        for (auto it = op.constBegin(); it != op.constEnd(); ++it) {
            if (it.key() == QLatin1String("op"))
                continue;
            const QJsonValue v = it.value();
            QString text;
            if (v.isDouble()) {
                text = number(v.toDouble());
            } else if (v.isBool()) {
                text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            } else if (v.isString()) {
                text = v.toString();
            } else if (v.isArray()) {
                const QJsonArray a = v.toArray();
                QStringList numbers;
                for (const QJsonValue& x : a) {
                    if (x.isDouble())
                        numbers << number(x.toDouble());
                }
                // Short lists of numbers (a size, a placement) in full; long ones (brush strokes) counted.
                text = numbers.size() == a.size() && a.size() <= 4
                    ? numbers.join(QStringLiteral(", "))
                    : GalleryDetail::tr("%n item(s)", nullptr, int(a.size()));
            } else {
                continue;
            }
            values << QStringLiteral("%1 %2").arg(it.key(), text);
        }
        return values.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, values.join(QStringLiteral(", ")));
    }

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
        if (r.stepCache > 1)
            add(recipe, tr("Step cache"), QString::number(r.stepCache));
        if (r.tokenMerge > 0)
            add(recipe, tr("Token merging"), number(r.tokenMerge));
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
    // An automatic retry names the flagged image it was made again for (same folder).
    add(lineage, tr("Retry of"), m.retryOf, m.retryOf);
    // The chain: this image's sources and operations (with their values), then each source's own, back to the
    // first images. Image tools record a source by file name and SHA-256; it is looked for beside the image that
    // names it, and followed further only when its bytes are the recorded ones.
    struct Step {
        QString path;
        TextChunks chunks;
        int depth = 0;
    };
    QList<Step> steps { Step { info.absoluteFilePath(), chunks, 0 } };
    QSet<QString> seen { info.absoluteFilePath() };
    for (qsizetype at = 0; at < steps.size() && at < kMaxLineageSteps; ++at) {
        const Step step = steps.at(at);
        const QJsonArray sources
            = QJsonDocument::fromJson(ImageFile::text(step.chunks, imaging::chunk::sources).toUtf8()).array();
        const QJsonArray operations
            = QJsonDocument::fromJson(ImageFile::text(step.chunks, imaging::chunk::operations).toUtf8()).array();
        QStringList ops;
        bool merge = false;
        for (const QJsonValue& v : operations) {
            const QString op = operationText(v.toObject());
            merge = merge || v.toObject().value(QStringLiteral("op")).toString() == QLatin1String("merge");
            if (!op.isEmpty())
                ops << op;
        }
        // Rows of an ancestor name it: "fox-enhanced.png: made from".
        const QString of = step.depth == 0 ? QString() : QFileInfo(step.path).fileName();
        for (qsizetype i = 0; i < sources.size(); ++i) {
            const QJsonObject s = sources.at(i).toObject();
            const QString name = s.value(QStringLiteral("file")).toString();
            const QString sha = s.value(QStringLiteral("sha256")).toString().toLower();
            // A merge records the character first, then the background.
            QString label = merge && sources.size() == 2 ? (i == 0 ? tr("Merged character") : tr("Merged background"))
                                                         : tr("Made from");
            if (!of.isEmpty())
                label = tr("%1: %2").arg(of, label.toLower());
            QString value = sha.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, sha.left(12));
            QString link = name;
            const QString found
                = name.isEmpty() ? QString() : QFileInfo(step.path).dir().absoluteFilePath(QFileInfo(name).fileName());
            if (!found.isEmpty() && QFileInfo(found).isFile()) {
                if (!sha.isEmpty() && sha256Of(found) != sha) {
                    value += QStringLiteral(" \u2014 ") + tr("the file of that name differs from the source");
                } else {
                    link = found;
                    if (!seen.contains(found) && step.depth + 1 < kMaxLineageDepth) {
                        seen.insert(found);
                        try {
                            steps << Step { found, ImageFile::readTextChunks(found), step.depth + 1 };
                        } catch (const std::exception&) {
                            // An ancestor whose metadata cannot be read ends the chain there.
                        }
                    }
                }
            }
            add(lineage, label, value, step.depth == 0 ? name : link);
        }
        add(lineage, of.isEmpty() ? tr("Operations") : tr("%1: %2").arg(of, tr("operations")),
            ops.join(QStringLiteral("; ")));
    }
    if (!lineage.rows.isEmpty())
        f.sections << lineage;

    Facts::Section quality { tr("Quality"), {} };
    // What Easel's check recorded when it made the image (the NaN check needs the latents: only then), then the
    // check of the pixels as they are now.
    add(quality, tr("When made"),
        !m.qualityFlags                 ? tr("unchecked")
            : m.qualityFlags->isEmpty() ? tr("none")
                                        : QualityBadge::flagsText(*m.qualityFlags));
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
