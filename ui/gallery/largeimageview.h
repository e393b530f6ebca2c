// SPDX-License-Identifier: MIT
#pragma once

#include <QPixmap>
#include <QWidget>

namespace easel {

/// The gallery's large view (Space): one image fitted to the widget over a dark background, with a line of facts
/// under it. The file is decoded off the GUI thread; a stand-in (the thumbnail) is shown until it is ready.
/// A click closes it (closeRequested).
class LargeImageView : public QWidget {
    Q_OBJECT
public:
    explicit LargeImageView(QWidget* parent = nullptr);
    ~LargeImageView() override;

    /// Shows \a path; \a standIn is drawn (scaled up) until the file is decoded. \a caption: one line.
    void showImage(const QString& path, const QPixmap& standIn, const QString& caption);
    void clear();
    QString path() const { return m_path; }
    /// True once the file itself (not the stand-in) is shown.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void closeRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QString m_path;
    QString m_caption;
    QPixmap m_pixmap;
    bool m_loaded = false;
    quint64 m_serial = 0;
};

} // namespace easel
