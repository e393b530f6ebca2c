// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

class QTextBrowser;

namespace easel {

/// Help > About: Easel's version, where its files are, and the licences of Easel, of the data it ships
/// (CLIP vocabulary, demo model) and of the libraries it uses.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    /// One row of the licence list.
    struct Component {
        QString name;
        QString role; ///< what Easel uses it for (translated)
        QString licence; ///< SPDX identifier
        QString url;
    };

    explicit AboutDialog(QWidget* parent = nullptr);

    /// Easel, its bundled data, and the libraries it links, in the order shown.
    static QVector<Component> components();

    /// The text shown in the licence browser (HTML), for tests.
    QString licenceHtml() const;

private:
    QTextBrowser* m_licences = nullptr;
};

} // namespace easel
