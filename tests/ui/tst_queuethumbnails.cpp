// SPDX-License-Identifier: MIT
// The queue panel's thumbnails over a long run: each row shows its latest preview, and repainting rows whose
// thumbnails change keeps nothing in Qt's pixmap cache (the stock delegate left a dead pixmap there on every paint,
// which filled it to its limit over a thousand generations).

#include "jobs/jobqueue.h"
#include "queue/queuepanel.h"

#include <QListView>
#include <QPixmapCache>
#include <QSignalSpy>
#include <QtTest>

using namespace easel;

namespace {

constexpr int WaitMs = 60000;

/// Sends one preview of a plain colour, then ends.
class PreviewJob : public Job {
public:
    explicit PreviewJob(QColor colour)
        : m_colour(colour)
    {
    }
    QString kind() const override { return QStringLiteral("preview"); }
    QString title() const override { return QStringLiteral("preview %1").arg(m_colour.name()); }
    JobResult run(JobContext& context) override
    {
        Preview preview;
        preview.width = preview.height = 32;
        for (int i = 0; i < preview.width * preview.height; ++i)
            preview.rgb.append(char(m_colour.red())).append(char(m_colour.green())).append(char(m_colour.blue()));
        context.preview(0, 1, preview);
        JobResult result;
        result.state = JobState::Completed;
        return result;
    }
    QJsonObject toJson() const override { return { { QStringLiteral("kind"), kind() } }; }
    std::unique_ptr<Job> clone() const override { return std::make_unique<PreviewJob>(m_colour); }

private:
    QColor m_colour;
};

/// Pixels of \a image within 8 of \a colour in each channel.
int pixelsOf(const QImage& image, QColor colour)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        for (int x = 0; x < rgb.width(); ++x) {
            const QColor c = QColor::fromRgb(rgb.pixel(x, y));
            if (std::abs(c.red() - colour.red()) <= 8 && std::abs(c.green() - colour.green()) <= 8
                && std::abs(c.blue() - colour.blue()) <= 8)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestQueueThumbnails : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void repaintsKeepNothingInThePixmapCache()
    {
        JobQueue queue;
        queue.setEndedLimit(3); // every row in sight
        QueuePanel panel(queue);
        panel.resize(400, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* view = panel.findChild<QListView*>(QStringLiteral("queueView"));
        QVERIFY(view);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);

        const auto run = [&](QColor colour) {
            const int before = int(finished.size());
            queue.submit(std::make_unique<PreviewJob>(colour));
            QTRY_VERIFY_WITH_TIMEOUT(finished.size() > before, WaitMs);
            view->viewport()->repaint(); // painted now, not when the event loop gets to it
        };
        run(QColor(20, 200, 40)); // the style's own cached pieces are made once, here

        // A cache that 16 thumbnails of 64x64 fill, with an entry of ours put in last: new entries at every paint
        // would push it out first.
        QPixmapCache::setCacheLimit(256);
        QPixmap sentinel(32, 32);
        sentinel.fill(Qt::black);
        QVERIFY(QPixmapCache::insert(QStringLiteral("tst-sentinel"), sentinel));

        QColor last;
        for (int i = 0; i < 100; ++i) {
            last = QColor::fromHsv((i * 37) % 360, 200, 220);
            run(last);
        }
        QPixmap found;
        QVERIFY2(QPixmapCache::find(QStringLiteral("tst-sentinel"), &found),
            "painting the queue's thumbnails put new entries in QPixmapCache");

        // The newest row shows its preview (made 64x64 by the model).
        const QImage shown = view->viewport()->grab().toImage();
        QVERIFY2(pixelsOf(shown, last) >= 32 * 32 * 3 / 4, qPrintable(last.name()));
    }
};

QTEST_MAIN(TestQueueThumbnails)
#include "tst_queuethumbnails.moc"
