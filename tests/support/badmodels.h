// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVector>

namespace easel::test {

/// One kind of broken model input, written into a directory by writeBadModels().
struct BadModel {
    QString name; ///< row name, e.g. "truncated data"
    QString path; ///< what to open
    QString expected; ///< a phrase the one-line error must contain (besides the path)
};

/// Writes every bad input the loader must reject (missing, empty, truncated, bad header, unknown
/// dtype, span mismatch, overlap, pickle, zip, LoRA, unknown architecture, broken diffusers folders...)
/// under `dir`, derived from the valid tiny fixtures, and returns them.
QVector<BadModel> writeBadModels(const QString& dir);

} // namespace easel::test
