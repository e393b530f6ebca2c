// SPDX-License-Identifier: MIT
#include "gallery/gallerycompare.h"

#include "gallery/imagemetadata.h"
#include "gallery/recipediff.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace easel {

namespace {

    constexpr double kMinZoom = 0.25;
    constexpr double kMaxZoom = 32.0;
    constexpr int kGap = 4;
    constexpr int kFlickerMs = 450;

    /// Black through blue, red and yellow to white: small differences stay dark, large ones glow.
    QRgb heat(int v)
    {
        const double t = std::clamp(v / 255.0, 0.0, 1.0);
        const double r = std::clamp(t * 3.0 - 0.6, 0.0, 1.0);
        const double g = std::clamp(t * 3.0 - 1.6, 0.0, 1.0);
        const double b = t < 0.35 ? std::clamp(t * 4.0, 0.0, 1.0) : std::clamp(1.0 - (t - 0.35) * 4.0, 0.0, 1.0) + g;
        return qRgb(int(r * 255), int(g * 255), int(std::min(1.0, b) * 255));
    }

    struct Difference {
        QImage heatMap;
        qint64 differing = 0;
        int largest = 0;
    };

    /// |a - b| per pixel (largest channel), b scaled to a's size when the sizes differ; the map is amplified 2x so
    /// small differences show (128 levels and more are at the top of the scale).
    Difference difference(const QImage& first, const QImage& second)
    {
        Difference d;
        if (first.isNull() || second.isNull())
            return d;
        const QImage a = first.convertToFormat(QImage::Format_RGB32);
        QImage b = second.convertToFormat(QImage::Format_RGB32);
        if (b.size() != a.size())
            b = b.scaled(a.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        d.heatMap = QImage(a.size(), QImage::Format_RGB32);
        for (int y = 0; y < a.height(); ++y) {
            const auto* la = reinterpret_cast<const QRgb*>(a.constScanLine(y));
            const auto* lb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
            auto* out = reinterpret_cast<QRgb*>(d.heatMap.scanLine(y));
            for (int x = 0; x < a.width(); ++x) {
                const int v = std::max({ std::abs(qRed(la[x]) - qRed(lb[x])), std::abs(qGreen(la[x]) - qGreen(lb[x])),
                    std::abs(qBlue(la[x]) - qBlue(lb[x])) });
                if (v > 0)
                    ++d.differing;
                d.largest = std::max(d.largest, v);
                out[x] = heat(std::min(255, v * 2));
            }
        }
        return d;
    }

    QString escaped(const QString& text)
    {
        return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    }

    /// A word diff as HTML: removed words struck out in red, added ones underlined in green.
    QString wordDiffHtml(const QString& a, const QString& b)
    {
        QString out;
        for (const WordDiff& w : RecipeDiff::words(a, b)) {
            switch (w.kind) {
            case WordDiff::Kind::Same:
                out += escaped(w.text);
                break;
            case WordDiff::Kind::Removed:
                out += QStringLiteral("<span style='color:#e06060; text-decoration:line-through'>%1</span>")
                           .arg(escaped(w.text));
                break;
            case WordDiff::Kind::Added:
                out += QStringLiteral("<span style='color:#50c070; text-decoration:underline'>%1</span>")
                           .arg(escaped(w.text));
                break;
            }
        }
        return out;
    }

    QString wordDiffPlain(const QString& a, const QString& b)
    {
        QString out;
        for (const WordDiff& w : RecipeDiff::words(a, b)) {
            if (w.kind == WordDiff::Kind::Same)
                out += w.text;
            else
                out += (w.kind == WordDiff::Kind::Removed ? QStringLiteral("[-%1-]") : QStringLiteral("{+%1+}"))
                           .arg(w.text);
        }
        return out;
    }

} // namespace

// --- CompareCanvas ---------------------------------------------------------------------------------------------

CompareCanvas::CompareCanvas(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("galleryCompareCanvas"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setMinimumSize(320, 240);
    setFocusPolicy(Qt::StrongFocus);
}

void CompareCanvas::setImages(const QList<QImage>& images)
{
    m_images = images;
    update();
}

void CompareCanvas::setMode(Mode mode)
{
    m_mode = mode;
    m_second = false;
    update();
}

void CompareCanvas::setPair(int a, int b)
{
    m_a = a;
    m_b = b;
    m_difference = {};
    update();
}

void CompareCanvas::setDifference(const QImage& heatMap)
{
    m_difference = heatMap;
    update();
}

void CompareCanvas::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    update();
    Q_EMIT viewChanged();
}

void CompareCanvas::setCentre(const QPointF& centre)
{
    m_centre = QPointF(std::clamp(centre.x(), 0.0, 1.0), std::clamp(centre.y(), 0.0, 1.0));
    update();
    Q_EMIT viewChanged();
}

void CompareCanvas::resetView()
{
    m_zoom = 1.0;
    m_centre = QPointF(0.5, 0.5);
    update();
    Q_EMIT viewChanged();
}

void CompareCanvas::setSlider(double position)
{
    m_slider = std::clamp(position, 0.0, 1.0);
    update();
}

void CompareCanvas::toggleFlicker()
{
    m_second = !m_second;
    update();
}

QList<QRectF> CompareCanvas::cells() const
{
    const QRectF area = QRectF(rect()).adjusted(kGap, kGap, -kGap, -kGap);
    if (m_mode != Mode::SideBySide || m_images.size() < 2)
        return { area };
    // A row for two or three, else a grid as square as the images allow.
    const int n = int(m_images.size());
    const int columns = n <= 3 ? n : int(std::ceil(std::sqrt(double(n))));
    const int rows = (n + columns - 1) / columns;
    const double w = (area.width() - (columns - 1) * kGap) / columns;
    const double h = (area.height() - (rows - 1) * kGap) / rows;
    QList<QRectF> out;
    for (int i = 0; i < n; ++i)
        out << QRectF(area.left() + (i % columns) * (w + kGap), area.top() + (i / columns) * (h + kGap), w, h);
    return out;
}

QRectF CompareCanvas::imageRect(int index, const QRectF& cell) const
{
    const QImage& image = index < 0 ? m_difference : m_images.value(index);
    if (image.isNull() || cell.isEmpty())
        return {};
    // Every image keeps its own fit, so images of different sizes line up point for point.
    const double fit = std::min(cell.width() / image.width(), cell.height() / image.height());
    const double scale = fit * m_zoom;
    const QSizeF shown(image.width() * scale, image.height() * scale);
    const QPointF topLeft = cell.center() - QPointF(m_centre.x() * shown.width(), m_centre.y() * shown.height());
    return QRectF(topLeft, shown);
}

void CompareCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(24, 24, 26));
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 2.0);
    const QList<QRectF> all = cells();
    auto draw = [&](int index, const QRectF& cell, const QRectF& clip) {
        const QImage& image = index < 0 ? m_difference : m_images.value(index);
        if (image.isNull())
            return;
        p.save();
        p.setClipRect(clip);
        p.drawImage(imageRect(index, cell), image);
        p.restore();
    };
    p.setPen(QColor(220, 220, 220));
    switch (m_mode) {
    case Mode::SideBySide:
        for (int i = 0; i < all.size(); ++i) {
            draw(i, all[i], all[i]);
            p.drawText(
                all[i].adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignTop, QString(QChar(u'A' + std::min(i, 25))));
        }
        break;
    case Mode::Slider: {
        const QRectF cell = all.first();
        const double x = cell.left() + m_slider * cell.width();
        draw(m_a, cell, QRectF(cell.left(), cell.top(), x - cell.left(), cell.height()));
        draw(m_b, cell, QRectF(x, cell.top(), cell.right() - x, cell.height()));
        p.setPen(QPen(QColor(255, 255, 255, 200), 2));
        p.drawLine(QPointF(x, cell.top()), QPointF(x, cell.bottom()));
        p.setPen(QColor(220, 220, 220));
        p.drawText(cell.adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignTop, QString(QChar(u'A' + m_a)));
        p.drawText(cell.adjusted(6, 4, -6, -4), Qt::AlignRight | Qt::AlignTop, QString(QChar(u'A' + m_b)));
        break;
    }
    case Mode::Flicker: {
        const int shown = m_second ? m_b : m_a;
        draw(shown, all.first(), all.first());
        p.drawText(all.first().adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignTop, QString(QChar(u'A' + shown)));
        break;
    }
    case Mode::Difference:
        if (m_difference.isNull())
            p.drawText(all.first(), Qt::AlignCenter, tr("Computing the difference…"));
        else
            draw(-1, all.first(), all.first());
        break;
    }
}

