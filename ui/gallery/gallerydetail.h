// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace easel {

/**
 * The gallery's detail pane (objectName "galleryDetail"): everything known about one image, read off the GUI thread
 * from the file itself: the full recipe (whichever tool wrote it), the quality flags (those Easel recorded when it made
 * the image, then imaging::checkQuality on the pixels), the lineage (the flagged image an automatic retry was made
 * for; the source image of an img2img and its mask; the sources and operations an image tool
 * recorded, e.g. the two images of a merge) and the file's facts (path, size, pixels, date, SHA-256, tool, rating,
 * flags, tags, boards). Copy Prompt / Copy Seed / Copy All put it on the clipboard as plain text.
 *
 * The lineage is the whole chain: the sources and operations (with their values) of the image, then of each source
 * found beside the image that names it with the recorded SHA-256, and so on back to the first images.
 * Lineage entries are links: lineageRequested(name or path) asks the gallery to show that image (any ancestor).
 */
class GalleryDetail : public QWidget {
    Q_OBJECT
public:
    explicit GalleryDetail(QWidget* parent = nullptr);
    ~GalleryDetail() override;

    /// Shows \a path (read in the background; loaded() follows). An empty path clears the pane.
    void showImage(const QString& path);
    QString path() const { return m_path; }
    /// True once the shown image's facts are in.
    bool isLoaded() const { return m_loaded; }

    /// What Copy All copies: one "Label: value" line per fact, the prompts in full.
    QString plainText() const { return m_plain; }
    QString prompt() const { return m_prompt; }
    QString seed() const { return m_seed; }

public Q_SLOTS:
    void copyPrompt();
    void copySeed();
    void copyAll();

Q_SIGNALS:
    void loaded(const QString& path);
    /// A lineage link was clicked: a file name (as image tools record their sources) or an absolute path.
    void lineageRequested(const QString& nameOrPath);

private:
    struct Facts;
    static Facts read(const QString& path);
    void show(const Facts& facts);

    QString m_path;
    QString m_plain;
    QString m_prompt;
    QString m_seed;
    bool m_loaded = false;
    quint64 m_serial = 0;
    QLabel* m_title = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_copyPrompt = nullptr;
    QPushButton* m_copySeed = nullptr;
    QPushButton* m_copyAll = nullptr;
};

} // namespace easel
