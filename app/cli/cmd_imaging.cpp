// SPDX-License-Identifier: MIT
// easel-cli enhance / merge / attribute / check: the image tools of core/imaging.
#include "cliutil.h"
#include "commands.h"

#include "engine/common/error.h"
#include "engine/weights/modelfiles.h"
#include "imaging/attribution.h"
#include "imaging/enhance.h"
#include "imaging/toolfiles.h"
#include "imaging/imageio.h"
#include "imaging/merge.h"
#include "imaging/mergefile.h"
#include "imaging/quality.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>

#include <opencv2/core.hpp>

#include <cmath>
#include <functional>
#include <optional>

namespace easel::cli {

namespace {

    const QString kSoftware = QStringLiteral("Easel " EASEL_VERSION);

    /// A bad command line: reported with exit code 2.
    struct UsageError {
        QString message;
    };

    double parseNumber(const QString& option, const QString& text)
    {
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok)
            throw UsageError { QStringLiteral("--%1 expects a number, got '%2'").arg(option, text) };
        return value;
    }

    QList<double> parseList(const QString& option, const QString& text, int count, const QString& shape)
    {
        const QStringList parts = text.split(QLatin1Char(','));
        QList<double> values;
        bool ok = parts.size() == count;
        for (const QString& part : parts) {
            bool partOk = false;
            values << part.trimmed().toDouble(&partOk);
            ok = ok && partOk;
        }
        if (!ok)
            throw UsageError { QStringLiteral("--%1 expects %2, got '%3'").arg(option, shape, text) };
        return values;
    }

    /// Runs a command body: EngineError and OpenCV errors become one line and exit 1, usage errors exit 2.
    int guarded(const QString& command, const std::function<int()>& body)
    {
        try {
            return body();
        } catch (const UsageError& e) {
            err(QStringLiteral("easel-cli %1: %2").arg(command, e.message));
            return 2;
        } catch (const std::runtime_error& e) { // easel::Error and the engine's EngineError
            err(QStringLiteral("easel-cli %1: %2").arg(command, QString::fromUtf8(e.what())));
            return 1;
        } catch (const cv::Exception& e) {
            err(QStringLiteral("easel-cli %1: image processing failed: %2")
                    .arg(command, QString::fromStdString(e.msg).simplified()));
            return 1;
        }
    }

    /// What `easel-cli info` knows of a model file: its name, family and licence.
    imaging::ModelInfo modelInfoOf(const QString& path)
    {
        const auto files = engine::ModelFiles::open(path.toStdString());
        imaging::ModelInfo info;
        info.name = QFileInfo(path).completeBaseName();
        switch (files->info().family) {
        case engine::ModelFamily::SD1: info.family = QStringLiteral("sd1"); break;
        case engine::ModelFamily::SD2: info.family = QStringLiteral("sd2"); break;
        case engine::ModelFamily::SDXLBase:
        case engine::ModelFamily::SDXLRefiner: info.family = QStringLiteral("sdxl"); break;
        case engine::ModelFamily::Unknown: break;
        }
        info.licence = QString::fromStdString(engine::modelLicence(files->info()).name);
        return info;
    }

    QStringList positionals(const QCommandLineParser& parser, int count, const QString& names)
    {
        const QStringList args = parser.positionalArguments();
        if (args.size() > count)
            throw UsageError {
                QStringLiteral("unexpected argument '%1': expected %2 (see --help)").arg(args.at(count), names)
            };
        if (args.size() != count)
            throw UsageError { QStringLiteral("expected %1 (see --help)").arg(names) };
        return args;
    }

    QCommandLineOption forceOption()
    {
        return QCommandLineOption(
            QStringLiteral("force"), QStringLiteral("Replace OUT if it exists (a source image is never overwritten)."));
    }

    AtomicFile::Existing existing(const QCommandLineParser& parser)
    {
        return parser.isSet(QStringLiteral("force")) ? AtomicFile::Existing::Replace : AtomicFile::Existing::Refuse;
    }

} // namespace

