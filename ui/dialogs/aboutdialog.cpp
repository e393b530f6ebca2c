// SPDX-License-Identifier: MIT
#include "dialogs/aboutdialog.h"

#include "settings/paths.h"

#include "jobs/resources.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtGlobal>

namespace easel {

namespace {

    const char kMitText[]
        = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software "
          "and associated documentation files (the \"Software\"), to deal in the Software without "
          "restriction, including without limitation the rights to use, copy, modify, merge, publish, "
          "distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the "
          "Software is furnished to do so, subject to the following conditions:"
          "\n\n"
          "The above copyright notice and this permission notice shall be included in all copies or "
          "substantial portions of the Software."
          "\n\n"
          "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING "
          "BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND "
          "NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, "
          "DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, "
          "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.";

} // namespace

QVector<AboutDialog::Component> AboutDialog::components()
{
    return {
        { QStringLiteral("Easel"), tr("this program"), QStringLiteral("MIT"), QString() },
        { tr("CLIP tokenizer vocabulary (clip/vocab.json, clip/merges.txt)"),
            tr("bundled data, from OpenAI CLIP, Copyright (c) 2021 OpenAI"), QStringLiteral("MIT"),
            QStringLiteral("https://github.com/openai/CLIP") },
        { tr("Tiny demo model (models/tiny-sd15)"), tr("bundled data, random weights made for Easel"),
            QStringLiteral("MIT"), QString() },
        { QStringLiteral("Qt 6"), tr("windows, files, database, network"), QStringLiteral("LGPL-3.0-only"),
            QStringLiteral("https://www.qt.io/licensing/open-source-lgpl-obligations") },
        { QStringLiteral("libtorch (PyTorch)"), tr("the diffusion engine's tensors"), QStringLiteral("BSD-3-Clause"),
            QStringLiteral("https://pytorch.org") },
        { QStringLiteral("OpenBLAS"), tr("matrix maths under libtorch"), QStringLiteral("BSD-3-Clause"),
            QStringLiteral("https://github.com/OpenMathLib/OpenBLAS/blob/develop/LICENSE") },
        { QStringLiteral("OpenCV"), tr("image tools"), QStringLiteral("Apache-2.0"),
            QStringLiteral("https://opencv.org/license/") },
        { QStringLiteral("nlohmann/json"), tr("model headers and configs (compiled in)"), QStringLiteral("MIT"),
            QStringLiteral("https://github.com/nlohmann/json/blob/develop/LICENSE.MIT") },
        { QStringLiteral("zlib"), tr("PNG metadata"), QStringLiteral("Zlib"),
            QStringLiteral("https://zlib.net/zlib_license.html") },
        { QStringLiteral("SQLite"), tr("the gallery database, through Qt's driver"), QStringLiteral("public domain"),
            QStringLiteral("https://www.sqlite.org/copyright.html") },
    };
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Easel"));
    resize(640, 560);

    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    const QIcon icon = QIcon::fromTheme(QStringLiteral("org.easel.Easel"));
    if (!icon.isNull()) {
        auto* iconLabel = new QLabel(this);
        iconLabel->setPixmap(icon.pixmap(64, 64));
        header->addWidget(iconLabel);
    }
    auto* title = new QLabel(this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setTextFormat(Qt::RichText);
    title->setText(QStringLiteral("<h2>Easel %1</h2><p>%2</p>")
                       .arg(QStringLiteral(EASEL_VERSION),
                           tr("Stable Diffusion on your own machine, offline. Qt %1.").arg(QLatin1String(qVersion()))));
    header->addWidget(title, 1);
    layout->addLayout(header);

    m_licences = new QTextBrowser(this);
    m_licences->setObjectName(QStringLiteral("licences"));
    m_licences->setOpenExternalLinks(true);

    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><p>%3</p>")
                       .arg(tr("Files"),
                           tr("Easel's data (demo model, CLIP vocabulary, translations): %1")
                               .arg(QDir::toNativeSeparators(resourceDir()).toHtmlEscaped()),
                           tr("Your models can live anywhere; models Easel downloads go to %1. Until you choose "
                              "one, Easel uses its tiny demo model, whose random weights make coloured noise.")
                               .arg(QDir::toNativeSeparators(paths::defaultModelsDir()).toHtmlEscaped()));
    html += QStringLiteral("<h3>%1</h3><table cellpadding=\"3\">").arg(tr("Licences"));
    for (const Component& c : components()) {
        const QString name = c.url.isEmpty()
            ? c.name.toHtmlEscaped()
            : QStringLiteral("<a href=\"%1\">%2</a>").arg(c.url.toHtmlEscaped(), c.name.toHtmlEscaped());
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td><b>%3</b></td></tr>")
                    .arg(name, c.role.toHtmlEscaped(), c.licence.toHtmlEscaped());
    }
    html += QStringLiteral("</table><p>%1</p><h3>%2</h3><p>Copyright (c) 2026 The Easel developers</p><p>%3</p>")
                .arg(tr("Models you download have their own licences: 'easel-cli info MODEL' shows a model's."),
                    tr("Easel's licence (MIT)"),
                    QString::fromLatin1(kMitText).toHtmlEscaped().replace(
                        QStringLiteral("\n\n"), QStringLiteral("</p><p>")));
    m_licences->setHtml(html);
    layout->addWidget(m_licences, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::licenceHtml() const { return m_licences->toHtml(); }

} // namespace easel