void CompareCanvas::wheelEvent(QWheelEvent* event)
{
    // Zoom about the point under the cursor: it stays where it is.
    const QList<QRectF> all = cells();
    QRectF cell = all.first();
    for (const QRectF& c : all) {
        if (c.contains(event->position()))
            cell = c;
    }
    const int index = m_mode == Mode::Difference ? -1 : (m_mode == Mode::SideBySide ? 0 : m_a);
    const QRectF before = imageRect(index, cell);
    if (before.isEmpty())
        return;
    const QPointF under((event->position().x() - before.left()) / before.width(),
        (event->position().y() - before.top()) / before.height());
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double zoom = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    const double ratio = m_zoom / zoom;
    m_zoom = zoom;
    m_centre = QPointF(std::clamp(under.x() + (m_centre.x() - under.x()) * ratio, 0.0, 1.0),
        std::clamp(under.y() + (m_centre.y() - under.y()) * ratio, 0.0, 1.0));
    update();
    Q_EMIT viewChanged();
    event->accept();
}

void CompareCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    m_lastMouse = event->position();
    if (m_mode == Mode::Slider) {
        const QRectF cell = cells().first();
        const double x = cell.left() + m_slider * cell.width();
        if (std::abs(event->position().x() - x) < 12) {
            m_draggingSlider = true;
            return;
        }
    }
    m_panning = true;
    setCursor(Qt::ClosedHandCursor);
}

void CompareCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const QRectF cell = cells().first();
    if (m_draggingSlider) {
        setSlider((event->position().x() - cell.left()) / std::max(1.0, cell.width()));
        return;
    }
    if (!m_panning) {
        if (m_mode == Mode::Slider) {
            const double x = cell.left() + m_slider * cell.width();
            setCursor(std::abs(event->position().x() - x) < 12 ? Qt::SplitHCursor : Qt::OpenHandCursor);
        } else {
            setCursor(Qt::OpenHandCursor);
        }
        return;
    }
    const QPointF delta = event->position() - m_lastMouse;
    m_lastMouse = event->position();
    const int index = m_mode == Mode::Difference ? -1 : (m_mode == Mode::SideBySide ? 0 : m_a);
    const QRectF shown = imageRect(index, cell);
    if (shown.isEmpty())
        return;
    setCentre(m_centre - QPointF(delta.x() / shown.width(), delta.y() / shown.height()));
}

void CompareCanvas::mouseReleaseEvent(QMouseEvent*)
{
    m_draggingSlider = false;
    m_panning = false;
    setCursor(Qt::OpenHandCursor);
}

// --- GalleryCompare --------------------------------------------------------------------------------------------

GalleryCompare::GalleryCompare(const QStringList& paths, QWidget* parent)
    : QDialog(parent)
    , m_paths(paths)
{
    setObjectName(QStringLiteral("galleryCompare"));
    setWindowTitle(tr("Compare %n Image(s)", nullptr, int(paths.size())));
    setAttribute(Qt::WA_DeleteOnClose);
    setSizeGripEnabled(true);
    resize(1100, 760);

    m_canvas = new CompareCanvas(this);
    m_modes = new QButtonGroup(this);
    auto* modes = new QHBoxLayout;
    auto addMode = [&](const char* name, const QString& text, const QString& tip, CompareCanvas::Mode mode) {
        auto* b = new QToolButton(this);
        b->setObjectName(QLatin1String(name));
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(true);
        m_modes->addButton(b, int(mode));
        modes->addWidget(b);
        return b;
    };
    addMode("galleryCompareSideBySide", tr("Side by Side"), tr("Every image next to the others"),
        CompareCanvas::Mode::SideBySide)
        ->setChecked(true);
    addMode("galleryCompareSlider", tr("Slider"), tr("Two images stacked; drag the line to reveal one or the other"),
        CompareCanvas::Mode::Slider);
    addMode("galleryCompareDifference", tr("Difference"),
        tr("Heat map of what differs between the two images: black is identical, bright differs most"),
        CompareCanvas::Mode::Difference);
    m_flicker = new QToolButton(this);
    m_flicker->setObjectName(QStringLiteral("galleryCompareFlicker"));
    m_flicker->setText(tr("Flicker"));
    m_flicker->setToolTip(tr("Switch between the two images quickly, so small changes jump out"));
    m_flicker->setCheckable(true);
    modes->addWidget(m_flicker);
    modes->addSpacing(12);
    m_first = new QComboBox(this);
    m_first->setObjectName(QStringLiteral("galleryCompareFirst"));
    m_second = new QComboBox(this);
    m_second->setObjectName(QStringLiteral("galleryCompareSecond"));
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const QString label
            = QStringLiteral("%1: %2").arg(QChar(u'A' + std::min<int>(int(i), 25))).arg(QFileInfo(paths[i]).fileName());
        m_first->addItem(label);
        m_second->addItem(label);
    }
    m_first->setCurrentIndex(0);
    m_second->setCurrentIndex(paths.size() > 1 ? 1 : 0);
    m_first->setToolTip(tr("The pair the slider, the flicker and the difference show"));
    m_second->setToolTip(m_first->toolTip());
    modes->addWidget(m_first);
    modes->addWidget(m_second);
    modes->addStretch(1);
    auto* fit = new QToolButton(this);
    fit->setObjectName(QStringLiteral("galleryCompareFit"));
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the images (the wheel zooms, dragging pans, all images together)"));
    modes->addWidget(fit);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("galleryCompareStatus"));
    modes->addWidget(m_status);

    m_diff = new QTextBrowser(this);
    m_diff->setObjectName(QStringLiteral("galleryCompareDiff"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_canvas);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(modes);
    layout->addWidget(splitter, 1);

    m_flickerTimer = new QTimer(this);
    m_flickerTimer->setInterval(kFlickerMs);
    connect(m_flickerTimer, &QTimer::timeout, m_canvas, &CompareCanvas::toggleFlicker);
    connect(m_modes, &QButtonGroup::idClicked, this, [this](int id) { setMode(CompareCanvas::Mode(id)); });
    connect(m_flicker, &QToolButton::toggled, this, [this](bool on) {
        if (on) {
            m_modes->setExclusive(false);
            for (QAbstractButton* b : m_modes->buttons())
                b->setChecked(false);
            m_modes->setExclusive(true);
            m_canvas->setMode(CompareCanvas::Mode::Flicker);
            m_flickerTimer->start();
        } else {
            m_flickerTimer->stop();
            if (m_canvas->mode() == CompareCanvas::Mode::Flicker)
                setMode(CompareCanvas::Mode::SideBySide);
        }
    });
    auto pairChanged = [this] { setPair(m_first->currentIndex(), m_second->currentIndex()); };
    connect(m_first, &QComboBox::currentIndexChanged, this, pairChanged);
    connect(m_second, &QComboBox::currentIndexChanged, this, pairChanged);
    connect(fit, &QToolButton::clicked, m_canvas, &CompareCanvas::resetView);

    // Recipes now (small chunks), pixels on the pool.
    for (const QString& path : paths) {
        std::optional<ImageRecipe> recipe;
        try {
            recipe = ImageMetadata::read(path).recipe;
        } catch (const std::exception&) {
        }
        m_recipes << recipe;
    }
    showDiff();
    m_status->setText(tr("Loading…"));
    auto* watcher = new QFutureWatcher<QList<QImage>>(this);
    connect(watcher, &QFutureWatcher<QList<QImage>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_images = watcher->result();
        m_canvas->setImages(m_images);
        m_loaded = true;
        m_status->clear();
        Q_EMIT loaded();
        computeDifference();
    });
    watcher->setFuture(QtConcurrent::run([paths] {
        QList<QImage> images;
        for (const QString& path : paths) {
            QImageReader reader(path);
            reader.setAutoTransform(true);
            images << reader.read().convertToFormat(QImage::Format_RGB32);
        }
        return images;
    }));
}

