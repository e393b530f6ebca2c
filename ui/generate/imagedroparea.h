// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QMimeData;
class QToolButton;

namespace easel {

/// The img2img source: drop an image file on it (or click to choose one); shows a thumbnail. Empty: txt2img.
class ImageDropArea : public QFrame {
    Q_OBJECT
public:
    explicit ImageDropArea(QWidget* parent = nullptr);

    QString path() const { return m_path; }
    /// Shows the image at `path` (empty clears); false, with the area cleared, when it cannot be read.
    bool setPath(const QString& path);

Q_SIGNALS:
    void pathChanged(const QString& path);
    /// A dropped or chosen file is not a readable image (one line, naming it).
    void rejected(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    static QString imageFileOf(const QMimeData* mime);

    QLabel* m_thumbnail = nullptr;
    QToolButton* m_clear = nullptr;
    QString m_path;
};

} // namespace easel
