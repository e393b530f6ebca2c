// SPDX-License-Identifier: MIT
#include "imaging/attribution.h"

#include "common/error.h"
#include "recipe/imagerecipe.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace easel::imaging {

namespace {

    [[noreturn]] void fail(const std::string& message) { throw Error(message); }

    constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
    const QString kIptcExtNs = QStringLiteral("http://iptc.org/std/Iptc4xmpExt/2008-02-29/");

    /// Hershey fonts draw ASCII only.
    std::string asciiText(const QString& text)
    {
        std::string out;
        for (const QChar c : text.simplified())
            out += (c.unicode() >= 32 && c.unicode() < 127) ? char(c.unicode()) : '?';
        return out;
    }

    struct Layout {
        cv::Rect box;
        cv::Point origin; // text baseline origin
        double scale = 1.0;
        int thickness = 1;
    };

    Layout layout(cv::Size size, const WatermarkOptions& options)
    {
        if (options.text.trimmed().isEmpty())
            fail("watermark: the text is empty");
        if (!std::isfinite(options.opacity) || options.opacity < 0.0 || options.opacity > 1.0)
            fail("watermark: opacity must be between 0 and 1");
        if (!std::isfinite(options.size) || options.size < 0.25 || options.size > 4.0)
            fail("watermark: size must be between 0.25 and 4");
        if (size.width < 8 || size.height < 8)
            fail("watermark: the image is too small");
        const std::string text = asciiText(options.text);
        const int shorter = std::min(size.width, size.height);
        const int margin = std::max(2, int(std::lround(0.02 * shorter)));
        int height = std::max(8, int(std::lround(0.03 * options.size * shorter)));
        Layout l;
        l.thickness = std::max(1, int(std::lround(height / 14.0)));
        l.scale = cv::getFontScaleFromHeight(kFont, height, l.thickness);
        int baseline = 0;
        cv::Size textSize = cv::getTextSize(text, kFont, l.scale, l.thickness, &baseline);
        int pad = std::max(2, int(std::lround(0.4 * height)));
        // Long text shrinks to fit the width.
        const int room = size.width - 2 * margin - 2 * pad;
        if (textSize.width > room && room > 0) {
            l.scale *= double(room) / textSize.width;
            textSize = cv::getTextSize(text, kFont, l.scale, l.thickness, &baseline);
        }
        const int boxWidth = textSize.width + 2 * pad;
        const int boxHeight = textSize.height + baseline + 2 * pad;
        const bool right = options.corner == Corner::BottomRight || options.corner == Corner::TopRight;
        const bool bottom = options.corner == Corner::BottomRight || options.corner == Corner::BottomLeft;
        const int x = right ? size.width - margin - boxWidth : margin;
        const int y = bottom ? size.height - margin - boxHeight : margin;
        l.box = cv::Rect(x, y, boxWidth, boxHeight) & cv::Rect(cv::Point(0, 0), size);
        l.origin = cv::Point(x + pad, y + pad + textSize.height);
        return l;
    }

    QString xmlEscape(const QString& text) { return text.toHtmlEscaped(); }

} // namespace

std::optional<Corner> cornerFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("br"))
        return Corner::BottomRight;
    if (t == QLatin1String("bl"))
        return Corner::BottomLeft;
    if (t == QLatin1String("tr"))
        return Corner::TopRight;
    if (t == QLatin1String("tl"))
        return Corner::TopLeft;
    return std::nullopt;
}

cv::Rect watermarkRect(cv::Size size, const WatermarkOptions& options) { return layout(size, options).box; }

cv::Mat addWatermark(const cv::Mat& image, const WatermarkOptions& options)
{
    if (image.empty())
        fail("watermark: the image is empty");
    if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4))
        fail("watermark: needs an 8-bit grey, BGR or BGRA image");
    const Layout l = layout(image.size(), options);
    cv::Mat textMask(image.size(), CV_8UC1, cv::Scalar(0));
    cv::putText(textMask, asciiText(options.text), l.origin, kFont, l.scale, cv::Scalar(255), l.thickness, cv::LINE_AA);

    cv::Mat out = image.clone();
    const int colourChannels = std::min(image.channels(), 3);
    const float boxAlpha = float(options.opacity) * 0.5f;
    const float textAlpha = float(options.opacity);
    for (int y = l.box.y; y < l.box.y + l.box.height; ++y) {
        const auto* m = textMask.ptr<std::uint8_t>(y);
        auto* p = out.ptr<std::uint8_t>(y);
        for (int x = l.box.x; x < l.box.x + l.box.width; ++x) {
            const float t = textAlpha * (m[x] / 255.0f);
            std::uint8_t* px = p + x * image.channels();
            for (int c = 0; c < colourChannels; ++c) {
                const float dark = px[c] * (1.0f - boxAlpha);
                px[c] = cv::saturate_cast<std::uint8_t>(dark * (1.0f - t) + 255.0f * t);
            }
            if (image.channels() == 4)
                px[3] = std::max(px[3], cv::saturate_cast<std::uint8_t>(255.0f * std::max(boxAlpha, t)));
        }
    }
    return out;
}