GalleryCompare::~GalleryCompare() = default;

void GalleryCompare::setMode(CompareCanvas::Mode mode)
{
    if (mode != CompareCanvas::Mode::Flicker && m_flicker->isChecked()) {
        const QSignalBlocker block(m_flicker);
        m_flicker->setChecked(false);
        m_flickerTimer->stop();
    }
    if (QAbstractButton* b = m_modes->button(int(mode)))
        b->setChecked(true);
    m_canvas->setMode(mode);
    if (mode == CompareCanvas::Mode::Flicker && !m_flicker->isChecked())
        m_flicker->setChecked(true);
}

void GalleryCompare::setPair(int a, int b)
{
    if (a < 0 || b < 0 || a >= m_paths.size() || b >= m_paths.size())
        return;
    {
        const QSignalBlocker blockA(m_first);
        const QSignalBlocker blockB(m_second);
        m_first->setCurrentIndex(a);
        m_second->setCurrentIndex(b);
    }
    m_canvas->setPair(a, b);
    computeDifference();
    showDiff();
}

void GalleryCompare::computeDifference()
{
    if (!m_loaded)
        return;
    const quint64 serial = ++m_differenceSerial;
    m_differenceReady = false;
    m_differingPixels = -1;
    m_largestDifference = -1;
    const QImage a = m_images.value(m_first->currentIndex());
    const QImage b = m_images.value(m_second->currentIndex());
    auto* watcher = new QFutureWatcher<Difference>(this);
    connect(watcher, &QFutureWatcher<Difference>::finished, this, [this, watcher, serial] {
        watcher->deleteLater();
        if (serial != m_differenceSerial)
            return;
        const Difference d = watcher->result();
        m_canvas->setDifference(d.heatMap);
        m_differingPixels = d.differing;
        m_largestDifference = d.largest;
        m_differenceReady = true;
        const qint64 total = qint64(d.heatMap.width()) * d.heatMap.height();
        if (d.differing == 0)
            m_status->setText(tr("Identical pixels"));
        else
            m_status->setText(
                tr("%1% of the pixels differ, by up to %2 levels")
                    .arg(QLocale().toString(100.0 * double(d.differing) / double(std::max<qint64>(1, total)), 'f', 1))
                    .arg(d.largest));
        Q_EMIT differenceReady();
    });
    watcher->setFuture(QtConcurrent::run(difference, a, b));
}

