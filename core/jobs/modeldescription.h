// SPDX-License-Identifier: MIT
#pragma once

#include "recipe/imagerecipe.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace easel {

/// One stored part of a model (UNet, VAE, text encoders), as the file holds it.
struct ModelComponentDescription {
    QString name; ///< "unet", "vae", "text_encoder", "text_encoder_2"
    QString source; ///< the file (and key prefix) it is read from
    qint64 parameters = 0; ///< elements, summed over its tensors
    qint64 tensors = 0;
    qint64 bytes = 0; ///< as stored
    QMap<QString, qint64> dtypes; ///< stored dtype ("F16") -> tensor count
};

/// What the loader says about a model without loading its weights: what `easel-cli info` prints and the
/// Models dialog shows.
struct ModelDescription {
    QString path; ///< as given
    QString name; ///< the file name without extension, or the folder's name
    bool demo = false; ///< the bundled demo model (random weights: its pictures are abstract noise)

    QString layout; ///< "single-file (original LDM keys)", "diffusers folder", "standalone VAE"
    bool standaloneVae = false;
    QString architecture; ///< "SD 1.x", "SD 2.x", "SDXL base", "SDXL refiner", "unknown"
    QString family; ///< "sd1", "sd2", "sdxl" (as ModelSummary); empty when unknown
    bool inpainting = false;
    qint64 unetInChannels = 0;
    qint64 contextDim = 0; ///< UNet cross-attention width
    bool vPrediction = false;
    QString predictionSource; ///< "scheduler config", "sidecar x.json", "assumed", ...

    QList<ModelComponentDescription> components;
    QList<QPair<QString, QString>> metadata; ///< a single file's __metadata__, in key order
    QStringList notes; ///< what a user may want to know (ignored EMA weights, an assumed prediction...)

    QString licenceName; ///< e.g. "CreativeML OpenRAIL-M"
    QString licenceUrl;
    QString licenceRestrictions; ///< a short summary of the use restrictions
    QString licenceSource; ///< "file metadata" or "family default"

    qint64 diskBytes = 0; ///< the file, or every file under the folder
    qint64 parameters = 0; ///< summed over the components
    QStringList dtypes; ///< stored dtypes, most used first ("F16")

    /// How it would run here with the device and precision describeModel() was given ("auto" resolved),
    /// and the memory its weights then take: parameters at that precision (SDXL's VAE stays fp32 under
    /// fp16, as the engine keeps it). Working memory, which grows with the image size, comes on top.
    Device runDevice = Device::Cpu;
    Precision runPrecision = Precision::Fp32;
    qint64 runBytes = 0;

    /// Whether Easel can generate with it (a whole model of a known architecture).
    bool usable() const { return !standaloneVae && !family.isEmpty(); }
    /// The weights' bytes when run at `precision` (not Auto).
    qint64 weightBytesAt(Precision precision) const;
};

/// Reads a model's header (a .safetensors file, its sidecars, or a diffusers folder's configs and
/// headers) without loading its weights. `device` and `precision` are what the user chose (Auto is
/// resolved as ModelService does) and only affect the run* fields. Throws easel::Error with one line
/// naming the file for every kind of bad input. Safe to call from any thread.
ModelDescription describeModel(
    const QString& path, Device device = Device::Auto, Precision precision = Precision::Auto);

/// The licence describeModel() reports for a model of `family` ("sd1", "sd2", "sdxl"; anything else is unknown)
/// whose file names none: only family and the licence fields are set (licenceSource "family default"). For an
/// image whose model file is not on this machine.
ModelDescription describeFamilyLicence(const QString& family);

/// Models in `folder`: .safetensors checkpoints and diffusers folders (those with a model_index.json),
/// directly inside it and one level down, sorted by path. Only names are read (no file is opened), so
/// it is fast; pickle files (.ckpt, .pt, .bin) are left out since Easel refuses them, and so are TAESD
/// preview decoders and hidden files (partial downloads). A folder that is itself a diffusers model
/// gives itself.
QStringList findModels(const QString& folder);

} // namespace easel
