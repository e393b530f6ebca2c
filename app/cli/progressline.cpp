// SPDX-License-Identifier: MIT
#include "progressline.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace easel::cli {

ProgressLine::ProgressLine(QString label)
    : m_label(std::move(label))
    , m_tty(::isatty(STDERR_FILENO) == 1)
{
}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::show(double fraction, const QString& text)
{
    if (!m_tty)
        return;
    const int width = 30;
    const int filled = int(width * std::clamp(fraction, 0.0, 1.0));
    const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
    const QByteArray line = QStringLiteral("\r%1 [%2] %3 \x1b[K").arg(m_label, bar, text).toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    m_dirty = true;
}

void ProgressLine::finish()
{
    if (m_dirty)
        std::fputc('\n', stderr);
    m_dirty = false;
}

} // namespace easel::cli