QStringList GalleryCompare::differingFields(int other) const
{
    const auto& a = m_recipes.value(0);
    const auto& b = m_recipes.value(other);
    if (!a || !b)
        return {};
    return RecipeDiff::fieldNames(*a, *b);
}

void GalleryCompare::showDiff()
{
    QString body;
    const auto& base = m_recipes.value(0);
    for (qsizetype i = 1; i < m_recipes.size(); ++i) {
        const QString title = QStringLiteral("A \u2192 %1").arg(QChar(u'A' + std::min<int>(int(i), 25)));
        const auto& other = m_recipes.at(i);
        body += QStringLiteral("<p><b>%1</b> ").arg(escaped(title));
        if (!base || !other) {
            body += escaped(tr("(no recipe to compare)")) + QStringLiteral("</p>");
            continue;
        }
        const QList<FieldDiff> fields = RecipeDiff::fields(*base, *other);
        if (fields.isEmpty()) {
            body += escaped(tr("same recipe")) + QStringLiteral("</p>");
            continue;
        }
        body += QStringLiteral("</p><table cellspacing='0' cellpadding='2'>");
        for (const FieldDiff& f : fields) {
            QString value;
            if (f.field == QLatin1String("prompt") || f.field == QLatin1String("negative_prompt"))
                value = wordDiffHtml(f.a, f.b);
            else
                value = QStringLiteral("<span style='color:#e06060; text-decoration:line-through'>%1</span> \u2192 "
                                       "<span style='color:#50c070'>%2</span>")
                            .arg(escaped(f.a), escaped(f.b));
            body += QStringLiteral("<tr><td valign='top' style='color:gray; padding-right:8px'>%1</td><td>%2</td></tr>")
                        .arg(escaped(f.field), value);
        }
        body += QStringLiteral("</table>");
    }
    m_diff->setHtml(body);
}

QString GalleryCompare::diffText() const
{
    QStringList lines;
    const auto& base = m_recipes.value(0);
    for (qsizetype i = 1; i < m_recipes.size(); ++i) {
        const auto& other = m_recipes.at(i);
        if (!base || !other)
            continue;
        for (const FieldDiff& f : RecipeDiff::fields(*base, *other)) {
            const bool words = f.field == QLatin1String("prompt") || f.field == QLatin1String("negative_prompt");
            lines << QStringLiteral("%1 %2: %3")
                         .arg(QChar(u'A' + std::min<int>(int(i), 25)))
                         .arg(f.field, words ? wordDiffPlain(f.a, f.b) : f.a + QStringLiteral(" -> ") + f.b);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace easel