int runEnhance(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Enhance a copy of an image with Pillow's semantics. Steps run in this order: sharpness, contrast, "
        "colour, brightness, unsharp mask; factor 1 changes nothing. The result is a new PNG whose metadata "
        "names the source and the operations."));
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("Source image."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("Result (.png), a new file."));
    const QCommandLineOption sharpness(
        QStringLiteral("sharpness"), QStringLiteral("Sharpness factor."), QStringLiteral("F"));
    const QCommandLineOption contrast(
        QStringLiteral("contrast"), QStringLiteral("Contrast factor."), QStringLiteral("F"));
    const QCommandLineOption color(
        QStringLiteral("color"), QStringLiteral("Colour saturation factor."), QStringLiteral("F"));
    const QCommandLineOption brightness(
        QStringLiteral("brightness"), QStringLiteral("Brightness factor."), QStringLiteral("F"));
    const QCommandLineOption unsharp(QStringLiteral("unsharp"),
        QStringLiteral("Unsharp mask: radius, percent, threshold (e.g. 2,150,3)."), QStringLiteral("R,P,T"));
    const QCommandLineOption preset(QStringLiteral("preset"),
        QStringLiteral("seed-chain: sharpness 1.2, contrast 1.1, colour 1.1, unsharp mask 1,150,3 (options given "
                       "alongside override it)."),
        QStringLiteral("NAME"));
    parser.addOptions({ sharpness, contrast, color, brightness, unsharp, preset, forceOption() });
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    return guarded(QStringLiteral("enhance"), [&] {
        const QStringList files = positionals(parser, 2, QStringLiteral("IN and OUT"));
        imaging::EnhanceSettings settings;
        if (parser.isSet(preset)) {
            if (parser.value(preset) != QLatin1String("seed-chain"))
                throw UsageError {
                    QStringLiteral("unknown preset '%1' (known: seed-chain)").arg(parser.value(preset))
                };
            settings = imaging::EnhanceSettings::seedChain();
        }
        if (parser.isSet(sharpness))
            settings.sharpness = parseNumber(QStringLiteral("sharpness"), parser.value(sharpness));
        if (parser.isSet(contrast))
            settings.contrast = parseNumber(QStringLiteral("contrast"), parser.value(contrast));
        if (parser.isSet(color))
            settings.color = parseNumber(QStringLiteral("color"), parser.value(color));
        if (parser.isSet(brightness))
            settings.brightness = parseNumber(QStringLiteral("brightness"), parser.value(brightness));
        if (parser.isSet(unsharp)) {
            const QList<double> v = parseList(QStringLiteral("unsharp"), parser.value(unsharp), 3,
                QStringLiteral("RADIUS,PERCENT,THRESHOLD (e.g. 2,150,3)"));
            if (v[1] != std::floor(v[1]) || v[2] != std::floor(v[2]))
                throw UsageError { QStringLiteral("--unsharp: percent and threshold are whole numbers") };
            settings.unsharp = imaging::UnsharpMaskParams { v[0], int(v[1]), int(v[2]) };
        }
        if (settings.isIdentity())
            throw UsageError { QStringLiteral("nothing to do: give --preset or at least one adjustment") };

        const int steps = imaging::enhanceFile(files[0], files[1], settings, kSoftware, existing(parser));
        out(QStringLiteral("%1: %2 step(s) applied to %3")
                .arg(files[1])
                .arg(steps)
                .arg(files[0]));
        return 0;
    });
}

int runMerge(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Cut a character out of its generated backdrop and composite it onto a background, with soft edges and "
        "colour harmonised to the background. By default the character stands in the middle of the right half, "
        "feet on the bottom edge, its whole frame as tall as the output."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("Result (.png), a new file."));
    const QCommandLineOption character(QStringLiteral("character"),
        QStringLiteral("Character image (subject on a plain backdrop)."), QStringLiteral("C"));
    const QCommandLineOption background(
        QStringLiteral("background"), QStringLiteral("Background image."), QStringLiteral("B"));
    const QCommandLineOption size(
        QStringLiteral("size"), QStringLiteral("Output size (default 1024x512)."), QStringLiteral("WxH"));
    const QCommandLineOption position(QStringLiteral("position"),
        QStringLiteral("Where the character's feet (bottom centre) go, in output pixels."), QStringLiteral("x,y"));
    const QCommandLineOption scale(QStringLiteral("scale"),
        QStringLiteral("Character size; 1 makes its whole frame as tall as the output (default 1)."),
        QStringLiteral("S"));
    const QCommandLineOption harmonize(QStringLiteral("harmonize"),
        QStringLiteral("Colour harmonisation strength, 0..1 (default 0.2)."), QStringLiteral("F"));
    parser.addOptions({ character, background, size, position, scale, harmonize, forceOption() });
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    return guarded(QStringLiteral("merge"), [&] {
        const QStringList files = positionals(parser, 1, QStringLiteral("OUT"));
        if (!parser.isSet(character) || !parser.isSet(background))
            throw UsageError { QStringLiteral("--character and --background are required") };
        imaging::MergeOptions options;
        if (parser.isSet(size)) {
            const QStringList parts = parser.value(size).toLower().split(QLatin1Char('x'));
            bool okW = false;
            bool okH = false;
            const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
            const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
            if (!okW || !okH)
                throw UsageError {
                    QStringLiteral("--size expects WxH (e.g. 1024x512), got '%1'").arg(parser.value(size))
                };
            options.size = cv::Size(w, h);
        }
        if (parser.isSet(position)) {
            const QList<double> v
                = parseList(QStringLiteral("position"), parser.value(position), 2, QStringLiteral("x,y"));
            options.position = cv::Point2d(v[0], v[1]);
        }
        if (parser.isSet(scale))
            options.scale = parseNumber(QStringLiteral("scale"), parser.value(scale));
        if (parser.isSet(harmonize))
            options.harmonize = parseNumber(QStringLiteral("harmonize"), parser.value(harmonize));

        const imaging::MergeResult result = imaging::mergeFiles(
            parser.value(character), parser.value(background), files[0], options, kSoftware, existing(parser));
        out(QStringLiteral("%1: %2x%3, character at %4,%5 (%6x%7)")
                .arg(files[0])
                .arg(options.size.width)
                .arg(options.size.height)
                .arg(result.placement.x)
                .arg(result.placement.y)
                .arg(result.placement.width)
                .arg(result.placement.height));
        return 0;
    });
}