QString familyLicence(const QString& family)
{
    if (family == QLatin1String("sd1"))
        return QStringLiteral("CreativeML OpenRAIL-M");
    if (family == QLatin1String("sd2") || family == QLatin1String("sdxl"))
        return QStringLiteral("CreativeML OpenRAIL++-M");
    return {};
}

QString familyFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n.isEmpty())
        return {};
    static const QRegularExpression xl(QStringLiteral("(^|[^a-z])(sd)?[_ -]?xl|xl([^a-z]|$)|sdxl"));
    static const QRegularExpression two(
        QStringLiteral("(^|[^0-9a-z])(sd|v|stable[_ -]?diffusion)[_ -]?2([._-]?[01])?([^0-9]|$)|768-v"));
    static const QRegularExpression one(
        QStringLiteral("(^|[^0-9a-z])(sd|v|stable[_ -]?diffusion)[_ -]?1([._-]?[45])?([^0-9]|$)|sd15"));
    if (xl.match(n).hasMatch())
        return QStringLiteral("sdxl");
    if (two.match(n).hasMatch())
        return QStringLiteral("sd2");
    if (one.match(n).hasMatch())
        return QStringLiteral("sd1");
    return {};
}

ModelInfo modelInfoFromChunks(const TextChunks& chunks)
{
    ModelInfo info;
    info.name = ImageFile::text(chunks, QStringLiteral("Model"));
    info.licence = ImageFile::text(chunks, QStringLiteral("License"));
    if (info.name.isEmpty() || info.name == QLatin1String("unknown")) {
        info.name.clear();
        const QString record = ImageFile::text(chunks, QStringLiteral("easel"));
        if (!record.isEmpty()) {
            if (const auto params = ImageRecipe::fromJsonText(record.toUtf8()))
                info.name = params->modelName;
        }
    }
    if (info.name.isEmpty()) {
        const QString parameters = ImageFile::text(chunks, QStringLiteral("parameters"));
        if (!parameters.isEmpty()) {
            if (const auto params = ImageRecipe::fromA1111Parameters(parameters))
                info.name = params->modelName;
        }
    }
    info.family = familyFromName(info.name);
    if (info.licence.isEmpty() || info.licence == QLatin1String("unknown"))
        info.licence = familyLicence(info.family);
    return info;
}

QString provenanceXmp(const ModelInfo& model, const QString& software)
{
    const QString name = model.name.isEmpty() ? QStringLiteral("an unknown model") : model.name;
    const QString licence = model.licence.isEmpty() ? QStringLiteral("an unknown licence") : model.licence;
    const QString rights
        = QStringLiteral("AI-generated with %1 using %2, licensed under %3.").arg(software, name, licence);
    return QStringLiteral("<?xpacket begin=\"") + QChar(0xFEFF)
        + QStringLiteral("\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                         "  <rdf:Description rdf:about=\"\"\n"
                         "    xmlns:Iptc4xmpExt=\"%1\"\n"
                         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                         "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                         "    Iptc4xmpExt:DigitalSourceType=\"%2\"\n"
                         "    xmp:CreatorTool=\"%3\">\n"
                         "   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%4</rdf:li></rdf:Alt></dc:rights>\n"
                         "  </rdf:Description>\n"
                         " </rdf:RDF>\n"
                         "</x:xmpmeta>\n"
                         "<?xpacket end=\"w\"?>")
              .arg(kIptcExtNs, kTrainedAlgorithmicMedia, xmlEscape(software), xmlEscape(rights));
}

TextChunks provenanceChunks(const ModelInfo& model, const QString& software)
{
    const QString unknown = QStringLiteral("unknown");
    return {
        { QStringLiteral("Model"), model.name.isEmpty() ? unknown : model.name },
        { QStringLiteral("License"), model.licence.isEmpty() ? unknown : model.licence },
        { QStringLiteral("AI-generated"), QStringLiteral("true") },
        { ImageFile::xmpKeyword, provenanceXmp(model, software) },
    };
}

QString digitalSourceType(const TextChunks& chunks)
{
    const QString xmp = ImageFile::text(chunks, ImageFile::xmpKeyword);
    if (xmp.isEmpty())
        return {};
    QXmlStreamReader xml(xmp);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.namespaceUri() == kIptcExtNs && xml.name() == QLatin1String("DigitalSourceType"))
            return xml.readElementText().trimmed();
        const QString attribute = xml.attributes().value(kIptcExtNs, QStringLiteral("DigitalSourceType")).toString();
        if (!attribute.isEmpty())
            return attribute;
    }
    return {};
}

} // namespace easel::imaging
