// SPDX-License-Identifier: MIT
#pragma once

#include "imaging/imageio.h"

#include <QFrame>

class QLabel;
class QToolButton;
template <typename T> class QFutureWatcher;

namespace easel {

/**
 * One input image of a finishing tool: a thumbnail and the file's name, an Open button, and a drop target.
 * The file is read (pixels, PNG chunks, hash) off the GUI thread; when several are set quickly, the last
 * one wins. Children: "<name>Open" (the button), "<name>Label".
 */
class ImageSlot : public QFrame {
    Q_OBJECT
public:
    ImageSlot(const QString& name, const QString& placeholder, QWidget* parent = nullptr);
    ~ImageSlot() override;

    QString path() const { return m_path; }
    /// The image read from path(); empty pixels while it loads or when it failed.
    const imaging::ImageData& image() const { return m_image; }
    bool isLoaded() const { return !m_image.pixels.empty(); }

public Q_SLOTS:
    /// Reads \a path in the background (loaded() or failed() follow). An empty path clears the slot.
    void setPath(const QString& path);
    /// Asks for a file with a dialog.
    void choose();

Q_SIGNALS:
    void pathChanged(const QString& path);
    void loaded();
    void failed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct Loaded {
        imaging::ImageData image;
        QString error;
    };
    void showState(const QString& text);

    QLabel* m_thumbnail = nullptr;
    QLabel* m_label = nullptr;
    QToolButton* m_open = nullptr;
    QFutureWatcher<Loaded>* m_watcher = nullptr;
    QString m_path;
    QString m_placeholder;
    imaging::ImageData m_image;
};

} // namespace easel