int runAttribute(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a copy of an image with a visible watermark and invisible provenance: PNG text naming the "
        "software, the model and its licence, and the IPTC 'trainedAlgorithmicMedia' marker in XMP. The model "
        "comes from --model, else from the image's own metadata."));
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("Source image."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("Result (.png), a new file."));
    const QCommandLineOption text(
        QStringLiteral("text"), QStringLiteral("Watermark text (default \"AI-generated\")."), QStringLiteral("T"));
    const QCommandLineOption corner(QStringLiteral("corner"),
        QStringLiteral("Watermark corner: br, bl, tr or tl (default br)."), QStringLiteral("C"));
    const QCommandLineOption opacity(
        QStringLiteral("opacity"), QStringLiteral("Watermark opacity, 0..1 (default 0.7)."), QStringLiteral("F"));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("The model file or diffusers folder the image was made with; its metadata or family "
                       "names the licence."),
        QStringLiteral("PATH"));
    const QCommandLineOption licence(
        QStringLiteral("licence"), QStringLiteral("Licence text, overriding the model's."), QStringLiteral("TEXT"));
    parser.addOptions({ text, corner, opacity, model, licence, forceOption() });
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    return guarded(QStringLiteral("attribute"), [&] {
        const QStringList files = positionals(parser, 2, QStringLiteral("IN and OUT"));
        imaging::WatermarkOptions watermark;
        if (parser.isSet(text))
            watermark.text = parser.value(text);
        if (parser.isSet(corner)) {
            const auto c = imaging::cornerFromString(parser.value(corner));
            if (!c)
                throw UsageError {
                    QStringLiteral("--corner expects br, bl, tr or tl, got '%1'").arg(parser.value(corner))
                };
            watermark.corner = *c;
        }
        if (parser.isSet(opacity))
            watermark.opacity = parseNumber(QStringLiteral("opacity"), parser.value(opacity));

        std::optional<imaging::ModelInfo> info;
        if (parser.isSet(model) || parser.isSet(licence)) {
            info = imaging::modelInfoFromChunks(imaging::readImage(files[0]).chunks);
            if (parser.isSet(model))
                *info = modelInfoOf(parser.value(model));
            if (parser.isSet(licence))
                info->licence = parser.value(licence);
        }
        const imaging::ModelInfo used
            = imaging::attributeFile(files[0], files[1], watermark, info, kSoftware, existing(parser));
        out(QStringLiteral("%1: watermarked; model %2, licence %3")
                .arg(files[1], used.name.isEmpty() ? QStringLiteral("unknown") : used.name,
                    used.licence.isEmpty() ? QStringLiteral("unknown") : used.licence));
        return 0;
    });
}

int runCheck(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Quality flags of an image: nearly black (mean < 10), nearly white (mean > 245), uniform (std < 5). "
        "Exit code 0 when none is set, 1 when one is (or on error)."));
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("Image to check."));
    int exitCode = 0;
    if (!parseOrExit(parser, args, exitCode))
        return exitCode;

    return guarded(QStringLiteral("check"), [&] {
        const QStringList files = positionals(parser, 1, QStringLiteral("IN"));
        const imaging::QualityReport report = imaging::checkQuality(imaging::readImage(files[0]).pixels);
        out(QStringLiteral("%1: %2").arg(files[0], report.summary()));
        return report.ok() ? 0 : 1;
    });
}

} // namespace easel::cli
